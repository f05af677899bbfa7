"""Speaker mentions: the noun phrase next to a cue verb, its role, and the full name it means.

Everything here is rules over word tokens with offsets into the document text, so every
span a caller gets back indexes the text it came from. Mentions are parsed outwards from a
cue ("said", "according to"): backwards for ``X said``, forwards for ``said X``. The word
lists they read are in ``lexicon.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from provenance.cues import CUES, TIME_WORDS
from provenance.lexicon import (
    ADVERBS,
    CONNECTORS,
    DETERMINERS,
    FIRST_NAMES,
    HONORIFICS,
    LY_NOUNS,
    NAME_MODIFIERS,
    NOT_NAMES,
    NUMBER_WORDS,
    ORG_WORDS,
    POSSESSIVE_ENDINGS,
    PREPOSITIONS,
    PRONOUNS,
    SPEAKER_NOUNS,
    SURNAME_TITLES,
    TITLES,
    is_initial,
    is_name_low,
    is_name_word,
    is_possessive,
    org_like,
    sentence_adverb,
    title_like,
)
from provenance.tokens import Token, comma_between, first_tokens, gap, last_tokens, words

MentionKind = Literal["person", "org", "pronoun", "description"]

_APPOSITIVE_STOP = re.compile(r"[.;:!?“”\"(\n]")  # punctuation an appositive cannot span
_PHRASE_STOP = re.compile(r"[,.;:!?()“”\"\n]")

# Words that end a speaker phrase: "Miami and said", "who has".
_VERBISH = words("and or but who which that said says has have had is was are were")
@dataclass(frozen=True)
class Mention:
    """A speaker as written: ``start``/``end`` cover the whole phrase (role included)."""

    start: int
    end: int
    name: str  # person or organisation name, or the description itself
    kind: MentionKind
    role: str | None = None
    name_start: int = 0
    name_end: int = 0


def join(text: str, toks: list[Token]) -> str:
    return text[toks[0].start : toks[-1].end] if toks else ""


def _strip_det(text: str, toks: list[Token]) -> list[Token]:
    while toks and (toks[0].low in DETERMINERS or toks[0].low in HONORIFICS):
        toks = toks[1:]
    return toks


PARTIES = words("republican republicans democrat democrats democratic independent libertarian")


def role_before_name(text: str, start: int, low: str, name: str) -> bool:
    """The word at ``start`` (``low`` in lower case) is no part of the name that starts
    with the first name ``name`` (in lower case) after it: a party ("Republican Donald
    Trump"), or a word that opens the sentence ("Rival Hillary Clinton") or ends a title
    ("Secretary of State John Kerry"). Elsewhere an unknown word before a first name may
    be one ("Rafael Edward Cruz"), and an initial always is ("W. Mark Felt")."""
    if name not in FIRST_NAMES or low in FIRST_NAMES or low.endswith("."):
        return False
    if low in PARTIES:
        return True
    before = text[max(0, start - 4) : start].rstrip(" ")
    return not before or before[-1] in ".!?\n\"“”—:" or before.endswith(" of")


# Capitalised words that "of" continues into one name ("the Republic of Turkey").
_OF_HEADS = words("republic academy")


def place_at(lows: Sequence[str], titled: bool = False) -> int | None:
    """Where "of PLACE" starts in a person's name words, given in lower case ("bernie
    sanders of vermont" -> 2): where a person is from is no part of their name, so
    "Senator Bernie Sanders of Vermont" is the same speaker as plain "Bernie Sanders". The
    first "of" after two words, or after one behind a title; never after "Republic". And
    "for" after a person's name ("Louis Dorfman for Trump"), not after a group's ("Bikers
    for Trump")."""
    of = next((k for k, low in enumerate(lows) if k and low == "of"), None)
    if of is not None and (of >= 2 or titled) and lows[of - 1] not in _OF_HEADS:
        return of
    if (titled or (lows and lows[0] in FIRST_NAMES)) and "for" in lows[2:]:
        return lows.index("for", 2)  # "Louis Dorfman for Trump": a person, then what for
    return None


# Speech verbs a title case headline capitalises after its speaker ("Glenn Beck Says
# Trump ..."); not "States", "Reports", "Notes", "Calls": nouns as often.
_HEADLINE_VERBS = words("says tells warns claims insists argues admits denies urges vows reveals")


def _first_name_at(body: list[Token], k: int) -> bool:
    """Whether a person's name may start at ``body[k]``: a known first name, or a word
    before an initial ("Ashton B. Carter")."""
    if body[k].low in FIRST_NAMES:
        return True
    return k + 1 < len(body) and is_initial(body[k + 1].text)


_NEWSPAPER_WORDS = words("news times press post journal")


# Titles whose "of" names where the office is ("governor of Maine"), not what it is in
# ("secretary of state").
_JURISDICTION_TITLES = words("governor mayor president premier speaker minister chancellor")


def _number_word(low: str) -> bool:
    """"Five", "Twenty-one": a number written out."""
    first, _, unit = low.partition("-")
    return first in NUMBER_WORDS and (not unit or unit == "one" or unit in NUMBER_WORDS)


def classify(text: str, toks: list[Token]) -> Mention | None:
    """Split a speaker phrase into role and name and say what kind of speaker it is."""
    if not toks:
        return None
    if len(toks) == 1 and toks[0].low in PRONOUNS:
        t = toks[0]
        return Mention(t.start, t.end, t.text, "pronoun", None, t.start, t.end)
    body = _strip_det(text, toks)
    if body and body[0].low == "of":
        body = toks  # "One of them", "Some of us": the quantifier heads the phrase
    for i in range(1, len(body)):
        if body[i].cap and body[i].low in _HEADLINE_VERBS:
            # "Glenn Beck Says Trump, ‘Alt Right’ ...": a headline's verb ends the name.
            body = body[:i]
            break
    if body and body[0].cap and _number_word(body[0].low):
        body = body[1:]  # "Two years before ...", "Five people": a number opens the sentence
    if len(body) == 1 and body[0].cap and sentence_adverb(body[0].low):
        return None  # "Recently, ...", "Thus ...": a sentence adverb, not a speaker
    if len(body) == 1 and body[0].low.endswith("ing") and body[0].low in CUES:
        return None  # "Adding, “...”": the participle of a speech verb, not a name
    if body and all(t.low in NOT_NAMES for t in body):
        return None  # "As", "Sunday": capitalised, but no one
    if not body:
        t = toks[-1]
        if len(toks) == 1 and t.low in ("another", "one", "many", "some", "others"):
            return Mention(t.start, t.end, t.text, "description", None, t.start, t.end)
        return None
    # The name is the run of name words after the last title or possessive.
    i = len(body)
    while i > 0 and not is_possessive(body[i - 1]) and (
        is_name_word(body[i - 1])
        or (body[i - 1].low in CONNECTORS and i >= 2 and is_name_word(body[i - 2]))
        or (  # "von der Leyen"
            body[i - 1].low in CONNECTORS
            and i >= 3
            and body[i - 2].low in CONNECTORS
            and is_name_word(body[i - 3])
        )
        or (is_initial(body[i - 1].text) and i < len(body))  # "John A. Boehner"
    ):
        i -= 1
    while i < len(body) - 1 and body[i].low in CONNECTORS:
        i += 1
    if i >= 2 and body[i - 1].low == "of" and title_like(body[i - 2]) and len(body) - i > 2:
        # "Secretary of State John Kerry", "Director of National Intelligence James
        # Clapper": the title runs on to the first name, else to the name's last two words.
        i = next(
            (k for k in range(i + 1, len(body) - 1) if _first_name_at(body, k)),
            i + 1 if org_like(body[i:]) else len(body) - 2,
        )
    if i >= 3 and body[i - 1].low == "of" and body[i - 2].cap:
        # "Representative Peter T. King of New York": a first name opens a person's name
        # that ends before "of", though its last word is also a title's.
        first = next((k for k in range(i - 2) if _first_name_at(body, k)), None)
        if first is not None and all(t.cap for t in body[first : i - 1]):
            name = body[first : i - 1]
            role = join(text, body[:first]) if first else None
            return Mention(toks[0].start, toks[-1].end, join(text, name), "person", role,
                           name[0].start, name[-1].end)
    at_of = i - 2 if i >= 3 and body[i - 1].low == "the" else i - 1
    if (
        at_of > 0
        and len(body) - i <= 2
        and body[at_of].low == "of"
        and body[at_of - 1].low in _JURISDICTION_TITLES
        and body[i].low not in FIRST_NAMES
    ):
        # "the embattled governor of Maine", "Speaker of the House": where the office is,
        # not a name (described, like "the governor"; "Governor of Texas Greg Abbott" has
        # the name after the place).
        return Mention(toks[0].start, toks[-1].end, join(text, body), "description", None,
                       body[0].start, body[-1].end)
    while len(body) - i > 2 and role_before_name(text, body[i].start, body[i].low, body[i + 1].low):
        i += 1
    while len(body) - i > 1 and body[i].low in NAME_MODIFIERS:
        i += 1  # "Former Carson said"
    name_toks = body[i:]
    role_toks = body[:i]
    has_title = any(title_like(t) for t in role_toks)
    # "CNN's Jake Tapper", "the Post's Ruth Marcus": an owner before the name is where
    # the person works, not what makes the phrase an organisation.
    owned = bool(role_toks) and all(is_possessive(t) for t in role_toks)
    if name_toks and not org_like(name_toks) and (has_title or owned or not org_like(body)):
        # "Mr. Nevins of Showtime" is Nevins, as "Senator Sanders of Vermont" is Sanders.
        honored = any(t.low in HONORIFICS and t.end <= name_toks[0].start for t in toks)
        of = place_at([t.low for t in name_toks], has_title or honored)
        if of is not None:
            name_toks = name_toks[:of]
        if len(name_toks) > 4:
            return None
        role = join(text, role_toks) if has_title else None
        if not has_title and role_toks and not owned:
            # "Republican Donald Trump": a capitalised modifier is a role too.
            role = join(text, role_toks)
        return Mention(
            toks[0].start, toks[-1].end, join(text, name_toks), "person", role,
            name_toks[0].start, name_toks[-1].end,
        )
    if (toks[0].low in HONORIFICS and all(t.cap for t in body)) or (
        len(toks) == 1 and toks[0].cap and toks[0].low in SURNAME_TITLES
    ):
        # "Mr. King", "Ms. Bishop": only a person has an honorific, whatever the name
        # means; "King told the Daily News": a surname alone, not a monarch.
        return Mention(toks[0].start, toks[-1].end, join(text, body), "person", None,
                       body[0].start, body[-1].end)
    head = body[-1].low
    if head in TIME_WORDS and not body[-1].cap:
        return None  # "The president this morning says": when, not who
    if toks[0].low in DETERMINERS and len(body) <= 4 and not body[-1].cap and head not in ORG_WORDS:
        # "the organizer", "the lawsuit", "his parents": described, not named.
        return Mention(toks[0].start, toks[-1].end, join(text, body), "description", None,
                       body[0].start, body[-1].end)
    if (
        body[-1].cap
        or head in SPEAKER_NOUNS
        or head in TITLES
        # "forces", "associates", which the possessive strip below would cut; not "at
        # times" or "big news", a newspaper's word only with its capital
        or (head in ORG_WORDS and head not in _NEWSPAPER_WORDS)
        or head.rstrip("’s'") in ORG_WORDS
    ):
        kind: MentionKind = "org" if any(t.cap for t in body) else "description"
        if head in SPEAKER_NOUNS and not body[-1].cap and head not in ORG_WORDS:
            kind = "description"
        return Mention(
            toks[0].start, toks[-1].end, join(text, body), kind, None,
            body[0].start, body[-1].end,
        )
    return None


def _phrase_back(text: str, toks: list[Token]) -> list[Token]:
    """The longest speaker-like phrase that ends at the last token (may be empty)."""
    if not toks:
        return []
    last = toks[-1]
    if last.low in PRONOUNS:
        return [last]
    nounish = last.cap or last.low in SPEAKER_NOUNS or title_like(last) or last.low in ORG_WORDS
    j = len(toks) - 1
    while nounish and j > 0:
        prev, cur = toks[j - 1], toks[j]
        if gap(text, prev, cur).strip(" "):
            break
        low = prev.low
        if low in DETERMINERS:
            j -= 1
            break
        if (
            low in CONNECTORS
            and cur.cap
            and j >= 3
            and toks[j - 2].low in CONNECTORS
            and toks[j - 3].cap
            and not gap(text, toks[j - 2], prev).strip(" ")
        ):
            j -= 2  # "Ursula von der Leyen": two particles between the names
            continue
        titled = any(title_like(t) for t in toks[j:])
        plain = not prev.cap and low not in NOT_NAMES and low not in ADVERBS and len(low) > 2
        ok = (
            (prev.cap and low not in NOT_NAMES)
            or (low in CONNECTORS and cur.cap and j - 2 >= 0 and toks[j - 2].cap)
            or title_like(prev)
            or (plain and (title_like(cur) or titled) and low not in _VERBISH)
            # "the central bank", "Russia's foreign ministry": one lower-case modifier of a
            # speaker noun, right after a determiner or a capitalised word.
            or (plain and low not in _VERBISH and _modifies_head(toks, j))
        )
        if not ok or len(toks) - j >= 8:
            break
        j -= 1
    if nounish:
        phrase = toks[j:]
    else:
        # "the organizer", "a man", "another supporter": a short phrase led by a determiner.
        k = len(toks) - 1
        while k > 0 and len(toks) - k < 4 and toks[k - 1].low not in DETERMINERS:
            if toks[k - 1].low in _VERBISH or toks[k - 1].low in ADVERBS:
                return []
            k -= 1
        if k == 0 or toks[k - 1].low not in DETERMINERS or any(
            gap(text, a, b).strip() for a, b in zip(toks[k - 1 :], toks[k:], strict=False)
        ):
            return []
        if last.low in PREPOSITIONS or last.low in NOT_NAMES or (
            k >= 2 and toks[k - 2].low in PREPOSITIONS
        ):
            return []  # "in the past described", "this question to demand"
        phrase = toks[k - 1 :]
    while phrase and phrase[0].low in CONNECTORS:
        phrase = phrase[1:]
    return phrase


def _modifies_head(toks: list[Token], j: int) -> bool:
    """``toks[j - 1]`` modifies the speaker noun ``toks[j]`` that ends the phrase, and
    a determiner or a capitalised word comes before it ("the central bank")."""
    head, before = toks[j], toks[j - 2] if j >= 2 else None
    return (
        j == len(toks) - 1
        and (head.low in ORG_WORDS or head.low in SPEAKER_NOUNS)
        and before is not None
        and (before.low in DETERMINERS or (before.cap and before.low not in NOT_NAMES))
    )


# How many tokens mention_before reads back from ``pos``, at most: an adverb, an
# appositive of up to 16 words, then a phrase of up to 8 and the two before it; each
# checks for the start of its list only when fewer are left, so any more read the same.
_READ_BEFORE = 32


def mention_before(text: str, pos: int, lo: int) -> Mention | None:
    """The speaker whose phrase ends just before ``pos`` ("Voronkov" in "Voronkov stated").

    Skips auxiliaries and adverbs ("has also said") and an appositive between commas
    ("Voronkov, the UN undersecretary-general for counterterrorism, described").
    """
    toks = last_tokens(text, lo, pos, _READ_BEFORE)
    if not toks or text[toks[-1].end : pos].strip() not in ("", ","):
        return None
    k = len(toks)
    while k > 0 and toks[k - 1].low in ADVERBS and not text[toks[k - 1].end : pos].strip(" ,"):
        k -= 1
    if k > 1 and toks[k - 1].low == "now" and toks[k - 2].low not in ADVERBS:
        k -= 1  # "The Washington Post now reports" (not "a reader would now ask")
    toks = toks[:k]
    if not toks:
        return None
    tail = text[toks[-1].end : pos]
    if "," in tail:
        return _appositive_back(text, toks, lo)
    phrase = _phrase_back(text, toks)
    m = classify(text, phrase)
    if m is None:
        return None
    m = _issuer_before(text, speaks_for(text, m), lo)
    m = _honorific_pair(m)
    inside, subject = _relative_subject(text, m, lo)
    if inside:
        return subject  # None where the clause's head is no speaker ("those who ...")
    if m.kind == "description":
        return _coordinated(text, m, lo)
    return _spokesperson_before(text, m, lo) if m.role is None else m


# Heads of a relative clause that name nobody: "Those who backed Trump said".
_NOBODY = words("those anyone anybody everyone everybody someone somebody whoever")
# A sentence end between "who" and the mention ("people who hit wildlife . '' Inslee
# noted"), not the period of a title or an initial ("who arrested Mr. Jones said").
_SENTENCE_END = re.compile(r"(?<![A-Z][a-z])(?<![A-Z])[.!?]\s|''|``")


def _relative_subject(text: str, m: Mention, lo: int) -> tuple[bool, Mention | None]:
    """Whether ``m`` is inside a relative clause that ends at it, and the speaker the
    clause describes: "A GOP insider who had direct contact with Steele told" is the
    insider's, not Steele's; "The officer who arrested Jones said" the officer's; "Those
    who backed Trump said" nobody's that can be named."""
    if m.name.lower() in PRONOUNS:
        return False, None  # "the congressman who gained attention when he yelled"
    toks = last_tokens(text, lo, m.start, 12)
    at = next((i for i in range(len(toks) - 1, 0, -1) if toks[i].low == "who"), None)
    if at is None or at == len(toks) - 1:
        return False, None  # no "who", or "who" right before the mention: not its object
    between = text[toks[at].start : m.start]
    if (
        any(c in between for c in ",;:()\"“”—–")
        or _SENTENCE_END.search(between)
        or gap(text, toks[at - 1], toks[at]).strip()
    ):
        return False, None  # "Smith, who met Jones, said" is an aside (read elsewhere)
    if toks[at - 1].low in _NOBODY:
        return True, None
    head = classify(text, _phrase_back(text, toks[:at]))
    if head is None:
        return False, None  # "grew heated over who supported which bill that Christie said"
    if head.kind == "person":
        if head.name.lower() not in SPEAKER_NOUNS:
            return False, None  # a name before "who" without a comma: read as before
        head = replace(head, kind="description")  # "Voters who ..." opening a sentence
    return True, head


# "Mr. Grassley and Mr." before "Leahy": a role that is another person and the
# honorific of this one; a title before the first ("Senators") stays the role.
_PAIR_ROLE = re.compile(
    r"^(?:(?P<role>[A-Z][a-z]+s)\s+)?(?P<first>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})"
    r"\s+and\s+(?:Mr|Mrs|Ms|Dr)\.?$"
)


def _honorific_pair(m: Mention) -> Mention:
    """Two people the second of whom has an honorific speak together: "Mr. Grassley and
    Mr. Leahy say" is both of theirs, not Leahy's with the role "Grassley and Mr." (only
    after an honorific, which no place or university has). Each part is resolved to its
    full name on its own (coreference.Resolver.resolve)."""
    pair = _PAIR_ROLE.match(m.role or "") if m.kind == "person" else None
    if pair is None:
        return m
    return replace(m, name=f"{pair['first']} and {m.name}", role=pair["role"])


def _coordinated(text: str, m: Mention, lo: int) -> Mention:
    """Two descriptions joined by "and" speak together: "Both the mayor and the governor
    said" is theirs, not the governor's alone; "Police and prosecutors said" is both."""
    toks = last_tokens(text, lo, m.start, 3)
    if len(toks) < 2 or toks[-1].low != "and" or toks[-2].low not in SPEAKER_NOUNS:
        return m
    if gap(text, toks[-2], toks[-1]).strip() or text[toks[-1].end : m.start].strip():
        return m  # "He thanked the mayor, and the governor said": not one subject
    first = toks[-3] if len(toks) > 2 and toks[-3].low in DETERMINERS else toks[-2]
    name = f"{toks[-2].text} and {m.name}"
    return replace(m, start=first.start, name=name, name_start=toks[-2].start)


def _spokesperson_before(text: str, m: Mention, lo: int) -> Mention:
    """``a (senior) spokesperson for|of|at`` before an organisation: its role."""
    toks = last_tokens(text, lo, m.start, 5)
    if (
        len(toks) < 2
        or toks[-1].low not in _TIES
        or toks[-2].low not in SPOKES_NOUNS
        or text[toks[-2].end : m.start].replace(toks[-1].text, "", 1).strip()
    ):
        return m
    k = len(toks) - 2
    while k > 0 and len(toks) - k < 5 and not toks[k - 1].cap and not gap(
        text, toks[k - 1], toks[k]
    ).strip() and toks[k - 1].low not in _VERBISH and toks[k - 1].low not in PREPOSITIONS:
        if toks[k - 1].low in DETERMINERS:
            return replace(m, start=toks[k - 1].start, role=join(text, toks[k:-1]))
        k -= 1
    return replace(m, start=toks[k].start, role=join(text, toks[k:-1]))


_RELATIVES = words("who whom whose which")


def _appositive_back(text: str, toks: list[Token], lo: int) -> Mention | None:
    """``NAME, ROLE,`` or ``ROLE, NAME,`` ending where the cue begins."""
    # toks[-1] ends just before the trailing comma; find the opening comma.
    k = len(toks) - 1
    while k > 0 and not comma_between(text, toks[k - 1], toks[k]) and len(toks) - k < 16:
        if _APPOSITIVE_STOP.search(text, toks[k - 1].end, toks[k].start):
            return None
        k -= 1
    if k == 0 or not comma_between(text, toks[k - 1], toks[k]):
        return None
    inner = toks[k:]
    before = toks[:k]
    if len(before) > 1 and before[-1].text.isdigit() and "," in gap(text, before[-2], before[-1]):
        before = before[:-1]  # "Ramil Carr, 31, a Philadelphia photographer,": an age
    outer = _phrase_back(text, before)
    if _governed(before, outer):
        # "Clinton, during a town hall meeting in Columbus, Ohio, said": the place is
        # part of the aside; the speaker is before the comma that opens it.
        found = _before_aside(text, before[: len(before) - len(outer)])
        if found is not None:
            return found
    inner_m = classify(text, inner)
    outer_m = classify(text, outer)
    if outer_m and (
        inner[0].low in _RELATIVES
        or (len(inner) > 2 and inner[1].low == "of" and inner[2].low in _RELATIVES)
    ):
        # "Residents, many of whom lost their homes, said": a clause about them, no role
        # ("Jane Doe, a lawyer who represents the family," keeps "lawyer ...").
        return outer_m
    if outer_m and outer_m.kind in ("person", "org") and (
        inner[0].low in DETERMINERS or is_possessive(inner[0]) or title_like(inner[-1])
        or any(title_like(t) for t in inner)
    ):
        role = join(text, _strip_det(text, inner)) or outer_m.role
        return _with_role(outer_m, role, outer_m.end)
    if (
        inner_m
        and inner_m.kind == "person"
        and outer
        and any(title_like(t) for t in outer)
        # "Senator Ben Sasse, Republican of Nebraska,": the name is before the comma
        and (outer_m is None or outer_m.kind != "person" or title_like(outer[-1]))
    ):
        role = join(text, _strip_det(text, outer))
        return Mention(outer[0].start, inner_m.end, inner_m.name, "person", role,
                       inner_m.name_start, inner_m.name_end)
    if outer_m and (
        outer_m.kind != "description"
        # "The prime minister, speaking to the BBC, said": a person described, then what
        # they were doing ("The sound system, in ...," or "last week, ..." is no one)
        or (
            not inner[0].cap
            and inner[0].low.endswith("ing")
            and (outer[-1].low in SPEAKER_NOUNS or title_like(outer[-1]))
        )
    ):
        # Any other aside ("McConnell, R-Ky., said"; "Cruz, who has surged, named" was
        # taken above).
        return outer_m
    if (
        inner_m is not None
        and inner_m.kind == "person"
        and len(inner) >= 2
        and all(t.cap for t in inner)
        and 2 <= len(before) <= _DESCRIBED_WORDS
        and before[0].start <= lo + 2
        and (before[0].low in _DESCRIBED_OPENERS or is_possessive(before[0]))
        and not any(t.low in CUES or t.cap for t in before[1:])
    ):
        # "“...,” one of the women, Maureen Maloney, said", "a neighbor, John Smith,
        # said": a description of the one named after it, the whole stretch before.
        kept = before if before[0].low in ("one", "another") else _strip_det(text, before)
        return Mention(before[0].start, inner_m.end, inner_m.name, "person", join(text, kept),
                       inner_m.name_start, inner_m.name_end)
    return None


# "one of the women, Maureen Maloney,": a described person named after the comma.
_DESCRIBED_WORDS = 6
_DESCRIBED_OPENERS = DETERMINERS | words("one another")


def _governed(before: list[Token], phrase: list[Token]) -> bool:
    """Whether ``phrase``, which ends ``before``, is what a preposition governs."""
    i = len(before) - len(phrase) - 1
    if i >= 0 and before[i].low in DETERMINERS:
        i -= 1
    # Not a subordinating word: "after Warren E. Buffett, the investor, complained" names
    # who complained.
    return bool(phrase) and i >= 0 and before[i].low in PREPOSITIONS


def _before_aside(text: str, toks: list[Token]) -> Mention | None:
    """The person or organisation before the comma that opens an aside ending at the end of
    ``toks``, if one comes within _ASIDE_TOKENS."""
    k = len(toks) - 1
    while k > 0 and len(toks) - k < _ASIDE_TOKENS:
        if _APPOSITIVE_STOP.search(text, toks[k - 1].end, toks[k].start):
            return None
        if comma_between(text, toks[k - 1], toks[k]):
            m = classify(text, _phrase_back(text, toks[:k]))
            return m if m is not None and m.kind in ("person", "org") else None
        k -= 1
    return None


# How far back an aside's opening comma is looked for: 21 words in "Dr. Lisa Bardack, an
# internist and chairman of the Department of Medicine at the Mount Kisco Medical Group in
# Mount Kisco, New York, said".
_ASIDE_TOKENS = 24


def _with_role(m: Mention, role: str | None, end: int) -> Mention:
    return Mention(m.start, end, m.name, m.kind, role, m.name_start, m.name_end)


# How many tokens mention_after reads from ``pos``, at most: a phrase of up to 9, titles up
# to 5 past it, or an aside of up to 14 after it; it checks for the end of its list only
# when fewer are left, so any more read the same.
_READ_AFTER = 25


# Documents that "say" things for whoever issued them.
DOCUMENT_NOUNS = words("report statement letter memo study survey filing complaint lawsuit")
# "the statement from X", "the report issued by X": who issued the document.
_ISSUED_BY = re.compile(
    r",?\s+(?:(?:issued|released|published|signed|sent|written)\s+)?(?:by|from)\s+"
)


def mention_after(text: str, pos: int, hi: int) -> Mention | None:
    """The speaker whose phrase starts at ``pos`` ("Voronkov" in "said Voronkov, the ..."):
    for a document ("said the statement from Grimm's attorney") whoever issued it, and for
    a spokesperson ("said a spokesperson for the State Department") the organisation."""
    m = _mention_after(text, pos, hi)
    if m is None:
        return m
    if m.kind == "person":
        # "said a spokesman for Exxon": the role is the spokesman, not "spokesman for".
        role = (m.role or "").lower().split()
        if len(role) >= 2 and role[-1] in _TIES and role[-2] in SPOKES_NOUNS:
            return replace(m, role=(m.role or "").rsplit(None, 1)[0])
        return m
    head = m.name.split()[-1].lower()
    if head in SPOKES_NOUNS and m.kind == "description":
        # "a spokesperson for the State Department", "officials at the Pentagon"
        of = _OF_ORG.match(text, m.end, hi)
        org = _mention_after(text, of.end(), hi) if of else None
        if org is not None and org.kind == "org":
            return Mention(m.start, org.end, org.name, "org", m.name, org.name_start, org.name_end)
        return m
    if head not in DOCUMENT_NOUNS:
        return speaks_for(text, m)
    issued = _ISSUED_BY.match(text, m.end, hi)
    issuer = _mention_after(text, issued.end(), hi) if issued else None
    if issuer is None or issuer.kind not in ("person", "org"):
        return speaks_for(text, m)
    return Mention(m.start, issuer.end, issuer.name, issuer.kind, issuer.role,
                   issuer.name_start, issuer.name_end)


# Those who speak for an organisation, and the words that tie them to it: "a State
# Department spokesperson", "a spokesperson for the State Department" and "the State
# Department" are one speaker however the outlet turns it, with the role kept.
SPOKES_NOUNS = words(
    """spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople representative
    representatives official officials"""
)
_TIES = ("for", "of", "at")
_OF_ORG = re.compile(r"\s+(?:" + "|".join(_TIES) + r")\s+")
_ISSUED_NOUNS = DOCUMENT_NOUNS | SPOKES_NOUNS
# Capitalised at the start of a sentence, but a rank, not part of the issuer's name.
_RANKS = words(
    "senior top former current unnamed anonymous two three four five six several some many few"
)
# Capitalised adjectives, not issuers: "Israeli officials", "Federal officials".
_DEMONYM = re.compile(r"(?:[^aeiou]i|an|ese|ish)$")
_ADJECTIVES = words("federal public state local national regional municipal foreign western")


def speaks_for(text: str, m: Mention) -> Mention:
    """Who speaks through a document or a spokesperson named with its issuer in front:
    "BuzzFeed's Thursday night report" is BuzzFeed (role "Thursday night report"), "a
    Pentagon report" the Pentagon, "a State Department spokesperson" the department."""
    if m.kind not in ("org", "description"):
        return m
    toks = _strip_det(text, first_tokens(text, m.start, m.end, 12))
    if len(toks) < 2 or toks[-1].low not in _ISSUED_NOUNS:
        return m
    body = toks[:-1]
    owner = next((i for i, t in enumerate(body) if is_possessive(t)), None)
    if owner is not None:
        issuer = body[: owner + 1]
    else:
        # The capitalised run right before the head, with the lower-case organisation
        # words after it ("Israeli army", "Democratic party"); any other lower-case word
        # in between ("Cairo airport official", "Public health officials") makes the
        # phrase a description, and so does a lone adjective ("Israeli officials").
        end = k = len(body)
        while k > 0 and not body[k - 1].cap and body[k - 1].low in ORG_WORDS:
            k -= 1
        if k == 0 or not body[k - 1].cap:
            return m
        while k > 0 and body[k - 1].low not in _RANKS and (
            is_name_word(body[k - 1])
            or (body[k - 1].low in CONNECTORS and k >= 2 and is_name_word(body[k - 2]))
        ):
            k -= 1
        issuer = body[k:end]
        if any(t.cap and t.low not in _RANKS for t in body[:k]):
            return m  # more capitalised words before: not one issuer
        if len(issuer) == 1 and not org_like(issuer) and (
            issuer[0].low in _ADJECTIVES or _DEMONYM.search(issuer[0].low)
        ):
            return m
    if not any(t.cap and is_name_low(_unpossessed(t.low)) for t in issuer):
        return m  # "the company's annual report", "the Sheriff's officials"
    name_end = issuer[-1].end - (len(issuer[-1].low) - len(_unpossessed(issuer[-1].low)))
    name = text[issuer[0].start : name_end]
    kind: MentionKind = "org" if org_like(issuer) or toks[-1].low in SPOKES_NOUNS else "person"
    if kind == "person":
        named = classify(text, issuer)
        kind = "person" if named is not None and named.kind == "person" else "org"
    role = " ".join(t.text for t in toks if all(t is not i for i in issuer))
    return Mention(m.start, m.end, name, kind, role, issuer[0].start, name_end)


def _unpossessed(low: str) -> str:
    for ending in POSSESSIVE_ENDINGS:
        if low.endswith(ending):
            return low[: -len(ending)] if ending[0] in "’'" else low[:-1]
    return low


def _issuer_before(text: str, m: Mention, lo: int) -> Mention:
    """A document whose phrase stopped short of its owner: "BuzzFeed's Thursday night
    report" (the time words in between end the speaker phrase)."""
    if m.kind == "person" or m.name.split()[-1].lower() not in DOCUMENT_NOUNS:
        return m
    toks = last_tokens(text, lo, m.start, 4)
    for k in range(len(toks) - 1, -1, -1):
        if text[toks[k].end : toks[k + 1].start if k + 1 < len(toks) else m.start].strip():
            return m  # punctuation: not one phrase
        if is_possessive(toks[k]) and is_name_word(toks[k]):
            return speaks_for(text, replace(m, start=toks[k].start))
        if toks[k].low in DETERMINERS or toks[k].low in _VERBISH:
            return m
    return m


def _clause_word(toks: list[Token], j: int) -> bool:
    """Whether lower-case token ``j``, though a title follows it, is a verb of the clause
    rather than a word of the speaker's phrase ("retired Gen.", "majority leader"): one
    with an object ("castigated the Justice Department"), or a verb after a name ("Hunter
    echoed President Trump")."""
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    return nxt in ("the", "a", "an") or (j > 0 and toks[j - 1].cap and toks[j].low.endswith("ed"))


def _office_words(toks: list[Token], j: int) -> int:
    """How many tokens from ``j`` continue a lower-case office before a name: "of state"
    in "secretary of state Madeleine Albright", "of staff" in "chief of staff John Kelly"
    (0 if none): "of", one or two lower-case words, then a capitalised name."""
    if not (j > 0 and toks[j].low == "of" and toks[j - 1].low in TITLES and not toks[j - 1].cap):
        return 0
    k = j + 1
    while k < len(toks) and k <= j + 2 and not toks[k].cap and toks[k].low.isalpha() and (
        toks[k].low not in _VERBISH and toks[k].low not in DETERMINERS
    ):
        k += 1
    if k == j + 1 or k >= len(toks) or not toks[k].cap or toks[k].low in NOT_NAMES:
        return 0
    return k - j


_AGE = re.compile(r"\d{1,3}-year-old")


def _mention_after(text: str, pos: int, hi: int) -> Mention | None:
    toks = first_tokens(text, pos, hi, _READ_AFTER)
    if not toks or text[pos : toks[0].start].strip():
        return None
    j = 0
    while j < len(toks) and j < 9:
        tok = toks[j]
        if j and gap(text, toks[j - 1], tok).strip(" "):
            break
        low = tok.low
        office = _office_words(toks, j)
        if office:
            j += office  # "secretary of state Madeleine Albright": the office goes on
            continue
        ok = (
            (low in DETERMINERS and j == 0)
            or (j == 0 and _AGE.fullmatch(low) is not None)  # "said 61-year-old Jane Doe"
            or (tok.cap and (low not in NOT_NAMES or (j > 0 and low in ("the",))))
            or (low in CONNECTORS and j + 1 < len(toks) and toks[j + 1].cap and j > 0)
            or low in TITLES or low in SPEAKER_NOUNS
            or (low in PRONOUNS and j == 0)
            or (not tok.cap and low not in _VERBISH and low not in ADVERBS
                and any(title_like(t) for t in toks[j + 1 : j + 6])
                and not _clause_word(toks, j))
        )
        if not ok:
            break
        j += 1
        if low in PRONOUNS:
            break
        if low in SPEAKER_NOUNS and not tok.cap and not (
            j < len(toks) and (
                toks[j].low in ("for", "of") or title_like(toks[j])
                # "said White House spokesman Josh Earnest": the name after the role
                or (toks[j].cap and toks[j].low not in NOT_NAMES)
            )
        ):
            break
    phrase = toks[:j]
    while phrase and phrase[-1].low in CONNECTORS:
        phrase = phrase[:-1]
    if len(phrase) == 1 and phrase[0].low in DETERMINERS:
        # "The billionaire businessman began": a short described subject.
        k = 1
        while k < min(len(toks), 5) and not gap(text, toks[k - 1], toks[k]).strip() and (
            toks[k].low not in _VERBISH and toks[k].low not in ADVERBS
            and not (toks[k].low.endswith(("ed", "ly")) and toks[k].low not in LY_NOUNS)
        ):
            k += 1
        phrase = toks[:k] if k < len(toks) and k > 1 else phrase
    m = classify(text, phrase)
    if m is None or j >= len(toks):
        return m
    if m.kind != "person" and (title_like(phrase[-1]) or m.kind == "description"):
        named = _name_after_comma(text, toks, j)
        if named is not None:
            role = join(text, _strip_det(text, phrase))
            return Mention(m.start, named.end, named.name, "person", role, named.start, named.end)
    # "said Voronkov, the UN undersecretary-general for counterterrorism."
    after = gap(text, toks[j - 1], toks[j])
    if after.strip() == "," and m.kind == "person":
        rest = toks[j:]
        k = 0
        closed = False
        while k < len(rest) and k < 14:
            if k and _PHRASE_STOP.search(text, rest[k - 1].end, rest[k].start):
                closed = True
                break
            k += 1
        appos = rest[:k]
        # An aside that runs on past what is read is not clipped into a role: "John
        # Podesta, a former chief of staff to President Bill Clinton and a close ally of".
        closed = closed or (k == len(rest) and _PHRASE_STOP.match(text, rest[-1].end) is not None)
        if closed and appos and (appos[0].low in DETERMINERS or is_possessive(appos[0])) and any(
            title_like(t) for t in appos
        ):
            return _with_role(m, join(text, _strip_det(text, appos)), appos[-1].end)
    return m


def _name_after_comma(text: str, toks: list[Token], j: int) -> Mention | None:
    """``ROLE, Fu Cong,``: the name in commas right after a role phrase ending at ``j``."""
    if gap(text, toks[j - 1], toks[j]).strip() != ",":
        return None
    k = j
    while k < len(toks) and k - j < 4 and is_name_word(toks[k]) and (
        k == j or not gap(text, toks[k - 1], toks[k]).strip()
    ):
        k += 1
    if k == j or (k < len(toks) and gap(text, toks[k - 1], toks[k]).strip() not in (",", "")):
        return None
    m = classify(text, toks[j:k])
    return m if m is not None and m.kind == "person" else None
