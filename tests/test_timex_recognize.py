"""Recognition: which spans are time expressions, of which kind, and which are not."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from debrief.timex import find_timexes

ANCHOR = date(2015, 11, 13)  # a Friday


def spans(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in find_timexes(text, ANCHOR)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was signed on November 12, 2015 in Vienna.", [("November 12, 2015", "date")]),
        ("It was signed on 12 November 2015 in Vienna.", [("12 November 2015", "date")]),
        ("It was signed on Nov. 12, 2015 in Vienna.", [("Nov. 12, 2015", "date")]),
        ("Posted 2015-11-12 by the agency.", [("2015-11-12", "date")]),
        ("Dated 25/12/2014, the letter said.", [("25/12/2014", "date")]),
        ("Fighting began in March 2015.", [("March 2015", "month")]),
        ("Fighting began in 2014.", [("2014", "year")]),
        ("The ships fired on October 7.", [("October 7", "date")]),
        ("The ships fired on 7 October.", [("7 October", "date")]),
        ("On November 11-12 warplanes struck.", [("November 11-12", "range")]),
        ("On 11-12 November warplanes struck.", [("11-12 November", "range")]),
        ("Talks ran between 3 and 5 March.", [("between 3 and 5 March", "range")]),
        ("Talks ran from 3 to 5 March.", [("from 3 to 5 March", "range")]),
        ("Talks ran March 30 - April 2.", [("March 30 - April 2", "range")]),
        ("The war raged from 2011 to 2015.", [("from 2011 to 2015", "range")]),
        ("Troops arrived last Friday.", [("last Friday", "weekday")]),
        ("Shelling resumed on Friday night.", [("Friday night", "weekday")]),
        ("The strike hit a convoy yesterday.", [("yesterday", "relative")]),
        ("Three weeks ago the town fell.", [("Three weeks ago", "relative")]),
        ("It happened earlier this month.", [("earlier this month", "relative")]),
        ("The siege lasted nearly three years.", [("nearly three years", "duration")]),
        ("They were held for 48 hours.", [("48 hours", "duration")]),
        ("Strikes intensified over the past week.", [("the past week", "duration")]),
        ("The convoy left at 10:30 local time.", [("10:30 local time", "time")]),
        ("Strikes resumed overnight.", [("overnight", "relative")]),
    ],
)
def test_recognises(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A Sukhoi Su-24M bomber and Su-34 jets flew with MiG-29 fighters.",
        "S-400 systems, Mi-8 helicopters, F-16 jets and T-72 tanks were seen.",
        "You may leave now. They march on. May God help them.",
        "The strikes destroyed 34 posts and 16 depots.",
        "Call +44 20 7946 0958 or (020) 7946 0958 for details.",
        "See https://example.com/2015/11/12/story and www.example.org/2015-11-12.",
        "Follow @RT_com and #Nov12 for updates.",
        "About 2015 people fled and 2000 troops stayed.",
        "Theresa May said the government backed May's plan.",
        "The Sunday Times and the Mail on Sunday reported on Good Friday.",
        "A 25-year-old man was held.",
        "He took pills three times a day.",
        "It is 12/11/2015.",  # day-month or month-day: ambiguous, not a date
    ],
)
def test_no_false_positives(text: str) -> None:
    assert spans(text) == []


def test_time_of_day_has_no_date() -> None:
    (t,) = find_timexes("The blast came at 10:30.", ANCHOR)
    assert (t.kind, t.value_start, t.value_end) == ("time", None, None)


def test_bare_year_needs_date_context() -> None:
    assert spans("since 2011, in 2014, by 2020") == [("2011", "year"), ("2014", "year"), ("2020", "year")]
    assert spans("The 2015 people and 2016 tanks.") == []


def test_month_name_needs_capital_and_context() -> None:
    assert spans("Protesters march in the capital.") == []
    assert spans("They arrived in March.") == [("March", "month")]
    assert spans("March is cold.") == []


def test_named_weekday_titles_are_not_dates() -> None:
    assert spans("USA Today reported it today.") == [("today", "relative")]


def test_offsets_match_text() -> None:
    text = "On Friday, a strike on November 11-12 killed 12.\n\nSince 2014 the town, yesterday at 10:30, fell."
    for t in find_timexes(text, ANCHOR):
        assert text[t.start : t.end] == t.text
    starts = [t.start for t in find_timexes(text, ANCHOR)]
    assert starts == sorted(starts)


def test_spans_do_not_overlap() -> None:
    text = "From December 30, 2014 to January 2, 2015, and on Friday, November 13, 2015, it rained."
    found = find_timexes(text, ANCHOR)
    assert [t.text for t in found] == ["From December 30, 2014 to January 2, 2015", "Friday, November 13, 2015"]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
