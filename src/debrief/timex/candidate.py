"""What recognition finds before any anchor is known: a span and its parsed fields.

A :class:`Candidate` is internal to :mod:`debrief.timex` (recognise once, resolve against an
anchor that may itself be inferred from the candidates); what leaves the package is a
:class:`~debrief.records.Timex`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
Form = Literal["calendar", "weekday", "offset", "weekend", "overnight", "past", "unresolved", "duration", "time"]
Shift = Literal["last", "next", "this", "none"]
Tense = Literal["future", "past", "none"]  # what the clause around the expression suggests
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
    weekday: int | None = None  # also the weekday named with a date ("Monday, Oct. 26")
    shift: Shift = "none"
    unit: Unit | None = None
    count: int | None = None  # signed offset for "offset"; length for "past"; None when vague
    year_shift: int | None = None  # "June last year": the year is the anchor's year + year_shift
    tense: Tense = "none"
    priority: int = 0  # breaks ties between overlapping candidates of equal length

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def future(self) -> bool:
        return self.tense == "future"

    def with_tense(self, tense: Tense) -> Candidate:
        return replace(self, tense=tense)


# Turns one pattern match in a text into a candidate, or None when a guard rejects it.
Builder = Callable[[re.Match[str], str], Candidate | None]
