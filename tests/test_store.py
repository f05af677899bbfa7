from __future__ import annotations

import fcntl
import multiprocessing
import os
import sqlite3
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

import numpy as np
import pytest

from provenance import store as store_module
from provenance.errors import StoreBusy, StoreError
from provenance.migrations import SCHEMA_VERSION
from provenance.models import Article
from provenance.store import DB_NAME, LOCK_NAME, NewStatement, Store


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "absent")


def test_migrations_set_the_schema_version(tmp_path: Path) -> None:
    with Store(tmp_path / "s", create=True) as store:
        version = store.db.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "s", create=True).close()
    db = sqlite3.connect(tmp_path / "s" / DB_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer than this provenance"):
        Store(tmp_path / "s")


def test_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / DB_NAME).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a provenance store"):
        Store(tmp_path / "s")


def test_second_writer_is_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "s", create=True) as first, Store(tmp_path / "s") as second:
        first.acquire()
        with pytest.raises(StoreBusy, match="being written"):
            second.acquire()
        first.release()
        second.acquire()


def test_vectors_round_trip_and_rollback(tmp_path: Path) -> None:
    vecs = np.eye(3, dtype=np.float32)
    with Store(tmp_path / "s", create=True) as store:
        with store.transaction():
            ids = store.add_vectors(["a", "b", "c"], vecs)
        got_ids, got = store.load_vectors([ids["c"], ids["a"]], dim=3)
        assert got_ids == [ids["c"], ids["a"]]
        assert np.array_equal(got, vecs[[2, 0]])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_vectors(["d"], vecs[:1])
            raise RuntimeError("crash mid-ingest")
        assert store.count("vectors") == 3


def _open_new_stores(root: Path, rounds: int, barrier: Barrier, out: Queue[str]) -> None:
    """In a child process: open store ``r`` with ``create`` once the others are ready too."""
    for r in range(rounds):
        barrier.wait(timeout=30)  # a dead sibling breaks the barrier instead of hanging us
        try:
            Store(root / f"s{r}", create=True).close()
            out.put("ok")
        except Exception as exc:
            out.put(f"{type(exc).__name__}: {exc}")


def test_many_processes_create_one_new_store_at_once(tmp_path: Path) -> None:
    """The race behind a rare CI failure: processes opening a brand-new store together
    collided on SQLite's own lock while switching to WAL, and the loser reported "not a
    provenance store (database is locked)". Each round, every process opens the same new
    store; all must succeed. Two processes, like the two ingests in CI: on a two-core
    machine more of them collide less often, as they no longer start truly together."""
    processes, rounds = 2, 150
    # fork: spawned children would each spend most of a second importing numpy and pytest,
    # and they use nothing of this process but sqlite3 and fcntl.
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(processes)
    out: Queue[str] = ctx.Queue()
    children = [
        ctx.Process(target=_open_new_stores, args=(tmp_path, rounds, barrier, out))
        for _ in range(processes)
    ]
    try:
        for child in children:
            child.start()
        outcomes = [out.get(timeout=30) for _ in range(processes * rounds)]
        for child in children:
            child.join(timeout=30)
            assert child.exitcode == 0
    finally:
        for child in children:
            if child.is_alive():
                child.kill()
    failures = [o for o in outcomes if o != "ok"]
    assert not failures, f"{len(failures)} of {len(outcomes)} opens failed: {failures[:3]}"
    for r in range(rounds):
        with Store(tmp_path / f"s{r}") as store:
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_readers_do_not_wait_for_the_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "s", create=True) as writer:
        writer.acquire()
        # With no wait allowed, an open that wanted the writer lock would fail at once.
        monkeypatch.setattr(store_module, "SETUP_WAIT", 0.0)
        with Store(tmp_path / "s") as reader:
            assert reader.count("documents") == 0


def _hold_writer_lock(folder: Path, pid: int) -> int:
    """Hold the writer lock as another process would (flock is per open file, so this
    conflicts with the store's own open of the file even in this process)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.pwrite(fd, str(pid).encode(), 0)
    return fd


def test_creating_waits_only_so_long_for_the_writer_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fd = _hold_writer_lock(tmp_path / "s", 4242)
    monkeypatch.setattr(store_module, "SETUP_WAIT", 0.2)
    try:
        with pytest.raises(StoreBusy, match="being written by pid 4242"):
            Store(tmp_path / "s", create=True)
    finally:
        os.close(fd)
    with Store(tmp_path / "s", create=True) as store:  # the lock is free again
        assert store.count("documents") == 0


def test_a_locked_database_is_busy_not_a_foreign_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's own "database is locked" (here from a program that is not provenance) is
    reported as busy, never as "not a provenance store"."""
    (tmp_path / "s").mkdir()
    other = sqlite3.connect(tmp_path / "s" / DB_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE t (x)")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.1)
    try:
        with pytest.raises(StoreBusy, match="being written by another process"):
            Store(tmp_path / "s")
    finally:
        other.execute("ROLLBACK")
        other.close()


def _add_doc(store: Store, doc_id: str, text: str) -> None:
    vid = store.add_vectors([doc_id], np.eye(1, 3, dtype=np.float32))[doc_id]
    store.add_document(doc_id, Article(text=text, source=doc_id), "2026-01-01T00:00:00+00:00")
    store.add_statements(
        doc_id, [NewStatement(0, len(text), text, "sentence", doc_id)], {doc_id: vid}
    )


def _matching(store: Store, word: str) -> list[str]:
    return [row.text for row in store.statements_where(containing=[word])]


def test_statements_reach_the_full_text_index_at_commit_only(tmp_path: Path) -> None:
    with Store(tmp_path / "s", create=True) as store:
        with store.transaction():
            _add_doc(store, "d1", "Akram rejected the claims.")
            _add_doc(store, "d2", "Shea echoed these concerns.")
        assert _matching(store, "akram") == ["Akram rejected the claims."]
        assert _matching(store, "concerns") == ["Shea echoed these concerns."]
        with pytest.raises(RuntimeError), store.transaction():
            _add_doc(store, "d3", "Nebenzia pointed fingers.")
            raise RuntimeError("crash mid-ingest")
        assert _matching(store, "nebenzia") == []
        with store.transaction():
            _add_doc(store, "d4", "Nebenzia blamed the West.")
        assert _matching(store, "nebenzia") == ["Nebenzia blamed the West."]
        _add_doc(store, "d5", "Fu Cong added a remark.")  # no transaction: indexed at once
        assert _matching(store, "remark") == ["Fu Cong added a remark."]
        # The index holds each statement once: nothing was indexed twice.
        rows = store.db.execute("SELECT COUNT(*) FROM statements_fts").fetchone()[0]
        assert rows == store.count("statements") == 4


def test_a_store_of_schema_two_keeps_its_index_and_drops_the_trigger(tmp_path: Path) -> None:
    from provenance.migrations import MIGRATIONS

    (tmp_path / "s").mkdir()
    db = sqlite3.connect(tmp_path / "s" / DB_NAME, isolation_level=None)
    for script in MIGRATIONS[:2]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 2")
    db.close()
    with Store(tmp_path / "s") as store:
        with store.transaction():
            _add_doc(store, "d1", "Voronkov warned of attacks.")
        assert _matching(store, "voronkov") == ["Voronkov warned of attacks."]
        rows = store.db.execute("SELECT COUNT(*) FROM statements_fts").fetchone()[0]
        assert rows == 1  # no trigger left to index it a second time
