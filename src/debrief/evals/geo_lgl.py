"""`debrief eval lgl`: see :mod:`debrief.evals.geoparse`."""

from __future__ import annotations

from pathlib import Path

from debrief.evals import EvalResult
from debrief.evals.geoparse import run_corpus


def run(data_dir: Path) -> EvalResult:
    return run_corpus("lgl", data_dir)
