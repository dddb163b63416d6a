"""Denials recorded on claims, paired in the ledger with events that other sources assert."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from debrief.cli import app
from debrief.document import document_id
from debrief.ledger import Ledger
from debrief.ledger.links import same_place
from debrief.options import LinkOptions
from debrief.records import (
    Claim,
    ClaimedEvent,
    DateValue,
    DocumentInfo,
    Event,
    EventDate,
    Location,
    Report,
    Span,
    Speaker,
)

ARIHA = Location(name="Arīḩā", country="SY", admin1="Idlib", lat=35.81, lon=36.61, precision="point")
SARAQIB = Location(name="Saraqib", country="SY", admin1="Idlib", lat=35.86, lon=36.80, precision="point")
ALEPPO = Location(name="Aleppo", country="SY", admin1="Aleppo", lat=36.2, lon=37.16, precision="point")


def _report(text: str, published: str, events: list[Event], claims: list[Claim]) -> Report:
    info = DocumentInfo(id=document_id(text), published=DateValue(date=published))
    return Report(document=info, events=events, claims=claims)


def _claim(cid: str, speaker: str, org: str | None, stance: str, denies: list[ClaimedEvent] | None = None) -> Claim:
    return Claim(
        id=cid,
        speaker=Speaker(text=speaker, name=speaker, organization=org, kind="person"),
        cue="said",
        cue_span=Span(start=0, end=4, text="said"),
        quote="indirect",
        stance=stance,  # type: ignore[arg-type]
        content=Span(start=5, end=10, text="words"),
        denies=denies or [],
    )


def _strike(eid: str, where: Location, day: str, claim: str | None) -> Event:
    return Event(
        id=eid, type="AIR_STRIKE", location=where, date=EventDate(start=day, end=day, precision="day"), claim=claim
    )


def _fill(path: Path) -> None:
    monitor = _report(
        "monitor report",
        "2016-02-09",
        [
            _strike("e1", ARIHA, "2016-02-08", "c1"),
            _strike("e2", ALEPPO, "2016-02-08", "c1"),
            _strike("e3", SARAQIB, "2016-02-01", "c1"),
        ],
        [_claim("c1", "Samer Haddad", "Casualty Monitor", "assert")],
    )
    ministry_own = _report(
        "ministry briefing",
        "2016-02-09",
        [_strike("e1", ARIHA, "2016-02-08", "c1")],
        [_claim("c1", "Defence Ministry", "Defence Ministry", "assert")],
    )
    denial = _report(
        "ministry denial",
        "2016-02-10",
        [],
        [
            _claim(
                "c1",
                "Viktor Sorokin",
                "Russian Defence Ministry",
                "deny",
                [
                    ClaimedEvent(
                        type="AIR_STRIKE",
                        trigger=Span(start=0, end=4, text="bomb"),
                        location=ARIHA,
                        date=EventDate(start="2016-02-08", end="2016-02-08", precision="day"),
                    )
                ],
            )
        ],
    )
    with Ledger.open(path) as ledger:
        for report, text in (
            (monitor, "monitor report"),
            (ministry_own, "ministry briefing"),
            (denial, "ministry denial"),
        ):
            ledger.add(report, text)


def test_denial_contradicts_other_sources_at_the_same_place_and_day(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    _fill(db)
    with Ledger.open(db) as ledger:
        found = ledger.contradictions()
    # the monitor's Ariha strike only: not Aleppo (another place), not Saraqib a week earlier,
    # not the ministry's own briefing (a source does not contradict itself)
    assert [(c["event"]["id"], c["event"]["location"]["name"], c["place"]) for c in found] == [
        ("e1", "Arīḩā", "same place")
    ]
    assert found[0]["event"]["claim_speaker"]["name"] == "Samer Haddad"


def test_same_place_rules() -> None:
    options = LinkOptions()
    assert same_place(ARIHA.model_dump(), ARIHA.model_dump(), options) == "same place"
    near = ARIHA.model_copy(update={"name": "Ariha market", "lat": 35.82})
    assert same_place(ARIHA.model_dump(), near.model_dump(), options) == "1 km apart"
    assert same_place(ARIHA.model_dump(), SARAQIB.model_dump(), options) is None
    province = Location(name="Idlib", country="SY", admin1="Idlib", precision="admin1")
    assert same_place(province.model_dump(), SARAQIB.model_dump(), options) == "same admin1 (Idlib)"
    assert same_place(ARIHA.model_dump(), ALEPPO.model_dump(), options) is None


def test_checks_and_contradictions_commands(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    _fill(db)
    runner = CliRunner()
    table = runner.invoke(app, ["contradictions", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "Viktor Sorokin" in table.stdout and "1 contradiction" in table.stdout
    geo = json.loads(runner.invoke(app, ["contradictions", "--db", str(db), "--format", "geojson"]).stdout)
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [ARIHA.lon, ARIHA.lat]}
    checks = runner.invoke(app, ["checks", "--db", str(db), "--format", "csv"])
    assert checks.exit_code == 0
    assert next(csv.reader(io.StringIO(checks.stdout)))[:3] == ["doc_id", "claim", "kind"]
    missing = runner.invoke(app, ["contradictions", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no ledger" in missing.output
