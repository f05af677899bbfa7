"""The HTML report without a browser: structure, escaping, CSP, and the helpers behind it."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from provenance.html import _credit_chains, _group_chains, _parse_date, _safe_link, render_html
from provenance.models import Report, ReportDocument, ReportSummary
from tests.html_sample import (
    BS,
    DOC_BS,
    DOC_TXT,
    HOSTILE_TEXT,
    HOSTILE_URL,
    hostile_report,
    member,
    sample_report,
)


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script/style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)
        else:
            self.text.append(data)


def parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def csp_of(tags: _Tags) -> str:
    metas = [
        a for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(metas) == 1
    return metas[0]["content"] or ""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_report())


@pytest.fixture(scope="module")
def evil() -> str:
    return render_html(hostile_report())


# --- self-contained and locked down -----------------------------------------------------


def test_one_inline_script_and_style_pinned_by_csp(page: str) -> None:
    tags = parse(page)
    scripts = [a for t, a in tags.tags if t == "script"]
    assert scripts == [{}], "one inline script, no src"
    assert [t for t, _ in tags.tags if t == "style"] == ["style"]
    csp = csp_of(tags)
    assert "default-src 'none'" in csp
    assert f"script-src {sha(tags.raw['script'][0])}" in csp
    assert f"style-src {sha(tags.raw['style'][0])}" in csp
    assert "unsafe-inline" not in csp and "http" not in csp


def test_nothing_is_loaded_from_anywhere(page: str) -> None:
    tags = parse(page)
    assert not [t for t, _ in tags.tags if t in {"link", "img", "iframe", "object", "embed"}]
    assert not [a for _, a in tags.tags if "src" in a or "style" in a]
    assert "@import" not in page and "url(" not in page
    hrefs = [a["href"] for t, a in tags.tags if t == "a"]
    assert all(h and (h.startswith("#") or h.startswith("https://")) for h in hrefs)


def test_articles_open_in_a_new_tab_without_a_base_url(page: str) -> None:
    bases = [a for t, a in parse(page).tags if t == "base"]
    assert bases == [{"target": "_blank"}]
    assert "base-uri 'none'" in csp_of(parse(page))


def test_rendering_is_deterministic() -> None:
    assert render_html(sample_report()) == render_html(sample_report())


# --- content ----------------------------------------------------------------------------


def test_summary_timeline_and_clusters(page: str) -> None:
    text = re.sub(r"\s+", " ", " ".join(parse(page).text))
    for label, value in [("Documents", 2), ("Clusters", 4), ("Disputed", 1), ("Quotes", 5)]:
        assert re.search(rf">{value}</div><div class=\"l\">{label}<", page), label
    assert "Speaker conflicts" in text
    # The dated article sits on its day; the outlet-less text file is listed apart.
    assert "11 Feb 2025" in text and "Undated" in text
    assert text.index("IS-K rising?") < text.index("Undated") < text.index("000_9c3b63b51e2a9183")
    assert page.count('<article class="card"') == 4
    assert page.count('<li class="single"') == 2
    assert "“most dangerous branches”" in text
    assert "Said by" in text and "Vladimir Voronkov" in text


def test_diff_and_edit_badges(page: str) -> None:
    assert "in <del>2021</del><ins>2020</ins>." in page
    assert re.search(r'<span class="badge edit-number"[^>]*>number</span>', page)
    assert re.search(r'<span class="flag flag-divergent">Divergent wording</span>', page)
    assert re.search(r'<span class="flag flag-speaker_conflict">Speaker conflict</span>', page)


def test_credit_chain_diagram(page: str) -> None:
    chain = (
        '<ol class="chain" aria-label="credit chain"><li class="heads">'
        '<span class="node source">Voice of America</span></li>'
        '<li class="arrow" aria-label="picked up by"></li>'
        '<li class="node outlet">business-standard.com</li></ol>'
    )
    assert chain in page


def test_sources_credited_for_the_same_outlet_share_one_arrow() -> None:
    paper = DOC_BS.model_copy(update={"credits": ["PTI", "ANI"]})
    other = DOC_TXT.model_copy(update={"id": "o", "outlet": "o.example", "credits": ["PTI"]})
    docs = {d.id: d for d in (paper, other)}
    members = [member(1, "x", paper, "verbatim"), member(2, "x", other, "verbatim")]
    grouped = _group_chains(_credit_chains(members, docs))
    shape = [([n.label for n in c.heads], [n.label for n in c.rest]) for c in grouped]
    assert shape == [(["PTI", "ANI"], [BS]), (["PTI"], ["o.example"])]


def test_member_links_and_unknown_outlet(page: str) -> None:
    assert f'href="{DOC_BS.url}"' in page
    assert "Unknown outlet" in page


def test_filter_options_match_card_attributes(page: str) -> None:
    tags = parse(page)

    def options(select_id: str) -> list[str]:
        # Option labels follow the select in document order; values are their indexes.
        out, inside = [], False
        for t, a in tags.tags:
            if t == "select":
                inside = a.get("id") == select_id
            elif t == "option" and inside and a.get("value"):
                out.append(a["value"] or "")
        return out

    outlets = options("f-outlet")
    assert outlets == ["0", "1"]  # business-standard.com and the text file
    cards = [a for t, a in tags.tags if t == "article"]
    assert [c["data-n"] for c in cards] == ["2", "2", "2", "2"]
    assert all(set((c["data-o"] or "").split()) == {"0", "1"} for c in cards)
    flags = [c["data-f"] for c in cards]
    assert len(set(flags)) == 4  # each sample cluster carries a different flag
    assert re.search(r'<option value="\d+">Disputed</option>', page)
    assert re.search(r'<option value="\d+">Dorothy Shea</option>', page)


def test_empty_report_renders() -> None:
    empty = Report(
        generated_at="2025-01-01T00:00:00",
        store="s",
        model="m",
        summary=ReportSummary(
            documents=0, outlets=0, statements=0, clusters=0, multi_outlet_clusters=0, singletons=0
        ),
        documents=[],
        clusters=[],
        singletons=[],
    )
    out = render_html(empty)
    assert "No cluster matches" in out and "<article" not in out


# --- hostile input ----------------------------------------------------------------------


def test_hostile_text_is_escaped(evil: str) -> None:
    tags = parse(evil)
    names = [t for t, _ in tags.tags]
    assert names.count("script") == 1
    assert not [t for t in names if t in {"img", "svg", "iframe"}]
    handlers = [(t, k) for t, a in tags.tags for k in a if k.startswith("on")]
    assert handlers == []
    assert "<script>alert(1)</script>" not in evil
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil
    text = " ".join(tags.text)
    assert HOSTILE_TEXT in text  # literally, once the entities are decoded
    assert "<b>Bold</b> <script>window.__pwned=5</script>" in text


def test_hostile_markup_cannot_open_attributes(evil: str) -> None:
    # The cluster id goes into id= and href="#…"; the outlet into option labels and chips.
    tags = parse(evil)
    for _, attrs in tags.tags:
        for key, value in attrs.items():
            assert "<" not in key and '"' not in key
            if key in {"id", "href"} and value:
                assert "<" not in value and '"' not in value


def test_javascript_url_is_text_not_link(evil: str) -> None:
    tags = parse(evil)
    hrefs = [a.get("href") or "" for t, a in tags.tags if t == "a"]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert HOSTILE_URL in " ".join(tags.text)


# --- helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("HTTP://Example.com/", "HTTP://Example.com/"),
        ("  https://example.com/x  ", "https://example.com/x"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("https://exa mple.com", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ("https:/no-host", None),
        ("ftp://example.com/f", None),
        ("https://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_link(url: str | None, href: str | None) -> None:
    link = _safe_link(url)
    assert link.href == href
    if href is None and url:
        assert link.text == url  # shown, inert, rather than dropped


@pytest.mark.parametrize(
    ("raw", "label", "iso"),
    [
        ("2025-02-11 17:15:27", "11 Feb 2025, 17:15", "2025-02-11T17:15"),
        ("2025-02-11", "11 Feb 2025", "2025-02-11"),
        ("2025-02-11T23:30:00-02:00", "12 Feb 2025, 01:30 UTC", "2025-02-12T01:30"),
        ("2025-02-11T10:00:00Z", "11 Feb 2025, 10:00 UTC", "2025-02-11T10:00"),
        # As a store from before dates were stored as ISO 8601 may hold it.
        ("Tue, 11 Feb 2025 10:00:00 GMT", "11 Feb 2025, 10:00 UTC", "2025-02-11T10:00"),
    ],
)
def test_parse_date(raw: str, label: str, iso: str) -> None:
    parsed = _parse_date(raw)
    assert parsed is not None and (parsed.label, parsed.iso) == (label, iso)


@pytest.mark.parametrize("raw", [None, "", "yesterday", "11/02/2025", "2025-13-01"])
def test_parse_date_rejects(raw: str | None) -> None:
    assert _parse_date(raw) is None


def test_credit_chain_follows_hops_and_ignores_self_credit() -> None:
    wire = DOC_TXT.model_copy(update={"id": "w", "outlet": "wire.example", "credits": ["AFP"]})
    paper = DOC_BS.model_copy(update={"credits": ["wire.example", BS, "Voice of America"]})
    docs: dict[str, ReportDocument] = {d.id: d for d in (wire, paper)}
    members = [member(1, "x", wire, "verbatim"), member(2, "x", paper, "paraphrase")]
    chains = [[n.label for n in chain] for chain in _credit_chains(members, docs)]
    assert chains == [["AFP", "wire.example", BS], ["Voice of America", BS]]
    roles = [[n.role for n in chain] for chain in _credit_chains(members, docs)]
    assert roles[0] == ["source", "outlet", "outlet"]


def test_credit_loop_terminates() -> None:
    a = DOC_TXT.model_copy(update={"id": "a", "outlet": "a.example", "credits": ["b.example"]})
    b = DOC_BS.model_copy(update={"id": "b", "outlet": "b.example", "credits": ["a.example"]})
    docs = {d.id: d for d in (a, b)}
    chains = _credit_chains([member(1, "x", a, "verbatim"), member(2, "x", b, "verbatim")], docs)
    assert chains and all(len(c) <= 3 for c in chains)


def test_outletless_document_in_chain_is_named_by_file() -> None:
    doc = DOC_TXT.model_copy(update={"credits": ["Reuters"]})
    chains = _credit_chains([member(1, "x", doc, "verbatim")], {doc.id: doc})
    assert [n.label for n in chains[0]] == ["Reuters", "unknown (000_9c3b63b51e2a9183.txt)"]
