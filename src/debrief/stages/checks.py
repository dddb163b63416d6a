"""Checks: a stated total against the sum of its itemised counts.

An itemised list is a run of three or more counts separated by commas or "and"; its stated total is
a precise or qualified (not vague) count in the same or the few preceding sentences, at least as
large as the largest item, from the same source: the same claim, the same speaker or organisation,
or unattributed text on both sides. The
verdict respects the total's qualifier: "nearly 300" holds for 255..300, "more than 50" for > 50,
"around 4,000" within 10 %, an exact figure only when equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.document import Document
from debrief.numerals import SUBSET_CUE
from debrief.pipeline import Context
from debrief.records import Check, Claim, Quantity, Stated, Verdict
from debrief.stages.claims import claim_at

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


def itemised_runs(text: str, quantities: list[Quantity], minimum: int = 3) -> list[list[Quantity]]:
    """Runs of counts that form a list: consecutive items separated by a comma, semicolon or "and"
    (not a breakdown of a subset: "23 civilians, among them seven children and four women")."""
    runs: list[list[Quantity]] = []
    run: list[Quantity] = []
    for q in sorted(quantities, key=lambda q: q.start):
        if run:
            gap = text[run[-1].end : q.start]
            listed = re.search(r"[,;]|\band\b", gap) and not re.search(r"[.!?:]\s", gap) and not SUBSET_CUE.search(gap)
            if len(gap) <= 60 and listed:
                run.append(q)
                continue
            if len(run) >= minimum:
                runs.append(run)
        run = [q]
    if len(run) >= minimum:
        runs.append(run)
    return runs


def _source(claim: Claim | None) -> set[str]:
    if claim is None:
        return set()
    sp = claim.speaker
    return {x for x in (sp.name, sp.organization) if x}


def find_checks(doc: Document) -> list[Check]:
    checks: list[Check] = []
    counts = _counts(doc.quantities)
    listed = [q for q in doc.quantities if q.kind == "count" and q.value is not None]  # "23 in Ariha" too
    for items in itemised_runs(doc.text, listed):
        total = sum(q.value or 0 for q in items)
        list_start = min(q.start for q in items)
        items_claim = claim_at(doc.claims, list_start, items[-1].end)
        sent = doc.sentence_of(list_start)
        index = sent.index if sent else 0
        first = doc.sentences[max(0, index - LOOKBACK_SENTENCES)].start if doc.sentences else 0
        candidates = []
        for q in counts:
            if not (first <= q.start < list_start) or q in items or q.approx == "vague" or q.value is None:
                continue
            if q.value < max(i.value or 0 for i in items):
                continue
            stated_claim = claim_at(doc.claims, q.start, q.end)
            same_claim = stated_claim is not None and stated_claim is items_claim
            same_source = bool(_source(stated_claim) & _source(items_claim))
            unattributed = stated_claim is None and items_claim is None
            if same_claim or same_source or unattributed:
                candidates.append(q)
        if not candidates:
            continue
        stated_q = min(candidates, key=lambda q: abs((q.value or 0) - total))
        assert stated_q.value is not None
        v, why = verdict(stated_q.value, stated_q.approx, total)
        numeral = stated_q.numeral or stated_q.text
        checks.append(
            Check(
                kind="total_vs_items",
                claim=items_claim.id if items_claim else None,
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
