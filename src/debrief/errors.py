"""Specific exceptions. Each names the input it is about."""

from __future__ import annotations


class DebriefError(Exception):
    """Base class of every error debrief raises on purpose."""


class InputError(DebriefError):
    """An input (file, row, URL, stream) that cannot be read as a document."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StageError(DebriefError):
    """A pipeline stage failed on a document."""

    def __init__(self, stage: str, doc_id: str, problem: str) -> None:
        super().__init__(f"stage {stage!r} failed on document {doc_id[:12]}: {problem}")
        self.stage = stage
        self.doc_id = doc_id


class ConfigError(DebriefError):
    """A setting (an option or environment variable) that cannot be understood."""


class UnknownStageError(DebriefError):
    """A stage name that no registry entry provides."""


class LedgerError(DebriefError):
    """The ledger could not be opened, migrated, written or queried."""


class GazetteerError(DebriefError):
    """The gazetteer could not be built, loaded or extended."""


class LedgerNotFoundError(LedgerError):
    """A ledger was opened for reading where there is none (a SQLite file that does not exist)."""

    def __init__(self, location: str) -> None:
        super().__init__(f"no ledger at {location}: run `debrief ingest` first")
        self.location = location


class ExportError(DebriefError):
    """Rows could not be rendered in the requested format."""
