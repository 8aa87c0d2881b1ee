"""pipeline.analysis and the analyze / compare commands (spec sections 3-4), on real folders.

Documents are plain-text files read by a small fake extractor injected in place of
``extractors.extract``, so these tests pin the glue (folders, tenants, exit codes, JSON)
independently of the extractors; bad files come back as statuses, as the real ones do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from delivery.cli import app
from extractors.document import ExtractedDocument, Location, TextBlock
from pipeline.analysis import analyze_folder, compare_folders, to_assertion
from pipeline.models import ClaimFile, Tenant
from scoring.compare import NoSharedKey

runner = CliRunner()
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
SUB = "d66656c2-f69b-4488-8035-287eb6711ddc"

SOW = """STATEMENT OF WORK
This Statement of Work is entered into between {partner} ("Partner") and Contoso Ltd (the "Customer"), effective 1 June 2026.
Scope: {partner_short} will implement Dynamics 365 Sales Enterprise for 250 sellers and migrate accounts from Salesforce.
We will run an adoption programme to grow active users from 120 to 250 by December 2026.
Milestones: Kick-off 15 June 2026; Go-live 30 September 2026
CONTOSO LTD
By: /s/ Teo Lupu
Name: Teo Lupu
Date: {signed}
{partner_upper}
By: /s/ Ola Demmo
Date: 10 June 2026
"""
WEAK = """Project notes
We talked with the customer about CRM options.
"""


def fake_extract(path: Path, *, display_path: str | None = None, limits: Any = None) -> ExtractedDocument:
    name = display_path or path.name
    data = path.read_bytes()
    if path.suffix == ".pdf" and not data.startswith(b"%PDF"):
        return ExtractedDocument(path=name, status="unreadable", format="pdf",
                                 error="unreadable: not a PDF (damaged or mislabelled)")
    lines = [line for line in data.decode().splitlines() if line.strip()]
    blocks = [TextBlock(line, Location(part="body", line=i + 1)) for i, line in enumerate(lines)]
    return ExtractedDocument(path=name, format="txt", pages=1, blocks=blocks)


@pytest.fixture(autouse=True)
def _fake_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors

    monkeypatch.setattr(extractors, "extract", fake_extract, raising=False)


def claim_json(claim_id: str = "1012503", partner: str = "Fabrikam Consulting LLC", docs=("SOW.txt",),
               **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "claim_id": claim_id, "program": "OSU-Business Applications", "solution_area": "Business Applications",
        "activity": "Deployment", "status": "Submitted",
        "created_at": "2026-07-24T09:12:00Z", "submitted_at": "2026-07-26T15:40:00Z",
        "mpn_location": {"mpn_id": "4412093", "country": "United States"},
        "partner": {"name": partner, "contact_name": "Ola Demmo", "contact_email": "ola@fabrikam.example"},
        "customer": {"domain": "contoso.example", "tenant_id": TENANT, "contact_name": "Teo Lupu",
                     "contact_email": "teo.lupu@contoso.example"},
        "products": [{"name": "Dynamics 365 Sales Enterprise", "code": "D365_SALES_ENT", "subscription_id": SUB}],
        "documents": [{"path": d} for d in docs],
    }
    data.update(over)
    return data


def write_folder(folder: Path, data: dict[str, Any], files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True)
    (folder / "claim.json").write_text(json.dumps(data))
    for name, content in files.items():
        (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    return folder


def sow(partner: str = "Fabrikam Consulting LLC", signed: str = "12 June 2026") -> str:
    return SOW.format(partner=partner, partner_short=partner.split()[0], partner_upper=partner.upper(), signed=signed)


def tenants(activated: str = "2026-06-01T00:00:00Z", channel: str = "EA") -> list[dict[str, Any]]:
    return [{"tenant_id": TENANT, "display_name": "Contoso Ltd", "domains": ["contoso.example"],
             "subscriptions": [{"subscription_id": SUB, "product": "Dynamics 365 Sales Enterprise",
                                "code": "D365_SALES_ENT", "channel": channel, "country": "United States",
                                "activated_at": activated}]}]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "tenants.json").write_text(json.dumps(tenants()))
    return root


# --- to_assertion ------------------------------------------------------------------------------

def test_to_assertion_takes_name_domains_and_subscriptions_from_the_directory():
    claim = ClaimFile.model_validate(claim_json())
    directory = {t["tenant_id"]: Tenant.model_validate(t) for t in tenants()}
    directory[TENANT] = directory[TENANT].model_copy(update={"domains": ["contoso.example", "contoso-corp.example"]})
    a = to_assertion(claim, directory)
    assert a.customer_name == "Contoso Ltd" and a.customer_domains == ("contoso.example", "contoso-corp.example")
    assert a.tenant_known is True and a.tenant_subscriptions is not None
    assert a.tenant_subscriptions[0].channel == "EA" and a.tenant_subscriptions[0].activated_at is not None
    assert a.products[0].subscription_id == SUB and a.created_at is not None


def test_to_assertion_without_directory_or_unknown_tenant():
    claim = ClaimFile.model_validate(claim_json())
    none = to_assertion(claim, None)
    assert none.customer_name is None and none.tenant_subscriptions is None and none.tenant_known is None
    unknown = to_assertion(claim, {})
    assert unknown.tenant_known is False and unknown.tenant_subscriptions is None


# --- analyze_folder / analyze ------------------------------------------------------------------

def test_analyze_folder_good_claim_approves_with_directory_from_the_inbox(inbox: Path):
    folder = write_folder(inbox / "c1", claim_json(), {"SOW.txt": sow()})
    out = analyze_folder(folder)
    assert out["claim_id"] == "1012503" and out["recommendation"] == "approve", out["reasons"]
    assert out["eligibility"] == [] and out["documents"][0]["kind"] == "sow"
    ev = out["criteria"]["customer_signature"]["evidence"][0]
    assert ev["document"] == "SOW.txt" and ev["text"] in sow()
    assert not any(r["code"] == "R-ELIG-013" for r in out["reasons"])  # the directory was found


def test_analyze_folder_47_hours_after_activation_is_ineligible(tmp_path: Path):
    folder = write_folder(tmp_path / "c", claim_json(), {"SOW.txt": sow()})
    directory = tmp_path / "dir.json"
    directory.write_text(json.dumps(tenants(activated="2026-07-22T10:12:00Z")))  # 47 h before creation
    out = analyze_folder(folder, directory)
    assert [e["code"] for e in out["eligibility"]] == ["R-ELIG-006"] and out["recommendation"] == "reject"
    directory.write_text(json.dumps(tenants(activated="2026-07-22T09:12:00Z")))  # exactly 48 h
    assert analyze_folder(folder, directory)["eligibility"] == []


def test_bad_document_is_listed_and_the_rest_analysed(inbox: Path):
    folder = write_folder(inbox / "c2", claim_json(docs=("SOW.txt", "scan.pdf")),
                          {"SOW.txt": sow(), "scan.pdf": b"\x00garbage"})
    out = analyze_folder(folder)
    broken = out["documents"][1]
    assert broken["status"] == "unreadable" and "not a PDF" in broken["error"]
    assert out["criteria"]["customer_signature"]["verdict"] == "met"
    assert any(r["code"] == "R-DOC-003" and "scan.pdf" in r["message"] for r in out["reasons"])


def test_extractor_that_raises_is_contained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import extractors

    def boom(path: Path, **kw: Any) -> ExtractedDocument:
        raise RuntimeError("bug")

    monkeypatch.setattr(extractors, "extract", boom, raising=False)
    folder = write_folder(tmp_path / "c", claim_json(), {"SOW.txt": sow()})
    out = analyze_folder(folder)
    assert out["documents"][0]["status"] == "unreadable" and out["recommendation"] == "request_info"


def test_cli_analyze_json_is_the_spec_object(inbox: Path):
    folder = write_folder(inbox / "c1", claim_json(), {"SOW.txt": sow()})
    res = runner.invoke(app, ["analyze", str(folder), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert {"claim_id", "criteria", "documents", "eligibility", "score", "recommendation", "reasons"} <= set(out)
    assert isinstance(out["score"], int) and out["recommendation"] == "approve"


def test_cli_analyze_human_output(inbox: Path):
    folder = write_folder(inbox / "c1", claim_json(docs=("SOW.txt", "x.pdf")), {"SOW.txt": sow(), "x.pdf": b"no"})
    res = runner.invoke(app, ["analyze", str(folder)])
    assert res.exit_code == 0, res.output
    assert "Claim 1012503" in res.stdout and "customer_signature" in res.stdout and "unreadable" in res.stdout


def test_cli_analyze_with_tenants_option_power_bi_rejected(tmp_path: Path):
    data = claim_json(program="OSU-Microsoft 365", solution_area="Microsoft 365",
                      products=[{"name": "Power BI Pro", "code": "POWER_BI"}])
    folder = write_folder(tmp_path / "c", data, {"SOW.txt": sow()})
    directory = tmp_path / "t.json"
    directory.write_text(json.dumps(tenants()))
    res = runner.invoke(app, ["analyze", str(folder), "--json", "--tenants", str(directory)])
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert out["recommendation"] == "reject" and out["eligibility"][0]["code"] == "R-ELIG-001"


@pytest.mark.parametrize(("mutate", "needle"), [
    (lambda d: d["customer"].update(tenant_id="not-a-guid"), "customer.tenant_id"),
    (lambda d: d.update(documents=[{"path": "../escape.pdf"}]), "documents[0].path"),
    (lambda d: d.update(program="Nonsense"), "program"),
])
def test_cli_analyze_unreadable_claim_exits_2_naming_the_field(tmp_path: Path, mutate, needle: str):
    data = claim_json()
    mutate(data)
    folder = write_folder(tmp_path / "c", data, {"SOW.txt": sow()})
    res = runner.invoke(app, ["analyze", str(folder), "--json"])
    assert res.exit_code == 2 and res.stdout == ""
    assert needle in res.stderr


def test_cli_analyze_missing_folder_and_bad_tenants_file_exit_2(tmp_path: Path):
    res = runner.invoke(app, ["analyze", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "not a directory" in res.stderr
    folder = write_folder(tmp_path / "c", claim_json(), {"SOW.txt": sow()})
    bad = tmp_path / "t.json"
    bad.write_text("{not json")
    res = runner.invoke(app, ["analyze", str(folder), "--tenants", str(bad)])
    assert res.exit_code == 2 and "tenants.json" in res.stderr


# --- compare_folders / compare -----------------------------------------------------------------

def _conflict(inbox: Path) -> tuple[Path, Path]:
    strong = write_folder(inbox / "a", claim_json("1000005"), {"SOW.txt": sow()})
    weak = write_folder(inbox / "b", claim_json("1000011", partner="Northwind Traders Inc"), {"SOW.txt": WEAK})
    return strong, weak


def test_compare_folders_ranks_the_stronger_poe_first(inbox: Path):
    strong, weak = _conflict(inbox)
    out = compare_folders([weak, strong])
    assert out["key"]["tenant_id"] == TENANT and out["key"]["product"] == "D365_SALES_ENT"
    assert out["ranking"] == ["1000005", "1000011"] and out["recommended"] == "1000005"
    assert out["margin"] >= 0.3 and out["side_by_side"]["customer_signature"] == {"1000005": "met",
                                                                                   "1000011": "not_met"}


def test_cli_compare_json_and_human(inbox: Path):
    strong, weak = _conflict(inbox)
    res = runner.invoke(app, ["compare", str(strong), str(weak), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert {"key", "ranking", "recommended", "margin", "side_by_side", "rationale"} <= set(out)
    res = runner.invoke(app, ["compare", str(strong), str(weak)])
    assert res.exit_code == 0 and "Recommended: 1000005" in res.stdout


def test_cli_compare_refuses_claims_without_a_shared_key(inbox: Path):
    a = write_folder(inbox / "a", claim_json("1"), {"SOW.txt": sow()})
    other = claim_json("2", products=[{"name": "Dynamics 365 Finance", "code": "D365_FINANCE"}])
    b = write_folder(inbox / "b", other, {"SOW.txt": sow()})
    res = runner.invoke(app, ["compare", str(a), str(b), "--json"])
    assert res.exit_code == 2 and res.stdout == "" and "do not share" in res.stderr
    with pytest.raises(NoSharedKey):
        compare_folders([a, b])


def test_cli_compare_unreadable_claim_exits_2_naming_the_folder(inbox: Path):
    a = write_folder(inbox / "a", claim_json("1"), {"SOW.txt": sow()})
    bad = inbox / "b"
    bad.mkdir()
    (bad / "claim.json").write_text("[]")
    res = runner.invoke(app, ["compare", str(a), str(bad)])
    assert res.exit_code == 2 and str(bad) in res.stderr


def test_real_extractors_end_to_end_docx_and_damaged_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The default extractor (no fake): a signed DOCX SOW and a damaged PDF in one claim."""
    pytest.importorskip("docx")
    import importlib

    monkeypatch.undo()  # drop the autouse fake: use extractors.extract itself
    real = importlib.import_module("extractors")
    if not hasattr(real, "extract"):
        pytest.skip("extractors.extract is not there")
    from docx import Document

    folder = tmp_path / "claim"
    folder.mkdir()
    doc = Document()
    doc.add_heading("Statement of Work", 0)
    for line in sow().splitlines()[1:5]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Contoso Ltd", "Fabrikam Consulting LLC"), ("By: /s/ Teo Lupu", "By: /s/ Ola Demmo"),
                                ("Date: 12 June 2026", "Date: 10 June 2026")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    doc.save(str(folder / "SOW.docx"))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (folder / "claim.json").write_text(json.dumps(claim_json(docs=("SOW.docx", "broken.pdf"))))
    directory = tmp_path / "t.json"
    directory.write_text(json.dumps(tenants()))
    res = runner.invoke(app, ["analyze", str(folder), "--json", "--tenants", str(directory)])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [d["status"] for d in out["documents"]] == ["ok", "unreadable"]
    assert out["documents"][0]["kind"] == "sow" and out["documents"][1]["error"]
    assert out["criteria"]["customer_signature"]["verdict"] == "met"
    assert out["criteria"]["product_links"]["products"]["D365_SALES_ENT"]["verdict"] == "linked"
    assert out["recommendation"] == "approve", out["reasons"]


def test_claim_without_documents_is_rejected_d16_but_revenue_association_approved(inbox: Path):
    none = write_folder(inbox / "n", claim_json(docs=()), {})
    out = analyze_folder(none)
    assert out["documents"] == [] and out["recommendation"] == "reject"
    assert any(r["code"] == "R-DOC-002" for r in out["reasons"])
    ra = claim_json("2", docs=(), program="OSA Sell", activity="Revenue association", solution_area="Microsoft 365",
                    products=[{"name": "Exchange Online", "code": "EXO"}])
    out = analyze_folder(write_folder(inbox / "ra", ra, {}))
    assert out["recommendation"] == "approve" and out["revenue_association"] is True
    assert out["eligibility"] == [] and any(r["code"] == "R-ELIG-014" for r in out["reasons"])
