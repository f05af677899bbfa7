"""The clusterer's rules on synthetic vectors with the vector-only link.

Quality with the real model and ``link_score`` is tested in tests/test_cluster_seeds.py;
here only the mechanics: anti-chaining, determinism, joining earlier clusters, and that
the inverted-file index and the per-block search change nothing on clear-cut data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import provenance.cluster as cluster
from embeddings import VectorIndex
from provenance.cluster import ClusterState, CosineLink, TextLink, assign_clusters
from provenance.similarity import LINK_THRESHOLD

DIM = 16
Matrix = np.ndarray[Any, np.dtype[np.float32]]


def _unit(x: Matrix) -> Matrix:
    out: Matrix = (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)
    return out


def _chain() -> Matrix:
    """A, B, C with cos(A, B) = cos(B, C) = 0.8 and cos(A, C) = 0.28."""
    angle = np.arccos(0.8)
    rows = [[np.cos(t), np.sin(t)] + [0.0] * (DIM - 2) for t in (0.0, angle, 2 * angle)]
    return np.asarray(rows, dtype=np.float32)


def _groups(n_groups: int, size: int, seed: int) -> tuple[Matrix, list[int]]:
    """Well-separated groups of near-duplicates, shuffled into arrival order."""
    rng = np.random.default_rng(seed)
    centres = _unit(rng.standard_normal((n_groups, 64)).astype(np.float32))
    vectors = np.repeat(centres, size, axis=0) + 0.04 * rng.standard_normal(
        (n_groups * size, 64)
    ).astype(np.float32)
    labels = np.repeat(np.arange(n_groups), size)
    order = rng.permutation(len(vectors))
    return _unit(vectors[order]), labels[order].tolist()


def _run(
    ids: list[int],
    vectors: Matrix,
    index: VectorIndex,
    state: ClusterState,
    store: dict[int, Matrix],
) -> list[tuple[int, str]]:
    return assign_clusters(
        ids,
        vectors,
        index,
        state,
        hash_of=lambda vid: f"{vid:012x}",
        vectors_of=lambda vids: np.stack([store[v] for v in vids]),
        link=CosineLink(),
    )


def _cluster_all(vectors: Matrix, ids: list[int], **index_args: Any) -> dict[int, str]:
    index = VectorIndex(vectors.shape[1], **index_args)
    index.add(np.asarray(ids, dtype=np.int64), vectors)
    state = ClusterState()
    _run(ids, vectors, index, state, dict(zip(ids, vectors, strict=True)))
    return state.assigned


def test_cosine_link_is_the_threshold_at_its_cosine() -> None:
    link = CosineLink(cosine=0.7, scale=2.0)
    scores = link(1, [2, 3], np.asarray([0.7, 0.8], dtype=np.float32), 0.0)
    assert scores is not None and scores[0] == pytest.approx(LINK_THRESHOLD)
    assert link(1, [2], np.asarray([0.5], dtype=np.float32), LINK_THRESHOLD - 0.1) is None


def test_a_chain_does_not_pull_its_ends_together() -> None:
    abc = _chain()
    assigned = _cluster_all(abc, [1, 2, 3])
    assert assigned[1] == assigned[2]  # B joins A (cosine 0.8)
    assert assigned[3] != assigned[1]  # C is close to B but far from A: its own cluster


def test_the_chain_rule_holds_whatever_the_order() -> None:
    abc = _chain()
    # B first: A joins B; then C is 0.8 from B but 0.28 from A.
    assigned = _cluster_all(abc[[1, 0, 2]], [1, 2, 3])
    assert assigned[1] == assigned[2] and assigned[3] != assigned[1]


def test_same_data_same_order_same_cluster_ids() -> None:
    vectors, _ = _groups(30, 4, seed=1)
    ids = list(range(10, 10 + len(vectors)))
    assert _cluster_all(vectors, ids) == _cluster_all(vectors, ids)


def test_groups_are_recovered_and_named_after_their_first_member() -> None:
    vectors, labels = _groups(30, 4, seed=2)
    ids = list(range(1, len(vectors) + 1))
    assigned = _cluster_all(vectors, ids)
    by_label: dict[int, set[str]] = {}
    for vid, label in zip(ids, labels, strict=True):
        by_label.setdefault(label, set()).add(assigned[vid])
    assert all(len(c) == 1 for c in by_label.values())
    assert len(set(assigned.values())) == 30
    for label in by_label:
        first = min(v for v, lab in zip(ids, labels, strict=True) if lab == label)
        assert by_label[label] == {cluster.cluster_id_for(f"{first:012x}")}


def test_new_vectors_join_existing_clusters() -> None:
    vectors, labels = _groups(20, 4, seed=3)
    ids = list(range(1, len(vectors) + 1))
    half = len(ids) // 2
    store = dict(zip(ids, vectors, strict=True))
    index = VectorIndex(vectors.shape[1])
    index.add(np.asarray(ids[:half]), vectors[:half])
    state = ClusterState()
    _run(ids[:half], vectors[:half], index, state, store)
    before = dict(state.assigned)
    # A later ingest: state rebuilt from stored assignments, as the pipeline does.
    state = ClusterState.from_assignments(before)
    index.add(np.asarray(ids[half:]), vectors[half:])
    pairs = _run(ids[half:], vectors[half:], index, state, store)
    assert {vid for vid, _ in pairs} == set(ids[half:])
    assert all(state.assigned[v] == c for v, c in before.items())
    old_clusters = set(before.values())
    for vid, label in zip(ids[half:], labels[half:], strict=True):
        mates = [v for v, lab in zip(ids[:half], labels[:half], strict=True) if lab == label]
        if mates:
            assert state.assigned[vid] == before[mates[0]] and state.assigned[vid] in old_clusters
    # And it equals clustering everything at once.
    assert state.assigned == _cluster_all(vectors, ids)


def test_already_assigned_vectors_are_left_alone() -> None:
    vectors, _ = _groups(5, 3, seed=4)
    ids = list(range(1, 16))
    index = VectorIndex(vectors.shape[1])
    index.add(np.asarray(ids), vectors)
    state = ClusterState.from_assignments({1: "cfixed"})
    pairs = _run(ids, vectors, index, state, dict(zip(ids, vectors, strict=True)))
    assert 1 not in {v for v, _ in pairs} and state.assigned[1] == "cfixed"


def test_inverted_file_and_blocks_change_nothing_on_clear_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import embeddings.index as index_module

    vectors, _ = _groups(300, 4, seed=5)
    ids = list(range(1, len(vectors) + 1))
    exact = _cluster_all(vectors, ids)
    monkeypatch.setattr(cluster, "BLOCK", 97)  # several search blocks
    monkeypatch.setattr(index_module, "BIG_BATCH", 50)  # list-by-list search
    approx = _cluster_all(vectors, ids, ivf_threshold=100, nprobe=8)
    assert approx == exact


def test_text_link_uses_link_score_and_caches_texts() -> None:
    texts = {1: "The minister resigned on Friday.", 2: "The minister resigned on Friday."}
    asked: list[int] = []

    def text_of(vid: int) -> str:
        asked.append(vid)
        return texts[vid]

    link = TextLink(text_of)
    cos = np.asarray([1.0], dtype=np.float32)
    first = link(1, [2], cos, 0.0)
    again = link(1, [2], cos, 0.0)
    assert first is not None and first == again and first[0] > LINK_THRESHOLD
    assert sorted(asked) == [1, 2]
    assert link(1, [2], cos, 1.01) is None


def test_progress_counts_every_new_vector() -> None:
    vectors, _ = _groups(10, 3, seed=6)
    ids = list(range(1, 31))
    index = VectorIndex(vectors.shape[1])
    index.add(np.asarray(ids), vectors)
    ticks: list[int] = []
    assign_clusters(
        ids,
        vectors,
        index,
        ClusterState(),
        hash_of=lambda vid: f"{vid:012x}",
        vectors_of=lambda vids: vectors[np.asarray(vids) - 1],
        link=CosineLink(),
        progress=ticks.append,
    )
    assert sum(ticks) == 30


class _OneSidedIndex:
    """Search results where A finds B but B does not find A, as an inverted file can."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def search(self, vectors: Matrix, k: int, **_options: Any) -> tuple[Any, Any]:
        scores = np.zeros((len(vectors), k), dtype=np.float32)
        found = np.full((len(vectors), k), -1, dtype=np.int64)
        scores[0, :2], found[0, :2] = (1.0, 0.9), (1, 2)  # A: itself, then B
        scores[1, 0], found[1, 0] = 1.0, 2  # B: only itself
        return scores, found


@pytest.mark.parametrize(("kind", "together"), [("ivf", True), ("flat", False)])
def test_pairs_found_from_one_side_count_only_for_approximate_search(
    kind: str, together: bool
) -> None:
    angle = np.arccos(0.9)
    ab = np.asarray([[1.0, 0.0], [np.cos(angle), np.sin(angle)]], dtype=np.float32)
    state = ClusterState()
    assign_clusters(
        [1, 2],
        ab,
        _OneSidedIndex(kind),  # type: ignore[arg-type]
        state,
        hash_of=lambda vid: f"{vid:012x}",
        vectors_of=lambda vids: ab[np.asarray(vids) - 1],
        link=CosineLink(),
    )
    assert (state.assigned[1] == state.assigned[2]) is together


def test_exact_clustering_does_not_depend_on_batching() -> None:
    # Exact search asks only for earlier neighbours, so one batch clusters as three do.
    # Groups larger than NEIGHBOURS: searching the whole batch, later members would crowd
    # earlier ones out of a vector's neighbours (this failed before earlier_than).
    vectors, _ = _groups(10, 60, seed=3)
    ids = list(range(1, len(vectors) + 1))
    whole = _cluster_all(vectors, ids)
    index = VectorIndex(vectors.shape[1])
    state = ClusterState()
    store = dict(zip(ids, vectors, strict=True))
    for lo, hi in ((0, 200), (200, 400), (400, len(ids))):
        index.add(np.asarray(ids[lo:hi], dtype=np.int64), vectors[lo:hi])
        _run(ids[lo:hi], vectors[lo:hi], index, state, store)
    assert state.assigned == whole
