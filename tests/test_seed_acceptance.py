"""The seed article end to end, with no --published: the acceptance of the walking-skeleton issue.

Reference coordinates are the real places' (Wikipedia/GeoNames), independent of the gazetteer,
except Thaniet al-Rajma, a pass on the Homs–Palmyra road whose position no offline source here
confirms: for it we check the province and that it lies on the Homs–Palmyra corridor.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contract import assert_report_valid
from debrief.cli import app
from debrief.records import Event, Report

SEED = "01_ria_ministry_briefing_2015.txt"
PROVINCES = ("Aleppo", "Damascus", "Deir ez-Zor", "Hama", "Homs", "Idlib", "Latakia", "Daraa")
MAYADIN = (35.0198, 40.4515)
AL_LATAMNA = (35.3208, 36.6225)
KUWEIRES = (36.1869, 37.5831)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def in_syria(lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and 32.3 <= lat <= 37.4 and 35.6 <= lon <= 42.4


def point(e: Event) -> tuple[float, float]:
    assert e.location is not None and e.location.lat is not None and e.location.lon is not None
    return e.location.lat, e.location.lon


@pytest.fixture(scope="module")
def seed(samples_dir: Path) -> tuple[Report, str]:
    result = CliRunner().invoke(app, ["extract", str(samples_dir / SEED), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = Report.model_validate(json.loads(result.stdout))
    text = (samples_dir / SEED).read_text(encoding="utf-8")
    from debrief.document import normalise_text

    return report, normalise_text(text)


def test_contract_holds(seed: tuple[Report, str]) -> None:
    assert_report_valid(*seed)


def test_published_date_is_inferred(seed: tuple[Report, str]) -> None:
    pub = seed[0].document.published
    assert pub is not None and (pub.date, pub.inferred) == ("2015-11-13", True)


def test_air_strikes_in_each_of_the_eight_provinces(seed: tuple[Report, str]) -> None:
    report = seed[0]
    for province in PROVINCES:
        found = [
            e
            for e in report.events
            if e.type == "AIR_STRIKE"
            and e.location
            and e.location.admin1 == province
            and e.location.precision == "admin1"
            and (e.date.start, e.date.end) == ("2015-11-11", "2015-11-12")
        ]
        assert len(found) == 1, province
        assert in_syria(found[0].location.lat, found[0].location.lon), province  # type: ignore[union-attr]
    shared = {e.claim for e in report.events if e.location and e.location.precision == "admin1"}
    assert len(shared) == 1 and None not in shared


def _strike_with(report: Report, weapon: str, admin1: str) -> Event:
    found = [
        e
        for e in report.events
        if e.type == "AIR_STRIKE"
        and any(w.text == weapon for w in e.weapons)
        and e.location
        and e.location.admin1 == admin1
        and e.location.precision != "admin1"
    ]
    assert len(found) == 1, [(e.location, [w.text for w in e.weapons]) for e in report.events]
    return found[0]


def test_su24m_strike_near_thaniet_al_rajma(seed: tuple[Report, str]) -> None:
    e = _strike_with(seed[0], "Su-24M", "Homs")
    assert e.location is not None and e.location.precision == "near"
    assert "Rajma" in (e.location.text or "")
    lat, lon = point(e)
    assert 34.3 <= lat <= 34.8 and 36.7 <= lon <= 38.3  # the Homs–Palmyra road corridor


def test_su34_strike_on_the_convoy_near_mayadin(seed: tuple[Report, str]) -> None:
    e = _strike_with(seed[0], "Su-34", "Deir ez-Zor")
    assert km(point(e), MAYADIN) <= 30


def test_su34_strike_on_the_depot_at_al_latamna(seed: tuple[Report, str]) -> None:
    e = _strike_with(seed[0], "Su-34", "Hama")
    assert km(point(e), AL_LATAMNA) <= 30
    assert any("Nusra" in t.text for t in e.targets)


def test_siege_of_kweires_lifted_and_kalibr_strike(seed: tuple[Report, str]) -> None:
    report = seed[0]
    (siege,) = [e for e in report.events if e.type == "GOV_REGAINS_TERIT"]
    assert siege.location is not None and siege.location.admin1 == "Aleppo"
    assert km(point(siege), KUWEIRES) <= 30
    kalibr = [e for e in report.events if e.type == "ART_MISS_ATTACK" and any(w.text == "Kalibr" for w in e.weapons)]
    assert len(kalibr) == 1 and (kalibr[0].date.start, kalibr[0].date.end) == ("2015-10-07", "2015-10-07")


def test_konashenkov_claim_carries_the_tally_and_its_check(seed: tuple[Report, str]) -> None:
    report = seed[0]
    tally = [
        c
        for c in report.claims
        if c.speaker.name == "Igor Konashenkov"
        and c.speaker.role == "spokesman"
        and c.speaker.organization == "Russian Defense Ministry"
        and [q.value for q in c.quantities] == [34, 16, 2, 3, 50, 184]
    ]
    assert len(tally) == 1
    (check,) = [k for k in report.checks if k.claim == tally[0].id]
    assert (check.kind, check.stated.text, check.stated.approx) == ("total_vs_items", "nearly three hundred", "nearly")
    assert (check.stated.value, check.computed, check.verdict) == (300, 289, "consistent")


def test_denial_of_s400_at_khmeimim_and_kremlin_claim(seed: tuple[Report, str]) -> None:
    report = seed[0]
    denials = [c for c in report.claims if c.stance == "deny" and "S-400" in c.content.text]
    assert any("Khmeimim" in c.content.text for c in denials)
    assert all(c.speaker.name == "Igor Konashenkov" for c in denials)
    assert any(c.speaker.text == "Kremlin" for c in report.claims)
