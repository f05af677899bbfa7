from __future__ import annotations

import pytest

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


def test_title_at_a_sentence_start_is_not_a_sentence() -> None:
    # blingfire alone ends a sentence after "Mr." when the sentence starts with it.
    text = "And, now, a gay nightclub. Mr. Obama said it was a brutal reminder."
    assert [s.text for s in split_sentences(text)] == [
        "And, now, a gay nightclub.",
        "Mr. Obama said it was a brutal reminder.",
    ]


def test_closing_marks_stay_with_their_sentence() -> None:
    # pysbd alone leaves a typewriter closing quote ('') to start the next sentence.
    text = "Mr. Graham added: ''The problem is real.'' He left. It rained."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Graham added: ''The problem is real.''",
        "He left.",
        "It rained.",
    ]


def test_abbreviations_inside_a_sentence_do_not_split_it() -> None:
    # pysbd alone splits after "D-Calif." and "Jr.", both followed by more of the sentence.
    for text in (
        "House Speaker Nancy Pelosi, D-Calif., said the calls were ridiculous.",
        "The messages were turned over by Trump Jr.’s attorneys.",
    ):
        assert [s.text for s in split_sentences(text)] == [text]


def test_a_sentence_end_blingfire_missed_is_still_found() -> None:
    text = "Except 54% went to buy back their own stock. 37% was used for dividends."
    assert [s.text for s in split_sentences(text)] == [
        "Except 54% went to buy back their own stock.",
        "37% was used for dividends.",
    ]


def test_tokenised_text_splits_at_free_standing_periods() -> None:
    text = "Police have no leads at this time . John McCain has not been named ."
    assert [s.text for s in split_sentences(text)] == [
        "Police have no leads at this time .",
        "John McCain has not been named .",
    ]


def test_quoted_sentences_stay_whole_with_their_attribution() -> None:
    # pysbd alone ends the sentence at the closing mark and makes the attribution its own.
    text = "“As Donald Trump said, ’Let it come out,’” Mr. Sanders wrote on Twitter. He left."
    assert [s.text for s in split_sentences(text)] == [
        "“As Donald Trump said, ’Let it come out,’” Mr. Sanders wrote on Twitter.",
        "He left.",
    ]


def test_initials_and_abbreviated_months_do_not_end_sentences() -> None:
    text = (
        "FBI Director James B. Comey said so on Sept. 11, 2016. He left. “It is over. Done.” Fine."
    )
    assert [s.text for s in split_sentences(text)] == [
        "FBI Director James B. Comey said so on Sept. 11, 2016.",
        "He left.",
        "“It is over. Done.”",
        "Fine.",
    ]


def test_nothing_is_lost_when_blingfire_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import blingfire

    monkeypatch.setattr(blingfire, "text_to_sentences", lambda _text: "")
    text = "The council met on Monday. It asked for help."
    assert [s.text for s in split_sentences(text)] == [
        "The council met on Monday.",
        "It asked for help.",
    ]
