"""The report's order of clusters (provenance/report.py), with the stand-in encoder: the order
is plumbing, not a judgement of similarity."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.pipeline import ingest
from provenance.report import build_report
from tests.fakes import FakeEncoder


def test_claims_come_before_catchphrases_that_as_many_outlets_carry(tmp_path: Path) -> None:
    claim = "We will cut taxes for every working family this year"
    articles = [
        {
            "id": f"a{i}",
            "outlet": outlet,
            "text": (
                f"The senator again decried the “witch hunt” on {day}. "
                f"Asked about the budget, she was firm. “{claim},” the senator said. "
                "Her aides called the inquiry a “witch hunt” too."
            ),
        }
        for i, (outlet, day) in enumerate([("Daily One", "Monday"), ("Daily Two", "Tuesday")])
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    ingest([source], tmp_path / "store", encoder=FakeEncoder())
    order = [c.canonical for c in build_report(tmp_path / "store").clusters if c.n_outlets == 2]
    assert order.index(claim + ",") < order.index("witch hunt")
