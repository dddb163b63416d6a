"""What recognition finds before any anchor is known: a span and its parsed fields.

A :class:`Candidate` is internal to :mod:`debrief.timex` (recognise once, resolve against an
anchor that may itself be inferred from the candidates); what leaves the package is a
:class:`~debrief.records.Timex`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final, Literal

from debrief.timex.lexicon import Unit

TimexKind = Literal["date", "range", "weekday", "relative", "year", "month", "duration", "time"]

# How a candidate is resolved:
#   calendar  — day/month/year fields, possibly missing the year (first, and last for ranges)
#   weekday   — a day of the week with an optional shift (last / next / this)
#   offset    — `count` units from the anchor ("yesterday", "last week", "three weeks ago")
#   weekend   — Saturday..Sunday, shifted like a weekday
#   overnight — the night ending on the anchor day
#   past      — a duration ending at the anchor ("the past week", "the last 24 hours")
#   unresolved— a time expression whose reference point is not the anchor ("the next day")
#   duration  — a length of time, no date ("for 48 hours", "nearly three years")
#   time      — a time of day alone ("10:30", "3pm")
Form = Literal[
    "calendar", "weekday", "offset", "weekend", "overnight", "past", "unresolved", "duration", "time"
]
Shift = Literal["last", "next", "this", "none"]
SHIFTS: Final[dict[str, Shift]] = {
    "last": "last", "past": "last", "previous": "last", "this past": "last", "the past": "last",
    "the previous": "last", "next": "next", "coming": "next", "this coming": "next", "this": "this",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Partial:
    """A calendar date with any of its fields possibly missing."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    kind: TimexKind
    form: Form
    first: Partial = Partial()
    last: Partial | None = None  # the end of a range
    weekday: int | None = None
    shift: Shift = "none"
    unit: Unit | None = None
    count: int | None = None  # signed offset for "offset"; length for "past"; None when vague
    future: bool = False  # a future-tense cue near the expression
    priority: int = 0  # breaks ties between overlapping candidates of equal length

    @property
    def length(self) -> int:
        return self.end - self.start

    def with_future(self, future: bool) -> Candidate:
        return replace(self, future=future)
