"""The ledger: every document's events, claims and checks, in SQLite (default) or PostgreSQL.

Example::

    with Ledger.open("debrief.db") as ledger:
        ledger.add(doc.to_report(), doc.text)
        rows = ledger.events(EventFilter(types=("AIR_STRIKE",), admin1="Homs"))
"""

from __future__ import annotations

from debrief.ledger.load import LoadOutcome, load
from debrief.ledger.store import AddResult, AddStatus, Ledger, LedgerStats

__all__ = ["AddResult", "AddStatus", "Ledger", "LedgerStats", "LoadOutcome", "load"]
