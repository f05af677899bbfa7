"""The store's schema as numbered migrations, applied in order when a store opens.

``PRAGMA user_version`` records how many have run. Never edit a released migration:
append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: documents, statements, content-addressed vectors, cluster assignments.
    """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,          -- ingest order, for "earliest" when undated
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        tags TEXT NOT NULL DEFAULT '[]',      -- JSON list
        external_id TEXT,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE vectors (
        id INTEGER PRIMARY KEY,               -- also the id in the FAISS index
        hash TEXT NOT NULL UNIQUE,            -- content hash of the embedded text
        vector BLOB NOT NULL                  -- float32, unit length
    );
    CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,                   -- sentence | quote | indirect
        vector_id INTEGER NOT NULL REFERENCES vectors(id),
        speaker TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        role TEXT,
        cue TEXT
    );
    CREATE INDEX statements_document ON statements(document_id);
    CREATE INDEX statements_vector ON statements(vector_id);
    CREATE TABLE assignments (
        vector_id INTEGER PRIMARY KEY REFERENCES vectors(id),
        cluster_id TEXT NOT NULL
    );
    CREATE INDEX assignments_cluster ON assignments(cluster_id);
    CREATE TABLE credits (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL
    );
    CREATE INDEX credits_document ON credits(document_id);
    """,
    # 2: a full-text index over statements, so check's lexical scan is a lookup, not a
    # scan of every statement (the LIKE scan alone ate the latency budget at 100k).
    """
    CREATE VIRTUAL TABLE statements_fts USING fts5(
        text, content='statements', content_rowid='id'
    );
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END;
    INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
    """,
    # 3: the store indexes new statements' text itself, in one statement per transaction
    # (Store.transaction): the per-row trigger made the full-text index about three times
    # dearer to fill (0.53 s against 0.16 s of CPU for 20k sentences).
    """
    DROP TRIGGER statements_fts_insert;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
