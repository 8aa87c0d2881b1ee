"""Store fixtures: every store/lifecycle test runs on SQLite and, when POE_TEST_PG_URL is set,
on PostgreSQL too (each PostgreSQL test in its own schema, so parallel runs never collide)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.clock import FixedClock
from pipeline.service import ClaimService
from pipeline.store.db import make_engine, migrate

PG_URL = os.environ.get("POE_TEST_PG_URL")
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday


def _pg_engine(schema: str) -> Engine:
    return make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
        migrate(eng)
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip("POE_TEST_PG_URL is not set")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = _pg_engine(schema)
    try:
        migrate(eng)
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def service(engine: Engine, clock: FixedClock, tmp_path: Path) -> ClaimService:
    return ClaimService(engine, clock, data_dir=tmp_path / "data")
