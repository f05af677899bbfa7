"""Credits: where an article says its material came from ("reported Voice of America").

A credit needs a news organisation: "according to Reuters" is a credit, "according to
Voronkov" is the attribution of a statement and belongs to ``provenance.quotes``. Outlets
are the well-known agencies and papers below, plus any capitalised name built on a
newsroom word ("the Daily Beast", "Tolo News"), which keeps unknown local outlets visible.
"""

from __future__ import annotations

import re
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
_PLACE = r"[A-Z][A-Z.'’ \-]+(?:,[ \t]*[A-Z][\w.'’ \-]*){0,2}"  # "HEMPSTEAD, N.Y., Sept. 26"
_WHEN = r"(?:first\s+|also\s+|previously\s+|earlier\s+)?"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Each pattern comes with words it cannot match without (None: no such word), so a text
# lacking all of them skips the pattern; most texts have no credit at all.
_PATTERNS: tuple[tuple[CreditKind, re.Pattern[str], tuple[str, ...] | None], ...] = (
    ("dateline", _rx(rf"(?m)^[ \t]*{_PLACE}[ \t]*{_WIRE_TAG}[ \t]*[—–-]{{1,2}}"), ("(",)),
    ("wire_tag", _rx(_WIRE_TAG), ("(",)),
    ("byline", _rx(rf"(?m)^[ \t]*By\s+[A-Z][^\n]{{0,80}}?(?:,|\||—|–|-|\n|\band\b)\s*{_OUTLET}"),
     ("By",)),
    ("byline", _rx(rf"(?m)^[ \t]*(?:The\s+)?{_WIRE_NAME}[ \t]*$"), None),
    ("byline", _rx(rf"\b{_WIRE_NAME}(?: [A-Z][a-z]+)? [Ww]riters?\b"), ("riter",)),
    ("other", _rx(rf"{_OUTLET}\s+contributed(?:\s+to\s+this\s+report|\s+reporting)?"),
     ("contributed",)),
    ("other", _rx(rf"(?:Copyright|©)\s*(?:\d{{4}}\s+)?{_OUTLET}"), ("Copyright", "©")),
    ("other", _rx(rf"\b(?:h/t|H/T|[Hh]at tip)[:\s]+(?:to\s+)?{_OUTLET}"), ("h/t", "H/T", "at tip")),
    ("other", _rx(rf"\(\s*via\s+{_OUTLET}\s*\)"), ("via",)),
    # Reuters signs its copy "(Reporting by …; Editing by …)" without naming itself.
    ("other", _rx(r"\((?:Additional )?(?P<o>[Rr]eporting|Writing) by [A-Z][^)]{2,300}"
                  r"[Ee]diting by [^)]+\)"), ("diting by",)),
    ("reported", _rx(rf"\b(?:reported|reports|reporting)\s+(?:by\s+)?{_OUTLET}"), ("report",)),
    ("reported", _rx(rf"\b(?:first\s+)?reported\s+by\s+{_OUTLET}"), ("reported",)),
    ("reported", _rx(rf"\b(?:quoted|cited)\s+by\s+{_OUTLET}"), ("quoted", "cited")),
    ("reported", _rx(rf"{_OUTLET}\s+{_WHEN}(?:reported|reports|has reported)\b"), ("report",)),
    ("according_to",
     _rx(rf"\b[Aa]ccording to\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,2}}?{_OUTLET}"),
     ("ccording to",)),
    ("told", _rx(rf"\b(?:{_TOLD})\s+{_OUTLET}"),
     ("told", "tell", "said to", "speaking", "spoke", "interview with")),
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
    taken: list[tuple[int, int]] = []
    for kind, pattern, needs in _PATTERNS:
        if needs is not None and not any(word in text for word in needs):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            while end > start and text[end - 1] in " \t\n*_":
                end -= 1
            if end <= start or any(a < end and start < b for a, b in taken):
                continue
            outlet = m.group("o")
            signed = outlet in ("Reporting", "reporting", "Writing")
            source = "Reuters" if signed else normalise(outlet)
            if not _plausible(source, outlet, kind):
                continue
            taken.append((start, end))
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
