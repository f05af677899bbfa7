"""The command line, through typer's CliRunner: messages, exit codes, files written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "report"):
        assert command in result.output


def test_report_without_store_is_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: no store at")
    assert "Traceback" not in result.output


def test_report_filters_say_what_they_show(three_outlets: Path, _store_in_tmp: Path) -> None:
    assert three_outlets == _store_in_tmp  # the default store
    tmp_path = three_outlets.parent
    out = tmp_path / "r.json"
    args = ["report", "-f", "json", "-o", str(out), "--min-outlets", "2", "--speaker", "Fu Cong"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f'report written to {out}: 2 of 2 clusters (2+ outlets; said by "Fu Cong")'
    )
    data = json.loads(out.read_text())
    assert data["selection"]["clusters_shown"] == 2 and data["singletons"] == []
    assert {d["outlet"] for d in data["documents"]} == {"Daily One", "Daily Two"}

    result = runner.invoke(app, ["report", "--outlet", "nowhere", "--limit", "3"])
    assert result.exit_code == 0
    assert 'Shown: no clusters (carried by "nowhere")' in result.stdout
    result = runner.invoke(app, ["report", "--limit", "0"])
    assert result.exit_code == 2  # a usage error, before the store is read
    result = runner.invoke(app, ["report", "--since", "March 9"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: --since 'March 9' is not a date: no year"
    result = runner.invoke(app, ["report", "--since", "Feb 11, 2025", "--until", "2025-02-11"])
    assert result.exit_code == 0
    assert "Shown: 4 of 4 clusters (published on 2025-02-11)" in result.stdout


@pytest.mark.model
def test_ingest_then_report_md_and_json(tmp_path: Path, _store_in_tmp: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(SEEDS), str(bad), "--quiet"])
    assert result.exit_code == 1  # something was skipped
    assert "ingested 2 documents" in result.stdout
    assert f"skipped {bad}: empty file" in result.stderr
    assert "Traceback" not in result.output

    out = tmp_path / "r.json"
    result = runner.invoke(app, ["report", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"report written to {out}" in result.stdout
    data = json.loads(out.read_text())
    assert set(data) >= {"documents", "clusters", "singletons"}
    member = data["clusters"][0]["members"][0]
    assert set(member) >= {"text", "document_id", "outlet", "url", "relation"}
    assert {"id", "canonical", "members"} <= set(data["clusters"][0])

    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Claim clusters")
    assert "most dangerous branches" in result.stdout

    again = runner.invoke(app, ["ingest", str(SEEDS), "--quiet"])
    assert again.exit_code == 0
    assert "ingested 0 documents" in again.stdout and "0 embedded" in again.stdout


def test_quotes_names_files_it_passes_over(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('"We will act," the minister said.\n', encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(app, ["quotes", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 1
    assert result.stderr.strip() == (
        f"passed over 2 files of types provenance does not read (2 .pdf), e.g. {tmp_path / 'b.pdf'}"
    )


@pytest.mark.model
def test_trace_orders_dates_as_moments_and_warns_of_unreadable_ones(tmp_path: Path) -> None:
    claim = "The mayor said the new bridge will open in May after years of delays."
    dates = {
        "a.com": "March 9, 2024",
        "b.com": "2024-03-08",
        "c.com": "Thu, 07 Mar 2024 10:00:00 GMT",  # the earliest, though last as text
        "d.com": "2024-03-08T01:00:00+05:00",  # 7 March, 20:00 UTC
        "e.com": "March 6",  # no year: kept as given, ordered after the dated ones
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps({"text": f"{claim} Officials welcomed it.", "outlet": o, "published": d})
            + "\n"
            for o, d in dates.items()
        )
    )
    result = runner.invoke(app, ["ingest", str(feed), "--quiet"])
    assert result.exit_code == 0, result.output
    assert (
        f"undated {feed}:5: date 'March 6' not read (no year); kept as given, "
        "ordered after dated documents"
    ) in result.stderr
    result = runner.invoke(app, ["trace", claim])
    assert result.exit_code == 0, result.output
    assert "earliest (published date): c.com, 2024-03-07T10:00+00:00" in result.stdout
    order = [line.split(" · ")[1] for line in result.stdout.splitlines() if " · " in line]
    assert order == ["c.com", "d.com", "b.com", "a.com", "e.com"]
    assert "cannot tell" not in result.stdout  # c.com is first by an hour and more

    # A date without a time gives no order within its day: the trace says so.
    later = tmp_path / "later.jsonl"
    later.write_text(
        json.dumps({"text": f"{claim} More.", "outlet": "f.com", "published": "Thu, 07 Mar 2024"})
        + "\n"
    )
    assert runner.invoke(app, ["ingest", str(later), "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["trace", claim])
    assert "earliest (published date): f.com, 2024-03-07," in result.stdout
    assert "cannot tell it from c.com, d.com: the same day" in result.stdout
    assert "f.com → c.com (same day)" in result.stdout  # not "later"
    assert "f.com → b.com (later)" in result.stdout
