"""The vector index: exact below the size threshold, inverted file above, on synthetic data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from embeddings import VectorIndex

DIM = 32


def _unit(n: int, seed: int, dim: int = DIM) -> np.ndarray[Any, np.dtype[np.float32]]:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _ids(lo: int, n: int) -> np.ndarray[Any, np.dtype[np.int64]]:
    # Sparse, non-zero-based ids: they are SQLite row ids, not positions.
    return np.arange(lo, lo + n, dtype=np.int64) * 7 + 3


def test_small_store_is_exact_and_ids_map_back() -> None:
    vectors = _unit(200, 1)
    ids = _ids(0, 200)
    index = VectorIndex(DIM)
    index.add(ids, vectors)
    assert index.kind == "flat" and index.ntotal == 200
    scores, found = index.search(vectors[:5], 3)
    assert found[:, 0].tolist() == ids[:5].tolist()
    np.testing.assert_allclose(scores[:, 0], 1.0, atol=1e-5)
    assert index.ids().tolist() == ids.tolist()


def test_missing_neighbours_are_minus_one() -> None:
    index = VectorIndex(DIM)
    index.add(_ids(0, 2), _unit(2, 2))
    scores, found = index.search(_unit(3, 3), 4)
    assert (found[:, 2:] == -1).all() and (scores[:, 2:] == 0).all()
    empty = VectorIndex(DIM)
    assert (empty.search(_unit(1, 4), 2)[1] == -1).all()


def test_large_store_uses_the_inverted_file_and_finds_near_duplicates() -> None:
    base = _unit(3000, 5)
    noisy = base + 0.15 * _unit(3000, 6)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    index = VectorIndex(DIM, ivf_threshold=1000, nprobe=8)
    index.add(_ids(0, 3000), base)
    assert index.kind == "ivf" and index.nlist >= 16 and index.ntotal == 3000
    _, found = index.search(noisy, 1)
    assert (found[:, 0] == _ids(0, 3000)).mean() >= 0.99
    assert sorted(index.ids().tolist()) == _ids(0, 3000).tolist()


def test_big_query_batches_match_ordinary_search(monkeypatch: Any) -> None:
    import embeddings.index as mod

    vectors = _unit(4000, 7)
    index = VectorIndex(DIM, ivf_threshold=1000, nprobe=4)
    index.add(_ids(0, 4000), vectors)
    small_scores, small_ids = index.search(vectors[:3000], 5)
    monkeypatch.setattr(mod, "BIG_BATCH", 100)
    monkeypatch.setattr(mod, "BIG_CHUNK", 1024)
    big_scores, big_ids = index.search(vectors[:3000], 5)
    np.testing.assert_allclose(big_scores, small_scores, atol=1e-5)
    assert (big_ids == small_ids).mean() > 0.999  # ties may order differently


def test_growing_store_migrates_to_ivf_and_keeps_every_id(tmp_path: Path) -> None:
    path = tmp_path / "index.faiss"
    vectors = _unit(2500, 8)
    ids = _ids(0, 2500)
    index = VectorIndex(DIM, path, ivf_threshold=1000)
    index.add(ids[:900], vectors[:900])
    index.save()
    index = VectorIndex.load(path, DIM, ivf_threshold=1000)
    assert index.kind == "flat"
    index.add(ids[900:1200], vectors[900:1200])
    assert index.kind == "ivf" and index.ntotal == 1200
    first_nlist = index.nlist
    index.add(ids[1200:], vectors[1200:])
    assert index.ntotal == 2500 and index.nlist == first_nlist  # not yet fourfold
    got_ids, got_vectors = index.vectors()
    order = np.argsort(got_ids)
    assert got_ids[order].tolist() == ids.tolist()
    np.testing.assert_array_equal(got_vectors[order], vectors)
    _, found = index.search(vectors, 1)
    assert (found[:, 0] == ids).mean() >= 0.99


def test_fourfold_growth_retrains_with_more_lists() -> None:
    vectors = _unit(5000, 9)
    index = VectorIndex(DIM, ivf_threshold=1000)
    index.add(_ids(0, 1000), vectors[:1000])
    small = index.nlist
    index.add(_ids(1000, 4000), vectors[1000:])
    assert index.nlist >= 2 * small and index.ntotal == 5000
    assert sorted(index.ids().tolist()) == _ids(0, 5000).tolist()


def test_save_load_round_trip(tmp_path: Path) -> None:
    vectors = _unit(1500, 10)
    ids = _ids(100, 1500)
    for threshold, kind in ((10_000, "flat"), (1000, "ivf")):
        path = tmp_path / f"{kind}.faiss"
        index = VectorIndex(DIM, path, ivf_threshold=threshold, nprobe=4)
        index.add(ids, vectors)
        index.save()
        assert not list(tmp_path.glob("*.tmp"))
        again = VectorIndex.load(path, DIM, ivf_threshold=threshold, nprobe=4)
        assert again.kind == kind and again.ntotal == 1500
        assert sorted(again.ids().tolist()) == ids.tolist()
        before = index.search(vectors[:50], 5)
        after = again.search(vectors[:50], 5)
        np.testing.assert_array_equal(before[1], after[1])


def test_load_rejects_another_dimension(tmp_path: Path) -> None:
    path = tmp_path / "index.faiss"
    index = VectorIndex(DIM, path)
    index.add(_ids(0, 3), _unit(3, 11))
    index.save()
    try:
        VectorIndex.load(path, DIM + 1)
    except ValueError as exc:
        assert "dimension" in str(exc)
    else:
        raise AssertionError("wrong dimension accepted")


def test_min_score_drops_weak_neighbours_on_both_search_paths(monkeypatch: Any) -> None:
    import embeddings.index as mod

    vectors = _unit(3000, 12)
    near = vectors + 0.3 * _unit(3000, 13)
    index = VectorIndex(DIM, ivf_threshold=1000, nprobe=8)
    index.add(_ids(0, 3000), np.concatenate([vectors[:1500], _unit(1500, 14)]))
    queries = near[:600] / np.linalg.norm(near[:600], axis=1, keepdims=True)
    ordinary = index.search(queries, 4, min_score=0.6)
    monkeypatch.setattr(mod, "BIG_BATCH", 100)
    by_list = index.search(queries, 4, min_score=0.6)
    for scores, found in (ordinary, by_list):
        assert ((scores >= 0.6) | (found == -1)).all()
        assert (found[:, 0] == _ids(0, 600)).mean() > 0.95
    np.testing.assert_allclose(by_list[0], ordinary[0], atol=1e-5)


def test_earlier_than_is_brute_force_over_smaller_ids(monkeypatch: Any) -> None:
    import embeddings.index as index_module

    monkeypatch.setattr(index_module, "EARLIER_CHUNK", 64)  # several chunks, tails masked
    vectors = _unit(500, seed=11, dim=8)  # low dimension: many pairs above the floor
    ids = _ids(10, 500)
    index = VectorIndex(8)
    index.add(ids, vectors)
    queries = np.arange(40, 500, 3)
    scores, neighbours = index.search(vectors[queries], 5, min_score=0.6, earlier_than=ids[queries])
    for row, q in enumerate(queries):
        sims = vectors[:q] @ vectors[q]
        best = [int(ids[j]) for j in np.argsort(-sims, kind="stable")[:5] if sims[j] >= 0.6]
        got = [int(n) for n in neighbours[row] if n >= 0]
        assert got == best
        top = np.sort(sims)[::-1][: len(got)]
        np.testing.assert_allclose(scores[row, : len(got)], top, rtol=1e-5)


def test_groups_search_each_label_apart(monkeypatch: Any) -> None:
    import embeddings.index as index_module

    monkeypatch.setattr(index_module, "EARLIER_CHUNK", 64)
    vectors = _unit(500, seed=12, dim=8)
    ids = _ids(10, 500)
    labels = np.random.default_rng(3).integers(0, 3, len(ids))
    label_of = dict(zip(ids.tolist(), labels.tolist(), strict=True))
    index = VectorIndex(8)
    index.add(ids, vectors)
    queries = np.arange(40, 500, 3)
    scores, neighbours = index.search(
        vectors[queries],
        5,
        min_score=0.6,
        earlier_than=ids[queries],
        groups=(labels[queries], lambda held: np.array([label_of[i] for i in held.tolist()])),
    )
    for row, q in enumerate(queries):
        # Brute force over the earlier vectors of the query's own label only: the k places
        # go to them, not to nearer vectors of another label.
        same = np.flatnonzero(labels[:q] == labels[q])
        sims = vectors[same] @ vectors[q]
        best = [int(ids[same[j]]) for j in np.argsort(-sims, kind="stable")[:5] if sims[j] >= 0.6]
        got = [int(n) for n in neighbours[row] if n >= 0]
        assert got == best
        np.testing.assert_allclose(
            scores[row, : len(got)], np.sort(sims)[::-1][: len(got)], rtol=1e-5
        )


def test_groups_of_one_label_search_as_without_groups() -> None:
    vectors = _unit(300, seed=13, dim=8)
    ids = _ids(0, 300)
    index = VectorIndex(8)
    index.add(ids, vectors)
    rows = np.arange(20, 300, 7)
    plain = index.search(vectors[rows], 5, min_score=0.5, earlier_than=ids[rows])
    grouped = index.search(
        vectors[rows],
        5,
        min_score=0.5,
        earlier_than=ids[rows],
        groups=(np.zeros(len(rows)), lambda held: np.zeros(len(held))),
    )
    np.testing.assert_array_equal(plain[1], grouped[1])
    np.testing.assert_array_equal(plain[0], grouped[0])


def test_earlier_than_holds_on_every_path() -> None:
    vectors = _unit(300, seed=2)
    shuffled = VectorIndex(DIM)
    shuffled.add(_ids(0, 300)[::-1].copy(), vectors)  # ids not in insertion order
    few = VectorIndex(DIM)
    few.add(_ids(0, 300), vectors)
    ivf = VectorIndex(DIM, ivf_threshold=100, nprobe=4)
    ivf.add(_ids(0, 300), vectors)
    cases = ((shuffled, np.arange(300)), (few, np.arange(250, 255)), (ivf, np.arange(300)))
    for index, rows in cases:
        own = _ids(0, 300)[rows]
        _, found = index.search(vectors[rows], 10, min_score=0.1, earlier_than=own)
        assert ((found < own[:, None]) | (found == -1)).all()
