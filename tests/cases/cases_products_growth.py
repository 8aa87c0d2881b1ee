"""Cases about product/workload links (D-11.2, D-12, D-23) and growth activities (D-11.3)."""

from __future__ import annotations

from tests.cases.cases_sig import docx, pdf
from tests.cases.kit import Case, both_signed, crit, sow_blocks
from tests.cases.parties import (
    ADATUM,
    COHO,
    FABRIKAM,
    LUCERNE,
    NORTHWIND,
    RELECLOUD,
    TREY,
    WINGTIP,
    Claim,
    Product,
    customer,
)
from tests.cases.render import DocSpec, H, P, T


def products_alias_d365_sales(cid: str) -> Case:
    cust = customer("Northgate Hotels Inc.", "northgatehotels.example", "Diane Foster", "VP Group Sales",
                    "800 Lakeshore Drive, Chicago, IL 60611")
    prod = Product("Dynamics 365 Sales Enterprise", "D365_SALES_ENT")
    spec = DocSpec(title="Northgate Hotels - CRM for Group Sales", author="Marcus Bell", blocks=sow_blocks(
        partner=ADATUM, customer=cust, number="ADT-SOW-0455", effective="January 26, 2026",
        title="Group Sales CRM on Microsoft Dynamics 365 for Sales",
        background="Northgate Hotels Inc. sells meetings and group stays for 38 hotels from a legacy Dynamics CRM "
                   "2015 on-premises system that is out of support.",
        scope=["Upgrade and migrate the on-premises Dynamics CRM 2015 organisation to Microsoft Dynamics 365 for Sales "
               "(Enterprise edition) online.",
               "Configure D365 Sales opportunity stages for group and catering business, and the Outlook add-in.",
               "Build the integration between D365 Sales and the property-management system for room blocks."],
        milestones=[("Upgrade rehearsal", "Trial migration of the CRM 2015 database", "February 27, 2026"),
                    ("Go-live", "Group sales team live on D365 Sales", "April 13, 2026")],
        growth=["Extend D365 Sales from the 55 group-sales managers to the 120 hotel-level sales coordinators "
                "(licences from 55 to 175) by the end of 2026."],
        fees="USD 92,000 fixed fee.",
        signatures=both_signed(ADATUM, cust, "January 26, 2026", "January 28, 2026")))
    claim = Claim(cid, "Northgate Hotels - D365 Sales", ADATUM, cust, [prod], [("ADT-SOW-0455_Northgate_signed.pdf", "")])
    return Case("products-alias-d365-sales", claim, {"ADT-SOW-0455_Northgate_signed.pdf": pdf(spec)}, crit(),
                {"D365_SALES_ENT": "linked"}, "approve", ["products", "product-alias", "pdf"],
                "Claimed 'Dynamics 365 Sales Enterprise' is never written so: the SOW says 'Microsoft Dynamics 365 for "
                "Sales (Enterprise edition)' and 'D365 Sales', with migration/configure/build work on it. Linked. "
                "All criteria met.")


def products_by_sku_code(cid: str) -> Case:
    cust = customer("Brightwater Utilities plc", "brightwaterutilities.example", "Gareth Hughes", "Head of Infrastructure",
                    "Brightwater House, Pontypridd CF37 5UR", "United Kingdom")
    prod = Product("Exchange Online", "EXO")
    blocks = [
        H("Technical Statement of Work - Messaging Modernisation", 1),
        P(f"Prepared by {NORTHWIND.name} for {cust.name}    |    Reference NWS-0588    |    Issue date 19 January 2026",
          "center"),
        H("1. Summary"),
        P("Brightwater Utilities plc will retire its Exchange 2016 DAG by moving all messaging to EXO. Northwind "
          "Solutions Ltd delivers the migration as three workstreams."),
        H("2. Workstreams"),
        T([["WS", "Workload", "Activities", "Owner"],
           ["A", "EXO", "Migrate 2,400 user mailboxes and 310 shared mailboxes from Exchange 2016 to EXO in weekly "
                        "batches; cut over MX records", "Northwind"],
           ["B", "EXO", "Configure EXO transport rules, anti-phishing and DKIM/DMARC; assign the EXCHANGEENTERPRISE "
                        "SKU through group-based licensing", "Northwind"],
           ["C", "-", "Decommission the on-premises DAG and archive journals", "Brightwater IT"]],
          header=True, widths=[30, 60, 298, 80]),
        H("3. Schedule"),
        T([["Milestone", "Date"], ["Hybrid ready", "16 February 2026"], ["Batch 1 (pilot, 150 users)", "2 March 2026"],
           ["Final batch", "29 May 2026"]], header=True, widths=[250, 150]),
        H("4. Usage growth"),
        P("Extend EXO mailboxes to the 900 field engineers who today have no corporate mailbox (EXO Kiosk), taking "
          "licensed mailboxes from 2,400 to 3,300 by September 2026."),
        H("5. Commercials"), P("GBP 58,400 fixed price, payable on completion of each workstream."),
        H("6. Acceptance"),
        *both_signed(NORTHWIND, cust, "19 January 2026", "22 January 2026"),
    ]
    spec = DocSpec(title="NWS-0588 Messaging Modernisation", author="Priya Raman", a4=True, blocks=blocks)
    claim = Claim(cid, "Brightwater - EXO", NORTHWIND, cust, [prod], [("NWS-0588_Brightwater_TechSOW_signed.pdf", "")])
    return Case("products-by-sku-code", claim, {"NWS-0588_Brightwater_TechSOW_signed.pdf": pdf(spec)}, crit(),
                {"EXO": "linked"}, "approve", ["products", "product-code", "sku", "work-table", "pdf"],
                "A technical SOW that names the workload only by code: 'EXO' on every workstream line and the "
                "EXCHANGEENTERPRISE SKU, never 'Exchange Online'. Migrate/configure work tied to EXO: linked. All met.")


def products_licence_list_only(cid: str) -> Case:
    cust = customer("Stellar Aerospace Components Ltd", "stellaraero.example", "Fiona Grant", "IT Manager",
                    "Unit 7, Filton Business Park, Bristol BS34 7PA", "United Kingdom")
    prod = Product("Microsoft Teams", "TEAMS")
    spec = DocSpec(title="Stellar Aerospace - Intranet SOW", author="James Whitaker", a4=True, blocks=sow_blocks(
        partner=COHO, customer=cust, number="COHO-2026-031", effective="2 March 2026",
        title="SharePoint Online Intranet",
        background="Stellar Aerospace Components Ltd holds 420 Microsoft 365 E3 licences (Exchange Online, SharePoint "
                   "Online, Microsoft Teams, OneDrive for Business and the Office apps). Quality procedures are "
                   "held on a file server and e-mailed as PDFs.",
        scope=["Build a SharePoint Online intranet with a controlled quality-procedures library and approval workflow.",
               "Migrate 180,000 quality documents from the file server to SharePoint Online with metadata.",
               "Configure SharePoint Online retention and audit settings for AS9100 compliance."],
        milestones=[("Intranet", "Intranet launch", "20 April 2026"), ("Migration", "File server read-only", "26 June 2026")],
        growth=["Grow monthly active intranet users from 90 to all 420 employees and retire the file server by "
                "Q3 2026."],
        assumptions=["Licensing: the Customer's existing Microsoft 365 E3 subscription (Exchange Online, SharePoint "
                     "Online, Microsoft Teams, OneDrive) covers all users; no new licences are required."],
        fees="GBP 44,000.", signatures=both_signed(COHO, cust, "2 March 2026", "4 March 2026")))
    claim = Claim(cid, "Stellar Aerospace - Teams", COHO, cust, [prod], [("COHO-2026-031_Stellar_signed.pdf", "")])
    return Case("products-licence-list-only", claim, {"COHO-2026-031_Stellar_signed.pdf": pdf(spec)},
                crit(product_links="not_met"), {"TEAMS": "mentioned"}, "request_info",
                ["products", "licence-list-only", "wrong-workload", "pdf"],
                "Claim for Microsoft Teams, but the SOW is a SharePoint Online intranet project; Teams appears only "
                "inside the list of what the Microsoft 365 E3 licence includes (background and licensing "
                "assumption). Mentioned, not linked: product links not met. Everything else met.")


def products_out_of_scope_section(cid: str) -> Case:
    cust = customer("City Power & Light", "citypowerlight.example", "Marcus Reed", "Director, Enterprise IT",
                    "1 Energy Plaza, Detroit, MI 48226")
    exo, spo = Product("Exchange Online", "EXO"), Product("SharePoint Online", "SPO")
    spec = DocSpec(title="CP&L Exchange Online SOW", author="Ola Demmo", blocks=sow_blocks(
        partner=FABRIKAM, customer=cust, number="FAB-2026-022", effective="April 1, 2026",
        title="Exchange Online Migration",
        background="City Power & Light runs Exchange 2016 for 5,100 employees and contractors.",
        scope=["Migrate 5,100 mailboxes and 600 shared mailboxes from Exchange 2016 to Exchange Online.",
               "Configure Exchange Online Protection, journaling to the Customer's archive and mobile access policies.",
               "Deliver end-user communications and floor-walking during each migration weekend."],
        milestones=[("Pilot", "IT department migrated", "May 2, 2026"), ("Complete", "All mailboxes in Exchange Online", "July 25, 2026")],
        growth=["Add Exchange Online mailboxes for the 1,200 line crews who currently share depot accounts "
                "(licensed mailboxes from 5,100 to 6,300 by December 2026)."],
        out_of_scope=["Migration of departmental file shares to SharePoint Online.",
                      "Any SharePoint Online configuration, site design or intranet work; these will be covered by a "
                      "separate SOW if the Customer decides to proceed."],
        fees="USD 126,000 fixed fee.", signatures=both_signed(FABRIKAM, cust, "April 1, 2026", "April 3, 2026")))
    claim = Claim(cid, "CP&L - EXO and SPO", FABRIKAM, cust, [exo, spo], [("FAB-2026-022_CPL_EXO_signed.pdf", "")])
    return Case("products-out-of-scope-section", claim, {"FAB-2026-022_CPL_EXO_signed.pdf": pdf(spec)},
                crit(product_links="not_met"), {"EXO": "linked", "SPO": "mentioned"}, "request_info",
                ["products", "out-of-scope", "two-products", "ampersand-name", "pdf"],
                "Claim for Exchange Online and SharePoint Online; the SOW migrates Exchange Online (linked) but names "
                "SharePoint Online only under 'Out of scope' (mentioned). One claimed product not linked: product "
                "links not met (D-12: SPO should be removed). Everything else met.")


def products_negated_not_in_phase(cid: str) -> Case:
    cust = customer("Meridian Dental Group", "meridiandental.example", "Carla Mendes", "IT Director",
                    "2100 Ross Avenue, Dallas, TX 75201")
    entra, intune = Product("Microsoft Entra ID", "ENTRA_ID"), Product("Microsoft Intune", "INTUNE")
    spec = DocSpec(title="Meridian Dental - Identity SOW", author="Amir Haddad", blocks=sow_blocks(
        partner=LUCERNE, customer=cust, number="LTS-2026-009", effective="March 16, 2026",
        title="Identity Modernisation with Microsoft Entra ID",
        background="Meridian Dental Group operates 64 practices; staff sign in with shared practice accounts and no "
                   "multi-factor authentication.",
        scope=["Deploy Microsoft Entra ID Conditional Access and roll out Entra MFA to 1,900 practice staff.",
               "Configure Entra ID Connect cloud sync and self-service password reset.",
               "Implement Privileged Identity Management for the 25 IT administrators."],
        milestones=[("MFA pilot", "Six practices", "April 20, 2026"), ("All practices", "MFA enforced", "June 30, 2026")],
        growth=["Increase Entra ID P1 licensed users from 300 (head office) to 2,200 by bringing all practice staff "
                "onto named accounts with MFA by June 30, 2026."],
        assumptions=["Microsoft Intune is not part of this engagement: endpoint management of practice PCs stays on the "
                     "Customer's existing Workspace ONE platform for Phase 1 and will be reviewed in 2027."],
        fees="USD 67,500.", signatures=both_signed(LUCERNE, cust, "March 16, 2026", "March 18, 2026")))
    claim = Claim(cid, "Meridian - Entra and Intune", LUCERNE, cust, [entra, intune], [("LTS-2026-009_Meridian_signed.pdf", "")])
    return Case("products-negated-not-in-phase", claim, {"LTS-2026-009_Meridian_signed.pdf": pdf(spec)},
                crit(product_links="not_met"), {"ENTRA_ID": "linked", "INTUNE": "mentioned"}, "request_info",
                ["products", "negated-product", "two-products", "pdf"],
                "Entra ID is deployed and configured (linked); Intune is named only in 'Microsoft Intune is not part of "
                "this engagement' (negated: mentioned). Product links not met. Everything else met.")


def products_two_claimed_one_absent(cid: str) -> Case:
    cust = customer("Best For You Organics Company", "bestforyouorganics.example", "Jamal Wright", "VP Sales",
                    "4100 Harvest Lane, Boulder, CO 80301")
    sales, cs = Product("Dynamics 365 Sales Enterprise", "D365_SALES_ENT"), Product("Dynamics 365 Customer Service", "D365_CUSTOMER_SERVICE")
    spec = DocSpec(title="Best For You Organics - D365 Sales SOW", author="Marcus Bell", blocks=sow_blocks(
        partner=ADATUM, customer=cust, number="ADT-SOW-0431", effective="February 9, 2026",
        title="Dynamics 365 Sales for Retail Accounts",
        background="Best For You Organics Company sells to 1,400 grocery and co-op accounts through 48 account managers.",
        scope=["Implement Dynamics 365 Sales Enterprise account, opportunity and quote management.",
               "Configure sales territories and the retail promotion calendar in Dynamics 365 Sales.",
               "Migrate 1,400 accounts and 6,000 contacts from the distributor portal export."],
        milestones=[("Build", "Configuration complete", "March 20, 2026"), ("Go-live", "Account managers live", "April 27, 2026")],
        growth=["Grow Dynamics 365 Sales users from 48 account managers to 75 by adding the broker network in Q3 2026."],
        fees="USD 81,000.", signatures=both_signed(ADATUM, cust, "February 9, 2026", "February 11, 2026")))
    claim = Claim(cid, "BFYO - Sales and CS", ADATUM, cust, [sales, cs], [("ADT-SOW-0431_BFYO_signed.pdf", "")])
    return Case("products-two-claimed-one-absent", claim, {"ADT-SOW-0431_BFYO_signed.pdf": pdf(spec)},
                crit(product_links="not_met"), {"D365_SALES_ENT": "linked", "D365_CUSTOMER_SERVICE": "absent"},
                "request_info", ["products", "product-absent", "two-products", "pdf"],
                "Claim for Dynamics 365 Sales Enterprise and Dynamics 365 Customer Service; the SOW covers Sales only "
                "and never names Customer Service (absent). Product links not met. Everything else met.")


def products_power_platform_table(cid: str) -> Case:
    cust = customer("VanArsdel Ltd", "vanarsdel.example", "Erik Lund", "Head of Digital",
                    "100 Harbour Street, Seattle, WA 98101")
    prods = [Product("Power Apps", "POWER_APPS"), Product("Power Automate", "POWER_AUTOMATE"),
             Product("Microsoft Copilot Studio", "COPILOT_STUDIO")]
    work = T([["#", "Workload", "Work item", "Target date"],
              ["1", "Power Apps", "Build a model-driven claims-intake app and two canvas apps for inspectors", "May 29, 2026"],
              ["2", "Power Automate", "Automate supplier invoice approval with 9 cloud flows and an approvals queue",
               "June 19, 2026"],
              ["3", "Copilot Studio", "Build and publish an HR policy agent in Copilot Studio for Teams and the "
                                      "intranet", "July 10, 2026"],
              ["4", "All", "Set up Power Platform environments, DLP policies and a CoE starter kit", "May 8, 2026"]],
             header=True, widths=[20, 95, 263, 90])
    full = sow_blocks(partner=WINGTIP, customer=cust, number="WD-2026-019", effective="April 20, 2026",
                      title="Power Platform Programme", background="VanArsdel Ltd wants to replace paper and e-mail "
                      "processes in claims intake, accounts payable and HR with low-code solutions.",
                      scope=["Deliver the work items in the table below, each on the named workload."],
                      milestones=[("Foundation", "Environments and governance", "May 8, 2026"),
                                  ("Programme close", "All work items in production", "July 17, 2026")],
                      growth=["Grow the number of active Power Apps makers from 12 to 60 and monthly active app users "
                              "from 150 to 900 by December 2026; scale Power Automate from 9 to 40 production flows.",
                              "Target 2,500 Copilot Studio agent sessions per month by Q4 2026."],
                      fees="USD 139,000, time and materials capped.",
                      signatures=both_signed(WINGTIP, cust, "April 20, 2026", "April 22, 2026"))
    at = next(i for i, b in enumerate(full) if isinstance(b, P) and b.text.startswith("2.1"))
    full.insert(at + 1, work)
    spec = DocSpec(title="VanArsdel Power Platform SOW", author="Rafael Costa", blocks=full)
    claim = Claim(cid, "VanArsdel - Power Platform", WINGTIP, cust, prods, [("WD-2026-019_VanArsdel_PowerPlatform.docx", "")])
    return Case("products-power-platform-table", claim, {"WD-2026-019_VanArsdel_PowerPlatform.docx": docx(spec)},
                crit(), {"POWER_APPS": "linked", "POWER_AUTOMATE": "linked", "COPILOT_STUDIO": "linked"}, "approve",
                ["products", "three-products", "work-table", "docx"],
                "Three Power Platform products claimed; the DOCX SOW's work table names each workload on its own line "
                "with concrete build/automate work (D-23), growth in makers, users, flows and agent sessions. All "
                "three linked; all criteria met.")


def growth_seat_expansion_numbers(cid: str) -> Case:
    cust = customer("Oakridge Retail Group Pty Ltd", "oakridgeretail.example", "Sam Patel", "CIO",
                    "50 Bridge Street, Brisbane QLD 4000", "Australia")
    prod = Product("Microsoft 365 E5", "M365_SUITE")
    spec = DocSpec(title="Oakridge - Microsoft 365 E5 uplift", author="Chloe Nguyen", a4=True, blocks=sow_blocks(
        partner=RELECLOUD, customer=cust, number="RC-SOW-2598", effective="23 March 2026",
        title="Microsoft 365 E5 Uplift and Store Roll-out",
        background="Oakridge Retail Group Pty Ltd runs Office 365 E3 for head-office staff; its 74 stores share "
                   "kiosk PCs and personal e-mail.",
        scope=["Upgrade head-office users from Office 365 E3 to Microsoft 365 E5 and configure the E5 security and "
               "compliance features (Defender, Purview labels, Entra ID P2).",
               "Deploy Microsoft 365 F3 to store staff with shared-device sign-in on store tablets.",
               "Run adoption campaigns for store managers and head office."],
        milestones=[("Head office", "E5 features enabled", "4 May 2026"), ("Stores wave 1", "30 stores", "13 July 2026"),
                    ("Stores wave 2", "44 stores", "28 September 2026")],
        growth=["Seat expansion: grow Microsoft 365 E5 seats from 800 to 1,150 (head office and regional managers) and "
                "add 1,950 Microsoft 365 F3 seats for store staff, taking Microsoft 365 seats from 800 to 3,100 by "
                "30 September 2026.",
                "Usage: 80% of store staff active in Microsoft 365 weekly within 60 days of each wave."],
        fees="AUD 210,000.", signatures=both_signed(RELECLOUD, cust, "23 March 2026", "25 March 2026")))
    claim = Claim(cid, "Oakridge - M365 E5", RELECLOUD, cust, [prod], [("RC-SOW-2598_Oakridge_signed.pdf", "")],
                  activity="Usage")
    return Case("growth-seat-expansion-numbers", claim, {"RC-SOW-2598_Oakridge_signed.pdf": pdf(spec)}, crit(),
                {"M365_SUITE": "linked"}, "approve", ["growth", "seat-expansion", "numbers", "pdf"],
                "Growth stated as concrete seat numbers: E5 seats 800 -> 1,150, plus 1,950 F3 seats, total 800 -> "
                "3,100 by 30 September 2026, and a weekly-usage target. All met.")


def growth_targets_table(cid: str) -> Case:
    cust = customer("Cedar & Stone Architects LLP", "cedarstone.example", "Isabel Hart", "Managing Partner",
                    "14 Lever Street, Manchester M1 1LN", "United Kingdom")
    prod = Product("Microsoft 365 Copilot", "M365_COPILOT")
    kpis = T([["KPI", "Baseline (June 2026)", "Target (31 December 2026)"],
              ["Microsoft 365 Copilot licences assigned", "40", "250"],
              ["Monthly active Copilot users", "28", "200"],
              ["Copilot-assisted meetings recapped per month", "150", "2,000"],
              ["Practice groups using Copilot in bid writing", "1", "6"]], header=True, widths=[230, 110, 128])
    full = sow_blocks(
        partner=NORTHWIND, customer=cust, number="NWS-0702", effective="15 June 2026",
        title="Microsoft 365 Copilot Deployment", growth_heading="4. Success Measures",
        background="Cedar & Stone Architects LLP piloted Microsoft 365 Copilot with 40 architects in its Manchester "
                   "studio.",
        scope=["Deploy Microsoft 365 Copilot to all six practice groups, including data-access review of project "
               "SharePoint sites.", "Configure Copilot usage reporting and the Copilot Dashboard.",
               "Train practice leads and build a prompt library for bid writing and design reviews."],
        milestones=[("Readiness", "Oversharing review complete", "3 July 2026"),
                    ("Roll-out", "All practice groups enabled", "25 September 2026")],
        growth=["The measures below are reviewed monthly by the steering group."],
        fees="GBP 36,500.", signatures=both_signed(NORTHWIND, cust, "15 June 2026", "17 June 2026"))
    at = next(i for i, b in enumerate(full) if isinstance(b, P) and b.text.startswith("The measures below"))
    full.insert(at + 1, kpis)
    spec = DocSpec(title="Cedar & Stone - Copilot SOW", author="Priya Raman", blocks=full)
    claim = Claim(cid, "Cedar & Stone - Copilot", NORTHWIND, cust, [prod], [("NWS-0702_CedarStone_Copilot.docx", "")])
    return Case("growth-targets-table", claim, {"NWS-0702_CedarStone_Copilot.docx": docx(spec)}, crit(),
                {"M365_COPILOT": "linked"}, "approve", ["growth", "targets-table", "kpi-table", "docx", "ampersand-name"],
                "Growth appears only as a KPI table (baseline vs. target: Copilot licences 40 -> 250, monthly "
                "active users 28 -> 200, ...) under 'Success Measures'; no growth sentence in prose. All met.")


def growth_goodwill_only(cid: str) -> Case:
    cust = customer("Baldwin Museum of Science", "baldwinmuseum.example", "Dr. Alan Reyes", "Director of Operations",
                    "1 Museum Circle, Denver, CO 80205")
    prod = Product("SharePoint Online", "SPO")
    spec = DocSpec(title="Baldwin Museum - Collections intranet", author="Kevin Ortiz", blocks=[
        *sow_blocks(
            partner=TREY, customer=cust, number="TRG-SPO-2026-04", effective="March 30, 2026",
            title="SharePoint Online Collections Intranet",
            background="Baldwin Museum of Science keeps exhibit and collections documentation on a NAS and in e-mail. "
                       "Trey Research Group Inc. is proud to support the Museum's mission and looks forward to a long "
                       "and successful partnership.",
            scope=["Build a SharePoint Online intranet with a collections hub and exhibit team sites.",
                   "Migrate 900 GB of collections documentation from the NAS to SharePoint Online.",
                   "Configure SharePoint Online permissions for curators and external researchers."],
            milestones=[("Hub live", "Collections hub published", "May 15, 2026"),
                        ("Migration", "NAS content migrated", "June 26, 2026")],
            growth=[], fees="USD 41,000 fixed fee.",
            signatures=both_signed(TREY, cust, "March 30, 2026", "April 1, 2026")),
        H("Our Commitment"),
        P("We are committed to customer satisfaction and to being a trusted advisor to the Museum. Our team will "
          "bring best practices, responsiveness and a spirit of partnership to every interaction, and we value the "
          "opportunity to build a lasting relationship."),
    ])
    claim = Claim(cid, "Baldwin Museum - SharePoint", TREY, cust, [prod], [("TRG-SPO-2026-04_Baldwin_signed.pdf", "")])
    return Case("growth-goodwill-only", claim, {"TRG-SPO-2026-04_Baldwin_signed.pdf": pdf(spec)},
                crit(growth_activities="not_met"), {"SPO": "linked"}, "request_info",
                ["growth", "goodwill-only", "pdf"],
                "Signed SharePoint Online SOW with real build/migrate work, but the only 'growth' language is goodwill "
                "('long and successful partnership', 'customer satisfaction', 'trusted advisor'). No usage, seat or "
                "revenue growth: growth not met. Everything else met.")


def growth_technical_tasks_only(cid: str) -> Case:
    cust = customer("Harrow & Vale Building Society", "harrowvale.example", "Neil Foster", "Head of IT Security",
                    "Vale House, 3 High Street, Harrow HA1 1AA", "United Kingdom")
    prod = Product("Microsoft Defender for Endpoint", "MDE")
    spec = DocSpec(title="Harrow & Vale - Defender for Endpoint", author="James Whitaker", a4=True, blocks=sow_blocks(
        partner=COHO, customer=cust, number="COHO-2026-044", effective="11 May 2026",
        title="Microsoft Defender for Endpoint Hardening",
        background="Harrow & Vale Building Society's auditors asked for endpoint detection and response across its "
                   "branch and head-office estate.",
        scope=["Onboard the head-office servers and branch workstations to Microsoft Defender for Endpoint using "
               "Group Policy.", "Configure attack surface reduction rules in audit mode, then block mode.",
               "Enable EDR in block mode and automated investigation and remediation.",
               "Integrate Defender for Endpoint alerts with the Society's Microsoft Sentinel workspace.",
               "Document the operating procedures and hand over to the security team."],
        milestones=[("Onboarding", "All devices reporting", "12 June 2026"),
                    ("Hardening", "ASR rules in block mode", "10 July 2026"),
                    ("Handover", "Runbooks accepted", "24 July 2026")],
        growth=[], assumptions=["The Society provides a test group of 20 devices for ASR audit mode."],
        fees="GBP 27,900.", signatures=both_signed(COHO, cust, "11 May 2026", "13 May 2026")))
    claim = Claim(cid, "Harrow & Vale - MDE", COHO, cust, [prod], [("COHO-2026-044_HarrowVale_signed.pdf", "")])
    return Case("growth-technical-tasks-only", claim, {"COHO-2026-044_HarrowVale_signed.pdf": pdf(spec)},
                crit(growth_activities="not_met"), {"MDE": "linked"}, "request_info",
                ["growth", "technical-tasks-only", "ampersand-name", "pdf"],
                "Signed SOW listing only technical tasks (onboard, configure ASR, enable EDR, integrate with "
                "Sentinel, hand over); no statement of usage, seat or revenue growth. Growth not met; product linked; "
                "everything else met.")


CASES = [products_alias_d365_sales, products_by_sku_code, products_licence_list_only, products_out_of_scope_section,
         products_negated_not_in_phase, products_two_claimed_one_absent, products_power_platform_table,
         growth_seat_expansion_numbers, growth_targets_table, growth_goodwill_only, growth_technical_tasks_only]
