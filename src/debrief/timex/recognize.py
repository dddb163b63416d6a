"""Find time expressions in text: candidates from every pattern inside the trigger windows,
guards, overlap selection, range merging and tense cues. No anchor is needed here (see
:mod:`.resolve`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from debrief.timex import patterns as P
from debrief.timex.absolute import ABSOLUTE_BUILDERS
from debrief.timex.assemble import extend_year_lists, merge_ranges, select
from debrief.timex.candidate import Builder, Candidate
from debrief.timex.cues import tense_cue
from debrief.timex.relative import RELATIVE_BUILDERS
from debrief.timex.scan import windows

BUILDERS: Final[tuple[tuple[re.Pattern[str], Builder], ...]] = (*ABSOLUTE_BUILDERS, *RELATIVE_BUILDERS)


def _all_candidates(text: str, spans: list[tuple[int, int]]) -> Iterator[Candidate]:
    for pattern, build in BUILDERS:
        for start, end in spans:
            for match in pattern.finditer(text, start, end):
                cand = build(match, text)
                if cand is not None and cand.end > cand.start:
                    yield cand


def _needs_tense(cand: Candidate) -> bool:
    if cand.form == "weekday" or cand.form == "weekend":
        return cand.shift == "none"
    return cand.form == "calendar"


def recognize(text: str) -> list[Candidate]:
    """Every time expression in `text`, unresolved, sorted by start, non-overlapping."""
    spans = windows(text)
    blocked = [(m.start(), m.end()) for start, end in spans for m in P.EXCLUDED.finditer(text, start, end)]
    chosen = merge_ranges(text, select(list(_all_candidates(text, spans)), blocked))
    chosen = extend_year_lists(text, chosen)
    return [c.with_tense(tense_cue(text, c.start, c.end)) if _needs_tense(c) else c for c in chosen]
