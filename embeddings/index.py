"""A FAISS inner-product index over unit vectors, kept in one file on disk.

Small stores use exact search (``IndexIDMap2`` over ``IndexFlatIP``). Exact search of a
whole store against itself grows with the square of its size (about 75 s at 100k vectors
on two cores, an hour and a half at 1M), so at ``IVF_THRESHOLD`` vectors the index
migrates to an inverted file (``IndexIVFFlat``, ``nlist`` about 4 * sqrt(N)), trained on
the vectors it already holds, and is retrained whenever the store has grown fourfold
since, so that lists stay short. Large query batches are answered list by list (the idea
of FAISS's ``big_batch_search``): each inverted list is read once and compared with every
query that probes it as one matrix product, instead of each query streaming its lists
from memory on its own (memory-bound: about 340 s for 1M queries at nprobe 8).
bench/cluster_scale.py measures the constants below.
"""

from __future__ import annotations

import functools
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import numpy as np

Matrix = np.ndarray[Any, np.dtype[np.float32]]
Ids = np.ndarray[Any, np.dtype[np.int64]]
Kind = Literal["flat", "ivf"]
# A label per query row, and the labels of held ids (see ``VectorIndex.search``).
Groups = tuple[np.ndarray[Any, np.dtype[Any]], Callable[[Ids], np.ndarray[Any, np.dtype[Any]]]]

# Stores at least this large use the inverted file. Below it exact search costs less than
# embedding the same texts did (a whole 100k store against itself: 75 s; 10k new
# statements against 200k: ~15 s), finds every pair, and keeps small stores' clustering
# exactly as it was. Above it the square takes over (1M: an hour and a half).
IVF_THRESHOLD = 200_000
# Lists probed per query. Recall against exact search (bench/cluster_scale.py, synthetic
# 1M vectors, the query's own search / either side's, which the clusterer uses) rises
# slowly with it while the search cost grows almost in proportion: pairs at cosine >= 0.8
# 0.955 / 0.995 at 32, 0.979 / 0.999 at 64; >= 0.65 0.901 / 0.970 and 0.941 / 0.986. At
# 64 the whole 1M clustering takes 330 s on two quiet cores (236 s at 32): inside the
# 10-minute budget with room for a loaded machine.
NPROBE = 64
# Training uses at most this many vectors per list (FAISS warns below 39): k-means over
# every vector of a 1M store would cost minutes more.
TRAIN_PER_LIST = 40
# A batch of at least this many queries is searched list by list (see module docstring).
BIG_BATCH = 20_000
# Queries per ordinary inverted-file call, and per list-by-list pass: bounds the memory of
# one call's temporary results.
SEARCH_CHUNK = 8192
BIG_CHUNK = 262_144
# FAISS's OpenMP threads: the machines this runs on have two cores.
THREADS = 2
# FAISS pads missing neighbours with the lowest float, the list-by-list search with -inf.
_MISSING = -1e30


FEW_QUERIES = 16
# Cosines held at once by ``_search_earlier`` (200 MB): up to 2,048 queries a product, fewer
# as the index grows.
EARLIER_BUDGET = 50_000_000
EARLIER_CHUNK = 2048


@functools.cache
def _faiss() -> Any:
    # Imported lazily: reading commands that never search should not pay for it. Cached,
    # so that the thread count is set once and a search on fewer threads keeps them.
    import faiss

    faiss.omp_set_num_threads(THREADS)
    return faiss


def _above(sims: Matrix, min_score: float) -> tuple[Ids, Ids]:
    """Row and column of every cosine at or above ``min_score``, in row-major order (as
    ``np.nonzero``, which takes 6x longer on a sparse 2-D mask: it walks it once per axis)."""
    flat = np.flatnonzero(sims >= min_score)
    rows, cols = np.divmod(flat, sims.shape[1])
    return rows, cols


def _best_hits(
    queries: Ids, ids: Ids, scores: Matrix, k: int
) -> tuple[Ids, Ids, Ids, Matrix]:
    """Of scattered (query, id, cosine) hits, each query's ``k`` best: their query, rank
    (0 = best), id and cosine."""
    ranked = np.lexsort((-scores, queries))  # by query, then by decreasing cosine
    queries, ids, scores = queries[ranked], ids[ranked], scores[ranked]
    rank = np.arange(len(queries)) - np.searchsorted(queries, queries, side="left")
    kept = rank < k
    return queries[kept], rank[kept], ids[kept], scores[kept]


def nlist_for(n: int) -> int:
    """Inverted lists for ``n`` vectors: about 4 * sqrt(n), never fewer than 16."""
    return max(16, round(4 * math.sqrt(n)))


class VectorIndex:
    """Cosine search (inner product of unit vectors) with caller-chosen int64 ids."""

    def __init__(
        self,
        dim: int,
        path: Path | None = None,
        *,
        ivf_threshold: int = IVF_THRESHOLD,
        nprobe: int = NPROBE,
    ) -> None:
        faiss = _faiss()
        self.dim = dim
        self.path = path
        self.ivf_threshold = ivf_threshold
        self.nprobe = nprobe
        self._index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @classmethod
    def load(
        cls,
        path: Path,
        dim: int,
        *,
        ivf_threshold: int = IVF_THRESHOLD,
        nprobe: int = NPROBE,
    ) -> VectorIndex:
        """Open the index at ``path``; an empty one if the file does not exist."""
        index = cls(dim, path, ivf_threshold=ivf_threshold, nprobe=nprobe)
        if path.exists():
            faiss = _faiss()
            loaded = faiss.read_index(str(path))
            if loaded.d != dim:
                raise ValueError(f"{path}: index has dimension {loaded.d}, expected {dim}")
            if isinstance(loaded, faiss.IndexIVFFlat):
                loaded.nprobe = nprobe
            elif not isinstance(loaded, faiss.IndexIDMap2):
                raise ValueError(f"{path}: unexpected index type {type(loaded).__name__}")
            index._index = loaded
        return index

    @property
    def kind(self) -> Kind:
        return "ivf" if isinstance(self._index, _faiss().IndexIVFFlat) else "flat"

    @property
    def nlist(self) -> int:
        """Inverted lists (0 for exact search)."""
        return int(self._index.nlist) if self.kind == "ivf" else 0

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> Ids:
        """Every id held: in insertion order when exact, in list order for the inverted file."""
        if self.kind == "flat":
            return np.asarray(_faiss().vector_to_array(self._index.id_map), dtype=np.int64)
        return self._contents(with_vectors=False)[0]

    def vectors(self) -> tuple[Ids, Matrix]:
        """Every id held and its vector (in the order of ``ids``)."""
        if self.kind == "flat":
            flat = self._index.index
            return self.ids(), np.asarray(flat.reconstruct_n(0, flat.ntotal), dtype=np.float32)
        return self._contents(with_vectors=True)

    def _list(self, lst: int, *, with_vectors: bool = True) -> tuple[Ids, Matrix]:
        """The ids and vectors of one inverted list (copies)."""
        faiss = _faiss()
        invlists = self._index.invlists
        size = int(invlists.list_size(lst))
        ids = np.empty(size, dtype=np.int64)
        vectors = np.empty((size if with_vectors else 0, self.dim), dtype=np.float32)
        if size:
            ptr = invlists.get_ids(lst)
            faiss.memcpy(faiss.swig_ptr(ids), ptr, ids.nbytes)
            invlists.release_ids(lst, ptr)
            if with_vectors:  # IndexIVFFlat's codes are the float32 vectors themselves
                ptr = invlists.get_codes(lst)
                faiss.memcpy(faiss.swig_ptr(vectors), ptr, vectors.nbytes)
                invlists.release_codes(lst, ptr)
        return ids, vectors

    def _contents(self, *, with_vectors: bool) -> tuple[Ids, Matrix]:
        parts = [self._list(lst, with_vectors=with_vectors) for lst in range(self._index.nlist)]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def add(self, ids: Ids, vectors: Matrix) -> None:
        """Add vectors; crossing ``ivf_threshold`` (or outgrowing the lists) retrains."""
        if len(ids) != len(vectors):
            raise ValueError("ids and vectors differ in length")
        if not len(ids):
            return
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        total = self.ntotal + len(ids)
        if total < self.ivf_threshold:
            self._index.add_with_ids(vectors, ids)
        elif self.kind == "flat" or nlist_for(total) >= 2 * self.nlist:
            # Rebuilt on everything held plus the new vectors, so the lists fit the store
            # as it is now; both copies are in memory for a moment.
            if self.ntotal:
                old_ids, old_vectors = self.vectors()
                ids = np.concatenate([old_ids, ids])
                vectors = np.concatenate([old_vectors, vectors])
            self._build_ivf(ids, vectors)
        else:
            self._index.add_with_ids(vectors, ids)

    def _build_ivf(self, ids: Ids, vectors: Matrix) -> None:
        faiss = _faiss()
        nlist = nlist_for(len(ids))
        quantizer = faiss.IndexFlatIP(self.dim)
        index = faiss.IndexIVFFlat(quantizer, self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
        # Every vector is a unit vector, so spherical k-means: centroids stay on the sphere.
        index.cp.spherical = True
        index.cp.max_points_per_centroid = TRAIN_PER_LIST
        # A fixed seed and an evenly spaced sample: the same store trains the same lists.
        index.cp.seed = 1234
        step = max(1, len(vectors) // (TRAIN_PER_LIST * nlist))
        index.train(np.ascontiguousarray(vectors[::step]))
        index.nprobe = self.nprobe
        index.own_fields = True
        quantizer.this.disown()
        for lo in range(0, len(ids), BIG_CHUNK):
            index.add_with_ids(vectors[lo : lo + BIG_CHUNK], ids[lo : lo + BIG_CHUNK])
        self._index = index

    def search(
        self,
        vectors: Matrix,
        k: int,
        *,
        min_score: float = -math.inf,
        earlier_than: Ids | None = None,
        groups: Groups | None = None,
    ) -> tuple[Matrix, Ids]:
        """The ``k`` nearest ids of each row and their cosines; -1 (cosine 0) where fewer
        exist or, with ``min_score``, where the cosine is below it.

        With ``earlier_than`` (one id per row) only held ids below the row's count. Exact
        search with a ``min_score`` then compares each row with the part of the store
        before it only (half the work of a batch against itself, see
        ``_search_earlier``), so no later vector takes one of the ``k`` places; otherwise
        later ids are dropped from the ``k`` found.

        ``groups`` (a label per row, and a function giving the labels of held ids) lets
        that exact search compare each row with the held vectors of its own label only,
        for a caller that would drop the others anyway: the work shrinks with the square
        of the groups' shares, and the ``k`` places all go to candidates that count.
        Elsewhere (few rows, the inverted file) it is ignored: every label is returned.
        """
        n = len(vectors)
        scores = np.zeros((n, k), dtype=np.float32)
        found = np.full((n, k), -1, dtype=np.int64)
        if self.ntotal == 0 or n == 0:
            return scores, found
        queries = np.ascontiguousarray(vectors, dtype=np.float32)
        before = None if earlier_than is None else np.asarray(earlier_than, dtype=np.int64)
        if before is not None and len(before) != n:
            raise ValueError("earlier_than needs one id per row")
        if before is not None and n >= FEW_QUERIES:
            done = self._search_earlier(queries, before, k, min_score, groups)
            if done is not None:
                return done
        if n < FEW_QUERIES:
            # A query or two (check, trace): OpenMP's thread hand-off costs more than the
            # search itself (measured on a 37k store: 81 ms with 2 threads, 8 ms with 1).
            _faiss().omp_set_num_threads(1)
            try:
                scores, found = self._search(queries, k, min_score, scores, found)
            finally:
                _faiss().omp_set_num_threads(THREADS)
        else:
            scores, found = self._search(queries, k, min_score, scores, found)
        if before is not None:
            later = found >= before[:, None]
            found[later] = -1
            scores[later] = 0.0
        return scores, found

    def _search_earlier(
        self, queries: Matrix, before: Ids, k: int, min_score: float, groups: Groups | None
    ) -> tuple[Matrix, Ids] | None:
        """Exact search over the held ids below each row's ``before`` id, best first; None
        where it does not apply (inverted file, no ``min_score``, ids held out of order:
        a store's grow in insertion order). With ``groups``, one pass per label over that
        label's held vectors (copied out once per label, at most the whole store)."""
        n = len(queries)
        if self.kind != "flat" or min_score == -math.inf:
            return None
        held = self.ids()
        if len(held) > 1 and not bool(np.all(held[1:] > held[:-1])):
            return None
        faiss = _faiss()
        flat = faiss.downcast_index(self._index.index)
        # A view of the index's own float32 rows: no copy of the store's vectors.
        base = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * self.dim)
        stored = np.asarray(base, dtype=np.float32).reshape(flat.ntotal, self.dim)
        scores = np.zeros((n, k), dtype=np.float32)
        found = np.full((n, k), -1, dtype=np.int64)
        if groups is None:
            passes = [(np.arange(n), held, stored)]
        else:
            row_labels = np.asarray(groups[0]).reshape(-1)
            if len(row_labels) != n:
                raise ValueError("groups needs one label per row")
            held_labels = np.asarray(groups[1](held)).reshape(-1)
            passes = []
            for label in np.unique(row_labels).tolist():
                rows = np.flatnonzero(row_labels == label)
                if bool(np.all(held_labels == label)):  # one label held: no copy needed
                    passes.append((rows, held, stored))
                    continue
                keep = np.flatnonzero(held_labels == label)
                passes.append((rows, held[keep], stored[keep]))
        for rows, ids, vectors in passes:
            self._earlier_pass(queries, before, rows, ids, vectors, k, min_score, scores, found)
        return scores, found

    @staticmethod
    def _earlier_pass(
        queries: Matrix,
        before: Ids,
        rows: Ids,
        held: Ids,
        stored: Matrix,
        k: int,
        min_score: float,
        scores: Matrix,
        found: Ids,
    ) -> None:
        """``queries[rows]`` against ``held`` (increasing ids) and their ``stored`` vectors:
        each chunk of rows, in id order, is compared with the prefix before its last id."""
        order = rows[np.argsort(before[rows], kind="stable")]
        chunk = max(64, min(EARLIER_CHUNK, EARLIER_BUDGET // max(1, len(held))))
        for lo in range(0, len(order), chunk):
            part = order[lo : lo + chunk]
            own = before[part]
            hi = int(np.searchsorted(held, own[-1]))  # held ids below the chunk's last
            if hi == 0:
                continue
            sims = queries[part] @ stored[:hi].T
            # Only the tail of the prefix can hold ids at or above a query's own id.
            tail = int(np.searchsorted(held, own[0]))
            if tail < hi:
                sims[:, tail:hi][held[tail:hi][None, :] >= own[:, None]] = -np.inf
            r, c = _above(sims, min_score)
            if len(r):
                r, rank, c, sc = _best_hits(r, c, sims[r, c], k)
                scores[part[r], rank] = sc
                found[part[r], rank] = held[c]

    def _search(
        self, queries: Matrix, k: int, min_score: float, scores: Matrix, found: Ids
    ) -> tuple[Matrix, Ids]:
        n = len(queries)
        if self.kind == "flat":
            # Not chunked: FAISS tiles exact search itself, and a small last chunk would
            # take its non-BLAS path, whose last-bit differences could flip a borderline
            # clustering decision compared with the same search done in one call.
            s, i = self._index.search(queries, k)
            scores[:], found[:] = s, i
        else:
            big = n >= BIG_BATCH
            chunk = BIG_CHUNK if big else SEARCH_CHUNK
            for lo in range(0, n, chunk):
                part = queries[lo : lo + chunk]
                if big:
                    s, i = self._search_by_list(part, k, min_score)
                else:
                    s, i = self._index.search(part, k)
                scores[lo : lo + len(part)] = s
                found[lo : lo + len(part)] = i
        missing = (found < 0) | (scores < max(_MISSING, min_score))
        found[missing] = -1
        scores[missing] = 0.0
        return scores, found

    def _search_by_list(self, queries: Matrix, k: int, min_score: float) -> tuple[Matrix, Ids]:
        """The inverted file's search (same lists probed, same results up to ties), done
        list by list: one matrix product per list against all the queries probing it.

        With a ``min_score`` only the cosines above it are kept, and ranked once at the
        end: far cheaper than keeping a running top k when most of them are below it.
        """
        index = self._index
        n = len(queries)
        _, probes = index.quantizer.search(queries, index.nprobe)
        flat = probes.ravel()
        order = np.argsort(flat, kind="stable")
        owners = (order // index.nprobe).astype(np.int64)
        bounds = np.searchsorted(flat[order], np.arange(index.nlist + 1))
        best = np.full((n, k), -np.inf, dtype=np.float32)
        best_ids = np.full((n, k), -1, dtype=np.int64)
        sparse = min_score > -math.inf
        hits: list[tuple[Ids, Ids, Matrix]] = []
        for lst in range(index.nlist):
            lo, hi = int(bounds[lst]), int(bounds[lst + 1])
            if lo == hi or index.invlists.list_size(lst) == 0:
                continue
            q = owners[lo:hi]
            list_ids, list_vectors = self._list(lst)
            sims = queries[q] @ list_vectors.T
            if sparse:
                r, c = _above(sims, min_score)
                if len(r):
                    hits.append((q[r], list_ids[c], sims[r, c]))
                continue
            if sims.shape[1] > k:
                top = np.argpartition(sims, sims.shape[1] - k, axis=1)[:, -k:]
                sims = np.take_along_axis(sims, top, axis=1)
                cand = list_ids[top]
            else:
                cand = np.broadcast_to(list_ids, sims.shape)
            merged = np.concatenate([best[q], sims], axis=1)
            merged_ids = np.concatenate([best_ids[q], cand], axis=1)
            keep = np.argpartition(merged, merged.shape[1] - k, axis=1)[:, -k:]
            best[q] = np.take_along_axis(merged, keep, axis=1)
            best_ids[q] = np.take_along_axis(merged_ids, keep, axis=1)
        if sparse:
            if hits:
                hit_q, hit_ids, hit_sc = (np.concatenate(part) for part in zip(*hits, strict=True))
                qs, rank, ids, sc = _best_hits(hit_q, hit_ids, hit_sc, k)
                best[qs, rank] = sc
                best_ids[qs, rank] = ids
            return best, best_ids
        ranked = np.argsort(-best, axis=1, kind="stable")
        best = np.take_along_axis(best, ranked, axis=1)
        return best, np.take_along_axis(best_ids, ranked, axis=1)

    def reset(self) -> None:
        faiss = _faiss()
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))

    def save(self, path: Path | None = None) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
        target = path or self.path
        if target is None:
            raise ValueError("no path to save the index to")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            _faiss().write_index(self._index, tmp)
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
