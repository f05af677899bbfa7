"""Subjects with a phrase after their head noun: in "Democrats in the room said" or
"Aides to Clinton say" the Democrats and the aides speak, not the room or Clinton.

Read backwards from a cue, the phrase that ends right before it is the preposition's
object ("the room", "Clinton"), which the speaker rules would either take for the speaker
or, for a lower-case object, find none at all (2,000 news texts hold about 50 of each).
Here the head before the preposition is the speaker, with the phrase after it: a
description ("Witnesses at the camp", "supporters of Democrat Hillary Clinton") that
keeps who they are with or for. A time after the head ("Sanders on Tuesday said") is no
part of the speaker. Spokespeople and documents keep the rule that they speak for the
organisation named after them ("officials at the Pentagon", "a statement from the White
House": speakers.mention_after).
"""

from __future__ import annotations

import re

from provenance.cues import COMMON_VERBS, TIME_WORDS
from provenance.lexicon import (
    ADVERBS,
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    SPEAKER_NOUNS,
    title_like_word,
)
from provenance.speakers import DOCUMENT_NOUNS, SPOKES_NOUNS, Mention, mention_before
from provenance.tokens import Token, last_tokens, words

# Prepositions that open a phrase after a subject's head noun.
_AFTER_HEAD = words("of for at in from on with to among inside outside across near within about")
# Adjectives after a head noun, before the phrase they take: "people familiar with ...".
_POSTPOSED = words(
    """familiar close involved briefed knowledgeable opposed loyal sympathetic critical allied
    aligned connected linked responsible"""
)
_OBJECT_PRONOUNS = words("him her them me us")
_MASKED = re.compile(r"x+")
_QUOTED_MASK = re.compile(r"[\"“”'‘’][x ]*x[\"“”'‘’]")
# Words that open a group of people before a plural: "Many speakers", "the residents".
_GROUP_OPENERS = words("the these those their our many most some several all both few") | words(
    "two three four five six seven eight nine ten dozens hundreds thousands"
)
_ED_NOUNS = words("red bed seed need feed shed speed breed creed")
# Verbs of polls and studies: "a poll in January shows 68% of voters say".
_FINDING_VERBS = words(
    "shows show finds find suggests indicates reveals says said tells told writes wrote adds"
)
_CLAUSE_OPENERS = words(
    """and but so yet then meanwhile however also now still instead that which who whom
    because while although though if when as since after before whether where unless until"""
)
_QUANTIFIERS = words(
    "none all each both several few one two three four five six seven eight nine ten any"
)
_TIMES = TIME_WORDS | words(
    """january february march april may june july august september october november december
    times time weekend afternoon"""
)
# Words of a phrase after the head: an object of a few words, none of them a clause's.
_MAX_OBJECT = 6
# (Nouns that are also verbs, "the state", "the report", may be; an auxiliary may not.)
_NOT_IN_OBJECT = words(
    """who whom which that what where when would will could should can may might must has
    have had was were is are be been but or not and while upon"""
)
_AUXILIARIES = words("has have had would will could should can may might must did does do")
# Between the phrase and the cue: "Witnesses at the camp later said", "have said".
_BETWEEN = ADVERBS | _AUXILIARIES
_CLAUSE_PUNCT = frozenset(',;:()[]“”"!?—–-')  # a hyphen in a gap is a dash
_ISSUERS = DOCUMENT_NOUNS | SPOKES_NOUNS
# Heads that name people, not a person, when they open a sentence in capitals.
PEOPLE = (
    SPEAKER_NOUNS
    | words(
        """doctors nurses workers employees members jurors delegates students parents teachers
    soldiers troops farmers owners executives investors traders backers opponents proponents
    allies friends relatives neighbors neighbours families victims survivors locals citizens
    fans users customers bundlers operatives donors insiders veterans officers guards police
    scholars historians lawyers judges senators legislators negotiators mediators rebels
    militants fighters commanders sheriffs majorities majority minority most many some"""
    )
    | _QUANTIFIERS
    | words("neither either")
)


def modified_subject(text: str, lo: int, end: int, found: Mention | None) -> Mention | None:
    """The speaker of a cue at ``end`` whose subject is a head noun with a phrase after it,
    or None where there is no such subject; ``found`` is what mention_before found (the
    phrase's object, or nothing)."""
    toks = last_tokens(text, lo, end, 12)
    while toks and toks[-1].low in _BETWEEN and not toks[-1].cap:
        toks.pop()
    if (
        not toks
        or toks[-1].low in PREPOSITIONS
        or toks[-1].low in _NOT_IN_OBJECT
        or not _plain_gap(text, toks[-1].end, end)
    ):
        return None  # "... on free trade by saying", "... car and said", "Defense, then says"
    for i, p in enumerate(_prepositions(text, toks)):
        # ``found`` is the last phrase's object: an earlier preposition's runs past it.
        head = _head(text, lo, toks, p, found if i == 0 else None)
        if head is not None:
            return head
    return None


def _head(text: str, lo: int, toks: list[Token], p: int, found: Mention | None) -> Mention | None:
    """The speaker whose head noun comes before the preposition ``toks[p]``, if any."""
    if p == 0:
        return None
    h = p - 1
    if toks[h].low in _POSTPOSED and h > 0 and not toks[h].cap:
        h -= 1  # "people familiar with the matter", "sources close to the talks"
    head_tok, obj = toks[h], toks[p + 1 :]
    # A plural with a determiner or a number in front is a group ("Many speakers at the
    # service"); a singular may be a thing ("the rejection of the treaty").
    counted = (
        h > 0
        and head_tok.low.endswith("s")
        and not head_tok.low.endswith(("ss", "us", "is"))  # "the most populous of ..."
        and toks[h - 1].low in _GROUP_OPENERS
    )
    if (
        not head_tok.cap
        and head_tok.low not in PEOPLE
        and not title_like_word(head_tok.low)
        and not counted  # "Many speakers at the service"
    ):
        return None  # "protesters clamoring to block ...": only people (and names) speak
    if toks[p].low == "to" and not (
        obj[0].cap or obj[0].low in DETERMINERS or obj[0].low in _OBJECT_PRONOUNS
    ):
        return None  # "a pollster to correctly predict": "to" opens a verb, not a phrase
    if any(c in _CLAUSE_PUNCT for c in text[head_tok.end : toks[p].start]):
        return None  # "Sanders, in Iowa, said": an aside, read elsewhere
    time = all(t.low in _TIMES or t.low in DETERMINERS or t.text.isdigit() for t in obj)
    if not time and found is not None:
        if head_tok.low in _ISSUERS:
            return None  # "officials at the Pentagon", "a statement from the White House"
        if found.kind == "person" and len(found.name.split()) > 1 and head_tok.low not in PEOPLE:
            # "Centers for Disease Control Director Thomas Frieden": the person speaks;
            # only such as "aides to Clinton" speak for someone else.
            return None
    head = mention_before(text, toks[h + 1].start, lo)
    if head is None or head.kind == "pronoun" or not opens_clause(text, lo, head):
        return None
    if time or (head.kind == "person" and head_tok.low not in PEOPLE):
        # "Sanders on Tuesday said", "Collins of Maine said": when or where the person
        # spoke, or what she is from ("Critics" or "Doctors" is no one's name).
        return head
    while len(obj) > 1 and obj[-1].low in _TIMES:
        obj = obj[:-1]  # "the Israeli ambassador to the EU yesterday told"
    stop = obj[-1].end
    name = text[head.name_start or head.start : stop]
    return Mention(head.start, stop, name, "description", head.role, head.name_start, stop)


def _prepositions(text: str, toks: list[Token]) -> list[int]:
    """Where the prepositions are that may open the phrase ending ``toks``, the last first
    ("majority of respondents in the poll": "in", then "of"): at most _MAX_OBJECT words
    before the end, with no clause's word or punctuation after them."""
    found: list[int] = []
    for k in range(len(toks) - 2, max(-1, len(toks) - 2 - _MAX_OBJECT), -1):
        tok = toks[k]
        if any(c in _CLAUSE_PUNCT for c in text[tok.end : toks[k + 1].start]):
            break
        low = toks[k + 1].low
        if low in PRONOUNS or (low in _NOT_IN_OBJECT and not toks[k + 1].cap):
            break
        if not toks[k + 1].cap and (
            low in COMMON_VERBS
            or low in _FINDING_VERBS
            or (len(low) > 4 and low.endswith("ed") and low not in _ED_NOUNS)
        ):
            break  # "staffer on Friday apologized for ...": a verb, the phrase's end
        if tok.low in _AFTER_HEAD:
            found.append(k)
    return found


def _plain_gap(text: str, a: int, b: int) -> bool:
    """Whether only adverbs and auxiliaries come between the phrase and the cue, or an
    adverb between commas ("Proponents of the new bill, however, say"); not a comma alone,
    which ends a clause ("a job as Secretary of Defense, then says")."""
    gap = "".join(c for c in text[a:b] if not c.isspace())
    for word in text[a:b].replace(",", " ").split():
        gap = gap.replace(word, "", 1)
    return gap in ("", ",,") and not any(c in _CLAUSE_PUNCT - {","} for c in text[a:b])


def opens_clause(text: str, lo: int, m: Mention) -> bool:
    """Whether ``m`` can be a clause's subject: first in the sentence, after punctuation or
    a word that opens a clause, or with a determiner or a number in front ("several GOP
    leaders"); not after any other word ("clamoring to block Donald Trump from the GOP
    nomination say": the activists say it, not Trump)."""
    before = [t for t in last_tokens(text, lo, m.start, 4) if not _MASKED.fullmatch(t.text)]
    if not before:
        return True
    # A quoted word between ("catch “Unabomber” Ted Kaczynski") is no break; quoted words
    # are masked as x's in the text read here.
    between = _QUOTED_MASK.sub("", text[before[-1].end : m.start])
    if between.strip(" \"“”'‘’"):
        return True  # after punctuation
    prev = before[-1].low
    return prev in _CLAUSE_OPENERS or prev in DETERMINERS or prev in _QUANTIFIERS


def governed(text: str, lo: int, m: Mention) -> bool:
    """Whether a preposition or a verb governs ``m`` ("the report by officials in the
    city", "women who have accused Clinton of assault")."""
    before = last_tokens(text, lo, m.start, 2)
    if before and before[-1].low in DETERMINERS:
        before = before[:-1]
    if not before:
        return False
    prev = before[-1]
    if text[prev.end : m.start].strip(" "):
        return False  # "declining to discuss what happened, Mr. Obama on Thursday said"
    # A verb: "accused Clinton"; not a noun before a noun ("protest organizers").
    verb = not prev.cap and (prev.low.endswith("ed") or prev.low in COMMON_VERBS)
    return prev.low in PREPOSITIONS or verb
