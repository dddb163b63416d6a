"""The geoparsing and event-location suites: corpus readers, span matching and scores, on inputs
written by hand; and a small slice of the real corpora when ../shared/data is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import data_path
from debrief.evals import EvalDataError
from debrief.evals.event_location import gold_tokens, load, location_spans, run_records
from debrief.evals.geo_corpora import GoldArticle, GoldToponym, read_geovirus, read_gwn, read_lgl_style
from debrief.evals.geoparse import evaluate, km, overlap_hits, prf, run_corpus, toponym_span
from debrief.options import GazetteerOptions
from debrief.records import PlaceMention


@pytest.fixture(scope="session")
def gazetteer_options(tmp_path_factory: pytest.TempPathFactory) -> GazetteerOptions:
    # the same cache folder as tests/test_gazetteer.py: the index is built once per session
    return GazetteerOptions(cache_dir=tmp_path_factory.getbasetemp() / "gazetteer-cache")


# ---------------------------------------------------------------------------- scoring helpers


def test_prf_and_empty_sets() -> None:
    assert prf(2, 4, 8) == {"p": 0.5, "r": 0.25, "f1": 0.3333}
    assert prf(0, 0, 0) == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_overlap_matches_each_gold_span_once() -> None:
    gold = [(0, 10), (20, 30)]
    assert overlap_hits([(2, 5), (3, 8), (25, 40)], gold) == 2
    assert overlap_hits([(10, 20)], gold) == 0  # touching is not overlapping


def test_km_is_great_circle_distance() -> None:
    assert km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert km(33.5, 36.3, 33.5, 36.3) == 0


def test_toponym_span_keeps_capitalised_generic_words_only() -> None:
    text = "in Walker County and in Homs province"
    county = PlaceMention(3, 16, "Walker County", name_start=3, name_end=9)
    province = PlaceMention(24, 37, "Homs province", name_start=24, name_end=28)
    assert toponym_span(text, county) == (3, 16)
    assert toponym_span(text, province) == (24, 28)


# ---------------------------------------------------------------------------- corpus readers

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[Fire in Alexandria. Police in Rapides Parish said.]]></text>
<toponyms>
 <toponym><start>8</start><end>18</end><phrase>Alexandria</phrase>
  <gaztag geonameid="4314550"><name>Alexandria</name><fcode>PPL</fcode><lat>31.3113</lat><lon>-92.4451</lon>
  <country geonameid="6252001">United States</country><admin1 geonameid="4331987">Louisiana</admin1></gaztag>
 </toponym>
 <toponym><start>31</start><end>45</end><phrase>Rapides Parish</phrase></toponym>
</toponyms></article></articles>"""

GEOVIRUS = """<articles><article><source>x</source><text>Hogs culled in Pandi, Bulacan.</text>
<locations><location><name>Pandi</name><start>16</start><end>21</end><lat>14.87</lat><lon>120.95</lon></location>
</locations></article></articles>"""

GWN = """<?xml version="1.0" ?><articles><article file="0"><title>t</title><text>Paris said the city of Lyon.</text>
<toponyms>
 <toponym><extractedName>Lyon</extractedName><type>Literal</type><start>23</start><end>27</end>
  <latitude>45.75</latitude><longitude>4.85</longitude></toponym>
 <toponym><extractedName>city</extractedName><type>Literal_Expression</type><start>15</start><end>19</end></toponym>
 <toponym><extractedName>Paris</extractedName><type>Metonymic</type><start>0</start><end>5</end></toponym>
</toponyms></article></articles>"""


def test_lgl_reader_keeps_coordinates_admin1_and_unresolved_toponyms(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    path.write_text(LGL, encoding="utf-8")
    (article,) = read_lgl_style(path)
    first, second = article.toponyms
    assert (first.text, first.admin1, first.feature) == ("Alexandria", "Louisiana", "PPL")
    assert first.lat == pytest.approx(31.3113)
    assert second.text == "Rapides Parish" and second.lat is None


def test_geovirus_offsets_are_moved_onto_the_name(tmp_path: Path) -> None:
    path = tmp_path / "geovirus.xml"
    path.write_text(GEOVIRUS, encoding="utf-8")
    (article,) = read_geovirus(path)
    (pandi,) = article.toponyms
    assert pandi.text == "Pandi" and article.text[pandi.start : pandi.end] == "Pandi"


def test_lgl_style_offsets_drifting_by_ten_are_moved_onto_the_phrase(tmp_path: Path) -> None:
    # TR-News: some articles' offsets drift by up to ten characters; the nearest occurrence wins
    text = "Roads closed in Etobicoke and Etobicoke North, the city said."
    xml = (
        f"<articles><article><text>{text}</text><toponyms>"
        "<toponym><start>40</start><end>49</end><phrase>Etobicoke</phrase></toponym>"
        "</toponyms></article></articles>"
    )
    path = tmp_path / "trnews.xml"
    path.write_text(xml, encoding="utf-8")
    (article,) = read_lgl_style(path)
    (top,) = article.toponyms
    assert (top.start, top.text) == (30, "Etobicoke")


def test_gwn_reader_drops_expressions_and_keeps_toponym_types(tmp_path: Path) -> None:
    path = tmp_path / "gwn.xml"
    path.write_text(GWN, encoding="utf-8")
    (article,) = read_gwn(path)
    assert [(t.text, t.kind) for t in article.toponyms] == [("Paris", "Metonymic"), ("Lyon", "Literal")]


def test_malformed_corpus_raises_eval_data_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(EvalDataError):
        read_lgl_style(path)


# ---------------------------------------------------------------------------- scores on a hand-made article


def test_evaluate_scores_recognition_and_resolution(gazetteer_options: GazetteerOptions) -> None:
    text = "Shelling hit Aleppo on Monday. Residents fled to Idlib and Turkish border towns."
    toponyms = [
        GoldToponym(13, 19, "Aleppo", lat=36.20, lon=37.16),
        GoldToponym(49, 54, "Idlib", lat=35.93, lon=36.63),
        GoldToponym(59, 66, "Turkish", lat=39.0, lon=35.0),  # a demonym the corpus annotates
    ]
    result = evaluate("hand", [GoldArticle(text, toponyms)], gazetteer=gazetteer_options)
    payload = result.payload
    assert payload["suite"] == "hand" and payload["n"] == 1
    rec = payload["recognition"]
    assert rec["p"] == 1.0 and rec["r"] == 1.0  # the toponym layer reads the demonym too
    places = payload["recognition_places"]  # the places stage alone reads no demonym
    assert places["p"] == 1.0 and places["r"] == pytest.approx(2 / 3, abs=1e-3)
    res = payload["resolution"]
    assert res["n"] == 3 and res["acc161"] == 1.0  # "Turkish", given as a span, resolves to Turkey
    assert set(res) >= {"acc161", "admin1", "median_km", "mean_km"}
    assert any("acc@161" in line for line in result.lines)


def test_event_location_gold_comes_from_token_ids_not_character_offsets() -> None:
    text = "Sassi was captured in Afghanistan and held in Kandahar."
    words = ["Sassi", "was", "captured", "in", "Afghanistan", "and", "held", "in", "Kandahar", "."]
    tokens = [{"text": w, "start": text.index(w), "end": text.index(w) + len(w), "id": i} for i, w in enumerate(words)]
    record = {
        "text": text,
        "tokens": tokens,
        "spans": [
            {"label": "VERB", "start": 10, "end": 18, "token_start": 2, "token_end": 2},
            # the corpus often carries wrong character offsets (here empty) beside the right token ids
            {"label": "LOCATION", "start": 10, "end": 10, "token_start": 4, "token_end": 4},
            {"label": "LOCATION", "start": 3, "end": 5, "token_start": 8, "token_end": 8},
            {"label": "LOCATION", "start": 0, "end": 5, "token_start": 12, "token_end": 12},  # past the end
        ],
    }
    assert gold_tokens(record) == {4, 8}
    assert [text[a:b] for a, b in location_spans(record)] == ["Afghanistan", "Kandahar"]


def test_event_location_scores_hand_records(gazetteer_options: GazetteerOptions) -> None:
    text = "Warplanes struck Maarat al-Numan in Idlib province on Monday."
    tokens = [
        {"text": w, "start": text.index(w), "end": text.index(w) + len(w), "id": i}
        for i, w in enumerate(
            ["Warplanes", "struck", "Maarat", "al-Numan", "in", "Idlib", "province", "on", "Monday", "."]
        )
    ]
    record = {
        "text": text,
        "tokens": tokens,
        "source": "RELABEL",
        "spans": [
            {"label": "VERB", "start": 10, "end": 16, "token_start": 1, "token_end": 1},
            {"label": "LOCATION", "start": 17, "end": 32, "token_start": 2, "token_end": 3},
        ],
    }
    payload = run_records([record], gazetteer=gazetteer_options).payload
    assert payload["n"] == 1 and set(payload) >= {"p", "r", "f1"}
    assert run_records([record], test=False, gazetteer=gazetteer_options).payload["n"] == 0


# ---------------------------------------------------------------------------- the real corpora (small slices)


@pytest.mark.parametrize("suite", ["gwn", "lgl", "trnews", "geovirus"])
def test_real_corpus_slice_runs(suite: str, gazetteer_options: GazetteerOptions) -> None:
    data = data_path("gritta_geoparsing")
    payload = run_corpus(suite, data.parent, limit=5, gazetteer=gazetteer_options).payload
    assert payload["n"] == 5
    assert 0.0 <= payload["recognition"]["f1"] <= 1.0
    assert payload["resolution"]["n"] > 0 and 0.0 <= payload["resolution"]["acc161"] <= 1.0


def test_event_location_corpus_loads_and_holds_the_test_records() -> None:
    data = data_path("halterman_event_location")
    records = load(data.parent)
    assert sum(r.get("source") == "RELABEL" for r in records) == 496


def test_event_location_spans_read_the_annotated_names() -> None:
    records = load(data_path("halterman_event_location").parent)
    pairs = [
        (r["text"][a:b], s["text"])
        for r in records
        for s, (a, b) in zip(
            [s for s in r.get("spans", []) if s.get("label") == "LOCATION" and s["token_end"] < len(r["tokens"])],
            location_spans(r),
            strict=True,
        )
        if s.get("text")
    ]
    assert len(pairs) > 3000
    assert sum(got == want for got, want in pairs) / len(pairs) > 0.99
