"""Evaluation gates: the shipped same-claim decision on a fixed slice of MRPC, and quotes,
speakers and wire credits on PolNeAR dev, must not regress.

The pinned floors in tests/eval_scores.json are what was measured when they were pinned,
minus 0.005: the shipped constants on the first 1,000 MRPC training pairs, and
``python bench/quotes.py`` on PolNeAR dev. Re-pin them (and say why in the commit) only
after re-running the benchmark shows the change is an improvement overall.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from embeddings import Encoder
from provenance.similarity import same_claim
from tests.conftest import ROOT, load_bench
from tests.test_similarity import BENCH

SCORES = Path(__file__).with_name("eval_scores.json")
EVAL_DIR = ROOT.parent / "shared" / "eval"


def _pinned(name: str = "mrpc_first_1000") -> dict[str, float]:
    pinned = json.loads(SCORES.read_text(encoding="utf-8"))[name]
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


def test_polnear_gate() -> None:
    if not (EVAL_DIR / "polnear" / "dev").exists():
        pytest.skip(f"{EVAL_DIR / 'polnear'} not found (evaluation data lives in ../shared/eval)")
    pinned = _pinned("polnear_dev")
    r = load_bench("quotes.py").evaluate(EVAL_DIR, "dev")
    assert r["documents"] == pinned["documents"]
    measured = {
        "direct_exact_f1": r["direct_exact"]["f1"],
        "direct_overlap_f1": r["direct_overlap"]["f1"],
        "all_overlap_f1": r["all_overlap"]["f1"],
        "speaker_accuracy_direct": r["speaker_accuracy_direct"],
        "speaker_accuracy_all": r["speaker_accuracy_all"],
        "wire_credits_f1": r["wire_credits"]["f1"],
    }
    below = {k: (v, pinned[k]) for k, v in measured.items() if v < pinned[k]}
    assert not below, f"below the pinned floor (measured, floor): {below}"
