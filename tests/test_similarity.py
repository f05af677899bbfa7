"""The same-claim scorer: seed pairs with the real model, relations, and score sanity."""

from __future__ import annotations

import math

import numpy as np
import pytest

from embeddings import Encoder
from provenance.similarity import (
    COEFFICIENTS,
    FEATURES,
    LINK_THRESHOLD,
    LinkText,
    fragment_differs,
    link_ceiling,
    link_score,
    link_words,
    relation,
    same_claim,
)
from tests.conftest import SEED_000, SEED_001, load_bench

# bench/mrpc.py holds the seed pairs the constants were calibrated against.
BENCH = load_bench("mrpc.py")
POSITIVES: list[tuple[str, str]] = list(BENCH.SEED_POSITIVES)
NEGATIVES: list[tuple[str, str]] = list(BENCH.SEED_NEGATIVES)
CROSS_SPEAKER: list[tuple[str, str]] = BENCH.cross_speaker_pairs()


def cosine(encoder: Encoder, a: str, b: str) -> float:
    va, vb = encoder.encode([a, b])
    return float(np.dot(va, vb))


def _seed_text() -> str:
    return SEED_000.read_text(encoding="utf-8") + SEED_001.read_text(encoding="utf-8")


def test_seed_pairs_are_real_sentences_of_the_seeds() -> None:
    text = _seed_text()
    for a, b in POSITIVES + NEGATIVES + CROSS_SPEAKER:
        assert a in text, a
        assert b in text, b
    assert len(CROSS_SPEAKER) > 100  # every speaker against every other


@pytest.mark.model
@pytest.mark.parametrize(("a", "b"), POSITIVES, ids=[f"pos{i}" for i in range(len(POSITIVES))])
def test_seed_positive_links(encoder: Encoder, a: str, b: str) -> None:
    c = cosine(encoder, a, b)
    assert link_score(a, b, c) >= LINK_THRESHOLD
    assert link_score(b, a, c) >= LINK_THRESHOLD
    assert same_claim(a, b, c)


@pytest.mark.model
@pytest.mark.parametrize(("a", "b"), NEGATIVES, ids=["two-voronkov-quotes", "taliban"])
def test_seed_negative_does_not_link(encoder: Encoder, a: str, b: str) -> None:
    c = cosine(encoder, a, b)
    assert link_score(a, b, c) < LINK_THRESHOLD
    assert not same_claim(a, b, c)


@pytest.mark.model
def test_sentences_about_different_speakers_do_not_link(encoder: Encoder) -> None:
    texts = list(dict.fromkeys(t for pair in CROSS_SPEAKER for t in pair))
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))
    linked = []
    for a, b in CROSS_SPEAKER:
        c = float(np.dot(vectors[a], vectors[b]))
        score = link_score(a, b, c)
        if score >= LINK_THRESHOLD:
            linked.append((round(score, 3), a[:50], b[:50]))
    assert linked == []


@pytest.mark.model
def test_number_changed_variant_links_but_is_divergent(encoder: Encoder) -> None:
    a = BENCH.SPEAKERS["Nebenzia"][0]
    b = a.replace("in 2021", "in 2020")
    c = cosine(encoder, a, b)
    assert link_score(a, b, c) >= LINK_THRESHOLD  # stays in the cluster, shown as divergent
    assert relation(a, b, c) == "divergent"
    assert not same_claim(a, b, c)


@pytest.mark.model
def test_negated_variant_links_but_is_divergent(encoder: Encoder) -> None:
    a = BENCH.SPEAKERS["Voronkov"][1]
    b = a.replace("had plotted", "had not plotted")
    assert b != a
    c = cosine(encoder, a, b)
    assert link_score(a, b, c) >= LINK_THRESHOLD
    assert relation(a, b, c) == "divergent"
    assert not same_claim(a, b, c)


@pytest.mark.model
def test_identical_text_is_verbatim_and_links(encoder: Encoder) -> None:
    a = POSITIVES[0][0]
    c = cosine(encoder, a, a)
    assert relation(a, a, c) == "verbatim"
    assert same_claim(a, a, c)
    assert link_score(a, a, c) > 0.9


# --- without the model ---------------------------------------------------------------------


def test_typographic_variant_is_verbatim() -> None:
    a = "Russia’s envoy said the U.S.-led withdrawal in 2021 was “hasty.”"
    b = 'Russia\'s envoy said the US-led withdrawal in 2021 was "hasty".'
    assert relation(a, b, 0.99) == "verbatim"


def test_relation_levels() -> None:
    a = "Police said 3 people died in the attack on Monday."
    assert relation(a, "Police said three people died in the attack on Monday.", 0.95) == (
        "paraphrase"
    )
    assert relation(a, "Police said 4 people died in the attack on Monday.", 0.95) == "divergent"
    assert relation(a, "Police said 3 people did not die in the attack.", 0.8) == "divergent"
    assert relation(a, "Police said 3 people died in the attack.", 0.97) == "paraphrase"


def test_link_score_is_a_probability_increasing_in_cosine() -> None:
    a = "The UN warned of new attacks in Europe."
    b = "The United Nations warned of attacks in Europe, officials said."
    scores = [link_score(a, b, c) for c in (0.0, 0.3, 0.6, 0.9, 1.0)]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores)
    assert scores[0] < scores[-1]


def test_link_score_edge_inputs() -> None:
    for a, b in [("", ""), ("", "Something"), ("…", "..."), ("2021", "2021")]:
        s = link_score(a, b, 0.5)
        assert 0.0 <= s <= 1.0 and not math.isnan(s)


def test_link_ceiling_bounds_link_score() -> None:
    # The clusterer refuses a pair on the ceiling alone, so it must never undercut the score.
    texts = [
        "The UN warned of new attacks in Europe.",
        "The United Nations warned of attacks in Europe, officials said.",
        "Police said 3 people died.",
        "Nothing here is alike at all, not one word of it.",
        "",
        "warned",
        "deeply concerned",
        "deeply troubled",
    ]
    for a in texts:
        for b in texts:
            for c in (0.0, 0.5, 0.68, 0.9, 1.0):
                assert link_ceiling(a, b, c) >= link_score(a, b, c)
    assert link_ceiling(texts[3], texts[0], 0.5) < LINK_THRESHOLD  # it does refuse some


def test_constants_are_complete_and_positive() -> None:
    # Every feature is evidence for a link; a negative weight would punish overlap.
    assert set(COEFFICIENTS) == set(FEATURES)
    assert all(v > 0 for v in COEFFICIENTS.values())
    assert 0.0 < LINK_THRESHOLD < 1.0


def test_link_text_with_words_from_elsewhere_scores_as_the_text_does() -> None:
    a = "Officials said 2,500 U.S. troops would leave by Friday."
    b = "U.S. officials said 2,500 troops were leaving on Friday, the ministry added."
    ta, tb = LinkText(a, link_words(a)), LinkText(b)
    assert link_score(ta, tb, 0.8) == link_score(a, b, 0.8)
    assert link_ceiling(ta, tb, 0.8) == link_ceiling(a, b, 0.8)
    assert "2500" in ta.words and "us" in ta.words  # numbers and initials as compared


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("deeply concerned", "deeply troubled"),
        ("A patriot.", "a traitor"),
        ("locker room banter.", "locker room talk."),
        ("not enough.", "not man enough"),  # the words, but not in one run
        ("a possibility", "there is a big possibility"),
        ("witch", "a hunt for witches"),
    ],
)
def test_a_fragment_is_not_linked_to_other_words(a: str, b: str) -> None:
    assert fragment_differs(a, b) and fragment_differs(b, a)
    assert link_score(a, b, 1.0) == 0.0 == link_ceiling(b, a, 1.0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("false prophet", "They are followers of a false prophet."),
        ("WITCH HUNT!", "witch-hunt"),
        ("very quickly", "very quickly or as soon as possible,"),
        ("I went too far,", "I went way too far and I was wrong"),  # four words: no fragment
        ("", "anything"),
    ],
)
def test_a_fragment_inside_the_other_wording_is_left_to_the_score(a: str, b: str) -> None:
    assert not fragment_differs(a, b) and not fragment_differs(b, a)
    assert link_score(a, b, 1.0) > 0.0


@pytest.mark.model
def test_catchphrases_of_other_words_do_not_link_with_the_real_model(encoder: Encoder) -> None:
    # The encoder and the word overlap alone link these (each pair shares half its words).
    for a, b in [
        ("deeply concerned", "deeply troubled"),
        ("fiscally irresponsible", "utterly irresponsible."),
    ]:
        va, vb = encoder.encode([a, b])
        assert link_score(a, b, float(va @ vb)) < LINK_THRESHOLD
    a, b = "false prophet", "They are followers of a false prophet."
    va, vb = encoder.encode([a, b])
    assert link_score(a, b, float(va @ vb)) >= LINK_THRESHOLD
