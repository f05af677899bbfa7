"""Hostile input through the command line: every bad item gets one line naming it, the
good ones still go in, the summary counts both, and no traceback ever reaches the user.

The CLI builds ``embeddings.Encoder`` itself; here it gets a fake one (bag of hashed
words, wide enough that unrelated long texts are not near each other) so that a corpus
with a 2-million-character document stays fast. The real model is tested elsewhere.
"""

from __future__ import annotations

import base64
import json
import os
import random
import sqlite3
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import embeddings
from provenance.cli import app
from provenance.readers import MAX_ARTICLE_BYTES
from provenance.store import DB_NAME
from tests.fakes import FakeEncoder

runner = CliRunner()


class WideFakeEncoder(FakeEncoder):
    """What the CLI's ``Encoder(model)`` call gets in these tests."""

    max_chars = 2000

    def __init__(self, model: str | None = None) -> None:
        super().__init__(dim=1024)


@pytest.fixture(autouse=True)
def _fake_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "Encoder", WideFakeEncoder)


def _words(rng: random.Random, n: int) -> str:
    vocab = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 9)))]
    vocab += ["".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def _corpus(root: Path) -> tuple[Path, list[str], list[str], list[str]]:
    """Hostile files in ``root/in``; returns the folder, the sources expected in, the
    skipped lines expected (in order) and the sources expected as truncated."""
    rng = random.Random(7)
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()

    def put(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    good = [
        put("good.md", "---\ntitle: Port closed\n---\nThe storm closed the port on Monday.\n"),
        put("plain.txt", "Officials said the bridge would reopen in March."),
        put(
            "page.html",
            "<html><head><title>Budget</title></head><body><nav>Home | World</nav><article>"
            "<p>The minister said the budget would rise by four percent next year.</p>"
            "</article></body></html>",
        ),
        put(
            "latin1.txt", "Le ministre a déclaré que la réforme était nécessaire.".encode("cp1252")
        ),
        put("utf16.txt", "The council voted to widen the road near the school.".encode("utf-16")),
        put("sub/nested.md", "# Heading\n\nFarmers protested in the capital on Tuesday.\n"),
        # One 100,000-character sentence: cut into pieces the encoder reads whole.
        put("long_sentence.txt", _words(rng, 15000)[:100_000] + "."),
        # A quote of 5,000 characters is one statement, cut for the encoder: said so.
        put("long_quote.md", f"The mayor said: “{_words(rng, 800)[:5000]}.” Then she left.\n"),
        # Two million characters: a short text and an inline base64 blob.
        put(
            "blob.txt",
            "The archive was published on Friday.\n\n"
            + base64.b64encode(rng.randbytes(1_500_000)).decode()
            + "\n\nIt holds scanned letters.",
        ),
    ]
    # A file name that is not UTF-8 is stored and printed with its odd byte escaped.
    odd = put(os.fsdecode(b"odd-name-\xff.txt"), "The ferry resumed service on Sunday.")
    sources = [str(p) for p in good] + [str(odd).replace("\udcff", "\\udcff")]

    lines = [
        json.dumps({"text": "The strike ended after nine days.", "outlet": "Wire"}),
        "{broken",
        json.dumps({"title": "no text"}),
        "[1, 2]",
        "",
        json.dumps({"text": "A lone \ud800 surrogate survived the export."}),
        json.dumps({"text": "   "}),
    ]
    batch = put("batch.jsonl", "\n".join(lines) + "\n")
    sources += [f"{batch}:1", f"{batch}:6"]

    # An over-long JSONL line is skipped without reading it whole; the next line goes in.
    huge_jsonl = folder / "huge.jsonl"
    with huge_jsonl.open("wb") as fh:
        fh.write(b'{"text": "' + b"a" * (MAX_ARTICLE_BYTES + 2 * 1024 * 1024) + b'"}\n')
        fh.write(json.dumps({"text": "The last line is fine."}).encode() + b"\n")
    sources.append(f"{huge_jsonl}:2")

    # 100 MB of real text: refused by size, never read.
    huge = folder / "huge.txt"
    with huge.open("wb") as fh:
        megabyte = (b"The same line again and again. " * 40000)[: 1024 * 1024]
        for _ in range(100):
            fh.write(megabyte)

    put("binary.txt", bytes(range(256)) * 4)
    put("fake.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(500))
    put("empty.md", b"")
    put("blank.txt", b"  \n\t\n")
    put("broken.md", "---\ntitle: [unclosed\n---\nBody text.\n")
    put("baddate.md", "---\ndate: 2024-13-45\n---\nBody text.\n")
    put("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    put("headings.md", "# Only a heading\n\n## And another\n")
    put("deep.jsonl", "[" * 100_000 + "\n")
    put("photo.png", rng.randbytes(100))  # not an article type: passed over in a folder
    put(".hidden/secret.txt", "Hidden files are not articles.")
    (folder / "loop").symlink_to(folder)  # a folder that contains itself: no endless walk
    (folder / "gone.md").symlink_to(root / "nowhere.md")  # a dangling link in a folder

    f = str(folder)
    skipped = [
        f"skipped {f}/baddate.md: broken YAML front matter: month must be in 1..12",
        f"skipped {f}/batch.jsonl:2: invalid JSON: Expecting property name enclosed in "
        "double quotes",
        f"skipped {f}/batch.jsonl:3: text: Field required",
        f"skipped {f}/batch.jsonl:4: not a JSON object but list",
        f"skipped {f}/batch.jsonl:7: empty text",
        f"skipped {f}/binary.txt: binary file, not text",
        f"skipped {f}/blank.txt: empty file",
        f"skipped {f}/broken.md: broken YAML front matter (line 3): did not find expected ',' "
        "or ']'",
        f"skipped {f}/deep.jsonl:1: invalid JSON: maximum recursion depth exceeded while "
        "decoding a JSON array from a unicode string",
        f"skipped {f}/empty.md: empty file",
        f"skipped {f}/fake.md: binary file, not text",
        f"skipped {f}/headings.md: no article text",
        f"skipped {f}/huge.jsonl:1: line of 12.0 MB is over the 10.0 MB limit",
        f"skipped {f}/huge.txt: 100.0 MB is over the 10.0 MB limit for one article; split it, "
        "or give it as JSONL (read line by line)",
        f"skipped {f}/nav.html: HTML with no article text",
        f"skipped {root}/missing.md: no such file or directory",
    ]
    truncated = [str(folder / "long_quote.md")]
    return folder, sources, skipped, truncated


def _ok(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_hostile_corpus_ingests_the_good_and_names_the_bad(tmp_path: Path) -> None:
    folder, sources, skipped, truncated = _corpus(tmp_path)
    store = tmp_path / "store"
    result = runner.invoke(
        app, ["ingest", str(folder), str(tmp_path / "missing.md"), "--store", str(store), "-q"]
    )
    _ok(result)
    assert result.exit_code == 1  # something was skipped
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("skipped ")] == skipped
    assert [
        line.split(":")[0].removeprefix("truncated ")
        for line in lines
        if line.startswith("truncated ")
    ] == truncated
    assert f"ingested {len(sources)} documents" in result.stdout
    assert f"0 unchanged, {len(skipped)} skipped" in result.stdout

    with sqlite3.connect(store / DB_NAME) as db:
        stored = [r[0] for r in db.execute("SELECT source FROM documents ORDER BY seq")]
        texts = dict(db.execute("SELECT source, text FROM documents").fetchall())
    assert sorted(stored) == sorted(sources)  # every good item once, nothing else
    assert "déclaré" in texts[str(folder / "latin1.txt")]
    assert "\ufffd surrogate" in texts[f"{folder}/batch.jsonl:6"]
    assert len(texts[str(folder / "blob.txt")]) > 2_000_000

    doctor = runner.invoke(app, ["doctor", "--store", str(store)])
    _ok(doctor)
    assert doctor.exit_code == 0 and doctor.stdout.rstrip().endswith("healthy")

    again = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "-q"])
    _ok(again)
    assert "ingested 0 documents" in again.stdout
    assert f"{len(sources)} unchanged" in again.stdout


def test_strict_stops_at_the_first_problem(tmp_path: Path) -> None:
    folder, _, skipped, _ = _corpus(tmp_path)
    store = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(store), "--strict", "-q"])
    _ok(result)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == skipped[0]
    assert lines[-1] == "Error: stopped at the first problem (--strict); nothing was written"
    assert "ingested 0 documents" in result.stdout
    with sqlite3.connect(store / DB_NAME) as db:
        assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The minister resigned on Friday after the vote.")
    (folder / "b.txt").write_text("The minister resigned on Friday, after the vote.")
    path = tmp_path / "store"
    result = runner.invoke(app, ["ingest", str(folder), "--store", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("query", ["", "   \n\t "])
def test_empty_query_is_refused(store: Path, query: str) -> None:
    for command, code in (("check", 2), ("trace", 1)):
        result = runner.invoke(app, [command, query, "--store", str(store)])
        _ok(result)
        assert result.exit_code == code
        assert result.stderr.strip() == "Error: the query is empty"


def test_megabyte_query_is_refused(store: Path) -> None:
    query = "word " * 200_000
    for command, code in (("check", 2), ("trace", 1)):
        result = runner.invoke(app, [command, query, "--store", str(store)])
        _ok(result)
        assert result.exit_code == code
        assert result.stderr.startswith("Error: the query has 999,999 characters; the limit is")


def _newer(store: Path) -> None:
    with sqlite3.connect(store / DB_NAME) as db:
        db.execute("PRAGMA user_version = 99")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (None, "no store at"),
        (_newer, "has schema version 99, newer than this provenance understands"),
        (lambda s: (s / DB_NAME).write_bytes(b"not sqlite " * 100), "not a provenance store"),
    ],
)
def test_unusable_store_is_one_line(
    store: Path, tmp_path: Path, damage: object, message: str
) -> None:
    target = tmp_path / "nothing" if damage is None else store
    if callable(damage):
        damage(store)
    for args in (
        ["report"],
        ["check", "the minister resigned"],
        ["trace", "the minister resigned"],
        ["doctor"],
    ):
        result = runner.invoke(app, [*args, "--store", str(target)])
        _ok(result)
        assert result.exit_code in (1, 2), args
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith("Error: ") and message in result.stderr, args


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    article = tmp_path / "a.txt"
    article.write_text("The minister resigned on Friday.")
    result = runner.invoke(app, ["ingest", str(article), "--store", str(blocker / "store")])
    _ok(result)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot create a store at {blocker / 'store'}")
