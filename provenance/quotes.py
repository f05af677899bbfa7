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
previous paragraph, and for a fragment inside a sentence the sentence's subject. Rules, not
a parser: on PolNeAR a spaCy small-model fallback added 2 points of speaker accuracy for 15x
the time per document (see bench/quotes.py).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

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
    NOT_NAMES,
    PRONOUNS,
    Mention,
    mention_after,
    mention_before,
)
from provenance.tokens import Token, gap, tokenize

_SENTENCE_PUNCT = re.compile(r"[.;:!?“”\"«»()]")  # between two words: not one phrase
_CLAUSE_PUNCT = re.compile(r"[.;:!?“”\"«»()\n]")
# Reported speech is cut here at the latest (real news sentences stay under 1,000).
MAX_CONTENT_CHARS = 2000
_BOUNDARY_AFTER = re.compile(
    r",\s+(?:according to|while|but|although|though|whereas|as well as|and (?:added|said|noted)|"
    r"[a-z]+ing\b)|;|\s[—–]\s|\s--\s|\)|\s\(",
)


def _subject(text: str, lo: int, hi: int) -> Mention | None:
    """The main clause's subject, for cues that have none of their own (", calling them"):
    the first phrase at a clause start ("Back in 1999, Mr. Trump expressed") that a
    verb-like word follows."""
    toks = tokenize(text, lo, hi)
    clause = 0  # first token of the current clause
    for i, tok in enumerate(toks):
        if i and ("," in gap(text, toks[i - 1], tok) or toks[i - 1].low in ("and", "but")):
            clause = i
        # A clause start, or past openers only ("Then he cut", "On Monday Trump said").
        if not all(t.low in NOT_NAMES or t.text[:1].isdigit() for t in toks[clause:i]):
            continue
        m = mention_after(text, tok.start, hi)
        if m is None:
            continue
        rest = [t for t in toks[i:] if t.start >= m.end]
        if rest and text[m.end : rest[0].start].strip() == ",":
            # "Huma Abedin, vice chairwoman for the campaign, emailed": skip the aside.
            later = [t for t in rest[1:13] if "," in text[m.end : t.start].replace(",", "", 1)]
            rest = later[:1] if later else rest
        if (not rest and not text[m.end : hi].strip(" ,")) or (rest and verbish(rest[0])):
            return m
    return None


def _cue_subject(text: str, lo: int, cue: Token) -> Mention | None:
    """Who utters ``cue``: the phrase right before it, or for ", warning that" and
    "and added" the subject of the main clause."""
    before = text[lo : cue.start].rstrip()
    if not before:
        return None
    if (before.endswith(",") and cue.low.endswith("ing")) or before.endswith((" and", " to")):
        return _subject(text, lo, cue.start)
    return mention_before(text, cue.start, lo) or _subject(text, lo, cue.start)


def _attr_right(text: str, pos: int, hi: int) -> tuple[Mention, str] | None:
    """``“Q,” X said`` and ``“Q,” said X``."""
    p = pos
    while p < hi and (text[p].isspace() or text[p] in ",—–-:"):
        p += 1
    toks = tokenize(text, p, hi)[:16]
    if not toks or (text[pos:p].strip(" ,—–-") and text[pos:p].strip() not in ("",)):
        return None
    if len(toks) > 2 and toks[0].low == "according" and toks[1].low == "to":
        m = mention_after(text, toks[1].end, hi)
        return (m, "according to") if m else None
    if is_cue(text, toks, 0) and toks[0].low != "according":
        m = mention_after(text, toks[0].end, hi) if len(toks) > 1 else None
        return (m, toks[0].text) if m else None
    for k in range(1, len(toks)):
        if _SENTENCE_PUNCT.search(text, toks[k - 1].end, toks[k].start):
            return None
        if is_cue(text, toks, k):
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
    text: str, lo: int, pos: int, sent_lo: int
) -> tuple[Mention | None, str | None] | None:
    """``X said: “Q”``, ``X called it “Q”``, ``according to X, “Q”``."""
    toks = tokenize(text, lo, pos)
    for k in range(len(toks) - 1, -1, -1):
        if not is_cue(text, toks, k):
            continue
        t = toks[k]
        if t.low == "according":
            return mention_after(text, toks[k + 1].end, pos), "according to"
        if text[sent_lo : t.start].rstrip(" ,")[-1:] in ALL_MARKS:
            return mention_after(text, t.end, pos), t.text  # “Q1,” said X. “Q2.”
        if text[sent_lo : t.start].rstrip().endswith(","):
            m = mention_after(text, t.end, pos)  # "But, said Solovey, “Q”"
            if m is not None and text[m.end : pos].strip() in (",", ":", ""):
                return m, t.text
        return _cue_subject(text, sent_lo, t), t.text
    if text[lo:pos].rstrip().endswith(":") and toks:
        # "Kasich resisted: “Q”": any verb before a colon introduces the quote.
        m = _subject(text, sent_lo, text.rindex(":", lo, pos))
        return (m, None) if m else None
    return None


def _bare_attribution(text: str, lo: int, hi: int) -> tuple[Mention, str] | None:
    """A sentence that only attributes ("Trump asked.") after a quote that ended a sentence."""
    toks = tokenize(text, lo, hi)
    if not 2 <= len(toks) <= 8 or "\n" in text[lo:hi]:
        return None
    return _attr_right(text, lo, hi)


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
    for m in re.finditer(r",\s+([a-z]+)\b", text[start:end]):
        if m.group(1) in CUES and m.group(1) != "according":
            end = start + m.start()
            break
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
        end -= 1
    return end


Reported = tuple[int, int, Mention, str]  # content start, content end, speaker, cue


def _indirect(text: str, lo: int, hi: int, quoted: _Quoted) -> list[Reported]:
    """``X warned that …``, ``X said he …``, ``…, X said.``, ``According to X, …``."""
    found: list[tuple[int, int, Mention, str]] = []
    toks = tokenize(text, lo, hi)
    for k, t in enumerate(toks):
        if CUES.get(t.low) not in THAT_LEMMAS or not is_cue(text, toks, k):
            continue
        start = _clause_start(text, toks, k, hi)
        if start is None or text[lo : t.start].rstrip(" ,")[-1:] in ALL_MARKS:
            continue
        m = _cue_subject(text, lo, t)
        if m is None:
            continue
        end = _content_end(text, start, hi, quoted)
        if end - start > 3:
            found.append((start, end, m, t.text))
    found.extend(_tail(text, lo, hi, toks, quoted))
    return found


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
    text: str, lo: int, hi: int, toks: list[Token], quoted: _Quoted
) -> list[Reported]:
    """``…, X said.`` / ``…, according to X.`` and the sentence-initial ``According to X, …``."""
    if len(toks) > 2 and toks[0].low == "according" and toks[1].low == "to":
        comma = text.find(",", toks[1].end, hi)
        m = mention_after(text, toks[1].end, comma if comma > 0 else hi)
        if m and comma > 0:
            end = _content_end(text, comma + 1, hi, quoted)
            start = comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip())
            return [(start, end, m, "according to")] if end - start > 3 else []
    comma = text.rfind(",", lo, hi)
    if comma < 0 or text[lo:comma].rstrip()[-1:] in ALL_MARKS:
        return []
    if quoted.covers(comma):
        return []
    tail = [t for t in toks if t.start > comma]
    if not 1 <= len(tail) <= 9:
        return []
    found = _attr_right(text, comma + 1, hi)
    if found is None:
        return []
    m, cue = found
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
    text: str, span: tuple[int, int], kind: str, m: Mention | None, cue: str | None, res: Resolver
) -> Quote:
    if m is None:
        return Quote(text=text[span[0] : span[1]], start=span[0], end=span[1],
                     kind="direct" if kind == "direct" else "indirect", cue=cue)
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


def _inherit(q: Quote, prev: Quote) -> Quote:
    return q.model_copy(update={
        "speaker": prev.speaker, "speaker_start": prev.speaker_start,
        "speaker_end": prev.speaker_end, "role": prev.role, "cue": prev.cue,
    })


def _attribute(
    src: str, text: str, sents: list[tuple[int, int]], si: int, inside: list[Marked], qi: int
) -> tuple[Mention | None, str | None]:
    """Speaker and cue of the ``qi``-th quote of sentence ``si``, from the words around it."""
    lo, hi = sents[si]
    q = inside[qi]
    left_lo = inside[qi - 1].after if qi else lo
    right_hi = inside[qi + 1].open if qi + 1 < len(inside) else hi
    # “Q,” X said: a quote ending in a comma hands over to the words after it.
    tail = src[q.start : q.end].rstrip()[-1:]
    open_ended = tail in ",?!—–-" or text[q.after : q.after + 1] == ","
    right = _attr_right(text, q.after, right_hi)
    left = _attr_left(text, left_lo, q.open, lo)
    found = (right or left) if open_ended else (left if left and left[0] else right or left)
    if (not found or found[0] is None) and si + 1 < len(sents) and not text[q.after : hi].strip():
        found = _bare_attribution(text, *sents[si + 1]) or found
    if (not found or found[0] is None) and si and not text[lo : q.open].strip():
        plo, phi = sents[si - 1]
        if text[plo:phi].rstrip().endswith(":"):
            found = _attr_left(text, plo, phi, plo) or found
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
    res = Resolver(text)
    quoted = _Quoted(marked)
    quotes: list[Quote] = []
    directs: list[tuple[int, int]] = []  # (start, end) of the direct quotes, sorted
    last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph

    def para(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos)

    for si, (lo, hi) in enumerate(sents):
        inside = quoted.opening_in(lo, hi)
        for qi, q in enumerate(inside):
            m, cue = _attribute(src, text, sents, si, inside, qi)
            starts = not text[lo : q.open].strip()
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
        for start, end, m, cue in _indirect(text, lo, hi, quoted):
            if not _duplicate(start, end, directs):
                made = _quote(src, (start, end), "indirect", m, cue, res)
                if made.speaker:
                    last = (made, para(start))
                quotes.append(made)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes, find_credits(src)
