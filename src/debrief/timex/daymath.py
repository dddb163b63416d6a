"""Calendar arithmetic used to resolve expressions against an anchor date. Pure functions."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# How far back a month-day without a year may look for a valid date (29 February).
_MAX_YEARS_BACK = 8


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the triple is not a calendar day (30 February)."""
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        return None
    if day > calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def possible_day(month: int, day: int) -> bool:
    """Whether `day` exists in `month` in some year (29 February does)."""
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def week_range(day: date) -> tuple[date, date]:
    """Monday..Sunday of the ISO week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_years(day: date, years: int) -> date:
    """`day` moved by whole years (29 February becomes 28 February)."""
    return make_date(day.year + years, day.month, day.day) or date(day.year + years, day.month, 28)


def shift_months(day: date, months: int) -> date:
    year, month = shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_on_or_before(month: int, day: int, anchor: date) -> date | None:
    """The most recent `month`/`day` on or before `anchor`."""
    for year in range(anchor.year, anchor.year - _MAX_YEARS_BACK, -1):
        found = make_date(year, month, day)
        if found is not None and found <= anchor:
            return found
    return None


def first_on_or_after(month: int, day: int, anchor: date) -> date | None:
    """The first `month`/`day` on or after `anchor`."""
    for year in range(anchor.year, anchor.year + _MAX_YEARS_BACK):
        found = make_date(year, month, day)
        if found is not None and found >= anchor:
            return found
    return None


def weekday_before(weekday: int, anchor: date, *, strict: bool) -> date:
    """The most recent `weekday` (0 = Monday) on or before `anchor` (strictly before if `strict`)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return anchor - timedelta(days=back)


def weekday_after(weekday: int, anchor: date, *, strict: bool) -> date:
    """The first `weekday` on or after `anchor` (strictly after if `strict`)."""
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    return anchor + timedelta(days=ahead)
