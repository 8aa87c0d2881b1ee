"""Conflicting claims (D-18): keys, documented ranking, margin, side by side, refusal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.analyze import Analysis, analyze_claim
from scoring.compare import MIN_MARGIN, NoSharedKey, activity_rank, compare, conflict_keys
from scoring.types import CRITERIA, ClaimAssertion, ClaimedProduct
from tests.scoring.glue import all_met, fake_checks, make_claim, result, text_doc

TENANT = "00000000-0000-4000-8000-000000000001"
SUB_A = "d66656c2-f69b-4488-8035-287eb6711ddc"
SUB_B = "0f0f0f0f-1111-4222-8333-944444444444"


def m365(claim_id: str, *products: ClaimedProduct, **kw) -> ClaimAssertion:
    return make_claim(claim_id=claim_id, program="OSU-Microsoft 365", solution_area="Microsoft 365",
                      products=products or (ClaimedProduct("Exchange Online", "EXO"),), **kw)


def analysed(claim: ClaimAssertion, criteria=None) -> tuple[ClaimAssertion, Analysis]:
    crit = criteria or all_met(products=tuple(p.key for p in claim.products))
    return claim, analyze_claim(claim, [text_doc("SOW.pdf", "Statement of Work")], checks=fake_checks(crit))


def weak(products=("EXO",), **overrides):
    crit = all_met(products=products, customer_signature=result("customer_signature", "not_met"),
                   growth_activities=result("growth_activities", "not_met"))
    crit.update(overrides)
    return crit


def test_conflict_keys_use_catalogue_codes_and_lower_case_tenant():
    a = m365("1", ClaimedProduct("Exchange Online"), ClaimedProduct("Teams", "TEAMS"), tenant_id=TENANT.upper())
    assert conflict_keys(a) == [(TENANT, "EXO"), (TENANT, "TEAMS")]
    unknown = m365("2", ClaimedProduct("Contoso Widget"))
    assert conflict_keys(unknown) == [(TENANT, "Contoso Widget")]


def test_stronger_poe_wins_with_margin_and_side_by_side():
    strong = analysed(m365("1000005"))
    weaker = analysed(m365("1000011", partner_name="Northwind Traders"), weak())
    out = compare([weaker, strong]).to_json()
    assert out["key"] == {"tenant_id": TENANT, "product": "EXO"}
    assert out["ranking"] == ["1000005", "1000011"] and out["recommended"] == "1000005"
    assert out["margin"] == round((90 - (90 - 36)) / 100, 2)
    assert out["side_by_side"]["customer_signature"] == {"1000005": "met", "1000011": "not_met"}
    assert set(out["side_by_side"]) == set(CRITERIA)
    assert out["action"] == "approve_recommended"
    assert "more POE criteria met" in out["rationale"] and "1000005" in out["rationale"]


def test_too_small_margin_asks_both_partners():
    a = analysed(m365("1"), all_met(0.92, products=("EXO",)))
    b = analysed(m365("2"), all_met(0.90, products=("EXO",)))
    cmp = compare([a, b])
    assert cmp.margin < MIN_MARGIN and cmp.action == "request_info_from_all"
    assert "ask both partners" in cmp.rationale
    assert [r.code for r in cmp.reasons] == ["R-CONF-001", "R-CONF-002"]


def test_equal_poe_ranked_by_eligibility_then_earliest_engagement_then_activity():
    early = analysed(m365("2", activity="Deployment"), all_met(products=("EXO",), customer_signature=result(
        "customer_signature", text="Customer: By /s/ Teo Lupu Date: 3 March 2026")))
    late = analysed(m365("1", activity="Deployment"), all_met(products=("EXO",), customer_signature=result(
        "customer_signature", text="Customer: By /s/ Teo Lupu Date: 2026-05-20")))
    cmp = compare([late, early])
    assert cmp.ranking == ["2", "1"]
    assert "earlier customer signature/engagement" in cmp.rationale
    presales = analysed(m365("3", activity="Pre-sales"))
    deploy = analysed(m365("4", activity="Deployment"))
    assert compare([presales, deploy]).ranking == ["4", "3"]


def test_activity_rank_order():
    assert activity_rank("Deployment") < activity_rank("Pre-sales") < activity_rank("Revenue association")


def test_ineligible_claim_is_never_recommended():
    powerbi = m365("7", ClaimedProduct("Exchange Online", "EXO"), ClaimedProduct("Power BI", "POWER_BI"))
    strong_but_ineligible = analysed(powerbi, all_met(1.0, products=("EXO", "POWER_BI")))
    eligible_weaker = analysed(m365("8"), all_met(0.7, products=("EXO",)))
    cmp = compare([strong_but_ineligible, eligible_weaker])
    assert cmp.ranking == ["7", "8"] and cmp.recommended == "8"
    assert cmp.margin == 1.0  # nothing else could be approved
    assert "ineligible" in cmp.rationale


def test_no_eligible_claim_recommends_none():
    a = analysed(m365("1", ClaimedProduct("Power BI", "POWER_BI")))
    b = analysed(m365("2", ClaimedProduct("Power BI Pro")))
    cmp = compare([a, b])
    assert cmp.recommended is None and cmp.action == "none_eligible"


def test_claims_not_sharing_a_key_are_refused():
    exo = analysed(m365("1"))
    teams = analysed(m365("2", ClaimedProduct("Microsoft Teams", "TEAMS")))
    with pytest.raises(NoSharedKey, match="do not share"):
        compare([exo, teams])
    other_tenant = analysed(m365("3", tenant_id="00000000-0000-4000-8000-000000000002"))
    with pytest.raises(NoSharedKey):
        compare([exo, other_tenant])
    with pytest.raises(NoSharedKey):
        compare([exo])


def test_different_subscriptions_of_one_product_do_not_conflict_d5():
    a = analysed(make_claim(claim_id="1", products=(ClaimedProduct("Dynamics 365 Sales", "D365_SALES_ENT", SUB_A),)))
    b = analysed(make_claim(claim_id="2", products=(ClaimedProduct("D365 Sales Enterprise", None, SUB_B),)))
    with pytest.raises(NoSharedKey):
        compare([a, b])
    c = analysed(make_claim(claim_id="3", products=(ClaimedProduct("Dynamics 365 Sales Enterprise", None, SUB_A),)))
    out = compare([a, c]).to_json()
    assert out["key"] == {"tenant_id": TENANT, "product": "D365_SALES_ENT", "subscription_id": SUB_A}


def test_contested_product_verdict_breaks_equal_criteria_counts():
    both = (ClaimedProduct("Exchange Online", "EXO"), ClaimedProduct("Teams", "TEAMS"))
    linked_exo = analysed(m365("1", *both), all_met(products=("EXO", "TEAMS"), product_links=result(
        "product_links", "not_met", products={"EXO": "linked", "TEAMS": "absent"})))
    mentioned_exo = analysed(m365("2", *both), all_met(products=("EXO", "TEAMS"), product_links=result(
        "product_links", "not_met", products={"EXO": "mentioned", "TEAMS": "linked"})))
    cmp = compare([mentioned_exo, linked_exo])
    assert cmp.key == (TENANT, "EXO") and cmp.ranking == ["1", "2"]
    assert cmp.action == "request_info_from_all"  # the leader's POE is not complete


def test_to_json_claims_detail_is_plain_json():
    import json

    created = datetime(2026, 1, 5, tzinfo=UTC)
    out = compare([analysed(m365("1", created_at=created)), analysed(m365("2"), weak())]).to_json()
    json.dumps(out)
    assert out["claims"][0]["claim_id"] == "1" and out["claims"][0]["eligible"] is True


def test_explicit_key_picks_the_contested_product():
    both = (ClaimedProduct("Exchange Online", "EXO"), ClaimedProduct("Teams", "TEAMS"))
    a = analysed(m365("1", *both))
    b = analysed(m365("2", *reversed(both)))
    assert compare([a, b]).key == (TENANT, "EXO")
    assert compare([a, b], key=(TENANT.upper(), "TEAMS")).key == (TENANT, "TEAMS")
    with pytest.raises(NoSharedKey, match="asked for INTUNE"):
        compare([a, b], key=(TENANT, "INTUNE"))
