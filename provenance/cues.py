"""Cue words: the verbs that introduce speech, and whether a word is used as one here.

"claims" is a cue in "Trump claims that" and a noun in "rejected the claims that" or
"rejected U.S. claims that"; with no tagger, the words around it decide.
"""

from __future__ import annotations

import re

from provenance.lexicon import (
    ADVERBS,
    CONNECTORS,
    DETERMINERS,
    LY_NOUNS,
    PRONOUNS,
    SPEAKER_NOUNS,
    TITLES,
    is_possessive,
)
from provenance.tokens import Token, words

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
    thunder fret grumble opine volunteer interject beam laugh sigh cry plead point react"""
)
# Forms the regular rule in forms() gets wrong.
_IRREGULAR = {
    "say": "says said saying", "tell": "tells told telling", "write": "writes wrote writing",
    "think": "thinks thought thinking", "admit": "admits admitted admitting",
    "quip": "quips quipped quipping", "deny": "denies denied denying",
    "reply": "replies replied replying", "testify": "testifies testified testifying",
    "clarify": "clarifies clarified clarifying", "plead": "pleads pleaded pled pleading",
    "slam": "slams slammed slamming", "dub": "dubs dubbed dubbing",
    "label": "labels labeled labelled labeling", "signal": "signals signaled signalled",
}


def forms(lemma: str) -> list[str]:
    """The lemma and its -s, -ed and -ing forms ("deny": deny denies denied denying)."""
    if lemma in _IRREGULAR:
        return [lemma, *_IRREGULAR[lemma].split()]
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    s = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    return [lemma, s, stem + "ed", stem + "ing"]


CUES: dict[str, str] = {f: lemma for lemma in _CUE_LEMMAS for f in forms(lemma)}
# Verbs whose "that"/clause complement is the reported content.
THAT_LEMMAS = words(
    """say state tell warn add claim note explain argue insist write tweet post announce declare
    assert acknowledge admit deny reply respond recall suggest predict promise vow pledge
    conclude complain emphasise emphasize stress reveal report charge contend maintain observe
    remark confirm concede boast testify allege agree caution counter reiterate speculate
    estimate signal hint lament assure inform remind believe think fear hope indicate affirm
    clarify threaten argue point"""
)
# Cues whose reported clause is what the speaker says is false ("denied that ...").
DENIALS = words("deny reject dismiss")
# "said he", "told reporters he": these lemmas take a bare clause too.
BARE_LEMMAS = words(
    """say tell claim argue insist warn suggest predict add note write tweet think believe"""
)
NOT_CLAUSE = words("that this a an her his")  # "said a lot", "told her": not a clause
OBJECTS = words("reporters me him her them us")
_NAMING = words("call dub label term brand title name")
OBJECT_LEMMAS = words("tell warn assure inform remind")
# A pronoun's contractions open a clause as the pronoun does ("says he’ll work", "said
# they’re likely"), with either apostrophe.
_CONTRACTED = [
    f"{p}{a}{c}"
    for p, cs in {
        "he": "s ll d", "she": "s ll d", "it": "s ll d", "they": "re ll d ve", "we": "re ll d ve",
        "i": "m ll d ve", "there": "s ll d", "that": "s ll d", "you": "re ll d ve",
    }.items()
    for c in cs.split()
    for a in "’'"
]
# The personal pronouns that open a clause after a hearer ("told the crowd he would").
CLAUSE_PRONOUNS = words("he she they we i") | frozenset(
    # Split at the apostrophe: "it’s" starts with "i" but is no personal pronoun.
    c for c in _CONTRACTED if re.split("[’']", c)[0] in ("he", "she", "they", "we", "i")
)
SUBJECT_STARTS = words(
    """he she they it we i there this that these those his her their its our the a an"""
) | frozenset(_CONTRACTED)
TIME_WORDS = words(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier
    later recently previously last this on in at during after before while when afterward
    afterwards again also repeatedly late early morning evening night day week month year"""
)


_NOUN_BEFORE = words("the a an his her their its this that these those our such")
_NOT_VERBS = words(
    """of in on at to for from with by and or but as than about after before during into over under
    between against near who whom whose which that the a an"""
)
COMMON_VERBS = words(
    """is was are were has had have will would can could did does may might must should made
    took gave went came got put set kept left began won lost ran met sent spent held led threw
    brought became wrote spoke stood sat felt saw fought sought taught caught bought built paid
    hit cut let drew grew knew flew rose drove broke chose stole wore swore hung sang shot fled
    fed bent dealt meant slept sold struck"""
)
# A capitalised phrase after these is their object ("despite U.S. claims that"); after the
# rest only when a verb comes first ("pushed back against US claims"), since "the lawsuit
# against Google claims that" has Google inside its subject.
_OBJECT_PREPOSITIONS = words("despite amid")
_VERB_PREPOSITIONS = words("against at about over to")
_PARTICLES = words("back out up off")


# Words that grade an adjective, never a verb: "most telling", "more revealing".
_DEGREE = words("most more least less very")
# Adjectives that never stand for a speaker, before a cue word that is then a noun ("his
# past comments", "her recent remarks"). Not "later", "earlier", "first": adverbs too.
_ADJECTIVES = words(
    """past recent latest previous controversial own final opening closing initial prepared
    written similar numerous inflammatory offensive racist derogatory disparaging harsh
    unfounded baseless false misleading"""
)


# A cue's lemma, and the word after it that makes it say nothing: "Rubio will continue to
# be" (goes on being), "calling out Speaker John Boehner" (a rebuke, not a name or a
# quote), "now charged with desertion" (an indictment, not a claim).
_SAYS_NOTHING_BEFORE = {"continue": "to", "call": "out", "charge": "with"}
_PLURAL_DETERMINERS = words("these those some several many most")
# Words after "a" that leave a verb after them: "those who say", "a third say".
_NOT_MODIFIERS = words(
    """who that which to not few third quarter half fifth majority minority plurality handful
    number lot dozen couple"""
)


def is_cue(text: str, toks: list[Token], k: int) -> bool:
    """Is ``toks[k]`` a speech verb here, rather than a noun ("his claims") or a name?"""
    t = toks[k]
    if t.low == "according":
        return k + 1 < len(toks) and toks[k + 1].low == "to"
    if t.low not in CUES or (t.cap and k > 0):
        return False
    after = toks[k + 1].low if k + 1 < len(toks) else ""
    if _SAYS_NOTHING_BEFORE.get(CUES[t.low]) == after:
        return False
    if CUES[t.low] == "point" and after != "out":
        return False  # only "pointed out (that)": "pointed to", "the point" say nothing
    if k == 0:
        return True
    prev = toks[k - 1]
    if text[prev.end : t.start] != " ":
        return True
    if prev.low in CLAUSE_PRONOUNS:
        return True  # "He's claiming", "she’d said": a subject, not an owner ("Trump's")
    # "the statement", "his claims": a determiner before makes the word a noun.
    if prev.low in _NOUN_BEFORE or is_possessive(prev):
        return False
    if prev.low == "in" and t.low == "order":
        return False  # "in order to": a purpose, no command
    if prev.low == "of" and t.low == "state":
        return False  # "the secretary of state", "heads of state": the noun
    if prev.low in _DEGREE:
        return False  # "the most telling promise": graded, an adjective
    if prev.low in _ADJECTIVES:
        return False  # "his past comments", "her recent remarks": an adjective, a noun
    if CUES[t.low] in _NAMING and not prev.cap and prev.low not in PRONOUNS and (
        prev.low not in SPEAKER_NOUNS and prev.low not in ADVERBS
    ):
        return False  # "a short film called “Tenemos Familias”" names, it does not quote
    # "showed Tlaib telling supporters" keeps its cue: Tlaib is the one telling.
    nominal = t.low == CUES[t.low] or t.low.endswith("s")
    if prev.cap and nominal and _object_before(text, toks, k):
        return False  # "rejected U.S. claims that": the country modifies the noun
    # "dismissed claims that": a plural noun after a verb, not a verb after its subject.
    if k >= 2 and toks[k - 2].low in DETERMINERS:
        # "The ad claims": a noun phrase, then its verb; but "a far cry", "a handwritten
        # note", "her firmest promise" (no verb has its bare form after a singular noun or
        # an adjective) and "many outrageous comments" (nor its -s form after a plural
        # determiner) are nouns. Not "the police say", "those who say": plural subjects.
        det = toks[k - 2].low
        if t.low == CUES[t.low] and (
            (det in ("a", "an", "another") and prev.low not in _NOT_MODIFIERS)
            or (prev.low.endswith("est") and len(prev.low) > 4)
        ):
            return False
        return not (t.low.endswith("s") and det in _PLURAL_DETERMINERS)
    return not (
        t.low.endswith("s") and not prev.cap and prev.low not in ADVERBS
        and prev.low != "now"  # "The Washington Post now reports"
        and prev.low not in PRONOUNS and prev.low not in SPEAKER_NOUNS and prev.low not in TITLES
    )


def _object_before(text: str, toks: list[Token], k: int) -> bool:
    """Is the capitalised phrase ending at ``toks[k - 1]`` the object of a verb or
    preposition before it, so that it cannot be the subject of ``toks[k]``?"""
    j = k - 1
    while j > 0 and not text[toks[j - 1].end : toks[j].start].strip(" ") and (
        toks[j - 1].cap or (toks[j - 1].low in CONNECTORS and toks[j].cap)
    ):
        j -= 1
    if toks[j].low in PRONOUNS or any(t.low in TIME_WORDS for t in toks[j:k]):
        return False  # "issued a report Tuesday claiming": the day is no object
    if j and toks[j - 1].low in DETERMINERS:
        j -= 1  # "rejected the U.S. claim"
    if j == 0 or text[toks[j - 1].end : toks[j].start] != " ":
        return False
    before = toks[j - 1]
    if before.low in _OBJECT_PREPOSITIONS:
        return True
    if before.low in _VERB_PREPOSITIONS:
        i = j - 2
        if i >= 0 and toks[i].low in _PARTICLES:
            i -= 1
        return i >= 0 and _verb_of_object(toks, i)
    return _verb_of_object(toks, j - 1)


def _verb_of_object(toks: list[Token], i: int) -> bool:
    """A verb that takes a noun phrase, not a clause ("rejected", not "said" or "believes")."""
    tok = toks[i]
    low = tok.low
    if tok.cap or low in ADVERBS or low in TIME_WORDS or low in _NOT_VERBS:
        return False
    if CUES.get(low) in BARE_LEMMAS:
        return False  # "he said Russia claims that": a clause, with Russia its subject
    if low.endswith(("ed", "ing")) and len(low) > 4 and not low.endswith("thing"):
        # "the so-called Islamic State claims": after a determiner it is an adjective.
        return not (i and toks[i - 1].low in DETERMINERS)
    # A bare "report" or "claim" is as likely a noun as a verb.
    return (low in CUES and low != CUES[low]) or low in COMMON_VERBS


def verbish(tok: Token) -> bool:
    """Could this word be the verb after a subject? ("he demurred", not "Iowa county")."""
    low = tok.low
    if tok.cap or low in _NOT_VERBS:
        return False
    return (
        (low in CUES and CUES[low] != "point")  # "that specific point": a noun, mostly
        or low in ADVERBS
        or low in COMMON_VERBS
        or (len(low) > 3 and low.endswith(("ed", "s", "ly")) and not low.endswith("ss")
            and low not in LY_NOUNS)
    )
