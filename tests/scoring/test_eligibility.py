"""Eligibility (D-3, D-6, D-7, D-8): what makes a claim ineligible whatever its POE."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from scoring.eligibility import check_eligibility
from scoring.types import ClaimedProduct, KnownSubscription
from tests.scoring.glue import make_claim as claim

SUB = "d66656c2-f69b-4488-8035-287eb6711ddc"
OTHER_SUB = "0f0f0f0f-1111-4222-8333-944444444444"
CREATED = datetime(2026, 7, 24, 9, 0, tzinfo=UTC)


def sub(sub_id: str = SUB, product: str = "Dynamics 365 Sales Enterprise", code: str | None = "D365_SALES_ENT",
        channel: str = "EA", activated: datetime | None = CREATED - timedelta(days=30)) -> KnownSubscription:
    return KnownSubscription(sub_id, product, code, channel, "United States", activated)


def bizapps(*subs: KnownSubscription, subscription_id: str | None = SUB, **kw):
    base = dict(
        products=(ClaimedProduct("Dynamics 365 Sales Enterprise", "D365_SALES_ENT", subscription_id),),
        tenant_subscriptions=tuple(subs),
        tenant_known=True,
        created_at=CREATED,
    )
    base.update(kw)
    return claim(**base)


def codes(result) -> list[str]:
    return [r.code for r in result.ineligible]


def test_valid_dynamics_subscription_is_eligible():
    result = check_eligibility(bizapps(sub()))
    assert result.eligible and not result.requests and not result.notes


def test_power_bi_is_not_claimable_under_cpor_d3():
    c = claim(products=(ClaimedProduct("Power BI Pro", None),), program="OSU-Microsoft 365",
              solution_area="Microsoft 365")
    result = check_eligibility(c)
    assert codes(result) == ["R-ELIG-001"]
    assert result.ineligible[0].rule == "D-3" and "Power BI" in result.ineligible[0].message


def test_power_bi_by_code_alongside_a_good_workload():
    c = claim(products=(ClaimedProduct("Exchange Online", "EXO"), ClaimedProduct("Analytics", "POWER_BI")),
              program="OSU-Microsoft 365", solution_area="Microsoft 365")
    assert codes(check_eligibility(c)) == ["R-ELIG-001"]


def test_microsoft_365_workload_needs_no_subscription_checks():
    c = claim(products=(ClaimedProduct("Exchange Online", "EXO"),), program="OSU-Microsoft 365",
              solution_area="Microsoft 365", tenant_subscriptions=(), tenant_known=True)
    result = check_eligibility(c)
    assert result.eligible and not result.notes


def test_subscription_not_on_tenant_d8():
    result = check_eligibility(bizapps(sub(OTHER_SUB)))
    assert codes(result) == ["R-ELIG-002"]
    assert SUB in result.ineligible[0].message


def test_subscription_not_for_dynamics_d8():
    result = check_eligibility(bizapps(sub(product="Microsoft 365 E5", code="M365_SUITE")))
    assert codes(result) == ["R-ELIG-003"]
    assert "Microsoft 365 E5" in result.ineligible[0].message


def test_subscription_for_another_dynamics_product():
    result = check_eligibility(bizapps(sub(product="Dynamics 365 Customer Service", code="D365_CUSTOMER_SERVICE")))
    assert codes(result) == ["R-ELIG-011"]


def test_csp_subscription_is_not_claimable_d8():
    assert codes(check_eligibility(bizapps(sub(channel="CSP")))) == ["R-ELIG-004"]


def test_not_yet_activated_d8():
    assert codes(check_eligibility(bizapps(sub(activated=None)))) == ["R-ELIG-005"]
    later = check_eligibility(bizapps(sub(activated=CREATED + timedelta(days=2))))
    assert codes(later) == ["R-ELIG-005"] and "after the claim was created" in later.ineligible[0].message


@pytest.mark.parametrize(("hours", "eligible"), [(47, False), (47.99, False), (48, True), (49, True), (24 * 30, True)])
def test_48_hours_after_activation_boundary_d8(hours: float, eligible: bool):
    result = check_eligibility(bizapps(sub(activated=CREATED - timedelta(hours=hours))))
    assert result.eligible is eligible
    if not eligible:
        assert codes(result) == ["R-ELIG-006"]
        assert "48 hours" in result.ineligible[0].message


def test_47_hours_message_gives_the_hours():
    result = check_eligibility(bizapps(sub(activated=CREATED - timedelta(hours=47))))
    assert "only 47 hours" in result.ineligible[0].message


def test_48_hours_counted_from_creation_not_submission():
    c = bizapps(sub(activated=CREATED - timedelta(hours=47)), submitted_at=CREATED + timedelta(days=5))
    assert codes(check_eligibility(c)) == ["R-ELIG-006"]


def test_identifier_that_is_not_a_subscription_id_d8():
    result = check_eligibility(bizapps(sub(), subscription_id="SUB-12345"))
    assert codes(result) == ["R-ELIG-007"]
    assert "SUB-12345" in result.ineligible[0].message


def test_not_a_subscription_id_caught_even_without_directory():
    c = bizapps(subscription_id="12345", tenant_subscriptions=None, tenant_known=None)
    assert codes(check_eligibility(c)) == ["R-ELIG-007"]


def test_subscription_id_case_insensitive():
    assert check_eligibility(bizapps(sub(), subscription_id=SUB.upper())).eligible


def test_product_not_on_tenant_without_subscription_id():
    result = check_eligibility(bizapps(sub(product="Dynamics 365 Finance", code="D365_FINANCE"), subscription_id=None))
    assert codes(result) == ["R-ELIG-010"]


def test_single_matching_subscription_checked_without_id():
    assert check_eligibility(bizapps(sub(), subscription_id=None)).eligible
    assert codes(check_eligibility(bizapps(sub(channel="CSP"), subscription_id=None))) == ["R-ELIG-004"]


def test_several_subscriptions_of_the_product_need_an_id_request_not_ineligible():
    result = check_eligibility(bizapps(sub(), sub(OTHER_SUB), subscription_id=None))
    assert result.eligible
    assert [r.code for r in result.requests] == ["R-ELIG-015"]


def test_no_tenant_directory_is_a_note_not_a_finding():
    result = check_eligibility(bizapps(tenant_subscriptions=None, tenant_known=None))
    assert result.eligible and [n.code for n in result.notes] == ["R-ELIG-013"]


def test_unknown_tenant_is_a_note():
    result = check_eligibility(bizapps(tenant_subscriptions=None, tenant_known=False))
    assert result.eligible and [n.code for n in result.notes] == ["R-ELIG-012"]


def test_revenue_association_outside_osa_sell_d7():
    result = check_eligibility(claim(activity="Revenue association"))
    assert "R-ELIG-009" in codes(result)


def test_revenue_association_under_osa_sell_needs_no_poe_d7():
    c = claim(activity="Revenue association", program="OSA Sell", solution_area="Microsoft 365",
              products=(ClaimedProduct("Exchange Online", "EXO"),))
    result = check_eligibility(c)
    assert result.eligible and [n.code for n in result.notes] == ["R-ELIG-014"]


def test_already_claimed_when_known_d6():
    c = bizapps(sub(), already_claimed=((SUB, "1000099"),))
    result = check_eligibility(c)
    assert codes(result) == ["R-ELIG-008"] and "1000099" in result.ineligible[0].message
    by_product = bizapps(sub(), already_claimed=(("D365_SALES_ENT", "1000098"),))
    assert codes(check_eligibility(by_product)) == ["R-ELIG-008"]
    own = bizapps(sub(), already_claimed=((SUB, "1000001"),))  # the claim itself
    assert check_eligibility(own).eligible


def test_every_finding_cites_a_d_rule():
    c = bizapps(sub(channel="CSP", activated=CREATED - timedelta(hours=1)), activity="Revenue association")
    result = check_eligibility(c)
    assert {r.code for r in result.ineligible} == {"R-ELIG-004", "R-ELIG-006", "R-ELIG-009"}
    assert all(r.rule.startswith("D-") and r.message for r in result.ineligible)


def test_tenant_id_given_as_subscription_id_is_not_a_subscription_id():
    c = bizapps(sub(), subscription_id="00000000-0000-4000-8000-000000000001")
    assert c.tenant_id == "00000000-0000-4000-8000-000000000001"
    assert codes(check_eligibility(c)) == ["R-ELIG-007"]


def test_workload_with_a_named_subscription_gets_tenant_csp_and_activation_checks():
    exo = (ClaimedProduct("Exchange Online", "EXO", SUB),)
    m365 = dict(program="OSU-Microsoft 365", solution_area="Microsoft 365", products=exo)
    suite = sub(product="Microsoft 365 E5", code=None)
    assert check_eligibility(bizapps(suite, **m365)).eligible  # a suite carries the workload
    assert codes(check_eligibility(bizapps(sub(OTHER_SUB), **m365))) == ["R-ELIG-002"]
    assert codes(check_eligibility(bizapps(replace(suite, channel="CSP"), **m365))) == ["R-ELIG-004"]
