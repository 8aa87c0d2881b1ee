"""Issue 13, High #1: a partner rewrote the tenant directory by uploading ``tenants.json`` to its
own claim and re-submitting; the entries of other partners' customers changed (display name,
domains, subscriptions: D-8 eligibility and customer-name matching). An upload named
``claim.json`` was silently replaced by the claim's metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from pipeline.claim_folder import read_claim_folder
from pipeline.errors import ClaimFolderError
from pipeline.roles import SYSTEM, Actor, Role
from pipeline.service import ClaimService
from pipeline.store.db import session_scope
from pipeline.store.schema import TenantRow
from tests.security.helpers import request_info, upload
from tests.web.store_builder import FABRIKAM, TENANT_A, TENANT_B, Built, claim_json

FORGED = [
    {
        "tenant_id": TENANT_B,  # Adatum: the customer of Northwind's claim 1000002
        "display_name": "Fabrikam Consulting LLC",
        "domains": ["fabrikam.example"],
        "subscriptions": [
            {"subscription_id": "d66656c2-f69b-4488-8035-287eb6711ddc", "product": "Exchange Online",
             "code": "EXO", "channel": "CSP", "country": "United States", "activated_at": "2026-06-01T00:00:00Z"}
        ],
    }
]


def _tenant(built: Built, tenant_id: str) -> tuple[str, list[Any], list[str]]:
    with session_scope(built.engine) as session:
        row = session.get(TenantRow, tenant_id)
        assert row is not None
        return row.display_name, list(row.domains), [s.subscription_id for s in row.subscriptions]


def test_upload_named_tenants_json_is_refused_and_the_directory_is_unchanged(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    before = _tenant(built, TENANT_B)
    request_info(client_for)
    fab = client_for("fab")
    for name in ("tenants.json", "TENANTS.JSON", "../tenants.json"):
        r = upload(fab, "1000001", name, json.dumps(FORGED).encode())
        assert r.status_code == 400, r.text
        assert r.json()["error"] == "InvalidInput" and "reserved" in r.json()["message"]
    assert _tenant(built, TENANT_B) == before
    claim = fab.get("/api/claims/1000001").json()
    assert claim["current_submission"] == 1 and claim["status"] == "Partner action required"


def test_upload_named_claim_json_is_refused_not_lost(client_for, built: Built) -> None:  # type: ignore[no-untyped-def]
    request_info(client_for)
    fab = client_for("fab")
    r = upload(fab, "1000001", "claim.json", b'{"my": "acknowledgment"}')
    assert r.status_code == 400, r.text
    assert "claim.json" in r.json()["message"] and "reserved" in r.json()["message"]
    claim = fab.get("/api/claims/1000001").json()
    assert claim["current_submission"] == 1  # nothing taken in, nothing silently dropped


def test_resubmission_with_a_tenants_file_never_touches_the_directory(built: Built, tmp_path: Path) -> None:
    """A partner's ingest (the library call behind every partner re-submission) loads no
    directory, even when its folder carries one."""
    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    before = _tenant(built, TENANT_B)
    folder = tmp_path / "claim"
    folder.mkdir()
    (folder / "SOW.txt").write_text("Statement of work signed by the customer.")
    (folder / "claim.json").write_text(
        json.dumps(claim_json("1000077", FABRIKAM, TENANT_A, [{"name": "Exchange Online", "code": "EXO"}], ["SOW.txt"]))
    )
    (folder / "tenants.json").write_text(json.dumps(FORGED))
    report = service.ingest(folder, Actor("fab", Role.INCENTIVE_ADMIN, FABRIKAM[0]))
    assert report.items[0].outcome == "accepted"
    assert report.tenants_loaded == 0 and report.tenants_error and "operator" in report.tenants_error
    assert _tenant(built, TENANT_B) == before


def test_claim_folder_naming_a_reserved_file_as_a_document_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "claim"
    folder.mkdir()
    (folder / "tenants.json").write_text(json.dumps(FORGED))
    (folder / "claim.json").write_text(
        json.dumps(claim_json("1000078", FABRIKAM, TENANT_A, [{"name": "Exchange Online", "code": "EXO"}], ["tenants.json"]))
    )
    with pytest.raises(ClaimFolderError, match=r"documents\[0\]\.path: .*reserved"):
        read_claim_folder(folder)


def test_operator_ingest_records_who_changed_the_directory(built: Built, tmp_path: Path) -> None:
    from pipeline.store.schema import TenantHistoryRow

    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    changed = [{"tenant_id": TENANT_B, "display_name": "Adatum Corp.", "domains": ["adatum.example"], "subscriptions": []}]
    (inbox / "tenants.json").write_text(json.dumps(changed))
    report = service.ingest(inbox, SYSTEM)
    assert report.tenants_loaded == 1 and report.tenants_error is None
    with session_scope(built.engine) as session:
        rows = list(session.scalars(select(TenantHistoryRow).where(TenantHistoryRow.tenant_id == TENANT_B)))
    last = rows[-1]
    assert last.actor == "system:intake" and last.action == "updated"
    assert last.source.endswith("tenants.json") and len(last.source_sha256) == 64
    assert last.before["display_name"] == "Adatum Corporation" and last.after["display_name"] == "Adatum Corp."


def test_tenant_history_cannot_be_rewritten(built: Built, tmp_path: Path) -> None:
    from sqlalchemy import text

    service = ClaimService(built.engine, built.clock, data_dir=built.data_dir)
    (tmp_path / "tenants.json").write_text(json.dumps([{"tenant_id": TENANT_B, "display_name": "Adatum 2", "domains": [], "subscriptions": []}]))
    service.ingest(tmp_path, SYSTEM)
    with pytest.raises(Exception, match="append-only"), built.engine.begin() as conn:
        conn.execute(text("UPDATE tenant_history SET actor = 'someone else'"))
    with pytest.raises(Exception, match="append-only"), built.engine.begin() as conn:
        conn.execute(text("DELETE FROM tenant_history"))
