"""Quote marks and the text they sit in: pairing marks into quotes, paragraphs, sentences.

Everything returns offsets into the text it was given. Marks are paired with a stack per
mark family, so curly, straight, guillemet and low-9 marks nest and mismatch independently,
and apostrophes (don't, ’90s, ISIL-K’s) are told apart from single quote marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from provenance.cues import CUES
from provenance.tokens import ABBREVIATIONS, last_char, words

_OPENERS = {"“": "d", "„": "d", "‟": "d", "«": "g", "‹": "h", "‘": "s", "‚": "s"}
_CLOSERS = {"”": "d", "»": "g", "›": "h", "’": "s"}
_STRAIGHT = {'"': "d", "'": "s"}
ALL_MARKS = "".join([*_OPENERS, *_CLOSERS, *_STRAIGHT])
_ELISIONS = ("em ", "til ", "cause ", "n ", "n’", "n'", "tis ", "twas ", "bout ")
_LEFT_FREE = set("([{—–-/") | set(_OPENERS) | set(_STRAIGHT)
_RIGHT_FREE = set(".,;:!?)]}—–-…") | set(_CLOSERS) | set(_STRAIGHT)
# Any quote mark, of any family.
MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")
_NEWLINE = re.compile(r"\n[ \t\r\f\v\u00a0]*(?:\n\s*)?")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+\W*$")
_ANY_WORD_CHAR = re.compile(r"\w")
# [.!?…] written out once before the repeat, which matches the same: a pattern opening
# with a plain character class lets the search skip to those characters.
_SENT_END = re.compile(r"[.!?…][.!?…]*[”\"’'»)\]]*(?=\s+[“\"‘'«(\[]{0,2}[A-Z0-9])")


@dataclass(frozen=True)
class Marked:
    """One outermost quote: marks at ``open`` and ``close`` (``close`` is -1 if unclosed)."""

    open: int
    close: int
    start: int
    end: int
    width: int = 1  # of the closing mark: two for ''

    @property
    def after(self) -> int:
        return self.end if self.close < 0 else self.close + self.width


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans; a single newline inside a sentence (hard wrap) does not break one."""
    return list(_paragraphs(text))


@lru_cache(maxsize=4)  # pairing marks, cutting sentences and extract() all need them
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _NEWLINE.finditer(text):
        # Only the paragraph's last character so far is asked about: slicing all of it, at
        # every line of a hard-wrapped paragraph, made a long one quadratic.
        before = last_char(text, start, m.start())
        after = text[m.end() : m.end() + 1]
        blank = m.group().count("\n") > 1
        soft = not blank and before not in ".!?:;\"”’»)" and after.islower()
        if soft:
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return tuple((a, b) for a, b in out if text[a:b].strip())


def _role(text: str, i: int) -> tuple[str, str] | None:
    """(family, 'open'|'close'|'either') for the mark at ``i``, or None for an apostrophe."""
    ch = text[i]
    width = 2 if text[i : i + 2] == "''" else 1
    if width == 2:
        ch = '"'  # two apostrophes stand for a double mark in some newsroom systems
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    free_l = prev.isspace() or prev in _LEFT_FREE
    free_r = nxt.isspace() or nxt in _RIGHT_FREE
    if ch in "’'":
        if prev.isalnum() and nxt.isalnum():
            return None  # don't, ISIL-K’s
        if free_l and (nxt.isdigit() or text[i + 1 : i + 6].lower().startswith(_ELISIONS)):
            return None  # ’90s, ’em
    if ch in _OPENERS:
        fam = _OPENERS[ch]
        # A left mark glued to the word before and free after is a mistyped closer.
        return (fam, "close") if free_r and not free_l and ch == "“" else (fam, "open")
    if ch in _CLOSERS:
        fam = _CLOSERS[ch]
        if ch == "’" and not (free_r or nxt in "’'\"”"):
            return (fam, "open") if free_l else None
        return (fam, "open") if free_l and not free_r else (fam, "close")
    fam = _STRAIGHT[ch]
    if free_l and not free_r:
        return (fam, "open")
    if free_r and not free_l:
        return (fam, "close")
    return (fam, "either") if fam == "d" else None


def find_marked(text: str) -> list[Marked]:
    """Outermost quoted stretches, pairing marks with a stack; never raises on bad input."""
    found: list[Marked] = []
    paras = _paragraphs(text)
    stack: list[tuple[str, int]] = []
    # Where each family's marks are in ``stack``, bottom first: looking down the stack for
    # a family's innermost mark passed every open mark of the others, and a long paragraph
    # with many unclosed “ and many ’ made that quadratic.
    levels: dict[str, list[int]] = {fam: [] for fam in _FAMILIES}
    skip_at = -1
    tags = _Tags(text)
    for n, (ps, pe) in enumerate(paras):
        for mark in MARK.finditer(text, ps, pe):
            i = mark.start()
            if i == skip_at or tags.covers(i):
                continue
            if text[i : i + 2] == "''":
                skip_at = i + 1
            elif i and text[i - 1 : i + 1] == "''":
                continue
            role = _role(text, i)
            if role is None:
                continue
            fam, kind = role
            measure = text[i] == '"' and i and text[i - 1].isdigit()
            if measure and not levels["d"]:
                continue  # 5'10" is a measurement, not a quote
            at = levels[fam]
            depth = at[-1] if at else -1  # the innermost open quote of this family, or -1
            if kind == "open" or (kind == "either" and depth < 0):
                if fam == "s" and text[i] in "’'" and stack and stack[-1][0] == "s":
                    continue
                if depth == 0 and len(stack) == 1 and fam != "s" and _new_sentence(text, i):
                    # '“It burned. “Nothing is left,” she said': a quote opening a sentence
                    # while one is still open means the first lost its closing mark (or
                    # wrote it the wrong way round), not a quote inside a quote, which
                    # would change family. Left open, it would run to the paragraph's end,
                    # over sentences and their own speakers (a run-on page: all of it).
                    found.append(_trim(text, stack[0][1], -1, i))
                    _pop(stack, levels, 0)
                at.append(len(stack))
                stack.append((fam, i))
                continue
            if depth < 0:
                continue  # a closer with nothing to close: stray, or an apostrophe
            if depth == 0:
                found.append(_trim(text, stack[0][1], i, i))
            if depth == len(stack) - 1:  # the usual case: the innermost quote closes
                at.pop()
                stack.pop()
            else:
                _pop(stack, levels, depth)
        if not stack:
            continue
        nxt = paras[n + 1][0] if n + 1 < len(paras) else -1
        bottom_fam, bottom_pos = stack[0]
        nxt_role = _role(text, nxt) if nxt >= 0 and text[nxt] in ALL_MARKS else None
        if nxt_role and nxt_role[0] == bottom_fam and nxt_role[1] != "close":
            # The mark that reopens each paragraph of a long quote continues it.
            _pop(stack, levels, 1)
            skip_at = nxt
            continue
        if bottom_fam != "s":
            found.append(_trim(text, bottom_pos, -1, pe))
        _pop(stack, levels, 0)
    return [q for q in found if q.end > q.start]


# A markup tag left in a text ('<tweet author="@edhenry" date="March 10, 2016">'): its
# attribute values are no quotes.
_TAG = re.compile(
    r"</?[A-Za-z][\w-]*"  # the tag's name
    r"(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>\n]*\"|'[^'<>\n]*'|[^\s<>]*))*"  # its attributes
    r"\s*/?>"
)


class _Tags:
    """Where a text's markup tags are, found once (most texts have none)."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _TAG.finditer(text)] if "<" in text else []
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    def covers(self, i: int) -> bool:
        k = bisect.bisect_right(self._starts, i) - 1
        return k >= 0 and i < self._ends[k]


def _new_sentence(text: str, i: int) -> bool:
    """Whether the mark at ``i`` follows a sentence's end and a space."""
    j = i
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j < i and j > 0 and text[j - 1] in ".!?…"


_FAMILIES = frozenset([*_OPENERS.values(), *_CLOSERS.values(), *_STRAIGHT.values()])


def _pop(stack: list[tuple[str, int]], levels: dict[str, list[int]], depth: int) -> None:
    """``del stack[depth:]``, and the same in ``levels``."""
    for f, _ in stack[depth:]:  # each family's marks above depth are its last
        levels[f].pop()
    del stack[depth:]


def _trim(text: str, open_at: int, close_at: int, end: int) -> Marked:
    start = open_at + (2 if text[open_at : open_at + 2] == "''" else 1)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    width = 2 if close_at >= 0 and text[close_at : close_at + 2] == "''" else 1
    if not any(c.isalnum() for c in text[start:end]):
        end = start
    return Marked(open_at, close_at, start, end, width)


def sentences(text: str, quoted: list[Marked]) -> list[tuple[int, int]]:
    """Sentence spans that never cut through a quote (a quote's own sentences stay whole)."""
    cuts: set[int] = set()
    for ps, pe in _paragraphs(text):
        cuts.update((ps, pe))
        for m in _SENT_END.finditer(text, ps, pe):
            stop = m.start()
            if text[stop] == ".":  # only a full stop may end an abbreviation instead
                lo = max(ps, stop - 30)
                space = text.rfind(" ", lo, stop)
                # A lone full stop after a word of six letters or more is no abbreviation's
                # (none is that long): the usual case, spared the search for the word.
                run = text[space + 1 : stop] if space >= 0 else ""
                if not (len(run) > 5 and run.isalpha() and text[stop + 1] not in ".!?…"):
                    # A match cannot begin before a space followed by a word character (its
                    # \W* tail could not hold that character): searching from there is ten
                    # times as fast.
                    if space >= 0 and _ANY_WORD_CHAR.search(text, space + 1, stop):
                        lo = space + 1
                    word = _LAST_WORD.search(text, lo, m.end())
                    w = word.group(1).lower() if word else ""
                    if w in ABBREVIATIONS or len(w) == 1 or "." in w[:-1]:
                        continue
            cuts.add(m.end())
    inside = sorted((q.open, q.close if q.close >= 0 else q.end) for q in quoted)
    opens = [a for a, _ in inside]
    reach = list(accumulate((b for _, b in inside), max))  # furthest end of the first k
    # A cut falls inside a quote if some quote opening before it ends after it.
    bounds = sorted(
        c for c in cuts if not ((k := bisect.bisect_left(opens, c)) and reach[k - 1] > c)
    )
    spans: list[tuple[int, int]] = []
    for a, b in pairwise(bounds):
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            spans.append((a, b))
    return spans


_SPACES = re.compile(r"(\s+)")  # \s is exactly what str.isspace() accepts
# "Sanders (I-Vt.)". The space comes first, as a plain character, so that the search
# skips ahead to spaces instead of trying the lookbehind at every position.
_ASIDE = re.compile(r" (?<=\w )(\([A-Z][\w.’' ,-]{0,24}\))")
# "Rep. Glenn Thompson, R-Pa., said": a party and state between commas, blanked like
# "(R-Pa.)" (see _party_tag). "Thompson (R-Pa.) said" found him; in ", R-Pa., said" the
# abbreviation's period ended the sentence, and the tag itself was taken for the speaker.
_PARTY_TAG = re.compile(r"(?<=\w)(, )[RDI]-[A-Z][A-Za-z.]{0,7}, (?=([a-z]+))")


_BEFORE_CUES = words("has had have was is will would also then later")


def _party_tag(m: re.Match[str]) -> tuple[int, int]:
    """What of a party tag is blanked: all of it before a verb ("Thompson, R-Pa., said"
    reads "Thompson said", as do "..., has said" and "..., downplayed"), else all but the
    comma that opens it, which then opens the aside after it ("McConnell, R-Ky., who
    backed ..., said")."""
    verb = m.group(2)
    whole = verb in CUES or verb in _BEFORE_CUES or verb.endswith("ed")
    return (m.start() if whole else m.end(1)), m.end()


def mask(text: str, marked: list[Marked]) -> str:
    """``text`` with quoted words blanked to x and asides like "(I-Vt.)" to spaces, so that
    attribution never reads a quote's words as its cue or speaker; offsets are kept."""
    # Built from slices rather than a list of every character: each quote's words are
    # cut from its spaces and replaced by as many x. Quotes may overlap or come out of
    # order, so their spans are merged first.
    out: list[str] = []
    at = 0
    for start, end in sorted((q.start, q.end) for q in marked):
        start = max(start, at)
        if end <= start:
            continue
        out.append(text[at:start])
        parts = _SPACES.split(text[start:end])
        parts[::2] = ["x" * len(p) for p in parts[::2]]
        out += parts
        at = end
    out.append(text[at:])
    masked = "".join(out)
    # Joined once: rebuilding the whole text for each aside made a long one quadratic.
    out = []
    at = 0
    asides = [m.span(1) for m in _ASIDE.finditer(text)]
    if ", " in text and "-" in text:
        asides = sorted(asides + [_party_tag(m) for m in _PARTY_TAG.finditer(text)])
    for a, b in asides:
        if a < at:
            continue  # inside the aside before
        out += (masked[at:a], " " * (b - a))
        at = b
    if not out:
        return masked
    out.append(masked[at:])
    return "".join(out)

