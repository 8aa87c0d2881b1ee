"""product_links (D-11.2) on excerpts of real SOWs of other vendors' platforms.

Sources (public, not written here): the eoframework ``solutions/<vendor>/<area>/<solution>/presales/``
statements of work, named per test as ``<vendor>/<solution>``. An alias that is also an ordinary
word ('Teams', maintenance 'WINDOWS') or a generic feature term ('data loss prevention') names the
product only in a document that also names it by its brand.
"""

from __future__ import annotations

import pytest

from scoring.checks import run_checks
from tests.scoring.docs import claim, docx


def products(codes: tuple[str, ...], *docs):
    return run_checks(claim(codes), list(docs))["product_links"]


@pytest.mark.parametrize("code, doc", [
    # google/landing-zone: the project milestones table
    ("TEAMS", docx("# Project Milestones", [["Phase", "Milestone", "Target"], ["Go-Live", "Pilot Teams Onboarded",
                                                                               "Week 12"]])),
    # hashicorp/terraform-enterprise: Phase 3
    ("TEAMS", docx("# Phase 3 - Optimization & Handover",
                   "Teams are trained on Terraform Enterprise operations, policy development, and best practices "
                   "for infrastructure as code.")),
    # aws/onpremise-to-cloud-migration: the cutover plan
    ("WINDOWS", docx("# MIGRATION WINDOWS", "Cutover is executed in approved maintenance windows.")),
    # google/workspace: In Scope
    ("PURVIEW", docx("# In Scope", "Data Loss Prevention (DLP) policy configuration",
                     "Mobile device management configuration")),
    ("INTUNE", docx("# In Scope", "Data Loss Prevention (DLP) policy configuration",
                    "Mobile device management configuration")),
])
def test_an_everyday_word_alone_is_not_the_product(code, doc):
    r = products((code,), doc)
    assert r.verdict == "not_met"
    assert r.products[code].verdict == "absent"


def test_the_everyday_word_counts_where_the_brand_is_named():
    d = docx("Deploy Microsoft Teams for the 300 office users.", "Teams channels are configured per department.",
             "Configure Microsoft Purview for the finance team.", "Data Loss Prevention (DLP) policy configuration")
    r = products(("TEAMS", "PURVIEW"), d)
    assert r.verdict == "met"


def test_an_everyday_word_before_a_product_noun_is_the_product():
    # the generated corpus's alias case, written as Microsoft partners' SOWs do
    r = products(("TEAMS",), docx("Our consultants will train 320 users on Teams meetings, chat and channels."))
    assert r.verdict == "met"
    # a list of notification channels is no product noun (github/advanced-security SOW)
    r = products(("TEAMS",), docx("Notification configuration (Slack, Teams, email, PagerDuty)"))
    assert r.products["TEAMS"].verdict == "absent"


def test_the_product_a_migration_leaves_is_not_worked_on():
    # google/workspace SOW claimed for Exchange Online: the work migrates away from Exchange.
    d = docx("This engagement will migrate 500 users from Microsoft Exchange and on-premises file servers to "
             "Google Workspace Business Plus, enabling cloud-based email.",
             "# Key activities", "Exchange environment assessment (mailbox count, sizes, public folders)",
             "Mailbox migration (Exchange to Gmail) per wave",
             "Exchange coexistence period management (4 weeks parallel operation)")
    r = products(("EXO",), d)
    assert r.verdict == "not_met"
    assert r.products["EXO"].verdict == "mentioned"
    # a migration *to* the product is work on it
    d = docx("Migrate 500 mailboxes from Google Workspace to Exchange Online.",
             "Exchange environment assessment (mailbox count, sizes, public folders)")
    assert products(("EXO",), d).verdict == "met"


def test_an_everyday_word_in_a_microsoft_document_is_the_product():
    # generated corpus seed 13: a Microsoft SOW naming Teams bare in a negated sentence
    d = docx("Under this SOW the Partner will design the Power BI data model and deploy workspaces.",
             "The Partner will not migrate or reconfigure Teams; it stays with the Customer's current support provider.")
    assert products(("TEAMS",), d).products["TEAMS"].verdict == "mentioned"


# azure/sentinel-siem SOW, 3.1 In Scope (claimed as Defender XDR in the hand labels): 'Defender for
# Cloud' is Azure's cloud-workload plan, not the Microsoft 365 Defender suite; 'Defender' alone names
# Defender XDR only when no Azure plan ('for Cloud', 'for Servers', 'for Storage'...) follows it.
def test_defender_for_cloud_is_no_defender_xdr():
    line = "Implement data connectors for primary sources (Office 365, Azure AD, Defender for Cloud)"
    assert products(("DEFENDER",), docx("# In Scope", line)).verdict == "not_met"
    assert products(("DEFENDER",), docx("# In Scope", line.replace("Defender for Cloud", "Microsoft Defender"))
                    ).verdict == "met"


# github/advanced-security SOW, Integration Architecture (claimed as Teams in the growth labels): a
# product that only receives alerts is their channel, not work on it.
def test_alert_channel_is_no_work_on_the_product():
    line = "Notification webhooks deliver alerts to Slack/Teams channels"
    d = docx("# 6.5 Integration Architecture", line, "# Integration:", "Notification channels (Slack, Teams, Email, PagerDuty)")
    assert products(("TEAMS",), d).verdict == "not_met"
    assert products(("TEAMS",), docx("Deploy Microsoft Teams channels for the security team", line)).verdict == "met"
