from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from provenance.errors import StoreBusy, StoreError
from provenance.migrations import SCHEMA_VERSION
from provenance.store import DB_NAME, Store


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
