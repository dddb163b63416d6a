"""Event detection, typing and fields on hand-built documents (places and dates placed by hand)."""

from __future__ import annotations

from datetime import date

import pytest

from debrief.document import Document
from debrief.errors import ConfigError
from debrief.options import PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import DateValue, PlaceCandidate, PlaceMention, Timex
from debrief.stages.claims import ClaimsStage
from debrief.stages.events import EventsStage, TriggerLexicon
from debrief.stages.mentions import MentionsStage
from debrief.stages.numbers import NumbersStage
from debrief.stages.segment import SegmentStage
from fakes import FakeGazetteer


def place(
    text: str,
    name: str,
    *,
    admin1: str | None,
    country: str,
    lat: float,
    lon: float,
    precision: str = "point",
    group: int | None = None,
) -> PlaceMention:
    start = text.index(name)
    cand = PlaceCandidate(None, name, country, admin1, lat, lon, "A1" if precision == "admin1" else "P")
    return PlaceMention(
        start, start + len(name), name, start, start + len(name), resolved=cand, precision=precision, group=group
    )  # type: ignore[arg-type]


def doc_context() -> Context:
    options = PipelineOptions()
    resources = Resources(options, open_gazetteer=FakeGazetteer())  # type: ignore[arg-type]
    return Context(options, resources)


def run(text: str, places: list[tuple[str, dict]], timexes: list[tuple[str, date, date]]) -> Document:
    options = PipelineOptions()
    resources = Resources(options, open_gazetteer=FakeGazetteer())  # type: ignore[arg-type]
    ctx = Context(options, resources)
    doc = Document.from_text(text, published=DateValue(date="2021-06-04"))
    doc = SegmentStage(ctx)(doc)
    doc.timexes = []
    for t, d0, d1 in timexes:
        s = doc.text.index(t)
        doc.timexes.append(Timex(s, s + len(t), t, "date" if d0 == d1 else "range", d0, d1, "day"))
    doc.places = [place(doc.text, name, **kw) for name, kw in places]
    for stage in (NumbersStage(ctx), MentionsStage(ctx), ClaimsStage(ctx), EventsStage(ctx)):
        doc = stage(doc)
    return doc


SY = {"country": "SY", "lat": 35.0, "lon": 37.0}


def test_one_event_per_listed_place_sharing_a_claim() -> None:
    text = (
        "On June 2 Russian warplanes carried out airstrikes in the provinces of Idlib, Hama and Aleppo, "
        "the ministry said."
    )
    doc = run(
        text,
        [
            ("Idlib", {**SY, "admin1": "Idlib", "precision": "admin1", "group": 1}),
            ("Hama", {**SY, "admin1": "Hama", "precision": "admin1", "group": 1}),
            ("Aleppo", {**SY, "admin1": "Aleppo", "precision": "admin1", "group": 1}),
        ],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    assert [e.type for e in doc.events] == ["AIR_STRIKE"] * 3
    assert [e.location.admin1 for e in doc.events if e.location] == ["Idlib", "Hama", "Aleppo"]
    assert {e.claim for e in doc.events} == {"c1"}
    assert doc.claims[0].events == ["e1", "e2", "e3"]
    assert all(e.date.start == "2021-06-02" for e in doc.events)
    assert doc.events[0].actors[0].name == "Military Forces of Russia"


def test_weak_trigger_typed_by_weapon_and_following_sentence_merged() -> None:
    text = "A Su-25 jet destroyed a depot near the village of Kafr Nabl. The blast destroyed two trucks."
    doc = run(text, [("Kafr Nabl", {**SY, "admin1": "Idlib", "precision": "near"})], [])
    assert len(doc.events) == 1
    e = doc.events[0]
    assert e.type == "AIR_STRIKE"
    assert [w.text for w in e.weapons] == ["Su-25", "jet"]
    assert e.location is not None and e.location.precision == "near"
    assert len(e.evidence) == 2


def test_negated_future_and_denied_events_are_rejected() -> None:
    text = (
        "The army will not launch any offensive against the town. Officials denied that an airstrike hit "
        "the hospital. The rebels threatened to attack the base."
    )
    doc = run(text, [], [])
    assert doc.events == []


def test_fatalities_use_the_conservative_figure() -> None:
    text = "Gunmen opened fire on a bus near Maiduguri, killing at least 12 people, police said."
    doc = run(
        text, [("Maiduguri", {"country": "NG", "admin1": "Borno", "lat": 11.8, "lon": 13.2, "precision": "near"})], []
    )
    (e,) = doc.events
    assert e.type == "ATTACK"
    assert e.fatalities.best == 12 and e.fatalities.low == 12


def test_evidence_offsets_point_into_text() -> None:
    text = "Clashes erupted between the army and rebels in Aleppo on June 1."
    doc = run(
        text,
        [("Aleppo", {**SY, "admin1": "Aleppo", "precision": "point"})],
        [("June 1", date(2021, 6, 1), date(2021, 6, 1))],
    )
    (e,) = doc.events
    assert e.type == "ARMED_CLASH"
    for span in [*e.evidence, e.trigger, *e.actors, *e.targets]:
        assert span is not None and doc.text[span.start : span.end] == span.text


def test_place_of_speech_is_not_the_event_location() -> None:
    text = "Officials told reporters in Geneva that airstrikes hit three hospitals in Aleppo province on June 1."
    doc = run(
        text,
        [
            ("Geneva", {"country": "CH", "admin1": "Geneva", "lat": 46.2, "lon": 6.1}),
            ("Aleppo", {**SY, "admin1": "Aleppo", "precision": "admin1"}),
        ],
        [("June 1", date(2021, 6, 1), date(2021, 6, 1))],
    )
    assert [e.location.name for e in doc.events if e.location] == ["Aleppo"]


def test_actor_text_starts_at_the_actor() -> None:
    text = "Nine people were killed when Russian warplanes struck the market of Idlib on June 1."
    doc = run(
        text,
        [("Idlib", {**SY, "admin1": "Idlib", "precision": "point"})],
        [("June 1", date(2021, 6, 1), date(2021, 6, 1))],
    )
    (e,) = doc.events
    assert [a.text for a in e.actors] == ["Russian warplanes"]
    assert e.fatalities.best == 9


def test_the_side_a_subject_fights_against_is_not_the_actor() -> None:
    text = "A British soldier fighting against Islamic State died in an explosion near Idlib on June 1."
    doc = run(
        text,
        [("Idlib", {**SY, "admin1": "Idlib", "precision": "point"})],
        [("June 1", date(2021, 6, 1), date(2021, 6, 1))],
    )
    (e,) = doc.events
    assert "Islamic State" not in [a.name for a in e.actors]
    assert "Islamic State" in [t.name for t in e.targets]


def test_subset_counts_are_not_alternative_fatality_figures() -> None:
    text = "At least 23 civilians, among them seven children and four women, were killed when jets struck Idlib."
    doc = run(text, [("Idlib", {**SY, "admin1": "Idlib", "precision": "point"})], [])
    (e,) = doc.events
    assert (e.fatalities.low, e.fatalities.best) == (23, 23)


def test_wounded_are_not_counted_as_dead() -> None:
    text = "Jets struck Idlib, killing 9 people; dozens of people were wounded."
    doc = run(text, [("Idlib", {**SY, "admin1": "Idlib", "precision": "point"})], [])
    (e,) = doc.events
    assert (e.fatalities.low, e.fatalities.best, e.fatalities.high) == (9, 9, 9)


def test_old_events_are_background() -> None:
    text = "The town was the centre of protests in 2011. Clashes erupted in the town on June 1."
    doc = run(
        text, [], [("2011", date(2011, 1, 1), date(2011, 12, 31)), ("June 1", date(2021, 6, 1), date(2021, 6, 1))]
    )
    assert [e.type for e in doc.events] == ["ARMED_CLASH"]


def test_a_later_sentence_refines_a_country_level_location() -> None:
    text = (
        "A suicide bombing killed four Americans in Syria on June 2. The bomber struck inside a restaurant in Manbij."
    )
    doc = run(
        text,
        [
            ("Syria", {**SY, "admin1": None, "precision": "country"}),
            ("Manbij", {**SY, "admin1": "Aleppo", "precision": "point"}),
        ],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    (e,) = doc.events
    assert e.type == "SUIC_BOMB"
    assert e.location is not None and e.location.name == "Manbij"
    assert e.fatalities.best == 4
    assert len(e.evidence) == 2


def test_idioms_are_not_events() -> None:
    text = "Two officials resigned in protest. He said the enemy we are fighting is weak."
    assert run(text, [], []).events == []


def test_event_location_comes_from_the_triggers_clause() -> None:
    text = "Jets struck Idlib on June 2, as ministers met in Brussels to help Jordan, Lebanon and Turkey."
    doc = run(
        text,
        [
            ("Idlib", {**SY, "admin1": "Idlib", "precision": "admin1"}),
            ("Brussels", {"country": "BE", "admin1": "Brussels", "lat": 50.8, "lon": 4.4}),
            ("Jordan", {"country": "JO", "admin1": None, "lat": 31, "lon": 36, "precision": "country", "group": 7}),
            ("Lebanon", {"country": "LB", "admin1": None, "lat": 34, "lon": 36, "precision": "country", "group": 7}),
            ("Turkey", {"country": "TR", "admin1": None, "lat": 39, "lon": 35, "precision": "country", "group": 7}),
        ],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    assert [e.location.name for e in doc.events if e.location] == ["Idlib"]


def test_the_source_is_neither_actor_nor_target_and_aliases_count_once() -> None:
    text = (
        "On June 2 Russian warplanes struck Islamic State (IS, formerly ISIS) positions in Idlib, "
        "Colonel Ivan Petrov, spokesman for the Russian Defense Ministry, told Ruptly."
    )
    doc = run(
        text,
        [("Idlib", {**SY, "admin1": "Idlib", "precision": "admin1"})],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    (e,) = doc.events
    assert [a.name for a in e.actors] == ["Military Forces of Russia"]
    assert [t.name for t in e.targets] == ["Islamic State"]


def test_backed_forces_keep_their_backer() -> None:
    text = "On June 2 US-backed fighters clashed with militants near Hajin."
    doc = run(
        text,
        [("Hajin", {**SY, "admin1": "Deir ez-Zor", "precision": "near"})],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    (e,) = doc.events
    assert e.actors[0].text == "US-backed fighters"


def test_a_denial_records_what_it_denies() -> None:
    from debrief.stages.denials import DenialsStage

    text = "The ministry denied that its aircraft bombed a market in Ariha on June 1."
    doc = run(
        text,
        [("Ariha", {**SY, "admin1": "Idlib", "precision": "point"})],
        [("June 1", date(2021, 6, 1), date(2021, 6, 1))],
    )
    assert doc.events == []  # a denied event is not entered as an event
    doc = DenialsStage(doc_context())(doc)
    (claim,) = doc.claims
    (denied,) = claim.denies
    assert (
        denied.type,
        denied.location.name if denied.location else None,
        denied.date.start if denied.date else None,
    ) == ("AIR_STRIKE", "Ariha", "2021-06-01")


def test_who_takes_territory_decides_its_type() -> None:
    text = "On June 2 the Syrian army took control of two villages near Hayan."
    doc = run(
        text,
        [("Hayan", {**SY, "admin1": "Aleppo", "precision": "near"})],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    assert [e.type for e in doc.events] == ["GOV_REGAINS_TERIT"]
    text = "On June 2 militants took control of two villages near Hayan."
    doc = run(
        text,
        [("Hayan", {**SY, "admin1": "Aleppo", "precision": "near"})],
        [("June 2", date(2021, 6, 2), date(2021, 6, 2))],
    )
    assert [e.type for e in doc.events] == ["NON_STATE_ACTOR_OVERTAKES_TER"]


def test_every_trigger_row_is_one_whole_pattern() -> None:
    lexicon = TriggerLexicon.load()
    assert len(lexicon.rules) + len(lexicon.fallback_rules) >= 40
    # a pattern with a bounded repeat survives CSV parsing whole: tear gas is a protest intervention
    text = "Police fired tear gas at students marching on parliament."
    assert [t.code for t in lexicon.find(text, 0, len(text))] == ["PROTEST_WITH_INTER"]


def test_an_unquoted_comma_in_a_trigger_pattern_is_refused() -> None:
    with pytest.raises(ConfigError, match="quote it"):
        TriggerLexicon.from_csv("code,priority,strength,pattern\nARMED_CLASH,60,strong,fought (?:\\w+ ){0,2}rebels\n")


def test_a_nominal_trigger_with_a_modal_predicate_is_not_an_event() -> None:
    hypothetical = run("Officials warned that the deployment of more troops would inflame the valley.", [], [])
    assert hypothetical.events == []
    done = run("The deployment of 2,000 troops to the border was completed on Monday.", [], [])
    assert [e.type for e in done.events] == ["CHANGE_TO_GROUP_ACT"]


def test_a_struck_ammunition_depot_is_a_target_not_a_disrupted_weapon() -> None:
    doc = run("Jets bombed an ammunition depot of the rebels near the town.", [], [])
    assert [e.type for e in doc.events] == ["AIR_STRIKE"]
    found = run("Soldiers discovered an ammunition cache in a farmhouse.", [], [])
    assert [e.type for e in found.events] == ["DISR_WEAP"]


def test_storming_and_sentence_initial_armed_nouns() -> None:
    from debrief.pipeline import Pipeline

    pipeline = Pipeline()
    (hotel,) = pipeline(Document.from_text("Al-Shabaab fighters stormed a hotel in Mogadishu, killing 9.")).events
    assert hotel.type == "ATTACK" and hotel.fatalities.best == 9
    (base,) = pipeline(Document.from_text("Militants stormed an army base near Diffa, killing 12 soldiers.")).events
    assert base.type == "ARMED_CLASH" and [a.text for a in base.actors] == ["Militants"]
    (raid,) = pipeline(Document.from_text("Gunmen killed 12 villagers in an attack on Kukawa.")).events
    assert [a.text for a in raid.actors] == ["Gunmen"] and [t.text for t in raid.targets] == ["villagers"]
