"""Sentences: split a document text into sentence spans with exact character offsets.

Two libraries made for the job, each where it is best. blingfire (compiled, 0.02 ms a
sentence) proposes the boundaries. A boundary stands when nothing about it is in doubt: a
terminal mark after an ordinary word, a year or a free-standing period, no quotation left
open, a capital after it. The others, and any sentence with an inner "word. Capital" that
blingfire chose not to split, go to pysbd (0.25-0.4 ms a sentence, with its abbreviation
scan made cheap: _search_abbreviations), which knows abbreviations, titles and quoted
passages; this way it judges about 750 groups in 600 news documents of 6,500 paragraphs.
`python bench/sentences.py` (ECB+ gold boundaries, detokenised, URL lines left out):
P/R/F1 0.945/0.814/0.875 for this, 0.922/0.770/0.839 for pysbd alone, 0.976/0.819/0.891
for blingfire alone, at 0.07-0.14, 0.25-0.42 and 0.02-0.03 ms a sentence on news.
blingfire alone scores best there but ends sentences after a leading "Mr." and leaves
closing quotes at the start of the next sentence, both common in wire and newspaper copy
(tests/test_sentences.py).
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


# A sentence end blingfire may be trusted with: white space, a word, a terminal mark, then
# closing marks, matched on the reversed sentence. Forwards, r"(\s?)(\w*)[.!?][...]*\Z",
# the search tried every position and cost a quarter of the splitter's time; backwards the
# match is anchored, and as greedy as the leftmost forward match (the closers cannot hold
# a mark, the word stops at the first non-word character, then one optional space).
_END_REVERSED = re.compile(r"[\"”’'»)\]]*([.!?])(\w*)(\s?)")
_START = re.compile(r"(?:''|``|[\"“‘'«(\[])?[A-Z0-9]")
_YEARS_AND_COUNTS = re.compile(r"\d{2,}")
# Inside a sentence, a mark followed by a capital: a boundary blingfire chose not to make.
_INNER_END = re.compile(r"(\w*)[.!?][\"”’'»)\]]*\s+(?:''|``|[\"“‘'«(\[])?[A-Z0-9]")
# The same without the leading word: found by a fast scan for its first character, it
# tells the (rare) sentences that hold an inner end at all, and where the first starts.
_INNER_MARK = re.compile(r"[.!?][\"”’'»)\]]*\s+(?:''|``|[\"“‘'«(\[])?[A-Z0-9]")
_WORD = re.compile(r"\w*")
_INITIAL = re.compile(r"[A-Z]")
_BEFORE_INITIAL = re.compile(r"(?<![\w.])[A-Z][a-z]+ \Z")  # "James B." but not "the U.S."
_MONTHS = frozenset(
    ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)


# Letters outside ASCII that a case-blind regex takes for ASCII ones ("K", the Kelvin sign,
# for "k"): with one in the text, a case-blind match of "mr" need not lower to "mr".
_CASE_FOLDING = ("\u0130", "\u0131", "\u017f", "\u212a")


@lru_cache(maxsize=1)
def _english() -> Any:
    """pysbd's English, with the one slow step replaced by an equivalent (see
    _search_abbreviations). The replacement goes in through pysbd's own per-language hook
    (Processor asks the language for its AbbreviationReplacer), and only for the pysbd
    release it was checked against: any other gets pysbd's English as it is."""
    import pysbd
    from pysbd.lang.english import English

    if getattr(pysbd, "__version__", None) != "0.3.4":
        return English
    stock = English.AbbreviationReplacer

    def search(replacer: Any, text: str) -> str:
        return _search_abbreviations(replacer, text, stock.search_for_abbreviations_in_string)

    replacer = type(
        "AbbreviationReplacer", (stock,), {"search_for_abbreviations_in_string": search}
    )
    return type("English", (English,), {"AbbreviationReplacer": replacer})


@lru_cache(maxsize=1)
def _abbreviation_patterns() -> tuple[tuple[str, re.Pattern[str], bool], ...]:
    from pysbd.lang.english import English

    # pysbd's own pattern, name unescaped ("e.g" matches "e∯g"), compiled once: pysbd
    # builds it per call with re.findall, and with its per-match patterns that is
    # thousands of distinct patterns, more than the re module's cache of 512 holds.
    return tuple(
        (
            name,
            re.compile(rf"(?:^|\s|\r|\n){name}", re.IGNORECASE),
            name.isascii() and name.isalpha(),
        )
        for name in (a.strip() for a in English.Abbreviation.ABBREVIATIONS)
    )


def _search_abbreviations(replacer: Any, text: str, stock: Any) -> str:
    """pysbd 0.3.4's AbbreviationReplacer.search_for_abbreviations_in_string, same result,
    without the steps that cannot change it. It was half of pysbd's time here.

    pysbd finds each abbreviation at a word start, case-blind, and for every occurrence
    runs a substitution (a regex compiled for that spelling) turning the period right after
    that spelling into "∯". A substitution can only change the text where that spelling
    stands before a period, so it is skipped where none does, and an abbreviation is not
    even looked up where its name never precedes a period (sound for ASCII names when no
    letter folds onto ASCII: a case-blind match then lowers to the name, and periods are
    only ever removed). pysbd would spare an occurrence followed by a capital, but the
    next-word lookup it makes for that, r"(?<={abbr} ).", looks for a literal "{abbr} "
    (the braces are no quantifier), so it finds no next word and never spares one unless
    the text has a "{": then, as for a folding letter, pysbd's own method runs."""
    if "{" in text or any(c in text for c in _CASE_FOLDING):
        return str(stock(replacer, text))
    lowered = text.lower()
    for name, pattern, ascii_letters in _abbreviation_patterns():
        if name not in lowered or (ascii_letters and name + "." not in lowered):
            continue
        for i, found in enumerate(pattern.findall(text)):
            # The substitution's pattern is r"(?<=\s{spelling})\.(?=...)", the spelling
            # escaped, or left as it is for a title or number abbreviation (plain words).
            if found.strip() + "." in text:
                text = replacer.scan_for_replacements(text, found, i, [])
    return text


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
    from pysbd.processor import Processor

    return list(Processor(chunk, _english()).process())


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
        # One sentence between two trusted boundaries stands as blingfire has it if it
        # is clean: balanced, starting with a capital (unless it opens the paragraph),
        # no inner end blingfire may have missed ("... their stock. 37% ...").
        if (group_start == i and balanced and _plain(group, first)) or (
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


def _end(sentence: str) -> tuple[str, str, str] | None:
    """The space (or ""), word (or "") and terminal mark that end ``sentence``, if one does."""
    end = _END_REVERSED.match(sentence[::-1])
    if end is None:
        return None
    return end.group(3), end.group(2)[::-1], end.group(1)


def _ends_in_title(sentence: str) -> bool:
    end = _end(sentence)
    return end is not None and sentence.endswith(".") and end[1].lower() in _titles()


def _trusted_end(sentence: str) -> bool:
    """Whether a sentence blingfire ended here surely ends here."""
    end = _end(sentence)
    if end is None:
        return False
    space, word, mark = end
    if mark != "." or (space and not word):
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


def _plain(sentence: str, first: bool = False) -> bool:
    """Starts with a capital and has no inner "word. Capital" that might end a sentence.
    Not one: a title's period ("Mr. Fox", "Sen. Graham": pysbd never ends a sentence after
    a prepositive abbreviation followed by white space), a middle initial ("James B.
    Comey") or an abbreviated month before its day ("Sept. 11")."""
    if not first and _START.match(sentence) is None:
        return False
    first_mark = _INNER_MARK.search(sentence)
    if first_mark is None:
        return True
    # The first inner end starts with the word before its mark: scanning from there finds
    # what scanning from the start would, without trying every position before it.
    at = first_mark.start()
    before = _WORD.match(sentence[:at][::-1])
    if before is not None:  # r"\w*" always matches
        at -= before.end()
    titles = _titles()
    for m in _INNER_END.finditer(sentence, at):
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
        if j > i and _open_quote(text[start:end]):
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
