"""Publication-date inference from the text alone."""

from __future__ import annotations

import pytest

from debrief.timex import infer_published_from_text


def inferred(text: str) -> str | None:
    found = infer_published_from_text(text)
    if found is None:
        return None
    assert found.inferred and found.precision == "day"
    assert found.text is not None and found.text in text
    return found.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an embedded dated post is a lower bound; "said Friday" moves to the first Friday after it
        (
            "Airstrikes hit 30 targets, the ministry said Friday.\n"
            "Convoy hit on video — Agency (@agency) November 12, 2015",
            "2015-11-13",
        ),
        # other weekdays and months: "told reporters on Monday" after a Saturday post
        (
            "The commander told reporters on Monday that the road was open.\n"
            "Footage of the bridge — News (@news) March 7, 2020",
            "2020-03-09",
        ),
        # clause-opening weekday in a reporting sentence, with a day-month-year bound
        (
            "The council met on 2 June 2018. On Wednesday, the spokesman denied the report.",
            "2018-06-06",
        ),
        # the weekday of the bound itself
        ("The statement, issued on 14 August 2019, was read out. She said on Wednesday it stood.", "2019-08-14"),
        # no weekday of speech: the latest full date
        ("Shelling was reported on 3 January 2017 and again on 5 January 2017.", "2017-01-05"),
        # a dateline without a year, with a year elsewhere
        ("BAGHDAD, March 3 (Reuters) - Car bombs hit the city, police said. In 2014 the group rose.", "2014-03-03"),
        # a dateline with its year
        ("MOSCOW, November 13, 2015 (RIA Novosti) - The ministry said Friday ...", "2015-11-13"),
        # a stated publication date wins
        ("First published on 9 May 2016. The talks failed on 1 May 2016.", "2016-05-09"),
    ],
)
def test_inference(text: str, expected: str) -> None:
    assert inferred(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said Friday that 30 targets were hit.",  # a weekday alone
        "BAGHDAD, March 3 (Reuters) - Car bombs hit the city, police said.",  # a dateline without a year
        "Fighting has continued since 2011 and intensified in March 2015.",  # years and months only
        "No dates here at all, just 34 posts and an Su-24M.",
    ],
)
def test_no_evidence_gives_none(text: str) -> None:
    assert inferred(text) is None


def test_future_and_amendment_dates_are_not_evidence() -> None:
    assert inferred("Talks are scheduled for December 20, 2015.") is None
    assert inferred("Clashes erupted on 1 May 2018. This article was amended on 9 May 2018.") == "2018-05-01"


def test_deadline_weekday_is_not_speech() -> None:
    text = "The results were confirmed by Monday afternoon. Video — Agency (@a) January 3, 2019"
    assert inferred(text) == "2019-01-03"


def test_stale_full_date_is_dropped() -> None:
    assert inferred("The group was founded on 8 April 2013. It lost its last town in 2019.") is None
