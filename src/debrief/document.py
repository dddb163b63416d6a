"""The one object that flows through the pipeline.

Stages read what earlier stages set and add their own annotations; every annotation carries
character offsets into :attr:`Document.text`. :meth:`Document.to_report` assembles the contract
record (:class:`~debrief.records.Report`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from debrief.records import (
    Check,
    Claim,
    DateValue,
    DocumentInfo,
    Event,
    Mention,
    PlaceMention,
    Quantity,
    Report,
    Sentence,
    Timex,
    Token,
    Toponym,
    WeaponMention,
)

_WS = re.compile(r"[ \t\f\v\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, unified newlines, runs of blanks folded, stripped. The id is the SHA-256 of this."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()


def document_id(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class Document:
    text: str
    info: DocumentInfo
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)  # every place name, with its role
    mentions: list[Mention] = field(default_factory=list)
    weapons: list[WeaponMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    stages_run: list[str] = field(default_factory=list)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        publisher: str | None = None,
        url: str | None = None,
        published: DateValue | None = None,
        language: str = "en",
        source: str | None = None,
    ) -> Document:
        """Normalise `text` and make a document whose id is the SHA-256 of the normalised text."""
        norm = normalise_text(text)
        info = DocumentInfo(
            id=hashlib.sha256(norm.encode("utf-8")).hexdigest(),
            title=title,
            publisher=publisher,
            url=url,
            published=published,
            language=language,
            source=source,
        )
        return cls(text=norm, info=info)

    @property
    def id(self) -> str:
        return self.info.id

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_of(self, offset: int) -> Sentence | None:
        """The sentence containing character `offset` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def in_span(self, items: list, start: int, end: int) -> list:
        """Annotations of `items` (anything with start/end) lying inside [start, end)."""
        return [x for x in items if x.start >= start and x.end <= end]

    def to_report(self) -> Report:
        return Report(
            document=self.info, events=self.events, claims=self.claims, checks=self.checks, toponyms=self.toponyms
        )
