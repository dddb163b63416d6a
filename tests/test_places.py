"""The places stage: recognition, resolution and precision, on the seed article and on sentences
written by hand about other wars."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest

from debrief.document import Document
from debrief.options import GazetteerOptions, PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import PlaceCandidate, PlaceMention
from debrief.stages.places import PlacesStage
from debrief.stages.segment import SegmentStage

SEED = Path(__file__).resolve().parent.parent / "samples" / "01_ria_ministry_briefing_2015.txt"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="session")
def context(tmp_path_factory: pytest.TempPathFactory) -> Context:
    # the same cache folder as tests/test_gazetteer.py: the index is built once per session
    options = PipelineOptions(gazetteer=GazetteerOptions(cache_dir=tmp_path_factory.getbasetemp() / "gazetteer-cache"))
    return Context(options, Resources(options))


Read = Callable[[str], Document]


@pytest.fixture(scope="session")
def read(context: Context) -> Read:
    segment, places = SegmentStage(context), PlacesStage(context)

    def run(text: str) -> Document:
        return places(segment(Document.from_text(text)))

    return run


def named(doc: Document, text: str) -> list[PlaceMention]:
    return [m for m in doc.places if doc.text[m.name_start : m.name_end] == text]


def one(doc: Document, text: str) -> PlaceMention:
    found = named(doc, text)
    assert found, f"{text!r} not found among {[m.text for m in doc.places]}"
    return found[0]


def place(doc: Document, text: str) -> PlaceCandidate:
    """What the first mention named `text` resolved to."""
    resolved = one(doc, text).resolved
    assert resolved is not None
    return resolved


def in_syria(lat: float, lon: float) -> bool:
    return 32.3 < lat < 37.4 and 35.6 < lon < 42.4


# ---------------------------------------------------------------------------- the seed article


@pytest.fixture(scope="session")
def seed(read: Read) -> Document:
    return read(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("province", ["Aleppo", "Damascus", "Deir ez-Zor", "Hama", "Homs", "Idlib", "Latakia", "Daraa"])
def test_seed_provinces_resolve_to_syrian_admin1_areas(seed: Document, province: str) -> None:
    m = one(seed, province)
    assert m.hint == "admin1" and m.precision == "admin1"
    assert m.resolved is not None and m.resolved.feature == "A1" and m.resolved.country == "SY"
    assert m.resolved.admin1 == province
    assert in_syria(m.resolved.lat, m.resolved.lon)


def test_seed_province_list_shares_a_group(seed: Document) -> None:
    first = [one(seed, p) for p in ("Aleppo", "Damascus", "Deir ez-Zor", "Hama", "Homs", "Idlib", "Latakia", "Daraa")]
    groups = {m.group for m in first}
    assert len(groups) == 1 and None not in groups
    assert {m.country_hint for m in first} == {"SY"}  # "the Syrian provinces of"


@pytest.mark.parametrize(
    ("name", "admin1", "lat", "lon"),
    [
        ("Thaniet al-Rajma", "Homs", 34.55, 37.95),
        ("Mayadin", "Deir ez-Zor", 35.02, 40.45),
        ("al-Latamna", "Hama", 35.32, 36.62),
        ("Khmeimim", "Latakia", 35.41, 35.95),
    ],
)
def test_seed_small_places_resolve_near_the_real_place(
    seed: Document, name: str, admin1: str, lat: float, lon: float
) -> None:
    m = one(seed, name)
    assert m.resolved is not None and m.resolved.admin1 == admin1 and m.resolved.country == "SY"
    assert km(m.resolved.lat, m.resolved.lon, lat, lon) < 30


def test_seed_airbases(seed: Document) -> None:
    for name in ("Kweires", "Kuweires"):
        for m in named(seed, name):
            assert m.hint == "facility" and m.precision == "point"
            assert m.resolved is not None and m.resolved.admin1 == "Aleppo"
            assert km(m.resolved.lat, m.resolved.lon, 36.187, 37.583) < 30
    assert {m.text for m in seed.places} >= {"Kweires airbase", "Kweires Airbase", "Kuweires Airbase"}
    assert one(seed, "Khmeimim").hint == "facility"


def test_seed_precision_of_near_mentions(seed: Document) -> None:
    assert one(seed, "Mayadin").precision == "near"  # "near the town of Mayadin"
    assert one(seed, "al-Latamna").precision == "near"  # "in the suburbs of the town of al-Latamna"
    latakia = [m for m in named(seed, "Latakia") if m.hint != "admin1"]
    assert latakia and latakia[0].precision == "near"  # "the Russian operational airfield near Latakia"
    assert one(seed, "Homs").precision == "admin1"


def test_seed_country_mentions(seed: Document) -> None:
    syria = named(seed, "Syria")
    assert len(syria) >= 4
    assert all(m.precision == "country" and m.resolved and m.resolved.country == "SY" for m in syria)


def test_seed_actors_and_adjectives_are_not_places(seed: Document) -> None:
    texts = {seed.text[m.name_start : m.name_end] for m in seed.places}
    for word in ("Syrian", "Russian", "Kremlin", "Russia", "Iraqi", "Friday", "November", "Battle", "Read"):
        assert word not in texts, word
    opposition = seed.text.index("Syrian opposition")
    assert not any(m.start <= opposition < m.end for m in seed.places)
    assert not any("ISIS" in m.text or m.text == "RT" for m in seed.places)
    assert not any("Konashenkov" in m.text or "Igor" in m.text for m in seed.places)


def test_seed_mentions_are_sorted_and_traceable(seed: Document) -> None:
    starts = [m.start for m in seed.places]
    assert starts == sorted(starts)
    for m in seed.places:
        assert seed.text[m.start : m.end] == m.text
        assert m.start <= m.name_start < m.name_end <= m.end
        assert m.candidates and m.candidates[0] is m.resolved
        assert [c.score for c in m.candidates] == sorted((c.score for c in m.candidates), reverse=True)


# ---------------------------------------------------------------------------- other wars


def test_village_near_town_in_province_iraq(read: Read) -> None:
    doc = read(
        "Iraqi forces recaptured the village of Hamdaniya near Mosul in Nineveh province on Tuesday, "
        "the Joint Operations Command said."
    )
    mosul = one(doc, "Mosul")
    assert mosul.precision == "near" and mosul.resolved and mosul.resolved.country == "IQ"
    nineveh = one(doc, "Nineveh")
    assert nineveh.precision == "admin1" and nineveh.resolved and nineveh.resolved.feature == "A1"
    village = one(doc, "Hamdaniya")
    assert village.resolved and village.resolved.country == "IQ" and village.resolved.admin1 == "Nineveh"


def test_ukraine_town_and_oblast(read: Read) -> None:
    doc = read(
        "Russian troops shelled the town of Avdiivka in the Donetsk region overnight, Ukraine's General Staff said. "
        "Kyiv has repeatedly asked Washington for more air defence."
    )
    town = one(doc, "Avdiivka")
    assert town.precision == "point" and town.resolved and town.resolved.admin1 == "Donetsk Oblast"
    region = one(doc, "Donetsk")
    assert region.hint == "admin1" and region.resolved and region.resolved.name == "Donetsk Oblast"
    texts = {m.text for m in doc.places}
    assert "Kyiv" not in texts and "Washington" not in texts  # a capital that asks, and one asked
    assert "Ukraine" not in texts  # "Ukraine's General Staff" is an institution


def test_nigeria_town_in_state(read: Read) -> None:
    doc = read("Boko Haram fighters attacked Dikwa in Borno state on Sunday, killing five soldiers.")
    dikwa = one(doc, "Dikwa")
    assert dikwa.resolved and dikwa.resolved.country == "NG" and dikwa.resolved.admin1 == "Borno"
    borno = one(doc, "Borno")
    assert borno.precision == "admin1" and borno.text == "Borno state"


def test_yemen_province_and_city(read: Read) -> None:
    doc = read(
        "Saudi-led coalition air strikes hit a wedding in Taiz province, killing 13 people. "
        "Houthi fighters also fired missiles at Marib."
    )
    assert place(doc, "Taiz").country == "YE"
    marib = one(doc, "Marib")
    assert marib.resolved and marib.resolved.country == "YE" and marib.precision == "point"
    assert not named(doc, "Saudi") and not named(doc, "Houthi")


def test_ambiguous_name_follows_the_documents_country(read: Read) -> None:
    libya = read(
        "Fighting in Libya intensified on Sunday. Forces loyal to the government repelled an attack in Tripoli."
    )
    lebanon = read("Clashes broke out in northern Lebanon on Sunday. The army deployed in Tripoli overnight.")
    assert place(libya, "Tripoli").country == "LY"
    assert place(lebanon, "Tripoli").country == "LB"


def test_a_later_dominant_city_sets_the_focus_for_an_earlier_namesake(read: Read) -> None:
    # "Ariha" is also Jericho's Arabic name; Hama, named later and never qualified, is plainly Syrian.
    doc = read("Rescuers worked through the night in Ariha. Survivors were taken to hospitals in Hama.")
    assert place(doc, "Ariha").country == "SY"


def test_near_place_prefers_the_one_in_the_named_province(read: Read) -> None:
    doc = read("Government forces shelled positions near Kafr Zita in Hama province.")
    kafr = one(doc, "Kafr Zita")
    assert kafr.precision == "near" and kafr.resolved and kafr.resolved.admin1 == "Hama"


def test_country_mention_and_possessive_qualifier(read: Read) -> None:
    doc = read("Air strikes hit a market in the town of Ariha in Syria's northwestern Idlib province.")
    syria = one(doc, "Syria")
    assert syria.precision == "country" and syria.hint == "country"
    idlib = one(doc, "Idlib")
    assert idlib.country_hint == "SY" and idlib.precision == "admin1"
    ariha = one(doc, "Ariha")
    assert ariha.resolved and ariha.resolved.country == "SY" and ariha.resolved.admin1 == "Idlib"


def test_capitals_as_actors(read: Read) -> None:
    doc = read(
        "Washington said the strikes violated the ceasefire. Moscow has repeatedly denied the reports. "
        "Baghdad and Washington are in talks. The Kremlin rejected the claim. "
        "Talks between Ankara and Damascus stalled, and the Moscow-backed forces advanced."
    )
    assert doc.places == []


def test_capitals_as_places(read: Read) -> None:
    doc = read("Two car bombs exploded in Damascus on Monday. Later, Baghdad was shelled for the first time in years.")
    assert place(doc, "Damascus").country == "SY"
    assert place(doc, "Baghdad").country == "IQ"


def test_people_organisations_and_words_are_not_places(read: Read) -> None:
    doc = read(
        "President Bashar al-Assad met Hassan Hassan at Oxford University. Later Assad flew home. "
        "The Al-Nusra Front and the Northern Syria Casualty Monitor disagreed. Read more at "
        "https://example.org/aleppo #Aleppo @Aleppo_news. Battle lines were drawn; the battle went on in May."
    )
    texts = {m.text for m in doc.places}
    assert not texts & {"Assad", "Hassan", "Oxford", "University", "Nusra", "Syria", "Read", "Battle", "May", "Aleppo"}


def test_datelines_and_abbreviations(read: Read) -> None:
    doc = read(
        "ARIHA, Syria, February 9, 2016 — Levant Wire\n\n"
        "Aid from the UK reached the town of Ariha; more came from the US."
    )
    dateline = one(doc, "ARIHA")
    assert dateline.evidence == "dateline" and dateline.resolved and dateline.resolved.country == "SY"
    assert place(doc, "UK").country == "GB"
    assert place(doc, "US").country == "US"


def test_datelines_by_dash_bracketed_agency_or_after_a_run_in_headline(read: Read) -> None:
    assert one(read("ATLANTA - Regional help lines expand."), "ATLANTA").evidence == "dateline"
    assert one(read("BEIRUT (Reuters) - Shells hit Douma."), "BEIRUT").evidence == "dateline"
    doc = read("Kanawha River cleanup planned Saturday. CHARLESTON, W.Va. (AP) -- Volunteers are sought.")
    assert [doc.text[s.start : s.end] for s in doc.sentences][1].startswith("CHARLESTON, W.Va. (AP) --")
    assert one(doc, "CHARLESTON").evidence == "dateline"
    assert one(read("Selectmen hire a lawyer. PORTLAND — The board met."), "PORTLAND").evidence == "dateline"
    # inside a paragraph, an all-caps name before a dash is no dateline without an agency or a dash after it
    assert (
        one(read("Trade talks stalled. US - China relations are tense, officials said."), "US").evidence != "dateline"
    )


def test_a_capitalised_function_word_is_never_a_place_by_itself(read: Read) -> None:
    doc = read("COLUMBUS, Ohio — The state closed schools. Talks in The Hague ended.")
    assert "The" not in {m.text for m in doc.places}
    assert place(doc, "The Hague").country == "NL"


def test_ap_state_abbreviations_after_a_town(read: Read) -> None:
    doc = read("CHARLESTON, W.Va. -- Police in Gainesville, Fla., made arrests.")
    assert place(doc, "W.Va.").admin1 == "West Virginia"
    assert place(doc, "Fla.").country == "US"
    assert place(doc, "CHARLESTON").admin1 == "West Virginia"
    assert place(doc, "Gainesville").admin1 == "Florida"


def test_a_dateline_names_the_city_not_the_state_among_other_states(read: Read) -> None:
    doc = read("WASHINGTON (AP) — A plan to curb methane leaks in Wyoming and Utah stalled in the Senate.")
    dc = place(doc, "WASHINGTON")
    assert dc.feature == "PPLC" and dc.country == "US"
    assert place(doc, "Utah").feature == "A1"  # the state, not Utah County: "Utah" does not vouch for itself


def test_new_york_is_the_city_unless_the_words_name_the_state(read: Read) -> None:
    assert place(read("She grew up in New York and speaks Mandarin."), "New York").feature.startswith("PPL")
    assert place(read("A girl from Buffalo, New York, fell ill."), "New York").feature == "A1"
    listed = read("The tour visits Missouri, New York, North Carolina and Virginia.")
    assert place(listed, "New York").feature == "A1"
    assert place(read("Activists back the Oregon and Washington laws."), "Washington").feature == "A1"


def test_a_small_town_yields_to_the_capital_of_a_country_the_story_names(read: Read) -> None:
    doc = read(
        "Police in Salisbury and Sunderland, England, questioned two men. "
        "In Washington, 60 Russian diplomats were expelled from the United States."
    )
    assert place(doc, "Washington").feature == "PPLC"
    local = read("Police in Paris and Roxton, Texas, closed the road. Paris showed a rise in sales tax.")
    assert all(m.resolved is not None and m.resolved.country == "US" for m in local.places if m.text == "Paris")


def test_a_part_of_an_area_is_the_state_or_province_not_its_city(read: Read) -> None:
    assert place(read("The team travelled to central Washington to set up shop."), "Washington").feature == "A1"
    assert place(read("Rallies in upstate New York drew crowds."), "New York").feature == "A1"
    assert place(read("Clashes in northern Syria continued."), "Syria").feature == "PCLI"
    assert place(read("The team travelled to Washington to set up shop."), "Washington").feature == "PPLC"


def test_a_local_place_the_gazetteer_lacks_does_not_carry_its_town_abroad(read: Read) -> None:
    doc = read("A body was found on Francis Street in Charleston. The street runs east of Hampton Park in Charleston.")
    assert {(m.text, m.resolved.country) for m in doc.places if m.resolved} == {("Charleston", "US")}


def test_a_compass_word_asks_for_the_area_of_the_towns_own_country() -> None:
    from debrief.pipeline import Pipeline

    pipeline = Pipeline(PipelineOptions(stages=("segment", "dates", "numbers", "places")))
    doc = pipeline(Document.from_text("Fighting continued in southern Gaza on Tuesday."))
    (gaza,) = [m for m in doc.places if m.text == "Gaza"]
    assert gaza.resolved is not None and gaza.resolved.country == "PS"  # not Gaza province, Mozambique
    doc = pipeline(Document.from_text("Snow fell across upstate New York."))
    (ny,) = [m for m in doc.places if m.text == "New York"]
    assert ny.resolved is not None and (ny.resolved.country, ny.resolved.feature) == ("US", "A1")


def test_the_english_spelling_of_a_syrian_city_beats_a_turkish_village_of_a_similar_name() -> None:
    from debrief.pipeline import Pipeline

    pipeline = Pipeline(PipelineOptions(stages=("segment", "dates", "numbers", "places")))
    doc = pipeline(Document.from_text("Turkish drones struck Kurdish positions near Qamishli on Monday."))
    (place,) = [m for m in doc.places if m.text == "Qamishli"]
    assert place.resolved is not None and (place.resolved.country, place.resolved.admin1) == ("SY", "Hasakah")
