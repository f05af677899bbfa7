"""Records at the edges: what readers produce, what extraction finds, what reports carry.

Values are frozen; every model forbids unknown fields, so a typo in a JSONL record or a
report consumer's expectation fails loudly instead of being dropped.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JsonlArticle(BaseModel):
    """One line of a JSONL input file; only ``text`` is required."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = None
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    # Feeds give Unix time as a number as often as a date as a string (provenance.dates).
    published: str | StrictInt | StrictFloat | None = None


class Article(Record):
    """A document as a reader produced it. ``text`` is what all offsets index."""

    text: str
    source: str  # the file (and line, for JSONL) it came from
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given
    tags: tuple[str, ...] = ()
    external_id: str | None = None


class Span(Record):
    """A sentence (or statement) and its character offsets into the document text."""

    start: int
    end: int
    text: str


Relation = Literal["verbatim", "paraphrase", "divergent"]
QuoteKind = Literal["direct", "indirect"]


class Quote(Record):
    """A quotation or attributed statement found in a document text."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    role: str | None = None
    cue: str | None = None


class Credit(Record):
    """A source the article says it got its material from ("reported Voice of America")."""

    source: str
    text: str  # the phrase as written
    start: int
    end: int
    kind: Literal["reported", "according_to", "told", "wire_tag", "dateline", "byline", "other"]


class Extraction(Record):
    """What ``provenance quotes`` prints for one document."""

    path: str
    text_sha256: str
    text: str
    quotes: list[Quote]
    credits: list[Credit]


# --- report -----------------------------------------------------------------------------

DiffOp = Literal["equal", "insert", "delete"]


class DiffPiece(Record):
    op: DiffOp
    text: str


class ReportDocument(Record):
    id: str
    source: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    ingested_at: str
    credits: list[str] = Field(default_factory=list)


class ReportMember(Record):
    statement_id: int
    text: str
    document_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    start: int
    end: int
    relation: Relation
    kind: str = "sentence"
    speaker: str | None = None
    edits: list[str] = Field(default_factory=list)


class ReportVariant(Record):
    text: str
    outlets: list[str]
    members: int
    relation: Relation
    is_canonical: bool
    diff: list[DiffPiece]
    edits: list[str] = Field(default_factory=list)


class ReportCluster(Record):
    id: str
    canonical: str
    outlets: list[str]
    n_outlets: int
    speakers: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    members: list[ReportMember]
    variants: list[ReportVariant]


class ReportSummary(Record):
    documents: int
    outlets: int
    statements: int
    clusters: int
    multi_outlet_clusters: int
    singletons: int
    quotes: int = 0
    corroborated: int = 0
    disputed: int = 0
    speaker_conflicts: int = 0


class ReportSelection(Record):
    """Which clusters a filtered report shows; the summary still counts the whole store."""

    min_outlets: int = 1
    outlets: list[str] = Field(default_factory=list)
    speaker: str | None = None
    limit: int | None = None
    since: str | None = None  # ISO 8601
    until: str | None = None
    clusters_matched: int  # clusters the filters let through, before the limit
    clusters_shown: int
    singletons_shown: int


class Report(Record):
    generated_at: str
    store: str
    model: str
    summary: ReportSummary
    # Set when the report shows part of the store (``provenance report --min-outlets`` ...);
    # its documents are then only those the shown clusters cite.
    selection: ReportSelection | None = None
    documents: list[ReportDocument]
    clusters: list[ReportCluster]
    singletons: list[ReportCluster]
