"""Where time expressions can be: windows around trigger words, so that the detailed patterns
run on a fraction of the text.

Every expression contains a digit, a month name (or its abbreviation), a season, or one of a
few time words ("day" covers weekdays, "today", "yesterday"; "night" covers "tonight",
"overnight", "midnight", "fortnight"). The triggers are searched in the lower-cased text with one
literal alternation (far cheaper than case-insensitive matching); windows reach
:data:`REACH` characters either side, widened to whole tokens so that URLs and designators
are seen from their first character.
"""

from __future__ import annotations

import re
from typing import Final

REACH: Final = 90
_MAX_WIDEN: Final = 400
_TRIGGER_WORDS: Final = (
    *("day", "week", "month", "year", "decade", "hour", "minute", "night", "noon", "morning", "evening"),
    *("tomorrow", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    *("spring", "summer", "autumn", "fall", "winter"),
)
TRIGGER: Final = re.compile(r"\d+|" + "|".join(_TRIGGER_WORDS))
TRIGGER_ANY_CASE: Final = re.compile(r"\d+|(?i:" + "|".join(_TRIGGER_WORDS) + ")")


def _triggers(text: str) -> list[int]:
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer would shift offsets
        return [m.start() for m in TRIGGER_ANY_CASE.finditer(text)]
    return [m.start() for m in TRIGGER.finditer(low)]


def _widen_left(text: str, start: int) -> int:
    limit = max(0, start - _MAX_WIDEN)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return start


def _widen_right(text: str, end: int) -> int:
    limit = min(len(text), end + _MAX_WIDEN)
    while end < limit and not text[end].isspace():
        end += 1
    return end


def windows(text: str) -> list[tuple[int, int]]:
    """Disjoint (start, end) windows, in order, covering every place an expression may be."""
    spans: list[tuple[int, int]] = []
    for pos in _triggers(text):
        start, end = max(0, pos - REACH), min(len(text), pos + REACH)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    widened: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = _widen_left(text, start), _widen_right(text, end)
        if widened and start <= widened[-1][1]:
            widened[-1] = (widened[-1][0], max(widened[-1][1], end))
        else:
            widened.append((start, end))
    return widened
