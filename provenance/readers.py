"""Readers: files on disk to ``Article`` records (plain text, Markdown, HTML, JSONL).

A reader's ``Article.text`` is the text every later offset indexes. Markdown loses its
syntax (headings, emphasis, link targets) and its front matter; HTML goes through
trafilatura for the main text and metadata.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import ValidationError

from provenance.errors import ReadError
from provenance.models import Article, JsonlArticle

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ""}
SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TEXT_SUFFIXES

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
    host = urlparse(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def iter_files(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Every readable file under ``paths`` in a stable order; missing paths as errors."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue  # hidden files and folders (.git, .provenance) are not articles
                if child.suffix.lower() in SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or directory")


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | ReadError]:
    """Articles from files and folders; each problem comes back as a ``ReadError`` item
    so that one bad file never stops the others."""
    for item in iter_files(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield from _read_file(item)
        except ReadError as err:
            yield err


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
    if b"\0" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(source, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ReadError(source, "not text in any encoding that could be detected")
    return str(best)


def _read_file(path: Path) -> Iterator[Article | ReadError]:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(source, f"cannot read: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(decode(raw, source), source)
        return
    text = decode(raw, source)
    if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _looks_like_html(text)):
        yield _read_html(text, source)
    elif suffix in MARKDOWN_SUFFIXES or text.lstrip().startswith("---") or _MARKDOWN_HINTS.search(
        text
    ):
        yield _read_markdown(text, source)
    else:
        yield _article(text.strip("\ufeff"), source, {})


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _article(text: str, source: str, meta: dict[str, Any]) -> Article:
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
    return Article(
        text=text,
        source=source,
        url=url,
        outlet=outlet,
        title=_first(meta, ("title", "headline")),
        published=_first(meta, _DATE_KEYS),
        tags=tuple(dict.fromkeys(tags)),
        external_id=_first(meta, ("id",)),
    )


def _first(meta: dict[str, Any], keys: Iterable[str]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
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
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        raise ReadError(source, f"HTML could not be parsed: {exc}") from exc
    if doc is None:
        raise ReadError(source, "HTML with no article text")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
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


def _read_jsonl(text: str, source: str) -> Iterator[Article | ReadError]:
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = JsonlArticle.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg}")
            continue
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "record"
            yield ReadError(where, f"{field}: {first['msg']}")
            continue
        if not record.text.strip():
            yield ReadError(where, "empty text")
            continue
        found = True
        meta = record.model_dump(exclude={"text"})
        try:
            yield _article(record.text, where, meta)
        except ReadError as err:
            yield err
    if not found and not text.strip():
        yield ReadError(source, "empty file")
