"""The statements of an article (its sentences, and its quotes as statements of their own),
found on worker processes while the ingest does other work, when there are many articles.

The encoder keeps both cores busy while it runs, so only what happens between its runs
can share them: finding the statements of the next chunk of articles on workers while this
process clusters the last one (and, before the first run, on every core at once).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from types import TracebackType

from embeddings import content_hash
from provenance.boilerplate import is_boilerplate
from provenance.cues import CUES, DENIALS
from provenance.models import Credit
from provenance.sentences import split_sentences
from provenance.similarity import link_words
from provenance.store import NewStatement

Found = tuple[list[NewStatement], list[Credit]]

_SPACES = re.compile(r"\s+")

# Fewer documents than this are read in this process: starting workers (a fork, ~10 ms
# each) and shipping texts and statements between processes (~0.6 ms a document) would cost
# more than they give.
PARALLEL_MIN_DOCUMENTS = 64


# Texts sent to a worker at a time: ~40 ms of work, so that the messages (~0.6 ms of this
# process's time each) cost little, and small enough to keep every worker busy.
BATCH = 8

# Worker priority where SCHED_IDLE is missing: the lowest nice, so that a worker on a core
# the ingest also wants gets ~1.5% of it (the scheduler's weights for nice 19 against 0).
NICE = 19


def normalise(text: str) -> str:
    """The text that is embedded and hashed: white space folded, so wrapped lines match."""
    return _SPACES.sub(" ", text).strip()


def statements_in(text: str) -> Found:
    """Statements of an article with this text: its sentences, and its quotes as
    statements of their own.

    A quote is embedded by itself because outlets wrap the same quoted words in different
    sentences; a sentence takes the speaker of the first attributed quote inside it, unless
    that speaker is an outlet the sentence credits ("..., warning that ..., reported Voice
    of America") and someone else inside it said the words: the outlet relayed the claim,
    the other made it (the credit keeps the outlet for tracing).
    """
    from provenance.quotes import extract

    quotes, credits = extract(text)
    out: list[NewStatement] = []
    relayed: set[int] = set()  # ids of relay quotes with the maker's words inside
    furniture: list[tuple[int, int]] = []  # boilerplate lines: no statements start there
    for s in split_sentences(text):
        if is_boilerplate(s.text):
            furniture.append((s.start, s.end))
            continue
        inside = [q for q in quotes if q.speaker and s.start <= q.start < s.end]
        outlets = {c.source.lower() for c in credits if s.start <= c.start < s.end}
        relays = [q for q in inside if (q.speaker or "").lower() in outlets]
        makers = [q for q in inside if (q.speaker or "").lower() not in outlets]
        for r in relays:
            if any(r.start <= m.start < r.end for m in makers):
                relayed.add(id(r))
        # Makers first; among each, the first in the sentence.
        first = makers or relays
        who = first[0] if first else None
        out.append(
            NewStatement(
                start=s.start,
                end=s.end,
                text=s.text,
                kind="sentence",
                hash=content_hash(normalise(s.text)),
                speaker=who.speaker if who else None,
                role=who.role if who else None,
                cue=who.cue if who else None,
            )
        )
    for q in quotes:
        if any(a <= q.start < b for a, b in furniture):
            continue  # "Follow her on Twitter" is no one's claim, quoted or not
        if id(q) in relayed:
            # "[UN] warned that [...], reported Voice of America": the outlet's quote is the
            # sentence again with the maker's quote inside it; as a statement of its own it
            # would only cluster with that quote, under the outlet's name.
            continue
        body = normalise(q.text.strip(" ,.;:"))
        if len(body.split()) < 2:
            continue  # a one-word quote ("baseless") says nothing alone
        if q.kind == "indirect" and CUES.get((q.cue or "").lower()) in DENIALS:
            # "Jones denied that the election was stolen": the clause is what Jones says is
            # false, not a claim of his; the sentence, his denial, keeps him as speaker.
            continue
        kind = "quote" if q.kind == "direct" else "indirect"
        pieces = [(q.start, q.end)]
        if q.kind == "direct":
            pieces += _quoted_sentences(text, q.start, q.end)
        for start, end in pieces:
            out.append(
                NewStatement(
                    start=start,
                    end=end,
                    text=text[start:end],
                    kind=kind,
                    hash=content_hash(normalise(text[start:end])),
                    speaker=q.speaker,
                    speaker_start=q.speaker_start,
                    speaker_end=q.speaker_end,
                    role=q.role,
                    cue=q.cue,
                )
            )
    return out, credits


# Words a sentence of a longer quote needs to be a statement of its own.
QUOTED_SENTENCE_WORDS = 6
_QUOTE_EDGE = " \t\n\r“”\"‘’'«»"


def _quoted_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of a direct quote of more than one, as spans of ``text``: another
    outlet often quotes one of them alone ("Freedom means freedom for everyone," beside the
    whole paragraph), and only a statement of that sentence can be found in its cluster.
    The whole quote stays a statement too."""
    spans = split_sentences(text[start:end])
    if len(spans) < 2:
        return []
    out: list[tuple[int, int]] = []
    for s in spans:
        a, b = start + s.start, start + s.end
        while a < b and text[a] in _QUOTE_EDGE:
            a += 1
        while b > a and text[b - 1] in _QUOTE_EDGE:
            b -= 1
        if len(text[a:b].split()) >= QUOTED_SENTENCE_WORDS:
            out.append((a, b))
    return out


def worker_count(documents: int) -> int:
    """Worker processes for an ingest of this many documents: one per usable core, or none
    for a small ingest or where processes cannot be forked (the workers are forked: a fresh
    interpreter would spend a second importing before its first article)."""
    if documents < PARALLEL_MIN_DOCUMENTS or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores if cores and cores > 1 else 0  # one core: nothing to do the work beside


class Finder:
    """Finds articles' statements, on ``workers`` processes (with none, in this process
    when the result is asked for). A context manager: leaving it stops the workers."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        # The link score's words (``similarity.link_words``) of the statements found on
        # workers so far, by hash: the clusterer takes them instead of working them out.
        self.words: dict[str, str] = {}
        self._executor: ProcessPoolExecutor | None = None
        self._batch = _Batch()
        if workers:
            self._executor = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_started,
                initargs=(os.getpid(),),
            )
            # Forked workers all start at the first task: make that now, before the caller
            # opens files that the workers should not hold.
            self._executor.submit(int)
        self._pool = self._executor  # None once a worker died: the rest is done here

    def submit(self, text: str) -> Callable[[], Found]:
        """Start on ``text``; the returned function gives its statements. Texts go to the
        workers ``BATCH`` at a time, a batch as soon as it is full or one of its results
        is asked for."""
        if self._pool is None:
            return lambda: statements_in(text)
        batch = self._batch
        batch.texts.append(text)
        at = len(batch.texts) - 1
        if len(batch.texts) == BATCH:
            self._send()
        return lambda: self._result(batch)[at]

    def _send(self) -> None:
        batch, self._batch = self._batch, _Batch()
        if self._pool is not None:
            try:
                batch.future = self._pool.submit(_find, batch.texts)
            except BrokenProcessPool:
                self._pool = None

    def _result(self, batch: _Batch) -> list[Found]:
        if batch is self._batch:  # asked for before it was full: send it as it is
            self._send()
        if batch.future is not None:
            try:
                found, words = batch.future.result()
            except BrokenProcessPool:
                # A worker was killed (the out-of-memory killer, a signal): the rest is
                # found here, slower but the same.
                self._pool = None
            else:
                if not batch.collected:
                    self.words.update(words)
                    batch.collected = True
                return found
        return _statements_of_all(batch.texts)

    def __enter__(self) -> Finder:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


# What a worker sends back for a batch: each text's statements, and the link score's words
# of every statement (by hash), which would otherwise be worked out by the ingest process
# while it clusters (0.4 s on bench/ingest.py's corpus), with the other core idle.
_Done = tuple[list[Found], dict[str, str]]


@dataclass
class _Batch:
    """Texts sent to a worker as one task, and the task."""

    texts: list[str] = field(default_factory=list)
    future: Future[_Done] | None = None
    collected: bool = False


def _statements_of_all(texts: list[str]) -> list[Found]:
    return [statements_in(text) for text in texts]


def _find(texts: list[str]) -> _Done:
    found = _statements_of_all(texts)
    words: dict[str, str] = {}
    for statements, _ in found:
        for s in statements:
            if s.hash not in words:
                words[s.hash] = link_words(normalise(s.text))
    return found, words


def _worker_started(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the ingest stops the workers itself, and a
    # traceback from each of them would bury its one-line message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The ingest's own work (encoding, clustering) is what the run waits on: the workers
    # take only the cores it leaves idle, never a share of the ones it uses. SCHED_IDLE
    # (Linux) says exactly that: an encoder thread that wakes takes its core back at once,
    # where against nice 19 it can wait out the worker's time slice while its partner
    # thread waits for it. Measured in bench/ingest.py's corpus, alternating the two in
    # one process: ingest 0.847-0.909 of bare encode (5 runs) against 0.843-0.859 (5 runs).
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        with contextlib.suppress(OSError):
            os.nice(NICE)
    if sys.platform == "linux":
        # A worker blocks on its task pipe, which it holds open itself (forked), so it would
        # outlive an ingest killed with SIGKILL: ask the kernel to end it with its parent.
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request above
        os._exit(1)
