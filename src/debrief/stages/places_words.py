"""Word lists of the places stage: the words around a name that say it is (or is not) a place.

They describe English news style in general ("near the village of", "X province", "Moscow said"),
never one article's sentences.
"""

from __future__ import annotations

import re
from typing import Literal

from debrief.gazetteer.names import words

# Lowercase words allowed inside a name ("Deir ez-Zor", "Ras al-Ain", "Abu al-Duhur", "Bin Jawad").
PARTICLES = words(
    "al el il ul ad ed ar er as es ash esh at et ath az ez an en ud ur bin ibn bint abu umm "
    "de del della di da do dos das du la le les van von der den y"
)
# Capitalised words after which "of" continues a name ("Gulf of Aden", "Republic of the Congo").
OF_HEADS = words(
    "gulf sea strait straits bay isle isles cape lake island islands republic kingdom mouth "
    "horn sea port city state federation emirate sultanate principality"
)
# Particles that are no English words, so they may open a name without a hyphen ("al Bab").
ARABIC_ARTICLES = words("al el ul ash esh ez ath")
HYPHENS = frozenset({"-", "‐", "‑"})
APOSTROPHE_S = frozenset({"'s", "’s", "‘s"})

# Words after a name that make it an area or a facility; the hint they give.
SUFFIX_HINTS: dict[str, str] = {
    "province": "admin1",
    "provinces": "admin1",
    "governorate": "admin1",
    "governorates": "admin1",
    "region": "admin1",
    "regions": "admin1",
    "oblast": "admin1",
    "oblasts": "admin1",
    "state": "admin1",
    "prefecture": "admin1",
    "wilaya": "admin1",
    "district": "admin2",
    "districts": "admin2",
    "county": "admin2",
    "municipality": "admin2",
    "subdistrict": "admin2",
    "countryside": "near",
    "outskirts": "near",
    "suburbs": "near",
    "city": "town",
    "town": "town",
    "village": "town",
    "airbase": "facility",
    "airbases": "facility",
    "airport": "facility",
    "airfield": "facility",
    "airstrip": "facility",
    "base": "facility",
    "garrison": "facility",
    "dam": "facility",
    "refinery": "facility",
}
# Nouns that end the name of a site ("Dumayr Airbase", "Tabaqa Military Airport", "Rasha hilltop",
# "Sulu Sea"): a name the event locator marks is read on to them.
SITE_NOUNS = words(
    "airbase airport airfield airstrip base garrison dam refinery hospital clinic school university college "
    "mosque church temple shrine market bazaar bridge square camp prison jail hotel stadium street road highway "
    "motorway mountain mountains hill hills hilltop sea strait river lake valley desert plain palace station "
    "park racetrack checkpoint crossing port harbour harbor field oilfield plant factory"
)
# Words that end a street's name ("Haifa Street", "E. Main St", "Wichita Drive"): the name before them
# names the street, not a town.
STREET_WORDS = words("street st road rd avenue ave drive dr lane ln boulevard blvd terrace alley parkway pkwy")
# Words that with a number name a road ("Highway 114", "Interstate 75", "Route 66").
ROAD_WORDS = words("highway interstate route")
# Words that end the name of a natural feature ("Red River", "Freeborn Lake", "Cranberry Wilderness") and
# words that open one ("Lake Vermont", "Mount Hood").
FEATURE_WORDS = words(
    "river lake creek valley island islands mountain mountains canyon falls wilderness reservoir peninsula"
)
FEATURE_HEADS = words("lake mount mt.")
# Two-word suffixes ("air base", "military airport").
SUFFIX_PAIRS: dict[tuple[str, str], str] = {
    ("air", "base"): "facility",
    ("air", "field"): "facility",
    ("air", "bases"): "facility",
    ("military", "airport"): "facility",
    ("military", "airbase"): "facility",
    ("military", "base"): "facility",
    ("naval", "base"): "facility",
    ("border", "crossing"): "facility",
}
# An office or body of a state or province after its name ("New York Gov. Andrew Cuomo", "Washington's
# legislature", "the New York Attorney General"): the name is the state, not its namesake city.
AREA_OFFICE = re.compile(
    r"(?:['’‘]s)?\s+(?:governors?|gov\.?|lieutenant\s+governor|lt\.?\s+gov\.?|legislature|legislators|"
    r"senators?|sen\.|assembly(?:man|woman|member)?|attorneys?[\s-]+general)(?![A-Za-z])",
    re.IGNORECASE,
)


def office_after(text: str, end: int) -> bool:
    """An office or body of a state follows the name that ends at `end` (:data:`AREA_OFFICE`)."""
    return AREA_OFFICE.match(text, end) is not None


# A lowercase direction before a name that asks for a part of an area ("central Washington", "upstate
# New York", "western New York", "northern Aleppo"): the state or province, not its namesake city.
PART_OF_AREA = re.compile(
    r"(?<![A-Za-z])(?:central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|upstate|downstate)\s+$"
)


def part_of_area_before(text: str, start: int) -> bool:
    """A :data:`PART_OF_AREA` direction ends right before the name that starts at `start`."""
    return PART_OF_AREA.search(text, max(0, start - 24), start) is not None


def area_hint_of(text: str, start: int, end: int) -> Literal["admin1", "area"] | None:
    """The hint the words around the name at start..end give about its level: "admin1" before a
    state's office ("New York Gov."), "area" after a compass word ("upstate New York"), else None."""
    if office_after(text, end):
        return "admin1"
    if part_of_area_before(text, start):
        return "area"
    return None


# Words before "of X" and the hint they give ("the town of X", "the outskirts of X").
OF_HINTS: dict[str, str] = {
    "town": "town",
    "towns": "town",
    "village": "town",
    "villages": "town",
    "city": "town",
    "cities": "town",
    "hamlet": "town",
    "settlement": "town",
    "settlements": "town",
    "port": "name",
    "neighbourhood": "name",
    "neighborhood": "name",
    "district": "admin2",
    "districts": "admin2",
    "province": "admin1",
    "provinces": "admin1",
    "governorate": "admin1",
    "governorates": "admin1",
    "region": "admin1",
    "regions": "admin1",
    "oblast": "admin1",
    "oblasts": "admin1",
    "state": "admin1",
    "states": "admin1",
    "outskirts": "near",
    "suburbs": "near",
    "suburb": "near",
    "vicinity": "near",
    "environs": "near",
    "countryside": "near",
    "outside": "near",
    "north": "near",
    "south": "near",
    "east": "near",
    "west": "near",
    "northeast": "near",
    "northwest": "near",
    "southeast": "near",
    "southwest": "near",
    "north-east": "near",
    "north-west": "near",
    "south-east": "near",
    "south-west": "near",
}
# Words directly before a name that say "near it" ("near X", "close to X", "around X").
NEAR_WORDS = frozenset({"near", "nearby", "outside", "around", "outskirts", "close"})
# Prepositions that put a name in a locative role ("in X", "from X to Y").
LOCATIVE = words(
    "in at near from to into towards toward outside across around through between via inside within "
    "throughout over on onto off along past beyond"
)
# Adjectives that may stand between a qualifier and its place ("Syria's northwestern Idlib province").
DIRECTION_ADJECTIVES = words(
    "north south east west northern southern eastern western central northeastern northwestern "
    "southeastern southwestern north-eastern north-western south-eastern south-western northeast "
    "northwest southeast southwest north-east north-west south-east south-west upper lower "
    "greater rural coastal restive besieged rebel-held government-held"
)
# Capitalised words that may precede a name inside one run without making it something else.
RUN_MODIFIERS = words(
    "north south east west northeast northwest southeast southwest northern southern eastern western "
    "central northeastern northwestern southeastern southwestern upper lower greater old"
)

# Words that make the capitalised name before them an actor: "Washington said", "Moscow has repeated".
SPEECH_VERBS = words(
    """said says say told tells added announced announces accused accuses denied denies insisted insists
    warned warns rejected rejects repeated repeats claimed claims stated states stressed stresses
    urged urges condemned condemns demanded demands responded responds vowed vows threatened threatens
    confirmed confirms agreed agrees refused refuses decided decides ordered orders called calls
    believes believed wants wanted hopes hoped plans planned considers considered sees saw blamed blames
    admitted admits argued argues maintained maintains reiterated reiterates declared declares
    promised promises pledged pledges approved approves vetoed vetoes recognised recognized recognizes
    recognises sanctioned sanctions supplied supplies supports supported backs backed sent sends
    launched launches deployed deploys offered offers signed signs expelled expels summoned summons
    proposed proposes welcomed welcomes criticised criticized criticises criticizes asked asks requested
    requests"""
)
ADVERBS = words("not also again still already never long since just now once further")
# Prepositions before a capital or a country that make it a party, not a place.
ACTOR_PREPOSITIONS = words("against by with")
AUXILIARIES = words(
    "has have had is was are were will would could should may might must does did remains remained continues "
    "continued seems seemed appears appeared"
)
PASSIVE_AUXILIARIES = words("is was are were")
# Verbs that, after "is"/"was", make a capital a place that suffered ("Damascus was shelled").
SUFFERED = words(
    """hit shelled struck bombed attacked targeted besieged captured recaptured seized surrounded
    liberated rocked shaken stormed raided overrun encircled cut bombarded blockaded evacuated
    under quiet calm tense"""
)
# "Kremlin-backed", "Moscow-led": the name is an actor's.
ACTOR_SUFFIXES = words(
    "backed led allied supported sponsored funded brokered aligned friendly made armed trained "
    "controlled-by dominated run"
)
# "U.S. forces", "US officials": a country's name used as the nationality of the people after it.
ACTOR_NOUNS = words(
    "forces force troops soldiers soldier military army navy marines sailors pilots jets warplanes aircraft drones "
    "officials official government authorities administration diplomats envoy ambassador embassy president "
    "patrol patrols convoy citizens nationals intelligence commanders commander special-forces"
)
# Places that stand for governments ("the Kremlin said").
METONYM_PHRASES = frozenset(
    {
        "kremlin",
        "pentagon",
        "white house",
        "downing street",
        "elysee",
        "élysée",
        "elysee palace",
        "whitehall",
        "quai d'orsay",
        "foggy bottom",
        "capitol hill",
        "zhongnanhai",
        "bankova",
        "knesset",
        "white house's",
    }
)
# Words before a capitalised name that make it a person's ("General Igor Konashenkov").
TITLES = words(
    """president presidents prime minister ministers general gen gen. major maj maj. colonel col col.
    lieutenant lt lt. captain capt capt. sergeant sgt commander cmdr admiral adm marshal brigadier brig
    brig. mr mr. mrs mrs. ms ms. dr dr. sheikh shaikh imam king queen prince princess emir sultan
    ayatollah senator sen sen. rep rep. representative governor gov gov. mayor spokesman spokeswoman
    spokesperson ambassador secretary chancellor pope judge justice envoy chief commissioner
    deputy officer private corporal mullah rabbi father bishop patriarch"""
)
MONTHS_DAYS = words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday"""
)

# Capitalised words that make a run an institution's name ("Oxford University", "Al-Nusra Front").
ORG_WORDS = words(
    """university college centre center institute institution council agency ministry party front army
    forces force brigade brigades movement committee commission union organisation organization
    association foundation bank corporation company group office department court parliament assembly
    congress senate school academy times post news journal press television tv radio network
    observatory watch forum alliance coalition guard guards police command corps society
    federation authority administration government regime club nato isis isil daesh hamas hezbollah
    hizbollah opec unicef unesco unhcr interpol frontex sana tass reuters"""
)
# Fields of a ministry, a department or a chamber: "the Ministry of Commerce", "Chamber of Commerce and
# Industry", "Secretary of Energy" name no town Commerce, Industry or Energy.
PORTFOLIOS = words(
    """commerce industry trade labor labour justice defense defence energy agriculture education health
    finance interior transport transportation housing culture tourism environment mines information
    communications treasury works planning fisheries"""
)
# What a portfolio follows ("X of Commerce"): an institution's word or an office holder's title.
PORTFOLIO_HOLDERS = ORG_WORDS | words("""chamber chambers secretary secretaries minister ministers commissioner""")
# Words that are no place on their own, whatever a gazetteer says ("Northern", "Gulf", "Earth").
NOT_ALONE = words(
    """north south east west northeast northwest southeast southwest northern southern eastern western
    central northeastern northwestern southeastern southwestern upper lower greater gulf sea ocean river
    lake mount mountains valley desert island islands bay coast peninsula strait border city state capital
    earth world heaven paradise hell people union republic kingdom olympic olympics chamber chambers"""
)
# Peoples and faiths: "Arab families", "Yazidi communities", "a Kurdish town".
ETHNONYMS = words(
    """arab arabs kurd kurds kurdish yazidi yazidis yezidi druze alawite alawites sunni sunnis shia shiite
    shiites christian christians jewish jew jews muslim muslims assyrian assyrians circassian
    pashtun pashtuns hazara hazaras baloch berber berbers amazigh tuareg fulani hausa yoruba igbo
    tatar tatars chechen chechens uighur uighurs uyghur uyghurs rohingya houthi houthis sahrawi
    bedouin bedouins copt copts coptic turkmen sikh sikhs hindu hindus buddhist buddhists catholic
    orthodox protestant persian persians latino latinos african africans european europeans asian
    asians western westerners"""
)
# The AP-style abbreviations of US states ("Ga.", "W.Va."), keyed without dots or spaces.
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "ala": "Alabama",
    "ariz": "Arizona",
    "ark": "Arkansas",
    "calif": "California",
    "colo": "Colorado",
    "conn": "Connecticut",
    "del": "Delaware",
    "fla": "Florida",
    "ga": "Georgia",
    "ill": "Illinois",
    "ind": "Indiana",
    "kan": "Kansas",
    "kans": "Kansas",
    "ky": "Kentucky",
    "la": "Louisiana",
    "md": "Maryland",
    "mass": "Massachusetts",
    "mich": "Michigan",
    "minn": "Minnesota",
    "miss": "Mississippi",
    "mo": "Missouri",
    "mont": "Montana",
    "neb": "Nebraska",
    "nebr": "Nebraska",
    "nev": "Nevada",
    "nh": "New Hampshire",
    "nj": "New Jersey",
    "nm": "New Mexico",
    "ny": "New York",
    "nc": "North Carolina",
    "nd": "North Dakota",
    "okla": "Oklahoma",
    "ore": "Oregon",
    "pa": "Pennsylvania",
    "ri": "Rhode Island",
    "sc": "South Carolina",
    "sd": "South Dakota",
    "tenn": "Tennessee",
    "tex": "Texas",
    "vt": "Vermont",
    "va": "Virginia",
    "wash": "Washington",
    "wva": "West Virginia",
    "wis": "Wisconsin",
    "wyo": "Wyoming",
    "dc": "District of Columbia",
}
