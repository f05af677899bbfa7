"""Sentence encoder and vector index for provenance.

This package never imports ``provenance``: it knows texts, vectors and integer ids,
nothing about documents, statements or clusters.
"""

from embeddings.encoder import DEFAULT_MODEL, MODEL_ENV, Encoder, content_hash, resolve_model
from embeddings.index import VectorIndex

__all__ = ["DEFAULT_MODEL", "MODEL_ENV", "Encoder", "VectorIndex", "content_hash", "resolve_model"]
