"""Plumbing of the ingest pipeline, with a fake encoder (quality is tested elsewhere)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from provenance import pipeline, similarity
from provenance.errors import StoreError
from provenance.pipeline import ingest, open_index
from provenance.store import Store
from tests.conftest import SEEDS
from tests.fakes import FakeEncoder


def _assignments(store_dir: Path) -> dict[int, str]:
    with Store(store_dir) as store:
        return store.assignments()


def test_reingest_embeds_nothing_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "s"
    enc = FakeEncoder()
    first = ingest([SEEDS], store, encoder=enc)
    assert len(first.ingested) == 2 and first.embedded > 0
    before = _assignments(store)
    enc.encoded.clear()
    again = ingest([SEEDS], store, encoder=enc)
    assert again.ingested == [] and len(again.unchanged) == 2
    assert enc.encoded == []
    assert _assignments(store) == before


def test_same_text_elsewhere_reuses_the_vector(tmp_path: Path) -> None:
    store = tmp_path / "s"
    a = tmp_path / "a.jsonl"
    a.write_text('{"text": "The minister resigned on Friday.", "outlet": "One"}\n')
    b = tmp_path / "b.jsonl"
    b.write_text('{"text": "The minister resigned on Friday.", "outlet": "Two"}\n')
    enc = FakeEncoder()
    ingest([a], store, encoder=enc)
    enc.encoded.clear()
    result = ingest([b], store, encoder=enc)
    assert result.ingested and result.embedded == 0 and result.reused == 1
    with Store(store) as s:
        assert s.count("documents") == 2 and s.count("vectors") == 1


def test_index_matches_store_and_is_rebuilt_when_lost(tmp_path: Path) -> None:
    store = tmp_path / "s"
    enc = FakeEncoder()
    ingest([SEEDS], store, encoder=enc)
    with Store(store) as s:
        index, repaired = open_index(s, enc.dim)
        assert not repaired and index.ntotal == s.count("vectors")
        s.index_path.unlink()
        index, repaired = open_index(s, enc.dim)
        assert repaired and index.ntotal == s.count("vectors")


def test_cluster_ids_do_not_depend_on_the_store(tmp_path: Path) -> None:
    ingest([SEEDS], tmp_path / "one", encoder=FakeEncoder())
    ingest([SEEDS], tmp_path / "two", encoder=FakeEncoder())
    assert set(_assignments(tmp_path / "one").values()) == set(
        _assignments(tmp_path / "two").values()
    )


def test_new_documents_join_existing_clusters(tmp_path: Path) -> None:
    store = tmp_path / "s"
    first = tmp_path / "first.jsonl"
    first.write_text('{"text": "The minister resigned on Friday after the vote.", "outlet": "A"}\n')
    ingest([first], store, encoder=FakeEncoder())
    before = set(_assignments(store).values())
    second = tmp_path / "second.jsonl"
    second.write_text(
        '{"text": "The minister resigned on Friday after the vote.", "outlet": "B"}\n'
    )
    result = ingest([second], store, encoder=FakeEncoder())
    assert result.clusters_new == 0
    assert set(_assignments(store).values()) == before


def test_another_model_on_the_same_store_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "s"
    ingest([SEEDS], store, encoder=FakeEncoder())
    other = FakeEncoder()
    other.name = "another-model"
    with pytest.raises(StoreError, match="was built with model"):
        ingest([SEEDS / "000_9c3b63b51e2a9183.txt"], store, encoder=other)


def test_errors_do_not_stop_good_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("The storm closed the port on Monday.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = ingest([folder, tmp_path / "missing.txt"], tmp_path / "s", encoder=FakeEncoder())
    assert len(result.ingested) == 1
    assert sorted(e.problem for e in result.errors) == ["empty file", "no such file or directory"]


def test_strict_stops_before_writing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("", encoding="utf-8")
    (folder / "b.txt").write_text("Fine text here.", encoding="utf-8")
    result = ingest([folder], tmp_path / "s", encoder=FakeEncoder(), strict=True)
    assert result.ingested == [] and len(result.errors) == 1


def test_files_of_other_types_in_a_folder_are_named_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text("The minister resigned on Friday.\n", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    (folder / "sub" / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.pdf").write_bytes(b"%PDF")  # hidden: not even named
    result = ingest([folder], tmp_path / "s", encoder=FakeEncoder())
    assert len(result.ingested) == 1 and not result.errors
    assert result.passed_over == [str(folder / "report.pdf"), str(folder / "sub" / "photo.JPG")]


def _corpus(folder: Path, n: int) -> Path:
    """``n`` short articles, each repeating one of a few statements in its own words."""
    folder.mkdir()
    claims = [
        "The port of {c} closed on Monday after the storm damaged {k} cranes.",
        "Officials in {c} said {k} families were moved to shelters overnight.",
        "The mayor of {c} promised that the {k} schools would reopen next week.",
    ]
    for i in range(n):
        body = " ".join(t.format(c=f"City{i % 4}", k=i % 3 + 2) for t in claims)
        (folder / f"{i:02d}.txt").write_text(f"{body} Reporter number {i} filed this.")
    return folder


def _table(store_dir: Path) -> list[tuple[object, ...]]:
    with Store(store_dir) as s:
        return [
            tuple(row)
            for row in s.db.execute(
                "SELECT d.source, st.start, st.kind, st.vector_id, a.cluster_id FROM statements st"
                " JOIN documents d ON d.id = st.document_id"
                " LEFT JOIN assignments a ON a.vector_id = st.vector_id ORDER BY 1, 2, 3"
            )
        ]


def test_chunked_ingest_stores_and_clusters_as_one_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "in", 12)
    whole = ingest([folder], tmp_path / "whole", encoder=FakeEncoder())
    monkeypatch.setattr(pipeline, "CHUNK_TEXTS", 3)
    enc = FakeEncoder()
    chunked = ingest([folder], tmp_path / "chunked", encoder=enc)
    assert chunked.embedded == whole.embedded == len(enc.encoded) == len(set(enc.encoded))
    assert (chunked.reused, chunked.statements) == (whole.reused, whole.statements)
    assert (chunked.clusters_new, chunked.clusters_joined) == (
        whole.clusters_new,
        whole.clusters_joined,
    )
    assert _table(tmp_path / "chunked") == _table(tmp_path / "whole")


class _Failing(FakeEncoder):
    """Fails on its third call, as a model may run out of memory part-way."""

    def encode(self, texts: list[str], **kwargs: Any) -> Any:
        if len(self.encoded) > 6:
            raise RuntimeError("out of memory")
        return super().encode(texts, **kwargs)


def test_an_encoder_failure_part_way_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "in", 12)
    monkeypatch.setattr(pipeline, "CHUNK_TEXTS", 3)
    with pytest.raises(RuntimeError, match="out of memory"):
        ingest([folder], tmp_path / "s", encoder=_Failing())
    with Store(tmp_path / "s") as s:
        assert s.count("documents") == s.count("vectors") == s.count("statements") == 0
    # The lock was let go: the next run goes through and stores everything.
    result = ingest([folder], tmp_path / "s", encoder=FakeEncoder())
    assert len(result.ingested) == 12


def test_strict_writes_nothing_even_after_chunks_were_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "in", 12)
    (folder / "99-empty.txt").write_text("", encoding="utf-8")  # read last
    monkeypatch.setattr(pipeline, "CHUNK_TEXTS", 3)
    enc = FakeEncoder()
    result = ingest([folder], tmp_path / "s", encoder=enc, strict=True)
    assert result.ingested == [] and len(result.errors) == 1 and enc.encoded
    with Store(tmp_path / "s") as s:
        assert s.count("documents") == s.count("vectors") == 0


def test_progress_counts_every_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _corpus(tmp_path / "in", 7)
    (folder / "bad.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(pipeline, "CHUNK_TEXTS", 3)
    bars: dict[str, list[int]] = {}

    @contextmanager
    def progress(label: str, total: int) -> Iterator[Callable[[int], None]]:
        ticks = bars.setdefault(label, [total])
        yield ticks.append

    ingest([folder], tmp_path / "s", encoder=FakeEncoder(), progress=progress)
    again = ingest([folder], tmp_path / "s", encoder=FakeEncoder(), progress=progress)
    assert len(again.unchanged) == 7
    total, *ticks = bars["documents"]
    assert total == 8 and sum(ticks) == 16  # both runs: 7 documents and 1 error each


def test_statements_found_on_workers_are_stored_as_found_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _corpus(tmp_path / "in", 30)
    (folder / "05-empty.txt").write_text("", encoding="utf-8")  # an error among them
    (folder / "07-again.txt").write_text((folder / "07.txt").read_text())  # read twice
    monkeypatch.setattr(pipeline, "CHUNK_TEXTS", 7)  # the look-ahead crosses chunks
    here = ingest([folder, SEEDS], tmp_path / "here", encoder=FakeEncoder())
    started: list[int] = []

    class Counted(pipeline.Finder):
        def __init__(self, workers: int) -> None:
            started.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(pipeline, "Finder", Counted)
    monkeypatch.setattr(pipeline, "worker_count", lambda _documents: 2)
    # Words the link score works out in this process (the workers' calls stay in theirs):
    # none, since the workers send every statement's along.
    here_words: list[str] = []
    work_out = similarity.link_words
    monkeypatch.setattr(similarity, "link_words", lambda t: here_words.append(t) or work_out(t))
    there = ingest([folder, SEEDS], tmp_path / "there", encoder=FakeEncoder())
    assert started == [2] and here_words == []
    assert there.ingested == here.ingested and len(here.ingested) == 32
    assert there.unchanged == here.unchanged == [str(folder / "07.txt")]
    assert [e.source for e in there.errors] == [e.source for e in here.errors]
    assert (there.statements, there.embedded) == (here.statements, here.embedded)
    assert _table(tmp_path / "there") == _table(tmp_path / "here")
    # --strict stops at the error with workers too, and writes nothing.
    strict = ingest([folder], tmp_path / "strict", encoder=FakeEncoder(), strict=True)
    assert strict.ingested == [] and len(strict.errors) == 1
    with Store(tmp_path / "strict") as s:
        assert s.count("documents") == 0
