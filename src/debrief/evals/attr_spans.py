"""Span scoring shared by the attribution and time-expression suites.

Two matchings, both one-to-one (a gold span pairs with at most one predicted span, greedily in
text order):

* **exact** — the spans have the same start and end after trimming whitespace, quotation marks
  and sentence punctuation at both edges (annotators differ on whether a final period or closing
  quote belongs to the content);
* **overlap** — the spans share at least one character (the lenient measure of the PARC/Citron
  literature: "a source is found" when any part of it is found).
"""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[int, int]
_EDGE = " \t\n.,;:!?\"'“”‘’—–-()"


def trim(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


@dataclass
class Tally:
    """True positives, predictions and gold items, with precision, recall and F1."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


def match(gold: list[Span], pred: list[Span], *, exact: bool) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), one-to-one, greedily by largest overlap."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if exact:
                if g == p:
                    pairs.append((g[1] - g[0], gi, pi))
            else:
                inter = min(g[1], p[1]) - max(g[0], p[0])
                if inter > 0:
                    pairs.append((inter, gi, pi))
    pairs.sort(key=lambda t: -t[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out
