"""Smoke test of bench/check.py: its scorer, its BM25 and its skip when the data is absent."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("check.py")


def test_scores_follow_checkthat_definitions(bench: ModuleType) -> None:
    s = bench.scores(["x", "a", "y", "b"], frozenset({"a", "b"}))
    assert s["p@1"] == 0.0
    assert s["mrr"] == 0.5
    assert s["map@5"] == pytest.approx((1 / 2 + 2 / 4) / 2)
    assert bench.scores([], frozenset({"a"}))["map@5"] == 0.0


def test_bm25_prefers_the_rare_shared_word(bench: ModuleType) -> None:
    docs = [
        bench.tokens("Unemployment among veterans is lower than ever."),
        bench.tokens("Taxes went up for the middle class."),
        bench.tokens("Taxes went down for veterans."),
    ]
    assert bench.BM25(docs).top(bench.tokens("veterans unemployment fell"), 3)[0] == 0


def test_skips_without_data(bench: ModuleType, tmp_path: Path) -> None:
    assert bench.main(["--eval-dir", str(tmp_path)]) == 0
