"""`debrief eval acled-notes`: fatalities, date and admin1 read from ACLED event notes.

ACLED's ``notes`` column summarises each event in a sentence or two; its ``fatalities`` column
is the coder's conservative figure. debrief reads the note alone (``note_fatalities``): every
sentence's deaths by ACLED's conservative rule (:func:`debrief.event_fields.fatalities_in`),
summed over sentences that report separate deaths; a note that reports none scores 0, as ACLED
codes it. ``fatalities_exact`` is the share of notes whose figure equals ACLED's.

Date agreement resolves the first day-precise time expression of the note against the last day
of the event's year (notes name the day and month, rarely the year) and compares it with
``event_date``; it is reported over all notes and over notes where debrief found a day.
Admin1 agreement compares the admin1 of the first resolved place in the note with ACLED's.

The sample (``acled_africa_2016_sample/acled.csv``, internal use only) has no split: rows with
an even ``data_id`` are for tuning (`run_part(..., "dev")`), odd ones are the reported test part.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from debrief.evals import EvalResult, require

TOTAL = re.compile(r"\b(?:a total of|in total|total death toll|overall)\b", re.I)


@dataclass
class Note:
    data_id: int
    notes: str
    fatalities: int
    event_date: str
    admin1: str


def _clean(note: str) -> str:
    """Windows-1252 punctuation that reached the file as C1 control characters."""
    return note.translate({0x92: "’", 0x91: "‘", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—"})


def load_part(data_dir: Path, part: str) -> list[Note]:
    path = require(data_dir, "acled_africa_2016_sample", "acled.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [
            Note(int(r["data_id"]), _clean(r["notes"]), int(r["fatalities"] or 0), r["event_date"], r["admin1"])
            for r in csv.DictReader(fh)
        ]
    parity = {"dev": 0, "test": 1}.get(part)
    return [r for r in rows if parity is None or r.data_id % 2 == parity]


def note_fatalities(doc: Any) -> int:
    """Deaths in an analysed note: per sentence the conservative figure, summed over sentences."""
    from debrief.event_fields import fatalities_in

    total = 0
    for sent in doc.sentences:
        f = fatalities_in(doc, doc.quantities, sent)
        if f.best is None:
            continue
        if TOTAL.search(doc.text[sent.start : sent.end]):
            return f.best  # "A total of eighteen were killed in the two operations"
        total += f.best
    return total


def note_date(doc: Any) -> str | None:
    for t in doc.timexes:
        if t.value_start is not None and t.precision == "day":
            return str(t.value_start.isoformat())
    return None


def note_admin1(doc: Any) -> str | None:
    for p in doc.places:
        if p.resolved is not None and p.resolved.admin1:
            return str(p.resolved.admin1)
    return None


@dataclass
class Scores:
    n: int = 0
    fatal_right: int = 0
    date_right: int = 0
    date_found: int = 0
    admin_right: int = 0
    admin_found: int = 0
    errors: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def run_part(data_dir: Path, part: str, *, places: bool = True, limit: int | None = None) -> EvalResult:
    from debrief.document import Document
    from debrief.options import PipelineOptions
    from debrief.pipeline import Pipeline

    notes = load_part(data_dir, part)[:limit]
    stages = ("segment", "dates", "numbers", "places") if places else ("segment", "dates", "numbers")
    scores = Scores()
    for note in notes:
        year = int(note.event_date[:4])
        pipeline = Pipeline(PipelineOptions(stages=stages, published=date(year, 12, 31)))
        doc = pipeline(Document.from_text(note.notes))
        scores.n += 1
        got = note_fatalities(doc)
        if got == note.fatalities:
            scores.fatal_right += 1
        else:
            scores.kinds["fatalities over" if got > note.fatalities else "fatalities under"] += 1
            scores.errors.append(f"fatalities {got} (ACLED {note.fatalities}): {note.notes[:160]!r}")
        day = note_date(doc)
        if day is not None:
            scores.date_found += 1
            scores.date_right += day == note.event_date
        admin1 = note_admin1(doc) if places else None
        if admin1 is not None:
            scores.admin_found += 1
            scores.admin_right += _same_admin(admin1, note.admin1)

    def share(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    payload: dict[str, Any] = {
        "suite": "acled-notes",
        "part": part,
        "n": scores.n,
        "fatalities_exact": share(scores.fatal_right, scores.n),
        "date_agreement": share(scores.date_right, scores.n),
        "date_agreement_found": share(scores.date_right, scores.date_found),
        "date_found": scores.date_found,
        "admin1_agreement": share(scores.admin_right, scores.n) if places else None,
        "admin1_agreement_found": share(scores.admin_right, scores.admin_found) if places else None,
        "admin1_found": scores.admin_found,
    }
    lines = [
        f"ACLED notes ({part}): {scores.n} events",
        "",
        f"fatalities exact        {payload['fatalities_exact']:.3f}  ({scores.fatal_right}/{scores.n})",
        f"date agreement          {payload['date_agreement']:.3f}  "
        f"({scores.date_right}/{scores.n}; {payload['date_agreement_found']:.3f} of {scores.date_found} with a day)",
    ]
    if places:
        lines.append(
            f"admin1 agreement        {payload['admin1_agreement']:.3f}  "
            f"({scores.admin_right}/{scores.n}; {payload['admin1_agreement_found']:.3f} of {scores.admin_found} placed)"
        )
    lines += ["", "fatality errors: " + ", ".join(f"{k} {v}" for k, v in scores.kinds.most_common()), ""]
    lines.append("characteristic errors:")
    step = max(1, len(scores.errors) // 10)
    lines += ["  " + e for e in scores.errors[::step][:10]]
    return EvalResult(payload, lines)


def _same_admin(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return "".join(ch for ch in s.lower() if ch.isalnum()).removesuffix("region").removesuffix("province")

    return norm(a) == norm(b) or norm(a) in norm(b) or norm(b) in norm(a)


def run(data_dir: Path) -> EvalResult:
    return run_part(data_dir, "test")
