"""Titles of works between quote marks: a show, a book, a film, a website, a column.

News puts the names of works in quote marks ("said on CBS's “Face the Nation”", "author
of ''America's Unwritten Constitution''", "a website called “Cape Breton If Donald Trump
Wins”"). Nobody says those words, so they are no quotes: taken for quotes, they were
attributed to the sentence's speaker ("Face the Nation" as Paul Ryan's words) and, embedded
as statements, the same show's name made a quote cluster across outlets.

A quoted span is a title when its words are written in title case and the words around it
name a work: the kind of work next to it (“the CNN program”, “a book called”, “... show”),
a channel or outlet that owns it ("CBS's", "whose"), or a role in it ("author of", "starred
in", "an interview on"). Title case alone is not enough: nicknames ("Little Marco") and
slogans a person utters are quoted in title case too, and stay quotes.
"""

from __future__ import annotations

import re

from provenance.marks import Marked
from provenance.tokens import words

# Words a title case title may write in lower case.
_MINOR = words(
    """a an the and but or nor for so yet of on in at to by up as from with into onto over upon
    via vs is be are was its it than out off per"""
)
# The kinds of work, before the title ("the CNN program “State of the Union”") or after
# it ("“Make Mexico Great Again” hat", "“Live” program").
_WORKS = words(
    """show shows program programs programme series sitcom drama book books memoir novel
    biography film films movie movies documentary album song single play musical column
    newsletter podcast website site blog magazine newspaper segment episode franchise hat hats
    slogan anthem video game app tour"""
)
# Read at the end of the words before the opening mark (of its own sentence and line).
_BEFORE = re.compile(
    r"""(?ix)
    (?:
        \b(?:called|titled|entitled|named|dubbed)\s*,?\s*
      | \b(?:author|authors|co-author|host|hosts|co-host|star|stars|creator|creators|director
           |producer|producers|editor|writer|writers|cast|sequel|prequel|season|episode|edition
           |reboot|remake|publisher|anchor|moderator|broadcast|broadcasts|airing|taping|set)
           \s+(?:of|to)\s+(?:the\s+)?
      | \b(?:starred|starring|appeared|appearing|appearance|appearances|featured|role
           |roles|cameo|interview|interviews|interviewed|said|says|told|speaking|spoke
           |guest|wrote|writes|published)(?:\s+(?-i:[A-Z])[\w’'&.-]*){0,4}\s+(?:in|on)\s+(?:the\s+)?
           (?:[A-Z][\w’'&-]*\s+){0,2}?
      | (?:’s|'s|s’|s')\s+(?:new\s+|hit\s+|popular\s+|weekly\s+|daily\s+|late-night\s+
           |nightly\s+|morning\s+|sunday\s+|own\s+)?
      | \bwhose\s+
      | \b(?:told|telling|tells)\s+(?:the\s+)?
      | \b(?:on|of)\s+(?:the\s+)?
    )$
    """
)
# A kind of work and a list of its titles: "films like ''The Exorcist,'' ''Training Day''
# and ''Taken''", "shows such as “Lost”": every title of the list, the first and the rest.
_LISTED = re.compile(
    r"""(?ix)\b(\w+)\s*,?\s+(?:like|such\s+as|including)\s+
    (?:(?:“|"|''|‘|')[^“”"\n]{1,60}?(?:”|"|''|’|')\s*,?\s*(?:(?:and|or)\s+)?)*$"""
)
_SENTENCE_END = re.compile(r"""[.!?][”"’')]*\s+""")
_BARE = re.compile(r"(?i)(?:on|of)\s+(?:the\s+)?")
_KIND_BEFORE = re.compile(r"(?i)\b(\w+)\s*,?\s*$")
_WORD = re.compile(r"[\w’'\-.&]+")
_FIRST_AFTER = re.compile(r"[\s,.;:”\"’')\]]*([A-Za-z\-]+)")
# How much of the text before the mark is read: enough for "in an interview on NBC's".
_READ = 80
_LINE = 400


# A nickname inside a person's name: Rep. Robert C. “Bobby” Scott, Earvin “Magic” Johnson.
# The words either side are the name's (a first name or an initial before, the surname
# after); tokenised corpora put spaces inside the marks.
_NAME_BEFORE = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z’'\-]+|[A-Z]\.)\s$")
_NAME_AFTER = re.compile(r"\s(?:[A-Z][a-z’'\-]*[a-z]|[A-Z][a-z]?[’'][A-Z][a-z]+)\b")
_NICKNAME_WORDS = 3


def is_nickname(text: str, q: Marked) -> bool:
    """Whether the words quoted at ``q`` are a nickname between a person's names."""
    if q.close < 0:
        return False
    quoted = text[q.start : q.end].strip()
    if not quoted or len(quoted.split()) > _NICKNAME_WORDS or quoted[-1] in ".,;:!?":
        return False
    if not _title_case(quoted):
        return False
    return bool(
        _NAME_BEFORE.search(text, max(0, q.open - 30), q.open)
        and _NAME_AFTER.match(text, q.after)
        # In a title case headline every word is capitalised: "Christie Calls Clinton ‘A
        # Disgrace’ For ..." quotes him.
        and not _headline(text, q)
    )


def is_title(text: str, q: Marked) -> bool:
    """Whether the words quoted at ``q`` in ``text`` name a work."""
    quoted = text[q.start : q.end].strip().rstrip(",.;:").strip()
    if not _title_case(quoted):
        return False
    line = text.rfind("\n", max(0, q.open - _READ), q.open)
    before = text[max(line + 1, q.open - _READ) : q.open]
    # Only the quote's own sentence: "spoke on Monday. “No,” he said" names no work.
    before = before[max((m.end() for m in _SENTENCE_END.finditer(before)), default=0) :]
    if _headline(text, q):
        return False  # "Graham: Trump’s ‘Incredibly Hateful Rhetoric’ Destroying GOP"
    kind = _KIND_BEFORE.search(before)
    if kind is not None and kind.group(1).lower() in _WORKS:
        return True  # the CNN program “State of the Union”, a book called “...”
    listed = _LISTED.search(before)
    if listed is not None and listed.group(1).lower() in _WORKS:
        return True  # films like “Taken”
    found = _BEFORE.search(before)
    # "on"/"of" alone, as in "insisted on “Peace Through Strength”", is a title only with
    # a kind of work after it; the other phrases name one by themselves.
    if found is not None and not _BARE.fullmatch(found.group(0)):
        return True
    nxt = _FIRST_AFTER.match(text, q.after)
    return nxt is not None and nxt.group(1).lower() in _WORKS


def _headline(text: str, q: Marked) -> bool:
    """Whether the quote sits in a line written in title case, where its own capitals
    tell nothing: most of the line's other words capitalised, or too few of them to tell
    ("Issa: Hillary Clinton’s ‘Honesty Is In Question.’")."""
    # Read at most _LINE characters either side: a line longer than that is a paragraph,
    # and an unbounded search made a text without line breaks quadratic.
    start = text.rfind("\n", max(0, q.open - _LINE), q.open) + 1
    if start == 0:
        start = max(0, q.open - _LINE)
    end = text.find("\n", q.after, q.after + _LINE)
    end = min(len(text), q.after + _LINE) if end < 0 else end
    rest = _WORD.findall(text[start : q.open] + " " + text[q.after : end])
    if len(rest) < 4:
        return True
    upper = sum(1 for w in rest if w[:1].isupper() or w.lower() in _MINOR)
    return upper >= 0.8 * len(rest)


def _title_case(quoted: str) -> bool:
    """Every word capitalised but the minor ones, which never start the title; at most
    eight words, no clause punctuation inside (a sentence in capitals is not a title)."""
    found = [w for w in _WORD.findall(quoted) if w != "&"]
    if not found or len(found) > 8 or any(c in quoted for c in ",;!?"):
        return False
    if not found[0][:1].isupper() and not found[0][:1].isdigit():
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR for w in found
    ) and any(w[:1].isalpha() and w[1:2].islower() for w in found)
