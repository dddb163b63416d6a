"""The places stage: toponym recognition, resolution and precision over the gazetteer.

Reads ``doc.sentences`` and ``doc.tokens`` (the segment stage) and sets ``doc.places``: one
:class:`~debrief.records.PlaceMention` per place named, sorted by offset, each with its resolved
candidate, its scored alternatives, a precision (point | near | admin2 | admin1 | country) and
the hint the surrounding words gave. Recognition is in :mod:`places_recognize`, resolution in
:mod:`places_resolve`; gazetteer lookups are memoised per document.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from debrief.document import Document
from debrief.gazetteer import Gazetteer
from debrief.gazetteer.names import fold
from debrief.pipeline import Context
from debrief.records import PlaceCandidate, PlaceMention, Toponym
from debrief.stages.places_anchor import stray_local_name
from debrief.stages.places_recognize import SentenceReader, masked_spans, sentence_tokens
from debrief.stages.places_resolve import country_focus, resolve
from debrief.stages.places_toponyms import (
    demonym_mentions,
    embedded_mentions,
    feature_mentions,
    home_mentions,
    street_mentions,
)

_CANDIDATES = 40


class DocumentLookups:
    """Gazetteer lookups memoised for one document."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.names: dict[str, list[PlaceCandidate]] = {}
        self.demonyms: dict[str, str | None] = {}

    def lookup(self, text: str) -> list[PlaceCandidate]:
        found = self.names.get(text)
        if found is None:
            found = self.gazetteer.lookup(text, limit=_CANDIDATES)
            self.names[text] = found
        return found

    def demonym(self, word: str) -> str | None:
        if word not in self.demonyms:
            self.demonyms[word] = self.gazetteer.demonym(word) if word[:1].isupper() else None
        return self.demonyms[word]


@dataclass
class _Reading:
    """What recognition found in a document, before resolution."""

    places: list[list[PlaceMention]]  # per sentence
    actors: list[list[PlaceMention]]  # per sentence: names read as actors
    demonyms: Counter[str]
    lookups: DocumentLookups
    names: set[str]  # words of people's names (as written)


def _read(doc: Document, gazetteer: Gazetteer) -> _Reading:
    lookups = DocumentLookups(gazetteer)
    masked = masked_spans(doc.text)
    per_sentence: list[list[PlaceMention]] = []
    actors: list[list[PlaceMention]] = []
    group = 0
    previous_paragraph = -1
    names: set[str] = set()
    for sentence, toks in zip(doc.sentences, sentence_tokens(doc), strict=True):
        reader = SentenceReader(
            doc,
            toks,
            masked,
            lookups.lookup,
            lookups.demonym,
            paragraph_start=sentence.paragraph != previous_paragraph,
            names=names,
        )
        previous_paragraph = sentence.paragraph
        mentions: list[PlaceMention] = []
        for listed in reader.read():
            if len(listed) > 1:
                group += 1
                for m in listed:
                    m.group = group
            mentions.extend(listed)
        per_sentence.append(mentions)
        actors.append(reader.actors)
    demonyms: Counter[str] = Counter()
    lowercase: set[str] = set()
    for t in doc.tokens:
        if t.text[:1].isupper():
            cc = lookups.demonym(t.text)
            if cc is not None:
                demonyms[cc] += 1
        elif t.text.islower():
            lowercase.add(t.text)
    per_sentence = [
        [m for m in mentions if not _common_or_person(m, doc, names, lowercase)] for mentions in per_sentence
    ]
    for mentions in per_sentence:  # "Hampton Park in Charleston": not the Hampton Park in Victoria
        by_start = {m.name_start: m for m in mentions}
        for m in mentions:
            if stray_local_name(doc.text, m, by_start):
                m.candidates = []
    return _Reading(per_sentence, actors, demonyms, lookups, names)


def find_places(doc: Document, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The place mentions of `doc` (segmented: sentences and tokens set), resolved, by offset."""
    reading = _read(doc, gazetteer)
    places = resolve(reading.places, reading.demonyms)
    places.sort(key=lambda m: m.start)
    return places


def find_toponyms(doc: Document, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every toponym of `doc`, by offset, each with its role: the places of :func:`find_places`
    (resolved alike), names read as actors ("Moscow said", "Israel's decision"), demonyms and
    regions' words ("Russian", "European"), names opening another name ("Georgia Public Service
    Commission"), streets, natural features the gazetteer lacks and politicians' home towns ("Haifa
    Street", "Freeborn Lake", "R-Elbow Lake"); see :mod:`places_toponyms`. The places stage keeps
    only the places: this is the layer a reader highlights and the geoparsing benchmarks count."""
    reading = _read(doc, gazetteer)
    for mentions in reading.actors:
        for m in mentions:
            m.role = "actor"
    focus = country_focus([m for mentions in reading.places for m in mentions], reading.demonyms)
    found = resolve(reading.places, reading.demonyms, reading.actors, focus)
    found += demonym_mentions(doc, reading.lookups, [(m.start, m.end) for m in found])
    taken = [(m.start, m.end) for m in found]
    areas = {
        (m.resolved.country, m.resolved.admin1_code)
        for m in found
        if m.role == "place" and m.resolved is not None and m.resolved.country and m.resolved.admin1_code
    }
    found += embedded_mentions(doc, reading.lookups, taken, focus, areas, {fold(w) for w in reading.names})
    found += home_mentions(doc, reading.lookups, [(m.start, m.end) for m in found])
    found += street_mentions(doc, [(m.start, m.end) for m in found])
    found += feature_mentions(doc, [(m.start, m.end) for m in found])
    found.sort(key=lambda m: m.start)
    return found


def _common_or_person(m: PlaceMention, doc: Document, names: set[str], lowercase: set[str]) -> bool:
    """One capitalised word that the document also writes in lower case ("Battle", "University") or
    uses as a person's name ("Assad" after "Bashar al-Assad"), with no pattern vouching for it."""
    if m.evidence in ("pattern", "dateline"):
        return False
    name = doc.text[m.name_start : m.name_end]
    if " " in name or any(c.match == 0 and c.feature in ("PCLI", "A1") for c in m.candidates):
        return False
    return name in names or name.lower() in lowercase


def toponym_record(m: PlaceMention) -> Toponym:
    """The record of a toponym: its location fields (resolution, precision) and its role."""
    r = m.resolved
    return Toponym(
        text=m.text,
        name=r.name if r else None,
        country=r.country if r else None,
        admin1=r.admin1 if r else None,
        lat=r.lat if r else None,
        lon=r.lon if r else None,
        geonames_id=r.geonames_id if r else None,
        precision=m.precision,
        start=m.start,
        end=m.end,
        role=m.role,
    )


@dataclass
class PlacesStage:
    """Sets ``doc.places`` (the places events can happen at) and ``doc.toponyms`` (every place
    name, with its role) in one reading."""

    context: Context
    name: str = "places"

    def __call__(self, doc: Document) -> Document:
        found = find_toponyms(doc, self.context.resources.gazetteer())
        doc.places = [m for m in found if m.role == "place"]
        doc.toponyms = [toponym_record(m) for m in found]
        return doc
