"""Counts: every numeral attached to the noun phrase it counts ("34 command observation and
operational posts"), with its kind (count, duration, money, percent, measure).

The pure part (:func:`quantities_in`) reads a text and the spans to skip (time expressions);
the stage sets ``doc.quantities``. The noun phrase is read without a tagger: words after the
numeral until a boundary — punctuation, a preposition, a determiner, a verb form, or "and"/"or"
followed by another numeral or determiner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from debrief.document import Document
from debrief.numerals import Numeral, find_numerals
from debrief.pipeline import Context
from debrief.records import Quantity, QuantityKind

_WORD = re.compile(r"[A-Za-z][\w’'-]*|[^\w\s]|\d[\d,.]*")
STOP_WORDS = frozenset(
    [
        "of",
        "in",
        "at",
        "on",
        "near",
        "from",
        "to",
        "for",
        "by",
        "with",
        "during",
        "across",
        "into",
        "since",
        "after",
        "before",
        "under",
        "over",
        "against",
        "between",
        "among",
        "around",
        "through",
        "per",
        "within",
        "including",
        "inside",
        "outside",
        "toward",
        "towards",
        "while",
        "as",
        "than",
        "via",
        "without",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "their",
        "its",
        "his",
        "her",
        "our",
        "your",
        "my",
        "some",
        "any",
        "each",
        "every",
        "all",
        "both",
        "such",
        "who",
        "which",
        "whom",
        "whose",
        "where",
        "when",
        "what",
        "whether",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "do",
        "does",
        "did",
        "said",
        "says",
        "say",
        "told",
        "reported",
        "according",
        "according",
        "also",
        "already",
        "apparently",
        "reportedly",
        "overnight",
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "recently",
        "now",
        "again",
        "allegedly",
    ]
)
AUX_AFTER = frozenset({"and", "or", "but", "nor"})
TIME_UNITS = frozenset(
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
    ]
)
MONEY_WORDS = frozenset(
    [
        "dollars",
        "dollar",
        "usd",
        "euros",
        "euro",
        "pounds",
        "pound",
        "rubles",
        "roubles",
        "lira",
        "liras",
        "dinars",
        "riyals",
    ]
)
MEASURE_WORDS = frozenset(
    [
        "km",
        "kilometres",
        "kilometers",
        "kilometre",
        "kilometer",
        "miles",
        "mile",
        "metres",
        "meters",
        "metre",
        "meter",
        "tonnes",
        "tons",
        "tonne",
        "ton",
        "kg",
        "kilograms",
        "litres",
        "liters",
        "barrels",
        "hectares",
        "square",
    ]
)
MAX_WORDS = 7


def _is_verb_like(word: str, have: int) -> bool:
    """An -ing or -ed word after at least one noun word ends the phrase ('workshops producing …')."""
    w = word.lower()
    return have > 0 and (w.endswith("ing") or (w.endswith("ed") and len(w) > 4))


def noun_phrase(text: str, start: int) -> tuple[int, int] | None:
    """Span of the phrase a numeral ending at `start` counts, or None."""
    pos = start
    words: list[re.Match[str]] = []
    skipped_of = False
    for m in _WORD.finditer(text, pos):
        gap = text[pos : m.start()]
        if "\n" in gap:
            break
        tok = m.group()
        low = tok.lower()
        if not words and not skipped_of and low == "of":  # "dozens of civilians", "tens of thousands of"
            skipped_of = True
            pos = m.end()
            continue
        if not tok[0].isalpha():
            break
        if low in AUX_AFTER:
            nxt = _WORD.match(text, m.end() + 1) if m.end() < len(text) else None
            nxt_word = nxt.group().lower() if nxt else ""
            if (
                not words
                or not nxt
                or not nxt_word[0].isalpha()
                or nxt_word in STOP_WORDS
                or find_numerals(nxt.group())
            ):
                break
            words.append(m)
            pos = m.end()
            continue
        after_conj = bool(words) and words[-1].group().lower() in AUX_AFTER
        if low in STOP_WORDS or (not after_conj and _is_verb_like(tok, len(words))):
            break
        if find_numerals(tok):  # "three hundred" handled by numerals; a second number ends the phrase
            break
        words.append(m)
        pos = m.end()
        if len(words) >= MAX_WORDS:
            break
    while words and words[-1].group().lower() in AUX_AFTER:
        words.pop()
    if not words:
        return None
    return words[0].start(), words[-1].end()


def quantity_kind(numeral: Numeral, category: str | None) -> QuantityKind:
    if numeral.percent:
        return "percent"
    first = (category or "").lower().split()[:1]
    head = first[0] if first else ""
    if head in TIME_UNITS:
        return "duration"
    if head in MONEY_WORDS or numeral.text.startswith(("$", "€", "£")):
        return "money"
    if head in MEASURE_WORDS:
        return "measure"
    return "count"


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def quantities_in(text: str, skip: list[tuple[int, int]], offset: int = 0) -> list[Quantity]:
    """Quantities of `text` (whose first character is at `offset` in the document)."""
    out: list[Quantity] = []
    for num in find_numerals(text):
        s, e = num.start + offset, num.end + offset
        if _overlaps(s, e, skip):
            continue
        if num.approx is None and not num.percent and _looks_like_year(num):
            continue
        phrase = noun_phrase(text, num.end)
        category = text[phrase[0] : phrase[1]] if phrase else None
        end = phrase[1] + offset if phrase else e
        kind = quantity_kind(num, category)
        out.append(
            Quantity(
                value=num.value,
                low=num.low,
                high=num.high,
                approx=num.approx,  # type: ignore[arg-type]
                category=category,
                kind=kind,
                text=text[num.start : end - offset],
                start=s,
                end=end,
                numeral=num.text,
            )
        )
    return out


def _looks_like_year(num: Numeral) -> bool:
    return num.text.isdigit() and len(num.text) == 4 and 1900 <= num.value <= 2100


INJURY_WORDS = re.compile(r"\b(?:wounded|wounding|injured|injuring|injuries|hurt)\b", re.I)
DEATH_WORDS = re.compile(r"\b(?:killed|killing|dead|died|deaths?|death toll|lives)\b", re.I)


def injured_in(text: str, quantities: list[Quantity], start: int, end: int) -> int | None:
    """People injured in text[start:end]: the smallest count whose own clause names an injury
    and no death ("killed one and wounded two others" → 2), or None when none is given."""
    found: list[float] = []
    for q in quantities:
        if q.kind != "count" or q.value is None or not (start <= q.start < end):
            continue
        clause = re.split(r"[,;.]|\band\b", text[q.start : end], maxsplit=1)[0]
        before = re.split(r"[,;.]|\band\b", text[start : q.start])[-1]
        if INJURY_WORDS.search(clause + " " + before) and not DEATH_WORDS.search(clause + " " + before):
            found.append(q.value)
    return int(min(found)) if found else None


@dataclass
class NumbersStage:
    context: Context
    name: str = "numbers"

    def __call__(self, doc: Document) -> Document:
        skip = [(t.start, t.end) for t in doc.timexes if t.kind != "duration"]
        quantities: list[Quantity] = []
        for sent in doc.sentences:
            quantities.extend(quantities_in(doc.text[sent.start : sent.end], skip, sent.start))
        doc.quantities = quantities
        return doc
