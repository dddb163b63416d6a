"""Smoke test over real articles: the pipeline runs on each and its Report meets the contract.

Articles come from the benchmark data folder (skipped when absent): TR-News, GeoWebNews and
GeoVirus (XML, read here — the product has no XML article reader and needs none) without a
publication date, and Guardian articles about the SDF (CSV) with the date of their row. The demo
corpus in samples/ is checked the same way, through `read_sources`.
"""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, find_data_dir
from contract import assert_report_valid, report_problems
from debrief.document import Document
from debrief.errors import InputError
from debrief.pipeline import Pipeline
from debrief.records import Check, Claim, DateValue, Event, Quantity, Report, Span, Speaker

GRITTA = ("gritta_geoparsing", "data")
# (corpus, path inside the data folder, how many articles to take, evenly spread)
XML_SAMPLES = (
    ("trnews", (*GRITTA, "Corpora", "TR-News.xml"), 20),
    ("gwn", (*GRITTA, "GWN.xml"), 15),
    ("geovirus", (*GRITTA, "Corpora", "GeoVirus.xml"), 10),
)
GUARDIAN = (("guardian_sdf_sample", "Guardian_SDF_sample.csv"), 20)
MIN_ARTICLES = 50


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date


def spread(items: list, n: int) -> list:
    """`n` items evenly spread over `items` (all of them when there are fewer)."""
    if len(items) <= n:
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def _child_text(element: ET.Element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def read_xml_articles(corpus: str, path: Path) -> list[Article]:
    """<articles><article><title/>?<text/></article>…</articles> (Gritta et al.'s corpora)."""
    articles: list[Article] = []
    for index, element in enumerate(ET.parse(path).getroot().iter("article")):
        text = _child_text(element, "text")
        if text:
            key = element.get("docid") or element.get("file") or str(index)
            articles.append(Article(f"{corpus}-{key}", text, title=_child_text(element, "title")))
    return articles


def read_guardian(path: Path) -> list[Article]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Article(f"guardian-{row.get('') or index}", row["text"], published=row["date"] or None)
        for index, row in enumerate(rows)
        if row["text"].strip()
    ]


def real_articles(data_dir: Path) -> list[Article]:
    """The smoke sample, or [] when the data folder is absent."""
    articles: list[Article] = []
    for corpus, parts, count in XML_SAMPLES:
        path = data_dir.joinpath(*parts)
        if path.exists():
            articles.extend(spread(read_xml_articles(corpus, path), count))
    parts, count = GUARDIAN
    path = data_dir.joinpath(*parts)
    if path.exists():
        articles.extend(spread(read_guardian(path), count))
    return articles


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "article" in metafunc.fixturenames:
        articles = real_articles(find_data_dir())
        metafunc.parametrize("article", articles, ids=[a.id for a in articles])


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def to_document(article: Article) -> Document:
    published = DateValue(date=article.published, precision="day") if article.published else None
    return Document.from_text(article.text, title=article.title, published=published, source=article.id)


# --------------------------------------------------------------------------- real articles


@pytest.mark.data
def test_sample_has_enough_articles() -> None:
    articles = real_articles(find_data_dir())
    assert len(articles) >= MIN_ARTICLES
    assert len({a.id for a in articles}) == len(articles)


@pytest.mark.data
def test_report_meets_the_contract(article: Article, pipeline: Pipeline) -> None:
    doc = pipeline(to_document(article))
    assert doc.sentences, "no sentences in a non-empty article"
    assert_report_valid(doc.to_report(), doc.text)


# --------------------------------------------------------------------------- demo corpus


def sample_documents() -> list[Document]:
    from debrief.ingest import read_sources

    items = list(read_sources([str(PROJECT_ROOT / "samples")]))
    errors = [str(item) for item in items if isinstance(item, InputError)]
    assert not errors, errors
    return [item for item in items if isinstance(item, Document)]


def test_demo_samples_meet_the_contract(pipeline: Pipeline) -> None:
    docs = sample_documents()
    # 6 articles (.txt, .html) + 2 JSON lines; README.md describes the folder
    assert len(docs) >= 8
    for doc in docs:
        done = pipeline(doc)
        assert_report_valid(done.to_report(), done.text)
        assert done.info.published is not None and done.info.published.date, done.info.source


@pytest.fixture(scope="module")
def demo_reports(pipeline: Pipeline) -> dict[str, Report]:
    """The demo corpus's reports by file name ("07_….jsonl:2" for a row)."""
    reports: dict[str, Report] = {}
    for doc in sample_documents():
        report = pipeline(doc).to_report()
        reports[Path(report.document.source or doc.id).name] = report
    return reports


def checks_stating(report: Report, value: float) -> list[Check]:
    return [c for c in report.checks if c.stated.value == value]


def test_demo_monitor_report_checks_both_totals(demo_reports: dict[str, Report]) -> None:
    """The monitor's daily total adds up (41 = 23 + 11 + 5 + 2); its weekly one does not
    (186 stated, 64 + 97 + 31 = 192). samples/README.md promises both."""
    report = demo_reports["03_casualty_monitor_2016.txt"]
    daily, weekly = checks_stating(report, 41), checks_stating(report, 186)
    assert [(c.computed, c.verdict) for c in daily] == [(41, "consistent")], report.checks
    assert [(c.computed, c.verdict) for c in weekly] == [(192, "inconsistent")], report.checks


def test_demo_briefing_total_adds_up(demo_reports: dict[str, Report]) -> None:
    report = demo_reports["04_ministry_briefing_2016.txt"]
    assert [(c.computed, c.verdict) for c in checks_stating(report, 237)] == [(237, "consistent")]


def test_demo_denial_is_a_denied_air_strike(demo_reports: dict[str, Report]) -> None:
    """The ministry's denial contradicts the wire's and the monitor's account of the same strike."""
    denial = demo_reports["05_ministry_denial_2016.txt"]
    denied = [c for c in denial.claims if c.stance == "deny"]
    assert denied, denial.claims
    assert any("Ariha" in c.content.text for c in denied)
    for name in ("02_levant_wire_ariha_2016.txt", "03_casualty_monitor_2016.txt"):
        located = [e for e in demo_reports[name].events if e.location and e.location.admin1 == "Idlib"]
        assert any(e.type == "AIR_STRIKE" for e in located), name


# --------------------------------------------------------------------------- the checker itself

TEXT = "Warplanes struck Ariha on Monday, killing at least 23 people, the monitor said."


def hand_made_report() -> Report:
    doc = Document.from_text(TEXT)
    start = TEXT.index("at least 23")
    quantity = Quantity(value=23, low=23, approx="at least", text="at least 23", start=start, end=start + 11)
    event = Event(
        id="e1",
        type="AIR_STRIKE",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        trigger=Span(start=10, end=16, text="struck"),
        quantities=[quantity],
        claim="c1",
    )
    content_end = TEXT.index(", the monitor")
    claim = Claim(
        id="c1",
        speaker=Speaker(text="the monitor", start=content_end + 2, end=content_end + 13),
        cue="said",
        quote="indirect",
        content=Span(start=0, end=content_end, text=TEXT[:content_end]),
        events=["e1"],
    )
    return Report(document=doc.info, events=[event], claims=[claim])


def test_checker_accepts_a_valid_report() -> None:
    assert report_problems(hand_made_report(), TEXT) == []


def test_checker_finds_each_kind_of_violation() -> None:
    report = hand_made_report()
    report.events[0].type = "BOMBING"
    report.events[0].trigger = Span(start=10, end=16, text="struck!")
    report.events[0].quantities[0].end = len(TEXT) + 5
    report.events[0].date.start, report.events[0].date.end = "2016-02-09", "2016-02-08"
    report.events[0].claim = "c9"
    report.claims[0].stance = "maybe"  # type: ignore[assignment]
    report.claims[0].events = ["e7"]
    problems = "\n".join(report_problems(report, TEXT))
    for expected in ("BOMBING", "struck!", "outside", "after end", "unknown claim 'c9'", "maybe", "'e7'"):
        assert expected in problems, f"{expected!r} not reported in:\n{problems}"
    with pytest.raises(AssertionError, match="contract violation"):
        assert_report_valid(report, TEXT)
