"""Choosing among overlapping candidates and joining neighbours: longest-first selection,
"March 30 - April 2" ranges from two dates, and year lists ("in 2003, 2004 and 2005")."""

from __future__ import annotations

from bisect import bisect_left

from debrief.timex import patterns as P
from debrief.timex.absolute import followed_by_count
from debrief.timex.candidate import Candidate, Partial


def select(cands: list[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
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


def merge_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
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
    elif (
        first.year is not None
        and last.year is not None
        and (first.year, *key_first)
        > (
            last.year,
            *key_last,
        )
    ):
        return None
    start = before.start() if before is not None else a.start
    return Candidate(start, b.end, "range", "calendar", first, last, priority=2)


def extend_year_lists(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Years listed after a year in context: "in 2003, 2004 and 2005" gives three years."""
    out: list[Candidate] = []
    for i, cand in enumerate(cands):
        out.append(cand)
        if cand.kind != "year" or cand.form != "calendar" or cand.last is not None:
            continue
        limit = cands[i + 1].start if i + 1 < len(cands) else len(text)
        pos = cand.end
        while (found := P.YEAR_LIST_NEXT.match(text, pos, limit)) is not None:
            if followed_by_count(text, found.end("y")):
                break
            out.append(Candidate(found.start("y"), found.end("y"), "year", "calendar", Partial(int(found.group("y")))))
            pos = found.end("y")
    return out
