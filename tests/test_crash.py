"""Crash safety: an ingest killed with SIGKILL at any point loses nothing.

A real ``provenance ingest`` process (real model, offline) is held at a named stage by
the pipeline's test hook (``PROVENANCE_TEST_PAUSE_AT``) and killed there. Then the store
must be consistent as it stands, a re-run must finish the work, and the result must equal
an uninterrupted run: every document once, the FAISS index holding exactly the stored
vectors, and the same cluster report.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from provenance.pipeline import PAUSE_ENV, PAUSE_FLAG_ENV
from provenance.store import Store

pytestmark = pytest.mark.model

PROVENANCE = str(Path(sys.executable).with_name("provenance"))

# Eight claims, each reported by several outlets in two wordings, plus a line of each
# outlet's own: enough for clusters with members across outlets and for singletons.
CLAIMS = [
    (
        "The minister resigned on Friday after the vote in parliament.",
        "The minister stepped down on Friday following the parliamentary vote.",
    ),
    (
        "Floods closed the main railway line for three days.",
        "The main rail line was shut for three days by flooding.",
    ),
    (
        "The central bank raised interest rates by half a point.",
        "Interest rates went up by half a percentage point at the central bank.",
    ),
    (
        "Police arrested two men after the robbery at the museum.",
        "Two men were arrested by police following the museum robbery.",
    ),
    (
        "The city council approved the new stadium on Tuesday.",
        "On Tuesday the council gave its approval to the new stadium.",
    ),
    (
        "Exports fell by eight percent in the third quarter.",
        "Third-quarter exports dropped eight percent.",
    ),
    (
        "The hospital said the patient was in stable condition.",
        "The patient is stable, according to the hospital.",
    ),
    (
        "Firefighters contained the blaze near the harbour overnight.",
        "The fire by the harbour was brought under control overnight.",
    ),
]
OUTLETS = ["Daily Post", "Evening Star", "Wire Service", "Morning Herald", "City News"]
DOCUMENTS = 30


def build_corpus(folder: Path, n: int = DOCUMENTS, first: int = 0) -> list[Path]:
    """``n`` small Markdown articles (numbered from ``first``) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(first, first + n):
        outlet = OUTLETS[i % len(OUTLETS)]
        a, b = CLAIMS[i % len(CLAIMS)], CLAIMS[(i * 3 + 1) % len(CLAIMS)]
        body = (
            f"{a[i % 2]} {b[(i // 2) % 2]}\n\n"
            f"Reporter number {i} of the {outlet} filed this story from desk {i * 7 % 13}.\n"
        )
        path = folder / f"article-{i:03d}.md"
        path.write_text(
            f"---\ntitle: Story {i}\noutlet: {outlet}\ndate: 2024-03-{1 + i % 28:02d}\n---\n{body}",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def env(**extra: str) -> dict[str, str]:
    out = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **extra}
    out.pop("PROVENANCE_STORE", None)
    return out


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [PROVENANCE, *args], env=env(), capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def start_paused(stage: str, store: Path, *paths: Path) -> tuple[subprocess.Popen[str], Path]:
    """An ingest held at ``stage``: returns once it is there (delete the flag to resume)."""
    flag = store.parent / f"paused-{store.name}-{stage}"
    flag.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [PROVENANCE, "ingest", *map(str, paths), "--store", str(store), "-q"],
        env=env(**{PAUSE_ENV: stage, PAUSE_FLAG_ENV: str(flag)}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not flag.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"ingest ended before reaching {stage}: {out}{err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"ingest never reached {stage}")
        time.sleep(0.02)
    return proc, flag


def kill_at(stage: str, store: Path, *paths: Path) -> None:
    proc, _ = start_paused(stage, store, *paths)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL


def report(store: Path) -> dict[str, Any]:
    """The JSON cluster report without what differs between two stores of the same data."""
    data: dict[str, Any] = json.loads(
        run("report", "--store", str(store), "--format", "json").stdout
    )
    data.pop("generated_at")
    data.pop("store")
    for doc in data["documents"]:
        doc.pop("ingested_at")
    return data


def documents(store: Path) -> list[str]:
    with Store(store) as s:
        return sorted(d.source for d in s.documents())


def assert_whole(store: Path, paths: list[Path]) -> None:
    """Every document once, and doctor (no repairs) finds nothing wrong."""
    assert documents(store) == sorted(map(str, paths))
    checked = run("doctor", "--check-only", "--store", str(store))
    with Store(store) as s:
        vectors = s.count("vectors")
    assert f"index: {vectors:,} ids, the same as the stored vectors" in checked.stdout
    assert "every vector is in a cluster" in checked.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def timed_reference(
    corpus: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], float]:
    """The report of an uninterrupted run, and how long that run took."""
    store = tmp_path_factory.mktemp("reference") / "store"
    started = time.monotonic()
    run("ingest", str(corpus[0].parent), "--store", str(store), "-q")
    took = time.monotonic() - started
    assert_whole(store, corpus)
    return report(store), took


@pytest.fixture(scope="module")
def reference(timed_reference: tuple[dict[str, Any], float]) -> dict[str, Any]:
    return timed_reference[0]


# (stage, documents committed when killed there)
STAGES = [
    ("read-15", 0),  # 15 of 30 documents read, nothing embedded
    ("embedded", 0),  # vectors computed, nothing written
    ("written", 0),  # rows written inside the open transaction, not committed
    ("committed", DOCUMENTS),  # committed, FAISS index not yet saved
    ("saved", DOCUMENTS),  # everything saved, lock still held
]


@pytest.mark.parametrize(("stage", "committed"), STAGES, ids=[s for s, _ in STAGES])
def test_kill_then_rerun_equals_an_uninterrupted_run(
    stage: str,
    committed: int,
    corpus: list[Path],
    reference: dict[str, Any],
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    kill_at(stage, store, corpus[0].parent)

    # As it stands: all or nothing, and no stale writer lock.
    assert len(documents(store)) == committed
    if stage == "committed":
        stale = run("doctor", "--check-only", "--store", str(store), check=False)
        assert stale.returncode == 1 and "problem  index: the index file is missing" in stale.stdout

    again = run("ingest", str(corpus[0].parent), "--store", str(store), "-q")
    assert f"ingested {DOCUMENTS - committed} documents" in again.stdout
    assert f"{committed} unchanged, 0 skipped" in again.stdout
    if stage == "committed":
        assert "the FAISS index disagreed with the database and was rebuilt" in again.stderr

    assert_whole(store, corpus)
    assert report(store) == reference


def test_kill_during_a_second_ingest_keeps_the_first(tmp_path: Path) -> None:
    """A store with data, a second batch killed after its commit but before its index
    save (the index on disk is the first batch's): re-run repairs and completes."""
    first = build_corpus(tmp_path / "one", 12)
    second = build_corpus(tmp_path / "two", 10, first=12)
    expected = tmp_path / "expected"
    run("ingest", str(first[0].parent), "--store", str(expected), "-q")
    run("ingest", str(first[0].parent), str(second[0].parent), "--store", str(expected), "-q")

    store = tmp_path / "store"
    run("ingest", str(first[0].parent), "--store", str(store), "-q")
    kill_at("committed", store, first[0].parent, second[0].parent)
    stale = run("doctor", "--check-only", "--store", str(store), check=False)
    assert "problem  index: the index holds" in stale.stdout

    # Reading commands work on the crashed store as it stands: the commit is complete.
    want = report(expected)
    assert report(store) == want
    run("ingest", str(first[0].parent), str(second[0].parent), "--store", str(store), "-q")
    assert_whole(store, first + second)
    assert report(store) == want


@pytest.mark.parametrize("fraction", [0.15, 0.35, 0.55, 0.75, 0.9])
def test_kill_at_an_arbitrary_moment(
    fraction: float,
    corpus: list[Path],
    timed_reference: tuple[dict[str, Any], float],
    tmp_path: Path,
) -> None:
    """No hook: SIGKILL at a fraction of an uninterrupted run's time, wherever the process
    is (starting, loading the model, embedding, writing, saving). All or nothing, and the
    re-run completes."""
    reference, took = timed_reference
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [PROVENANCE, "ingest", str(corpus[0].parent), "--store", str(store), "-q"],
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(fraction * took)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    if (store / "provenance.sqlite").exists():
        assert len(documents(store)) in (0, DOCUMENTS)
    run("ingest", str(corpus[0].parent), "--store", str(store), "-q")
    assert_whole(store, corpus)
    assert report(store) == reference
