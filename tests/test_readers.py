from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.errors import ReadError
from provenance.readers import (
    count_documents,
    document_id,
    iter_articles,
    markdown_to_text,
    read_path,
)
from tests.conftest import SEED_000, SEED_001


def test_plain_text_seed_has_no_invented_outlet() -> None:
    (article,) = read_path(SEED_000)
    assert article.outlet is None and article.url is None
    assert article.text.startswith("KABUL, AFGHANISTAN")


def test_markdown_seed_metadata_url_and_outlet() -> None:
    (article,) = read_path(SEED_001)
    assert article.title == "IS-K rising? UN warns of global chaos as Pakistan fires back at US"
    assert article.published == "2025-02-11T17:15:27"  # ISO 8601, as every date is stored
    assert article.url is not None and article.url.startswith("https://www.business-standard.com/")
    assert article.outlet == "business-standard.com"  # from the URL's host


def test_markdown_syntax_headings_and_summary_are_removed() -> None:
    (article,) = read_path(SEED_001)
    text = article.text
    assert "**" not in text and "---" not in text and "](" not in text
    assert "Pakistan rejects US accusations" not in text  # a heading
    assert "reported Voice of America." in text  # emphasis markers gone, words kept
    # The summary repeats the body; its truncated "called IS-K one..." must not appear.
    assert "IS-K one..." not in text
    assert text.count("The United Nations has raised alarm") == 1


def test_trailing_link_is_the_url_not_a_statement() -> None:
    text, link = markdown_to_text("Body sentence here.\n\n[outlet](https://example.org/a)\n")
    assert text == "Body sentence here."
    assert link == "https://example.org/a"


def test_document_id_is_stable_and_outlet_sensitive(tmp_path: Path) -> None:
    (a,) = read_path(SEED_001)
    (b,) = read_path(SEED_001)
    assert document_id(a) == document_id(b)
    other = a.model_copy(update={"outlet": "elsewhere.example"})
    assert document_id(other) != document_id(a)


def test_jsonl_reads_good_lines_and_names_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First article.", "url": "https://www.reuters.com/x"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second.", "outlet": "AP", "published": "2024-01-02"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    articles = [i for i in items if not isinstance(i, ReadError)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [a.text for a in articles] == ["First article.", "Second."]
    assert articles[0].outlet == "reuters.com" and articles[1].outlet == "AP"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "text" in errors[1].problem


def test_jsonl_dates_are_stored_as_iso_8601(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    dates = [1709892000, 1709892000123, 1709892000.5, "Thu, 07 Mar 2024 10:00:00 GMT", "March 9"]
    path.write_text(
        "".join(
            json.dumps({"text": f"Story {i}.", "published": d}) + "\n" for i, d in enumerate(dates)
        ),
        encoding="utf-8",
    )
    published = [a.published for a in iter_articles([path]) if not isinstance(a, ReadError)]
    # Unix time as a number (seconds or milliseconds) and RSS dates alike; a date that is
    # not one day is kept as given, for the ingest to report.
    assert published == [
        "2024-03-08T10:00+00:00",
        "2024-03-08T10:00+00:00",
        "2024-03-08T10:00+00:00",
        "2024-03-07T10:00+00:00",
        "March 9",
    ]


def test_html_goes_through_trafilatura(tmp_path: Path) -> None:
    body = " ".join(["The minister said the budget would rise by four percent next year."] * 8)
    html = (
        "<html><head><title>Budget rises</title>"
        '<meta property="og:site_name" content="Daily Example">'
        '<link rel="canonical" href="https://daily.example/budget"></head>'
        f"<body><nav>Home | World</nav><article><h1>Budget rises</h1><p>{body}</p></article>"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (article,) = read_path(path)
    assert "budget would rise by four percent" in article.text
    assert "Home | World" not in article.text
    assert article.title == "Budget rises"


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Head\n\nOne.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    texts = [a.text for a in iter_articles([tmp_path]) if not isinstance(a, ReadError)]
    assert texts == ["One.", "Two."]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"   \n", "empty file"),
        ("blob.txt", b"\x00\x01\x02binary", "binary file"),
        ("bad.md", b"---\ntitle: [unclosed\n---\nBody.", "broken YAML front matter"),
    ],
)
def test_bad_files_give_one_line_errors(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert problem in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_path_is_an_error_item(tmp_path: Path) -> None:
    (item,) = list(iter_articles([tmp_path / "nope"]))
    assert isinstance(item, ReadError) and "no such file" in item.problem


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le ministre a déclaré que la réforme était nécessaire.".encode("latin-1"))
    (article,) = read_path(path)
    assert "déclaré" in article.text


def test_count_documents_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("# Title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n  \n{"text": "z"}')
    (tmp_path / "c.pdf").write_bytes(b"%PDF")  # not read, not counted
    assert count_documents([tmp_path, tmp_path / "missing.txt"]) == 1 + 3 + 1
