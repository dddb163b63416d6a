"""dateparser as a last resort for one expression the rules do not know ("a fortnight ago").

Only :func:`debrief.timex.resolve` uses it: never on running text (``search_dates`` fires on
"Su-24M") and never for day ranges (it reads "November 11-12" as 2012-11-11).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Final

from debrief.records import Precision, Timex
from debrief.timex import patterns as P
from debrief.timex.daymath import month_range, week_range, year_range
from debrief.timex.lexicon import MONTH_RE, WEEKDAY_RE

_DATE_WORD: Final = re.compile(
    rf"(?<!\w)(?i:{MONTH_RE}|{WEEKDAY_RE}|today|yesterday|tomorrow|ago|fortnight|week|month|year|day)(?!\w)"
    r"|\d{1,4}[-/.]\d{1,2}"
)
_EXPLICIT_YEAR: Final = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PERIODS: Final[dict[str, Precision]] = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}


def dateparser_timex(text: str, anchor: date) -> Timex | None:
    """The whole of `text` read by dateparser relative to `anchor`, or None."""
    stripped = text.strip()
    if not stripped or P.EXCLUDED.search(stripped) or not _DATE_WORD.search(stripped):
        return None
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime.combine(anchor, time()),
            "PREFER_DATES_FROM": "past",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    data = parser.get_date_data(stripped)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    precision = _PERIODS.get(data.period or "day", "day")
    if precision == "month":
        start, end = month_range(day.year, day.month)
    elif precision == "year":
        start, end = year_range(day.year)
    elif precision == "week":
        start, end = week_range(day)
    else:
        start = end = day
    offset = text.index(stripped)
    explicit = bool(_EXPLICIT_YEAR.search(stripped))
    return Timex(
        start=offset,
        end=offset + len(stripped),
        text=stripped,
        kind="date" if explicit else "relative",
        value_start=start,
        value_end=end,
        precision=precision,
        anchored=not explicit,
    )
