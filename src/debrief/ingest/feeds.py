"""RSS and Atom feeds: one Document per entry (its content, else its summary, as plain text).

An entry is named ``feed.xml:N`` (N counts entries from 1). The feed's title is the publisher.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import feedparser

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest.build import build_document
from debrief.ingest.dates import from_struct_time, parse_published
from debrief.ingest.html import fragment_text, readable
from debrief.ingest.sniff import check_content, read_limited
from debrief.options import IngestOptions
from debrief.records import DateValue

Item = Document | InputError
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


def read_feed(path: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    try:
        data = read_limited(path, source, options.max_bytes)
        check_content(data, source)
    except InputError as exc:
        yield exc
        return
    yield from feed_items(data, source)


def looks_like_feed(data: bytes) -> bool:
    """True when the head of `data` holds an RSS, Atom or RDF root element."""
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_items(data: bytes, source: str) -> Iterator[Item]:
    """The entries of the feed in `data`; one InputError when it is not a feed or has no entries."""
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception as exc:  # third-party parser on untrusted input: report it as this input's problem
        yield InputError(source, f"not an RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            reason = parsed.get("bozo_exception")
            yield InputError(source, f"not an RSS/Atom feed ({reason})" if reason else "not an RSS/Atom feed")
        elif not parsed.get("version"):
            yield InputError(source, "not an RSS/Atom feed")
        else:
            yield InputError(source, "feed has no entries")
        return
    channel: Mapping[str, Any] = parsed.get("feed") or {}
    publisher = _plain(channel.get("title"))
    language = _language(channel.get("language"))
    for number, entry in enumerate(entries, start=1):
        yield _entry_document(entry, f"{source}:{number}", publisher, language)


def _plain(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return (fragment_text(value) if "<" in value or "&" in value else value.strip()) or None


def _language(value: object) -> str:
    match = _LANGUAGE.match(value.strip()) if isinstance(value, str) else None
    return match.group(1).lower() if match else "en"


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The longest readable body among the entry's contents and its summary."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or ""))
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    texts = []
    for value, kind in candidates:
        if not value.strip():
            continue
        text = value.strip() if kind == "text/plain" and "<" not in value else fragment_text(value)
        if readable(text):
            texts.append(text)
    return max(texts, key=len) if texts else ""


def _entry_date(entry: Mapping[str, Any]) -> DateValue | None:
    for key in ("published", "updated", "created"):
        value = parse_published(entry.get(key))
        if value is not None:
            return value
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = from_struct_time(entry.get(key))
        if value is not None:
            return value
    return None


def _entry_document(entry: Mapping[str, Any], source: str, publisher: str | None, language: str) -> Item:
    text = _entry_text(entry)
    if not text:
        return InputError(source, "entry has no content or summary")
    link = entry.get("link")
    try:
        return build_document(
            text,
            source,
            title=_plain(entry.get("title")),
            publisher=publisher,
            url=link if isinstance(link, str) and link else None,
            published=_entry_date(entry),
            language=_language(entry.get("language")) if entry.get("language") else language,
        )
    except InputError as exc:
        return exc
