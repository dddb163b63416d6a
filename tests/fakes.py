"""A small in-memory stand-in for the gazetteer, for tests of stages that only need demonyms."""

from __future__ import annotations

from dataclasses import dataclass

from debrief.document import Document
from debrief.pipeline import Context
from debrief.records import PlaceCandidate

MARKER = "Rescuers"  # the failing test stage raises on the documents containing this word


@dataclass
class FailOnMarker:
    """A test stage that fails on the documents containing MARKER."""

    context: Context
    name: str = "fail_on_marker"

    def __call__(self, doc: Document) -> Document:
        if MARKER in doc.text:
            raise RuntimeError("marker found")
        return doc


COUNTRIES = {
    "RU": ("Russia", "Russian", 61.5, 105.3),
    "SY": ("Syria", "Syrian", 35.0, 38.5),
    "IQ": ("Iraq", "Iraqi", 33.0, 44.0),
    "UA": ("Ukraine", "Ukrainian", 49.0, 32.0),
    "US": ("United States", "American", 39.8, -98.6),
    "NG": ("Nigeria", "Nigerian", 9.1, 8.7),
}


class FakeGazetteer:
    def demonym(self, word: str) -> str | None:
        word = word.removesuffix("’s").removesuffix("'s")
        return next((cc for cc, (name, adj, _, _) in COUNTRIES.items() if word in (adj, name)), None)

    def country_name(self, cc: str) -> str | None:
        return COUNTRIES[cc][0] if cc in COUNTRIES else None

    def adjective_of(self, name: str) -> str | None:
        return next((adj for n, adj, _, _ in COUNTRIES.values() if n == name), None)

    def country(self, name_or_code: str) -> PlaceCandidate | None:
        for cc, (name, _adj, lat, lon) in COUNTRIES.items():
            if name_or_code in (cc, name):
                return PlaceCandidate(None, name, cc, None, lat, lon, "PCLI")
        return None
