"""Transcript turns: in "TAPPER: Do you think ...?" the words after the label are what
Tapper said, with neither quotation marks nor a "said".

Broadcast, debate and interview transcripts print each turn as the speaker's name in
capitals, a colon and the words, and outlets paste them into articles (PolNeAR's CNN and
Breitbart pieces do). A transcript is often where a claim first appears, so its turns are
quotes like any other: each of their sentences is a direct quote of the turn's speaker.

Outlets also print kickers ("UPDATE:", "EXCLUSIVE:") and headlines ("BUSTED: Emails
Reveal ...") that way, so a label counts only when it names a person: a first name and a
surname ("JAKE TAPPER"), a name the article writes out ("JOEL BENENSON" with "Joel
Benenson" in the text), a surname the article gives in full elsewhere ("FALLIN" after
"Governor Mary Fallin") or a surname of a full label before it ("TAPPER" after "JAKE
TAPPER"); a title in front is the role ("SEN. MCCAIN", "PRESIDENT OBAMA").

Interviews are printed as questions and answers too ("Q: Have you talked to her?", "A:
It's been about a month."): the answers are the words of the person the interview is with,
named in the lines before the first question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from provenance.lexicon import (
    FIRST_NAMES,
    title_like_word,
)
from provenance.speakers import (
    Mention,
)
from provenance.tokens import rstrip_end, title_case

# A paragraph opening with up to four words in capitals and a colon, words after it.
_LABEL = re.compile(r"[ \t]*([A-Z][A-Z’'.\-]*(?:[ \t]+[A-Z][A-Z’'.\-]*){0,3}):[ \t]+(?=\S)")
# "AP:", "UN:", "Q:" are never a person's label.
MIN_LETTERS = 3
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label as the speaker, and the words, ``start`` to ``end``."""

    speaker: Mention
    start: int
    end: int


def find_turns(
    text: str, paragraphs: list[tuple[int, int]], resolve: Callable[[Mention], str | None]
) -> list[Turn]:
    """The turns among ``paragraphs`` (spans of ``text``). ``resolve`` gives the full name
    of a person mention (a surname to the name the article wrote out), as
    ``coreference.Resolver.resolve`` does; it is asked only about labels of one word."""
    labels: list[tuple[int, int, int, int]] = []  # label start, end; words start, end
    for a, b in paragraphs:
        m = _LABEL.match(text, a, b)
        if m is None or sum(c.isalpha() for c in m.group(1)) < MIN_LETTERS:
            continue
        end = rstrip_end(text, m.end(), b)
        if not _headline(text[m.end() : end]):
            labels.append((m.start(1), m.end(1), m.end(), end))
    if not labels:
        return []
    # A transcript names a speaker in full once, then by surname: "JAKE TAPPER", "TAPPER".
    spelt = _Spellings(text)
    parsed = [(_label(text, lo, hi, spelt), start, end) for lo, hi, start, end in labels]
    surnames = {label.words[0].lower() for label, _, _ in parsed if len(label.words) == 1}
    full: dict[str, str] = {}  # surname (lower case) -> full name of a label
    turns: list[Turn | None] = []
    for label, start, end in parsed:
        speaker = _full_label(label, surnames, spelt)
        if speaker is not None:
            full.setdefault(label.words[-1].lower(), speaker.name)
        turns.append(None if speaker is None else Turn(speaker, start, end))
    for k, (label, start, end) in enumerate(parsed):
        if turns[k] is None and len(label.words) == 1:
            speaker = _surname_label(label, full, resolve)
            turns[k] = None if speaker is None else Turn(speaker, start, end)
    return [turn for turn in turns if turn is not None]


@dataclass(frozen=True)
class _Label:
    """A label's words as the article spells them, the title in front apart."""

    start: int
    end: int
    name_start: int  # past the title
    role: str | None
    words: list[str]


def _label(text: str, lo: int, hi: int, spelt: _Spellings) -> _Label:
    label = text[lo:hi].split()
    role: str | None = None
    name_lo = lo
    low = label[0].lower()
    if len(label) > 1 and (title_like_word(low) or title_like_word(low.rstrip("."))):
        role = spelt.of(label.pop(0))  # "SEN. MCCAIN", "PRESIDENT OBAMA"
        name_lo = text.index(label[0], lo + len(role))
    return _Label(lo, hi, name_lo, role, [spelt.of(w) for w in label])


def _headline(words: str) -> bool:
    """No lower case at all, or Title Case ("Emails Reveal Hillary Aid And CNN Reporter")."""
    return not any(c.islower() for c in words) or title_case(words)


def _full_label(label: _Label, surnames: set[str], spelt: _Spellings) -> Mention | None:
    """A label of a first name and a surname, of a name the article writes out, or of a
    name whose surname is a label of its own elsewhere."""
    if len(label.words) < 2:
        return None  # a surname: _surname_label's
    name = " ".join(label.words)
    first, last = label.words[0].lower(), label.words[-1].lower()
    if first in FIRST_NAMES or last in surnames or spelt.written(label.words):
        return _mention(label, name)
    return None  # "UNIDENTIFIED MALE", "FIX IS IN"


def _surname_label(
    label: _Label, full: dict[str, str], resolve: Callable[[Mention], str | None]
) -> Mention | None:
    """A surname: the full name of a label with it, else of the person the article names
    with it ("FALLIN" after "Governor Mary Fallin")."""
    name = full.get(label.words[0].lower())
    if name is None:
        name = resolve(_mention(label, label.words[0]))
        if name is None or len(name.split()) < 2:
            return None  # "UPDATE", "BUSTED", or a surname the article never expands
    return _mention(label, name)


def _mention(label: _Label, name: str) -> Mention:
    return Mention(label.start, label.end, name, "person", label.role, label.name_start, label.end)


class _Spellings:
    """How the article writes its words when not in capitals, read in one pass over the
    text (a search per label would grow with labels times text): each word written with a
    capital but not all in capitals, by its lower case, and each two such words written one
    after the other."""

    def __init__(self, text: str) -> None:
        self.words: dict[str, str] = {}
        self.pairs: set[str] = set()  # "a b", lower case
        last: tuple[int, str] | None = None  # the word before, where it ended
        for m in _WORD.finditer(text):
            seen = m.group()
            if not (seen[0].isupper() and not seen.isupper()):
                last = None
                continue
            low = seen.lower()
            self.words.setdefault(low, seen)
            if last is not None and text[last[0] : m.start()] == " ":
                self.pairs.add(f"{last[1]} {low}")
            last = (m.end(), low)

    def of(self, word: str) -> str:
        """``word`` (in capitals) as the article writes it: "McCain" for "MCCAIN"; else with
        only its first letter (and any after an apostrophe or a hyphen) a capital."""
        bare = word.rstrip(".")
        return self.words.get(bare.lower(), bare.title()) + word[len(bare) :]

    def written(self, words: list[str]) -> bool:
        """Whether the article writes these words one after the other, not in capitals."""
        lows = [w.lower() for w in words]
        return all(f"{a} {b}" in self.pairs for a, b in pairwise(lows))


# "Q: ...", "Question: ...", or a "Q" that lost its colon with its bold type ("QWhy ...").
_QUESTION = re.compile(r"[ \t]*(?:(?:Q|Question|QUESTION)[ \t]*:|Q(?=[A-Z][a-z]))")
_ANSWER = re.compile(r"[ \t]*(A|Answer|ANSWER)[ \t]*:[ \t]*(?=\S)")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b|\bI[’'](?:m|ve|d|ll)\b")
MIN_ANSWERS = 2


def find_answers(
    text: str, paragraphs: list[tuple[int, int]], interviewee: Callable[[int], Mention | None]
) -> list[Turn]:
    """The answers of an interview printed as questions and answers, as turns of
    ``interviewee(start of the first question)``. An answer runs on over the paragraphs
    after it up to the next question. An explainer printed the same way ("Q: What does the
    order do? A: It bars ...") is the outlet's own voice: most answers of an interview say
    "I" or "my", and where they do not there are no turns."""
    # the label's span, the words' start, the end of the answer's own paragraph and of its run
    answers: list[tuple[tuple[int, int], int, int, int]] = []
    first_question: int | None = None
    asked = False  # a question or another label came after the last answer
    for a, b in paragraphs:
        end = rstrip_end(text, a, b)
        if _QUESTION.match(text, a, b):
            first_question = a if first_question is None else first_question
            asked = True
        elif (m := _ANSWER.match(text, a, b)) is not None:
            answers.append((m.span(1), m.end(), end, end))
            asked = False
        elif _LABEL.match(text, a, b):
            asked = True  # another speaker's turn ("JAKE TAPPER: ...") ends the answer
        elif answers and not asked and end > a:
            label, start, own, _ = answers[-1]
            answers[-1] = (label, start, own, end)  # one more paragraph of the answer
    if first_question is None or len(answers) < MIN_ANSWERS:
        return []
    # The last answer's later paragraphs are its own only if a question follows them: the
    # article may go on in its own voice after the interview.
    spans = [
        (label, a, run if asked or k < len(answers) - 1 else own)
        for k, (label, a, own, run) in enumerate(answers)
    ]
    if 2 * sum(_FIRST_PERSON.search(text, a, b) is not None for _, a, b in spans) < len(spans):
        return []
    who = interviewee(first_question)
    if who is None:
        return []
    # The label is where each answer is attributed, as a "he" is where a sentence is: the
    # speaker's span is the "A", the name the interviewee's.
    return [
        Turn(replace(who, start=lo, end=hi, name_start=lo, name_end=hi), a, b)
        for (lo, hi), a, b in spans
        if b > a
    ]
