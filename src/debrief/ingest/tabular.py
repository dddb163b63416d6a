"""Many articles per file: JSON Lines (one object per line) and CSV (one article per row).

Both are streamed, so the size limit applies to each line or field rather than to the file. A bad
row yields an InputError named ``file:N`` and the rest of the file carries on; N is the line for
JSON Lines and the spreadsheet row for CSV (the header is row 1, the first article row 2).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest.columns import TEXT_COLUMNS, fold_keys, has_text_column, record_document
from debrief.ingest.sniff import UTF8_BOM, check_binary, check_content
from debrief.options import IngestOptions

Item = Document | InputError
_HEAD = 64 * 1024
_CHUNK = 1024 * 1024


def _open(path: Path, source: str) -> BinaryIO | InputError:
    """The file opened for reading after its head passed the empty/binary checks."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return InputError(source, "no such file or directory")
    except PermissionError:
        return InputError(source, "permission denied")
    except OSError as exc:
        return InputError(source, f"could not read: {exc.strerror or exc}")
    try:
        head = handle.read(_HEAD)
        if len(head) < _HEAD:
            check_content(head, source)  # the whole file: empty or binary
        else:
            check_binary(head, source)
        handle.seek(0)
    except InputError as exc:
        handle.close()
        return exc
    except OSError as exc:
        handle.close()
        return InputError(source, f"could not read: {exc.strerror or exc}")
    return handle


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line longer than `limit` (skipped)."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line without holding it
                rest = handle.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _undecodable(text: str) -> int | None:
    """The original byte of the first surrogate-escaped (undecodable) character, if any."""
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            return ord(ch) - 0xDC00
    return None


def read_jsonl(path: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    opened = _open(path, source)
    if isinstance(opened, InputError):
        yield opened
        return
    with opened as handle:
        try:
            for number, raw in _lines(handle, options.max_bytes):
                row = f"{source}:{number}"
                if raw is None:
                    yield InputError(row, f"line too long (limit {options.max_bytes:,} bytes)")
                    continue
                if number == 1 and raw.startswith(UTF8_BOM):
                    raw = raw[len(UTF8_BOM) :]
                if raw.strip():
                    yield _json_line(raw, row, options.max_bytes)
        except OSError as exc:
            yield InputError(source, f"could not read: {exc.strerror or exc}")


def _json_line(raw: bytes, row: str, max_bytes: int) -> Item:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(row, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
    try:
        record = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        return InputError(row, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return InputError(row, "malformed JSON: nested too deeply")
    if not isinstance(record, dict):
        kind = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
        return InputError(row, f"expected a JSON object, got {kind.get(type(record), 'null')}")
    return record_document(record, row, max_bytes)


def _delimiter(head: bytes) -> str:
    """',' unless the header line has more semicolons, tabs or pipes (outside quotes)."""
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    unquoted = "".join(part for i, part in enumerate(first.split('"')) if i % 2 == 0)
    counts = {sep: unquoted.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def read_csv(path: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    opened = _open(path, source)
    if isinstance(opened, InputError):
        yield opened
        return
    if csv.field_size_limit() < options.max_bytes:
        csv.field_size_limit(options.max_bytes)
    with opened as handle:
        delimiter = _delimiter(handle.read(_HEAD))
        handle.seek(0)
        stream = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
        try:
            yield from _csv_rows(csv.reader(stream, delimiter=delimiter), source, options.max_bytes)
        except OSError as exc:
            yield InputError(source, f"could not read: {exc.strerror or exc}")
        finally:
            stream.detach()


def _csv_rows(reader: Iterator[list[str]], source: str, max_bytes: int) -> Iterator[Item]:
    header: list[str] | None = None
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            number += 1
            yield InputError(f"{source}:{number}", f"malformed CSV: {exc}")
            continue
        number += 1
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            if not has_text_column(fold_keys(dict.fromkeys(header))):
                found = ", ".join(repr(name) for name in header)
                yield InputError(source, f"no text column (looked for {', '.join(TEXT_COLUMNS)}; found {found})")
                return
            continue
        yield _csv_row(header, row, f"{source}:{number}", max_bytes)
    if header is None:
        yield InputError(source, "empty file")


def _csv_row(header: list[str], row: list[str], name: str, max_bytes: int) -> Item:
    record: dict[str, object] = {}
    for index, column in enumerate(header):
        cell = row[index] if index < len(row) else ""  # a short row leaves the rest empty
        bad = _undecodable(cell)
        if bad is not None:
            return InputError(name, f"not valid UTF-8 (byte 0x{bad:02x} in column {column!r})")
        record.setdefault(column, cell)
    return record_document(record, name, max_bytes)
