"""What changed between two wordings of one statement: a word diff and cheap edit classes.

Everything here is regex and ``difflib``: the clusterer and the report call it for every
candidate pair and every variant, so it has to stay in the microseconds-to-milliseconds
range. Per-text analysis is cached because the same canonical text is compared against
many variants.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from provenance.models import DiffOp, DiffPiece

EDIT_CLASSES = ("number", "name", "negation", "hedge", "truncated", "spliced", "ellipsis")
SUBSTANTIVE = frozenset({"number", "name", "negation"})

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


# Diff tokens: whitespace runs, words (with inner apostrophes), numbers with separators,
# or a single other character. Together they cover every character of the input.
_DIFF_TOKEN = re.compile(r"\s+|\d+(?:[.,:]\d+)*|\w+(?:['’]\w+)*|[^\w\s]")

# Comparison tokens: numbers keep their inner separators ("2.5" must not become "25").
_WORD = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:['-]\w+)*")


# "U.S." and "US", "U.N." and "UN" are one word: drop the dots of dotted initials.
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")


def _undot(norm: str) -> str:
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), norm)


def _words(norm: str) -> tuple[str, ...]:
    return tuple(_word_key(w) for w in _WORD.findall(_undot(norm)))


def _word_key(word: str) -> str:
    w = word.casefold()
    if _NUMERIC.fullmatch(w):
        w = w.replace(",", "")
    return w


_NUMERIC = re.compile(r"\d+(?:[.,]\d+)*")

# --- diff ------------------------------------------------------------------------------


def diff_words(a: str, b: str) -> list[DiffPiece]:
    """Word-level diff of ``b`` against the canonical ``a``.

    Joining the ``equal`` and ``delete`` pieces gives ``a`` exactly; joining ``equal`` and
    ``insert`` gives ``b``. Whitespace and punctuation are tokens of their own, matched on
    a typography-blind key so that curly versus straight quotes is a change shown in the
    text but does not derail the alignment.
    """
    ta = _DIFF_TOKEN.findall(a)
    tb = _DIFF_TOKEN.findall(b)
    ka = [_diff_key(t) for t in ta]
    kb = [_diff_key(t) for t in tb]
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    pieces: list[tuple[DiffOp, str]] = []

    def emit(op: DiffOp, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            # Keys match but the raw tokens may not (a curly quote versus a straight one,
            # a different whitespace run): keep a's text when identical, else show both.
            for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
                if x == y:
                    emit("equal", x)
                else:
                    emit("delete", x)
                    emit("insert", y)
        else:
            emit("delete", "".join(ta[i1:i2]))
            emit("insert", "".join(tb[j1:j2]))
    return [DiffPiece(op=op, text=text) for op, text in pieces]


def _diff_key(token: str) -> str:
    if token.isspace():
        return " "
    return normalise(token)


# --- word lists --------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS: dict[str, float] = {
    **{w: float(i) for i, w in enumerate(_UNITS.split(" "))},
    **{w: float(10 * i) for i, w in enumerate(_TENS.split(" "), 3)},
    "dozen": 12.0,
    "half": 0.5,
}
_SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# "one" is more often a pronoun than a figure ("one of the most dangerous branches").
_ONE_PRONOUN_NEXT = _wordset("of another who that which day time side hand")
_ONE_PRONOUN_PREV = _wordset("no any every some each the this that someone")
# "two-way", "one-sided": a number word that is part of an adjective, not a figure.
_NOT_FIGURE_NEXT = _wordset("way sided off fold")

# A figure in digits (with thousands separators or decimals, an optional scale suffix such
# as "bn", or an ordinal/plural suffix), or any run of letters for the number-word reader.
# Digits glued to letters or hyphens on the left ("COVID-19", "G7") are names, not figures.
_NUMBER_TOKEN = re.compile(
    r"(?<![\w.\-/])(\d+(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:(bn|mln|tn|[kmb])\b|(?=[^\w]|$)|(st|nd|rd|th|s)\b)"
    r"|[A-Za-z]+",
)

_NEGATION_PARTICLES = _wordset(
    "not no never without neither nor none nobody nothing cannot "
    # Contractions typed without the apostrophe, common in wire copy and transcripts.
    "dont didnt doesnt isnt wasnt arent werent cant couldnt wouldnt shouldnt wont havent "
    "hasnt hadnt"
)
_NEGATION_VERBS = _wordset("deny denies denied denying refuse refuses refused refusing")
# Words that carry a negation without being one of the cues above ("failed to act" is
# "did not act"); they keep a rewording from counting as a flip but never flag one.
_IMPLICIT_NEGATIVES = re.compile(
    r"^(?:fail\w*|declin\w*|lack\w*|reject\w*|dismiss\w*|unless|absent|ain't|unable"
    r"|nowhere|hardly|barely|instead)$"
)
_AFFIRMATIVE_VERBS = _wordset(
    "confirm confirms confirmed confirming admit admits admitted admitting acknowledge "
    "acknowledges acknowledged agree agrees agreed accept accepts accepted"
)

# Function words: never the predicate a negation governs.
STOPWORDS = _wordset(
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

_HEDGE_WORDS = _wordset(
    "may might could reportedly allegedly possibly likely unlikely probably perhaps "
    "apparently purportedly supposedly presumably alleged suspected"
)
_HEDGE_PHRASES = re.compile(
    r"\baccording to\b"
    r"|\b(?:is|are|was|were) (?:said|believed|thought|reported|alleged|expected) to\b",
    re.IGNORECASE,
)

# Capitalised words that are not names, or not the part of a name that identifies it.
_NOT_NAMES = _wordset(
    """
    a an the he she it we they i you his her their our its this that these those there
    in on at of for and but or if as by to with from after before while when despite
    meanwhile however mr mrs ms dr prof sir president ambassador minister prime secretary
    general senator sen rep gov governor chief judge officer spokesman spokeswoman
    spokesperson representative envoy
    """
    # Weekdays are relative dates: "Monday" in one outlet is "today" in another.
    " monday tuesday wednesday thursday friday saturday sunday"
)
# Words that open sentences often enough that a capital there does not make them names.
_STARTERS = _wordset(
    """
    also although though because since until unless where whether what which who why how
    then now still yet so thus later earlier today yesterday tomorrow last next during under
    over about against among amid between through without within upon instead indeed
    further furthermore moreover nevertheless nonetheless otherwise overall asked speaking
    many some most all several both each every such other another few more much no not one
    two three officials police authorities analysts experts critics investigators shares
    prices sales people residents witnesses lawmakers sources according separately
    elsewhere here once even only just first second third finally my your i me him them us
    our an any do does did is are was were be has have had will would should can could may
    might must shall let there's it's that's we're they're
    """
)
# Glue allowed inside a multi-word name ("Voice of America", "Bank of England").
_NAME_GLUE = _wordset("of de al van von der la le du da bin ibn")
_NAME_ALIASES: dict[str, str] = {
    "usa": "us",
    "america": "us",
    "american": "us",
    "americans": "us",
    "united states": "us",
    "united states of america": "us",
    "britain": "uk",
    "british": "uk",
    "united kingdom": "uk",
    "great britain": "uk",
    "united nations": "un",
    "european union": "eu",
    "isil": "isis",
    "islamic state": "isis",
    "daesh": "isis",
    "burma": "myanmar",
    # Capitals standing for their governments, as news copy uses them.
    "washington": "us",
    "moscow": "russia",
    "kremlin": "russia",
    "beijing": "china",
    "london": "uk",
    "tehran": "iran",
    "kabul": "afghanistan",
}

# --- per-text analysis -----------------------------------------------------------------

_SENTENCE_BREAK = re.compile(r"""[.!?:;"'(\[]\s*$""")


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the edit rules need to know about one text, computed once per text."""

    norm: str
    words: tuple[str, ...]
    numbers: tuple[Figure, ...]
    names: tuple[frozenset[str], ...]  # each name as its set of identifying keys
    negations: tuple[tuple[int, str], ...]  # (word index, cue) of each negation cue
    hedged: bool
    ellipses: int


@lru_cache(maxsize=8192)
def _profile(text: str) -> _Profile:
    norm = normalise(text)
    words = _words(norm)
    return _Profile(
        norm=norm,
        words=words,
        numbers=tuple(dict.fromkeys(_numbers(norm))),
        names=tuple(_names(norm)),
        negations=tuple(_negations(words)),
        hedged=_hedged(norm),
        ellipses=norm.count("..."),
    )


def _numbers(norm: str) -> list[Figure]:
    """Figures mentioned, with formatting and spelling ("1,000", "three") folded."""
    out: list[Figure] = []
    tokens = [(m.group(0), m) for m in _NUMBER_TOKEN.finditer(norm)]
    i = 0
    while i < len(tokens):
        raw, m = tokens[i]
        value: float | None = None
        resolution = 1.0
        if m.group(1):
            digits = m.group(1).replace(",", "")
            value = float(digits)
            if "." in digits:
                resolution = 10.0 ** -len(digits.split(".")[1])
            if m.group(2):
                value *= _SCALES[m.group(2).lower()]
                resolution *= _SCALES[m.group(2).lower()]
        else:
            low = raw.lower()
            if low in _NUMBER_WORDS:
                prev = tokens[i - 1][0].lower() if i else ""
                nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
                pronoun = low == "one" and (nxt in _ONE_PRONOUN_NEXT or prev in _ONE_PRONOUN_PREV)
                loose_half = low == "half" and nxt not in _SCALES
                if not (pronoun or loose_half or nxt in _NOT_FIGURE_NEXT):
                    value = float(_NUMBER_WORDS[low])
                    # "twenty five" / "twenty-five": the hyphen is not a token here.
                    if value >= 20 and value % 10 == 0 and _NUMBER_WORDS.get(nxt, 10) < 10:
                        value += _NUMBER_WORDS[nxt]
                        i += 1
        if value is not None:
            # A following scale word multiplies: "2.5 billion", "three million".
            while i + 1 < len(tokens) and tokens[i + 1][0].lower() in _SCALES:
                scale = tokens[i + 1][0].lower()
                if len(scale) == 1:
                    break  # a lone "m" or "B" after a space is a unit or an initial
                value *= _SCALES[scale]
                resolution *= _SCALES[scale]
                i += 1
            out.append(Figure(value, resolution))
        i += 1
    return out


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written: its value and the precision it was written to."""

    value: float
    resolution: float  # 1.0 for "65", 0.1 for "64.7", 1e8 for "2.5 billion"

    def matches(self, other: Figure) -> bool:
        # Outlets round: "$64.7 billion" and "$65 billion" are one figure, "19" and "20"
        # cents are not. The more precise one must round to the less precise one.
        coarse = max(self.resolution, other.resolution)
        return abs(self.value - other.value) <= coarse / 2 + 1e-9 * max(1.0, abs(self.value))


def _names(norm: str) -> list[frozenset[str]]:
    """Capitalised name phrases, each as the set of keys that identify it.

    Sentence-initial words are skipped (capitalised for grammar, not because they name
    anything) unless they are acronyms. Keys are the lower-cased words with dots removed,
    plus an alias key for common country and organisation spellings.
    """
    phrases: list[list[str]] = []
    current: list[str] = []
    for m in re.finditer(r"[\w'.\-]+", norm):
        word = m.group(0).strip(".'-")
        if not word:
            continue
        start = m.start()
        initial = start == 0 or bool(_SENTENCE_BREAK.search(norm[max(0, start - 3) : start]))
        # A sentence-initial capital says nothing, so there a common word is not a name;
        # "Shea said ..." still yields "Shea".
        if word[0].isupper() and not (initial and _common_starter(word)):
            current.append(word)
            continue
        if current and word.lower() in _NAME_GLUE and word[0].islower():
            current.append(word.lower())
            continue
        if current:
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    out: list[frozenset[str]] = []
    for phrase in phrases:
        while phrase and phrase[-1] in _NAME_GLUE:
            phrase = phrase[:-1]
        keys = _name_keys(phrase)
        if keys:
            out.append(keys)
    return out


def _common_starter(word: str) -> bool:
    if _is_acronym(word):
        return False
    low = word.lower()
    return low in _NOT_NAMES or low in _STARTERS or low.endswith("ly") or low.endswith("ing")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _name_keys(phrase: list[str]) -> frozenset[str]:
    keys: set[str] = set()
    parts: list[str] = []
    for word in phrase:
        if word.endswith("'s") or word.endswith("'S"):
            word = word[:-2]
        for part in word.split("-"):
            key = part.replace(".", "").replace("'", "").lower()
            if not key or key in _NOT_NAMES or key in _NAME_GLUE:
                continue
            if not part[:1].isupper():
                continue  # the "led" of "US-led"
            parts.append(key)
    if not parts:
        return frozenset()
    # Single letters ("K" of "IS-K") would match unrelated names; the compact key keeps them.
    keys.update(p for p in parts if len(p) >= 2)
    if len(parts) == 1:
        keys.add(_NAME_ALIASES.get(parts[0], parts[0]))
    joined = " ".join(parts)
    if joined in _NAME_ALIASES:
        keys.add(_NAME_ALIASES[joined])
    if len(parts) >= 2:
        keys.add("".join(p[0] for p in parts))  # initials: "United Nations" ~ "UN"
    keys.add("".join(parts))  # compact: "IS-K" -> "isk"
    return frozenset(keys)


def _names_match(x: frozenset[str], y: frozenset[str]) -> bool:
    if x & y:
        return True
    return any(_keys_match(p, q) for p in x for q in y)


def _keys_match(p: str, q: str) -> bool:
    stem_p, stem_q = p.rstrip("s"), q.rstrip("s")
    if stem_p == stem_q and len(stem_p) >= 2:
        return True  # "HP's" typed "HPs", "Kurd" and "Kurds"
    if len(p) >= 5 and len(q) >= 5 and _one_edit(p, q):
        return True  # "Sundwell" and "Sundwall", "MSBlast" and "MBlast"
    # Affiliates, short forms and plurals: "IS-K" ~ "ISIS-K", "Nov" ~ "November".
    return (
        len(p) >= 3
        and len(q) >= 3
        and (p.endswith(q) or q.endswith(p) or p.startswith(q) or q.startswith(p))
    )


def _one_edit(p: str, q: str) -> bool:
    if abs(len(p) - len(q)) > 1:
        return False
    i = 0
    while i < min(len(p), len(q)) and p[i] == q[i]:
        i += 1
    return p[i + 1 :] == q[i + 1 :] or p[i + 1 :] == q[i:] or p[i:] == q[i + 1 :]


def _negations(words: tuple[str, ...]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    paired_nor = "neither" in words  # "neither ... nor" is one negation, not two
    for i, w in enumerate(words):
        if w == "nor" and paired_nor:
            continue
        if w in _NEGATION_PARTICLES or w.endswith("n't") or w in _NEGATION_VERBS:
            if w == "not" and i + 1 < len(words) and words[i + 1] == "only":
                continue  # "not only ... but also" affirms
            if w == "no" and i + 1 < len(words) and words[i + 1] in {"doubt"}:
                continue
            out.append((i, w))
    return out


def _hedged(norm: str) -> bool:
    if _HEDGE_PHRASES.search(norm):
        return True
    # Case-sensitive: "May" is as often the month as the modal.
    return any(w in _HEDGE_WORDS for w in re.findall(r"\b[a-z]+\b", norm))


def _stem(word: str) -> str:
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


# --- edit classes ----------------------------------------------------------------------


def classify_edits(a: str, b: str) -> list[str]:
    """Edit classes present going from ``a`` (canonical) to ``b``, in ``EDIT_CLASSES`` order."""
    pa, pb = _profile(a), _profile(b)
    found: set[str] = set()
    if pa.words == pb.words:
        if pa.ellipses != pb.ellipses:
            found.add("ellipsis")
        return [c for c in EDIT_CLASSES if c in found]
    if _figure_replaced(pa, pb):
        found.add("number")
    if _name_replaced(pa, pb):
        found.add("name")
    if _negation_flipped(pa, pb) or _negation_flipped(pb, pa):
        found.add("negation")
    if pa.hedged != pb.hedged:
        found.add("hedge")
    if _contained(pa.words, pb.words) or _contained(pb.words, pa.words):
        found.add("truncated")
    elif _spliced(pa.words, pb.words) or _spliced(pb.words, pa.words):
        found.add("spliced")
    if pa.ellipses != pb.ellipses:
        found.add("ellipsis")
    return [c for c in EDIT_CLASSES if c in found]


def words_of(text: str) -> tuple[str, ...]:
    """The comparison words of a text: case-folded, typography and punctuation dropped,
    thousands separators removed from numbers (cached)."""
    return _profile(text).words


def figures_unmatched(a: str, b: str) -> tuple[int, int]:
    """How many figures of ``a`` have no equal (up to rounding) in ``b``, and the other way."""
    pa, pb = _profile(a), _profile(b)
    return _figures_unmatched(pa, pb), _figures_unmatched(pb, pa)


def _figures_unmatched(px: _Profile, py: _Profile) -> int:
    return sum(1 for f in px.numbers if not any(f.matches(g) for g in py.numbers))


def _unmatched(xs: tuple[frozenset[str], ...], ys: tuple[frozenset[str], ...]) -> list[int]:
    return [i for i, x in enumerate(xs) if not any(_names_match(x, y) for y in ys)]


def names_unmatched(a: str, b: str) -> tuple[int, int]:
    """How many name phrases of ``a`` have no counterpart in ``b``, and the other way."""
    pa, pb = _profile(a), _profile(b)
    return len(_unmatched(pa.names, pb.names)), len(_unmatched(pb.names, pa.names))


def _figure_replaced(pa: _Profile, pb: _Profile) -> bool:
    """A figure of one text stands where the other has a different one.

    Either the two texts state one figure each and they differ ("killed 23" / "a toll of
    26"), or a short replaced stretch of the alignment holds a figure on each side that the
    other text lacks ("were up 19 cents" / "jumped 20 cents"). A figure merely added on
    one side, or extra figures on both sides in unrelated places, is not a change.
    """
    if not (_figures_unmatched(pa, pb) and _figures_unmatched(pb, pa)):
        return False
    if len(pa.numbers) == 1 and len(pb.numbers) == 1:
        return True
    for i1, i2, j1, j2 in _replaced_slots(pa, pb):
        xa = _numbers(" ".join(pa.words[i1:i2]))
        xb = _numbers(" ".join(pb.words[j1:j2]))
        if any(not any(f.matches(g) for g in pb.numbers) for f in xa) and any(
            not any(f.matches(g) for g in pa.numbers) for f in xb
        ):
            return True
    return False


def _replaced_slots(pa: _Profile, pb: _Profile) -> list[tuple[int, int, int, int]]:
    """Short replaced stretches of the word alignment: where one word stands for another."""
    matcher = difflib.SequenceMatcher(None, pa.words, pb.words, autojunk=False)
    return [
        (i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag == "replace" and i2 - i1 <= _SLOT and j2 - j1 <= _SLOT
    ]


def _name_replaced(pa: _Profile, pb: _Profile) -> bool:
    """A name of one text stands where the other has a different name.

    Paraphrases add and drop names freely, so a name missing on each side is not enough:
    the two must sit in the same slot, i.e. inside one short replaced stretch of the word
    alignment ("Shea said" versus "Voronkov said").
    """
    only_a = _unmatched(pa.names, pb.names)
    only_b = _unmatched(pb.names, pa.names)
    if not only_a or not only_b:
        return False
    keys_a = set().union(*(pa.names[i] for i in only_a))
    keys_b = set().union(*(pb.names[i] for i in only_b))
    for i1, i2, j1, j2 in _replaced_slots(pa, pb):
        if _touches(pa.words[i1:i2], keys_a) and _touches(pb.words[j1:j2], keys_b):
            return True
    return False


# Longest replaced stretch (in words, each side) still read as one slot: "Dorothy Shea" for
# "Vladimir Voronkov" fits, a rewritten clause does not.
_SLOT = 3


def _touches(words: tuple[str, ...], keys: set[str]) -> bool:
    for w in words:
        for part in w.replace(".", "").split("-"):
            if part in keys or _NAME_ALIASES.get(part, part) in keys:
                return True
    return False


def _negation_flipped(px: _Profile, py: _Profile) -> bool:
    """A predicate negated more often in ``x`` than in ``y`` while ``y`` still states it.

    Counting per predicate keeps "what he said happened didn't happen" on both sides from
    looking like a flip just because "happened" also occurs un-negated.
    """
    # The same number of negations on both sides is a rewording ("No Americans were hurt"
    # versus "None of the casualties were Americans"), not a flip.
    implicit_y = sum(1 for w in py.words if _IMPLICIT_NEGATIVES.match(w))
    if len(px.negations) <= len(py.negations) + implicit_y:
        return False
    neg_x = _negated_predicates(px)
    neg_y = _negated_predicates(py)
    if any(c in _NEGATION_VERBS for _, c in px.negations):
        # "denied" versus "confirmed": the cue is itself the predicate.
        y_has_neg_verb = any(c in _NEGATION_VERBS for _, c in py.negations)
        if not y_has_neg_verb and any(w in _AFFIRMATIVE_VERBS for w in py.words):
            return True
    y_stems = {_stem(w) for w in py.words}
    return any(n > neg_y.get(p, 0) and p in y_stems for p, n in neg_x.items())


def _negated_predicates(p: _Profile) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i, cue in p.negations:
        if cue in _NEGATION_VERBS:
            continue
        predicate = _governed(p.words, i)
        if predicate is not None:
            stem = _stem(predicate)
            counts[stem] = counts.get(stem, 0) + 1
    return counts


def _governed(words: tuple[str, ...], i: int) -> str | None:
    """The first content word after a negation cue: what it negates, as cheaply as we can."""
    for w in words[i + 1 : i + 4]:
        if w in STOPWORDS or len(w) < 3 or w[0].isdigit() or w.endswith("n't"):
            continue
        return w
    return None


def _contained(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """``inner`` is a strict contiguous run of ``outer``'s words."""
    if not inner or len(inner) >= len(outer):
        return False
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


_SPLICE_GAP = 3


def _spliced(source: tuple[str, ...], cut: tuple[str, ...]) -> bool:
    """``cut`` is two or more non-adjacent runs of ``source`` joined, and nothing else."""
    if len(cut) < 4 or len(cut) >= len(source):
        return False
    matcher = difflib.SequenceMatcher(None, source, cut, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size >= 2]
    if len(blocks) < 2:
        return False
    if sum(blk.size for blk in blocks) != len(cut):
        return False  # any new word makes it a rewrite, not a cut-and-join
    # Runs come from separate places in the source with a real gap between them; dropping
    # a word or two mid-sentence ("may have") is an ordinary edit, not a splice.
    return any(
        nxt.a >= prev.a + prev.size + _SPLICE_GAP for prev, nxt in itertools.pairwise(blocks)
    )
