"""The ingest pipeline: read, split, hash, embed what is new, store, index, cluster.

One ingest is one SQLite transaction. The FAISS index is saved only after the commit,
and it is rebuilt from stored vectors whenever it disagrees with the database, so a
crash at any point leaves a store that the next open repairs.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from embeddings import VectorIndex
from provenance.cluster import ClusterState, assign_clusters, family
from provenance.dates import date_problem
from provenance.errors import ReadError, StoreError
from provenance.models import Article, Credit
from provenance.readers import count_documents, document_id, iter_articles, source_name
from provenance.similarity import LinkText
from provenance.statements import BATCH, Finder, Found, normalise, worker_count
from provenance.store import NewStatement, Store

Matrix = np.ndarray[Any, np.dtype[np.float32]]
Tick = Callable[[int], None]
ProgressFactory = Callable[[str, int], AbstractContextManager[Tick]]

# Test hook for tests/test_crash.py and tests/test_concurrency.py. With PAUSE_ENV set to a
# stage name, the ingest creates the file named by PAUSE_FLAG_ENV on reaching that stage
# and waits while it exists (at most two minutes), so a test can SIGKILL it at a known
# point or hold it there. Stages: read-N (N documents read), embedded, written (rows
# written, transaction open), committed (index not yet saved), saved (lock still held).
PAUSE_ENV = "PROVENANCE_TEST_PAUSE_AT"
PAUSE_FLAG_ENV = "PROVENANCE_TEST_PAUSE_FLAG"


class EncoderLike(Protocol):
    """What the pipeline needs of an encoder (``embeddings.Encoder`` or a test double)."""

    name: str

    @property
    def dim(self) -> int: ...

    def encode(self, texts: list[str], *, progress: Tick | None = None) -> Matrix: ...


@contextmanager
def _no_progress(_label: str, _total: int) -> Iterator[Tick]:
    yield lambda _n: None


@dataclass
class IngestResult:
    ingested: list[str] = field(default_factory=list)  # document ids added
    unchanged: list[str] = field(default_factory=list)  # sources already in the store
    errors: list[ReadError] = field(default_factory=list)
    statements: int = 0
    embedded: int = 0  # texts sent to the encoder
    reused: int = 0  # texts whose vector was already stored
    truncated: list[str] = field(default_factory=list)  # sources with text cut for the encoder
    # (source, date as given, why it is not one day): stored as given, ordered as undated
    unreadable_dates: list[tuple[str, str, str]] = field(default_factory=list)
    passed_over: list[str] = field(default_factory=list)  # files of other types in folders
    index_repaired: bool = False
    clusters_new: int = 0
    clusters_joined: int = 0


def stored_kinds(store: Store) -> Callable[[int], str]:
    """The kind of any stored vector (``sentence`` for one no statement has). Clustering
    asks it of every vector the index holds, so all are read in one query, when first
    asked, rather than with one query each."""
    kinds: dict[int, str] | None = None

    def kind_of(vid: int) -> str:
        nonlocal kinds
        if kinds is None:
            kinds = store.vector_kinds()
        return kinds.get(vid, "sentence")

    return kind_of


def open_index(store: Store, dim: int) -> tuple[VectorIndex, bool]:
    """The store's FAISS index, rebuilt from stored vectors if it disagrees with them."""
    try:
        index = VectorIndex.load(store.index_path, dim)
        stored = store.count("vectors")
        if index.ntotal == stored and (
            stored == 0 or set(index.ids().tolist()) == set(store.load_ids())
        ):
            return index, False
    except (ValueError, RuntimeError):
        pass  # unreadable or wrong-sized file: rebuilt below
    index = VectorIndex(dim, store.index_path)
    ids, vectors = store.load_vectors(dim=dim)
    index.add(np.asarray(ids, dtype=np.int64), vectors)
    index.save()
    return index, True


def check_model(store: Store, encoder: EncoderLike) -> None:
    stored = store.get_meta("model")
    if stored is not None and stored != encoder.name:
        raise StoreError(
            f"{store.path} was built with model {stored!r}, not {encoder.name!r}; "
            f"use --model {stored!r} or another --store"
        )


# New texts embedded at a time: documents are read, embedded, stored and clustered chunk
# by chunk (in one transaction), so memory does not grow with the input. Each chunk is
# one length-sorted pass of the encoder, which batches by padded word pieces, so a chunk
# this size encodes as fast as one sort of everything. Encoding a chunk on a worker thread
# while this thread reads and clusters the next was measured and dropped: the encoder's
# two streams lost more than the Python work gained (ingest 0.70 of bare encode vs 0.83).
CHUNK_TEXTS = 8192


@dataclass
class _Chunk:
    """Documents read and the new texts they brought, in first-seen order."""

    docs: list[tuple[str, Article, list[NewStatement], list[Credit]]] = field(default_factory=list)
    # Hashes of the texts new to this run: to embed, once drop_stored took the stored out.
    todo: list[str] = field(default_factory=list)
    vectors: Matrix | None = None


class _Writer:
    """Stores chunks in order inside one transaction, adding their vectors to the index
    and clustering them, each chunk against everything stored before it. The transaction
    is begun on the first write and entered in ``transaction``, whose owner commits it."""

    def __init__(
        self,
        store: Store,
        encoder: EncoderLike,
        result: IngestResult,
        transaction: ExitStack,
        words: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        # hash -> link-score words found on workers (Finder.words), filled as they arrive
        self.words: Mapping[str, str] = {} if words is None else words
        self.transaction = transaction
        self.encoder = encoder
        self.result = result
        self.texts: dict[str, str] = {}  # hash -> normalised text, of this run's statements
        self._link_texts: dict[str, LinkText] = {}
        self.kinds: dict[str, str] = {}
        # hash -> hashes its vector must not share a cluster with: a quote and the
        # sentences of it that are statements of their own, in either direction.
        self.apart: dict[str, set[str]] = {}
        self.vid_of: dict[str, int] = {}  # hash -> vector id, stored before or in this run
        self.touched: set[str] = set()
        self._index: VectorIndex | None = None
        self._state = ClusterState()
        self._before: set[str] = set()
        self._hash_of: dict[int, str] = {}
        self._kind_of: dict[int, str] = {}
        self._stored_kind = stored_kinds(store)
        self._now = datetime.now(UTC).isoformat(timespec="seconds")

    def plan(self, chunk: _Chunk, statements: list[NewStatement]) -> None:
        """Note a document's texts; the ones not planned before go to ``chunk``."""
        for s in statements:
            if s.hash not in self.texts:
                self.texts[s.hash] = normalise(s.text)
                self.kinds[s.hash] = s.kind
                chunk.todo.append(s.hash)
        quotes = [s for s in statements if s.kind == "quote"]
        for i, whole in enumerate(quotes):
            for part in quotes[i + 1 :]:
                if part.start >= whole.end:
                    break
                if part.hash != whole.hash and part.end <= whole.end:
                    self.apart.setdefault(whole.hash, set()).add(part.hash)
                    self.apart.setdefault(part.hash, set()).add(whole.hash)

    def drop_stored(self, chunk: _Chunk) -> None:
        """Take the texts whose vectors are stored already out of ``chunk.todo`` (one
        query a chunk: one a document cost 0.2 s on 600 documents)."""
        known = self.store.vector_ids(chunk.todo)
        if not known:
            return
        self.vid_of.update(known)
        self._hash_of.update((vid, h) for h, vid in known.items())
        self.result.reused += len(known)
        chunk.todo = [h for h in chunk.todo if h not in known]

    def write(self, chunk: _Chunk) -> None:
        store, result = self.store, self.result
        vectors = chunk.vectors
        if not self.started:
            self._start()
        assert self._index is not None
        new_ids: dict[str, int] = {}
        if vectors is not None and chunk.todo:
            new_ids = store.add_vectors(chunk.todo, vectors)
            self.vid_of.update(new_ids)
        for doc_id, article, statements, credits in chunk.docs:
            store.add_document(doc_id, article, self._now)
            store.add_statements(doc_id, statements, self.vid_of)
            store.add_credits(doc_id, credits)
            result.ingested.append(doc_id)
            result.statements += len(statements)
        if not new_ids or vectors is None:
            return
        result.embedded += len(new_ids)
        id_array = np.asarray([new_ids[h] for h in chunk.todo], dtype=np.int64)
        for h, vid in new_ids.items():
            self._hash_of[vid] = h
            self._kind_of[vid] = self.kinds[h]
        self._index.add(id_array, vectors)
        pairs = assign_clusters(
            id_array.tolist(),
            vectors,
            self._index,
            self._state,
            text_of=self._text,
            hash_of=lambda vid: self._hash_of[vid],
            vectors_of=lambda vids: store.load_vectors(vids, dim=self.encoder.dim)[1],
            family_of=self._family,
            apart=self._apart,
        )
        store.assign(pairs)
        self.touched.update(cid for _, cid in pairs)

    @property
    def started(self) -> bool:
        """Whether anything was written (and the transaction begun)."""
        return self._index is not None

    def _start(self) -> None:
        store = self.store
        self.transaction.enter_context(store.transaction())
        self._index, self.result.index_repaired = open_index(store, self.encoder.dim)
        if store.get_meta("model") is None:
            store.set_meta("model", self.encoder.name)
            store.set_meta("dim", str(self.encoder.dim))
        self._state = ClusterState.from_assignments(store.assignments())
        self._before = set(self._state.members)

    def _apart(self, vid: int) -> list[int]:
        found = self.apart.get(self._hash_of.get(vid, ""), ())
        return [self.vid_of[h] for h in found if h in self.vid_of]

    def _family(self, vid: int) -> str:
        # This run's vectors from memory, earlier ingests' from the store.
        return family(self._kind_of.get(vid) or self._stored_kind(vid))

    def _text(self, vid: int) -> str | LinkText:
        h = self._hash_of.get(vid)
        if h is None:
            return normalise(self.store.vector_text(vid))
        # Kept for the whole run (each chunk's clustering reads earlier chunks' texts too):
        # the words and the normalised characters are worked out once a text.
        text = self._link_texts.get(h)
        if text is None:
            text = self._link_texts[h] = LinkText(self.texts[h], self.words.get(h))
        return text

    def finish(self) -> None:
        self.result.clusters_new = len(self.touched - self._before)
        self.result.clusters_joined = len(self.touched & self._before)

    def save(self) -> None:
        if self._index is not None:
            self._index.save()


def ingest(
    paths: Iterable[Path],
    store_dir: Path,
    *,
    encoder: EncoderLike,
    progress: ProgressFactory = _no_progress,
    strict: bool = False,
    on_error: Callable[[ReadError], None] | None = None,
) -> IngestResult:
    """Ingest files and folders into the store at ``store_dir``.

    Unreadable inputs are collected in ``result.errors`` (and passed to ``on_error`` as
    they happen); with ``strict`` the first one stops the run before anything is written.
    Everything is written in one transaction, committed only when every document is in.
    """
    paths = list(paths)
    result = IngestResult()
    limit = getattr(encoder, "max_chars", None)  # test doubles read texts whole
    documents = count_documents(paths)
    with (
        # Before the store opens, so that no worker holds a copy of its files.
        Finder(worker_count(documents)) as finder,
        Store(store_dir, create=True) as store,
        progress("documents", documents) as tick,
    ):
        store.acquire()
        check_model(store, encoder)
        with ExitStack() as transaction:
            writer = _Writer(store, encoder, result, transaction, finder.words)
            done = _read_and_write(
                paths,
                store,
                writer,
                progress,
                result,
                tick,
                finder=finder,
                strict=strict,
                limit=limit,
                on_error=on_error,
            )
            if not done:
                return result  # nothing was written: no transaction was begun
            _checkpoint("written")
            writer.finish()
        # Leaving the ExitStack committed the transaction.
        _checkpoint("committed")
        writer.save()
        _checkpoint("saved")
    return result


def _read_and_write(
    paths: list[Path],
    store: Store,
    writer: _Writer,
    progress: ProgressFactory,
    result: IngestResult,
    tick: Tick,
    *,
    finder: Finder,
    strict: bool,
    limit: object,
    on_error: Callable[[ReadError], None] | None,
) -> bool:
    """Read every article, embedding, storing and clustering chunk by chunk. False if
    nothing is left to commit."""
    chunk = _Chunk()
    waiting: list[_Chunk] = []  # embedded, not yet written (all of them with --strict)
    ahead = _ReadAhead(paths, store, result, finder)
    read = 0

    def send(final: bool) -> None:
        nonlocal chunk
        # The workers find about the next chunk's statements while this process encodes,
        # stores and clusters this one (in what the encoder leaves of the cores, mostly
        # while clustering).
        ahead.fill(len(chunk.docs))
        writer.drop_stored(chunk)
        if chunk.todo:
            texts = [writer.texts[h] for h in chunk.todo]
            with progress("embedding", len(texts)) as embedded:
                chunk.vectors = writer.encoder.encode(texts, progress=embedded)
        waiting.append(chunk)
        chunk = _Chunk()
        if final:
            _checkpoint("embedded")
        # With --strict nothing is written until every input has been read cleanly.
        while waiting and (final or not strict):
            done = waiting.pop(0)
            writer.write(done)
            tick(len(done.docs))

    for entry in ahead:
        if isinstance(entry, ReadError):
            result.errors.append(entry)
            tick(1)
            if on_error is not None:
                on_error(entry)
            if strict:
                return False
            continue
        if isinstance(entry, str):
            result.unchanged.append(entry)
            tick(1)
            continue
        doc_id, item, found = entry
        statements, credits = found()
        writer.plan(chunk, statements)
        texts = writer.texts  # normalised by plan
        if isinstance(limit, int) and any(len(texts[s.hash]) > limit for s in statements):
            result.truncated.append(item.source)
        if item.published is not None and (why := date_problem(item.published)) is not None:
            result.unreadable_dates.append((item.source, item.published, why))
        chunk.docs.append((doc_id, item, statements, credits))
        read += 1
        _checkpoint(f"read-{read}")
        if len(chunk.todo) >= CHUNK_TEXTS:
            send(final=False)
    if chunk.docs or waiting:
        send(final=True)
    elif writer.started:
        _checkpoint("embedded")  # the last chunk was full and is written already
    if not writer.started:
        dim = store.get_meta("dim")
        if dim is not None:
            # Nothing new, but a run killed before its index save is finished here.
            _, result.index_repaired = open_index(store, int(dim))
        return False
    return True


# A new document read, its id, and the function that gives its statements; a source
# already stored (or read earlier in this run); or a file that could not be read.
_Entry = tuple[str, Article, Callable[[], Found]] | str | ReadError


class _ReadAhead:
    """The inputs in order, each new document handed to the finder as it is read: two
    batches a worker ahead of the one being stored, so that no worker waits for the next,
    and a chunk's worth when ``fill`` asks for it."""

    def __init__(
        self, paths: list[Path], store: Store, result: IngestResult, finder: Finder
    ) -> None:
        self._items = iter_articles(
            paths, passed_over=lambda path: result.passed_over.append(source_name(path))
        )
        self._store = store
        self._finder = finder
        self._entries: deque[_Entry] = deque()
        self._documents = 0  # new documents among the entries
        self._seen: set[str] = set()
        self._ahead = 2 * BATCH * finder.workers

    def fill(self, documents: int) -> None:
        """Read until this many new documents are waiting (only when there are workers)."""
        while self._finder.workers and self._documents < documents and self._read():
            pass

    def __iter__(self) -> Iterator[_Entry]:
        while True:
            while (not self._entries or self._documents < self._ahead) and self._read():
                pass
            if not self._entries:
                return
            entry = self._entries.popleft()
            if isinstance(entry, tuple):
                self._documents -= 1
            yield entry

    def _read(self) -> bool:
        item = next(self._items, None)
        if item is None:
            return False
        if isinstance(item, ReadError):
            self._entries.append(item)
            return True
        doc_id = document_id(item)
        if doc_id in self._seen or self._store.has_document(doc_id):
            self._entries.append(item.source)
            return True
        self._seen.add(doc_id)
        self._entries.append((doc_id, item, self._finder.submit(item.text)))
        self._documents += 1
        return True


def _checkpoint(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) != stage:
        return
    flag = Path(os.environ[PAUSE_FLAG_ENV])
    flag.write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + 120
    while flag.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
