"""run_checks as a whole: the six criteria, evidence really in the document, bad documents, attachments."""

from __future__ import annotations

import pytest

from extractors.document import ExtractedDocument
from scoring import nlp
from scoring.checks import run_checks
from scoring.types import CRITERIA
from tests.scoring.docs import claim, docx, pdf, xlsx

GOOD_SOW = (
    """STATEMENT OF WORK
This Statement of Work is entered into between Fabrikam Consulting Ltd ("Partner") and Contoso Ltd (the "Customer"), effective 1 June 2026.
1. Scope of Services
Fabrikam will implement Dynamics 365 Sales Enterprise for 250 sellers and migrate accounts from Salesforce.
We will run an adoption programme to grow active users from 120 to 250 by December 2026.
2. Milestones
Kick-off: 15 June 2026
Go-live: 30 September 2026
""",
    """Signatures
CONTOSO LTD                         FABRIKAM CONSULTING LTD
By: /s/ Teo Lupu                    By: /s/ Anna Smith
Name: Teo Lupu                      Name: Anna Smith
Date: 12 June 2026                  Date: 10 June 2026
""",
)


def _text_at(doc: ExtractedDocument, ev) -> bool:
    """The evidence text stands in the document at the evidence location."""
    for d in doc.all_documents():
        if d.path != ev.document:
            continue
        for b in d.blocks:
            if b.location == ev.location and ev.text in b.text:
                return True
        for t in d.tables:
            for r, row in enumerate(t.rows):
                for c, value in enumerate(row):
                    if t.cells and t.cells[r][c] == ev.location and ev.text in value:
                        return True
        for s in d.signature_fields:
            if s.location == ev.location:
                return True
        for td in d.dates:
            if td.location == ev.location and ev.text == td.text:
                return True
    return False


def test_good_sow_all_met_and_every_evidence_in_place():
    d = pdf(*GOOD_SOW)
    results = run_checks(claim(), [d])
    assert list(results) == list(CRITERIA)
    for name, r in results.items():
        assert r.verdict == "met", (name, r.reasons)
        assert r.evidence, name
        for ev in r.evidence:
            assert _text_at(d, ev), (name, ev)
    assert results["product_links"].products["D365_SALES_ENT"].verdict == "linked"
    out = results["customer_signature"].to_json()
    assert out["evidence"][0]["page"] == 2


@pytest.mark.parametrize("layout", ["docx", "xlsx"])
def test_evidence_in_place_for_tables_and_sheets(layout):
    if layout == "docx":
        d = docx("Statement of Work between Fabrikam Consulting Ltd and Contoso Ltd.",
                 [["Workload", "Work"], ["Dynamics 365 Sales", "Configure pipelines and train 40 sellers"]],
                 "Grow active users from 40 to 200.",
                 [["Customer", "Contoso Ltd"], ["Signature", "/s/ Teo Lupu"], ["Date", "2 July 2026"]])
    else:
        d = xlsx([["Partner name", "Fabrikam Consulting Ltd"], ["Customer name", "Contoso Ltd"],
                  ["Product", "D365 Sales"], ["Work", "Implement D365 Sales and migrate 10,000 contacts"],
                  ["Growth", "Increase licensed seats from 50 to 150"],
                  ["Customer signature", "Teo Lupu"], ["Date signed", "2026-07-02"]])
    results = run_checks(claim(), [d])
    for name, r in results.items():
        assert r.verdict == "met", (name, r.to_json())
        for ev in r.evidence:
            assert _text_at(d, ev), (name, ev)


def test_no_readable_document():
    bad = ExtractedDocument(path="scan.pdf", status="needs_ocr", error="needs_ocr: no text layer")
    results = run_checks(claim(), [bad])
    assert all(r.verdict == "not_met" for r in results.values())
    assert results["customer_signature"].reasons[0].code == "R-DOC-001"
    assert results["product_links"].products == {"D365_SALES_ENT": results["product_links"].products["D365_SALES_ENT"]}


def test_unreadable_document_does_not_hide_the_good_one():
    bad = ExtractedDocument(path="broken.docx", status="unreadable", error="unreadable: damaged file")
    results = run_checks(claim(), [bad, pdf(*GOOD_SOW)])
    assert results["customer_signature"].verdict == "met"


def test_attachment_of_an_email_counts_with_its_own_path():
    sow = pdf(*GOOD_SOW, path="mail.eml/SOW.pdf")
    mail = pdf("Please find the signed SOW attached.", path="mail.eml", attachments=[sow])
    mail.format = "eml"
    results = run_checks(claim(), [mail])
    assert results["customer_signature"].verdict == "met"
    assert results["customer_signature"].evidence[0].document == "mail.eml/SOW.pdf"


def test_several_documents_combine():
    sow = pdf(GOOD_SOW[0])
    signed = pdf(GOOD_SOW[1], path="signature-page.pdf")
    results = run_checks(claim(), [sow, signed])
    assert all(r.verdict == "met" for r in results.values())


def test_blank_fallback_pipeline_still_finds_legal_orgs(monkeypatch):
    monkeypatch.setattr(nlp, "MODELS", ("no_such_model_installed",))
    nlp.get_nlp.cache_clear()
    nlp._ENT_CACHE.clear()
    try:
        pipe = nlp.get_nlp()
        assert pipe.pipe_names == ["poe_legal_orgs"]
        assert "Northwind Traders Ltd" in nlp.organisations(["Agreement with Northwind Traders Ltd today"])[0]
        results = run_checks(claim(), [pdf(*GOOD_SOW)])
        assert results["customer_name"].verdict == "met"
    finally:
        nlp.get_nlp.cache_clear()
        nlp._ENT_CACHE.clear()


def test_pipeline_built_once():
    assert nlp.get_nlp() is nlp.get_nlp()
    assert "parser" not in nlp.get_nlp().pipe_names


def test_odd_input_never_raises():
    import random

    from extractors.document import Location, Table, TextBlock
    rng = random.Random(11)
    alphabet = "abc XYZ 0123 /s/ : | \t ____ [] <> () Customer Partner Date Signature By 31/13/2026 2026-02-30 é€£"
    for _ in range(60):
        blocks = []
        for i in range(rng.randint(0, 30)):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
            loc = rng.choice([Location(page=1), Location(sheet="S", cell=f"{rng.choice('ABZ')}{i + 1}"),
                              Location(part="body", table=0, row=i % 3, col=i % 2), Location(sheet="S", cell="??")])
            blocks.append(TextBlock(text, loc, rng.choice(["text", "heading", "cell"])))
        tables = [Table(rows=[["", "x"], ["Signature", ""]], location=Location(page=1, table=1), cells=None)]
        d = ExtractedDocument(path="odd.bin", format="pdf", blocks=blocks, tables=tables,
                              metadata={"from": "x@", "date": "not a date"})
        results = run_checks(claim(products=("Unknown thing", "EXO")), [d])
        assert set(results) == set(CRITERIA)
        for r in results.values():
            assert r.verdict in ("met", "not_met", "unclear")
            assert r.verdict != "met" or r.evidence


def test_claim_with_no_products_and_no_names():
    results = run_checks(claim(products=(), partner_name="", customer_name=None, customer_domain=""),
                         [pdf(*GOOD_SOW)])
    assert results["product_links"].verdict == "unclear"
    assert results["partner_name"].verdict == "not_met"


def test_a_failing_check_leaves_the_others(monkeypatch):
    import scoring.checks as checks_pkg

    def boom(ctx):
        raise RuntimeError("bug")

    monkeypatch.setattr(checks_pkg, "check_growth", boom)
    results = run_checks(claim(), [pdf(*GOOD_SOW)])
    assert results["growth_activities"].verdict == "unclear"
    assert results["growth_activities"].reasons[0].code == "R-DOC-009"
    assert results["customer_signature"].verdict == "met"
