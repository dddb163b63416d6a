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
