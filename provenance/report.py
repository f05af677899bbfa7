"""The claim-cluster report: built from the store as pydantic models, rendered as
Markdown or JSON (the HTML rendering lives in ``provenance.html``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from provenance.dates import as_iso, moment, read_date
from provenance.errors import DateError, EmptyStore, SelectionError
from provenance.models import (
    Credit,
    DiffPiece,
    Report,
    ReportCluster,
    ReportDocument,
    ReportMember,
    ReportSelection,
    ReportSummary,
)
from provenance.origins import own_name
from provenance.store import DocumentRow, StatementRow, Store
from provenance.variants import Appearance, build_variants

# A canonical wording this long is a claim; shorter ones (a catchphrase) are listed after
# the claims that as many outlets and documents carry.
CLAIM_WORDS = 5


def outlet_label(doc: DocumentRow) -> str:
    """How a document's outlet is shown: the outlet, or where the outlet is unknown, the
    file it came from (an outlet is never invented)."""
    return doc.outlet or f"unknown ({Path(doc.source).name})"


def outlet_key(doc: DocumentRow) -> str:
    return doc.outlet.lower() if doc.outlet else f"doc:{doc.id}"


def when(doc: DocumentRow) -> tuple[int, datetime, int]:
    """Sort key for "earliest": dated before undated, then by the moment (on one clock, see
    ``dates.moment``), then ingest order."""
    at = moment(doc.published)
    return (0, at, doc.seq) if at is not None else (1, datetime.min, doc.seq)


@dataclass(frozen=True)
class Selection:
    """Which clusters to report, for a store too big to read whole. Filters combine (all
    must hold); ``limit`` then keeps the first clusters in report order. Statements in no
    cluster are left out once a cluster needs two outlets or a limit is set."""

    min_outlets: int = 1
    outlets: tuple[str, ...] = ()  # any of them carries it (case-blind, part of the name)
    speaker: str | None = None  # said by this person ("Shea" is "Dorothy Shea")
    limit: int | None = None
    # Published in this period (ISO 8601 as read_date gives it; a day is the whole day).
    since: str | None = None
    until: str | None = None

    @property
    def active(self) -> bool:
        return self != Selection()

    @staticmethod
    def period(since: str | None, until: str | None) -> tuple[str | None, str | None]:
        """``since`` and ``until`` as written by a user ("2025-02-10", "Feb 11, 2025") read
        as ISO 8601; a SelectionError names the one that is no date."""
        read: list[str | None] = []
        for name, raw in (("--since", since), ("--until", until)):
            try:
                read.append(None if raw is None else read_date(raw))
            except DateError as exc:
                raise SelectionError(f"{name} {raw!r} is not a date: {exc}") from None
        first, last = read
        start, end = _bounds(first, last)
        if start >= end:
            raise SelectionError(f"--since {since!r} is after --until {until!r}")
        return first, last

    def admits(self, cluster: ReportCluster) -> bool:
        """Whether a cluster passes the filters (the limit aside)."""
        if cluster.n_outlets < self.min_outlets:
            return False
        if self.outlets:
            labels = [label.lower() for label in cluster.outlets]
            if not any(o.lower() in label for o in self.outlets for label in labels):
                return False
        dated = self.since is not None or self.until is not None
        if dated and not any(_within(m.published, self.since, self.until) for m in cluster.members):
            return False
        if self.speaker is not None:
            # Imported here: corroboration imports this module.
            from provenance.corroboration import same_speaker

            return any(same_speaker(self.speaker, s) for s in cluster.speakers)
        return True


def _bounds(since: str | None, until: str | None) -> tuple[datetime, datetime]:
    """The period as [start, end) on moment's clock: a day is the whole day."""
    start = moment(since) if since else None
    end = moment(until) if until else None
    if end is not None and until is not None and len(until) <= 10:
        end += timedelta(days=1)
    return start or datetime.min, end or datetime.max


def _within(published: str | None, since: str | None, until: str | None) -> bool:
    """Whether a document published then falls in the period. Against a day, its own date
    counts, as the outlet printed it (Tuesday 22:30 in New York is Tuesday, though
    Wednesday in UTC); against a time, the moment."""
    at = moment(published)
    if at is None or published is None:
        return False
    day = as_iso(published)[:10]
    if since is not None and (day < since if len(since) <= 10 else at < (moment(since) or at)):
        return False
    return until is None or (day <= until if len(until) <= 10 else at <= (moment(until) or at))


def build_report(store_dir: Path, selection: Selection | None = None) -> Report:
    """The report of the store's clusters; with ``selection`` only those it admits, and
    only the documents they cite (the summary still counts the whole store)."""
    with Store(store_dir) as store:
        docs = {d.id: d for d in store.documents()}
        if not docs:
            raise EmptyStore(f"{store_dir} holds no documents yet")
        statements = store.statements()
        assigned = store.assignments()
        credits = store.credits()
        dim = int(store.get_meta("dim") or 0)
        vector_ids, matrix = store.load_vectors(dim=dim)
        model = store.get_meta("model") or "unknown"
    row_of = {vid: i for i, vid in enumerate(vector_ids)}

    def cosine(a: int, b: int) -> float:
        return float(np.dot(matrix[row_of[a]], matrix[row_of[b]]))

    by_cluster: dict[str, list[StatementRow]] = {}
    for s in statements:
        cid = assigned.get(s.vector_id)
        if cid is not None:
            by_cluster.setdefault(cid, []).append(s)

    chosen = selection or Selection()
    # Statements in no cluster are most of a big store's clusters and of the time to build
    # them: not built when they cannot be shown.
    lone = chosen.limit is None and chosen.min_outlets <= 1
    clusters = [
        _cluster(cid, members, docs, cosine)
        for cid, members in by_cluster.items()
        if lone or len(members) > 1
    ]
    first_seen = {c.id: min(docs[s.document_id].seq for s in by_cluster[c.id]) for c in clusters}
    # Most outlets first; then claims before catchphrases ("a war of Obama's choosing"
    # before "deep state": two or three quoted words recur across unrelated stories); then
    # most documents (a page repeating a phrase counts once); then most statements.
    clusters.sort(
        key=lambda c: (
            -c.n_outlets,
            -min(len(c.canonical.split()), CLAIM_WORDS),
            -len({m.document_id for m in c.members}),
            -len(c.members),
            first_seen[c.id],
            c.id,
        )
    )
    multi = [c for c in clusters if len(c.members) > 1]
    single = [c for c in clusters if len(c.members) == 1]
    summary = ReportSummary(
        documents=len(docs),
        outlets=len({outlet_key(d) for d in docs.values()}),
        statements=len(statements),
        clusters=len(multi),
        multi_outlet_clusters=sum(1 for c in multi if c.n_outlets > 1),
        singletons=sum(1 for members in by_cluster.values() if len(members) == 1),
        quotes=sum(1 for s in statements if s.kind != "sentence"),
        corroborated=sum(1 for c in multi if c.n_outlets > 1 and "divergent" not in c.flags),
        disputed=sum(1 for c in multi if {"divergent", "speaker_conflict"} & set(c.flags)),
        speaker_conflicts=sum(1 for c in multi if "speaker_conflict" in c.flags),
    )
    shown: ReportSelection | None = None
    if chosen.active:
        multi = [c for c in multi if chosen.admits(c)]
        matched = len(multi)
        multi = multi if chosen.limit is None else multi[: chosen.limit]
        single = [c for c in single if chosen.admits(c)]
        shown = ReportSelection(
            min_outlets=chosen.min_outlets,
            outlets=list(chosen.outlets),
            speaker=chosen.speaker,
            limit=chosen.limit,
            since=chosen.since,
            until=chosen.until,
            clusters_matched=matched,
            clusters_shown=len(multi),
            singletons_shown=len(single),
        )
        cited = {m.document_id for c in [*multi, *single] for m in c.members}
        docs = {i: d for i, d in docs.items() if i in cited}
    documents = [
        ReportDocument(
            id=d.id,
            source=d.source,
            title=d.title,
            outlet=d.outlet,
            url=d.url,
            published=d.published,
            ingested_at=d.ingested_at,
            credits=_others(credits.get(d.id, []), d),
        )
        for d in sorted(docs.values(), key=lambda d: d.seq)
    ]
    return Report(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        store=str(store_dir),
        model=model,
        summary=summary,
        selection=shown,
        documents=documents,
        clusters=multi,
        singletons=single,
    )


def _others(credits: list[Credit], doc: DocumentRow) -> list[str]:
    """The sources a document credits, once each, but not itself: "the Times reported" in
    the Times' own article credits no one else."""
    return list(
        dict.fromkeys(c.source for c in credits if not own_name(c.source, doc.outlet, doc.url))
    )


def _cluster(
    cid: str,
    members: list[StatementRow],
    docs: dict[str, DocumentRow],
    cosine: Any,
) -> ReportCluster:
    appearances = [
        Appearance(
            statement_id=s.id,
            text=s.text,
            vector_id=s.vector_id,
            outlet_key=outlet_key(docs[s.document_id]),
            outlet_label=outlet_label(docs[s.document_id]),
            when=when(docs[s.document_id]),
        )
        for s in members
    ]
    variants = build_variants(appearances, cosine)
    report_members = []
    for s in sorted(members, key=lambda s: (when(docs[s.document_id]), s.start)):
        doc = docs[s.document_id]
        verdict = variants.by_statement[s.id]
        report_members.append(
            ReportMember(
                statement_id=s.id,
                text=s.text,
                document_id=doc.id,
                outlet=doc.outlet,
                url=doc.url,
                title=doc.title,
                published=doc.published,
                start=s.start,
                end=s.end,
                relation=verdict.relation,
                kind=s.kind,
                speaker=s.speaker,
                edits=list(verdict.edits),
            )
        )
    speakers = list(dict.fromkeys(s.speaker for s in members if s.speaker))
    flags: list[str] = []
    if len({_speaker_key(s) for s in speakers}) > 1:
        flags.append("speaker_conflict")
    if any(v.relation == "divergent" for v in variants.variants):
        flags.append("divergent")
    outlets = list(dict.fromkeys(a.outlet_label for a in appearances))
    return ReportCluster(
        id=cid,
        canonical=variants.canonical,
        outlets=outlets,
        n_outlets=len({a.outlet_key for a in appearances}),
        speakers=speakers,
        flags=flags,
        members=report_members,
        variants=variants.variants,
    )


def _speaker_key(name: str) -> str:
    # "Voronkov" and "Vladimir Voronkov" are one speaker: compare surnames.
    return name.split()[-1].lower() if name.split() else ""


# --- Markdown -----------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    s = report.summary
    lines = [
        "# Claim clusters",
        "",
        f"{s.documents} documents from {s.outlets} outlets · {s.statements} statements · "
        f"{s.clusters} clusters ({s.multi_outlet_clusters} across outlets) · "
        f"{s.singletons} statements in no cluster · model `{report.model}`",
        "",
        *([f"Shown: {_md(describe_selection(report.selection))}", ""] if report.selection else []),
        "## Documents",
        "",
    ]
    for d in report.documents:
        title = _md(d.title or Path(d.source).name)
        link = f"[{title}]({d.url})" if _safe_url(d.url) else title
        credit = f" — credits: {', '.join(map(_md, d.credits))}" if d.credits else ""
        lines.append(
            f"- {link} — {_md(d.outlet or 'outlet unknown')}, {d.published or 'undated'}{credit}"
        )
    lines += ["", "## Clusters", ""]
    for number, c in enumerate(report.clusters, start=1):
        lines += _md_cluster(number, c)
    lines += ["", f"## Singletons ({len(report.singletons)})", ""]
    for c in report.singletons:
        m = c.members[0]
        lines.append(f"- {_md(m.text)} — {_md(c.outlets[0])}")
    return "\n".join(lines) + "\n"


def describe_selection(shown: ReportSelection) -> str:
    """One line on what a filtered report shows: 'the first 10 of 40 clusters (2+ outlets;
    carried by "reuters")'."""
    filters = []
    if shown.min_outlets > 1:
        filters.append(f"{shown.min_outlets}+ outlets")
    if shown.outlets:
        filters.append("carried by " + " or ".join(f'"{o}"' for o in shown.outlets))
    if shown.speaker:
        filters.append(f'said by "{shown.speaker}"')
    if shown.since or shown.until:
        filters.append(f"published {_period(shown.since, shown.until)}")
    cut = shown.clusters_shown < shown.clusters_matched
    if not shown.clusters_matched:
        line = "no clusters"
    else:
        line = f"{'the first ' if cut else ''}{shown.clusters_shown} of {shown.clusters_matched}"
        line += " clusters"
    line += f" ({'; '.join(filters)})" if filters else ""
    if shown.singletons_shown:
        line += f", and {shown.singletons_shown} statements in no cluster"
    return line


def _period(since: str | None, until: str | None) -> str:
    if since and until:
        return f"{since} to {until}" if since != until else f"on {since}"
    return f"since {since}" if since else f"until {until}"


def _md_cluster(number: int, c: ReportCluster) -> list[str]:
    flags = f" · flags: {', '.join(c.flags)}" if c.flags else ""
    speakers = f" · speakers: {', '.join(map(_md, c.speakers))}" if c.speakers else ""
    lines = [
        f"### {number}. {_md(_clip(c.canonical, 90))}",
        "",
        f"`{c.id}` · {c.n_outlets} outlets · {len(c.members)} statements{speakers}{flags}",
        "",
        f"> {_md(c.canonical)}",
        "",
        "| outlet | date | relation | wording |",
        "|---|---|---|---|",
    ]
    for m in c.members:
        outlet = _md(m.outlet or "unknown")
        if _safe_url(m.url):
            outlet = f"[{outlet}]({m.url})"
        edits = f" ({', '.join(m.edits)})" if m.edits else ""
        wording = _md(m.text).replace("|", "\\|")
        lines.append(f"| {outlet} | {m.published or '—'} | {m.relation}{edits} | {wording} |")
    changed = [v for v in c.variants if not v.is_canonical]
    if changed:
        lines += ["", "Wording changes against the canonical (~~deleted~~, **inserted**):", ""]
        for v in changed:
            edits = f" [{', '.join(v.edits)}]" if v.edits else ""
            lines.append(
                f"- {', '.join(map(_md, v.outlets))} — {v.relation}{edits}: {_diff(v.diff)}"
            )
    lines.append("")
    return lines


def _diff(pieces: list[DiffPiece]) -> str:
    out = []
    for p in pieces:
        text = _md(p.text)
        if p.op == "equal" or not text.strip():
            out.append(text)
        else:
            mark = "~~" if p.op == "delete" else "**"
            lead, core, trail = _split_space(text)
            out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead, core, trail


def _md(text: str) -> str:
    """Article text is data: neutralise Markdown and HTML in it."""
    out = text.replace("\\", "\\\\").replace("\n", " ")
    for ch in "*_`[]<>#~":
        out = out.replace(ch, "\\" + ch)
    return out


def _safe_url(url: str | None) -> bool:
    return (
        bool(url)
        and str(url).lower().startswith(("http://", "https://"))
        and " " not in str(url)
        and ")" not in str(url)
    )


def _clip(text: str, n: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1].rstrip() + "…"


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2)
