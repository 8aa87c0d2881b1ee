"""Attack: rewrite reviewers' labels (issue 16). Corrections are append-only like history (D-9):
UPDATE and DELETE are refused by row triggers on both back ends, and on PostgreSQL ``TRUNCATE
corrections`` (which fires no row trigger) by a statement trigger; the migration also revokes the
privilege from the application role. SQLite has no TRUNCATE: its unqualified ``DELETE FROM`` (the
truncate optimisation) still meets the row trigger."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from pipeline.corrections import CorrectionIn
from pipeline.service import ClaimService
from tests.pipeline.claim_factory import claim_dict
from tests.pipeline.conftest import PG_URL
from tests.pipeline.test_service import REVIEWER, under_review
from tests.security.app_role import app_role_privileges


def _one_correction(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, claim_dict(claim_id="1"))
    service.correct(REVIEWER, "1", [CorrectionIn("dates", "met", note="milestones on page 3")])


def _rows(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [(r[0], r[1]) for r in conn.execute(text("SELECT criterion, verdict FROM corrections"))]


@pytest.mark.parametrize("statement", [
    "UPDATE corrections SET verdict = 'not_met'",
    "DELETE FROM corrections WHERE criterion = 'dates'",
    "DELETE FROM corrections",
    "TRUNCATE corrections",
])
def test_corrections_cannot_be_changed_or_emptied(
    service: ClaimService, engine: Engine, tmp_path: Path, statement: str
) -> None:
    _one_correction(service, tmp_path)
    if statement.startswith("TRUNCATE") and engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (its unqualified DELETE is the case above)")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert _rows(engine) == [("dates", "met")]


def test_a_new_correction_is_appended_and_the_old_one_kept(service: ClaimService, engine: Engine, tmp_path: Path) -> None:
    _one_correction(service, tmp_path)
    service.correct(REVIEWER, "1", [CorrectionIn("customer_signature", "not_met", note="the customer never signed")])
    assert sorted(_rows(engine)) == [("customer_signature", "not_met"), ("dates", "met")]


@pytest.mark.postgres
def test_application_role_loses_truncate_update_delete_on_corrections(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``POE_PG_APP_ROLE`` set at migration time the app role may insert and read
    corrections, never truncate, update or delete them (even when granted ALL by default)."""
    if not PG_URL:
        pytest.skip("POE_TEST_PG_URL is not set")
    with app_role_privileges(PG_URL, monkeypatch) as may:
        assert may("corrections", "INSERT") and may("corrections", "SELECT")
        assert not may("corrections", "TRUNCATE") and not may("corrections", "UPDATE") and not may("corrections", "DELETE")
