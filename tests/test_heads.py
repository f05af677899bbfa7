"""Subjects with a phrase after their head noun: the head speaks, not the phrase's object."""

from __future__ import annotations

import pytest

from provenance.quotes import extract


def _speaker(text: str, words: str) -> str | None:
    quotes, _ = extract(text)
    return next(q.speaker for q in quotes if words in q.text)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Democrats in the room said the bill would fail.", "Democrats in the room"),
        ("Doctors in Gaza said the hospital had run out of fuel.", "Doctors in Gaza"),
        (
            "Hillary Clinton spoke in Ohio. Aides to Clinton say the campaign will win the state.",
            "Aides to Clinton",
        ),
        (
            "People familiar with the matter said the deal would close in May.",
            "People familiar with the matter",
        ),
        (
            "Proponents of the new bill, however, say the schools would stay accountable.",
            "Proponents of the new bill",
        ),
        (
            "Officials from both parties say the budget deal is close.",
            "Officials from both parties",
        ),
        (
            "The majority of respondents in the poll said the economy was weak.",
            "majority of respondents in the poll",
        ),
        (
            "The CEO of the company, who declined to be named, said sales would fall.",
            "CEO of the company",
        ),
    ],
)
def test_the_head_noun_speaks_with_the_phrase_after_it(text: str, speaker: str) -> None:
    assert _speaker(text, text.split(" ")[-3]) == speaker


def test_a_time_or_a_place_after_a_name_is_no_part_of_the_speaker() -> None:
    text = (
        "Senator Bernie Sanders spoke in Vermont. Sanders on Tuesday said he wants to end "
        "the tax breaks. Roger Pilon of the Cato Institute said Congress should reread the "
        "Constitution."
    )
    assert _speaker(text, "end the tax breaks") == "Bernie Sanders"
    assert _speaker(text, "reread the Constitution") == "Roger Pilon"


def test_spokespeople_and_documents_still_speak_for_their_organisation() -> None:
    text = (
        "Officials at the Pentagon said the strike was lawful. A statement from the White "
        "House said the talks went well."
    )
    assert _speaker(text, "strike was lawful") == "Pentagon"
    assert _speaker(text, "talks went well") == "White House"


def test_a_name_that_is_no_subject_does_not_become_the_speaker() -> None:
    text = (
        "Republican activists clamoring to block Donald Trump from the GOP nomination say "
        "they are gaining ground. Kasich offered the man a job as Secretary of Defense, then "
        "says he would welcome advice from anyone."
    )
    quotes, _ = extract(text)
    speakers = {q.speaker for q in quotes}
    assert "Donald Trump" not in speakers
    assert "Secretary of Defense" not in speakers
