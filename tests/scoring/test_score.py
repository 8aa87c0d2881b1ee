"""Score and recommendation (D-11, D-12, D-15, D-16; ineligible -> reject)."""

from __future__ import annotations

from scoring.documents import DocumentInfo
from scoring.eligibility import EligibilityResult
from scoring.reasons import reason
from scoring.score import UNCLEAR_CREDIT, WEIGHTS, decide, score_criteria
from scoring.types import CRITERIA, ClaimedProduct
from tests.scoring.glue import all_met, make_claim, result

SOW = DocumentInfo("SOW.pdf", "ok", "sow", 3, "pdf")
BROKEN = DocumentInfo("Scan.pdf", "unreadable", "other", 0, "pdf", "unreadable: password-protected")
ELIGIBLE = EligibilityResult()


def test_weights_are_one_place_and_sum_to_100():
    assert set(WEIGHTS) == set(CRITERIA) and sum(WEIGHTS.values()) == 100


def test_score_is_confidence_weighted_sum():
    score, breakdown = score_criteria(all_met(1.0))
    assert score == 100
    score, breakdown = score_criteria(all_met(0.9))
    assert score == 90
    assert breakdown["customer_signature"] == {"weight": 25, "credit": 0.9, "points": 22.5}


def test_unclear_and_not_met_credit():
    crit = all_met(1.0, customer_signature=result("customer_signature", "not_met"),
                   growth_activities=result("growth_activities", "unclear", 0.5))
    score, breakdown = score_criteria(crit)
    assert breakdown["customer_signature"]["points"] == 0
    assert breakdown["growth_activities"]["credit"] == UNCLEAR_CREDIT
    assert score == round(100 - 25 - 15 * (1 - UNCLEAR_CREDIT))


def test_product_links_partial_credit_by_share_linked():
    crit = all_met(1.0, product_links=result("product_links", "not_met",
                                             products={"EXO": "linked", "TEAMS": "absent"}))
    _, breakdown = score_criteria(crit)
    assert breakdown["product_links"]["credit"] == 0.25


def test_approve_only_when_every_criterion_met_and_eligible():
    d = decide(make_claim(), all_met(), ELIGIBLE, [SOW])
    assert d.recommendation == "approve" and d.reasons[0].code == "R-DEC-001" and not d.requests


def test_one_unclear_criterion_is_request_info_with_its_reasons():
    sig = result("customer_signature", "unclear", 0.5,
                 reasons=(reason("R-SIG-002", document="SOW.pdf", where="page 7"),))
    d = decide(make_claim(), all_met(customer_signature=sig), ELIGIBLE, [SOW])
    assert d.recommendation == "request_info"
    assert [r.code for r in d.requests] == ["R-SIG-002"]
    assert "SOW.pdf (page 7)" in d.requests[0].message


def test_unmet_criterion_without_own_reason_gets_a_fallback_request_naming_documents():
    growth = result("growth_activities", "not_met")
    d = decide(make_claim(), all_met(growth_activities=growth), ELIGIBLE, [SOW])
    assert d.recommendation == "request_info"
    assert [r.code for r in d.requests] == ["R-DEC-016"]
    assert "SOW.pdf" in d.requests[0].message and d.requests[0].criterion == "growth_activities"


def test_customer_name_fallback_names_the_customer():
    d = decide(make_claim(), all_met(customer_name=result("customer_name", "not_met")), ELIGIBLE, [SOW])
    assert "Contoso Ltd" in d.requests[0].message


def test_products_to_remove_are_named_d12():
    claim = make_claim(products=(ClaimedProduct("Exchange Online", "EXO"), ClaimedProduct("Microsoft Teams", "TEAMS"),
                                 ClaimedProduct("Intune", None)))
    links = result("product_links", "not_met", products={"EXO": "linked", "TEAMS": "mentioned", "Intune": "absent"},
                   reasons=(reason("R-PROD-002", product="Microsoft Teams", context="licence table"),))
    d = decide(claim, all_met(products=("EXO", "TEAMS", "Intune"), product_links=links), ELIGIBLE, [SOW])
    assert d.recommendation == "request_info"
    removal = [r for r in d.requests if r.code == "R-DEC-005"]
    assert removal and removal[0].rule == "D-12"
    assert "Microsoft Teams (TEAMS) and Intune" in removal[0].message and "EXO" not in removal[0].message


def test_ineligible_is_reject_whatever_the_poe():
    inel = EligibilityResult(ineligible=(reason("R-ELIG-001", product="Power BI"),))
    d = decide(make_claim(), all_met(1.0), inel, [SOW])
    assert d.recommendation == "reject" and d.reasons[0].code == "R-DEC-004"
    assert "R-ELIG-001" in d.reasons[0].message
    assert d.score == 100  # the score still tells how good the POE is


def test_no_document_at_all_is_reject_d16():
    none_met = {c: result(c, "not_met") for c in CRITERIA}
    d = decide(make_claim(), none_met, ELIGIBLE, [])
    assert d.recommendation == "reject" and d.reasons[0].rule == "D-16"
    assert "R-DOC-002" in [r.code for r in d.reasons]


def test_readable_poe_showing_nothing_is_reject_d16():
    none_met = {c: result(c, "not_met") for c in CRITERIA}
    d = decide(make_claim(), none_met, ELIGIBLE, [SOW])
    assert d.recommendation == "reject" and d.reasons[0].code == "R-DEC-003"


def test_only_unreadable_documents_ask_for_readable_copies_not_reject():
    none_met = {c: result(c, "not_met", reasons=(reason("R-DOC-001"),)) for c in CRITERIA}
    d = decide(make_claim(), none_met, ELIGIBLE, [BROKEN])
    assert d.recommendation == "request_info"
    assert d.requests[0].code == "R-DOC-003" and "Scan.pdf" in d.requests[0].message
    assert "password-protected" in d.requests[0].message


def test_unreadable_extra_file_is_listed_even_when_approved():
    d = decide(make_claim(), all_met(), ELIGIBLE, [SOW, BROKEN])
    assert d.recommendation == "approve"
    assert "R-DOC-003" in [r.code for r in d.reasons]


def test_eligibility_request_blocks_approval():
    elig = EligibilityResult(requests=(reason("R-ELIG-015", count=2, product="D365 Sales"),))
    d = decide(make_claim(), all_met(), elig, [SOW])
    assert d.recommendation == "request_info" and [r.code for r in d.requests] == ["R-ELIG-015"]


def test_revenue_association_in_osa_sell_approves_without_poe_d7():
    claim = make_claim(activity="Revenue association", program="OSA Sell")
    none_met = {c: result(c, "not_met") for c in CRITERIA}
    elig = EligibilityResult(notes=(reason("R-ELIG-014"),))
    d = decide(claim, none_met, elig, [])
    assert d.recommendation == "approve" and d.reasons[0].code == "R-DEC-006"
    assert "R-ELIG-014" in [r.code for r in d.reasons]


def test_notes_never_block_and_reasons_are_deduplicated():
    elig = EligibilityResult(notes=(reason("R-ELIG-013"),))
    same = reason("R-DOC-001")
    crit = all_met(dates=result("dates", "not_met", reasons=(same,)), growth_activities=result(
        "growth_activities", "not_met", reasons=(same,)))
    d = decide(make_claim(), crit, elig, [SOW])
    assert d.recommendation == "request_info"
    assert [r.code for r in d.reasons].count("R-DOC-001") == 1
    assert d.reasons[-1].code == "R-ELIG-013"


def test_approval_beside_an_unreadable_file_says_the_file_was_not_checked():
    # Workspace review: a claim recommended Approve while a reason asked to upload a file again.
    d = decide(make_claim(), all_met(), ELIGIBLE, [SOW, BROKEN])
    assert d.recommendation == "approve" and d.reasons[0].code == "R-DEC-007"
    assert "1 uploaded file(s) could not be read" in d.reasons[0].message
    assert decide(make_claim(), all_met(), ELIGIBLE, [SOW]).reasons[0].code == "R-DEC-001"


def test_request_count_is_the_number_of_request_lines():
    # Workspace review: "R-DEC-002 ... 1 item(s)" stood beside three pre-filled request lines.
    criteria = {**all_met(), "customer_signature": result("customer_signature", "not_met")}
    elig = EligibilityResult(requests=(reason("R-ELIG-015", count=2, product="D365 Sales"),))
    d = decide(make_claim(), criteria, elig, [SOW, BROKEN])
    assert d.recommendation == "request_info"
    assert len(d.requests) == 3
    assert d.reasons[0].code == "R-DEC-002" and "3 item(s)" in d.reasons[0].message


def test_generic_message_names_the_fields_instead_of_raw_templates():
    from scoring.reasons import generic_message

    assert generic_message("R-DEC-002").startswith("Partner action required: N item(s)")
    assert "{" not in generic_message("R-DEC-005") and "<products>" in generic_message("R-DEC-005")
