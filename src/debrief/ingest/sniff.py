"""Byte-level checks shared by every reader: size, emptiness, binary content, encodings.

Every check raises :class:`~debrief.errors.InputError` naming the source and the problem in words
a user can act on ("binary file (looks like PDF)", "not valid UTF-8 (byte 0xff at offset 12)").
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from debrief.errors import InputError

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Signatures strong enough to trust on their own (the first bytes of the file).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"(\xb5/\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2, e.g. DOC/XLS)"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"OggS", "Ogg"),
    (b"\x00asm", "WebAssembly"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_XML_DECL = re.compile(rb"""^<\?xml[^>]{0,200}?\?>\s*""", re.IGNORECASE)
_COMMENT = re.compile(rb"^<!--.*?-->\s*", re.DOTALL)


def format_mb(size: int) -> str:
    """Sizes in MB to one decimal ("50.0 MB"); below 0.1 MB in KB, so small limits stay legible."""
    if size < 1024 * 1024 // 10:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size: int, limit: int) -> str:
    return f"too large ({format_mb(size)}, limit {format_mb(limit)})"


def read_limited(path: Path, source: str, max_bytes: int) -> bytes:
    """The bytes of `path`, refusing (via stat, before reading) anything over `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, too_large(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError as exc:
        raise InputError(source, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(source, "is a directory") from exc
    except FileNotFoundError as exc:
        raise InputError(source, "no such file or directory") from exc
    except OSError as exc:
        raise InputError(source, f"could not read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # the file grew between stat and read
        raise InputError(source, too_large(len(data), max_bytes))
    return data


def binary_kind(data: bytes) -> str | None:
    """'PDF', 'PNG', ... for a known signature, '' for other binary content (NUL bytes), else None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "MP4/MOV"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return data[8:12].decode("ascii").strip()
    if data.startswith(UTF16_BOMS):
        return None  # UTF-16 text is full of NUL bytes
    if b"\x00" in data:
        return ""
    return None


def check_content(data: bytes, source: str, noun: str = "file") -> None:
    """Refuse empty and binary content."""
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    if not body.strip():
        raise InputError(source, f"empty {noun}")
    check_binary(body, source, noun)


def check_binary(data: bytes, source: str, noun: str = "file") -> None:
    """Refuse content with a known binary signature or NUL bytes."""
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    kind = binary_kind(body)
    if kind is not None:
        raise InputError(source, f"binary {noun} (looks like {kind})" if kind else f"binary {noun}")


def _decode(data: bytes, source: str, encoding: str, label: str, skip: int = 0) -> str:
    try:
        return data[skip:].decode(encoding, errors="strict")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        raise InputError(source, f"not valid {label} (byte 0x{data[offset]:02x} at offset {offset})") from exc


def decode_text(data: bytes, source: str, noun: str = "file") -> str:
    """Strict UTF-8 (BOM stripped). A UTF-16 byte-order mark is honoured as an explicit declaration."""
    check_content(data, source, noun)
    if data.startswith(UTF8_BOM):
        text = _decode(data, source, "utf-8", "UTF-8", skip=len(UTF8_BOM))
    elif data.startswith(UTF16_BOMS):
        text = _decode(data, source, "utf-16", "UTF-16")
    else:
        text = _decode(data, source, "utf-8", "UTF-8")
    if not text.strip():
        raise InputError(source, f"empty {noun}")
    return text


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by a `<meta charset>` / `http-equiv` declaration in the first 4 KB.

    Labels follow the WHATWG rules that matter in practice: ``iso-8859-1``/``ascii`` mean
    windows-1252; a UTF-16 declaration inside the document is ignored. Unknown labels give None.
    """
    match = _META_CHARSET.search(data[:4096])
    return normalise_charset(match.group(1).decode("ascii", "replace")) if match else None


def normalise_charset(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return None
    return name


def decode_html(data: bytes, source: str, charset: str | None = None, noun: str = "file") -> str:
    """Decode HTML: a BOM wins, then `charset` (e.g. from an HTTP header), then `<meta charset>`,
    else strict UTF-8."""
    if data.startswith((UTF8_BOM, *UTF16_BOMS)):
        return decode_text(data, source, noun)
    encoding = normalise_charset(charset) or declared_charset(data)
    if encoding is None or encoding == "utf-8":
        return decode_text(data, source, noun)
    check_content(data, source, noun)
    text = _decode(data, source, encoding, encoding)
    if not text.strip():
        raise InputError(source, f"empty {noun}")
    return text


def looks_like_html(data: bytes) -> bool:
    """True when the content starts (after a BOM, blanks, an XML declaration or a comment) with
    ``<!doctype html`` or ``<html``."""
    head = data[:4096]
    if head.startswith(UTF8_BOM):
        head = head[len(UTF8_BOM) :]
    head = _XML_DECL.sub(b"", head.lstrip(), count=1)
    while head.startswith(b"<!--"):
        stripped = _COMMENT.sub(b"", head, count=1)
        if stripped == head:
            break
        head = stripped
    lowered = head[:20].lower()
    return lowered.startswith((b"<!doctype html", b"<html"))
