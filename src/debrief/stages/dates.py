"""Dates: time expressions in the text, resolved against the publication date.

The stage recognises every expression once, infers the publication date from them when the
document has none (:mod:`debrief.timex.published`), then resolves them all against it. Without
a publication date and without evidence for one, anchor-dependent expressions keep no value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from debrief.document import Document
from debrief.errors import DebriefError
from debrief.pipeline import Context
from debrief.records import DateValue
from debrief.timex import infer_published, recognize, to_timex


class PublishedDateError(DebriefError, ValueError):
    """The document's publication date is not an ISO date."""

    def __init__(self, doc_id: str, value: str) -> None:
        super().__init__(f"document {doc_id[:12]}: published date {value!r} is not an ISO date (yyyy-mm-dd)")
        self.value = value


def anchor_of(published: DateValue | None, doc_id: str = "") -> date | None:
    """The anchor day of a publication date (its first 10 characters may carry a time after)."""
    if published is None or not published.date:
        return None
    raw = published.date.strip()
    try:
        return datetime.fromisoformat(raw).date() if len(raw) > 10 else date.fromisoformat(raw)
    except ValueError as exc:
        raise PublishedDateError(doc_id, raw) from exc


@dataclass
class DatesStage:
    context: Context
    name: str = "dates"

    def __call__(self, doc: Document) -> Document:
        candidates = recognize(doc.text)
        anchor = anchor_of(doc.info.published, doc.id)
        if anchor is None:
            inferred = infer_published(doc.text, candidates)
            if inferred is not None:
                doc.info.published = inferred
                anchor = anchor_of(inferred, doc.id)
        doc.timexes = [to_timex(c, doc.text, anchor) for c in candidates]
        return doc
