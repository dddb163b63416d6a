"""The toponym layer (places.find_toponyms): places, actors named after places, demonyms and names
opening other names, each with its role, on sentences written by hand."""

from __future__ import annotations

import pytest

from debrief.document import Document
from debrief.gazetteer import Gazetteer
from debrief.options import PipelineOptions
from debrief.pipeline import Context
from debrief.records import PlaceMention
from debrief.stages.places import PlacesStage, find_places, find_toponyms
from debrief.stages.segment import SegmentStage


def toponyms(geo_context: Context, gaz: Gazetteer, text: str) -> dict[str, PlaceMention]:
    doc = SegmentStage(geo_context)(Document.from_text(text))
    return {doc.text[m.name_start : m.name_end]: m for m in find_toponyms(doc, gaz)}


def test_each_toponym_has_its_role(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "Moscow said Russian jets struck targets near Idlib on Monday.")
    assert found["Moscow"].role == "actor" and found["Moscow"].resolved is not None
    assert found["Russian"].role == "demonym"
    assert found["Russian"].resolved is not None and found["Russian"].resolved.country == "RU"
    assert found["Idlib"].role == "place"
    assert "Monday" not in found


def test_the_places_stage_keeps_only_places(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Moscow said Russian jets struck targets near Idlib."
    doc = SegmentStage(geo_context)(Document.from_text(text))
    assert [m.text for m in find_places(doc, gaz)] == ["Idlib"]
    assert {m.role for m in find_toponyms(doc, gaz)} == {"actor", "demonym", "place"}


def test_region_words_and_two_word_demonyms(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "European and Sri Lankan diplomats met on Tuesday.")
    assert found["European"].resolved is not None and found["European"].resolved.name == "Europe"
    assert found["Sri Lankan"].resolved is not None and found["Sri Lankan"].resolved.country == "LK"


def test_a_name_opening_an_institution_is_embedded(geo_context: Context, gaz: Gazetteer) -> None:
    doc = SegmentStage(geo_context)(
        Document.from_text("The Ohio Board of Regents met in Columbus, Ohio, and approved it.")
    )
    first, *_ = find_toponyms(doc, gaz)  # a province of the document's country, opening a name
    assert (first.text, first.role) == ("Ohio", "embedded")
    assert first.resolved is not None and first.resolved.country == "US"
    alone = toponyms(geo_context, gaz, "The Paul Revere House was closed.")  # Paul, Cape Verde: no
    assert "Paul" not in alone


def test_compass_words_and_people_are_not_embedded(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "President Paul Kagame met North Korean envoys. Paul Kagame spoke.")
    assert "North" not in found
    assert "Paul" not in found


def test_a_hyphenated_demonym_is_not_a_toponym_span(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "The Egyptian-born engineer moved to Cairo.")
    assert not any(name.endswith("-") for name in found)


def test_abbreviations_and_sentence_openers(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "In D.C., EU envoys met. The United States welcomed them.")
    assert found["D.C."].role == "place" and found["D.C."].resolved is not None
    assert found["D.C."].resolved.country == "US"
    assert found["EU"].role == "actor"  # a region's abbreviation names an institution
    assert "United States" in found


def test_an_exact_alias_beats_a_spelling_of_a_big_city(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "Shelling in eastern Ghouta killed 16 people.")
    ghouta = found["Ghouta"]
    assert ghouta.resolved is not None and ghouta.resolved.country == "SY"


@pytest.mark.parametrize(
    ("text", "town", "admin1"),
    [
        ("Officers of the Mansfield Police Department met residents in Mansfield, Ohio.", "Mansfield", "Ohio"),
        ("Schaumburg trustees met in Chicago, Illinois.", "Schaumburg", "Illinois"),  # a lowercase local body
    ],
)
def test_a_town_opening_a_local_body_is_embedded(
    geo_context: Context, gaz: Gazetteer, text: str, town: str, admin1: str
) -> None:
    first = find_toponyms(SegmentStage(geo_context)(Document.from_text(text)), gaz)[0]
    assert (first.text, first.role) == (town, "embedded")
    assert first.resolved is not None and (first.resolved.country, first.resolved.admin1) == ("US", admin1)


def test_an_area_named_with_its_own_area_word_opens_a_name(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "Statistics from the Guernsey County Common Pleas Court reflect hard times.")
    county = found["Guernsey County"]  # the county, not Guernsey (GG) with a stray "County"
    assert county.role == "embedded" and "Guernsey" not in found
    assert county.resolved is not None and (county.resolved.feature, county.resolved.admin1) == ("A2", "Ohio")
    assert county.precision == "admin2"


def test_streets_and_numbered_roads_are_toponyms_not_places(geo_context: Context, gaz: Gazetteer) -> None:
    text = "A bomb hit Haifa Street in Baghdad. Police closed 32 W. Bridge St. and Highway 114 near Wichita."
    found = toponyms(geo_context, gaz, text)
    assert {name for name, m in found.items() if m.role == "street"} == {"Haifa Street", "W. Bridge St.", "Highway 114"}
    assert all(found[name].resolved is None for name in ("Haifa Street", "Highway 114"))
    assert "Haifa" not in found and "Street" not in found  # no town of the street's name, nor Street, Somerset
    doc = SegmentStage(geo_context)(Document.from_text(text))
    assert [m.text for m in find_places(doc, gaz)] == ["Baghdad", "Wichita"]
    somerset = toponyms(geo_context, gaz, "He lives in Street, Somerset.")  # a town called Street stays one
    assert somerset["Street"].role == "place"
    numbered = toponyms(geo_context, gaz, "Protesters met at Northwest 34th Street, then drove along Highway 108.")
    assert {name for name, m in numbered.items() if m.role == "street"} == {"Northwest 34th Street", "Highway 108"}
    assert not {"Street", "Highway"} & set(numbered)


def test_natural_features_the_gazetteer_lacks_are_toponyms(geo_context: Context, gaz: Gazetteer) -> None:
    text = "The car sank in Evergreen Lake, near Lake Vermont, as the Red River Valley flooded by Mount Hood."
    found = toponyms(geo_context, gaz, text)
    features = {name for name, m in found.items() if m.role == "feature"}
    assert features == {"Evergreen Lake", "Lake Vermont", "Red River Valley", "Mount Hood"}  # the longest name only
    doc = SegmentStage(geo_context)(Document.from_text(text))
    assert not {m.text for m in find_places(doc, gaz)} & features  # not places an event can be placed at


def test_a_politicians_party_tag_names_a_home_town(geo_context: Context, gaz: Gazetteer) -> None:
    text = "House leader Marty Seifert, R-Marshall, and Sen. Tom Bakk, DFL-Cook, spoke; R-Sweden is no tag."
    found = toponyms(geo_context, gaz, text)
    homes = {name: m for name, m in found.items() if m.role == "home"}
    assert set(homes) == {"Marshall", "Cook"}
    assert homes["Marshall"].resolved is not None and homes["Marshall"].resolved.country == "US"


def test_peoples_words_of_regions_and_provinces(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "South Ossetian officials and Texan voters met Kashmiri traders.")
    ossetian, texan, kashmiri = found["South Ossetian"], found["Texan"], found["Kashmiri"]
    assert {m.role for m in (ossetian, texan, kashmiri)} == {"demonym"}
    assert ossetian.resolved is not None and ossetian.resolved.country == "GE"
    assert texan.resolved is not None and (texan.resolved.feature, texan.resolved.country) == ("A1", "US")
    assert kashmiri.resolved is not None and kashmiri.resolved.country == "IN"


def test_a_compass_word_before_a_name_is_no_place_of_its_own(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "Most schools in Northeast Georgia are reviewing their policies.")
    assert "Northeast" not in found and found["Georgia"].role == "place"
    assert "Olympic" not in toponyms(geo_context, gaz, "Builders of the Olympic facilities want more money.")


def test_the_places_stage_reports_every_toponym(geo_context: Context) -> None:
    text = "Moscow said Russian jets struck targets near Idlib."
    doc = PlacesStage(geo_context)(SegmentStage(geo_context)(Document.from_text(text)))
    assert [m.text for m in doc.places] == ["Idlib"]
    report = doc.to_report()
    roles = {t.role: t for t in report.toponyms}
    assert set(roles) == {"actor", "demonym", "place"}
    place = roles["place"]
    assert place.start is not None and place.end is not None and text[place.start : place.end] == place.text
    assert place.country == "SY" and place.lat is not None


def test_a_ministry_or_chamber_field_is_no_town(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "The Ministry of Commerce said the Chamber of Commerce and Industry agreed.")
    assert not {"Commerce", "Industry", "Chamber"} & set(found)
    found = toponyms(geo_context, gaz, "The Secretary of Energy met ministers of Justice in Geneva.")
    assert not {"Energy", "Justice"} & set(found) and "Geneva" in found
    # the towns themselves are still places
    found = toponyms(geo_context, gaz, "Fighting was reported in Commerce and Industry, California.")
    assert {"Commerce", "Industry"} <= set(found)


def test_dr_and_st_before_a_name_are_titles_not_streets(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "Prime Minister Dr Keith Rowley met the mayor.")
    assert not any(m.role == "street" for m in found.values())
    found = toponyms(geo_context, gaz, "The fire broke out on Oak Dr near the school and at 12 Wichita Dr. on Monday.")
    assert found["Oak Dr"].role == "street" and found["Wichita Dr."].role == "street"
    found = toponyms(geo_context, gaz, "Police closed Elm St. Traffic was diverted.")
    assert found["Elm St."].role == "street"


def test_a_place_after_a_compass_word_or_hyphenated_adjective_is_where(geo_context: Context, gaz: Gazetteer) -> None:
    found = toponyms(geo_context, gaz, "A bomb in militant-infested northwest Pakistan killed 11 people.")
    assert found["Pakistan"].role == "place"
    assert toponyms(geo_context, gaz, "Shelling in war-torn Syria killed two.")["Syria"].role == "place"
    assert toponyms(geo_context, gaz, "In recent days Pakistan killed 11 militants.")["Pakistan"].role == "actor"


def test_the_old_city_of_a_town_is_that_town() -> None:
    from debrief.pipeline import Pipeline

    pipeline = Pipeline(PipelineOptions(stages=("segment", "dates", "numbers", "places")))
    doc = pipeline(Document.from_text("Two mortar shells landed in the Old City of Damascus, wounding 4 people."))
    assert [(m.text, m.resolved.country if m.resolved else None) for m in doc.places] == [("Damascus", "SY")]
    doc = pipeline(Document.from_text("Islamic State militants seized control of the town of Palmyra."))
    assert [(m.text, m.resolved.country if m.resolved else None) for m in doc.places] == [("Palmyra", "SY")]
