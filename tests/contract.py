"""The record contract (DESIGN.md) as assertions that hold for any input.

`assert_report_valid(report, text)` checks one Report against the text it was extracted from:
it survives a JSON round trip, every span points into `text` and quotes it exactly, codes and
enumerations are valid, dates are ISO with start <= end, coordinates are on the globe, ranges are
ordered and cross-references (event <-> claim, check -> claim) resolve. It reports every problem
at once. Import it from other tests: ``from contract import assert_report_valid``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date

from debrief.records import Check, Claim, DateValue, Event, EventDate, Location, Quantity, Report
from debrief.taxonomy import EVENT_CODES, code_info

STANCES = ("assert", "deny", "hedge")
QUOTES = ("direct", "indirect", "mixed")
VERDICTS = ("consistent", "inconsistent", "unknown")
PRECISIONS = ("day", "week", "month", "year", "unknown")
PLACE_PRECISIONS = ("point", "near", "admin2", "admin1", "country")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_COUNTRY = re.compile(r"[A-Z]{2}")


class _Problems:
    """Collects contract violations for one report, each named by where it was found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.found.append(f"{where}: {problem}")

    def span(self, where: str, start: object, end: object, quoted: object) -> None:
        """`start`/`end` are ints with 0 <= start < end <= len(text) and text[start:end] == quoted."""
        if not isinstance(start, int) or not isinstance(end, int):
            self.add(where, f"offsets must be ints, got start={start!r} end={end!r}")
            return
        if not 0 <= start < end <= len(self.text):
            self.add(where, f"offsets {start}..{end} outside 0..{len(self.text)} or empty")
            return
        if self.text[start:end] != quoted:
            self.add(where, f"text[{start}:{end}] is {self.text[start:end]!r}, record says {quoted!r}")

    def optional_span(self, where: str, start: int | None, end: int | None, quoted: str | None) -> None:
        """Offsets may be absent (both None); when present they must quote `quoted` exactly."""
        if start is None and end is None:
            return
        if start is None or end is None:
            self.add(where, f"only one offset given: start={start!r} end={end!r}")
            return
        self.span(where, start, end, quoted)

    def iso(self, where: str, value: str | None) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.add(where, f"not an ISO date: {value!r}")
            return None

    def ordered(self, where: str, *values: float | None) -> None:
        """The values that are present are in non-decreasing order."""
        present = [v for v in values if v is not None]
        if present != sorted(present):
            self.add(where, f"not ordered low <= ... <= high: {values!r}")


def report_problems(report: Report, text: str) -> list[str]:
    """Every contract violation of `report` against `text` (empty when valid)."""
    p = _Problems(text)
    _round_trip(p, report)
    if not _SHA256.fullmatch(report.document.id):
        p.add("document.id", f"not a SHA-256 hex digest: {report.document.id!r}")
    _date_value(p, "document.published", report.document.published)

    event_ids = _unique_ids(p, "event", (e.id for e in report.events))
    claim_ids = _unique_ids(p, "claim", (c.id for c in report.claims))
    for event in report.events:
        _event(p, event, claim_ids)
    for claim in report.claims:
        _claim(p, claim, event_ids)
    for index, check in enumerate(report.checks):
        _check(p, f"checks[{index}]", check, claim_ids)
    return p.found


def assert_report_valid(report: Report, text: str) -> None:
    problems = report_problems(report, text)
    assert not problems, f"{len(problems)} contract violation(s):\n  " + "\n  ".join(problems)


def _round_trip(p: _Problems, report: Report) -> None:
    try:
        again = Report.model_validate(json.loads(report.model_dump_json()))
    except ValueError as exc:  # pydantic.ValidationError and json.JSONDecodeError are ValueErrors
        p.add("report", f"does not survive a JSON round trip: {exc}")
        return
    if again.model_dump(mode="json") != report.model_dump(mode="json"):
        p.add("report", "changes in a JSON round trip")


def _unique_ids(p: _Problems, kind: str, ids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            p.add(kind, f"duplicate id {item_id!r}")
        seen.add(item_id)
    return seen


def _date_value(p: _Problems, where: str, value: DateValue | None) -> None:
    if value is None:
        return
    p.iso(f"{where}.date", value.date)
    if value.precision not in PRECISIONS:
        p.add(where, f"precision {value.precision!r} not in {PRECISIONS}")


def _event_date(p: _Problems, where: str, value: EventDate | None) -> None:
    if value is None:
        return
    start = p.iso(f"{where}.start", value.start)
    end = p.iso(f"{where}.end", value.end)
    if start and end and start > end:
        p.add(where, f"start {start} after end {end}")
    if value.precision not in PRECISIONS:
        p.add(where, f"precision {value.precision!r} not in {PRECISIONS}")


def _quantities(p: _Problems, where: str, quantities: list[Quantity]) -> None:
    for index, q in enumerate(quantities):
        p.span(f"{where}[{index}]", q.start, q.end, q.text)
        p.ordered(f"{where}[{index}] low/high", q.low, q.high)


def _location(p: _Problems, where: str, loc: Location) -> None:
    p.optional_span(where, loc.start, loc.end, loc.text)
    if (loc.lat is None) != (loc.lon is None):
        p.add(where, f"only one coordinate: lat={loc.lat!r} lon={loc.lon!r}")
    if loc.lat is not None and not -90 <= loc.lat <= 90:
        p.add(where, f"latitude out of range: {loc.lat}")
    if loc.lon is not None and not -180 <= loc.lon <= 180:
        p.add(where, f"longitude out of range: {loc.lon}")
    if loc.precision is not None and loc.precision not in PLACE_PRECISIONS:
        p.add(where, f"precision {loc.precision!r} not in {PLACE_PRECISIONS}")
    if loc.country is not None and not _COUNTRY.fullmatch(loc.country):
        p.add(where, f"country is not ISO 3166-1 alpha-2: {loc.country!r}")


def _event(p: _Problems, event: Event, claim_ids: set[str]) -> None:
    where = f"event {event.id}"
    if event.type not in EVENT_CODES:
        p.add(where, f"type {event.type!r} is not one of the 30 codes")
    else:
        info = code_info(event.type)
        if event.event_type is not None and event.event_type != info.event_type:
            p.add(where, f"event_type {event.event_type!r} does not match {event.type} ({info.event_type!r})")
        if event.sub_event_type is not None and event.sub_event_type != info.sub_event_type:
            p.add(where, f"sub_event_type {event.sub_event_type!r} does not match {event.type}")
    if event.trigger is not None:
        p.span(f"{where}.trigger", event.trigger.start, event.trigger.end, event.trigger.text)
    for role, entities in (("actors", event.actors), ("targets", event.targets)):
        for index, entity in enumerate(entities):
            p.span(f"{where}.{role}[{index}]", entity.start, entity.end, entity.text)
    if event.location is not None:
        _location(p, f"{where}.location", event.location)
    _event_date(p, f"{where}.date", event.date)
    _quantities(p, f"{where}.quantities", event.quantities)
    for index, weapon in enumerate(event.weapons):
        p.span(f"{where}.weapons[{index}]", weapon.start, weapon.end, weapon.text)
    for index, evidence in enumerate(event.evidence):
        p.span(f"{where}.evidence[{index}]", evidence.start, evidence.end, evidence.text)
    f = event.fatalities
    for name, value in (("low", f.low), ("best", f.best), ("high", f.high)):
        if value is not None and value < 0:
            p.add(f"{where}.fatalities", f"{name} is negative: {value}")
    p.ordered(f"{where}.fatalities", f.low, f.best, f.high)
    if event.claim is not None and event.claim not in claim_ids:
        p.add(where, f"refers to unknown claim {event.claim!r}")
    if not 0.0 <= event.confidence <= 1.0:
        p.add(where, f"confidence out of [0, 1]: {event.confidence}")


def _claim(p: _Problems, claim: Claim, event_ids: set[str]) -> None:
    where = f"claim {claim.id}"
    p.optional_span(f"{where}.speaker", claim.speaker.start, claim.speaker.end, claim.speaker.text)
    p.span(f"{where}.content", claim.content.start, claim.content.end, claim.content.text)
    if claim.cue_span is not None:
        p.span(f"{where}.cue_span", claim.cue_span.start, claim.cue_span.end, claim.cue_span.text)
    if claim.stance not in STANCES:
        p.add(where, f"stance {claim.stance!r} not in {STANCES}")
    if claim.quote not in QUOTES:
        p.add(where, f"quote {claim.quote!r} not in {QUOTES}")
    _event_date(p, f"{where}.date", claim.date)
    _quantities(p, f"{where}.quantities", claim.quantities)
    for event_id in claim.events:
        if event_id not in event_ids:
            p.add(where, f"refers to unknown event {event_id!r}")


def _check(p: _Problems, where: str, check: Check, claim_ids: set[str]) -> None:
    if check.verdict not in VERDICTS:
        p.add(where, f"verdict {check.verdict!r} not in {VERDICTS}")
    if check.claim is not None and check.claim not in claim_ids:
        p.add(where, f"refers to unknown claim {check.claim!r}")
    p.optional_span(f"{where}.stated", check.stated.start, check.stated.end, check.stated.text)
    _quantities(p, f"{where}.items", check.items)
