"""The attribution, time and count suites: span matching, the benchmark readers on hand-built
files, and small real subsets (skipped without the benchmark data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import data_path
from debrief.evals import SUITES, suites
from debrief.evals.attr_spans import Tally, match, trim
from debrief.evals.plover import match_actors
from debrief.evals.polnear import parse_ann
from debrief.evals.tempeval3 import parse_tml, timeml_value
from debrief.records import Timex

_ = suites


def test_suites_are_registered() -> None:
    assert {"polnear", "tempeval3", "acled-notes", "plover-gsr"} <= set(SUITES)


def test_exact_and_overlap_matching_are_one_to_one() -> None:
    gold = [(0, 10), (20, 30)]
    pred = [(0, 10), (5, 25), (40, 50)]
    assert match(gold, pred, exact=True) == [(0, 0)]
    assert sorted(match(gold, pred, exact=False)) == [(0, 0), (1, 1)]
    t = Tally()
    t.add(2, 3, 2)
    assert (round(t.precision, 3), t.recall, round(t.f1, 3)) == (0.667, 1.0, 0.8)


def test_trim_drops_quotes_and_edge_punctuation() -> None:
    text = "He said “we will win.” Then"
    assert text[slice(*trim(text, (8, 22)))] == "we will win"


def test_polnear_standoff_gives_source_cue_content() -> None:
    text = "The Post reports that the senator left early."
    ann = (
        "T1\tSource 0 8\tThe Post\nT2\tCue 9 16\treports\nT3\tContent 17 45\tthat the senator left early\n"
        "T4\tAttribution 9 16\treports\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    )
    gold = parse_ann(ann, text)
    assert [text[s:e] for s, e in gold.source] == ["The Post"]
    assert [text[s:e] for s, e in gold.cue] == ["reports"]
    assert [text[s:e] for s, e in gold.content] == ["the senator left early"]  # "that" trimmed


def test_tml_text_offsets_and_values() -> None:
    raw = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>'
        '<TEXT>Talks ended <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> after '
        '<TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.</TEXT></TimeML>'
    )
    doc = parse_tml("x", raw)
    assert doc.dct == date(2013, 3, 22)
    assert [(doc.text[slice(*g.span)], g.type, g.value) for g in doc.timexes] == [
        ("Thursday", "DATE", "2013-03-21"),
        ("two days", "DURATION", "P2D"),
    ]


def test_timeml_values_at_each_precision() -> None:
    day = Timex(0, 6, "Friday", "weekday", date(2013, 3, 15), date(2013, 3, 15), "day")
    week = Timex(0, 9, "last week", "relative", date(2013, 3, 11), date(2013, 3, 17), "week")
    summer = Timex(0, 11, "last summer", "relative", date(2012, 6, 1), date(2012, 8, 31), "month")
    decade = Timex(0, 9, "the 1990s", "range", date(1990, 1, 1), date(1999, 12, 31), "year")
    assert [timeml_value(t) for t in (day, week, summer, decade)] == ["2013-03-15", "2013-W11", "2012-SU", "199"]


def test_actor_texts_match_by_containment() -> None:
    assert match_actors(["Egyptian police"], ["Egyptian police officers", "protesters"]) == 1
    assert match_actors(["Hamas"], ["Fatah"]) == 0


@pytest.mark.data
def test_polnear_dev_subset_scores_every_role() -> None:
    data_path("polnear", "data", "dev")
    from debrief.evals.polnear import run_part

    result = run_part(Path(data_path()), "dev", limit=3)
    assert result.payload["n"] == 3
    for role in ("source_f1", "cue_f1", "content_f1"):
        assert set(result.payload[role]) == {"exact", "overlap"}
        assert 0.0 < result.payload[role]["overlap"] <= 1.0


@pytest.mark.data
def test_acled_dev_subset_reads_fatalities() -> None:
    data_path("acled_africa_2016_sample", "acled.csv")
    from debrief.evals.acled_notes import run_part

    result = run_part(Path(data_path()), "dev", places=False, limit=20)
    assert result.payload["n"] == 20
    assert result.payload["fatalities_exact"] >= 0.5
