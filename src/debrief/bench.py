"""Throughput and memory of the pipeline on real text (`debrief bench`).

The pipeline is built (``load_s``), run once untimed on the first document so that lazily loaded
resources are in place (``warmup_s``), then timed over every document (``pipeline_s``). With one
worker this happens in this process: ``pipeline_s`` sums the time of each document, and reading the
inputs is timed apart (``ingest_s``) and excluded from the rates. With more, each worker process
builds its own pipeline and warms it on the first document (``load_s`` and ``warmup_s`` are then
wall times until every worker is ready), and ``pipeline_s`` is the wall time of the timed pass, the
reading of the inputs (which overlaps the workers) included. Each stage is timed on its own by
wrapping the pipeline's stages, so the pipeline's own ``__call__`` (publication-date override, error
wrapping) is what runs; with several workers the stage times are summed over them. A document a
stage fails on is counted in ``errors`` with its message and the run goes on.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from debrief.document import Document
from debrief.errors import InputError
from debrief.options import BenchOptions
from debrief.pipeline import Registry
from debrief.records import BenchResult
from debrief.workers import Ran, RunOptions, make_runner, peak_rss_mb, stage_totals

_MB = 1024 * 1024


@dataclass
class _TimedReader:
    """Iterates over `items`, adding the time spent producing each one to `seconds`."""

    items: Iterable[Document | InputError]
    seconds: float = 0.0

    def __iter__(self) -> Iterator[Document | InputError]:
        it = iter(self.items)
        while True:
            started = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - started
            yield item


def current_rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / _MB


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def run_bench(
    sources: list[str], options: BenchOptions | None = None, *, registry: Registry | None = None
) -> BenchResult:
    """Read `sources` with :func:`debrief.ingest.read_sources` and time the pipeline over them, in
    this process or in `options.workers` worker processes.

    `registry` replaces the default stage registry (to time another backend, or in tests); with
    several workers it is sent to each of them, so its factories must be importable functions.
    """
    from debrief.ingest import read_sources

    options = options or BenchOptions()
    result = BenchResult(sources=list(sources), base_rss_mb=round(current_rss_mb(), 1), workers=options.workers)
    run_options = RunOptions(options.pipeline, options.workers, options.per_stage)
    reader = _TimedReader(read_sources(sources, options.ingest))
    items = iter(reader)
    first = _first_document(items, result)
    with make_runner(run_options, registry) as runner:
        warm = runner.start(first)
        result.load_s, result.warmup_s = runner.load_s, runner.warmup_s
        if warm is not None:
            result.warmup_stage_s = dict(warm.stage_s)
            if warm.problem:
                result.error_messages.append(f"warm-up, {warm.source}: {warm.problem}")
        stages: list[dict[str, float]] = []
        started = time.perf_counter()
        for ran in runner.imap(_documents(first, items, result, options.limit)):
            assert isinstance(ran, Ran)
            _count(result, ran)
            stages.append(ran.stage_s)
        if options.workers > 1:
            result.pipeline_s = time.perf_counter() - started
    result.ingest_s = reader.seconds
    result.docs_per_s = _rate(result.docs, result.pipeline_s)
    result.sentences_per_s = _rate(result.sentences, result.pipeline_s)
    result.words_per_s = _rate(result.words, result.pipeline_s)
    result.stage_s = stage_totals(stages) if options.per_stage else {}
    result.peak_rss_mb = round(peak_rss_mb() + runner.peak_rss_mb(), 1)
    return result


def _first_document(items: Iterator[Document | InputError], result: BenchResult) -> Document | None:
    """The first readable document; the unreadable inputs before it are counted."""
    for item in items:
        if isinstance(item, Document):
            return item
        _unreadable(result, item)
    return None


def _documents(
    first: Document | None, items: Iterator[Document | InputError], result: BenchResult, limit: int | None
) -> Iterable[Document]:
    """`first`, then the readable documents of `items`, up to `limit` in all; unreadable inputs are counted."""
    if first is None:
        return
    taken = 0
    for item in itertools.chain([first], items):
        if limit is not None and taken >= limit:
            return
        if isinstance(item, InputError):
            _unreadable(result, item)
            continue
        result.words += len(item.text.split())
        result.chars += len(item.text)
        yield item
        taken += 1


def _unreadable(result: BenchResult, error: InputError) -> None:
    result.input_errors += 1
    result.error_messages.append(str(error))


def _count(result: BenchResult, ran: Ran) -> None:
    result.docs += 1
    result.cpu_s += ran.cpu_s
    if result.workers == 1:
        result.pipeline_s += ran.seconds
    if ran.doc is None:
        result.errors += 1
        result.error_messages.append(f"{ran.source}: {ran.problem}")
        return
    result.sentences += len(ran.doc.sentences)
