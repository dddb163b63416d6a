"""The command line: a thin shell over the library. Each module registers its commands on `app`."""

from __future__ import annotations

import typer

from debrief.cli import bench as _bench
from debrief.cli import extract as _extract
from debrief.cli import ledger as _ledger

app = typer.Typer(
    name="debrief",
    help="Turn war reporting into a ledger of events and claims, every field traceable to its text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (_extract, _ledger, _bench):
    _module.register(app)


def main() -> None:
    app()
