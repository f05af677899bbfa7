"""Property tests: readers and the sentence splitter never fail on any input.

Whatever the bytes of a file, ``iter_articles`` yields articles or ``ReadError`` items and
never raises; whatever the text, ``split_sentences`` returns spans that index it exactly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.errors import ReadError
from provenance.models import Article
from provenance.readers import iter_articles
from provenance.sentences import split_sentences

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ""]

# Pieces that steer random input into the parsers' interesting corners: front matter,
# markup, JSON, quotes, abbreviations, odd white space and encodings.
FRAGMENTS = [
    "---\n", "title: x\n", "date: 2024-13-45\n", "url: http://[::1\n", ": [\n", "- a\n",
    "<html>", "<body>", "<article>", "<p>", "</p>", "<script>", "<!--", "]]>", "&amp;", "&#0;",
    "# ", "**", "[a](https://x.org/a)", "> ", "```\n", "    code\n",
    '{"text": "', '"}', '{"text": 1}', "[", "]", "{", "}", "\\u0000", "\\ud800", "null",
    "“", "”", "«", "»", "„", '"', "'", "U.S.", "Mr.", "Dr.", "e.g.", "...", "?!", ". ",
    "said", "according to", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\ufeff", "\x00",
    "é", "ß", "中文", "🙂", "\u0301", "A", "a", " ", "1", ".",
]  # fmt: skip

text_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=60).map("".join)
byte_like = st.one_of(
    st.binary(max_size=3000),
    text_like.map(lambda t: t.encode("utf-8", "surrogatepass")),
    text_like.map(lambda t: t.encode("latin-1", "replace")),
    text_like.map(lambda t: t.encode("utf-16")),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=byte_like, suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_articles([path, Path(folder)]))
    assert items
    for item in items:
        assert isinstance(item, Article | ReadError)
        if isinstance(item, ReadError):
            assert str(path) in item.source and "\n" not in str(item)
        else:
            assert item.text.strip()
            item.text.encode("utf-8")  # storable: no lone surrogates


@settings(max_examples=200, deadline=None)
@given(text=text_like | st.text(max_size=400))
def test_sentence_spans_index_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.start >= previous_end  # in order, never overlapping
        previous_end = s.end


@settings(max_examples=10, deadline=None)
@given(run=st.sampled_from(["a", "word ", "x. ", "“q ", "\n"]), size=st.integers(6000, 20000))
def test_long_runs_are_cut_into_bounded_spans(run: str, size: int) -> None:
    from provenance.sentences import MAX_SENTENCE_CHARS

    text = (run * (size // len(run) + 1))[:size]
    spans = split_sentences(text)
    for s in spans:
        assert text[s.start : s.end] == s.text
        if not any(q in s.text for q in '“"'):
            assert len(s.text) <= MAX_SENTENCE_CHARS
