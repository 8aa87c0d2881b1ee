"""Attack: rewrite the past by emptying the append-only history (D-9). UPDATE and DELETE were
refused by row triggers, but on PostgreSQL ``TRUNCATE history`` fires no row trigger: a statement
trigger refuses it, and the migration revokes the privilege from the application role."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from tests.pipeline.conftest import PG_URL
from tests.security.app_role import app_role_privileges


def _one_history_row(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO history (claim_id, at, actor, action, reason, details) "
                "VALUES ('1000001', :at, 'reviewer1', 'transition', 'kept', '{}')"
            ),
            {"at": datetime(2026, 11, 2, tzinfo=UTC)},
        )


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM history")).scalar_one())


def test_history_cannot_be_emptied(engine: Engine) -> None:
    _one_history_row(engine)
    statement = "TRUNCATE history" if engine.dialect.name == "postgresql" else "DELETE FROM history"
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert _count(engine) == 1


@pytest.mark.postgres
def test_application_role_loses_truncate_on_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """An operator who grants the app role everything by default still gets no TRUNCATE on history
    once ``POE_PG_APP_ROLE`` names that role at migration time."""
    if not PG_URL:
        pytest.skip("POE_TEST_PG_URL is not set")
    with app_role_privileges(PG_URL, monkeypatch) as may:
        assert may("claims", "TRUNCATE") and may("history", "INSERT") and may("history", "SELECT")
        assert not may("history", "TRUNCATE")
        assert not may("history", "DELETE") and not may("history", "UPDATE")
