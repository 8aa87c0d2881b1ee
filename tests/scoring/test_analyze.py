"""analyze_claim: the spec section-3 object, document kinds, bad files listed, real checks wired."""

from __future__ import annotations

import json

import pytest

from extractors.document import ExtractedDocument
from scoring.analyze import analyze_claim
from scoring.documents import classify_kind
from scoring.types import CRITERIA, ClaimedProduct
from tests.scoring.glue import all_met, fake_checks, make_claim, result, text_doc

SPEC_KEYS = {"claim_id", "criteria", "documents", "eligibility", "score", "recommendation", "reasons"}


def test_to_json_has_exactly_the_spec_shape():
    out = analyze_claim(make_claim(), [text_doc("SOW.pdf", "Statement of Work")],
                        checks=fake_checks(all_met(0.9))).to_json()
    assert set(out) >= SPEC_KEYS
    assert list(out["criteria"]) == list(CRITERIA)
    for crit in out["criteria"].values():
        assert crit["verdict"] in ("met", "not_met", "unclear")
        assert isinstance(crit["confidence"], float)
        if crit["verdict"] == "met":
            assert crit["evidence"] and {"document", "text", "page"} <= set(crit["evidence"][0])
    assert out["criteria"]["product_links"]["products"] == {
        "D365_SALES_ENT": {"verdict": "linked", "evidence": out["criteria"]["product_links"]["evidence"]}}
    assert out["documents"] == [{"path": "SOW.pdf", "status": "ok", "kind": "sow", "pages": 1, "format": "pdf"}]
    assert out["eligibility"] == [] and out["recommendation"] == "approve" and out["score"] == 90
    assert all({"code", "rule", "message"} <= set(r) for r in out["reasons"])
    json.dumps(out)  # plain JSON


def test_unreadable_documents_are_listed_with_their_error_and_do_not_stop():
    docs = [text_doc("SOW.pdf", "Statement of Work"),
            text_doc("locked.pdf", status="unreadable", error="unreadable: password-protected"),
            text_doc("scan.tiff", fmt="image", status="needs_ocr", error="needs_ocr: no text layer"),
            text_doc("setup.exe", fmt="unknown", status="unsupported", error="unsupported: executable")]
    out = analyze_claim(make_claim(), docs, checks=fake_checks(all_met())).to_json()
    statuses = {d["path"]: (d["status"], d.get("error")) for d in out["documents"]}
    assert statuses["locked.pdf"] == ("unreadable", "unreadable: password-protected")
    assert statuses["scan.tiff"][0] == "needs_ocr" and statuses["setup.exe"][0] == "unsupported"
    assert "error" not in out["documents"][0]
    codes = [r["code"] for r in out["reasons"]]
    assert {"R-DOC-003", "R-DOC-004", "R-DOC-005"} <= set(codes)


def test_ineligible_claim_lists_eligibility_and_rejects():
    claim = make_claim(products=(ClaimedProduct("Power BI Pro"),))
    out = analyze_claim(claim, [text_doc("SOW.pdf", "x")],
                        checks=fake_checks(all_met(products=("Power BI Pro",)))).to_json()
    assert [e["code"] for e in out["eligibility"]] == ["R-ELIG-001"]
    assert set(out["eligibility"][0]) >= {"code", "rule", "message"}
    assert out["recommendation"] == "reject"


def test_request_info_reasons_are_marked_as_requests():
    crit = all_met(dates=result("dates", "not_met"))
    out = analyze_claim(make_claim(), [text_doc("SOW.pdf", "x")], checks=fake_checks(crit)).to_json()
    assert out["recommendation"] == "request_info"
    requests = [r for r in out["reasons"] if r.get("request")]
    assert [r["code"] for r in requests] == ["R-DEC-014"] and out["requests"] == [requests[0]["message"]]


def test_checks_missing_a_criterion_is_an_error_not_a_silent_verdict():
    crit = all_met()
    del crit["dates"]
    with pytest.raises(ValueError, match="dates"):
        analyze_claim(make_claim(), [], checks=fake_checks(crit))


@pytest.mark.parametrize(("lines", "kind"), [
    (("STATEMENT OF WORK", "This SOW is governed by the Master Services Agreement between the parties.",
      "Master Services Agreement dated 1 May 2026"), "sow"),
    (("MASTER SERVICES AGREEMENT", "This Agreement sets the terms of any Statement of Work."), "msa"),
    (("PURCHASE ORDER", "PO Number: 4500012345", "Vendor: Fabrikam"), "po"),
    (("CPOR Proof of Execution (POE) Template", "Partner information"), "poe_template"),
    (("From: teo.lupu@contoso.example", "To: ola@fabrikam.example", "Subject: Go-live", "Thanks!"), "email"),
    (("Meeting notes", "We discussed the roadmap."), "other"),
])
def test_document_kind_from_content(lines: tuple[str, ...], kind: str):
    assert classify_kind(text_doc("upload-1.pdf", *lines)) == kind


def test_kind_from_format_and_filename_fallback():
    assert classify_kind(text_doc("note.eml", "Hello", fmt="eml")) == "email"
    assert classify_kind(text_doc("Contoso_PO_2026.pdf")) == "po"
    assert classify_kind(text_doc("scan.pdf")) == "other"


GOOD_SOW = [
    "STATEMENT OF WORK",
    "This Statement of Work is entered into between Fabrikam Consulting Ltd (\"Partner\") and Contoso Ltd "
    "(the \"Customer\"), effective 1 June 2026.",
    "Scope: Fabrikam will implement Dynamics 365 Sales Enterprise for 250 sellers and migrate accounts from Salesforce.",
    "We will run an adoption programme to grow active users from 120 to 250 by December 2026.",
    "Milestones: Kick-off 15 June 2026; Go-live 30 September 2026",
    "CONTOSO LTD",
    "By: /s/ Teo Lupu",
    "Name: Teo Lupu",
    "Date: 12 June 2026",
    "FABRIKAM CONSULTING LTD",
    "By: /s/ Anna Smith",
    "Date: 10 June 2026",
]


def _in_document(docs: list[ExtractedDocument], ev: dict) -> bool:
    for d in docs:
        if d.path == ev["document"]:
            return any(b.location.to_dict() == ev["location"] and ev["text"] in b.text for b in d.blocks)
    return False


def test_real_checks_on_a_good_sow_and_an_unreadable_file():
    docs = [text_doc("SOW.pdf", *GOOD_SOW, pages=2),
            text_doc("old.doc", fmt="unknown", status="unsupported", error="unsupported: legacy .doc")]
    analysis = analyze_claim(make_claim(), docs)
    out = analysis.to_json()
    assert out["documents"][0]["kind"] == "sow" and out["documents"][1]["status"] == "unsupported"
    met = [name for name, c in out["criteria"].items() if c["verdict"] == "met"]
    assert "customer_signature" in met and "product_links" in met
    for name in met:
        for ev in out["criteria"][name]["evidence"]:
            assert _in_document(docs, ev), (name, ev)
    assert out["recommendation"] == "approve"
