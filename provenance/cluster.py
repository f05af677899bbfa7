"""Clusters: statements that state the same claim, built incrementally and deterministically.

Candidates come from FAISS (nearest neighbours above a cosine floor); the decision is the
calibrated ``similarity.link_score``. A statement joins a cluster only when it is close
to the cluster as a whole -- its mean link score to the members clears the threshold
and no member is far below it -- so A~B and B~C cannot drag A and C together.

Vectors are processed in id order (ingest order). Each cluster is named after the
content hash of its founding text, so clustering the same data again gives the same ids,
and later documents join clusters that already exist instead of renaming them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from embeddings import VectorIndex
from provenance.similarity import LINK_THRESHOLD, link_score

# Below this cosine two statements are never the same claim (measured: the lowest seed
# positive is 0.68, and MRPC paraphrases under 0.5 are rare); it bounds the work only.
CANDIDATE_FLOOR = 0.5
NEIGHBOURS = 24
# Every member must be at least this close (threshold minus margin): the anti-chaining rule.
MEMBER_MARGIN = 0.1
# Large clusters are compared on their founding members (plus the neighbours found).
MAX_COMPARE = 32

Matrix = np.ndarray[Any, np.dtype[np.float32]]


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


def assign_clusters(
    new_ids: Sequence[int],
    new_vectors: Matrix,
    index: VectorIndex,
    state: ClusterState,
    *,
    text_of: Callable[[int], str],
    hash_of: Callable[[int], str],
    vectors_of: Callable[[list[int]], Matrix],
    progress: Callable[[int], None] | None = None,
) -> list[tuple[int, str]]:
    """Assign each new vector (already in ``index``) to a cluster; returns the new pairs.

    ``state`` is updated in place. ``vectors_of`` returns stored vectors for member ids.
    """
    order = np.argsort(np.asarray(new_ids, dtype=np.int64), kind="stable")
    scores, neighbours = index.search(new_vectors, NEIGHBOURS + 1)
    cache: dict[int, np.ndarray[Any, np.dtype[np.float32]]] = {}
    for pos, vid in enumerate(new_ids):
        cache[int(vid)] = new_vectors[pos]
    out: list[tuple[int, str]] = []
    for pos in order:
        vid = int(new_ids[pos])
        if vid in state.assigned:
            continue
        candidates: dict[str, list[int]] = {}
        for score, other in zip(scores[pos], neighbours[pos], strict=True):
            other = int(other)
            if other < 0 or other == vid or score < CANDIDATE_FLOOR:
                continue
            cid = state.assigned.get(other)
            if cid is not None:
                candidates.setdefault(cid, []).append(other)
        best: tuple[float, str] | None = None
        text = text_of(vid)
        for cid, near in candidates.items():
            members = list(dict.fromkeys(state.members[cid][:MAX_COMPARE] + near))
            missing = [m for m in members if m not in cache]
            if missing:
                for m, vec in zip(missing, vectors_of(missing), strict=True):
                    cache[m] = vec
            cosines = np.stack([cache[m] for m in members]) @ new_vectors[pos]
            links = [
                link_score(text, text_of(m), float(c))
                for m, c in zip(members, cosines, strict=True)
            ]
            mean = sum(links) / len(links)
            if mean >= LINK_THRESHOLD and min(links) >= LINK_THRESHOLD - MEMBER_MARGIN and (
                best is None or mean > best[0]
            ):
                best = (mean, cid)
        cluster = best[1] if best is not None else cluster_id_for(hash_of(vid))
        state.put(vid, cluster)
        out.append((vid, cluster))
        if progress is not None:
            progress(1)
    return out
