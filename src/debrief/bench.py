"""Throughput and memory of the pipeline on real text (`debrief bench`).

One pipeline is built (``load_s``), run once untimed on the first document so that lazily loaded
resources are in place (``warmup_s``), then timed over every document (``pipeline_s``). Reading
the inputs is timed apart (``ingest_s``) and excluded from the rates. Each stage is timed on its
own by wrapping the pipeline's stages, so the pipeline's own ``__call__`` (publication-date
override, error wrapping) is what runs. A document a stage fails on is counted in ``errors``
with its message and the run goes on.
"""

from __future__ import annotations

import copy
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from debrief.document import Document
from debrief.errors import InputError, StageError
from debrief.options import BenchOptions
from debrief.pipeline import Pipeline, Registry, Stage
from debrief.records import BenchResult

_MB = 1024 * 1024


@dataclass
class _TimedStage:
    """A stage that adds the seconds it runs to ``seconds[name]``."""

    stage: Stage
    seconds: dict[str, float]
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.stage.name
        self.seconds.setdefault(self.name, 0.0)

    def __call__(self, doc: Document) -> Document:
        started = time.perf_counter()
        try:
            return self.stage(doc)
        finally:
            self.seconds[self.name] += time.perf_counter() - started


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


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    if sys.platform == "win32":
        import psutil

        return float(psutil.Process().memory_info().peak_wset) / _MB
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / _MB if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / _MB


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def run_bench(
    sources: list[str], options: BenchOptions | None = None, *, registry: Registry | None = None
) -> BenchResult:
    """Read `sources` with :func:`debrief.ingest.read_sources` and time one pipeline over them.

    `registry` replaces the default stage registry (to time another backend, or in tests).
    """
    from debrief.ingest import read_sources

    options = options or BenchOptions()
    result = BenchResult(sources=list(sources), base_rss_mb=round(current_rss_mb(), 1))

    started = time.perf_counter()
    pipeline = Pipeline(options.pipeline, registry)
    result.load_s = time.perf_counter() - started

    stage_seconds: dict[str, float] = {}
    if options.per_stage:
        pipeline.stages = [_TimedStage(stage, stage_seconds) for stage in pipeline.stages]

    reader = _TimedReader(read_sources(sources, options.ingest))
    warmed = False
    cpu = 0.0
    for item in reader:
        if isinstance(item, InputError):
            result.input_errors += 1
            result.error_messages.append(str(item))
            continue
        if not warmed:
            warmed = True
            result.warmup_s = _warm_up(pipeline, item, result)
            result.warmup_stage_s = dict(stage_seconds)
            stage_seconds.update(dict.fromkeys(stage_seconds, 0.0))

        words = len(item.text.split())
        chars = len(item.text)
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            done = pipeline(item)
        except StageError as exc:
            result.errors += 1
            result.error_messages.append(f"{item.info.source or item.id}: {exc}")
            done = None
        finally:
            result.pipeline_s += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
        result.docs += 1
        result.words += words
        result.chars += chars
        if done is not None:
            result.sentences += len(done.sentences)
        if options.limit is not None and result.docs >= options.limit:
            break

    result.ingest_s = reader.seconds
    result.cpu_s = cpu
    result.docs_per_s = _rate(result.docs, result.pipeline_s)
    result.sentences_per_s = _rate(result.sentences, result.pipeline_s)
    result.words_per_s = _rate(result.words, result.pipeline_s)
    result.stage_s = dict(stage_seconds)
    result.peak_rss_mb = round(peak_rss_mb(), 1)
    return result


def _warm_up(pipeline: Pipeline, doc: Document, result: BenchResult) -> float:
    """Run the pipeline once on a copy of `doc`; a failure is recorded and timed like a run."""
    started = time.perf_counter()
    try:
        pipeline(copy.deepcopy(doc))
    except StageError as exc:
        result.error_messages.append(f"warm-up, {doc.info.source or doc.id}: {exc}")
    return time.perf_counter() - started
