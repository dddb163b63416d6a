"""Compiled recognition patterns (constants only; what each match means is in :mod:`.recognize`).

Conventions: month and weekday names are case-sensitive (Title/UPPER), everything else is
case-insensitive through scoped ``(?i:...)`` groups; a numeral may not touch another digit,
a decimal point, a thousands separator, a hyphenated designator or a currency sign.
"""

from __future__ import annotations

import re
from typing import Final

from debrief.timex.lexicon import (
    COUNT_RE,
    FULL_MONTH_RE,
    MONTH_RE,
    UNIT_RE,
    VAGUE_RE,
    WEEKDAY_RE,
)

DAY: Final = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR: Final = r"(?:19\d\d|20\d\d|2100)"
_NUM_LEFT: Final = r"(?<![\w.,/:$£€#@+-])"  # a numeral starts here
_NUM_RIGHT: Final = r"(?![\w%]|[.,:/-]\d)"  # a numeral ends here
_YEAR_END: Final = r"(?![\w%]|[.,:/]\d|\s*[-–]\s*\d)"
_PRE: Final = r"(?:(?P<pre>(?i:between|from))\s+)?"
_CONN: Final = r"(?:\s*(?P<c>[-–—/])\s*|\s+(?P<cw>(?i:to|through|thru|until|till|and))\s+)"
_OPT_YEAR: Final = (  # ", 2015" or "last year"
    r"(?:,?\s+(?:(?P<y>" + YEAR + r")" + _YEAR_END + r"|(?:of\s+)?(?P<ry>(?i:last|this|next))\s+(?i:year)(?!\w)))?"
)


def _month(name: str) -> str:
    return rf"(?<!\w)(?P<{name}>{MONTH_RE})(?!\w)"


# ---------------------------------------------------------------- absolute dates and ranges

ISO_DATE: Final = re.compile(
    rf"(?<![\w/.-])(?P<y>{YEAR})(?P<s>[-/])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d|[-/]\d)"
)
NUMERIC_DATE: Final = re.compile(
    rf"(?<![\w/.:-])(?P<a>\d{{1,2}})(?P<s>[/.])(?P<b>\d{{1,2}})(?P=s)(?P<y>{YEAR})(?!\d|[/.]\d)"
)
MONTH_DAY: Final = re.compile(  # "November 12, 2015", "Friday, Nov. 13", "October 7"
    rf"(?:(?<!\w)(?P<wd>{WEEKDAY_RE}),?\s+)?{_month('m')}\s+(?:the\s+)?(?P<d>{DAY}){_NUM_RIGHT}{_OPT_YEAR}"
)
DAY_MONTH: Final = re.compile(  # "12 November 2015", "Friday 13 November", "the 7th of October"
    rf"(?:(?<!\w)(?P<wd>{WEEKDAY_RE}),?\s+(?:the\s+)?)?{_NUM_LEFT}(?P<d>{DAY})(?:\s+of)?\s+{_month('m')}"
    rf"{_OPT_YEAR}"
)
MONTH_DAY_RANGE: Final = re.compile(  # "November 11-12", "from March 3 to 5, 2015"
    rf"{_PRE}{_month('m')}\s+(?P<d1>{DAY}){_CONN}(?P<d2>{DAY}){_NUM_RIGHT}{_OPT_YEAR}"
)
DAY_RANGE_MONTH: Final = re.compile(  # "11-12 November", "between 3 and 5 March 2015"
    rf"{_PRE}{_NUM_LEFT}(?P<d1>{DAY}){_CONN}(?P<d2>{DAY})(?:\s+of)?\s+{_month('m')}{_OPT_YEAR}"
)
MONTH_RANGE: Final = re.compile(  # "between March and May", "March-May 2015"
    rf"{_PRE}(?<!\w)(?P<m1>{FULL_MONTH_RE}){_CONN}(?P<m2>{FULL_MONTH_RE})(?!\w){_OPT_YEAR}"
)
MONTH_YEAR: Final = re.compile(  # "March 2015", "mid-March 2015"
    rf"(?<!\w)(?P<mod>(?i:early|late|mid)(?:\s+|-)|(?i:mid)-)?{_month('m')},?\s+(?:of\s+)?(?P<y>{YEAR}){_YEAR_END}"
)
MONTH_REL_YEAR: Final = re.compile(  # "June last year", "early March this year"
    rf"(?<!\w)(?P<mod>(?i:early|late|mid)(?:\s+|-)|(?i:mid)-)?{_month('m')}\s+(?:of\s+)?(?P<ry>(?i:last|this|next))"
    r"\s+(?i:year)(?!\w)"
)
BARE_MONTH: Final = re.compile(  # "in March", "last March", "since early May"
    r"(?:(?<!\w)(?P<prep>(?i:in|since|until|till|through|throughout|during|from|before|after|by|of))\s+)?"
    rf"(?P<core>(?:(?P<mod>(?i:this\s+past|early|late|mid|last|this|next|past|coming))(?:\s+|-))?"
    rf"(?<!\w)(?P<m>{FULL_MONTH_RE})(?!\w))(?!\s*\d|['’]s)"
)
YEAR_IN_CONTEXT: Final = re.compile(  # "in 2014", "since 2011", "late 2014", "the summer of 2014"
    r"(?:(?<!\w)(?P<prep>(?i:in|since|during|until|till|by|before|after|from|through|throughout|as\s+of"
    r"|(?:the\s+)?(?:end|start|beginning|middle|first\s+half|second\s+half|course|year)\s+of))\s+)?"
    r"(?P<core>(?:(?<!\w)(?P<mod>(?i:early|late|mid)(?:\s+|-)|(?i:mid)-|(?i:spring|summer|autumn|winter)"
    rf"(?:\s+of)?\s+))?{_NUM_LEFT}(?P<y>{YEAR}){_YEAR_END})"
)
YEAR_RANGE: Final = re.compile(  # "2011-2015", "2014/15", "between 2011 and 2013"
    rf"{_PRE}{_NUM_LEFT}(?P<y1>{YEAR}){_CONN}(?P<y2>{YEAR}|\d\d){_NUM_RIGHT}"
)
YEAR_LIST_NEXT: Final = re.compile(rf"(?:,\s*|,?\s+(?i:and|or)\s+)(?P<y>{YEAR}){_YEAR_END}")  # ", 2004 and"
SEASON: Final = re.compile(  # "last summer", "this winter", "early spring"
    r"(?<![\w-])(?P<mod>(?i:this\s+past|last|this|next|early|late))\s+(?P<s>(?i:spring|summer|autumn|fall|winter))"
    r"(?!\w)"
)
SEASON_YEAR: Final = re.compile(  # "summer 2014", "the autumn of 2015" (not winter: which one?)
    rf"(?<![\w-])(?:(?P<mod>(?i:early|late))\s+)?(?P<s>(?i:spring|summer|autumn))(?:\s+of)?\s+(?P<y>{YEAR}){_YEAR_END}"
)
DECADE: Final = re.compile(  # "the 1990s", "the early 2000s"
    r"(?<![\w.,])(?P<mod>(?i:early|late|mid)(?:\s+|-))?(?P<y>(?:19|20)\d0)['’]?s(?!\w)"
)

# ---------------------------------------------------------------- weekdays and relative

WEEKDAY: Final = re.compile(
    r"(?:(?<!\w)(?P<mod>(?i:this\s+past|this\s+coming|last|next|this|past|coming|previous))\s+)?"
    rf"(?<!\w)(?P<wd>{WEEKDAY_RE})(?!\w)(?:\s+(?P<part>(?i:morning|afternoon|evening|night))(?!\w))?"
)
RELATIVE_DAY: Final = re.compile(
    r"(?<![\w-])(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|(?:earlier|later)\s+today|today|tonight|this\s+(?:morning|afternoon|evening)"
    r"|yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night"
    r"|tomorrow(?:\s+(?:morning|afternoon|evening|night))?"
    r"|the\s+(?:previous|preceding)\s+(?:day|night|evening)|overnight))(?![\w-])"
)
DAY_BEFORE: Final = re.compile(r"(?<!\w)(?i:the\s+(?:day|night)\s+before)(?!\w)(?P<end>\s*(?:[.,;:!?)]|$))?")
UNRESOLVED: Final = re.compile(
    r"(?<![\w-])(?i:the\s+(?:next|following|same)\s+(?:day|morning|night|evening|week|month|year)"
    rf"|(?:{COUNT_RE}|a|an|{VAGUE_RE})\s+{UNIT_RE}\s+(?:later|earlier|afterwards))(?![\w-])"
)
CALENDAR_UNIT: Final = re.compile(  # "this week", "earlier this month", "last year", "the previous week"
    r"(?<![\w-])(?P<mod>(?i:(?:earlier|later)\s+this|this|last|next|the\s+previous))\s+"
    r"(?P<u>(?i:week|month|year))(?![\w-])"
)
AGO: Final = re.compile(rf"(?<![\w-])(?P<n>{COUNT_RE}|(?i:a|an)|{VAGUE_RE})(?:\s+|-)(?P<u>{UNIT_RE})\s+(?i:ago)(?!\w)")
WEEKEND: Final = re.compile(
    r"(?<![\w-])(?P<mod>(?i:last|this|next|the\s+past|the\s+previous|the))\s+(?i:weekend)(?!\w)"
)
PAST: Final = re.compile(  # "the past week", "the last 24 hours", "past two days", "in recent weeks"
    rf"(?<![\w-])(?:(?i:the\s+(?:past|last|previous))\s+(?:(?P<n>{COUNT_RE}|{VAGUE_RE})\s+)?(?P<u>{UNIT_RE})"
    rf"|(?i:past|last)\s+(?P<n2>{COUNT_RE}|{VAGUE_RE})\s+(?P<u2>{UNIT_RE})"
    r"|(?i:recent)\s+(?P<u3>(?i:days|weeks|months|years)))(?![\w-])"
)
FUTURE_SPAN: Final = re.compile(  # "the coming days", "the next two weeks"
    rf"(?<![\w-])(?i:the\s+(?:coming|next)\s+(?:(?:{COUNT_RE}|{VAGUE_RE})\s+)?(?:days|weeks|months|years|hours"
    rf"|{COUNT_RE}\s+{UNIT_RE}))(?![\w-])"
)
DURATION: Final = re.compile(  # "two days", "nearly three years", "for a week", "48-hour"
    r"(?:(?<!\w)(?P<prep>(?i:for|within|in|after|during))\s+)?"
    r"(?P<core>(?:(?<!\w)(?P<q>(?i:nearly|almost|about|around|roughly|approximately|some|more\s+than|less\s+than"
    r"|fewer\s+than|over|under|at\s+least|up\s+to|at\s+most|just\s+over|just\s+under|well\s+over|barely))\s+)?"
    rf"(?<![\w,.-])(?P<n>{COUNT_RE}|(?i:a|an|half\s+an?)|{VAGUE_RE})(?:\s+|-)(?P<u>{UNIT_RE})"
    r"(?:\s+(?i:and\s+a\s+half)|-long)?)(?![\w-])"
)

# ---------------------------------------------------------------- times of day

TIME_OF_DAY: Final = re.compile(
    r"(?<![\w.:/-])(?:"
    r"(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?i:a\.m\.|p\.m\.|am|pm)(?!\w)"
    r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?i:hrs|h)(?!\w))?"
    r"|(?:1[0-2]|0?[1-9])\s*(?i:a\.m\.|p\.m\.|am|pm)(?!\w)"
    r"|(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC|(?i:hrs|hours))(?!\w)"
    r"|(?i:midnight|noon|midday)(?!\w))"
    r"(?:\s+(?:GMT|UTC|BST|EST|EDT|CET|CEST|EET|EEST|(?i:local\s+time)))?(?![\w:]|[.,]\d)"
)

# ---------------------------------------------------------------- spans no timex may touch

EXCLUDED: Final = re.compile(  # quantifiers are bounded: no quadratic scans on long tokens
    r"https?://\S+|www\.\S+"
    r"|(?<![\w@.-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,6}\.(?:com|org|net|gov|ru|uk|int|info|io|co)(?:/\S*)?(?!\w)"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?<!\w)[@#]\w+"
    r"|(?<![\w-])(?!(?i:mid|pre|post|late|early)-)[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z]{0,3}(?![\w-])"
    r"|\+\d{1,3}[\s.-]?(?:\(\d+\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){1,4}|\(\d{2,5}\)\s?\d{3,4}[\s.-]?\d{3,4}"
)
RANGE_GAP: Final = re.compile(r"\s*(?:[-–—])\s*|\s+(?P<w>(?i:to|through|thru|until|till|and))\s+")
BEFORE_RANGE: Final = re.compile(r"(?<!\w)(?P<pre>(?i:between|from))\s+$")
FOLLOWING_WORD: Final = re.compile(r"\s+([a-z]+)")
