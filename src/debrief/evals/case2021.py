"""CASE 2021 Task 2 (fine-grained event classification): `debrief eval case2021-t2`.

Each of the 1,019 test snippets runs through the pipeline as one document. The snippet's type is
the type of its **main event**: the event with the highest confidence, the earliest one on a tie.
With a learned events backend (the default ``events.model``) the model types the whole snippet,
the lexicon pipeline's type breaking its doubts, as the stage does for each event's sentence.
With the lexicon alone (``DEBRIEF_BACKENDS=events=lexicon``), when the pipeline reports no event
(every trigger was filtered as negated, future, denied or quoted), the snippet falls back to the
strongest lexicon trigger anywhere in its text, assertion filters ignored — every benchmark snippet
reports *some* event — then to the strongest generic ("fallback"-strength) trigger ("killed",
"warplanes", "police"), and, with no trigger at all, to :data:`FALLBACK_CODE` (Armed clash, ACLED's
most common sub-event type; a prior, not tuned here).

Scoring follows the shared task: weighted F1 (per-class F1 weighted by gold support) over the
snippets whose gold label is one of the 25 ACLED classes, of the 28 (adding ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER) and of all 30. A prediction outside a subset's classes
counts as an error for that snippet. Macro F1 averages per-class F1 over the subset's gold classes.
The data are a test set: never train or tune on them.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from debrief.document import Document
from debrief.evals import EvalDataError, EvalResult, require
from debrief.options import PipelineOptions
from debrief.stages.events import TriggerLexicon
from debrief.taxonomy import ACLED_CODES, CODES_28, EVENT_CODES

DATA_PARTS = ("case2021_task2_finegrained", "task2", "test_dataset", "test_set_final_release_with_labels.tsv")
FALLBACK_CODE = "ARMED_CLASH"
SUBSETS: dict[str, tuple[str, ...]] = {"25": ACLED_CODES, "28": CODES_28, "30": EVENT_CODES}


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    gold: str


@dataclass(frozen=True, slots=True)
class Prediction:
    code: str
    source: str  # "event" (pipeline's main event) | "trigger" | "generic" (lexicon) | "model" | "prior"


@dataclass(frozen=True, slots=True)
class ClassScore:
    code: str
    precision: float
    recall: float
    f1: float
    support: int


def load_snippets(path: Path) -> list[Snippet]:
    """The rows of the test TSV (columns id, EventSnippet, SubType)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or not {"id", "EventSnippet", "SubType"} <= set(rows[0]):
        raise EvalDataError(f"{path}: expected the columns id, EventSnippet, SubType")
    return [Snippet(r["id"], r["EventSnippet"], r["SubType"].strip()) for r in rows]


def main_event_type(doc: Document) -> str | None:
    """The type of the highest-confidence event (earliest on a tie), or None without events."""
    if not doc.events:
        return None
    best = max(enumerate(doc.events), key=lambda ie: (ie[1].confidence, -ie[0]))
    return best[1].type


def fallback_type(lexicon: TriggerLexicon, text: str) -> Prediction:
    """The strongest typed lexicon trigger in `text`, assertion filters ignored; else the strongest
    generic (fallback-strength) trigger; else FALLBACK_CODE."""
    for fallback, source in ((False, "trigger"), (True, "generic")):
        typed = [t for t in lexicon.find(text, 0, len(text), fallback=fallback) if t.code != "*"]
        if typed:
            return Prediction(max(typed, key=lambda t: t.priority).code, source)
    return Prediction(FALLBACK_CODE, "prior")


def classifier(overrides: dict[str, str] | None = None) -> Callable[[str], Prediction]:
    """A function snippet text → prediction, running the pipeline (with `overrides` of stage backends).

    A learned events backend (one with ``classify_texts``) types the whole snippet, with the type the
    lexicon pipeline gives (its main event, else its strongest trigger) as the tie-breaker — the same
    combination the stage applies to each event's sentence."""
    from debrief.pipeline import Pipeline

    overrides = dict(overrides or {})
    pipeline = Pipeline(PipelineOptions(overrides=overrides))
    lexicon = TriggerLexicon.load()
    stage = next((s for s in pipeline.stages if s.name == "events"), None)
    model = getattr(stage, "classify_texts", None)
    if callable(model):
        pipeline = Pipeline(PipelineOptions(overrides={**overrides, "events": "lexicon"}))

    def classify(text: str) -> Prediction:
        doc = pipeline(Document.from_text(text))
        code = main_event_type(doc)
        guess = Prediction(code, "event") if code else fallback_type(lexicon, doc.text)
        if callable(model):
            hint = guess.code if guess.source != "prior" else None
            return Prediction(model([doc.text], [hint])[0][0], "model")
        return guess

    return classify


def class_scores(gold: Sequence[str], pred: Sequence[str], labels: Iterable[str]) -> list[ClassScore]:
    """Precision, recall, F1 and gold support of each label."""
    pairs = list(zip(gold, pred, strict=True))
    out: list[ClassScore] = []
    for code in labels:
        tp = sum(1 for g, p in pairs if g == code and p == code)
        n_pred = sum(1 for _, p in pairs if p == code)
        n_gold = sum(1 for g, _ in pairs if g == code)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append(ClassScore(code, p, r, f, n_gold))
    return out


def subset_scores(gold: Sequence[str], pred: Sequence[str], codes: Sequence[str]) -> dict[str, float]:
    """Weighted F1, macro F1 and accuracy over the snippets whose gold label is in `codes`."""
    keep = [(g, p) for g, p in zip(gold, pred, strict=True) if g in codes]
    if not keep:
        return {"n": 0, "weighted_f1": 0.0, "macro_f1": 0.0, "accuracy": 0.0}
    g_sub = [g for g, _ in keep]
    p_sub = [p for _, p in keep]
    present = [c for c in codes if c in set(g_sub)]
    scores = class_scores(g_sub, p_sub, present)
    n = len(keep)
    return {
        "n": n,
        "weighted_f1": sum(s.f1 * s.support for s in scores) / n,
        "macro_f1": sum(s.f1 for s in scores) / len(scores),
        "accuracy": sum(1 for g, p in keep if g == p) / n,
    }


def confusions(gold: Sequence[str], pred: Sequence[str], top: int = 10) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) pairs with gold ≠ predicted."""
    counts = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return [(g, p, n) for (g, p), n in counts.most_common(top)]


def score(snippets: Sequence[Snippet], preds: Sequence[Prediction]) -> EvalResult:
    gold = [s.gold for s in snippets]
    pred = [p.code for p in preds]
    subsets = {name: subset_scores(gold, pred, codes) for name, codes in SUBSETS.items()}
    payload = {
        "suite": "case2021-t2",
        "n": len(snippets),
        "weighted_f1": {k: round(v["weighted_f1"], 4) for k, v in subsets.items()},
        "macro_f1": {k: round(v["macro_f1"], 4) for k, v in subsets.items()},
        "accuracy": {k: round(v["accuracy"], 4) for k, v in subsets.items()},
    }
    sources = Counter(p.source for p in preds)
    via = ", ".join(f"{k} {sources[k]}" for k in ("event", "trigger", "generic", "model", "prior") if sources[k])
    lines = [
        f"case2021-t2: {len(snippets)} snippets (typed by: {via})",
        "",
        f"{'classes':<8} {'n':>5} {'wF1':>7} {'macroF1':>8} {'acc':>7}",
    ]
    for k, v in subsets.items():
        lines.append(f"{k:<8} {v['n']:>5} {v['weighted_f1']:>7.3f} {v['macro_f1']:>8.3f} {v['accuracy']:>7.3f}")
    lines += ["", f"{'class':<32} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}"]
    for s in class_scores(gold, pred, [c for c in EVENT_CODES if c in set(gold) | set(pred)]):
        lines.append(f"{s.code:<32} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.support:>5}")
    lines += ["", "top confusions (gold → predicted, count):"]
    lines += [f"  {g} → {p}: {n}" for g, p, n in confusions(gold, pred)]
    return EvalResult(payload, lines)


def evaluate(data_dir: Path, overrides: dict[str, str] | None = None) -> tuple[list[Snippet], list[Prediction]]:
    """The snippets and the predicted code of each, with the pipeline's `overrides`."""
    snippets = load_snippets(require(data_dir, *DATA_PARTS))
    classify = classifier(overrides)
    return snippets, [classify(s.text) for s in snippets]


def run(data_dir: Path) -> EvalResult:
    """Score the pipeline with the stage backends of $DEBRIEF_BACKENDS ("events=model" for the learned one)."""
    backends = PipelineOptions().overrides
    snippets, pred = evaluate(data_dir, backends)
    result = score(snippets, pred)
    result.lines.insert(1, f"events backend: {backends.get('events', 'model (default)')}")
    return result
