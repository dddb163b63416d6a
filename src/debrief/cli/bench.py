"""`debrief bench`: throughput and memory of the pipeline on real text."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
