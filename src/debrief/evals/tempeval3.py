"""`debrief eval tempeval3`: DATE expressions and their values against TempEval-3 gold TimeML.

The test set is TE3 platinum (``tempeval3/data/TempEval3/Evaluation/te3-platinum``); TBAQ-cleaned
(``…/Training/TBAQ-cleaned/{TimeBank,AQUAINT}``) is for tuning (`run_part(..., "train")`).
Each document's text is the content of ``<TEXT>`` with tags removed; every gold ``TIMEX3`` of
type DATE is a target, resolved against the document creation time (``<DCT>``).

Predictions are debrief's time expressions (:func:`debrief.timex.find_timexes` anchored at the
creation time) other than durations and clock times. Detection is scored one-to-one with the
**exact** (same trimmed span) and **overlap** (a shared character) matchings of
:mod:`debrief.evals.attr_spans`; `date_value_f1` counts an overlap-matched pair as correct when
debrief's value, written as a TimeML value at its precision (``2013-03-22``, ``2013-W11``,
``2013-03``, ``2013``; seasons ``2012-SU``, weekends ``2013-W11-WE``, decades ``199``), equals the
gold value — the TempEval-3 "value" measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from debrief.evals import EvalDataError, EvalResult, require
from debrief.evals.attr_spans import Span, Tally, match, trim
from debrief.records import Timex

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
NOT_DATES = frozenset(["duration", "time"])
SEASONS = (("spring", "SP"), ("summer", "SU"), ("autumn", "FA"), ("fall", "FA"), ("winter", "WI"))


@dataclass
class GoldTimex:
    span: Span
    type: str
    value: str

    def text_of(self, text: str) -> str:
        return text[self.span[0] : self.span[1]]


@dataclass
class TmlDoc:
    name: str
    text: str
    dct: date
    timexes: list[GoldTimex] = field(default_factory=list)


def parse_tml(name: str, raw: str) -> TmlDoc:
    """The plain text of ``<TEXT>``, its TIMEX3 spans and the creation date."""
    dct_m = re.search(r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', raw, re.S)
    if not dct_m:
        raise EvalDataError(f"{name}: no document creation time")
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if not body_m:
        raise EvalDataError(f"{name}: no <TEXT>")
    body = body_m.group(1)
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        chunk = body[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            attrs = open_timex[1]
            timexes.append(GoldTimex((open_timex[0], length), attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    out.append(body[pos:])
    text = "".join(out)
    return TmlDoc(name, text, date.fromisoformat(dct_m.group(1)), timexes)


def load_part(data_dir: Path, part: str) -> list[TmlDoc]:
    base = require(data_dir, "tempeval3", "data", "TempEval3")
    if part == "test":
        files = sorted((base / "Evaluation" / "te3-platinum").glob("*.tml"))
    else:
        files = sorted((base / "Training" / "TBAQ-cleaned").glob("*/*.tml"))
    return [parse_tml(f.stem, f.read_text(encoding="utf-8")) for f in files]


def timeml_value(t: Timex) -> str | None:
    """debrief's value as a TimeML DATE value at its precision."""
    v = t.value_start
    if v is None:
        return None
    words = t.text.lower()
    season = next((code for name, code in SEASONS if name in words), None)
    if season is not None and t.precision in ("month", "year"):
        return f"{v.year:04d}-{season}"  # "last summer" → 2012-SU
    end = t.value_end
    if (
        end is not None
        and v.year % 10 == 0
        and end.year == v.year + 9
        and (v.month, v.day, end.month, end.day) == (1, 1, 12, 31)
    ):
        return f"{v.year // 10:03d}"  # a decade: "the 1990s" → 199
    if "weekend" in words and t.precision == "day":
        iso = v.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}-WE"
    if t.precision == "year":
        return f"{v.year:04d}"
    if t.precision == "month":
        return f"{v.year:04d}-{v.month:02d}"
    if t.precision == "week":
        iso = v.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if t.kind == "range" and t.value_end is not None and t.value_end != v:
        return None  # a range of days has no single TimeML value
    return v.isoformat()


@dataclass
class Scores:
    exact: Tally = field(default_factory=Tally)
    overlap: Tally = field(default_factory=Tally)
    value: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)


def score_doc(scores: Scores, doc: TmlDoc) -> None:
    from debrief.timex import find_timexes

    gold = [g for g in doc.timexes if g.type == "DATE"]
    pred = [t for t in find_timexes(doc.text, doc.dct) if t.kind not in NOT_DATES]
    gspans = [trim(doc.text, g.span) for g in gold]
    pspans = [trim(doc.text, (t.start, t.end)) for t in pred]
    scores.exact.add(len(match(gspans, pspans, exact=True)), len(pred), len(gold))
    pairs = match(gspans, pspans, exact=False)
    scores.overlap.add(len(pairs), len(pred), len(gold))
    right = 0
    for gi, pi in pairs:
        value = timeml_value(pred[pi])
        if value == gold[gi].value:
            right += 1
        elif len(scores.errors) < 300:
            scores.errors.append(
                f"{doc.name} (DCT {doc.dct}): {pred[pi].text!r} -> {value} "
                f"(gold {gold[gi].text_of(doc.text)!r} {gold[gi].value})"
            )
    scores.value.add(right, len(pred), len(gold))
    hit_g = {gi for gi, _ in pairs}
    hit_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in hit_g and len(scores.errors) < 300:
            scores.errors.append(f"{doc.name}: missed {g.text_of(doc.text)!r} ({g.value})")
    for pi, t in enumerate(pred):
        if pi not in hit_p and len(scores.errors) < 300:
            scores.errors.append(f"{doc.name}: spurious {t.text!r} ({t.kind})")


def run_part(data_dir: Path, part: str) -> EvalResult:
    docs = load_part(data_dir, part)
    scores = Scores()
    for doc in docs:
        score_doc(scores, doc)
    label = "TE3 platinum" if part == "test" else "TBAQ-cleaned"
    payload: dict[str, Any] = {
        "suite": "tempeval3",
        "part": part,
        "n": len(docs),
        "n_gold_dates": scores.exact.gold,
        "date_detection_f1": {"exact": round(scores.exact.f1, 4), "overlap": round(scores.overlap.f1, 4)},
        "date_value_f1": round(scores.value.f1, 4),
        "detail": {
            "exact": scores.exact.as_dict(),
            "overlap": scores.overlap.as_dict(),
            "value": scores.value.as_dict(),
        },
    }
    lines = [f"TempEval-3 {label}: {len(docs)} documents, {scores.exact.gold} gold DATE expressions", ""]
    lines.append(f"{'measure':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}")
    for label_, t in (
        ("DATE span exact", scores.exact),
        ("DATE span overlap", scores.overlap),
        ("DATE value", scores.value),
    ):
        lines.append(f"{label_:<20}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}{t.tp:>6}{t.pred:>6}{t.gold:>6}")
    lines += ["", "characteristic errors:"]
    step = max(1, len(scores.errors) // 10)
    lines += ["  " + e for e in scores.errors[::step][:10]]
    return EvalResult(payload, lines)


def run(data_dir: Path) -> EvalResult:
    return run_part(data_dir, "test")
