"""Publication dates: read in the forms feeds and pages give them, ordered on one clock.

"Earliest appearance" is the answer a trace gives, so dates must compare as moments, not
as strings: "March 9, 2024" sorts after "Thu, 07 Mar 2024" as text, and
"2024-03-08T01:00:00+05:00" is earlier than "2024-03-07T22:00:00Z" though it reads later.
Readers store ISO 8601 (``read_date``); ``moment`` orders any stored value, including the
raw strings a store made before this module kept.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

from provenance.errors import DateError

# North American and European zone names news sites print ("10:32 a.m. EST"). dateutil
# knows none of them by itself (it would warn and drop the zone, shifting the moment by
# hours); "ET" and "PT" without S or D are the zone at the time, taken as standard time.
_ZONES = {
    name: timezone(timedelta(hours=hours))
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
        "EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "CT": -6, "MST": -7,
        "MDT": -6, "MT": -7, "PST": -8, "PDT": -7, "PT": -8,
    }.items()
}  # fmt: skip
# Day and month as numbers only ("03/04/2024"): which is which depends on the country.
_NUMERIC = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
# What pages print before the date ("Updated 3:45 PM EST, Fri March 8, 2024").
_LABEL = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|first\s+published)(?:\s+on)?\s*:?\s*", re.I
)
# "a.m." and "p.m.", which dateutil reads as words and then loses the zone after them.
_MERIDIEM = re.compile(r"\b([ap])\.m\.?(?!\w)", re.I)
# Unix time in seconds (2001-2286) or milliseconds, a fraction allowed.
_UNIX = re.compile(r"(\d{10}|\d{13})(?:\.\d+)?")
# Two defaults that differ in every field: a field the text does not give comes out
# differently under the two, which is how a missing year, day or time is told apart.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))


def read_date(raw: str) -> str:
    """``raw`` as ISO 8601: a date ("2024-03-08"), or a date and time with the offset the
    source gave, if any ("2024-03-07T10:00:00+00:00"). Reads ISO 8601, Unix time (10 or 13
    digits), RFC 2822 (RSS, e-mail) and written English dates ("March 9, 2024", "9 Mar
    2024 10:32 a.m. EST"). A DateError says why ``raw`` is not one day: no year, no day,
    day and month either way round ("03/04/2024"), or no date at all."""
    text = " ".join(raw.split())
    if not text:
        raise DateError("empty")
    text = _LABEL.sub("", text)
    unix = _UNIX.fullmatch(text)
    if unix is not None:
        seconds = float(text) / (1000 if len(unix.group(1)) == 13 else 1)
        return _iso(datetime.fromtimestamp(seconds, UTC), timed=True)
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        return _iso(found, timed=len(text) > 10)
    if text.isdigit():
        raise DateError("no day" if len(text) == 4 else "a number that is not a date")
    # RFC 2822 as well (email.utils would read it too, but also takes "10:32 p.m." as 10:32).
    return _written(text)


def date_problem(raw: str) -> str | None:
    """Why ``raw`` is not a readable date, or None if it is one."""
    try:
        read_date(raw)
    except DateError as exc:
        return str(exc)
    return None


def _written(text: str) -> str:
    from dateutil import parser

    text = _MERIDIEM.sub(lambda m: m.group(1).upper() + "M", text)
    numeric = _NUMERIC.match(text)
    if numeric is not None:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            raise DateError("day and month could be either way round")
    readings = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                # An unknown zone name is dropped with a warning: the time stays local.
                warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
                readings.append(parser.parse(text, default=default, tzinfos=_ZONES))
        except (ValueError, OverflowError) as exc:  # ParserError is a ValueError
            raise DateError("not a date") from exc
    a, b = readings
    if a.year != b.year:
        raise DateError("no year")
    if (a.month, a.day) != (b.month, b.day):
        raise DateError("no day")
    return _iso(a, timed=(a.hour, a.minute) == (b.hour, b.minute))


def _iso(at: datetime, *, timed: bool) -> str:
    if not timed:
        return at.date().isoformat()
    return at.isoformat(timespec="seconds" if at.second else "minutes")


@lru_cache(maxsize=65536)
def moment(raw: str | None) -> datetime | None:
    """When ``raw`` (a stored date) was, as naive UTC, for ordering; None if undated or not
    readable. A date without a time is its midnight; a time without an offset is read as
    UTC (there is nothing better to read it as)."""
    if not raw:
        return None
    try:
        found = datetime.fromisoformat(raw.strip())
    except ValueError:
        try:
            found = datetime.fromisoformat(read_date(raw))
        except DateError:
            return None
    if found.tzinfo is not None:
        found = found.astimezone(UTC).replace(tzinfo=None)
    return found


def cannot_tell_apart(a: str | None, b: str | None) -> bool:
    """Whether the dates give no order between ``a`` and ``b``: the same moment, or a date
    without a time on the day of the other ("2024-03-08" may be after 09:00 that day). A
    timed date's day is its own zone's or UTC's (a bare date's zone is unknown). False
    where either is undated."""
    first, second = moment(a), moment(b)
    if first is None or second is None or a is None or b is None:
        return False
    if first == second:
        return True
    x, y = as_iso(a), as_iso(b)
    if len(x) > 10 and len(y) > 10:
        return False  # two moments, and they differ
    return bool(_days(x, first) & _days(y, second))


def as_iso(raw: str) -> str:
    """``raw`` as ISO 8601 where it reads as one day (``read_date``), else as given."""
    try:
        return read_date(raw)
    except DateError:
        return raw


def _days(iso: str, utc: datetime) -> set[str]:
    return {iso[:10], utc.date().isoformat()}
