"""The report's order of clusters (provenance/report.py), with the stand-in encoder: the order
is plumbing, not a judgement of similarity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from provenance.html import render_html
from provenance.pipeline import ingest
from provenance.report import Selection, build_report, describe_selection, render_markdown
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


def test_a_selection_keeps_the_clusters_it_admits_and_the_documents_they_cite(
    three_outlets: Path,
) -> None:
    store = three_outlets
    whole = build_report(store)
    assert whole.selection is None
    assert [c.n_outlets for c in whole.clusters] == [3, 3, 2, 2]  # sentence and quote
    assert len(whole.singletons) == 1 and len(whole.documents) == 3

    def shown(**kwargs: Any) -> tuple[list[int], int, list[str]]:
        report = build_report(store, Selection(**kwargs))
        assert report.summary == whole.summary  # the summary counts the whole store
        assert report.selection is not None
        assert report.selection.clusters_shown == len(report.clusters)
        outlets = sorted(d.outlet or "" for d in report.documents)
        return [c.n_outlets for c in report.clusters], len(report.singletons), outlets

    everyone = ["Daily One", "Daily Two", "Weekly Three"]
    assert shown(min_outlets=3) == ([3, 3], 0, everyone)
    assert shown(min_outlets=2) == ([3, 3, 2, 2], 0, everyone)
    # Fu Cong's claim runs in Daily One and Two only: Weekly Three is cited by no cluster.
    assert shown(speaker="Fu Cong") == ([2, 2], 0, ["Daily One", "Daily Two"])
    assert shown(speaker="shea") == ([3, 3], 0, everyone)  # surname, any case
    assert shown(outlets=("weekly",)) == ([3, 3], 1, everyone)  # and its lone sentence
    assert shown(limit=1) == ([3], 0, everyone)
    # A period: Weekly Three is undated; Daily Two's evening is the 11th where it was
    # written, the 12th (03:30) in UTC.
    assert shown(since="2025-02-12") == ([], 0, [])
    assert shown(until="2025-02-10") == ([3, 3, 2, 2], 0, everyone)
    assert shown(since="2025-02-11", until="2025-02-11") == ([3, 3, 2, 2], 0, everyone)
    assert shown(since="2025-02-12T03:00:00+00:00") == ([3, 3, 2, 2], 0, everyone)
    assert shown(since="2025-02-12T04:00:00+00:00") == ([], 0, [])
    report = build_report(store, Selection(min_outlets=2, limit=1))
    assert report.selection is not None and report.selection.clusters_matched == 4
    assert describe_selection(report.selection) == "the first 1 of 4 clusters (2+ outlets)"
    assert "Shown: the first 1 of 4 clusters" in render_markdown(report)
    assert "Shown: the first 1 of 4 clusters (2+ outlets)." in render_html(report)
