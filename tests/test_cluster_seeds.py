"""Golden expectations on the seed articles, with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from embeddings import Encoder
from provenance.pipeline import ingest
from provenance.report import build_report
from provenance.store import Store
from tests.conftest import SEEDS

pytestmark = pytest.mark.model

DOC_000 = "000_9c3b63b51e2a9183.txt"
DOC_001 = "001_583b3e17e883c5a4.txt"

SAME = [
    ("The UN Security Council raised alarm on Monday", "The United Nations has raised alarm"),
    (
        "During a Security Council meeting on counterterrorism, Vladimir Voronkov",
        "During a Security Council meeting on Monday, UN counterterrorism chief",
    ),
    ("He warned that IS-K supporters had plotted", "He further revealed that IS-K operatives"),
    ("U.S. Ambassador Dorothy Shea echoed these concerns", "Meanwhile, US Ambassador Dorothy Shea"),
    ("Meanwhile, China’s representative, Fu Cong, claimed", "China’s envoy, Fu Cong, added"),
    ("Russia’s envoy, Vassily Nebenzia, attributed", "On the other hand, Russia’s UN Ambassador"),
    (
        "Pakistan’s UN representative, Munir Akram, rejected",
        "Pakistan’s UN representative, Munir Akram, pushed back",
    ),
    ("Despite these claims, IS-K has continued", "Despite these assurances, IS-K continues"),
]
APART = [
    ("“There were also reports of small numbers", "“ISIL-Khorasan has continued to pose"),
    (
        "The Taliban’s Ministry of Foreign Affairs dismissed",
        "The Taliban has yet to officially respond",
    ),
]
SPEAKERS_000 = [
    "U.S. Ambassador Dorothy Shea echoed",
    "During a Security Council meeting on counterterrorism, Vladimir Voronkov",
    "Meanwhile, China’s representative, Fu Cong",
    "Russia’s envoy, Vassily Nebenzia",
    "Pakistan’s UN representative, Munir Akram, rejected",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, encoder: Encoder) -> Path:
    store = tmp_path_factory.mktemp("seeds") / "store"
    ingest([SEEDS], store, encoder=encoder)
    return store


def _cluster_of(store_dir: Path) -> dict[tuple[str, str], str]:
    """(document file name, sentence text) -> cluster id, for sentence statements."""
    with Store(store_dir) as store:
        docs = {d.id: Path(d.source).name for d in store.documents()}
        assigned = store.assignments()
        return {
            (docs[s.document_id], s.text): assigned[s.vector_id]
            for s in store.statements()
            if s.kind == "sentence"
        }


def _find(clusters: dict[tuple[str, str], str], doc: str, prefix: str) -> str:
    hits = [cid for (d, text), cid in clusters.items() if d == doc and prefix in text]
    assert len(hits) == 1, f"{doc}: expected one sentence with {prefix!r}, found {len(hits)}"
    return hits[0]


@pytest.mark.parametrize(("in_000", "in_001"), SAME, ids=[p[0][:30] for p in SAME])
def test_same_statement_shares_a_cluster(seeded: Path, in_000: str, in_001: str) -> None:
    clusters = _cluster_of(seeded)
    assert _find(clusters, DOC_000, in_000) == _find(clusters, DOC_001, in_001)


@pytest.mark.parametrize(("in_000", "in_001"), APART, ids=[p[0][:30] for p in APART])
def test_different_statements_stay_apart(seeded: Path, in_000: str, in_001: str) -> None:
    clusters = _cluster_of(seeded)
    assert _find(clusters, DOC_000, in_000) != _find(clusters, DOC_001, in_001)


def test_five_speakers_five_clusters(seeded: Path) -> None:
    clusters = _cluster_of(seeded)
    ids = {_find(clusters, DOC_000, prefix) for prefix in SPEAKERS_000}
    assert len(ids) == 5


def test_no_heading_is_a_statement(seeded: Path) -> None:
    with Store(seeded) as store:
        texts = [s.text for s in store.statements()]
    for heading in (
        "Pakistan rejects US accusations",
        "US and China voice concerns",
        "Russia blames US withdrawal for IS-K’s rise",
        "Taliban downplays IS-K threat",
    ):
        assert not any(heading in t for t in texts)
    assert not any("**" in t or t.startswith("---") for t in texts)


def test_reingest_with_real_model_embeds_nothing(seeded: Path, encoder: Encoder) -> None:
    before = _cluster_of(seeded)
    again = ingest([SEEDS], seeded, encoder=encoder)
    assert again.embedded == 0 and again.ingested == []
    assert _cluster_of(seeded) == before


def test_report_orders_by_outlets_and_keeps_links(seeded: Path) -> None:
    report = build_report(seeded)
    assert report.clusters[0].n_outlets == 2
    counts = [c.n_outlets for c in report.clusters]
    assert counts == sorted(counts, reverse=True)
    urls = {m.url for c in report.clusters for m in c.members}
    assert any(u and "business-standard.com" in u for u in urls)
    assert None in urls  # the plain-text seed has no URL, and none is invented
    branches = [c for c in report.clusters if "most dangerous branches" in c.canonical]
    assert len(branches) >= 1 and branches[0].n_outlets == 2


def _quote_clusters(store_dir: Path) -> dict[str, list[tuple[str, str, str | None]]]:
    """Cluster id -> (document file, kind, speaker) of its quote statements."""
    with Store(store_dir) as store:
        docs = {d.id: Path(d.source).name for d in store.documents()}
        assigned = store.assignments()
        out: dict[str, list[tuple[str, str, str | None]]] = {}
        for s in store.statements():
            if s.kind != "sentence":
                key = assigned[s.vector_id]
                out.setdefault(key, []).append((docs[s.document_id], s.text, s.speaker))
        return out


def test_most_dangerous_branches_is_one_quote_cluster_across_outlets(seeded: Path) -> None:
    clusters = _quote_clusters(seeded)
    hits = [m for m in clusters.values() if any("most dangerous branches" in t for _, t, _ in m)]
    assert len(hits) == 1
    assert {doc for doc, _, _ in hits[0]} == {DOC_000, DOC_001}
    assert {who for _, _, who in hits[0]} == {"Vladimir Voronkov"}


def test_shea_paraphrase_meets_her_direct_quote(seeded: Path) -> None:
    clusters = _quote_clusters(seeded)
    hits = [m for m in clusters.values() if any("We remain concerned" in t for _, t, _ in m)]
    assert len(hits) == 1
    assert {doc for doc, _, _ in hits[0]} == {DOC_000, DOC_001}
    assert {who for _, _, who in hits[0]} == {"Dorothy Shea"}
