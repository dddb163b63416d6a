"""read_sources on single files, folders, standard input and mixed batches."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest import read_sources
from debrief.options import IngestOptions

ARTICLE = (
    "Russian warplanes struck 289 targets in eight provinces of Syria over the past three days, "
    "the Russian Defense Ministry said on Friday."
)


def docs(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items[0]
    return items[0]


def only_doc(items: list[Document | InputError]) -> Document:
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


# ---------------------------------------------------------------- plain text


def test_text_file_becomes_document(tmp_path: Path) -> None:
    path = tmp_path / "strikes.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8") + b"\r\n")
    doc = only_doc(list(read_sources([str(path)])))
    assert doc.text == ARTICLE  # BOM stripped, newline normalised
    assert doc.info.source == str(path)
    assert doc.info.published is None
    assert doc.info.language == "en"


def test_markdown_and_text_extensions(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Briefing\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "b.text").write_text(ARTICLE, encoding="utf-8")
    items = list(read_sources([str(tmp_path / "a.md"), str(tmp_path / "b.text")]))
    assert [d.text.splitlines()[0] for d in docs(items)] == ["# Briefing", ARTICLE]


def test_same_text_twice_gives_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "two.txt").write_text("  " + ARTICLE.replace(" ", "  ") + "\n\n\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text(ARTICLE + " More.", encoding="utf-8")
    one, two, other = docs(list(read_sources([str(tmp_path / n) for n in ("one.txt", "two.txt", "other.txt")])))
    assert one.id == two.id
    assert one.id != other.id
    assert len(one.id) == 64


def test_invalid_utf8_names_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Caf\xe9 in Aleppo was hit.")
    error = only_error(list(read_sources([str(path)])))
    assert error.source == str(path)
    assert error.problem == "not valid UTF-8 (byte 0xe9 at offset 3)"


def test_invalid_utf8_offset_counts_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfab\xff")
    assert only_error(list(read_sources([str(path)]))).problem == "not valid UTF-8 (byte 0xff at offset 5)"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", "\u00a0\u2003\n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_error(list(read_sources([str(path)]))).problem == "empty file"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (looks like PDF)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (looks like PNG)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (looks like ZIP (or DOCX/XLSX/EPUB))"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary file (looks like gzip)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (looks like JPEG)"),
        (b"\x7fELF\x02\x01\x01", "binary file (looks like ELF)"),
        (b"plain words then a \x00 NUL byte", "binary file"),
    ],
)
def test_binary_file(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert only_error(list(read_sources([str(path)]))).problem == problem


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))  # with BOM
    assert only_doc(list(read_sources([str(path)]))).text == ARTICLE


def test_too_large_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 50 MB written
        handle.truncate(50 * 1024 * 1024)
    error = only_error(list(read_sources([str(path)])))
    assert error.problem == "too large (50.0 MB, limit 20.0 MB)"


def test_custom_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    error = only_error(list(read_sources([str(path)], IngestOptions(max_bytes=1024))))
    assert error.problem == "too large (2.0 KB, limit 1.0 KB)"


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "gone.txt")
    error = only_error(list(read_sources([missing])))
    assert (error.source, error.problem) == (missing, "no such file or directory")


def test_txt_holding_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(
        "\n  <!DOCTYPE html><html><head><title>Strikes in Syria</title></head>"
        f"<body><script>var tracking = 1;</script><p>{ARTICLE}</p></body></html>",
        encoding="utf-8",
    )
    doc = only_doc(list(read_sources([str(path)])))
    assert doc.text == ARTICLE
    assert doc.info.title == "Strikes in Syria"
    assert "tracking" not in doc.text


def test_unknown_extension_named_explicitly_is_tried_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_doc(list(read_sources([str(path)]))).text == ARTICLE


# ---------------------------------------------------------------- batches and folders


def test_batch_mixing_bad_and_good(tmp_path: Path) -> None:
    good_txt = tmp_path / "good.txt"
    good_txt.write_text(ARTICLE, encoding="utf-8")
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.4 ...")
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    good_html = tmp_path / "good.html"
    good_html.write_text(f"<html><body><p>{ARTICLE} Second copy.</p></body></html>", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"\xe9t\xe9")
    missing = tmp_path / "missing.txt"
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "Shelling in Idlib."}\n{oops\n{"text": "Clashes near Homs."}\n', encoding="utf-8")
    good_md = tmp_path / "good.md"
    good_md.write_text("Third article about Aleppo.", encoding="utf-8")

    order = [good_txt, pdf, empty, good_html, latin, missing, broken, good_md]
    items = list(read_sources([str(p) for p in order]))

    assert [d.info.source for d in docs(items)] == [
        str(good_txt),
        str(good_html),
        f"{broken}:1",
        f"{broken}:3",
        str(good_md),
    ]
    assert [(e.source, e.problem.split(" (")[0]) for e in errors(items)] == [
        (str(pdf), "binary file"),
        (str(empty), "empty file"),
        (str(latin), "not valid UTF-8"),
        (str(missing), "no such file or directory"),
        (f"{broken}:2", "malformed JSON: Expecting property name enclosed in double quotes"),
    ]


def _tree(root: Path) -> None:
    for rel in ("b.txt", "a.txt", "sub/d.html", "sub/c.txt", "sub/deeper/e.md", "Z.TXT"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Article {rel} reports clashes.", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("hidden folder", encoding="utf-8")
    (root / ".secret.txt").write_text("hidden file", encoding="utf-8")
    (root / "notes.log").write_text("not a recognised extension", encoding="utf-8")
    (root / "sub" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")


def test_folder_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read_sources([str(tmp_path)]))
    assert not errors(items)
    assert [Path(d.info.source or "").relative_to(tmp_path).as_posix() for d in docs(items)] == [
        "Z.TXT",
        "a.txt",
        "b.txt",
        "sub/c.txt",
        "sub/d.html",
        "sub/deeper/e.md",
    ]


def test_folder_not_recursive(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read_sources([str(tmp_path)], IngestOptions(recursive=False)))
    assert [Path(d.info.source or "").name for d in docs(items)] == ["Z.TXT", "a.txt", "b.txt"]


def test_folder_extension_filter(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(read_sources([str(tmp_path)], IngestOptions(extensions=(".md", ".log"))))
    assert [Path(d.info.source or "").name for d in docs(items)] == ["notes.log", "e.md"]


def test_folder_with_no_readable_files(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    error = only_error(list(read_sources([str(tmp_path)])))
    assert error.source == str(tmp_path)
    assert error.problem.startswith("no readable files (looked for .txt, .text, .md, .html")


def test_bad_file_inside_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    items = list(read_sources([str(tmp_path)]))
    assert len(docs(items)) == 1
    assert [(e.source, e.problem) for e in errors(items)] == [(str(tmp_path / "b.txt"), "empty file")]


# ---------------------------------------------------------------- standard input


def test_stdin_text_bytes() -> None:
    doc = only_doc(list(read_sources(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8")))))
    assert doc.text == ARTICLE
    assert doc.info.source == "<stdin>"


def test_stdin_text_stream() -> None:
    assert only_doc(list(read_sources(["-"], stdin=io.StringIO(ARTICLE)))).text == ARTICLE


def test_stdin_wrapper_reads_underlying_bytes() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"ok \xff"), encoding="utf-8")
    error = only_error(list(read_sources(["-"], stdin=stream)))
    assert (error.source, error.problem) == ("<stdin>", "not valid UTF-8 (byte 0xff at offset 3)")


def test_stdin_html_is_sniffed() -> None:
    page = f"<!doctype html><html><head><title>Briefing</title></head><body><p>{ARTICLE}</p></body></html>"
    doc = only_doc(list(read_sources(["-"], stdin=io.BytesIO(page.encode("utf-8")))))
    assert doc.text == ARTICLE
    assert doc.info.title == "Briefing"
    assert doc.info.source == "<stdin>"


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty input"), (b"%PDF-1.5", "binary input (looks like PDF)"), (b"x" * 2048, "too large")],
)
def test_stdin_bad(data: bytes, problem: str) -> None:
    error = only_error(list(read_sources(["-"], IngestOptions(max_bytes=1024), stdin=io.BytesIO(data))))
    assert error.source == "<stdin>"
    assert error.problem.startswith(problem)


def test_a_bare_string_is_one_source(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_doc(list(read_sources(str(path)))).info.source == str(path)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked_file = tmp_path / "b.txt"
    locked_file.write_text(ARTICLE, encoding="utf-8")
    locked_dir = tmp_path / "c"
    locked_dir.mkdir()
    (locked_dir / "d.txt").write_text(ARTICLE, encoding="utf-8")
    locked_file.chmod(0)
    locked_dir.chmod(0)
    try:
        items = list(read_sources([str(tmp_path)]))
    finally:
        locked_dir.chmod(0o755)
        locked_file.chmod(0o644)
    assert len(docs(items)) == 1
    assert sorted((e.source, e.problem) for e in errors(items)) == [
        (str(locked_file), "permission denied"),
        (str(locked_dir), "permission denied"),
    ]


def test_permission_errors_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above for any user: the OS refusals are simulated."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "d.txt").write_text(ARTICLE, encoding="utf-8")
    real_open, real_scandir = Path.open, os.scandir

    def guarded_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    def guarded_scandir(path: object) -> object:
        if str(path) == str(tmp_path / "c"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded_open)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    items = list(read_sources([str(tmp_path)]))
    assert [d.info.source for d in docs(items)] == [str(tmp_path / "a.txt")]
    assert [(e.source, e.problem) for e in errors(items)] == [
        (str(tmp_path / "c"), "permission denied"),
        (str(tmp_path / "b.txt"), "permission denied"),
    ]


def test_folder_walk_skips_project_papers_but_not_named_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("About this corpus: 3 articles.", encoding="utf-8")
    (tmp_path / "SOURCE.md").write_text("Origin: a newspaper.", encoding="utf-8")
    (tmp_path / "story.txt").write_text("Shelling hit the town on Monday.", encoding="utf-8")
    walked = [d.info.source for d in read_sources([str(tmp_path)]) if not isinstance(d, InputError)]
    assert walked == [str(tmp_path / "story.txt")]
    named = [d for d in read_sources([str(tmp_path / "README.md")]) if not isinstance(d, InputError)]
    assert len(named) == 1
