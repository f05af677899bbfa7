"""Variants: the distinct wordings inside a cluster, the canonical one, and how each differs.

The canonical wording is the one the most outlets printed, then the earliest. Every other
wording gets a word-level diff against it and a relation: ``verbatim`` (the same words
up to white space and quote-mark style), ``paraphrase`` (same meaning), or ``divergent``
(a substantive edit: a number, a name, a negation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from provenance.edits import classify_edits, diff_words
from provenance.models import DiffPiece, Relation, ReportVariant
from provenance.similarity import relation

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def wording_key(text: str) -> str:
    """Two texts with the same key are the same wording (verbatim)."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


@dataclass(frozen=True)
class Appearance:
    """One statement of a cluster, with what ordering and counting need."""

    statement_id: int
    text: str
    vector_id: int
    outlet_key: str  # the outlet, or the document where the outlet is unknown
    outlet_label: str
    when: tuple[int, datetime, int]  # (undated?, published moment, ingest seq): smaller is earlier


@dataclass(frozen=True)
class Verdict:
    relation: Relation
    edits: tuple[str, ...]


@dataclass(frozen=True)
class Variants:
    canonical: str
    variants: list[ReportVariant]
    by_statement: dict[int, Verdict]


def build_variants(
    appearances: Sequence[Appearance], cosine: Callable[[int, int], float]
) -> Variants:
    """Group ``appearances`` by wording and relate each wording to the canonical one.

    ``cosine(vector_id_a, vector_id_b)`` gives the similarity of two stored vectors.
    """
    groups: dict[str, list[Appearance]] = {}
    for app in appearances:
        groups.setdefault(wording_key(app.text), []).append(app)

    def rank(key: str) -> tuple[int, tuple[int, datetime, int]]:
        apps = groups[key]
        return (-len({a.outlet_key for a in apps}), min(a.when for a in apps))

    ordered = sorted(groups, key=rank)
    canonical_key = ordered[0]
    canonical = groups[canonical_key][0]
    variants: list[ReportVariant] = []
    by_statement: dict[int, Verdict] = {}
    for key in ordered:
        apps = groups[key]
        first = apps[0]
        if key == canonical_key:
            verdict = Verdict("verbatim", ())
            diff = [DiffPiece(op="equal", text=canonical.text)]
        else:
            edits = tuple(classify_edits(canonical.text, first.text))
            rel = relation(canonical.text, first.text, cosine(canonical.vector_id, first.vector_id))
            verdict = Verdict(rel, edits)
            diff = diff_words(canonical.text, first.text)
        for app in apps:
            by_statement[app.statement_id] = verdict
        variants.append(
            ReportVariant(
                text=first.text,
                outlets=list(dict.fromkeys(a.outlet_label for a in apps)),
                members=len(apps),
                relation=verdict.relation,
                is_canonical=key == canonical_key,
                diff=diff,
                edits=list(verdict.edits),
            )
        )
    return Variants(canonical=canonical.text, variants=variants, by_statement=by_statement)
