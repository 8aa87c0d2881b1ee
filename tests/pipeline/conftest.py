"""Store fixtures: every store/lifecycle test runs on SQLite and, when POE_TEST_PG_URL is set,
on PostgreSQL too (each PostgreSQL test in its own schema, so parallel runs never collide)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.clock import FixedClock
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate
from pipeline.store.schema import Base

PG_URL = os.environ.get("POE_TEST_PG_URL")
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
# Append-only tables whose statement trigger refuses TRUNCATE on PostgreSQL (migrations 0002, 0006).
NO_TRUNCATE_TRIGGERS = (("history", "history_no_truncate"), ("corrections", "corrections_no_truncate"))


def _pg_engine(schema: str) -> Engine:
    return make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test costs more)."""
    path = tmp_path_factory.mktemp("template") / "store.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    """A private, migrated PostgreSQL schema for this test session (parallel runs never collide)."""
    if not PG_URL:
        pytest.skip("POE_TEST_PG_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = _pg_engine(schema)
    try:
        migrate(eng)
        eng.dispose()
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        path = tmp_path / "store.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        eng = make_engine(f"sqlite:///{path}")
        yield eng
        eng.dispose()
        return
    schema = request.getfixturevalue("pg_schema")
    eng = _pg_engine(schema)
    # Empty every table. History and corrections refuse TRUNCATE (D-9, statement triggers of 0002
    # and 0006): the tables' owner lifts them for this one transaction, which an application role
    # cannot do.
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with eng.begin() as conn:
        for table, trigger in NO_TRUNCATE_TRIGGERS:
            conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table, trigger in NO_TRUNCATE_TRIGGERS:
            conn.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}"))
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def service(engine: Engine, clock: FixedClock, tmp_path: Path) -> ClaimService:
    return ClaimService(engine, clock, data_dir=tmp_path / "data")
