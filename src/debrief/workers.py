"""Documents through the pipeline in this process or in worker processes, one pipeline per process.

Both runners take a stream of items and give back, in input order, a :class:`Ran` for each
:class:`Document` and every other item unchanged (an unreadable input, a marker the caller set), so
that a caller reports outcomes in the order of its inputs whichever runner it uses.

- :class:`InlineRunner` builds its pipeline on the first document that needs it (none at all when
  every item passes through) and runs documents one after another; the encoder's matrix products use
  every core through BLAS threads.
- :class:`WorkerPool` starts ``workers`` processes (``spawn``: nothing is shared but what is sent),
  each of which builds one pipeline and runs documents until told to stop; each process gets
  ``cores // workers`` BLAS threads unless ``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS`` is set.
  A document a stage fails on comes back as a :class:`Ran` with the problem; a worker that cannot
  build its pipeline, or that dies, stops the run with a :class:`WorkerError`.
"""

from __future__ import annotations

import copy
import multiprocessing as mp
import os
import queue
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any

from debrief.document import Document
from debrief.errors import DebriefError, StageError
from debrief.options import PipelineOptions
from debrief.pipeline import Pipeline, Registry, Stage

_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_POLL_S = 0.5  # how often a waiting parent checks that its workers are alive
_STOP_WAIT_S = 10.0
_MB = 1024 * 1024
_START_MESSAGES = ("built", "warm")  # how long a stopping worker may take to finish its last document


class WorkerError(DebriefError):
    """A worker process could not build its pipeline, failed outside a stage, or died."""


@dataclass(frozen=True)
class Ran:
    """One document after the pipeline: the processed document, or the stage's problem."""

    source: str  # the file, URL or row the document came from (its id when unknown)
    doc_id: str
    doc: Document | None
    problem: str | None = None  # the StageError's message when a stage failed
    seconds: float = 0.0  # wall time of the pipeline on this document
    cpu_s: float = 0.0  # CPU time of the process that ran it (all its threads)
    stage_s: dict[str, float] = field(default_factory=dict)  # per stage, when timed


@dataclass(frozen=True)
class RunOptions:
    """How documents are run: which pipeline, in how many processes, with per-stage timing or not."""

    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    workers: int = 1  # 1: in this process; more: that many worker processes
    per_stage: bool = False  # time each stage (Ran.stage_s)

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1, not {self.workers}")


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def source_of(doc: Document) -> str:
    return doc.info.source or doc.id[:12]


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


Process = Callable[[Document], Document]


class _Runner:
    """One pipeline (any callable from document to document) and the timing of each document it runs;
    `stage_seconds` is what the pipeline's timed stages add to, if it has any."""

    def __init__(self, pipeline: Process, stage_seconds: dict[str, float] | None = None) -> None:
        self.pipeline = pipeline
        self.stage_seconds = stage_seconds if stage_seconds is not None else {}

    @classmethod
    def build(cls, options: RunOptions, registry: Registry | None) -> _Runner:
        pipeline = Pipeline(options.pipeline, registry)
        seconds: dict[str, float] = {}
        if options.per_stage:
            pipeline.stages = [_TimedStage(stage, seconds) for stage in pipeline.stages]
        return cls(pipeline, seconds)

    def run(self, doc: Document) -> Ran:
        self.stage_seconds.update(dict.fromkeys(self.stage_seconds, 0.0))
        started, cpu_started = time.perf_counter(), time.process_time()
        source, doc_id = source_of(doc), doc.id
        try:
            done: Document | None = self.pipeline(doc)
            problem = None
        except StageError as exc:
            done, problem = None, str(exc)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        return Ran(source, doc_id, done, problem, seconds, cpu, dict(self.stage_seconds))


class InlineRunner:
    """Documents run in this process, by a pipeline built on first need: `options.pipeline`, or what
    `make_pipeline` returns (any callable from document to document; no per-stage timing then)."""

    def __init__(
        self,
        options: RunOptions | None = None,
        registry: Registry | None = None,
        make_pipeline: Callable[[], Process] | None = None,
    ) -> None:
        self.options = options or RunOptions()
        self.registry = registry
        self.make_pipeline = make_pipeline
        self._runner: _Runner | None = None
        self.load_s = 0.0  # building the pipeline
        self.warmup_s = 0.0  # the warm-up run

    def start(self, warm: Document | None = None) -> Ran | None:
        """Build the pipeline now (otherwise the first document builds it) and run a copy of `warm`
        through it, untimed by callers; the warm-up run. Sets ``load_s`` and ``warmup_s``."""
        started = time.perf_counter()
        if self._runner is None:
            if self.make_pipeline is not None:
                self._runner = _Runner(self.make_pipeline())
            else:
                self._runner = _Runner.build(self.options, self.registry)
        self.load_s = time.perf_counter() - started
        if warm is None:
            return None
        started = time.perf_counter()
        ran = self._runner.run(copy.deepcopy(warm))
        self.warmup_s = time.perf_counter() - started
        return ran

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        """A :class:`Ran` for each Document of `items`, every other item as it is, in order."""
        for item in items:
            if not isinstance(item, Document):
                yield item
                continue
            self.start()
            assert self._runner is not None
            yield self._runner.run(item)

    def peak_rss_mb(self) -> float:
        return 0.0  # counted in this process's own peak

    def close(self) -> None:
        self._runner = None

    def __enter__(self) -> InlineRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(
    wid: int, tasks: Any, results: Any, options: RunOptions, registry: Registry | None, warm: Document | None
) -> None:
    """A worker process: build a pipeline, warm it on `warm`, run documents until a None task."""
    try:
        runner = _Runner.build(options, registry)
        results.put(("built", wid, None))
        if warm is not None:
            results.put(("warm", wid, runner.run(warm)))
        while (task := tasks.get()) is not None:
            index, doc = task
            results.put(("ran", index, runner.run(doc)))
    except BaseException as exc:  # reported to the parent, which stops the run with it
        results.put(("error", wid, f"{type(exc).__name__}: {exc}"))
        return
    results.put(("bye", wid, peak_rss_mb()))


class WorkerPool:
    """Documents run in `options.workers` processes, each with its own pipeline."""

    def __init__(self, options: RunOptions, registry: Registry | None = None) -> None:
        self.options = options
        self.registry = registry
        self._context = mp.get_context("spawn")
        self._tasks: Any = None
        self._results: Any = None
        self._procs: list[BaseProcess] = []
        self._peaks: dict[int, float] = {}
        self._early: list[tuple[str, int, Any]] = []  # start-up messages that came before their turn
        self.load_s = 0.0  # until every worker has built its pipeline
        self.warmup_s = 0.0  # then until every worker has run the warm-up document

    def start(self, warm: Document | None = None) -> Ran | None:
        """Start the workers and wait until each has built its pipeline and run a copy of `warm`,
        untimed by callers; the slowest worker's warm-up run. Sets ``load_s`` and ``warmup_s``."""
        if self._procs:
            return None
        started = time.perf_counter()
        self._tasks, self._results = self._context.Queue(), self._context.Queue()
        threads = str(max(1, usable_cores() // self.options.workers))
        saved = {name: os.environ.get(name) for name in _THREAD_VARIABLES}
        user_set = any(value for value in saved.values())
        try:
            if not user_set:
                os.environ.update(dict.fromkeys(_THREAD_VARIABLES, threads))
            for wid in range(self.options.workers):
                proc = self._context.Process(
                    target=_serve,
                    args=(wid, self._tasks, self._results, self.options, self.registry, warm),
                    name=f"debrief-worker-{wid}",
                    daemon=True,
                )
                proc.start()
                self._procs.append(proc)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        self._await("built")
        self.load_s = time.perf_counter() - started
        if warm is None:
            return None
        started = time.perf_counter()
        runs: list[Ran] = [ran for _, ran in self._await("warm")]
        self.warmup_s = time.perf_counter() - started
        return max(runs, key=lambda ran: ran.seconds)

    def _await(self, kind: str) -> list[tuple[int, Any]]:
        """One message of `kind` from every worker. A worker may run ahead ("warm" before another has
        said "built"): such start-up messages are kept for the next wait."""
        got = [(wid, payload) for k, wid, payload in self._early if k == kind]
        self._early = [m for m in self._early if m[0] != kind]
        while len(got) < len(self._procs):
            message = self._next()
            if message[0] == kind:
                got.append((message[1], message[2]))
            elif message[0] in _START_MESSAGES:
                self._early.append(message)
            else:
                raise WorkerError(f"worker {message[1]} sent {message[0]!r} while starting")
        return got

    def _next(self) -> tuple[str, int, Any]:
        """The next message from a worker; raises when one failed or died."""
        while True:
            try:
                message: tuple[str, int, Any] = self._results.get(timeout=_POLL_S)
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    raise WorkerError(f"worker process {dead[0].name} exited with code {dead[0].exitcode}") from None
                continue
            if message[0] == "error":
                raise WorkerError(f"worker {message[1]}: {message[2]}")
            return message

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        """A :class:`Ran` for each Document of `items`, every other item as it is, in input order;
        at most two documents per worker are in flight."""
        self.start()
        limit = 2 * len(self._procs)
        done: dict[int, Any] = {}
        sent = 0  # items taken from `items`
        given = 0  # items handed back
        flying = 0
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and flying < limit:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(item, Document):
                    self._tasks.put((sent, item))
                    flying += 1
                else:
                    done[sent] = item
                sent += 1
            while given in done:
                yield done.pop(given)
                given += 1
            if exhausted and given == sent:
                return
            _, index, ran = self._next()
            done[index] = ran
            flying -= 1

    def peak_rss_mb(self) -> float:
        """The workers' peak resident memory, summed (known after :meth:`close`)."""
        return sum(self._peaks.values())

    def close(self) -> None:
        """Stop the workers once they finish the documents they hold."""
        if not self._procs:
            return
        for _ in self._procs:
            self._tasks.put(None)
        deadline = time.monotonic() + _STOP_WAIT_S
        while len(self._peaks) < len(self._procs) and time.monotonic() < deadline:
            try:
                kind, wid, payload = self._results.get(timeout=_POLL_S)
            except queue.Empty:
                if all(not p.is_alive() for p in self._procs):
                    break
                continue
            if kind == "bye":
                self._peaks[wid] = float(payload)
        for proc in self._procs:
            proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if proc.is_alive():
                proc.terminate()
                proc.join()
        self._procs = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    if sys.platform == "win32":
        import psutil

        return float(psutil.Process().memory_info().peak_wset) / _MB
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / _MB if sys.platform == "darwin" else peak / 1024


def make_runner(options: RunOptions, registry: Registry | None = None) -> InlineRunner | WorkerPool:
    """The in-process runner for one worker, a pool of processes for more."""
    return InlineRunner(options, registry) if options.workers == 1 else WorkerPool(options, registry)


def stage_totals(runs: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Per-stage seconds summed over runs, in the stages' order."""
    total: dict[str, float] = {}
    for seconds in runs:
        for name, value in seconds.items():
            total[name] = total.get(name, 0.0) + value
    return total
