"""Quotations in a news text: direct quotes between marks, reported speech, and who said them.

``extract(text)`` is pure: it reads nothing but ``text`` and every offset it returns indexes
``text`` exactly. Conventions:

- A direct quote's ``text`` is everything between its marks, whitespace-trimmed, so
  punctuation typed inside the marks stays (“baseless.” gives ``baseless.``). A quote that
  runs over several paragraphs (opening mark repeated at each paragraph start) is one quote
  whose text keeps the paragraph breaks and the repeated marks, since offsets must be exact.
- Only outermost quotes are returned; a quote nested in another is part of its text.
- An indirect quote's ``text`` is the reported clause ("IS-K supporters had plotted ...")
  without the sentence's final full stop.
- ``speaker`` is the resolved name ("Vladimir Voronkov" for "He"); the mention as written is
  ``text[speaker_start:speaker_end]``; pronouns that resolve to nobody keep the span and
  leave ``speaker`` empty.

A direct quote's speaker comes, in this order, from a cue next to it (“Q,” X said / said X /
X said: “Q” / according to X), a bare attribution sentence right after it (“Q?” Trump asked.),
a colon-ended sentence before it, the speaker of the quote just before it in the same or the
previous paragraph, and for a fragment inside a sentence the sentence's subject. The
sentences of a transcript turn ("FALLIN: I think ...") are direct quotes of the person the
label names (``transcripts.py``). Rules, not
a parser: on PolNeAR a spaCy small-model fallback added 2 points of speaker accuracy for 15x
the time per document (see bench/quotes.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate, compress, pairwise
from operator import attrgetter

from provenance.coreference import Resolver, gender_of
from provenance.credits import find_credits
from provenance.cues import (
    BARE_LEMMAS,
    CUES,
    NOT_CLAUSE,
    OBJECT_LEMMAS,
    OBJECTS,
    SUBJECT_STARTS,
    THAT_LEMMAS,
    TIME_WORDS,
    is_cue,
    verbish,
)
from provenance.marks import ALL_MARKS, Marked, find_marked, mask, paragraphs, sentences
from provenance.models import Credit, Quote
from provenance.speakers import (
    CONNECTORS,
    NOT_NAMES,
    POSSESSIVE_ENDINGS,
    PRONOUNS,
    Mention,
    is_name_word,
    mention_after,
    mention_before,
    org_like,
)
from provenance.tokens import (
    Token,
    _Index,
    _index,
    blank,
    first_tokens,
    gap,
    last_char,
    rstrip_end,
    token_count,
    tokenize,
    words,
)
from provenance.transcripts import Turn, find_turns

_SENTENCE_PUNCT = re.compile(r"[.;:!?“”\"«»()]")  # between two words: not one phrase
_CLAUSE_PUNCT = re.compile(r"[.;:!?“”\"«»()\n]")
_LOW = attrgetter("low")
_COMMA_WORD = re.compile(r",\s+([a-z]+)\b")
# Reported speech is cut here at the latest (real news sentences stay under 1,000).
MAX_CONTENT_CHARS = 2000
# Each alternative's first character is read by the class in front, and checked again
# behind: the same matches, but a pattern opening with a plain class lets the search skip
# ahead to those characters instead of trying every position.
_BOUNDARY_AFTER = re.compile(
    r"[,;)\s](?:(?<=,)\s+(?:according to|while|but|although|though|whereas|as well as|"
    r"and (?:added|said|noted)|[a-z]+ing\b)|(?<=;)|(?<=\s)[—–]\s|(?<=\s)--\s|(?<=\))|(?<=\s)\()",
)


# A main clause's subject opens its sentence: in 2,208 news texts it came 58 words in at
# most. Looking further made a run-on "sentence" (a page in lower case, quotes with no full
# stop between them) quadratic, as each quote or cue in it looked again from its start.
_SUBJECT_WORDS = 100
# What _subject reads past the last word it asks about: the 25 words mention_after reads
# from there, then, past the mention (which ends by the 25th), one word and the 12 after it.
_SUBJECT_READ = _SUBJECT_WORDS + 40


def _subject(text: str, lo: int, hi: int) -> Mention | None:
    """The main clause's subject, for cues that have none of their own (", calling them"):
    the first phrase at a clause start ("Back in 1999, Mr. Trump expressed") that a
    verb-like word follows, among the stretch's first _SUBJECT_WORDS words."""
    if token_count(text, lo, hi) > _SUBJECT_READ:
        return _long_subject(text, lo)
    return _first_subject(text, lo, hi, tokenize(text, lo, hi))


@lru_cache(maxsize=64)
def _long_subject(text: str, lo: int) -> Mention | None:
    """_subject of a stretch from ``lo`` with more than _SUBJECT_READ words: its end is past
    all that is read, so every such stretch has this answer, worked out once (a run-on
    sentence asks for each of its quotes)."""
    return _first_subject(text, lo, len(text), first_tokens(text, lo, len(text), _SUBJECT_READ))


def _first_subject(text: str, lo: int, hi: int, toks: list[Token]) -> Mention | None:
    """_subject, given the stretch's tokens: all of them, or its first _SUBJECT_READ."""
    # Whether every token of the current clause before this one is an opener, kept as the
    # loop goes rather than checked again for each token.
    openers = True
    for i, tok in enumerate(toks[:_SUBJECT_WORDS]):
        if i and ("," in gap(text, toks[i - 1], tok) or toks[i - 1].low in ("and", "but")):
            openers = True  # a new clause
        elif i:
            prev = toks[i - 1]
            openers = openers and (prev.low in NOT_NAMES or prev.text[:1].isdigit())
        # A clause start, or past openers only ("Then he cut", "On Monday Trump said").
        if not openers:
            continue
        m = mention_after(text, tok.start, hi)
        if m is None:
            continue
        # The words after the mention (of 25 words at most), as many as are read: filtering
        # every word to the sentence's end for each mention made a long one quadratic.
        after = i
        while after < len(toks) and toks[after].start < m.end:
            after += 1
        rest = toks[after : after + 13]
        if rest and text[m.end : rest[0].start].strip() == ",":
            # "Huma Abedin, vice chairwoman for the campaign, emailed": skip the aside.
            later = [t for t in rest[1:13] if "," in text[m.end : t.start].replace(",", "", 1)]
            rest = later[:1] if later else rest
        if (not rest and not text[m.end : hi].strip(" ,")) or (rest and verbish(rest[0])):
            return m
    return None


# Pronouns that follow a cue as its object, never as the speaker.
_OBJECT_PRONOUNS = words("it them him her this that us me")


def _cue_subject(text: str, lo: int, cue: Token) -> Mention | None:
    """Who utters ``cue``: the phrase right before it, or for ", warning that" and
    "and added" the subject of the main clause."""
    end = rstrip_end(text, lo, cue.start)
    if end == lo:
        return None
    before = text[max(lo, end - 4) : end]  # the end of what is before: all that is asked
    if (before.endswith(",") and cue.low.endswith("ing")) or before.endswith((" and", " to")):
        return _subject(text, lo, cue.start)
    return mention_before(text, cue.start, lo) or _subject(text, lo, cue.start)


def _attr_right(text: str, pos: int, hi: int, cues: _CueWords) -> tuple[Mention, str] | None:
    """``“Q,” X said`` and ``“Q,” said X``."""
    if not cues.may_cue(pos, hi):
        return None  # every way out below but None passes is_cue()
    p = pos
    while p < hi and (text[p].isspace() or text[p] in ",—–-:"):
        p += 1
    toks = first_tokens(text, p, hi, 16)
    if not toks or (text[pos:p].strip(" ,—–-") and text[pos:p].strip() not in ("",)):
        return None
    if len(toks) > 2 and toks[0].low == "according" and toks[1].low == "to":
        m = mention_after(text, toks[1].end, hi)
        return (m, "according to") if m else None
    if is_cue(text, toks, 0) and toks[0].low != "according":
        if CUES.get(toks[0].low) == "tell":
            # "…, Jeb Bush told CNN": after "told" comes who heard it, never who spoke.
            return None
        m = mention_after(text, toks[0].end, hi) if len(toks) > 1 else None
        return (m, toks[0].text) if m else None
    for k in range(1, len(toks)):
        if _SENTENCE_PUNCT.search(text, toks[k - 1].end, toks[k].start):
            return None
        if toks[k].low in _CUE_WORDS and is_cue(text, toks, k):  # the set spares most calls
            m = mention_before(text, toks[k].start, p)
            if m is not None and (
                sum(t.end <= m.start for t in toks) <= 4 or text[p : m.start].rstrip().endswith(",")
            ):
                return m, toks[k].text
            if "," in text[toks[k - 1].end : toks[k].start] and toks[k].low != "according":
                # "“Q” and Clevelanders get nervous, said Christine Link"
                m = mention_after(text, toks[k].end, hi)
                return (m, toks[k].text) if m else None
            return None
    return None


def _attr_left(
    text: str, lo: int, pos: int, sent_lo: int, cues: _CueWords
) -> tuple[Mention | None, str | None] | None:
    """``X said: “Q”``, ``X called it “Q”``, ``according to X, “Q”``."""
    toks = tokenize(text, lo, pos) if cues.may_cue(lo, pos) else []
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].low not in _CUE_WORDS or not is_cue(text, toks, k):  # see _attr_right
            continue
        t = toks[k]
        if t.low == "according":
            return mention_after(text, toks[k + 1].end, pos), "according to"
        if last_char(text, sent_lo, t.start, " ,") in ALL_MARKS:  # "" (nothing) is, too
            return mention_after(text, t.end, pos), t.text  # “Q1,” said X. “Q2.”
        if last_char(text, sent_lo, t.start) == ",":
            m = mention_after(text, t.end, pos)  # "But, said Solovey, “Q”"
            if (
                m is not None
                and text[m.end : pos].strip() in (",", ":", "")
                # "Sasse, Republican of Nebraska, called it “Q”": "it" is what was called
                and m.name.lower() not in _OBJECT_PRONOUNS
            ):
                return m, t.text
        return _cue_subject(text, sent_lo, t), t.text
    if text[lo:pos].rstrip().endswith(":") and (toks or token_count(text, lo, pos)):
        # "Kasich resisted: “Q”": any verb before a colon introduces the quote.
        m = _subject(text, sent_lo, text.rindex(":", lo, pos))
        return (m, None) if m else None
    return None


def _bare_attribution(
    text: str, lo: int, hi: int, cues: _CueWords
) -> tuple[Mention, str] | None:
    """A sentence that only attributes ("Trump asked.") after a quote that ended a sentence."""
    if not 2 <= token_count(text, lo, hi) <= 8 or "\n" in text[lo:hi]:
        return None
    return _attr_right(text, lo, hi, cues)


class _Quoted:
    """Where the document's quotes are, to ask in O(log n) whether a position is inside
    one, or which quotes open in a stretch (a scan of every quote for every cue or
    sentence made a long document quadratic). ``marked`` is in text order, as
    ``find_marked`` returns it."""

    def __init__(self, marked: list[Marked]) -> None:
        self._marked = marked
        self._opens = [q.open for q in marked]
        # The furthest any quote opened so far reaches: a position is inside a quote
        # exactly when a quote opened before it reaches past it.
        self._reach = list(accumulate((max(q.close, q.end) for q in marked), max))

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_left(self._opens, pos)
        return i > 0 and self._reach[i - 1] > pos

    def opening_in(self, lo: int, hi: int) -> list[Marked]:
        """The quotes whose opening mark is in ``[lo, hi)``, in text order."""
        opens = self._opens
        return self._marked[bisect.bisect_left(opens, lo) : bisect.bisect_left(opens, hi)]


def _content_end(text: str, start: int, hi: int, quoted: _Quoted) -> int:
    # Reported speech runs to a clause boundary; past MAX_CONTENT_CHARS it is no claim a
    # reader could check, and scanning a run-on "sentence" to its end for every cue in it
    # made hostile input quadratic (120k characters: 43 s).
    end = hi = min(hi, start + MAX_CONTENT_CHARS)
    for m in _BOUNDARY_AFTER.finditer(text, start, hi):
        if not quoted.covers(m.start()):
            end = m.start()
            break
    for m in _COMMA_WORD.finditer(text, start, end):  # endpos ends \b as a slice would
        if m.group(1) in CUES and m.group(1) != "according":
            end = m.start()
            break
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
        end -= 1
    return end


Reported = tuple[int, int, Mention, str]  # content start, content end, speaker, cue


# The cue words taking a reported clause, and with "according" the words whose token
# _indirect and _tail look at first.
_THAT_CUES = frozenset(form for form, lemma in CUES.items() if lemma in THAT_LEMMAS)
_OPENING_WORDS = _THAT_CUES | {"according"}
_CUE_WORDS = frozenset(CUES) | {"according"}  # the only words is_cue() accepts


class _CueWords:
    """Where a text's cue words are, so that a stretch without any is never tokenised
    only to look for one: half the sentences have no "said"-like word, and the words
    either side of most quotes no cue at all."""

    def __init__(self, text: str) -> None:
        index = _index(text)
        self._text = text
        self._starts, self._ends = index.starts, index.ends
        lows = index.lows
        is_cue = list(map(_CUE_WORDS.__contains__, lows))
        self._cues = list(compress(index.starts, is_cue))
        # Opening words are cue words (or "according"): picked from those, not all words.
        # Kept by number in the index (``that_cues``, the cues _indirect reads) and by start.
        cue_numbers = list(compress(range(len(lows)), is_cue))
        self.that_cues = [k for k in cue_numbers if lows[k] in _THAT_CUES]
        self._opening = [index.starts[k] for k in cue_numbers if lows[k] in _OPENING_WORDS]

    def may_open(self, lo: int, hi: int) -> bool:
        """Could a token of ``tokenize(text, lo, hi)`` be in ``_OPENING_WORDS``?"""
        return self._any(self._opening, lo, hi)

    def may_cue(self, lo: int, hi: int) -> bool:
        """Could a token of ``tokenize(text, lo, hi)`` be in ``_CUE_WORDS``?"""
        return self._any(self._cues, lo, hi)

    def reading_end(self, lo: int, hi: int) -> int:
        """Where _indirect may stop reading the sentence ``[lo, hi)``: at the start of the
        tenth word after its last opening word, as nothing it does looks further on, else
        ``hi``. Words never touch, so the tokens up to there are those of the whole
        sentence up to there."""
        at = self._opening
        k = bisect.bisect_left(at, hi) - 1  # the last opening word starting before hi
        if k < 0 or at[k] < lo:
            return hi
        starts = self._starts
        stop = bisect.bisect_left(starts, at[k]) + _READ_PAST_CUE
        return starts[stop] if stop < len(starts) and starts[stop] < hi else hi

    def _any(self, at: list[int], lo: int, hi: int) -> bool:
        k = bisect.bisect_left(at, lo)
        if k < len(at) and at[k] < hi:
            return True
        # A word cut by lo or hi is read in part, and a part ("said" of "unsaid") may be one.
        # No word holds a space, nor ends at a joining mark ("U.S" ends before its dot), so
        # most stretches, which begin after a space and end at one or at a full stop, cut
        # none; the others are looked up.
        text, starts, ends = self._text, self._starts, self._ends
        if lo > 0 and not text[lo - 1].isspace():
            k = bisect.bisect_right(ends, lo)
            if k < len(starts) and starts[k] < lo:
                return True
        if hi >= len(text) or text[hi - 1].isalnum() or not text[hi].isspace():
            k = bisect.bisect_left(starts, hi)
            return k > 0 and ends[k - 1] >= hi
        return False


def _indirect(
    text: str, lo: int, hi: int, quoted: _Quoted, cues: _CueWords
) -> list[Reported]:
    """``X warned that …``, ``X said he …``, ``…, X said.``, ``According to X, …``."""
    if not cues.may_open(lo, hi):
        return _tail(text, lo, hi, None, quoted, cues)
    found: list[Reported] = []
    read_to = cues.reading_end(lo, hi)
    index = _index(text)
    starts, ends = index.starts, index.ends
    first = bisect.bisect_right(ends, lo)  # the sentence's words first to past, as tokenize
    past = bisect.bisect_left(starts, read_to)  # would take them
    if first >= past or starts[first] < lo or ends[past - 1] >= read_to:
        # A word cut by lo or read_to is read in part: read the sentence as one.
        sentence = tokenize(text, lo, read_to)
        for k in compress(range(len(sentence)), map(_THAT_CUES.__contains__, map(_LOW, sentence))):
            found += _reported(text, lo, hi, quoted, sentence, k)
        found.extend(_tail(text, lo, hi, sentence, quoted, cues))
        return found
    # The words around each cue are read, not the whole sentence: most cues are no
    # reported speech's, and the words that is_cue and _clause_start read around one are
    # these (see _read_from), so they decide as they would on the whole sentence.
    at = cues.that_cues
    for w in at[bisect.bisect_left(at, first) : bisect.bisect_left(at, past)]:
        a = _read_from(text, index, first, w)
        near = index.tokens(a, min(past, w + _READ_PAST_CUE))
        found += _reported(text, lo, hi, quoted, near, w - a)
    found.extend(_tail(text, lo, hi, index.tokens(first, min(past, first + 3)), quoted, cues))
    return found


def _reported(
    text: str, lo: int, hi: int, quoted: _Quoted, toks: list[Token], k: int
) -> list[Reported]:
    """The reported speech that the cue ``toks[k]`` of the sentence ``[lo, hi)`` opens."""
    t = toks[k]
    if not is_cue(text, toks, k):
        return []
    start = _clause_start(text, toks, k, hi)
    if start is None or last_char(text, lo, t.start, " ,") in ALL_MARKS:
        return []
    m = _cue_subject(text, lo, t)
    if m is None:
        return []
    end = _content_end(text, start, hi, quoted)
    return [(start, end, m, t.text)] if end - start > 3 else []


def _read_from(text: str, index: _Index, first: int, w: int) -> int:
    """The first word is_cue reads for the cue ``w`` of a sentence starting at ``first``.

    It reads the two words before; after a capitalised one, _object_before walks back
    over a capitalised phrase, which it cannot pass a word neither capitalised nor a
    connector, nor more than spaces between two words, and reads five more from where
    it stops. Started five words before such a stop, the words read are the same and
    none looks like the sentence's first to it.
    """
    texts = index.texts
    if w - 1 < first or not texts[w - 1][:1].isupper():
        return max(first, w - 2)
    lows, starts, ends = index.lows, index.starts, index.tok_ends
    for s in range(w - 2, first + 4, -1):
        if (not texts[s][:1].isupper() and lows[s] not in CONNECTORS) or text[
            ends[s] : starts[s + 1]
        ].strip(" "):
            return s - 5
    return first


# _clause_start reads at most this many tokens from a cue on (up to k + 9, and whether a
# token k + 9 exists).
_READ_PAST_CUE = 10


def _clause_start(text: str, toks: list[Token], k: int, hi: int) -> int | None:
    """Where the reported clause after the cue at ``k`` begins, if it has one."""
    lemma = CUES[toks[k].low]
    for j in range(k + 1, min(k + 9, len(toks))):
        if _CLAUSE_PUNCT.search(text, toks[j - 1].end, toks[j].start):
            return None
        if toks[j].low == "that":
            return toks[j + 1].start if j + 1 < len(toks) else None
        if toks[j].low in CUES and j > k + 1:
            return None
    if lemma not in BARE_LEMMAS:
        return None
    j = k + 1
    if lemma in OBJECT_LEMMAS and j < len(toks) and toks[j].low in OBJECTS:
        j += 1
    while j < len(toks) and toks[j].low in TIME_WORDS and j < k + 3:
        j += 1
    if j >= len(toks) or text[toks[j - 1].end : toks[j].start].strip():
        return None
    nxt = toks[j]
    if (nxt.low in SUBJECT_STARTS and nxt.low not in NOT_CLAUSE) or (
        nxt.cap and nxt.low not in TIME_WORDS and nxt.low not in PRONOUNS and j == k + 1
        and lemma in ("say", "claim", "argue", "insist", "think", "believe", "warn")
    ):
        return nxt.start
    return None


def _tail(
    text: str, lo: int, hi: int, toks: list[Token] | None, quoted: _Quoted, cues: _CueWords
) -> list[Reported]:
    """``…, X said.`` / ``…, according to X.`` and the sentence-initial ``According to X, …``.

    ``toks`` are the sentence's first tokens (three, if it has as many), or None if it has
    no "according".
    """
    if toks is not None and len(toks) > 2 and toks[0].low == "according" and toks[1].low == "to":
        comma = text.find(",", toks[1].end, hi)
        m = mention_after(text, toks[1].end, comma if comma > 0 else hi)
        if m and comma > 0:
            end = _content_end(text, comma + 1, hi, quoted)
            start = comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip())
            return [(start, end, m, "according to")] if end - start > 3 else []
    comma = text.rfind(",", lo, hi)
    if comma < 0 or not cues.may_cue(comma + 1, hi):
        return []  # _attr_right below finds nothing without a cue word (checked first: cheap)
    if text[lo:comma].rstrip()[-1:] in ALL_MARKS:
        return []
    if quoted.covers(comma):
        return []
    if not 1 <= token_count(text, comma + 1, hi) <= 9:
        return []
    found = _attr_right(text, comma + 1, hi, cues)
    if found is None:
        return []
    m, cue = found
    tail = tokenize(text, comma + 1, hi)  # no word spans the comma
    rest = [t for t in tail if t.start >= m.end and t.low != cue.lower()]
    if (m.kind == "pronoun" and m.name.lower() == "it") or len(rest) > 5:
        return []
    if any(t.low in ("to", "that", "and", "but") or t.low in CUES for t in rest):
        return []
    end = comma
    while end > lo and text[end - 1].isspace():
        end -= 1
    return [(lo, end, m, cue)] if end - lo > 10 else []


def _quote(
    text: str, span: tuple[int, int], kind: str, m: Mention | None, cue: str | None,
    resolver: Callable[[], Resolver],
) -> Quote:
    if m is None:
        return Quote(text=text[span[0] : span[1]], start=span[0], end=span[1],
                     kind="direct" if kind == "direct" else "indirect", cue=cue)
    if m.kind != "pronoun" and m.name.endswith(POSSESSIVE_ENDINGS[:2]):
        m = _owner(text, m)
        if m is None:
            return _quote(text, span, kind, None, cue, resolver)
    res = resolver()
    speaker = res.resolve(m)
    if speaker and m.kind != "description":
        pronoun = m.kind == "pronoun"
        gender = PRONOUNS.get(m.name.lower(), "") if pronoun else gender_of(m.name, m.role)
        res.note(m.name_start, speaker, "org" if m.kind == "pronoun" and gender in "np" else
                 "person" if m.kind == "pronoun" else m.kind, gender if gender in "mf" else "")
    return Quote(
        text=text[span[0] : span[1]], start=span[0], end=span[1],
        kind="direct" if kind == "direct" else "indirect", speaker=speaker,
        speaker_start=m.name_start, speaker_end=m.name_end, role=m.role, cue=cue,
    )


# Who a possessive names when the speaker is someone of the owner's: "said Flynn's father".
_RELATION = re.compile(
    r"\s+(?:father|mother|parents|son|daughter|wife|husband|widow|brother|sister|family|"
    r"relatives|cousin|uncle|aunt|grandmother|grandfather|friend|lawyer|attorney)\b"
    r"(?:\s?,\s+((?:[A-Z][\w’'.\-]+\s){1,2}[A-Z][\w’'\-]+)(?=\s?[,.]))?"
)


def _owner(text: str, m: Mention) -> Mention | None:
    """A speaker found as a possessive ("Flynn's"): a relative or a lawyer of the owner
    when the text says so ("said Flynn's father, Herbert Flynn" is Herbert Flynn, "Scott's
    family" stays that), else the owner ("according to the foundation's tally", "Clinton's
    claim"); None for a contraction ("There's")."""
    rel = _RELATION.match(text, m.name_end)
    if rel is not None:
        if rel.group(1):
            lo, hi = rel.span(1)
            return Mention(m.start, hi, rel.group(1), "person", None, lo, hi)
        phrase = text[m.name_start : rel.end()]
        return Mention(m.start, rel.end(), phrase, "description", None, m.name_start, rel.end())
    owner = m.name[:-2]
    if owner.lower() in NOT_NAMES:
        return None
    words = tokenize(owner)
    person = all(map(is_name_word, words)) and not org_like(words)  # "Trump's" is Trump
    return replace(m, name=owner, name_end=m.name_end - 2, kind="person" if person else m.kind)


def _inherit(q: Quote, prev: Quote) -> Quote:
    return q.model_copy(update={
        "speaker": prev.speaker, "speaker_start": prev.speaker_start,
        "speaker_end": prev.speaker_end, "role": prev.role, "cue": prev.cue,
    })


def _attribute(
    src: str, text: str, sents: list[tuple[int, int]], si: int, inside: list[Marked], qi: int,
    cues: _CueWords,
) -> tuple[Mention | None, str | None]:
    """Speaker and cue of the ``qi``-th quote of sentence ``si``, from the words around it."""
    lo, hi = sents[si]
    q = inside[qi]
    left_lo = inside[qi - 1].after if qi else lo
    right_hi = inside[qi + 1].open if qi + 1 < len(inside) else hi
    # “Q,” X said: a quote ending in a comma hands over to the words after it.
    tail = last_char(src, q.start, q.end)
    open_ended = tail in ",?!—–-" or text[q.after : q.after + 1] == ","
    # The side that decides is read first, the other only if it does not (both are pure).
    found: tuple[Mention | None, str | None] | None
    if open_ended:
        found = _attr_right(text, q.after, right_hi, cues) or _attr_left(
            text, left_lo, q.open, lo, cues
        )
    else:
        left = _attr_left(text, left_lo, q.open, lo, cues)
        found = left if left and left[0] else _attr_right(text, q.after, right_hi, cues) or left
    if (not found or found[0] is None) and si + 1 < len(sents) and blank(text, q.after, hi):
        found = _bare_attribution(text, *sents[si + 1], cues) or found
    if (not found or found[0] is None) and si and blank(text, lo, q.open):
        plo, phi = sents[si - 1]
        if text[plo:phi].rstrip().endswith(":"):
            found = _attr_left(text, plo, phi, plo, cues) or found
    return found if found else (None, None)


def _duplicate(start: int, end: int, directs: list[tuple[int, int]]) -> bool:
    """Reported speech that is just a direct quote already found ("said that “…”").
    ``directs``: the direct quotes' (start, end), sorted, so only those starting inside
    the span are looked at."""
    i = bisect.bisect_left(directs, (start - 2, -1))
    while i < len(directs) and directs[i][0] <= end + 2:
        d_start, d_end = directs[i]
        if d_end <= end + 2 and (d_end - d_start) > 0.8 * (end - start):
            return True
        i += 1
    return False


def extract(text: str) -> tuple[list[Quote], list[Credit]]:
    """Direct and indirect quotes with their speakers, and the article's credits."""
    src = text
    marked = find_marked(src)
    sents = sentences(src, marked)
    para_starts = [a for a, _ in paragraphs(src)]
    # Attribution is parsed on a copy whose quoted words are blanked out, so a name or a
    # "said" inside a quote never reads as the speaker; offsets stay those of ``src``.
    text = mask(src, marked)
    made_resolver: list[Resolver] = []

    def res() -> Resolver:
        # Made on first use: one in seven documents has no speaker to resolve, and reading
        # every name in the document is a third of the work.
        if not made_resolver:
            made_resolver.append(Resolver(text))
        return made_resolver[0]

    quoted = _Quoted(marked)
    cues = _CueWords(text)
    quotes: list[Quote] = []
    directs: list[tuple[int, int]] = []  # (start, end) of the direct quotes, sorted
    last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph

    def para(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos)

    for si, (lo, hi) in enumerate(sents):
        inside = quoted.opening_in(lo, hi)
        for qi, q in enumerate(inside):
            m, cue = _attribute(src, text, sents, si, inside, qi, cues)
            starts = blank(text, lo, q.open)
            same_sentence = last is not None and last[0].end > lo
            if m is None and not starts and not same_sentence:
                # A fragment in a sentence with no cue ("Obama made clear his aim to
                # “fundamentally transform” the country") belongs to the sentence's subject.
                m = _subject(text, lo, q.open)
            made = _quote(src, (q.start, q.end), "direct", m, cue, res)
            if m is None and last and (same_sentence or (starts and para(q.open) - last[1] <= 1)):
                made = _inherit(made, last[0])  # a later quote of the same speaker
            if made.speaker_start is not None:
                last = (made, para(q.end))
            quotes.append(made)
            bisect.insort(directs, (made.start, made.end))
        for start, end, m, cue in _indirect(text, lo, hi, quoted, cues):
            if not _duplicate(start, end, directs):
                made = _quote(src, (start, end), "indirect", m, cue, res)
                if made.speaker:
                    last = (made, para(start))
                quotes.append(made)
    _lend_back(src, marked, quotes, para)
    turns = find_turns(src, paragraphs(src), lambda m: res().resolve(m))
    if turns:
        _take_turns(src, sents, turns, quotes, directs, res)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes, find_credits(src)


def _take_turns(
    text: str,
    sents: list[tuple[int, int]],
    turns: list[Turn],
    quotes: list[Quote],
    directs: list[tuple[int, int]],
    res: Callable[[], Resolver],
) -> None:
    """Each sentence of a transcript turn as a direct quote of its speaker; reported speech
    in a turn with no speaker of its own ("I think he is trying to ...") is the speaker's."""
    for turn in turns:
        i = max(bisect.bisect_right(sents, (turn.start, len(text))) - 1, 0)
        while i < len(sents) and sents[i][0] < turn.end:
            lo, hi = sents[i]
            i += 1
            start, end = max(lo, turn.start), rstrip_end(text, lo, min(hi, turn.end))
            if end > start and not _duplicate(start, end, directs):
                quotes.append(_quote(text, (start, end), "direct", turn.speaker, None, res))
    starts = [turn.start for turn in turns]  # in text order, and disjoint
    for k, q in enumerate(quotes):
        if q.speaker is None and q.kind == "indirect":
            t = bisect.bisect_right(starts, q.start) - 1
            if t >= 0 and q.start < turns[t].end:
                made = _quote(text, (q.start, q.end), "indirect", turns[t].speaker, q.cue, res)
                quotes[k] = made


def _lend_back(
    text: str, marked: list[Marked], quotes: list[Quote], para: Callable[[int], int]
) -> None:
    """A quote that lost its closing mark ('“We will rebuild. “Every family will get
    help,” the mayor said') was one quote as written: the part before the mark that opens
    the next takes that one's speaker when it found none of its own."""
    at = {q.start: i for i, q in enumerate(quotes) if q.kind == "direct"}
    for cut, nxt in pairwise(marked):
        if cut.close >= 0 or not blank(text, cut.end, nxt.open) or para(cut.end) != para(nxt.open):
            continue
        i, j = at.get(cut.start), at.get(nxt.start)
        if i is not None and j is not None and quotes[i].speaker is None and quotes[j].speaker:
            quotes[i] = _inherit(quotes[i], quotes[j])
