"""doctor's repairs, on a real store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from embeddings import Encoder
from provenance.doctor import diagnose
from provenance.pipeline import ingest
from provenance.store import DB_NAME, Store
from tests.conftest import SEED_000, SEED_001


def _assignments(store_dir: Path) -> dict[int, str]:
    with Store(store_dir) as store:
        return store.assignments()


def test_vectors_in_no_cluster_are_clustered_as_the_ingest_did(
    tmp_path: Path, encoder: Encoder
) -> None:
    store_dir = tmp_path / "s"
    ingest([SEED_000], store_dir, encoder=encoder)
    first = set(_assignments(store_dir))
    ingest([SEED_001], store_dir, encoder=encoder)
    before = _assignments(store_dir)
    later = sorted(set(before) - first)
    # The second article's vectors lose their clusters (as a crash between the two
    # writes once could leave them); some had joined clusters of the first article.
    assert any(before[v] in {before[f] for f in first} for v in later)
    db = sqlite3.connect(store_dir / DB_NAME)
    with db:
        db.executemany("DELETE FROM assignments WHERE vector_id = ?", [(v,) for v in later])
    db.close()
    assert set(_assignments(store_dir)) == first

    diagnosis = diagnose(store_dir, repair=True)

    assert [f.check for f in diagnosis.repaired] == ["clusters"]
    assert _assignments(store_dir) == before
