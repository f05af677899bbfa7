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
from dataclasses import dataclass
from itertools import pairwise

from provenance.credits import find_credits
from provenance.models import Credit, Quote
from provenance.speakers import (
    ABBREVIATIONS,
    ADVERBS,
    DETERMINERS,
    NOT_NAMES,
    PRONOUNS,
    SPEAKER_NOUNS,
    TITLES,
    Mention,
    Resolver,
    Token,
    gap,
    gender_of,
    is_possessive,
    mention_after,
    mention_before,
    tokenize,
    words,
)

_CUE_LEMMAS = words(
    """say state tell warn add urge claim note explain argue insist write tweet post announce
    declare assert acknowledge admit deny reply respond recall suggest predict promise vow
    pledge ask answer continue conclude complain emphasise emphasize stress reveal report
    describe call echo dismiss reject accuse charge contend maintain observe remark comment
    confirm concede boast joke quip shout yell testify allege agree caution counter recount
    reiterate repeat demand plead speculate estimate signal hint lament mock praise criticize
    criticise blast slam thank apologize apologise assure inform remind proclaim scoff exclaim
    whisper believe think fear hope indicate affirm clarify detail elaborate lash brand label
    dub term cite mention promise threaten order instruct advise inform predict declare protest
    grouse gush rail fume scold retort rebuke tout muse read snipe gripe rant marvel brag sneer
    thunder fret grumble opine volunteer interject beam laugh sigh cry plead"""
)
# Forms the regular rule in _forms gets wrong.
_IRREGULAR = {
    "say": "says said saying", "tell": "tells told telling", "write": "writes wrote writing",
    "think": "thinks thought thinking", "admit": "admits admitted admitting",
    "quip": "quips quipped quipping", "deny": "denies denied denying",
    "reply": "replies replied replying", "testify": "testifies testified testifying",
    "clarify": "clarifies clarified clarifying", "plead": "pleads pleaded pled pleading",
    "slam": "slams slammed slamming", "dub": "dubs dubbed dubbing",
    "label": "labels labeled labelled labeling", "signal": "signals signaled signalled",
}


def _forms(lemma: str) -> list[str]:
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma].split()]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    s = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    return [lemma, s, stem + "ed", stem + "ing"]


CUES: dict[str, str] = {f: lemma for lemma in _CUE_LEMMAS for f in _forms(lemma)}
# Verbs whose "that"/clause complement is the reported content.
_THAT_LEMMAS = words(
    """say state tell warn add claim note explain argue insist write tweet post announce declare
    assert acknowledge admit deny reply respond recall suggest predict promise vow pledge
    conclude complain emphasise emphasize stress reveal report charge contend maintain observe
    remark confirm concede boast testify allege agree caution counter reiterate speculate
    estimate signal hint lament assure inform remind believe think fear hope indicate affirm
    clarify threaten argue"""
)
# "said he", "told reporters he": these lemmas take a bare clause too.
_BARE_LEMMAS = words(
    """say tell claim argue insist warn suggest predict add note write tweet think believe"""
)
_NOT_CLAUSE = words("that this a an her his")  # "said a lot", "told her": not a clause
_OBJECTS = words("reporters me him her them us")
_NAMING = words("call dub label term brand title name")
_OBJECT_LEMMAS = words("tell warn assure inform remind")
_SUBJECT_STARTS = words(
    """he she they it we i there this that these those his her their its our the a an"""
)
_TIME_WORDS = words(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier
    later recently previously last this on in at during after before while when afterward
    afterwards again also repeatedly late early morning evening night week month year"""
)
_OPENERS = {"“": "d", "„": "d", "‟": "d", "«": "g", "‹": "h", "‘": "s", "‚": "s"}
_CLOSERS = {"”": "d", "»": "g", "›": "h", "’": "s"}
_STRAIGHT = {'"': "d", "'": "s"}
_ALL_MARKS = "".join([*_OPENERS, *_CLOSERS, *_STRAIGHT])
_ELISIONS = ("em ", "til ", "cause ", "n ", "n’", "n'", "tis ", "twas ", "bout ")
_LEFT_FREE = set("([{—–-/") | set(_OPENERS) | set(_STRAIGHT)
_RIGHT_FREE = set(".,;:!?)]}—–-…") | set(_CLOSERS) | set(_STRAIGHT)
_SENT_END = re.compile(r"[.!?…]+[”\"’'»)\]]*(?=\s+[“\"‘'«(\[]{0,2}[A-Z0-9])")
_BOUNDARY_AFTER = re.compile(
    r",\s+(?:according to|while|but|although|though|whereas|as well as|and (?:added|said|noted)|"
    r"[a-z]+ing\b)|;|\s[—–]\s|\s--\s|\)|\s\(",
)


@dataclass(frozen=True)
class _Marked:
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
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n[ \t\r\f\v\u00a0]*(?:\n\s*)?", text):
        before = text[start : m.start()].rstrip()
        after = text[m.end() : m.end() + 1]
        blank = m.group().count("\n") > 1
        soft = not blank and before[-1:] not in ".!?:;\"”’»)" and after.islower()
        if soft:
            continue
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


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


def find_marked(text: str) -> list[_Marked]:
    """Outermost quoted stretches, pairing marks with a stack; never raises on bad input."""
    found: list[_Marked] = []
    paras = paragraphs(text)
    stack: list[tuple[str, int]] = []
    skip_at = -1
    for n, (ps, pe) in enumerate(paras):
        for i in range(ps, pe):
            if text[i] not in _ALL_MARKS or i == skip_at:
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
            if measure and not any(f == "d" for f, _ in stack):
                continue  # 5'10" is a measurement, not a quote
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), -1)
            if kind == "open" or (kind == "either" and depth < 0):
                if fam == "s" and text[i] in "’'" and stack and stack[-1][0] == "s":
                    continue
                stack.append((fam, i))
                continue
            if depth < 0:
                continue  # a closer with nothing to close: stray, or an apostrophe
            if depth == 0:
                found.append(_trim(text, stack[0][1], i, i))
            del stack[depth:]
        if not stack:
            continue
        nxt = paras[n + 1][0] if n + 1 < len(paras) else -1
        bottom_fam, bottom_pos = stack[0]
        nxt_role = _role(text, nxt) if nxt >= 0 and text[nxt] in _ALL_MARKS else None
        if nxt_role and nxt_role[0] == bottom_fam and nxt_role[1] != "close":
            # The mark that reopens each paragraph of a long quote continues it.
            del stack[1:]
            skip_at = nxt
            continue
        if bottom_fam != "s":
            found.append(_trim(text, bottom_pos, -1, pe))
        stack.clear()
    return [q for q in found if q.end > q.start]


def _trim(text: str, open_at: int, close_at: int, end: int) -> _Marked:
    start = open_at + (2 if text[open_at : open_at + 2] == "''" else 1)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    width = 2 if close_at >= 0 and text[close_at : close_at + 2] == "''" else 1
    if not any(c.isalnum() for c in text[start:end]):
        end = start
    return _Marked(open_at, close_at, start, end, width)


def sentences(text: str, quoted: list[_Marked]) -> list[tuple[int, int]]:
    """Sentence spans that never cut through a quote (a quote's own sentences stay whole)."""
    inside = [(q.open, q.close if q.close >= 0 else q.end) for q in quoted]
    cuts: set[int] = set()
    for ps, pe in paragraphs(text):
        cuts.update((ps, pe))
        for m in _SENT_END.finditer(text, ps, pe):
            word = re.search(r"([\w.]+)[.!?…]+\W*$", text[max(ps, m.start() - 30) : m.end()])
            w = word.group(1).lower() if word else ""
            if text[m.start()] == "." and (w in ABBREVIATIONS or len(w) == 1 or "." in w[:-1]):
                continue
            cuts.add(m.end())
    bounds = sorted(c for c in cuts if not any(a < c < b for a, b in inside))
    spans: list[tuple[int, int]] = []
    for a, b in pairwise(bounds):
        while a < b and text[a].isspace():
            a += 1
        if a < b:
            spans.append((a, b))
    return spans


_NOUN_BEFORE = words("the a an his her their its this that these those our such")


def _is_cue(text: str, toks: list[Token], k: int) -> bool:
    t = toks[k]
    if t.low == "according":
        return k + 1 < len(toks) and toks[k + 1].low == "to"
    if t.low not in CUES or (t.cap and k > 0):
        return False
    if k == 0:
        return True
    prev = toks[k - 1]
    if text[prev.end : t.start] != " ":
        return True
    # "the statement", "his claims": a determiner before makes the word a noun.
    if prev.low in _NOUN_BEFORE or is_possessive(prev):
        return False
    if CUES[t.low] in _NAMING and not prev.cap and prev.low not in PRONOUNS and (
        prev.low not in SPEAKER_NOUNS and prev.low not in ADVERBS
    ):
        return False  # "a short film called “Tenemos Familias”" names, it does not quote
    # "dismissed claims that": a plural noun after a verb, not a verb after its subject.
    if k >= 2 and toks[k - 2].low in DETERMINERS:
        return True  # "The ad claims": a noun phrase, then its verb
    return not (
        t.low.endswith("s") and not prev.cap and prev.low not in ADVERBS
        and prev.low not in PRONOUNS and prev.low not in SPEAKER_NOUNS and prev.low not in TITLES
    )


_NOT_VERBS = words(
    """of in on at to for from with by and or but as than about after before during into over under
    between against near who whom whose which that the a an"""
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
        if (not rest and not text[m.end : hi].strip(" ,")) or (rest and _verbish(rest[0])):
            return m
    return None


_COMMON_VERBS = words(
    """is was are were has had have will would can could did does may might must should made
    took gave went came got put set kept left began won lost ran met sent spent held led threw
    brought became wrote spoke stood sat felt saw fought sought taught caught bought built paid
    hit cut let drew grew knew flew rose drove broke chose stole wore swore hung sang shot fled
    fed bent dealt meant slept sold struck"""
)


def _verbish(tok: Token) -> bool:
    """Could this word be the verb after a subject? ("he demurred", not "Iowa county")."""
    low = tok.low
    if tok.cap or low in _NOT_VERBS:
        return False
    return (
        low in CUES or low in ADVERBS or low in _COMMON_VERBS
        or (len(low) > 3 and low.endswith(("ed", "s", "ly")) and not low.endswith("ss"))
    )


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
    if _is_cue(text, toks, 0) and toks[0].low != "according":
        m = mention_after(text, toks[0].end, hi) if len(toks) > 1 else None
        return (m, toks[0].text) if m else None
    for k in range(1, len(toks)):
        if any(c in text[toks[k - 1].end : toks[k].start] for c in ".;:!?“”\"«»()"):
            return None
        if _is_cue(text, toks, k):
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
        if not _is_cue(text, toks, k):
            continue
        t = toks[k]
        if t.low == "according":
            return mention_after(text, toks[k + 1].end, pos), "according to"
        if text[sent_lo : t.start].rstrip(" ,")[-1:] in _ALL_MARKS:
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


def _content_end(text: str, start: int, hi: int, quoted: list[_Marked]) -> int:
    end = hi
    for m in _BOUNDARY_AFTER.finditer(text, start, hi):
        if not any(q.open < m.start() < max(q.close, q.end) for q in quoted):
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


def _indirect(text: str, lo: int, hi: int, quoted: list[_Marked]) -> list[Reported]:
    """``X warned that …``, ``X said he …``, ``…, X said.``, ``According to X, …``."""
    found: list[tuple[int, int, Mention, str]] = []
    toks = tokenize(text, lo, hi)
    for k, t in enumerate(toks):
        if not _is_cue(text, toks, k) or CUES.get(t.low) not in _THAT_LEMMAS:
            continue
        start = _clause_start(text, toks, k, hi)
        if start is None or text[lo : t.start].rstrip(" ,")[-1:] in _ALL_MARKS:
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
        if any(c in text[toks[j - 1].end : toks[j].start] for c in ".;:!?“”\"«»()\n"):
            return None
        if toks[j].low == "that":
            return toks[j + 1].start if j + 1 < len(toks) else None
        if toks[j].low in CUES and j > k + 1:
            return None
    if lemma not in _BARE_LEMMAS:
        return None
    j = k + 1
    if lemma in _OBJECT_LEMMAS and j < len(toks) and toks[j].low in _OBJECTS:
        j += 1
    while j < len(toks) and toks[j].low in _TIME_WORDS and j < k + 3:
        j += 1
    if j >= len(toks) or text[toks[j - 1].end : toks[j].start].strip():
        return None
    nxt = toks[j]
    if (nxt.low in _SUBJECT_STARTS and nxt.low not in _NOT_CLAUSE) or (
        nxt.cap and nxt.low not in _TIME_WORDS and nxt.low not in PRONOUNS and j == k + 1
        and lemma in ("say", "claim", "argue", "insist", "think", "believe", "warn")
    ):
        return nxt.start
    return None


def _tail(
    text: str, lo: int, hi: int, toks: list[Token], quoted: list[_Marked]
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
    if comma < 0 or text[lo:comma].rstrip()[-1:] in _ALL_MARKS:
        return []
    if any(q.open < comma < max(q.close, q.end) for q in quoted):
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


_ASIDE = re.compile(r"(?<=\w) (\([A-Z][\w.’' ,-]{0,24}\))")  # "Sanders (I-Vt.)"


def _mask(text: str, marked: list[_Marked]) -> str:
    chars = list(text)
    for q in marked:
        for i in range(q.start, q.end):
            if not chars[i].isspace():
                chars[i] = "x"
    for m in _ASIDE.finditer(text):
        chars[m.start(1) : m.end(1)] = " " * (m.end(1) - m.start(1))
    return "".join(chars)


def _attribute(
    src: str, text: str, sents: list[tuple[int, int]], si: int, inside: list[_Marked], qi: int
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


def _duplicate(start: int, end: int, quotes: list[Quote]) -> bool:
    """Reported speech that is just a direct quote already found ("said that “…”")."""
    return any(
        start - 2 <= d.start and d.end <= end + 2 and (d.end - d.start) > 0.8 * (end - start)
        for d in quotes
        if d.kind == "direct"
    )


def extract(text: str) -> tuple[list[Quote], list[Credit]]:
    """Direct and indirect quotes with their speakers, and the article's credits."""
    src = text
    marked = find_marked(src)
    sents = sentences(src, marked)
    para_starts = [a for a, _ in paragraphs(src)]
    # Attribution is parsed on a copy whose quoted words are blanked out, so a name or a
    # "said" inside a quote never reads as the speaker; offsets stay those of ``src``.
    text = _mask(src, marked)
    res = Resolver(text)
    quotes: list[Quote] = []
    last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph

    def para(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos)

    for si, (lo, hi) in enumerate(sents):
        inside = [q for q in marked if lo <= q.open < hi]
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
        for start, end, m, cue in _indirect(text, lo, hi, marked):
            if not _duplicate(start, end, quotes):
                made = _quote(src, (start, end), "indirect", m, cue, res)
                if made.speaker:
                    last = (made, para(start))
                quotes.append(made)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes, find_credits(src)
