"""Readers: files on disk to ``Article`` records (plain text, Markdown, HTML, JSONL).

A reader's ``Article.text`` is the text every later offset indexes. Markdown loses its
syntax (headings, emphasis, link targets) and its front matter; HTML goes through
trafilatura for the main text and metadata.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import ValidationError

from provenance.dates import as_iso
from provenance.errors import ReadError
from provenance.models import Article, JsonlArticle

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ""}
SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES

# One article (a file, or one JSONL line) larger than this is refused without being read:
# real articles are tens of kilobytes, and splitting, quote extraction and embedding cost
# minutes per 10 MB, so a bigger one is a dump or a mistake. JSONL files are streamed line
# by line, so a JSONL file of any size is read.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
# A JSONL file whose first lines are all invalid is not JSONL: stop rather than print one
# error per line of a large file.
_JSONL_GIVE_UP = 50
# Bytes looked at to tell text from binary: NULs, or control characters past this share.
_SNIFF = 8192
_CONTROL_SHARE = 0.01
# Extracted HTML with fewer words than this is page furniture ("Home | World"), not an
# article: trafilatura falls back to navigation text when a page has no article.
_MIN_HTML_WORDS = 5
_WORDS = re.compile(r"\w+")
# Past this many tags trafilatura runs without its fallback extractors: jusText's
# paragraph revision is quadratic in the number of blocks (30 s for 20,000 tags).
_MAX_FALLBACK_TAGS = 10_000
_SURROGATES = re.compile("[\ud800-\udfff]")

# Front-matter keys, most specific first.
_OUTLET_KEYS = ("outlet", "publisher", "source", "site_name", "sitename", "site")
_URL_KEYS = ("url", "link", "canonical_url", "canonical", "source_url", "permalink")
_DATE_KEYS = ("published", "date", "pubdate", "published_at", "datePublished")

_BLANKISH_LINE = re.compile(r"^[^\S\n]+$", re.MULTILINE)  # NBSP-only lines are blank lines
# Markers that make a .txt file Markdown rather than prose.
_MARKDOWN_HINTS = re.compile(
    r"^(?:#{1,6}\s|-{3,}\s*$|={3,}\s*$)|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\(https?://", re.MULTILINE
)


def document_id(article: Article) -> str:
    """Stable id from content: the same article read twice gets the same id.

    The URL and outlet take part so that one wire text printed by two outlets stays two
    documents (syndication is a fact to record, not to erase).
    """
    key = "\0".join((article.text.strip(), article.url or "", article.outlet or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without ``www.``; None where there is no usable host."""
    if not url:
        return None
    try:
        host = urlparse(url).hostname
    except ValueError:  # "http://[::1" and other malformed authorities
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def iter_files(
    paths: Iterable[Path], passed_over: Callable[[Path], None] | None = None
) -> Iterator[Path | ReadError]:
    """Every readable file under ``paths`` in a stable order; missing paths as errors.
    Files of other types inside a folder go to ``passed_over``."""
    for path in paths:
        try:
            if path.is_dir():
                # Files of other types in a folder (images, PDFs) are not errors: a folder
                # is a selection by location, not a list of articles. But they are named
                # to the caller, so that nobody believes a PDF was read.
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if any(part.startswith(".") for part in child.relative_to(path).parts):
                        continue  # hidden files and folders (.git, .provenance) are not articles
                    if child.suffix.lower() in SUFFIXES:
                        yield child
                    elif passed_over is not None:
                        passed_over(child)
            elif path.is_file():
                yield path
            elif path.exists():
                yield ReadError(source_name(path), "not a regular file")
            else:
                yield ReadError(source_name(path), "no such file or directory")
        except OSError as exc:  # an unreadable folder, a name too long for the system
            yield ReadError(source_name(path), f"cannot read: {exc.strerror or exc}")


def count_documents(paths: Iterable[Path]) -> int:
    """How many documents ``paths`` hold, for a progress bar's total: one a file, one a
    non-blank line of a JSONL file. An estimate, cheap next to reading: nothing is parsed,
    and a file that will fail to read still counts (its error is reported as one item)."""
    total = 0
    for item in iter_files(paths):
        if isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES:
            try:
                with item.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def source_name(path: Path) -> str:
    """The path as text that can be printed and stored: a name that is not valid UTF-8
    keeps its odd bytes as backslash escapes instead of failing later in SQLite or print."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def iter_articles(
    paths: Iterable[Path], passed_over: Callable[[Path], None] | None = None
) -> Iterator[Article | ReadError]:
    """Articles from files and folders; each problem comes back as a ``ReadError`` item
    so that one bad file never stops the others. Files of types that are not read, inside
    a folder, go to ``passed_over``."""
    for item in iter_files(paths, passed_over):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield from _read_file(item)
        except ReadError as err:
            yield err
        except Exception as exc:
            # Last line of defence: a parser bug on one file must not stop the other files.
            detail = " ".join(str(exc).split())[:200]
            yield ReadError(
                source_name(item), f"could not be read ({type(exc).__name__}: {detail})"
            )


def read_path(path: Path) -> list[Article]:
    """All articles of one file; raises the first ``ReadError``."""
    articles: list[Article] = []
    for item in iter_articles([path]):
        if isinstance(item, ReadError):
            raise item
        articles.append(item)
    return articles


def decode(raw: bytes, source: str) -> str:
    """Bytes to text: UTF-8 when it is, else the encoding charset-normalizer detects."""
    if not raw.strip():
        raise ReadError(source, "empty file")
    if b"\0" in raw[:_SNIFF] and not raw.startswith(_UTF16_BOMS):
        raise ReadError(source, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise ReadError(source, "not text in any encoding that could be detected") from None
        text = str(best)
    if _looks_binary(text):
        raise ReadError(source, "binary file, not text")
    return text


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_binary(text: str) -> bool:
    """Control characters in bulk: a PDF, an archive or an image that happened to decode."""
    head = text[:_SNIFF]
    control = sum(1 for c in head if c not in "\t\n\r\f\v" and unicodedata.category(c) == "Cc")
    return control > _CONTROL_SHARE * max(len(head), 1)


def clean(text: str) -> str:
    """Text that SQLite and the encoder accept: lone surrogates (from a JSON escape such as
    "\\ud800", or a name that is not UTF-8) become U+FFFD, the replacement character."""
    return _SURROGATES.sub("\ufffd", text)


def _read_file(path: Path) -> Iterator[Article | ReadError]:
    source = source_name(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, source)
            return
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ReadError(
                source,
                f"{_megabytes(size)} is over the {_megabytes(MAX_ARTICLE_BYTES)} limit for one "
                "article; split it, or give it as JSONL (read line by line)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(source, f"cannot read: {exc.strerror or exc}") from exc
    text = decode(raw, source)
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _looks_like_html(text)):
        yield _read_html(text, source)
    elif (
        suffix in MARKDOWN_SUFFIXES
        or text.lstrip().startswith("---")
        or _MARKDOWN_HINTS.search(text)
    ):
        yield _read_markdown(text, source)
    else:
        yield _article(text.strip("\ufeff"), source, {})


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _article(text: str, source: str, meta: dict[str, Any]) -> Article:
    text = clean(text)
    body = text.strip()
    if not body:
        raise ReadError(source, "no article text")
    url = _first(meta, _URL_KEYS)
    outlet = _first(meta, _OUTLET_KEYS) or outlet_from_url(url)
    tags: list[str] = []
    for key in ("categories", "tags"):
        value = meta.get(key)
        if isinstance(value, str):
            tags.append(value)
        elif isinstance(value, list):
            tags.extend(str(v) for v in value if v)
    # ISO 8601 where the date can be read; else as given (the ingest warns about it, and
    # orders the document with the undated ones).
    date = _first(meta, _DATE_KEYS)
    return Article(
        text=text,
        source=source,
        url=url,
        outlet=outlet,
        title=_first(meta, ("title", "headline")),
        published=None if date is None else as_iso(date),
        tags=tuple(dict.fromkeys(tags)),
        external_id=_first(meta, ("id",)),
    )


def _first(meta: dict[str, Any], keys: Iterable[str]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, bool):
            continue  # "url: yes" in YAML is a boolean, not a value to keep
        if isinstance(value, str | int | float):
            try:
                text = clean(str(value)).strip()
            except ValueError:  # an integer too long to print (Python's digit limit)
                continue
            if text:
                return text
    return None


# --- Markdown ---------------------------------------------------------------------------


def _read_markdown(text: str, source: str) -> Article:
    import frontmatter
    import yaml

    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReadError(source, f"broken YAML front matter{where}: {problem}") from exc
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        # Well-formed YAML whose values do not construct: "date: 2024-13-45".
        raise ReadError(source, f"broken YAML front matter: {exc}") from exc
    meta = dict(post.metadata) if isinstance(post.metadata, dict) else {}
    # The front-matter summary repeats the body: it is deliberately not read.
    body, link = markdown_to_text(post.content)
    if link and not _first(meta, _URL_KEYS):
        meta["url"] = link
    return _article(body, source, meta)


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text of Markdown paragraphs (no headings, no syntax) and the URL of a trailing
    paragraph that is only a link (how scraped articles name their source)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(_BLANKISH_LINE.sub("", markdown))
    paragraphs: list[str] = []
    in_heading = False
    trailing_link: str | None = None
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and not in_heading:
            text, only_link = _inline_text(token.children or [])
            if only_link is not None:
                trailing_link = only_link
                continue
            if text.strip():
                paragraphs.append(text.strip())
                trailing_link = None
        elif token.type in ("code_block", "fence") and token.content.strip():
            paragraphs.append(token.content.strip())
    return "\n\n".join(paragraphs), trailing_link


def _inline_text(children: list[Any]) -> tuple[str, str | None]:
    """Text of an inline run; and the href if the run is nothing but one link."""
    parts: list[str] = []
    hrefs: list[str] = []
    outside_link = False
    depth = 0
    for child in children:
        kind = child.type
        if kind == "link_open":
            depth += 1
            hrefs.append(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            depth -= 1
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
            if depth == 0 and child.content.strip():
                outside_link = True
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "image":
            continue  # alt text of a photo is not a statement of the article
        # emphasis and html_inline markers carry no words
    text = "".join(parts)
    if len(hrefs) == 1 and not outside_link and hrefs[0].startswith(("http://", "https://")):
        return text, hrefs[0]
    return text, None


# --- HTML -------------------------------------------------------------------------------


def _read_html(html: str, source: str) -> Article:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            fast=html.count("<") > _MAX_FALLBACK_TAGS,
        )
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        raise ReadError(source, f"HTML could not be parsed: {exc}") from exc
    if doc is None:
        raise ReadError(source, "HTML with no article text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if len(_WORDS.findall(text)) < _MIN_HTML_WORDS:
        raise ReadError(source, "HTML with no article text")
    meta = {
        "title": data.get("title"),
        "url": data.get("url"),
        "outlet": data.get("sitename"),
        "published": data.get("date"),
        "tags": data.get("tags") or [],
        "categories": data.get("categories") or [],
    }
    return _article(text, source, meta)


# --- JSONL ------------------------------------------------------------------------------


def _read_jsonl(path: Path, source: str) -> Iterator[Article | ReadError]:
    """One article a line, streamed: the file may be of any size, each line is bounded."""
    with path.open("rb") as fh:
        head = fh.read(_SNIFF)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            # UTF-16/32 has NUL bytes in every line: decoded whole, so bounded in size.
            if path.stat().st_size > MAX_ARTICLE_BYTES:
                raise ReadError(source, "UTF-16 JSONL over the size limit; convert it to UTF-8")
            yield from _jsonl_lines(decode(head + fh.read(), source).splitlines(), source)
            return
        if not head.strip():
            raise ReadError(source, "empty file")
        if b"\0" in head:
            raise ReadError(source, "binary file, not text")
        fh.seek(0)
        yield from _jsonl_lines(_byte_lines(fh, source), source)


def _byte_lines(fh: Any, source: str) -> Iterator[str | ReadError]:
    """Lines of a binary file as text; a line too long or in no encoding becomes an error."""
    number = 0
    while True:
        line: bytes = fh.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):  # skip the rest of the line, bounded
                line = fh.readline(MAX_ARTICLE_BYTES)
                size += len(line)
            yield ReadError(
                f"{source}:{number}",
                f"line of {_megabytes(size)} is over the {_megabytes(MAX_ARTICLE_BYTES)} limit",
            )
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            # One line from a legacy encoding (Latin-1 pasted into UTF-8): guess that line.
            from charset_normalizer import from_bytes

            best = from_bytes(line).best()
            if best is None:
                yield ReadError(f"{source}:{number}", "not text in any detectable encoding")
            else:
                yield str(best)


def _jsonl_lines(lines: Iterable[str | ReadError], source: str) -> Iterator[Article | ReadError]:
    found = False
    bad = 0  # lines read, none of them an article
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if isinstance(line, ReadError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
            if not isinstance(value, dict):
                raise ReadError(where, f"not a JSON object but {type(value).__name__}")
            record = JsonlArticle.model_validate(value)
        except ReadError as err:
            problem = err.problem
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "record"
            problem = f"{field}: {first['msg']}"
        except (ValueError, RecursionError) as exc:
            # JSONDecodeError, an integer past Python's digit limit, or nesting too deep.
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:200]
            problem = f"invalid JSON: {detail or type(exc).__name__}"
        else:
            if not record.text.strip():
                problem = "empty text"
            else:
                try:
                    article = _article(record.text, where, record.model_dump(exclude={"text"}))
                except ReadError as err:
                    problem = err.problem
                else:
                    found = True
                    yield article
                    continue
        yield ReadError(where, problem)
        bad += 1
        if not found and bad >= _JSONL_GIVE_UP:
            yield ReadError(source, f"not JSONL articles: the first {bad} lines are not; gave up")
            return
    if not found and not bad:
        yield ReadError(source, "empty file")
