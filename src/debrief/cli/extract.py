"""`debrief extract`: run the pipeline over inputs and print Reports (no storage)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
