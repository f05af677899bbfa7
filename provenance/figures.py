"""Figures in a text: numbers in digits or words, with the precision they were written to.

"1,000", "one thousand" and "1k" are one figure; "$64.7 billion" and "$65 billion" are one
figure rounded differently. Reading them is regex over the normalised text, cheap enough to
run for every variant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from provenance.wording import wordset

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_TENS = "thirty forty fifty sixty seventy eighty ninety"
_NUMBER_WORDS: dict[str, float] = {
    **{w: float(i) for i, w in enumerate(_UNITS.split(" "))},
    **{w: float(10 * i) for i, w in enumerate(_TENS.split(" "), 3)},
    "dozen": 12.0,
    "half": 0.5,
}
_SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# "one" is more often a pronoun than a figure ("one of the most dangerous branches").
_ONE_PRONOUN_NEXT = wordset("of another who that which day time side hand")
_ONE_PRONOUN_PREV = wordset("no any every some each the this that someone")
# "two-way", "one-sided": a number word that is part of an adjective, not a figure.
_NOT_FIGURE_NEXT = wordset("way sided off fold")

# A figure in digits (with thousands separators or decimals, an optional scale suffix such
# as "bn", or an ordinal/plural suffix), or any run of letters for the number-word reader.
# Digits glued to letters or hyphens on the left ("COVID-19", "G7") are names, not figures.
_NUMBER_TOKEN = re.compile(
    r"(?<![\w.\-/])(\d+(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:(bn|mln|tn|[kmb])\b|(?=[^\w]|$)|(st|nd|rd|th|s)\b)"
    r"|[A-Za-z]+",
)


def figures_in(norm: str) -> list[Figure]:
    """Figures mentioned, with formatting and spelling ("1,000", "three") folded."""
    out: list[Figure] = []
    tokens = [(m.group(0), m) for m in _NUMBER_TOKEN.finditer(norm)]
    i = 0
    while i < len(tokens):
        raw, m = tokens[i]
        value: float | None = None
        resolution = 1.0
        if m.group(1):
            digits = m.group(1).replace(",", "")
            value = float(digits)
            if "." in digits:
                resolution = 10.0 ** -len(digits.split(".")[1])
            if m.group(2):
                value *= _SCALES[m.group(2).lower()]
                resolution *= _SCALES[m.group(2).lower()]
        else:
            low = raw.lower()
            if low in _NUMBER_WORDS:
                prev = tokens[i - 1][0].lower() if i else ""
                nxt = tokens[i + 1][0].lower() if i + 1 < len(tokens) else ""
                pronoun = low == "one" and (nxt in _ONE_PRONOUN_NEXT or prev in _ONE_PRONOUN_PREV)
                loose_half = low == "half" and nxt not in _SCALES
                if not (pronoun or loose_half or nxt in _NOT_FIGURE_NEXT):
                    value = float(_NUMBER_WORDS[low])
                    # "twenty five" / "twenty-five": the hyphen is not a token here.
                    if value >= 20 and value % 10 == 0 and _NUMBER_WORDS.get(nxt, 10) < 10:
                        value += _NUMBER_WORDS[nxt]
                        i += 1
        if value is not None:
            # A following scale word multiplies: "2.5 billion", "three million".
            while i + 1 < len(tokens) and tokens[i + 1][0].lower() in _SCALES:
                scale = tokens[i + 1][0].lower()
                if len(scale) == 1:
                    break  # a lone "m" or "B" after a space is a unit or an initial
                value *= _SCALES[scale]
                resolution *= _SCALES[scale]
                i += 1
            end = tokens[i][1].end()
            out.append(Figure(value, resolution, _unit(norm, m.start(), end, tokens, i)))
        i += 1
    return out


_CURRENCY = "$€£¥"


def _unit(norm: str, start: int, end: int, tokens: list[tuple[str, re.Match[str]]], i: int) -> str:
    """What a figure counts: a currency sign before it, else "percent" for "%" or
    "per cent", else the next word singular ("40 cents" -> "cent"); "" when none."""
    if start and norm[start - 1] in _CURRENCY:
        return norm[start - 1]
    if norm[end : end + 2].lstrip().startswith("%"):
        return "percent"
    if i + 1 >= len(tokens) or norm[end : tokens[i + 1][1].start()].strip():
        return ""  # punctuation between: "in 2021, officials" counts nothing
    word = tokens[i + 1][0].lower()
    if word == "per" and i + 2 < len(tokens) and tokens[i + 2][0].lower() == "cent":
        return "percent"
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written: its value and the precision it was written to."""

    value: float
    resolution: float  # 1.0 for "65", 0.1 for "64.7", 1e8 for "2.5 billion"
    # What it counts ("$", "percent", "cent", "vote"; "" if nothing follows). Not part of
    # ``matches``: "$3 million" and "3 million dollars" are one figure.
    unit: str = field(default="", compare=False)

    def matches(self, other: Figure) -> bool:
        # Outlets round: "$64.7 billion" and "$65 billion" are one figure, "19" and "20"
        # cents are not. The more precise one must round to the less precise one.
        coarse = max(self.resolution, other.resolution)
        return abs(self.value - other.value) <= coarse / 2 + 1e-9 * max(1.0, abs(self.value))
