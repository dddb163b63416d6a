"""Time expressions: recognition, resolution against an anchor, publication-date inference.

The pure functions here serve the ``dates`` stage and any other stage that needs a date:

* :func:`find_timexes` — every time expression in a text, resolved against an anchor (or not);
* :func:`resolve` — one expression ("last Friday", "November 11-12") against an anchor;
* :func:`infer_published` / :func:`recognize` — the two halves the stage runs separately so the
  anchor can be inferred from the very expressions it will resolve.
"""

from __future__ import annotations

from datetime import date

from debrief.records import DateValue, Timex
from debrief.timex.candidate import Candidate, Partial
from debrief.timex.fallback import dateparser_timex
from debrief.timex.published import infer_published
from debrief.timex.recognize import recognize
from debrief.timex.resolve import to_timex

__all__ = [
    "Candidate",
    "Partial",
    "find_timexes",
    "infer_published",
    "infer_published_from_text",
    "recognize",
    "resolve",
    "to_timex",
]


def find_timexes(text: str, anchor: date | None) -> list[Timex]:
    """Every time expression in `text`, sorted by start; anchor-dependent values stay None
    when `anchor` is None."""
    return [to_timex(c, text, anchor) for c in recognize(text)]


def resolve(text: str, anchor: date) -> Timex | None:
    """One expression: the longest time expression the rules find in `text` (offsets into
    `text`), else dateparser's reading of the whole string, else None."""
    found = find_timexes(text, anchor)
    if found:
        return max(found, key=lambda t: (t.end - t.start, -t.start))
    return dateparser_timex(text, anchor)


def infer_published_from_text(text: str) -> DateValue | None:
    """The publication date `text` implies (see :mod:`debrief.timex.published`), or None."""
    return infer_published(text, recognize(text))
