"""Resolution of place names whose spans are already known (a user's selection, a benchmark's gold
toponyms, another recogniser's output).

``resolve_spans(doc, gazetteer, spans)`` reads the document as the places stage does (for its country
focus, its admin1 areas and the mentions it recognises itself), then resolves every given span in that
context. A given span is always resolved when the gazetteer knows any candidate for it: the caller
vouches that it is a place, so the acceptance rules of recognition do not apply. A demonym given as a
span ("Turkish") resolves to its country, a region's ("European") to the region; the places stage
itself never reads demonyms as places.

On top of the places stage's scores, the given names vote for each other: every distinct name votes
for the country and admin1 area of its current best candidate, and each candidate gains a bonus
that grows with the votes of the *other* names for its country and area (two rounds). A bare name
that is exactly an admin1 area's ("Virginia") prefers the area. The candidates and scores stay on
each mention as its evidence.

A given name the gazetteer lacks ("Royal Street", "Cloverhill District Court") is placed at the
document's context place (its most often named town, else province, else country) with that place's
extent as its precision and ``evidence = "context"``: the caller vouches that it is a place, and the
document says where it mostly is.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from debrief.document import Document
from debrief.gazetteer import Gazetteer
from debrief.gazetteer.names import fold
from debrief.records import PlaceCandidate, PlaceMention, PlacePrecision
from debrief.stages.places import DocumentLookups, find_places
from debrief.stages.places_anchor import inner_name, stray_local_name, tied_place
from debrief.stages.places_resolve import (
    BROAD,
    close,
    country_focus,
    curated,
    famous_namesake,
    listed_among_areas,
    named_countries,
    precision,
    prefer_broad,
    score,
)
from debrief.stages.places_words import US_STATE_ABBREVIATIONS, area_hint_of

COUNTRY_WEIGHT = 1.0  # bonus for a candidate in the country of all the document's other places
ADMIN1_WEIGHT = 1.5  # … and in their admin1 area
AREA_BONUS = 1.0  # for an admin1 area called exactly by the name
ROUNDS = 2  # voting rounds
NEAR_WEIGHT = 0.5  # for a town near the towns the document's other names are, times n/(n+1)
LIST_OF_AREAS = 0.67  # share of admin1 areas among the other names that keeps "Washington" the state
AMBIGUOUS_VOTE = 0.5  # the vote of a name with a namesake in another country ("Colchester"): half
KIN_WEIGHT = 1.0  # for an admin1 area, times the share of the other names that are admin1 areas
_GENERIC = frozenset({"county", "parish", "township", "borough", "district", "province", "region", "state"})
_ARTICLES = ("the ", "The ")
_POSSESSIVES = ("'s", "’s", "s'", "s’")


def _name_variants(name: str) -> list[str]:
    """The name as given, without a leading article, without a possessive ending."""
    out = [name]
    for article in _ARTICLES:
        if name.startswith(article):
            out.append(name[len(article) :])
    for ending in _POSSESSIVES:
        if name.endswith(ending):
            out.append(name[: -len(ending)])
    return out


def _candidates(text: str, lookups: DocumentLookups) -> list[PlaceCandidate]:
    """Candidates for a given name: a demonym's country ("Turkish"), a US state's abbreviation
    ("W.Va."), else the places called by the name (or by the name without its article, possessive
    or generic last word: "Douglas County")."""
    text = text.strip()
    if " " not in text:
        cc = lookups.gazetteer.demonym(text)
        country = lookups.gazetteer.country(cc) if cc is not None else None
        if country is not None:
            return [country]
    region = lookups.gazetteer.region_demonym(text)
    if region is not None:
        own = fold(region)
        areas = [
            c
            for c in lookups.lookup(region)
            if c.match == 0 and (c.feature in BROAD or (c.feature == "A1" and fold(c.name) == own))
        ]
        if areas:
            return areas[:1]
    state = US_STATE_ABBREVIATIONS.get(text.replace(".", "").replace(" ", "").lower()) if "." in text else None
    if state is not None:
        areas = [c for c in lookups.lookup(state) if c.feature == "A1" and c.country == "US" and c.match == 0]
        if areas:
            return areas
    loose: list[PlaceCandidate] = []
    for variant in _name_variants(text):
        found = lookups.lookup(variant)
        if found and found[0].match <= 1:
            return found
        loose = loose or found
    words = text.split()
    if len(words) > 1 and words[-1].lower() in _GENERIC:
        found = lookups.lookup(" ".join(words[:-1]))
        if found and found[0].match <= 1:
            return found
    return loose


# (country, (country, admin1 code), is an admin1 area, (lat, lon) of a town or district, weight)
Vote = tuple[str | None, tuple[str, str] | None, bool, tuple[float, float] | None, float]


def _votes(mentions: Sequence[PlaceMention]) -> dict[str, Vote]:
    """Where each distinct name's best candidate lies (one vote per name, however often named; half a
    vote when the name has a namesake in another country, so that two ambiguous names do not carry
    each other abroad)."""
    out: dict[str, Vote] = {}
    for m in mentions:
        best = m.candidates[0]
        area = (
            (best.country, best.admin1_code) if best.country and best.admin1_code and best.feature != "PCLI" else None
        )
        point = (best.lat, best.lon) if best.feature.startswith("PPL") or best.feature == "A2" else None
        abroad = any(c.match == 0 and c.country != best.country for c in m.candidates[1:])
        out[fold(m.text)] = (best.country, area, best.feature == "A1", point, AMBIGUOUS_VOTE if abroad else 1.0)
    return out


def _rescore(m: PlaceMention, base: dict[int, float], votes: dict[str, Vote]) -> float:
    """Favour the candidates that lie where the document's other names lie, and admin1 areas called
    exactly by the name ("Virginia" the state, not the town). Returns the share of the other names
    that are admin1 areas."""
    own = fold(m.text)
    countries: dict[str, float] = defaultdict(float)
    areas: dict[tuple[str, str], float] = defaultdict(float)
    points: list[tuple[float, float]] = []
    others = states = 0
    for name, (cc, area, is_area, point, weight) in votes.items():
        if name == own:
            continue
        others += 1
        states += is_area
        if cc:
            countries[cc] += weight
        if area:
            areas[area] += weight
        if point is not None:
            points.append(point)
    kin = KIN_WEIGHT * states / (others + 1)
    for c in m.candidates:
        s = base[id(c)] + (AREA_BONUS + kin if c.feature == "A1" and c.match == 0 else 0.0)
        n_cc = countries.get(c.country or "", 0.0)
        n_a1 = areas.get((c.country or "", c.admin1_code), 0.0) if c.admin1_code else 0.0
        s += COUNTRY_WEIGHT * n_cc / (n_cc + 1) + ADMIN1_WEIGHT * n_a1 / (n_a1 + 1)
        if points and c.match == 0 and c.feature != "A1":
            n_near = _near(c, points)
            s += NEAR_WEIGHT * n_near / (n_near + 1)
        c.score = round(s, 3)
    m.candidates.sort(key=lambda c: -c.score)
    return states / others if others else 0.0


def _near(c: PlaceCandidate, points: Sequence[tuple[float, float]]) -> int:
    """How many of `points` lie within :data:`NEARBY_KM` of candidate c ("the Cincinnati suburb of
    West Chester": the West Chester by Cincinnati)."""
    return sum(1 for lat, lon in points if close(c.lat, c.lon, lat, lon))


def _given_mention(doc: Document, start: int, end: int, lookups: DocumentLookups) -> PlaceMention:
    text = doc.text[start:end]
    return PlaceMention(
        start=start,
        end=end,
        text=text,
        name_start=start,
        name_end=end,
        candidates=[replace(c) for c in _candidates(text, lookups)],  # its own: scores differ by mention
        evidence="pattern",
    )


def resolve_spans(
    doc: Document,
    gazetteer: Gazetteer,
    spans: Sequence[tuple[int, int]],
    recognised: list[PlaceMention] | None = None,
) -> list[PlaceMention]:
    """One mention per span of `spans` (character offsets into `doc.text`, in the given order), each
    resolved in the context of the whole document; ``resolved`` is None when no candidate is known.
    `doc` must be segmented (sentences and tokens set); `recognised` is what :func:`find_places`
    found in it (computed when not given)."""
    lookups = DocumentLookups(gazetteer)
    if recognised is None:
        recognised = find_places(doc, gazetteer)
    demonyms: Counter[str] = Counter()
    for t in doc.tokens:
        if t.text[:1].isupper():
            cc = lookups.demonym(t.text)
            if cc is not None:
                demonyms[cc] += 1
    given = [_given_mention(doc, start, end, lookups) for start, end in spans]
    ties = {(m.name_start, m.name_end): (m.country_hint, m.area_hint) for m in recognised if m.country_hint}
    asked = {(m.name_start, m.name_end): m.hint for m in recognised if m.hint in ("admin1", "town", "area")}
    for m in given:
        m.country_hint, m.area_hint = ties.get((m.start, m.end), (None, None))  # "Lebanon, Pennsylvania"
        # "the state of Washington", "Washington state"; "WASHINGTON (AP)", "the city of New York"
        m.hint = asked.get((m.start, m.end), m.hint)
        if m.hint == "name":  # "New York Governor Andrew M. Cuomo", though read as a run with the name
            m.hint = area_hint_of(doc.text, m.start, m.end) or "name"
    by_start = {m.start: m for m in given if m.candidates}
    for m in given:  # "Hampton Park in Charleston": a park the gazetteer lacks, not the one in Victoria
        if stray_local_name(doc.text, m, by_start):
            m.candidates = []
    fresh = given
    focus = country_focus([*recognised, *fresh], demonyms)
    areas = {
        (m.resolved.country, m.resolved.admin1_code)
        for m in recognised
        if m.resolved is not None and m.resolved.feature == "A1" and m.resolved.country and m.resolved.admin1_code
    }
    for m in fresh:
        if m.candidates:
            score(m, focus, areas)
    base = {id(c): c.score for m in given for c in m.candidates}
    located = [m for m in given if m.candidates]
    grouped = {(r.name_start, r.name_end): r for r in recognised if r.group is not None}
    listed = {id(m) for m in located if (r := grouped.get((m.start, m.end))) and listed_among_areas(r, recognised)}
    named = named_countries([*recognised, *fresh], demonyms)
    for _round in range(ROUNDS):
        votes = _votes(located)
        for m in located:
            states = _rescore(m, base, votes)
            prefer_broad(m, keep_area=states >= LIST_OF_AREAS or id(m) in listed, named=named)
            m.resolved = m.candidates[0]
    for m in located:
        famous_namesake(m, [c.resolved for c in located if c is not m and c.resolved is not None])
        assert m.resolved is not None
        m.precision = precision(m, m.resolved)
    guesses = [m for m in located if _far_guess(m, focus)]
    known = [*recognised, *(m for m in located if m not in guesses)]
    context = context_place(known)
    placed: dict[int, PlaceCandidate] = {}
    for m in sorted(known, key=lambda m: m.start - m.end):  # the longest name at an offset
        if m.resolved is not None:
            placed.setdefault(m.start, m.resolved)
            placed.setdefault(m.name_start, m.resolved)
    for m in given:
        if m.candidates and m not in guesses:
            continue
        anchor = tied_place(doc.text, m, placed) or inner_name(m.text, lookups.lookup, focus, FOCUS)
        if anchor is not None:
            _at_context(m, anchor, evidence="anchor")
        elif context is not None:
            _at_context(m, context)
    return given


def _far_guess(m: PlaceMention, focus: dict[str, float]) -> bool:
    """Resolved only by a spelling variant or a consonant skeleton ("Cauvery" ~ Tver) to a place of
    a country the document is not about, and not one of the project's or the user's own places: no
    better than not knowing the name."""
    r = m.resolved
    return r is not None and r.match >= 1 and focus.get(r.country or "", 0.0) < FOCUS and not curated(r)


FOCUS = 0.3  # share of the main country's focus that makes a country one the document is about
_CONTEXT_PRECISION: dict[str, PlacePrecision] = {"PCLI": "country", "A1": "admin1"}


def context_place(mentions: Sequence[PlaceMention]) -> PlaceCandidate | None:
    """The place a document is mostly about: the town the most of its places agree with (towns
    within :data:`NEARBY_KM`, the admin1 area holding it), then the most often named, then the
    first; else its most often named province, else its most often named country. A town named
    often but alone (a namesake resolved far from the rest: "Franklin", Tennessee, in a story of
    New Orleans streets) gives way to the cluster the other names form."""
    resolved = [m.resolved for m in mentions if m.resolved is not None and m.resolved.place_id is not None]
    for kinds in (("PPL",), ("A2", "A1"), ("PCLI",)):
        counts: Counter[int] = Counter()
        first: dict[int, PlaceCandidate] = {}
        for r in resolved:
            if r.feature.startswith(kinds) and r.place_id is not None:  # (narrowing for the type checker)
                counts[r.place_id] += 1
                first.setdefault(r.place_id, r)
        if counts:
            support = {pid: _support(first[pid], resolved) for pid in counts} if kinds == ("PPL",) else {}
            order = list(first)
            best = max(order, key=lambda pid: (support.get(pid, 0), counts[pid], -order.index(pid)))
            return first[best]
    return None


def _support(town: PlaceCandidate, resolved: Sequence[PlaceCandidate]) -> int:
    """How many resolved mentions agree with `town`: towns and districts near it, and mentions of
    the admin1 area holding it."""
    n = 0
    for r in resolved:
        if r.feature == "A1":
            n += r.country == town.country and r.admin1_code is not None and r.admin1_code == town.admin1_code
        elif r.feature.startswith("PPL") or r.feature == "A2":
            n += close(town.lat, town.lon, r.lat, r.lon)
    return n


def _at_context(m: PlaceMention, context: PlaceCandidate, evidence: str = "context") -> None:
    """A name the gazetteer lacks ("Royal Street", "Cloverhill District Court"), given as a place:
    placed at the place the text ties it to (``evidence = "anchor"``, :mod:`places_anchor`) or else
    at the document's context place (``"context"``), with that place's extent as its precision, so
    that a reader sees it was inferred."""
    m.resolved = replace(context)
    m.candidates = []
    m.evidence = evidence
    m.precision = _CONTEXT_PRECISION.get(context.feature, "admin2")
