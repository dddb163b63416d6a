"""The ledger: migrations, idempotent and transactional adds, every filter.

Reports are built by hand (``sample_reports``); test_export and test_cli_ledger reuse them.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, event, func, inspect, select, text
from sqlalchemy.dialects import postgresql

from debrief.document import Document
from debrief.errors import InputError, LedgerError, LedgerNotFoundError, StageError
from debrief.ledger import Ledger, load
from debrief.ledger import schema as ledger_schema
from debrief.ledger.connect import alembic_config, resolve
from debrief.ledger.query import claim_statement, event_statement
from debrief.options import ClaimFilter, EventFilter
from debrief.records import (
    Check,
    Claim,
    DateValue,
    Entity,
    Event,
    EventDate,
    Fatalities,
    Location,
    Quantity,
    Report,
    Span,
    Speaker,
    Stated,
    Weapon,
)

# --------------------------------------------------------------------------- samples

RT_TEXT = (
    "On November 11-12 Russian warplanes delivered airstrikes in the Syrian provinces of Aleppo "
    "and Homs, Major General Igor Konashenkov, spokesman for the Russian Defense Ministry, said. "
    "The airstrikes resulted in the elimination of 34 command observation and operational posts, "
    "Konashenkov reported. A Sukhoi Su-24M bomber hit a depot near Thaniet al-Rajma in Homs province. "
    "Fighting went on near Kweires airbase on November 12. "
    "There have been no S-400s, this is disinformation, the ministry said."
)

SOHR_TEXT = (
    "At least five fighters were killed in clashes in Idlib on Saturday, the Syrian Observatory for "
    "Human Rights said, adding the toll could rise to twelve. Residents of Öztürk said the protest "
    "was peaceful."
)


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def entity(text: str, phrase: str, name: str, kind: str) -> Entity:
    s = span(text, phrase)
    return Entity(text=phrase, name=name, kind=kind, start=s.start, end=s.end)


def place(name: str, admin1: str | None, lat: float | None, lon: float | None, country: str = "SY") -> Location:
    return Location(text=name, name=name, country=country, admin1=admin1, lat=lat, lon=lon, precision="admin1")


def rt_document() -> Document:
    """A Russian MoD briefing: two claimed air strikes, an unclaimed clash, a denial."""
    doc = Document.from_text(
        RT_TEXT,
        title="Russian jets hit nearly 300 targets in Syria",
        publisher="RT",
        url="https://www.rt.com/news/example",
        published=DateValue(date="2015-11-13", precision="day"),
        source="rt.txt",
    )
    t = doc.text
    dates = EventDate(start="2015-11-11", end="2015-11-12", precision="day", text="November 11-12")
    posts = span(t, "34 command observation and operational posts")
    su24 = span(t, "Su-24M")
    doc.events = [
        Event(
            id="e1",
            type="AIR_STRIKE",
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            actors=[entity(t, "Russian warplanes", "Military Forces of Russia", "state")],
            location=Location(
                text="Homs province",
                name="Homs",
                country="SY",
                admin1="Homs",
                lat=34.73,
                lon=36.72,
                geonames_id=169575,
                precision="admin1",
            ),
            date=dates,
            quantities=[
                Quantity(
                    value=34,
                    low=34,
                    high=34,
                    category="command observation and operational posts",
                    text=posts.text,
                    start=posts.start,
                    end=posts.end,
                )
            ],
            weapons=[Weapon(text="Su-24M", kind="aircraft", start=su24.start, end=su24.end)],
            claim="c1",
            evidence=[span(t, "Russian warplanes delivered airstrikes")],
            confidence=0.8,
        ),
        Event(
            id="e2",
            type="AIR_STRIKE",
            actors=[entity(t, "Russian warplanes", "Military Forces of Russia", "state")],
            location=place("Aleppo", "Aleppo", 36.2, 37.16),
            date=dates,
            claim="c1",
        ),
        Event(
            id="e3",
            type="ARMED_CLASH",
            location=place("Kweires airbase", "Aleppo", None, None),
            date=EventDate(start="2015-11-12", end="2015-11-12", precision="day", text="November 12"),
        ),
    ]
    doc.claims = [
        Claim(
            id="c1",
            speaker=Speaker(
                text="Major General Igor Konashenkov",
                name="Igor Konashenkov",
                role="spokesman",
                organization="Russian Defense Ministry",
                kind="person",
            ),
            cue="said",
            quote="indirect",
            stance="assert",
            content=span(t, "On November 11-12 Russian warplanes delivered airstrikes"),
            events=["e1", "e2"],
        ),
        Claim(
            id="c2",
            speaker=Speaker(text="the ministry", organization="Russian Defense Ministry", kind="organization"),
            cue="said",
            quote="indirect",
            stance="deny",
            content=span(t, "There have been no S-400s, this is disinformation"),
        ),
    ]
    doc.checks = [
        Check(
            kind="total_vs_items",
            claim="c1",
            stated=Stated(value=300, approx="nearly", text="nearly three hundred"),
            computed=289,
            verdict="consistent",
        )
    ]
    return doc


def sohr_document() -> Document:
    """A monitor's report: a hedged clash with a fatality range, and an undated protest."""
    doc = Document.from_text(
        SOHR_TEXT,
        title="Clashes in Idlib",
        publisher="Reuters Syria desk",
        published=DateValue(date="2016-02-01", precision="day"),
        source="reuters.txt",
    )
    t = doc.text
    doc.events = [
        Event(
            id="e1",
            type="ARMED_CLASH",
            location=place("Idlib", "Idlib", 35.93, 36.63),
            date=EventDate(start="2016-01-30", end="2016-01-30", precision="day", text="Saturday"),
            fatalities=Fatalities(low=5, best=5, high=12),
            claim="c1",
        ),
        Event(id="e2", type="PEACE_PROTEST", location=place("Öztürk", "Ḩalab", None, None)),
    ]
    doc.claims = [
        Claim(
            id="c1",
            speaker=Speaker(
                text="the Syrian Observatory for Human Rights",
                organization="Syrian Observatory for Human Rights",
                kind="organization",
            ),
            cue="said",
            quote="indirect",
            stance="hedge",
            content=span(t, "At least five fighters were killed in clashes in Idlib on Saturday"),
            date=EventDate(start="2016-01-31", end="2016-01-31", precision="day"),
            events=["e1"],
        ),
        Claim(
            id="c2",
            speaker=Speaker(text="Residents of Öztürk", name="ÖZTÜRK RESIDENTS", kind="unknown"),
            cue="said",
            quote="indirect",
            content=span(t, "the protest was peaceful"),
        ),
    ]
    return doc


def sample_reports() -> list[tuple[Report, str]]:
    return [(d.to_report(), d.text) for d in (rt_document(), sohr_document())]


def filled_ledger(path: str | Path) -> Ledger:
    ledger = Ledger.open(path)
    for report, doc_text in sample_reports():
        assert ledger.add(report, doc_text).inserted
    return ledger


POSTGRES_ENV = "DEBRIEF_TEST_POSTGRES"  # a scratch database, e.g. postgresql+psycopg://me@/scratch


def _wipe(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS checks, claims, events, documents, alembic_version"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty ledger location: a new SQLite file, and PostgreSQL when $DEBRIEF_TEST_POSTGRES is set
    (that database's ledger tables are dropped first)."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    pg_url = os.environ.get(POSTGRES_ENV)
    if not pg_url:
        pytest.skip(f"set {POSTGRES_ENV} to a scratch PostgreSQL database to run this on PostgreSQL")
    _wipe(pg_url)
    return pg_url


@pytest.fixture
def ledger(url: str) -> Iterator[Ledger]:
    with filled_ledger(url) as opened:
        yield opened


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{row['publisher'][:2]}:{row['id']}" for row in rows]


NOTHING = {"documents": 0, "events": 0, "claims": 0, "checks": 0}
ALL_OF_RT = {"documents": 1, "events": 3, "claims": 2, "checks": 1}  # rt_document's rows


# --------------------------------------------------------------------------- schema


def test_open_runs_migrations_on_a_new_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Ledger.open(path) as ledger:
        assert path.exists()
        insp = inspect(ledger.engine)
        assert {"documents", "events", "claims", "checks", "alembic_version"} <= set(insp.get_table_names())
        assert {c["name"] for c in insp.get_columns("events")} >= {"type", "date_start", "lat", "record"}
        assert insp.get_pk_constraint("events")["constrained_columns"] == ["doc_id", "id"]
        assert insp.get_pk_constraint("checks")["constrained_columns"] == ["doc_id", "ordinal"]
        assert {i["name"] for i in insp.get_indexes("events")} >= {"ix_events_type", "ix_events_admin1"}
        with ledger.engine.connect() as conn:
            assert conn.execute(text("select version_num from alembic_version")).scalar_one() == "0001"
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_migrated_database_matches_the_schema_module(url: str) -> None:
    with Ledger.open(url) as ledger, ledger.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), ledger_schema.metadata)
    assert diffs == []


def test_downgrade_removes_everything_and_upgrade_restores_it(url: str) -> None:
    with Ledger.open(url) as ledger:
        config = alembic_config()
        with ledger.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
        assert set(inspect(ledger.engine).get_table_names()) == {"alembic_version"}
        with ledger.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        assert {"documents", "events", "claims", "checks"} <= set(inspect(ledger.engine).get_table_names())


def test_migrations_and_queries_render_for_postgresql() -> None:
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", "postgresql+psycopg://ledger@localhost/ledger")
    config.output_buffer = io.StringIO()
    command.upgrade(config, "head", sql=True)  # offline: the DDL as PostgreSQL would receive it
    ddl = config.output_buffer.getvalue()
    assert "CREATE TABLE documents" in ddl and "report JSON NOT NULL" in ddl
    assert "ingested_at TIMESTAMP WITH TIME ZONE NOT NULL" in ddl
    assert "FOREIGN KEY(doc_id) REFERENCES documents (id) ON DELETE CASCADE" in ddl

    dialect = postgresql.dialect()
    selection = EventFilter(since=date(2015, 1, 1), types=("AIR_STRIKE",), admin1="Homs", speaker="x")
    assert "lower(claims.speaker_name) LIKE" in str(event_statement(selection).compile(dialect=dialect))
    claim_sql = str(claim_statement(ClaimFilter(country="SY", stance="deny")).compile(dialect=dialect))
    assert "EXISTS (SELECT" in claim_sql


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    filled_ledger(path).close()
    with Ledger.open(path, create=False) as again:
        assert again.stats().documents == 2


def test_open_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(LedgerNotFoundError, match=r"no ledger at .*missing\.db: run `debrief ingest` first"):
        Ledger.open(path, create=False)
    assert not path.exists()


def test_open_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(LedgerError, match=r"cannot open ledger at .*notes\.db: DatabaseError: file is not a database"):
        Ledger.open(path)


def test_resolve_paths_and_urls() -> None:
    assert resolve("debrief.db").url.render_as_string() == "sqlite:///debrief.db"
    assert resolve(Path("/tmp/x.db")).url.render_as_string() == "sqlite:////tmp/x.db"
    pg = resolve("postgresql+psycopg://me:secret@db.example/ledger")
    assert pg.url.get_backend_name() == "postgresql"
    assert pg.url.database == "ledger"
    assert "secret" not in pg.label
    assert pg.sqlite_file is None


# --------------------------------------------------------------------------- adding


def test_add_is_idempotent(url: str) -> None:
    report, doc_text = sample_reports()[0]
    with Ledger.open(url) as ledger:
        first = ledger.add(report, doc_text)
        second = ledger.add(report, doc_text)
        assert (first.status, first.events, first.claims, first.checks) == ("inserted", 3, 2, 1)
        assert (second.status, second.events) == ("exists", 0)
        assert ledger.stats().as_dict() == ALL_OF_RT
        assert ledger.has(report.document.id)
        assert ledger.report(report.document.id) == report


def test_add_stores_document_columns(ledger: Ledger) -> None:
    report = rt_document().to_report()
    with ledger.engine.connect() as conn:
        row = conn.execute(
            select(ledger_schema.documents).where(ledger_schema.documents.c.id == report.document.id)
        ).one()
        ev = conn.execute(
            select(ledger_schema.events).where(
                ledger_schema.events.c.doc_id == report.document.id, ledger_schema.events.c.id == "e1"
            )
        ).one()
    assert (row.publisher, row.published, row.published_precision) == ("RT", "2015-11-13", "day")
    assert row.text == RT_TEXT and row.ingested_at is not None
    assert (ev.admin1, ev.lat, ev.lon, ev.geonames_id, ev.claim_id) == ("Homs", 34.73, 36.72, 169575, "c1")
    assert ev.record["quantities"][0]["value"] == 34


def test_add_refuses_text_that_does_not_match_the_id(url: str) -> None:
    report, _ = sample_reports()[0]
    with Ledger.open(url) as ledger:
        with pytest.raises(LedgerError, match="not the text the id was made from"):
            ledger.add(report, "some other text")
        assert ledger.stats().documents == 0


def _count_rows(ledger: Ledger, doc_id: str) -> dict[str, int]:
    tables = (ledger_schema.documents, ledger_schema.events, ledger_schema.claims, ledger_schema.checks)
    counts = {}
    with ledger.engine.connect() as conn:
        for table in tables:
            key = table.c.id if table.name == "documents" else table.c.doc_id
            counts[table.name] = conn.execute(select(func.count()).where(key == doc_id)).scalar_one()
    return counts


def test_a_failure_half_way_leaves_nothing_of_that_document(url: str) -> None:
    (first, first_text), (second, second_text) = sample_reports()
    with Ledger.open(url) as ledger:
        ledger.add(first, first_text)

        def explode(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            if statement.startswith("INSERT INTO claims"):
                raise RuntimeError("disk pulled out")

        event.listen(ledger.engine, "before_cursor_execute", explode)
        with pytest.raises(RuntimeError, match="disk pulled out"):
            ledger.add(second, second_text)
        event.remove(ledger.engine, "before_cursor_execute", explode)

        assert _count_rows(ledger, second.document.id) == NOTHING
        assert _count_rows(ledger, first.document.id) == ALL_OF_RT
        assert ledger.add(second, second_text).status == "inserted"  # nothing half-written blocks a retry


def test_a_database_error_rolls_back_and_is_a_ledger_error(url: str) -> None:
    doc = sohr_document()
    doc.claims.append(doc.claims[0])  # two claims "c1": the claims insert violates the primary key
    with Ledger.open(url) as ledger:
        with pytest.raises(LedgerError, match=f"could not store document {doc.id[:12]}") as caught:
            ledger.add(doc.to_report(), doc.text)
        message = str(caught.value)
        assert "\n" not in message
        assert (  # the driver's own words, without the SQL
            message.endswith("IntegrityError: UNIQUE constraint failed: claims.doc_id, claims.id")
            or 'UniqueViolation: duplicate key value violates unique constraint "pk_claims"' in message
        )
        assert ledger.stats().as_dict() == NOTHING


def test_event_claim_link_is_taken_from_either_side(url: str) -> None:
    doc = sohr_document()
    doc.events[0].claim = None  # only the claim lists the event
    with Ledger.open(url) as ledger:
        ledger.add(doc.to_report(), doc.text)
        (row,) = ledger.events(EventFilter(types=("ARMED_CLASH",)))
        assert row["claim"] is None
        assert row["claim_speaker"]["organization"] == "Syrian Observatory for Human Rights"


def test_concurrent_writers_on_one_new_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            with Ledger.open(path) as own:
                for i in range(15):
                    for body in (f"Report {k}.{i} from the front.", f"Wire copy {i}, syndicated everywhere."):
                        doc = Document.from_text(body)
                        doc.events = [Event(id="e1", type="OTHER")]
                        own.add(doc.to_report(), doc.text)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Ledger.open(path) as ledger:
        assert ledger.stats().as_dict() == {"documents": 75, "events": 75, "claims": 0, "checks": 0}


# --------------------------------------------------------------------------- reading


def test_rows_carry_the_record_and_its_document(ledger: Ledger) -> None:
    rows = ledger.events()
    assert ids(rows) == ["RT:e1", "RT:e2", "RT:e3", "Re:e1", "Re:e2"]  # chronological, undated last
    e1 = rows[0]
    assert e1["doc_id"] == rt_document().id
    assert (e1["title"], e1["url"], e1["published"]) == (
        "Russian jets hit nearly 300 targets in Syria",
        "https://www.rt.com/news/example",
        "2015-11-13",
    )
    assert e1["weapons"][0]["text"] == "Su-24M" and e1["evidence"][0]["text"].startswith("Russian warplanes")
    assert e1["claim_speaker"]["name"] == "Igor Konashenkov"
    assert rows[2]["claim_speaker"] is None

    claims = ledger.claims()
    assert ids(claims) == ["RT:c1", "RT:c2", "Re:c1", "Re:c2"]
    c1 = claims[0]
    assert c1["speaker"]["role"] == "spokesman" and c1["events"] == ["e1", "e2"]
    assert [(loc["event"], loc["lat"], loc["lon"]) for loc in c1["locations"]] == [
        ("e1", 34.73, 36.72),
        ("e2", 36.2, 37.16),
    ]
    assert claims[1]["locations"] == []


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        # an event matches when its [start, end] overlaps [since, until]
        (EventFilter(since=date(2015, 11, 12)), ["RT:e1", "RT:e2", "RT:e3", "Re:e1"]),
        (EventFilter(since=date(2015, 11, 13)), ["Re:e1"]),
        (EventFilter(until=date(2015, 11, 11)), ["RT:e1", "RT:e2"]),
        (EventFilter(since=date(2015, 11, 12), until=date(2015, 11, 12)), ["RT:e1", "RT:e2", "RT:e3"]),
        (EventFilter(since=date(2016, 1, 31)), []),
        (EventFilter(types=("air_strike",)), ["RT:e1", "RT:e2"]),
        (EventFilter(types=("ARMED_CLASH", "PEACE_PROTEST")), ["RT:e3", "Re:e1", "Re:e2"]),
        (EventFilter(country="sy"), ["RT:e1", "RT:e2", "RT:e3", "Re:e1", "Re:e2"]),
        (EventFilter(country="IQ"), []),
        (EventFilter(admin1="aleppo"), ["RT:e2", "RT:e3"]),
        (EventFilter(admin1="ḩalab"), ["Re:e2"]),  # case folding beyond ASCII
        (EventFilter(admin1="Alep"), []),  # admin1 is an exact name, not a substring
        (EventFilter(speaker="konashenkov"), ["RT:e1", "RT:e2"]),
        (EventFilter(speaker="OBSERVATORY"), ["Re:e1"]),  # the speaker's words when it has no name
        (EventFilter(speaker="%"), []),  # LIKE wildcards are literal
        (EventFilter(publisher="reuters"), ["Re:e1", "Re:e2"]),
        (EventFilter(publisher="syria DESK"), ["Re:e1", "Re:e2"]),
        (EventFilter(types=("AIR_STRIKE",), admin1="Homs", speaker="igor"), ["RT:e1"]),
        (EventFilter(limit=2), ["RT:e1", "RT:e2"]),
        (EventFilter(limit=0), []),
    ],
)
def test_event_filters(ledger: Ledger, selection: EventFilter, expected: list[str]) -> None:
    assert ids(ledger.events(selection)) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        # a claim's date is its own, else its document's publication date
        (ClaimFilter(until=date(2015, 12, 31)), ["RT:c1", "RT:c2"]),
        (ClaimFilter(since=date(2016, 1, 31), until=date(2016, 1, 31)), ["Re:c1"]),
        (ClaimFilter(since=date(2016, 2, 1)), ["Re:c2"]),
        (ClaimFilter(stance="deny"), ["RT:c2"]),
        (ClaimFilter(stance="HEDGE"), ["Re:c1"]),
        (ClaimFilter(speaker="öztürk"), ["Re:c2"]),
        (ClaimFilter(speaker="ministry"), ["RT:c2"]),  # text "the ministry"; c1's words do not say it
        (ClaimFilter(publisher="rt"), ["RT:c1", "RT:c2"]),
        # types, country and admin1 select claims by the events they report (all on one event)
        (ClaimFilter(types=("AIR_STRIKE",)), ["RT:c1"]),
        (ClaimFilter(types=("ARMED_CLASH",)), ["Re:c1"]),
        (ClaimFilter(admin1="HOMS"), ["RT:c1"]),
        (ClaimFilter(country="sy"), ["RT:c1", "Re:c1"]),
        (ClaimFilter(types=("ARMED_CLASH",), admin1="Aleppo"), []),  # e3 is a clash in Aleppo, unclaimed
        (ClaimFilter(limit=1), ["RT:c1"]),
    ],
)
def test_claim_filters(ledger: Ledger, selection: ClaimFilter, expected: list[str]) -> None:
    assert ids(ledger.claims(selection)) == expected


def test_filters_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="limit"):
        EventFilter(limit=-1)
    with pytest.raises(ValueError, match="after"):
        ClaimFilter(since=date(2016, 1, 2), until=date(2016, 1, 1))


# --------------------------------------------------------------------------- load


def _stage_error_on(marker: str) -> Any:
    calls: list[str] = []

    def pipeline(doc: Document) -> Document:
        calls.append(doc.id)
        if marker in doc.text:
            raise StageError("events", doc.id, "ValueError: cannot parse")
        doc.events = [Event(id="e1", type="OTHER")]
        return doc

    return pipeline, calls


def test_load_skips_known_documents_and_reports_failures(tmp_path: Path) -> None:
    pipeline, calls = _stage_error_on("BOOM")
    known = rt_document()
    fresh = Document.from_text("Shelling hit a market.", source="fresh.txt")
    broken = Document.from_text("BOOM goes the parser.", source="broken.txt")
    items: list[Document | InputError] = [InputError("missing.txt", "no such file"), known, fresh, broken]
    built: list[int] = []

    def make_pipeline() -> Any:
        built.append(1)
        return pipeline

    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.add(known.to_report(), known.text)
        outcomes = list(load(ledger, items, make_pipeline))
        assert [(o.source, o.status) for o in outcomes] == [
            ("missing.txt", "failed"),
            ("rt.txt", "exists"),
            ("fresh.txt", "inserted"),
            ("broken.txt", "failed"),
        ]
        assert outcomes[0].message == "missing.txt: no such file"
        assert outcomes[3].message.startswith("broken.txt: stage 'events' failed on document")
        assert calls == [fresh.id, broken.id]  # the known document never went through the pipeline
        assert built == [1]
        assert ledger.stats().documents == 2 and not ledger.has(broken.id)


def test_load_does_not_build_the_pipeline_when_everything_is_known(tmp_path: Path) -> None:
    known = rt_document()

    def make_pipeline() -> Any:
        raise AssertionError("pipeline built for nothing")

    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.add(known.to_report(), known.text)
        assert [o.status for o in load(ledger, [known], make_pipeline)] == ["exists"]
