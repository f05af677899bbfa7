"""Clusters: statements that state the same claim, built incrementally and deterministically.

Candidates come from FAISS (nearest neighbours above a cosine floor); the decision is the
calibrated ``similarity.link_score``. A statement joins a cluster only when it is close
to the cluster as a whole -- its mean link score to the members clears the threshold
and no member is far below it -- so A~B and B~C cannot drag A and C together.

Vectors are processed in id order (ingest order). Each cluster is named after the
content hash of its founding text, so clustering the same data again gives the same ids,
and later documents join clusters that already exist instead of renaming them. With the
exact index a vector's candidates are its nearest *earlier* vectors (``VectorIndex.search``
with ``earlier_than``), so a folder ingested at once clusters exactly as the same files
ingested in several runs (up to 200k statements, where the inverted file takes over and
later neighbours serve to recover pairs its search missed).

Cost: one batched index search per block of new vectors (only neighbours above the floor
are kept), then per vector only the neighbours that are already clustered are looked at;
a vector with none founds its own cluster without further work, and a candidate cluster
is compared on at most ``MAX_COMPARE`` founding members plus the neighbours found. With
the inverted-file index (embeddings/index.py) nothing grows with the square of the store;
bench/cluster_scale.py measures it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from embeddings import VectorIndex
from provenance.similarity import LINK_THRESHOLD, LinkText, link_ceiling, link_score

# Below this cosine two statements are never the same claim (measured: the lowest seed
# positive is 0.68, and MRPC paraphrases under 0.5 are rare); it bounds the work only.
CANDIDATE_FLOOR = 0.5
NEIGHBOURS = 24
# Every member must be at least this close (threshold minus margin): the anti-chaining rule.
MEMBER_MARGIN = 0.1
# Large clusters are compared on their founding members (plus the neighbours found).
MAX_COMPARE = 32
# New vectors searched at once: large enough for the inverted file's list-by-list search
# to pay off, small enough that the neighbour matrices stay around 100 MB.
BLOCK = 262_144
# Progress is reported in steps of this many vectors (a callback per vector costs more
# than the clustering of a vector without candidates).
_TICK = 4096

Matrix = np.ndarray[Any, np.dtype[np.float32]]
Ids = np.ndarray[Any, np.dtype[np.int64]]


class Link(Protocol):
    """Link scores of vector ``vid`` to cluster ``members`` (with their cosines to it).

    Returns ``None`` as soon as one score falls below ``floor``: such a cluster is refused
    whatever the others score, so the rest need not be computed.
    """

    def __call__(
        self, vid: int, members: Sequence[int], cosines: Matrix, floor: float
    ) -> list[float] | None: ...


class TextLink:
    """The calibrated ``link_score`` on the statements' texts (the production decision).
    ``text_of`` may give a ``LinkText`` whose words were found elsewhere (on a worker)."""

    def __init__(self, text_of: Callable[[int], str | LinkText]) -> None:
        self._text_of = text_of
        self._texts: dict[int, LinkText] = {}

    def text(self, vid: int) -> LinkText:
        text = self._texts.get(vid)
        if text is None:
            found = self._text_of(vid)
            text = self._texts[vid] = found if isinstance(found, LinkText) else LinkText(found)
        return text

    def __call__(
        self, vid: int, members: Sequence[int], cosines: Matrix, floor: float
    ) -> list[float] | None:
        text = self.text(vid)
        links = [0.0] * len(members)
        # Least similar first: a refusal is usually decided by the first pair scored.
        # (Python's sort, stable like argsort's: numpy's per-call cost dominates here.)
        values = cosines.tolist()
        for i in sorted(range(len(values)), key=values.__getitem__):
            other, cosine = self.text(members[i]), values[i]
            if link_ceiling(text, other, cosine) < floor:
                return None  # refused without the costly alignment: same answer, sooner
            score = link_score(text, other, cosine)
            if score < floor:
                return None
            links[i] = score
        return links


class CosineLink:
    """A vector-only link for benchmarks and tests without texts: linear in the cosine,
    ``LINK_THRESHOLD`` at ``cosine`` and ``scale`` link units per unit of cosine (so the
    member margin is ``MEMBER_MARGIN / scale`` of cosine). Not calibrated on anything."""

    def __init__(self, cosine: float = 0.7, scale: float = 2.0) -> None:
        self.cosine = cosine
        self.scale = scale

    def __call__(
        self, vid: int, members: Sequence[int], cosines: Matrix, floor: float
    ) -> list[float] | None:
        # Plain floats: for a handful of members numpy's per-call overhead dominates.
        links = [LINK_THRESHOLD + (c - self.cosine) * self.scale for c in cosines.tolist()]
        return None if min(links) < floor else links


@dataclass
class ClusterState:
    """Assignments so far: vector id -> cluster id, and each cluster's members in order."""

    assigned: dict[int, str] = field(default_factory=dict)
    members: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_assignments(cls, assigned: dict[int, str]) -> ClusterState:
        state = cls(assigned=dict(assigned))
        for vid in sorted(assigned):
            state.members.setdefault(assigned[vid], []).append(vid)
        return state

    def put(self, vid: int, cluster_id: str) -> None:
        self.assigned[vid] = cluster_id
        self.members.setdefault(cluster_id, []).append(vid)


def cluster_id_for(text_hash: str) -> str:
    return "c" + text_hash[:12]


def family(kind: str) -> str:
    """Statements cluster only within their family: sentences with sentences, quotes (direct
    and indirect) with quotes. A quote is a fragment of its own sentence, so across families
    the link score judges a part against a whole and lets a sentence's own fragment stand
    between it and the same sentence in another outlet."""
    return "quote" if kind in ("quote", "indirect") else "sentence"


def assign_clusters(
    new_ids: Sequence[int],
    new_vectors: Matrix,
    index: VectorIndex,
    state: ClusterState,
    *,
    hash_of: Callable[[int], str],
    vectors_of: Callable[[list[int]], Matrix],
    text_of: Callable[[int], str | LinkText] | None = None,
    link: Link | None = None,
    family_of: Callable[[int], str] | None = None,
    apart: Callable[[int], Iterable[int]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[int, str]]:
    """Assign each new vector (already in ``index``) to a cluster; returns the new pairs.

    ``state`` is updated in place. ``vectors_of`` returns stored vectors for member ids
    that are not among the new ones. ``link`` decides pairs; by default ``TextLink`` over
    ``text_of``. With ``family_of``, only neighbours of the vector's family count. With
    ``apart``, a vector joins no cluster that holds one of the vectors it names (a quote
    and the sentences of it that are statements of their own).
    """
    if link is None:
        if text_of is None:
            raise ValueError("assign_clusters needs text_of or link")
        link = TextLink(text_of)
    ids = np.asarray(new_ids, dtype=np.int64).reshape(-1)
    vectors = np.ascontiguousarray(new_vectors, dtype=np.float32)
    if len(ids) != len(vectors):
        raise ValueError("new_ids and new_vectors differ in length")
    order = np.argsort(ids, kind="stable")
    row_of = {int(v): i for i, v in enumerate(ids.tolist())}
    new_sorted = np.sort(ids)
    old_sorted = np.sort(np.fromiter(state.assigned, dtype=np.int64, count=len(state.assigned)))
    old_vectors: dict[int, Matrix] = {}
    run = _Run(state, link, vectors, row_of, old_vectors, vectors_of, family_of, apart)
    # With an approximate index a pair is often found from one side only: b is among a's
    # neighbours but a is not among b's, because b's search did not probe a's list. The
    # pair then counts for b too (a is clustered first) if exact search could have found
    # it (see ``_merge``). Exact search is left as it was.
    reverse = _Reverse() if index.kind == "ivf" else None
    out: list[tuple[int, str]] = []
    done = 0
    for lo in range(0, len(order), BLOCK):
        block = order[lo : lo + BLOCK]
        vids = ids[block]
        # Exact search asks for earlier neighbours only, the ones that count: none is
        # crowded out by later ones, and a batch clusters as if its files had come one run
        # at a time. The inverted file keeps every neighbour: later ones found from this
        # side are how ``_Reverse`` recovers pairs the other side's search missed.
        scores, neighbours = index.search(
            vectors[block],
            NEIGHBOURS + 1,
            min_score=CANDIDATE_FLOOR,
            earlier_than=vids if reverse is None else None,
            groups=None if family_of is None else (run.family_codes(vids), run.family_codes),
        )
        mask = _clustered_before(vids, scores, neighbours, new_sorted, old_sorted)
        extra: list[list[tuple[int, float]]] | None = None
        if reverse is not None:
            reverse.add(vids, scores, neighbours, new_sorted)
            extra = reverse.take(vids)
        _prefetch(neighbours[mask], row_of, state, old_vectors, vectors_of)
        rows = zip(block.tolist(), neighbours.tolist(), mask.tolist(), strict=True)
        for j, (pos, row, keep) in enumerate(rows):
            vid = int(ids[pos])
            if vid in state.assigned:
                continue
            near = [other for other, k in zip(row, keep, strict=True) if k]
            if extra is not None and extra[j]:
                near = _merge(near, scores[j].tolist(), row, keep, extra[j])
            cluster = run.best(vid, vectors[pos], near) if near else None
            if cluster is None:
                cluster = cluster_id_for(hash_of(vid))
            state.put(vid, cluster)
            out.append((vid, cluster))
            done += 1
            if progress is not None and done % _TICK == 0:
                progress(_TICK)
    if progress is not None and done % _TICK:
        progress(done % _TICK)
    return out


def _clustered_before(
    vids: Ids, scores: Matrix, neighbours: Ids, new_sorted: Ids, old_sorted: Ids
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Which neighbours count: above the floor, not the vector itself, and clustered by the
    time the vector is processed (assigned before this call, or a new vector with a smaller
    id, since new vectors are processed in id order and each is assigned)."""
    mask = (neighbours >= 0) & (neighbours != vids[:, None]) & (scores >= CANDIDATE_FLOOR)
    earlier_new = _isin(neighbours, new_sorted) & (neighbours < vids[:, None])
    return np.asarray(mask & (earlier_new | _isin(neighbours, old_sorted)), dtype=np.bool_)


def _merge(
    near: list[int],
    scores: list[float],
    row: list[int],
    keep: list[bool],
    extra: list[tuple[int, float]],
) -> list[int]:
    """The neighbours found plus those that found this vector, by decreasing cosine.

    Only those that exact search could have returned count: when the search came back
    full, a vector less similar than its last result would not be among the exact
    neighbours either, and taking it would make the result differ from exact search's."""
    bound = scores[-1] if row[-1] >= 0 else -math.inf
    found = {o: s for o, s, k in zip(row, scores, keep, strict=True) if k}
    for other, score in extra:
        if score >= bound:
            found.setdefault(other, score)
    return sorted(found, key=lambda o: -found[o]) if len(found) > len(near) else near


class _Reverse:
    """Pairs (earlier new vector a -> later new vector b) found by a's search, kept until
    b's block is processed; as arrays, since there are millions at 1M vectors."""

    def __init__(self) -> None:
        self.dst = np.zeros(0, dtype=np.int64)
        self.src = np.zeros(0, dtype=np.int64)
        self.score = np.zeros(0, dtype=np.float32)

    def add(self, vids: Ids, scores: Matrix, neighbours: Ids, new_sorted: Ids) -> None:
        later = (
            (neighbours > vids[:, None])
            & (scores >= CANDIDATE_FLOOR)
            & _isin(neighbours, new_sorted)
        )
        r, c = np.nonzero(later)
        self.dst = np.concatenate([self.dst, neighbours[r, c]])
        self.src = np.concatenate([self.src, vids[r]])
        self.score = np.concatenate([self.score, scores[r, c]])

    def take(self, vids: Ids) -> list[list[tuple[int, float]]]:
        """For each of ``vids`` (in that order), the earlier vectors that found it."""
        here = _isin(self.dst, np.sort(vids))
        dst, src, score = self.dst[here], self.src[here], self.score[here]
        self.dst, self.src, self.score = self.dst[~here], self.src[~here], self.score[~here]
        order = np.lexsort((-score, dst))
        dst, src, score = dst[order], src[order], score[order]
        starts = np.searchsorted(dst, vids, side="left").tolist()
        ends = np.searchsorted(dst, vids, side="right").tolist()
        src_list, score_list = src.tolist(), score.tolist()
        return [
            list(zip(src_list[a:b], score_list[a:b], strict=True))
            for a, b in zip(starts, ends, strict=True)
        ]


def _isin(values: Ids, sorted_ids: Ids) -> np.ndarray[Any, np.dtype[np.bool_]]:
    if not len(sorted_ids):
        return np.zeros(values.shape, dtype=bool)
    at = np.searchsorted(sorted_ids, values).clip(max=len(sorted_ids) - 1)
    return np.asarray(sorted_ids[at] == values, dtype=np.bool_)


def _prefetch(
    near: Ids,
    row_of: dict[int, int],
    state: ClusterState,
    old_vectors: dict[int, Matrix],
    vectors_of: Callable[[list[int]], Matrix],
) -> None:
    """Load, in one call, the stored vectors of the earlier clusters this block may be
    compared with: one store query instead of one per candidate cluster."""
    wanted: set[int] = set()
    for other in np.unique(near).tolist():
        if other in row_of:
            continue
        wanted.add(other)
        cid = state.assigned.get(other)
        if cid is not None:
            wanted.update(state.members[cid][:MAX_COMPARE])
    missing = sorted(m for m in wanted if m not in row_of and m not in old_vectors)
    if missing:
        for m, vec in zip(missing, vectors_of(missing), strict=True):
            old_vectors[m] = np.asarray(vec, dtype=np.float32)


@dataclass
class _Run:
    state: ClusterState
    link: Link
    vectors: Matrix
    row_of: dict[int, int]
    old_vectors: dict[int, Matrix]
    vectors_of: Callable[[list[int]], Matrix]
    family_of: Callable[[int], str] | None = None
    apart: Callable[[int], Iterable[int]] | None = None
    families: dict[int, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)

    def family(self, vid: int) -> str:
        if self.family_of is None:
            return ""
        found = self.families.get(vid)
        if found is None:
            found = self.families[vid] = self.family_of(vid)
        return found

    def family_codes(self, vids: Ids) -> np.ndarray[Any, np.dtype[np.int64]]:
        """A number per family, for the index to search each family apart."""
        codes = self.codes
        return np.fromiter(
            (codes.setdefault(self.family(v), len(codes)) for v in vids.tolist()),
            dtype=np.int64,
            count=len(vids),
        )

    def member_vectors(self, members: list[int]) -> Matrix:
        rows = [self.row_of.get(m, -1) for m in members]
        if -1 not in rows:
            return self.vectors[rows]
        # A cluster reached only through a new vector that joined it: not prefetched.
        missing = [
            m for m, r in zip(members, rows, strict=True) if r < 0 and m not in self.old_vectors
        ]
        if missing:
            for m, vec in zip(missing, self.vectors_of(missing), strict=True):
                self.old_vectors[m] = np.asarray(vec, dtype=np.float32)
        return np.stack(
            [
                self.vectors[r] if r >= 0 else self.old_vectors[m]
                for m, r in zip(members, rows, strict=True)
            ]
        )

    def best(self, vid: int, vector: Matrix, near: list[int]) -> str | None:
        """The cluster the vector joins, if any: best mean link among those it clears."""
        candidates: dict[str, list[int]] = {}
        own = self.family(vid)
        for other in near:
            if self.family(other) != own:
                continue
            candidates.setdefault(self.state.assigned[other], []).append(other)
        if self.apart is not None:
            for other in self.apart(vid):
                candidates.pop(self.state.assigned.get(other, ""), None)
        groups = [
            (cid, list(dict.fromkeys(self.state.members[cid][:MAX_COMPARE] + found)))
            for cid, found in candidates.items()
        ]
        if not groups:
            return None
        # One gather and one product for all candidate clusters of this vector.
        everyone = [m for _, members in groups for m in members]
        cosines = self.member_vectors(everyone) @ vector
        best: tuple[float, str] | None = None
        start = 0
        for cid, members in groups:
            end = start + len(members)
            links = self.link(vid, members, cosines[start:end], LINK_THRESHOLD - MEMBER_MARGIN)
            start = end
            if links is None:
                continue
            mean = sum(links) / len(links)
            if mean >= LINK_THRESHOLD and (best is None or mean > best[0]):
                best = (mean, cid)
        return None if best is None else best[1]
