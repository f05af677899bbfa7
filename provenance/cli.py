"""The ``provenance`` command: parses options, calls library functions, prints.

Only this module prints or exits. Library errors arrive as ``ProvenanceError`` (or the
encoder's ``ModelLoadError``) and leave as one ``Error: ...`` line on stderr.
"""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from provenance.errors import ProvenanceError, ReadError
from provenance.store import STORE_ENV, default_store

app = typer.Typer(
    name="provenance",
    help="Group the same statements across news outlets; report, check and trace them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

P = ParamSpec("P")
R = TypeVar("R")

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar=STORE_ENV,
        help="Store folder (SQLite database and FAISS index). Default: ./.provenance",
        show_default=False,
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="PROVENANCE_MODEL",
        help="sentence-transformers model name or path. Default: all-MiniLM-L6-v2 (offline copy)",
        show_default=False,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")]


def _error(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)


def handled(code: int = 1) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn library errors into one line on stderr and exit ``code``."""

    def wrap(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            from embeddings.encoder import ModelLoadError

            try:
                return func(*args, **kwargs)
            except (ProvenanceError, ModelLoadError) as exc:
                _error(str(exc))
                raise typer.Exit(code) from None
            except KeyboardInterrupt:
                _error("interrupted; the store keeps what was committed before")
                raise typer.Exit(130) from None
            except (OSError, sqlite3.Error) as exc:
                # The system said no (disk full, a directory where a file should be): the
                # store keeps its last commit, and `provenance doctor` repairs the rest.
                _error(f"{exc} ({type(exc).__name__}); run `provenance doctor` if it persists")
                raise typer.Exit(code) from None

        return run

    return wrap


def passed_over_line(sources: list[str]) -> str:
    """One line for the files of other types found in folders: how many, which types."""
    counts = Counter(Path(source).suffix.lower() for source in sources)
    kinds = ", ".join(f"{n} {suffix}" for suffix, n in counts.most_common())
    files = "file" if len(sources) == 1 else "files"
    return (
        f"passed over {len(sources)} {files} of types provenance does not read ({kinds}), "
        f"e.g. {sources[0]}"
    )


def _progress(quiet: bool) -> Callable[[str, int], Any]:
    show = not quiet and sys.stderr.isatty()

    @contextmanager
    def bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
        if not show or total == 0:
            yield lambda _n: None
            return
        from tqdm import tqdm

        unit = "doc" if label == "documents" else "st"
        with tqdm(total=total, desc=label, unit=unit, file=sys.stderr, leave=False) as t:
            yield t.update

    return bar


@app.command()
@handled()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    store: StoreOption = None,
    model: ModelOption = None,
    strict: Annotated[bool, typer.Option(help="Stop at the first unreadable input.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Read articles (Markdown, text, HTML, JSONL; folders recursively) into the store."""
    from embeddings import Encoder
    from provenance.pipeline import ingest as run_ingest

    store_dir = store or default_store()

    def skipped(err: ReadError) -> None:
        typer.echo(f"skipped {err}", err=True)

    encoder = Encoder(model)
    result = run_ingest(
        paths,
        store_dir,
        encoder=encoder,
        progress=_progress(quiet),
        strict=strict,
        on_error=skipped,
    )
    typer.echo(
        f"ingested {len(result.ingested)} documents ({result.statements} statements; "
        f"{result.embedded} embedded, {result.reused} already stored), "
        f"{len(result.unchanged)} unchanged, {len(result.errors)} skipped; "
        f"clusters: {result.clusters_new} new, {result.clusters_joined} joined; store: {store_dir}"
    )
    if result.passed_over:
        typer.echo(passed_over_line(result.passed_over), err=True)
    for source in result.truncated:
        typer.echo(
            f"truncated {source}: statements over {encoder.max_chars:,} characters "
            "were cut to that length for the encoder",
            err=True,
        )
    for source, raw, why in result.unreadable_dates:
        typer.echo(
            f"undated {source}: date {raw!r} not read ({why}); kept as given, "
            "ordered after dated documents",
            err=True,
        )
    if result.index_repaired:
        typer.echo("the FAISS index disagreed with the database and was rebuilt", err=True)
    if result.errors:
        if strict:
            _error("stopped at the first problem (--strict); nothing was written")
        raise typer.Exit(1)


class Format(StrEnum):
    md = "md"
    json = "json"
    html = "html"


@app.command()
@handled()
def report(
    store: StoreOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.md,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
    min_outlets: Annotated[
        int,
        typer.Option(
            "--min-outlets", min=1, help="Only clusters carried by at least this many outlets."
        ),
    ] = 1,
    outlet: Annotated[
        list[str] | None,
        typer.Option(
            "--outlet",
            help="Only clusters this outlet carries (any part of its name, any case). Repeat "
            "for any of several.",
            show_default=False,
        ),
    ] = None,
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            help='Only clusters with a statement by this person ("Shea" finds Dorothy Shea).',
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            help="Only the first N clusters, in report order (most outlets first).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only clusters with a statement published on or after this date "
            '("2025-02-10", "Feb 10, 2025", or a date and time).',
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Only clusters with a statement published up to this date (a day counts "
            "whole). With --since: within the period.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The claim-cluster report: what was said, where, and with which wording changes.

    The filters combine; with any of them the report lists only the documents its clusters
    cite, and with --min-outlets 2 or --limit it leaves out statements in no cluster."""
    from provenance.report import Selection, build_report, render_json, render_markdown

    first, last = Selection.period(since, until)
    selection = Selection(
        min_outlets=min_outlets,
        outlets=tuple(o for o in outlet or () if o.strip()),
        speaker=speaker.strip() or None if speaker is not None else None,
        limit=limit,
        since=first,
        until=last,
    )
    built = build_report(store or default_store(), selection)
    if format is Format.json:
        text = render_json(built)
    elif format is Format.html:
        from provenance.html import render_html

        text = render_html(built)
    else:
        text = render_markdown(built)
    if out is None:
        typer.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    if built.selection is not None:
        from provenance.report import describe_selection

        typer.echo(f"report written to {out}: {describe_selection(built.selection)}")
        return
    typer.echo(
        f"report written to {out} ({built.summary.clusters} clusters, "
        f"{built.summary.multi_outlet_clusters} across outlets)"
    )


class Graph(StrEnum):
    mermaid = "mermaid"
    dot = "dot"


CHECK_HELP = """Is this quote corroborated? Finds every statement that matches and counts the
independent origins behind them.

Exit codes: 0 corroborated; 1 not corroborated (corroborated-with-changes, single-source,
disputed, not-found); 2 usage or store errors. With --from, 0 once every query ran.
"""


@app.command(help=CHECK_HELP)
@handled(code=2)
def check(
    quote: Annotated[str | None, typer.Argument(help="The quote or claim to check.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Who the quote is attributed to.")] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="One query a line; prints one JSON object a line."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    store: StoreOption = None,
    model: ModelOption = None,
) -> None:
    from embeddings import Encoder
    from provenance.corroboration import Checker
    from provenance.store import Store

    if (quote is None) == (from_file is None):
        raise typer.BadParameter("give a QUOTE or --from FILE, not both and not neither")
    with Store(store or default_store()) as opened:
        checker = Checker(opened, Encoder(model or opened.get_meta("model")))
        if from_file is not None:
            for line in _query_lines(from_file):
                typer.echo(checker.check(line, speaker).model_dump_json())
            return
        assert quote is not None
        result = checker.check(quote, speaker)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        typer.echo(_check_text(result))
    raise typer.Exit(0 if result.verdict == "corroborated" else 1)


def _query_lines(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"{path}: {exc}") from exc
    return [line for line in lines if line.strip()]


def _check_text(result: Any) -> str:
    lines = [
        f"{result.verdict}: {result.independent_origins} independent origin(s), "
        f"{len(result.outlets)} outlet(s)"
    ]
    for origin in result.origins:
        why = f" ({'; '.join(origin.reasons)})" if origin.reasons else ""
        # An origin named after its one outlet needs no list of outlets after the name.
        outlets = "" if origin.outlets == [origin.name] else f": {', '.join(origin.outlets)}"
        lines.append(f"  origin {origin.name}{outlets}{why}")
    for m in result.matches:
        edits = f" [{', '.join(m.edits)}]" if m.edits else ""
        who = f" — {m.speaker}" if m.speaker else ""
        lines.append(
            f"  {m.relation}{edits} · {m.outlet or 'unknown outlet'} · {m.published or 'undated'}"
            f" · {m.url or m.document_id}{who}\n    {' '.join(m.text.split())}"
        )
        if m.matched:
            lines.append(f"    matched words: {' '.join(m.matched.split())}")
    return "\n".join(lines)


@app.command()
@handled()
def trace(
    claim: Annotated[str, typer.Argument(help="The claim or quote to trace.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    graph: Annotated[Graph | None, typer.Option(help="Print the credit chain as a graph.")] = None,
    store: StoreOption = None,
    model: ModelOption = None,
) -> None:
    """Where did this claim come from? Earliest appearance, speaker, credits, timeline."""
    from embeddings import Encoder
    from provenance.corroboration import Checker
    from provenance.store import Store
    from provenance.trace import render_graph
    from provenance.trace import trace as run_trace

    with Store(store or default_store()) as opened:
        result = run_trace(Checker(opened, Encoder(model or opened.get_meta("model"))), claim)
    if graph is not None:
        typer.echo(render_graph(result, graph.value), nl=False)
    elif as_json:
        typer.echo(result.model_dump_json(indent=2))
    elif not result.found:
        typer.echo("not found in the store")
    else:
        assert result.earliest is not None
        e = result.earliest
        typer.echo(f"speaker: {result.speaker or 'unknown'}")
        typer.echo(
            f"earliest ({result.earliest_by}): {e.outlet}, {e.published or 'undated'}, "
            f"{e.url or e.document_id}"
        )
        if result.earliest_tied_with:
            typer.echo(
                f"  (the dates cannot tell it from {', '.join(result.earliest_tied_with)}: "
                "the same day, without a time on one side)"
            )
        for edge in result.edges:
            typer.echo(f"  {edge.source} → {edge.target} ({edge.label})")
        typer.echo("timeline:")
        for step in result.timeline:
            edits = f" [{', '.join(step.edits)}]" if step.edits else ""
            typer.echo(f"  {step.published or 'undated'} · {step.outlet}{edits}")
            typer.echo(f"    {' '.join(step.text.split())}")
    if not result.found:
        raise typer.Exit(1)


@app.command()
@handled()
def quotes(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (the default).")] = True,
) -> None:
    """Extract quotes, speakers and credits; no store needed."""
    import hashlib
    import json

    from provenance.models import Extraction
    from provenance.quotes import extract
    from provenance.readers import iter_articles, source_name

    out = []
    failed = False
    others: list[str] = []
    for item in iter_articles(paths, passed_over=lambda path: others.append(source_name(path))):
        if isinstance(item, ReadError):
            typer.echo(f"skipped {item}", err=True)
            failed = True
            continue
        found, credits = extract(item.text)
        out.append(
            Extraction(
                path=item.source,
                text_sha256=hashlib.sha256(item.text.encode("utf-8")).hexdigest(),
                text=item.text,
                quotes=found,
                credits=credits,
            ).model_dump(mode="json")
        )
    typer.echo(json.dumps(out, ensure_ascii=False, indent=2 if as_json else None))
    if others:
        typer.echo(passed_over_line(others), err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
@handled()
def doctor(
    store: StoreOption = None,
    check_only: Annotated[
        bool, typer.Option("--check-only", help="Report problems; repair nothing.")
    ] = False,
) -> None:
    """Check the store (database, vectors, index, clusters) and repair what can be rebuilt.

    Exit code 0 when the store is healthy (or was repaired), 1 when a problem remains.
    """
    from provenance.doctor import diagnose

    found = diagnose(store or default_store(), repair=not check_only)
    for f in found.findings:
        typer.echo(f"{f.status:<8} {f.check}: {f.detail}")
    if not found.healthy:
        typer.echo(f"{found.store}: problems remain")
        raise typer.Exit(1)
    typer.echo(f"{found.store}: {'repaired' if found.repaired else 'healthy'}")


def main() -> None:  # pragma: no cover - console entry
    app()
