"""Coreference: which full name a pronoun or a bare surname in a news text stands for.

Resolution is by recency and compatibility, not by parsing: "he" is the most recent person
whose gender does not contradict it, preferring one who was a clause subject; "Shea" is the
most recent full name containing it, else one written later (a headline before the body).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress, pairwise

from provenance.cues import COMMON_VERBS, CUES
from provenance.lexicon import (
    CONNECTORS,
    FEMALE_NAMES,
    FIRST_NAMES,
    HONORIFICS,
    MALE_NAMES,
    NAME_MODIFIERS,
    NOT_NAME_WORDS,
    NOT_NAMES,
    OFFICES,
    POSSESSIVE_ENDINGS,
    PREPOSITIONS,
    PRONOUNS,
    SURNAME_TITLES,
    US_STATES,
    census_gender,
    is_initial,
    is_name_low,
    is_name_word,
    org_like,
    org_like_words,
    sentence_adverb,
    title_like_word,
)
from provenance.speakers import (
    DOCUMENT_NOUNS,
    PARTIES,
    Mention,
    MentionKind,
    join,
    place_at,
    role_before_name,
)
from provenance.tokens import _index, title_case, tokenize, words

# A name that issues a document named right after it: the name, then an owner's thing
# ("Trump's campaign"), an aside between commas, and a verb of issuing, before a word or
# three ("a statement", "a heartfelt letter"), up to where the document is named.
_ISSUED_READ = 240
_ISSUED = re.compile(
    r"\b([A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*?)(?:['’]s(?:\s+[a-z]+){1,2})?"
    r"(?:,[^.;,]{1,80},)?\s+(?:[a-z]+ly\s+)?(?:has\s+|had\s+)?"
    r"(?:issued|released|put\s+out|sent|published|wrote|signed|filed|posted|said\s+in)"
    r"\s+(?:[\w-]+\s+){0,3}$"
)
_FEMALE_WORDS = frozenset(
    ("mrs", "ms", "miss", "madam", "spokeswoman", "congresswoman", "chairwoman", "queen",
     "princess", "lady", "dame", "first lady", "woman", "businesswoman", "mother")
)
_MALE_WORDS = frozenset(
    ("mr", "spokesman", "congressman", "chairman", "king", "prince", "sir", "lord", "man",
     "businessman", "father")
)


# gender_of's answers: it is asked about the same few names again and again. Cleared when
# big; a reader racing the clear just works the answer out again.
_genders: dict[tuple[str, str | None], str] = {}


def gender_of(name: str, role: str | None) -> str:
    """'m', 'f' or '' from first name, honorific or role; unknown is compatible with both."""
    gender = _genders.get((name, role))
    if gender is None:
        if len(_genders) > 100_000:
            _genders.clear()
        gender = _genders[name, role] = _gender_of(name, role)
    return gender


def _gender_of(name: str, role: str | None) -> str:
    names = name.split()
    words = {w.strip(".").lower() for w in (role or "").split() + names}
    if not _FEMALE_WORDS.isdisjoint(words):
        return "f"
    if not _MALE_WORDS.isdisjoint(words):
        return "m"
    first = names[0].lower() if names else ""
    if first in FEMALE_NAMES:
        return "f"
    if first in MALE_NAMES:
        return "m"
    return census_gender(first) if len(names) > 1 else ""


class _Seen:
    """A name seen at ``pos``. A plain class: a frozen dataclass took several times as long
    to make, and one is made for every name in the document."""

    __slots__ = ("gender", "kind", "name", "pos", "subject", "words")

    def __init__(self, pos: int, name: str, kind: MentionKind, gender: str, subject: bool) -> None:
        self.pos = pos
        self.name = name
        self.kind = kind
        self.gender = gender
        self.subject = subject
        self.words = tuple(name.split())


class _Names:
    """Names in text order, and the multi-word person names among them by each run of their
    words shorter than the name: a name looks up only the longer names that contain it,
    and the last before it is the answer. (Filed by word, a name passed over every earlier
    one no longer than itself, "John Smith" over each "John Smith" before it, and a page
    repeating a name was quadratic.) Lists of positions go with the lists of names, to
    bisect without a key function."""

    __slots__ = ("names", "people", "positions")

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.names: list[_Seen] = []
        self.people: dict[tuple[str, ...], tuple[list[int], list[_Seen]]] = {}

    def add(self, seen: _Seen) -> None:
        at = seen.pos
        lists = [(self.positions, self.names)]
        if seen.kind == "person" and len(seen.words) > 1:
            lists += [self.people.setdefault(part, ([], [])) for part in _parts(seen.words)]
        for positions, names in lists:
            # A name goes after those at the same position, as append would put it (and
            # mostly is: names come in text order).
            if not positions or positions[-1] <= at:
                positions.append(at)
                names.append(seen)
            else:
                k = bisect.bisect_right(positions, at)
                positions.insert(k, at)
                names.insert(k, seen)

    def last_containing(self, words: tuple[str, ...], pos: int, gender: str = "") -> _Seen | None:
        """The last person name before ``pos`` longer than ``words`` and containing them;
        with ``gender``, the last whose gender is that or unknown ("Mrs. Clinton" is not
        the Bill Clinton named last), looking back over at most _GENDER_LOOKBACK names."""
        found = self.people.get(words)
        if found is None:
            return None
        k = bisect.bisect_left(found[0], pos)
        if not gender:
            return found[1][k - 1] if k else None
        for seen in reversed(found[1][max(0, k - _GENDER_LOOKBACK) : k]):
            if seen.gender in ("", gender):
                return seen
        return None


@lru_cache(maxsize=4096)  # a document names the same few people again and again
def _parts(words: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The runs of ``words`` shorter than all of them."""
    n = len(words)
    return frozenset(words[a:b] for a in range(n) for b in range(a + 1, min(a + n, n + 1)))


_NAME_LINKS = CONNECTORS - {"and"}  # "Cruz and Trump" is two people
_CLAUSE_OPENERS = words("and but while because that when as after before since so then though")


_LINE = re.compile(r"[^\n]+")
# "Does Rubio ...?", "Donald Trump Is Right": capitalised, and never part of a name.
_AUXILIARIES = words("do does did is are was were has have had should would could")
_NUMBERS = words("one two three four five six seven eight nine ten eleven twelve hundreds dozens")
# First names that are also modal verbs: opening a question ("Will Sanders come down off the
# pique?") they are the verb.
_MODAL_NAMES = words("will may can")
# Abbreviated offices before a name, written out as "the governor" would name them.
_OFFICE_WORDS = {"gov.": "governor"}
_PAST_OFFICE = words("former ex late then")
_OFFICE_PREFIXES = words("vice prime")
# Offices of a country: another country's holder is named with its adjective ("Russian
# President Vladimir Putin"), the home one without, or with one of these.
_NATIONAL_OFFICES = {"president", "vice president", "prime minister", "chancellor", "premier"}
_HOME = words("u.s. us american")
# Words that do not follow a one-word name opening its clause with a space between ("Murphy,
# a Jupiter Democrat" has a comma), but do follow an adverb or an imperative opening it: a
# determiner, a subject pronoun.
_NOT_AFTER_NAME = words("the a an this these those he she they we i you it")
# Verbs that agree with a plural subject: after one capitalised word opening its clause
# they make it a plural noun, not one person's name ("Sales were great", "Boos are").
_PLURAL_VERBS = words("were are have")
# Capitalised words that say where from or whose before a name: "South Korean-born Monte
# Haines", "a Los Angeles-area Sanders volunteer", "Shanghai-based Hurun Report".
_ADJECTIVE_ENDINGS = ("-born", "-area", "-based", "-backed", "-led", "-run", "-owned")
_SENTENCE_END = re.compile(r"[.!?\n]")
_HONORIFIC_GAPS = (" ", ". ", " . ")
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f"}
_HONORIFIC_BEFORE = re.compile(r"\b(Mrs|Mr|Ms)\.?\s+$")
# Earlier names looked back over for one of the gender an honorific gives.
_GENDER_LOOKBACK = 64
_SENTENCE_BREAK = re.compile(r"[.!?:;“”\"\n]")
_CLAUSE_BREAK = re.compile(r"[.!?;:,“”\"\n(—]")
_NAME_WORD_SPACE = re.compile(r"[A-Z][\w’'\-]+ ")
_BOUNDARY = re.compile(r"\b")  # matched at a position, it reads the character before too
_WORD_RUN = re.compile(r"\w+")
_SPACED_RUN = re.compile(r" (\w+)")
# The word right before a position (a title's dot kept apart) and right after one.
_WORD_BEFORE = re.compile(r"([\w-]+) ?\.? +$")  # "Msgr . Farmer" as tokenised text writes it
_WORD_AFTER = re.compile(r",? +([a-z]+)\b")
_CAPITALISED = re.compile(r"(?<![\w’'.-])[^\W\d_][\w’'-]*(?![\w’'-])")
# Listing the words after a space costs about as much as 200 scans of the text for a name
# (both grow with the text): Resolver._spaced lists them once it has scanned that often, so
# it never does more than twice the work of the cheaper way.
_SCANS = 200


def _joins(gap: str) -> bool:
    """Whether two name words with ``gap`` between are one run: white space, but no line
    break ("X.\n\nSexton tweeted" names Sexton, not "X. Sexton"; a line ending in a
    capital, "... U.S.\nChris Christie said", is not joined either: marks.paragraphs cuts
    there too)."""
    return not gap.strip() and "\n" not in gap


def _run_start(text: str, end: int) -> int:
    r"""Where the run of ``[\w’'\-]`` characters ending before ``end`` starts."""
    k = end
    # \w is what str.isalnum() accepts, and the underscore.
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_’'-"):
        k -= 1
    return k


def _question(text: str, pos: int) -> bool:
    """Whether the sentence that goes on at ``pos`` ends with a question mark."""
    end = _SENTENCE_END.search(text, pos)
    return end is not None and end.group() == "?"


def _all_capitalised(line: str) -> bool:
    """Whether nine in ten of a line's words longer than three characters are capitalised."""
    caps = [w.lstrip("‘“'\"(")[:1].isupper() for w in line.split() if len(w) > 3]
    return caps.count(True) >= 0.9 * len(caps)


def _headlines(text: str) -> list[tuple[int, int]]:
    """Title Case lines ("Rush Limbaugh Explains Why") make every word look like a name."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        line = m.group()
        if line.isascii() or not _OTHER_SPACE.search(line):
            # Most lines are paragraphs, far from Title Case: counted as bytes, with every
            # character that could be a capital counted as one, they are ruled out a few
            # times faster than by listing their words.
            b = b" " + line.encode("ascii", "replace")  # one byte a character
            n_long = b.translate(_AS_WORDS).count(b" wwww")
            if n_long < 3 or b.translate(_AS_CAPITALS).count(b" U") < 0.7 * n_long:
                continue
        if title_case(line):
            out.append(m.span())
    return out


# What str.split() splits on: the ASCII characters below, and these others.
_ASCII_SPACES = frozenset(c for c in range(128) if chr(c).isspace())
_OTHER_SPACE = re.compile("[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# Byte tables for _headlines: spaces stay spaces, every other byte is a word character
# ("w"), and in the second any capital, or any character not ASCII ("?"), is a "U".
_AS_WORDS = bytes(32 if c in _ASCII_SPACES else ord("w") for c in range(256))
_AS_CAPITALS = bytes(
    32 if c in _ASCII_SPACES else ord("U") if chr(c).isupper() or c == ord("?") else ord("w")
    for c in range(256)
)


def _outside(starts: list[int], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words starting in none of ``spans`` (sorted, disjoint), as ranges of word
    numbers; ``starts`` are the words' starts."""
    out: list[tuple[int, int]] = []
    at = 0
    for a, b in spans:
        stop = bisect.bisect_left(starts, a)
        if stop > at:
            out.append((at, stop))
        at = max(at, bisect.bisect_left(starts, b))
    if len(starts) > at:
        out.append((at, len(starts)))
    return out


class _Words:
    """The words of a text outside its headlines, as lists of their tokens' texts, lower
    case, starts and ends (see tokens._Index): the name rules read these, not Tokens."""

    __slots__ = ("ends", "lows", "starts", "texts")

    def __init__(self, text: str) -> None:
        index = _index(text)
        kept = _outside(index.starts, _headlines(text))
        if len(kept) == 1 and kept[0] == (0, len(index.starts)):
            self.texts, self.lows = index.texts, index.lows
            self.starts, self.ends = index.starts, index.tok_ends
        else:  # joined from slices, a few per document
            self.texts, self.lows, self.starts, self.ends = [], [], [], []
            for a, b in kept:
                self.texts += index.texts[a:b]
                self.lows += index.lows[a:b]
                self.starts += index.starts[a:b]
                self.ends += index.tok_ends[a:b]


class Resolver:
    """Resolves pronouns and surnames to the most recent compatible full name before them.

    Built from every capitalised name run in the document, then fed each speaker found so
    that "it"/"they" can fall back on an organisation that spoke recently.
    """

    def __init__(self, text: str, source: str | None = None) -> None:
        """``text``: the document with its quoted words blanked out (a name inside a
        quote is never a speaker); ``source``: the document as written, where a bare
        surname may find its full name in a quote too ("“Donald Trump is ...”")."""
        self.text = text
        self._source = text if source is None else source
        # The names in the text, then the speakers noted. Together they are the names seen,
        # a speaker after the names at its position, as it came later. Kept apart, as a
        # speaker went into the middle of the list of every name in the document, and that
        # made a page with many quotes quadratic.
        self._found = _Names()
        self._noted = _Names()
        self._later_cache: dict[str, str] = {}
        self._people: set[str] | None = None  # see _one_person
        # office ("president", "vice president") -> (position, full name) of each person
        # named with it, in text order: see _note_office.
        self._offices: dict[str, list[tuple[int, str]]] = {}
        self._scans = 0  # how many names _spaced has looked for
        self._runs: dict[str, list[int]] | None = None  # see _spaced
        # For each name, its last entry seen that has a gender: _gender is asked for every
        # speaker noted, and scanning the names seen for it made that quadratic.
        self._gendered: dict[str, _Seen] = {}
        # The rules below read words as strings, not Tokens: a Token for every word of the
        # document cost more than the rules themselves.
        words = _Words(text)
        # Where the headlines are, sorted: in them "Glenn Beck Says Trump" reads as a name,
        # so they lend no longer name to one written elsewhere. Only lines with hardly a
        # word in lower case: a sentence of names ("MEXICO CITY (UPI) — Count former
        # Mexican President Felipe Calderon among ...") passes as Title Case too.
        # Read as written: a headline's quoted words are blanked in ``text``.
        self._headlines = [
            (a, b) for a, b in _headlines(self._source) if _all_capitalised(self._source[a:b])
        ]
        texts, lows, starts, ends = words.texts, words.lows, words.starts, words.ends
        self._word_texts, self._word_starts, self._word_ends = texts, starts, ends
        n = len(texts)
        # Name words (is_name_word): only the capitalised ones need asking.
        named = bytearray(n)
        for k in compress(range(n), map(str.isupper, map(text.__getitem__, starts))):
            low = lows[k]
            # Spares the call for all but abbreviations, which is_name_low strips first.
            if low not in NOT_NAME_WORDS and low not in _AUXILIARIES and (
                low[-1] != "." or is_name_low(low)
            ):
                named[k] = 1
            elif low in SURNAME_TITLES and k and named[k - 1] and ends[k - 1] + 1 == starts[k]:
                named[k] = 1  # "Larry King", "Stephen King": after a name, a surname
            elif is_initial(texts[k]) and k and named[k - 1] and ends[k - 1] + 1 == starts[k]:
                named[k] = 1  # "William A. Ackman": an initial after a first name
        seen: list[tuple[set[str], set[str]]] = []

        def plain(low: str) -> bool:
            # A word the text writes in lower case (or a number, an -ing or -ed form) and
            # never with a capital inside a sentence: alone at the head of a clause, it is
            # no name ("Felt", "Will" in a text with "W. Mark Felt" and "George Will" still
            # are). The word sets are made when first needed.
            if not seen:
                inside = {
                    lows[k]
                    for k in compress(range(1, n), named[1:])
                    if not _SENTENCE_BREAK.search(text, ends[k - 1], starts[k])
                }
                seen.append((set(compress(texts, map(str.islower, texts))), inside))
            lower, inside = seen[0]
            return low not in inside and (
                low in lower or low in _NUMBERS or low.endswith(("ing", "ed"))
                or sentence_adverb(low)  # "Recently, he said"
            )

        i = 0  # end of the last run: a name word before it was part of that run
        for k in compress(range(n), named):
            if k < i:
                continue
            j = k + 1
            if texts[k].endswith(POSSESSIVE_ENDINGS):
                i = j
                # A possessive ends its run, and a run so ended is not noted, unless it
                # opens its sentence: "Mr. Trump’s assertions were ..., he refused".
                self._note_owner(words, k, j)
                continue
            while (
                j < n
                and (
                    named[j]
                    or (lows[j] in _NAME_LINKS and j + 1 < n and named[j + 1])
                    # "Ursula von der Leyen": two particles
                    or (
                        lows[j] in _NAME_LINKS
                        and j + 2 < n
                        and lows[j + 1] in _NAME_LINKS
                        and named[j + 2]
                    )
                )
                and _joins(text[ends[j - 1] : starts[j]])
            ):
                j += 1
                if texts[j - 1].endswith(POSSESSIVE_ENDINGS):
                    break
            i = j
            if texts[k].isupper() and not texts[j - 1].isupper():
                # "12:01 PM ET Fred LaRue": time zones or acronyms before a name (a run all
                # in capitals, "JAKE TAPPER", is left whole)
                while j - k > 2 and texts[k].isalpha() and texts[k].isupper():
                    k += 1
            if j - k > 1 and (k == 0 or _SENTENCE_BREAK.search(text, ends[k - 1], starts[k])):
                if lows[k] in _MODAL_NAMES and _question(text, ends[j - 1]):
                    k += 1  # "Will Sanders come down ...?": a verb, not Will Sanders
                elif lows[k] in CUES and lows[k].endswith("ed"):
                    k += 1  # "Stated Stone:", "Continued Stone": a cue before the speaker
            head = k  # where the run starts, before words that are no name are dropped
            if j - k > 1 and (
                lows[k] in NAME_MODIFIERS
                or (lows[k].endswith("s") and title_like_word(lows[k][:-1]))
            ):
                # "Top Sanders strategists acknowledged"; "Senators Charles E. Grassley and
                # Patrick J. Leahy": a title of two, no part of the first one's name
                k += 1
            for a in range(j - 2, k - 1, -1):
                if lows[a].endswith(_ADJECTIVE_ENDINGS):
                    k = a + 1  # "a Los Angeles-area Sanders volunteer": an adjective
                    break
            if j - k > 2 and k >= 2 and lows[k - 1] == "of" and title_like_word(lows[k - 2]):
                # "Director of National Intelligence James Clapper": the title runs on to
                # a first name, else to the name's last two words; not in the name of an
                # organisation ("CEO of TallGrass Distribution Ltd.", "head of Hispanic
                # Patriots for Trump"). Read on the last two words: the title's own words
                # ("Chief of Staff", "Minister of Foreign Affairs") read as an organisation's.
                person = not org_like_words(texts[j - 2 : j], lows[j - 2 : j]) and all(
                    texts[a][:1].isupper() for a in range(k, j)
                )
                k = next(
                    (a for a in range(k + 1, j - 1)
                     if lows[a] in FIRST_NAMES or is_initial(texts[a + 1])),
                    j - 2 if person else k,
                )
            of = place_at(lows[k:j], k > 0 and title_like_word(lows[k - 1]))
            if of is not None:
                j = k + of  # "Bernie Sanders of Vermont" is Bernie Sanders
            if j - k > 2 and role_before_name(text, starts[k], lows[k], lows[k + 1]):
                k += 1  # "Republican Donald Trump", "Rival Hillary Clinton": not a name word
            if j - k > 4 or (j - k > 1 and texts[j - 1].endswith(POSSESSIVE_ENDINGS)):
                continue
            prev = lows[k - 1] if k else None  # the words either side, in lower case
            nxt = lows[j] if j < n else None
            honor = prev if prev is not None and prev in HONORIFICS else ""
            titled = prev is not None and (bool(honor) or title_like_word(prev))
            # A subject opens its clause and a verb-like word follows: "Trump blamed
            # Clinton for" makes Trump the subject, not Clinton. The checks are ordered
            # cheapest first, since most runs are a lone word that this rejects.
            subject = (
                nxt is not None and not texts[j][:1].isupper() and nxt not in PREPOSITIONS
                and text[ends[j - 1] : starts[j]] in (" ", ", ")
                # Of the run as written: "Republican Donald Trump said" opens its clause.
                and (head == 0 or lows[head - 1] in _CLAUSE_OPENERS
                     or bool(_CLAUSE_BREAK.search(text, ends[head - 1], starts[head])))
            )
            if j - k == 1 and subject and not titled and (
                plain(lows[k])
                or (head == k and nxt in _NOT_AFTER_NAME and text[ends[k] : starts[j]] == " ")
                or nxt in _PLURAL_VERBS
            ):
                # "Particularly when he ...", "Noting that ...", "Consider the case of",
                # "Sometimes he tweets": a word, not a name
                continue
            if (j - k > 1 or titled or subject) and not org_like_words(texts[k:j], lows[k:j]):
                full = self._note_run(starts[k], ends[j - 1], honor, subject or titled)
                if titled and not honor and prev is not None:
                    written = text[starts[k] : ends[j - 1]]
                    self._note_office(lows, k, full if j - k > 1 else written, starts[k])

    def _note_owner(self, words: _Words, k: int, j: int) -> None:
        """Note the possessive name at words ``k`` to ``j`` as a subject if it opens its
        sentence ("Mr. Trump’s assertions were ..., he refused") and is a person: after an
        honorific, or a name written in full before ("Trump’s" after "Donald Trump";
        "Apple’s shares" is not noted)."""
        text, lows, starts, ends = self.text, words.lows, words.starts, words.ends
        head = k
        honor = ""
        # "Mr. Trump’s", and "Dr . Benjamin's" as tokenised text writes it
        if k and lows[k - 1] in HONORIFICS and text[ends[k - 1] : starts[k]] in _HONORIFIC_GAPS:
            head, honor = k - 1, lows[k - 1]
        if head and not _SENTENCE_BREAK.search(text, ends[head - 1], starts[head]):
            return
        last = words.texts[j - 1]
        end = ends[j - 1] - (1 if last.endswith(("s’", "s'")) else 2)
        name = text[starts[k] : end]
        if honor or self._found.last_containing(tuple(name.split()), starts[k]) is not None:
            self._note_run(starts[k], end, honor, True)

    def _note_run(self, start: int, end: int, honor: str, subject: bool) -> str:
        """Note the name run at ``text[start:end]``, after the honorific ``honor``;
        ``subject``: it opens its clause or follows a title. The full name noted."""
        name = self.text[start:end]
        gender = gender_of(name, honor)
        # Only an honorific tells the gender here: "Dr . Benjamin" is Regina Benjamin's
        # surname, though "Benjamin" alone reads as a man's first name.
        full = self._full(name, start, _HONORIFIC_GENDER.get(honor.rstrip("."), ""))
        if full != name:
            gender = gender or self._gender(full)
        self._add(_Seen(start, full, "person", gender, subject), self._found)
        return full

    def _note_office(self, lows: list[str], k: int, name: str, pos: int) -> None:
        """Note who holds the office named right before the name at word ``k`` ("President
        Barack Obama", "Gov. Mike Pence"), for "the president" later; not a former
        holder's ("former President Obama") nor a vice president's under "president"."""
        office = _OFFICE_WORDS.get(lows[k - 1], lows[k - 1])
        before = lows[k - 2] if k >= 2 and self._joined(k - 2) else ""
        if before in _PAST_OFFICE:
            return
        if before in _OFFICE_PREFIXES:
            office = f"{before} {office}"
            before = lows[k - 3] if k >= 3 and self._joined(k - 3) else ""
        if office not in OFFICES:
            return
        if office in _NATIONAL_OFFICES and before and before not in _HOME:
            qualifier = self._word_texts[k - 2 - (" " in office)]
            if qualifier[:1].isupper():
                return  # "Russian President Vladimir Putin" is not who "the president" is
        held = self._offices.setdefault(office, [])
        if " " not in name:
            # "President Obama" is "President Barack Obama" named before, else Obama (the
            # last full name with that surname may be someone else's: "Sasha Obama")
            name = next((n for _, n in reversed(held) if n.endswith(" " + name)), name)
        held.append((pos, name))

    def _joined(self, k: int) -> bool:
        """Whether word ``k`` and the next are one phrase (only spaces between)."""
        return not self.text[self._word_ends[k] : self._word_starts[k + 1]].strip()

    def _add(self, seen: _Seen, names: _Names) -> None:
        if seen.gender:
            # Of names at one position the last added comes last among the names seen.
            last = self._gendered.get(seen.name)
            if last is None or last.pos <= seen.pos:
                self._gendered[seen.name] = seen
        names.add(seen)

    def _latest_first(self, pos: int) -> Iterator[_Seen]:
        """The names seen before ``pos``, the latest first (of those at one position, the
        last added first)."""
        found, noted = self._found, self._noted
        i = bisect.bisect_left(found.positions, pos) - 1
        j = bisect.bisect_left(noted.positions, pos) - 1
        while i >= 0 or j >= 0:
            if j >= 0 and (i < 0 or noted.positions[j] >= found.positions[i]):
                yield noted.names[j]
                j -= 1
            else:
                yield found.names[i]
                i -= 1

    def most_named(self, end: int) -> Mention | None:
        """The person named most often before ``end``, counted by surname (in full or
        alone), the first named on a tie: whom an interview is with, from the lines that
        introduce it ("Vice President Joe Biden spent Thursday ... Biden complained ...")."""
        counts: dict[str, int] = {}
        first: dict[str, _Seen] = {}  # surname -> where the person is first named in full
        for seen in self._found.names:
            if seen.pos >= end:
                break
            if seen.kind != "person":
                continue
            surname = seen.words[-1]
            counts[surname] = counts.get(surname, 0) + 1
            written = self._source.startswith(seen.name, seen.pos)
            if len(seen.words) > 1 and written and not self._in_headline(seen.pos):
                first.setdefault(surname, seen)
        if not first:
            return None
        surname = max(first, key=lambda s: (counts[s], -first[s].pos))
        seen = first[surname]
        at, stop = seen.pos, seen.pos + len(seen.name)
        return Mention(at, stop, seen.name, "person", None, at, stop)

    def _issuer(self, m: Mention) -> str | None:
        """Who issued the document that speaks in ``m``: the name that issued it just
        before ("Obama released a statement condemning …"), or for "the statement" the one
        that issued the statement last mentioned ("Kraft Foods issued a statement", "Zinke,
        the interior secretary, said in a statement", "Trump's campaign released a
        statement")."""
        text = self.text
        lo = max(0, m.start - 2500)
        at = m.name_start
        if text.startswith(("the ", "The "), m.start):
            pattern = rf"\b{re.escape(m.name)}\b"
            starts = [f.start() for f in re.finditer(pattern, text[lo : m.start], re.IGNORECASE)]
            if not starts:
                return None
            at = lo + starts[-1]
        start = max(lo - 1, text.rfind(". ", lo, at), text.rfind("\n", lo, at)) + 1
        # An issuing clause is short: searched for in the last _ISSUED_READ characters only,
        # so that a long sentence costs no more than a short one.
        found = _ISSUED.search(text, max(start, at - _ISSUED_READ), at)
        before = _WORD_RUN.findall(text, start, found.start()) if found else []
        if found is None or any(w.lower() not in NOT_NAMES for w in before):
            return None  # the name is not the clause's subject ("members at Notre Dame sent")
        name = found.group(1).split()
        titles = [i for i, w in enumerate(name[:-1]) if title_like_word(w.lower())]
        name = name[titles[-1] + 1 :] if titles else name  # "American Bridge President X"
        while name and name[0].lower().rstrip(".") in NOT_NAME_WORDS:
            name = name[1:]  # "The Kremlin"
        return self._full(" ".join(name), at) if name else None

    def _one_person(self, word: str) -> bool:
        """Whether the text shows a lone capitalised ``word`` as a person's name: after a
        title or honorific ("President Trump", "Mr. Obama"), or beside a speech verb ("Obama
        said", "said Sanders"). Without this, a capitalised word opening a sentence ("Greeks
        must also understand", "Ohio has") was "he" to the next quote."""
        if self._people is None:
            # Every capitalised word of the text read once, the first time one is asked
            # about: a scan of the text for each word asked made a page of lone words
            # ("Apples fell. “Fine,” he said.", 4,000 times) quadratic.
            self._people = {
                m[0]
                for m in _CAPITALISED.finditer(self._source)
                if m[0][0].isupper() and self._beside_cue_or_title(m.start(), m.end())
            }
        return word in self._people and word.lower() not in US_STATES

    def _beside_cue_or_title(self, start: int, end: int) -> bool:
        text = self._source
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is not None:
            low = before.group(1).lower()
            # A title or honorific is written with its dot ("Sen.") or without ("Mr")
            if low in CUES or any(w in HONORIFICS or title_like_word(w) for w in (low, f"{low}.")):
                return True
        after = _WORD_AFTER.match(text, end)
        return after is not None and after.group(1).lower() in CUES

    def _gender(self, name: str) -> str:
        """The gender of the last name in text order written ``name`` that has one."""
        seen = self._gendered.get(name)
        return seen.gender if seen is not None else gender_of(name, None)

    def _full(self, name: str, pos: int, gender: str = "") -> str:
        """The longest earlier (else later) full name that ends with or contains ``name``
        (of ``gender`` or unknown gender, if given: an honorific tells it)."""
        words = tuple(name.split())
        if (
            len(words) > 1
            and words[0][:1].isupper()
            and words[0].lower() in _NAME_LINKS
            and self._found.people.get(words) is None
        ):
            # "Von der Leyen said" opening a sentence: "von der Leyen" as the name is
            # written ("Van Rompuy" is written so everywhere).
            words = (words[0].lower(), *words[1:])
        best: str | None = None
        # No words ("Mr." alone) is contained in any name: the latest person is the answer.
        if words:
            found = self._found.last_containing(words, pos, gender)
            noted = (
                self._noted.last_containing(words, pos, gender) if self._noted.people else None
            )
            if noted is not None and (found is None or noted.pos >= found.pos):
                found = noted
            best = found.name if found is not None else None
        else:
            best = next(
                (s.name for s in self._latest_first(pos) if s.kind == "person" and s.words), None
            )
        if best is None and len(words) == 1:
            if name not in self._later_cache:
                self._later_cache[name] = self._later(name)
            later = self._later_cache[name]
            if gender and gender_of(later, None) not in ("", gender):
                return name  # "Mr. Trump" where only "Melania Trump" is written
            return later
        return best or name

    def _later(self, name: str) -> str:
        r"""A full name written elsewhere for a bare surname (a headline before the body):
        the first match of ``(?:[A-Z][\w’'\-]+ ){1,2}NAME\b`` made of name words."""
        text = self._source
        for start, end in self._name_before(name):
            cand = tokenize(text[start:end])
            if len(cand) == 3 and (
                title_like_word(cand[0].low)
                or (
                    (not is_name_word(cand[0]) or cand[0].low in _AUXILIARIES)
                    and cand[1].low in FIRST_NAMES
                )
                or (cand[0].low in PARTIES and cand[1].low in FIRST_NAMES)
            ):
                # "Governor Mary Fallin", "For Hillary Clinton", "Is Donald", "Democrat
                # Bernie Sanders"
                cand = cand[1:]
            elif cand[0].low in _MODAL_NAMES and _question(text, end):
                continue  # "Will Sanders come down off the pique?"
            if any(t.low.endswith(_ADJECTIVE_ENDINGS) for t in cand[:-1]):
                continue  # "a Los Angeles-area Sanders volunteer"
            if self._headlines and self._in_headline(start):
                # In a headline a verb looks like a name: "Black Lawmakers Rip Donald
                # Trump" names Donald Trump, "Glenn Beck Says Trump" and "Hillary Clinton
                # Wins Delaware" nobody.
                if len(cand) == 3 and cand[1].low in FIRST_NAMES:
                    cand = cand[1:]
                if any(
                    t.low in CUES or t.low in COMMON_VERBS
                    or (t.low.endswith("s") and t.low not in FIRST_NAMES)  # "Clinton Wins"
                    for t in cand[:-1]
                ):
                    continue
            written = text[start:end]
            if any(written[a.end : b.start] != " " for a, b in pairwise(cand)):
                continue  # "Vincent 'Chin' Gigante": a nickname in quotes is no first name
            if not org_like(cand) and all(is_name_word(t) for t in cand):
                return join(written, cand)
        return name

    def _name_before(self, name: str) -> Iterator[tuple[int, int]]:
        """The spans ``re.finditer`` gives for the pattern in ``_later``, found without
        compiling a pattern per surname (most of _later's time) or scanning the text for
        each: a match ends in an occurrence of ``name`` after a space, so it can only
        begin at a capital in the word or two before one."""
        text = self._source
        starts: set[int] = set()  # where a match may begin
        for at in self._spaced(name):
            # The word before: its run of word characters is text[s : at - 1].
            s = _run_start(text, at - 1)
            starts.update(k for k in range(s, at - 2) if "A" <= text[k] <= "Z")
            if s >= 2 and text[s - 1] == " " and "A" <= text[s] <= "Z":
                # Two words: one from a capital in the word before that, then this.
                starts.update(
                    k for k in range(_run_start(text, s - 1), s - 2) if "A" <= text[k] <= "Z"
                )
        done = 0  # finditer resumes where its last match ended
        for p in sorted(starts):
            if p < done:
                continue
            end = self._name_match(name, p)
            if end is not None:
                yield p, end
                done = end

    def _spaced(self, name: str) -> list[int]:
        """Where ``name`` is written after a space and ends at a word boundary."""
        text = self._source
        self._scans += 1
        lead = _WORD_RUN.match(name)
        if self._scans <= _SCANS or lead is None:
            found = []
            at = text.find(name, 1)
            while at >= 0:
                if text[at - 1] == " " and _BOUNDARY.match(text, at + len(name)):
                    found.append(at)
                at = text.find(name, at + 1)
            return found
        # Past a few names, a scan of the whole text for each made a long page with many
        # names quadratic: the runs of word characters after a space are listed once. Where
        # a name is written so, its first run of word characters is that whole run (the name
        # ends at a boundary, or goes on with a character that is no word character).
        if self._runs is None:
            self._runs = {}
            for m in _SPACED_RUN.finditer(text):
                self._runs.setdefault(m.group(1), []).append(m.start(1))
        return [
            at for at in self._runs.get(lead.group(), ())
            if text.startswith(name, at) and _BOUNDARY.match(text, at + len(name))
        ]

    def _name_match(self, name: str, p: int) -> int | None:
        """Where the pattern of ``_later`` matching at ``p`` ends: two words then ``name``,
        else one word then ``name`` (the word pattern cannot backtrack: its class has no
        space)."""
        text = self._source
        first = _NAME_WORD_SPACE.match(text, p)
        if first is None:
            return None
        second = _NAME_WORD_SPACE.match(text, first.end())
        for at in (first.end(),) if second is None else (second.end(), first.end()):
            if text.startswith(name, at) and _BOUNDARY.match(text, at + len(name)):
                return at + len(name)
        return None

    def names_person(self, name: str, pos: int) -> bool:
        """Whether a person's full name containing ``name`` is written before ``pos``."""
        words = tuple(name.split())
        if self._found.last_containing(words, pos) is not None:
            return True
        return bool(self._noted.people) and self._noted.last_containing(words, pos) is not None

    def _in_headline(self, pos: int) -> bool:
        k = bisect.bisect_right(self._headlines, (pos, len(self.text))) - 1
        return k >= 0 and pos < self._headlines[k][1]

    def note(self, pos: int, name: str, kind: MentionKind, gender: str = "") -> None:
        if self._headlines and self._in_headline(pos):
            return  # "Hillary Clinton Speaks ‘Directly To White People’": not her full name
        if kind == "person" and " and " in name:
            return  # "Wilcox and Beruff, a Sarasota Republican, argued": no one's full name
        self._add(_Seen(pos, name, kind, gender or self._gender(name), True), self._noted)

    def _holder(self, office: str, pos: int) -> str | None:
        """The one person named with ``office`` before ``pos``; None if none or several
        ("the senator" after two senators may be either)."""
        held = self._offices.get(office)
        if not held:
            return None
        names = {n for _, n in held[: bisect.bisect_left(held, (pos, ""))]}
        return names.pop() if len(names) == 1 else None

    def resolve(self, m: Mention) -> str | None:
        if m.kind == "description" and m.name.lower() in OFFICES:
            # "the president said", after "President Barack Obama": the one holder named.
            return self._holder(m.name.lower(), m.start) or m.name
        if m.kind == "person" and " and " in m.name:
            # "Grassley and Leahy" (speakers.honorific_pair): each by the full name before
            return " and ".join(self._full(part, m.start) for part in m.name.split(" and "))
        if m.kind == "person":
            words = m.name.split()
            honor = words[0].lower().rstrip(".") if words else ""
            if honor in ("mr", "mrs", "ms", "dr"):
                return self._full(" ".join(words[1:]), m.start, _HONORIFIC_GENDER.get(honor, ""))
            # The honorific may be left out of the mention ("Mrs. Clinton said" names Clinton)
            before = _HONORIFIC_BEFORE.search(self.text, max(0, m.name_start - 6), m.name_start)
            gender = _HONORIFIC_GENDER[before.group(1).lower()] if before else ""
            return self._full(m.name, m.start, gender)
        if m.kind == "description" and m.name.lower() in DOCUMENT_NOUNS:
            return self._issuer(m) or m.name
        if m.kind != "pronoun":
            return m.name
        want = PRONOUNS.get(m.name.lower(), "x")
        fallback: str | None = None
        for s in self._latest_first(m.start):
            if m.start - s.pos > 2500:
                break
            if want in ("m", "f"):
                if s.kind == "description" and s.gender in ("", want):
                    # "A senior official said ... He added": the official, not the person
                    # named before (noted only for a speaker who is one person).
                    return s.name
                if s.kind != "person" or (s.gender and s.gender != want):
                    continue
                if len(s.words) == 1 and not s.gender and not self._one_person(s.name):
                    continue  # "Greeks must ...", "Sometimes ...": a word, no one to be "he"
            elif want in ("n", "p"):
                if s.kind != "org":
                    continue
            else:
                return None
            if s.subject:
                return s.name
            fallback = fallback or s.name
        return fallback
