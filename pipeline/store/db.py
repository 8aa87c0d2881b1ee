"""Engine, migrations and sessions of the claims store (spec section 5).

- ``make_engine(url)``: URL from the argument, else ``POE_DB_URL``, else the SQLite file
  ``poe-review.db`` in the data directory (``POE_DATA_DIR``, default ``./data``). SQLite runs in
  WAL mode so the web UI can read while the nightly run writes.
- ``migrate(engine)``: Alembic ``upgrade head`` from the migrations shipped inside the package,
  so it works from an installed wheel as well as from a checkout.
- ``session_scope(engine)``: one transaction; commits on success, rolls back on any error.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"
DB_FILE = "poe-review.db"
BLOBS = "blobs"
_MIGRATION_LOCK = 0x504F455245  # "POERE": advisory lock key for migrations on PostgreSQL


def data_dir() -> Path:
    return Path(os.environ.get("POE_DATA_DIR") or "data")


def default_url() -> str:
    return f"sqlite:///{(data_dir() / DB_FILE).resolve()}"


def resolve_url(url: str | None = None) -> str:
    return url or os.environ.get("POE_DB_URL") or default_url()


_BUSY_TIMEOUT_S = 30.0


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT_S * 1000)}")
    # WAL: readers never block the writer; NORMAL sync is safe with WAL and much faster.
    _enable_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _enable_wal(cur: sqlite3.Cursor) -> None:
    """Put the database file in WAL mode, waiting out other connections that hold it.

    WAL is stored in the file, so only the first connection to a fresh store switches it. That
    switch needs an exclusive lock, and SQLite answers "database is locked" at once rather than
    calling the busy handler when another connection is opening the same fresh file (two
    processes starting together): so retry with a short backoff up to the busy timeout.
    """
    if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    delay = 0.01
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (see module docstring for the default)."""
    url_obj = make_url(resolve_url(url))
    if url_obj.get_backend_name() == "sqlite":
        database = url_obj.database or ""
        if database in ("", ":memory:"):
            # One shared connection, or every session would see its own empty database.
            kwargs.setdefault("poolclass", StaticPool)
            kwargs.setdefault("connect_args", {"check_same_thread": False})
        else:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_engine(url_obj, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url_obj, **kwargs)


def store_data_dir(engine: Engine) -> Path:
    """Where blobs of this store live: ``POE_DATA_DIR``, else next to a SQLite file, else ./data."""
    if os.environ.get("POE_DATA_DIR"):
        return data_dir()
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).expanduser().resolve().parent
    return data_dir()


def alembic_config(engine: Engine | None = None) -> Any:
    # lazy: alembic costs ~160-290 ms at import (python -X importtime); only migrate needs it
    from alembic.config import Config

    cfg = Config(str(ALEMBIC_INI))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (Alembic upgrade); a no-op when already there."""
    # lazy: alembic costs ~160-290 ms at import (python -X importtime); only migrate needs it
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as connection:
        # Two processes starting on a fresh store (web + nightly) must not both create tables:
        # take the database's write lock first, so the second one finds the schema current.
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    # lazy: alembic costs ~160-290 ms at import (python -X importtime); only migrate needs it
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session in one transaction: commit on success, roll back on error, always close."""
    session = _sessionmaker(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


_FACTORIES: dict[int, sessionmaker[Session]] = {}


def _sessionmaker(engine: Engine) -> sessionmaker[Session]:
    factory = _FACTORIES.get(id(engine))
    if factory is None or factory.kw.get("bind") is not engine:
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        _FACTORIES[id(engine)] = factory
    return factory
