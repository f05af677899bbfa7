"""Word tokens with their offsets in the text, the unit every attribution rule works on.

Apostrophes, hyphens and dots inside a word keep it whole (ISIL-K’s, U.S, al-Qaida), and an
abbreviation or initial keeps its final dot ("Gov.", "J."), so that "Gov. Smith" is not
cut as a sentence and "U.S." reads as one word.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate


def words(text: str) -> frozenset[str]:
    """A lexicon written as whitespace-separated words."""
    return frozenset(text.split())


_WORD = re.compile(r"[^\W_]+(?:[’'\-.&][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")

ABBREVIATIONS = words(
    """mr mrs ms dr prof sen rep gov gen lt col sgt capt adm maj cmdr st jr sr inc corp co ltd vs
    etc no jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon pres supt det insp gov
    ariz calif colo conn fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla
    ore pa tenn va wash wis wyo ala ark del"""
)


class Token:
    """A word and its offsets; ``low`` and ``cap`` are precomputed because the rules ask
    every token for them many times over. Not frozen, for speed; never modified."""

    __slots__ = ("cap", "end", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower()
        self.cap = text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))


def tokenize(text: str, lo: int = 0, hi: int | None = None) -> list[Token]:
    """Word tokens of ``text[lo:hi]``; abbreviations and initials keep their final dot.

    A token cut by ``lo`` or ``hi`` is cut here too, exactly as if ``text[lo:hi]`` were
    tokenised on its own.
    """
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(lo, 0)
    if len(text) < _INDEX_FROM:
        return _scan(text, lo, hi, hi)
    # Attribution asks for the tokens of many overlapping stretches of one text, so the
    # text is tokenised once and stretches are sliced out of that.
    starts, ends, dotted = _index(text)
    i = bisect.bisect_right(ends, lo)  # the first token ending after lo
    j = bisect.bisect_left(starts, hi)  # past the last token starting before hi
    if i >= j:
        return []
    out = dotted[i:j]
    if ends[j - 1] >= hi:  # cut by hi, or ending at it and so without its dot
        out[-1:] = _scan(text, max(lo, starts[j - 1]), hi, hi)
    if starts[i] < lo and (i < j - 1 or ends[j - 1] < hi):
        out[:1] = _scan(text, lo, ends[i], hi)
    return out


_INDEX_FROM = 256  # shorter texts (a name, a test sentence) are cheaper to scan afresh


def _scan(text: str, lo: int, end_at: int, hi: int) -> list[Token]:
    """Tokens of ``text[lo:end_at]``, a word's dot taken only if it comes before ``hi``."""
    out: list[Token] = []
    for m in _WORD.finditer(text, lo, end_at):
        start, end = m.span()
        word = m.group()
        if end < hi and text[end] == "." and (
            word.lower() in ABBREVIATIONS or (_INITIALS.match(word) and word[:1].isupper())
        ):
            end += 1
            word += "."
        out.append(Token(word, start, end))
    return out


@lru_cache(maxsize=8)
def _index(text: str) -> tuple[list[int], list[int], list[Token]]:
    """Start and end of every word match in ``text``, and its token (dot included)."""
    # split() with the word pattern captured alternates gaps and words, and its offsets are
    # running sums of their lengths: the same matches as finditer, without a Match each.
    parts = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    words = parts[1::2]
    starts = offsets[1:-1:2]
    ends = offsets[2::2]
    toks = list(map(Token, words, starts, ends))
    n = len(text)
    for k, end in enumerate(ends):
        if end < n and text[end] == ".":
            word = words[k]
            if word.lower() in ABBREVIATIONS or (_INITIALS.match(word) and word[:1].isupper()):
                toks[k] = Token(word + ".", starts[k], end + 1)
    return starts, ends, toks


def gap(text: str, a: Token, b: Token) -> str:
    return text[a.end : b.start]
