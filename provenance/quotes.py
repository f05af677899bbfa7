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
previous paragraph, and for a fragment inside a sentence the sentence's subject (those
rules are in ``attribution.py``). The sentences of a transcript turn ("FALLIN: I think
...") are direct quotes of the person the label names (``transcripts.py``). Rules, not a
parser: on PolNeAR a spaCy small-model fallback added 2 points of speaker accuracy for 15x
the time per document (see bench/quotes.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from itertools import accumulate, compress, pairwise
from operator import attrgetter

from provenance.attribution import (
    READ_PAST_CUE,
    THAT_CUES,
    CueWords,
    attribute,
    attribution_after,
    cue_subject,
    inherit,
    make_quote,
    subject,
    told_only,
)
from provenance.coreference import Resolver
from provenance.credits import find_credits
from provenance.cues import (
    BARE_LEMMAS,
    CLAUSE_PRONOUNS,
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
from provenance.lexicon import (
    ADVERBS,
    CONNECTORS,
    PREPOSITIONS,
    PRONOUNS,
    is_possessive,
)
from provenance.marks import ALL_MARKS, MARK, Marked, find_marked, mask, paragraphs, sentences
from provenance.models import Credit, Quote
from provenance.speakers import (
    Mention,
    mention_after,
)
from provenance.titles import is_nickname, is_title
from provenance.tokens import (
    Token,
    _Index,
    _index,
    blank,
    first_tokens,
    last_char,
    last_tokens,
    rstrip_end,
    token_count,
    tokenize,
    words,
)
from provenance.transcripts import Turn, find_answers, find_turns

_CLAUSE_PUNCT = re.compile(r"[.;:!?“”\"«»()\n]")
_CLAUSE_END_PUNCT = re.compile(r"[.;:!?()\n]")
_LOW = attrgetter("low")
_COMMA_WORD = re.compile(r",\s+([a-z]+)\b")
_QUOTE_THEN_BUT = re.compile(r"([”\"’'])\s+(?:but|while|although|though|whereas)\b")
# Reported speech is cut here at the latest (real news sentences stay under 1,000).
MAX_CONTENT_CHARS = 2000
# Each alternative's first character is read by the class in front, and checked again
# behind: the same matches, but a pattern opening with a plain class lets the search skip
# ahead to those characters instead of trying every position.
_BOUNDARY_AFTER = re.compile(
    r"[,;)\s](?:(?<=,)\s+(?:according to|while|but|although|though|whereas|as well as|"
    r"and (?:added|said|noted|he|she|they)\b|[a-z]+ing\b)|(?<=;)|(?<=\s)[—–]\s|(?<=\s)--\s|(?<=\))|"
    r"(?<=\s)\()",
)


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
    # "remained “solid,” but warned that ...": the comma is inside the quote, the
    # boundary after it.
    # (Quoted words are masked here, their comma too.)
    for m in _QUOTE_THEN_BUT.finditer(text, start, end):
        if quoted.covers(m.start() - 1) and not quoted.covers(m.end(1)):
            end = m.end(1)
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
def _indirect(
    text: str, lo: int, hi: int, quoted: _Quoted, cues: CueWords
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
        for k in compress(range(len(sentence)), map(THAT_CUES.__contains__, map(_LOW, sentence))):
            found += _reported(text, lo, hi, quoted, sentence, k)
        found.extend(_tail(text, lo, hi, sentence, quoted, cues))
        return found
    # The words around each cue are read, not the whole sentence: most cues are no
    # reported speech's, and the words that is_cue and _clause_start read around one are
    # these (see _read_from), so they decide as they would on the whole sentence.
    at = cues.that_cues
    for w in at[bisect.bisect_left(at, first) : bisect.bisect_left(at, past)]:
        a = _read_from(text, index, first, w)
        near = index.tokens(a, min(past, w + READ_PAST_CUE))
        found += _reported(text, lo, hi, quoted, near, w - a)
    found.extend(_tail(text, lo, hi, index.tokens(first, min(past, first + 3)), quoted, cues))
    return found


def _reported(
    text: str, lo: int, hi: int, quoted: _Quoted, toks: list[Token], k: int
) -> list[Reported]:
    """The reported speech that the cue ``toks[k]`` of the sentence ``[lo, hi)`` opens."""
    t = toks[k]
    if not is_cue(text, toks, k) or _negated(text, toks, k):
        return []
    start = _clause_start(text, toks, k, hi)
    if start is None or last_char(text, lo, t.start, " ,") in ALL_MARKS:
        return []
    m = cue_subject(text, lo, t)
    if m is None:
        return []
    # The word right before the speaker, if any, in the last few characters.
    opener = last_tokens(text, max(lo, m.start - 12), m.start, 1)
    if opener and opener[0].text in ("what", "What") and not text[opener[0].end : m.start].strip():
        # "the gap between what Trump says his plan would do and ...": what he says is
        # the object of another clause, and the words after the cue lack it.
        return []
    end = _content_end(text, start, hi, quoted)
    if opener and opener[0].low in _CLAUSE_SUBORDINATORS:
        # "A few weeks after Obama announced that the war would not end, U.S. forces
        # bombed ...": the report is part of a subordinate clause, which ends at its comma.
        # Not the comma of "2,000", nor one before the clause has its verb ("claimed
        # that the self-described Islamic State, or ISIS, has used ..."); its first
        # words only, read once.
        verb = False
        for w, nxt in pairwise(first_tokens(text, start, end, _SUBORDINATE_WORDS)):
            verb = verb or _finite(w)
            comma = _CLAUSE_COMMA.search(text, w.end, nxt.start) if verb else None
            if comma is not None:
                end = rstrip_end(text, start, comma.start())
                break
    if _no_clause(text, start, end):
        return []
    if (
        last_char(text, lo, t.start) == ","
        and not t.low.endswith("ing")
        and text[t.end : start].strip() == ""
        and not quoted.opening_in(start, end)
        and not text[end:hi].strip(" .!?\n")  # runs to the sentence's end, as a name does
        and not _has_verb(text, start, end)
    ):
        # "..., says the BBC's Christian Fraser in Paris.": who says what came before.
        return []
    return [(start, end, m, t.text)]


def _has_verb(text: str, start: int, end: int) -> bool:
    """Whether any of the first words of ``[start, end)`` may be a verb."""
    words = first_tokens(text, start, end, _VERB_READ)
    return bool(words) and (
        words[0].low in CLAUSE_PRONOUNS  # "he isn't fit": a subject like no name
        or any(_verb_like(w) or w.low in _FINITE for w in words)
    )


def _verb_like(w: Token) -> bool:
    """verbish, but for the adverbs among its words ("however" alone is no clause)."""
    return verbish(w) and w.low not in _ADVERBS_AFTER_CUE


_VERB_READ = 30


def _no_clause(text: str, start: int, end: int) -> bool:
    """Whether the words reported are too few to say anything: "told the AP", "said the
    same", "according to MSNBC, basically". A clause this short has a verb ("he lied"); a
    word right after a determiner is its noun ("told the protesters", not "his cuffs
    hurt")."""
    if end - start <= 3:
        return True
    if token_count(text, start, end) > _SHORT_CLAUSE:
        return False
    clause = tokenize(text, start, end)
    return (len(clause) == 2 and clause[0].low in _DETERMINERS) or not any(
        _verb_like(w) or w.low.endswith(("n't", "n’t")) for w in clause
    )


def _negated(text: str, toks: list[Token], k: int) -> bool:
    """Whether the cue ``toks[k]`` is negated: "has not said that ...", "never claimed
    ...", "didn't say that ...", "has not publicly said that ...". The clause is what the
    speaker did not say; made a quote of theirs, check would count it as their claim. "not
    only said that ..." says it; "I couldn't, thought that ..." negates another verb."""
    j = k - 1
    if j >= 0 and toks[j].low.endswith("ly") and toks[j].low != "only":
        j -= 1  # one adverb between: "has not publicly said"
    if j < 0 or text[toks[j].end : toks[k].start].split() != [t.text for t in toks[j + 1 : k]]:
        return False  # punctuation between: the negation is another clause's
    low = toks[j].low
    return low in ("not", "never") or low.endswith(("n't", "n’t"))


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


def _relative(toks: list[Token], j: int) -> bool:
    """Whether the "that" at ``j``, after words that follow a cue, opens a relative clause on
    the noun before it: a verb comes next, where a reported clause has its subject ("the
    police responding by extended use of tear gas that soon made ..."). After an object
    ("told reporters that was wrong") or a name, "that" may be the clause's subject."""
    before = toks[j - 1]
    if before.cap or before.low in OBJECTS or before.low in TIME_WORDS:
        return False
    for t in toks[j + 1 : j + 3]:
        if t.low in _FINITE or (len(t.low) > 4 and t.low.endswith("ed")):
            return True
        if t.cap or not (t.low in _LEADING_ADVERBS or t.low.endswith("ly")):
            return False
    return False


# Words that end the phrase after "said a" before its verb could come: "said a few words
# before he left" has no clause of its own.
_PHRASE_STOPS = words("and but or before after when while because as if that who which")
_A_PHRASE_WORDS = 6
# Words that make the clause they open subordinate: a report inside one ends at its comma.
_CLAUSE_SUBORDINATORS = words(
    "after before since until when while because if although though whereas unless once"
)
_SUBORDINATE_WORDS = 60
_CLAUSE_COMMA = re.compile(r",[”\"’']?(?=\s)")


def _finite(w: Token) -> bool:
    """A word that is surely a verb's finite form ("has", "knew", "used", "didn't")."""
    low = w.low
    return (
        low in _FINITE
        or (len(low) > 4 and low.endswith("ed") and "-" not in low)  # not "self-described"
        or low.endswith(("n't", "n’t"))
    )


# Words after a cue that open a clause only when its verb follows in the same phrase.
_PHRASE_OPENERS = words("a an his her neither both")


def _verb_follows(text: str, toks: list[Token], j: int) -> bool:
    """Whether a finite verb follows within a few words from ``toks[j]``, in one phrase."""
    for t in toks[j : j + _A_PHRASE_WORDS]:
        if text[toks[j - 1].end : t.start].count(",") or t.low in _PHRASE_STOPS:
            return False
        if t.low in CLAUSE_PRONOUNS:
            return False
        if t.low in _FINITE and not t.cap:
            return True
    return False


def _clause_start(text: str, toks: list[Token], k: int, hi: int) -> int | None:
    """Where the reported clause after the cue at ``k`` begins, if it has one."""
    lemma = CUES[toks[k].low]
    for j in range(k + 1, min(k + 9, len(toks))):
        # Past the cue's next word a quote mark is a quoted word of the clause ("said the
        # supporters have been “galvanized”"), not its end.
        punct = _CLAUSE_PUNCT if j == k + 1 else _CLAUSE_END_PUNCT
        if punct.search(text, toks[j - 1].end, toks[j].start):
            return None
        if toks[j].low in _FINITE and j > k + 1 and not toks[j].cap:
            break  # "said Cruz's comments are responses to attacks that ...": begun
        if toks[j].low == "that":
            if j > k + 1 and _relative(toks, j):
                # "said in an interview that aired Monday that ...": the next "that", or
                # the bare clause ("says the disk in his neck that forced him out was").
                continue
            return toks[j + 1].start if j + 1 < len(toks) else None
        if (
            toks[j].low in CUES
            and j > k + 1
            and is_cue(text, toks, j)
            and _clause_start(text, toks, j, hi) is not None
        ):
            # "said he believes that ...": the clause is the nearer cue's. One that opens
            # none is part of this clause ("said he hopes the day of action sends ...").
            return None
    if lemma not in BARE_LEMMAS:
        # "confirmed she had tested positive", "announced he would run": other cues take
        # a bare clause only when a personal pronoun opens it ("confirmed the report" is
        # an object).
        nxt_tok = toks[k + 1] if k + 1 < len(toks) else None
        if (
            nxt_tok is not None
            and lemma in THAT_LEMMAS
            and not _passive_or_noun(toks, k)
            and nxt_tok.low in CLAUSE_PRONOUNS
            and (not nxt_tok.cap or nxt_tok.text.startswith("I"))
            and text[toks[k].end : nxt_tok.start] == " "
        ):
            return nxt_tok.start
        return None
    j = k + 1
    if lemma in OBJECT_LEMMAS and j < len(toks) and toks[j].low in OBJECTS:
        j += 1
    after_preposition = False
    while j < len(toks) and toks[j].low in TIME_WORDS and j < k + 3:
        after_preposition = toks[j].low in _TIME_PREPOSITIONS
        j += 1
    if j < len(toks) and toks[j].low in _ADVERBS_AFTER_CUE and not after_preposition:
        j += 1  # "said initially he would", "said privately the deal was dead"
    if j >= len(toks) or text[toks[j - 1].end : toks[j].start].strip():
        return None
    nxt = toks[j]
    if after_preposition and nxt.low in _DETERMINERS:
        return None  # "said during the debate", "said in a speech": no clause
    named = nxt.low in _DETERMINERS and j + 1 < len(toks) and toks[j + 1].cap
    # "told him the party is concerned", "he's been told the fire is": the hearer is known.
    heard = (j > k + 1 and toks[k + 1].low in OBJECTS) or (k > 0 and toks[k - 1].low in _PASSIVE)
    if lemma == "tell" and (nxt.cap or named or (not heard and nxt.low not in CLAUSE_PRONOUNS)):
        # "told The Washington Post on Tuesday", "told the crowd": who heard it, not what
        # was said; the clause, if any, comes after ("told the Tennessean he planned to
        # appeal", "told a news conference they are").
        e = j + 1
        while e < len(toks) and toks[e].cap and not text[toks[e - 1].end : toks[e].start].strip():
            e += 1
        if (
            e < len(toks)
            and not text[toks[e - 1].end : toks[e].start].strip()
            and toks[e].low in SUBJECT_STARTS
            and toks[e].low not in NOT_CLAUSE
            and toks[e].low not in _DETERMINERS
        ):
            return toks[e].start
        # Past a few more words of the hearer or the time ("told The Star-Ledger of Newark
        # last week she would ..."), a personal pronoun still opens the clause.
        for f in range(e, min(e + _HEARER_WORDS, len(toks))):
            if text[toks[f - 1].end : toks[f].start].strip() or toks[f].low in _NOT_HEARER:
                break  # "told LaSalle to stop but he kept going": no longer the hearer
            if toks[f].low in CLAUSE_PRONOUNS and toks[f - 1].low not in PREPOSITIONS:
                return toks[f].start
        return None
    if nxt.low in SUBJECT_STARTS and nxt.low not in NOT_CLAUSE:
        return nxt.start
    if nxt.low in _PHRASE_OPENERS and _verb_follows(text, toks, j + 1):
        # "said a cut in March was likely", "said his running mate's tweet was", "said
        # neither the council nor the police knew"; not "said a prayer", "said his goodbyes"
        return nxt.start
    if (
        nxt.cap and nxt.low not in TIME_WORDS and nxt.low not in PRONOUNS and j == k + 1
        and lemma in ("say", "claim", "argue", "insist", "think", "believe", "warn")
    ):
        # "said Trump was wrong", but "..., said Mindy Romero, director of ..." and "...,
        # said Trump in a speech." name the speaker of what came before the cue.
        e = j
        while e < len(toks) and toks[e].cap:
            e += 1
            last = toks[e - 1]  # "Sanders’" is tokenised without its apostrophe
            owner = is_possessive(last) or text[last.end : last.end + 1] in ("’", "'")
            if owner and e < len(toks) and not toks[e].cap:
                return nxt.start  # "said Trump’s use of Twitter", "said Sanders’ attack was"
        if e >= len(toks) or (
            toks[e].low in PREPOSITIONS and text[toks[e - 1].end : toks[e].start] == " "
        ):
            return None
        before = text[toks[k - 1].end : toks[k].start] if k else ""
        if "," in text[toks[e - 1].end : toks[e].start] and "," in before:
            return None
        return nxt.start
    if (
        j == k + 1 and lemma in _NOUN_CLAUSE_LEMMAS and nxt.text.isalpha() and not nxt.cap
        and nxt.low not in NOT_CLAUSE and nxt.low not in OBJECTS and nxt.low not in _NOT_SUBJECTS
        and nxt.low not in PREPOSITIONS and nxt.low not in ADVERBS
    ):
        # "said prices would rise", "said many people were angry": a subject without an
        # article, if a finite verb follows within three words (not "said hello to").
        prev = nxt
        for w in toks[j + 1 : j + 4]:
            if text[prev.end : w.start].strip() or w.cap or w.low in PREPOSITIONS:
                break
            if w.low in _FINITE or (len(w.low) > 4 and w.low.endswith("ed")):
                return nxt.start
            prev = w
    return None


def _tail(
    text: str, lo: int, hi: int, toks: list[Token] | None, quoted: _Quoted, cues: CueWords
) -> list[Reported]:
    """``…, X said.`` / ``…, according to X.`` and the sentence-initial ``According to X, …``.

    ``toks`` are the sentence's first tokens (three, if it has as many), or None if it has
    no "according".
    """
    if toks is not None:
        found_according = _according(text, lo, hi, quoted, cues)
        if found_according:
            return found_according
    comma = text.rfind(",", lo, hi)
    if comma < 0 or not cues.may_cue(lo, hi):
        return []  # attribution_after below finds nothing without a cue word (checked first: cheap)
    found_tail = _tail_at(text, lo, hi, comma, quoted, cues)
    if found_tail or quoted.covers(comma):
        return found_tail
    # "…, said Larry Sabato, director of the Center for Politics.": the last comma is the
    # speaker's aside; the attribution starts at the comma before its cue.
    for at in _SAID_AFTER_COMMA.finditer(text, lo, comma):
        found_tail = _tail_at(text, lo, hi, at.start(), quoted, cues, aside=True)
        if found_tail:
            return found_tail
    return []


def _tail_at(
    text: str, lo: int, hi: int, comma: int, quoted: _Quoted, cues: CueWords, aside: bool = False
) -> list[Reported]:
    """``…, X said.`` with the attribution after the comma at ``comma``; with ``aside``,
    the speaker's name is followed by a comma and an aside ("said X, director of Y")."""
    if not cues.may_cue(comma + 1, hi):
        return []
    if text[lo:comma].rstrip()[-1:] in ALL_MARKS:
        return []
    if quoted.covers(comma):
        return []
    if not 1 <= token_count(text, comma + 1, hi) <= (40 if aside else 9):
        return []
    found = attribution_after(text, comma + 1, hi, cues)
    if found is None:
        return []
    m, cue = found
    if cue == "according to":
        return []  # _according's, which read the whole source
    if aside:
        # The mention may hold the aside as its role ("said John Smith, a lawyer for the
        # state"): the comma that counts is the one after the name.
        named = m.name_end if m.name_end > m.start else m.end
        if m.kind != "person" or text[named : named + 1] != ",":
            return []
        hi = m.end  # the aside is read no further
    if MARK.search(text, m.end, hi):
        # "Meg Whitman, a former candidate, labeled Mr. Trump “unfit”": a quote after the
        # name makes the name what was said of, not the speaker of what came before.
        return []
    tail = tokenize(text, comma + 1, hi)  # no word spans the comma
    rest = [t for t in tail if t.start >= m.end and t.low != cue.lower()]
    if (m.kind == "pronoun" and m.name.lower() == "it") or len(rest) > 5:
        return []
    if any(t.low in ("to", "that", "and", "but") or t.low in CUES for t in rest):
        return []
    if rest and rest[0].low in _FINITE and any(t.low == cue.lower() for t in tail[:2]):
        # "Brown, who lives in Clarkston, said the plant was closing": the words after the
        # cue are what was said, their subject no speaker of the words before.
        return []
    # The words after the cue ("has said" has no clause), to a sentence's end or a clause
    # of when or why it was said ("Del Giudice said when the courtroom was reopened").
    cued = next((t.end for t in tail if t.low == cue.lower()), m.end)
    said: list[Token] = []
    for t in rest:
        if t.start < cued:
            continue
        if t.low in _WHEN_SAID or any(c in ".?!`“\"" for c in text[cued : t.start]):
            break
        said.append(t)
    if said and (
        said[0].low in CLAUSE_PRONOUNS
        or any(t.low in _FINITE for t in said)
        or (_verb_like(said[0]) and any(t.low == cue.lower() for t in tail[:2]))
    ):
        # "In a statement, the company said it had fixed the flaw", "John Smith, 45, said
        # the fire started": a clause follows the cue, and what came before is no quote.
        return []
    end = comma
    while end > lo and text[end - 1].isspace():
        end -= 1
    return [(lo, end, m, cue)] if end - lo > 10 else []


_BE = words("was were is are be been being")


def _passive_or_noun(toks: list[Token], k: int) -> bool:
    """Whether the cue ``toks[k]`` is passive ("it was revealed he ...": nobody's report;
    not "are hoping they will") or a noun ("the report they ...")."""
    before = toks[k - 1].low if k else ""
    return before in ("the", "a", "an") or (before in _BE and toks[k].low.endswith("ed"))


# Words that open a clause of when or why something was said, not of what was said.
_WHEN_SAID = words("when after before while because as since until if although though")

# "according to" as an attribution, not inside a quote (the masked text has none) and not
# "according to plan" (the nouns after it that are no source).
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s")
_NOT_SOURCES = words(
    """plan plans rule rules law laws schedule script instructions protocol custom tradition
    guidelines procedure procedures design form need needs ability merit merits"""
)
# Words that may open a sentence before its "according to" ("But according to aides, ...").
_BEFORE_ACCORDING = words("but and yet so still however now then also even again")
_JOINING = words("but and or yet")
# Words of a source phrase at most: past that, what follows is no longer who said it.
_SOURCE_WORDS = 40
_SOURCE_END = re.compile(r"[,(;:—–]|\s-+\s")
_LEAD_CHARS = " \t\n,—–-"


def _according(
    text: str, lo: int, hi: int, quoted: _Quoted, cues: CueWords
) -> list[Reported]:
    """``…, according to a 2015 Pew Research survey.``, ``…, according to Democrats involved
    in the negotiations.``, ``But according to aides, he wants …``: "according to" names
    a source however long its phrase, before or after what it says."""
    for at in _ACCORDING.finditer(text, lo, hi):
        src = at.end()
        # Bounded reads only: a run-on "sentence" may hold thousands of these.
        read = first_tokens(text, src, hi, _SOURCE_WORDS + 1)
        endless = len(read) > _SOURCE_WORDS and not _SOURCE_END.search(text, src, read[-1].start)
        if not read or endless:
            continue  # no end to the source in sight: no attribution
        stop = _SOURCE_END.search(text, src, read[-1].end)
        comma_after = stop is not None and text[stop.start()] == ","
        source_end = rstrip_end(text, src, stop.start() if stop else hi)
        source = first_tokens(text, src, source_end, _SOURCE_WORDS)
        if not source or source[0].low in _NOT_SOURCES or source[-1].low in _NOT_SOURCES:
            continue
        m = mention_after(text, src, source_end) or _source_phrase(text, source)
        if m is None:
            continue
        before = first_tokens(text, lo, at.start(), 4)
        prev = last_tokens(text, lo, at.start(), 1)
        said = rstrip_end(text, lo, at.start(), _LEAD_CHARS)  # the end of what came before
        if (len(before) < 4 and all(t.low in _BEFORE_ACCORDING for t in before)) or (
            prev and prev[0].low in _JOINING and comma_after
        ):
            # Opens the sentence or a clause joined to it ("…, but according to aides, he
            # relented"): what is said follows the source's comma.
            if not comma_after:
                continue
            assert stop is not None
            start, end = stop.end(), _content_end(text, stop.end(), hi, quoted)
        elif last_char(text, lo, at.start()) in (",", "—", "–", "-"):
            if text[said - 1] in ALL_MARKS or len(read) > _SOURCE_WORDS:
                continue  # "“Q,” according to X": the direct quote's attribution
            start, end = lo, said
            last = last_tokens(text, lo, end, 1)
            if last and last[0].low in _JOINING:  # "…, but according to X."
                end = rstrip_end(text, lo, last[0].start, _LEAD_CHARS)
            after = first_tokens(text, stop.end(), hi, 1) if stop and comma_after else []
            if after and after[0].low in CUES:
                continue  # "The A.G., according to the Times, said he had …": his, via it
            if after and verbish(after[0]) and not after[0].low.endswith("ing"):
                # "Mr. Trump, according to aides, has been …": the subject before, the
                # verb after; the attribution stands inside what it reports.
                assert stop is not None
                end = _content_end(text, stop.end(), hi, quoted)
        else:
            continue
        first = first_tokens(text, start, end, 1)
        if not first or _no_clause(text, first[0].start, end):
            continue
        if any(attribution_after(text, q.after, end, cues) for q in quoted.opening_in(lo, end)):
            # "“Q,” Obama said, according to a pool report": the quote's speaker is named;
            # the source is who passed it on (a credit), not who said it.
            continue
        return [(first[0].start, end, m, "according to")]
    return []


def _source_phrase(text: str, source: list[Token]) -> Mention | None:
    """A source the speaker rules do not name ("exit polls", "a 2015 Pew Research survey",
    "ouest-france.fr"): its words up to the first preposition, as a description."""
    words_ = source[:6]
    for i, t in enumerate(words_):
        if i and t.low in PREPOSITIONS:
            words_ = words_[:i]
            break
    body = [t for t in words_ if t.low not in ("the", "a", "an")]
    if not body:
        return None
    name = text[body[0].start : body[-1].end]
    return Mention(words_[0].start, words_[-1].end, name, "description", None,
                   body[0].start, body[-1].end)


_COMMA = re.compile(r",")
# Words of an attribution between commas: "X said" and at most a time after it.
_PARENTHETICAL_WORDS = 8
# Uninflected cues that attribute between commas ("the claims, they say, are false"); any
# other bare form there is more likely a noun ("a Sanders volunteer").
_BARE_PARENTHETICAL = words("say argue think believe contend insist warn note")


def _parenthetical(
    text: str, lo: int, hi: int, quoted: _Quoted, cues: CueWords
) -> list[Reported]:
    """``In his state, Christie said, nonviolent offenders are sent to treatment.``: an
    attribution between two commas inside the sentence reports the clause after it, with
    the words before it when that clause has no subject of its own ("This campaign, he
    says, is different.")."""
    if not cues.may_cue(lo, hi):
        return []
    commas = [m.start() for m in _COMMA.finditer(text, lo, hi) if not quoted.covers(m.start())]
    for c1, c2 in pairwise(commas):
        if not cues.may_cue(c1 + 1, c2) or len(first_tokens(text, lo, c1, 2)) < 2:
            continue
        segment = tokenize(text, c1 + 1, c2)
        if not 2 <= len(segment) <= _PARENTHETICAL_WORDS:
            continue
        found = attribution_after(text, c1 + 1, c2, cues)
        if found is None:
            continue
        m, cue = found
        k = next((i for i, t in enumerate(segment) if t.text == cue), None)
        low = cue.lower()
        if (
            k is None
            # "a Los Angeles-area Sanders volunteer": a bare form is a noun as often
            or (low == CUES.get(low) and low not in _BARE_PARENTHETICAL)
            or m.start != segment[0].start  # "and Democrats are alleging": no aside
            or any(t.start < m.end for t in segment[k:])  # "said Smith"
            or any(t.start >= m.end and t.low not in ADVERBS for t in segment[:k])
            or any(t.low not in TIME_WORDS for t in segment[k + 1 :])  # "said it was"
        ):
            continue
        end = _content_end(text, c2 + 1, hi, quoted)
        after = first_tokens(text, c2 + 1, end, 1)
        if not after:
            continue
        start = first_tokens(text, lo, c1, 1)[0].start
        if after[0].low.endswith("ing") or (
            after[0].low in _WHY_AFTER and text[c2 + 1 : after[0].start].strip() == ""
        ):
            # "Sales were great, he said, wiping sweat off his face": what he did then;
            # "Trump has hurt the party with young voters, Graham said, since most of them
            # accept it": why, with the clause said before (not a quote that opens).
            end = rstrip_end(text, start, c1)
            semicolon = text.rfind(";", start, end)
            if semicolon >= 0:
                start = first_tokens(text, semicolon + 1, end, 1)[0].start
            if end - start > _BEFORE_CHARS or _QUOTE_AFTER_STOP.search(text, start, end):
                continue  # a run-on, or the words before hold another sentence's quote
            before = tokenize(text, start, end)
            if before[0].low in PREPOSITIONS and not any(map(_finite, before)):
                continue  # "In the early 1990s, she said, when ...": when, not what
        elif not verbish(after[0]):
            start = after[0].start  # else the clause's subject is before: "…, is different"
        if _no_clause(text, start, end):
            continue
        return [(start, end, m, cue)]
    return []


_SHORT_CLAUSE = 3
# Longer words before ", X said, since ..." are a run-on, not a clause said (and reading
# them for each such attribution made a run-on text quadratic).
_BEFORE_CHARS = 600
_QUOTE_AFTER_STOP = re.compile(r"[.!?]\s*(?:``|''|[“”\"])")
# Words opening the clause after ", X said," that tell why, or what else happened.
_WHY_AFTER = words("because since although though while whereas unless if when but and so")
_WORD_CHAR = re.compile(r"\w")
_NOUN_CLAUSE_LEMMAS = words("say claim argue insist think believe warn predict suggest")
_NOT_SUBJECTS = words(
    """hello goodbye yes no nothing something anything everything so thanks sorry too more
    less little much enough again only just once twice whether if what how where when why who
    whom which as because though although while until unless since"""
)
_FINITE = words(
    """would will could should can may might must had has have was were is are did does do
    fell rose grew won lost made went came took gave saw knew began remained became left got
    kept paid held led met sent spent built brought bought caught fought found heard meant
    stood struck understood wrote ran"""
)
# Adverbs that may stand between a cue and its clause (the auxiliaries among ADVERBS not).
_ADVERBS_AFTER_CUE = ADVERBS - words(
    "has had have would will was is were are did does do could should might may can not never"
)
_SAID_AFTER_COMMA = re.compile(r",\s+(?=(?:said|says)\s+[A-Z])")
_PASSIVE = words("been was were being is are be get got")
_TIME_PREPOSITIONS = words("on in at during after before while when")
# After "told" and its hearer: how many words more may come before the clause's pronoun.
_HEARER_WORDS = 5
_NOT_HEARER = words("to but and or before after when while because if as until since that")
# Adverbs that may stand between a relative "that" and its verb ("that soon made").
_LEADING_ADVERBS = words("soon later then also again already still never once even just often")
_DETERMINERS = words("the a an this that these those his her their its our my your")


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


# Horizontal spaces other than " " ("Stu\xa0Burguiere", a no-break space in web copy, in one
# text in eight of bench/ingest.py's): read as " ", one for one, so that a name runs across
# them as across a space and every offset still holds.
_HORIZONTAL = "\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_OTHER_SPACE = re.compile(f"[{_HORIZONTAL}]")
_SPACES_AS_SPACE = str.maketrans(_HORIZONTAL, " " * len(_HORIZONTAL))


def _rather(new: Quote, held: Quote) -> bool:
    """Of two cues that report the same words, which to keep: "said" over what else
    reads as a cue there ("X said, adding that ...", "Unity state, said that ..."), else
    the later, nearer one ("a blog post stating that ...")."""
    return CUES.get((held.cue or "").lower()) != "say" or CUES.get((new.cue or "").lower()) == "say"


def extract(text: str) -> tuple[list[Quote], list[Credit]]:
    """Direct and indirect quotes with their speakers, and the article's credits."""
    written = text
    src = text.translate(_SPACES_AS_SPACE) if _OTHER_SPACE.search(text) else text
    marked = find_marked(src)
    sents = sentences(src, marked)
    paras = paragraphs(src)
    para_starts = [a for a, _ in paras]
    # Attribution is parsed on a copy whose quoted words are blanked out, so a name or a
    # "said" inside a quote never reads as the speaker; offsets stay those of ``src``.
    text = mask(src, marked)
    made_resolver: list[Resolver] = []

    def res() -> Resolver:
        # Made on first use: one in seven documents has no speaker to resolve, and reading
        # every name in the document is a third of the work.
        if not made_resolver:
            made_resolver.append(Resolver(text, src))
        return made_resolver[0]

    quoted = _Quoted(marked)
    cues = CueWords(text)
    quotes: list[Quote] = []
    directs: list[tuple[int, int]] = []  # (start, end) of the direct quotes, sorted
    last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph

    def para(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos)

    for si, (lo, hi) in enumerate(sents):
        first = len(quotes)
        inside = quoted.opening_in(lo, hi)
        opener: int | None = None  # a quote opening the sentence with no attribution of its own
        for qi, q in enumerate(inside):
            m, cue = attribute(src, text, sents, si, inside, qi, cues)
            starts = blank(text, lo, q.open)
            same_sentence = last is not None and last[0].end > lo
            if m is None and not starts and not same_sentence:
                # A fragment in a sentence with no cue ("Obama made clear his aim to
                # “fundamentally transform” the country") belongs to the sentence's subject.
                m = subject(text, lo, q.open)
            made = make_quote(src, (q.start, q.end), "direct", m, cue, res)
            if m is None and last and (same_sentence or (starts and para(q.open) - last[1] <= 1)):
                made = inherit(made, last[0])  # a later quote of the same speaker
            if made.speaker_start is not None:
                last = (made, para(q.end))
            bisect.insort(directs, (made.start, made.end))
            # On CBS's “Face the Nation”: a name nobody says (titles.py). It still lends its
            # speaker to the quotes after it ("On “This Week,” Rubio said ... “...”").
            if is_title(src, q) or is_nickname(src, q):
                continue
            if qi == 0 and starts and m is None:
                opener = len(quotes)
            elif (
                opener is not None
                and m is not None
                and (made.speaker_start or 0) >= made.end
                # Words between the two: quotes side by side are two remarks run together
                # (paragraph breaks lost), the second often someone else's.
                and _WORD_CHAR.search(text, inside[qi - 1].after, q.open) is not None
            ):
                # “I don't think the conventional wisdom” -- that ... -- “is going to
                # last,” he says: one remark in two parts, attributed at its end; the
                # sentence's own attribution, not a speaker before it, is the first's.
                quotes[opener] = inherit(quotes[opener], made)
                opener = None
            quotes.append(made)
        reported = len(quotes)
        indirect: dict[tuple[int, int], Quote] = {}
        for start, end, m, cue in _indirect(text, lo, hi, quoted, cues) + _parenthetical(
            text, lo, hi, quoted, cues
        ):
            if not _duplicate(start, end, directs):
                made = make_quote(src, (start, end), "indirect", m, cue, res)
                held = indirect.get((start, end))
                if held is not None and not _rather(made, held):
                    continue
                indirect[start, end] = made
                if made.speaker:
                    last = (made, para(start))
        quotes += indirect.values()
        _lend_to_fragments(src, quotes, first, reported)
        if not inside and len(quotes) == reported:
            told = told_only(text, lo, hi, cues)
            if told is not None:
                # Not a quote (nothing is reported), but the next one is this speaker's.
                made = make_quote(src, (lo, rstrip_end(text, lo, hi)), "indirect", *told, res)
                if made.speaker_start is not None:
                    last = (made, para(lo))
    _lend_back(src, marked, quotes, para)
    turns = find_turns(src, paras, lambda m: res().resolve(m))
    answers = find_answers(src, paras, lambda end: res().most_named(end))
    if answers:
        # Labelled turns come first where the two meet (both are in text order, disjoint).
        turn_starts = [t.start for t in turns]
        for turn in answers:
            k = bisect.bisect_left(turn_starts, turn.end)
            if k == 0 or turns[k - 1].end <= turn.start:
                turns.insert(k, turn)
                turn_starts.insert(k, turn.start)
    if turns:
        _take_turns(src, sents, turns, quotes, directs, res)
    quotes.sort(key=lambda q: (q.start, q.end))
    credits = find_credits(src)
    if src is not written:
        # Only the reading took those spaces for " ": quotes and credits keep them.
        quotes = [q.model_copy(update={"text": written[q.start : q.end]}) for q in quotes]
        credits = [c.model_copy(update={"text": written[c.start : c.end]}) for c in credits]
    return quotes, credits


def _lend_to_fragments(text: str, quotes: list[Quote], first: int, reported: int) -> None:
    """A direct quote with no speaker inside a sentence's reported clause is part of what
    that clause's speaker said ("Manafort told friends that the candidate thought the
    criticism was a “badge of honor”"), as is one before a quote attributed after it:
    quotes[first:reported] are the sentence's direct quotes, in text order, quotes[reported:]
    its reported clauses. Linear in the quotes (a run-on sentence may hold thousands)."""
    clauses = sorted((r.start, r.end, k) for k, r in enumerate(quotes[reported:]) if r.speaker)
    starts = [start for start, _, _ in clauses]
    nxt: Quote | None = None  # the quote after quotes[i], as lent to
    for i in range(reported - 1, first - 1, -1):
        q = quotes[i]
        if q.speaker is None:
            c = bisect.bisect_right(starts, q.start) - 1
            lender = quotes[reported + clauses[c][2]] if c >= 0 and q.end <= clauses[c][1] else None
            if (
                lender is None
                and nxt is not None
                and nxt.speaker_start is not None
                and nxt.speaker_start >= nxt.end
                and _one_clause(text, q.end, nxt.start)
            ):
                # Named after the next quote, with which it makes one clause: 'The “opt
                # out” movement is about “people telling leaders,” Wilcox said.'
                lender = nxt
            if lender is not None:
                q = quotes[i] = inherit(q, lender)
        nxt = q


_CLAUSE_END = re.compile(r"[.!?;:]")


def _one_clause(text: str, a: int, b: int) -> bool:
    """Whether two quotes, the first ending at ``a`` and the second starting at ``b``,
    stand in one clause: words between them, no full stop (a sentence split missed: '...
    MacBook Pro." "It's the most beautiful computer," Schiller said') and nothing ending
    the first quote's clause."""
    between = text[a:b]
    if _CLAUSE_END.search(between) or not _WORD_CHAR.search(between):
        return False
    tail = text[max(a - 1, 0) : a]
    return tail not in (".", "!", "?")


_FIRST_PERSON = ("I", "We", "we")


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
                quotes.append(make_quote(text, (start, end), "direct", turn.speaker, None, res))
    starts = [turn.start for turn in turns]  # in text order, and disjoint
    for k, q in enumerate(quotes):
        if q.speaker is None and q.kind == "indirect":
            # A clause may open with the turn's label ("A: Because they needed help, I
            # think"): the label is no part of it.
            t = bisect.bisect_right(starts, q.end - 1) - 1
            if t >= 0 and q.start < turns[t].end:
                span = (max(q.start, turns[t].start), q.end)
                who = turns[t].speaker
                a, b = q.speaker_start, q.speaker_end
                if a is not None and b is not None and text[a:b] in _FIRST_PERSON:
                    # "I think he is ...": the speaker is written there, as "I".
                    who = Mention(a, b, who.name, "person", who.role, a, b)
                quotes[k] = make_quote(text, span, "indirect", who, q.cue, res)


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
            quotes[i] = inherit(quotes[i], quotes[j])
