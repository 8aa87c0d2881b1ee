"""customer_signature: the customer's acknowledgment must concern the claimed engagement (D-11.1, R-SIG-011; issue 15).

A conflict winner's acknowledgment e-mail was about 'Defender for Business' on a Teams claim and
counted as the customer's acknowledgment. An acknowledgment naming only other catalogue products
is unclear with R-SIG-011; one naming a claimed product, or both, counts.
"""

from __future__ import annotations

from extractors.document import ExtractedDocument
from scoring.analyze import analyze_claim
from scoring.checks import run_checks
from scoring.compare import compare
from scoring.types import ClaimAssertion
from tests.scoring.docs import claim, pdf, xlsx

TEAMS = ("TEAMS",)


def _email(body: str, path: str = "Acknowledgement.eml") -> ExtractedDocument:
    d = pdf(body, path=path)
    d.format = "eml"
    d.metadata.update({"from": "Teo Lupu <teo.lupu@contoso.example>", "date": "Thu, 2 Jul 2026 10:00:00 +0000"})
    return d


def _sig(*docs: ExtractedDocument, products: tuple[str, ...] = TEAMS):
    return run_checks(claim(products=products, program="OSU-Microsoft 365"), list(docs))["customer_signature"]


OTHER = "Hi Anna,\nWe confirm Fabrikam Consulting is our partner for the migration to Defender for Business.\nTeo Lupu"
CLAIMED = "Hi Anna,\nWe confirm Fabrikam Consulting is our partner for the Microsoft Teams Phone roll-out.\nTeo Lupu"
BOTH = ("Hi Anna,\nWe confirm Fabrikam Consulting is our partner for the Microsoft Teams roll-out and the "
        "migration to Defender for Business.\nTeo Lupu")
NO_PRODUCT = "Hi Anna,\nWe confirm Fabrikam Consulting is our partner for the project we discussed.\nTeo Lupu"


def test_acknowledgment_email_about_another_product_is_unclear_with_code():
    r = _sig(_email(OTHER))
    assert r.verdict == "unclear"
    [code] = [x for x in r.reasons if x.code == "R-SIG-011"]
    assert code.rule == "D-11.1"
    assert "Defender for Business" in code.message and "Microsoft Defender for Endpoint" in code.message
    assert "Microsoft Teams" in code.message and "Acknowledgement.eml" in code.message
    assert r.evidence and r.evidence[0].document == "Acknowledgement.eml"


def test_acknowledgment_email_naming_the_claimed_product_is_met_without_code():
    r = _sig(_email(CLAIMED))
    assert r.verdict == "met"
    assert "R-SIG-011" not in {x.code for x in r.reasons}


def test_acknowledgment_email_naming_both_products_is_met():
    r = _sig(_email(BOTH))
    assert r.verdict == "met"
    assert "R-SIG-011" not in {x.code for x in r.reasons}


def test_acknowledgment_email_naming_no_product_still_counts():
    # The claim's other documents say what the engagement is; the e-mail names nothing else.
    assert _sig(_email(NO_PRODUCT)).verdict == "met"


def test_teams_meeting_invitation_footer_is_no_product_of_the_acknowledgment():
    body = NO_PRODUCT + "\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\nMeeting ID: 312 555 901"
    assert _sig(_email(body), products=("INTUNE",)).verdict == "met"


def test_same_email_counts_on_a_claim_for_that_product():
    assert _sig(_email(OTHER), products=("MDE",)).verdict == "met"


def test_other_product_email_beside_a_customer_signed_sow_is_met_on_the_sow():
    sow = pdf("Statement of Work: Microsoft Teams roll-out\nCONTOSO LTD\nBy: /s/ Teo Lupu\nName: Teo Lupu\n"
              "Date: 3 July 2026\nFABRIKAM CONSULTING LTD\nBy: /s/ Anna Smith\nName: Anna Smith\nDate: 3 July 2026")
    r = _sig(sow, _email(OTHER))
    assert r.verdict == "met"
    assert all(e.document == "SOW.pdf" for e in r.evidence)  # the other engagement's e-mail is not quoted


def test_poe_template_acknowledgment_for_other_products_only_is_unclear():
    t = xlsx([["Products", "Microsoft Intune"], ["Customer acknowledgement", "Yes"],
              ["Acknowledgment date", "2026-07-02"]], path="POE.xlsx")
    r = _sig(t)
    assert r.verdict == "unclear" and "R-SIG-011" in {x.code for x in r.reasons}


def _analysis(c: ClaimAssertion, *docs: ExtractedDocument):
    return analyze_claim(c, list(docs))


def test_conflict_rationale_names_the_other_engagement():
    winner = claim(products=TEAMS, program="OSU-Microsoft 365", claim_id="1000010")
    other = claim(products=TEAMS, program="OSU-Microsoft 365", claim_id="1000011", partner_name="Northwind Traders Ltd")
    a = _analysis(winner, _email(OTHER))
    b = _analysis(other, pdf("Microsoft Teams roll-out for Contoso Ltd by Northwind Traders Ltd."))
    cmp = compare([(winner, a), (other, b)])
    assert a.criteria["customer_signature"].verdict == "unclear"
    assert "R-SIG-011" in cmp.rationale and "Defender for Business" in cmp.rationale
    assert cmp.action != "approve_recommended"
