"""product_links (D-11.2, D-12, D-23) and the catalogue (D-3)."""

from __future__ import annotations

import pytest

from scoring.catalogue import all_products, find_mentions, find_product
from scoring.checks import run_checks
from tests.scoring.docs import claim, docx, pdf, xlsx


def links(*docs, products=("D365_SALES_ENT",), **kw):
    return run_checks(claim(products=products, **kw), list(docs))["product_links"]


@pytest.mark.parametrize("name,code", [
    ("EXO", "EXO"), ("Exchange Online", "EXO"), ("SharePoint Online", "SPO"), ("MS Teams", "TEAMS"),
    ("OneDrive for Business", "ODB"), ("MDM", "INTUNE"), ("Azure AD", "ENTRA_ID"), ("Entra ID", "ENTRA_ID"),
    ("Defender for Endpoint", "MDE"), ("Purview", "PURVIEW"), ("Windows 365", "W365"),
    ("Copilot for Microsoft 365", "M365_COPILOT"), ("Viva Engage", "VIVA"), ("D365 Sales", "D365_SALES_ENT"),
    ("Dynamics CRM Online", "D365_SALES_ENT"), ("d365_sales_ent", "D365_SALES_ENT"),
    ("Dynamics 365 Customer Service", "D365_CUSTOMER_SERVICE"), ("Field Service", "D365_FIELD_SERVICE"),
    ("D365 F&O", "D365_FINANCE"), ("Supply Chain Management", "D365_SCM"), ("Business Central", "D365_BC"),
    ("Dynamics 365 Marketing", "D365_CUSTOMER_INSIGHTS"), ("Project Operations", "D365_PROJECT_OPS"),
    ("PowerApps", "POWER_APPS"), ("Power Automate", "POWER_AUTOMATE"), ("Power BI Pro", "POWER_BI"),
])
def test_find_product(name, code):
    p = find_product(name)
    assert p is not None and p.code == code


def test_catalogue_data_facts():
    assert find_product("Power BI").claimable_cpor is False  # D-3
    assert find_product("Exchange Online").claimable_cpor is True
    codes = [p.code for p in all_products()]
    assert len(codes) == len(set(codes))
    assert find_product("Unknown Widget") is None


def test_longest_alias_wins_and_case_sensitive_short_aliases():
    ms = find_mentions("Deploy Dynamics 365 Sales Professional; our teams will configure Teams")
    assert [p.code for _, _, p in ms] == ["D365_SALES_PRO", "TEAMS"]
    assert find_mentions("improve MDM") and not find_mentions("improve mdm")


def test_linked_in_sentence():
    r = links(pdf("Fabrikam will implement Dynamics 365 Sales for 200 sellers."))
    assert r.verdict == "met"
    assert r.products["D365_SALES_ENT"].verdict == "linked"
    assert "implement Dynamics 365 Sales" in r.products["D365_SALES_ENT"].evidence[0].text


@pytest.mark.parametrize("line", [
    "Migrate 800 mailboxes from Exchange 2016 to Exchange Online (EXO).",
    "Phase 2: EXO migration and cutover",
    "Configure retention policies in Exchange Online",
    "Exchange Online: mailbox migration, mail flow configuration and training",
    "Roll out Exchange Online to all 1,200 staff",
])
def test_linked_phrasings(line):
    r = links(pdf(line), products=("EXO",))
    assert r.products["EXO"].verdict == "linked", line


def test_linked_table_row():
    d = docx("# Scope", [["Workload", "Activities"], ["Exchange Online", "Migrate 800 mailboxes; configure mail flow"],
                         ["SharePoint Online", "Build intranet and migrate file shares"]])
    r = links(d, products=("EXO", "SPO"))
    assert r.verdict == "met"
    assert r.products["SPO"].evidence[0].location.table == 0


def test_work_line_under_product_heading():
    d = pdf("Microsoft Intune\n- Enrol 900 Windows devices\n- Configure compliance policies")
    assert links(d, products=("INTUNE",)).products["INTUNE"].verdict == "linked"


def test_licensing_table_only_is_mentioned():
    d = docx("# Licensing", [["SKU", "Qty", "Price"], ["Dynamics 365 Sales Enterprise", "50", "$95"]],
             "# Scope", "Fabrikam will run discovery workshops with the sales team.")
    r = links(d)
    assert r.verdict == "not_met"
    assert r.products["D365_SALES_ENT"].verdict == "mentioned"
    assert "R-PROD-002" in {x.code for x in r.reasons}


def test_out_of_scope_section_is_mentioned():
    d = pdf("Scope\nImplement Dynamics 365 Sales.\nOut of Scope\nPower BI dashboards will be deployed by others.")
    r = links(d, products=("D365_SALES_ENT", "POWER_BI"))
    assert r.products["D365_SALES_ENT"].verdict == "linked"
    assert r.products["POWER_BI"].verdict == "mentioned"
    assert r.verdict == "not_met"


def test_negated_sentence_is_mentioned():
    d = pdf("Implementation of SharePoint Online is not included in this SOW.")
    assert links(d, products=("SPO",)).products["SPO"].verdict == "mentioned"


def test_background_mention_is_mentioned():
    d = pdf("Background\nContoso currently uses Microsoft Teams across the business.\nScope\nDeploy Intune.")
    r = links(d, products=("TEAMS", "INTUNE"))
    assert r.products["TEAMS"].verdict == "mentioned"
    assert r.products["INTUNE"].verdict == "linked"


def test_absent_product_names_removal():
    r = links(pdf("Deploy Dynamics 365 Sales."), products=("D365_SALES_ENT", "D365_FIELD_SERVICE"))
    assert r.products["D365_FIELD_SERVICE"].verdict == "absent"
    msg = next(x.message for x in r.reasons if x.code == "R-PROD-001")
    assert "remove" in msg and "D365_FIELD_SERVICE" in msg


def test_alias_counts_for_claimed_code():
    r = links(pdf("Upgrade Dynamics CRM Online to the unified interface and configure new sales processes."))
    assert r.products["D365_SALES_ENT"].verdict == "linked"


def test_other_product_of_family_does_not_count():
    r = links(pdf("Implement Dynamics 365 Sales Professional for 20 users."))
    assert r.products["D365_SALES_ENT"].verdict == "absent"


def test_product_name_words_are_not_work():
    r = links(pdf("Licences: Power Automate per user"), products=("POWER_AUTOMATE",))
    assert r.products["POWER_AUTOMATE"].verdict == "mentioned"


def test_product_not_in_catalogue_searched_by_name():
    r = links(pdf("Deploy Contoso Widget Suite to 10 sites."), products=("Contoso Widget Suite",))
    assert r.products["Contoso Widget Suite"].verdict == "linked"
    assert "R-PROD-003" in {x.code for x in r.reasons}


def test_xlsx_template_product_rows():
    d = xlsx([["Product / workload", "Activity"], ["Exchange Online", "Mailbox migration"],
              ["Microsoft Teams", ""]])
    r = links(d, products=("EXO", "TEAMS"))
    assert r.products["EXO"].verdict == "linked"
    assert r.products["TEAMS"].verdict == "mentioned"
    assert r.products["EXO"].evidence[0].location.cell == "A2"


def test_defender_umbrella_includes_endpoint():
    r = links(pdf("Onboard 900 devices to Microsoft Defender for Endpoint."), products=("DEFENDER",))
    assert r.products["DEFENDER"].verdict == "linked"


@pytest.mark.parametrize("line,expected", [
    ("Deploy Exchange Online but not SharePoint Online.", {"EXO": "linked", "SPO": "mentioned"}),
    ("Exchange Online migration (SharePoint Online out of scope)", {"EXO": "linked", "SPO": "mentioned"}),
    ("SharePoint Online and Exchange Online are out of scope.", {"EXO": "mentioned", "SPO": "mentioned"}),
    ("Migrate mailboxes to Exchange Online and provide SharePoint Online licences.",
     {"EXO": "linked", "SPO": "mentioned"}),
    ("Configure Exchange Online and SharePoint Online for 500 users.", {"EXO": "linked", "SPO": "linked"}),
    ("Deploy Exchange Online, then build the intranet on SharePoint Online.", {"EXO": "linked", "SPO": "linked"}),
    ("All work excluding SharePoint Online: migrate Exchange Online mailboxes.", {"EXO": "linked", "SPO": "mentioned"}),
])
def test_clause_level_product_status(line, expected):
    r = links(pdf(line), products=tuple(expected))
    assert {k: v.verdict for k, v in r.products.items()} == expected, line


def test_price_row_with_support_included_is_mentioned():
    d = docx([["Item", "Qty", "Price", "Notes"], ["Dynamics 365 Sales Enterprise", "50", "$95", "Support included"]])
    assert links(d).products["D365_SALES_ENT"].verdict == "mentioned"


def test_ongoing_support_work_is_linked():
    r = links(pdf("Fabrikam will provide ongoing support and administration of Dynamics 365 Sales."))
    assert r.products["D365_SALES_ENT"].verdict == "linked"


def test_strong_work_next_to_quantities_is_linked():
    r = links(pdf("Deploy Dynamics 365 Sales to 50 users."))
    assert r.products["D365_SALES_ENT"].verdict == "linked"


def test_header_listing_several_workloads_links_none():
    d = pdf("Workloads: Exchange Online, SharePoint Online\n- Migrate mailboxes\n- Build the intranet")
    r = links(d, products=("EXO", "SPO"))
    assert {k: v.verdict for k, v in r.products.items()} == {"EXO": "mentioned", "SPO": "mentioned"}


def test_work_left_to_the_customer_is_not_the_partners():
    r = links(pdf("Deploy Exchange Online. The Customer is responsible for configuring SharePoint Online."),
              products=("EXO", "SPO"))
    assert {k: v.verdict for k, v in r.products.items()} == {"EXO": "linked", "SPO": "mentioned"}


@pytest.mark.parametrize("heading,expected", [
    ("Out of Scope", True), ("3. Exclusions", True), ("Licensing", True), ("Assumptions and Dependencies", True),
    ("Scope and Exclusions", False), ("Licensing and Deployment", False), ("Project Scope", False),
    ("Out-of-scope services", True), ("", False),
])
def test_excluded_section(heading, expected):
    from scoring.checks.products import excluded_section
    assert excluded_section(heading) is expected


def test_pdf_table_rows_stand_under_their_own_section():
    from extractors.document import Location, Table
    d = pdf("Scope\nWorkload\nActivities\nSharePoint Online\nBuild the intranet\nOut of scope\nData warehouse")
    d.tables.append(Table(rows=[["Workload", "Activities"], ["SharePoint Online", "Build the intranet"]],
                          location=Location(page=1, table=0),
                          cells=[[Location(page=1, table=0, row=r, col=c) for c in range(2)] for r in range(2)]))
    r = links(d, products=("SPO",))
    assert r.products["SPO"].verdict == "linked"
    assert r.products["SPO"].evidence[0].location.table == 0


def test_bare_exchange_is_exchange_online_unless_the_words_around_say_on_premises() -> None:
    from scoring.catalogue import find_mentions

    def codes(text: str) -> list[str]:
        return [p.code for _, _, p in find_mentions(text)]

    assert codes("We will migrate 450 mailboxes to Exchange.") == ["EXO"]
    assert codes("grow active Exchange usage from 40% to 95%") == ["EXO"]
    assert codes("upgrade of the Exchange Server 2016 estate") == []
    assert codes("from the on-premises Exchange servers") == []
    assert codes("the exchange of information between the parties") == []
    assert codes("Exchange 2019 to Exchange Online") == ["EXO"]


def test_a_sentence_wrapped_before_a_number_is_joined() -> None:
    from extractors.document import ExtractedDocument, Location, TextBlock
    from scoring.checks.text import build_views

    doc = ExtractedDocument(path="letter.pdf", format="pdf", status="ok")
    doc.blocks = [
        TextBlock("Anchorwood will plan and migrate 60 users from the legacy VDI platform to Windows",
                  Location(page=1, bbox=(72.0, 306.9, 508.6, 314.2))),
        TextBlock("365 Enterprise.", Location(page=1, bbox=(72.9, 317.7, 150.9, 325.0))),
    ]
    (view,) = build_views([doc])
    assert any("to Windows 365 Enterprise." in s.text for s in view.segments)


def test_a_product_that_has_long_been_live_is_background_not_work():
    r = links(docx("Background", "Dynamics 365 Sales has been live at the Customer for some time and is well established.",
                   "Scope", "We will train the sales managers on pipeline reports."))
    assert r.verdict == "not_met" and r.products["D365_SALES_ENT"].verdict == "mentioned"


def test_an_item_of_a_scope_exclusions_list_is_not_linked_by_the_item_below_it():
    r = links(pdf("7. SCOPE EXCLUSIONS\n- Data cleansing of source systems.\n- Anything related to Teams Phone.\n"
                  "- Development of custom code beyond the configuration described."), products=("TEAMS",))
    assert r.products["TEAMS"].verdict == "mentioned"


def test_a_product_heading_a_bullet_list_of_work_is_still_linked():
    r = links(pdf("3. Services\nMicrosoft Teams\n- Configure auto attendants and call queues\n- Train store managers"),
              products=("TEAMS",))
    assert r.products["TEAMS"].verdict == "linked"


def test_a_tick_under_a_work_column_links_the_product_and_a_pre_sales_tick_does_not():
    rows = [["Products and workloads in scope"], [],
            ["Product / workload", "Pre-sales", "Deployment"],
            ["Microsoft Defender for Office 365", "✔", "✔"],
            ["Microsoft Teams", "✔", ""]]
    r = links(xlsx(rows), products=("MDO", "TEAMS"))
    assert r.products["MDO"].verdict == "linked"
    assert any(e.text == "Deployment" for e in r.products["MDO"].evidence)
    assert r.products["TEAMS"].verdict == "mentioned"


@pytest.mark.parametrize("line,heading", [
    ("Services to be Provided", True), ("Adoption and change management", True), ("Work Packages", True),
    ("Adoption will grow", False), ("Support is included in the fee", False), ("Migration of 400 mailboxes", False),
])
def test_section_titles_in_title_case_and_sentence_case(line, heading):
    from scoring.checks.text import _looks_like_heading

    assert _looks_like_heading(line, "text") is heading


def test_work_under_a_sentence_case_services_heading_is_not_background():
    r = links(pdf("Customer Background\nThe Client runs 4 sites on heavily customised systems.\n"
                  "Services to be Provided\nProduct / workload\tWork\nMS Teams\tTrain 450 users on Teams Rooms meetings"),
              products=("TEAMS",))
    assert r.products["TEAMS"].verdict == "linked"


def test_unifying_data_into_the_product_is_work_on_it():
    r = links(docx([["Product", "Activity"],
                    ["Dynamics 365 Marketing", "Unify customer data from 2 sources into Customer Insights - Journeys profiles"]]),
              products=("D365_CUSTOMER_INSIGHTS",))
    assert r.products["D365_CUSTOMER_INSIGHTS"].verdict == "linked"


def test_aims_of_the_project_closes_the_background_section():
    from scoring.checks.text import _looks_like_heading

    assert _looks_like_heading("Aims of the Project", "text")
