"""Benchmark suites for `debrief eval SUITE`.

Each suite is a module in this package with a function ``run(data_dir: Path) -> EvalResult``; the
registry below maps suite names to modules, imported only when the suite runs. Data live outside the
project (``$DEBRIEF_DATA``, else ``../shared/data`` beside the project root); a suite whose data are
missing raises :class:`~debrief.errors.EvalDataError` naming the folder it looked for.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debrief.errors import DebriefError

# suite name -> (module under debrief.evals, one-line description)
SUITES: dict[str, tuple[str, str]] = {}


class EvalDataError(DebriefError):
    """The benchmark folder a suite needs is missing or malformed."""


@dataclass
class EvalResult:
    """What a suite measured: `payload` is the `--json` object, `lines` the readable table."""

    payload: dict[str, Any]
    lines: list[str] = field(default_factory=list)


def default_data_dir() -> Path:
    """$DEBRIEF_DATA, else ../shared/data beside the project root (the checkout this package runs from)."""
    env = os.environ.get("DEBRIEF_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def require(data_dir: Path, *parts: str) -> Path:
    """The path `data_dir/parts…`, or EvalDataError saying where it was looked for."""
    path = data_dir.joinpath(*parts)
    if not path.exists():
        raise EvalDataError(f"benchmark data not found: {path} (set --data or $DEBRIEF_DATA)")
    return path


def register(name: str, module: str, description: str) -> None:
    SUITES[name] = (module, description)


def runner(name: str) -> Callable[[Path], EvalResult]:
    if name not in SUITES:
        raise EvalDataError(f"unknown suite {name!r}; known: {', '.join(sorted(SUITES)) or 'none'}")
    module = importlib.import_module(f"debrief.evals.{SUITES[name][0]}")
    run: Callable[[Path], EvalResult] = module.run
    return run
