"""`debrief eval gwn|lgl|trnews|geovirus`: toponym recognition and resolution against Gritta's corpora.

Recognition: :func:`~debrief.stages.places.find_toponyms` runs on each article's raw text (offsets
kept as in the corpus) and every toponym counts, whatever its role (a place, an actor named after
one, a demonym, a name opening another name), as in the corpora's annotation; a predicted toponym is
a mention's name span, with a capitalised generic word that ends the proper name ("Walker County",
"Kansas City") but without a lowercase one ("Homs" in "Homs province"; see :func:`toponym_span`).
Two matchings are reported:
- exact: a prediction is right when its span equals a gold span (the headline ``recognition``);
- overlap: a prediction is right when it overlaps a gold span; each gold span is matched at most once.
``recognition_places`` repeats the exact scores for the places stage alone (the places events are
located at: no actors, demonyms or embedded names).

Resolution given gold spans: :func:`~debrief.stages.places_given.resolve_spans` resolves every gold
toponym that has gold coordinates, in its document's context. Error is the great-circle distance
between the resolved point and the gold one; a name the gazetteer lacks is placed at the document's
context place (:func:`~debrief.stages.places_given.context_place`) or where the text ties it
(:mod:`~debrief.stages.places_anchor`: "Abu Shok refugee camp in Al-Fashir") and counted as such
(``from_context``, ``from_anchor``); a toponym left unresolved counts as 20,039 km (half the Earth's circumference).
acc161 is the share within 161 km (100 miles); admin1 is the share whose resolved admin1 name equals
the gold's (accents and case folded), counted over the gold toponyms that name an admin1 (LGL,
TR-News) and are not themselves countries.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debrief.document import Document
from debrief.evals import EvalResult, require
from debrief.evals.geo_corpora import CORPORA, GoldArticle
from debrief.gazetteer import Gazetteer
from debrief.gazetteer.names import fold
from debrief.geodesy import km
from debrief.options import GazetteerOptions, PipelineOptions
from debrief.pipeline import Context, Resources
from debrief.records import DocumentInfo, PlaceMention
from debrief.stages.places import find_places, find_toponyms
from debrief.stages.places_given import resolve_spans
from debrief.stages.segment import SegmentStage

UNRESOLVED_KM = 20_039.0
ACC_KM = 161.0
_WORST = 10


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def overlap_hits(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> int:
    """Predictions overlapping a gold span not yet matched (greedy, in order)."""
    used: set[int] = set()
    hits = 0
    for s, e in pred:
        for i, (gs, ge) in enumerate(gold):
            if i not in used and s < ge and gs < e:
                used.add(i)
                hits += 1
                break
    return hits


def toponym_span(text: str, m: PlaceMention) -> tuple[int, int]:
    """The toponym a mention names: its bare name, extended over a capitalised generic word that is
    part of the proper name ("Walker County", "Kansas City", "Kweires Airbase"), but not over a
    lowercase one ("Homs province") nor over the words before the name ("near the town of")."""
    if m.end > m.name_end and m.start == m.name_start:
        tail = text[m.name_end : m.end].strip()
        if tail and all(w[:1].isupper() for w in tail.split()):
            return m.start, m.end
    return m.name_start, m.name_end


@dataclass
class Matches:
    """Recognition counts: predicted and gold spans, exact and overlapping matches."""

    n_pred: int = 0
    n_gold: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> None:
        gold_set = set(gold)
        self.n_pred += len(pred)
        self.n_gold += len(gold_set)
        self.exact += len(gold_set.intersection(pred))
        self.overlap += overlap_hits(pred, gold)


@dataclass
class Tally:
    toponyms: Matches = field(default_factory=Matches)  # every toponym, whatever its role
    places: Matches = field(default_factory=Matches)  # the places stage alone
    errors: list[float] = field(default_factory=list)
    admin1_right: int = 0
    admin1_total: int = 0
    unresolved: int = 0  # gold toponyms left without a resolution
    from_context: int = 0  # … names the gazetteer lacks, placed at the document's context place
    from_anchor: int = 0  # … names the gazetteer lacks, placed where the text ties them
    worst: list[tuple[float, str, str]] = field(default_factory=list)  # (km, gold text, resolved as)

    def recognition(
        self, doc: Document, gold: GoldArticle, toponyms: list[PlaceMention], places: list[PlaceMention]
    ) -> None:
        spans = [(t.start, t.end) for t in gold.toponyms]
        self.toponyms.add(sorted({toponym_span(doc.text, m) for m in toponyms}), spans)
        self.places.add(sorted({toponym_span(doc.text, m) for m in places}), spans)

    def resolution(self, doc: Document, gold: GoldArticle, places: list[PlaceMention], gaz: Gazetteer) -> None:
        located = [t for t in gold.toponyms if t.lat is not None and t.lon is not None]
        resolved = resolve_spans(doc, gaz, [(t.start, t.end) for t in located], recognised=places)
        for t, m in zip(located, resolved, strict=True):
            assert t.lat is not None and t.lon is not None
            r = m.resolved
            err = UNRESOLVED_KM if r is None else km(t.lat, t.lon, r.lat, r.lon)
            self.errors.append(err)
            if r is None:
                self.unresolved += 1
            elif m.evidence == "context":
                self.from_context += 1
            elif m.evidence == "anchor":
                self.from_anchor += 1
            else:
                self.worst.append((err, t.text, f"{r.name}, {r.admin1 or '?'}, {r.country or '?'}"))
            if t.admin1 and t.feature != "PCLI":
                self.admin1_total += 1
                if r is not None and r.admin1 and fold(r.admin1) == fold(t.admin1):
                    self.admin1_right += 1
        self.worst = sorted(self.worst, key=lambda w: -w[0])[:_WORST]


def _context(gazetteer: GazetteerOptions | None) -> Context:
    options = PipelineOptions(gazetteer=gazetteer or GazetteerOptions())
    return Context(options, Resources(options))


def evaluate(
    suite: str,
    articles: Iterable[GoldArticle],
    *,
    gazetteer: GazetteerOptions | None = None,
) -> EvalResult:
    """Score recognition and resolution on `articles` (see the module's doc for the definitions)."""
    context = _context(gazetteer)
    gaz = context.resources.gazetteer()
    segment = SegmentStage(context)
    tally = Tally()
    n = 0
    for gold in articles:
        n += 1
        doc = segment(Document(text=gold.text, info=DocumentInfo(id=f"{suite}-{n}")))
        places = find_places(doc, gaz)
        tally.recognition(doc, gold, find_toponyms(doc, gaz), places)
        tally.resolution(doc, gold, places, gaz)
    return _result(suite, n, tally)


def _result(suite: str, n: int, t: Tally) -> EvalResult:
    tp, pl = t.toponyms, t.places
    errors = t.errors
    resolution: dict[str, Any] = {
        "n": len(errors),
        "unresolved": t.unresolved,
        "from_context": t.from_context,
        "from_anchor": t.from_anchor,
        "acc161": round(sum(e <= ACC_KM for e in errors) / len(errors), 4) if errors else None,
        "admin1": round(t.admin1_right / t.admin1_total, 4) if t.admin1_total else None,
        "admin1_n": t.admin1_total,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
    }
    payload: dict[str, Any] = {
        "suite": suite,
        "n": n,
        "recognition": {**prf(tp.exact, tp.n_pred, tp.n_gold), "gold": tp.n_gold, "predicted": tp.n_pred},
        "recognition_overlap": prf(tp.overlap, tp.n_pred, tp.n_gold),
        "recognition_places": {**prf(pl.exact, pl.n_pred, pl.n_gold), "predicted": pl.n_pred},
        "resolution": resolution,
        "worst": [{"km": round(k, 1), "gold": g, "resolved": r} for k, g, r in t.worst],
    }
    rec, ovl, nod = payload["recognition"], payload["recognition_overlap"], payload["recognition_places"]
    lines = [
        f"{suite}: {n} articles, {tp.n_gold} gold toponyms, {tp.n_pred} predicted",
        f"recognition (exact span)     P {rec['p']:.3f}  R {rec['r']:.3f}  F1 {rec['f1']:.3f}",
        f"recognition (overlap)        P {ovl['p']:.3f}  R {ovl['r']:.3f}  F1 {ovl['f1']:.3f}",
        f"places stage alone (exact)   P {nod['p']:.3f}  R {nod['r']:.3f}  F1 {nod['f1']:.3f}",
        f"resolution given gold spans  n {resolution['n']} (unknown to the gazetteer: {t.from_anchor} placed where "
        f"the text ties them, {t.from_context} at the document's context place; {t.unresolved} unresolved)",
        f"  acc@161 {_fmt(resolution['acc161'])}  "
        f"admin1 {_fmt(resolution['admin1'])} (n {t.admin1_total})  "
        f"median {_fmt(resolution['median_km'], 1)} km  mean {_fmt(resolution['mean_km'], 1)} km",
        "worst errors among resolved toponyms:",
        *(f"  {k:9.1f} km  {g!r} -> {r}" for k, g, r in t.worst),
    ]
    return EvalResult(payload, lines)


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def run_corpus(
    suite: str, data_dir: Path, *, limit: int | None = None, gazetteer: GazetteerOptions | None = None
) -> EvalResult:
    """Read corpus `suite` (gwn | lgl | trnews | geovirus) from `data_dir` and score it (its first
    `limit` articles when given)."""
    parts, reader = CORPORA[suite]
    articles = reader(require(data_dir, *parts))
    return evaluate(suite, articles[:limit] if limit else articles, gazetteer=gazetteer)
