"""The fields of an event read off its sentence: location, date, actors and targets, fatalities.

Pure functions over a Document's annotations; the events stage calls them.
"""

from __future__ import annotations

import re

from debrief.document import Document
from debrief.numerals import subset_zones
from debrief.records import (
    Entity,
    EventDate,
    Fatalities,
    Location,
    Mention,
    PlaceMention,
    Quantity,
    Sentence,
    Timex,
)

PRECISION_RANK = {"point": 0, "near": 1, "admin2": 2, "admin1": 3, "country": 4}
ARMED_NOUNS = (
    "warplanes|jets|fighter jets|aircraft|bombers|helicopters|drones|forces|troops|army|soldiers|military|"
    "air force|navy|ships|flotilla|artillery|militia|militias|police|security forces|army units|units|"
    "missiles|rockets|air strikes|airstrikes|strikes|shelling|tanks|warships"
)
# weapons and strikes: an actor only with a nationality ("Russian missiles", "Israeli air strikes")
PLATFORMS = frozenset(
    {"warplanes", "jets", "fighter jets", "aircraft", "bombers", "helicopters", "drones", "ships", "artillery"}
    | {"flotilla", "missiles", "rockets", "air strikes", "airstrikes", "strikes", "shelling", "tanks", "warships"}
)
# news agencies in datelines and credits ("KYIV (Reuters) -") report events; they are never their actors
NEWS_AGENCIES = frozenset(
    [
        "reuters",
        "ap",
        "associated press",
        "afp",
        "agence france-presse",
        "xinhua",
        "tass",
        "interfax",
        "anadolu",
        "ria novosti",
        "ruptly",
        "sana",
        "irna",
        "upi",
        "dpa",
        "efe",
        "ansa",
        "kyodo",
        "yonhap",
        "bernama",
        "bbc",
        "cnn",
        "al jazeera",
    ]
)
NON_STATE_NOUNS = (
    "militants|rebels|insurgents|terrorists|gunmen|jihadists|fighters|extremists|armed gangs|gangs|armed men"
)
CIVILIAN_NOUNS = (
    "civilians|villagers|residents|worshippers|children|women|protesters|demonstrators|students|journalists"
)
FUNCTION_WORDS = (
    "when|where|while|which|that|who|by|with|from|for|and|or|but|as|at|in|on|of|to|the|a|an|its|their|his|her|"
    "it|they|were|was|are|is|been|had|have|has|after|before|than|into|onto|against|between|among|said|says"
)
ACTOR_RE = re.compile(
    rf"\b(?:(?P<dem>[A-Z][a-z]+(?:’s|'s)?)\s+)?(?:[A-Z][A-Za-z]+-(?:backed|led|allied|supported|aligned)\s+)?"
    rf"(?:(?!(?:{FUNCTION_WORDS})\b)[a-z][a-z-]*\s+)?(?P<noun>{ARMED_NOUNS}|{NON_STATE_NOUNS}|{CIVILIAN_NOUNS})\b"
)
KILL_RE = re.compile(
    r"\b(?:killed|killing|dead|died|deaths?|death toll|fatalities|lost their lives|slain|massacred|executed|"
    r"bodies|were shot dead)\b",
    re.I,
)
WOUND_RE = re.compile(r"\b(?:wounded|injured|hurt|injuries|wounding|injuring)\b", re.I)
PEOPLE_HEADS = re.compile(
    r"(?i:\b(?:people|persons|civilians|soldiers|troops|fighters|militants|rebels|insurgents|members|"
    r"policemen|officers|children|women|men|villagers|residents|protesters|demonstrators|worshippers|"
    r"students|workers|bodies|dead|killed|terrorists|gunmen|jihadists|personnel|servicemen|"
    r"leaders?|officials?|guards?|militiamen|police|herders|pastoralists|farmers|traders|islamists|"
    r"assailants|attackers|combatants|commanders|hostages|prisoners|youths?|boys|girls|infants|babies|"
    r"individuals|victims|pilgrims|passengers|inmates|suspects|recruits|conscripts|others|adults|"
    r"fishermen|miners|militia|troopers|cadets|guerrillas|bombers|elements)\b)"
    r"|\b[A-Z][a-z]+(?:ans|ians|is|ese)\b",  # nationals: "four Americans", "two Iraqis"
)
PASSIVE_RE = re.compile(r"\b(?:was|were|been|is|are|be|being)\s+(?:\w+ly\s+)?$")


def strip_possessive(word: str) -> str:
    return re.sub(r"(?:’s|'s)$", "", word)


def location_of(place: PlaceMention) -> Location:
    r = place.resolved
    if r is None:
        return Location(text=place.text, precision=place.precision, start=place.start, end=place.end)
    return Location(
        text=place.text,
        name=r.name,
        country=r.country,
        admin1=r.admin1,
        admin2=None,
        lat=r.lat,
        lon=r.lon,
        geonames_id=r.geonames_id,
        precision=place.precision,
        start=place.start,
        end=place.end,
    )


SPEECH_SETTING = re.compile(
    r"\b(?:said|says|told|tells|reported|stated|announced|briefing|press conference|statement|reporters|"
    r"journalists|speaking|interview)\b[^.;,]{0,40}$",
    re.I,
)


# where words were spoken, right before a place: "told reporters in Geneva", "said in Moscow", "a news
# conference in Ankara" (never "said a bomb exploded in Kabul": only a date may stand between)
SPEECH_VENUE = re.compile(
    r"\b(?:told\s+(?:reporters|journalists|a\s+news\s+conference|parliament|lawmakers|\w+)|said|says|speaking|"
    r"spoke|(?:news|press)\s+conference|briefing|interview|speech|summit)\s+"
    r"(?:(?:on\s+\w+|on\s+\w+\s+\d+|late\s+\w+|today|yesterday|earlier)\s+)?(?:in|at|from)\s+(?:the\s+)?$",
    re.I,
)


def places_in(doc: Document, start: int, end: int, exclude: list[tuple[int, int]]) -> list[PlaceMention]:
    """Resolved places in [start, end), leaving out `exclude` and places where something was said
    ("told reporters in Geneva", "a briefing in Moscow"), which are not where the event happened."""
    return [
        p
        for p in doc.places
        if p.start >= start
        and p.end <= end
        and p.resolved is not None
        and not any(p.start < e and s < p.end for s, e in exclude)
        and not SPEECH_SETTING.search(doc.text[max(start, p.start - 60) : p.start])
    ]


CLAUSE_BREAK = re.compile(
    r";|—|,\s+(?:as|while|but|whereas|although|though|even as|just as|where|when)\b"
    r"|\s+as\s+(?=\w+\s+\w+\s+(?:gathered|met|said))"
)


def clause_of(text: str, start: int, end: int, t0: int, t1: int) -> tuple[int, int]:
    """The clause of [start, end) that holds the trigger [t0, t1): between clause breaks (";", ", as",
    ", while", ", but", "—" …) on either side."""
    left = start
    for m in CLAUSE_BREAK.finditer(text, start, t0):
        left = m.end()
    right_m = CLAUSE_BREAK.search(text, t1, end)
    return left, right_m.start() if right_m else end


def choose_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """The event's place(s): every member of a listed group ("provinces of A, B and C"), else the most
    specific place (the first of equal precision)."""
    if not places:
        return []
    groups: dict[int, list[PlaceMention]] = {}
    for p in places:
        if p.group is not None:
            groups.setdefault(p.group, []).append(p)
    big = [g for g in groups.values() if len(g) > 1]
    if big:
        return max(big, key=len)
    return [min(places, key=lambda p: (PRECISION_RANK.get(p.precision or "country", 4), p.start))]


def event_date(t: Timex) -> EventDate:
    assert t.value_start is not None
    return EventDate(
        start=t.value_start.isoformat(),
        end=(t.value_end or t.value_start).isoformat(),
        precision=t.precision,
        text=t.text,
    )


def date_in(doc: Document, sent: Sentence, exclude: list[tuple[int, int]]) -> EventDate | None:
    """The first resolved date in the sentence that is not the date of a speech act."""
    for t in doc.timexes:
        if t.start < sent.start or t.end > sent.end or t.value_start is None or t.kind in ("duration", "time"):
            continue
        if any(t.start >= s and t.end <= e for s, e in exclude):
            continue
        return event_date(t)
    return None


def _actor_name(dem: str | None, noun: str, adjective_country: dict[str, str]) -> tuple[str | None, str]:
    noun_l = noun.lower()
    if re.fullmatch(CIVILIAN_NOUNS, noun_l):
        key = strip_possessive(dem) if dem else ""
        return (f"Civilians ({adjective_country[key]})" if key in adjective_country else "Civilians"), "civilians"
    if re.fullmatch(NON_STATE_NOUNS, noun_l):
        return None, "non_state"
    if dem and strip_possessive(dem) in adjective_country:
        country = adjective_country[strip_possessive(dem)]
        if noun_l == "police":
            return f"Police Forces of {country}", "state"
        return f"Military Forces of {country}", "state"
    return None, "state" if noun_l in ("army", "troops", "soldiers", "police", "military") else "unknown"


def entities_in(
    doc: Document, start: int, end: int, exclude: list[tuple[int, int]], adjective_country: dict[str, str]
) -> list[Entity]:
    """Actors and targets named in [start, end): groups, organisations, and armed or civilian nouns."""
    out: list[Entity] = []
    taken: list[tuple[int, int]] = list(exclude)
    for m in doc.mentions:
        if m.start < start or m.end > end or m.kind == "person" or any(m.start < e and s < m.end for s, e in taken):
            continue
        if (m.name or m.text).lower() in NEWS_AGENCIES:
            continue
        out.append(
            Entity(
                text=m.text, name=_mention_name(m, adjective_country), kind=_mention_kind(m), start=m.start, end=m.end
            )
        )
        taken.append((m.start, m.end))
    for am in ACTOR_RE.finditer(_lower_initial_noun(doc.text, start, end), start, end):
        s, e = am.start(), am.end()
        if any(s < te and ts < e for ts, te in taken):
            continue
        dem = am.group("dem")
        if dem and strip_possessive(dem) not in adjective_country:
            s = am.start(0) + len(dem) + 1  # a capitalised word that is not a nationality ("The militants")
            dem = None
        if dem is None and am.group("noun").lower() in PLATFORMS:
            continue  # "aircraft", "drones": a weapon, unless a nationality says whose
        name, kind = _actor_name(dem, am.group("noun"), adjective_country)
        out.append(Entity(text=doc.text[s:e], name=name, kind=kind, start=s, end=e))
        taken.append((s, e))
    return _first_of_each(sorted(out, key=lambda x: x.start))


_ACTOR_NOUN_WORDS = frozenset(w for w in f"{ARMED_NOUNS}|{NON_STATE_NOUNS}|{CIVILIAN_NOUNS}".split("|") if " " not in w)


def _lower_initial_noun(text: str, start: int, end: int) -> str:
    """`text` with the capital of a sentence-initial actor noun lowered ("Militants stormed …"), offsets
    unchanged, so that it reads as the noun it is rather than as a name or nationality."""
    word = re.match(r"[A-Z][a-z-]*", text[start:end])
    if word is None or word.group().lower() not in _ACTOR_NOUN_WORDS:
        return text
    return text[:start] + text[start].lower() + text[start + 1 :]


def _first_of_each(entities: list[Entity]) -> list[Entity]:
    """One entity per actor: "Islamic State’s (IS, formerly ISIS)" is one target."""
    seen: set[str] = set()
    out = []
    for ent in entities:
        key = (ent.name or ent.text).lower()
        if key not in seen:
            seen.add(key)
            out.append(ent)
    return out


def _mention_name(m: Mention, adjective_country: dict[str, str]) -> str | None:
    words = (m.name or m.text).split()
    if m.kind == "organization" and len(words) >= 2 and words[0] in adjective_country:
        head = " ".join(words[1:]).lower()
        if head in (
            "army",
            "armed forces",
            "forces",
            "air force",
            "navy",
            "military",
            "defense ministry",
            "defence ministry",
            "caspian flotilla",
            "flotilla",
        ) or head.endswith(("army", "forces", "flotilla")):
            return f"Military Forces of {adjective_country[words[0]]}"
    return m.name


def _mention_kind(m: Mention) -> str:
    if m.kind == "group":
        return "rebel"
    return "organization"


# an entity right after "against" / "fighting" is the side opposed to the clause's subject
OPPOSED = re.compile(r"\b(?:against|fighting|battling|versus|vs\.?)\s+(?:(?:the|a|an)\s+)?$", re.I)


def split_roles(
    doc: Document, entities: list[Entity], trigger_start: int, trigger_end: int
) -> tuple[list[Entity], list[Entity]]:
    """Actors before the trigger (or after "by" in a passive), targets after it (or before it in a passive)."""
    passive = bool(PASSIVE_RE.search(doc.text[max(0, trigger_start - 30) : trigger_start]))
    actors: list[Entity] = []
    targets: list[Entity] = []
    for ent in entities:
        # an armed noun that is the trigger itself ("Gunmen killed …") acts
        before = ent.start < trigger_start or (ent.start == trigger_start and ent.kind != "civilians")
        if OPPOSED.search(doc.text, max(0, ent.start - 30), ent.start):
            targets.append(ent)  # "a soldier fighting against Islamic State": the side opposed, never the actor
            continue
        by = re.search(r"\bby\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}$", doc.text[max(0, ent.start - 40) : ent.start])
        if ent.kind == "civilians":
            targets.append(ent)
        elif (by and not before) or (before and not passive) or (not before and passive and by):
            actors.append(ent)
        else:
            targets.append(ent)
    return actors, targets


# a death verb right before the count: "killing 15", "killed at least four", "kill two members"
KILL_BEFORE_RE = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|killling|massacr(?:ed|ing)|execut(?:ed|ing)|slaughter(?:ed|ing))\s+"
    r"(?:(?:at\s+least|about|around|some|nearly|almost|more\s+than|over|up\s+to|an\s+estimated|another)\s+)?$",
    re.I,
)
KILL_VERB = re.compile(r"\bkill|\bdied\b", re.I)
# a single victim without a numeral: "a soldier was killed", "killed a police colonel", "Farmer killed"
SINGLE_VICTIM = re.compile(
    r"(?:^|\b(?i:a|an|one)\s+)(?:[\w,-]+\s+){0,6}?(?:was|has been|had been|is)\s+(?:\w+ly\s+)?(?:\w+ed\s+and\s+)?"
    r"(?:killed|shot dead|shot and killed|beaten to death|stabbed to death|burnt to death|burned to death|"
    r"hacked to death|lynched|executed|murdered|slain)\b"
    r"|\b(?:kill(?:ed|s|ing)?|murder(?:ed|ing)?|execut(?:ed|ing)|stabbed to death|shot dead)\s+(?:a|an)\s+"
    r"(?!number\b|unknown\b)"
    r"|\b(?:was|were)\s+(?:confirmed|found|reported)\s+dead\b"
    r"|^[A-Z][\w-]*(?:\s+[\w-]+){0,3}\s+killed\b"
    r"|\b(?:[Hh]e|[Ss]he)\s+(?:later\s+)?died\b|\b(?:A|An|One)\s+(?:[\w-]+\s+){0,6}?(?:has\s+|had\s+)?died\b",
)
# ACLED codes an unknown or vague toll ("killed several", "an unknown number of casualties") as 10
VAGUE_DEATHS = re.compile(
    r"\bkill\w*\s+(?:an?\s+unknown\s+number|\W?several\W?|many|scores)\b"
    r"|\b(?:unknown|several|many|scores of)\s+(?:\w+\s+){0,2}?(?:killed|dead|casualties|causalities|fatalities)\b"
    r"|\b(?:casualties|causalities|fatalities)\s+(?:of\s+unknown\s+number|reported)\b",
    re.I,
)
# a count followed by an active death verb with an object is the count of the killers
PERPETRATOR = re.compile(
    r"\s+(?:\w+ly\s+)?(?:killed|kill|shot dead|stabbed|executed|massacred)\s+"
    r"(?!in\b|by\b|on\b|at\b|during\b|when\b|while\b|after\b|and\b|as\b|near\b|[,.;])"
)
COORDINATED = re.compile(r"^\s*(?:,|,?\s*and)\s*$")
NO_DEATHS = re.compile(
    r"\bno (?:reported )?(?:fatalities|deaths|casualties)\b|\bno(?: one|body) (?:was|were) (?:killed|hurt)\b", re.I
)
NOT_PEOPLE = re.compile(
    r"(?i:\b(?:goats|cattle|cows|camels|sheep|livestock|animals|houses|homes|huts|vehicles|cars|rounds|shells|"
    r"mortars|rockets|missiles|days|hours|weeks|months|years|km|kilometres|kilometers|miles|percent)\b)"
)


def fatalities_in(doc: Document, quantities: list[Quantity], sent: Sentence) -> Fatalities:
    """Deaths counted in the sentence: the most conservative figure as `best`, the range kept.

    A count is a death toll when it counts people in a sentence that reports deaths, when a death
    word surrounds it ("15 were killed"), or when a death verb governs it ("killing 15"). Without
    any count, a single named victim ("a soldier was killed", "killed a police colonel") is 1."""
    text = doc.text[sent.start : sent.end]
    if not (KILL_RE.search(text) or SINGLE_VICTIM.search(text) or KILL_VERB.search(text) or VAGUE_DEATHS.search(text)):
        return Fatalities()
    values: list[tuple[float, float, float]] = []
    last_end = sent.start
    parts = subset_zones(doc.text, sent.start, sent.end)
    for q in quantities:
        if q.kind != "count" or q.value is None or not (sent.start <= q.start < sent.end):
            continue
        before = doc.text[max(sent.start, q.start - 40) : q.start]
        governed = bool(KILL_BEFORE_RE.search(before))
        if not governed and any(s <= q.start < e for s, e in parts):
            continue  # a part of a count already given ("among them seven children")
        if PERPETRATOR.match(doc.text, q.end):
            continue  # "two suicide bombers killed 23 people": the count of those who killed
        if NOT_PEOPLE.search(q.category or ""):
            continue  # "stealing 11 goats"
        if re.search(r"\d\s*/\s*$", doc.text[max(sent.start, q.start - 4) : q.start]) or re.match(
            r"\d+\s*/\d", doc.text[q.start : q.end + 3]
        ):
            continue  # a date written 26/06
        after = doc.text[q.start : min(sent.end, q.end + 40)]
        around = doc.text[max(sent.start, q.start - 40) : min(sent.end, q.end + 40)]
        clause = re.split(r"[,;.]", doc.text[q.start : sent.end], maxsplit=1)[0]
        if WOUND_RE.search(clause) and not KILL_RE.search(clause) and not governed:
            continue  # "dozens of people were wounded"
        people = PEOPLE_HEADS.search(q.category or "")
        if (people and KILL_RE.search(text)) or (KILL_RE.search(after) and KILL_RE.search(around)) or governed:
            low = q.low if q.low is not None else q.value
            high = q.high if q.high is not None else q.value
            if values and COORDINATED.match(doc.text[last_end : q.start]):
                # "two police officers, one civil servant and one resident were killed": one toll
                pl, pb, ph = values.pop()
                low, best, high = pl + low, pb + q.value, ph + high
            else:
                best = q.value
            values.append((low, best, high))
            last_end = q.end
    if not values:
        if NO_DEATHS.search(text):
            return Fatalities()
        if VAGUE_DEATHS.search(text):
            return Fatalities(low=10, best=10, high=10)
        if SINGLE_VICTIM.search(text):
            return Fatalities(low=1, best=1, high=1)
        return Fatalities()
    return Fatalities(
        low=int(min(v[0] for v in values)),
        best=int(min(v[1] for v in values)),
        high=int(max(v[2] for v in values)),
    )
