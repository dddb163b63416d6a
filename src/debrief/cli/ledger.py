"""`debrief ingest|events|claims`: the ledger commands (a thin shell over :mod:`debrief.ledger`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer

from debrief.cli.extract import WorkersOption
from debrief.errors import DebriefError
from debrief.export import Kind, render
from debrief.ledger import Ledger, load
from debrief.options import ClaimFilter, EventFilter, PipelineOptions
from debrief.taxonomy import EVENT_CODES
from debrief.workers import RunOptions, make_runner

DEFAULT_DB = "debrief.db"


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    geojson = "geojson"


class StanceChoice(StrEnum):
    assert_ = "assert"
    deny = "deny"
    hedge = "hedge"


def _event_codes(values: list[str] | None) -> list[str] | None:
    """--type values upper-cased and checked against the 30 codes (a typo would match nothing)."""
    if not values:
        return values
    codes = [v.upper() for v in values]
    unknown = [v for v, code in zip(values, codes, strict=True) if code not in EVENT_CODES]
    if unknown:
        raise typer.BadParameter(f"unknown event type {', '.join(unknown)}; known: {', '.join(EVENT_CODES)}")
    return codes


# Options shared by the commands, declared once.
_DATE_FORMATS = ["%Y-%m-%d"]
DbOption = Annotated[
    str,
    typer.Option("--db", envvar="DEBRIEF_DB", metavar="PATH|URL", help="Ledger: a SQLite file or a SQLAlchemy URL."),
]
SinceOption = Annotated[
    datetime | None,
    typer.Option(formats=_DATE_FORMATS, metavar="YYYY-MM-DD", help="Only records dated on or after this day."),
]
UntilOption = Annotated[
    datetime | None,
    typer.Option(formats=_DATE_FORMATS, metavar="YYYY-MM-DD", help="Only records dated on or before this day."),
]
TypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="CODE",
        callback=_event_codes,
        help="Event type code (AIR_STRIKE, ARMED_CLASH, …); repeat for several.",
    ),
]
CountryOption = Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 country code (SY).")]
Admin1Option = Annotated[str | None, typer.Option(help="First-level region (province), any case.")]
SpeakerOption = Annotated[str | None, typer.Option(help="Part of the speaker's name or words, any case.")]
PublisherOption = Annotated[str | None, typer.Option(help="Part of the publisher's name, any case.")]
LimitOption = Annotated[int | None, typer.Option(min=0, help="At most this many rows.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
StanceOption = Annotated[StanceChoice | None, typer.Option(help="Only claims with this stance.")]
PublishedOption = Annotated[
    datetime | None,
    typer.Option(
        formats=_DATE_FORMATS,
        metavar="YYYY-MM-DD",
        help="Publication date of the inputs (overrides what they say).",
    ),
]


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code=1)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    published: PublishedOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Extract events and claims from the inputs and store them in the ledger (idempotent)."""
    from debrief.ingest import read_sources  # deferred: the readers pull in trafilatura and feedparser

    options = RunOptions(PipelineOptions(published=_day(published)), workers)
    counts = {"inserted": 0, "exists": 0, "failed": 0}
    try:
        with Ledger.open(db) as ledger, make_runner(options) as runner:
            for outcome in load(ledger, read_sources(paths), runner=runner):
                counts[outcome.status] += 1
                if outcome.status == "failed":
                    typer.echo(outcome.message, err=True)
    except DebriefError as exc:
        raise _fail(f"error: {exc}") from exc
    finally:
        typer.echo(
            f"ingested {counts['inserted']}, already present {counts['exists']}, failed {counts['failed']}",
            err=True,
        )
    if counts["failed"]:
        raise typer.Exit(code=1)


def _show(db: str, fmt: OutputFormat, kind: Kind, rows_of: Callable[[Ledger], list[dict[str, Any]]]) -> None:
    """Open the ledger at `db`, print the rows `rows_of` reads from it, in `fmt`."""
    try:
        with Ledger.open(db, create=False) as ledger:
            typer.echo(render(rows_of(ledger), kind, fmt.value))
    except (DebriefError, ValueError) as exc:  # ValueError: contradictory options (since after until)
        raise _fail(str(exc)) from exc


def events(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    speaker: SpeakerOption = None,
    publisher: PublisherOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the events in the ledger."""
    _show(
        db,
        fmt,
        "events",
        lambda ledger: ledger.events(
            EventFilter(
                since=_day(since),
                until=_day(until),
                types=tuple(types or ()),
                country=country,
                admin1=admin1,
                speaker=speaker,
                publisher=publisher,
                limit=limit,
            )
        ),
    )


def claims(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypeOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    speaker: SpeakerOption = None,
    publisher: PublisherOption = None,
    stance: StanceOption = None,
    limit: LimitOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the claims in the ledger (--type/--country/--admin1 select claims by the events they report)."""
    _show(
        db,
        fmt,
        "claims",
        lambda ledger: ledger.claims(
            ClaimFilter(
                since=_day(since),
                until=_day(until),
                types=tuple(types or ()),
                country=country,
                admin1=admin1,
                speaker=speaker,
                publisher=publisher,
                stance=stance.value if stance else None,
                limit=limit,
            )
        ),
    )


class VerdictChoice(StrEnum):
    consistent = "consistent"
    inconsistent = "inconsistent"
    unknown = "unknown"


def checks(
    db: DbOption = DEFAULT_DB,
    verdict: Annotated[VerdictChoice | None, typer.Option(help="Only checks with this verdict.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the checks: stated totals against the sum of their itemised counts."""
    _show(db, fmt, "checks", lambda ledger: ledger.checks(verdict.value if verdict else None))


def contradictions(db: DbOption = DEFAULT_DB, fmt: FormatOption = OutputFormat.table) -> None:
    """List denials paired with the events other sources assert (same type, place and days)."""
    _show(db, fmt, "contradictions", lambda ledger: ledger.contradictions())


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("claims")(claims)
    app.command("checks")(checks)
    app.command("contradictions")(contradictions)
