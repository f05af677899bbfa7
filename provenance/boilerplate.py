"""Boilerplate: the lines a site or wire service prints under every story.

Scraped text (JSONL dumps, copied pages, plain-text feeds) keeps the rights notice, the
newsletter pitch and the wire's sign-off. Printed verbatim by every outlet that runs the
wire, such a line becomes the best-corroborated "claim" of a report: "This material may
not be published, broadcast, rewritten or redistributed without permission" topped a
three-outlet test corpus. HTML goes through trafilatura, which drops most of it by page
structure; plain text has no structure left, so these lines are known by their wording.
They stay in the document text (offsets, credits and reading all keep them); they are
not statements, as headings are not.

Each pattern is a kind of line, not one site's line, and is anchored where the line
begins or held to the words such lines use, so that a news sentence about copyright, a
newsletter or a correction ("The court said the story must be corrected") stays a
statement.
"""

from __future__ import annotations

import re

_SOCIAL = r"(?:twitter|x|facebook|instagram|threads|bluesky|tiktok|linkedin|youtube)"
# Lines known by how they begin: tried with ``match``, so a sentence costs one look at its
# first characters (searching every position for these took 24 us a sentence, 7% of the
# ingest's statement finding).
_OPENINGS = (
    # Rights notices: "Copyright 2024 The Associated Press.", "© 2024 Reuters", "All rights
    # reserved."
    r"(?:copyright\s*)?(?:©|\(c\))"
    r"|copyright\s+(?:©\s*)?\d{4}\b"
    r"|all rights reserved\W*$",
    # Wire sign-offs: "(Reporting by A in London; Editing by B)", AP's funding note ("The
    # Associated Press receives support from ...") and "Find AP's full coverage of ... at
    # https://...", Reuters's "Our Standards: The Thomson Reuters Trust Principles."
    r"\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced) by\b"
    r"|the associated press receives (?:financial )?support from\b"
    r"|(?:find|follow|see|read) (?:more of )?(?:the )?(?:ap|associated press)['’]?s?\b"
    r".{0,80}\bcoverage\b"
    r"|our standards\s*:",
    # Calls to action: "Sign up for our daily newsletter", "Subscribe to ...", "Follow us on
    # Twitter and Facebook", "Follow Jane Doe on X: @jdoe", "Click here ...", "Read more:",
    # "Download the ... app", "Share this story", "Watch the full interview below:".
    r"(?:for more\b[^,]{0,20},\s*)?(?:sign up|subscribe (?:to|now|for|here|today)\b"
    r"|click here|read more\b"
    r"|read the (?:full|original|whole) (?:story|article|report)"
    r"|share (?:this|on)\b|like us on\b|listen to (?:this|the) (?:story|article)"
    r"|download (?:the|our)\b.{0,40}\bapp\b)"
    rf"|follow\b.{{0,60}}\bon {_SOCIAL}\b|on {_SOCIAL},? follow\b"
    r"|(?:listen|watch)\b.{0,120}\b(?:below|above)\W*$",
    # Contact lines: "Contact the author at jdoe@example.com."
    r"(?:contact|e-?mail|reach|write to|send (?:tips|news tips)\b)\b.{0,80}"
    r"[\w.+-]+@[\w-]+\.\w",
    # Notes on the story itself: "This story has been updated with comments from ...",
    # "This is a developing story." (A correction, "An earlier version of this article
    # misstated ...", says what was wrong: it stays a statement.)
    r"this (?:story|article|report|post|piece) (?:has been|was|is being|will be) updated\b"
    r"|this is a (?:developing|breaking) (?:story|news story)\b",
)
# Lines known by words anywhere in them, each tried only where its word is.
_ANYWHERE = {
    # The wire's "This material may not be published, broadcast, rewritten or
    # redistributed without permission."
    "permission": r"\bmay not be (?:re)?(?:published|produced|printed|copied|distributed"
    r"|broadcast)\b.*\bwithout\b.*\bpermission\b",
    # Staff lines: "Associated Press writer C contributed to this report.", "Amanda Terkel
    # contributed reporting.", "AP writer Jill Colvin contributed from Albuquerque."
    "contributed": r"\bcontributed (?:to )?(?:this |the )?(?:report|reporting|story|article)"
    r"\W*$|\b(?:writers?|reporters?|correspondents?)\b.{0,80}\bcontributed"
    r"(?: from [^.]{1,40})?\W*$",
    # AP: "The AP is solely responsible for all content."
    "solely": r"\bis solely responsible for all content\b",
}
_OPENING = re.compile("|".join(f"(?:{p})" for p in _OPENINGS), re.IGNORECASE)
_INSIDE = {word: re.compile(p, re.IGNORECASE) for word, p in _ANYWHERE.items()}
_EDGE = " \t\n\r\"'“”‘’*_-–—()[]"


def is_boilerplate(sentence: str) -> bool:
    """Whether ``sentence`` is a line of a page's or wire's furniture, not of the story."""
    line = sentence.strip(_EDGE)
    if _OPENING.match(line) is not None:
        return True
    lowered = line.lower()
    return any(word in lowered and rx.search(line) for word, rx in _INSIDE.items())
