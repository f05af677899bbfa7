"""Transcript turns: a labelled paragraph's sentences are quotes of the person the label
names, and kickers or headlines in the same shape are not."""

from __future__ import annotations

from provenance.quotes import extract
from provenance.statements import statements_in

INTERVIEW = """Governor Mary Fallin said on Sunday that Donald Trump wants to heal the divide.

JAKE TAPPER: Donald Trump released a video on Friday. Take a listen.

TRUMP: Racial divisions have gotten worse, not better.

TAPPER: Do you think Donald Trump has campaigned as a racial healer?

FALLIN: I think he is trying to campaign as a racial healer. I trust him with his words.

PRESIDENT OBAMA: We have to do better than this, and we will.

ROBBY MOOK: The campaign is ready for every debate.
"""


def _said(text: str) -> list[tuple[str | None, str]]:
    quotes, _ = extract(text)
    return [(q.speaker, q.text) for q in quotes if q.kind == "direct"]


def test_each_sentence_of_a_turn_is_a_quote_of_the_labelled_speaker() -> None:
    said = _said(INTERVIEW + "\nBarack Obama and campaign manager Robby Mook spoke later.\n")
    assert said == [
        ("Jake Tapper", "Donald Trump released a video on Friday."),
        ("Jake Tapper", "Take a listen."),
        ("Donald Trump", "Racial divisions have gotten worse, not better."),  # named in the text
        ("Jake Tapper", "Do you think Donald Trump has campaigned as a racial healer?"),
        ("Mary Fallin", "I think he is trying to campaign as a racial healer."),
        ("Mary Fallin", "I trust him with his words."),
        ("Barack Obama", "We have to do better than this, and we will."),
        ("Robby Mook", "The campaign is ready for every debate."),  # written out in the text
    ]
    quotes, _ = extract(INTERVIEW + "\nBarack Obama spoke later.\n")
    assert [q.role for q in quotes if q.speaker == "Barack Obama"] == ["President"]


def test_reported_speech_inside_a_turn_is_the_speakers() -> None:
    quotes, _ = extract(INTERVIEW)
    reported = [q for q in quotes if q.kind == "indirect" and "racial healer" in q.text]
    assert [q.speaker for q in reported] == ["Mary Fallin"]  # "I think he is trying ..."


def test_a_turns_sentences_carry_its_speaker_as_statements() -> None:
    statements, _ = statements_in(INTERVIEW)
    sentence = next(s for s in statements if s.kind == "sentence" and "I trust him" in s.text)
    assert sentence.speaker == "Mary Fallin"


def test_kickers_headlines_and_unknown_labels_are_not_turns() -> None:
    text = (
        "UPDATE: The company said on Monday that the recall was over.\n\n"
        "EXCLUSIVE: In a memo to Congress, officials insist they are fighting terror.\n\n"
        "BUSTED: Emails Reveal Campaign Aide And Reporter Caught Conspiring Together.\n\n"
        "AP: Trump chair routed money to lobbyists.\n\n"
        "UNIDENTIFIED MALE: I was not there that night.\n\n"
        "SMITH: Nobody in this article is called that in full.\n"
    )
    assert _said(text) == []


def test_a_title_is_the_role_and_a_name_is_spelt_as_the_article_spells_it() -> None:
    text = (
        "John McCain and Beto O'Rourke debated on Tuesday night in Phoenix.\n\n"
        "SEN. MCCAIN: We have to do better than this, and we will.\n\n"
        "O'ROURKE: No, we will not do that.\n"
    )
    quotes, _ = extract(text)
    said = [(q.speaker, q.role, text[q.speaker_start or 0 : q.speaker_end or 0]) for q in quotes]
    assert said == [("John McCain", "Sen.", "MCCAIN"), ("Beto O'Rourke", None, "O'ROURKE")]
