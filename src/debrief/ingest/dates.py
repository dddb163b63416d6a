"""Publication dates as inputs state them ("2015-11-13", "Fri, 13 Nov 2015 10:00 GMT",
"November 2015") → :class:`~debrief.records.DateValue` with the precision the string holds.

These are *stated* dates (``inferred=False``). Anything unparseable, or without a year (relative
phrases such as "yesterday" would resolve against today, not against the article), gives None:
a missing publication date is not an error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from dateparser.date import DateDataParser

from debrief.records import DateValue, Precision

_ISO_DAY = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$",
    re.IGNORECASE,
)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_RFC822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}")
_MAX_LEN = 200

_PERIODS: dict[str, Precision] = {
    "time": "day",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def _value(day: date, precision: Precision, text: str) -> DateValue:
    return DateValue(date=day.isoformat(), precision=precision, inferred=False, text=text)


def _iso(text: str) -> DateValue | None:
    """The ISO fast path; None when `text` is not ISO-shaped or names no real day."""
    try:
        if match := _ISO_DAY.match(text):
            year, month, day = (int(g) for g in match.groups())
            return _value(date(year, month, day), "day", text)
        if match := _ISO_MONTH.match(text):
            return _value(date(int(match.group(1)), int(match.group(2)), 1), "month", text)
        if match := _YEAR.match(text):
            return _value(date(int(match.group(1)), 1, 1), "year", text)
    except ValueError:
        return None
    return None


def _rfc822(text: str) -> DateValue | None:
    """Feed and e-mail dates ("Fri, 13 Nov 2015 10:00:00 +0000"), kept in the writer's time zone."""
    if not _RFC822.match(text):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _value(moment.date(), "day", text)


def _natural(text: str) -> DateValue | None:
    parser = DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            "PREFER_DATES_FROM": "past",
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data.date_obj is None:
        return None
    precision = _PERIODS.get(str(data.period or "day"), "day")
    day = data.date_obj.date()
    if precision == "year":
        day = day.replace(month=1, day=1)
    elif precision == "month":
        day = day.replace(day=1)
    return _value(day, precision, text)


def parse_published(value: object) -> DateValue | None:
    """A stated publication date from a string (ISO fast path, else dateparser in English), a
    number (a year, or a Unix timestamp in seconds or milliseconds), a date or a datetime."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _value(value.date(), "day", value.isoformat())
    if isinstance(value, date):
        return _value(value, "day", value.isoformat())
    if isinstance(value, int | float):
        return _from_number(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > _MAX_LEN or not _HAS_YEAR.search(text):
        return None
    return _iso(text) or _rfc822(text) or _natural(text)


def _from_number(number: float) -> DateValue | None:
    if not math.isfinite(number):
        return None
    text = f"{number:g}" if number != int(number) else str(int(number))
    if 1800 <= number <= 2999 and number == int(number):
        return _value(date(int(number), 1, 1), "year", text)
    if 1e11 <= abs(number) < 1e14:  # milliseconds
        number /= 1000.0
    if 1e8 <= abs(number) < 1e11:  # seconds (1973 .. 5138)
        try:
            return _value(datetime.fromtimestamp(number, tz=UTC).date(), "day", text)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def from_struct_time(parsed: Sequence[int] | None, text: str | None = None) -> DateValue | None:
    """A date from a ``time.struct_time`` (as feedparser gives, in UTC), day precision."""
    if parsed is None:
        return None
    try:
        day = date(int(parsed[0]), int(parsed[1]), int(parsed[2]))
    except (TypeError, ValueError, IndexError):
        return None
    return _value(day, "day", text or day.isoformat())
