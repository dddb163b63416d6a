"""Numerals, quantities and their noun phrases."""

from __future__ import annotations

import pytest

from debrief.numerals import find_numerals, words_to_number
from debrief.stages.numbers import quantities_in


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three hundred", 300),
        ("twenty-five", 25),
        ("one hundred and twenty-five", 125),
        ("4,000", 4000),
        ("2.5 million", 2_500_000),
        ("a thousand", 1000),
        ("seventeen", 17),
    ],
)
def test_words_to_number(text: str, value: float) -> None:
    assert words_to_number(text) == value


def test_vague_numerals_follow_acled() -> None:
    found = {n.text: n for n in find_numerals("dozens of people, tens of soldiers, hundreds of homes, a dozen cars")}
    assert found["dozens"].value == 12 and found["dozens"].approx == "vague"
    assert found["tens"].value == 10
    assert found["hundreds"].value == 100
    assert found["a dozen"].value == 12 and found["a dozen"].approx is None


@pytest.mark.parametrize(
    ("text", "approx", "low", "high"),
    [
        ("nearly 300 targets", "nearly", None, 300),
        ("more than 50 aircraft", "more than", 50, None),
        ("at least 7 people", "at least", 7, None),
        ("around 4,000 people", "around", 4000, 4000),
        ("up to 20 houses", "up to", None, 20),
    ],
)
def test_qualifiers_set_bounds(text: str, approx: str, low: float | None, high: float | None) -> None:
    (n,) = find_numerals(text)
    assert (n.approx, n.low, n.high) == (approx, low, high)


def test_ranges() -> None:
    assert [(n.low, n.high) for n in find_numerals("between 10 and 15 killed, 20-25 wounded, two or three cars")] == [
        (10, 15),
        (20, 25),
        (2, 3),
    ]


def test_designators_and_codes_are_not_numbers() -> None:
    assert find_numerals("a Su-24M, an S-400, a Mi-8 and an F-16 at 10:30") == []


def test_noun_phrase_attachment() -> None:
    text = "destroyed 34 command and control posts of the rebels, 16 fuel depots, two workshops producing shells"
    qs = quantities_in(text, [])
    assert [(q.value, q.category) for q in qs] == [
        (34, "command and control posts"),
        (16, "fuel depots"),
        (2, "workshops"),
    ]
    for q in qs:
        assert text[q.start : q.end] == q.text
        assert q.numeral is not None and q.text.startswith(q.numeral)


def test_kinds_and_skipped_spans() -> None:
    text = "For nearly three years, 12 people were held; in 2014 the town had 5% of its power."
    qs = quantities_in(text, [])
    kinds = {q.category: q.kind for q in qs}
    assert kinds["years"] == "duration"
    assert kinds["people"] == "count"
    assert all(q.value != 2014 for q in qs)  # a bare year is not a count
    skip_start = text.index("12")
    assert all(q.start != skip_start for q in quantities_in(text, [(skip_start, skip_start + 2)]))
