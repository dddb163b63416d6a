"""Where the text puts a place name the gazetteer lacks.

A given name with no candidate ("Abu Shok", "Da Nang International Airport", "South Darfur") is
still somewhere the text says, more often than not:
- the words after it tie it to a known place: "Abu Shok refugee camp in Al-Fashir", "Cellardyke in
  Fife", "Pingilikani, Kenya", "the Gondra district of Uttar Pradesh" (:func:`tied_place`);
- it holds a known place's name: a direction or size before it ("South Darfur", "Greater Mumbai",
  "Western Kasai") or the noun of an installation after it ("Da Nang International Airport")
  (:func:`inner_name`).
Both give a place the document is about, which beats the document's context place
(:func:`~debrief.stages.places_given.context_place`) for the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from debrief.gazetteer.names import fold
from debrief.records import PlaceCandidate, PlaceMention
from debrief.stages.places_resolve import close
from debrief.stages.places_words import DIRECTION_ADJECTIVES, FEATURE_WORDS, SITE_NOUNS

# After the name: up to three lowercase words ("refugee camp", "district"), then a tie ("in", "of",
# "near", ",") and an optional "the", before the place it lies in.
_TIE = re.compile(r"(?:\s+[a-z][a-z'’-]*){0,3}?(?:\s*,\s*|\s+(?:in|of|near|outside|at)\s+)(?:the\s+)?")
_DIRECTIONS = DIRECTION_ADJECTIVES | {"mid", "south west", "south east", "north west", "north east"}
# Nouns of installations in or by a town, which the town names ("Da Nang International Airport");
# natural features are not where their namesake town is ("Kanawha River", "Santa Clara Valley").
_NOT_TAILS = {"park", "sea", "strait", "desert", "plain", "hill", "hills", "hilltop", "square", "street", "road"}
_TAILS = (SITE_NOUNS - FEATURE_WORDS - _NOT_TAILS - {"highway", "motorway"}) | {
    "international",
    "military",
    "district",
    "region",
}
BIG_TOWN = 100_000  # population of a town that a name holding its name may be placed at, in any country


_RIGHT_IN = re.compile(r"\s+in\s+(?:the\s+)?")
LOCAL_SIZE = 100_000  # people in the largest reading of a name that a town "X in Y" may lack from the gazetteer


def stray_local_name(text: str, m: PlaceMention, by_start: dict[int, PlaceMention]) -> bool:
    """m is "X in Y" ("Hampton Park in Charleston") and every reading of X is a small place far from
    every reading of Y: the X the text means is a local place the gazetteer lacks, not a namesake abroad
    that would carry the document there."""
    tie = _RIGHT_IN.match(text, m.end)
    area = by_start.get(tie.end()) if tie else None
    if area is None or area is m or not m.candidates or not area.candidates:
        return False
    if any(not c.feature.startswith(("PPL", "A2")) or c.population >= LOCAL_SIZE for c in m.candidates):
        return False
    return not any(_lies_in(c, a) for a in area.candidates if a.match == 0 for c in m.candidates)


def _lies_in(c: PlaceCandidate, area: PlaceCandidate) -> bool:
    """c lies in `area` (its country, its admin1 area) or near it (a town)."""
    if area.feature == "PCLI":
        return c.country == area.country
    if area.feature == "A1":
        return (c.country, c.admin1_code) == (area.country, area.admin1_code)
    return close(c.lat, c.lon, area.lat, area.lon) or (c.country, c.admin1_code) == (area.country, area.admin1_code)


def tied_place(text: str, m: PlaceMention, placed: dict[int, PlaceCandidate]) -> PlaceCandidate | None:
    """The resolved place (`placed`: by start offset) the words right after `m` tie it to."""
    tie = _TIE.match(text, m.end)
    return placed.get(tie.end()) if tie else None


def inner_name(
    name: str, lookup: Callable[[str], list[PlaceCandidate]], focus: dict[str, float], in_focus: float
) -> PlaceCandidate | None:
    """A known place whose name the unknown `name` holds after a direction ("South Darfur") or
    before site nouns ("Da Nang International Airport"): called by it exactly, and in a country the
    document is about (focus ≥ `in_focus`) or a town of :data:`BIG_TOWN` people."""
    words = name.replace("-", " ").split()
    for inner in _inner_names(words):
        own = fold(inner)
        for c in lookup(inner):
            if c.match != 0 or fold(c.name) != own:
                continue
            if focus.get(c.country or "", 0.0) >= in_focus or (
                c.feature.startswith("PPL") and c.population >= BIG_TOWN
            ):
                return c
    return None


def _inner_names(words: Sequence[str]) -> list[str]:
    """The names `words` may hold: without a leading direction ("South West England" → "England"),
    without trailing site nouns ("Da Nang International Airport" → "Da Nang")."""
    out: list[str] = []
    low = [w.lower() for w in words]
    for k in (2, 1):
        if len(words) > k and " ".join(low[:k]) in _DIRECTIONS:
            out.append(" ".join(words[k:]))
            break
    end = len(words)
    while end > 1 and low[end - 1] in _TAILS:
        end -= 1
    if end < len(words):
        out.append(" ".join(words[:end]))
    return out
