"""Statements found on worker processes: the same as in this process, in order, and the
workers never outlive their ingest."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from provenance.similarity import link_words
from provenance.statements import (
    BATCH,
    PARALLEL_MIN_DOCUMENTS,
    Finder,
    normalise,
    statements_in,
    worker_count,
)
from tests.conftest import ROOT, SEED_000, SEED_001

TEXTS = [
    SEED_000.read_text(encoding="utf-8"),
    "",
    "One line, no quote.",
    SEED_001.read_text(encoding="utf-8"),
    '"We will not leave," the mayor said. Officials said 40 families were moved.',
]


def test_an_outlet_that_relays_a_claim_is_not_its_speaker() -> None:
    text = (
        "The United Nations has raised alarm over the threat of IS-K, warning that it poses "
        "a serious risk to global security, reported Voice of America. "
        "The attack killed at least 40 people, Voice of America reported."
    )
    statements, credits = statements_in(text)
    assert [c.source for c in credits] == ["Voice of America"] * 2
    relayed, own = [s for s in statements if s.kind == "sentence"]
    # The UN made the claim; the outlet relayed it (and keeps its credit).
    assert relayed.speaker == "United Nations"
    # Nobody else speaks in the second sentence: the report is the outlet's own.
    assert own.speaker == "Voice of America"
    quotes = {s.text.strip(" ,."): s.speaker for s in statements if s.kind != "sentence"}
    # The outlet's quote holding the UN's is the sentence again: not a statement of its own.
    assert quotes == {
        "it poses a serious risk to global security": "United Nations",
        "The attack killed at least 40 people": "Voice of America",
    }


def test_worker_count_follows_the_input_and_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert worker_count(PARALLEL_MIN_DOCUMENTS) == 3
    assert worker_count(PARALLEL_MIN_DOCUMENTS - 1) == 0  # a small ingest stays here
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert worker_count(10 * PARALLEL_MIN_DOCUMENTS) == 0  # one core: nothing to share
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert worker_count(10 * PARALLEL_MIN_DOCUMENTS) == 0  # no fork: no workers


@pytest.mark.parametrize("workers", [0, 2])
def test_finder_gives_each_text_its_own_statements_in_order(workers: int) -> None:
    with Finder(workers) as finder:
        pending = [finder.submit(text) for text in TEXTS]
        found = [get() for get in pending]
    assert found == [statements_in(text) for text in TEXTS]
    assert found[0][0] and found[3][0] and found[1] == ([], [])


def test_workers_send_each_statements_link_words() -> None:
    # The clusterer takes these instead of working them out: they must be what it would.
    with Finder(2) as finder:
        pending = [finder.submit(text) for text in TEXTS]
        found = [get() for get in pending]
    expected = {s.hash: link_words(normalise(s.text)) for f in found for s in f[0]}
    assert finder.words == expected and "families" in " ".join(expected.values())
    with Finder(0) as finder:  # found here: nothing to take, worked out when needed
        finder.submit(TEXTS[0])()
    assert finder.words == {}


def test_finder_answers_as_texts_keep_coming() -> None:
    # As the ingest asks: a result while later texts are still being handed over, so
    # batches go out part-full as well as full.
    texts = [f"Officials said {i} families were moved. It rained." for i in range(3 * BATCH)]
    with Finder(2) as finder:
        found = []
        pending = [finder.submit(text) for text in texts[:3]]
        found.append(pending.pop(0)())
        pending += [finder.submit(text) for text in texts[3:]]
        found += [get() for get in pending]
    assert found == [statements_in(text) for text in texts]


def test_a_killed_worker_costs_speed_not_results() -> None:
    texts = [TEXTS[i % 2 * 3] + f" Filed {i}." for i in range(6 * BATCH)]  # the seeds
    with Finder(2) as finder:
        pending = [finder.submit(text) for text in texts[: 4 * BATCH]]
        for worker in multiprocessing.active_children():
            # Mid-task, as the out-of-memory killer would: their batches are lost.
            os.kill(worker.pid or 0, signal.SIGKILL)
        pending += [finder.submit(text) for text in texts[4 * BATCH :]]
        found = [get() for get in pending]
    assert found == [statements_in(text) for text in texts]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    # A zombie has ended; only whoever adopted it has not reaped it yet.
    return not (status.exists() and "\nState:\tZ" in status.read_text(encoding="utf-8"))


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="SCHED_IDLE is Linux's")
def test_workers_only_take_cores_the_ingest_leaves_idle() -> None:
    with Finder(1) as finder:
        finder.submit("Warm up.")()
        (worker,) = multiprocessing.active_children()
        assert os.sched_getscheduler(worker.pid or 0) == os.SCHED_IDLE
    assert os.sched_getscheduler(0) != os.SCHED_IDLE  # the ingest itself keeps its priority


def test_workers_ignore_ctrl_c_and_keep_working() -> None:
    with Finder(1) as finder:
        finder.submit("Warm up.")()
        (worker,) = multiprocessing.active_children()
        os.kill(worker.pid or 0, signal.SIGINT)  # as a Ctrl-C in the terminal would
        time.sleep(0.2)
        assert finder.submit(TEXTS[4])() == statements_in(TEXTS[4])
        assert worker.is_alive()


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's parent-death signal")
def test_workers_die_with_a_killed_ingest() -> None:
    script = (
        "import multiprocessing, time\n"
        "from provenance.statements import Finder\n"
        "finder = Finder(2)\n"
        "finder.submit('Hello there.')()\n"
        "print(' '.join(str(p.pid) for p in multiprocessing.active_children()), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    parent.kill()  # SIGKILL: no cleanup of its own runs
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def test_sequential_finder_starts_no_process() -> None:
    with Finder(0) as finder:
        get = finder.submit(TEXTS[2])
        assert not multiprocessing.active_children()
        assert get() == statements_in(TEXTS[2])


def test_a_denied_clause_is_no_claim_of_the_denier() -> None:
    # Check would otherwise count "the election was stolen" as Jones's claim.
    text = "Jones denied that the election was stolen. Smith said that the count was fair."
    statements, _ = statements_in(text)
    said = {s.text.strip(" ."): s.speaker for s in statements if s.kind != "sentence"}
    assert said == {"the count was fair": "Smith"}
    denial = next(s for s in statements if s.kind == "sentence")
    assert (denial.speaker, denial.cue) == ("Jones", "denied")  # his denial is his


def test_a_quote_of_several_sentences_is_also_stored_sentence_by_sentence() -> None:
    text = (
        "“The bridge will reopen to traffic on Monday morning. Crews worked through the "
        "night to finish the repairs. Ok then,” Mayor Jane Doe said. "
        "“We will not raise the city's taxes next year,” she added."
    )
    quotes = [(s.text, s.speaker) for s in statements_in(text)[0] if s.kind == "quote"]
    assert quotes == [
        (
            "The bridge will reopen to traffic on Monday morning. Crews worked through the "
            "night to finish the repairs. Ok then,",
            "Jane Doe",
        ),
        # its sentences of six words or more; the one-sentence quote has none
        ("The bridge will reopen to traffic on Monday morning.", "Jane Doe"),
        ("Crews worked through the night to finish the repairs.", "Jane Doe"),
        ("We will not raise the city's taxes next year,", "Jane Doe"),
    ]


def test_boilerplate_lines_are_no_statements_but_still_credit() -> None:
    # Printed by every outlet that runs the wire, these lines topped a report as the best
    # corroborated "claims"; they stay in the text, and the copyright still credits AP.
    text = (
        'The Senate passed the bill, and Schumer said it "keeps the government open."\n\n'
        "Sign up for our daily newsletter to get the latest news.\n\n"
        "Copyright 2024 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.\n\n"
        'Follow her on Twitter: "@jdoe".'
    )
    statements, credits = statements_in(text)
    assert {s.text for s in statements} == {
        'The Senate passed the bill, and Schumer said it "keeps the government open."',
        "keeps the government open.",
    }
    assert "Associated Press" in {c.source for c in credits}
