"""`debrief extract`: run the pipeline over inputs and print Reports (no storage)."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated

import typer

from debrief.errors import DebriefError, InputError
from debrief.options import PipelineOptions
from debrief.records import Report


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def parse_day(value: str | None) -> date | None:
    """A --published value; a clear error for anything but YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from exc


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="Run the pipeline in this many processes, one pipeline each (1: in this process). "
        "Each builds its own pipeline (a few seconds, ~600 MB); worth it for many documents.",
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date YYYY-MM-DD; overrides metadata and inference."),
]


def table_lines(report: Report) -> list[str]:
    """A readable summary of one Report."""
    d = report.document
    pub = d.published
    pub_text = f"{pub.date} ({pub.precision}{', inferred' if pub.inferred else ''})" if pub and pub.date else "unknown"
    lines = [f"document {d.id[:12]}  {d.title or d.source or ''}".rstrip(), f"  published {pub_text}"]
    lines.append(f"  events ({len(report.events)})")
    for e in report.events:
        loc = e.location
        where = f"{loc.name or loc.text}, {loc.admin1 or '-'}, {loc.country or '-'} [{loc.precision}]" if loc else "-"
        when = e.date.start if e.date.start == e.date.end else f"{e.date.start}..{e.date.end}"
        weapons = ", ".join(w.text for w in e.weapons)
        actors = ", ".join(a.name or a.text for a in e.actors)
        lines.append(f"    {e.id:<4} {e.type:<26} {when or '-':<23} {where}")
        extra = "; ".join(
            x
            for x in (
                f"actors: {actors}" if actors else "",
                f"weapons: {weapons}" if weapons else "",
                f"claim {e.claim}" if e.claim else "",
            )
            if x
        )
        if extra:
            lines.append(f"         {extra}")
    lines.append(f"  claims ({len(report.claims)})")
    for c in report.claims:
        sp = c.speaker
        who = ", ".join(x for x in (sp.name or sp.text, sp.role, sp.organization) if x) or "(unattributed)"
        content = c.content.text if len(c.content.text) <= 90 else c.content.text[:87] + "..."
        unverified = "; unverified" if c.caveat else ""
        lines.append(f"    {c.id:<4} {who} [{c.cue}; {c.quote}; {c.stance}{unverified}]")
        lines.append(f"         {content}")
    if report.checks:
        lines.append(f"  checks ({len(report.checks)})")
        for k in report.checks:
            approx = f"{k.stated.approx} " if k.stated.approx else ""
            lines.append(
                f"    {k.kind}: stated {approx}{k.stated.value:g} ({k.stated.text!r}) vs computed "
                f"{k.computed:g}: {k.verdict}"
            )
    return lines


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        paths: Annotated[list[str], typer.Argument(help="Files, folders, URLs, or - for standard input.")],
        published: PublishedOption = None,
        fmt: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = ExtractFormat.json,
    ) -> None:
        """Extract events, claims and checks from articles and print one Report per document (no storage)."""
        from debrief.ingest import read_sources
        from debrief.pipeline import Pipeline

        try:
            pipeline = Pipeline(PipelineOptions(published=parse_day(published)))
        except DebriefError as exc:  # a bad $DEBRIEF_BACKENDS, an unknown backend
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from exc
        reports: list[Report] = []
        failed = 0
        for item in read_sources(paths):
            if isinstance(item, InputError):
                failed += 1
                typer.echo(f"error: {item}", err=True)
                continue
            try:
                report = pipeline(item).to_report()
            except DebriefError as exc:
                failed += 1
                typer.echo(f"error: {item.info.source or item.id[:12]}: {exc}", err=True)
                continue
            if fmt is ExtractFormat.jsonl:
                sys.stdout.write(report.model_dump_json(exclude_none=False) + "\n")
            elif fmt is ExtractFormat.table:
                typer.echo("\n".join(table_lines(report)))
            else:
                reports.append(report)
        if fmt is ExtractFormat.json:
            payload = [r.model_dump(mode="json") for r in reports]
            typer.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
        if failed:
            raise typer.Exit(code=1)
