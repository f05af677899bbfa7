"""The ingest pipeline: read, split, hash, embed what is new, store, index, cluster.

One ingest is one SQLite transaction. The FAISS index is saved only after the commit,
and it is rebuilt from stored vectors whenever it disagrees with the database, so a
crash at any point leaves a store that the next open repairs.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from embeddings import VectorIndex, content_hash
from provenance.cluster import ClusterState, assign_clusters, family
from provenance.errors import ReadError, StoreError
from provenance.models import Article, Credit
from provenance.readers import document_id, iter_articles, source_name
from provenance.sentences import split_sentences
from provenance.store import NewStatement, Store

Matrix = np.ndarray[Any, np.dtype[np.float32]]
Tick = Callable[[int], None]
ProgressFactory = Callable[[str, int], AbstractContextManager[Tick]]

_SPACES = re.compile(r"\s+")

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
    passed_over: list[str] = field(default_factory=list)  # files of other types in folders
    index_repaired: bool = False
    clusters_new: int = 0
    clusters_joined: int = 0


def normalise(text: str) -> str:
    """The text that is embedded and hashed: white space folded, so wrapped lines match."""
    return _SPACES.sub(" ", text).strip()


def statements_for(article: Article) -> tuple[list[NewStatement], list[Credit]]:
    """Statements of one article: its sentences, and its quotes as statements of their own.

    A quote is embedded by itself because outlets wrap the same quoted words in different
    sentences; a sentence takes the speaker of the first attributed quote inside it.
    """
    from provenance.quotes import extract

    quotes, credits = extract(article.text)
    out: list[NewStatement] = []
    for s in split_sentences(article.text):
        inside = [q for q in quotes if q.speaker and s.start <= q.start < s.end]
        who = inside[0] if inside else None
        out.append(
            NewStatement(
                start=s.start,
                end=s.end,
                text=s.text,
                kind="sentence",
                hash=content_hash(normalise(s.text)),
                speaker=who.speaker if who else None,
                role=who.role if who else None,
                cue=who.cue if who else None,
            )
        )
    for q in quotes:
        body = normalise(q.text.strip(" ,.;:"))
        if len(body.split()) < 2:
            continue  # a one-word quote ("baseless") says nothing alone
        out.append(
            NewStatement(
                start=q.start,
                end=q.end,
                text=q.text,
                kind="quote" if q.kind == "direct" else "indirect",
                hash=content_hash(normalise(q.text)),
                speaker=q.speaker,
                speaker_start=q.speaker_start,
                speaker_end=q.speaker_end,
                role=q.role,
                cue=q.cue,
            )
        )
    return out, credits


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
    """
    result = IngestResult()
    limit = getattr(encoder, "max_chars", None)  # test doubles read texts whole
    with Store(store_dir, create=True) as store:
        store.acquire()
        check_model(store, encoder)
        pending: list[tuple[str, Article, list[NewStatement], list[Credit]]] = []
        seen: set[str] = set()
        for item in iter_articles(
            paths, passed_over=lambda path: result.passed_over.append(source_name(path))
        ):
            if isinstance(item, ReadError):
                result.errors.append(item)
                if on_error is not None:
                    on_error(item)
                if strict:
                    return result
                continue
            doc_id = document_id(item)
            if doc_id in seen or store.has_document(doc_id):
                result.unchanged.append(item.source)
                continue
            seen.add(doc_id)
            statements, credits = statements_for(item)
            if isinstance(limit, int) and any(len(normalise(s.text)) > limit for s in statements):
                result.truncated.append(item.source)
            pending.append((doc_id, item, statements, credits))
            _checkpoint(f"read-{len(pending)}")
        if not pending:
            dim = store.get_meta("dim")
            if dim is not None:
                # Nothing new, but a run killed before its index save is finished here.
                _, result.index_repaired = open_index(store, int(dim))
            return result

        texts: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for _, _, statements, _ in pending:
            for s in statements:
                texts.setdefault(s.hash, normalise(s.text))
                kinds.setdefault(s.hash, s.kind)
        known = store.vector_ids(texts)
        todo = [h for h in texts if h not in known]
        result.reused = len(texts) - len(todo)
        result.embedded = len(todo)
        with progress("embedding", len(todo)) as tick:
            vectors = encoder.encode([texts[h] for h in todo], progress=tick)
        _checkpoint("embedded")
        index, result.index_repaired = open_index(store, encoder.dim)

        now = datetime.now(UTC).isoformat(timespec="seconds")
        with store.transaction():
            if store.get_meta("model") is None:
                store.set_meta("model", encoder.name)
                store.set_meta("dim", str(encoder.dim))
            new_ids = store.add_vectors(todo, vectors)
            ids = {**known, **new_ids}
            for doc_id, article, statements, credits in pending:
                store.add_document(doc_id, article, now)
                store.add_statements(doc_id, statements, ids)
                store.add_credits(doc_id, credits)
                result.ingested.append(doc_id)
                result.statements += len(statements)
            _checkpoint("written")
            id_array = np.asarray([new_ids[h] for h in todo], dtype=np.int64)
            index.add(id_array, vectors)
            state = ClusterState.from_assignments(store.assignments())
            before = set(state.members)
            hash_by_id = {vid: h for h, vid in ids.items()}
            kind_by_id = {new_ids[h]: kinds[h] for h in todo}
            text_by_id = {vid: texts[h] for h, vid in ids.items()}
            with progress("clustering", len(todo)) as tick:
                pairs = assign_clusters(
                    id_array.tolist(),
                    vectors,
                    index,
                    state,
                    text_of=lambda vid: text_by_id.get(vid) or normalise(store.vector_text(vid)),
                    hash_of=lambda vid: hash_by_id[vid],
                    vectors_of=lambda vids: store.load_vectors(vids, dim=encoder.dim)[1],
                    family_of=lambda vid: family(kind_by_id.get(vid) or store.vector_kind(vid)),
                    progress=tick,
                )
            store.assign(pairs)
            created = {cid for _, cid in pairs} - before
            result.clusters_new = len(created)
            result.clusters_joined = len({cid for _, cid in pairs} & before)
        _checkpoint("committed")
        index.save()
        _checkpoint("saved")
    return result


def _checkpoint(stage: str) -> None:
    if os.environ.get(PAUSE_ENV) != stage:
        return
    flag = Path(os.environ[PAUSE_FLAG_ENV])
    flag.write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + 120
    while flag.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
