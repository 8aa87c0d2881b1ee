"""growth_activities (D-11.3): explicit growth of usage, adoption, seats, licences, consumption, revenue."""

from __future__ import annotations

import pytest

from scoring.catalogue import find_mentions
from scoring.checks import run_checks
from tests.scoring.docs import claim, docx, pdf


def growth(*docs):
    """The claim names every catalogue product the statement names (else Dynamics 365 Sales), and a
    scope document beside it names them by brand, so a statement naming no product is the claim's
    growth (D-11.3 with D-11.2; see test_growth_of_the_claimed_product_only)."""
    found = {m[2].code: m[2].name for d in docs for m in find_mentions(d.text())}
    found = found or {"D365_SALES_ENT": "Dynamics 365 Sales Enterprise"}
    scope = pdf(f"Implement {' and '.join(found.values())} for Contoso.", path="Scope.pdf")
    return run_checks(claim(tuple(sorted(found))), [*docs, scope])["growth_activities"]


def test_growth_of_the_claimed_product_only():
    """Growth counts for the claim only when it concerns a claimed product (issue 12, issue 15)."""
    line = "Run an adoption programme to grow monthly active users from 120 to 800."
    # no document of the claim names a claimed product: the growth is of something else
    assert run_checks(claim(), [pdf(line)])["growth_activities"].verdict == "not_met"
    # growth of an unclaimed Microsoft product is not the claim's
    d = pdf("Implement Dynamics 365 Sales Enterprise.\nDrive adoption of SharePoint Online through a champions network.")
    assert run_checks(claim(), [d])["growth_activities"].verdict == "not_met"
    d = pdf("Implement Dynamics 365 Sales Enterprise.\nGrow the customer's Microsoft 365 footprint to 900 users.")
    assert run_checks(claim(), [d])["growth_activities"].verdict == "not_met"
    assert run_checks(claim(("M365_SUITE",)), [d])["growth_activities"].verdict == "met"  # the claimed suite
    # the evidence names the product the growth is of
    r = run_checks(claim(), [pdf("Implement Dynamics 365 Sales Enterprise.\n" + line)])["growth_activities"]
    assert r.verdict == "met" and r.evidence[0].text == line
    assert r.evidence[0].note == "growth activity of Dynamics 365 Sales Enterprise"


@pytest.mark.parametrize("line", [
    "Run an adoption programme to grow monthly active users from 120 to 800.",
    "Increase Teams usage by 40% across the organisation within six months.",
    "Expand Dynamics 365 Sales from 200 to 500 seats by Q4.",
    "Drive adoption of SharePoint Online through a champions network.",
    "Grow licence consumption with an additional 300 Copilot licences.",
    "The engagement aims to increase revenue from online channels.",
    "Onboard 1,500 additional users to Exchange Online.",
    "Adoption and change management workshops for all departments.",
    "Target: 80% active usage of Intune-managed devices by go-live + 90 days.",
    "Accelerate adoption and expand usage to the field service teams.",
    "Expand Dynamics 365 Sales Enterprise to two further business units once phase 1 is live.",
    "Roll Microsoft Teams Phone out across the remaining regions in 2027.",
    "Support Contoso's plan to buy a further 50 Microsoft 365 Apps licences once the pilot has proved the value.",
    "The adoption workstream covers communications, training, floor-walking and monthly usage reporting.",
])
def test_growth_statements(line):
    r = growth(pdf(line))
    assert r.verdict == "met", line
    assert r.evidence[0].text == line


@pytest.mark.parametrize("line", [
    "Help the customer succeed with their digital transformation.",
    "Fabrikam is committed to delivering value and ensuring customer success.",
    "Configure mail flow and migrate mailboxes to Exchange Online.",
    "Increase mailbox storage quota to 100 GB.",
    "Improve security posture with conditional access policies.",
    "Adoption services are out of scope.",
    "Add users to security groups.",
    "Extend the network to new offices.",
    "Please send further details of the users.",
])
def test_not_growth(line):
    r = growth(pdf(line))
    assert r.verdict == "not_met", line
    assert r.reasons[0].code == "R-GROW-001"


def test_growth_in_out_of_scope_section_does_not_count():
    d = pdf("Scope\nMigrate mailboxes.\nOut of scope\nIncrease Teams usage by 40%.")
    assert growth(d).verdict == "not_met"


def test_growth_in_table_row():
    d = docx("# Success measures", [["Measure", "Baseline", "Target"], ["Monthly active users", "120", "800"],
                                    ["Licensed seats growth", "200", "500"]])
    r = growth(d)
    assert r.verdict == "met"
    assert r.evidence[0].location.table == 0


@pytest.mark.parametrize("line", [
    "Invoice 30% of fees on signature.",
    "Drive the Dynamics 365 Sales rollout to completion.",
    "Provide monthly usage reports.",
    "Migrate 800 users to Exchange Online.",
    "Create 50 new sites in SharePoint Online.",
])
def test_more_not_growth(line):
    assert growth(pdf(line)).verdict == "not_met", line


@pytest.mark.parametrize("line", [
    "Procure additional licences for the 300 new hires.",
    "Grow Dynamics 365 Sales seats to 500.",
    "Increase the number of devices managed by Intune by 25%.",
    "Our goal is to reach 90% monthly active usage within 6 months of go-live.",
])
def test_more_growth(line):
    assert growth(pdf(line)).verdict == "met", line


def test_template_growth_label_left_empty_is_not_growth():
    from tests.scoring.docs import xlsx
    d = xlsx([["Activities driving revenue and/or usage growth", ""], ["Description of work", "Migrate mailboxes"]])
    assert growth(d).verdict == "not_met"
    assert growth(pdf("Activities driving revenue and usage growth:\nTBD")).verdict == "not_met"


def test_template_growth_label_filled():
    from tests.scoring.docs import xlsx
    d = xlsx([["Activities driving revenue and/or usage growth", "Teams champions programme across 12 sites"]])
    r = growth(d)
    assert r.verdict == "met"
    assert r.evidence[0].location.cell == "B1"


def test_statement_shaped_like_a_label_still_counts():
    assert growth(pdf("Activities to increase Teams usage across 12 sites")).verdict == "met"


def test_commercial_terms_are_not_growth():
    assert growth(pdf("A price increase applies on renewal of licences.")).verdict == "not_met"


@pytest.mark.parametrize("line,verdict", [
    ("Boost productivity for 500 users with new collaboration tools.", "not_met"),
    ("Upsell Dynamics 365 Customer Service to the support team.", "met"),
    ("Expected outcome: 500 additional seats activated within 90 days.", "met"),
    ("This engagement will drive consumption of Dynamics 365 by onboarding three business units.", "met"),
    ("Increase the number of active users in Teams.", "met"),
    ("Grow the customer's Dynamics 365 Sales Enterprise footprint.", "met"),
    ("We will increase efficiency and reduce costs.", "not_met"),
    ("Improve user experience for all staff.", "not_met"),
])
def test_growth_edge_phrasings(line, verdict):
    assert growth(pdf(line)).verdict == verdict, line


def test_arrow_targets():
    assert growth(pdf("Licensed seats: 200 → 500 by Q4")).verdict == "met"
    assert growth(pdf("Active users 40% -> 80%")).verdict == "met"


def test_baseline_target_table_rows():
    d = docx("# Success measures", [["Metric", "Baseline", "Target"], ["Monthly active users", "120", "800"]])
    r = growth(d)
    assert r.verdict == "met" and r.evidence[0].text == "Monthly active users"
    d = docx([["Metric", "Owner"], ["Monthly active users", "Contoso IT"]])
    assert growth(d).verdict == "not_met"


def test_a_first_rollout_to_a_counted_scope_is_the_deployment():
    """'Roll out ... for 800 users across 5 sites' is the deployment's scope; a rollout is growth when it
    reaches the remaining, further or other parts of the organisation."""
    assert growth(pdf("In this phase we will roll out Teams Phone with Direct Routing for 800 users across 5 sites."
                      )).verdict == "not_met"
    assert growth(pdf("Roll Teams Phone out across the remaining 5 sites after the pilot.")).verdict == "met"
