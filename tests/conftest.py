"""Shared fixtures: the real model loaded once, and a store that always lives in tmp_path."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from embeddings import Encoder
from provenance.pipeline import ingest
from tests.fakes import FakeEncoder

ROOT = Path(__file__).resolve().parent.parent


def load_bench(script: str) -> ModuleType:
    """A script of bench/ as a module (bench/ is scripts, not a package), loaded once."""
    name = "bench_" + Path(script).stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_9c3b63b51e2a9183.txt"
SEED_001 = SEEDS / "001_583b3e17e883c5a4.txt"


@pytest.fixture(autouse=True)
def _store_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test may touch ./.provenance: the default store points into tmp_path."""
    store = tmp_path / "store"
    monkeypatch.setenv("PROVENANCE_STORE", str(store))
    monkeypatch.delenv("PROVENANCE_MODEL", raising=False)
    yield store


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    """The real default model (all-MiniLM-L6-v2), loaded once for the whole run."""
    enc = Encoder()
    enc.encode(["warm up"])
    return enc


@pytest.fixture
def three_outlets(tmp_path: Path) -> Path:
    """A store where one claim runs in three outlets, one in two, and a line in one;
    Daily One is dated 10 February 2025, Daily Two 11 February 22:30 New York time (12
    February in UTC), Weekly Three not at all."""
    shea = "Washington remains deeply worried about the growing threat in the region"
    fu = "The sanctions have failed to change anything on the ground for ordinary people"
    texts = {
        "Daily One": f"“{shea},” Dorothy Shea said. “{fu},” Fu Cong said.",
        "Daily Two": f"“{shea},” Dorothy Shea said. “{fu},” Fu Cong said.",
        "Weekly Three": f"“{shea},” Shea said. The weather in the capital was mild and dry.",
    }
    published = {"Daily One": "2025-02-10", "Daily Two": "Tue, 11 Feb 2025 22:30:00 -0500"}
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(
            json.dumps(
                {"id": f"a{i}", "outlet": outlet, "text": text}
                | ({"published": published[outlet]} if outlet in published else {})
            )
            + "\n"
            for i, (outlet, text) in enumerate(texts.items())
        ),
        encoding="utf-8",
    )
    ingest([source], tmp_path / "store", encoder=FakeEncoder())
    return tmp_path / "store"
