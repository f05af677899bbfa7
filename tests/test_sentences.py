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


# The splitter's fast paths must give what the slow forms they replace give. Random text
# over an alphabet of the characters that matter to them (marks, closers, quotes, white
# space of several kinds, word characters beyond ASCII, letters a case-blind regex folds).
_ALPHABET = [*"ab Mr.!?\"”’'»)]“«(`  \t\u00a0\u3000é٣²_-,Z9K{}ſı", "\u212a", "\u0130", "∯"]


def _random_texts(count: int, longest: int, seed: int = 0) -> list[str]:
    import random

    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, longest))) for _ in range(count)
    ]


def test_sentence_end_read_backwards_is_the_forward_regex() -> None:
    import re

    from provenance.sentences import _end

    forward = re.compile(r"(\s?)(\w*)[.!?][\"”’'»)\]]*\Z")
    for text in _random_texts(20000, 12):
        m = forward.search(text)
        want = None if m is None else (m.group(1), m.group(2), text[m.end(2)])
        assert _end(text) == want, text


def test_inner_ends_found_from_the_first_mark_are_all_of_them() -> None:
    import re

    from provenance import sentences

    inner = re.compile(r"(\w*)[.!?][\"”’'»)\]]*\s+(?:''|``|[\"“‘'«(\[])?[A-Z0-9]")

    def reference(sentence: str, first: bool) -> bool:
        # _plain as it was, scanning every position of the sentence.
        if not first and sentences._START.match(sentence) is None:
            return False
        for m in inner.finditer(sentence):
            word = m.group(1)
            if word.lower() in sentences._titles():
                continue
            if sentences._INITIAL.fullmatch(word) and sentences._BEFORE_INITIAL.search(
                sentence, 0, m.start(1)
            ):
                continue
            if word in sentences._MONTHS and sentence[m.end() - 1].isdigit():
                continue
            return False
        return True

    texts = [
        *_random_texts(20000, 16),
        "James B. Comey said so on Sept. 11, 2016. He left.",
        "A. B. C. Dee went. Mr. Fox and Sen. Graham met U.S. officials. Then Bob. 37% left.",
    ]
    for text in texts:
        for first in (True, False):
            assert sentences._plain(text, first) == reference(text, first), text


def test_abbreviation_search_gives_what_pysbd_gives() -> None:
    from pysbd.lang.english import English
    from pysbd.processor import Processor

    from provenance.sentences import _english

    fast = _english()
    assert fast is not English  # the pysbd release this was checked against
    stock_replacer = English.AbbreviationReplacer("", English)
    fast_replacer = fast.AbbreviationReplacer("", fast)
    (article,) = read_path(SEED_000)
    texts = [
        "Mr. Smith met U.S. officials on Monday. He left at 5 p.m. on Tuesday.",
        "See e.g. the No. 5 case, i.e. Gov. Brown v. Jones, Ph.D. in St. Louis, Mo. on Jan. 3.",
        "The {al} fund. Al. Is it no. 3? Id. at 4. Capt. Smith, Co. Ltd. and Bros. Inc. left.",
        "The \u212ay. Ky. firm. MR. Jones and mr. jones. Is. IS. is. ſt. St. Pa. Pp. 4.",
        "İd. ıs. Ala. Calif. Ariz. Ave. Blvd. Gen. Sen. Rep. Dr. Prof. Rev. Sgt. Jr. Sr.",
        # The cases the shortcuts leave to pysbd: a "{", a letter that folds onto ASCII,
        # a name with a period in it (a regex: "e.g" also finds "eng").
        "Al. b {al} C",
        "ms x M\u017f. b",
        "the e.g list and eng. b",
        *article.text.split("\n"),
        *_abbreviation_soup(3000),
    ]
    for text in texts:
        line = text.replace("\n", "\r")
        want = stock_replacer.search_for_abbreviations_in_string(line)
        assert fast_replacer.search_for_abbreviations_in_string(line) == want, text
        assert Processor(text, fast).process() == Processor(text, English).process(), text


def _abbreviation_soup(count: int) -> list[str]:
    """Texts of pysbd's abbreviations in any case, with periods, "∯", digits, brackets and
    white space between them, and rarely a "{" or a letter that folds onto ASCII."""
    import random

    from pysbd.lang.english import English

    rnd = random.Random(2)
    names = [a.strip() for a in English.Abbreviation.ABBREVIATIONS]
    names += ["I", "5", "(a)", "Smith", "the"]
    between = [".", ". ", " ", ".  ", "∯", ".\r", ", ", ": 3", ".-", "? ", ".. "]
    rare = ["{", "}", "\u212a", "\u017f", "\u0131", "\u0130"]
    out = []
    for _ in range(count):
        words = []
        for _ in range(rnd.randint(1, 12)):
            name = rnd.choice(names)
            name = rnd.choice([name, name.upper(), name.capitalize()])
            words.append(name + rnd.choice(between))
            if rnd.random() < 0.01:
                words.append(rnd.choice(rare))
        out.append("".join(words))
    return out
