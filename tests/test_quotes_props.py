"""Properties of extraction on arbitrary text: it never raises and every span is honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.attribution import _SUBJECT_READ, _first_subject, _long_subject, subject
from provenance.quotes import extract, find_marked
from provenance.tokens import blank, last_char, rstrip_end, tokenize

_MARKS = "“”\"'‘’«»„‹›"
_WORDS = [
    "said", "told", "warned that", "according to", "He", "she", "Voronkov", "Vladimir",
    "UN chief", "the", "Reuters", "(AP)", "AFP", "reported", "WASHINGTON", "By", "—", ",",
    ".", ":", "\n", "\n\n", " ", "ISIL-K’s", "don't", "’90s", "''", "Mr.", "that", "Ministry of",
]  # fmt: skip

# Quote marks, apostrophes and the words attribution rules look for, densely mixed.
quote_heavy = st.text(alphabet=st.sampled_from(list(_MARKS + " \n.,:;—-aAbZ1")), max_size=200)
wordy = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from(list(_MARKS)), st.text(max_size=6)),
    max_size=60,
).map(" ".join)
anything = st.one_of(st.text(max_size=300), quote_heavy, wordy)


def _check(text: str) -> None:
    quotes, credits = extract(text)
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.text
        if q.speaker_start is not None or q.speaker_end is not None:
            assert q.speaker_start is not None and q.speaker_end is not None
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    for c in credits:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.source


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_extract_never_raises_and_spans_match(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(quote_heavy)
def test_marked_quotes_lie_inside_the_text(text: str) -> None:
    for q in find_marked(text):
        assert 0 <= q.open < q.start <= q.end <= len(text)
        assert q.close == -1 or q.end <= q.close < len(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40), st.sampled_from(_MARKS))
def test_wrapping_in_marks_never_breaks(words: list[str], mark: str) -> None:
    body = " ".join(words)
    _check(f"{mark}{body}{mark} he said.")
    _check(f"Smith said: {mark}{body}")


# Long enough to take the tokeniser's index path; dots and joiners where cuts hurt most.
long_text = st.lists(
    st.one_of(st.sampled_from([*_WORDS, "U.S.", "Gov.", "J.R.R.", "al-Qaida", "e.g."]),
              st.text(max_size=8)),
    min_size=5, max_size=80,
).map(lambda ws: "Gov. J. Smith of the U.S. said ISIL-K’s men. " * 6 + " ".join(ws))


@settings(max_examples=200, deadline=None)
@given(long_text, st.data())
def test_tokens_of_a_stretch_are_those_of_the_stretch_alone(text: str, data: st.DataObject) -> None:
    # Long texts are tokenised once and sliced; words cut by either end must come out cut.
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    sliced = [(t.text, t.start, t.end) for t in tokenize(text, lo, hi)]
    alone = [(t.text, t.start + lo, t.end + lo) for t in tokenize(text[lo:hi])]
    assert sliced == alone


# Stretches ending in spaces and commas, some longer than what rstrip_end reads at a time.
spacey = st.lists(st.sampled_from([" ", " " * 70, ",", "\n", "\u00a0", "a", "“", "x y"])).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(spacey, st.integers(0, 400), st.integers(0, 400), st.sampled_from([None, " ,", " "]))
def test_reading_a_stretch_agrees_with_slicing_it(
    text: str, lo: int, hi: int, chars: str | None
) -> None:
    assert blank(text, lo, hi) == (not text[lo:hi].strip())
    assert text[lo : rstrip_end(text, lo, hi, chars)] == text[lo:hi].rstrip(chars)
    assert last_char(text, lo, hi, chars) == text[lo:hi].rstrip(chars)[-1:]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=_SUBJECT_READ + 20, max_size=250), st.data())
def test_a_long_stretch_has_one_subject_wherever_it_ends(
    words: list[str], data: st.DataObject
) -> None:
    # subject works out a stretch of more than _SUBJECT_READ words once for all its ends:
    # they must all give that answer.
    text = " ".join(words)
    toks = tokenize(text)
    if len(toks) <= _SUBJECT_READ:
        return
    end = data.draw(st.integers(toks[_SUBJECT_READ].start + 1, len(text)))
    assert _first_subject(text, 0, end, tokenize(text, 0, end)) == _long_subject(text, 0)
    assert subject(text, 0, end) == _long_subject(text, 0)
