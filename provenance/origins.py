"""Independent origins: which documents are really one source.

Ten outlets reprinting one wire story are one source. Documents collapse into one origin
when they credit the same upstream source ("reported Voice of America", "(AP)"), when one
is published by the source another credits, when they come from the same outlet, or when
their bodies are near-identical copies (syndication). Each collapse keeps its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

# Body copies: share of word 5-grams (Jaccard) above which two bodies are one text.
SYNDICATION_JACCARD = 0.6
_WORD = re.compile(r"\w+")

# Outlet hosts of the common upstream sources, so an AP story on apnews.com and an outlet
# crediting "Associated Press" are recognised as one origin.
SOURCE_HOSTS = {
    "associated press": ("apnews.com", "ap.org"),
    "reuters": ("reuters.com",),
    "agence france-presse": ("afp.com",),
    "afp": ("afp.com",),
    "voice of america": ("voanews.com",),
    "united press international": ("upi.com",),
    "bloomberg": ("bloomberg.com",),
}


class Origin(BaseModel):
    """One independent origin: the documents that collapse into it, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    documents: list[str]
    outlets: list[str]
    reasons: list[str]


@dataclass(frozen=True)
class Source:
    """What origin grouping needs to know of one document."""

    doc_id: str
    outlet: str | None
    text: str
    credits: tuple[str, ...]
    label: str  # how its outlet is shown (report.outlet_label)
    url: str | None = None


def own_name(credit: str, *names: str | None) -> bool:
    """Whether ``credit`` names the document's own outlet, given as ``names`` (its outlet,
    its URL): written alike, its web host ("Fox News" on foxnews.com, "The New York Times"
    on nytimes.com), or a short form inside the host ("Post" on washingtonpost.com). A
    "reported the Times" in the Times' own article credits no one else."""
    words = _key(credit).removeprefix("the ").split()
    key = "".join(words)
    # Hosts abbreviate: nytimes.com, latimes.com, wsj.com.
    short = {"".join(w[0] for w in words[:-1]) + words[-1], "".join(w[0] for w in words)}
    forms = {key} | (short if len(words) > 1 else set())
    for name in names:
        if not name:
            continue
        host = urlsplit(name).hostname if "://" in name else None
        for form in (name, host):
            if not form:
                continue
            form = form.lower().strip()
            # A host's labels but its last ("thecaucus.blogs.nytimes.com": nytimes, ...);
            # an outlet's name as one word.
            sites = form.split(".")[:-1] if " " not in form and "." in form else [form]
            for site in map(_squeeze, sites):
                if site in forms or (len(key) >= 4 and key in site):
                    return True
            if key == _squeeze(_key(form)):
                return True
    return False


def _squeeze(name: str) -> str:
    return "".join(name.split())


def _key(name: str) -> str:
    return " ".join(name.lower().replace(".", "").split())


def _shingles(text: str, n: int = 5) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    return frozenset(hash(tuple(words[i : i + n])) for i in range(max(len(words) - n + 1, 1)))


def _publishes(src: Source, source: str) -> bool:
    """Whether ``src`` is published by the credited ``source``: by its name or web address
    (own_name), or as the outlet at a known upstream source's host (apnews.com)."""
    if own_name(source, src.outlet, src.url):
        return True
    if not src.outlet:
        return False
    out = _key(src.outlet)
    return out == _key(source) or any(
        out == host or out.endswith("." + host) for host in SOURCE_HOSTS.get(_key(source), ())
    )


def group_origins(sources: Sequence[Source]) -> list[Origin]:
    """Partition documents into independent origins, largest first."""
    parent = list(range(len(sources)))
    reasons: dict[int, list[str]] = {i: [] for i in range(len(sources))}
    names: dict[int, str] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, why: str) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a
            reasons[a].extend(reasons.pop(b))
            if b in names:
                names.setdefault(a, names.pop(b))
        reasons[a].append(why)

    by_credit: dict[str, int] = {}
    by_outlet: dict[str, int] = {}
    for i, src in enumerate(sources):
        for credit in src.credits:
            key = _key(credit)
            if key in by_credit:
                union(by_credit[key], i, f"each credits {credit}")
            else:
                by_credit[key] = i
            names.setdefault(find(i), credit)
        if src.outlet:
            key = _key(src.outlet)
            if key in by_outlet:
                union(by_outlet[key], i, f"same outlet {src.outlet}")
            else:
                by_outlet[key] = i
    for i, src in enumerate(sources):
        for j, other in enumerate(sources):
            if i != j and any(_publishes(src, c) for c in other.credits):
                union(i, j, f"{other.outlet or other.doc_id} credits {src.outlet or src.label}")
    shingles = [_shingles(s.text) for s in sources]
    for i in range(len(sources)):
        for j in range(i + 1, len(sources)):
            if find(i) == find(j):
                continue
            inter = len(shingles[i] & shingles[j])
            jaccard = inter / (len(shingles[i] | shingles[j]) or 1)
            if jaccard >= SYNDICATION_JACCARD:
                union(i, j, f"near-identical bodies (word 5-gram Jaccard {jaccard:.2f})")

    groups: dict[int, list[int]] = {}
    for i in range(len(sources)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for root, members in groups.items():
        outlets = _unique(sources[m].label for m in members)
        out.append(
            Origin(
                name=names.get(root) or outlets[0],
                documents=[sources[m].doc_id for m in members],
                outlets=outlets,
                reasons=_unique(reasons.get(root, [])),
            )
        )
    out.sort(key=lambda o: (-len(o.documents), o.name))
    return out


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
