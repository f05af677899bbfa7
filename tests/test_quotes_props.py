"""Properties of extraction on arbitrary text: it never raises and every span is honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.quotes import extract, find_marked
from provenance.tokens import tokenize

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
