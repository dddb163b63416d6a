"""`debrief bench` on a tiny corpus: the counts and the JSON shape (never the timings)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debrief.bench import run_bench
from debrief.cli import app
from debrief.options import BenchOptions, PipelineOptions
from debrief.pipeline import Pipeline, default_registry
from fakes import MARKER, FailOnMarker

# Each document is a list of sentences; the bench must count exactly these.
CORPUS: dict[str, list[str]] = {
    "a_shelling.txt": [
        "Artillery shells hit the village of Anadan on Monday.",
        "Two people were killed, local officials said.",
    ],
    "b_strike.txt": [
        "Warplanes struck a market in Ariha in Idlib province.",
        "The monitor said at least 23 people died.",
        "Rescuers searched the rubble through the night.",
    ],
    "c_denial.txt": [
        "The ministry denied the report.",
        "It called the account fabricated.",
        "A spokesman said no aircraft flew over the town.",
        "The monitor stood by its figures.",
    ],
}

SEGMENT_ONLY = PipelineOptions(stages=("segment",))


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, sentences in CORPUS.items():
        (folder / name).write_text(" ".join(sentences) + "\n", encoding="utf-8")
    return folder


def total_words() -> int:
    return sum(len(" ".join(sentences).split()) for sentences in CORPUS.values())


def total_sentences() -> int:
    return sum(len(sentences) for sentences in CORPUS.values())


def test_counts_documents_sentences_and_words(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    result = run_bench([str(corpus)], BenchOptions(pipeline=SEGMENT_ONLY))
    assert result.docs == len(CORPUS)
    assert result.sentences == total_sentences()
    assert result.words == total_words()
    assert result.errors == 0
    assert result.input_errors == 0
    assert result.error_messages == []
    assert list(result.stage_s) == ["segment"]
    assert result.peak_rss_mb > 0


def test_times_every_stage_of_the_default_pipeline(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    result = run_bench([str(corpus)], BenchOptions())
    assert result.docs == len(CORPUS)
    assert result.errors == 0, result.error_messages
    assert list(result.stage_s) == [stage.name for stage in Pipeline().stages]
    assert all(seconds >= 0 for seconds in result.stage_s.values())


def test_no_per_stage_timing_when_disabled(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    result = run_bench([str(corpus)], BenchOptions(pipeline=SEGMENT_ONLY, per_stage=False))
    assert result.stage_s == {}
    assert result.sentences == total_sentences()


def test_limit_stops_after_n_documents(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    result = run_bench([str(corpus)], BenchOptions(limit=2, pipeline=SEGMENT_ONLY))
    assert result.docs == 2


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="limit"):
        BenchOptions(limit=0)


def test_stage_failures_are_counted_not_fatal(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    registry = default_registry()
    registry.register("fail", "test", FailOnMarker)
    options = BenchOptions(pipeline=PipelineOptions(stages=("segment", "fail")))
    result = run_bench([str(corpus)], options, registry=registry)
    failing = [s for s in CORPUS.values() if MARKER in " ".join(s)]
    assert len(failing) == 1
    assert result.docs == len(CORPUS)
    assert result.errors == 1
    assert result.sentences == total_sentences() - len(failing[0])
    assert any("fail_on_marker" in message and "marker found" in message for message in result.error_messages)


def test_unreadable_inputs_are_counted_not_fatal(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    missing = tmp_path / "no_such_file.txt"
    result = run_bench([str(corpus), str(missing)], BenchOptions(pipeline=SEGMENT_ONLY))
    assert result.docs == len(CORPUS)
    assert result.input_errors == 1
    assert any("no_such_file.txt" in message for message in result.error_messages)


def test_cli_json_prints_one_object_with_the_contract_keys(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    run = CliRunner().invoke(app, ["bench", "--corpus", str(corpus), "--json"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)  # fails unless stdout is exactly one JSON document
    assert isinstance(data, dict)
    assert {"docs", "sentences", "docs_per_s", "sentences_per_s", "peak_rss_mb"} <= set(data)
    assert data["docs"] == len(CORPUS)
    assert data["sentences"] == total_sentences()


def test_cli_repeated_corpus_and_limit(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "one")
    second = write_corpus(tmp_path / "two")
    (second / "d_extra.txt").write_text("One more report arrived on Tuesday.\n", encoding="utf-8")
    run = CliRunner().invoke(
        app, ["bench", "--corpus", str(first), "--corpus", str(second), "--json", "--no-per-stage"]
    )
    assert run.exit_code == 0, run.output
    assert json.loads(run.stdout)["docs"] == 2 * len(CORPUS) + 1
    run = CliRunner().invoke(app, ["bench", "--corpus", str(first), "--corpus", str(second), "--limit", "4"])
    assert run.exit_code == 0, run.output
    documents = [line.split() for line in run.stdout.splitlines() if line.startswith("documents")]
    assert documents, run.stdout
    assert documents[0][1] == "4"


def test_cli_fails_when_no_document_is_read(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    run = CliRunner().invoke(app, ["bench", "--corpus", str(empty), "--json"])
    assert run.exit_code == 1
    assert json.loads(run.stdout)["docs"] == 0


def test_cli_default_corpus_comes_from_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data" / "guardian_sdf_sample"
    folder.mkdir(parents=True)
    rows = [" ".join(sentences) for sentences in CORPUS.values()]
    with (folder / "Guardian_SDF_sample.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["", "date", "text", "source"])
        writer.writerows([index, "2016-02-09", text, "Guardian"] for index, text in enumerate(rows))
    monkeypatch.setenv("DEBRIEF_DATA", str(tmp_path / "data"))
    run = CliRunner().invoke(app, ["bench", "--json", "--no-per-stage"])
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert data["docs"] == len(CORPUS)
    assert data["sentences"] == total_sentences()


def test_cli_without_corpus_or_data_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBRIEF_DATA", str(tmp_path / "nowhere"))
    run = CliRunner().invoke(app, ["bench", "--json"])
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "no --corpus given" in run.stderr
