"""Documents through the pipeline in this process and in worker processes (`debrief.workers`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debrief.bench import run_bench
from debrief.cli import app
from debrief.document import Document
from debrief.errors import InputError
from debrief.ledger import Ledger, load
from debrief.options import BenchOptions, PipelineOptions
from debrief.pipeline import Context, default_registry
from debrief.workers import InlineRunner, Ran, RunOptions, WorkerError, WorkerPool
from fakes import MARKER, FailOnMarker

SEGMENT_ONLY = PipelineOptions(stages=("segment",))
TEXTS = [
    "Artillery shells hit the village of Anadan on Monday. Two people were killed.",
    "Warplanes struck a market in Ariha. The monitor said 23 died. Rescuers searched the rubble.",
    "The ministry denied the report.",
    "Gunmen attacked a checkpoint near Homs. Four soldiers were wounded. The army sent reinforcements. "
    "A curfew was declared.",
    "Protesters gathered in Idlib on Friday. Police dispersed them with tear gas.",
]


@dataclass
class DieOnMarker:
    """A test stage whose process dies (no exception, no goodbye) on the documents containing MARKER."""

    context: Context
    name: str = "die_on_marker"

    def __call__(self, doc: Document) -> Document:
        if MARKER in doc.text:
            os._exit(3)
        return doc


def documents() -> list[Document]:
    return [Document.from_text(text, source=f"doc{i}.txt") for i, text in enumerate(TEXTS)]


def test_inline_runner_keeps_order_and_passes_other_items_through() -> None:
    error = InputError("missing.txt", "no such file")
    docs = documents()
    out = list(InlineRunner(RunOptions(SEGMENT_ONLY)).imap([docs[0], error, docs[1], "marker", docs[2]]))
    assert out[1] is error and out[3] == "marker"
    ran = [out[0], out[2], out[4]]
    assert all(isinstance(r, Ran) for r in ran)
    assert [r.source for r in ran] == ["doc0.txt", "doc1.txt", "doc2.txt"]
    assert [len(r.doc.sentences) for r in ran] == [2, 3, 1]


def test_inline_runner_builds_nothing_for_items_that_pass_through() -> None:
    def make_pipeline() -> None:
        raise AssertionError("pipeline built for nothing")

    runner = InlineRunner(make_pipeline=make_pipeline)  # type: ignore[arg-type]
    assert list(runner.imap(["a", "b"])) == ["a", "b"]


def test_pool_returns_documents_in_input_order_with_stage_failures() -> None:
    registry = default_registry()
    registry.register("fail", "test", FailOnMarker)
    options = RunOptions(PipelineOptions(stages=("segment", "fail")), workers=2, per_stage=True)
    docs = documents() * 3  # more documents than the pool keeps in flight
    with WorkerPool(options, registry) as pool:
        out = list(pool.imap([*docs[:4], "between", *docs[4:]]))
    assert out[4] == "between"
    ran = [r for r in out if isinstance(r, Ran)]
    assert [r.source for r in ran] == [d.info.source for d in docs]
    failed = [r for r in ran if r.doc is None]
    assert len(failed) == 3 and all(MARKER in TEXTS[1] and r.source == "doc1.txt" for r in failed)
    assert all("fail_on_marker" in (r.problem or "") and "marker found" in (r.problem or "") for r in failed)
    kept = [r.doc for r in ran if r.doc is not None]
    assert [len(doc.sentences) for doc in kept[:4]] == [2, 1, 4, 2]
    assert all(set(r.stage_s) == {"segment", "fail_on_marker"} for r in ran)
    assert pool.peak_rss_mb() > 0  # known once the workers said goodbye


def test_pool_matches_this_process_on_the_full_pipeline() -> None:
    options = RunOptions(PipelineOptions(), workers=2)
    inline = [r.doc.to_report() for r in InlineRunner(options).imap(documents()) if r.doc]
    with WorkerPool(options) as pool:
        pooled = [r.doc.to_report() for r in pool.imap(documents()) if r.doc]
    assert len(pooled) == len(TEXTS)
    assert [[(e.type, e.location and e.location.name) for e in r.events] for r in pooled] == [
        [(e.type, e.location and e.location.name) for e in r.events] for r in inline
    ]
    assert any(r.events for r in pooled)
    assert [[c.speaker.text if c.speaker else None for c in r.claims] for r in pooled] == [
        [c.speaker.text if c.speaker else None for c in r.claims] for r in inline
    ]


def test_a_worker_that_cannot_build_its_pipeline_stops_the_run() -> None:
    options = RunOptions(PipelineOptions(stages=("segment", "no_such_stage")), workers=2)
    with pytest.raises(WorkerError, match="no_such_stage"), WorkerPool(options) as pool:
        pool.start()


def test_a_worker_that_dies_stops_the_run() -> None:
    registry = default_registry()
    registry.register("die", "test", DieOnMarker)
    options = RunOptions(PipelineOptions(stages=("segment", "die")), workers=2)
    with pytest.raises(WorkerError, match="exited with code 3"), WorkerPool(options, registry) as pool:
        list(pool.imap(documents()))


def test_workers_must_be_positive() -> None:
    with pytest.raises(ValueError, match="workers"):
        RunOptions(workers=0)
    with pytest.raises(ValueError, match="workers"):
        BenchOptions(workers=0)


def test_bench_counts_the_same_with_two_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"d{i}.txt").write_text(text + "\n", encoding="utf-8")
    one = run_bench([str(corpus)], BenchOptions(pipeline=SEGMENT_ONLY))
    two = run_bench([str(corpus), str(tmp_path / "missing.txt")], BenchOptions(pipeline=SEGMENT_ONLY, workers=2))
    assert (two.workers, two.docs, two.sentences, two.words) == (2, one.docs, one.sentences, one.words)
    assert two.input_errors == 1 and any("missing.txt" in m for m in two.error_messages)
    assert list(two.stage_s) == ["segment"]
    assert two.peak_rss_mb > two.base_rss_mb
    limited = run_bench([str(corpus)], BenchOptions(pipeline=SEGMENT_ONLY, workers=2, limit=2))
    assert limited.docs == 2


def test_load_through_a_pool_keeps_input_order_and_skips_known_documents(tmp_path: Path) -> None:
    docs = documents()
    items: list[Document | InputError] = [docs[0], InputError("missing.txt", "no such file"), *docs[1:]]
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.add(docs[2].to_report(), docs[2].text)
        with WorkerPool(RunOptions(SEGMENT_ONLY, workers=2)) as pool:
            outcomes = list(load(ledger, items, runner=pool))
        assert [(o.source, o.status) for o in outcomes] == [
            ("doc0.txt", "inserted"),
            ("missing.txt", "failed"),
            ("doc1.txt", "inserted"),
            ("doc2.txt", "exists"),
            ("doc3.txt", "inserted"),
            ("doc4.txt", "inserted"),
        ]
        assert ledger.stats().documents == len(TEXTS)


def test_cli_ingest_with_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS[:3]):
        (corpus / f"d{i}.txt").write_text(text + "\n", encoding="utf-8")
    db = tmp_path / "l.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "ingested 3, already present 0, failed 0" in result.output
    again = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2"])
    assert "ingested 0, already present 3, failed 0" in again.output


def test_a_worker_that_runs_ahead_while_others_start_is_not_an_error() -> None:
    import queue

    pool = WorkerPool(RunOptions(SEGMENT_ONLY, workers=2))
    pool._procs = [object(), object()]  # type: ignore[list-item]  # stand-ins: only counted here
    pool._results = queue.Queue()
    for message in (("built", 0, None), ("warm", 0, "w0"), ("built", 1, None), ("warm", 1, "w1")):
        pool._results.put(message)
    assert sorted(wid for wid, _ in pool._await("built")) == [0, 1]
    assert sorted(payload for _, payload in pool._await("warm")) == ["w0", "w1"]
    pool._procs = []  # nothing to stop
