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


QA = """Q&A with Senator Maria Lopez.

Senator Maria Lopez spoke with reporters on Thursday about the budget. Lopez, who chairs
the finance committee, answered questions for an hour. Editor Tom Hale sat in.

Q: Will the budget pass this month?

A: I think it will pass. We have the votes now.

My colleagues know what is at stake for the state.

Q: Have you talked to the governor?

A: Not yet, I will. He has been travelling all week.

The interview was edited for length and clarity.
"""


def test_the_answers_of_an_interview_are_quotes_of_whom_it_is_with() -> None:
    assert _said(QA) == [
        ("Maria Lopez", "I think it will pass."),
        ("Maria Lopez", "We have the votes now."),
        # the answer's next paragraph, before the next question
        ("Maria Lopez", "My colleagues know what is at stake for the state."),
        ("Maria Lopez", "Not yet, I will."),
        ("Maria Lopez", "He has been travelling all week."),
        # no question follows the last paragraph: the outlet's words, not hers
    ]
    quotes, _ = extract(QA)
    first = next(q for q in quotes if q.kind == "direct")
    # attributed where the answer is, as a "he" is: at its label
    label = QA.index("A: I think")
    assert (first.speaker_start, first.speaker_end) == (label, label + 1)
    reported = [q for q in quotes if q.kind == "indirect" and "pass" in q.text]
    assert [(q.speaker, q.text) for q in reported] == [("Maria Lopez", "it will pass")]


def test_an_explainer_in_questions_and_answers_is_the_outlets_own_voice() -> None:
    text = """President Donald Trump signed an order on Friday.

Q: What does the order do?

A: It bars travellers from seven countries for ninety days.

Q: Does it apply to green card holders?

A: The White House says it does not, but lawyers disagree.
"""
    assert _said(text) == []


def test_another_speakers_label_ends_an_answer() -> None:
    text = QA.replace(
        "My colleagues know", "TOM HALE: Thank you, Senator.\n\nHis colleagues know"
    )
    said = _said(text)
    assert ("Tom Hale", "Thank you, Senator.") in said
    assert ("Maria Lopez", "We have the votes now.") in said
    assert not any("His colleagues" in words for _, words in said)
