"""Resolution of given spans (places_given.resolve_spans) and the "City, State" reading of the
places stage, on sentences written by hand."""

from __future__ import annotations

from debrief.document import Document
from debrief.gazetteer import Gazetteer
from debrief.pipeline import Context
from debrief.records import PlaceMention
from debrief.stages.places import PlacesStage
from debrief.stages.places_given import resolve_spans
from debrief.stages.segment import SegmentStage


def segmented(geo_context: Context, text: str) -> Document:
    return SegmentStage(geo_context)(Document.from_text(text))


def given(geo_context: Context, gaz: Gazetteer, text: str, *names: str) -> list[PlaceMention]:
    """`text` segmented, and the first span of each of `names` resolved in it."""
    return resolve_spans(segmented(geo_context, text), gaz, spans_of(text, *names))


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    out = []
    for name in names:
        start = text.index(name)
        out.append((start, start + len(name)))
    return out


def test_every_given_span_comes_back_in_order(geo_context: Context, gaz: Gazetteer) -> None:
    doc = segmented(geo_context, "Aid reached Idlib and Aleppo after the storm.")
    found = resolve_spans(doc, gaz, spans_of(doc.text, "Aleppo", "Idlib"))
    assert [m.text for m in found] == ["Aleppo", "Idlib"]
    assert all(m.resolved is not None and m.resolved.country == "SY" for m in found)


def test_a_given_demonym_resolves_to_its_country(geo_context: Context, gaz: Gazetteer) -> None:
    doc = segmented(geo_context, "A Turkish policeman shot the ambassador.")
    (m,) = resolve_spans(doc, gaz, spans_of(doc.text, "Turkish"))
    assert m.resolved is not None and m.resolved.feature == "PCLI" and m.resolved.country == "TR"
    assert m.precision == "country"


def test_a_bare_state_name_is_the_state(geo_context: Context, gaz: Gazetteer) -> None:
    doc = segmented(geo_context, "Voters in Virginia and Ohio went to the polls.")
    virginia, ohio = resolve_spans(doc, gaz, spans_of(doc.text, "Virginia", "Ohio"))
    assert virginia.resolved is not None and virginia.resolved.feature == "A1" and virginia.resolved.country == "US"
    assert ohio.resolved is not None and ohio.resolved.feature == "A1"


def test_co_mentioned_places_pull_an_ambiguous_name_home(geo_context: Context, gaz: Gazetteer) -> None:
    text = "The storm hit Peoria, Decatur and Champaign before reaching Springfield."
    doc = segmented(geo_context, text)
    found = resolve_spans(doc, gaz, spans_of(text, "Peoria", "Decatur", "Champaign", "Springfield"))
    springfield = found[-1].resolved
    assert springfield is not None and springfield.country == "US" and springfield.admin1 == "Illinois"


def test_generic_word_falls_back_to_the_name(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Deputies in Kanawha County and Charleston searched the river."
    doc = segmented(geo_context, text)
    county, _ = resolve_spans(doc, gaz, spans_of(text, "Kanawha County", "Charleston"))
    assert county.resolved is not None and county.resolved.country == "US"


def test_unknown_span_stays_unresolved(geo_context: Context, gaz: Gazetteer) -> None:
    doc = segmented(geo_context, "They met at Qwxzt yesterday.")
    (m,) = resolve_spans(doc, gaz, spans_of(doc.text, "Qwxzt"))
    assert m.resolved is None and m.candidates == []


def test_city_then_its_state_is_no_list(geo_context: Context) -> None:
    doc = PlacesStage(geo_context)(
        segmented(geo_context, "Olson was captured in 1999 in St. Paul, Minnesota, after years.")
    )
    by_name = {doc.text[m.name_start : m.name_end]: m for m in doc.places}
    assert "Minnesota" in by_name
    paul = next(m for name, m in by_name.items() if "Paul" in name)
    assert paul.group is None or paul.group != by_name["Minnesota"].group


def test_a_country_as_nationality_is_no_place(geo_context: Context) -> None:
    doc = PlacesStage(geo_context)(
        segmented(geo_context, "U.S. forces raided a house in Kandahar, and US officials said so.")
    )
    names = [doc.text[m.name_start : m.name_end] for m in doc.places]
    assert "Kandahar" in names
    assert "U.S." not in names and "US" not in names
    doc = PlacesStage(geo_context)(segmented(geo_context, "Troops arrived in the US on Monday."))
    assert [doc.text[m.name_start : m.name_end] for m in doc.places] == ["US"]


def test_a_state_abbreviation_is_the_state(geo_context: Context, gaz: Gazetteer) -> None:
    text = "The crash happened in Wheeling, W.Va., and in Athens, Ga."
    doc = segmented(geo_context, text)
    wva, ga = resolve_spans(doc, gaz, spans_of(text, "W.Va.", "Ga."))
    assert wva.resolved is not None and wva.resolved.feature == "A1" and wva.resolved.admin1 == "West Virginia"
    assert ga.resolved is not None and ga.resolved.admin1 == "Georgia" and ga.resolved.country == "US"


def test_a_region_word_resolves_to_its_region(geo_context: Context, gaz: Gazetteer) -> None:
    doc = segmented(geo_context, "Latin American and European ministers met in Lisbon.")
    latin, europe = resolve_spans(doc, gaz, spans_of(doc.text, "Latin American", "European"))
    assert latin.resolved is not None and latin.resolved.name == "Latin America"
    assert europe.resolved is not None and europe.resolved.name == "Europe"
    assert gaz.demonym("European") is None  # a region's word is no country's demonym


def test_a_country_outranks_a_small_town_of_its_name(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Farmers in Houston, Austin and Dallas say tariffs on soybeans sold to China hurt them."
    doc = segmented(geo_context, text)
    *_, china = resolve_spans(doc, gaz, spans_of(text, "Houston", "Austin", "Dallas", "China"))
    assert china.resolved is not None and china.resolved.feature == "PCLI" and china.resolved.country == "CN"


def test_a_country_word_with_its_state_stays_the_town(geo_context: Context, gaz: Gazetteer) -> None:
    text = "A fire destroyed a warehouse in Lebanon, Pennsylvania, on Monday."
    doc = segmented(geo_context, text)
    (lebanon,) = resolve_spans(doc, gaz, spans_of(text, "Lebanon"))
    assert lebanon.resolved is not None and lebanon.resolved.country == "US"


def test_a_capital_outranks_a_province_of_its_name(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Officials in Washington and Ottawa discussed the border."
    doc = segmented(geo_context, text)
    washington, _ = resolve_spans(doc, gaz, spans_of(text, "Washington", "Ottawa"))
    assert washington.resolved is not None and washington.resolved.feature == "PPLC"
    assert washington.resolved.country == "US"


def test_common_country_abbreviations(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Envoys of the DPRK and the Holy See met officials from the ROK."
    doc = segmented(geo_context, text)
    found = resolve_spans(doc, gaz, spans_of(text, "DPRK", "Holy See", "ROK"))
    assert [m.resolved.country if m.resolved else None for m in found] == ["KP", "VA", "KR"]


def test_a_county_is_an_admin2_area_of_its_state(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Deputies in Laurel County, Kentucky, arrested two men."
    doc = segmented(geo_context, text)
    (laurel,) = resolve_spans(doc, gaz, spans_of(text, "Laurel County"))
    assert laurel.resolved is not None and laurel.resolved.feature == "A2"
    assert (laurel.resolved.country, laurel.resolved.admin1) == ("US", "Kentucky")


def test_a_country_outranks_its_province_of_the_same_name(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Migrants crossed from Mexico after leaving Tijuana and Monterrey."
    doc = segmented(geo_context, text)
    mexico, *_ = resolve_spans(doc, gaz, spans_of(text, "Mexico", "Tijuana", "Monterrey"))
    assert mexico.resolved is not None and mexico.resolved.feature == "PCLI"


def test_a_name_the_gazetteer_lacks_is_placed_at_the_context_place(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Residents of Aleppo fled. Shells hit Qwertyuiop Street on Monday. Aleppo was quiet."
    doc = segmented(geo_context, text)
    (street,) = resolve_spans(doc, gaz, spans_of(text, "Qwertyuiop Street"))
    assert street.evidence == "context" and not street.candidates
    assert street.resolved is not None and street.resolved.name == "Aleppo" and street.resolved.country == "SY"
    assert street.precision == "admin2"  # the extent of a town, not a point


def test_a_far_spelling_guess_gives_way_to_the_context_place(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Police in Cape Town, South Africa, said shacks burned in Khayelitsha and in Cape Town."
    doc = segmented(geo_context, text)
    (township,) = resolve_spans(doc, gaz, spans_of(text, "Khayelitsha"))
    assert township.resolved is not None and township.resolved.country == "ZA"


def test_an_english_county_competes_with_its_american_namesakes(geo_context: Context, gaz: Gazetteer) -> None:
    # admin2 areas carry the population of their towns, so Kent, England, is no empty name
    kent = next(c for c in gaz.lookup("Kent") if c.country == "GB" and c.feature == "A2")
    assert kent.population > 500_000
    text = "The series visits Brands Hatch in Kent, then Snetterton in Norfolk and Thruxton in Hampshire."
    doc = segmented(geo_context, text)
    found = resolve_spans(doc, gaz, spans_of(text, "Kent", "Norfolk", "Hampshire"))
    assert [m.resolved.country if m.resolved else None for m in found] == ["GB", "GB", "GB"]


def test_in_a_list_of_states_a_state_name_is_the_state(geo_context: Context, gaz: Gazetteer) -> None:
    # "Oregon" is also a town in Ohio, and Ohio is named: the list's other names are states
    text = "Cases were reported in Ohio, Kansas, Nevada, Oregon, Wyoming and Virginia."
    doc = segmented(geo_context, text)
    names = ("Ohio", "Kansas", "Nevada", "Oregon", "Wyoming", "Virginia")
    found = resolve_spans(doc, gaz, spans_of(text, *names))
    assert [(m.resolved.feature, m.resolved.name) if m.resolved else None for m in found] == [
        ("A1", name) for name in names
    ]


def test_the_context_place_is_where_the_names_cluster(geo_context: Context, gaz: Gazetteer) -> None:
    # Franklin is named most often but resolves alone; Metairie, Kenner and Louisiana agree
    text = (
        "The street was once called Franklin. Franklin ran to the levee. Franklin was paved later. "
        "Families moved to Metairie and Kenner, Louisiana, and the Qwertyuiop Hall closed."
    )
    doc = segmented(geo_context, text)
    (hall,) = resolve_spans(doc, gaz, spans_of(text, "Qwertyuiop Hall"))
    assert hall.evidence == "context"
    assert hall.resolved is not None and hall.resolved.admin1 == "Louisiana"


def test_a_town_comma_state_takes_the_town_in_that_state(geo_context: Context, gaz: Gazetteer) -> None:
    # Indiana is named too, and Atlanta, Indiana, exists: the comma ties Atlanta to Georgia
    text = "The company has offices in Indianapolis, Indiana and Atlanta, Georgia."
    doc = segmented(geo_context, text)
    _indy, atlanta = resolve_spans(doc, gaz, spans_of(text, "Indianapolis", "Atlanta"))
    assert atlanta.resolved is not None and atlanta.resolved.admin1 == "Georgia"
    assert atlanta.area_hint is not None and atlanta.area_hint[0] == "US"


def test_a_state_in_a_list_of_states_is_no_town_of_the_next(geo_context: Context, gaz: Gazetteer) -> None:
    # Oklahoma, Pennsylvania is a town; in a list of states the comma ties nothing
    text = "Losses were reported in Georgia, Oklahoma, Pennsylvania, Wisconsin and California."
    doc = segmented(geo_context, text)
    oklahoma, *_ = resolve_spans(doc, gaz, spans_of(text, "Oklahoma", "Pennsylvania"))
    assert oklahoma.area_hint is None
    assert oklahoma.resolved is not None and oklahoma.resolved.feature == "A1"


def test_chinese_provinces_by_their_bare_names(gaz: Gazetteer) -> None:
    # GeoNames calls them "Jiangsu Sheng", "Guangxi Zhuangzu Zizhiqu"
    for name in ("Jiangsu", "Guangxi", "Guizhou", "Ningxia"):
        top = gaz.lookup(name)[0]
        assert (top.feature, top.country, top.name, top.match) == ("A1", "CN", name, 0)


def test_an_unknown_name_goes_where_the_text_ties_it(geo_context: Context, gaz: Gazetteer) -> None:
    # the document's most named town is Nairobi; the camp is said to be in Kisumu
    text = (
        "Officials in Nairobi said aid left Nairobi on Monday. "
        "Relief restarted in the Qwertyuiop refugee camp in Kisumu."
    )
    doc = segmented(geo_context, text)
    (camp,) = resolve_spans(doc, gaz, spans_of(text, "Qwertyuiop"))
    assert camp.evidence == "anchor"
    assert camp.resolved is not None and camp.resolved.name == "Kisumu"


def test_an_unknown_name_holding_a_known_one_goes_there(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Officials in Hanoi said the Da Nang International Airport would be cleaned up."
    doc = segmented(geo_context, text)
    (airport,) = resolve_spans(doc, gaz, spans_of(text, "Da Nang International Airport"))
    assert airport.evidence == "anchor"
    assert airport.resolved is not None and airport.resolved.name == "Da Nang"
    # a river is not where the town of its name is
    text = "CHARLESTON, W.Va. -- Volunteers cleaned the banks of the Kanawha River in Charleston."
    doc = segmented(geo_context, text)
    (river,) = resolve_spans(doc, gaz, spans_of(text, "Kanawha River"))
    assert river.resolved is not None and river.resolved.admin1 == "West Virginia"


def test_a_city_named_with_city_is_that_city(geo_context: Context, gaz: Gazetteer) -> None:
    doc = segmented(geo_context, "A man was arrested in Kansas City on Monday.")
    (m,) = PlacesStage(geo_context)(doc).places
    assert m.resolved is not None and (m.resolved.name, m.resolved.feature) == ("Kansas City", "PPL")


def test_a_bare_province_name_is_its_city_of_a_million(geo_context: Context, gaz: Gazetteer) -> None:
    text = "He had left his home of Chongqing in southwest China in 2014."
    doc = segmented(geo_context, text)
    (m,) = resolve_spans(doc, gaz, spans_of(text, "Chongqing"))
    assert m.resolved is not None and m.resolved.feature.startswith("PPL") and m.resolved.country == "CN"


def test_among_provinces_a_province_name_is_no_small_town_abroad(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Victoria, New South Wales, Western Australia, South Australia, Tasmania and Queensland all did."
    doc = segmented(geo_context, text)
    found = resolve_spans(doc, gaz, spans_of(text, "Victoria", "New South Wales", "Queensland"))
    assert [(m.resolved.feature, m.resolved.country) if m.resolved else None for m in found] == [("A1", "AU")] * 3


def test_a_territory_that_is_a_country_names_no_state(gaz: Gazetteer) -> None:
    # ISO 3166-2 lists Guam as a US subdivision; it must not become a name of some US state
    for name, cc, parent in (("Guam", "GU", "US"), ("Mayotte", "YT", "FR"), ("Saint Barthélemy", "BL", "FR")):
        exact = [c for c in gaz.lookup(name) if c.match == 0]
        assert any((c.feature, c.country) == ("PCLI", cc) for c in exact)
        assert all(not (c.feature == "A1" and c.country == parent) for c in exact)


def test_a_given_region_demonym_resolves_to_its_state_or_province(geo_context: Context, gaz: Gazetteer) -> None:
    text = "A Texan rancher and a Scottish farmer met in London."
    doc = segmented(geo_context, text)
    texan, scottish = resolve_spans(doc, gaz, spans_of(text, "Texan", "Scottish"))
    assert texan.resolved is not None and (texan.resolved.feature, texan.resolved.name) == ("A1", "Texas")
    assert scottish.resolved is not None and (scottish.resolved.feature, scottish.resolved.name) == ("A1", "Scotland")


def test_the_west_bank_is_a_place_though_bank_names_institutions(geo_context: Context) -> None:
    doc = PlacesStage(geo_context)(segmented(geo_context, "Raids continued in the West Bank on Monday."))
    assert [(doc.text[m.name_start : m.name_end], m.resolved.country if m.resolved else None) for m in doc.places] == [
        ("West Bank", "PS")
    ]
    doc = PlacesStage(geo_context)(segmented(geo_context, "Loans from the Ruritania Development Bank rose."))
    assert doc.places == []


def test_a_curated_site_is_read_by_its_whole_name(geo_context: Context) -> None:
    for text, name in (
        ("Clashes broke out near Qamishli Airport on Monday.", "Qamishli Airport"),
        ("Jets struck Mezzeh Military Airport on Monday.", "Mezzeh Military Airport"),
    ):
        doc = PlacesStage(geo_context)(segmented(geo_context, text))
        assert [doc.text[m.name_start : m.name_end] for m in doc.places] == [name]
        assert doc.places[0].resolved is not None and doc.places[0].resolved.feature in ("AIRP", "AIRB")


def test_a_curated_site_is_read_by_an_alias_too(geo_context: Context) -> None:
    doc = PlacesStage(geo_context)(segmented(geo_context, "Crowds gathered at Kabul International Airport on Monday."))
    assert [doc.text[m.name_start : m.name_end] for m in doc.places] == ["Kabul International Airport"]
    assert doc.places[0].resolved is not None and doc.places[0].resolved.feature == "AIRP"


def test_a_small_town_gives_its_name_to_the_famous_city_of_its_country(geo_context: Context, gaz: Gazetteer) -> None:
    # the other places are in Texas, where a Portland of some 16,000 people lies far from all of them
    text = "The Houston Rockets beat Portland on Tuesday. Houston plays Dallas and El Paso next week."
    doc = segmented(geo_context, text)
    portland, *_ = resolve_spans(doc, gaz, spans_of(text, "Portland", "Houston", "Dallas", "El Paso"))
    assert portland.resolved is not None and portland.resolved.admin1 == "Oregon"
    # tied to its state, or among its neighbours, the small town keeps its name
    text = "Portland, Texas, and Corpus Christi, Texas, shut their schools."
    doc = segmented(geo_context, text)
    portland, _ = resolve_spans(doc, gaz, spans_of(text, "Portland", "Corpus Christi"))
    assert portland.resolved is not None and portland.resolved.admin1 == "Texas"
    text = "Schools in Gregory, Sinton and Portland closed as Corpus Christi flooded."
    doc = segmented(geo_context, text)
    *_, portland, _ = resolve_spans(doc, gaz, spans_of(text, "Gregory", "Sinton", "Portland", "Corpus Christi"))
    assert portland.resolved is not None and portland.resolved.admin1 == "Texas"


def test_a_states_office_names_the_state_and_a_dateline_the_city(geo_context: Context, gaz: Gazetteer) -> None:
    text = "ALBANY (AP) — New York Governor Andrew Cuomo declared an emergency. He lives in New York City."
    albany, state = given(geo_context, gaz, text, "ALBANY", "New York")
    assert state.resolved is not None and state.resolved.feature == "A1" and state.resolved.admin1 == "New York"
    assert albany.resolved is not None and albany.resolved.feature.startswith("PPL")
    (dc,) = given(geo_context, gaz, "WASHINGTON (AP) — Lawmakers from Wyoming, Montana and Idaho met.", "WASHINGTON")
    assert dc.resolved is not None and dc.resolved.feature == "PPLC"


def test_a_bare_new_york_is_the_city(geo_context: Context, gaz: Gazetteer) -> None:
    text = "London's murder rate was lower than that of New York last year."
    _, ny = given(geo_context, gaz, text, "London", "New York")
    assert ny.resolved is not None and ny.resolved.feature.startswith("PPL") and ny.resolved.admin1 == "New York"


def test_each_mention_of_a_name_is_judged_on_its_own(geo_context: Context, gaz: Gazetteer) -> None:
    text = "COLUMBUS, Ohio (AP) — The Buckeyes beat Louisville 70-60 on Friday. Louisville had won ten straight."
    doc = segmented(geo_context, text)
    first = text.index("Louisville")
    second = text.index("Louisville", first + 1)
    found = resolve_spans(doc, gaz, [(first, first + 10), (second, second + 10)])
    assert [m.resolved.admin1 if m.resolved else None for m in found] == ["Kentucky", "Kentucky"]
    assert found[0].candidates is not found[1].candidates


def test_a_capital_tied_to_its_district_stays_the_capital_among_states(geo_context: Context, gaz: Gazetteer) -> None:
    text = "Fans came from as far as Texas and Washington, D.C., to see him."
    _, washington = given(geo_context, gaz, text, "Texas", "Washington")
    assert washington.resolved is not None and washington.resolved.feature == "PPLC"
    _, state = given(geo_context, gaz, "Voters in Oregon and Washington backed the law.", "Oregon", "Washington")
    assert state.resolved is not None and state.resolved.feature == "A1"


def test_a_local_place_in_a_town_is_placed_at_the_town(geo_context: Context, gaz: Gazetteer) -> None:
    text = "The street runs east of Hampton Park in Charleston, police said."
    park, town = given(geo_context, gaz, text, "Hampton Park", "Charleston")
    assert town.resolved is not None and town.resolved.country == "US"
    assert park.resolved is not None and park.resolved.country == "US" and park.evidence == "anchor"
