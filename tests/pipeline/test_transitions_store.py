"""Every lifecycle operation from every state, through the service and a real store.

Legal moves change the status and append one history entry saying who moved it from where to
where; illegal ones raise and change nothing (status, version, history, decisions). Runs on
SQLite and, with POE_TEST_PG_URL, on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.clock import FixedClock
from pipeline.errors import IllegalTransition
from pipeline.models import Status
from pipeline.roles import SYSTEM, Actor, Role
from pipeline.service import ClaimService
from tests.pipeline.claim_factory import partner_claim, write_claim

REVIEWER = Actor("rita", Role.REVIEWER)
PARTNER = Actor("ola", Role.INCENTIVE_ADMIN, "111")
RESULT = {"claim_id": "1", "criteria": {}, "documents": [], "score": 60, "recommendation": "approve",
          "reasons": [], "eligibility": []}


def drive(service: ClaimService, clock: FixedClock, tmp_path: Path, state: Status) -> None:
    """Bring claim 1 into ``state`` the way the system would."""
    draft = state == Status.DRAFT
    write_claim(tmp_path / "inbox" / "1", partner_claim("1", "111", "Fabrikam", status="Draft" if draft else "Submitted"))
    service.ingest(tmp_path / "inbox")
    if state in (Status.DRAFT, Status.SUBMITTED):
        return
    service.record_analysis("1", 1, RESULT)
    clock.advance(hours=1)
    if state == Status.PARTNER_ACTION_REQUIRED:
        service.decide(REVIEWER, "1", "request_info", "more", ["countersigned SOW"])
    elif state == Status.APPROVED:
        service.decide(REVIEWER, "1", "approve", "ok")
    elif state == Status.REJECTED:
        service.decide(REVIEWER, "1", "reject", "no signature")
    elif state == Status.CONSENT_DENIED:
        service.decide(REVIEWER, "1", "approve", "ok")
        service.consent_deny(SYSTEM, "1", "Other", "changed our mind")
    clock.advance(hours=1)


# operation name -> (call, states it is legal from, resulting status or None for 'unchanged', actor label)
Operation = Callable[[ClaimService], object]
OPERATIONS: dict[str, tuple[Operation, set[Status], Status | None, str]] = {
    "submit": (lambda s: s.submit(PARTNER, "1"), {Status.DRAFT, Status.PARTNER_ACTION_REQUIRED}, Status.SUBMITTED, "ola"),
    "approve": (lambda s: s.decide(REVIEWER, "1", "approve", "ok"), {Status.UNDER_REVIEW}, Status.APPROVED, "rita"),
    "reject": (lambda s: s.decide(REVIEWER, "1", "reject", "weak POE"), {Status.UNDER_REVIEW}, Status.REJECTED, "rita"),
    "request_info": (lambda s: s.decide(REVIEWER, "1", "request_info", "x", ["y"]), {Status.UNDER_REVIEW},
                     Status.PARTNER_ACTION_REQUIRED, "rita"),
    "consent_deny": (lambda s: s.consent_deny(SYSTEM, "1", "We don't want to share our data"), {Status.APPROVED},
                     Status.CONSENT_DENIED, "system:customer"),
    "edit": (lambda s: s.edit(PARTNER, "1", mpn_country="Canada"), {Status.DRAFT, Status.PARTNER_ACTION_REQUIRED},
             None, "ola"),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize("state", list(Status), ids=lambda s: s.value)
def test_operation_from_state(
    service: ClaimService, clock: FixedClock, tmp_path: Path, state: Status, operation: str
) -> None:
    drive(service, clock, tmp_path, state)
    before = service.get_claim(REVIEWER, "1")
    assert before.status == state.value
    call, legal_from, target, actor = OPERATIONS[operation]
    if state in legal_from:
        call(service)
        after = service.get_claim(REVIEWER, "1")
        assert after.status == (target or state).value
        assert after.version > before.version
        new = after.history[len(before.history):]
        assert new and new[-1].actor == actor and new[-1].at == clock.now()
        if target is not None:
            assert (new[-1].action, new[-1].from_status, new[-1].to_status) == ("transition", state.value, target.value)
        else:
            assert new[-1].action == "edited"
    else:
        with pytest.raises(IllegalTransition, match=f"it is {state.value}"):
            call(service)
        after = service.get_claim(REVIEWER, "1")
        assert (after.status, after.version, len(after.history), len(after.decisions)) == (
            before.status, before.version, len(before.history), len(before.decisions))


@pytest.mark.parametrize("state", list(Status), ids=lambda s: s.value)
def test_clock_only_expires_partner_action_required(
    service: ClaimService, clock: FixedClock, tmp_path: Path, state: Status
) -> None:
    drive(service, clock, tmp_path, state)
    before = service.get_claim(REVIEWER, "1")
    applied = service.tick(clock.now() + timedelta(days=31))
    after = service.get_claim(REVIEWER, "1")
    if state == Status.PARTNER_ACTION_REQUIRED:
        assert after.status == "Rejected" and applied[0]["action"] == "rejected"
        assert after.history[-1].actor == "system:clock" and after.history[-1].from_status == state.value
    else:
        assert after.status == before.status
        assert all(a["action"] != "rejected" for a in applied)
