"""`debrief eval plover-gsr`: dead and injured counts, source and target actors on the PLOVER
gold-standard records (``plover_gsr/PLOVER_GSR_CAMEO.json``, CC BY-SA 4.0).

Each record is one sentence from the CAMEO manual with its coded source and target actors and,
for 16 records, the number of dead and injured. debrief runs its full pipeline on the sentence;

* **dead / injured** — over the records that give a figure, the share where debrief's figure
  (the conservative fatalities of the sentence; :func:`debrief.stages.numbers.injured_in`) is equal;
* **source / target actors** — precision, recall and F1 of the actors and targets of debrief's
  events against the gold ``actorText`` values; a predicted actor matches a gold one when either
  text contains the other, case-insensitively (gold texts are bare heads: "Egyptian police").

The file has no split; it is a test set only (nothing was tuned on it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debrief.evals import EvalResult, require
from debrief.evals.attr_spans import Tally


@dataclass
class Record:
    id: str
    text: str
    sources: list[str]
    targets: list[str]
    dead: int | None
    injured: int | None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _actor_texts(value: Any) -> list[str]:
    """actorText of each actor (a few records give a bare string or a single object)."""
    items = value if isinstance(value, list) else [value] if value else []
    out: list[str] = []
    for a in items:
        text = a.get("actorText") if isinstance(a, dict) else a if isinstance(a, str) else None
        if text:
            out.append(str(text))
    return out


def load(data_dir: Path) -> list[Record]:
    path = require(data_dir, "plover_gsr", "PLOVER_GSR_CAMEO.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    out: list[Record] = []
    for r in records:
        if not r.get("text") or r.get("event") == "DOCUMENT":
            continue
        out.append(
            Record(
                id=r["id"],
                text=r["text"],
                sources=_actor_texts(r.get("source")),
                targets=_actor_texts(r.get("target")),
                dead=_int(r.get("dead")),
                injured=_int(r.get("injured")),
            )
        )
    return out


def same_actor(a: str, b: str) -> bool:
    x, y = a.lower().strip(), b.lower().strip()
    return bool(x and y) and (x in y or y in x)


def match_actors(gold: list[str], pred: list[str]) -> int:
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same_actor(g, p):
                used.add(i)
                hits += 1
                break
    return hits


@dataclass
class Scores:
    source: Tally = field(default_factory=Tally)
    target: Tally = field(default_factory=Tally)
    dead_n: int = 0
    dead_right: int = 0
    injured_n: int = 0
    injured_right: int = 0
    errors: list[str] = field(default_factory=list)


def run(data_dir: Path) -> EvalResult:
    from debrief.document import Document
    from debrief.event_fields import fatalities_in
    from debrief.pipeline import Pipeline
    from debrief.stages.numbers import injured_in

    records = load(data_dir)
    pipeline = Pipeline()
    scores = Scores()
    for rec in records:
        doc = pipeline(Document.from_text(rec.text))
        actors = [a.text for e in doc.events for a in e.actors]
        targets = [t.text for e in doc.events for t in e.targets]
        actors = list(dict.fromkeys(actors))
        targets = list(dict.fromkeys(targets))
        hs, ht = match_actors(rec.sources, actors), match_actors(rec.targets, targets)
        scores.source.add(hs, len(actors), len(rec.sources))
        scores.target.add(ht, len(targets), len(rec.targets))
        if (hs < len(rec.sources) or ht < len(rec.targets)) and len(scores.errors) < 200:
            scores.errors.append(f"{rec.id}: actors {actors} / targets {targets} (gold {rec.sources} / {rec.targets})")
        if rec.dead is not None:
            dead = 0
            for sent in doc.sentences:
                best = fatalities_in(doc, doc.quantities, sent).best
                dead += best or 0
            scores.dead_n += 1
            scores.dead_right += dead == rec.dead
            if dead != rec.dead:
                scores.errors.insert(0, f"{rec.id}: dead {dead} (gold {rec.dead}): {rec.text[:120]!r}")
        if rec.injured is not None:
            injured = injured_in(doc.text, doc.quantities, 0, len(doc.text))
            scores.injured_n += 1
            scores.injured_right += injured == rec.injured
            if injured != rec.injured:
                scores.errors.insert(0, f"{rec.id}: injured {injured} (gold {rec.injured}): {rec.text[:120]!r}")

    def share(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    payload: dict[str, Any] = {
        "suite": "plover-gsr",
        "n": len(records),
        "dead_exact": share(scores.dead_right, scores.dead_n),
        "n_dead": scores.dead_n,
        "injured_exact": share(scores.injured_right, scores.injured_n),
        "n_injured": scores.injured_n,
        "source_actor_f1": round(scores.source.f1, 4),
        "target_actor_f1": round(scores.target.f1, 4),
        "detail": {"source": scores.source.as_dict(), "target": scores.target.as_dict()},
    }
    lines = [
        f"PLOVER GSR: {len(records)} records",
        "",
        f"dead exact      {payload['dead_exact']:.3f}  ({scores.dead_right}/{scores.dead_n})",
        f"injured exact   {payload['injured_exact']:.3f}  ({scores.injured_right}/{scores.injured_n})",
        f"{'actors':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}",
    ]
    for label, t in (("source", scores.source), ("target", scores.target)):
        lines.append(f"{label:<14}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.pred:>6}{t.gold:>6}")
    lines += ["", "characteristic errors:"]
    lines += ["  " + e for e in scores.errors[:10]]
    return EvalResult(payload, lines)
