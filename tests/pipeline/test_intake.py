"""Intake (spec sections 1-2): bad claims refused by field, the rest taken in; re-submissions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.clock import FixedClock
from pipeline.errors import AccessDenied, InvalidInput
from pipeline.intake import _guess_type, claim_folders
from pipeline.models import Status
from pipeline.roles import SYSTEM, Actor, Role
from pipeline.service import ClaimService
from pipeline.store.db import session_scope
from pipeline.store.schema import ClaimRow, DocumentRow, HistoryRow, SubmissionRow, TenantRow
from tests.pipeline.claim_factory import (
    SUB_1,
    TENANT_A,
    TENANTS,
    claim_dict,
    partner_claim,
    write_claim,
    write_tenants,
)

REVIEWER = Actor("rita", Role.REVIEWER)


def analysed(service: ClaimService, claim_id: str, recommendation: str = "approve") -> None:
    [(cid, seq)] = [p for p in service.pending_analysis() if p[0] == claim_id]
    service.record_analysis(cid, seq, {"claim_id": cid, "criteria": {}, "documents": [], "score": 50,
                                       "recommendation": recommendation, "reasons": [], "eligibility": []})


def counts(service: ClaimService) -> dict[str, int]:
    with session_scope(service.engine) as s:
        return {
            table.__tablename__: s.scalar(select(func.count()).select_from(table)) or 0
            for table in (ClaimRow, SubmissionRow, DocumentRow, HistoryRow, TenantRow)
        }


def mixed_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    write_tenants(inbox)
    write_claim(inbox / "01-good", partner_claim("1001", "111", "Fabrikam"))
    write_claim(inbox / "02-good", partner_claim("1002", "222", "Northwind", products=[{"name": "Exchange Online", "code": "EXO"}],
                                                 program="OSU-Microsoft 365", solution_area="Microsoft 365"))
    bad_guid = partner_claim("1003", "333", "Litware")
    bad_guid["customer"]["tenant_id"] = "72f988bf-XXXX"
    write_claim(inbox / "03-bad-guid", bad_guid)
    no_program = partner_claim("1004", "333", "Litware")
    del no_program["program"]
    write_claim(inbox / "04-missing-program", no_program)
    write_claim(inbox / "05-unknown-program", partner_claim("1005", "333", "Litware", program="Azure"))
    escape = partner_claim("1006", "333", "Litware", documents=[{"path": "../01-good/SOW.pdf"}])
    write_claim(inbox / "06-escape", escape, files={})
    write_claim(inbox / "07-missing-doc", partner_claim("1007", "333", "Litware", documents=[{"path": "gone.pdf"}]), files={})
    write_claim(inbox / "08-dup-other-partner", partner_claim("1001", "999", "Contoso Rival"))
    (inbox / "09-not-json").mkdir()
    (inbox / "09-not-json" / "claim.json").write_text("{")
    write_claim(inbox / "10-revenue", partner_claim("1010", "444", "Adatum", program="OSA Sell", activity="Revenue association",
                                                    documents=[]), files={})
    write_claim(inbox / "11-no-poe", partner_claim("1011", "444", "Adatum", documents=[]), files={})
    return inbox


EXPECTED_REFUSALS = {
    "03-bad-guid": "customer.tenant_id",
    "04-missing-program": "program",
    "05-unknown-program": "program",
    "06-escape": "documents[0].path",
    "07-missing-doc": "documents[0].path",
    "08-dup-other-partner": "claim_id",
    "09-not-json": "claim.json",
    "11-no-poe": "documents",
}


def test_mixed_inbox_takes_good_claims_and_names_bad_fields(service: ClaimService, tmp_path: Path) -> None:
    report = service.ingest(mixed_inbox(tmp_path))
    assert sorted(i.claim_id for i in report.accepted) == ["1001", "1002", "1010"]
    refused = {i.folder: i.message for i in report.refused}
    assert set(refused) == set(EXPECTED_REFUSALS)
    for folder, field in EXPECTED_REFUSALS.items():
        assert refused[folder].startswith(field), (folder, refused[folder])
    assert "escapes the claim folder" in refused["06-escape"]
    assert "does not exist" in refused["07-missing-doc"]
    assert "Fabrikam" in refused["08-dup-other-partner"]
    assert "D-10" in refused["11-no-poe"]
    assert report.tenants_loaded == 1
    assert {s.claim_id for s in service.list_claims(REVIEWER)} == {"1001", "1002", "1010"}


def test_ingesting_again_changes_nothing(service: ClaimService, tmp_path: Path) -> None:
    inbox = mixed_inbox(tmp_path)
    service.ingest(inbox)
    before = counts(service)
    again = service.ingest(inbox)
    assert again.counts()["accepted"] == 0 and again.counts()["resubmitted"] == 0
    assert sorted(i.claim_id for i in again.unchanged) == ["1001", "1002", "1010"]
    assert len(again.refused) == len(EXPECTED_REFUSALS)
    assert counts(service) == before


def test_claim_row_documents_and_blobs(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_claim(inbox / "a", claim_dict(), files={"SOW.pdf": b"%PDF-1.7 signed sow"})
    service.ingest(inbox)
    view = service.get_claim(REVIEWER, "1012503")
    assert view.status == "Submitted"
    assert view.partner == "Fabrikam Consulting LLC" and view.partner_org == "4412093"
    assert view.products == ["D365_SALES_ENT"] and view.product_lines[0].subscription_id == SUB_1
    [doc] = view.documents
    stored = Path(doc.stored_path)
    assert stored.parent == service.blobs_dir and stored.name == doc.content_hash
    assert stored.read_bytes() == b"%PDF-1.7 signed sow"
    assert doc.size == len(b"%PDF-1.7 signed sow") and doc.detected_type == "pdf"
    assert [h.action for h in view.history] == ["submitted"]
    assert view.history[0].actor == "system:intake"


def test_tenant_directory_names_the_customer(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_tenants(inbox)
    write_claim(inbox / "a")
    service.ingest(inbox)
    assert service.list_claims(REVIEWER)[0].customer_name == "Contoso Ltd"
    changed = json.loads(json.dumps(TENANTS))
    changed[0]["display_name"] = "Contoso Group"
    write_tenants(inbox, changed)
    assert service.ingest(inbox).tenants_loaded == 1
    assert service.list_claims(REVIEWER)[0].customer_name == "Contoso Group"
    assert service.ingest(inbox).tenants_loaded == 0  # unchanged directory: nothing written


def test_bad_tenants_file_does_not_stop_claims(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_tenants(inbox, [{"tenant_id": "nope", "display_name": "X"}])
    write_claim(inbox / "a")
    report = service.ingest(inbox)
    assert report.tenants_error and report.tenants_error.startswith("tenants.json[0].tenant_id")
    assert len(report.accepted) == 1


def resubmit(service: ClaimService, folder: Path, **changes: object) -> None:
    data = json.loads((folder / "claim.json").read_text())
    data.update(changes)
    (folder / "claim.json").write_text(json.dumps(data))


def test_resubmission_after_partner_action_required(service: ClaimService, clock: FixedClock, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    folder = write_claim(inbox / "a")
    service.ingest(inbox)
    analysed(service, "1012503", "request_info")
    service.decide(REVIEWER, "1012503", "request_info", "need the countersigned SOW", ["countersigned SOW"])
    clock.advance(days=3)
    (folder / "SOW.pdf").write_bytes(b"%PDF-1.7 countersigned")
    report = service.ingest(inbox)
    assert [i.claim_id for i in report.resubmitted] == ["1012503"]
    view = service.get_claim(REVIEWER, "1012503")
    assert view.status == "Submitted" and view.current_submission == 2
    assert view.action_due_at is None and view.recommendation is None
    assert [s.seq for s in view.submissions] == [1, 2]
    assert view.documents[0].submission_seq == 2
    assert ("Partner action required", "Submitted") in [(h.from_status, h.to_status) for h in view.history]
    assert service.pending_analysis() == [("1012503", 2)]
    assert service.ingest(inbox).counts()["unchanged"] == 1


def test_resubmission_while_submitted_replaces_the_pending_submission(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    folder = write_claim(inbox / "a")
    service.ingest(inbox)
    resubmit(service, folder, comment="now with phase 2")
    report = service.ingest(inbox)
    assert len(report.resubmitted) == 1
    assert service.pending_analysis() == [("1012503", 2)]
    assert service.get_claim(REVIEWER, "1012503").comment == "now with phase 2"


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_resubmission_refused_once_decided(service: ClaimService, tmp_path: Path, decision: str) -> None:
    inbox = tmp_path / "inbox"
    folder = write_claim(inbox / "a")
    service.ingest(inbox)
    analysed(service, "1012503")
    service.decide(REVIEWER, "1012503", decision, "done")
    resubmit(service, folder, comment="changed")
    [item] = service.ingest(inbox).refused
    assert item.message.startswith("claim_id: claim 1012503 is")
    if decision == "reject":
        assert "new claim (D-15)" in item.message
    assert service.get_claim(REVIEWER, "1012503").current_submission == 1


def test_resubmission_refused_under_review_and_for_another_tenant(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    folder = write_claim(inbox / "a")
    service.ingest(inbox)
    analysed(service, "1012503")
    resubmit(service, folder, comment="x")
    [item] = service.ingest(inbox).refused
    assert "Under review" in item.message
    inbox2 = tmp_path / "inbox2"
    other = claim_dict(claim_id="777")
    write_claim(inbox2 / "b", other)
    service.ingest(inbox2)
    other["customer"]["tenant_id"] = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
    write_claim(inbox2 / "b", other)
    [item] = service.ingest(inbox2).refused
    assert item.message.startswith("customer.tenant_id")


def test_same_partner_with_edited_mpn_location_is_a_resubmission(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    folder = write_claim(inbox / "a")
    service.ingest(inbox)
    resubmit(service, folder, mpn_location={"mpn_id": "5550001", "country": "Canada"})
    report = service.ingest(inbox)
    assert len(report.resubmitted) == 1
    view = service.get_claim(REVIEWER, "1012503")
    assert view.mpn_id == "5550001" and view.partner_org == "4412093"


def test_draft_claims_wait_and_can_be_submitted(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_claim(inbox / "a", claim_dict(status="Draft", documents=[]), files={})
    report = service.ingest(inbox)
    assert len(report.accepted) == 1
    assert service.pending_analysis() == []
    ola = Actor("ola", Role.INCENTIVE_USER, "4412093")
    from pipeline.errors import IllegalTransition

    with pytest.raises(IllegalTransition, match="D-10"):
        service.submit(ola, "1012503")
    write_claim(inbox / "a", claim_dict(status="Submitted"))
    report = service.ingest(inbox)
    assert len(report.resubmitted) == 1
    assert service.get_claim(ola, "1012503").status == Status.SUBMITTED.value


def test_other_status_in_claim_json_is_taken_in_as_submitted(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_claim(inbox / "a", claim_dict(status="Approved"))
    report = service.ingest(inbox)
    assert "taken in as Submitted" in report.accepted[0].message
    assert service.get_claim(REVIEWER, "1012503").status == "Submitted"


def test_inbox_may_be_a_single_claim_folder(service: ClaimService, tmp_path: Path) -> None:
    folder = write_claim(tmp_path / "single")
    assert claim_folders(folder) == [folder]
    assert len(service.ingest(folder).accepted) == 1


def test_ingest_roles(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_claim(inbox / "mine", partner_claim("1", "111", "Fabrikam"))
    write_claim(inbox / "theirs", partner_claim("2", "222", "Northwind"))
    with pytest.raises(AccessDenied):
        service.ingest(inbox, Actor("ana", Role.ANALYST))
    report = service.ingest(inbox, Actor("ola", Role.INCENTIVE_ADMIN, "111"))
    assert [i.claim_id for i in report.accepted] == ["1"]
    assert "another partner organisation" in report.refused[0].message
    with pytest.raises(InvalidInput):
        service.ingest(tmp_path / "nowhere", SYSTEM)


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"%PDF-1.4", "pdf"), (b"\x89PNG\r\n", "png"), (b"{\\rtf1", "rtf"), (b"From: a@b\r\nTo: c", "eml"),
     (b"<html><body>", "html"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"), (b"", "unknown")],
)
def test_local_magic_byte_guess(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "f"
    path.write_bytes(content)
    assert _guess_type(path) == kind


def test_tenants_stored(service: ClaimService, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_tenants(inbox)
    service.ingest(inbox)
    with session_scope(service.engine) as s:
        tenant = s.get(TenantRow, TENANT_A)
        assert tenant is not None and tenant.subscriptions[0].subscription_id == SUB_1
        assert tenant.subscriptions[0].activated_at is not None
