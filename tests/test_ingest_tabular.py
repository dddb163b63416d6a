"""JSON Lines and CSV: column recognition, row-level errors, the Guardian sample."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from debrief.document import Document
from debrief.errors import InputError
from debrief.ingest import read_sources
from debrief.options import IngestOptions


def data_dir() -> Path:
    env = os.environ.get("DEBRIEF_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "data"


def read(path: Path, options: IngestOptions | None = None) -> list[Document | InputError]:
    return list(read_sources([str(path)], options))


def summary(items: list[Document | InputError]) -> list[tuple[str, str]]:
    """(source, text or 'ERROR: problem') per item."""
    return [
        (item.info.source or "", item.text) if isinstance(item, Document) else (item.source, f"ERROR: {item.problem}")
        for item in items
    ]


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_columns_recognised_case_insensitively(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    rows = [
        {
            "Headline": "Strikes hit Homs",
            "BODY": "Jets struck Homs.",
            "Link": "https://example.com/a",
            "PubDate": "13 November 2015",
            "Outlet": "Example Wire",
            "lang": "en-GB",
        },
        {
            "title": "Talks",
            "full_text": "Talks resumed in Geneva.",
            "published_at": "2016-02-01T09:30:00Z",
            "source": {"id": "x", "name": "NewsAPI Outlet"},
        },
        {"story": "Clashes near Aleppo.", "date": "March 2016", "site": "Example Site"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second, third = read(path)
    assert isinstance(first, Document) and isinstance(second, Document) and isinstance(third, Document)
    assert first.text == "Jets struck Homs."
    assert (first.info.title, first.info.url, first.info.publisher) == (
        "Strikes hit Homs",
        "https://example.com/a",
        "Example Wire",
    )
    assert first.info.published is not None
    assert (first.info.published.date, first.info.published.precision) == ("2015-11-13", "day")
    assert first.info.published.inferred is False
    assert first.info.source == f"{path}:1"
    assert second.info.publisher == "NewsAPI Outlet"
    assert second.info.published is not None and second.info.published.date == "2016-02-01"
    assert third.info.published is not None
    assert (third.info.published.date, third.info.published.precision) == ("2016-03-01", "month")
    assert third.info.publisher == "Example Site"


def test_jsonl_row_errors_do_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.ndjson"
    lines = [
        '{"text": "One."}',
        "",  # blank lines are skipped but still counted
        '{"text": "Two.", ',
        '{"title": "no text column"}',
        '{"text": "   "}',
        '["an", "array"]',
        '{"text": ["Para one.", "Para two."]}',
        '{"text": {"nested": 1}}',
        '{"text": "Eight."}',
    ]
    path.write_bytes(("\n".join(lines)).encode("utf-8") + b'\n{"text": "bad \xff byte"}\n')
    assert summary(read(path)) == [
        (f"{path}:1", "One."),
        (f"{path}:3", "ERROR: malformed JSON: Expecting property name enclosed in double quotes (column 17)"),
        (f"{path}:4", "ERROR: no text column (looked for text, body, content, article, full_text, story)"),
        (f"{path}:5", "ERROR: empty text"),
        (f"{path}:6", "ERROR: expected a JSON object, got array"),
        (f"{path}:7", "Para one.\n\nPara two."),
        (f"{path}:8", "ERROR: text is not a string (got dict)"),
        (f"{path}:9", "Eight."),
        (f"{path}:10", "ERROR: not valid UTF-8 (byte 0xff at column 15)"),
    ]


def test_jsonl_line_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n", encoding="utf-8")
    assert summary(read(path, IngestOptions(max_bytes=1000))) == [
        (f"{path}:1", "ERROR: line too long (limit 1,000 bytes)"),
        (f"{path}:2", "small"),
    ]


def test_jsonl_empty_and_binary(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    gz = tmp_path / "packed.jsonl"
    gz.write_bytes(b"\x1f\x8b\x08\x00rest")
    assert summary(read(empty) + read(gz)) == [
        (str(empty), "ERROR: empty file"),
        (str(gz), "ERROR: binary file (looks like gzip)"),
    ]


def test_jsonl_html_body_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "html.jsonl"
    path.write_text(
        json.dumps({"content": "<p>Shelling in <b>Idlib</b>.</p><p>Two dead.</p>"}) + "\n", encoding="utf-8"
    )
    assert summary(read(path)) == [(f"{path}:1", "Shelling in Idlib.\n\nTwo dead.")]


# ---------------------------------------------------------------- CSV


def test_csv_columns_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        '\ufeff"Headline","Article","URL","Publish_Date","Publisher"\n'
        '"Strikes","Jets struck\nHoms.","https://example.com/1","2015-11-13","Wire"\n'
        '"No body","","https://example.com/2","2015-11-14","Wire"\n'
        "\n"
        '"Third","Clashes, again.","","not a date",""\n',
        encoding="utf-8",
    )
    items = read(path)
    assert summary(items) == [
        (f"{path}:2", "Jets struck\nHoms."),
        (f"{path}:3", "ERROR: empty text"),
        (f"{path}:5", "Clashes, again."),
    ]
    first, third = items[0], items[2]
    assert isinstance(first, Document) and isinstance(third, Document)
    assert (first.info.title, first.info.url, first.info.publisher) == (
        "Strikes",
        "https://example.com/1",
        "Wire",
    )
    assert first.info.published is not None and first.info.published.date == "2015-11-13"
    assert third.info.published is None
    assert (third.info.url, third.info.publisher) == (None, None)


def test_csv_semicolons_and_short_rows(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("title;text;date\nA;Shelling in Idlib, Syria.;2016\nB\n", encoding="utf-8")
    items = read(path)
    assert summary(items) == [(f"{path}:2", "Shelling in Idlib, Syria."), (f"{path}:3", "ERROR: empty text")]
    first = items[0]
    assert isinstance(first, Document) and first.info.published is not None
    assert (first.info.published.date, first.info.published.precision) == ("2016-01-01", "year")


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "meta.csv"
    path.write_text("id,title\n1,A\n2,B\n", encoding="utf-8")
    assert summary(read(path)) == [
        (
            str(path),
            "ERROR: no text column (looked for text, body, content, article, full_text, story; found 'id', 'title')",
        ),
    ]


def test_csv_bad_bytes_and_oversized_field_are_row_errors(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b'text,title\nGood one.,A\nBad \xff byte.,B\n"' + b"y" * 3000 + b'",C\nGood two.,D\n')
    items = read(path, IngestOptions(max_bytes=1000))
    got = summary(items)
    assert got[0] == (f"{path}:2", "Good one.")
    assert got[1] == (f"{path}:3", "ERROR: not valid UTF-8 (byte 0xff in column 'text')")
    assert got[2][0] == f"{path}:4" and got[2][1].startswith("ERROR: ")
    assert got[-1][1] == "Good two."


def test_csv_header_only_and_empty(tmp_path: Path) -> None:
    header = tmp_path / "header.csv"
    header.write_text("text,title\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert read(header) == []
    assert summary(read(empty)) == [(str(empty), "ERROR: empty file")]


@pytest.mark.data
def test_guardian_sample() -> None:
    path = data_dir() / "guardian_sdf_sample" / "Guardian_SDF_sample.csv"
    if not path.exists():
        pytest.skip(f"{path} not present")
    items = read(path)
    documents = [item for item in items if isinstance(item, Document)]
    assert len(items) == len(documents) == 249
    assert all(d.info.published is not None and d.info.published.precision == "day" for d in documents)
    assert all(d.info.publisher == "Guardian" for d in documents)
    assert documents[0].info.source == f"{path}:2"
    assert documents[0].info.published is not None and documents[0].info.published.date == "2019-04-10"
    assert documents[0].text.startswith("Baghdad and Washington are in talks")


def test_jsonl_lone_surrogate_is_a_row_error(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"text": "bad \\ud800 text"}\n{"text": "Fine.", "title": "odd \\udc00 title"}\n', encoding="utf-8")
    items = read(path)
    assert summary(items) == [
        (f"{path}:1", "ERROR: text is not valid Unicode (lone surrogate U+D800 at character 4)"),
        (f"{path}:2", "Fine."),
    ]
    second = items[1]
    assert isinstance(second, Document) and second.info.title == "odd \ufffd title"


def test_csv_full_html_page_in_a_cell(tmp_path: Path) -> None:
    path = tmp_path / "pages.csv"
    page = (
        "<!doctype html><html><head><title>Page title</title></head>"
        "<body><p>Shelling in Idlib killed three.</p></body></html>"
    )
    path.write_text(f'text,title\n"{page}",Row title\n', encoding="utf-8")
    items = read(path)
    assert summary(items) == [(f"{path}:2", "Shelling in Idlib killed three.")]
    first = items[0]
    assert isinstance(first, Document) and first.info.title == "Row title"
