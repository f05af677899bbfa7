"""Sentences: split a document text into sentence spans with exact character offsets.

Two libraries made for the job, each where it is best. blingfire (compiled, 0.02 ms a
sentence) proposes the boundaries. A boundary stands when nothing about it is in doubt: a
terminal mark after an ordinary word, a year or a free-standing period, no quotation left
open, a capital after it. The others, and any sentence with an inner "word. Capital" that
blingfire chose not to split, go to pysbd (0.6 ms a sentence), which knows abbreviations,
titles and quoted passages. pysbd alone would cost a quarter of the encoder's time per
sentence; this way it judges about 760 groups in 600 news documents of 6,300 paragraphs.
`python bench/sentences.py` (ECB+ gold boundaries, detokenised, URL lines left out):
P/R/F1 0.945/0.814/0.875 for this, 0.922/0.770/0.839 for pysbd alone, 0.976/0.819/0.891
for blingfire alone, at 0.12-0.15, 0.65 and 0.02 ms a sentence on news. blingfire alone scores
best there but ends sentences after a leading "Mr." and leaves closing quotes at the start
of the next sentence, both common in wire and newspaper copy (tests/test_sentences.py).
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
# A paragraph is split in windows of at most this many characters, ended at a sentence
# end where one is near: pysbd's regexes get slow on giant unpunctuated runs.
_PYSBD_WINDOW = 5000
# A quotation is merged over at most this many sentences and this many characters; past
# that an unbalanced mark is more likely a typo than a long quote.
MAX_QUOTE_SENTENCES = 6
MAX_QUOTE_CHARS = 2000

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LETTER = re.compile(r"\w")
_NO_SPACE = re.compile(r"\S+")
_OPENERS = {"“": "”", "«": "»", "„": "“"}


# A sentence end blingfire may be trusted with: terminal marks, then closing marks.
_END = re.compile(r"(\s?)(\w*)[.!?][\"”’'»)\]]*\Z")
_START = re.compile(r"(?:''|``|[\"“‘'«(\[])?[A-Z0-9]")
_YEARS_AND_COUNTS = re.compile(r"\d{2,}")
# Inside a sentence, a mark followed by a capital: a boundary blingfire chose not to make.
_INNER_END = re.compile(r"(\w*)[.!?][\"”’'»)\]]*\s+(?:''|``|[\"“‘'«(\[])?[A-Z0-9]")
_INITIAL = re.compile(r"[A-Z]")
_BEFORE_INITIAL = re.compile(r"(?<![\w.])[A-Z][a-z]+ \Z")  # "James B." but not "the U.S."
_MONTHS = frozenset(
    ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    abbr = English.Abbreviation
    return frozenset(
        a.strip().lower()
        for a in (*abbr.ABBREVIATIONS, *abbr.PREPOSITIVE_ABBREVIATIONS, *abbr.NUMBER_ABBREVIATIONS)
    )


def _pysbd(chunk: str) -> list[str]:
    # The processor's sentences are pysbd's own answer; Segmenter.segment would then look
    # each one up again with a fresh regex over the whole chunk (a third of pysbd's time,
    # and quadratic), to recover offsets that _split_paragraph finds with str.find anyway.
    return list(_segmenter().processor(chunk).process())


def _sentences(chunk: str) -> list[str]:
    """Sentences of ``chunk``: blingfire's boundaries where none is in doubt, pysbd's
    between the others."""
    import blingfire

    found: list[tuple[int, int]] = []
    cursor = 0
    for sentence in blingfire.text_to_sentences(chunk).split("\n"):
        body = sentence.strip()
        if not body:
            continue
        at = chunk.find(body, cursor)
        if at < 0:
            return _pysbd(chunk)  # blingfire changed the text: no offsets to trust
        found.append((at, at + len(body)))
        cursor = at + len(body)
    if not found or chunk[cursor:].strip():
        return _pysbd(chunk)  # blingfire gave up (it returns "" on error) or dropped text
    out: list[str] = []
    group_start = 0  # index into found of the group's first sentence
    # Whether every boundary inside the group is in doubt only because a quotation is
    # open, or because the sentence ends in a title ("Mr." starting a sentence: blingfire
    # splits there, pysbd never does), and each piece is plain: then the group is one
    # sentence, as pysbd would have it, without asking pysbd.
    joinable, quoted = True, False
    for i, (a, b) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        group = chunk[found[group_start][0] : b]
        piece = chunk[a:b]
        # A capital is asked of a sentence only after a boundary blingfire made; the first
        # of a paragraph may start as it likes ("— An NYPD sketch artist ...", "iPhone").
        first = group_start == 0
        starts = nxt is None or _START.match(chunk, nxt[0]) is not None
        sure = starts and _trusted_end(piece)
        balanced = _balanced(group)
        if nxt is not None and not (sure and balanced):
            quoted = quoted or not balanced
            joinable = (
                joinable
                and _plain(piece, i == 0)
                and (sure or (starts and _ends_in_title(piece)))
            )
            continue  # the boundary after this sentence is in doubt: keep the group open
        if (group_start == i and _clean(group, first)) or (
            joinable
            and _plain(piece, i == 0)
            and balanced  # a quotation never closed is a stray mark: pysbd decides
            and (quoted or _plain(group, first))
            and i - group_start < MAX_QUOTE_SENTENCES
            and len(group) <= MAX_QUOTE_CHARS
        ):
            out.append(group)
        else:
            out.extend(_pysbd(group))
        group_start = i + 1
        joinable, quoted = True, False
    return out


def _ends_in_title(sentence: str) -> bool:
    end = _END.search(sentence)
    return end is not None and end.group(0).endswith(".") and end.group(2).lower() in _titles()


def _trusted_end(sentence: str) -> bool:
    """Whether a sentence blingfire ended here surely ends here."""
    end = _END.search(sentence)
    if end is None:
        return False
    space, word = end.group(1), end.group(2)
    if sentence[end.end(2)] != "." or (space and not word):
        return True  # "?", "!", or a period standing apart (tokenised text: "Athens .")
    if word.isalpha():
        return len(word) > 1 and word.lower() not in _abbreviations()  # "Mr.", "J."
    # "in 2014." ends a sentence; a list's "3." or "10." does not (pysbd joins the item).
    return _YEARS_AND_COUNTS.fullmatch(word) is not None and " " in sentence.strip()


def _balanced(text: str) -> bool:
    """No quotation left open: one that is goes on in the next sentence, and pysbd, given
    the whole of it, keeps a quoted passage together."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    if text.count("«") != text.count("»"):
        return False
    # Typewriter doubles: ''...'' (newspaper archives) or ``...'' (tokenised corpora).
    openers, closers = text.count("``"), text.count("''")
    return openers == closers if openers else closers % 2 == 0


def _clean(sentence: str, first: bool = False) -> bool:
    """Whether one sentence, between two trusted boundaries, may stand as blingfire has it:
    it starts with a capital (unless it opens the paragraph), leaves no quotation open,
    and has no inner sentence end blingfire may have missed ("... their stock. 37% ...")."""
    return _balanced(sentence) and _plain(sentence, first)


def _plain(sentence: str, first: bool = False) -> bool:
    """Starts with a capital and has no inner "word. Capital" that might end a sentence.
    Not one: a title's period ("Mr. Fox", "Sen. Graham": pysbd never ends a sentence after
    a prepositive abbreviation followed by white space), a middle initial ("James B.
    Comey") or an abbreviated month before its day ("Sept. 11")."""
    if not first and _START.match(sentence) is None:
        return False
    titles = _titles()
    for m in _INNER_END.finditer(sentence):
        word = m.group(1)
        if word.lower() in titles:
            continue
        if _INITIAL.fullmatch(word) and _BEFORE_INITIAL.search(sentence, 0, m.start(1)):
            continue
        if word in _MONTHS and sentence[m.end() - 1].isdigit():
            continue
        return False
    return True


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS)


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
        sentences = [chunk] if _NO_SPACE.fullmatch(chunk) else _sentences(chunk)
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
