"""The command line: a thin shell over the library. Each module registers its commands on `app`."""

from __future__ import annotations

import logging
import sys

import typer

from debrief.cli import bench as _bench
from debrief.cli import eval as _eval
from debrief.cli import extract as _extract
from debrief.cli import gazetteer as _gazetteer
from debrief.cli import ledger as _ledger

app = typer.Typer(
    name="debrief",
    help="Turn war reporting into a ledger of events and claims, every field traceable to its text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (_extract, _ledger, _bench, _eval, _gazetteer):
    _module.register(app)


def main() -> None:
    # progress that a user should see (the gazetteer's first build) goes to stderr; the rest stays quiet
    logging.basicConfig(level=logging.WARNING, format="debrief: %(message)s", stream=sys.stderr)
    logging.getLogger("debrief.gazetteer").setLevel(logging.INFO)
    app()
