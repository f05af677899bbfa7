"""Two ingests on one store: the second writer is refused at once with a message naming the
first, never interleaved; reading commands keep working while an ingest writes.

Real ``provenance`` processes, held at a stage by the pipeline's test hook where the
timing must be certain (see tests/test_crash.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from provenance.store import Store
from tests.test_crash import PROVENANCE, assert_whole, build_corpus, env, run, start_paused

pytestmark = pytest.mark.model


def busy_message(store: Path, pid: int | None) -> str:
    holder = "another process" if pid is None else f"pid {pid}"
    return f"Error: {store} is being written by {holder}; wait for it to finish"


def test_second_writer_is_refused_while_readers_work(tmp_path: Path) -> None:
    a = build_corpus(tmp_path / "a", 10)
    b = build_corpus(tmp_path / "b", 10, first=10)
    c = build_corpus(tmp_path / "c", 5, first=20)
    store = tmp_path / "store"
    run("ingest", str(a[0].parent), "--store", str(store), "-q")

    # The first writer holds the lock with its transaction open (rows written, no commit).
    writer, flag = start_paused("written", store, b[0].parent)
    try:
        second = run("ingest", str(c[0].parent), "--store", str(store), "-q", check=False)
        assert second.returncode == 1
        assert second.stderr.strip() == busy_message(store, writer.pid)

        # Readers see the last commit (WAL), not the half-written batch.
        shown = run("report", "--store", str(store), "--format", "md")
        assert shown.stdout.startswith("# Claim clusters")
        with Store(store) as s:
            assert s.count("documents") == len(a)
        checked = run("doctor", "--check-only", "--store", str(store))
        assert checked.stdout.rstrip().endswith("healthy")
        found = run("check", "The minister resigned on Friday", "--store", str(store), check=False)
        assert found.returncode in (0, 1), found.stderr  # a verdict, not an error
        # Repairs need the lock: doctor waits for no one either.
        repair = run("doctor", "--store", str(store), check=False)
        assert repair.returncode == 1
        assert repair.stderr.strip() == busy_message(store, writer.pid)
    finally:
        flag.unlink(missing_ok=True)  # resume the writer
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    assert f"ingested {len(b)} documents" in out

    run("ingest", str(c[0].parent), "--store", str(store), "-q")  # the loser, once more
    assert_whole(store, a + b + c)


@pytest.mark.parametrize("round_", range(3))
def test_simultaneous_ingests_never_interleave(round_: int, tmp_path: Path) -> None:
    """Two ingests started together on a new store, with overlapping inputs: each either
    succeeds or is refused with the message; after the losers re-run, every document is
    there once and doctor finds nothing to repair."""
    docs = build_corpus(tmp_path / "all", 24)
    first, second = tmp_path / "x", tmp_path / "y"
    for folder, part in ((first, docs[:16]), (second, docs[8:])):
        folder.mkdir()
        for path in part:
            (folder / path.name).symlink_to(path)
    store = tmp_path / "store"
    procs = [
        subprocess.Popen(
            [PROVENANCE, "ingest", str(folder), "--store", str(store), "-q"],
            env=env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (first, second)
    ]
    outcomes = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        outcomes.append((proc.pid, proc.returncode, out, err))
    winners = [o for o in outcomes if o[1] == 0]
    assert winners, outcomes
    for pid, code, _, err in outcomes:
        assert "Traceback" not in err
        if code != 0:
            others = [o[0] for o in outcomes if o[0] != pid]
            # Refused between the winner's lock and its pid write: no pid to name yet.
            expected = (busy_message(store, others[0]), busy_message(store, None))
            assert code == 1 and err.strip() in expected, err
    for (_, code, _, _), folder in zip(outcomes, (first, second), strict=True):
        if code != 0:
            run("ingest", str(folder), "--store", str(store), "-q")
    with Store(store) as s:
        sources = sorted(Path(d.source).name for d in s.documents())
    assert sources == sorted(p.name for p in docs)  # each once, whichever folder won
    checked = run("doctor", "--check-only", "--store", str(store))
    assert checked.stdout.rstrip().endswith("healthy")
