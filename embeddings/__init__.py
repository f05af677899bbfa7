"""Sentence encoder and vector index for provenance.

This package never imports ``provenance``: it knows texts, vectors and integer ids,
nothing about documents, statements or clusters.
"""

from embeddings.encoder import (
    BACKEND_ENV,
    BACKENDS,
    CACHE_ENV,
    DEFAULT_MODEL,
    MODEL_ENV,
    Encoder,
    ModelLoadError,
    content_hash,
    resolve_model,
)
from embeddings.index import VectorIndex

__all__ = [
    "BACKENDS",
    "BACKEND_ENV",
    "CACHE_ENV",
    "DEFAULT_MODEL",
    "MODEL_ENV",
    "Encoder",
    "ModelLoadError",
    "VectorIndex",
    "content_hash",
    "resolve_model",
]
