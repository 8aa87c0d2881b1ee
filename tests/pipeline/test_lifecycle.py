"""Pure lifecycle rules (D-13..D-18): every rule from every state, roles and guards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipeline import lifecycle as lc
from pipeline.errors import AccessDenied, IllegalTransition
from pipeline.models import Status
from pipeline.roles import SYSTEM, Actor, Role

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
REVIEWER = Actor("rita", Role.REVIEWER)
PARTNER = Actor("ola", Role.INCENTIVE_ADMIN, "111")
ANALYST = Actor("ana", Role.ANALYST)

# The actor allowed to take each rule, and a context that satisfies its guard.
WHO = {
    "submit": PARTNER,
    "resubmit": PARTNER,
    "start review of": SYSTEM,
    "approve": REVIEWER,
    "reject": REVIEWER,
    "request information on": REVIEWER,
    "expire": SYSTEM,
    "deny consent for": REVIEWER,
    "close": SYSTEM,
}
GOOD_CTX = lc.TransitionContext(
    now=NOW, note="why", requests=("signed SOW",), consent_reason=lc.CONSENT_DENIAL_REASONS[0]
)


def facts(status: Status, **kw: object) -> lc.ClaimFacts:
    base: dict[str, object] = {"claim_id": "1", "status": status, "partner_org": "111"}
    if "action_due_at" not in kw:
        base["action_due_at"] = NOW - timedelta(seconds=1)
    base.update(kw)
    return lc.ClaimFacts(**base)  # type: ignore[arg-type]


def good_facts(rule: lc.TransitionRule, status: Status) -> lc.ClaimFacts:
    # LoseAllProducts needs a claim with nothing left; everything else a normal claim.
    return facts(status, active_products=0) if rule is lc.LOSE_ALL_PRODUCTS else facts(status)


@pytest.mark.parametrize("rule", lc.RULES, ids=lambda r: r.NAME)
@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_every_rule_from_every_state(rule: lc.TransitionRule, status: Status) -> None:
    actor = WHO[rule.NAME]
    claim = good_facts(rule, status)
    if status in rule.FROM_STATES:
        assert rule.check(actor, claim, GOOD_CTX) == rule.to_state
    else:
        with pytest.raises(IllegalTransition, match=f"it is {status.value}"):
            rule.check(actor, claim, GOOD_CTX)


def test_the_d13_graph() -> None:
    graph = {(s.value, r.to_state.value) for r in lc.RULES for s in r.FROM_STATES}
    assert ("Draft", "Submitted") in graph
    assert ("Submitted", "Under review") in graph
    assert ("Under review", "Approved") in graph
    assert ("Under review", "Rejected") in graph
    assert ("Under review", "Partner action required") in graph
    assert ("Partner action required", "Submitted") in graph
    assert ("Partner action required", "Rejected") in graph
    assert ("Approved", "Customer consent denied") in graph
    # Final states have no way out; Approved only to consent denied.
    assert not any(s in lc.FINAL_STATES for r in lc.RULES for s in r.FROM_STATES)
    assert {r.to_state for r in lc.rules_from(Status.APPROVED)} == {Status.CONSENT_DENIED}


@pytest.mark.parametrize("rule", lc.RULES, ids=lambda r: r.NAME)
@pytest.mark.parametrize("actor", [REVIEWER, PARTNER, ANALYST, SYSTEM], ids=lambda a: a.role.value)
def test_roles(rule: lc.TransitionRule, actor: Actor) -> None:
    claim = good_facts(rule, next(iter(rule.FROM_STATES)))
    if actor.role in rule.ROLES:
        rule.check(actor, claim, GOOD_CTX)
    else:
        with pytest.raises(AccessDenied):
            rule.check(actor, claim, GOOD_CTX)


def test_analysts_never_change_anything() -> None:
    assert all(Role.ANALYST not in r.ROLES for r in lc.RULES)


def test_partner_of_another_org_is_refused() -> None:
    other = Actor("eve", Role.INCENTIVE_ADMIN, "999")
    with pytest.raises(AccessDenied, match="another partner organisation"):
        lc.SUBMIT.check(other, facts(Status.DRAFT), GOOD_CTX)


def test_submit_needs_poe_except_revenue_association() -> None:
    with pytest.raises(IllegalTransition, match="D-10"):
        lc.SUBMIT.check(PARTNER, facts(Status.DRAFT, documents=0), GOOD_CTX)
    ra = facts(Status.DRAFT, documents=0, is_revenue_association=True)
    assert lc.SUBMIT.check(PARTNER, ra, GOOD_CTX) == Status.SUBMITTED
    with pytest.raises(IllegalTransition, match="no product"):
        lc.RESUBMIT.check(PARTNER, facts(Status.PARTNER_ACTION_REQUIRED, active_products=0), GOOD_CTX)


def test_reject_needs_a_note_and_request_info_a_request() -> None:
    bare = lc.TransitionContext(now=NOW)
    with pytest.raises(IllegalTransition, match="note"):
        lc.REJECT.check(REVIEWER, facts(Status.UNDER_REVIEW), bare)
    with pytest.raises(IllegalTransition, match="must supply"):
        lc.REQUEST_INFO.check(REVIEWER, facts(Status.UNDER_REVIEW), bare)
    only_request = lc.TransitionContext(now=NOW, requests=("countersigned SOW",))
    assert lc.REQUEST_INFO.check(REVIEWER, facts(Status.UNDER_REVIEW), only_request) == Status.PARTNER_ACTION_REQUIRED


def test_approve_guards_d6() -> None:
    with pytest.raises(IllegalTransition, match="D-6"):
        lc.APPROVE.check(REVIEWER, facts(Status.UNDER_REVIEW, held_by_other_partner=("EXO",)), GOOD_CTX)
    with pytest.raises(IllegalTransition, match="removed"):
        lc.APPROVE.check(REVIEWER, facts(Status.UNDER_REVIEW, active_products=0), GOOD_CTX)


def test_expiry_boundary_29d23h_vs_30d() -> None:
    requested = NOW
    due = lc.action_due_at(requested)
    assert due - requested == timedelta(days=30)
    claim = facts(Status.PARTNER_ACTION_REQUIRED, action_due_at=due)
    early = lc.TransitionContext(now=requested + timedelta(days=29, hours=23))
    with pytest.raises(IllegalTransition, match="has until"):
        lc.EXPIRE_ACTION_REQUIRED.check(SYSTEM, claim, early)
    on_time = lc.TransitionContext(now=requested + timedelta(days=30))
    assert lc.EXPIRE_ACTION_REQUIRED.check(SYSTEM, claim, on_time) == Status.REJECTED


def test_consent_reasons_d21() -> None:
    assert lc.normalise_consent_reason("we don\u2019t want to share our data") == "We don't want to share our data"
    assert lc.normalise_consent_reason("partner is unknown") == "Partner is unknown"
    assert lc.normalise_consent_reason("unknown") == "Partner is unknown"
    assert lc.normalise_consent_reason("OTHER") == "Other"
    assert lc.normalise_consent_reason("too expensive") is None
    with pytest.raises(IllegalTransition, match="D-21"):
        lc.DENY_CONSENT.check(REVIEWER, facts(Status.APPROVED), lc.TransitionContext(now=NOW, consent_reason="meh"))


def test_due_dates() -> None:
    friday = datetime(2026, 11, 6, 15, 0, tzinfo=UTC)
    assert lc.review_due_at(friday, in_conflict=False) == datetime(2026, 11, 13, 15, 0, tzinfo=UTC)
    assert lc.review_due_at(friday, in_conflict=True) == datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    assert lc.opt_out_until(friday) - friday == timedelta(days=7)


def test_available_decisions() -> None:
    assert lc.available_decisions(REVIEWER, facts(Status.UNDER_REVIEW), NOW) == ["approve", "reject", "request_info"]
    assert lc.available_decisions(REVIEWER, facts(Status.SUBMITTED), NOW) == []
    assert lc.available_decisions(ANALYST, facts(Status.UNDER_REVIEW), NOW) == []
