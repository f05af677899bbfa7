"""Exceptions the library raises; the CLI turns each into one ``Error: ...`` line."""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class: anything the user can act on, shown without a traceback."""


class ReadError(ProvenanceError):
    """An input file could not be read as an article (the message names file and problem)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(ProvenanceError):
    """The store is missing, unreadable, or of a schema this version does not know."""


class StoreBusy(StoreError):
    """Another process is writing to the store."""


class EmptyStore(StoreError):
    """The store holds no documents yet."""


class QueryError(ProvenanceError):
    """A query is empty or unusable."""


class ModelError(ProvenanceError):
    """The sentence-transformers model could not be loaded."""


class DateError(ProvenanceError):
    """A published date that cannot be read as one day (the message says why)."""


class SelectionError(ProvenanceError):
    """A report filter that cannot be applied (a period that is no date, or ends first)."""
