"""A Report flattened into the ledger's table rows (pure: no database here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from debrief.records import Check, Claim, Event, Report

Row = dict[str, Any]


@dataclass(frozen=True)
class ReportRows:
    document: Row
    events: list[Row]
    claims: list[Row]
    checks: list[Row]


def _int(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def document_row(report: Report, text: str, ingested_at: datetime) -> Row:
    info = report.document
    published = info.published
    return {
        "id": info.id,
        "title": info.title,
        "publisher": info.publisher,
        "url": info.url,
        "published": published.date if published else None,
        "published_precision": published.precision if published else None,
        "published_inferred": published.inferred if published else None,
        "language": info.language,
        "source": info.source,
        "text": text,
        "report": report.model_dump(mode="json"),
        "ingested_at": ingested_at,
    }


def event_row(doc_id: str, ordinal: int, event: Event, claim_id: str | None) -> Row:
    loc = event.location
    return {
        "doc_id": doc_id,
        "id": event.id,
        "ordinal": ordinal,
        "type": event.type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "location_name": loc.name if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "fatalities_low": _int(event.fatalities.low),
        "fatalities_best": _int(event.fatalities.best),
        "fatalities_high": _int(event.fatalities.high),
        "claim_id": claim_id,
        "confidence": event.confidence,
        "record": event.model_dump(mode="json"),
    }


def claim_row(doc_id: str, ordinal: int, claim: Claim) -> Row:
    speaker = claim.speaker
    return {
        "doc_id": doc_id,
        "id": claim.id,
        "ordinal": ordinal,
        "speaker_text": speaker.text,
        "speaker_name": speaker.name,
        "speaker_role": speaker.role,
        "speaker_org": speaker.organization,
        "cue": claim.cue,
        "quote": claim.quote,
        "stance": claim.stance,
        "content_text": claim.content.text,
        "content_start": claim.content.start,
        "content_end": claim.content.end,
        "date_start": claim.date.start if claim.date else None,
        "date_end": claim.date.end if claim.date else None,
        "record": claim.model_dump(mode="json"),
    }


def check_row(doc_id: str, ordinal: int, check: Check) -> Row:
    return {
        "doc_id": doc_id,
        "ordinal": ordinal,
        "kind": check.kind,
        "claim_id": check.claim,
        "stated_value": check.stated.value,
        "computed": check.computed,
        "verdict": check.verdict,
        "record": check.model_dump(mode="json"),
    }


def report_rows(report: Report, text: str, ingested_at: datetime) -> ReportRows:
    """All rows of one document. An event's ``claim_id`` is its own ``claim``, else the first
    claim that lists it in ``claim.events`` (so either direction of the link finds it)."""
    doc_id = report.document.id
    listed_by: dict[str, str] = {}
    for claim in report.claims:
        for event_id in claim.events:
            listed_by.setdefault(event_id, claim.id)
    return ReportRows(
        document=document_row(report, text, ingested_at),
        events=[event_row(doc_id, i, ev, ev.claim or listed_by.get(ev.id)) for i, ev in enumerate(report.events)],
        claims=[claim_row(doc_id, i, claim) for i, claim in enumerate(report.claims)],
        checks=[check_row(doc_id, i, check) for i, check in enumerate(report.checks)],
    )
