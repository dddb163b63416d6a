"""Context cues around an expression: future tense nearby, and weekday reporting ("said Friday").

The window is the clause around the expression, cut at sentence punctuation, so the functions
work on plain text without a segmenter.
"""

from __future__ import annotations

import re
from typing import Final

from debrief.timex.candidate import Tense

_BEFORE_CHARS: Final = 90
_AFTER_CHARS: Final = 60
_SENTENCE_CHARS: Final = 260
_BOUNDARY: Final = re.compile(r"[.!?;:]\s+|[\n“”\"]")
_FUTURE: Final = re.compile(
    r"(?<!\w)(?i:will|won['’]t|shall|must(?!\s+have)|is\s+due|are\s+due|due\s+to|scheduled|set\s+to|expected\s+to|plans?\s+to"
    r"|planning\s+to|intends?\s+to|upcoming|is\s+to\s+be|are\s+to\s+be|going\s+to|would\s+be\s+held"
    r"|as\s+(?:soon|early)\s+as|deadline|postponed)(?!\w)|\w['’]ll(?!\w)"
)
_SPEECH_WORDS: Final = (
    r"said|says|told|announced|reported|stated|added|claimed|confirmed|denied|insisted|warned|declared"
    r"|explained|noted|revealed|acknowledged|admitted|wrote|tweeted|rejected|dismissed|accused|urged"
    r"|briefed|commented|disclosed|estimated|spoke|speaking|statement|briefing|press\s+conference|interview|spokesman"
    r"|spokeswoman|spokesperson"
)
# A reporting verb (or statement noun) followed by a few words and the weekday: "said Friday",
# "said on Friday", "told reporters on Monday", "said in a statement late on Friday".
_SPEECH_BEFORE: Final = re.compile(
    rf"(?<!\w)(?P<verb>{_SPEECH_WORDS})(?P<gap>(?:\s+[\w’'-]+){{0,5}}?)\s+"
    r"(?:(?i:on|late\s+on|early\s+on|late|early|earlier|later)\s+)?$",
    re.IGNORECASE,
)
# Verbs whose object is normally the reported content, so a determiner after them starts the
# content clause ("said the attack on Friday ..."), not a circumstance of the speech.
_CONTENT_FIRST: Final = re.compile(r"\s+(?i:the|a|an|that|this|these|those|its|their|his|her)(?!\w)")
_OBJECT_VERBS: Final = frozenset(("told", "briefed", "wrote", "statement", "briefing", "interview"))
# A gap ending in one of these makes the weekday a deadline or a start, not the day of speech.
_GAP_END: Final = re.compile(r"(?<!\w)(?i:by|until|till|since|before|after|from|to|for|of|over|within)$")
_CLAUSE_OPENING: Final = re.compile(r"^\s*(?:(?i:and|but|late|early|earlier|later)\s+)?(?:(?i:on)\s+)?$")
_SPEECH_ANYWHERE: Final = re.compile(rf"(?<!\w)(?:{_SPEECH_WORDS})(?!\w)", re.IGNORECASE)
_PAST_DIRECTLY_BEFORE: Final = re.compile(
    r"(?<!\w)(?<!be\s)(?<!been\s)(?<!to\s)(?:\w{2,}ed|was|were|had|met|took|began|came|went|fell|held|made|left|saw|won|lost|fought"
    r"|struck|shot|hit|sent|led|broke|ran|gave|became|got|died|arrived|killed|began|ago)"
    r"(?:\s+\w+ly)?\s+(?:(?i:on|in|since|from|by|at|until)\s+)?$",
    re.IGNORECASE,
)
_SPEECH_DIRECTLY_BEFORE: Final = re.compile(rf"(?<!\w)(?:{_SPEECH_WORDS})\s+(?:(?i:on)\s+)?$", re.IGNORECASE)


def clause_before(text: str, start: int) -> str:
    """The text before `start` back to the previous sentence boundary (at most ~90 characters)."""
    window = text[max(0, start - _BEFORE_CHARS) : start]
    cut = 0
    for found in _BOUNDARY.finditer(window):
        cut = found.end()
    return window[cut:]


def clause_after(text: str, end: int, limit: int = _AFTER_CHARS) -> str:
    """The text after `end` up to the next sentence boundary (at most `limit` characters)."""
    window = text[end : end + limit]
    found = _BOUNDARY.search(window)
    return window[: found.start()] if found else window


def tense_cue(text: str, start: int, end: int) -> Tense:
    """What the clause around text[start:end] suggests: "future" on a future-tense cue, "past"
    when a reporting or past-tense verb directly precedes ("said on Friday that talks will
    resume" is past for "Friday"; "they met on December 1"), else "none"."""
    before = clause_before(text, start)
    if _SPEECH_DIRECTLY_BEFORE.search(before):
        return "past"
    if _FUTURE.search(before) or _FUTURE.search(clause_after(text, end)):
        return "future"
    return "past" if _PAST_DIRECTLY_BEFORE.search(before) else "none"


def reporting_evidence(text: str, start: int, end: int) -> int | None:
    """If the weekday at text[start:end] dates a statement, the offset where the evidence starts.

    Two shapes count: a reporting verb shortly before ("the ministry said Friday", "told
    reporters on Monday") and a clause-opening weekday in a sentence with a reporting verb
    ("On Friday, the spokesman rejected ...").
    """
    before = clause_before(text, start)
    base = start - len(before)
    found = _SPEECH_BEFORE.search(before)
    if found is not None:
        verb = found.group("verb").lower()
        gap = found.group("gap")
        content_first = gap and verb not in _OBJECT_VERBS and _CONTENT_FIRST.match(gap)
        if not content_first and not _GAP_END.search(gap):
            return base + found.start()
    if _CLAUSE_OPENING.match(before) and text[end : end + 1] == ",":
        rest = clause_after(text, end, _SENTENCE_CHARS)
        if _SPEECH_ANYWHERE.search(rest):
            return base + len(before) - len(before.lstrip())
    return None
