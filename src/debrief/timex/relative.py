"""Builders for relative expressions and durations ("yesterday", "last week", "three weeks ago",
"the past 48 hours", "nearly three years")."""

from __future__ import annotations

import re
from typing import Final

from debrief.timex import patterns as P
from debrief.timex.candidate import SHIFTS, Builder, Candidate
from debrief.timex.lexicon import UNITS, Unit, number_value

_DAY_OFFSETS: Final[tuple[tuple[str, int], ...]] = (
    ("the day before yesterday", -2),
    ("the day after tomorrow", 2),
    ("yesterday", -1),
    ("last night", -1),
    ("the previous", -1),
    ("the preceding", -1),
    ("tomorrow", 1),
)
_NAME_BEFORE_TODAY: Final = re.compile(r"\b[A-Z][\w.]*\s+$")  # "USA Today", "Russia Today"
_PROGRAMME: Final = re.compile(r"\s+(?i:programme|show|newspaper)(?!\w)")


def unit_of(word: str) -> Unit:
    w = word.lower()
    return UNITS[w[:-1] if w.endswith("s") and w[:-1] in UNITS else w]


def _count(word: str | None) -> int | None:
    """The number of units; None when vague ("a few", "several")."""
    if word is None:
        return 1
    w = " ".join(word.lower().split())
    if w in ("half a", "half an"):
        return None
    return number_value(w)


def _scaled(unit_word: str, count: int | None) -> tuple[Unit, int | None]:
    """A fortnight is two weeks."""
    unit = unit_of(unit_word)
    if unit_word.lower().startswith("fortnight") and count is not None:
        return "week", count * 2
    return unit, count


def _relative_day(m: re.Match[str], text: str) -> Candidate | None:
    phrase = " ".join(m.group("w").lower().split())
    if phrase == "overnight":
        return Candidate(m.start(), m.end(), "relative", "overnight")
    if (
        phrase in ("today", "tonight")
        and m.group("w")[0] == "T"
        and (_NAME_BEFORE_TODAY.search(text, max(0, m.start() - 30), m.start()) or _PROGRAMME.match(text, m.end()))
    ):
        return None  # "USA Today", "Russia Today", "the Today programme", "The Tonight Show"
    offset = next((value for prefix, value in _DAY_OFFSETS if phrase.startswith(prefix)), 0)
    return Candidate(m.start(), m.end(), "relative", "offset", unit="day", count=offset, priority=2)


def _day_before(m: re.Match[str], text: str) -> Candidate | None:
    end = m.end() - len(m.group("end")) if m.group("end") is not None else m.end()
    if m.group("end") is None:
        return Candidate(m.start(), end, "relative", "unresolved")
    return Candidate(m.start(), end, "relative", "offset", unit="day", count=-1, priority=1)


def _unresolved(m: re.Match[str], text: str) -> Candidate | None:
    return Candidate(m.start(), m.end(), "relative", "unresolved")


def _calendar_unit(m: re.Match[str], text: str) -> Candidate | None:
    mod = " ".join(m.group("mod").lower().split())
    offset = {"last": -1, "the previous": -1, "next": 1}.get(mod, 0)
    return Candidate(m.start(), m.end(), "relative", "offset", unit=unit_of(m.group("u")), count=offset)


def _ago(m: re.Match[str], text: str) -> Candidate | None:
    unit, count = _scaled(m.group("u"), _count(m.group("n")))
    return Candidate(m.start(), m.end(), "relative", "offset", unit=unit, count=-count if count is not None else None)


def _weekend(m: re.Match[str], text: str) -> Candidate | None:
    mod = " ".join(m.group("mod").lower().split())
    return Candidate(m.start(), m.end(), "relative", "weekend", shift=SHIFTS.get(mod, "none"))


def _past(m: re.Match[str], text: str) -> Candidate | None:
    if m.group("u3") is not None:
        return Candidate(m.start(), m.end(), "duration", "past", unit=unit_of(m.group("u3")), count=None)
    unit_word = m.group("u") or m.group("u2")
    number = m.group("n") if m.group("u") is not None else m.group("n2")
    unit, count = _scaled(unit_word, _count(number))
    return Candidate(m.start(), m.end(), "duration", "past", unit=unit, count=count, priority=1)


def _future_span(m: re.Match[str], text: str) -> Candidate | None:
    return Candidate(m.start(), m.end(), "duration", "duration")


def _duration(m: re.Match[str], text: str) -> Candidate | None:
    number = " ".join(m.group("n").lower().split())
    if number in ("a", "an") and not m.group("prep") and not m.group("q"):
        return None  # "three times a day", "a day after the attack"
    unit, count = _scaled(m.group("u"), _count(number))
    return Candidate(m.start("core"), m.end("core"), "duration", "duration", unit=unit, count=count)


RELATIVE_BUILDERS: Final[tuple[tuple[re.Pattern[str], Builder], ...]] = (
    (P.RELATIVE_DAY, _relative_day),
    (P.DAY_BEFORE, _day_before),
    (P.UNRESOLVED, _unresolved),
    (P.CALENDAR_UNIT, _calendar_unit),
    (P.AGO, _ago),
    (P.WEEKEND, _weekend),
    (P.PAST, _past),
    (P.FUTURE_SPAN, _future_span),
    (P.DURATION, _duration),
)
