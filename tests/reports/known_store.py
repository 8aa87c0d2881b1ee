"""A store with known outcomes, built through the ClaimService with a fixed clock (helpers).

Day 0 is Monday 2 November 2026 09:00 UTC (tests.pipeline.conftest.START).

| claim | partner | area  | recommendation(s)      | what happens                                              |
| 1     | 111     | M365  | approve                | approved day 2, consent denied day 4 "Partner is unknown" |
| 2     | 111     | M365  | approve                | rejected day 8 (stricter overrule; D-14 due day 7: missed)|
| 3     | 222     | BizApps | request_info         | request_info day 1, no answer: expired (D-15) at day 40   |
| 4     | 333     | BizApps | reject               | approved day 1 (more lenient overrule)                     |
| 5     | 222     | M365  | request_info, approve  | request_info day 1, re-submitted day 4, approved day 7     |
| 6     | 444     | M365  | approve                | in conflict with 1 (EXO); loses EXO day 2; open, overdue   |
| 7     | 555     | M365  | approve                | its only product EXO goes to claim 1: Rejected day 2 (D-6) |
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from pipeline.clock import FixedClock
from pipeline.roles import Actor, Role
from pipeline.service import ClaimService
from tests.pipeline.claim_factory import TENANT_A, TENANT_B, partner_claim, write_claim
from tests.pipeline.conftest import START

REVIEWER = Actor("rita", Role.REVIEWER)
EXO = {"name": "Exchange Online", "code": "EXO"}
TEAMS = {"name": "Microsoft Teams", "code": "TEAMS"}
SHAREPOINT = {"name": "SharePoint Online", "code": "SPO"}
AS_OF = START + timedelta(days=40)
CRITERIA = ("customer_signature", "product_links", "growth_activities", "partner_name", "customer_name", "dates")


def analysis(claim_id: str, recommendation: str, failing: dict[str, str], codes: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "criteria": {
            c: {"verdict": failing.get(c, "met"), "confidence": 0.9, "evidence": []} for c in CRITERIA
        },
        "documents": [{"path": "SOW.pdf", "status": "ok", "kind": "sow", "pages": 3}],
        "eligibility": [],
        "score": {"approve": 90.0, "request_info": 55.0, "reject": 20.0}[recommendation],
        "recommendation": recommendation,
        "reasons": [{"code": code, "rule": "D-11", "criterion": crit, "message": code} for code, crit in codes],
    }


def m365(cid: str, mpn: str, products: list[dict[str, Any]], tenant: str = TENANT_A) -> dict[str, Any]:
    return partner_claim(cid, mpn, f"Partner {mpn}", products=products, tenant_id=tenant,
                         program="OSU-Microsoft 365", solution_area="Microsoft 365")


def bizapps(cid: str, mpn: str, tenant: str) -> dict[str, Any]:
    data = partner_claim(cid, mpn, f"Partner {mpn}", tenant_id=tenant)
    data["products"] = [{"name": "Dynamics 365 Sales Enterprise", "code": "D365_SALES_ENT"}]
    return data


FIRST = {
    "1": analysis("1", "approve", {}, []),
    "2": analysis("2", "approve", {"customer_signature": "not_met"}, [("R-SIG-001", "customer_signature")]),
    "3": analysis("3", "request_info", {"dates": "not_met", "growth_activities": "unclear"},
                  [("R-DAT-001", "dates"), ("R-GROW-001", "growth_activities")]),
    "4": analysis("4", "reject", {"dates": "not_met", "customer_signature": "not_met"},
                  [("R-DAT-001", "dates"), ("R-SIG-001", "customer_signature")]),
    "5": analysis("5", "request_info", {"dates": "not_met"}, [("R-DAT-001", "dates")]),
    "6": analysis("6", "approve", {"growth_activities": "not_met"}, [("R-GROW-002", "growth_activities")]),
    "7": analysis("7", "approve", {}, []),
}


def build_known_store(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    clock.set(START)
    inbox = tmp_path / "inbox"
    claims = [
        m365("1", "111", [EXO]),
        m365("2", "111", [TEAMS], TENANT_B),
        bizapps("3", "222", TENANT_A),
        bizapps("4", "333", TENANT_B),
        m365("5", "222", [SHAREPOINT], TENANT_B),
        m365("6", "444", [EXO, TEAMS]),
        m365("7", "555", [EXO]),
    ]
    for data in claims:
        write_claim(inbox / data["claim_id"], data)
    assert not service.ingest(inbox).refused
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, FIRST[cid])
    service.record_conflict({"key": {"tenant_id": TENANT_A, "product": "EXO"}, "ranking": ["1", "6"],
                             "recommended": "1", "margin": 0.4})
    clock.set(START + timedelta(days=1))
    service.decide(REVIEWER, "3", "request_info", "POE incomplete", requests=["Dated milestones"])
    service.decide(REVIEWER, "4", "approve", "Signature found on page 4 by hand")
    service.decide(REVIEWER, "5", "request_info", "Dates missing", requests=["Signature dates"])
    clock.set(START + timedelta(days=2))
    service.decide(REVIEWER, "1", "approve", "ok")
    clock.set(START + timedelta(days=4))
    service.consent_deny(REVIEWER, "1", "Partner is unknown", "never heard of them")
    service.submit(Actor("nina", Role.INCENTIVE_USER, "222"), "5")
    for cid, seq in service.pending_analysis():
        assert cid == "5"
        service.record_analysis(cid, seq, analysis("5", "approve", {}, []) | {"scoring_version": "2"})
    clock.set(START + timedelta(days=7))
    service.decide(REVIEWER, "5", "approve", "ok now")
    clock.set(START + timedelta(days=8))
    service.decide(REVIEWER, "2", "reject", "No customer signature")
    clock.set(AS_OF)
    service.tick(AS_OF)
