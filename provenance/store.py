"""The store: one SQLite database (the truth) and one FAISS index file (a cache of it).

Only this module speaks SQL. The database is in WAL mode so that reading commands run
while an ingest writes; writers take an exclusive lock file first, so two ingests never
interleave. The FAISS index is rebuilt from the stored vectors whenever it disagrees
with them (a crash between commit and index save, a deleted file).
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from provenance.errors import StoreBusy, StoreError
from provenance.migrations import MIGRATIONS, SCHEMA_VERSION
from provenance.models import Article, Credit

STORE_ENV = "PROVENANCE_STORE"
DEFAULT_STORE = Path(".provenance")
DB_NAME = "provenance.sqlite"
INDEX_NAME = "index.faiss"
LOCK_NAME = "write.lock"
# Seconds SQLite retries a lock another connection holds before "database is locked".
BUSY_TIMEOUT = 30.0
# Seconds an open that must convert or migrate the store waits for the writer lock. Only
# a new or older store needs that, and its holder is then another open doing the same
# (milliseconds) or an ingest by an older provenance: after this, StoreBusy.
SETUP_WAIT = 30.0

Matrix = np.ndarray[Any, np.dtype[np.float32]]


def default_store() -> Path:
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


@dataclass(frozen=True)
class DocumentRow:
    id: str
    seq: int
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    tags: tuple[str, ...]
    ingested_at: str


@dataclass(frozen=True)
class StatementRow:
    id: int
    document_id: str
    start: int
    end: int
    text: str
    kind: str
    vector_id: int
    speaker: str | None
    role: str | None
    cue: str | None


@dataclass(frozen=True)
class NewStatement:
    start: int
    end: int
    text: str
    kind: str
    hash: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    role: str | None = None
    cue: str | None = None


class Store:
    """A provenance store in a folder: ``provenance.sqlite`` and ``index.faiss``."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = path
        db = path / DB_NAME
        if not db.exists():
            if not create:
                raise StoreError(f"no store at {path} (run `provenance ingest` first)")
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a file in the way, a read-only disk
                raise StoreError(f"cannot create a store at {path}: {exc.strerror}") from exc
        elif not db.is_file():
            raise StoreError(f"{db} is not a file")
        self._lock_fd: int | None = None
        # First statement id not yet in the full-text index (see ``add_statements``).
        self._unindexed: int | None = None
        try:
            self.db = sqlite3.connect(db, timeout=BUSY_TIMEOUT, isolation_level=None)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{db}: not a provenance store ({exc})") from exc
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._set_up()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            # Errors raised by the sqlite3 module itself, not by SQLite, carry no code.
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                # A lock this module does not take (another program's, or an older
                # provenance's): the file is a database, just one in use.
                raise self._busy("another process") from exc
            raise StoreError(f"{db}: not a provenance store ({exc})") from exc
        except BaseException:
            self.db.close()
            raise

    @property
    def index_path(self) -> Path:
        return self.path / INDEX_NAME

    def close(self) -> None:
        self.db.close()
        self.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema and locking -------------------------------------------------------------

    def _set_up(self) -> None:
        """Switch a new store to WAL and bring its schema up to date, under the writer lock.

        Two connections switching one database to WAL at once collide on SQLite's own lock,
        and that collision skips the busy timeout: the loser gets "database is locked" at
        once. So whoever changes the store holds the writer lock first; a store already
        set up (every open but the first few) takes no lock, and readers never wait.
        """
        if not self._needs_set_up():
            return
        deadline = time.monotonic() + SETUP_WAIT
        while (holder := self._try_lock()) is not None:
            # The holder may be setting up this same store: once it has, nothing is left
            # to do here, even if it keeps the lock for an ingest.
            if not self._needs_set_up():
                return
            if time.monotonic() >= deadline:
                raise self._busy(holder)
            time.sleep(0.01)
        try:
            if self._needs_set_up():  # again: the last holder may have done it all
                self.db.execute("PRAGMA journal_mode = WAL")
                self._migrate()
        finally:
            self.release()

    def _needs_set_up(self) -> bool:
        # The version first: reading starts a transaction, which is when this connection
        # notices that another one has switched the file to WAL.
        version = self._schema_version()
        mode = str(self.db.execute("PRAGMA journal_mode").fetchone()[0])
        return version < SCHEMA_VERSION or mode != "wal"

    def _schema_version(self) -> int:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this provenance "
                f"understands ({SCHEMA_VERSION}); upgrade provenance"
            )
        return version

    def _migrate(self) -> None:
        version = self._schema_version()
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                # Read again under the write lock: another process opening the same new
                # store at the same moment may have applied this migration already.
                if int(self.db.execute("PRAGMA user_version").fetchone()[0]) > number:
                    continue
                for statement in _statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")

    def acquire(self) -> None:
        """Take the writer lock or raise ``StoreBusy`` at once (never wait silently)."""
        holder = self._try_lock()
        if holder is not None:
            raise self._busy(holder)

    def _try_lock(self) -> str | None:
        """Take the writer lock if it is free and return None; else who holds it."""
        if self._lock_fd is not None:
            return None
        fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            # The holder writes its pid just after taking the lock: it may not be there yet.
            return f"pid {pid}" if pid else "another process"
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._lock_fd = fd
        return None

    def _busy(self, holder: str) -> StoreBusy:
        return StoreBusy(f"{self.path} is being written by {holder}; wait for it to finish")

    def release(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._index_texts()
        except BaseException:
            self._unindexed = None
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- meta ---------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # --- documents ----------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def add_document(self, doc_id: str, article: Article, ingested_at: str) -> int:
        seq = int(self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents").fetchone()[0])
        self.db.execute(
            "INSERT INTO documents(id, seq, source, url, outlet, title, published, tags, "
            "external_id, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                seq,
                article.source,
                article.url,
                article.outlet,
                article.title,
                article.published,
                json.dumps(list(article.tags)),
                article.external_id,
                article.text,
                ingested_at,
            ),
        )
        return seq

    def documents(self) -> list[DocumentRow]:
        rows = self.db.execute(
            "SELECT id, seq, source, url, outlet, title, published, tags, ingested_at "
            "FROM documents ORDER BY seq"
        ).fetchall()
        return [_document_row(r) for r in rows]

    def document_text(self, doc_id: str) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id}")
        return str(row[0])

    def count(self, table: str) -> int:
        if table not in {"documents", "statements", "vectors", "assignments", "credits"}:
            raise ValueError(table)
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # --- statements and vectors ---------------------------------------------------------

    def add_statements(
        self, doc_id: str, statements: Sequence[NewStatement], vector_ids: dict[str, int]
    ) -> None:
        """Insert a document's statements; their text reaches the full-text index when the
        transaction commits: one bulk insert costs a third of a row-by-row one. Outside a
        transaction, in one of their own, so rows and index never part."""
        if not self.db.in_transaction:
            with self.transaction():
                self.add_statements(doc_id, statements, vector_ids)
            return
        if self._unindexed is None:
            self._unindexed = self._next_id("statements")
        self.db.executemany(
            'INSERT INTO statements(document_id, start, "end", text, kind, vector_id, speaker, '
            "speaker_start, speaker_end, role, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    s.start,
                    s.end,
                    s.text,
                    s.kind,
                    vector_ids[s.hash],
                    s.speaker,
                    s.speaker_start,
                    s.speaker_end,
                    s.role,
                    s.cue,
                )
                for s in statements
            ],
        )

    def _next_id(self, table: str) -> int:
        return int(self.db.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0])

    def _index_texts(self) -> None:
        """Add the statements inserted since the last call to the full-text index."""
        if self._unindexed is None:
            return
        self.db.execute(
            "INSERT INTO statements_fts(rowid, text) SELECT id, text FROM statements WHERE id >= ?",
            (self._unindexed,),
        )
        self._unindexed = None

    def add_credits(self, doc_id: str, credits: Iterable[Credit]) -> None:
        self.db.executemany(
            'INSERT INTO credits(document_id, source, text, start, "end", kind) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(doc_id, c.source, c.text, c.start, c.end, c.kind) for c in credits],
        )

    def credits(self) -> dict[str, list[Credit]]:
        out: dict[str, list[Credit]] = {}
        for row in self.db.execute(
            'SELECT document_id, source, text, start, "end", kind FROM credits ORDER BY id'
        ):
            out.setdefault(row[0], []).append(
                Credit(source=row[1], text=row[2], start=row[3], end=row[4], kind=row[5])
            )
        return out

    def statements(self) -> list[StatementRow]:
        rows = self.db.execute(
            'SELECT s.id, s.document_id, s.start, s."end", s.text, s.kind, s.vector_id, '
            "s.speaker, s.role, s.cue FROM statements s JOIN documents d ON d.id = s.document_id "
            "ORDER BY d.seq, s.start, s.id"
        ).fetchall()
        return [StatementRow(*r) for r in rows]

    def statements_where(
        self,
        *,
        vector_ids: Sequence[int] = (),
        containing: Sequence[str] = (),
        limit: int = 2000,
    ) -> list[StatementRow]:
        """Statements with one of these vectors, or whose text has all these words."""
        rows: list[Any] = []
        cols = (
            'SELECT s.id, s.document_id, s.start, s."end", s.text, s.kind, s.vector_id, '
            "s.speaker, s.role, s.cue FROM statements s "
        )
        for lo in range(0, len(vector_ids), 500):
            chunk = list(vector_ids[lo : lo + 500])
            marks = ",".join("?" * len(chunk))
            rows.extend(self.db.execute(cols + f"WHERE s.vector_id IN ({marks})", chunk))
        if containing:
            # The full-text index: statements holding every one of these words, any case.
            phrase = " AND ".join('"' + w.replace('"', '""') + '"' for w in containing)
            rows.extend(
                self.db.execute(
                    cols + "WHERE s.id IN (SELECT rowid FROM statements_fts "
                    "WHERE statements_fts MATCH ? LIMIT ?)",
                    (phrase, limit),
                )
            )
        unique = {r[0]: r for r in rows}
        return [StatementRow(*unique[k]) for k in sorted(unique)]

    def document(self, doc_id: str) -> DocumentRow:
        row = self.db.execute(
            "SELECT id, seq, source, url, outlet, title, published, tags, ingested_at "
            "FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id}")
        return _document_row(row)

    def vector_ids(self, hashes: Iterable[str]) -> dict[str, int]:
        """Ids of the vectors already stored for these content hashes."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, int] = {}
        for lo in range(0, len(wanted), 500):
            chunk = wanted[lo : lo + 500]
            marks = ",".join("?" * len(chunk))
            for h, vid in self.db.execute(
                f"SELECT hash, id FROM vectors WHERE hash IN ({marks})", chunk
            ):
                found[h] = int(vid)
        return found

    def add_vectors(self, hashes: Sequence[str], vectors: Matrix) -> dict[str, int]:
        first = self._next_id("vectors")
        ids = {h: first + i for i, h in enumerate(hashes)}
        self.db.executemany(
            "INSERT INTO vectors(id, hash, vector) VALUES (?, ?, ?)",
            [
                (ids[h], h, np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for h, v in zip(hashes, vectors, strict=True)
            ],
        )
        return ids

    def load_vectors(
        self, ids: Sequence[int] | None = None, *, dim: int
    ) -> tuple[list[int], Matrix]:
        """Stored vectors (all, or these ids) as a matrix, with their ids in that order."""
        if ids is None:
            rows = self.db.execute("SELECT id, vector FROM vectors ORDER BY id").fetchall()
        else:
            rows = []
            for lo in range(0, len(ids), 500):
                chunk = list(ids[lo : lo + 500])
                marks = ",".join("?" * len(chunk))
                rows.extend(
                    self.db.execute(f"SELECT id, vector FROM vectors WHERE id IN ({marks})", chunk)
                )
            order = {vid: i for i, vid in enumerate(ids)}
            rows.sort(key=lambda r: order[r[0]])
        matrix = np.zeros((len(rows), dim), dtype=np.float32)
        for i, (_, blob) in enumerate(rows):
            matrix[i] = np.frombuffer(blob, dtype=np.float32)
        return [int(r[0]) for r in rows], matrix

    def load_ids(self) -> list[int]:
        return [int(r[0]) for r in self.db.execute("SELECT id FROM vectors ORDER BY id")]

    def vector_text(self, vid: int) -> str:
        row = self.db.execute(
            "SELECT text FROM statements WHERE vector_id = ? ORDER BY id LIMIT 1", (vid,)
        ).fetchone()
        return "" if row is None else str(row[0])

    def vector_kinds(self) -> dict[int, str]:
        """The kind of the first statement embedded with each vector, in one query."""
        out: dict[int, str] = {}
        for vid, kind in self.db.execute("SELECT vector_id, kind FROM statements ORDER BY id"):
            out.setdefault(int(vid), str(kind))
        return out

    def quote_parts(self) -> dict[int, set[int]]:
        """For each quote's vector, the vectors of the quotes inside it in the same document
        (its sentences stored as statements), and the other way round: vectors that the
        clusterer keeps apart."""
        out: dict[int, set[int]] = {}
        rows = self.db.execute(
            """SELECT a.vector_id, b.vector_id FROM statements a JOIN statements b
               ON b.document_id = a.document_id AND b.start >= a.start AND b."end" <= a."end"
               AND b.vector_id != a.vector_id
               WHERE a.kind = 'quote' AND b.kind = 'quote'"""
        )
        for whole, part in rows:
            out.setdefault(int(whole), set()).add(int(part))
            out.setdefault(int(part), set()).add(int(whole))
        return out

    def vector_texts(self) -> dict[int, str]:
        """One text per vector (the first statement that has it)."""
        out: dict[int, str] = {}
        for vid, text in self.db.execute("SELECT vector_id, text FROM statements ORDER BY id"):
            out.setdefault(int(vid), str(text))
        return out

    # --- clusters -----------------------------------------------------------------------

    def assignments(self) -> dict[int, str]:
        return {
            int(v): str(c)
            for v, c in self.db.execute("SELECT vector_id, cluster_id FROM assignments")
        }

    def unassigned_vectors(self) -> list[int]:
        rows = self.db.execute(
            "SELECT v.id FROM vectors v LEFT JOIN assignments a ON a.vector_id = v.id "
            "WHERE a.vector_id IS NULL ORDER BY v.id"
        ).fetchall()
        return [int(r[0]) for r in rows]

    def assign(self, pairs: Iterable[tuple[int, str]]) -> None:
        self.db.executemany(
            "INSERT INTO assignments(vector_id, cluster_id) VALUES (?, ?) "
            "ON CONFLICT(vector_id) DO UPDATE SET cluster_id = excluded.cluster_id",
            list(pairs),
        )

    def clear_assignments(self) -> None:
        self.db.execute("DELETE FROM assignments")

    # --- health (provenance doctor) -----------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """SQLite's own consistency check, then the foreign keys; empty when both pass."""
        rows = [str(r[0]) for r in self.db.execute("PRAGMA integrity_check")]
        problems = [] if rows == ["ok"] else rows
        for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid} refers to a missing {parent} row")
        return problems

    def statements_without_vector(self) -> int:
        row = self.db.execute(
            "SELECT COUNT(*) FROM statements s LEFT JOIN vectors v ON v.id = s.vector_id "
            "WHERE v.id IS NULL"
        ).fetchone()
        return int(row[0])

    def vectors_of_wrong_size(self, dim: int) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM vectors WHERE length(vector) != ? ORDER BY id", (dim * 4,)
        ).fetchall()
        return [int(r[0]) for r in rows]

    def vector_hashes(self, ids: Sequence[int]) -> dict[int, str]:
        """Content hash of each of these vectors (cluster ids are named after them)."""
        found: dict[int, str] = {}
        for lo in range(0, len(ids), 500):
            chunk = list(ids[lo : lo + 500])
            marks = ",".join("?" * len(chunk))
            for vid, h in self.db.execute(
                f"SELECT id, hash FROM vectors WHERE id IN ({marks})", chunk
            ):
                found[int(vid)] = str(h)
        return found


def _document_row(r: Sequence[Any]) -> DocumentRow:
    return DocumentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), r[8])


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
