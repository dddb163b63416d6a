"""One record (a JSON object, a CSV row) → Document, recognising column names case-insensitively."""

from __future__ import annotations

import re
from collections.abc import Mapping

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest.build import build_document
from debrief.ingest.dates import parse_published
from debrief.ingest.html import fragment_text, html_document
from debrief.ingest.sniff import looks_like_html, too_large

TEXT_COLUMNS = ("text", "body", "content", "article", "full_text", "story")
TITLE_COLUMNS = ("title", "headline")
URL_COLUMNS = ("url", "link")
PUBLISHED_COLUMNS = ("published", "date", "pubdate", "publish_date", "published_at", "datetime")
PUBLISHER_COLUMNS = ("publisher", "source", "outlet", "site", "sitename")
LANGUAGE_COLUMNS = ("language", "lang")

_MARKUP = re.compile(r"^\s*<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|!doctype|!--)", re.IGNORECASE)
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]+)?$")


def fold_keys(record: Mapping[str, object]) -> dict[str, object]:
    """Keys stripped and lower-cased; the first of several keys that fold alike wins."""
    folded: dict[str, object] = {}
    for key, value in record.items():
        folded.setdefault(str(key).strip().lower(), value)
    return folded


def has_text_column(keys: Mapping[str, object]) -> bool:
    return any(name in keys for name in TEXT_COLUMNS)


def _as_string(value: object) -> str | None:
    """A scalar or a list of strings as text; a mapping with a "name" (NewsAPI's source) as its name."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(item.strip() for item in value if item.strip()) or None
    if isinstance(value, Mapping):
        return _as_string(value.get("name"))
    return None


def _first(keys: Mapping[str, object], names: tuple[str, ...]) -> object:
    """The first non-empty value among `names` (in order of preference)."""
    for name in names:
        value = keys.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return value
    return None


def _language(value: object) -> str | None:
    match = _LANGUAGE.match(value.strip()) if isinstance(value, str) else None
    return match.group(1).lower() if match else None


def record_document(record: Mapping[str, object], source: str, max_bytes: int) -> Document | InputError:
    """The article in one record, or the InputError naming what is missing."""
    keys = fold_keys(record)
    if not has_text_column(keys):
        return InputError(source, f"no text column (looked for {', '.join(TEXT_COLUMNS)})")
    raw_text = _first(keys, TEXT_COLUMNS)
    text = _as_string(raw_text)
    if raw_text is not None and text is None and not isinstance(raw_text, str):
        return InputError(source, f"text is not a string (got {type(raw_text).__name__})")
    if not text:
        return InputError(source, "empty text")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        return InputError(source, too_large(size, max_bytes))

    title = _as_string(_first(keys, TITLE_COLUMNS))
    url = _as_string(_first(keys, URL_COLUMNS))
    publisher = _as_string(_first(keys, PUBLISHER_COLUMNS))
    published = parse_published(_first(keys, PUBLISHED_COLUMNS))
    language = _language(_first(keys, LANGUAGE_COLUMNS))
    try:
        if _MARKUP.match(text) and looks_like_html(text[:4096].encode("utf-8", errors="replace")):
            page = html_document(text, source, url=url)
            info = page.info
            return build_document(
                page.text,
                source,
                title=title or info.title,
                publisher=publisher or info.publisher,
                url=info.url,
                published=published or info.published,
                language=language or info.language,
            )
        if _MARKUP.match(text):
            text = fragment_text(text)
            if not text:
                return InputError(source, "no readable text in HTML")
        return build_document(
            text,
            source,
            title=title,
            publisher=publisher,
            url=url,
            published=published,
            language=language or "en",
        )
    except InputError as exc:
        return exc
