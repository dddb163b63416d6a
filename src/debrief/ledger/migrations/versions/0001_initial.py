"""Initial ledger: documents, events, claims, checks.

Revision ID: 0001
Revises:
Create Date: 2026-05-09

Frozen on purpose (it does not import :mod:`debrief.ledger.schema`): later schema changes get
their own revision. ``tests/test_ledger.py`` checks that the migrated database equals the schema.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _doc_id() -> sa.Column[str]:
    return sa.Column("doc_id", sa.String(64), nullable=False)


def _doc_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["doc_id"], ["documents.id"], name=f"fk_{table}_doc_id_documents", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("publisher", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("published", sa.String(10)),
        sa.Column("published_precision", sa.String(16)),
        sa.Column("published_inferred", sa.Boolean()),
        sa.Column("language", sa.String(16)),
        sa.Column("source", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_publisher", "documents", ["publisher"])
    op.create_index("ix_documents_published", "documents", ["published"])

    op.create_table(
        "events",
        _doc_id(),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("event_type", sa.Text()),
        sa.Column("sub_event_type", sa.Text()),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("date_precision", sa.String(16)),
        sa.Column("location_name", sa.Text()),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1", sa.Text()),
        sa.Column("admin2", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("location_precision", sa.String(16)),
        sa.Column("geonames_id", sa.Integer()),
        sa.Column("fatalities_low", sa.Integer()),
        sa.Column("fatalities_best", sa.Integer()),
        sa.Column("fatalities_high", sa.Integer()),
        sa.Column("claim_id", sa.String(32)),
        sa.Column("confidence", sa.Float()),
        sa.Column("record", sa.JSON(), nullable=False),
        _doc_fk("events"),
        sa.PrimaryKeyConstraint("doc_id", "id", name="pk_events"),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_date_start", "events", ["date_start"])
    op.create_index("ix_events_date_end", "events", ["date_end"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_index("ix_events_admin1", "events", ["admin1"])
    op.create_index("ix_events_doc_claim", "events", ["doc_id", "claim_id"])

    op.create_table(
        "claims",
        _doc_id(),
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("speaker_text", sa.Text()),
        sa.Column("speaker_name", sa.Text()),
        sa.Column("speaker_role", sa.Text()),
        sa.Column("speaker_org", sa.Text()),
        sa.Column("cue", sa.Text()),
        sa.Column("quote", sa.String(16)),
        sa.Column("stance", sa.String(16)),
        sa.Column("content_text", sa.Text()),
        sa.Column("content_start", sa.Integer()),
        sa.Column("content_end", sa.Integer()),
        sa.Column("date_start", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("record", sa.JSON(), nullable=False),
        _doc_fk("claims"),
        sa.PrimaryKeyConstraint("doc_id", "id", name="pk_claims"),
    )
    op.create_index("ix_claims_stance", "claims", ["stance"])
    op.create_index("ix_claims_speaker_name", "claims", ["speaker_name"])

    op.create_table(
        "checks",
        _doc_id(),
        sa.Column("ordinal", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("claim_id", sa.String(32)),
        sa.Column("stated_value", sa.Float()),
        sa.Column("computed", sa.Float()),
        sa.Column("verdict", sa.String(16)),
        sa.Column("record", sa.JSON(), nullable=False),
        _doc_fk("checks"),
        sa.PrimaryKeyConstraint("doc_id", "ordinal", name="pk_checks"),
    )
    op.create_index("ix_checks_verdict", "checks", ["verdict"])


def downgrade() -> None:
    for table in ("checks", "claims", "events"):
        op.drop_table(table)
    op.drop_table("documents")
