"""Trace: where a claim came from. Its cluster, its earliest appearance, its speaker, the
chain of credits (speaker -> first outlet -> outlets that credit it) and a timeline of
the wording at each step, so that drift is visible."""

from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel, ConfigDict

from provenance.corroboration import Checker
from provenance.dates import cannot_tell_apart, moment
from provenance.edits import classify_edits, diff_words
from provenance.models import DiffPiece
from provenance.origins import own_name
from provenance.report import outlet_label, when


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document_id: str
    outlet: str
    url: str | None
    title: str | None
    published: str | None
    text: str
    speaker: str | None
    credits: list[str]
    diff: list[DiffPiece]  # against the earliest wording
    edits: list[str]


class Edge(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    target: str
    label: str


class TraceResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: str
    found: bool
    cluster_id: str | None
    speaker: str | None
    earliest: Step | None
    earliest_by: str | None  # "published date" or "ingest order"
    # Outlets whose dates give no order against the earliest's (same day, one without a
    # time): the earliest is then one of them, not known to be first.
    earliest_tied_with: list[str] = []
    timeline: list[Step]
    edges: list[Edge]


def trace(checker: Checker, claim: str) -> TraceResult:
    result = checker.check(claim)
    store = checker.store
    if not result.matches:
        return TraceResult(
            claim=claim, found=False, cluster_id=None, speaker=None, earliest=None,
            earliest_by=None, timeline=[], edges=[],
        )  # fmt: skip
    top = result.matches[0]
    assigned = store.assignments()
    cluster_id = assigned.get(top.vector_id)
    members = [s for s in store.statements_where(vector_ids=[top.vector_id])]
    if cluster_id is not None:
        same = [vid for vid, cid in assigned.items() if cid == cluster_id]
        members = store.statements_where(vector_ids=same)
    close = {m.statement_id for m in result.matches if m.relation != "paraphrase"}
    members += [s for s in store.statements_where(vector_ids=[m.vector_id for m in result.matches])
                if s.id in close]  # fmt: skip
    docs = {d.id: d for d in store.documents()}
    credits = store.credits()
    # One appearance per document: its statement closest to the claim's wording.
    chosen: dict[str, str] = {}
    speakers: Counter[str] = Counter()
    speaker_of: dict[str, str | None] = {}
    for s in members:
        if s.document_id not in chosen or s.kind != "sentence":
            chosen[s.document_id] = s.text
            speaker_of[s.document_id] = s.speaker
        if s.speaker:
            speakers[s.speaker] += 1
    order = sorted(chosen, key=lambda d: when(docs[d]))
    first_text = chosen[order[0]]
    timeline = []
    for doc_id in order:
        doc = docs[doc_id]
        text = chosen[doc_id]
        timeline.append(
            Step(
                document_id=doc_id,
                outlet=outlet_label(doc),
                url=doc.url,
                title=doc.title,
                published=doc.published,
                text=text,
                speaker=speaker_of[doc_id],
                credits=list(dict.fromkeys(c.source for c in credits.get(doc_id, []))),
                diff=diff_words(first_text, text)
                if doc_id != order[0]
                else [DiffPiece(op="equal", text=text)],
                edits=classify_edits(first_text, text) if doc_id != order[0] else [],
            )
        )
    speaker = _full_name(speakers)
    earliest = timeline[0]
    dated = moment(docs[order[0]].published) is not None
    tied = [s for s in timeline[1:] if cannot_tell_apart(s.published, earliest.published)]
    return TraceResult(
        claim=claim,
        found=True,
        cluster_id=cluster_id,
        speaker=speaker,
        earliest=earliest,
        earliest_by="published date" if dated else "ingest order",
        earliest_tied_with=list(dict.fromkeys(s.outlet for s in tied)),
        timeline=timeline,
        edges=_edges(speaker, timeline, tied),
    )


def _full_name(speakers: Counter[str]) -> str | None:
    if not speakers:
        return None
    top = speakers.most_common(1)[0][0]
    # Prefer the longest form of the same surname ("Voronkov" -> "Vladimir Voronkov").
    same = [s for s in speakers if s.split()[-1:] == top.split()[-1:]]
    return max(same, key=len)


def _edges(speaker: str | None, timeline: list[Step], tied: list[Step]) -> list[Edge]:
    """The credit chain: speaker -> first outlet, credited -> crediting outlets, and the
    first outlet -> each later one that credits nobody ("same day" where the dates cannot
    tell which came first)."""
    edges: list[Edge] = []
    credited = {c for step in timeline for c in step.credits}
    first = timeline[0]
    if speaker:
        head = first.credits[0] if first.credits else first.outlet
        edges.append(Edge(source=speaker, target=head, label="said"))
    for step in timeline:
        for credit in step.credits:
            if not own_name(credit, step.outlet, step.url):  # CNN's transcript "told CNN"
                edges.append(Edge(source=credit, target=step.outlet, label="credited by"))
        if step is not first and not step.credits and first.outlet not in credited:
            label = "same day" if any(step is t for t in tied) else "later"
            edges.append(Edge(source=first.outlet, target=step.outlet, label=label))
    return list({(e.source, e.target): e for e in edges}.values())


def render_graph(result: TraceResult, kind: str) -> str:
    """The credit chain as Mermaid or Graphviz DOT source."""
    nodes: dict[str, str] = {}
    for e in result.edges:
        for name in (e.source, e.target):
            nodes.setdefault(name, f"n{len(nodes)}")
    if kind == "dot":
        lines = ["digraph provenance {", "  rankdir=LR;"]
        lines += [f'  {nid} [label="{_dot(name)}"];' for name, nid in nodes.items()]
        lines += [
            f'  {nodes[e.source]} -> {nodes[e.target]} [label="{_dot(e.label)}"];'
            for e in result.edges
        ]
        return "\n".join([*lines, "}"]) + "\n"
    lines = ["graph LR"]
    lines += [f'  {nid}["{_mermaid(name)}"]' for name, nid in nodes.items()]
    lines += [
        f"  {nodes[e.source]} -->|{_mermaid(e.label)}| {nodes[e.target]}" for e in result.edges
    ]
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _mermaid(text: str) -> str:
    return re.sub(r'["|<>]', "'", text)
