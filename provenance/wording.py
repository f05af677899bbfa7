"""Wording that must not count as an edit, and the words that carry one.

Typography, case and thousands separators differ between outlets for no reason; the
comparison words fold them away. The negation and hedge vocabularies and the crude stem
live here too, because the edit rules and the per-text readers both look words up in them.
"""

from __future__ import annotations

import re
import unicodedata

# --- normalisation ---------------------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)


def normalise(text: str) -> str:
    """Unify quote marks, dashes and spaces so that typography never counts as an edit."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    # NFKC turns "…" into "...", which is what the ellipsis rule looks for.
    return " ".join(text.split())


# Comparison tokens: numbers keep their inner separators ("2.5" must not become "25").
_WORD = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:['-]\w+)*")


# "U.S." and "US", "U.N." and "UN" are one word: drop the dots of dotted initials.
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")


def _undot(norm: str) -> str:
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), norm)


def comparison_words(norm: str) -> tuple[str, ...]:
    # A comma can only be inside a number ("2,500" -> "2500"); "10:30" keeps its commas,
    # which it never has: only _WORD's number branch admits "," and ":".
    # Case-folded word by word: folding the text first would split words at characters
    # that fold into a combining mark ("İ").
    return tuple(
        w.replace(",", "") if "," in w and ":" not in w else w
        for w in map(str.casefold, _WORD.findall(_undot(norm)))
    )


# --- word lists --------------------------------------------------------------------------


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NEGATION_PARTICLES = wordset(
    "not no never without neither nor none nobody nothing cannot "
    # Contractions typed without the apostrophe, common in wire copy and transcripts.
    "dont didnt doesnt isnt wasnt arent werent cant couldnt wouldnt shouldnt wont havent "
    "hasnt hadnt"
)
NEGATION_VERBS = wordset("deny denies denied denying refuse refuses refused refusing")
# Words that carry a negation without being one of the cues above ("failed to act" is
# "did not act"); they keep a rewording from counting as a flip but never flag one.
IMPLICIT_NEGATIVES = re.compile(
    r"^(?:fail\w*|declin\w*|lack\w*|reject\w*|dismiss\w*|unless|absent|ain't|unable"
    r"|nowhere|hardly|barely|instead)$"
)
AFFIRMATIVE_VERBS = wordset(
    "confirm confirms confirmed confirming admit admits admitted admitting acknowledge "
    "acknowledges acknowledged agree agrees agreed accept accepts accepted"
)

# Words for opposite directions or verdicts, each side with its forms: one standing where
# the other stood reverses the claim ("unemployment rose" / "unemployment fell") as a
# negation does, with no negation word to show it.
_OPPOSITE_PAIRS = (
    ("rise rises rose risen rising", "fall falls fell fallen falling"),
    ("increase increases increased increasing", "decrease decreases decreased decreasing"),
    ("grow grows grew grown growing", "shrink shrinks shrank shrunk shrinking"),
    ("soar soars soared soaring surge surges surged surging",
     "plunge plunges plunged plunging plummet plummets plummeted plummeting"),
    ("win wins won winning", "lose loses lost losing"),
    ("gain gains", "loss losses"),
    ("up", "down"),
    ("higher", "lower"),
    ("more", "less fewer"),
    ("most", "least fewest"),
    ("largest biggest", "smallest"),
    ("highest", "lowest"),
    ("best", "worst"),
    ("better", "worse"),
    ("support supports supported supporting", "oppose opposes opposed opposing"),
    ("approve approves approved approving", "reject rejects rejected rejecting"),
    ("allow allows allowed allowing", "ban bans banned banning forbid forbids forbade forbidden"),
    ("legal", "illegal"),
    ("above", "below"),
    ("before", "after"),
    ("strengthen strengthens strengthened strengthening",
     "weaken weakens weakened weakening"),
    ("raise raises raised raising", "cut cuts cutting lower lowers lowered lowering"),
    ("guilty", "innocent"),
    ("true", "false"),
    ("majority", "minority"),
    ("maximum", "minimum"),
)  # fmt: skip


def _opposites() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for one, other in _OPPOSITE_PAIRS:
        for a, b in ((one, other), (other, one)):
            for word in a.split():
                out.setdefault(word, set()).update(b.split())
    return {word: frozenset(them) for word, them in out.items()}


OPPOSITES = _opposites()

# Function words: never the predicate a negation governs.
STOPWORDS = wordset(
    """
    a an the and or but if of to in on at by for with from as into onto over under up down out
    off about above below after before during since until while than then so such too very
    is are was were be been being am has have had having do does did doing will would shall
    should can could may might must ought it its he him his she her hers they them their theirs
    we us our ours you your yours i me my mine who whom whose which what when where why how
    this that these those there here also even just only yet ever still any some all both each
    few many much more most other another own same no not nor never again further once
    said says say saying told tell stated added according longer get got
    """
)

_HEDGE_WORDS = wordset(
    "may might could reportedly allegedly possibly likely unlikely probably perhaps "
    "apparently purportedly supposedly presumably alleged suspected"
)
_HEDGE_PHRASES = re.compile(
    r"\baccording to\b"
    r"|\b(?:is|are|was|were) (?:said|believed|thought|reported|alleged|expected) to\b",
    re.IGNORECASE,
)

# --- readers -----------------------------------------------------------------------------


def negation_cues(words: tuple[str, ...]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    paired_nor = "neither" in words  # "neither ... nor" is one negation, not two
    for i, w in enumerate(words):
        if w == "nor" and paired_nor:
            continue
        if w in _NEGATION_PARTICLES or w.endswith("n't") or w in NEGATION_VERBS:
            if w == "not" and i + 1 < len(words) and words[i + 1] == "only":
                continue  # "not only ... but also" affirms
            if w == "no" and i + 1 < len(words) and words[i + 1] in {"doubt"}:
                continue
            out.append((i, w))
    return out


def is_hedged(norm: str) -> bool:
    if _HEDGE_PHRASES.search(norm):
        return True
    # Case-sensitive: "May" is as often the month as the modal.
    return any(w in _HEDGE_WORDS for w in re.findall(r"\b[a-z]+\b", norm))


def word_stem(word: str) -> str:
    """A crude stem, enough for "confirm"/"confirmed" and "die"/"died" to meet."""
    for suffix in ("ingly", "ing", "ed", "es", "s", "ly", "ment", "ion", "ions", "er", "ers"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith(("ed", "es")):
            word = word[:-1]  # "died" -> "die", "goes" -> "goe"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # "close", "closed", "closing" -> "clos"
    return word[:6]
