"""Toponyms that the places stage does not count as places: demonyms and regions' words
("Russian", "Sri Lankan", "European") and place names that open a longer name ("Georgia Public
Service Commission", "Paris Junior College"). With the names read as actors, they complete the
toponym layer of :func:`debrief.stages.places.find_toponyms`.

Each is a :class:`~debrief.records.PlaceMention` with its role, resolved to the country or region
the word belongs to, or to the best candidate of the name in the document's country focus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from debrief.document import Document, Token
from debrief.gazetteer.names import fold
from debrief.records import PlaceCandidate, PlaceMention, ToponymRole
from debrief.stages.places_resolve import BROAD, precision, score
from debrief.stages.places_words import (
    FEATURE_HEADS,
    FEATURE_WORDS,
    ORG_WORDS,
    ROAD_WORDS,
    RUN_MODIFIERS,
    STREET_WORDS,
    words,
)

if TYPE_CHECKING:
    from debrief.stages.places import DocumentLookups

EMBEDDED_FEATURES = frozenset({"PCLI", "PPLC"})
FOCUS = 0.3  # share of the document's main country focus that makes a country's provinces count
EMBEDDED_POPULATION = 1_000_000  # a city opening a longer name counts from this size ("Paris Junior College")
_ARTICLES = frozenset({"The", "A", "An"})
# words after a town's name that make the name a local institution's ("Mansfield Police")
INSTITUTION_WORDS = ORG_WORDS | words(
    "sheriff sheriffs mayor fire county parish city town village township district schools hospital "
    "library chamber airport station board"
)
# lowercase words after a town's name that make it a local body's ("Roselle police")
LOCAL_BODIES = words(
    "police officers detectives deputies sheriff firefighters trustees council councilmen aldermen officials "
    "residents schools mayor"
)
AREA_WORDS = words("county parish province governorate district oblast prefecture")
_WIDTHS = (2, 1)  # two-word names first: "Sri Lankan", "New York Police Department"


def _capitalised(t: Token) -> bool:
    return t.text[:1].isupper() and any(ch.isalpha() for ch in t.text)


def _word(t: Token) -> bool:
    """A plain word: letters only ("Egyptian", not "Egyptian-" or "A's")."""
    return t.text.isalpha()


def _covered(size: int, taken: Sequence[tuple[int, int]]) -> bytearray:
    """One byte per character of the text: 1 where a span of `taken` covers it."""
    out = bytearray(size)
    for a, b in taken:
        out[a:b] = b"\x01" * (b - a)
    return out


def _free(start: int, end: int, covered: bytearray) -> bool:
    return not any(covered[start:end])


def _adjacent(toks: Sequence[Token]) -> bool:
    """Words separated by one space at most (a name, not two words across punctuation)."""
    return all(b.start - a.end <= 1 for a, b in pairwise(toks))


def demonym_candidate(text: str, lookups: DocumentLookups) -> PlaceCandidate | None:
    """The country a demonym names ("Russian" → Russia) or the region a region's word names
    ("European" → Europe); None for other words."""
    cc = lookups.demonym(text)
    if cc is not None:
        return lookups.gazetteer.country(cc)
    region = lookups.gazetteer.region_demonym(text)
    if region is None:
        return None
    # a region, or a province with its people's word ("Texan", "South Ossetian", "Kashmiri")
    return next((c for c in lookups.lookup(region) if c.match == 0 and (c.feature in BROAD or c.feature == "A1")), None)


def demonym_mentions(doc: Document, lookups: DocumentLookups, taken: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """Each capitalised demonym or region's word outside the spans `taken`, as a toponym."""
    out: list[PlaceMention] = []
    toks = doc.tokens
    covered = _covered(len(doc.text), taken)
    i = 0
    while i < len(toks):
        if not _capitalised(toks[i]):
            i += 1
            continue
        for width in _WIDTHS:
            words = toks[i : i + width]
            if len(words) < width or not _adjacent(words) or not all(_word(w) for w in words):
                continue
            start, end = words[0].start, words[-1].end
            text = doc.text[start:end]
            cand = demonym_candidate(text, lookups) if _free(start, end, covered) else None
            if cand is not None:
                m = PlaceMention(start, end, text, start, end, candidates=[cand], evidence="demonym", role="demonym")
                m.resolved = cand
                m.precision = precision(m, cand)
                out.append(m)
                i += width
                break
        else:
            i += 1
    return out


def _institution_follows(toks: Sequence[Token], k: int) -> bool:
    """One of the next three words names an institution ("Mansfield Police Department",
    "Pointe Coupee Sheriff's Office", "Rapides Parish Fire District")."""
    return any(fold(t.text) in INSTITUTION_WORDS for t in toks[k : k + 3])


def _opens_name(
    cand: PlaceCandidate, focus: dict[str, float], *, institution: bool = False, suffixed: bool = False
) -> bool:
    """A country, a capital, a city of a million, or a province of a country the document is about;
    before an institution's word, any town or area of a country the document is about; an area
    named with its own word for an area ("Guernsey County Courthouse", "DeSoto Parish Police Jury")."""
    if suffixed and cand.feature in ("A1", "A2"):
        return True
    in_focus = focus.get(cand.country or "", 0.0) >= FOCUS
    if institution and in_focus and (cand.feature.startswith("PPL") or cand.feature in ("A1", "A2")):
        return True
    if cand.feature == "A1":
        return in_focus
    return cand.feature in EMBEDDED_FEATURES or cand.population >= EMBEDDED_POPULATION


def embedded_mentions(
    doc: Document,
    lookups: DocumentLookups,
    taken: Sequence[tuple[int, int]],
    focus: dict[str, float],
    areas: set[tuple[str, str]],
    names: set[str],
) -> list[PlaceMention]:
    """Place names opening a longer capitalised name outside `taken`: a country, a province, a
    capital or a city of a million people ("Ohio Board of Regents", "Paris Junior College"), or a
    town of the document's country before a local body ("Roselle police"); never
    a compass word ("North Carolina" is read whole or not at all) nor a word of the people's names
    seen in the document (`names`, folded). `areas` are the (country, admin1 code) of the
    document's places."""
    out: list[PlaceMention] = []
    toks = doc.tokens
    covered = _covered(len(doc.text), taken)
    for i, tok in enumerate(toks):
        before = toks[i - 1] if i else None
        opens_run = before is None or not _capitalised(before) or before.text in _ARTICLES or before.end < tok.start - 1
        if not _capitalised(tok) or not opens_run:
            continue
        for width in _WIDTHS:
            words = toks[i : i + width + 1]  # the name and the word after it
            if len(words) < width + 1 or not _adjacent(words) or not all(_capitalised(w) for w in words[:-1]):
                continue
            local = fold(words[-1].text) in LOCAL_BODIES  # "Roselle police", "Schaumburg trustees"
            if not _capitalised(words[-1]) and not local:
                continue
            start, end = words[0].start, words[width - 1].end
            text = doc.text[start:end]
            if not _free(start, end, covered) or lookups.demonym(text) is not None or not all(_word(w) for w in words):
                continue
            if fold(words[0].text) in RUN_MODIFIERS or fold(words[0].text) in names:
                continue
            cands = [c for c in lookups.lookup(text) if c.match == 0]
            institution = local or _institution_follows(toks, i + width)
            suffixed = width > 1 and fold(words[width - 1].text) in AREA_WORDS
            if not any(
                _opens_name(c, focus, institution=institution, suffixed=suffixed) and fold(c.name) == fold(text)
                for c in cands
            ):
                continue  # by its own name, not an alternate one ("Paul" is no city's name)
            m = PlaceMention(start, end, text, start, end, candidates=cands, evidence="embedded", role="embedded")
            score(m, focus, areas)  # the towns of the provinces the document's places lie in first
            m.resolved = m.candidates[0]
            m.precision = precision(m, m.resolved)
            out.append(m)
            break
    return out


ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
STREET_ABBREVIATIONS = words("st rd ave dr ln blvd pkwy")  # read with their period: "Monument Ave."
STREET_NAME_WORDS = 3  # at most this many words before a street word ("Martin Luther King Boulevard")


def _street_word_before(toks: Sequence[Token], k: int) -> bool:
    """Token k can be part of a street's name: capitalised, not an article, and separated from the
    next token by one space at most ("E. Main Street", "Mineral Wells Avenue")."""
    t = toks[k]
    named = _capitalised(t) or ORDINAL.fullmatch(t.text) is not None  # "Northwest 34th Street"
    return named and t.text not in _ARTICLES and toks[k + 1].start - t.end <= 1


def _name_before(toks: Sequence[Token], i: int) -> int:
    """The first token of the name before token i (up to :data:`STREET_NAME_WORDS` words); i itself
    when none comes before it."""
    j = i
    while j > 0 and i - j < STREET_NAME_WORDS and _street_word_before(toks, j - 1):
        j -= 1
    return j


def _longest(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Only the longest of nested names: "Red River Valley", not also "Red River"."""
    return [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end for o in mentions)]


def street_mentions(doc: Document, taken: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """Streets named by up to three capitalised words before a street word ("Haifa Street", "E. Main
    Street", "Wichita Drive") and roads by a road word and a number ("Highway 114", "Interstate 75"),
    outside `taken`; unresolved, with the role "street" (places inside a town the gazetteer does not
    hold)."""
    toks = doc.tokens
    covered = _covered(len(doc.text), taken)
    out: list[PlaceMention] = []
    for i, tok in enumerate(toks):
        low = tok.text.lower().rstrip(".")  # "St.", "Ave." (fold reads "St." as "saint")
        after = toks[i + 1] if i + 1 < len(toks) else None
        number = after is not None and after.text.isdigit() and after.start - tok.end <= 1  # "County Road 43"
        if not _capitalised(tok):
            continue
        if low in STREET_WORDS and (j := _name_before(toks, i)) < i and not _title_before_name(toks, i):
            period = after is not None and after.text == "." and after.start == tok.end and low in STREET_ABBREVIATIONS
            start, end = toks[j].start, after.end if after is not None and (number or period) else tok.end
        elif low in ROAD_WORDS and after is not None and number:
            start, end = tok.start, after.end
        else:
            continue
        if _free(start, end, covered):
            out.append(_unresolved(doc, start, end, "street"))
    return _longest(out)


def _title_before_name(toks: Sequence[Token], i: int) -> bool:
    """Token i is "Dr" or "St" with no period, right before a capitalised word: a doctor or a saint
    ("Prime Minister Dr Keith Rowley", "St Patrick's church"), not "Drive" or "Street". With a period
    it stays a street ("Elm St. Traffic was diverted": the segmenter keeps "St." inside the sentence)."""
    if toks[i].text.lower() not in ("dr", "st") or i + 1 >= len(toks):
        return False
    after = toks[i + 1]
    return _capitalised(after) and after.start == toks[i].end + 1 and after.text != "."


def feature_mentions(doc: Document, taken: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """Natural features named by up to three capitalised words before a feature word ("Freeborn Lake",
    "Red River Valley") or after a head word ("Lake Vermont", "Mount Hood"), outside `taken`; with the
    role "feature", unresolved (the gazetteers on PyPI hold no rivers, lakes or mountains)."""
    toks = doc.tokens
    covered = _covered(len(doc.text), taken)
    out: list[PlaceMention] = []
    for i, tok in enumerate(toks):
        if not _capitalised(tok):
            continue
        low = tok.text.lower()
        j = _name_before(toks, i)
        if j == i and low in FEATURE_HEADS:  # "Lake Vermont", not the "Lake" of "Evergreen Lake"
            k = i
            while k + 1 < len(toks) and k - i < STREET_NAME_WORDS and _capitalised(toks[k + 1]):
                k += 1
            start, end = tok.start, toks[k].end
            if k == i or not _adjacent(toks[i : k + 1]):
                continue
        elif j < i and low in FEATURE_WORDS and toks[j].text.lower() not in FEATURE_HEADS:
            start, end = toks[j].start, tok.end
        else:
            continue
        if _free(start, end, covered):
            out.append(_unresolved(doc, start, end, "feature"))
    return _longest(out)


def _unresolved(doc: Document, start: int, end: int, role: ToponymRole) -> PlaceMention:
    text = doc.text[start:end]
    return PlaceMention(start, end, text, start, end, evidence=role, role=role)


# "Rep. Torrey Westrom, R-Elbow Lake,": a party's letter and the member's home town
PARTY_TAG = re.compile(r"(?<=[,(] )(?:R|D|I|DFL|GOP)-(?P<town>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})(?=[,);]| and\b)")


def home_mentions(doc: Document, lookups: DocumentLookups, taken: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """The home town in a politician's party tag ("Sen. Tom Bakk, DFL-Cook,", "Linda Sumner,
    R-Raleigh;"), outside `taken`, with the role "home": resolved to the most populous US place of
    that exact name (party tags are a US convention), else the most populous one anywhere, else left
    unresolved."""
    covered = _covered(len(doc.text), taken)
    out: list[PlaceMention] = []
    for m in PARTY_TAG.finditer(doc.text):
        start, end = m.span("town")
        if not _free(start, end, covered):
            continue
        mention = _unresolved(doc, start, end, "home")
        exact = [c for c in lookups.lookup(m.group("town")) if c.match == 0 and c.feature.startswith(("PPL", "A"))]
        if exact:
            best = max(exact, key=lambda c: (c.country == "US", c.population))
            mention.candidates, mention.resolved = exact, best
            mention.precision = precision(mention, best)
        out.append(mention)
    return out
