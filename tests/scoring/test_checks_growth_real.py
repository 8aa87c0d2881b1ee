"""growth_activities (D-11.3 with D-11.2) on excerpts of real SOWs and proposals.

Sources (public, not written here): the eoframework ``solutions/<vendor>/<area>/<solution>/presales/``
statements of work and solution briefings, named per test as ``<vendor>/<solution>``; issue 12 for
the licensing row measured on a held-out document. The lines are quoted as the documents write them.
"""

from __future__ import annotations

import pytest

from scoring.checks import run_checks
from tests.scoring.docs import claim, docx, pdf


def growth(products: tuple[str, ...], *docs):
    return run_checks(claim(products), list(docs))["growth_activities"]


# azure/virtual-desktop SOW: the claimed product's adoption target.
AVD = ("# Key Objectives", "Deploy and configure Azure Virtual Desktop according to best practices",
       "# Success Criteria", "100% user adoption with minimal support calls through intuitive experience",
       "20-30% reduction in IT operational costs through cloud-based management")


def test_adoption_target_of_the_claimed_product_is_growth():
    r = growth(("Azure Virtual Desktop",), docx(*AVD))
    assert r.verdict == "met"
    assert "adoption" in r.evidence[0].text


# google/workspace SOW claimed for Entra ID: SSO work on Entra ID is real, but every growth
# statement is the Google platform's.
GOOGLE_WORKSPACE = (
    "This Statement of Work (SOW) defines the scope, deliverables, roles, and terms for deploying Google Workspace.",
    "Modernize Productivity Suite: Migrate 500 users from Exchange and file servers to Google Workspace "
    "(Gmail, Drive, Docs, Meet) eliminating on-premises infrastructure",
    "# In Scope", "SAML SSO integration with Azure AD",
    "# Success Metrics", "95%+ user adoption within 90 days measured by daily active usage",
    "The cutover to Google Workspace will be executed using a controlled, phased approach.",
    "Following migration completion, the focus shifts to Google Workspace user adoption and training.")


def test_growth_of_another_vendors_platform_is_not_growth_of_the_claim():
    assert growth(("ENTRA_ID",), docx(*GOOGLE_WORKSPACE)).verdict == "not_met"


# nvidia/omniverse-enterprise SOW claimed for Microsoft Teams: licence growth of the SOW's own platform.
OMNIVERSE = (
    "This Statement of Work (SOW) defines the scope, deliverables, roles, and terms for implementing NVIDIA Omniverse "
    "Enterprise Collaboration Platform.",
    "Enable Real-Time Collaboration: Deploy Omniverse Enterprise platform enabling 50 engineers to work "
    "simultaneously on same 3D scene with live updates",
    "Support Remote Teams: Enable distributed teams to collaborate via Omniverse with cloud streaming for remote "
    "workstation access",
    "Omniverse Nucleus server deployment (primary + replica for HA)",
    "# Future growth", "Expand to 100 workstations by adding licenses")


def test_licence_growth_of_another_vendors_platform_is_not_growth_of_the_claim():
    assert growth(("TEAMS",), docx(*OMNIVERSE)).verdict == "not_met"
    # a statement naming the other vendor's product is its growth wherever it stands
    d = docx("Deploy Microsoft Teams Rooms in 4 offices.", "Grow Google Workspace daily active users from 200 to 500.")
    assert growth(("TEAMS",), d).verdict == "not_met"


@pytest.mark.parametrize("line", [
    # microsoft/cmmc-enclave, github/advanced-security: sizing tiers and what the platform could do
    "Medium scope: Scale to 100-200 users with additional GCC High licenses",
    "Scalability: Can grow to large-scope deployment by increasing licenses (no re-architecture)",
    "No architectural changes required - only license increases",
    # azure/enterprise-landing-zone: capacity, and speed of work
    "Scalability: Designed to grow with business needs from 20 to 100+ subscriptions",
    "Accelerated deployment of new workloads through self-service subscription vending",
    # azure/document-intelligence, cisco/network-analytics: pricing said about usage
    "Costs scale with actual usage - can increase/decrease based on volume",
    "Year 1 Credits Applied: $20,000 (DNA license promotion)",
    # azure/devops enterprise-platform: efficiency
    "Reduce manual deployment effort by 90% through pipeline automation",
])
def test_capability_pricing_and_efficiency_are_not_growth(line):
    assert growth(("Azure DevOps",), pdf("Azure DevOps repository setup and branching strategy\n" + line)).verdict \
        == "not_met", line


def test_a_drivers_licence_is_no_seat():
    # issue 12: a training schedule's 'Driver's License Training' row was taken for licence growth.
    d = docx("Implement Dynamics 365 Field Service for the depot teams.",
             [["Course", "Participants", "Target"], ["Driver's License Training", "40", "120"]])
    assert growth(("D365_FIELD_SERVICE",), d).verdict == "not_met"
    d = docx("Implement Dynamics 365 Field Service for the depot teams.",
             [["Measure", "Baseline", "Target"], ["Field Service licenses", "40", "120"]])
    assert growth(("D365_FIELD_SERVICE",), d).verdict == "met"


def test_users_onboarded_success_metric_is_growth():
    # microsoft/cmmc-enclave SOW, Success Metrics.
    d = docx("# Phase 2 - GCC High Deployment & Migration", "Exchange Online mailbox migration to the GCC High tenant",
             "# Success Metrics",
             "50 users onboarded to GCC High with zero CUI data loss during migration from commercial systems")
    r = growth(("EXO",), d)
    assert r.verdict == "met"
    assert "50 users onboarded" in r.evidence[0].text


def test_rollout_to_the_remaining_repositories_is_growth():
    # github/advanced-security SOW, Phase 2 key activities.
    d = docx("GitHub Advanced Security license provisioning for pilot users",
             "Key activities:", "GHAS rollout to remaining 190 repositories with phased approach")
    r = growth(("GitHub Advanced Security",), d)
    assert r.verdict == "met"
    assert "190 repositories" in r.evidence[0].text
    # ... but taking the network to new offices is the deployment itself.
    assert growth(("Azure Virtual WAN",), pdf("Deploy Azure Virtual WAN hubs.\nExtend the network to new offices.")) \
        .verdict == "not_met"


def test_proposal_adoption_of_the_tooling_is_growth():
    # azure/devops enterprise-platform solution briefing.
    d = pdf("Azure DevOps Enterprise Platform implementation\n"
            "Standardize development practices across all teams with 100% adoption of unified tooling")
    assert growth(("Azure DevOps",), d).verdict == "met"


# CUAD v1 Part_I (CC BY 4.0), Co_Branding/DeltathreeInc_19991102_S-1A_EX-10.19 (a co-branding and
# service agreement), page 1, lines as extracted; claimed as Microsoft 365 E3/E5 in the hand labels.
# The contract grows its own calling-card traffic; it names no Microsoft product at all, so no
# growth it states is growth of the claim (issue 12: 4 such CUAD contracts were growth 'met').
CONTRACT_OWN_VOLUMES = (
    "PrimeCall. In order to lower the cost structure and increase the competitiveness\n"
    "of the Calling Card, DeltaThree and PrimeCall shall each use their reasonable\n"
    "best efforts to increase the percentage of the traffic derived from the use of\n"
    "the Calling Card which will be carried via the DeltaThree Network.")


def test_a_contracts_own_volumes_are_no_growth_of_an_unnamed_claimed_product():
    assert growth(("M365_SUITE",), pdf(CONTRACT_OWN_VOLUMES)).verdict == "not_met"
    # the same growth with the claimed product named is the claim's, and the evidence says so
    named = pdf(CONTRACT_OWN_VOLUMES.replace("Calling Card", "Microsoft Teams Phone"))
    r = growth(("TEAMS",), named)
    assert r.verdict == "met" and r.evidence[0].note == "growth activity of Microsoft Teams"


# Lines of the microsoft/cmmc-enclave and azure/virtual-desktop SOWs, adapted (the growth sentence
# names the product here, which the SOWs leave implicit): growth of an unclaimed Microsoft product is
# not the claim's (issue 15: an Entra ID / Purview claim whose growth evidence was a SharePoint sentence).
def test_growth_naming_an_unclaimed_microsoft_product_is_not_the_claims():
    d = docx("Microsoft Purview deployment for DLP, information protection, and retention policies",
             "Migrate remaining 40-45 users in departmental waves onto SharePoint Online, growing its users from 5 to 50")
    assert growth(("PURVIEW",), d).verdict == "not_met"
    assert growth(("SPO",), d).verdict == "met"
    # a product outside the catalogue named by its Microsoft/Azure brand is another product too
    avd = docx("Intune device management for BYOD and corporate device support",
               "100% user adoption of Azure Virtual Desktop with minimal support calls")
    assert growth(("INTUNE",), avd).verdict == "not_met"
    assert growth(("Azure Virtual Desktop",), avd).verdict == "met"


# azure/virtual-desktop SOW (claimed as Intune in the hand labels), as written: the title names the
# desktop platform, Intune appears once among its components, and the adoption target names no product.
AVD_SOW = ("Statement of Work", "Azure - Azure Virtual Desktop Implementation",
           "# Key Opportunities and Success Criteria",
           "100% user adoption with minimal support calls through intuitive experience",
           "# 6.1 Solution Architecture", "Intune device management for BYOD and corporate device support")


def test_unnamed_growth_in_a_document_titled_after_another_platform_is_that_platforms():
    assert growth(("INTUNE",), docx(*AVD_SOW)).verdict == "not_met"
    r = growth(("Azure Virtual Desktop",), docx(*AVD_SOW))
    assert r.verdict == "met" and r.evidence[0].note == "growth activity of Azure Virtual Desktop"
