"""The dates stage on documents: the seed article, inference, given dates, real text."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import data_path
from debrief.document import Document
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import DateValue
from debrief.stages.dates import DatesStage, PublishedDateError
from debrief.stages.segment import SegmentStage

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "01_ria_ministry_briefing_2015.txt"


@pytest.fixture
def context() -> Context:
    options = PipelineOptions()
    return Context(options, Resources(options))


def run(context: Context, text: str, published: DateValue | None = None) -> Document:
    doc = Document.from_text(text, published=published)
    doc = SegmentStage(context)(doc)
    return DatesStage(context)(doc)


def find(doc: Document, text: str, occurrence: int = 0) -> tuple[date | None, date | None, str]:
    hits = [t for t in doc.timexes if t.text == text]
    t = hits[occurrence]
    return t.value_start, t.value_end, t.kind


def test_stage_name(context: Context) -> None:
    assert DatesStage(context).name == "dates"


def test_seed_article(context: Context) -> None:
    doc = run(context, SEED.read_text(encoding="utf-8"))
    published = doc.info.published
    assert published is not None
    assert (published.date, published.precision, published.inferred) == ("2015-11-13", "day", True)
    assert published.text is not None and published.text in doc.text
    assert find(doc, "November 11-12") == (date(2015, 11, 11), date(2015, 11, 12), "range")
    assert find(doc, "October 7") == (date(2015, 10, 7), date(2015, 10, 7), "date")
    assert find(doc, "November 11") == (date(2015, 11, 11), date(2015, 11, 11), "date")
    assert find(doc, "Friday") == (date(2015, 11, 13), date(2015, 11, 13), "weekday")
    assert find(doc, "Friday", 1) == (date(2015, 11, 13), date(2015, 11, 13), "weekday")
    assert find(doc, "November 12, 2015") == (date(2015, 11, 12), date(2015, 11, 12), "date")
    assert find(doc, "nearly three years") == (None, None, "duration")
    texts = [t.text for t in doc.timexes]
    assert not any(re.search(r"Su-|S-400|Mi-|34|RT_com|t\.co", t) for t in texts), texts
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert [t.start for t in doc.timexes] == sorted(t.start for t in doc.timexes)


def test_given_published_date_is_kept(context: Context) -> None:
    doc = run(context, "The ministry said Friday that strikes hit on October 7.", DateValue(date="2016-10-10"))
    assert doc.info.published is not None and doc.info.published.date == "2016-10-10"
    assert not doc.info.published.inferred
    assert find(doc, "Friday")[0] == date(2016, 10, 7)
    assert find(doc, "October 7")[0] == date(2016, 10, 7)


def test_published_with_time_of_day(context: Context) -> None:
    doc = run(context, "Strikes hit yesterday.", DateValue(date="2016-10-10T08:30:00"))
    assert find(doc, "yesterday")[0] == date(2016, 10, 9)


def test_invalid_published_date_raises(context: Context) -> None:
    with pytest.raises(PublishedDateError):
        run(context, "Strikes hit yesterday.", DateValue(date="10/10/2016"))


def test_no_evidence_leaves_relative_unresolved(context: Context) -> None:
    doc = run(context, "The ministry said Friday that strikes last week killed 12, two days after talks.")
    assert doc.info.published is None
    assert doc.timexes, "expressions are still found"
    for t in doc.timexes:
        assert (t.value_start, t.value_end, t.anchored) == (None, None, False)


def test_missing_date_in_published_is_inferred(context: Context) -> None:
    text = "Officials said on Tuesday the road reopened. Video — Agency (@a) July 3, 2018"
    doc = run(context, text, DateValue(date=None))
    assert doc.info.published is not None
    assert (doc.info.published.date, doc.info.published.inferred) == ("2018-07-03", True)


def test_empty_document(context: Context) -> None:
    doc = run(context, "")
    assert doc.timexes == [] and doc.info.published is None


@pytest.mark.data
def test_guardian_sample_offsets(context: Context) -> None:
    csv.field_size_limit(1 << 30)
    with data_path("guardian_sdf_sample", "Guardian_SDF_sample.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    docs = [SegmentStage(context)(Document.from_text(r["text"], published=DateValue(date=r["date"]))) for r in rows]
    stage = DatesStage(context)
    for doc in docs:
        stage(doc)
    found = [t for d in docs for t in d.timexes]
    assert len(found) > 1000
    for doc in docs:
        for t in doc.timexes:
            assert doc.text[t.start : t.end] == t.text
            if t.value_start is not None:
                assert t.value_end is not None and t.value_start <= t.value_end
