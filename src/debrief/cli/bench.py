"""`debrief bench`: throughput and memory of the pipeline on real text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from debrief.cli.extract import WorkersOption
from debrief.options import BenchOptions
from debrief.records import BenchResult

# Used when no --corpus is given: real Syria-war coverage from the benchmark data folder.
DEFAULT_CORPUS = ("guardian_sdf_sample", "Guardian_SDF_sample.csv")
_SHOWN_ERRORS = 10


def default_corpus() -> Path:
    """`$DEBRIEF_DATA/guardian_sdf_sample/Guardian_SDF_sample.csv`, else under `../shared/data`."""
    env = os.environ.get("DEBRIEF_DATA")
    data = Path(env) if env else Path.cwd().parent / "shared" / "data"
    return data.joinpath(*DEFAULT_CORPUS)


def format_table(result: BenchResult) -> str:
    """The measurements as a readable two-column table."""
    failed = f"{result.errors} failed in a stage, {result.input_errors} unreadable"
    rows: list[tuple[str, str]] = [
        ("corpus", ", ".join(result.sources)),
        ("workers", f"{result.workers}  ({'this process' if result.workers == 1 else 'processes, one pipeline each'})"),
        ("documents", f"{result.docs:,}  ({failed})"),
        ("sentences", f"{result.sentences:,}"),
        ("words", f"{result.words:,}"),
        ("load", f"{result.load_s:.2f} s  (building the pipeline)"),
        ("warm-up", f"{result.warmup_s:.2f} s  (first document, untimed run)"),
        ("ingest", f"{result.ingest_s:.2f} s  (reading inputs; {_ingest_note(result)})"),
        ("pipeline", f"{result.pipeline_s:.2f} s  ({result.cpu_s:.2f} s CPU{_pass_note(result)})"),
        ("docs/s", f"{result.docs_per_s:,.1f}"),
        ("sentences/s", f"{result.sentences_per_s:,.0f}"),
        ("words/s", f"{result.words_per_s:,.0f}"),
        ("peak RSS", f"{result.peak_rss_mb:,.0f} MB  (before loading: {result.base_rss_mb:,.0f} MB)"),
    ]
    total = sum(result.stage_s.values())  # summed over the workers
    for name, seconds in result.stage_s.items():
        share = 100 * seconds / total if total > 0 else 0.0
        warm = result.warmup_stage_s.get(name, 0.0)
        rows.append((f"  {name}", f"{seconds:8.3f} s  ({share:4.1f} %)   warm-up {warm:.2f} s"))
    width = max(len(label) for label, _ in rows)
    lines = [f"{label:<{width}}  {value}" for label, value in rows]
    if result.error_messages:
        lines.append("")
        lines.append(f"errors ({len(result.error_messages)}):")
        lines.extend(f"  {message}" for message in result.error_messages[:_SHOWN_ERRORS])
        if len(result.error_messages) > _SHOWN_ERRORS:
            lines.append(f"  … {len(result.error_messages) - _SHOWN_ERRORS} more (see --json)")
    return "\n".join(lines)


def _ingest_note(result: BenchResult) -> str:
    return "excluded from the rates" if result.workers == 1 else "while the workers ran"


def _pass_note(result: BenchResult) -> str:
    return "" if result.workers == 1 else "; wall time, reading the inputs overlapped"


def bench(
    corpus: Annotated[
        list[str] | None,
        typer.Option(
            "--corpus",
            help="File, folder or URL to read (repeatable). "
            "Default: guardian_sdf_sample/Guardian_SDF_sample.csv in $DEBRIEF_DATA or ../shared/data.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print exactly one JSON object instead of the table.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Stop after this many documents.")] = None,
    per_stage: Annotated[
        bool, typer.Option("--per-stage/--no-per-stage", help="Time each pipeline stage separately.")
    ] = True,
    workers: WorkersOption = 1,
) -> None:
    """Throughput and memory of the pipeline on real text."""
    from debrief.bench import run_bench

    sources = list(corpus or [])
    if not sources:
        fallback = default_corpus()
        if not fallback.exists():
            typer.echo(f"debrief bench: no --corpus given and {fallback} does not exist", err=True)
            raise typer.Exit(2)
        sources = [str(fallback)]
    result = run_bench(sources, BenchOptions(limit=limit, per_stage=per_stage, workers=workers))
    typer.echo(result.model_dump_json() if as_json else format_table(result))
    if result.docs == 0:
        typer.echo(f"debrief bench: no documents read from {', '.join(sources)}", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
