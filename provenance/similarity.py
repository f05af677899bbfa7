"""Whether two statements state the same claim: embedding cosine plus cheap lexical evidence.

Cosine alone cannot separate the seed articles' pairs: two different quotes by the same
official sit at 0.67 while a genuine paraphrase of a Russian envoy's remark sits at 0.68.
What separates them is the words: how many are shared, and how much of the shorter wording
reappears in the longer one. ``link_score`` is a small logistic model over such features;
its coefficients are constants fitted by ``bench/mrpc.py``. Every coefficient must stay
positive: MRPC labels "the same sentence plus a clause" as not equivalent and rewards a
penalty for containment, but for provenance a trimmed quote is the same claim.

Substantive edits (a changed figure, a swapped name, a flipped negation) are deliberately
not in the score: a wording with a different number is still the same statement, and the
clusterer must keep it in the cluster so the report can show it as ``divergent``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from provenance.edits import SUBSTANTIVE, classify_edits, normalise, words_of
from provenance.models import Relation
from provenance.wording import comparison_words

FEATURES = ("cosine", "partial", "words")

# Produced by `python bench/mrpc.py --fit`: logistic regression on the 4,076 MRPC training
# pairs plus the seed-article pairs (weight 100 each); LINK_THRESHOLD is the MRPC-accuracy
# best cut that still links every seed positive and no seed negative, 0.01 clear of both.
COEFFICIENTS: dict[str, float] = {
    "cosine": 7.6532,
    "partial": 2.7050,
    "words": 5.3068,
}
INTERCEPT = -10.3083
LINK_THRESHOLD = 0.3250
PARTIAL_CHARS = 400


# A wording of at most this many words is a fragment: "witch hunt", "deeply concerned",
# "act of terror". See ``fragment_differs``.
FRAGMENT_WORDS = 3


class LinkText:
    """A text as ``link_score`` reads it: its comparison words, and (worked out when first
    asked for, which most pairs never do) its normalised lower-cased characters."""

    __slots__ = ("_norm", "text", "words")

    def __init__(self, text: str, words: str | None = None) -> None:
        """``words``: ``link_words(text)`` if already known (found on another process)."""
        self.text = text
        self.words = frozenset((link_words(text) if words is None else words).split())
        self._norm: str | None = None

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = normalise(self.text).lower()
        return self._norm


def link_words(text: str) -> str:
    """The words the link score compares, space-separated (cheap to send to another
    process). comparison_words directly, not words_of: that builds the whole edit profile
    (figures, names, negations), which the link score never reads."""
    return " ".join(comparison_words(normalise(text)))


@lru_cache(maxsize=16384)
def _text(text: str) -> LinkText:
    return LinkText(text)


def _link_text(text: str | LinkText) -> LinkText:
    return text if isinstance(text, LinkText) else _text(text)


def _words(ta: LinkText, tb: LinkText) -> float:
    n = len(ta.words) + len(tb.words)
    return 2.0 * len(ta.words & tb.words) / n if n else 0.0


def fragment_differs(a: str | LinkText, b: str | LinkText) -> bool:
    """Whether the shorter of two wordings is a fragment that the longer does not contain
    word for word. A quote of a few words is its words: "deeply concerned" is not "deeply
    troubled", "a patriot" not "a traitor", "locker room banter" not "locker room talk",
    though the encoder puts them close and half their words are shared; the same words
    inside a longer quote ("false prophet" in "They are followers of a false prophet") are
    the same quote. Read on BASIL's quotes, where such pairs made clusters of catchphrases
    across unrelated events (``bench/quote_clusters.py``). Case, punctuation and hyphens
    do not count ("Witch-hunt!" is "witch hunt")."""
    ta, tb = _link_text(a), _link_text(b)
    short, other = (ta, tb) if len(ta.words) <= len(tb.words) else (tb, ta)
    if not short.words or len(short.words) > FRAGMENT_WORDS:
        return False
    if not _pieces(short.words) <= _pieces(other.words):
        return True  # a word the longer lacks: no need to read either in order
    words = _sequence(short.text)
    longer = _sequence(other.text)
    n = len(words)
    return not any(longer[i : i + n] == words for i in range(len(longer) - n + 1))


def _pieces(words: Iterable[str]) -> set[str]:
    return {p for w in words for p in w.split("-") if p}


def _sequence(text: str) -> list[str]:
    return [p for w in link_words(text).split() for p in w.split("-") if p]


def _logistic(cosine: float, partial: float, words: float) -> float:
    z = (
        INTERCEPT
        + COEFFICIENTS["cosine"] * cosine
        + COEFFICIENTS["partial"] * partial
        + COEFFICIENTS["words"] * words
    )
    return 1.0 / (1.0 + math.exp(-z))


def features(a: str | LinkText, b: str | LinkText, cosine: float) -> dict[str, float]:
    """The link-score features of a pair, by name (in ``FEATURES`` order)."""
    ta, tb = _link_text(a), _link_text(b)
    return {
        "cosine": cosine,
        # Best alignment of the shorter text inside the longer: high for a truncated or
        # trimmed quote, which is the same claim even though the other side says more.
        # Clipped: partial_ratio is quadratic (0.8 s a pair at 2,000 characters), and the
        # calibration data (MRPC, the seeds) never exceeds this length anyway.
        "partial": fuzz.partial_ratio(ta.norm[:PARTIAL_CHARS], tb.norm[:PARTIAL_CHARS]) / 100.0,
        # Dice overlap of the word sets.
        "words": _words(ta, tb),
    }


def link_score(a: str | LinkText, b: str | LinkText, cosine: float) -> float:
    """Probability-like score that ``a`` and ``b`` state the same claim (0..1); 0 for a
    fragment the other wording does not contain (``fragment_differs``)."""
    if fragment_differs(a, b):
        return 0.0
    f = features(a, b, cosine)
    return _logistic(f["cosine"], f["partial"], f["words"])


def link_ceiling(a: str | LinkText, b: str | LinkText, cosine: float) -> float:
    """The most ``link_score(a, b, cosine)`` can be: the score with a perfect ``partial``.
    Far cheaper (no character alignment), so a clusterer can refuse most candidate pairs
    without the costly feature; every coefficient is positive, so it is a true bound."""
    ta, tb = _link_text(a), _link_text(b)
    if fragment_differs(ta, tb):
        return 0.0
    return _logistic(cosine, 1.0, _words(ta, tb))


def relation(canonical: str, variant: str, cosine: float) -> Relation:
    """How ``variant`` words the canonical statement.

    ``verbatim``: the same words, ignoring case, spacing, quote marks and punctuation;
    ``divergent``: a substantive edit (figure, name, negation); else ``paraphrase``.
    ``cosine`` is accepted for symmetry with ``link_score``; the decision is lexical.
    """
    del cosine  # the relation is decided on the words; see docstring
    if words_of(canonical) == words_of(variant):
        return "verbatim"
    if SUBSTANTIVE.intersection(classify_edits(canonical, variant)):
        return "divergent"
    return "paraphrase"


def same_claim(a: str, b: str, cosine: float) -> bool:
    """Linked strongly enough, and not a substantive change of the claim."""
    return link_score(a, b, cosine) >= LINK_THRESHOLD and relation(a, b, cosine) != "divergent"
