"""The registry of benchmark suites: one line per suite (name, module, what it measures)."""

from __future__ import annotations

from debrief.evals import register

# Suites register here as they are written, e.g.:
# register("case2021-t2", "case2021", "event type, weighted F1 on 25/28/30 classes")
_ = register
