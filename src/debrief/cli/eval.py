"""`debrief eval SUITE`: score the pipeline against a benchmark and print a table (or one JSON object)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from debrief.errors import DebriefError


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_(
        suite: Annotated[str, typer.Argument(help="Benchmark suite; `debrief eval list` names them.")],
        data: Annotated[
            Path | None,
            typer.Option(
                "--data", help="Folder holding the benchmark folders (default $DEBRIEF_DATA or ../shared/data)."
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of the table.")] = False,
    ) -> None:
        """Score debrief against a benchmark in ../shared/data and print the figures."""
        from debrief import evals
        from debrief.evals import suites  # noqa: F401  (registers the suites)

        if suite == "list":
            for name, (_module, description) in sorted(evals.SUITES.items()):
                typer.echo(f"{name:<16} {description}")
            return
        try:
            result = evals.runner(suite)(data or evals.default_data_dir())
        except DebriefError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        if as_json:
            typer.echo(json.dumps(result.payload, ensure_ascii=False))
        else:
            typer.echo("\n".join(result.lines))
