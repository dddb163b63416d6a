"""Numbers in running text: digits, number words, vague numerals, ranges and qualifiers.

Pure functions over a string. :func:`find_numerals` returns every numeric expression with its
value, bounds, qualifier and character span; the numbers stage attaches each to what it counts.

Conventions follow ACLED's coding of vague numerals: "tens" = 10, "dozens" = 12, "scores" = 20,
"hundreds" = 100, "thousands" = 1000; "a dozen" = 12. Qualifiers keep their sense in `approx`
and in the bounds: "nearly 300" has high 300, "more than 50" low 50, "at least 7" low 7.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {  # ACLED conventions for vague plurals
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
}
SINGLE_VAGUE = {"a dozen": 12, "a score": 20, "a hundred": 100, "a thousand": 1000, "a couple": 2}

QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("no fewer than", "at least"),
    ("no less than", "at least"),
    ("a minimum of", "at least"),
    ("at least", "at least"),
    ("more than", "more than"),
    ("over", "more than"),
    ("upwards of", "more than"),
    ("in excess of", "more than"),
    ("above", "more than"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("close to", "nearly"),
    ("just under", "nearly"),
    ("fewer than", "fewer than"),
    ("less than", "fewer than"),
    ("under", "fewer than"),
    ("up to", "up to"),
    ("as many as", "up to"),
    ("at most", "at most"),
    ("no more than", "at most"),
    ("around", "around"),
    ("about", "around"),
    ("approximately", "around"),
    ("roughly", "around"),
    ("some", "around"),
    ("an estimated", "around"),
    ("estimated", "around"),
    ("circa", "around"),
    ("about", "around"),
    ("some", "around"),
)

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A numeral: digits (optionally followed by a scale word) or a run of number words.
_NUMERAL = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion))?"
    rf"|(?:a\s+)?(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*)"
)
_VAGUE_RE = r"(?:tens|dozens|scores|hundreds|thousands|millions)(?:\s+of\s+(?:thousands|millions))?"
_SINGLE_VAGUE_RE = r"a\s+(?:dozen|score|couple)"
_QUAL_RE = "|".join(re.escape(q) for q, _ in sorted(set(QUALIFIERS), key=lambda x: -len(x[0])))

PATTERN = re.compile(
    rf"(?<![\w@#/.:-])"
    rf"(?:(?P<qual>{_QUAL_RE})\s+)?"
    rf"(?:between\s+(?P<b_lo>{_NUMERAL})\s+and\s+(?P<b_hi>{_NUMERAL})"
    rf"|from\s+(?P<f_lo>{_NUMERAL})\s+to\s+(?P<f_hi>{_NUMERAL})"
    rf"|(?P<lo>{_DIGITS})\s*[-–—]\s*(?P<hi>{_DIGITS})(?![\w-])"
    rf"|(?P<lo2>{_NUMERAL})\s+(?:to|or)\s+(?P<hi2>{_NUMERAL})(?![\w-])"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<svague>{_SINGLE_VAGUE_RE})"
    rf"|(?P<num>{_NUMERAL}))"
    rf"(?P<pct>\s*(?:%|per\s?cent|percent))?"
    rf"(?![\w])(?!-[A-Za-z\d])(?!\.\d)(?!:\d)",
    re.IGNORECASE,
)


# Words that introduce a breakdown of a count already given ("23 civilians, among them seven children"):
# the numbers after them are parts of that count, neither alternatives to it nor items of a list.
SUBSET_CUE = re.compile(r"\b(?:among|including|of whom|of them|such as)\b", re.I)


def subset_zones(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of [start, end) that break a count down: from a subset cue to the end of its clause."""
    zones = []
    for m in SUBSET_CUE.finditer(text, start, end):
        stop = re.compile(r"[,;)—]|$", re.M).search(text, m.end(), end)
        zones.append((m.start(), stop.start() if stop else end))
    return zones


@dataclass(frozen=True, slots=True)
class Numeral:
    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    approx: str | None
    percent: bool = False


def words_to_number(text: str) -> float | None:
    """'three hundred' → 300, 'twenty-five' → 25, '4,000' → 4000, '2.5 million' → 2500000."""
    s = text.lower().replace("–", "-").strip()
    if s.startswith("a "):
        s = "one " + s[2:]
    tokens = [t for t in re.split(r"[\s-]+", s) if t and t != "and"]
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        if re.fullmatch(r"[\d,]+(?:\.\d+)?", tok):
            current += float(tok.replace(",", ""))
        elif tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok in SCALES:
            scale = SCALES[tok]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _vague_value(text: str) -> float:
    words = text.lower().split()
    value = 1.0
    for w in words:
        if w in VAGUE:
            value *= VAGUE[w]
    return value


def _bounds(value: float, approx: str | None) -> tuple[float | None, float | None]:
    if approx in ("nearly", "fewer than", "up to", "at most"):
        return None, value
    if approx in ("more than", "at least"):
        return value, None
    if approx == "vague":
        return value, None
    return value, value


def _qualifier(word: str | None) -> str | None:
    if not word:
        return None
    w = " ".join(word.lower().split())
    return next((label for q, label in QUALIFIERS if q == w), None)


def find_numerals(text: str) -> list[Numeral]:
    """Every numeric expression in `text`, left to right, non-overlapping."""
    out: list[Numeral] = []
    for m in PATTERN.finditer(text):
        value: float
        low: float | None
        high: float | None
        approx = _qualifier(m.group("qual"))
        lo_t = m.group("b_lo") or m.group("f_lo") or m.group("lo") or m.group("lo2")
        hi_t = m.group("b_hi") or m.group("f_hi") or m.group("hi") or m.group("hi2")
        if lo_t and hi_t:
            lo, hi = words_to_number(lo_t), words_to_number(hi_t)
            if lo is None or hi is None or hi <= lo:
                # "one or two" style failures and "11-12" where hi <= lo: read as the first numeral
                if lo is None:
                    continue
                value, low, high = lo, lo, lo
                lo_group = "lo" if m.group("lo") else "lo2" if m.group("lo2") else None
                end = m.start(lo_group) + len(lo_t) if lo_group else m.end()
                out.append(Numeral(m.start(), end, text[m.start() : end], value, low, high, approx))
                continue
            value, low, high = lo, lo, hi
            if approx in ("up to", "at most", "nearly"):
                low = None
        elif m.group("vague"):
            value = _vague_value(m.group("vague"))
            approx = approx or "vague"
            low, high = _bounds(value, approx)
        elif m.group("svague"):
            value = float(SINGLE_VAGUE[" ".join(m.group("svague").lower().split())])
            low, high = _bounds(value, approx)
        else:
            parsed = words_to_number(m.group("num"))
            if parsed is None:
                continue
            value = parsed
            low, high = _bounds(value, approx)
        out.append(Numeral(m.start(), m.end(), m.group(), value, low, high, approx, percent=bool(m.group("pct"))))
    return out
