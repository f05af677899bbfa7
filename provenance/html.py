"""One self-contained HTML page for a report: readable offline, printable, filterable.

Everything the page needs is inline (CSS, JS, no fonts or images), and a
Content-Security-Policy pins the inline script and style to their hashes, so even if
escaping were ever missed somewhere, injected markup could neither run script nor load
anything remote. Article text only ever reaches the page through Jinja2 autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import PurePath
from urllib.parse import urlsplit

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from provenance.dates import as_iso, moment
from provenance.models import Report, ReportCluster, ReportDocument, ReportMember, ReportVariant
from provenance.report import describe_selection

__all__ = ["render_html"]

UNKNOWN_OUTLET = "Unknown outlet"

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Colour classes exist for these; anything else the pipeline invents still renders, plainly.
_KNOWN_EDITS = frozenset(
    {"number", "negation", "reversed", "name", "hedge", "truncated", "quote", "date"}
)
_KNOWN_FLAGS = frozenset({"speaker_conflict", "divergent", "disputed", "corroborated"})
_FLAG_LABELS = {
    "speaker_conflict": "Speaker conflict",
    "divergent": "Divergent wording",
    "disputed": "Disputed",
    "corroborated": "Corroborated",
}
_EDIT_HINTS = {
    "number": "A number differs from the canonical wording",
    "negation": "A negation was added or removed: the meaning may be reversed",
    "reversed": "A word was turned into its opposite (rose/fell, most/least)",
    "name": "A name differs",
    "hedge": "Hedging words (may, reportedly, …) differ",
    "truncated": "The statement is cut short",
}
# Chains longer than this are a credit loop or noise; nobody reads a 12-box diagram.
_MAX_CHAIN = 6
_MAX_CHAINS = 12
# Beyond this many documents the timeline starts collapsed, so clusters stay in view.
_TIMELINE_OPEN_MAX = 40
# Past this many cards the browser is told to skip layout of off-screen ones.
_MANY = 80
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


# --- view models ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    """A URL as the page shows it: ``href`` only when it is safe to follow."""

    href: str | None
    text: str | None  # the raw URL, shown as text when it is not a safe link


@dataclass(frozen=True)
class _Date:
    iso: str  # for the <time datetime> attribute
    label: str
    day: str  # grouping key on the timeline
    time: str | None


@dataclass(frozen=True)
class _Piece:
    op: str
    text: str


@dataclass(frozen=True)
class _Variant:
    pieces: list[_Piece]
    outlets: list[str]
    members: int
    relation: str
    is_canonical: bool
    edits: list[str]
    repeats_canonical: bool  # its text is the card's headline quote, so it is not shown twice


@dataclass(frozen=True)
class _Member:
    outlet: str
    outlet_known: bool
    source: str
    title: str | None
    link: _Link
    date: _Date | None
    published_raw: str | None
    relation: str
    edits: list[str]
    speaker: str | None
    kind: str


@dataclass(frozen=True)
class _Node:
    label: str
    role: str  # "source": credited only; "outlet": an outlet carrying the statement


@dataclass(frozen=True)
class _Chain:
    heads: list[_Node]  # sources credited in parallel for the same onward path
    rest: list[_Node]


@dataclass
class _Cluster:
    anchor: str
    id: str
    canonical: str
    outlets: list[tuple[int, str, bool]]  # filter index, label, outlet known
    n_outlets: int
    speakers: list[str]
    flags: list[str]
    members: list[_Member]
    variants: list[_Variant]
    chains: list[_Chain]
    data_o: str
    data_s: str
    data_f: str
    quote_count: int = 0
    first_date: _Date | None = None
    unknown: frozenset[str] = frozenset()  # outlet labels that stand for outlet-less documents


@dataclass(frozen=True)
class _TimelineDoc:
    outlet: str
    outlet_known: bool
    title: str
    link: _Link
    date: _Date | None
    published_raw: str | None
    credits: list[str]


@dataclass
class _TimelineDay:
    label: str
    docs: list[_TimelineDoc] = field(default_factory=list)


@dataclass(frozen=True)
class _Stat:
    label: str
    value: int
    note: str | None = None
    tone: str = ""


# --- helpers ----------------------------------------------------------------------------


def _safe_link(url: str | None) -> _Link:
    """Only absolute http(s) URLs become links; anything else is shown, inert, as text."""
    if not url:
        return _Link(None, None)
    u = url.strip()
    # Browsers drop tabs and newlines inside URLs ("java\tscript:"), so any white space or
    # control character disqualifies the URL rather than being interpreted.
    if not u or any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in u):
        return _Link(None, url)
    try:
        parts = urlsplit(u)
    except ValueError:
        return _Link(None, url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return _Link(None, url)
    return _Link(u, None)


def _parse_date(raw: str | None) -> _Date | None:
    if not raw:
        return None
    text = as_iso(raw.strip())  # a store from before dates were stored as ISO 8601
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    aware = dt.tzinfo is not None
    if aware:
        # Mixed offsets must sort on one clock; UTC is the only neutral choice.
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    has_time = len(text) > 10
    day = f"{dt.day} {_MONTHS[dt.month - 1]} {dt.year}"
    label = f"{day}, {dt:%H:%M}{' UTC' if aware else ''}" if has_time else day
    iso = dt.isoformat(timespec="minutes") if has_time else dt.date().isoformat()
    return _Date(iso=iso, label=label, day=day, time=f"{dt:%H:%M}" if has_time else None)


def _sort_key(raw: str | None) -> datetime:
    return moment(raw) or datetime.max


def _source_name(source: str) -> str:
    # Sources are file paths (plus ":line" for JSONL); the directory is noise on a card.
    return PurePath(source.replace("\\", "/")).name or source


def _anchor(cluster_id: str, used: set[str]) -> str:
    base = "c-" + (_ID_UNSAFE.sub("-", cluster_id).strip("-") or "x")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def _flag_label(flag: str) -> str:
    return _FLAG_LABELS.get(flag, flag.replace("_", " ").capitalize())


def _flag_class(flag: str) -> str:
    return f"flag-{flag}" if flag in _KNOWN_FLAGS else "flag-other"


def _edit_class(edit: str) -> str:
    return f"edit-{edit}" if edit in _KNOWN_EDITS else "edit-other"


def _edit_hint(edit: str) -> str:
    return _EDIT_HINTS.get(edit, edit.replace("_", " "))


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _credit_chains(
    members: Sequence[ReportMember], docs: dict[str, ReportDocument]
) -> list[list[_Node]]:
    """Who credited whom: a document crediting X means X → that document's outlet."""
    edges: dict[str, list[str]] = {}
    outlets: set[str] = set()
    for m in members:
        doc = docs.get(m.document_id)
        target = m.outlet or (doc.outlet if doc else None)
        if target is None:
            # The same label the report gives an outlet-less document elsewhere.
            target = f"unknown ({_source_name(doc.source) if doc else m.document_id})"
        outlets.add(target)
        for credit in doc.credits if doc else []:
            credit = credit.strip()
            if credit and credit.casefold() != target.casefold():
                targets = edges.setdefault(credit, [])
                if target not in targets:
                    targets.append(target)
    if not edges:
        return []
    targets_all = {t for ts in edges.values() for t in ts}
    roots = [s for s in edges if s not in targets_all] or list(edges)

    chains: list[list[str]] = []

    def walk(path: list[str]) -> None:
        if len(chains) >= _MAX_CHAINS:
            return
        nexts = [t for t in edges.get(path[-1], []) if t not in path]
        if not nexts or len(path) >= _MAX_CHAIN:
            chains.append(path)
            return
        for t in nexts:
            walk([*path, t])

    for root in roots:
        walk([root])
    return [
        [_Node(label, "outlet" if label in outlets else "source") for label in chain]
        for chain in chains
    ]


def _group_chains(chains: list[list[_Node]]) -> list[_Chain]:
    """Sources credited for the same onward path share one arrow: "PTI, ANI → x"."""
    grouped: dict[tuple[_Node, ...], list[_Node]] = {}
    for chain in chains:
        heads = grouped.setdefault(tuple(chain[1:]), [])
        if chain[0] not in heads:
            heads.append(chain[0])
    return [_Chain(heads, list(rest)) for rest, heads in grouped.items()]


# --- view building ----------------------------------------------------------------------


class _Index:
    """Outlets, speakers and flags as small integers, so cards carry compact data attributes."""

    def __init__(self, values: Iterable[str], *, sort: bool = True) -> None:
        uniq = _ordered_unique(values)
        self.values = sorted(uniq, key=str.casefold) if sort else uniq
        self.pos = {v: i for i, v in enumerate(self.values)}

    def attr(self, values: Iterable[str]) -> str:
        return " ".join(str(self.pos[v]) for v in _ordered_unique(values) if v in self.pos)


def _member_view(m: ReportMember, docs: dict[str, ReportDocument]) -> _Member:
    doc = docs.get(m.document_id)
    outlet = m.outlet or (doc.outlet if doc else None)
    return _Member(
        outlet=outlet or UNKNOWN_OUTLET,
        outlet_known=outlet is not None,
        source=_source_name(doc.source) if doc else m.document_id,
        title=m.title or (doc.title if doc else None),
        link=_safe_link(m.url or (doc.url if doc else None)),
        date=_parse_date(m.published or (doc.published if doc else None)),
        published_raw=m.published or (doc.published if doc else None),
        relation=m.relation,
        edits=_ordered_unique(m.edits),
        speaker=m.speaker,
        kind=m.kind,
    )


def _variant_view(v: ReportVariant, canonical: str) -> _Variant:
    pieces = [_Piece(p.op, p.text) for p in v.diff] or [_Piece("equal", v.text)]
    return _Variant(
        pieces=pieces,
        outlets=_ordered_unique(v.outlets),
        members=v.members,
        relation=v.relation,
        is_canonical=v.is_canonical,
        edits=_ordered_unique(v.edits),
        repeats_canonical=v.is_canonical and v.text == canonical,
    )


def _cluster_view(
    c: ReportCluster,
    docs: dict[str, ReportDocument],
    outlets: _Index,
    speakers: _Index,
    flags: _Index,
    anchors: set[str],
) -> _Cluster:
    members = [_member_view(m, docs) for m in c.members]
    members.sort(key=lambda m: (m.date.iso if m.date else "~", m.outlet.casefold()))
    # Canonical first, then the wording most outlets ran: the order a reader checks them in.
    variants = sorted(
        (_variant_view(v, c.canonical) for v in c.variants),
        key=lambda v: (not v.is_canonical, -v.members),
    )
    cluster_speakers = _ordered_unique([*c.speakers, *(m.speaker or "" for m in c.members)])
    dated = [m.date for m in members if m.date]
    unknown = {f"unknown ({m.source})" for m in members if not m.outlet_known}
    return _Cluster(
        anchor=_anchor(c.id, anchors),
        id=c.id,
        canonical=c.canonical,
        outlets=[(outlets.pos[o], o, o not in unknown) for o in _ordered_unique(c.outlets)],
        n_outlets=c.n_outlets,
        speakers=cluster_speakers,
        flags=_ordered_unique(c.flags),
        members=members,
        variants=variants,
        chains=_group_chains(_credit_chains(c.members, docs)),
        data_o=outlets.attr(c.outlets),
        data_s=speakers.attr(cluster_speakers),
        data_f=flags.attr(c.flags),
        quote_count=sum(1 for m in c.members if m.kind != "sentence"),
        first_date=dated[0] if dated else None,
        unknown=frozenset(unknown),
    )


def _timeline(documents: Sequence[ReportDocument]) -> tuple[list[_TimelineDay], list[_TimelineDoc]]:
    days: dict[str, _TimelineDay] = {}
    undated: list[_TimelineDoc] = []
    for d in sorted(documents, key=lambda d: (_sort_key(d.published), d.outlet or "", d.id)):
        date = _parse_date(d.published)
        item = _TimelineDoc(
            outlet=d.outlet or UNKNOWN_OUTLET,
            outlet_known=d.outlet is not None,
            title=d.title or _source_name(d.source),
            link=_safe_link(d.url),
            date=date,
            published_raw=d.published,
            credits=_ordered_unique(c.strip() for c in d.credits),
        )
        if date is None:
            undated.append(item)
        else:
            days.setdefault(date.day, _TimelineDay(date.day)).docs.append(item)
    return list(days.values()), undated


def _stats(report: Report) -> list[_Stat]:
    s = report.summary
    return [
        _Stat("Documents", s.documents),
        _Stat("Outlets", s.outlets),
        _Stat("Statements", s.statements),
        _Stat("Clusters", s.clusters, f"{s.multi_outlet_clusters} across ≥ 2 outlets"),
        _Stat("Quotes", s.quotes),
        _Stat("Corroborated", s.corroborated, None, "good"),
        _Stat("Disputed", s.disputed, None, "bad" if s.disputed else ""),
        _Stat(
            "Speaker conflicts", s.speaker_conflicts, None, "warn" if s.speaker_conflicts else ""
        ),
    ]


# --- rendering --------------------------------------------------------------------------


def _asset(name: str) -> str:
    return (resources.files("provenance") / "templates" / name).read_text(encoding="utf-8")


# Page, styles and script live beside this module as files: they are edited as CSS, JS and
# HTML, and inlined at render time so the report stays one self-contained file.
_CSS = _asset("report.css")
_JS = _asset("report.js")
_TEMPLATE = _asset("report.html.j2")

_ENV = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
_ENV.globals.update(
    flag_label=_flag_label, flag_class=_flag_class, edit_class=_edit_class, edit_hint=_edit_hint
)
_PAGE = _ENV.from_string(_TEMPLATE)
_CSP = "; ".join(
    [
        "default-src 'none'",
        f"script-src {_csp_hash(_JS)}",
        f"style-src {_csp_hash(_CSS)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
)


def render_html(report: Report) -> str:
    """The report as one HTML page that needs nothing but a browser."""
    docs = {d.id: d for d in report.documents}
    everything = [*report.clusters, *report.singletons]
    outlets = _Index(o for c in everything for o in c.outlets)
    speakers = _Index(
        s for c in everything for s in [*c.speakers, *(m.speaker or "" for m in c.members)]
    )
    flag_order = [*_FLAG_LABELS, *sorted({f for c in everything for f in c.flags})]
    flags = _Index((f for f in flag_order if any(f in c.flags for c in everything)), sort=False)
    anchors: set[str] = set()
    clusters = [_cluster_view(c, docs, outlets, speakers, flags, anchors) for c in report.clusters]
    singles = [_cluster_view(c, docs, outlets, speakers, flags, anchors) for c in report.singletons]
    days, undated = _timeline(report.documents)
    n_dated = sum(len(d.docs) for d in days)
    span = f"{days[0].label} – {days[-1].label}" if len(days) > 1 else None
    generated = _parse_date(report.generated_at)
    return _PAGE.render(
        report=report,
        summary=report.summary,
        selection=describe_selection(report.selection) if report.selection else None,
        generated=generated.label if generated else report.generated_at,
        stats=_stats(report),
        days=days,
        undated=undated,
        n_dated=n_dated,
        span=span,
        timeline_open=len(report.documents) <= _TIMELINE_OPEN_MAX,
        outlets=outlets.values,
        speakers=speakers.values,
        flags=flags.values,
        max_outlets=max((c.n_outlets for c in everything), default=1),
        clusters=clusters,
        singles=singles,
        many=len(clusters) + len(singles) > _MANY,
        csp=_CSP,
        css=Markup(_CSS),
        js=Markup(_JS),
    )
