"""Sentences: split a document text into sentence spans with exact character offsets.

pysbd does the sentence boundary work (abbreviations such as "U.S." and "Mr." included).
Around it: paragraphs are split first (cheaper and safer than one huge input), wrapped
lines are treated as spaces, and a quotation that runs over a sentence boundary is kept
in one span, because a quote is one statement however many sentences it has.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from provenance.models import Span

# One sentence longer than this is cut into pieces of at most this size at white space.
# The model reads 256 word pieces (about 1,000-1,300 characters of English), so a longer
# piece would lose its tail unseen, and the clusterer's fuzzy alignment grows with the
# square of the length. Real news sentences stay under it (the longest of the 7,553 in
# BASIL has 922 characters), so only dumps and run-on junk are cut.
MAX_SENTENCE_CHARS = 1000
# A paragraph goes to pysbd in windows of at most this many characters, ended at a
# sentence end where one is near: pysbd's regexes get slow on giant unpunctuated runs.
_PYSBD_WINDOW = 5000
# A quotation is merged over at most this many sentences and this many characters; past
# that an unbalanced mark is more likely a typo than a long quote.
MAX_QUOTE_SENTENCES = 6
MAX_QUOTE_CHARS = 2000

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LETTER = re.compile(r"\w")
_NO_SPACE = re.compile(r"\S+")
_OPENERS = {"“": "”", "«": "»", "„": "“"}


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``; ``text[s.start:s.end] == s.text`` for every span."""
    spans: list[Span] = []
    for para_start, para_end in _paragraphs(text):
        pieces = _split_paragraph(text, para_start, para_end)
        spans.extend(_merge_quotes(text, pieces))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    paragraph = text[start:end]
    # Same length, so offsets survive: a single newline is a wrapped line, and pysbd
    # would otherwise end a sentence at every line end.
    flat = paragraph.replace("\n", " ").replace("\r", " ")
    pieces: list[tuple[int, int]] = []
    for chunk_start, chunk_end in _chunks(flat):
        chunk = flat[chunk_start:chunk_end]
        cursor = 0
        # A chunk without white space is a blob (base64, a minified script), not prose:
        # pysbd would only spend milliseconds per chunk on it, thousands of times over.
        sentences = [chunk] if _NO_SPACE.fullmatch(chunk) else _segmenter().segment(chunk)
        for sentence in sentences:
            body = sentence.strip()
            if not body:
                continue
            found = chunk.find(body, cursor)
            if found < 0:
                # pysbd changed the text (it should not with clean=False): keep the rest
                # of the chunk as one sentence rather than inventing offsets.
                rest = chunk[cursor:]
                lead = len(rest) - len(rest.lstrip())
                end_of_rest = chunk_start + len(chunk.rstrip())
                pieces.extend(_cut(flat, chunk_start + cursor + lead, end_of_rest))
                break
            pieces.extend(_cut(flat, chunk_start + found, chunk_start + found + len(body)))
            cursor = found + len(body)
    return [(start + a, start + b) for a, b in pieces if _LETTER.search(paragraph[a:b])]


def _cut(flat: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``flat[start:end]`` (stripped) in pieces of at most MAX_SENTENCE_CHARS:
    cut at the last space in the second half of each window, else hard."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = flat.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit + 1)
        if cut <= start:
            cut = limit
        out.append((start, start + len(flat[start:cut].rstrip())))
        start = cut
        while start < end and flat[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))
    return out


def _chunks(flat: str) -> list[tuple[int, int]]:
    """Cut a paragraph with an enormous unpunctuated run into pieces pysbd can handle."""
    if len(flat) <= _PYSBD_WINDOW:
        return [(0, len(flat))]
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(flat):
        end = min(start + _PYSBD_WINDOW, len(flat))
        if end < len(flat):
            # Prefer a sentence end, then a space, inside the window; else a hard cut.
            window = flat[start:end]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            if cut < _PYSBD_WINDOW // 2:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut + 1
        out.append((start, end))
        start = end
    return out


def _merge_quotes(text: str, pieces: list[tuple[int, int]]) -> list[Span]:
    spans: list[Span] = []
    i = 0
    while i < len(pieces):
        start, end = pieces[i]
        j = i
        while (
            _open_quote(text[start:end])
            and j + 1 < len(pieces)
            and j + 1 - i < MAX_QUOTE_SENTENCES
            and pieces[j + 1][1] - start <= MAX_QUOTE_CHARS
        ):
            j += 1
            end = pieces[j][1]
        if _open_quote(text[start:end]) and j > i:
            # Never closed: a stray mark, not a long quote. Keep the sentences apart.
            j = i
            end = pieces[i][1]
        spans.append(Span(start=start, end=end, text=text[start:end]))
        i = j + 1
    return spans


def _open_quote(sentence: str) -> bool:
    """Whether a quotation opened in ``sentence`` is still open at its end."""
    for opener, closer in _OPENERS.items():
        if opener == closer:
            continue
        if sentence.count(opener) > sentence.count(closer) and opener != "„":
            return True
    return sentence.count('"') % 2 == 1
