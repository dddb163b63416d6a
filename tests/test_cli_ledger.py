"""`debrief ingest|events|claims` through the real command line (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
import sys
import types
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from debrief.cli import app
from debrief.document import Document, document_id
from debrief.errors import InputError, StageError
from debrief.ledger import Ledger
from debrief.ledger.schema import documents
from debrief.options import IngestOptions, PipelineOptions
from debrief.records import Event
from test_ledger import filled_ledger, rt_document

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "ledger.db"
    filled_ledger(path).close()
    return str(path)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- events / claims


def test_events_json_with_filters(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--type", "AIR_STRIKE", "--admin1", "homs", "--format", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert (row["id"], row["doc_id"], row["publisher"]) == ("e1", rt_document().id, "RT")
    assert row["location"]["lat"] == 34.73


def test_events_every_filter_reaches_the_query(db: str) -> None:
    def event_ids(*options: str) -> list[str]:
        code, out, err = run("events", "--db", db, "-f", "json", *options)
        assert code == 0, err
        return [f"{r['publisher'][:2]}:{r['id']}" for r in json.loads(out)]

    assert event_ids("--since", "2015-11-13") == ["Re:e1"]
    assert event_ids("--until", "2015-11-11") == ["RT:e1", "RT:e2"]
    assert event_ids("--type", "armed_clash", "--type", "PEACE_PROTEST") == ["RT:e3", "Re:e1", "Re:e2"]
    assert event_ids("--country", "SY", "--admin1", "Aleppo") == ["RT:e2", "RT:e3"]
    assert event_ids("--speaker", "Konashenkov") == ["RT:e1", "RT:e2"]
    assert event_ids("--publisher", "reuters") == ["Re:e1", "Re:e2"]
    assert event_ids("--limit", "1") == ["RT:e1"]


def test_claims_csv_and_stance(db: str) -> None:
    code, out, _ = run("claims", "--db", db, "--stance", "deny", "--format", "csv")
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["id"], row["stance"], row["speaker_org"]) == ("c2", "deny", "Russian Defense Ministry")

    code, out, _ = run("claims", "--db", db, "--type", "ARMED_CLASH", "--since", "2016-01-01", "-f", "json")
    assert [r["speaker"]["organization"] for r in json.loads(out)] == ["Syrian Observatory for Human Rights"]


def test_geojson_and_default_table(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--format", "geojson")
    assert code == 0
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [36.72, 34.73]}

    code, out, _ = run("claims", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "speaker", "cue"]
    assert lines[-1] == "4 claims"


def test_db_from_environment(db: str) -> None:
    code, out, _ = run("events", "-f", "json", env={"DEBRIEF_DB": db})
    assert code == 0 and len(json.loads(out)) == 5


def test_missing_ledger_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEBRIEF_DB", raising=False)
    for command in ("events", "claims"):
        code, out, err = run(command)
        assert code == 1 and out == ""
        assert err.strip() == "no ledger at debrief.db: run `debrief ingest` first"
    assert not (tmp_path / "debrief.db").exists()  # reading never creates a ledger


def test_a_missing_database_driver_is_a_clear_error() -> None:
    try:  # psycopg is the optional extra debrief[postgres]
        import psycopg  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("psycopg is installed")
    code, _, err = run("claims", "--db", "postgresql+psycopg://ledger:secret@localhost/ledger")
    assert code == 1
    assert "database driver not installed" in err and "debrief[postgres]" in err
    assert "secret" not in err and "Traceback" not in err


def test_bad_options_are_usage_errors(db: str) -> None:
    assert run("events", "--db", db, "--since", "13/11/2015")[0] == 2
    assert run("claims", "--db", db, "--stance", "maybe")[0] == 2
    assert run("events", "--db", db, "--format", "parquet")[0] == 2
    code, _, err = run("events", "--db", db, "--type", "AIRSTRIKE")
    assert code == 2 and "unknown event type AIRSTRIKE" in err and "AIR_STRIKE" in err
    code, _, err = run("events", "--db", db, "--since", "2016-01-02", "--until", "2016-01-01")
    assert code == 1 and "after" in err


# --------------------------------------------------------------------------- ingest, with stand-ins


class StandInPipeline:
    """Replaces the Pipeline the runners build (debrief.workers.Pipeline): one OTHER event per document;
    fails on "BOOM"."""

    built: ClassVar[list[PipelineOptions]] = []
    seen: ClassVar[list[str]] = []

    def __init__(self, options: PipelineOptions | None = None, registry: object = None) -> None:
        self.options = options or PipelineOptions()
        StandInPipeline.built.append(self.options)

    def __call__(self, doc: Document) -> Document:
        StandInPipeline.seen.append(doc.info.source or doc.id)
        if "BOOM" in doc.text:
            raise StageError("events", doc.id, "ValueError: unparseable")
        doc.events = [Event(id="e1", type="OTHER")]
        return doc


def stand_in_read_sources(
    sources: Iterable[str], options: IngestOptions | None = None
) -> Iterator[Document | InputError]:
    for source in sources:
        path = Path(source)
        if not path.exists():
            yield InputError(source, "no such file")
        else:
            yield Document.from_text(path.read_text(), source=source)


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> type[StandInPipeline]:
    fake = types.ModuleType("debrief.ingest")
    fake.read_sources = stand_in_read_sources  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "debrief.ingest", fake)
    monkeypatch.setattr("debrief.workers.Pipeline", StandInPipeline)
    monkeypatch.setattr(StandInPipeline, "built", [])
    monkeypatch.setattr(StandInPipeline, "seen", [])
    return StandInPipeline


def test_ingest_reports_each_bad_input_and_keeps_going(tmp_path: Path, stand_ins: type[StandInPipeline]) -> None:
    good, bad, missing = tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "missing.txt"
    good.write_text("Shelling hit the market in Idlib.")
    bad.write_text("BOOM went the parser.")
    db = str(tmp_path / "l.db")

    code, out, err = run("ingest", str(missing), str(good), str(bad), "--db", db, "--published", "2015-11-13")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"{missing}: no such file"
    assert lines[1].startswith(f"{bad}: stage 'events' failed on document")
    assert lines[-1] == "ingested 1, already present 0, failed 2"
    assert [o.published for o in stand_ins.built] == [date(2015, 11, 13)]  # one pipeline per run

    with Ledger.open(db, create=False) as ledger:
        assert ledger.stats().as_dict() == {"documents": 1, "events": 1, "claims": 0, "checks": 0}
        assert ledger.has(document_id(good.read_text()))

    stand_ins.seen.clear()
    code, _, err = run("ingest", str(good), "--db", db)
    assert code == 0
    assert err.splitlines() == ["ingested 0, already present 1, failed 0"]
    assert stand_ins.seen == []  # a known document is not run through the pipeline again


def test_ingest_uses_the_default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stand_ins: object) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEBRIEF_DB", raising=False)
    (tmp_path / "a.txt").write_text("Two rockets hit Kharkiv.")
    code, _, err = run("ingest", "a.txt")
    assert code == 0 and err.strip() == "ingested 1, already present 0, failed 0"
    code, out, _ = run("events", "-f", "json")
    assert code == 0 and [r["type"] for r in json.loads(out)] == ["OTHER"]


# --------------------------------------------------------------------------- the real thing


def _real_readers_available() -> bool:
    try:
        from debrief.ingest import read_sources  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _real_readers_available(), reason="debrief.ingest not written yet")
def test_ingest_with_the_real_readers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("debrief.workers.Pipeline", StandInPipeline)
    monkeypatch.setattr(StandInPipeline, "built", [])
    monkeypatch.setattr(StandInPipeline, "seen", [])
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "one.txt").write_text("Artillery shelled the outskirts of Donetsk on Monday.")
    (folder / "two.txt").write_text("BOOM: the stand-in pipeline fails on this one.")
    db = str(tmp_path / "l.db")
    missing = str(tmp_path / "nowhere.txt")

    result = runner.invoke(
        app, ["ingest", str(folder), "-", missing, "--db", db], input="Shelling hit a market in Aleppo.\n"
    )
    lines = result.stderr.splitlines()
    assert result.exit_code == 1, result.stderr
    assert lines[-1] == "ingested 2, already present 0, failed 2"
    assert sum("two.txt" in line for line in lines) == 1  # the stage failure names its file
    assert sum(missing in line for line in lines) == 1  # so does the unreadable input
    with Ledger.open(db, create=False) as ledger:
        assert ledger.stats().documents == 2
        assert ledger.has(document_id("Shelling hit a market in Aleppo."))


def _real_ingest_available() -> bool:
    try:
        from debrief.ingest import read_sources  # noqa: F401
        from debrief.pipeline import default_registry

        default_registry()
    except (ImportError, AttributeError):  # a module or a stage class not there yet
        return False
    return True


@pytest.mark.skipif(not _real_ingest_available(), reason="debrief.ingest or the pipeline stages not written yet")
def test_ingest_end_to_end(tmp_path: Path) -> None:
    article = tmp_path / "briefing.txt"
    article.write_text(
        "On November 11-12 Russian warplanes delivered airstrikes in the Syrian provinces of Aleppo and "
        "Homs, Major General Igor Konashenkov, spokesman for the Russian Defense Ministry, said in a daily "
        "briefing.\n\n\u201cThe airstrikes resulted in the elimination of 34 command observation "
        "posts,\u201d Konashenkov reported.\n"
    )
    db = str(tmp_path / "l.db")
    missing = str(tmp_path / "missing.txt")

    code, _, err = run("ingest", str(article), missing, "--db", db, "--published", "2015-11-13")
    assert code == 1, err
    assert err.splitlines()[-1] == "ingested 1, already present 0, failed 1"
    assert any(missing in line for line in err.splitlines()[:-1])

    code, _, err = run("ingest", str(article), "--db", db)
    assert code == 0 and err.splitlines()[-1] == "ingested 0, already present 1, failed 0"

    with Ledger.open(db, create=False) as ledger, ledger.engine.connect() as conn:
        assert ledger.stats().documents == 1
        doc_id = conn.execute(select(documents.c.id)).scalar_one()
        report = ledger.report(doc_id)
        assert report is not None and report.document.published is not None
        assert report.document.published.date == "2015-11-13"
        assert report.document.source is not None and report.document.source.endswith("briefing.txt")
    code, out, _ = run("events", "--db", db, "-f", "json")
    assert code == 0
    assert all(row["doc_id"] == doc_id for row in json.loads(out))
