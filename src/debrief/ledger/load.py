"""Documents through the pipeline into the ledger, one outcome per input.

Shared by ``debrief ingest`` and anything else that fills a ledger (API, Dask workers): a
document already in the ledger is not run through the pipeline again; an unreadable input or a
failing document is reported as an outcome and the rest of the batch still goes in. The pipeline
runs in this process or in a pool of worker processes (:mod:`debrief.workers`); the ledger is
written here, by one writer, in the order of the inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from debrief.document import Document
from debrief.errors import InputError, LedgerError
from debrief.ledger.store import AddResult, Ledger
from debrief.workers import InlineRunner, Process, Ran, WorkerPool, source_of

LoadStatus = Literal["inserted", "exists", "failed"]


@dataclass(frozen=True)
class LoadOutcome:
    source: str  # the file, URL or row the input came from (the document id when unknown)
    status: LoadStatus
    doc_id: str | None = None
    problem: str | None = None  # one line naming what went wrong, when failed
    result: AddResult | None = None

    @property
    def message(self) -> str:
        """One line for a log or a terminal."""
        if self.status == "failed":
            problem = " ".join((self.problem or "failed").split())  # always one line
            return problem if problem.startswith(f"{self.source}:") else f"{self.source}: {problem}"
        return f"{self.source}: {self.status} ({(self.doc_id or '')[:12]})"


@dataclass(frozen=True)
class _Known:
    """A document the ledger already holds: passed through the runner untouched."""

    doc: Document


def load(
    ledger: Ledger,
    items: Iterable[Document | InputError],
    make_pipeline: Callable[[], Process] | None = None,
    runner: InlineRunner | WorkerPool | None = None,
) -> Iterator[LoadOutcome]:
    """Run each new document through the pipeline and add it to `ledger`, one outcome per item in
    the order of `items`.

    The documents run in `runner` (a pool of worker processes, or this process), else through the
    pipeline `make_pipeline` builds on first need (not at all when every document is known). Stage
    failures and documents the ledger refuses become ``failed`` outcomes; errors that are not about
    one document (building the pipeline, reading the inputs, a worker that died) propagate.
    """
    if runner is None:
        runner = InlineRunner(make_pipeline=make_pipeline or _default_pipeline)
    marked = (_Known(item) if isinstance(item, Document) and ledger.has(item.id) else item for item in items)
    for out in runner.imap(marked):
        if isinstance(out, InputError):
            yield LoadOutcome(out.source, "failed", problem=str(out))
        elif isinstance(out, _Known):
            yield LoadOutcome(source_of(out.doc), "exists", out.doc.id)
        else:
            yield _store(ledger, out)


def _store(ledger: Ledger, ran: Ran) -> LoadOutcome:
    if ran.doc is None:
        return LoadOutcome(ran.source, "failed", ran.doc_id, problem=ran.problem)
    try:
        result = ledger.add(ran.doc.to_report(), ran.doc.text)
    except LedgerError as exc:
        return LoadOutcome(ran.source, "failed", ran.doc.id, problem=str(exc))
    return LoadOutcome(ran.source, result.status, ran.doc.id, result=result)


def _default_pipeline() -> Process:
    from debrief.pipeline import Pipeline

    return Pipeline()
