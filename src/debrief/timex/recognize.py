"""Find time expressions in text: candidates from every pattern, guards, overlap selection,
range merging and future-tense cues. No anchor is needed here (see :mod:`.resolve`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import Final

from debrief.timex import patterns as P
from debrief.timex.candidate import SHIFTS, Candidate, Partial
from debrief.timex.cues import tense_cue
from debrief.timex.daymath import make_date, possible_day
from debrief.timex.lexicon import COUNT_NOUNS, month_number, weekday_number
from debrief.timex.relative import RELATIVE_BUILDERS
from debrief.timex.scan import windows

Builder = Callable[[re.Match[str], str], Candidate | None]

_ORDINAL: Final = re.compile(r"\D+$")


def day_of(token: str) -> int:
    return int(_ORDINAL.sub("", token))


def _year_followed_by_count(text: str, end: int) -> bool:
    """"2000 people": a number followed by a count noun is a count, not a year or a day."""
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
    if _year_followed_by_count(text, match.end("y")):
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
    if year is None and _year_followed_by_count(text, m.end("d")):
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
    if _year_followed_by_count(text, m.end("y")):
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


def _year_in_context(m: re.Match[str], text: str) -> Candidate | None:
    if not m.group("prep") and not m.group("mod"):
        return None
    if _year_followed_by_count(text, m.end("y")):
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
    if _year_followed_by_count(text, m.end()):
        return None
    return Candidate(m.start(), m.end(), "range", "calendar", Partial(y1), Partial(y2), priority=1)


def _decade(m: re.Match[str], text: str) -> Candidate | None:
    y = int(m.group("y"))
    return Candidate(m.start(), m.end(), "range", "calendar", Partial(y), Partial(y + 9), priority=1)


def _time(m: re.Match[str], text: str) -> Candidate | None:
    return Candidate(m.start(), m.end(), "time", "time")


_NAMED_DAY: Final = re.compile(
    r"(?:Good|Black|Bloody|Holy|Palm|Easter|Ash|Super|Cyber|Blue|Maundy|Whit)\s+$"
    r"|(?:Mail|Independent|Observer|Express|Mirror)\s+on\s+$"
)
_TITLE_AFTER: Final = re.compile(
    r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|People|Sport|Star|Tribune|Independent"
    r"|Politics|Show|Night|Live|Briefing|Review|Club)(?!\w)"
)


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
    (P.WEEKDAY, _weekday),
    (P.TIME_OF_DAY, _time),
)


# ---------------------------------------------------------------- selection


def _all_candidates(text: str, spans: list[tuple[int, int]]) -> Iterator[Candidate]:
    for pattern, build in (*ABSOLUTE_BUILDERS, *RELATIVE_BUILDERS):
        for start, end in spans:
            for match in pattern.finditer(text, start, end):
                cand = build(match, text)
                if cand is not None and cand.end > cand.start:
                    yield cand


def _select(cands: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Longest first (then priority, then leftmost); drop any overlapping a kept or blocked span."""
    kept_starts: list[int] = []
    kept: list[tuple[int, int]] = []
    chosen: list[Candidate] = []
    for start, end in sorted(blocked):
        i = bisect_left(kept_starts, start)
        kept_starts.insert(i, start)
        kept.insert(i, (start, end))
    for cand in sorted(cands, key=lambda c: (-c.length, -c.priority, c.start)):
        i = bisect_left(kept_starts, cand.start)
        if i > 0 and kept[i - 1][1] > cand.start:
            continue
        if i < len(kept) and kept[i][0] < cand.end:
            continue
        kept_starts.insert(i, cand.start)
        kept.insert(i, (cand.start, cand.end))
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _merge_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Join two adjacent calendar dates into a range: "March 30 - April 2", "from 1 May to 3 June"."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        merged = _merge_pair(text, a, b) if b is not None else None
        if merged is not None:
            out.append(merged)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _merge_pair(text: str, a: Candidate, b: Candidate) -> Candidate | None:
    if a.form != "calendar" or b.form != "calendar" or a.last is not None or b.last is not None:
        return None
    if a.year_shift is not None or b.year_shift is not None:
        return None
    if a.kind not in ("date", "month") or a.kind != b.kind:
        return None
    gap = P.RANGE_GAP.fullmatch(text, a.end, b.start)
    if gap is None:
        return None
    before = P.BEFORE_RANGE.search(text, max(0, a.start - 10), a.start)
    word = (gap.group("w") or "").lower()
    if word == "and" and (before is None or before.group("pre").lower() != "between"):
        return None
    first, last = a.first, b.first
    key_first, key_last = (first.month or 0, first.day or 0), (last.month or 0, last.day or 0)
    if first.year is None and last.year is not None:
        first = Partial(last.year - 1 if key_first > key_last else last.year, first.month, first.day)
    elif first.year is not None and last.year is not None and (first.year, *key_first) > (
        last.year,
        *key_last,
    ):
        return None
    start = before.start() if before is not None else a.start
    return Candidate(start, b.end, "range", "calendar", first, last, priority=2)


def _needs_tense(cand: Candidate) -> bool:
    if cand.form == "weekday" or cand.form == "weekend":
        return cand.shift == "none"
    return cand.form == "calendar"


def recognize(text: str) -> list[Candidate]:
    """Every time expression in `text`, unresolved, sorted by start, non-overlapping."""
    spans = windows(text)
    blocked = [(m.start(), m.end()) for start, end in spans for m in P.EXCLUDED.finditer(text, start, end)]
    chosen = _merge_ranges(text, _select(list(_all_candidates(text, spans)), blocked))
    return [c.with_tense(tense_cue(text, c.start, c.end)) if _needs_tense(c) else c for c in chosen]
