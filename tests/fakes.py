"""A deterministic stand-in encoder for plumbing tests (never for judging quality)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

import numpy as np

_WORD = re.compile(r"\w+")


class FakeEncoder:
    """Bag-of-hashed-words vectors: equal texts give equal vectors, shared words raise
    the cosine. Counts every text it is asked to encode."""

    name = "fake-bag-of-words"

    def __init__(self, dim: int = 64) -> None:
        self._dim = dim
        self.encoded: list[str] = []

    @property
    def dim(self) -> int:
        return self._dim

    def encode(
        self, texts: list[str], *, progress: Callable[[int], None] | None = None
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                slot = int(hashlib.md5(word.encode()).hexdigest()[:8], 16) % self._dim
                out[i, slot] += 1.0
            norm = float(np.linalg.norm(out[i])) or 1.0
            out[i] /= norm
        if progress is not None:
            progress(len(texts))
        return out
