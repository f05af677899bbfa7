from __future__ import annotations

from provenance.readers import read_path
from provenance.sentences import split_sentences
from tests.conftest import SEED_000, SEED_001


def test_offsets_index_the_text() -> None:
    for seed in (SEED_000, SEED_001):
        (article,) = read_path(seed)
        spans = split_sentences(article.text)
        assert spans
        for span in spans:
            assert article.text[span.start : span.end] == span.text
            assert span.text == span.text.strip()


def test_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Smith met U.S. officials on Monday. He left at 5 p.m. on Tuesday."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Smith met U.S. officials on Monday.",
        "He left at 5 p.m. on Tuesday.",
    ]


def test_quote_over_a_sentence_boundary_stays_one_statement() -> None:
    (article,) = read_path(SEED_001)
    texts = [s.text for s in split_sentences(article.text)]
    nebenzia = [t for t in texts if t.startswith("“The growing activity")]
    assert len(nebenzia) == 1
    assert nebenzia[0].endswith("Nebenzia stated.")


def test_wrapped_lines_are_not_sentence_ends() -> None:
    text = "The council said the\nthreat was growing. It\nasked for help."
    assert [s.text for s in split_sentences(text)] == [
        "The council said the\nthreat was growing.",
        "It\nasked for help.",
    ]


def test_unbalanced_quote_does_not_swallow_the_paragraph() -> None:
    text = "He said “no. Then she left. Later it rained. It was cold. Snow fell. Night came. End."
    assert len(split_sentences(text)) == 7


def test_huge_unpunctuated_run_is_cut() -> None:
    spans = split_sentences("word " * 30000)
    assert len(spans) > 1
    assert all(len(s.text) <= 5000 for s in spans)
