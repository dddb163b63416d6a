"""The ledger: Reports in, filtered events and claims out.

Each document is written in one transaction: all of its rows or none. Adding a document whose
id is already stored changes nothing (documents are identified by the SHA-256 of their
normalised text, so the same article ingested twice is one document).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar

from sqlalchemy import Connection, Engine, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from debrief.document import document_id
from debrief.errors import LedgerError
from debrief.ledger import links, query, schema
from debrief.ledger.connect import Location, connect, db_problem
from debrief.ledger.rows import Row, report_rows
from debrief.options import ClaimFilter, EventFilter, LinkOptions
from debrief.records import Report

AddStatus = Literal["inserted", "exists"]
T = TypeVar("T")


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Ledger.add` did with one document (counts are 0 when it already existed)."""

    doc_id: str
    status: AddStatus
    events: int = 0
    claims: int = 0
    checks: int = 0

    @property
    def inserted(self) -> bool:
        return self.status == "inserted"


@dataclass(frozen=True)
class LedgerStats:
    documents: int
    events: int
    claims: int
    checks: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _insert_document(conn: Connection, row: Row) -> bool:
    """Insert the document row unless its id is stored; True when inserted. Atomic on SQLite and
    PostgreSQL (ON CONFLICT DO NOTHING), so two writers racing on one document cannot both win."""
    table = schema.documents
    dialect = conn.dialect.name
    if dialect == "sqlite":
        stmt: Any = sqlite.insert(table).on_conflict_do_nothing(index_elements=[table.c.id])
    elif dialect == "postgresql":
        stmt = postgresql.insert(table).on_conflict_do_nothing(index_elements=[table.c.id])
    else:
        if conn.execute(select(table.c.id).where(table.c.id == row["id"])).first() is not None:
            return False
        stmt = insert(table)
    # preserve_rowcount: SQLAlchemy keeps the driver's rowcount of an INSERT only when asked
    return conn.execute(stmt, row, execution_options={"preserve_rowcount": True}).rowcount == 1


class Ledger:
    """A connection to a ledger database. Open with :meth:`open`; use as a context manager."""

    def __init__(self, engine: Engine, location: Location) -> None:
        self.engine = engine
        self.location = location

    @classmethod
    def open(cls, url_or_path: str | Path = "debrief.db", *, create: bool = True) -> Ledger:
        """Connect to (and migrate) the ledger at a path (SQLite) or SQLAlchemy URL.

        With ``create=False`` a SQLite file that does not exist raises
        :class:`~debrief.errors.LedgerNotFoundError` instead of creating an empty ledger.
        """
        engine, location = connect(url_or_path, create=create)
        return cls(engine, location)

    # ------------------------------------------------------------------ writing

    def add(self, report: Report, text: str) -> AddResult:
        """Store one document with its events, claims and checks, in one transaction.

        `text` is the document's normalised text (``Document.text``); its SHA-256 must be the
        report's document id. Raises :class:`LedgerError` when the report cannot be stored (then
        nothing of it is).
        """
        doc_id = report.document.id
        if document_id(text) != doc_id:
            raise LedgerError(f"document {doc_id[:12]}: the text given is not the text the id was made from")
        rows = report_rows(report, text, datetime.now(UTC))
        try:
            with self.engine.begin() as conn:
                if not _insert_document(conn, rows.document):
                    return AddResult(doc_id, "exists")
                for table, batch in (
                    (schema.claims, rows.claims),
                    (schema.events, rows.events),
                    (schema.checks, rows.checks),
                ):
                    if batch:
                        conn.execute(insert(table), batch)
        except SQLAlchemyError as exc:
            raise LedgerError(
                f"could not store document {doc_id[:12]} in {self.location.label}: {db_problem(exc)}"
            ) from exc
        return AddResult(doc_id, "inserted", len(rows.events), len(rows.claims), len(rows.checks))

    # ------------------------------------------------------------------ reading

    def _read(self, fn: Callable[[Connection], T]) -> T:
        try:
            with self.engine.connect() as conn:
                return fn(conn)
        except SQLAlchemyError as exc:
            raise LedgerError(f"could not read {self.location.label}: {db_problem(exc)}") from exc

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        stmt = select(schema.documents.c.id).where(schema.documents.c.id == doc_id)
        return self._read(lambda conn: conn.execute(stmt).first() is not None)

    def report(self, doc_id: str) -> Report | None:
        """The stored Report of a document, or None."""
        stmt = select(schema.documents.c.report).where(schema.documents.c.id == doc_id)
        data = self._read(lambda conn: conn.execute(stmt).scalar_one_or_none())
        return None if data is None else Report.model_validate(data)

    def events(self, filter: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events matching `filter`, chronologically (see :mod:`debrief.ledger.query`)."""
        f = filter or EventFilter()
        return self._read(lambda conn: query.find_events(conn, f))

    def claims(self, filter: ClaimFilter | None = None) -> list[dict[str, Any]]:
        """Claims matching `filter`, chronologically (see :mod:`debrief.ledger.query`)."""
        f = filter or ClaimFilter()
        return self._read(lambda conn: query.find_claims(conn, f))

    def checks(self, verdict: str | None = None) -> list[dict[str, Any]]:
        """Stored checks, optionally only those with `verdict` (consistent | inconsistent | unknown)."""
        return self._read(lambda conn: query.find_checks(conn, verdict))

    def contradictions(self, options: LinkOptions | None = None) -> list[dict[str, Any]]:
        """Denials paired with the events other sources assert (see :mod:`debrief.ledger.links`)."""
        return links.find_contradictions(self, options or LinkOptions())

    def stats(self) -> LedgerStats:
        def count(conn: Connection) -> LedgerStats:
            n = {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (schema.documents, schema.events, schema.claims, schema.checks)
            }
            return LedgerStats(n["documents"], n["events"], n["claims"], n["checks"])

        return self._read(count)

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
