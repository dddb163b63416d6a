"""Infer the publication date of a text that does not state one.

Evidence, strongest first:

1. a dateline with a full date ("MOSCOW, November 13, 2015 (RIA) -") or a stated publication
   ("First published on 13 November 2015") is the date;
2. a dateline without a year ("BAGHDAD, March 3 (Reuters) -") is placed on or after the latest
   explicit full date in the text, else in the latest explicit year mentioned;
3. the latest explicit full date (a dated embedded post, "November 12, 2015") is a lower bound;
   if the text reports speech on a weekday ("the ministry said Friday", "told reporters on
   Monday", "On Friday, ... rejected"), the date is the first such weekday on or after the bound
   (the latest one when several weekdays report speech);
4. otherwise the lower bound itself.

Full dates in a future-tense clause ("talks are scheduled for December 20, 2015") or in an
amendment note ("This article was amended on 6 October 2017") are not evidence. A lower bound
contradicted by a later year the text mentions in the past ("in 2017" when the latest full date
is in 2013: the full date is historical) is dropped. With none of the above the result is None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Final

from debrief.records import DateValue
from debrief.timex.candidate import Candidate
from debrief.timex.cues import reporting_evidence
from debrief.timex.daymath import first_on_or_after, make_date, weekday_after

_DATELINE_WINDOW: Final = 400
_DATELINE_BEFORE: Final = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w .'’/-]{1,40}(?:,[ \t]*[A-Z][\w .'’-]{1,30})?,[ \t]*$")
_STATED: Final = re.compile(r"(?<!\w)(?i:(?:first\s+)?published|posted)\s+(?:(?i:on)\s+)?$")
_AMENDED: Final = re.compile(r"(?<!\w)(?i:amended|updated|corrected|edited|modified|changed)\s+(?:(?i:on|at)\s+)?$")
_BEFORE_CHARS: Final = 30
_DATELINE_AFTER: Final = re.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:[-–—]|/\w+/)")


def _full_dates(text: str, cands: list[Candidate]) -> list[tuple[date, Candidate]]:
    """Explicit dates with day, month and year, not in a future clause nor an amendment note."""
    found: list[tuple[date, Candidate]] = []
    for c in cands:
        if c.form != "calendar" or c.future or _AMENDED.search(text, max(0, c.start - _BEFORE_CHARS), c.start):
            continue
        p = c.last if c.last is not None else c.first
        if p.year is not None and p.month is not None and p.day is not None:
            day = make_date(p.year, p.month, p.day)
            if day is not None:
                found.append((day, c))
    return found


def _dateline(text: str, cands: list[Candidate]) -> Candidate | None:
    """A month-day at the head of a paragraph after a place name and before "(Agency) -"."""
    for c in cands:
        if c.start > _DATELINE_WINDOW:
            break
        if c.form != "calendar" or c.last is not None or c.first.day is None:
            continue
        if _DATELINE_BEFORE.search(text, 0, c.start) and _DATELINE_AFTER.match(text, c.end):
            return c
    return None


def _stated(text: str, full: list[tuple[date, Candidate]]) -> tuple[date, Candidate] | None:
    """A full date the text gives as its publication ("Published on 13 November 2015")."""
    for day, c in full:
        if c.last is None and _STATED.search(text, max(0, c.start - _BEFORE_CHARS), c.start):
            return day, c
    return None


def _latest_year(cands: list[Candidate]) -> int | None:
    years = [
        p.year
        for c in cands
        if c.form == "calendar" and not c.future
        for p in (c.first, c.last)
        if p is not None and p.year is not None
    ]
    return max(years) if years else None


def _inferred(day: date, text: str, start: int, end: int) -> DateValue:
    return DateValue(date=day.isoformat(), precision="day", inferred=True, text=text[start:end])


def infer_published(text: str, cands: list[Candidate]) -> DateValue | None:
    """The publication date implied by `text` and its recognised candidates, or None."""
    full = _full_dates(text, cands)
    stated = _stated(text, full)
    if stated is not None:
        return _inferred(stated[0], text, stated[1].start, stated[1].end)
    bound = max(full, key=lambda pair: (pair[0], pair[1].start)) if full else None
    latest_year = _latest_year(cands)
    if bound is not None and latest_year is not None and latest_year > bound[0].year:
        bound = None  # the full dates are history: the text mentions a later year
    dateline = _dateline(text, cands)
    if dateline is not None:
        p = dateline.first
        assert p.month is not None and p.day is not None
        day: date | None = None
        if p.year is not None:
            day = make_date(p.year, p.month, p.day)
        elif bound is not None:
            day = first_on_or_after(p.month, p.day, bound[0])
        elif latest_year is not None:
            day = make_date(latest_year, p.month, p.day)
        if day is not None:
            return _inferred(day, text, dateline.start, dateline.end)
    if bound is None:
        return None
    best: tuple[date, int, int] | None = None
    for c in cands:
        if c.form != "weekday" or c.shift != "none" or c.future or c.weekday is None:
            continue
        evidence = reporting_evidence(text, c.start, c.end)
        if evidence is None:
            continue
        day = weekday_after(c.weekday, bound[0], strict=False)
        if day - bound[0] <= timedelta(days=6) and (best is None or day > best[0]):
            best = (day, evidence, c.end)
    if best is not None:
        return _inferred(best[0], text, best[1], best[2])
    return _inferred(bound[0], text, bound[1].start, bound[1].end)
