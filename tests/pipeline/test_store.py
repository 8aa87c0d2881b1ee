"""The store itself: migrations in step with the schema, WAL, UTC, append-only history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from pipeline.store import db
from pipeline.store.schema import Base, HistoryRow


def test_migrations_match_the_schema(engine: Engine) -> None:
    assert db.current_revision(engine) is not None
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == [], "schema.py changed without a migration: add one in pipeline/store/migrations/versions"


def test_migrate_is_idempotent(engine: Engine) -> None:
    before = db.current_revision(engine)
    db.migrate(engine)
    assert db.current_revision(engine) == before


def test_history_is_append_only(engine: Engine) -> None:
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    with db.session_scope(engine) as s:
        s.add(HistoryRow(claim_id="1", at=at, actor="t", action="note", details={}))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE history SET reason = 'rewritten'"))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM history"))
    with db.session_scope(engine) as s:
        assert s.scalar(select(HistoryRow.reason)) == ""


def test_timestamps_come_back_aware_utc(engine: Engine) -> None:
    local = datetime(2026, 11, 2, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    with db.session_scope(engine) as s:
        s.add(HistoryRow(claim_id="1", at=local, actor="t", action="note", details={}))
        s.add(HistoryRow(claim_id="2", at=datetime(2026, 11, 2, 9, 0), actor="t", action="naive", details={}))
    with db.session_scope(engine) as s:
        values = list(s.scalars(select(HistoryRow.at).order_by(HistoryRow.id)))
    assert values == [datetime(2026, 11, 2, 9, 0, tzinfo=UTC)] * 2
    assert all(v.utcoffset() == timedelta(0) for v in values)


def test_sqlite_file_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'x' / 'store.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert (tmp_path / "x").is_dir()
    assert db.store_data_dir(engine) == (tmp_path / "x").resolve()


def test_default_url_is_under_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("POE_DB_URL", raising=False)
    monkeypatch.setenv("POE_DATA_DIR", str(tmp_path / "d"))
    engine = db.make_engine()
    assert engine.url.database == str((tmp_path / "d" / "poe-review.db").resolve())
    assert db.store_data_dir(engine) == tmp_path / "d"
    monkeypatch.setenv("POE_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert db.make_engine().url.database == str(tmp_path / "env.db")
    assert db.make_engine(f"sqlite:///{tmp_path / 'arg.db'}").url.database == str(tmp_path / "arg.db")


def test_in_memory_store_is_shared_across_sessions() -> None:
    engine = db.make_engine("sqlite://")
    db.migrate(engine)
    with db.session_scope(engine) as s:
        s.add(HistoryRow(claim_id="1", at=datetime(2026, 1, 1, tzinfo=UTC), actor="t", action="x", details={}))
    with db.session_scope(engine) as s:
        assert s.scalar(select(HistoryRow.claim_id)) == "1"


def test_session_scope_rolls_back_on_error(engine: Engine) -> None:
    with pytest.raises(RuntimeError), db.session_scope(engine) as s:
        s.add(HistoryRow(claim_id="9", at=datetime(2026, 1, 1, tzinfo=UTC), actor="t", action="x", details={}))
        s.flush()
        raise RuntimeError("boom")
    with db.session_scope(engine) as s:
        assert s.scalar(select(HistoryRow.id)) is None


def test_migrations_ship_inside_the_package() -> None:
    assert (db.MIGRATIONS_DIR / "env.py").is_file()
    assert (db.MIGRATIONS_DIR / "script.py.mako").is_file()
    assert db.ALEMBIC_INI.is_file()
    assert list((db.MIGRATIONS_DIR / "versions").glob("0001_*.py"))


def test_two_processes_migrating_a_fresh_store_at_once(tmp_path: Path) -> None:
    import threading

    # Several rounds: the race (a fresh file switched to WAL by one connection while another
    # opens it) was lost about once in nine rounds before _enable_wal retried the switch.
    for round_no in range(8):
        url = f"sqlite:///{tmp_path / f'fresh-{round_no}.db'}"
        errors: list[BaseException] = []

        def start(url: str = url, errors: list[BaseException] = errors) -> None:
            try:
                engine = db.make_engine(url)  # its own engine and connection, as a second process has
                db.migrate(engine)
                engine.dispose()
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=start) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert errors == [], f"round {round_no}"
        assert db.current_revision(db.make_engine(url)) is not None
