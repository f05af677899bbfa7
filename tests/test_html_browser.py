"""The HTML report in headless Chromium: what a reader sees, the filters, and hostile input.

The reader-facing tests open the real seeds report (pipeline + real model); the filter
details and hostile input use hand-built reports from ``tests/html_sample.py``, whose
content is known exactly. Needs Debian's chromium (``make browser-deps``) and Playwright for
Python; the browser is never downloaded by Playwright. Skips when either is missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from embeddings import Encoder
from provenance.html import render_html
from provenance.models import Report, ReportCluster
from provenance.pipeline import ingest
from provenance.report import build_report
from tests.conftest import SEEDS
from tests.html_sample import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOSTILE_TEXT,
    HOSTILE_URL,
    hostile_report,
    sample_report,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "report.png"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}: apt-get install -y chromium (make browser-deps)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a missing browser there is a broken set-up
        pytest.skip(message)
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright missing: pip install playwright"
    )
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory, encoder: Encoder) -> Report:
    """The report of the two seed articles, straight from the pipeline."""
    store = tmp_path_factory.mktemp("seeds") / "store"
    ingest([SEEDS], store, encoder=encoder)
    return build_report(store)


@pytest.fixture
def report() -> Report:
    """A hand-built report shaped like the seeds', with every flag and edit present."""
    return sample_report()


def _haystack(c: ReportCluster) -> str:
    """Roughly what a card's text holds, to predict which cards a word search keeps."""
    parts = [c.canonical, *c.outlets, *c.speakers]
    for m in c.members:
        parts += [m.text, m.title or "", m.outlet or "", m.speaker or ""]
    parts += [v.text for v in c.variants]
    return " ".join(parts).casefold()


@dataclass
class Opened:
    page: Page
    dialogs: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)  # any request that is not the file itself
    blocked: list[str] = field(default_factory=list)  # requests the CSP refused
    errors: list[str] = field(default_factory=list)  # uncaught page errors

    def visible_cards(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "article.card", "els => els.filter(e => !e.hidden).map(e => e.id)"
        )
        return ids

    def count_text(self) -> str:
        return self.page.inner_text("#f-count")

    def wait_count(self, shown: int, total: int) -> None:
        self.page.wait_for_function(
            "t => document.getElementById('f-count').textContent === t",
            arg=f"{shown} of {total} clusters shown",
            timeout=5000,
        )

    def wait_shown(self, ids: list[str], total: int) -> None:
        """Wait out the search debounce until exactly these cards are visible."""
        self.page.wait_for_function(
            """ids => JSON.stringify([...document.querySelectorAll('article.card')]
                .filter(e => !e.hidden).map(e => e.id)) === JSON.stringify(ids)""",
            arg=ids,
            timeout=5000,
        )
        assert self.count_text() == f"{len(ids)} of {total} clusters shown"


@pytest.fixture
def open_report(browser: Browser, tmp_path: Path) -> Iterator[Callable[[str], Opened]]:
    contexts: list[Any] = []

    def _open(html: str) -> Opened:
        path = tmp_path / f"report{len(contexts)}.html"
        path.write_text(html, encoding="utf-8")
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(ctx)
        page = ctx.new_page()
        opened = Opened(page)

        def on_dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url == path.as_uri() else opened.remote.append(r.url),
        )
        page.on(
            "requestfailed",
            lambda r: opened.blocked.append(r.url) if r.failure == "csp" else None,
        )
        page.goto(path.as_uri(), wait_until="load")
        return opened

    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.mark.model
def test_reader_sees_clusters_outlets_diff_and_credits(
    open_report: Callable[[str], Opened], seeds_report: Report
) -> None:
    # Fixed store and time, so docs/report.png changes only when the page does.
    report = seeds_report.model_copy(
        update={"store": ".provenance/demo", "generated_at": "2025-02-12T09:30:00+00:00"}
    )
    o = open_report(render_html(report))
    page = o.page
    n = len(report.clusters)
    assert n > 1
    assert page.locator("article.card:visible").count() == n
    assert o.count_text() == f"{n} of {n} clusters shown"
    stat = page.locator(".stat", has_text="Clusters").locator(".v").inner_text()
    assert stat == str(report.summary.clusters)

    outlets = {o for c in report.clusters for o in c.outlets}
    assert "business-standard.com" in outlets and len(outlets) == 2
    for outlet in outlets:
        assert page.locator(".card .chips .chip", has_text=outlet).first.is_visible()

    # The seeds' paraphrases carry word diffs: both colours must show, styled as such.
    ins, dele = page.locator("ins").first, page.locator("del").first
    assert ins.is_visible() and dele.is_visible()
    assert ins.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(220, 245, 227)"
    assert "line-through" in dele.evaluate("e => getComputedStyle(e).textDecorationLine")

    # business-standard.com says "reported Voice of America": the credit arrow.
    chain = page.locator(".chain", has_text="Voice of America").first
    assert chain.is_visible()
    assert chain.inner_text().split("\n") == ["Voice of America", "business-standard.com"]
    assert page.locator(".tl-doc", has_text="credits Voice of America").is_visible()
    assert page.locator(".tl-undated").is_visible()

    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.screenshot(path=str(SCREENSHOT))
    assert o.remote == [] and o.errors == [] and o.dialogs == []


@pytest.mark.model
def test_search_and_filters_on_the_seeds_report(
    open_report: Callable[[str], Opened], seeds_report: Report
) -> None:
    report = seeds_report
    o = open_report(render_html(report))
    page = o.page
    total = len(report.clusters)
    ids = o.visible_cards()  # cards come in report order
    assert len(ids) == total

    def expect(keep: Callable[[ReportCluster], bool]) -> list[str]:
        chosen = [i for i, c in zip(ids, report.clusters, strict=True) if keep(c)]
        assert 0 < len(chosen) < total, "pick a query that splits the seeds' clusters"
        return chosen

    page.locator("#f-q").press_sequentially("Nebenzia", delay=20)
    o.wait_shown(expect(lambda c: "nebenzia" in _haystack(c)), total)
    page.fill("#f-q", "")
    o.wait_shown(ids, total)

    page.fill("#f-min", "2")
    o.wait_shown(expect(lambda c: c.n_outlets >= 2), total)
    page.fill("#f-min", "1")

    page.select_option("#f-speaker", label="Vladimir Voronkov")
    voronkov = expect(
        lambda c: "Vladimir Voronkov" in [*c.speakers, *(m.speaker for m in c.members)]
    )
    o.wait_shown(voronkov, total)
    page.click("button[type=reset]")
    o.wait_shown(ids, total)
    assert o.remote == [] and o.errors == []


def test_search_and_filters_hide_and_show_clusters(
    open_report: Callable[[str], Opened], report: Report
) -> None:
    """Every control, on a report whose clusters, flags and speakers are known exactly."""
    o = open_report(render_html(report))
    page = o.page
    total = len(report.clusters)
    everything = [f"c-{c.id}" for c in report.clusters]
    assert o.visible_cards() == everything

    page.fill("#f-q", "Nebenzia")
    o.wait_shown(["c-c2"], total)

    # Straight quote in the query, curly in the text; case and term order do not matter.
    page.fill("#f-q", "PAKISTAN'S akram")
    o.wait_shown(["c-c3"], total)

    page.fill("#f-q", "")
    o.wait_shown(everything, total)

    page.select_option("#f-flag", label="Disputed")
    o.wait_shown(["c-c3"], total)
    page.select_option("#f-flag", label="Any")

    page.select_option("#f-speaker", label="Dorothy Shea")
    o.wait_shown(["c-c4"], total)
    page.select_option("#f-speaker", label="Anyone")

    page.fill("#f-min", "3")
    o.wait_count(0, total)
    assert page.locator("#f-empty").is_visible()
    page.fill("#f-min", "2")
    o.wait_count(total, total)
    assert not page.locator("#f-empty").is_visible()
    assert page.inner_text("#f-singles") == "0"  # single-outlet statements fall below 2

    page.click("button[type=reset]")
    o.wait_count(total, total)
    # The page applies the reset a tick later (the form's controls change after its
    # "reset" event); the count above was the same before it, so wait for the singles.
    page.wait_for_function(
        "n => document.getElementById('f-singles').textContent === n",
        arg=str(len(report.singletons)),
        timeout=5000,
    )

    # An outlet chip on a card is a shortcut to the outlet filter.
    page.locator("#c-c1 .chips .chip", has_text="business-standard.com").click()
    o.wait_count(total, total)
    assert page.eval_on_selector("#f-outlet", "s => s.selectedOptions[0].text") == (
        "business-standard.com"
    )
    assert page.inner_text("#f-singles") == "1"  # only the Shea quote is from that outlet
    page.fill("#f-q", "baseless")
    o.wait_shown([], total)
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")  # the search shortcut
    assert page.evaluate("document.activeElement.id") == "f-q"
    assert page.inner_text("#f-singles") == "0"
    assert o.remote == [] and o.errors == []


def test_hostile_article_runs_nothing_and_shows_literally(
    open_report: Callable[[str], Opened],
) -> None:
    o = open_report(render_html(hostile_report()))
    page = o.page
    evil = page.locator("article.card").first
    assert evil.locator("blockquote.canon").inner_text() == HOSTILE_TEXT
    assert page.locator("img, svg, iframe, object, embed").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.locator(".rawurl", has_text=HOSTILE_URL).first.is_visible()
    assert page.locator(".flag", has_text="pwned=9</script>").is_visible()

    # Interact the way a reader would: hover, search with markup, filter by the evil outlet.
    evil.hover()
    page.locator("#f-q").fill('<img src=x onerror="window.__pwned=11">')
    page.wait_for_timeout(150)
    page.fill("#f-q", "onerror")
    page.select_option("#f-speaker", label="<i onmouseover=x>Mallory</i>")
    o.wait_shown([evil.get_attribute("id") or ""], len(hostile_report().clusters))

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert o.dialogs == [] and o.errors == [] and o.remote == []


def test_csp_stops_script_that_slips_past_escaping(open_report: Callable[[str], Opened]) -> None:
    # Defence in depth: markup spliced in raw still cannot run, while the page's own
    # (hash-allowed) script keeps working.
    html = render_html(sample_report()).replace(
        "</main>",
        '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
        '<img src="https://example.invalid/pixel.png"></main>',
    )
    o = open_report(html)
    assert o.page.evaluate("typeof window.__pwned") == "undefined"
    assert o.page.locator("#filters").is_visible()  # the legitimate script ran
    assert o.remote and o.remote == o.blocked  # both images were requested, neither allowed


def test_print_layout_drops_controls_and_keeps_clusters(
    open_report: Callable[[str], Opened], report: Report
) -> None:
    o = open_report(render_html(report))
    o.page.emulate_media(media="print")
    assert not o.page.locator("#controls").is_visible()
    assert o.page.locator("article.card:visible").count() == len(report.clusters)
    pdf = o.page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
