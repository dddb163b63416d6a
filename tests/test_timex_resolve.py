"""Resolution against an anchor: values, precision, `anchored`, and the pure `resolve` helper."""

from __future__ import annotations

from datetime import date

import pytest

from debrief.timex import find_timexes, resolve

FRIDAY = date(2015, 11, 13)
D = date


def value(text: str, anchor: date | None = FRIDAY) -> tuple[date | None, date | None, str, bool]:
    found = find_timexes(text, anchor)
    assert len(found) == 1, found
    t = found[0]
    return t.value_start, t.value_end, t.precision, t.anchored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on November 12, 2015", (D(2015, 11, 12), D(2015, 11, 12), "day", False)),
        ("in March 2015", (D(2015, 3, 1), D(2015, 3, 31), "month", False)),
        ("in 2014", (D(2014, 1, 1), D(2014, 12, 31), "year", False)),
        ("on October 7", (D(2015, 10, 7), D(2015, 10, 7), "day", True)),
        ("on 1 November", (D(2015, 11, 1), D(2015, 11, 1), "day", True)),
        ("They attacked on 20 November", (D(2014, 11, 20), D(2014, 11, 20), "day", True)),  # most recent
        ("on November 11-12", (D(2015, 11, 11), D(2015, 11, 12), "day", True)),
        ("between 3 and 5 March", (D(2015, 3, 3), D(2015, 3, 5), "day", True)),
        ("from December 30 to January 2, 2015", (D(2014, 12, 30), D(2015, 1, 2), "day", False)),
        ("on 21 December last year", (D(2014, 12, 21), D(2014, 12, 21), "day", True)),
        ("Friday", (FRIDAY, FRIDAY, "day", True)),  # same weekday as the anchor: the anchor
        ("on Thursday", (D(2015, 11, 12), D(2015, 11, 12), "day", True)),
        ("on Saturday", (D(2015, 11, 7), D(2015, 11, 7), "day", True)),
        ("last Friday", (D(2015, 11, 6), D(2015, 11, 6), "day", True)),
        ("next Friday", (D(2015, 11, 20), D(2015, 11, 20), "day", True)),
        ("Friday night", (FRIDAY, FRIDAY, "day", True)),
        ("today", (FRIDAY, FRIDAY, "day", True)),
        ("yesterday", (D(2015, 11, 12), D(2015, 11, 12), "day", True)),
        ("the previous day", (D(2015, 11, 12), D(2015, 11, 12), "day", True)),
        ("last week", (D(2015, 11, 2), D(2015, 11, 8), "week", True)),
        ("earlier this month", (D(2015, 11, 1), D(2015, 11, 30), "month", True)),
        ("last month", (D(2015, 10, 1), D(2015, 10, 31), "month", True)),
        ("this year", (D(2015, 1, 1), D(2015, 12, 31), "year", True)),
        ("last year", (D(2014, 1, 1), D(2014, 12, 31), "year", True)),
        ("two days ago", (D(2015, 11, 11), D(2015, 11, 11), "day", True)),
        ("three weeks ago", (D(2015, 10, 19), D(2015, 10, 25), "week", True)),
        ("overnight", (D(2015, 11, 12), FRIDAY, "day", True)),
        ("this morning", (FRIDAY, FRIDAY, "day", True)),
        ("last March", (D(2015, 3, 1), D(2015, 3, 31), "month", True)),
        ("in December", (D(2014, 12, 1), D(2014, 12, 31), "month", True)),
        ("over the past week", (D(2015, 11, 6), FRIDAY, "week", True)),
        ("the last 48 hours", (D(2015, 11, 11), FRIDAY, "day", True)),
        ("the 1990s", (D(1990, 1, 1), D(1999, 12, 31), "year", False)),
    ],
)
def test_values(text: str, expected: tuple[date | None, date | None, str, bool]) -> None:
    assert value(text) == expected


@pytest.mark.parametrize(
    ("anchor", "text", "expected"),
    [
        (D(2015, 11, 13), "last summer", (D(2015, 6, 1), D(2015, 8, 31))),
        (D(2015, 8, 10), "last summer", (D(2014, 6, 1), D(2014, 8, 31))),
        (D(2015, 11, 13), "this winter", (D(2015, 12, 1), D(2016, 2, 29))),
        (D(2016, 1, 10), "this winter", (D(2015, 12, 1), D(2016, 2, 29))),
        (D(2016, 1, 10), "last winter", (D(2014, 12, 1), D(2015, 2, 28))),
        (D(2015, 11, 13), "the summer of 2014", (D(2014, 6, 1), D(2014, 8, 31))),
    ],
)
def test_seasons(anchor: date, text: str, expected: tuple[date, date]) -> None:
    start, end, precision, _ = value(text, anchor)
    assert ((start, end), precision) == (expected, "month")


def test_year_lists() -> None:
    found = find_timexes("Attacks rose in 2003, 2004 and 2005, while 2000 people fled.", FRIDAY)
    assert [t.text for t in found] == ["2003", "2004", "2005"]


def test_durations_and_times_carry_no_value() -> None:
    for text in ("two days", "for 48 hours", "nearly three years", "at 10:30"):
        start, end, _precision, anchored = value(text)
        assert (start, end, anchored) == (None, None, False)


def test_without_anchor_relative_stays_unresolved() -> None:
    for text in ("Friday", "yesterday", "last week", "on October 7", "November 11-12", "in March"):
        start, end, _precision, anchored = value(text, None)
        assert (start, end, anchored) == (None, None, False), text
    assert value("November 12, 2015", None)[:2] == (D(2015, 11, 12), D(2015, 11, 12))


def test_future_cue_looks_ahead() -> None:
    assert value("Talks will resume on November 20.")[0] == D(2015, 11, 20)
    assert value("Voting is scheduled for Monday.")[0] == D(2015, 11, 16)
    assert value("Elections will be held in March.")[:2] == (D(2016, 3, 1), D(2016, 3, 31))


def test_speech_verb_keeps_weekday_in_the_past() -> None:
    found = find_timexes("He said on Thursday that talks will resume on Monday.", FRIDAY)
    assert [(t.text, t.value_start) for t in found] == [("Thursday", D(2015, 11, 12)), ("Monday", D(2015, 11, 16))]


def test_range_across_new_year() -> None:
    assert value("December 30 - January 2", D(2015, 2, 10))[:2] == (D(2014, 12, 30), D(2015, 1, 2))


def test_stale_day_without_year_is_the_coming_one() -> None:
    january = date(2000, 1, 6)
    assert value("must be returned by Jan. 14.", january)[0] == D(2000, 1, 14)
    assert value("They met on Jan. 14.", january)[0] == D(1999, 1, 14)  # past-tense verb


def test_named_weekday_picks_the_matching_year() -> None:
    assert value("Monday, Oct. 26", date(1998, 10, 25))[0] == D(1998, 10, 26)


def test_leap_day_without_year_goes_back_to_a_leap_year() -> None:
    assert value("on February 29", FRIDAY)[0] == D(2012, 2, 29)


def test_resolve_one_expression() -> None:
    t = resolve("November 11-12", FRIDAY)
    assert t is not None
    assert (t.kind, t.value_start, t.value_end, t.start, t.end) == ("range", D(2015, 11, 11), D(2015, 11, 12), 0, 14)
    t = resolve("the attack last Friday", FRIDAY)
    assert t is not None and (t.text, t.value_start) == ("last Friday", D(2015, 11, 6))


def test_resolve_falls_back_to_dateparser() -> None:
    t = resolve("12 nov 2015", FRIDAY)  # lower-case month: not for running text, fine alone
    assert t is not None and (t.value_start, t.precision, t.anchored) == (D(2015, 11, 12), "day", False)
    t = resolve("next tuesday", FRIDAY)
    assert t is not None and (t.value_start, t.anchored) == (D(2015, 11, 17), True)
    assert resolve("no date in here", FRIDAY) is None


def test_resolve_refuses_designators() -> None:
    assert resolve("Su-24M", FRIDAY) is None
    assert resolve("S-400", FRIDAY) is None
