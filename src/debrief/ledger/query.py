"""Filters to SQL, and result rows back to records.

A result row is the record's full JSON (the contract's Event or Claim) plus the document it came
from: ``doc_id``, ``title``, ``publisher``, ``url``, ``published``. Events also carry
``claim_speaker`` (the speaker of the claim that reports them, or null); claims carry
``locations``, one entry per linked event (``event``, ``type``, ``name``, ``country``,
``admin1``, ``lat``, ``lon``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, or_, select

from debrief.ledger.schema import checks, claims, documents, events
from debrief.options import ClaimFilter, EventFilter, LedgerFilter

Record = dict[str, Any]
_CHUNK = 500  # doc ids per IN (...) when fetching the events linked to claims

_DOCUMENT_COLUMNS = (
    documents.c.title,
    documents.c.publisher,
    documents.c.url,
    documents.c.published,
)


def _contains(column: ColumnElement[Any], needle: str) -> ColumnElement[bool]:
    """Case-insensitive substring match (LIKE wildcards in `needle` are taken literally)."""
    return func.lower(column).contains(needle.lower(), autoescape=True)


def _overlaps(start: ColumnElement[Any], end: ColumnElement[Any], f: LedgerFilter) -> list[ColumnElement[bool]]:
    """[start, end] overlaps [since, until]; a record without a date never matches a date filter."""
    conditions: list[ColumnElement[bool]] = []
    if f.since is not None:
        conditions.append(end >= f.since.isoformat())
    if f.until is not None:
        conditions.append(start <= f.until.isoformat())
    return conditions


def _place_conditions(f: LedgerFilter) -> list[ColumnElement[bool]]:
    """Conditions on the events table: type codes, country, admin1."""
    conditions: list[ColumnElement[bool]] = []
    if f.types:
        conditions.append(events.c.type.in_(sorted({t.upper() for t in f.types})))
    if f.country:
        conditions.append(func.upper(events.c.country) == f.country.upper())
    if f.admin1:
        conditions.append(func.lower(events.c.admin1) == f.admin1.lower())
    return conditions


def _document_conditions(f: LedgerFilter) -> list[ColumnElement[bool]]:
    return [_contains(documents.c.publisher, f.publisher)] if f.publisher else []


def _speaker_condition(f: LedgerFilter) -> list[ColumnElement[bool]]:
    if not f.speaker:
        return []
    return [or_(_contains(claims.c.speaker_name, f.speaker), _contains(claims.c.speaker_text, f.speaker))]


def event_statement(f: EventFilter) -> Select[Any]:
    start = func.coalesce(events.c.date_start, events.c.date_end)
    end = func.coalesce(events.c.date_end, events.c.date_start)
    claim_join = and_(claims.c.doc_id == events.c.doc_id, claims.c.id == events.c.claim_id)
    stmt = (
        select(
            events.c.record,
            events.c.doc_id,
            *_DOCUMENT_COLUMNS,
            claims.c.record.label("claim_record"),
        )
        .join(documents, documents.c.id == events.c.doc_id)
        .outerjoin(claims, claim_join)
        .where(
            *_overlaps(start, end, f),
            *_place_conditions(f),
            *_document_conditions(f),
            *_speaker_condition(f),
        )
        .order_by(start.is_(None), start, documents.c.published, events.c.doc_id, events.c.ordinal)
    )
    return stmt if f.limit is None else stmt.limit(f.limit)


def claim_statement(f: ClaimFilter) -> Select[Any]:
    published = documents.c.published
    start = func.coalesce(claims.c.date_start, claims.c.date_end, published)
    end = func.coalesce(claims.c.date_end, claims.c.date_start, published)
    conditions = [
        *_overlaps(start, end, f),
        *_document_conditions(f),
        *_speaker_condition(f),
    ]
    place = _place_conditions(f)
    if place:  # the claim reports at least one event matching all of them
        linked = and_(events.c.doc_id == claims.c.doc_id, events.c.claim_id == claims.c.id, *place)
        conditions.append(exists().where(linked))
    if f.stance:
        conditions.append(claims.c.stance == f.stance.lower())
    stmt = (
        select(claims.c.record, claims.c.doc_id, *_DOCUMENT_COLUMNS)
        .join(documents, documents.c.id == claims.c.doc_id)
        .where(*conditions)
        .order_by(start.is_(None), start, claims.c.doc_id, claims.c.ordinal)
    )
    return stmt if f.limit is None else stmt.limit(f.limit)


def _with_document(record: Record, row: Any) -> Record:
    return {
        **record,
        "doc_id": row.doc_id,
        "title": row.title,
        "publisher": row.publisher,
        "url": row.url,
        "published": row.published,
    }


def _speaker_of(claim_record: Record | None) -> Record | None:
    return None if claim_record is None else claim_record.get("speaker")


def find_events(conn: Connection, f: EventFilter) -> list[Record]:
    rows = conn.execute(event_statement(f)).all()
    return [{**_with_document(row.record, row), "claim_speaker": _speaker_of(row.claim_record)} for row in rows]


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _linked_locations(conn: Connection, doc_ids: Sequence[str]) -> dict[tuple[str, str], list[Record]]:
    """(doc_id, claim id) -> the locations of the events that claim reports."""
    linked: dict[tuple[str, str], list[Record]] = {}
    for chunk in _chunks(doc_ids, _CHUNK):
        stmt = (
            select(
                events.c.doc_id,
                events.c.id,
                events.c.claim_id,
                events.c.type,
                events.c.location_name,
                events.c.country,
                events.c.admin1,
                events.c.lat,
                events.c.lon,
            )
            .where(events.c.doc_id.in_(chunk), events.c.claim_id.is_not(None))
            .order_by(events.c.doc_id, events.c.ordinal)
        )
        for ev in conn.execute(stmt):
            linked.setdefault((ev.doc_id, ev.claim_id), []).append(
                {
                    "event": ev.id,
                    "type": ev.type,
                    "name": ev.location_name,
                    "country": ev.country,
                    "admin1": ev.admin1,
                    "lat": ev.lat,
                    "lon": ev.lon,
                }
            )
    return linked


def find_claims(conn: Connection, f: ClaimFilter) -> list[Record]:
    rows = conn.execute(claim_statement(f)).all()
    linked = _linked_locations(conn, sorted({row.doc_id for row in rows}))
    return [
        {**_with_document(row.record, row), "locations": linked.get((row.doc_id, row.record["id"]), [])} for row in rows
    ]


def find_checks(conn: Connection, verdict: str | None = None) -> list[Record]:
    """Stored checks (stated totals against their items), oldest document first."""
    stmt = (
        select(checks.c.record, checks.c.doc_id, *_DOCUMENT_COLUMNS)
        .join(documents, documents.c.id == checks.c.doc_id)
        .where(*([checks.c.verdict == verdict] if verdict else []))
        .order_by(documents.c.published, checks.c.doc_id, checks.c.ordinal)
    )
    return [{**_with_document(row.record, row), "id": row.record.get("claim")} for row in conn.execute(stmt).all()]
