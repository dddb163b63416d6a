"""Word tables for time expressions: months, weekdays, number words, units, cue words.

Everything here is a constant. Month and weekday names are matched case-sensitively (Title or
UPPER case) so that "may" the modal and "march" the verb never start a date; number words and
units are matched case-insensitively through scoped ``(?i:...)`` groups.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

Unit = Literal["minute", "hour", "day", "night", "week", "month", "year", "decade"]

MONTHS: Final[dict[str, int]] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
FULL_MONTHS: Final[frozenset[str]] = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"]
)  # fmt: skip

WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

SMALL_NUMBERS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a couple of": 2, "a dozen": 12, "half a": 0, "half an": 0,
}  # fmt: skip

UNITS: Final[dict[str, Unit]] = {
    "minute": "minute", "hour": "hour", "day": "day", "night": "night", "week": "week",
    "fortnight": "week", "month": "month", "year": "year", "decade": "decade",
}  # fmt: skip

# Words that, capitalised before a weekday, make a named day ("Good Friday", "Bloody Sunday").
NAMED_DAY_PREFIXES: Final[frozenset[str]] = frozenset(
    ("Good", "Black", "Bloody", "Holy", "Palm", "Easter", "Ash", "Super", "Cyber", "Blue", "Maundy", "Whit")
)
# Words after a weekday that make it a title ("Sunday Times").
TITLE_SUFFIXES: Final[frozenset[str]] = frozenset(
    ("Times", "Telegraph", "Express", "Mirror", "Herald", "Post", "Mail", "People", "Sport", "Star",
     "Tribune", "Independent", "Politics", "Show", "Night", "Live", "Briefing", "Review", "Club")
)  # fmt: skip
# Titles a weekday ends ("Mail on Sunday").
TITLES_ON_DAY: Final[frozenset[str]] = frozenset(("Mail", "Independent", "Observer", "Express", "Mirror"))
# Count nouns after a four-digit number that make it a count, not a year ("by 2000 troops").
COUNT_NOUNS: Final[frozenset[str]] = frozenset(
    ["people", "persons", "civilians", "soldiers", "troops", "fighters", "militants", "refugees", "families",
     "children", "men", "women", "homes", "houses", "buildings", "residents", "members", "cases", "deaths",
     "dead", "casualties", "victims", "tonnes", "tons", "rockets", "missiles", "shells", "bombs", "vehicles",
     "barrels", "points", "metres", "meters", "kilometres", "miles", "feet"]
)  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of `words` in Title and UPPER case, longest first."""
    forms: set[str] = set()
    for w in words:
        forms.add(w.title())
        forms.add(w.upper())
    return "|".join(sorted(forms, key=lambda s: (-len(s), s)))


def month_number(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    return WEEKDAYS[word.lower()]


def number_value(word: str) -> int | None:
    """The value of a count word or numeral ("three", "twenty-four", "48", "1,200"); None if vague."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    if w in SMALL_NUMBERS:
        return SMALL_NUMBERS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in SMALL_NUMBERS and parts[1] in SMALL_NUMBERS:
        tens, ones = SMALL_NUMBERS[parts[0]], SMALL_NUMBERS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
            return tens + ones
    return None


MONTH_RE: Final[str] = (
    r"(?:" + _alternation(sorted(FULL_MONTHS)) + r"|(?:"
    + _alternation(sorted(set(MONTHS) - FULL_MONTHS)) + r")\.?)"
)  # fmt: skip
FULL_MONTH_RE: Final[str] = r"(?:" + _alternation(sorted(FULL_MONTHS)) + r")"
WEEKDAY_RE: Final[str] = r"(?:" + _alternation(sorted(WEEKDAYS)) + r")"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUMBER_WORD_RE: Final[str] = (
    r"(?i:(?:" + _TENS + r")(?:[- ](?:" + _ONES + r"))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|ten|" + _ONES + r")"
)  # fmt: skip
NUMERAL_RE: Final[str] = r"(?:\d{1,3}(?:,\d{3})+|\d{1,4})"
COUNT_RE: Final[str] = r"(?:" + NUMERAL_RE + r"|" + NUMBER_WORD_RE + r")"
VAGUE_RE: Final[str] = r"(?i:a\s+couple\s+of|a\s+few|a\s+number\s+of|several|many|few|dozens\s+of|hundreds\s+of)"
UNIT_RE: Final[str] = r"(?i:(?:minute|hour|day|night|week|fortnight|month|year|decade)s?)"
