"""Resolve candidates against an anchor (the publication date) into :class:`~debrief.records.Timex`.

Value conventions (``value_start``..``value_end`` are inclusive days):

* a value of precision ``day`` is one day (or a day range); ``week`` is Monday..Sunday;
  ``month`` is the first..last day of the month; ``year`` is 1 January..31 December;
* a month-day without a year is the most recent one on or before the anchor ("news reports the
  past"), except: the next one when a future-tense cue is in the clause and it falls within
  :data:`FUTURE_DAYS`; the next one when the past one would be more than :data:`STALE_DAYS` ago,
  the next is within :data:`NEAR_DAYS` and no past-tense verb precedes ("by Jan. 14" written on
  6 January, but not "they met on December 1" written in November); the one whose
  weekday matches when the text names it ("Monday, Oct. 26");
* a month without a year likewise, looking ahead at most :data:`FUTURE_MONTHS` on a future cue;
  "June last year" / "21 December last year" take the anchor's year shifted;
* a bare weekday is the most recent such day on or before the anchor (the anchor itself when it
  is that weekday), or the next one with a future cue; "last X" is strictly before, "next X"
  strictly after, "this X" on or after;
* "the past week" / "the last 48 hours" (kind ``duration``) carry the span ending at the anchor,
  not snapped to calendar units; plain durations ("for 48 hours") and times of day carry no value;
* ``anchored`` is True whenever the value depended on the anchor; without an anchor such
  expressions keep ``value_start = value_end = None``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Final

from debrief.records import Precision, Timex
from debrief.timex.candidate import Candidate, Partial, Tense
from debrief.timex.daymath import (
    first_on_or_after,
    latest_on_or_before,
    make_date,
    month_range,
    shift_month,
    shift_months,
    shift_years,
    week_range,
    weekday_after,
    weekday_before,
    year_range,
)
from debrief.timex.lexicon import Unit

FUTURE_DAYS: Final = 180
STALE_DAYS: Final = 270
NEAR_DAYS: Final = 60
FUTURE_MONTHS: Final = 6
_PRECISION: Final[dict[Unit, Precision]] = {
    "minute": "day", "hour": "day", "day": "day", "night": "day", "week": "week", "month": "month",
    "year": "year", "decade": "year",
}  # fmt: skip

Value = tuple[date, date]


def _day(p: Partial, anchor: date | None, tense: Tense, weekday: int | None = None) -> tuple[date | None, bool]:
    """A day partial (month and day set) as a date, and whether the anchor was used."""
    assert p.month is not None and p.day is not None
    if p.year is not None:
        return make_date(p.year, p.month, p.day), False
    if anchor is None:
        return None, False
    past = latest_on_or_before(p.month, p.day, anchor)
    ahead = first_on_or_after(p.month, p.day, anchor)
    if ahead is None or past is None:
        return past or ahead, True
    if weekday is not None and (past.weekday() == weekday) != (ahead.weekday() == weekday):
        return (past if past.weekday() == weekday else ahead), True
    days_back, days_ahead = (anchor - past).days, (ahead - anchor).days
    stale = tense != "past" and days_back > STALE_DAYS and days_ahead <= NEAR_DAYS
    if (tense == "future" and days_ahead <= FUTURE_DAYS) or stale:
        return ahead, True
    return past, True


def _month_year(month: int, shift: str, anchor: date, future: bool) -> int:
    """The year of a month named without one."""
    if shift == "this":
        return anchor.year
    if shift == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if shift == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if future and month > anchor.month and month - anchor.month <= FUTURE_MONTHS:
        return anchor.year
    if future and month < anchor.month and month + 12 - anchor.month <= FUTURE_MONTHS:
        return anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _single(c: Candidate, anchor: date | None) -> tuple[Value | None, Precision, bool]:
    p = c.first
    if p.day is not None:
        day, anchored = _day(p, anchor, c.tense, c.weekday)
        return ((day, day) if day else None), "day", anchored
    if p.month is not None:
        if p.year is not None:
            return month_range(p.year, p.month), "month", False
        if anchor is None:
            return None, "month", False
        return month_range(_month_year(p.month, c.shift, anchor, c.future), p.month), "month", True
    if p.year is not None:
        return year_range(p.year), "year", False
    return None, "unknown", False


def _range(c: Candidate, anchor: date | None) -> tuple[Value | None, Precision, bool]:
    first, last = c.first, c.last
    assert last is not None
    if first.month is None:  # years ("2011-2015", "the 1990s")
        if first.year is None or last.year is None:
            return None, "year", False
        return (year_range(first.year)[0], year_range(last.year)[1]), "year", False
    precision: Precision = "day" if first.day is not None else "month"
    key_first, key_last = (first.month, first.day or 0), (last.month or 0, last.day or 0)
    anchored = False
    if last.year is None and first.year is not None:
        last = Partial(first.year + (1 if key_last < key_first else 0), last.month, last.day)
    if last.year is None and first.year is None and c.shift == "this" and anchor is not None and precision == "month":
        wraps = key_first > key_last  # "this winter": December..February
        year = anchor.year - (1 if wraps and anchor.month <= key_last[0] else 0)
        first, last = Partial(year, first.month), Partial(year + (1 if wraps else 0), last.month)
        anchored = True
    if last.year is None:
        if anchor is None:
            return None, precision, False
        anchored = True
        if precision == "day":
            end_day, _ = _day(last, anchor, c.tense)
            if end_day is None:
                return None, precision, True
            last = Partial(end_day.year, last.month, last.day)
        else:
            assert last.month is not None
            last = Partial(_month_year(last.month, c.shift, anchor, c.future), last.month)
    assert last.year is not None
    if first.year is None:
        first = Partial(last.year - (1 if key_first > key_last else 0), first.month, first.day)
    assert first.year is not None and first.month is not None and last.month is not None
    if precision == "day":
        start = make_date(first.year, first.month, first.day or 1)
        end = make_date(last.year, last.month, last.day or 1)
    else:
        start, end = month_range(first.year, first.month)[0], month_range(last.year, last.month)[1]
    if start is None or end is None or start > end:
        return None, precision, anchored
    return (start, end), precision, anchored


def _weekday(c: Candidate, anchor: date) -> Value:
    assert c.weekday is not None
    if c.shift == "last":
        day = weekday_before(c.weekday, anchor, strict=True)
    elif c.shift == "next":
        day = weekday_after(c.weekday, anchor, strict=True)
    elif c.shift == "this" or c.future:
        day = weekday_after(c.weekday, anchor, strict=False)
    else:
        day = weekday_before(c.weekday, anchor, strict=False)
    return day, day


def _offset(unit: Unit, count: int, anchor: date) -> Value:
    if unit in ("day", "night"):
        day = anchor + timedelta(days=count)
        return day, day
    if unit in ("hour", "minute"):
        hours = count if unit == "hour" else count // 60
        day = anchor - timedelta(days=abs(hours) // 24) if hours < 0 else anchor + timedelta(days=hours // 24)
        return day, day
    if unit == "week":
        return week_range(anchor + timedelta(weeks=count))
    if unit == "month":
        return month_range(*shift_month(anchor.year, anchor.month, count))
    return year_range(anchor.year + count * (10 if unit == "decade" else 1))


def _weekend(c: Candidate, anchor: date) -> Value:
    in_weekend = anchor.weekday() >= 5
    if c.shift == "last":
        saturday = weekday_before(5, anchor, strict=not in_weekend) - timedelta(days=7 if in_weekend else 0)
    elif c.shift in ("next", "this") or c.future:
        if in_weekend:
            saturday = weekday_before(5, anchor, strict=False) + timedelta(days=7 if c.shift == "next" else 0)
        else:
            saturday = weekday_after(5, anchor, strict=True)
    else:
        saturday = weekday_before(5, anchor, strict=False)
    return saturday, saturday + timedelta(days=1)


def _past(unit: Unit, count: int, anchor: date) -> Value:
    if unit in ("day", "night"):
        return anchor - timedelta(days=count), anchor
    if unit in ("hour", "minute"):
        hours = count if unit == "hour" else count // 60
        return anchor - timedelta(days=hours // 24), anchor
    if unit == "week":
        return anchor - timedelta(weeks=count), anchor
    if unit == "month":
        return shift_months(anchor, -count), anchor
    return shift_years(anchor, -count * (10 if unit == "decade" else 1)), anchor


def _shifted_year(c: Candidate, anchor: date) -> Candidate:
    """ "21 December last year": the year filled in from the anchor."""
    assert c.year_shift is not None
    year = anchor.year + c.year_shift
    last = c.last
    first = Partial(year, c.first.month, c.first.day)
    if last is not None:
        last = Partial(year, last.month, last.day)
        if (first.month or 0, first.day or 0) > (last.month or 0, last.day or 0):
            first = Partial(year - 1, first.month, first.day)
    return replace(c, first=first, last=last, year_shift=None)


def _calendar_value(c: Candidate, anchor: date | None) -> tuple[Value | None, Precision, bool]:
    if c.year_shift is not None:
        if anchor is None:
            return None, "day" if c.first.day is not None else "month", False
        value, precision, _ = _calendar_value(_shifted_year(c, anchor), anchor)
        return value, precision, True
    return _range(c, anchor) if c.last is not None else _single(c, anchor)


def _value(c: Candidate, anchor: date | None) -> tuple[Value | None, Precision, bool]:
    """(value, precision, anchored) of a candidate."""
    if c.form == "calendar":
        return _calendar_value(c, anchor)
    if c.form in ("duration", "time", "unresolved"):
        return None, "unknown", False
    precision: Precision = _PRECISION[c.unit] if c.unit is not None else "day"
    if c.form == "past":
        if anchor is None or c.count is None or c.unit is None:
            return None, precision, False
        return _past(c.unit, c.count, anchor), precision, True
    if anchor is None:
        return None, precision, False
    if c.form == "weekday":
        return _weekday(c, anchor), "day", True
    if c.form == "weekend":
        return _weekend(c, anchor), "day", True
    if c.form == "overnight":
        return (anchor - timedelta(days=1), anchor), "day", True
    if c.unit is None or c.count is None:  # "a few days ago"
        return None, precision, False
    return _offset(c.unit, c.count, anchor), precision, True


def to_timex(c: Candidate, text: str, anchor: date | None) -> Timex:
    """The :class:`Timex` of candidate `c` found in `text`, resolved against `anchor`."""
    value, precision, anchored = _value(c, anchor)
    return Timex(
        start=c.start,
        end=c.end,
        text=text[c.start : c.end],
        kind=c.kind,
        value_start=value[0] if value else None,
        value_end=value[1] if value else None,
        precision=precision,
        anchored=anchored and value is not None,
    )
