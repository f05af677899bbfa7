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

# One sentence longer than this is cut into pieces of this size at white space: pysbd's
# regexes get slow on giant unpunctuated runs, and the encoder reads far less anyway.
MAX_SENTENCE_CHARS = 5000
# A quotation is merged over at most this many sentences; past that an unbalanced mark
# is more likely a typo than a long quote.
MAX_QUOTE_SENTENCES = 6

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LETTER = re.compile(r"\w")
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
        for sentence in _segmenter().segment(chunk):
            body = sentence.strip()
            if not body:
                continue
            found = chunk.find(body, cursor)
            if found < 0:
                # pysbd changed the text (it should not with clean=False): keep the rest
                # of the chunk as one sentence rather than inventing offsets.
                rest = chunk[cursor:]
                lead = len(rest) - len(rest.lstrip())
                pieces.append((chunk_start + cursor + lead, chunk_start + len(chunk.rstrip())))
                break
            pieces.append((chunk_start + found, chunk_start + found + len(body)))
            cursor = found + len(body)
    return [(start + a, start + b) for a, b in pieces if _LETTER.search(paragraph[a:b])]


def _chunks(flat: str) -> list[tuple[int, int]]:
    """Cut a paragraph with an enormous unpunctuated run into pieces pysbd can handle."""
    if len(flat) <= MAX_SENTENCE_CHARS:
        return [(0, len(flat))]
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(flat):
        end = min(start + MAX_SENTENCE_CHARS, len(flat))
        if end < len(flat):
            # Prefer a sentence end, then a space, inside the window; else a hard cut.
            window = flat[start:end]
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            if cut < MAX_SENTENCE_CHARS // 2:
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
