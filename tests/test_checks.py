"""Stated totals against itemised counts."""

from __future__ import annotations

import pytest

from debrief.stages.checks import verdict


@pytest.mark.parametrize(
    ("stated", "approx", "computed", "expected"),
    [
        (300, "nearly", 289, "consistent"),
        (300, "nearly", 200, "inconsistent"),
        (300, "nearly", 310, "inconsistent"),
        (50, "more than", 51, "consistent"),
        (50, "more than", 50, "inconsistent"),
        (7, "at least", 7, "consistent"),
        (4000, "around", 3700, "consistent"),
        (4000, "around", 3000, "inconsistent"),
        (12, None, 12, "consistent"),
        (12, None, 13, "inconsistent"),
        (20, "up to", 21, "inconsistent"),
    ],
)
def test_verdict(stated: float, approx: str | None, computed: float, expected: str) -> None:
    assert verdict(stated, approx, computed)[0] == expected


def test_itemised_runs_need_list_separators() -> None:
    from debrief.stages.checks import itemised_runs
    from debrief.stages.numbers import quantities_in

    text = "They hit 4 depots, 5 posts and 6 camps. Later 7 trucks left. 8 boats sank."
    runs = itemised_runs(text, quantities_in(text, []))
    assert [[q.value for q in run] for run in runs] == [[4, 5, 6]]


def _doc(text: str):  # type: ignore[no-untyped-def]
    from debrief.stages.checks import find_checks
    from test_claims import run

    doc = run(text)
    return find_checks(doc)


def test_total_from_the_same_source_is_checked() -> None:
    ok = _doc(
        "The ministry said its aircraft struck more than 40 targets overnight. “We destroyed 20 depots, "
        "15 command posts and 9 camps,” the ministry said."
    )
    assert [(c.stated.value, c.stated.approx, c.computed, c.verdict) for c in ok] == [
        (40, "more than", 44, "consistent")
    ]
    bad = _doc(
        "The ministry said its aircraft struck 60 targets overnight. “We destroyed 20 depots, "
        "15 command posts and 9 camps,” the ministry said."
    )
    assert [(c.stated.value, c.computed, c.verdict) for c in bad] == [(60, 44, "inconsistent")]


def test_total_from_another_source_is_not_paired() -> None:
    checks = _doc(
        "A monitor said 60 targets were hit. “We destroyed 20 depots, 15 command posts and 9 camps,” the ministry said."
    )
    assert checks == []
