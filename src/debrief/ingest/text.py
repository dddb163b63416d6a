"""Single-document inputs: plain text and HTML from bytes (files, standard input, fetched pages)."""

from __future__ import annotations

from pathlib import Path

from debrief.document import Document
from debrief.ingest.build import build_document
from debrief.ingest.html import html_document
from debrief.ingest.sniff import decode_html, decode_text, looks_like_html, read_limited
from debrief.options import IngestOptions


def bytes_document(
    data: bytes,
    source: str,
    *,
    html: bool | None = None,
    charset: str | None = None,
    url: str | None = None,
    noun: str = "file",
) -> Document:
    """`data` as a Document: HTML when `html` is True (or, when None, when it starts like HTML),
    else strict UTF-8 text. Raises InputError for empty, binary or undecodable content."""
    if html is None:
        html = looks_like_html(data)
    if html:
        return html_document(decode_html(data, source, charset, noun), source, url=url)
    return build_document(decode_text(data, source, noun), source, url=url)


def text_file(path: Path, source: str, options: IngestOptions) -> Document:
    """A .txt/.md (or unknown-extension) file; content that starts like HTML is read as HTML."""
    return bytes_document(read_limited(path, source, options.max_bytes), source)


def html_file(path: Path, source: str, options: IngestOptions) -> Document:
    return bytes_document(read_limited(path, source, options.max_bytes), source, html=True)
