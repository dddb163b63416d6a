"""The one place readers make Documents: refuses text that is not valid Unicode (lone surrogates,
e.g. from a JSON ``"\\ud800"`` escape, cannot be encoded, stored or hashed) and repairs metadata."""

from __future__ import annotations

import re

from debrief.document import Document
from debrief.errors import InputError
from debrief.records import DateValue

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _SURROGATE.sub("\ufffd", value).strip()
    return value or None


def build_document(
    text: str,
    source: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    published: DateValue | None = None,
    language: str = "en",
) -> Document:
    """A Document from extracted text and metadata; InputError when the text is not valid Unicode."""
    bad = _SURROGATE.search(text)
    if bad is not None:
        raise InputError(
            source,
            f"text is not valid Unicode (lone surrogate U+{ord(bad.group()):04X} at character {bad.start()})",
        )
    return Document.from_text(
        text,
        title=_clean(title),
        publisher=_clean(publisher),
        url=_clean(url),
        published=published,
        language=language,
        source=source,
    )
