"""Every export format renders ledger rows and parses back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from debrief.errors import ExportError
from debrief.export import CSV_COLUMNS, FORMATS, TABLE_COLUMNS, Kind, render
from test_ledger import filled_ledger, rt_document, sohr_document

Rows = list[dict[str, Any]]


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[Kind, Rows]:
    path: Path = tmp_path_factory.mktemp("export") / "ledger.db"
    with filled_ledger(path) as ledger:
        return {"events": ledger.events(), "claims": ledger.claims()}


RT, SOHR = rt_document().id, sohr_document().id


def test_json_is_the_list_of_full_records(rows: dict[Kind, Rows]) -> None:
    for kind in ("events", "claims"):
        assert json.loads(render(rows[kind], kind, "json")) == rows[kind]


def test_csv_has_a_stable_header_and_flat_values(rows: dict[Kind, Rows]) -> None:
    events = list(csv.DictReader(io.StringIO(render(rows["events"], "events", "csv"))))
    assert list(events[0]) == [c.header for c in CSV_COLUMNS["events"]]
    assert len(events) == 5
    e1 = events[0]
    assert (e1["doc_id"], e1["id"], e1["type"]) == (RT, "e1", "AIR_STRIKE")
    assert (e1["date_start"], e1["date_end"], e1["admin1"], e1["country"]) == (
        "2015-11-11",
        "2015-11-12",
        "Homs",
        "SY",
    )
    assert (float(e1["lat"]), float(e1["lon"]), e1["geonames_id"]) == (34.73, 36.72, "169575")
    assert e1["actors"] == "Military Forces of Russia"
    assert e1["weapons"] == "Su-24M"
    assert e1["quantities"] == "34 command observation and operational posts"
    assert e1["claim"] == "c1"
    assert e1["claim_speaker"] == "Igor Konashenkov, spokesman, Russian Defense Ministry"
    assert e1["publisher"] == "RT" and e1["published"] == "2015-11-13"
    clash = events[3]
    assert (clash["fatalities_low"], clash["fatalities_best"], clash["fatalities_high"]) == ("5", "5", "12")
    assert events[2]["lat"] == "" and events[2]["claim"] == ""  # nulls are empty cells

    claims = list(csv.DictReader(io.StringIO(render(rows["claims"], "claims", "csv"))))
    assert list(claims[0]) == [c.header for c in CSV_COLUMNS["claims"]]
    c1 = claims[0]
    assert (c1["speaker_name"], c1["speaker_role"], c1["speaker_org"]) == (
        "Igor Konashenkov",
        "spokesman",
        "Russian Defense Ministry",
    )
    assert (c1["stance"], c1["quote"], c1["events"]) == ("assert", "indirect", "e1; e2")
    assert c1["content"].startswith("On November 11-12") and int(c1["content_start"]) == 0
    assert claims[3]["speaker_name"] == "ÖZTÜRK RESIDENTS"


def test_geojson_events_are_points_at_lon_lat(rows: dict[Kind, Rows]) -> None:
    collection = json.loads(render(rows["events"], "events", "geojson"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["type"] for f in features] == ["Feature"] * 5
    e1 = features[0]
    assert e1["id"] == f"{RT}:e1"
    assert e1["geometry"] == {"type": "Point", "coordinates": [36.72, 34.73]}
    assert e1["properties"] == rows["events"][0]
    assert features[2]["geometry"] is None  # Kweires airbase has no coordinates
    assert features[3]["geometry"]["coordinates"] == [36.63, 35.93]


def test_geojson_claims_use_their_events_coordinates(rows: dict[Kind, Rows]) -> None:
    features = json.loads(render(rows["claims"], "claims", "geojson"))["features"]
    by_id = {f["id"]: f for f in features}
    assert by_id[f"{RT}:c1"]["geometry"] == {
        "type": "MultiPoint",
        "coordinates": [[36.72, 34.73], [37.16, 36.2]],
    }
    assert by_id[f"{RT}:c2"]["geometry"] is None  # a denial with no event
    assert by_id[f"{SOHR}:c1"]["geometry"] == {"type": "Point", "coordinates": [36.63, 35.93]}
    assert by_id[f"{SOHR}:c1"]["properties"]["stance"] == "hedge"


def test_table_events(rows: dict[Kind, Rows]) -> None:
    lines = render(rows["events"], "events", "table").splitlines()
    assert lines[0].split() == [c.header for c in TABLE_COLUMNS["events"]]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == "5 events"
    e1 = lines[2]
    for cell in (
        f"{RT[:8]}:e1",
        "2015-11-11..2015-11-12",
        "AIR_STRIKE",
        "Homs, SY",
        "Su-24M",
        "Igor Konashenkov",
    ):
        assert cell in e1
    assert "34 command observation and operational posts" in e1
    assert "Kweires airbase, Aleppo, SY" in lines[4]
    assert "5 dead (5-12)" in lines[5]
    header_width = len(lines[1])
    assert all(len(line) <= header_width for line in lines[2:-1])  # fixed-width columns


def test_table_claims(rows: dict[Kind, Rows]) -> None:
    lines = render(rows["claims"], "claims", "table").splitlines()
    assert lines[0].split() == ["id", "speaker", "cue", "stance", "quote", "content"]
    assert "Igor Konashenkov, spokesman, Russian Defense Ministry" in lines[2]
    assert "deny" in lines[3] and "There have been no S-400s" in lines[3]
    assert "  the Syrian Observatory for Human Rights  " in lines[4]  # its organization not repeated
    column = lines[0].index("content")
    assert all(line[column:].startswith(("On Nov", "There", "At least", "the protest")) for line in lines[2:-1])
    assert lines[-1] == "4 claims"
    long = {**rows["claims"][0], "content": {"text": "word " * 40}}
    assert "word " * 13 + "word…" in render([long], "claims", "table")  # long cells are cut
    assert render(rows["claims"][:1], "claims", "table").splitlines()[-1] == "1 claim"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["events", "claims"])
def test_no_rows(kind: Kind, fmt: Any) -> None:
    out = render([], kind, fmt)
    if fmt == "json":
        assert json.loads(out) == []
    elif fmt == "geojson":
        assert json.loads(out) == {"type": "FeatureCollection", "features": []}
    elif fmt == "csv":
        assert next(csv.reader(io.StringIO(out))) == [c.header for c in CSV_COLUMNS[kind]]
    else:
        assert out.splitlines()[-1] == f"0 {kind}"


def test_unknown_format_or_kind() -> None:
    with pytest.raises(ExportError, match="unknown format 'parquet'"):
        render([], "events", "parquet")  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="unknown record kind"):
        render([], "incidents", "json")  # type: ignore[arg-type]
