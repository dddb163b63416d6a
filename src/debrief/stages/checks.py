"""Checks: a stated total against the sum of its itemised counts.

An itemised list is a claim (or sentence) with three or more counts; its stated total is a count
in the same or the few preceding sentences that is at least as large as the largest item. The
verdict respects the total's qualifier: "nearly 300" holds for 255..300, "more than 50" for > 50,
"around 4,000" within 10 %, an exact figure only when equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from debrief.document import Document
from debrief.pipeline import Context
from debrief.records import Check, Quantity, Stated, Verdict

LOOKBACK_SENTENCES = 3
NEARLY_SLACK = 0.15
AROUND_SLACK = 0.10


def verdict(stated: float, approx: str | None, computed: float) -> tuple[Verdict, str]:
    """Is `computed` consistent with a total stated as `approx` `stated`?"""
    if approx == "nearly":
        ok = stated * (1 - NEARLY_SLACK) <= computed <= stated
        why = f"'nearly {stated:g}' allows {stated * (1 - NEARLY_SLACK):g}..{stated:g}"
    elif approx in ("more than", "at least"):
        ok = computed > stated if approx == "more than" else computed >= stated
        why = f"'{approx} {stated:g}'"
    elif approx in ("fewer than", "up to", "at most"):
        ok = computed < stated if approx == "fewer than" else computed <= stated
        why = f"'{approx} {stated:g}'"
    elif approx in ("around", "vague"):
        ok = abs(computed - stated) <= stated * AROUND_SLACK
        why = f"'{approx} {stated:g}' allows ±{AROUND_SLACK:.0%}"
    else:
        ok = computed == stated
        why = "an exact total must equal the sum"
    return ("consistent" if ok else "inconsistent"), f"items sum to {computed:g}; {why}"


def _counts(quantities: list[Quantity]) -> list[Quantity]:
    return [q for q in quantities if q.kind == "count" and q.value is not None and q.category]


def find_checks(doc: Document) -> list[Check]:
    checks: list[Check] = []
    groups: list[tuple[str | None, list[Quantity], int]] = []
    for c in doc.claims:
        items = _counts(c.quantities)
        s = doc.sentence_of(c.content.start)
        if len(items) >= 3 and s is not None:
            groups.append((c.id, items, s.index))
    in_claims = {id(q) for _, items, _ in groups for q in items}
    for sent in doc.sentences:
        items = [q for q in _counts(doc.quantities) if sent.start <= q.start < sent.end]
        if len(items) >= 3 and not any(id(q) in in_claims for q in items):
            groups.append((None, items, sent.index))
    for claim_id, items, index in groups:
        total = sum(q.value or 0 for q in items)
        item_ids = {(q.start, q.end) for q in items}
        first = doc.sentences[max(0, index - LOOKBACK_SENTENCES)].start
        list_start = min(q.start for q in items)
        candidates = [
            q
            for q in _counts(doc.quantities)
            if first <= q.start < list_start
            and (q.start, q.end) not in item_ids
            and (q.value or 0) >= max(i.value or 0 for i in items)
        ]
        if not candidates:
            continue
        stated_q = min(candidates, key=lambda q: abs((q.value or 0) - total))
        assert stated_q.value is not None
        v, why = verdict(stated_q.value, stated_q.approx, total)
        numeral = stated_q.numeral or stated_q.text
        checks.append(
            Check(
                kind="total_vs_items",
                claim=claim_id,
                stated=Stated(
                    value=stated_q.value,
                    approx=stated_q.approx,
                    text=numeral,
                    start=stated_q.start,
                    end=stated_q.start + len(numeral),
                ),
                computed=total,
                items=items,
                verdict=v,
                explanation=why,
            )
        )
    return checks


@dataclass
class ChecksStage:
    context: Context
    name: str = "checks"

    def __call__(self, doc: Document) -> Document:
        doc.checks = find_checks(doc)
        return doc
