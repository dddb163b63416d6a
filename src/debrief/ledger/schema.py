"""The ledger's tables (SQLAlchemy Core, portable: SQLite by default, PostgreSQL at scale).

Every row keeps the full contract record as JSON in ``record`` (``report`` for documents); the
other columns are copies of the fields the filters and exports read, indexed where a filter uses
them. Local ids ("e1", "c1") are unique within a document, so the primary keys are
``(doc_id, id)``; ``ordinal`` keeps the order the records had in the Report.

The migrations in :mod:`debrief.ledger.migrations` create exactly these tables; a test compares
the two so they cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

# Named constraints so that migrations (and PostgreSQL) see stable names.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _doc_fk() -> Column[str]:
    return Column(
        "doc_id",
        String(64),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    )


documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 hex of the normalised text
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published", String(10)),  # ISO yyyy-mm-dd
    Column("published_precision", String(16)),
    Column("published_inferred", Boolean),
    Column("language", String(16)),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("report", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_documents_publisher", "publisher"),
    Index("ix_documents_published", "published"),
)

events = Table(
    "events",
    metadata,
    _doc_fk(),
    Column("id", String(32), primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("type", String(64), nullable=False),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(16)),
    Column("location_name", Text),
    Column("country", String(8)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("location_precision", String(16)),
    Column("geonames_id", Integer),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("claim_id", String(32)),  # local id of the claim reporting it, or null
    Column("confidence", Float),
    Column("record", JSON, nullable=False),
    Index("ix_events_type", "type"),
    Index("ix_events_date_start", "date_start"),
    Index("ix_events_date_end", "date_end"),
    Index("ix_events_country", "country"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_doc_claim", "doc_id", "claim_id"),
)

claims = Table(
    "claims",
    metadata,
    _doc_fk(),
    Column("id", String(32), primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("speaker_text", Text),
    Column("speaker_name", Text),
    Column("speaker_role", Text),
    Column("speaker_org", Text),
    Column("cue", Text),
    Column("quote", String(16)),
    Column("stance", String(16)),
    Column("content_text", Text),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("date_start", String(10)),  # when the claim was made, if the text says
    Column("date_end", String(10)),
    Column("record", JSON, nullable=False),
    Index("ix_claims_stance", "stance"),
    Index("ix_claims_speaker_name", "speaker_name"),
)

checks = Table(
    "checks",
    metadata,
    _doc_fk(),
    Column("ordinal", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(64), nullable=False),
    Column("claim_id", String(32)),
    Column("stated_value", Float),
    Column("computed", Float),
    Column("verdict", String(16)),
    Column("record", JSON, nullable=False),
    Index("ix_checks_verdict", "verdict"),
)
