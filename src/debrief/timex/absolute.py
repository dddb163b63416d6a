"""Builders for absolute and calendar expressions: full dates, month-days, ranges, months,
years, decades, weekdays and times of day. Each turns one pattern match into a
:class:`~debrief.timex.candidate.Candidate`, or None when a guard rejects it."""

from __future__ import annotations

import re
from typing import Final

from debrief.timex import patterns as P
from debrief.timex.candidate import SHIFTS, Builder, Candidate, Partial
from debrief.timex.daymath import make_date, possible_day
from debrief.timex.lexicon import (
    COUNT_NOUNS,
    NAMED_DAY_PREFIXES,
    TITLE_SUFFIXES,
    TITLES_ON_DAY,
    month_number,
    weekday_number,
)

_ORDINAL: Final = re.compile(r"\D+$")


def day_of(token: str) -> int:
    return int(_ORDINAL.sub("", token))


def followed_by_count(text: str, end: int) -> bool:
    """ "2000 people": a number followed by a count noun is a count, not a year or a day."""
    found = P.FOLLOWING_WORD.match(text, end)
    return found is not None and found.group(1) in COUNT_NOUNS


def _full(y: int | None, m: int, d: int) -> Partial | None:
    if (make_date(y, m, d) is None) if y is not None else not possible_day(m, d):
        return None
    return Partial(y, m, d)


def _year(match: re.Match[str], text: str) -> tuple[int | None, int]:
    """The optional year group and where the match ends if a count noun disowns the year."""
    if match.group("y") is None:
        return None, match.end()
    if followed_by_count(text, match.end("y")):
        return None, match.start("y")
    return int(match.group("y")), match.end()


_YEAR_SHIFTS: Final = {"last": -1, "this": 0, "next": 1}


def _year_shift(match: re.Match[str]) -> int | None:
    """ "June last year": -1."""
    rel = match.group("ry")
    return _YEAR_SHIFTS[rel.lower()] if rel is not None else None


def _named_weekday(match: re.Match[str]) -> int | None:
    return weekday_number(match.group("wd")) if match.group("wd") else None


def _trimmed_end(text: str, start: int, end: int) -> int:
    """`end` moved left over a trailing comma or spaces left when an optional year was dropped."""
    while end > start and text[end - 1] in ", \t":
        end -= 1
    return end


# ---------------------------------------------------------------- absolute builders


def _iso(m: re.Match[str], text: str) -> Candidate | None:
    p = _full(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return Candidate(m.start(), m.end(), "date", "calendar", p, priority=3) if p else None


def _numeric(m: re.Match[str], text: str) -> Candidate | None:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if a == b or (a > 12 >= b):
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:
        return None  # 12/11/2015: day-month or month-day, cannot tell
    p = _full(y, month, day)
    return Candidate(m.start(), m.end(), "date", "calendar", p, priority=3) if p else None


def _month_day(m: re.Match[str], text: str) -> Candidate | None:
    year, end = _year(m, text)
    if year is None and followed_by_count(text, m.end("d")):
        return None  # "in March 12 people died"
    p = _full(year, month_number(m.group("m")), day_of(m.group("d")))
    if p is None:
        return None
    end = _trimmed_end(text, m.start(), end)
    return Candidate(
        m.start(), end, "date", "calendar", p, weekday=_named_weekday(m), year_shift=_year_shift(m), priority=2
    )


def _range(m: re.Match[str], text: str, month: int, d1: int, d2: int) -> Candidate | None:
    connector = (m.group("c") or m.group("cw") or "").lower()
    pre = (m.group("pre") or "").lower()
    if connector == "and" and pre != "between":
        return None
    if connector == "/" and d2 != d1 + 1:
        return None  # "the night of 11/12 November", not "3/4 of"
    year, end = _year(m, text)
    first, last = _full(year, month, d1), _full(year, month, d2)
    if first is None or last is None or d2 <= d1:
        return None
    end = _trimmed_end(text, m.start(), end)
    return Candidate(m.start(), end, "range", "calendar", first, last, year_shift=_year_shift(m), priority=2)


def _month_day_range(m: re.Match[str], text: str) -> Candidate | None:
    return _range(m, text, month_number(m.group("m")), day_of(m.group("d1")), day_of(m.group("d2")))


def _month_range(m: re.Match[str], text: str) -> Candidate | None:
    connector = (m.group("c") or m.group("cw") or "").lower()
    pre = (m.group("pre") or "").lower()
    year, end = _year(m, text)
    bare = not pre and year is None and m.group("ry") is None
    if connector == "/" or (connector == "and" and pre != "between") or bare:
        return None
    m1, m2 = month_number(m.group("m1")), month_number(m.group("m2"))
    first, last = Partial(year if m1 <= m2 else None, m1), Partial(year, m2)
    end = _trimmed_end(text, m.start(), end)
    return Candidate(m.start(), end, "range", "calendar", first, last, year_shift=_year_shift(m), priority=1)


def _month_year(m: re.Match[str], text: str) -> Candidate | None:
    if followed_by_count(text, m.end("y")):
        return None
    p = Partial(int(m.group("y")), month_number(m.group("m")))
    return Candidate(m.start(), m.end(), "month", "calendar", p, priority=2)


def _month_rel_year(m: re.Match[str], text: str) -> Candidate | None:
    p = Partial(None, month_number(m.group("m")))
    return Candidate(m.start(), m.end(), "month", "calendar", p, year_shift=_year_shift(m), priority=2)


_STRONG_MAY_PREPS: Final = frozenset(("in", "since", "until", "till", "during", "throughout", "through"))


def _bare_month(m: re.Match[str], text: str) -> Candidate | None:
    prep = (m.group("prep") or "").lower()
    mod = " ".join((m.group("mod") or "").lower().split())
    if not prep and not mod:
        return None
    month = month_number(m.group("m"))
    if month == 5 and prep not in _STRONG_MAY_PREPS and mod not in ("early", "late", "mid", "last", "next"):
        return None  # "by May", "of May": often Theresa May
    shift = SHIFTS.get(mod, "none")
    return Candidate(m.start("core"), m.end("core"), "month", "calendar", Partial(None, month), shift=shift)


def _bare_year_ok(m: re.Match[str], text: str) -> bool:
    """A year without a preposition: one that ends a clause ("… the record set in fiscal 1996.") or owns
    something ("1997's results"), never after an amount sign or "number"."""
    year = int(m.group("y"))
    if not 1900 <= year <= 2035:
        return False
    before = text[max(0, m.start("y") - 12) : m.start("y")]
    if re.search(r"(?:[$£€#]|\bNo\.|\bnumber|\bof|\bto|\bversus|\bvs\.?|\bFlight|\bRoute)\s*$", before, re.I):
        return False
    after = text[m.end("y") : m.end("y") + 3]
    # it ends a clause ("… than in fiscal 1996.") or owns something ("1997's results"); "the 2015 people" stays out
    return bool(re.match(r"(?:[’']s\b|\s*[.,;:)!?](?!\d))", after)) or bool(
        re.search(r"\b(?:fiscal|calendar)\s*$", before)
    )


def _year_in_context(m: re.Match[str], text: str) -> Candidate | None:
    if not m.group("prep") and not m.group("mod") and not _bare_year_ok(m, text):
        return None
    if followed_by_count(text, m.end("y")):
        return None
    return Candidate(m.start("core"), m.end("core"), "year", "calendar", Partial(int(m.group("y"))))


def _year_range(m: re.Match[str], text: str) -> Candidate | None:
    connector = (m.group("c") or m.group("cw") or "").lower()
    pre = (m.group("pre") or "").lower()
    y1, raw = int(m.group("y1")), m.group("y2")
    y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
    if y2 <= y1 or (connector == "and" and pre != "between") or y2 - y1 > 100:
        return None
    if len(raw) == 2 and connector not in ("-", "–", "—", "/"):
        return None
    if followed_by_count(text, m.end()):
        return None
    return Candidate(m.start(), m.end(), "range", "calendar", Partial(y1), Partial(y2), priority=1)


_SEASONS: Final = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}


def _season(m: re.Match[str], text: str) -> Candidate | None:
    first, last = _SEASONS[m.group("s").lower()]
    mod = " ".join(m.group("mod").lower().split())
    shift = SHIFTS.get(mod, "none")
    return Candidate(m.start(), m.end(), "relative", "calendar", Partial(None, first), Partial(None, last), shift=shift)


def _season_year(m: re.Match[str], text: str) -> Candidate | None:
    first, last = _SEASONS[m.group("s").lower()]
    year = int(m.group("y"))
    return Candidate(m.start(), m.end(), "range", "calendar", Partial(year, first), Partial(year, last), priority=2)


def _decade(m: re.Match[str], text: str) -> Candidate | None:
    y = int(m.group("y"))
    return Candidate(m.start(), m.end(), "range", "calendar", Partial(y), Partial(y + 9), priority=1)


def _time(m: re.Match[str], text: str) -> Candidate | None:
    return Candidate(m.start(), m.end(), "time", "time")


_NAMED_DAY: Final = re.compile(
    r"(?:" + "|".join(sorted(NAMED_DAY_PREFIXES)) + r")\s+$"
    r"|(?:" + "|".join(sorted(TITLES_ON_DAY)) + r")\s+on\s+$"
)
_TITLE_AFTER: Final = re.compile(r"\s+(?:" + "|".join(sorted(TITLE_SUFFIXES)) + r")(?!\w)")


def _weekday(m: re.Match[str], text: str) -> Candidate | None:
    start = m.start("wd")
    if _NAMED_DAY.search(text, max(0, start - 16), start) or _TITLE_AFTER.match(text, m.end("wd")):
        return None
    mod = " ".join((m.group("mod") or "").lower().split())
    begin = m.start() if mod else start
    wd, shift = weekday_number(m.group("wd")), SHIFTS.get(mod, "none")
    return Candidate(begin, m.end(), "weekday", "weekday", weekday=wd, shift=shift, priority=1)


ABSOLUTE_BUILDERS: Final[tuple[tuple[re.Pattern[str], Builder], ...]] = (
    (P.ISO_DATE, _iso),
    (P.NUMERIC_DATE, _numeric),
    (P.MONTH_DAY, _month_day),
    (P.DAY_MONTH, _month_day),
    (P.MONTH_DAY_RANGE, _month_day_range),
    (P.DAY_RANGE_MONTH, _month_day_range),
    (P.MONTH_RANGE, _month_range),
    (P.MONTH_YEAR, _month_year),
    (P.MONTH_REL_YEAR, _month_rel_year),
    (P.BARE_MONTH, _bare_month),
    (P.YEAR_IN_CONTEXT, _year_in_context),
    (P.YEAR_RANGE, _year_range),
    (P.DECADE, _decade),
    (P.SEASON, _season),
    (P.SEASON_YEAR, _season_year),
    (P.WEEKDAY, _weekday),
    (P.TIME_OF_DAY, _time),
)
