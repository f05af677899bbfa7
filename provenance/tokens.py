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
from operator import itemgetter


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
        # Most words are lower case already: islower() makes no new string, and when it
        # holds lower() would return the same text.
        self.low = text if text.islower() else text.lower()
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
    index = _index(text)
    starts, ends = index.starts, index.ends
    i = bisect.bisect_right(ends, lo)  # the first token ending after lo
    j = bisect.bisect_left(starts, hi)  # past the last token starting before hi
    if i >= j:
        return []
    if ends[j - 1] >= hi:  # cut by hi, or ending at it and so without its dot
        out = index.tokens(i, j - 1)
        out += _scan(text, max(lo, starts[j - 1]), hi, hi)
    else:
        out = index.tokens(i, j)
    if starts[i] < lo and (i < j - 1 or ends[j - 1] < hi):
        out[:1] = _scan(text, lo, ends[i], hi)
    return out


def last_tokens(text: str, lo: int, hi: int, n: int) -> list[Token]:
    """``tokenize(text, lo, hi)[-n:]``, making only those tokens."""
    if len(text) >= _INDEX_FROM:
        index = _index(text)
        starts = index.starts
        j = bisect.bisect_left(starts, min(hi, len(text)))  # as tokenize has them
        if 0 < n < j - bisect.bisect_right(index.ends, max(lo, 0)):
            # More than n tokens, so the n-th from the end is whole and starts a stretch
            # with the same last n tokens.
            return tokenize(text, starts[j - n], hi)
    return tokenize(text, lo, hi)[-n:]


def first_tokens(text: str, lo: int, hi: int, n: int) -> list[Token]:
    """``tokenize(text, lo, hi)[:n]``, making only those tokens."""
    if len(text) >= _INDEX_FROM:
        index = _index(text)
        starts = index.starts
        i = bisect.bisect_right(index.ends, max(lo, 0))  # as tokenize has them
        if 0 < n < bisect.bisect_left(starts, min(hi, len(text))) - i:
            # More than n tokens: the stretch up to the next one's start has the same
            # first n, the last of them whole.
            return tokenize(text, lo, starts[i + n])
    return tokenize(text, lo, hi)[:n]


def token_count(text: str, lo: int, hi: int) -> int:
    """``len(tokenize(text, lo, hi))``, without making the tokens."""
    hi = min(hi, len(text))
    lo = max(lo, 0)
    if len(text) >= _INDEX_FROM:
        index = _index(text)
        starts, ends = index.starts, index.ends
        i = bisect.bisect_right(ends, lo)
        j = bisect.bisect_left(starts, hi)
        if i >= j:
            return 0
        # A word cut by lo or hi is read again in part, and a part of a word beginning or
        # ending it is one token still; only a word cut at both ends may be none.
        if i < j - 1 or starts[i] >= lo or ends[i] < hi:
            return j - i
    return len(tokenize(text, lo, hi))


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


_UNMADE = Token("", -1, -1)  # stands in _Index._toks for a token not made yet


class _IndexToken(Token):
    """A Token in every way but how it is made: from the lower case the index has already
    worked out and the capital looked up in bulk, which makes it a third cheaper."""

    __slots__ = ()

    def __init__(self, text: str, start: int, end: int, low: str, cap: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.low = low
        self.cap = cap


_FIRST = itemgetter(0)


class _Index:
    """Every word of one text, as lists: where its match starts and ends (``starts``,
    ``ends``, dot excluded, for bisecting), and its token's text, lower case and end
    (``texts``, ``lows``, ``tok_ends``, dot included).

    Rules that only ask which words are where read these lists. Token objects are made
    only for the stretches asked for, once: making and freeing one for every word was
    a sixth of extract()'s time, and extract() asks for about one word in three.
    """

    __slots__ = ("_lows", "_made", "_toks", "ends", "starts", "texts", "tok_ends")

    def __init__(self, text: str) -> None:
        # split() with the word pattern captured alternates gaps and words, and its offsets
        # are running sums of their lengths: the same matches as finditer, without a Match
        # each.
        parts = _WORD_SPLIT.split(text)
        offsets = list(accumulate(map(len, parts), initial=0))
        self.texts: list[str] = parts[1::2]
        self.starts: list[int] = offsets[1:-1:2]
        self.ends: list[int] = offsets[2::2]
        self.tok_ends: list[int] = self.ends
        # Only a word right before a dot can take it: find the dots, far fewer than words.
        texts, ends = self.texts, self.ends
        dot = text.find(".")
        while dot >= 0:
            k = bisect.bisect_left(ends, dot)
            if k < len(ends) and ends[k] == dot:
                word = texts[k]
                if word.lower() in ABBREVIATIONS or (
                    _INITIALS.match(word) and word[:1].isupper()
                ):
                    if self.tok_ends is ends:
                        self.tok_ends = ends.copy()
                    texts[k] = word + "."
                    self.tok_ends[k] = dot + 1
            dot = text.find(".", dot + 1)
        n = len(self.texts)
        self._lows: list[str] | None = None
        self._toks = [_UNMADE] * n
        self._made = bytearray(n)  # 1 where _toks holds the real token

    @property
    def lows(self) -> list[str]:
        if self._lows is None:
            self._lows = list(map(str.lower, self.texts))
        return self._lows

    def tokens(self, i: int, j: int) -> list[Token]:
        """The tokens of words ``i`` to ``j - 1``."""
        made, toks = self._made, self._toks
        k = made.find(0, i, j)
        if k < 0:
            return toks[i:j]  # the usual case: all made already
        while k >= 0:  # make each stretch not made yet, in one go
            e = made.find(1, k, j)
            if e < 0:
                e = j
            texts = self.texts[k:e]  # never empty, so each has a first character
            toks[k:e] = map(
                _IndexToken, texts, self.starts[k:e], self.tok_ends[k:e], self.lows[k:e],
                map(str.isupper, map(_FIRST, texts)),
            )
            made[k:e] = b"\x01" * (e - k)
            k = made.find(0, e, j)
        return toks[i:j]


@lru_cache(maxsize=8)
def _index(text: str) -> _Index:
    return _Index(text)


def title_case(line: str) -> bool:
    """Whether a line is in Title Case ("Rush Limbaugh Explains Why"): of its words longer
    than three characters, three or more, and at least 70% of them capitalised."""
    caps = [w[0].isupper() for w in line.split() if len(w) > 3]
    return len(caps) >= 3 and caps.count(True) >= 0.7 * len(caps)


def gap(text: str, a: Token, b: Token) -> str:
    return text[a.end : b.start]


def comma_between(text: str, a: Token, b: Token) -> bool:
    """A comma between two words; not one inside a figure ("employs 2,000 people")."""
    between = text[a.end : b.start]
    return "," in between and not (between == "," and a.text.isdigit() and b.text.isdigit())


# The rules below ask about the start or the end of a stretch that may run back to the start
# of its sentence. Slicing the stretch out to ask copied the whole sentence for every quote
# or cue in it, which made a run-on sentence (a scraped page without full stops) quadratic;
# these read only as far as the answer needs.
_NOT_SPACE = re.compile(r"\S")  # \s is exactly what str.isspace() accepts


def blank(text: str, lo: int, hi: int) -> bool:
    """``not text[lo:hi].strip()``, for ``0 <= lo``."""
    return _NOT_SPACE.search(text, lo, hi) is None


def rstrip_end(text: str, lo: int, hi: int, chars: str | None = None) -> int:
    """Where ``text[lo:hi].rstrip(chars)`` ends in ``text`` (``lo`` if it is empty), for
    ``0 <= lo``."""
    if hi > len(text):
        hi = len(text)
    if hi > lo and not (text[hi - 1].isspace() if chars is None else text[hi - 1] in chars):
        return hi  # the usual case: nothing to strip
    while hi > lo:
        # A short piece at a time: most stretches end in a word or a space or two.
        piece = hi - 64 if hi - 64 > lo else lo
        kept = len(text[piece:hi].rstrip(chars))
        if kept:
            return piece + kept
        hi = piece
    return lo


def last_char(text: str, lo: int, hi: int, chars: str | None = None) -> str:
    """``text[lo:hi].rstrip(chars)[-1:]``, for ``0 <= lo``."""
    if lo < hi <= len(text):
        last = text[hi - 1]
        if not (last.isspace() if chars is None else last in chars):
            return last  # the usual case, spared the call
    end = rstrip_end(text, lo, hi, chars)
    return text[end - 1] if end > lo else ""
