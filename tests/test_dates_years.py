"""A bare year is a date when it ends a clause or owns something, not before a count noun."""

from __future__ import annotations

from datetime import date

from debrief.timex import find_timexes

ANCHOR = date(2013, 3, 22)


def years(text: str) -> list[str]:
    return [t.text for t in find_timexes(text, ANCHOR) if t.kind == "year"]


def test_a_year_ending_a_clause_or_owning_something() -> None:
    assert years("Profits beat the record set in fiscal 1996.") == ["1996"]
    assert years("The firm said 1997's results were weaker.") == ["1997"]


def test_a_year_before_a_noun_needs_context() -> None:
    assert years("The 2015 people and 2016 tanks.") == []
    assert years("He paid $2010 for the car.") == []
