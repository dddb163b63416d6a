"""Sources → Documents: dispatch on what each source is (file, folder, "-", URL) and on extension.

Nothing here raises for a bad input: every problem becomes an InputError in the output stream,
in order, and the batch carries on.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest.feeds import feed_items, looks_like_feed, read_feed
from debrief.ingest.remote import is_url, read_url
from debrief.ingest.sniff import UTF8_BOM, format_mb, looks_like_html
from debrief.ingest.tabular import read_csv, read_jsonl
from debrief.ingest.text import bytes_document, html_file, text_file
from debrief.options import IngestOptions

Item = Document | InputError
STDIN = "<stdin>"

_MULTI: dict[str, Callable[[Path, str, IngestOptions], Iterator[Item]]] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".tsv": read_csv,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
_SINGLE: dict[str, Callable[[Path, str, IngestOptions], Document]] = {
    ".html": html_file,
    ".htm": html_file,
    ".xhtml": html_file,
}


def read_sources(
    sources: Iterable[str],
    options: IngestOptions | None = None,
    *,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Documents from files, folders (recursive, sorted, hidden entries skipped), "-" (standard
    input) and http(s) URLs; every unreadable input or row comes out as an InputError instead."""
    opts = options or IngestOptions()
    for source in [sources] if isinstance(sources, str) else sources:  # one path passed bare
        if source == "-":
            yield from read_stdin(stdin, opts)
        elif is_url(source):
            yield from read_url(source, opts)
        else:
            yield from read_path(source, opts)


def read_file(path: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    """One file by its extension; anything not tabular, a feed or HTML is read as (sniffed) text."""
    suffix = path.suffix.lower()
    multi = _MULTI.get(suffix)
    if multi is not None:
        yield from multi(path, source, options)
        return
    single = _SINGLE.get(suffix, text_file)
    try:
        yield single(path, source, options)
    except InputError as exc:
        yield exc


def read_path(source: str, options: IngestOptions) -> Iterator[Item]:
    path = Path(source)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
        return
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except OSError as exc:
        yield InputError(source, f"could not read: {exc.strerror or exc}")
        return
    if not stat.S_ISDIR(mode):
        yield from read_file(path, source, options)
        return
    problems: list[InputError] = []
    files = folder_files(path, options, problems)
    yield from problems
    if not files and not problems:
        yield InputError(source, f"no readable files (looked for {', '.join(options.extensions)})")
    for file in files:
        yield from read_file(file, str(file), options)


def folder_files(root: Path, options: IngestOptions, problems: list[InputError]) -> list[Path]:
    """Regular files under `root` with a recognised extension, sorted by path; hidden names and
    project papers (README, LICENSE, SOURCE…: `options.skip_stems`) skipped.

    Folders that cannot be listed are appended to `problems`."""
    wanted = {ext.lower() for ext in options.extensions}
    papers = {stem.upper() for stem in options.skip_stems}

    def failed(exc: OSError) -> None:
        where = str(exc.filename) if exc.filename else str(root)
        denied = isinstance(exc, PermissionError)
        problems.append(InputError(where, "permission denied" if denied else f"could not list: {exc.strerror}"))

    found: list[tuple[tuple[str, ...], Path]] = []
    for folder, subfolders, names in os.walk(root, onerror=failed):
        subfolders[:] = [] if not options.recursive else [d for d in subfolders if not d.startswith(".")]
        for name in names:
            stem, ext = os.path.splitext(name)
            if name.startswith(".") or ext.lower() not in wanted or stem.upper() in papers:
                continue
            file = Path(folder, name)
            if file.is_file():  # skips sockets, FIFOs and broken links
                found.append((file.relative_to(root).parts, file))
    return [file for _, file in sorted(found)]


def read_stdin(stream: TextIO | BinaryIO | None, options: IngestOptions) -> Iterator[Item]:
    """Standard input: one document, HTML or text by sniffing (or the entries of a feed)."""
    try:
        data = _stdin_bytes(stream, options.max_bytes)
    except InputError as exc:
        yield exc
        return
    head = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    if head.lstrip().startswith(b"<") and not looks_like_html(data) and looks_like_feed(data):
        yield from feed_items(data, STDIN)
        return
    try:
        yield bytes_document(data, STDIN, noun="input")
    except InputError as exc:
        yield exc


def _stdin_bytes(stream: TextIO | BinaryIO | None, limit: int) -> bytes:
    """Up to `limit` bytes of `stream` (or of the process's standard input), as bytes."""
    reader: TextIO | BinaryIO = stream if stream is not None else sys.stdin
    buffer = getattr(reader, "buffer", None)
    try:
        raw = buffer.read(limit + 1) if isinstance(buffer, io.BufferedIOBase) else reader.read(limit + 1)
        data = raw.encode("utf-8", errors="surrogateescape") if isinstance(raw, str) else bytes(raw)
    except UnicodeDecodeError as exc:
        raise InputError(STDIN, f"not valid {exc.encoding} (byte 0x{exc.object[exc.start]:02x})") from exc
    except UnicodeEncodeError as exc:
        raise InputError(STDIN, "not valid Unicode text") from exc
    except OSError as exc:
        raise InputError(STDIN, f"could not read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(STDIN, f"too large (over the {format_mb(limit)} limit)")
    return data
