"""ClaimService: analysis, decisions, D-6, consent, edits, timers, roles, optimistic locking."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pipeline.clock import FixedClock
from pipeline.errors import AccessDenied, ClaimNotFound, ConcurrentUpdate, IllegalTransition, InvalidInput
from pipeline.roles import SYSTEM, Actor, Role
from pipeline.service import ClaimService
from pipeline.store.db import session_scope
from pipeline.store.schema import AnalysisRow, ConflictRow, DecisionRow, DocumentRow, FindingRow, ReasonRow
from tests.pipeline.claim_factory import SUB_1, TENANT_A, TENANT_B, partner_claim, write_claim
from tests.pipeline.conftest import START

REVIEWER = Actor("rita", Role.REVIEWER)
REVIEWER2 = Actor("rob", Role.REVIEWER)
ANALYST = Actor("ana", Role.ANALYST)
FABRIKAM = Actor("ola", Role.INCENTIVE_ADMIN, "111")
NORTHWIND = Actor("nina", Role.INCENTIVE_USER, "222")
EXO = {"name": "Exchange Online", "code": "EXO"}
TEAMS = {"name": "Microsoft Teams", "code": "TEAMS"}


def result(claim_id: str, recommendation: str = "approve", score: float = 86.0, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "claim_id": claim_id,
        "criteria": {
            "customer_signature": {"verdict": "met", "confidence": 0.93, "evidence": [
                {"document": "SOW.pdf", "page": 7, "text": "By: /s/ Teo Lupu  Date: 12 July 2026"}]},
            "dates": {"verdict": "unclear", "confidence": 0.4, "evidence": []},
        },
        "documents": [{"path": "SOW.pdf", "status": "ok", "kind": "sow", "pages": 7}],
        "eligibility": [],
        "score": score,
        "recommendation": recommendation,
        "reasons": [{"code": "R-DAT-001", "rule": "D-11", "message": "No milestone dates", "criterion": "dates"}],
    }
    out.update(extra)
    return out


def take_in(service: ClaimService, tmp_path: Path, *claims: dict[str, Any]) -> None:
    inbox = tmp_path / "inbox"
    for data in claims:
        write_claim(inbox / data["claim_id"], data)
    report = service.ingest(inbox)
    assert not report.refused, report.refused


def under_review(service: ClaimService, tmp_path: Path, *claims: dict[str, Any]) -> None:
    take_in(service, tmp_path, *claims)
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, result(cid))


def m365(claim_id: str, mpn: str, name: str, products: list[dict[str, Any]], tenant: str = TENANT_A) -> dict[str, Any]:
    return partner_claim(claim_id, mpn, name, products=products, tenant_id=tenant,
                         program="OSU-Microsoft 365", solution_area="Microsoft 365")


# --- analysis ---------------------------------------------------------------------------------


def test_record_analysis_moves_to_under_review_with_d14_due_date(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    clock.set(START + timedelta(days=3))  # Thursday
    service.record_analysis("1", 1, result("1", "request_info", 55))
    view = service.get_claim(REVIEWER, "1")
    assert view.status == "Under review" and view.recommendation == "request_info" and view.score == 55
    assert view.review_due_at == START + timedelta(days=10)  # Thursday + 5 business days = Thursday
    assert view.analysis is not None and view.analysis["score"] == 55
    assert view.documents[0].kind == "sow" and view.documents[0].status == "ok" and view.documents[0].pages == 7
    assert view.available_decisions == ["approve", "reject", "request_info"]
    assert service.pending_analysis() == []
    with session_scope(service.engine) as s:
        assert {f.criterion: f.verdict for f in s.scalars(select(FindingRow))} == {
            "customer_signature": "met", "dates": "unclear"}
        assert [r.code for r in s.scalars(select(ReasonRow))] == ["R-DAT-001"]
    history = [(h.action, h.to_status) for h in view.history]
    assert history == [("submitted", "Submitted"), ("analysed", None), ("transition", "Under review")]


def test_record_analysis_twice_changes_nothing(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    before = service.get_claim(REVIEWER, "1")
    service.record_analysis("1", 1, result("1"))
    after = service.get_claim(REVIEWER, "1")
    assert after.version == before.version and len(after.history) == len(before.history)
    with session_scope(service.engine) as s:
        assert len(list(s.scalars(select(AnalysisRow)))) == 1


def test_record_analysis_refuses_bad_input(service: ClaimService, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    with pytest.raises(InvalidInput, match="recommendation"):
        service.record_analysis("1", 1, result("1", "maybe"))
    with pytest.raises(InvalidInput, match="no submission 5"):
        service.record_analysis("1", 5, result("1"))
    with pytest.raises(ClaimNotFound):
        service.record_analysis("404", 1, result("404"))
    with pytest.raises(AccessDenied):
        service.record_analysis("1", 1, result("1"), actor=REVIEWER)


def test_conflict_extends_due_date_and_is_idempotent(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]), m365("2", "222", "Northwind", [EXO]))
    conflict = {"key": {"tenant_id": TENANT_A, "product": "EXO"}, "ranking": ["1", "2"], "recommended": "1",
                "margin": 0.31, "side_by_side": {}, "rationale": "stronger POE"}
    cid = service.record_conflict(conflict)
    assert service.record_conflict(conflict) == cid
    view = service.get_claim(REVIEWER, "2")
    assert view.in_conflict and view.review_due_at == START + timedelta(days=14)  # 10 business days
    assert [h.action for h in view.history].count("conflict") == 1
    assert view.conflicts[0]["recommended"] == "1"
    with pytest.raises(InvalidInput):
        service.record_conflict({"key": {"tenant_id": TENANT_A}, "ranking": ["1"]})


# --- decisions --------------------------------------------------------------------------------


def test_approve_opens_opt_out_window_and_records_decision(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.record_analysis("1", 1, result("1", "reject", 20))
    clock.advance(hours=5)
    view = service.decide(REVIEWER, "1", "approve", "signature on p.7 is enough")
    assert view.status == "Approved" and view.opt_out_until == clock.now() + timedelta(days=7)
    [decision] = view.decisions
    assert decision.reviewer == "rita" and decision.overruled and decision.recommendation == "reject"
    last = view.history[-1]
    assert (last.actor, last.from_status, last.to_status) == ("rita", "Under review", "Approved")
    assert last.details["decision"] == "approve"


def test_request_info_sets_30_day_clock(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    view = service.decide(REVIEWER, "1", "request-info", "see below", ["countersigned SOW", "  "])
    assert view.status == "Partner action required"
    assert view.action_due_at == START + timedelta(days=30)
    assert view.decisions[0].requests == ["countersigned SOW"]


def test_illegal_decisions_change_nothing(service: ClaimService, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    before = service.get_claim(REVIEWER, "1")
    with pytest.raises(IllegalTransition, match="it is Submitted"):
        service.decide(REVIEWER, "1", "approve", "")
    with pytest.raises(InvalidInput):
        service.decide(REVIEWER, "1", "maybe", "")
    service.record_analysis("1", 1, result("1"))
    with pytest.raises(IllegalTransition, match="note"):
        service.decide(REVIEWER, "1", "reject", "  ")
    with pytest.raises(AccessDenied):
        service.decide(ANALYST, "1", "approve", "")
    with pytest.raises(AccessDenied):
        service.decide(FABRIKAM, "1", "approve", "")
    after = service.get_claim(REVIEWER, "1")
    assert after.status == "Under review" and after.decisions == []
    assert len(after.history) == len(before.history) + 2  # only the analysis' two entries
    with session_scope(service.engine) as s:
        assert s.scalar(select(DecisionRow.id)) is None


def test_d6_approval_removes_product_from_other_partners_open_claims(service: ClaimService, tmp_path: Path) -> None:
    under_review(
        service, tmp_path,
        m365("1", "111", "Fabrikam", [EXO, TEAMS]),
        m365("2", "222", "Northwind", [EXO, {"name": "SharePoint Online", "code": "SPO"}]),
        m365("3", "333", "Litware", [{"name": "exchange online", "code": "exo"}]),  # same key, other case
        m365("4", "444", "Adatum", [EXO], tenant=TENANT_B),  # other customer: untouched
        m365("5", "111", "Fabrikam", [EXO]),  # same partner: not "another partner"
    )
    service.decide(REVIEWER, "1", "approve", "ok")
    two = service.get_claim(REVIEWER, "2")
    assert two.status == "Under review" and two.products == ["SPO"]
    removed = [p for p in two.product_lines if p.removed_at is not None]
    assert [p.key for p in removed] == ["EXO"] and "approved claim 1 (D-6)" in (removed[0].removed_reason or "")
    assert two.history[-1].action == "product_removed"
    three = service.get_claim(REVIEWER, "3")
    assert three.status == "Rejected" and three.products == []
    assert "every product went to approved claim 1" in three.history[-1].reason
    assert service.get_claim(REVIEWER, "4").products == ["EXO"]
    assert service.get_claim(REVIEWER, "5").products == ["EXO"]
    # What is left of claim 2 (SharePoint) can still be approved for Northwind.
    assert service.decide(REVIEWER, "2", "approve", "ok").status == "Approved"


def test_d6_subscription_level_for_business_applications(service: ClaimService, tmp_path: Path) -> None:
    sales = {"name": "Dynamics 365 Sales Enterprise", "code": "D365_SALES_ENT", "subscription_id": SUB_1}
    other_sub = dict(sales, subscription_id="aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")
    under_review(
        service, tmp_path,
        partner_claim("1", "111", "Fabrikam", products=[sales]),
        partner_claim("2", "222", "Northwind", products=[sales]),
        partner_claim("3", "333", "Litware", products=[other_sub]),
    )
    service.decide(REVIEWER, "1", "approve", "ok")
    assert service.get_claim(REVIEWER, "2").status == "Rejected"
    assert service.get_claim(REVIEWER, "3").products == ["D365_SALES_ENT"]


def test_approve_refused_while_another_partner_holds_the_product(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "approve", "ok")
    under_review(service, tmp_path / "later", m365("2", "222", "Northwind", [EXO]))
    with pytest.raises(IllegalTransition, match="EXO already associated"):
        service.decide(REVIEWER, "2", "approve", "ok")
    assert "approve" not in service.get_claim(REVIEWER, "2").available_decisions


def test_approval_resolves_conflict(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]), m365("2", "222", "Northwind", [EXO]))
    service.record_conflict({"key": {"tenant_id": TENANT_A, "product": "EXO"}, "ranking": ["2", "1"], "recommended": "2"})
    service.decide(REVIEWER, "2", "approve", "ok")
    with session_scope(service.engine) as s:
        assert s.scalar(select(ConflictRow.resolved_at)) == START


# --- optimistic locking -----------------------------------------------------------------------


def test_expected_version_guards_stale_forms(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    seen = service.get_claim(REVIEWER, "1").version
    service.decide(REVIEWER, "1", "request_info", "more", ["SOW"], expected_version=seen)
    with pytest.raises(ConcurrentUpdate, match="reload"):
        service.decide(REVIEWER2, "1", "approve", "ok", expected_version=seen)


def test_two_sessions_racing_exactly_one_wins(service: ClaimService, tmp_path: Path) -> None:
    """Both reviewers read version N; the loser's UPDATE ... WHERE version = N matches nothing."""
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    from pipeline.store.schema import ClaimRow

    with session_scope(service.engine) as slow:
        stale = slow.get(ClaimRow, "1")
        assert stale is not None
        service.decide(REVIEWER, "1", "approve", "first")  # the other reviewer commits meanwhile
        stale.status = "Rejected"
        from sqlalchemy.orm.exc import StaleDataError

        with pytest.raises(StaleDataError):
            slow.flush()
        slow.rollback()
    assert service.get_claim(REVIEWER, "1").status == "Approved"


# --- customer consent -------------------------------------------------------------------------


def test_consent_denial_any_time_after_approval(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    with pytest.raises(IllegalTransition, match="Under review"):
        service.consent_deny(SYSTEM, "1", "Other")
    service.decide(REVIEWER, "1", "approve", "ok")
    with pytest.raises(InvalidInput, match="D-21"):
        service.consent_deny(SYSTEM, "1", "too expensive")
    with pytest.raises(AccessDenied):
        service.consent_deny(FABRIKAM, "1", "Other")
    clock.advance(days=40)  # long after the 7-day window: still allowed (D-17)
    view = service.consent_deny(SYSTEM, "1", "partner is unknown", "never heard of them")
    assert view.status == "Customer consent denied"
    last = view.history[-1]
    assert last.reason == "Partner is unknown" and last.details["comment"] == "never heard of them"
    assert last.actor == "system:customer"


def test_revenue_association_has_no_opt_out_window(service: ClaimService, tmp_path: Path) -> None:
    ra = partner_claim("1", "111", "Fabrikam", program="OSA Sell", activity="Revenue association", documents=[])
    inbox = tmp_path / "inbox"
    write_claim(inbox / "ra", ra, files={})
    assert len(service.ingest(inbox).accepted) == 1
    service.record_analysis("1", 1, result("1"))
    view = service.decide(REVIEWER, "1", "approve", "ok")
    assert view.status == "Approved" and view.opt_out_until is None and view.documents == []


# --- edits (D-9) ------------------------------------------------------------------------------


def test_edit_only_in_draft_or_partner_action_required(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO, TEAMS]))
    with pytest.raises(IllegalTransition, match="D-9"):
        service.edit(FABRIKAM, "1", products=[EXO])
    service.decide(REVIEWER, "1", "request_info", "Teams has no POE: remove it (D-12)", ["remove Teams"])
    clock.advance(days=1)
    view = service.edit(FABRIKAM, "1", products=[EXO], mpn_country="Canada", customer_contact_email="new@contoso.example")
    assert view.products == ["EXO"] and view.mpn_country == "Canada"
    assert view.customer_contact_email == "new@contoso.example" and view.status == "Partner action required"
    last = view.history[-1]
    assert last.action == "edited" and last.actor == "ola"
    assert set(last.details) == {"products", "mpn_country", "customer_contact_email"}
    with pytest.raises(InvalidInput, match="nothing to change"):
        service.edit(FABRIKAM, "1", products=[EXO])
    with pytest.raises(InvalidInput, match="products"):
        service.edit(FABRIKAM, "1", products=[])
    with pytest.raises(AccessDenied):
        service.edit(REVIEWER, "1", mpn_country="France")
    with pytest.raises(AccessDenied):
        service.edit(NORTHWIND, "1", mpn_country="France")
    resubmitted = service.submit(FABRIKAM, "1")
    assert resubmitted.status == "Submitted" and resubmitted.action_due_at is None
    # The edited claim is a new submission with the same documents; analysis sees the edits.
    assert service.pending_analysis() == [("1", 2)]
    assert [d.path for d in resubmitted.documents] == ["SOW.pdf"] and resubmitted.documents[0].submission_seq == 2
    claim, docs = service.submission("1")
    assert [p.key for p in claim.products] == ["EXO"] and claim.mpn_location.country == "Canada"
    assert docs[0][1].is_file()
    from pipeline.claim_folder import read_claim_folder

    folder = read_claim_folder(service.materialize_submission("1", None, tmp_path / "again"))
    assert folder.content_hash == resubmitted.submissions[-1].content_hash


def test_resubmit_without_edits_is_analysed_and_reviewed_again(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "request_info", "x", ["y"])
    service.submit(FABRIKAM, "1")
    assert service.pending_analysis() == [("1", 1)]
    service.record_analysis("1", 1, result("1"))  # the very same result as before
    view = service.get_claim(REVIEWER, "1")
    assert view.status == "Under review" and service.pending_analysis() == []


def test_edit_cannot_touch_other_fields() -> None:
    import inspect

    params = set(inspect.signature(ClaimService.edit).parameters) - {"self", "actor", "claim_id", "expected_version"}
    assert params == {"mpn_id", "mpn_country", "products", "partner_contact_name", "partner_contact_email",
                      "customer_contact_name", "customer_contact_email"}


# --- roles (D-1) ------------------------------------------------------------------------------


def test_partner_cannot_read_or_change_another_organisations_claim(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]), m365("2", "222", "Northwind", [TEAMS]))
    assert [c.claim_id for c in service.list_claims(FABRIKAM)] == ["1"]
    assert [c.claim_id for c in service.list_claims(NORTHWIND)] == ["2"]
    with pytest.raises(AccessDenied):
        service.get_claim(FABRIKAM, "2")
    service.decide(REVIEWER, "2", "request_info", "x", ["y"])
    with pytest.raises(AccessDenied):
        service.edit(FABRIKAM, "2", mpn_country="France")
    with pytest.raises(AccessDenied):
        service.submit(FABRIKAM, "2")
    assert service.get_claim(NORTHWIND, "2").mpn_country == "United States"
    assert {c.claim_id for c in service.list_claims(REVIEWER)} == {"1", "2"}


def test_analyst_reads_all_without_personal_data(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    view = service.get_claim(ANALYST, "1")
    assert view.personal_data_withheld and view.customer_contact_email is None and view.partner_contact_name is None
    assert view.available_decisions == []
    assert "teo.lupu" not in str(view.to_json())
    assert service.get_claim(REVIEWER, "1").customer_contact_email == "teo.lupu@contoso.example"


def test_analyst_does_not_see_edited_contacts_in_history(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "request_info", "x", ["y"])
    service.edit(FABRIKAM, "1", customer_contact_email="private@contoso.example", mpn_country="Canada")
    analyst_view = service.get_claim(ANALYST, "1").to_json()
    assert "private@contoso.example" not in str(analyst_view)
    assert analyst_view["history"][-1]["details"]["mpn_country"] == ["United States", "Canada"]
    assert "private@contoso.example" in str(service.get_claim(REVIEWER, "1").to_json())


def test_list_claims_filters_by_status_spelling(service: ClaimService, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]), m365("2", "222", "Northwind", [TEAMS]))
    service.record_analysis("1", 1, result("1"))
    assert [c.claim_id for c in service.list_claims(REVIEWER, "Under review")] == ["1"]
    assert [c.claim_id for c in service.list_claims(REVIEWER, "under-review")] == ["1"]
    assert [c.claim_id for c in service.list_claims(REVIEWER, "submitted")] == ["2"]
    with pytest.raises(InvalidInput, match="unknown status"):
        service.list_claims(REVIEWER, "Pending")
    summary = service.list_claims(REVIEWER, "Under review")[0].to_json()
    assert {"claim_id", "partner", "status", "recommendation"} <= set(summary)
    assert summary["partner"] == "Fabrikam" and summary["recommendation"] == "approve"


# --- timers -----------------------------------------------------------------------------------


def test_d15_thirty_days_boundary(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "request_info", "x", ["y"])
    assert service.tick(START + timedelta(days=29, hours=23)) == []
    assert service.get_claim(REVIEWER, "1").status == "Partner action required"
    applied = service.tick(START + timedelta(days=30))
    assert applied == [{"claim_id": "1", "action": "rejected", "rule": "D-15", "to_status": "Rejected"}]
    view = service.get_claim(REVIEWER, "1")
    assert view.status == "Rejected"
    last = view.history[-1]
    assert last.actor == "system:clock" and "30 days" in last.reason and last.at == START + timedelta(days=30)
    assert service.tick(START + timedelta(days=31)) == []


def test_d15_clock_stops_when_partner_resubmits(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "request_info", "x", ["y"])
    clock.advance(days=29)
    service.edit(FABRIKAM, "1", mpn_country="Canada")
    service.submit(FABRIKAM, "1")
    assert service.tick(START + timedelta(days=45)) == []
    assert service.get_claim(REVIEWER, "1").status == "Submitted"


def test_d17_opt_out_window_closes_once(service: ClaimService, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "approve", "ok")
    assert service.tick(START + timedelta(days=6, hours=23)) == []
    assert service.tick(START + timedelta(days=7)) == [{"claim_id": "1", "action": "opt_out_closed", "rule": "D-17"}]
    assert service.tick(START + timedelta(days=8)) == []
    assert service.get_claim(REVIEWER, "1").status == "Approved"


def test_d14_overdue_flagged_once_on_the_fifth_business_day(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    clock.set(START + timedelta(days=4))  # Friday 09:00
    service.record_analysis("1", 1, result("1"))
    due = service.get_claim(REVIEWER, "1").review_due_at
    assert due == START + timedelta(days=11)  # next Friday 09:00, not Wednesday
    assert service.tick(due - timedelta(minutes=1)) == []
    assert service.tick(due) == [{"claim_id": "1", "action": "review_overdue", "rule": "D-14"}]
    assert service.tick(due + timedelta(days=1)) == []
    assert service.get_claim(REVIEWER, "1").status == "Under review"


def test_tick_uses_the_injected_clock(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    service.decide(REVIEWER, "1", "request_info", "x", ["y"])
    clock.advance(days=30)
    assert [a["action"] for a in service.tick()] == ["rejected"]


def test_materialize_submission_gives_back_the_stored_bytes(service: ClaimService, tmp_path: Path) -> None:
    take_in(service, tmp_path, m365("1", "111", "Fabrikam", [EXO]))
    folder = service.materialize_submission("1", 1, tmp_path / "out")
    from pipeline.claim_folder import read_claim_folder

    cf = read_claim_folder(folder)
    with session_scope(service.engine) as s:
        stored = s.scalar(select(DocumentRow.content_hash))
    assert cf.document_hashes == {"SOW.pdf": stored}
    claim, docs = service.submission("1")
    assert claim.claim_id == "1" and docs[0][1].is_file()


def test_partner_resubmits_own_claim_after_editing_its_mpn_id(service: ClaimService, tmp_path: Path) -> None:
    """The web upload path: the claim as it stands (edits included) goes back through intake."""
    under_review(service, tmp_path, m365("1", "111", "Fabrikam", [EXO, TEAMS]))
    service.decide(REVIEWER, "1", "request_info", "x", ["y"])
    service.edit(FABRIKAM, "1", mpn_id="111-CA", customer_contact_name="Teo L.", products=[EXO])
    raw = service.current_claim_json(FABRIKAM, "1")
    assert raw["mpn_location"]["mpn_id"] == "111-CA" and raw["customer"]["contact_name"] == "Teo L."
    assert raw["products"] == [EXO] and raw["status"] == "Partner action required"
    with pytest.raises(AccessDenied):
        service.current_claim_json(NORTHWIND, "1")
    folder = service.materialize_submission("1", None, tmp_path / "upload")
    import json

    raw["documents"].append({"path": "extra.pdf", "uploaded_by": "ola"})
    (folder / "extra.pdf").write_bytes(b"%PDF-1.4 countersigned")
    (folder / "claim.json").write_text(json.dumps(raw))
    report = service.ingest(folder, FABRIKAM)
    assert [i.outcome for i in report.items] == ["resubmitted"], report.to_json()
    view = service.get_claim(FABRIKAM, "1")
    assert view.status == "Submitted" and view.customer_contact_name == "Teo L." and view.products == ["EXO"]
    assert [d.path for d in view.documents] == ["SOW.pdf", "extra.pdf"]
    assert view.partner_org == "111"
    assert service.ingest(folder, NORTHWIND).refused[0].message.endswith("another partner organisation")
