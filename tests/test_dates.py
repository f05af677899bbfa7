"""Publication dates: read in the forms news feeds give them, ordered on one clock."""

from __future__ import annotations

import pytest

from provenance.dates import cannot_tell_apart, date_problem, moment, read_date
from provenance.errors import DateError


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-03-08", "2024-03-08"),
        ("2024-03-08T01:00:00+05:00", "2024-03-08T01:00+05:00"),
        ("2024-03-07T22:00:00Z", "2024-03-07T22:00+00:00"),
        ("2024-03-08 10:00:30", "2024-03-08T10:00:30"),
        ("20240308", "2024-03-08"),
        # RSS pubDate (RFC 2822)
        ("Thu, 07 Mar 2024 10:00:00 GMT", "2024-03-07T10:00+00:00"),
        ("Thu, 07 Mar 2024 10:00:00 +0100", "2024-03-07T10:00+01:00"),
        # written dates, with the zone names and labels pages print
        ("March 9, 2024", "2024-03-09"),
        ("Friday, 8 March 2024", "2024-03-08"),
        ("9 Mar 2024 10:32 p.m. EDT", "2024-03-09T22:32-04:00"),
        ("Mar. 9, 2024, 10:32 AM ET", "2024-03-09T10:32-05:00"),
        ("Updated 3:45 PM EST, Fri March 8, 2024", "2024-03-08T15:45-05:00"),
        ("13/04/2024", "2024-04-13"),
        # Unix time, seconds or milliseconds
        ("1709892000", "2024-03-08T10:00+00:00"),
        ("1709892000123", "2024-03-08T10:00+00:00"),
    ],
)
def test_reads_the_forms_feeds_and_pages_give(raw: str, iso: str) -> None:
    assert read_date(raw) == iso


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("March 9", "no year"),
        ("March 2024", "no day"),
        ("2024", "no day"),
        ("03/04/2024", "day and month could be either way round"),
        ("yesterday", "not a date"),
        ("12345", "a number that is not a date"),
        ("  ", "empty"),
    ],
)
def test_says_why_a_date_is_not_one_day(raw: str, why: str) -> None:
    with pytest.raises(DateError, match=why):
        read_date(raw)
    assert date_problem(raw) == why
    assert moment(raw) is None


def _earlier(a: str, b: str) -> bool:
    first, second = moment(a), moment(b)
    assert first is not None and second is not None
    return first < second


def test_moments_compare_on_one_clock() -> None:
    # As strings these sort the other way round: an offset or a written month misleads.
    assert _earlier("2024-03-08T01:00+05:00", "2024-03-07T22:00+00:00")
    # A raw value kept by an older store is read the same way.
    assert _earlier("Thu, 07 Mar 2024 10:00:00 GMT", "March 8, 2024")
    assert moment(None) is None and moment("") is None


@pytest.mark.parametrize(
    ("a", "b", "tied"),
    [
        ("2024-03-08", "2024-03-08T09:00+00:00", True),  # the date alone may be later
        ("2024-03-08", "March 8, 2024", True),
        ("2024-03-08T01:00+05:00", "2024-03-07T20:00+00:00", True),  # one moment
        ("2024-03-08T10:00+00:00", "2024-03-08T09:00+00:00", False),
        ("2024-03-08", "2024-03-09T09:00+00:00", False),
        ("2024-03-07", "2024-03-08T01:00+05:00", True),  # 7 March in UTC
        ("2024-03-07", "2024-03-08", False),  # two days: the earlier is first
        ("2024-03-08", None, False),
    ],
)
def test_dates_that_give_no_order(a: str, b: str | None, tied: bool) -> None:
    assert cannot_tell_apart(a, b) is tied
