"""Credits: where an article says its material came from ("reported Voice of America").

A credit needs a news organisation: "according to Reuters" is a credit, "according to
Voronkov" is the attribution of a statement and belongs to ``provenance.quotes``. Outlets
are the well-known agencies and papers below, plus any capitalised name built on a
newsroom word ("the Daily Beast", "Tolo News"), which keeps unknown local outlets visible.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import Literal

from provenance.models import Credit

CreditKind = Literal["reported", "according_to", "told", "wire_tag", "dateline", "byline", "other"]

# Canonical name -> ways it is written. Short acronyms only count inside credit patterns.
OUTLETS: dict[str, tuple[str, ...]] = {
    "Associated Press": ("The Associated Press", "Associated Press", "AP"),
    "Reuters": ("Thomson Reuters", "Reuters"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "AFP"),
    "UPI": ("United Press International", "UPI"),
    "Voice of America": ("Voice of America", "VOA"),
    "BBC": ("BBC News", "BBC"),
    "CNN": ("CNN",),
    "Bloomberg": ("Bloomberg News", "Bloomberg"),
    "Xinhua": ("Xinhua News Agency", "Xinhua"),
    "TASS": ("TASS", "Tass"),
    "RIA Novosti": ("RIA Novosti",),
    "Interfax": ("Interfax",),
    "Al Jazeera": ("Al Jazeera", "Al-Jazeera"),
    "NPR": ("NPR",),
    "Press Trust of India": ("Press Trust of India", "PTI"),
    "ANI": ("Asian News International", "ANI"),
    "IANS": ("IANS",),
    "Kyodo": ("Kyodo News", "Kyodo"),
    "Yonhap": ("Yonhap News Agency", "Yonhap"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "dpa": ("Deutsche Presse-Agentur", "dpa", "DPA"),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu"),
    "The New York Times": ("The New York Times", "New York Times"),
    "The Washington Post": ("The Washington Post", "Washington Post"),
    "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal"),
    "Financial Times": ("The Financial Times", "Financial Times"),
    "The Guardian": ("The Guardian",),
    "Politico": ("Politico", "POLITICO"),
    "Axios": ("Axios",),
    "The Hill": ("The Hill",),
    "USA Today": ("USA Today", "USA TODAY"),
    "Fox News": ("Fox News",),
    "CBS News": ("CBS News", "CBS"),
    "NBC News": ("NBC News", "NBC"),
    "ABC News": ("ABC News",),
    "MSNBC": ("MSNBC",),
    "Sky News": ("Sky News",),
    "Radio Free Europe/Radio Liberty": (
        "Radio Free Europe/Radio Liberty", "Radio Free Europe", "RFE/RL"
    ),
    "Deutsche Welle": ("Deutsche Welle",),
    "Al Arabiya": ("Al Arabiya",),
    "Dawn": ("Dawn",),
    "TOLOnews": ("TOLOnews", "Tolo News", "TOLO News"),
}
WIRES = frozenset({"Associated Press", "Reuters", "AFP", "UPI"})
_NEWSROOM_WORDS = (
    "News|Times|Post|Journal|Press|Agency|Radio|Television|TV|Herald|Tribune|Gazette|Daily|"
    "Telegraph|Guardian|Broadcasting|Network|Channel|Magazine|Chronicle|Observer|Standard|"
    "Express|Mirror|Insider|Beast|Examiner|Register|Globe|Weekly|Wire|Dispatch|Bulletin"
)
_CANON = {v.lower(): k for k, vs in OUTLETS.items() for v in vs}
_VARIANTS = sorted((re.escape(v) for vs in OUTLETS.values() for v in vs), key=len, reverse=True)
_KNOWN = "|".join(_VARIANTS)  # longest first, so "Associated Press" wins over "AP"
_NAME_WORD = r"[A-Z][\w&’'.\-]*"
_GENERIC = (
    rf"(?:{_NAME_WORD}\s+){{0,3}}(?:{_NEWSROOM_WORDS})\b(?:\s+(?:of\s+)?{_NAME_WORD}){{0,2}}"
)
# The lookahead only restates how an outlet can begin (every name above is capitalised but
# dpa), so that patterns starting with an outlet give up at once on other characters:
# without it they try the whole alternation at every position, a fifth of extract()'s time.
_OUTLET = (
    rf"(?=[A-Z*_]|the\s|dpa)(?:[Tt]he\s+)?[*_]{{0,2}}(?P<o>(?:{_KNOWN})(?![\w-])|{_GENERIC})"
)
_WIRE_TAG = rf"\((?P<o>{_KNOWN})\)"
_WIRE_NAME = r"(?P<o>AP|Associated Press|Reuters|AFP|UPI)"
_TOLD = r"told|telling|tells|said to|speaking to|spoke to|speaking with|spoke with|interview with"
_TOLD_STARTS = ("told", "tell", "said to", "speaking", "spoke", "interview with")
_PLACE = r"[A-Z][A-Z.'’ \-]+(?:,[ \t]*[A-Z][\w.'’ \-]*){0,2}"  # "HEMPSTEAD, N.Y., Sept. 26"
_WHEN = r"(?:first\s+|also\s+|previously\s+|earlier\s+)?"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# How to find a pattern's matches. finditer() tries a pattern at every position, and a
# pattern led by \b, ^ or the outlet lookahead cannot skip ahead to where a match could
# begin, so each of those took as long as a scan of the text per character: half of
# extract()'s time in credits. These try it only where its matches can begin, giving the
# same matches: leftmost first, each search resuming where the last match ended.
_Finder = Callable[[re.Pattern[str], str], Iterator[re.Match[str]]]


def _everywhere(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


def _at_line_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """For a pattern that opens with (?m)^."""
    end = 0
    at = 0
    while at >= 0:
        if at >= end:
            m = pattern.match(text, at)
            if m is not None:
                yield m
                end = m.end()
        at = text.find("\n", at)
        at = at + 1 if at >= 0 else -1


def _where(*starts: str) -> _Finder:
    """For a pattern whose every match begins with one of the words ``starts``."""

    def find(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        found: set[int] = set()
        for word in starts:  # str.find skips ahead far faster than any pattern
            at = text.find(word)
            while at >= 0:
                found.add(at)
                at = text.find(word, at + 1)
        end = 0
        for at in sorted(found):
            if at >= end:
                m = pattern.match(text, at)
                if m is not None:
                    yield m
                    end = m.end()

    return find


# No character outside these is in an outlet's name, its spacing or the verbs after it.
_NOT_IN_OUTLET = re.compile(r"[^\w\s&’'.\-*_/]")


def _stretch_start(text: str, at: int) -> int:
    """Where the stretch free of ``_NOT_IN_OUTLET`` characters around ``at`` begins."""
    hi = at
    while hi > 0:
        lo = max(0, hi - 256)
        ends = [m.end() for m in _NOT_IN_OUTLET.finditer(text, lo, hi)]
        if ends:
            return ends[-1]
        hi = lo
    return 0


def _around(word: str) -> _Finder:
    """For a pattern that opens with an outlet and has ``word`` in every match: a match
    lies in a stretch of outlet characters holding ``word``. Searching that stretch on its
    own (endpos at its end) gives the same matches, as the character ending it is neither
    a word character nor a space nor "-", just like the end of the text."""

    def find(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
        at = text.find(word)
        while at >= 0:
            stop = _NOT_IN_OUTLET.search(text, at)
            hi = stop.start() if stop is not None else len(text)
            yield from pattern.finditer(text, _stretch_start(text, at), hi)
            at = text.find(word, hi)

    return find


# Each pattern comes with words it cannot match without (None: no such word, or none
# beyond those its finder looks for anyway), so a text lacking all of them skips the
# pattern; most texts have no credit at all.
_PATTERNS: tuple[tuple[CreditKind, re.Pattern[str], tuple[str, ...] | None, _Finder], ...] = (
    ("dateline", _rx(rf"(?m)^[ \t]*{_PLACE}[ \t]*{_WIRE_TAG}[ \t]*[—–-]{{1,2}}"), ("(",),
     _at_line_starts),
    ("wire_tag", _rx(_WIRE_TAG), ("(",), _everywhere),
    ("byline", _rx(rf"(?m)^[ \t]*By\s+[A-Z][^\n]{{0,80}}?(?:,|\||—|–|-|\n|\band\b)\s*{_OUTLET}"),
     ("By",), _at_line_starts),
    ("byline", _rx(rf"(?m)^[ \t]*(?:The\s+)?{_WIRE_NAME}[ \t]*$"), None, _at_line_starts),
    ("byline", _rx(rf"\b{_WIRE_NAME}(?: [A-Z][a-z]+)? [Ww]riters?\b"), ("riter",),
     _where("AP", "Associated Press", "Reuters", "AFP", "UPI")),
    ("other", _rx(rf"{_OUTLET}\s+contributed(?:\s+to\s+this\s+report|\s+reporting)?"),
     None, _around("contributed")),
    ("other", _rx(rf"(?:Copyright|©)\s*(?:\d{{4}}\s+)?{_OUTLET}"), ("Copyright", "©"),
     _everywhere),
    ("other", _rx(rf"\b(?:h/t|H/T|[Hh]at tip)[:\s]+(?:to\s+)?{_OUTLET}"), ("h/t", "H/T", "at tip"),
     _where("h/t", "H/T", "Hat tip", "hat tip")),
    ("other", _rx(rf"\(\s*via\s+{_OUTLET}\s*\)"), ("via",), _everywhere),
    # Reuters signs its copy "(Reporting by …; Editing by …)" without naming itself.
    ("other", _rx(r"\((?:Additional )?(?P<o>[Rr]eporting|Writing) by [A-Z][^)]{2,300}"
                  r"[Ee]diting by [^)]+\)"), ("diting by",), _everywhere),
    ("reported", _rx(rf"\b(?:reported|reports|reporting)\s+(?:by\s+)?{_OUTLET}"), None,
     _where("report")),
    ("reported", _rx(rf"\b(?:first\s+)?reported\s+by\s+{_OUTLET}"), ("reported",),
     _where("first", "reported")),
    ("reported", _rx(rf"\b(?:quoted|cited)\s+by\s+{_OUTLET}"), None,
     _where("quoted", "cited")),
    ("reported", _rx(rf"{_OUTLET}\s+{_WHEN}(?:reported|reports|has reported)\b"), None,
     _around("report")),
    ("according_to",
     _rx(rf"\b[Aa]ccording to\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{_OUTLET}"),
     ("ccording to",), _where("According to", "according to")),
    ("told", _rx(rf"\b(?:{_TOLD})\s+{_OUTLET}"), None, _where(*_TOLD_STARTS)),
)


def normalise(name: str) -> str:
    """Canonical outlet name: "the AP" -> "Associated Press", unknown ones as written."""
    bare = name.strip(" *_.,")
    low = bare.lower()
    if low in _CANON:
        return _CANON[low]
    if low.startswith("the ") and low[4:] in _CANON:
        return _CANON[low[4:]]
    return bare


def find_credits(text: str) -> list[Credit]:
    """Every credit phrase in ``text``, in order; one credit per stretch of text."""
    found: list[Credit] = []
    # The stretches taken so far, by start; they never overlap, so their ends are in order
    # too and a new stretch overlaps one exactly when the last to start before its end
    # reaches past its start (checking every one made a page of wire tags quadratic).
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for kind, pattern, needs, finder in _PATTERNS:
        if needs is not None and not any(map(text.__contains__, needs)):
            continue
        for m in finder(pattern, text):
            start, end = m.span()
            while end > start and text[end - 1] in " \t\n*_":
                end -= 1
            k = bisect.bisect_left(taken_starts, end)  # the stretches starting before end
            if end <= start or (k and taken_ends[k - 1] > start):
                continue
            outlet = m.group("o")
            signed = outlet in ("Reporting", "reporting", "Writing")
            source = "Reuters" if signed else normalise(outlet)
            if not _plausible(source, outlet, kind):
                continue
            taken_starts.insert(k, start)
            taken_ends.insert(k, end)
            credit = Credit(source=source, text=text[start:end], start=start, end=end, kind=kind)
            found.append(credit)
    found.sort(key=lambda c: c.start)
    return found


def _plausible(source: str, written: str, kind: CreditKind) -> bool:
    # A bare "AP"/"CBS" outside a dateline or tag is too ambiguous unless it is a known outlet.
    if not source or len(source) > 60:
        return False
    if written.lower() in _CANON or source == "Reuters":
        return True
    return kind not in ("wire_tag", "dateline") and written[:1].isupper()
