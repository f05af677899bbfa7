"""A FAISS inner-product index over unit vectors, kept in one file on disk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

Matrix = np.ndarray[Any, np.dtype[np.float32]]
Ids = np.ndarray[Any, np.dtype[np.int64]]


def _faiss() -> Any:
    # Imported lazily: reading commands that never search should not pay for it.
    import faiss

    return faiss


class VectorIndex:
    """Cosine search (inner product of unit vectors) with caller-chosen int64 ids."""

    def __init__(self, dim: int, path: Path | None = None) -> None:
        faiss = _faiss()
        self.dim = dim
        self.path = path
        self._index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @classmethod
    def load(cls, path: Path, dim: int) -> VectorIndex:
        """Open the index at ``path``; an empty one if the file does not exist."""
        index = cls(dim, path)
        if path.exists():
            loaded = _faiss().read_index(str(path))
            if loaded.d != dim:
                raise ValueError(f"{path}: index has dimension {loaded.d}, expected {dim}")
            index._index = loaded
        return index

    @property
    def ntotal(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> Ids:
        """Every id held, in insertion order."""
        faiss = _faiss()
        return np.asarray(faiss.vector_to_array(self._index.id_map), dtype=np.int64)

    def add(self, ids: Ids, vectors: Matrix) -> None:
        if len(ids) != len(vectors):
            raise ValueError("ids and vectors differ in length")
        if len(ids):
            self._index.add_with_ids(
                np.ascontiguousarray(vectors, dtype=np.float32),
                np.ascontiguousarray(ids, dtype=np.int64),
            )

    def search(self, vectors: Matrix, k: int) -> tuple[Matrix, Ids]:
        """The ``k`` nearest ids of each row (-1 where fewer exist) and their cosines."""
        if self.ntotal == 0 or len(vectors) == 0:
            return (
                np.zeros((len(vectors), k), dtype=np.float32),
                np.full((len(vectors), k), -1, dtype=np.int64),
            )
        scores, ids = self._index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)
        return scores.astype(np.float32), ids.astype(np.int64)

    def reset(self) -> None:
        self._index.reset()

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
