"""Evaluation gate: the shipped same-claim decision on a fixed slice of MRPC must not regress.

The pinned floors in tests/eval_scores.json are what the shipped constants measured on the
first 1,000 MRPC training pairs, minus 0.005. Re-pin them (and say why in the commit) only
after re-running ``python bench/mrpc.py`` shows the change is an improvement overall.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from embeddings import Encoder
from provenance.similarity import same_claim
from tests.conftest import ROOT
from tests.test_similarity import BENCH

SCORES = Path(__file__).with_name("eval_scores.json")
EVAL_DIR = ROOT.parent / "shared" / "eval"


def _pinned() -> dict[str, float]:
    pinned = json.loads(SCORES.read_text(encoding="utf-8"))["mrpc_first_1000"]
    return {key: float(value) for key, value in pinned.items()}


@pytest.mark.model
def test_mrpc_gate(encoder: Encoder) -> None:
    path = EVAL_DIR / BENCH.MRPC_FILE
    if not path.exists():
        pytest.skip(f"{path} not found (evaluation data lives in ../shared/eval)")
    pinned = _pinned()
    pairs = BENCH.load_mrpc(path, limit=int(pinned["pairs"]))
    assert len(pairs) == pinned["pairs"]
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    pred = np.array(
        [same_claim(p.a, p.b, float(np.dot(vectors[p.a], vectors[p.b]))) for p in pairs]
    )
    gold = np.array([p.label for p in pairs])
    measured = BENCH.metrics(pred, gold)
    report = f"measured acc {measured['accuracy']:.4f} F1 {measured['f1']:.4f}, pinned {pinned}"
    assert measured["accuracy"] >= pinned["accuracy"], report
    assert measured["f1"] >= pinned["f1"], report
