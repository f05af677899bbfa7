"""Who said a quote: the cue words around it ("said", "according to", "warned that") and
the speaker phrase they point at, the main clause's subject where a cue has none of its own,
and the quote record made with the speaker resolved.

``attribute`` finds the speaker of a direct quote from the words either side of its marks;
``cue_subject`` the speaker of a cue inside a sentence (reported speech); ``make_quote``
resolves a speaker phrase to a name (coreference) and notes it for the pronouns after it.
``CueWords`` says where a text's cue words are, so that stretches without one are never
tokenised to look. Used by ``quotes.extract``.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from itertools import compress

from provenance.coreference import Resolver, gender_of
from provenance.cues import CUES, OBJECTS, THAT_LEMMAS, TIME_WORDS, is_cue, verbish
from provenance.heads import governed, modified_subject, opens_clause
from provenance.lexicon import (
    ADVERBS,
    DETERMINERS,
    NOT_NAMES,
    POSSESSIVE_ENDINGS,
    PREPOSITIONS,
    PRONOUNS,
    SUBORDINATORS,
    is_name_word,
    org_like,
    title_like_word,
)
from provenance.marks import ALL_MARKS, Marked
from provenance.models import Quote
from provenance.speakers import (
    Mention,
    classify,
    mention_after,
    mention_before,
)
from provenance.tokens import (
    Token,
    _index,
    blank,
    comma_between,
    first_tokens,
    last_char,
    last_tokens,
    rstrip_end,
    token_count,
    tokenize,
    words,
)

_SENTENCE_PUNCT = re.compile(r"[.;:!?“”\"«»()]")  # between two words: not one phrase


# A main clause's subject opens its sentence: in 2,208 news texts it came 58 words in at
# most. Looking further made a run-on "sentence" (a page in lower case, quotes with no full
# stop between them) quadratic, as each quote or cue in it looked again from its start.
_SUBJECT_WORDS = 100
# What subject reads past the last word it asks about: the 25 words mention_after reads
# from there, then, past the mention (which ends by the 25th), one word and the 12 after it.
_SUBJECT_READ = _SUBJECT_WORDS + 40


def subject(text: str, lo: int, hi: int) -> Mention | None:
    """The main clause's subject, for cues that have none of their own (", calling them"):
    the first phrase at a clause start ("Back in 1999, Mr. Trump expressed") that a
    verb-like word follows, among the stretch's first _SUBJECT_WORDS words."""
    if token_count(text, lo, hi) > _SUBJECT_READ:
        return _long_subject(text, lo)
    return _first_subject(text, lo, hi, tokenize(text, lo, hi))


@lru_cache(maxsize=64)
def _long_subject(text: str, lo: int) -> Mention | None:
    """subject of a stretch from ``lo`` with more than _SUBJECT_READ words: its end is past
    all that is read, so every such stretch has this answer, worked out once (a run-on
    sentence asks for each of its quotes)."""
    return _first_subject(text, lo, len(text), first_tokens(text, lo, len(text), _SUBJECT_READ))


def _first_subject(text: str, lo: int, hi: int, toks: list[Token]) -> Mention | None:
    """subject, given the stretch's tokens: all of them, or its first _SUBJECT_READ."""
    # Whether every token of the current clause before this one is an opener, kept as the
    # loop goes rather than checked again for each token.
    openers = True
    after_quote = False  # the clause opens after a closing quote mark
    for i, tok in enumerate(toks[:_SUBJECT_WORDS]):
        if i and _CLOSING_MARK.search(text, toks[i - 1].end, tok.start):
            # "“...,” Corker said, adding": the quote's words are masked, and the speaker
            # after them opens the clause whose subject a participle's cue asks for.
            openers = after_quote = True
        elif i and (comma_between(text, toks[i - 1], tok) or toks[i - 1].low in ("and", "but")):
            openers = True  # a new clause
            after_quote = False
        elif i:
            prev = toks[i - 1]
            openers = openers and (prev.low in NOT_NAMES or prev.text[:1].isdigit())
        # A clause start, or past openers only ("Then he cut", "On Monday Trump said").
        if not openers or _object_of_preposition(toks, i):
            continue
        m = mention_after(text, tok.start, hi)
        if m is None:
            continue
        if i and toks[i - 1].low == "as" and m.kind == "description" and (
            text[m.end : m.end + 1] == ","
        ):
            continue  # "As a result, ...", "As the president, Obama ...": what, not who
        # The words after the mention (of 25 words at most), as many as are read: filtering
        # every word to the sentence's end for each mention made a long one quadratic.
        after = i
        while after < len(toks) and toks[after].start < m.end:
            after += 1
        rest = toks[after : after + 25]
        dated = _DATE_AFTER.match(text, m.end)
        if dated is not None:
            # "The New Haven Register on July 20, 2006, described him as": the date, then
            # the verb.
            rest = [t for t in rest if t.start >= dated.end()]
        else:
            timed = 0
            while timed < len(rest) - 1 and timed < 3 and rest[timed].low in TIME_WORDS:
                timed += 1  # "Donald Trump on Thursday ratcheted up": when, then the verb
            if (
                timed
                and not verbish(rest[0])  # "He also laid out": an adverb is verb-like enough
                and any(t.low not in PREPOSITIONS for t in rest[:timed])  # "on Thursday"
                and not _PUNCT.search(text, m.end, rest[timed].start)
            ):
                rest = rest[timed:]
        if rest and text[m.end : rest[0].start].strip() == ",":
            # "Huma Abedin, vice chairwoman for the campaign, emailed": skip the aside.
            later = [t for t in rest[1:] if "," in text[m.end : t.start].replace(",", "", 1)]
            rest = later[:1] if later else rest
        if after_quote and (
            not (rest and rest[0].low in CUES)
            or any(w.low in CUES for w in tokenize(text, m.start, m.name_start))
        ):
            # After a quote only its speaker ("“...” The decision was welcomed"); a role
            # read across the speaker's cue ("Santorum told host Bob Schieffer") is not one.
            continue
        if (not rest and not text[m.end : hi].strip(" ,")) or (rest and verbish(rest[0])):
            return m
    return None


_END = operator.methodcaller("end")
# A date between a subject and its verb: "on July 20, 2006,", "in Sept. 2015".
_DATE_AFTER = re.compile(
    r",?\s+(?:on|in)\s+(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?|May)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?,?(?=\s)"
)
_CLAUSE_READ = 400
_CLAUSE_OPENING = re.compile(r"[,;]\s+(?:while|whereas|but|although|though)\s+")
_CLOSING_MARK = re.compile(r"[”\"»]|''")


def _object_of_preposition(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` opens what a preposition or a subordinating word governs ("in
    his real voice", "after the Paris attacks", "when Wallace died"): a phrase there is
    not the main clause's subject, whatever word follows."""
    j = i - 1
    if j >= 0 and toks[j].low in DETERMINERS:
        j -= 1
    return j >= 0 and (toks[j].low in PREPOSITIONS or toks[j].low in SUBORDINATORS)


# Pronouns that follow a cue as its object, never as the speaker.
_OBJECT_PRONOUNS = words("it them him her this that us me")


def cue_subject(text: str, lo: int, cue: Token) -> Mention | None:
    """Who utters ``cue``: the phrase right before it, or for ", warning that" and
    "and added" the subject of the main clause."""
    end = rstrip_end(text, lo, cue.start)
    if end == lo:
        return None
    before = text[max(lo, end - 4) : end]  # the end of what is before: all that is asked
    if before.endswith(",") and cue.low.endswith("ing"):
        said = _said_before(text, lo, end - 1)
        if said is not None:
            return said
        return subject(text, lo, cue.start) or _reported_subject(text, lo, cue.start)
    if before.endswith((" and", " to")):
        # The subject of the nearest clause: "Jindal signed an order, while Huckabee
        # proposed ... and said" is Huckabee's. Only the nearest words are read: reading
        # back to the sentence's start for every "and said" made a run-on quadratic.
        near = max(lo, cue.start - _CLAUSE_READ)
        last = max(_CLAUSE_OPENING.finditer(text, near, cue.start), key=_END, default=None)
        if last is not None:
            nearer = subject(text, last.end(), cue.start)
            if nearer is not None:
                return nearer
        return subject(text, lo, cue.start)
    who = _relative_who(text, lo, cue.start)
    if who is not None:
        return who
    at = _dash_aside(text, lo, end) or cue.start
    m = mention_before(text, at, lo)
    if at != cue.start and m is not None and not opens_clause(text, lo, m):
        # "helped catch Ted Kaczynski -- who killed 3 people -- told Fox News": the one
        # before the aside is an object, and the subject is further back.
        m = None
    if (m is None or governed(text, lo, m)) and not cue.low.endswith("ing"):
        # "Democrats in the room said", "Aides to Clinton say": the room and Clinton are
        # what the speaker's head noun is tied to, not the speaker.
        between = text[m.end : at].strip() if m is not None else ""
        # "The CEO of the company, who declined to be named, said": the phrase ends where
        # the aside between commas opens.
        aside = len(between) > 1 and between[0] == "," and between[-1] == ","
        modified = modified_subject(text, lo, m.end if m is not None and aside else at, m)
        if modified is not None:
            return modified
    if (
        m is not None
        and m.kind == "description"
        and cue.low.endswith("ing")
        and _object(text, lo, m)
    ):
        # "Sanders started out their ninth debate saying", "issued a statement describing":
        # what the main clause's subject did something to, not who speaks.
        return subject(text, lo, cue.start) or m
    return m or subject(text, lo, cue.start)


_DASHES = ("—", "–", "--")
_ASIDE_CHARS = 300


def _said_before(text: str, lo: int, comma: int) -> Mention | None:
    """``X, Mr. Williams said Tuesday, describing it as``: the speaker of the attribution
    that ends at ``comma``, who is the participle's subject (not the clause's before it)."""
    toks = last_tokens(text, lo, comma, 3)
    k = len(toks) - 1
    while k > 0 and toks[k].low in TIME_WORDS:
        k -= 1  # "said Tuesday", "said on Friday"
    if k < 1 or CUES.get(toks[k].low) not in ("say", "tell") or not is_cue(text, toks, k):
        return None
    m = mention_before(text, toks[k].start, lo)
    return m if m is not None and text[lo : m.start].rstrip().endswith(",") else None


def _dash_aside(text: str, lo: int, end: int) -> int | None:
    """``Jason Sims — a teacher from Mount Pleasant — says``: where an aside between dashes
    opens, if one ends where the cue begins (``end``): the speaker is before it."""
    closing = next((d for d in _DASHES if text.endswith(d, lo, end)), None)
    if closing is None:
        return None
    # An aside is a few words: looking further back for its opening dash made a run-on
    # text quadratic.
    start = max(lo, end - _ASIDE_CHARS)
    opening = max(text.rfind(d, start, end - len(closing)) for d in _DASHES)
    return opening if opening > lo else None


_PUNCT = re.compile(r"[^\w\s’'-]")
_APPOSITIVE_OPENERS = words("the a an his her its their")
# Words between a relative "who" and its cue: "who has long said", "who also told".
_AFTER_WHO = words("has had have also later then once often long repeatedly previously recently")


def _relative_who(text: str, lo: int, pos: int) -> Mention | None:
    """``Thomas Perez, who said he expects``: the one named before ", who" speaks, not the
    main clause's subject ("It was negotiated with help from ...")."""
    toks = last_tokens(text, lo, pos, 4)
    k = len(toks)
    while k > 0 and toks[k - 1].low in _AFTER_WHO:
        k -= 1
    if k == 0 or toks[k - 1].low != "who" or _PUNCT.search(text, toks[k - 1].end, pos):
        return None
    comma = rstrip_end(text, lo, toks[k - 1].start)
    if comma <= lo or text[comma - 1] != ",":
        return None
    named = mention_before(text, comma, lo)
    if named is not None and named.kind == "person":
        aside = first_tokens(text, named.end, comma, 1)
        if aside and aside[0].low in _APPOSITIVE_OPENERS:
            # "Scott Reed, the Chamber's chief strategist, who added": the one the aside
            # is of (not "In Mexico City, Trump endured a lecture from the president, who").
            return named
    m = mention_before(text, comma - 1, lo)
    return m if m is not None and m.kind != "pronoun" else None


# Particles that end a phrasal verb ("started out", "put up").
_PARTICLES = words("out up off down back")


def _object(text: str, lo: int, m: Mention) -> bool:
    """Whether the phrase ``m`` is the object of a verb right before it."""
    toks = last_tokens(text, lo, m.start, 1)
    if not toks or text[toks[0].end : m.start].strip():
        return False
    prev = toks[0]
    return not prev.cap and (prev.low in _PARTICLES or (verbish(prev) and prev.low not in ADVERBS))


_REPORTED_READ = 300


def _reported_subject(text: str, lo: int, hi: int) -> Mention | None:
    """When the main clause's subject is not found ("One Democratic official who relayed the
    exchange said Reid quieted the chatter, telling his colleagues"), the subject of the
    clause a cue reports, if a verb follows it: the last such in ``[lo, hi)``."""
    found: Mention | None = None
    # Only the last _REPORTED_READ characters: a run-on sentence with a participle at
    # every clause would otherwise be read from its start for each of them.
    start = lo if hi - lo <= _REPORTED_READ else text.find(" ", hi - _REPORTED_READ, hi) + 1
    toks = tokenize(text, max(lo, start), hi)
    for k, tok in enumerate(toks):
        lemma = CUES.get(tok.low)
        # After "told" comes who heard it ("told a North Carolina rally"), not a clause.
        if lemma not in THAT_LEMMAS or lemma == "tell" or k + 2 >= len(toks):
            continue
        m = mention_after(text, tok.end, hi)
        if m is None or m.kind != "person" or text[tok.end : m.name_start] != " ":
            continue
        after = next((t for t in toks[k + 1 :] if t.start >= m.end), None)
        if after is not None and not text[m.end : after.start].strip() and verbish(after):
            found = m
    return found


# Words read after a quote for its cue: enough for a name and a long appositive ("”
# Michael McFaul, a senior fellow at the Hoover Institution and a former United States
# ambassador to Russia, said").
_READ_AFTER_QUOTE = 30
# Within this many words the cue's own subject is read back from it.
_NEAR_CUE = 16


def attribution_after(text: str, pos: int, hi: int, cues: CueWords) -> tuple[Mention, str] | None:
    """``“Q,” X said`` and ``“Q,” said X``."""
    if not cues.may_cue(pos, hi):
        return None  # every way out below but None passes is_cue()
    p = pos
    while p < hi and (text[p].isspace() or text[p] in ",—–-:"):
        p += 1
    toks = first_tokens(text, p, hi, _READ_AFTER_QUOTE)
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
        if m is not None and _starts_clause(text, m.end, hi):
            # "X, citing “Q,” said the candidate could win": what X said, not who.
            return None
        return (m, toks[0].text) if m else None
    for k in range(1, len(toks)):
        if _SENTENCE_PUNCT.search(text, toks[k - 1].end, toks[k].start):
            return None
        if toks[k].low in _CUE_WORDS and is_cue(text, toks, k):  # the set spares most calls
            if k >= _NEAR_CUE:
                # This far, only a name right after the quote and its long appositive:
                # walking back from the cue would find a name inside the appositive
                # ("Elliott Maynard, a Republican trying to unseat ..., a Democrat, ...").
                m = mention_after(text, p, hi)
                if m is None or m.kind != "person" or text[m.name_end : m.name_end + 1] != ",":
                    return None
                return m, toks[k].text
            at = toks[k].start
            if k >= 3 and toks[k - 1].low == "as" and toks[k - 2].low == "quoted":
                # "“...?” Mr. Trump was quoted as saying": who was quoted.
                at = toks[k - 3 if toks[k - 3].low in _AUXILIARIES else k - 2].start
            m = mention_before(text, at, p)
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


# Verbs that make the phrase before them a clause's subject ("the candidate could").
_AUXILIARIES = words("would will could should can may might must had has have was were is are")


def _starts_clause(text: str, pos: int, hi: int) -> bool:
    """Whether the word right after ``pos`` (a space away) is an auxiliary."""
    toks = first_tokens(text, pos, hi, 1)
    return bool(toks) and toks[0].low in _AUXILIARIES and not text[pos : toks[0].start].strip()


def _attr_left(
    text: str, lo: int, pos: int, sent_lo: int, cues: CueWords
) -> tuple[Mention | None, str | None] | None:
    """``X said: “Q”``, ``X called it “Q”``, ``according to X, “Q”``."""
    toks = tokenize(text, lo, pos) if cues.may_cue(lo, pos) else []
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].low not in _CUE_WORDS or not is_cue(text, toks, k):  # see attribution_after
            continue
        t = toks[k]
        if t.low == "according":
            source = mention_after(text, toks[k + 1].end, pos)
            comma = text.rfind(",", toks[k + 1].end, pos)
            if source is None and comma >= 0 and not text[comma + 1 : pos].strip(" “\"'`"):
                # "According to the newspaper, “...”": a described source that runs to the
                # quote, with no word after it to show where the phrase ends.
                source = classify(text, tokenize(text, toks[k + 1].end, comma))
            return source, "according to"
        if last_char(text, sent_lo, t.start, " ,") in ALL_MARKS:  # "" (nothing) is, too
            return mention_after(text, t.end, pos), t.text  # “Q1,” said X. “Q2.”
        if last_char(text, sent_lo, t.start) == ",":
            m = mention_after(text, t.end, pos)  # "But, said Solovey, “Q”"
            if (
                m is not None
                # "X, who ..., said of the senator, “Q”": who was spoken of, not who spoke
                and (k + 1 == len(toks) or toks[k + 1].low != "of")
                # and a comma or colon before the quote: "X, who ..., said the Trump “train
                # may have left”" is a cue whose subject is before it, not after it
                and text[m.end : pos].strip() in (",", ":")
                # "Sasse, Republican of Nebraska, called it “Q”": "it" is what was called
                and m.name.lower() not in _OBJECT_PRONOUNS
            ):
                return m, t.text
        return cue_subject(text, sent_lo, t), t.text
    if text[lo:pos].rstrip().endswith(":") and (toks or token_count(text, lo, pos)):
        # "Kasich resisted: “Q”": any verb before a colon introduces the quote.
        m = subject(text, sent_lo, text.rindex(":", lo, pos))
        return (m, None) if m else None
    return None


# “Q” ― Name: a quote signed with a dash and a name that ends its line (reader reactions,
# epigraphs). The name may carry a title after a comma ("― Jane Doe, Sierra Club").
_SIGNED = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*(?=[A-Z])")
_LINE_END = re.compile(r"[ \t\u00a0.]*(?:\n|$)")


def _signed(text: str, pos: int, hi: int) -> Mention | None:
    """The person whose name signs the quote that ends at ``pos``: a dash, a name, and
    nothing more on the line but a comma and a role."""
    dash = _SIGNED.match(text, pos, hi)
    if dash is None:
        return None
    m = mention_after(text, dash.end(), hi)
    if m is None or m.kind != "person":
        return None
    rest = m.end
    if text.startswith(",", rest):
        line = text.find("\n", rest, hi)
        rest = hi if line < 0 else line
    return m if _LINE_END.match(text, rest) or rest >= hi else None


def _bare_attribution(
    text: str, lo: int, hi: int, cues: CueWords
) -> tuple[Mention, str] | None:
    """A sentence that only attributes ("Trump asked.") after a quote that ended a sentence:
    a short one, or one that goes on to say of what ("Rep. Glenn Thompson said of the swirl
    of convention activities."), never what."""
    n = token_count(text, lo, hi)
    if n < 2 or "\n" in text[lo:hi]:
        return None
    found = attribution_after(text, lo, hi, cues)
    if found is None or n <= 8:
        return found
    cue = found[1].lower()
    said_of = cue in _SAID_OF and re.search(rf"\b{re.escape(found[1])} of\b", text[lo:hi])
    if said_of:
        return found
    # "US Senator Jeff Sessions said as he launched the process.": the name and the cue
    # open the sentence and a clause of when or how follows (or a participle's, after a
    # comma), not one of what was said.
    m = found[0]
    said_as = _SAID_AS.match(text, m.end)
    opens = m.start == _first_word(text, lo, hi)
    if not opens:
        return None
    if said_as is not None and said_as.group(1) == found[1]:
        return found
    # "Miller, a retired worker, said pleasantly into the phone.": only how or where.
    at = text.find(found[1], m.end, hi)
    rest = tokenize(text, at + len(found[1]), hi) if at >= 0 else []
    how = bool(rest) and (rest[0].low.endswith("ly") or rest[0].low in _HOW_PREPOSITIONS)
    return found if how and not any(t.low in _CLAUSE_WORDS for t in rest) else None


# Where or how, not what ("argued for preventive strikes" says what).
_HOW_PREPOSITIONS = words("in on at into during after before outside inside from over with")
# Words that make what follows a cue a clause of its own ("said pleasantly that he ...").
_CLAUSE_WORDS = words("that he she they it we i who which") | _AUXILIARIES


# "... said as he launched", "... continued, calling out Speaker John Boehner".
_SAID_AS = re.compile(r"\s*(\S+)(?:\s+(?:as|while|when|before|after)\b|,\s+[a-z]+ing\b)")


def _first_word(text: str, lo: int, hi: int) -> int:
    toks = first_tokens(text, lo, hi, 1)
    return toks[0].start if toks else lo


# The verbs of "X said of Y": they attribute a quote before them and name its topic.
_SAID_OF = words("said says asked asks wrote writes added adds joked quipped mused remarked")


THAT_CUES = frozenset(form for form, lemma in CUES.items() if lemma in THAT_LEMMAS)
_OPENING_WORDS = THAT_CUES | {"according"}
_CUE_WORDS = frozenset(CUES) | {"according"}  # the only words is_cue() accepts


class CueWords:
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
        self.that_cues = [k for k in cue_numbers if lows[k] in THAT_CUES]
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
        stop = bisect.bisect_left(starts, at[k]) + READ_PAST_CUE
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


# _clause_start reads at most this many tokens from a cue on (up to k + 9, and whether a
# token k + 9 exists).
READ_PAST_CUE = 10


_DOUBLE_BARRELLED = re.compile(r"[A-Z][a-z’']+(?:-[A-Z][a-z’']+)+")


def make_quote(
    text: str, span: tuple[int, int], kind: str, m: Mention | None, cue: str | None,
    resolver: Callable[[], Resolver],
) -> Quote:
    if m is None:
        return Quote(text=text[span[0] : span[1]], start=span[0], end=span[1],
                     kind="direct" if kind == "direct" else "indirect", cue=cue)
    if m.kind != "pronoun" and m.name.endswith(POSSESSIVE_ENDINGS[:2]):
        m = _owner(text, m)
        if m is None:
            return make_quote(text, span, kind, None, cue, resolver)
    res = resolver()
    if (
        m.kind == "org"
        and _DOUBLE_BARRELLED.fullmatch(m.name)
        and not any(title_like_word(part) for part in m.name.lower().split("-"))
        and res.names_person(m.name, m.start)
    ):
        # "Lopez-Cantera said" after "Carlos Lopez-Cantera": a double-barrelled surname,
        # which by its capitals alone reads as an acronym ("IS-K").
        m = replace(m, kind="person")
    speaker = res.resolve(m)
    if m.kind == "description" and speaker and speaker != m.name:
        # "the president" resolved to the holder named before: that person speaks, in
        # that office, and is the one a "he" after it means.
        m = replace(m, kind="person", role=m.role or m.name)
    if speaker and m.kind == "description":
        head = speaker.split()[-1].lower()
        if head in ONE_PERSON and (
            head in _UNNAMED or _INDEFINITE.search(text, max(0, m.name_start - 9), m.name_start)
        ):
            # A "he" or "she" after "a senior official said" is the official's: someone
            # new, unnamed ("the Texas senator" is the Cruz named before). "The woman",
            # "the man" is someone the story does not name, whatever the article.
            res.note(m.name_start, speaker, "description", gender_of(speaker, None))
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


# Heads of a description that a story uses for someone it does not name.
_UNNAMED = words("woman man mother father")
_INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+$")
# Heads of a description that is one person (gender_of tells a spokeswoman's).
ONE_PERSON = words(
    """official spokesperson spokeswoman spokesman lawyer attorney witness source aide adviser
    advisor resident officer analyst expert economist prosecutor judge diplomat envoy
    ambassador minister representative director executive manager governor mayor senator
    president secretary commissioner doctor teacher student worker coach driver victim
    survivor neighbor neighbour staffer strategist pollster organizer organiser activist
    chairman chairwoman congressman congresswoman woman man mother father"""
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


def inherit(q: Quote, prev: Quote) -> Quote:
    return q.model_copy(update={
        "speaker": prev.speaker, "speaker_start": prev.speaker_start,
        "speaker_end": prev.speaker_end, "role": prev.role, "cue": prev.cue,
    })


def attribute(
    src: str, text: str, sents: list[tuple[int, int]], si: int, inside: list[Marked], qi: int,
    cues: CueWords,
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
        found = attribution_after(text, q.after, right_hi, cues) or _attr_left(
            text, left_lo, q.open, lo, cues
        )
    else:
        left = _attr_left(text, left_lo, q.open, lo, cues)
        if left and left[0]:
            found = left
        else:
            found = attribution_after(text, q.after, right_hi, cues) or left
    if not found or found[0] is None:
        signed = _signed(text, q.after, right_hi)
        if signed is not None:
            return signed, None
    if (
        (not found or found[0] is None)
        and si + 1 < len(sents)
        and blank(text, q.after, hi)
        # "“...” Liz Cheney said. “...”\n\nHer sister replied ...": a sentence of the next
        # paragraph answers the quote, it does not attribute it.
        and "\n" not in text[q.after : sents[si + 1][0]]
    ):
        found = _bare_attribution(text, *sents[si + 1], cues) or found
    if (not found or found[0] is None) and si and blank(text, lo, q.open):
        plo, phi = sents[si - 1]
        if text[plo:phi].rstrip().endswith(":"):
            found = _attr_left(text, plo, phi, plo, cues) or found
    return found if found else (None, None)


# A sentence that says no more than who was told ("Jim Campbell told the Herald on
# Sunday.") is short: longer ones go on to say something of their own.
_TOLD_ONLY_WORDS = 20
_NOT_TOLD_ONLY = words("to not never")  # "told him to leave": an order, not words he said


def told_only(text: str, lo: int, hi: int, cues: CueWords) -> tuple[Mention, str] | None:
    """The speaker and cue of a sentence that only names who heard them ("Jim Campbell
    told the Herald on Sunday.", "Smith told reporters."): it reports nothing, but the
    quote opening the next sentence is theirs."""
    if not cues.may_open(lo, hi) or text[lo:hi].rstrip()[-1:] != ".":
        return None
    toks = tokenize(text, lo, hi)
    if len(toks) > _TOLD_ONLY_WORDS:
        return None
    for k, t in enumerate(toks):
        if CUES.get(t.low) != "tell" or not is_cue(text, toks, k):
            continue
        rest = toks[k + 1 :]
        hearer = bool(rest) and (
            rest[0].cap
            or rest[0].low in OBJECTS
            or (rest[0].low in DETERMINERS and len(rest) > 1 and rest[1].cap)
        )
        if not hearer or (k and toks[k - 1].low in _NOT_TOLD_ONLY):
            return None
        if any(w.low in _NOT_TOLD_ONLY or w.low in CUES for w in rest):
            return None
        m = cue_subject(text, lo, t)
        return None if m is None else (m, t.text)
    return None
