"""An outlet naming itself is no credit (provenance/origins.py own_name, and the report)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.origins import Source, group_origins, own_name
from provenance.pipeline import ingest
from provenance.report import build_report
from tests.fakes import FakeEncoder


@pytest.mark.parametrize(
    ("credit", "outlet", "url"),
    [
        ("Times", "nyt", "https://www.nytimes.com/2016/05/01/us/x.html"),
        ("The New York Times", None, "https://mobile.nytimes.com/x"),
        ("Times", None, "http://thecaucus.blogs.nytimes.com/x"),
        ("Fox News", "fox", "http://latino.foxnews.com/x"),
        ("Post", None, "https://www.washingtonpost.com/x"),
        ("CNN", "CNN", None),
        ("CNN", "cnn.com", None),
        ("Times", "Los Angeles Times", None),
    ],
)
def test_an_outlet_names_itself(credit: str, outlet: str | None, url: str | None) -> None:
    assert own_name(credit, outlet, url)


@pytest.mark.parametrize(
    ("credit", "outlet", "url"),
    [
        ("Associated Press", "CNN", "https://cnn.com/x"),
        ("Washington Post", "New York Post", "https://nypost.com/x"),
        ("Voice of America", "Daily Times", "https://dailytimes.com.pk/x"),
        ("AP", "apnews.com", None),  # too short to be found inside a host
        ("Reuters", None, None),
    ],
)
def test_another_outlet_is_credited(credit: str, outlet: str | None, url: str | None) -> None:
    assert not own_name(credit, outlet, url)


def test_the_report_lists_no_outlet_as_crediting_itself(tmp_path: Path) -> None:
    article = {
        "id": "a1",
        "url": "https://www.nytimes.com/2016/05/01/us/senator.html",
        "text": (
            "The senator resigned on Monday, The New York Times reported. "
            "Officials confirmed the move, Voice of America reported."
        ),
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    ingest([source], tmp_path / "store", encoder=FakeEncoder())
    [doc] = build_report(tmp_path / "store").documents
    assert doc.credits == ["Voice of America"]


def test_outlets_crediting_one_wire_are_one_origin_however_many() -> None:
    texts = ["The Senate passed the bill.", "Lawmakers approved it.", "A bill passed tonight."]
    sources = [
        Source(doc_id=str(i), outlet=o, text=t, credits=("Associated Press",), label=o)
        for i, (o, t) in enumerate(zip(["abc", "usnews", "wtop"], texts, strict=True))
    ]
    (origin,) = group_origins(sources)
    assert origin.name == "Associated Press" and origin.outlets == ["abc", "usnews", "wtop"]
    assert origin.reasons == ["each credits Associated Press"]  # not "both", for three
