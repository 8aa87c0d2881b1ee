"""The claims commands end to end through typer (no subprocess): output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from delivery.cli import app
from tests.pipeline.claim_factory import partner_claim, write_claim, write_tenants

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    write_tenants(inbox)
    write_claim(inbox / "a", partner_claim("1", "111", "Fabrikam"))
    bad = partner_claim("2", "222", "Northwind")
    bad["customer"]["tenant_id"] = "bad"
    write_claim(inbox / "b", bad)
    return inbox


def analyse(db: str) -> None:
    from pipeline.service import ClaimService
    from pipeline.store.db import make_engine

    service = ClaimService(make_engine(db))
    for cid, seq in service.pending_analysis():
        service.record_analysis(cid, seq, {"claim_id": cid, "criteria": {"dates": {"verdict": "met", "confidence": 0.9,
                                "evidence": []}}, "documents": [], "score": 80, "recommendation": "approve",
                                "reasons": [{"code": "R-X-1", "rule": "D-11", "message": "fine"}], "eligibility": []})


def test_ingest_reports_each_refusal_and_is_idempotent(db: str, inbox: Path) -> None:
    code, out, _ = run(db, "ingest", str(inbox))
    assert code == 0
    assert "1 accepted" in out and "1 refused" in out and "customer.tenant_id: not a GUID" in out
    code, out, _ = run(db, "ingest", str(inbox), "--json")
    data = json.loads(out)
    assert data["counts"] == {"accepted": 0, "resubmitted": 0, "unchanged": 1, "refused": 1}


def test_claims_json_has_the_spec_fields(db: str, inbox: Path) -> None:
    run(db, "ingest", str(inbox))
    analyse(db)
    code, out, _ = run(db, "claims", "--json")
    assert code == 0
    [claim] = json.loads(out)
    assert claim["claim_id"] == "1" and claim["partner"] == "Fabrikam"
    assert claim["status"] == "Under review" and claim["recommendation"] == "approve"
    code, out, _ = run(db, "claims", "--status", "Approved", "--json")
    assert json.loads(out) == []
    code, out, _ = run(db, "claims", "--as", "eve", "--role", "incentive_admin", "--partner-org", "999", "--json")
    assert code == 0 and json.loads(out) == []


def test_decide_show_consent_and_tick(db: str, inbox: Path) -> None:
    run(db, "ingest", str(inbox))
    analyse(db)
    code, out, _ = run(db, "decide", "1", "approve", "--as", "rita", "--note", "signed SOW p.7")
    assert code == 0 and out.strip() == "claim 1: Approved"
    code, out, _ = run(db, "show", "1")
    assert code == 0
    assert "Status        Approved" in out and "rita" in out and "dates" in out and "[R-X-1, D-11] fine" in out
    code, out, _ = run(db, "show", "1", "--json")
    view = json.loads(out)
    assert view["status"] == "Approved" and view["opt_out_until"] and view["history"][-1]["actor"] == "rita"
    code, out, _ = run(db, "tick", "--now", "2099-01-01T00:00:00Z", "--json")
    assert code == 0 and [a["action"] for a in json.loads(out)] == ["opt_out_closed"]
    code, out, _ = run(db, "tick", "--now", "2099-01-02", "--json")
    assert json.loads(out) == []
    code, out, _ = run(db, "consent-deny", "1", "--reason", "Partner is unknown", "--comment", "who?")
    assert code == 0 and "Customer consent denied" in out


def test_request_info_edit_and_resubmit(db: str, inbox: Path) -> None:
    run(db, "ingest", str(inbox))
    analyse(db)
    code, _, _ = run(db, "decide", "1", "request-info", "--as", "rita", "--request", "countersigned SOW")
    assert code == 0
    code, out, err = run(db, "edit", "1", "--partner-org", "111", "--product", "Dynamics 365 Sales Enterprise|D365_SALES_ENT",
                         "--json")
    assert code == 0, err
    assert json.loads(out)["product_lines"][0]["subscription_id"] is None
    code, _, err = run(db, "edit", "1", "--partner-org", "999", "--mpn-country", "France")
    assert code == 1 and "another partner organisation" in err
    code, out, _ = run(db, "submit", "1", "--partner-org", "111")
    assert code == 0 and "Submitted" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "404"], 1, "error: claim 404 not found"),
        (["decide", "1", "approve", "--as", "rita"], 1, "error: cannot approve claim 1: it is Submitted"),
        (["decide", "1", "perhaps", "--as", "rita"], 2, "error: decision must be"),
        (["claims", "--status", "Pending"], 2, "error: unknown status 'Pending'"),
        (["tick", "--now", "next tuesday"], 2, "error: --now"),
        (["consent-deny", "1", "--reason", "bored"], 2, "error: reason must be one of"),
        (["ingest", "/nonexistent/inbox"], 2, "error: inbox /nonexistent/inbox is not a directory"),
        (["claims", "--as", "x", "--role", "incentive_user"], 2, "error: partner user 'x' needs a partner_org"),
    ],
)
def test_errors_are_one_line_without_traceback(db: str, inbox: Path, args: list[str], code: int, message: str) -> None:
    run(db, "ingest", str(inbox))
    exit_code, _, err = run(db, *args)
    assert exit_code == code
    assert err.startswith(message), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("postgresql+psycopg://nobody:x@127.0.0.1:1/none", "claims")
    assert code == 2 and err.startswith("error: claims store:") and len(err.strip().splitlines()) == 1
