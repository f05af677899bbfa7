"""The ``provenance`` command: parses options, calls library functions, prints.

Only this module prints or exits. Library errors arrive as ``ProvenanceError`` (or the
encoder's ``ModelLoadError``) and leave as one ``Error: ...`` line on stderr.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
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

        return run

    return wrap


def _progress(quiet: bool) -> Callable[[str, int], Any]:
    show = not quiet and sys.stderr.isatty()

    @contextmanager
    def bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
        if not show or total == 0:
            yield lambda _n: None
            return
        from tqdm import tqdm

        with tqdm(total=total, desc=label, unit="st", file=sys.stderr, leave=False) as t:
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

    result = run_ingest(
        paths,
        store_dir,
        encoder=Encoder(model),
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
    if result.index_repaired:
        typer.echo("the FAISS index disagreed with the database and was rebuilt", err=True)
    if result.errors:
        if strict:
            _error("stopped at the first problem (--strict); nothing was written")
        raise typer.Exit(1)


class Format(str, Enum):
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
) -> None:
    """The claim-cluster report: what was said, where, and with which wording changes."""
    from provenance.report import build_report, render_json, render_markdown

    built = build_report(store or default_store())
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
    typer.echo(
        f"report written to {out} ({built.summary.clusters} clusters, "
        f"{built.summary.multi_outlet_clusters} across outlets)"
    )


def main() -> None:  # pragma: no cover - console entry
    app()
