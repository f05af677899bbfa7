"""How long a large HTML report takes to open in headless Chromium.

Builds a synthetic report (default 1,000 clusters of 2-6 reports each, with word diffs,
edits, flags and credits, plus single-source statements), renders it with
``provenance.html.render_html``, opens the file in Debian's Chromium through Playwright and
prints the browser's own navigation timings. Target: load event under 2 s.

    python bench/report_open.py [--clusters 1000] [--singletons 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/report_open.py` puts bench/, not the root, on it
    sys.path.insert(0, str(ROOT))

from provenance.edits import diff_words  # noqa: E402
from provenance.html import render_html  # noqa: E402
from provenance.models import (  # noqa: E402
    Relation,
    Report,
    ReportCluster,
    ReportDocument,
    ReportMember,
    ReportSummary,
    ReportVariant,
)
from tests.html_sample import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the test's browser)

TARGET_MS = 2000.0

_VOCAB_TEXT = (
    "the minister said government would council security officials warned attacks region "
    "forces withdrawal talks agreement ceasefire border refugees aid economy inflation rate "
    "election vote parliament opposition court ruling investigation police protest capital "
    "statement spokesperson ministry foreign affairs defence health crisis response plan "
    "budget growth markets energy prices sanctions envoy ambassador summit leaders allies"
)
VOCAB = _VOCAB_TEXT.split()
NAMES = [
    f"{f} {s}"
    for f in ("Anna", "Omar", "Li", "Maria", "Kwame", "Ivan", "Sara", "Raj", "Elena", "Tom")
    for s in ("Petrov", "Haddad", "Chen", "Okafor", "Silva", "Novak", "Khan", "Rossi")
]
WIRES = ["Reuters", "AFP", "Associated Press", "Voice of America", "ANI", "PTI", "Xinhua"]
EDITS = ["number", "negation", "name", "hedge", "truncated"]


def sentence(rng: random.Random, speaker: str) -> str:
    words = rng.choices(VOCAB, k=rng.randint(16, 34))
    words.insert(rng.randint(3, 8), str(rng.randint(2, 900)))
    return f"{speaker} said " + " ".join(words) + "."


def mutate(rng: random.Random, text: str) -> tuple[str, list[str]]:
    """A variant as outlets make them: a changed number, a dropped tail, a hedge, a negation."""
    words = text.split()
    edits: list[str] = []
    for kind in rng.sample(EDITS, k=rng.randint(1, 2)):
        if kind == "number":
            words = [str(int(w) + rng.randint(1, 50)) if w.isdigit() else w for w in words]
        elif kind == "truncated":
            words = words[: max(8, len(words) * 2 // 3)]
        elif kind == "hedge":
            words.insert(rng.randint(2, len(words) - 1), "reportedly")
        elif kind == "negation":
            words.insert(rng.randint(2, len(words) - 1), "not")
        else:
            words[0] = rng.choice(NAMES).split()[0]
        edits.append(kind)
    return " ".join(words), edits


def synthetic_report(n_clusters: int, n_singletons: int, seed: int = 5) -> Report:
    rng = random.Random(seed)
    outlets = [f"outlet{i:02d}.example.com" for i in range(60)]
    docs: list[ReportDocument] = []
    for i in range(max(300, n_clusters // 3)):
        outlet = rng.choice(outlets) if rng.random() > 0.05 else None
        docs.append(
            ReportDocument(
                id=f"d{i:05d}",
                source=f"corpus/{i:05d}.md",
                title=" ".join(rng.choices(VOCAB, k=rng.randint(6, 12))).capitalize(),
                outlet=outlet,
                url=f"https://{outlet}/news/{i}" if outlet else None,
                published=(
                    f"2025-02-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:"
                    f"{rng.randint(0, 59):02d}:00"
                    if rng.random() > 0.1
                    else None
                ),
                ingested_at="2025-03-01T00:00:00+00:00",
                credits=rng.sample(WIRES, k=rng.choice([0, 0, 1, 1, 2])),
            )
        )

    def label(d: ReportDocument) -> str:
        return d.outlet or f"unknown ({Path(d.source).name})"

    def cluster(cid: str, size: int) -> ReportCluster:
        speaker = rng.choice(NAMES)
        canonical = sentence(rng, speaker)
        chosen = rng.sample(docs, k=size)
        texts: list[tuple[str, list[str], Relation]] = [(canonical, [], "verbatim")]
        for _ in range(size - 1):
            roll = rng.random()
            if roll < 0.4:
                texts.append((canonical, [], "verbatim"))
            else:
                text, edits = mutate(rng, canonical)
                texts.append((text, edits, "divergent" if "negation" in edits else "paraphrase"))
        members = [
            ReportMember(
                statement_id=rng.randint(1, 10**9),
                text=text,
                document_id=d.id,
                outlet=d.outlet,
                url=d.url,
                title=d.title,
                published=d.published,
                start=0,
                end=len(text),
                relation=relation,
                kind=rng.choice(["sentence", "sentence", "direct"]),
                speaker=speaker,
                edits=edits,
            )
            for d, (text, edits, relation) in zip(chosen, texts, strict=True)
        ]
        by_text: dict[str, list[int]] = {}
        for i, (text, _, _) in enumerate(texts):
            by_text.setdefault(text, []).append(i)
        variants = [
            ReportVariant(
                text=text,
                outlets=list(dict.fromkeys(label(chosen[i]) for i in idx)),
                members=len(idx),
                relation=texts[idx[0]][2],
                is_canonical=text == canonical,
                diff=diff_words(canonical, text),
                edits=texts[idx[0]][1],
            )
            for text, idx in by_text.items()
        ]
        labels = list(dict.fromkeys(label(d) for d in chosen))
        flags = []
        if any(v.relation == "divergent" for v in variants):
            flags.append("divergent")
        if rng.random() < 0.03:
            flags.append("speaker_conflict")
        return ReportCluster(
            id=cid,
            canonical=canonical,
            outlets=labels,
            n_outlets=len(labels),
            speakers=[speaker],
            flags=flags,
            members=members,
            variants=variants,
        )

    clusters = [cluster(f"k{i:04d}", rng.randint(2, 6)) for i in range(n_clusters)]
    singles = [cluster(f"s{i:05d}", 1) for i in range(n_singletons)]
    clusters.sort(key=lambda c: -c.n_outlets)
    return Report(
        generated_at="2025-03-01T12:00:00+00:00",
        store="bench",
        model="synthetic",
        summary=ReportSummary(
            documents=len(docs),
            outlets=len(outlets),
            statements=sum(len(c.members) for c in clusters) + len(singles),
            clusters=len(clusters),
            multi_outlet_clusters=sum(1 for c in clusters if c.n_outlets > 1),
            singletons=len(singles),
            quotes=sum(1 for c in clusters for m in c.members if m.kind != "sentence"),
            corroborated=sum(1 for c in clusters if "divergent" not in c.flags),
            disputed=sum(1 for c in clusters if "divergent" in c.flags),
            speaker_conflicts=sum(1 for c in clusters if "speaker_conflict" in c.flags),
        ),
        documents=docs,
        clusters=clusters,
        singletons=singles,
    )


_TIMINGS_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const paint = Object.fromEntries(
    performance.getEntriesByType("paint").map(p => [p.name, p.startTime]));
  return {dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          fp: paint["first-paint"] ?? null, fcp: paint["first-contentful-paint"] ?? null,
          nodes: document.getElementsByTagName("*").length};
}"""

# A filter pass as the page runs it on a form submit, including the layout it causes.
_FILTER_JS = """q => {
  const t0 = performance.now();
  document.getElementById("f-q").value = q;
  document.getElementById("filters").dispatchEvent(new Event("submit", {cancelable: true}));
  document.body.offsetHeight;
  return performance.now() - t0;
}"""


def measure(path: Path, runs: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    out: list[dict[str, Any]] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            # A fresh context per run, so no run reads the page from a warm cache.
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            wall = (time.perf_counter() - t0) * 1000
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
            row: dict[str, Any] = page.evaluate(_TIMINGS_JS)
            row["wall"] = wall
            row["search_first"] = page.evaluate(_FILTER_JS, "minister reportedly")
            row["search_again"] = page.evaluate(_FILTER_JS, "ceasefire")
            row["clear"] = page.evaluate(_FILTER_JS, "")
            out.append(row)
            ctx.close()
        browser.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=1000)
    ap.add_argument("--singletons", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="also write the HTML here")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    report = synthetic_report(args.clusters, args.singletons)
    t1 = time.perf_counter()
    html = render_html(report)
    t2 = time.perf_counter()
    members = sum(len(c.members) for c in report.clusters)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(html, encoding="utf-8")
        if args.keep:
            args.keep.write_text(html, encoding="utf-8")
        rows = measure(path, args.runs)

    def med(key: str) -> float:
        return statistics.median(float(r[key]) for r in rows if r[key] is not None)

    print(
        f"report: {len(report.clusters)} clusters ({members} reports), "
        f"{len(report.singletons)} singletons, {len(report.documents)} documents"
    )
    print(f"build synthetic report : {(t1 - t0) * 1000:8.0f} ms")
    print(f"render_html            : {(t2 - t1) * 1000:8.0f} ms  ({len(html) / 1e6:.1f} MB)")
    print(f"DOM elements           : {rows[0]['nodes']:8d}")
    print(f"median of {args.runs} opens in Chromium {CHROMIUM}:")
    print(f"  first paint          : {med('fp'):8.0f} ms")
    print(f"  first contentful     : {med('fcp'):8.0f} ms")
    print(f"  DOMContentLoaded     : {med('dcl'):8.0f} ms")
    print(f"  load event           : {med('load'):8.0f} ms  (target < {TARGET_MS:.0f} ms)")
    print(f"  goto → load (wall)   : {med('wall'):8.0f} ms")
    print(f"  first search         : {med('search_first'):8.1f} ms")
    print(f"  next search          : {med('search_again'):8.1f} ms")
    print(f"  clear search         : {med('clear'):8.1f} ms")
    ok = med("load") < TARGET_MS
    print("OK" if ok else "SLOWER THAN TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
