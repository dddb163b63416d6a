"""`debrief eval event-location`: which toponym is where the event happened (Halterman 2019).

Each record of ``halterman_event_location/labeled_text.json`` is one sentence with its tokens, the
event's verb (a ``VERB`` span) and the event's location (``LOCATION`` spans, none when the sentence
gives no location). debrief reads the sentence (segment and places stages) and locates the event at
the verb as the events stage does: with the default ``events.model`` backend, the learned locator
(:mod:`debrief.stages.event_locator`) reads the sentence, and each place it locates is named by the
located words together with the places stage's name they overlap; where it finds nothing, the event
has no place in its sentence (the stage then gives it its context's place, which a lone sentence
lacks: :func:`~debrief.stages.events_model.place_event`). With ``events.lexicon``, the rules pick
the places of the verb's clause
(:func:`~debrief.event_fields.clause_of`), else those of the sentence, narrowed by
:func:`~debrief.event_fields.choose_places`. Scores are token-level and micro-averaged: a token is
predicted when it overlaps a chosen span and gold when it lies in a LOCATION span (by its token ids,
which the corpus gets right where its character offsets are often wrong).

The test set is the 496 ``RELABEL`` records; ``run_records(…, test=False)`` scores the others, which
are the ones to tune on (the locator is trained on four fifths of the accepted ones).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from debrief.document import Document
from debrief.evals import EvalDataError, EvalResult, require
from debrief.evals.geoparse import prf
from debrief.event_fields import choose_places, clause_of, places_in
from debrief.options import GazetteerOptions, PipelineOptions
from debrief.pipeline import Context, Resources, default_registry
from debrief.records import DocumentInfo
from debrief.stages.event_locator import Located
from debrief.stages.places import PlacesStage
from debrief.stages.segment import SegmentStage

TEST_SOURCE = "RELABEL"
Locate = Callable[[Document, tuple[int, int], tuple[int, int]], list[Located]]


def load(data_dir: Path) -> list[dict[str, Any]]:
    path = require(data_dir, "halterman_event_location", "labeled_text.json")
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalDataError(f"cannot read {path}: {exc}") from exc
    if not isinstance(records, list):
        raise EvalDataError(f"{path}: expected one JSON array of records")
    return [r for r in records if isinstance(r, dict) and r.get("text") and r.get("tokens")]


def location_tokens(record: dict[str, Any]) -> list[tuple[int, int]]:
    """The (first, last) token ids of each ``LOCATION`` span.

    The token ids are the annotation: in many records (most of the AP, Xinhua and wiki ones, and 215
    of the 372 RELABEL spans) a LOCATION span's character offsets point elsewhere, often at the verb
    or at an empty string, while its token ids name the right words."""
    n = len(record.get("tokens", []))
    return [
        (int(s["token_start"]), int(s["token_end"]))
        for s in record.get("spans", [])
        if s.get("label") == "LOCATION" and 0 <= s.get("token_start", -1) <= s.get("token_end", -1) < n
    ]


def location_spans(record: dict[str, Any]) -> list[tuple[int, int]]:
    """The character span of each ``LOCATION``, from its tokens (see :func:`location_tokens`)."""
    tokens = record["tokens"]
    return [(int(tokens[a]["start"]), int(tokens[b]["end"])) for a, b in location_tokens(record)]


def gold_tokens(record: dict[str, Any]) -> set[int]:
    return {t for a, b in location_tokens(record) for t in range(a, b + 1)}


def predicted_spans(
    doc: Document, trigger: tuple[int, int] | None, locate: Locate | None = None
) -> list[tuple[int, int]]:
    """Name spans of the place(s) debrief takes as the location of the event at `trigger`: the learned
    locator's (with the events model backend), else — as the stage falls back — the rules'."""
    whole = (0, len(doc.text))
    if locate is not None and trigger is not None:
        return [x.name for x in locate(doc, whole, trigger)]
    chosen = []
    if trigger is not None:
        c0, c1 = clause_of(doc.text, *whole, *trigger)
        chosen = choose_places(places_in(doc, c0, c1, []))
    if not chosen:
        chosen = choose_places(places_in(doc, *whole, []))
    return [(p.name_start, p.name_end) for p in chosen]


def _trigger(record: dict[str, Any]) -> tuple[int, int] | None:
    verbs = [s for s in record.get("spans", []) if s.get("label") == "VERB"]
    return (verbs[0]["start"], verbs[0]["end"]) if verbs else None


def run_records(
    records: list[dict[str, Any]], *, test: bool = True, gazetteer: GazetteerOptions | None = None
) -> EvalResult:
    """Score the test records (``RELABEL``) or, with test=False, the others."""
    chosen = [r for r in records if (r.get("source") == TEST_SOURCE) == test]
    options = PipelineOptions(gazetteer=gazetteer or GazetteerOptions())
    context = Context(options, Resources(options))
    segment, places = SegmentStage(context), PlacesStage(context)
    events = default_registry().create("events", context)
    locate = getattr(events, "locate", None)
    tp = n_pred = n_gold = 0
    for i, record in enumerate(chosen):
        doc = places(segment(Document(text=record["text"], info=DocumentInfo(id=f"halterman-{i}"))))
        spans = predicted_spans(doc, _trigger(record), locate)
        pred = {t["id"] for t in record["tokens"] if any(t["start"] < e and s < t["end"] for s, e in spans)}
        gold = gold_tokens(record)
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    scores = prf(tp, n_pred, n_gold)
    part = "RELABEL (test)" if test else "non-RELABEL (tuning)"
    payload: dict[str, Any] = {"suite": "event-location", "n": len(chosen), **scores}
    lines = [
        f"event-location: {len(chosen)} records, {part}; {n_gold} gold tokens, {n_pred} predicted",
        f"token-level  P {scores['p']:.3f}  R {scores['r']:.3f}  F1 {scores['f1']:.3f}",
        "locator: " + ("learned (events.model)" if locate else "rules (events.lexicon)"),
    ]
    return EvalResult(payload, lines)


def run(data_dir: Path) -> EvalResult:
    return run_records(load(data_dir))
