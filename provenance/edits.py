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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from provenance.figures import Figure, figures_in
from provenance.models import DiffOp, DiffPiece
from provenance.names import NAME_ALIASES, name_phrases, names_match
from provenance.wording import (
    AFFIRMATIVE_VERBS,
    IMPLICIT_NEGATIVES,
    NEGATION_VERBS,
    OPPOSITES,
    STOPWORDS,
    comparison_words,
    is_hedged,
    negation_cues,
    normalise,
    word_stem,
    wordset,
)

# The text analysis moved to wording, figures and names; callers still import it from here.
__all__ = [
    "EDIT_CLASSES",
    "STOPWORDS",
    "SUBSTANTIVE",
    "Figure",
    "classify_edits",
    "diff_words",
    "figures_unmatched",
    "names_unmatched",
    "normalise",
    "words_of",
]

EDIT_CLASSES = (
    "number", "name", "negation", "reversed", "hedge", "truncated", "spliced", "ellipsis"
)  # fmt: skip
SUBSTANTIVE = frozenset({"number", "name", "negation", "reversed"})

# --- diff ------------------------------------------------------------------------------

# Diff tokens: whitespace runs, words (with inner apostrophes), numbers with separators,
# or a single other character. Together they cover every character of the input.
_DIFF_TOKEN = re.compile(r"\s+|\d+(?:[.,:]\d+)*|\w+(?:['’]\w+)*|[^\w\s]")


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


# --- per-text analysis -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Profile:
    """What the edit rules need to know about one text, computed once per text."""

    norm: str
    words: tuple[str, ...]
    numbers: tuple[Figure, ...]
    names: tuple[frozenset[str], ...]  # each name as its set of identifying keys
    negations: tuple[tuple[int, str], ...]  # (word index, cue) of each negation cue
    turnable: frozenset[str]  # its words that have an opposite ("rose", "most")
    hedged: bool
    ellipses: int


@lru_cache(maxsize=8192)
def _profile(text: str) -> _Profile:
    norm = normalise(text)
    words = comparison_words(norm)
    return _Profile(
        norm=norm,
        words=words,
        numbers=tuple(dict.fromkeys(figures_in(norm))),
        names=tuple(name_phrases(norm)),
        negations=tuple(negation_cues(words)),
        turnable=frozenset(w for w in words if w in OPPOSITES),
        hedged=is_hedged(norm),
        ellipses=norm.count("..."),
    )


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
    if _reversed(pa, pb):
        found.add("reversed")
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
    return [i for i, x in enumerate(xs) if not any(names_match(x, y) for y in ys)]


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
        xa = figures_in(" ".join(pa.words[i1:i2]))
        xb = figures_in(" ".join(pb.words[j1:j2]))
        if _lacks_one(xa, pb.numbers) and _lacks_one(xb, pa.numbers):
            return True
    return _unit_replaced(pa, pb)


def _lacks_one(xs: Sequence[Figure], ys: Sequence[Figure]) -> bool:
    """Some figure of ``xs`` has no equal (up to rounding) among ``ys``."""
    return any(not any(f.matches(g) for g in ys) for f in xs)


def _unit_replaced(pa: _Profile, pb: _Profile) -> bool:
    """Both texts give as many figures of one unit, and one of them differs: "down 11
    cents" / "down 40 cents" even where a reordered sentence leaves no short replaced
    stretch to find it in. A figure of a unit only one side has is an addition."""
    for unit in {f.unit for f in pa.numbers if f.unit}:
        xa = [f for f in pa.numbers if f.unit == unit]
        xb = [f for f in pb.numbers if f.unit == unit]
        if len(xa) == len(xb) and _lacks_one(xa, pb.numbers) and _lacks_one(xb, pa.numbers):
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


def _reversed(pa: _Profile, pb: _Profile) -> bool:
    """A word of one text stands where the other has its opposite ("rose" for "fell",
    "most" for "least"), inside one short replaced stretch of the word alignment."""
    if not pa.turnable or not pb.turnable:
        return False  # most pairs: no alignment needed
    for i1, i2, j1, j2 in _replaced_slots(pa, pb):
        theirs = set(pb.words[j1:j2])
        if any(not OPPOSITES.get(w, frozenset()).isdisjoint(theirs) for w in pa.words[i1:i2]):
            return True
    return False


# Longest replaced stretch (in words, each side) still read as one slot: "Dorothy Shea" for
# "Vladimir Voronkov" fits, a rewritten clause does not.
_SLOT = 3


def _touches(words: tuple[str, ...], keys: set[str]) -> bool:
    for w in words:
        for part in w.replace(".", "").split("-"):
            if part in keys or NAME_ALIASES.get(part, part) in keys:
                return True
    return False


def _negation_flipped(px: _Profile, py: _Profile) -> bool:
    """A predicate negated more often in ``x`` than in ``y`` while ``y`` still states it.

    Counting per predicate keeps "what he said happened didn't happen" on both sides from
    looking like a flip just because "happened" also occurs un-negated.
    """
    # The same number of negations on both sides is a rewording ("No Americans were hurt"
    # versus "None of the casualties were Americans"), not a flip.
    implicit_y = sum(1 for w in py.words if IMPLICIT_NEGATIVES.match(w))
    if len(px.negations) <= len(py.negations) + implicit_y:
        return False
    neg_x = _negated_predicates(px)
    neg_y = _negated_predicates(py)
    if any(c in NEGATION_VERBS for _, c in px.negations):
        # "denied" versus "confirmed": the cue is itself the predicate.
        y_has_neg_verb = any(c in NEGATION_VERBS for _, c in py.negations)
        if not y_has_neg_verb and any(w in AFFIRMATIVE_VERBS for w in py.words):
            return True
    y_stems = {word_stem(w) for w in py.words}
    if any(n > neg_y.get(p, 0) and p in y_stems for p, n in neg_x.items()):
        return True
    return _negation_inserted(px, py)


# Verbs a "not" follows: "the rate will go" / "the rate will not increase" flips the claim
# even though the two sides word the predicate differently.
_AUXILIARIES = wordset(
    "is are was were be been will would could can should may might must has have had do "
    "does did shall"
)


def _negation_inserted(px: _Profile, py: _Profile) -> bool:
    """``x`` negates an auxiliary that ``y`` has un-negated after the same word: "the rate
    will go to 4.45 percent" / "..., the rate will not increase to 4.45 percent". Matched
    on the two words before the cue, not on an alignment, which reordering defeats."""
    cues = {i for i, c in px.negations if c not in NEGATION_VERBS}
    negated = {
        (px.words[i - 2], px.words[i - 1])
        for i in cues
        if i >= 2 and px.words[i - 1] in _AUXILIARIES
    }
    if not negated:
        return False

    def plain(p: _Profile, pair: tuple[str, str]) -> int:
        """How often ``pair`` stands un-negated in ``p`` ("has failed" is negated too)."""
        negated_at = {i for i, _ in p.negations}
        return sum(
            1
            for k in range(1, len(p.words))
            if (p.words[k - 1], p.words[k]) == pair
            and k + 1 not in negated_at
            and not (k + 1 < len(p.words) and IMPLICIT_NEGATIVES.match(p.words[k + 1]))
        )

    # More un-negated than ``x`` has itself: else ``y`` may just lack a clause of ``x``
    # ("marijuana is listed ..., even though marijuana is not a killer drug").
    return any(plain(py, pair) > plain(px, pair) for pair in negated)


def _negated_predicates(p: _Profile) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i, cue in p.negations:
        if cue in NEGATION_VERBS:
            continue
        predicate = _governed(p.words, i)
        if predicate is not None:
            stem = word_stem(predicate)
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
