"""Coreference: which full name a pronoun or a bare surname in a news text stands for.

Resolution is by recency and compatibility, not by parsing: "he" is the most recent person
whose gender does not contradict it, preferring one who was a clause subject; "Shea" is the
most recent full name containing it, else one written later (a headline before the body).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from provenance.speakers import (
    CONNECTORS,
    HONORIFICS,
    PREPOSITIONS,
    PRONOUNS,
    Mention,
    MentionKind,
    is_name_word,
    is_possessive,
    join,
    org_like,
    title_like,
)
from provenance.tokens import Token, gap, tokenize, words

FEMALE_NAMES = words(
    """hillary kellyanne nancy elizabeth dorothy michelle melania ivanka sarah mary patricia
    jennifer linda barbara susan jessica karen lisa betty margaret sandra ashley kimberly emily
    donna carol ruth sharon laura angela helen anna maria marie theresa samantha amy rebecca
    kathleen katherine catherine christine christina debbie deborah diane janet julie julia
    heather teresa doris gloria evelyn jean cheryl joan judith rose janice kelly nicole judy
    grace denise marilyn amber danielle brittany diana natalie sophia megyn condoleezza
    madeleine theresa angela ursula kamala alexandria ilhan rashida liz lisa jill tulsi marsha
    kirsten amy tammy susana nikki sonia ruth sheila huma donna jane ann anne annie carly
    michele megan meghan kate kathy claire louise emma olivia victoria"""
)
MALE_NAMES = words(
    """donald barack joe joseph john james robert michael william david richard charles thomas
    christopher daniel matthew anthony mark paul steven andrew kenneth george kevin brian edward
    ronald timothy jason jeffrey ryan jacob gary eric stephen larry justin scott frank brandon
    raymond gregory samuel benjamin patrick jack dennis jerry tyler aaron jose henry adam
    douglas nathan peter zachary kyle walter harold jeremy ethan carl keith roger gerald
    christian terry sean arthur austin noah lawrence jesse bernie bill mike mitch ted marco jeb
    chris tim rudy newt reince rand vladimir sergei xi boris emmanuel vassily munir fu recep
    narendra ali mohammed muhammad ahmed hassan abdul bashar kim benjamin tony nigel jeremy
    rishi keir volodymyr dmitry antonio"""
)


def gender_of(name: str, role: str | None) -> str:
    """'m', 'f' or '' from first name, honorific or role; unknown is compatible with both."""
    words = [w.strip(".").lower() for w in (role or "").split() + name.split()]
    if any(w in ("mrs", "ms", "miss", "madam", "spokeswoman", "congresswoman", "chairwoman",
                 "queen", "princess", "lady", "dame", "first lady") for w in words):
        return "f"
    if any(w in ("mr", "spokesman", "congressman", "chairman", "king", "prince", "sir", "lord")
           for w in words):
        return "m"
    first = name.split()[0].lower() if name.split() else ""
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return ""


@dataclass(frozen=True)
class _Seen:
    pos: int
    name: str
    kind: MentionKind
    gender: str
    subject: bool
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(self.name.split()))


def _pos(seen: _Seen) -> int:
    return seen.pos


_NAME_LINKS = CONNECTORS - {"and"}  # "Cruz and Trump" is two people
_CLAUSE_OPENERS = words("and but while because that when as after before since so then though")


_LINE = re.compile(r"[^\n]+")
_CLAUSE_BREAK = re.compile(r"[.!?;:,“”\"\n(—]")
_WORD_CHAR = re.compile(r"[\w’'\-]")


def _headlines(text: str) -> list[tuple[int, int]]:
    """Title Case lines ("Rush Limbaugh Explains Why") make every word look like a name."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        words = [w for w in m.group().split() if len(w) > 3]
        if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words):
            out.append(m.span())
    return out


def _outside(toks: list[Token], spans: list[tuple[int, int]]) -> list[Token]:
    """The tokens starting in none of ``spans`` (sorted, disjoint)."""
    starts = [t.start for t in toks]
    out: list[Token] = []
    at = 0
    for a, b in spans:
        out += toks[at : bisect.bisect_left(starts, a)]
        at = max(at, bisect.bisect_left(starts, b))
    return out + toks[at:]


class Resolver:
    """Resolves pronouns and surnames to the most recent compatible full name before them.

    Built from every capitalised name run in the document, then fed each speaker found so
    that "it"/"they" can fall back on an organisation that spoke recently.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: list[_Seen] = []  # in text order
        # Multi-word person names by each of their words, in text order too: a surname
        # looks up only the names containing it instead of every name seen.
        self._people: dict[str, list[_Seen]] = {}
        toks = tokenize(text)
        heads = _headlines(text)
        if heads:
            toks = _outside(toks, heads)
        self._later_cache: dict[str, str] = {}
        named = [is_name_word(t) for t in toks]
        i = 0
        while i < len(toks):
            j = i
            while j < len(toks) and (
                named[j]
                or (j > i and toks[j].low in _NAME_LINKS and j + 1 < len(toks) and named[j + 1])
            ) and (j == i or not gap(text, toks[j - 1], toks[j]).strip()):
                j += 1
                if is_possessive(toks[j - 1]):
                    break
            if j > i:
                self._note_run(toks, i, j)
                i = j
            else:
                i += 1

    def _note_run(self, toks: list[Token], i: int, j: int) -> None:
        run = toks[i:j]
        if len(run) > 4 or is_possessive(run[-1]) or org_like(run):
            return
        name = join(self.text, run)
        prev = toks[i - 1] if i else None
        honor = prev.low if prev is not None and prev.low in HONORIFICS else ""
        titled = prev is not None and (title_like(prev) or bool(honor))
        nxt = toks[j] if j < len(toks) else None
        # A subject opens its clause and a verb-like word follows: "Trump blamed Clinton
        # for" makes Trump the subject, not Clinton.
        opens = prev is None or prev.low in _CLAUSE_OPENERS or bool(
            _CLAUSE_BREAK.search(gap(self.text, prev, run[0]))
        )
        subject = (
            opens and nxt is not None and not nxt.cap and nxt.low not in PREPOSITIONS
            and gap(self.text, run[-1], nxt) in (" ", ", ")
        )
        if len(run) == 1 and not titled and not subject:
            return
        gender = gender_of(name, honor)
        full = self._full(name, run[0].start)
        if full != name:
            gender = gender or self._gender(full)
        self._add(_Seen(run[0].start, full, "person", gender, subject or titled))

    def _add(self, seen: _Seen) -> None:
        # insort puts a name after those at the same position, as append does.
        bisect.insort(self.seen, seen, key=_pos)
        if seen.kind == "person" and len(seen.words) > 1:
            for word in set(seen.words):
                bisect.insort(self._people.setdefault(word, []), seen, key=_pos)

    def _gender(self, name: str) -> str:
        for s in reversed(self.seen):
            if s.name == name and s.gender:
                return s.gender
        return gender_of(name, None)

    def _full(self, name: str, pos: int) -> str:
        """The longest earlier (else later) full name that ends with or contains ``name``."""
        words = tuple(name.split())
        best: str | None = None
        # No words ("Mr." alone) is contained in any name: the latest person is the answer.
        people = self._people.get(words[0], []) if words else [
            s for s in self.seen if s.kind == "person" and s.words
        ]
        for k in range(bisect.bisect_left(people, pos, key=_pos) - 1, -1, -1):
            s = people[k]
            if len(s.words) > len(words) and _contains(s.words, words):
                best = s.name
                break
        if best is None and len(words) == 1:
            if name not in self._later_cache:
                self._later_cache[name] = self._later(name)
            return self._later_cache[name]
        return best or name

    def _before(self, pos: int) -> int:
        """How many names were seen before ``pos`` (``seen`` is kept in text order)."""
        return bisect.bisect_left(self.seen, pos, key=_pos)

    def _later(self, name: str) -> str:
        """A full name written elsewhere for a bare surname (a headline before the body)."""
        if not self._may_follow_a_name(name):
            return name  # spares compiling a pattern per surname, most of which match nothing
        pattern = r"(?:[A-Z][\w’'\-]+ ){1,2}" + re.escape(name) + r"\b"
        for m in re.finditer(pattern, self.text):
            cand = tokenize(m.group())
            if not org_like(cand) and all(is_name_word(t) for t in cand):
                return join(m.group(), cand)
        return name

    def _may_follow_a_name(self, name: str) -> bool:
        """Does ``name`` occur after a space and a word with a capital in it, as the
        pattern in ``_later`` needs?"""
        text = self.text
        i = text.find(" " + name)
        while i >= 0:
            k = i - 1
            while k > 0 and _WORD_CHAR.match(text, k):
                if "A" <= text[k - 1] <= "Z":
                    return True
                k -= 1
            i = text.find(" " + name, i + 1)
        return False

    def note(self, pos: int, name: str, kind: MentionKind, gender: str = "") -> None:
        self._add(_Seen(pos, name, kind, gender or self._gender(name), True))

    def resolve(self, m: Mention) -> str | None:
        if m.kind == "person":
            words = m.name.split()
            if words and words[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr"):
                return self._full(" ".join(words[1:]), m.start)
            return self._full(m.name, m.start)
        if m.kind != "pronoun":
            return m.name
        want = PRONOUNS.get(m.name.lower(), "x")
        fallback: str | None = None
        seen = self.seen
        for k in range(self._before(m.start) - 1, -1, -1):
            s = seen[k]
            if m.start - s.pos > 2500:
                break
            if want in ("m", "f"):
                if s.kind != "person" or (s.gender and s.gender != want):
                    continue
            elif want in ("n", "p"):
                if s.kind != "org":
                    continue
            else:
                return None
            if s.subject:
                return s.name
            fallback = fallback or s.name
        return fallback


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(hay[k : k + n] == needle for k in range(len(hay) - n + 1))
