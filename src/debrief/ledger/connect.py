"""Where a ledger lives, how to connect to it, and bringing its schema up to date.

A plain path means a SQLite file; anything with ``://`` is a SQLAlchemy URL
(``postgresql+psycopg://user@host/db``). SQLite connections get WAL journaling, enforced
foreign keys, a busy timeout, Unicode-aware ``lower()`` and real transactions (SQLAlchemy emits
BEGIN itself, so DDL and reads are transactional too). Migrations are Alembic's, run in code
against the packaged script directory; no ``alembic.ini`` is needed.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from debrief.errors import LedgerError, LedgerNotFoundError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_S = 30.0
# Execution option: on SQLite, take the write lock when the transaction begins (a transaction that
# reads first and writes later could otherwise fail at once with "database is locked").
BEGIN_IMMEDIATE = "debrief_begin_immediate"
PG_MIGRATION_LOCK = 0x0DEB_41EF  # PostgreSQL advisory lock key held while migrating


@dataclass(frozen=True)
class Location:
    """A resolved ledger address: the SQLAlchemy URL and how to name it in messages."""

    url: URL
    label: str  # what the user gave (password hidden)

    @property
    def sqlite_file(self) -> Path | None:
        """The database file when this is an on-disk SQLite ledger, else None."""
        if self.url.get_backend_name() != "sqlite":
            return None
        database = self.url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return Path(database)


def resolve(url_or_path: str | Path) -> Location:
    """A path (``debrief.db``) becomes ``sqlite:///debrief.db``; URLs pass through."""
    if isinstance(url_or_path, Path) or "://" not in url_or_path:
        path = str(url_or_path)
        return Location(URL.create("sqlite", database=path), path)
    try:
        url = make_url(url_or_path)
    except ArgumentError as exc:
        raise LedgerError(f"not a database URL or path: {url_or_path!r} ({exc})") from exc
    return Location(url, url.render_as_string(hide_password=True))


def db_problem(exc: SQLAlchemyError) -> str:
    """One line about a database error: the driver's message, without the SQL and parameters."""
    orig = getattr(exc, "orig", None)
    if orig is not None:
        return " ".join(f"{type(orig).__name__}: {orig}".split())
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _unicode_lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


def _use_wal(dbapi_connection: Any, locked_error: type[Exception]) -> None:
    """Switch the file to WAL journaling (persistent: a no-op once any connection did it).

    Changing the journal mode needs the file to itself and SQLite reports "database is locked"
    at once instead of waiting, so when several processes open a new ledger together the ones
    that lose the race retry until the busy timeout has passed.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    cursor = dbapi_connection.cursor()
    try:
        while True:
            try:
                cursor.execute("PRAGMA journal_mode")
                if cursor.fetchone()[0] in ("wal", "memory"):
                    return
                cursor.execute("PRAGMA journal_mode=WAL")
                return
            except locked_error as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
    finally:
        cursor.close()


def _configure_sqlite(engine: Engine) -> None:
    locked_error: type[Exception] = engine.dialect.loaded_dbapi.OperationalError

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's implicit BEGIN off: see below
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()
        _use_wal(dbapi_connection, locked_error)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(BEGIN_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_ledger_engine(location: Location) -> Engine:
    """An engine for `location`; raises LedgerError when the driver is missing or the URL is bad."""
    try:
        engine = create_engine(location.url, json_serializer=_json_dumps)
    except ImportError as exc:
        raise LedgerError(
            f"cannot open ledger at {location.label}: database driver not installed ({exc}); "
            "for PostgreSQL install debrief[postgres]"
        ) from exc
    except ArgumentError as exc:
        raise LedgerError(f"cannot open ledger at {location.label}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def alembic_config() -> Config:
    """An Alembic config pointing at the packaged migrations (for `migrate` and for tests)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine, location: Location, revision: str = "head") -> None:
    """Upgrade the ledger's schema to `revision`, in one transaction that holds the write lock
    (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so concurrent openers take turns."""
    config = alembic_config()
    try:
        with engine.connect() as conn:
            conn.execution_options(**{BEGIN_IMMEDIATE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":  # workers opening together migrate one at a time
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
    except SQLAlchemyError as exc:
        raise LedgerError(f"cannot open ledger at {location.label}: {db_problem(exc)}") from exc


def connect(url_or_path: str | Path, *, create: bool = True) -> tuple[Engine, Location]:
    """Resolve, connect and migrate. With ``create=False`` a missing SQLite file is an error
    (:class:`LedgerNotFoundError`) instead of a new, empty ledger."""
    location = resolve(url_or_path)
    sqlite_file = location.sqlite_file
    if sqlite_file is not None:
        if not create and not sqlite_file.exists():
            raise LedgerNotFoundError(location.label)
        if not sqlite_file.parent.exists():
            raise LedgerError(f"cannot open ledger at {location.label}: folder {sqlite_file.parent} does not exist")
    engine = create_ledger_engine(location)
    try:
        migrate(engine, location)
    except LedgerError:
        engine.dispose()
        raise
    return engine, location
