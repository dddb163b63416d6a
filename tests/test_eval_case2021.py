"""`debrief eval case2021-t2`: the scoring on hand-built labels, the main-event rule, the TSV reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debrief.cli import app
from debrief.document import Document
from debrief.evals import EvalDataError
from debrief.evals.case2021 import (
    FALLBACK_CODE,
    Prediction,
    Snippet,
    class_scores,
    confusions,
    fallback_type,
    load_snippets,
    main_event_type,
    score,
    subset_scores,
)
from debrief.records import Event
from debrief.stages.events import TriggerLexicon


def test_weighted_f1_weights_each_class_by_its_gold_support() -> None:
    gold = ["AIR_STRIKE", "AIR_STRIKE", "AIR_STRIKE", "ARREST"]
    pred = ["AIR_STRIKE", "AIR_STRIKE", "ARREST", "ARREST"]
    # AIR_STRIKE: P 1, R 2/3, F1 0.8 (support 3); ARREST: P 1/2, R 1, F1 2/3 (support 1)
    s = subset_scores(gold, pred, ("AIR_STRIKE", "ARREST"))
    assert s["weighted_f1"] == pytest.approx((0.8 * 3 + 2 / 3) / 4)
    assert s["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2)
    assert s["accuracy"] == pytest.approx(0.75)


def test_subset_keeps_only_snippets_with_its_gold_labels_and_counts_outside_predictions_as_errors() -> None:
    gold = ["AIR_STRIKE", "DIPLO", "ARREST"]
    pred = ["DIPLO", "DIPLO", "ARREST"]
    s = subset_scores(gold, pred, ("AIR_STRIKE", "ARREST"))
    assert s["n"] == 2
    assert s["accuracy"] == pytest.approx(0.5)
    assert s["weighted_f1"] == pytest.approx(0.5)  # AIR_STRIKE F1 0, ARREST F1 1


def test_class_scores_and_confusions() -> None:
    gold = ["A", "A", "B", "B", "B"]
    pred = ["A", "B", "A", "A", "B"]
    by_code = {c.code: c for c in class_scores(gold, pred, ["A", "B"])}
    assert by_code["A"].precision == pytest.approx(1 / 3)
    assert by_code["B"].recall == pytest.approx(1 / 3)
    assert confusions(gold, pred) == [("B", "A", 2), ("A", "B", 1)]


def test_main_event_is_the_most_confident_and_the_earliest_on_a_tie() -> None:
    doc = Document.from_text("x")
    assert main_event_type(doc) is None
    doc.events = [
        Event(id="e1", type="ARREST", confidence=0.6),
        Event(id="e2", type="AIR_STRIKE", confidence=0.85),
        Event(id="e3", type="ARMED_CLASH", confidence=0.85),
    ]
    assert main_event_type(doc) == "AIR_STRIKE"


def test_fallback_takes_the_strongest_trigger_even_when_negated() -> None:
    lexicon = TriggerLexicon.load()
    assert fallback_type(lexicon, "Officials said the airstrikes would not stop.") == Prediction(
        "AIR_STRIKE", "trigger"
    )
    assert fallback_type(lexicon, "Nothing to see here.") == Prediction(FALLBACK_CODE, "prior")


def test_json_payload_has_the_contract_keys() -> None:
    snippets = [Snippet("1", "t", "AIR_STRIKE"), Snippet("2", "t", "DIPLO")]
    result = score(snippets, [Prediction("AIR_STRIKE", "event"), Prediction("AIR_STRIKE", "prior")])
    p = result.payload
    assert p["suite"] == "case2021-t2" and p["n"] == 2
    assert set(p["weighted_f1"]) == set(p["macro_f1"]) == set(p["accuracy"]) == {"25", "28", "30"}
    assert p["weighted_f1"]["25"] == 1.0 and p["accuracy"]["30"] == 0.5
    assert any("DIPLO → AIR_STRIKE: 1" in line for line in result.lines)


def test_load_snippets_reads_the_tsv_and_rejects_other_columns(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text('id\tEventSnippet\tSubType\n7\tRebels "shelled" the town.\tART_MISS_ATTACK\n', encoding="utf-8")
    assert load_snippets(good) == [Snippet("7", 'Rebels "shelled" the town.', "ART_MISS_ATTACK")]
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(EvalDataError):
        load_snippets(bad)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "case2021-t2", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 2
    assert "case2021_task2_finegrained" in result.output


@pytest.mark.data
def test_eval_on_the_benchmark_prints_one_json_object() -> None:
    from conftest import data_path

    data = data_path("case2021_task2_finegrained")
    result = CliRunner().invoke(app, ["eval", "case2021-t2", "--data", str(data.parent), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["n"] == 1019
    assert 0.0 < payload["weighted_f1"]["25"] <= 1.0


def test_generic_rules_only_type_a_text_as_a_last_resort() -> None:
    lexicon = TriggerLexicon.load()
    text = "Two men were killed on the road."
    assert all(t.code == "*" for t in lexicon.find(text, 0, len(text)))  # never an event on their own
    assert fallback_type(lexicon, text) == Prediction("ATTACK", "generic")
