"""Boilerplate lines (rights notices, sign-offs, calls to action) are known by their
wording; news sentences that share a word with them are not."""

from __future__ import annotations

import pytest

from provenance.boilerplate import is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Copyright 2024 The Associated Press.",
        "© 2024 Reuters",
        "Copyright © 2015 by Dinesh D’Souza.",
        "All rights reserved.",
        "This material may not be published, broadcast, rewritten or redistributed "
        "without permission.",
        "(Reporting by Amanda Becker in Washington; Editing by Eric Beech.)",
        "Fox News’ Matt Richardson and John Roberts contributed to this report.",
        "Associated Press writer Jill Colvin contributed from Albuquerque.",
        "Amanda Terkel contributed reporting.",
        "The Associated Press is solely responsible for all content.",
        "The Associated Press receives support from several private foundations to enhance "
        "its explanatory coverage of elections and democracy.",
        "Find AP’s full coverage of the 2024 election at https://apnews.com/hub/election-2024.",
        "Follow the AP's coverage of the war at https://apnews.com/hub/russia-ukraine",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Sign up for our daily newsletter to get the latest news.",
        "For more, sign up for the What’s Working newsletter.",
        "(Subscribe to POLITICO's Off Message podcast with Glenn Thrush.)",
        "Follow us on Twitter and Facebook.",
        "Follow Pam Key on Twitter @pamkeyNEN.",
        "Click here to read the full ruling.",
        "Read more: Senate passes budget",
        "Download the NBC News app for breaking news.",
        "Watch the full interview below:",
        "Reach him directly at awrhawkins@breitbart.com.",
        "This story has been updated with comments from the governor.",
        "This is a developing story and will be updated.",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "The court ruled that the copyright had expired in 2019.",
        "All rights reserved for shareholders were cancelled, the filing said.",
        "Donors contributed $2,700 each to the campaign.",
        "Those divisions likely contributed to the federation's decision.",
        "Mr. Trump wrote on Twitter that the report was a hoax.",
        "Millions subscribe to the streaming service, the company said.",
        "An earlier version of this article misstated the date of the vote.",
        "The updated figures show 5,000 more cases.",
        "Follow the money, the senator said.",
        "Watch what happens, he told reporters.",
        "The email from the campaign said the event was cancelled.",
        "The Associated Press reported that the vote was delayed.",
        "Follow-up coverage by the AP showed the figures were wrong.",
    ],
)
def test_news_sentences(sentence: str) -> None:
    assert not is_boilerplate(sentence)
