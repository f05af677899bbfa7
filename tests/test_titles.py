"""Titles of works in quote marks are no quotes (provenance/titles.py, through extract)."""

from __future__ import annotations

import pytest

from provenance.quotes import extract

# A paragraph before the case, so that its line is read as body text, not a headline.
PARAGRAPH = "The vote was held on Monday in Washington after a long debate in the House.\n\n"


def _quoted(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text)[0] if q.kind == "direct"]


@pytest.mark.parametrize(
    "text",
    [
        "“It's heartbreaking,” Ryan said on CBS's “Face the Nation,” adding nothing.",
        "“It's heartbreaking,” Ryan said on the CNN program “State of the Union.”",
        "“It's heartbreaking,” said Ryan, the author of “The Way Forward,” on Sunday.",
        "“It's heartbreaking,” Ryan said in an interview on “Fox News Sunday.”",
        "“It's heartbreaking,” wrote Ryan, who starred in “The Apprentice” for years.",
        "“It's heartbreaking,” Ryan said, wearing a “Make America Great Again” hat.",
        "“It's heartbreaking,” Ryan said of a website called “Cape Breton If Trump Wins.”",
        "“It's heartbreaking,” Ryan told “Fox & Friends.”",
        "“It's heartbreaking,” Ryan said on Fox News' “On the Record with Greta Van Susteren.”",
        # The interviewer between the verb and "on".
        "“It's heartbreaking,” Ryan told Fox News’ Shannon Bream on “America’s Newsroom,” "
        "when asked.",
        # A kind of work and a list of its titles, the first and the rest.
        "“It's heartbreaking,” Ryan said of films like “The Exorcist,” “Training Day” and "
        "“Taken.”",
        "“It's heartbreaking,” Ryan said of shows such as “Homeland.”",
        # The broadcast of a show, before its speaker.
        "On Sunday’s broadcast of “Fox News Sunday,” Ryan said: “It's heartbreaking,” and "
        "left.",
    ],
)
def test_the_name_of_a_work_is_no_quote(text: str) -> None:
    assert _quoted(text) == [("It's heartbreaking,", "Ryan")]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # A nickname and a slogan a person says stay quotes, in title case or not.
        ("Within minutes, Trump called Rubio “Little Marco” again.", "Little Marco"),
        ("Clinton insisted on “Peace Through Strength” at the rally.", "Peace Through Strength"),
        # Only capitalised words (a name) may stand between the verb and "on".
        ("Trump, appearing to call on the “Deep State” Justice Department", "Deep State"),
        # Words in a line written in title case: their capitals say nothing.
        ("Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP’s Chance", "Incredibly "
         "Hateful Rhetoric"),
        ("Issa: Hillary Clinton’s ‘Honesty Is In Question.’", "Honesty Is In Question."),
        # Not in title case: words someone said about a show, not its name.
        ("Ryan said on the show that it was “a disgrace to the country.”", "a disgrace to the "
         "country."),
    ],
)
def test_words_said_stay_quotes(text: str, quoted: str) -> None:
    assert [t for t, _ in _quoted(text)] == [quoted]


def test_a_title_still_lends_its_speaker_to_the_quotes_after_it() -> None:
    text = (
        'On ABC News\'s "This Week," Rubio said that by refusing to say the words '
        '"radical Islam," Democrats are "saying we weren\'t at war with the Nazis."'
    )
    assert _quoted(text) == [
        ("radical Islam,", "Rubio"),
        ("saying we weren't at war with the Nazis.", "Rubio"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Rep. Robert C. “Bobby” Scott threw open his back yard for a cookout on Monday.",
        "Mob boss Vincent “The Chin” Gigante died in prison on Monday, his lawyer said.",
        'Convicted mobster Vincent " Chin " Gigante died in prison , his lawyer said .',
    ],
)
def test_a_nickname_between_a_persons_names_is_no_quote(text: str) -> None:
    quotes, _ = extract(PARAGRAPH + text)
    assert [q.text for q in quotes if q.kind == "direct"] == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # Before a capitalised word, but not between names: what Trump called him.
        ("Trump called him “Little Marco” on Monday in Texas.", "Little Marco"),
        # A title case headline capitalises every word: Christie's words.
        ("Chris Christie Calls Hillary Clinton ‘A Disgrace’ For Her Emails", "A Disgrace"),
    ],
)
def test_a_quote_beside_a_name_that_is_no_nickname_stays(text: str, quoted: str) -> None:
    quotes, _ = extract(PARAGRAPH + text)
    assert [q.text for q in quotes] == [quoted]
