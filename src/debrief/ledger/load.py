"""Documents through the pipeline into the ledger, one outcome per input.

Shared by ``debrief ingest`` and anything else that fills a ledger (API, Dask workers): a
document already in the ledger is not run through the pipeline again; an unreadable input or a
failing document is reported as an outcome and the rest of the batch still goes in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from debrief.document import Document
from debrief.errors import InputError, LedgerError, StageError
from debrief.ledger.store import AddResult, Ledger

Process = Callable[[Document], Document]
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


def _source_of(doc: Document) -> str:
    return doc.info.source or doc.id[:12]


def load(
    ledger: Ledger,
    items: Iterable[Document | InputError],
    make_pipeline: Callable[[], Process],
) -> Iterator[LoadOutcome]:
    """Run each new document through the pipeline (built on first need) and add it to `ledger`.

    Stage failures and documents the ledger refuses become ``failed`` outcomes; errors that are
    not about one document (building the pipeline, reading the inputs) propagate.
    """
    pipeline: Process | None = None
    for item in items:
        if isinstance(item, InputError):
            yield LoadOutcome(item.source, "failed", problem=str(item))
            continue
        source = _source_of(item)
        if ledger.has(item.id):
            yield LoadOutcome(source, "exists", item.id)
            continue
        if pipeline is None:
            pipeline = make_pipeline()
        try:
            doc = pipeline(item)
            result = ledger.add(doc.to_report(), doc.text)
        except (StageError, LedgerError) as exc:
            yield LoadOutcome(source, "failed", item.id, problem=str(exc))
            continue
        yield LoadOutcome(source, result.status, item.id, result=result)
