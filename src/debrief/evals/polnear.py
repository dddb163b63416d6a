"""`debrief eval polnear`: attribution spans (source, cue, content) against PolNeAR.

PolNeAR (``polnear/data/{train,dev,test}``) annotates attribution relations in 2016 US election
news in BRAT standoff: each ``Attribution`` event links a Cue to a Source and a Content span.
Several annotators did some articles (``<name>_<annotator>.ann``); the suite scores each text
against its first annotation file in name order. Discontinuous spans count by their envelope.

Each claim debrief finds gives one predicted source (the speaker phrase), cue and content span.
Spans are scored one-to-one per document, with two matchings (see :mod:`debrief.evals.attr_spans`):
**exact** — same start and end once whitespace, quotation marks, edge punctuation and a leading
"that" are trimmed from both —
and **overlap** — at least one shared character. Attributions without a source (PolNeAR marks
implicit sources) still count their cue and content.

The score uses the test part by default; `run_part` scores train or dev (for tuning).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from debrief.evals import EvalResult, require
from debrief.evals.attr_spans import Span, Tally, match
from debrief.evals.attr_spans import trim as trim_edges

ROLES = ("source", "cue", "content")


def trim(text: str, span: Span) -> Span:
    """Edge punctuation and a leading complementiser ("that …") off, on gold and predictions alike."""
    s, e = trim_edges(text, span)
    if text[s : s + 5].lower() == "that " and e - s > 5:
        s, e = trim_edges(text, (s + 5, e))
    return s, e


@dataclass
class Gold:
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)


def parse_ann(ann: str, text: str) -> Gold:
    """The Source, Cue and Content spans of the Attribution events in one BRAT file."""
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            bounds = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[cols[0]] = (label, (min(b[0] for b in bounds), max(b[1] for b in bounds)))
        elif line.startswith("E") and len(cols) >= 2:
            args = dict(a.split(":", 1) for a in cols[1].split() if ":" in a)
            events.append(args)
    gold = Gold()
    for ev in events:
        for role in ("Source", "Cue", "Content"):
            ref = ev.get(role)
            if ref in spans:
                span = trim(text, spans[ref][1])
                if span[1] > span[0]:
                    getattr(gold, role.lower()).append(span)
    return gold


def load_part(data_dir: Path, part: str) -> list[tuple[str, str, Gold]]:
    """(name, text, gold) for every text of a part that has an annotation file."""
    root = require(data_dir, "polnear", "data", part)
    docs: list[tuple[str, str, Gold]] = []
    anns = sorted((root / "attributions").glob("*.ann"))
    seen: set[str] = set()
    for ann in anns:
        name = ann.stem.rsplit("_", 1)[0]
        if name in seen:
            continue
        txt = root / "text" / f"{name}.txt"
        if not txt.exists():
            continue
        seen.add(name)
        text = txt.read_text(encoding="utf-8")
        docs.append((name, text, parse_ann(ann.read_text(encoding="utf-8"), text)))
    return docs


def predict(text: str) -> Gold:
    """debrief's claims on `text` (offsets kept: the text is not normalised)."""
    from debrief.options import PipelineOptions
    from debrief.pipeline import Pipeline

    pipeline = Pipeline(PipelineOptions(stages=("segment", "mentions", "claims")))
    return predict_with(pipeline, text)


def predict_with(pipeline: Any, text: str) -> Gold:
    from debrief.document import Document

    doc = Document(text=text, info=Document.from_text(text).info)
    doc = pipeline(doc)
    out = Gold()
    for c in doc.claims:
        if c.speaker.start is not None and c.speaker.end is not None:
            out.source.append(trim(text, (c.speaker.start, c.speaker.end)))
        if c.cue_span is not None:
            out.cue.append(trim(text, (c.cue_span.start, c.cue_span.end)))
        out.content.append(trim(text, (c.content.start, c.content.end)))
    return out


@dataclass
class Scores:
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {f"{r}.{m}": Tally() for r in ROLES for m in ("exact", "overlap")}
    )
    errors: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)


def score_doc(scores: Scores, name: str, text: str, gold: Gold, pred: Gold) -> None:
    for role in ROLES:
        g, p = getattr(gold, role), getattr(pred, role)
        for mode in ("exact", "overlap"):
            pairs = match(g, p, exact=mode == "exact")
            scores.tallies[f"{role}.{mode}"].add(len(pairs), len(p), len(g))
            if mode == "overlap":
                matched_g = {gi for gi, _ in pairs}
                matched_p = {pi for _, pi in pairs}
                for gi, span in enumerate(g):
                    if gi not in matched_g:
                        scores.kinds[f"{role} missed"] += 1
                        if len(scores.errors) < 400:
                            scores.errors.append(f"{name}: {role} missed: {_clip(text, span)}")
                for pi, span in enumerate(p):
                    if pi not in matched_p:
                        scores.kinds[f"{role} spurious"] += 1
                        if len(scores.errors) < 400:
                            scores.errors.append(f"{name}: {role} spurious: {_clip(text, span)}")


def _clip(text: str, span: Span, width: int = 90) -> str:
    s = text[span[0] : span[1]].replace("\n", " ")
    return repr(s if len(s) <= width else s[: width - 3] + "…")


def run_part(data_dir: Path, part: str, limit: int | None = None) -> EvalResult:
    from debrief.options import PipelineOptions
    from debrief.pipeline import Pipeline

    docs = load_part(data_dir, part)[:limit]
    pipeline = Pipeline(PipelineOptions(stages=("segment", "mentions", "claims")))
    scores = Scores()
    for name, text, gold in docs:
        score_doc(scores, name, text, gold, predict_with(pipeline, text))
    payload: dict[str, Any] = {"suite": "polnear", "part": part, "n": len(docs)}
    for role in ROLES:
        payload[f"{role}_f1"] = {m: round(scores.tallies[f"{role}.{m}"].f1, 4) for m in ("exact", "overlap")}
    payload["detail"] = {k: t.as_dict() for k, t in scores.tallies.items()}
    payload["n_attributions"] = scores.tallies["cue.exact"].gold
    lines = [f"PolNeAR {part}: {len(docs)} documents, {payload['n_attributions']} gold attributions", ""]
    lines.append(f"{'span':<10}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}")
    for role in ROLES:
        for m in ("exact", "overlap"):
            t = scores.tallies[f"{role}.{m}"]
            lines.append(
                f"{role:<10}{m:<9}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>7}{t.pred:>7}{t.gold:>7}"
            )
    lines += ["", "error kinds (overlap): " + ", ".join(f"{k} {v}" for k, v in scores.kinds.most_common()), ""]
    lines.append("characteristic errors:")
    step = max(1, len(scores.errors) // 10)
    lines += ["  " + e for e in scores.errors[::step][:10]]
    return EvalResult(payload, lines)


def run(data_dir: Path) -> EvalResult:
    return run_part(data_dir, "test")
