"""Second batch of hand-written cases, deliberately unlike the first: other file formats (PPTX,
RTF, HTML, CSV, forwarded e-mail chains, e-mail with a signed PDF attached, a phone photo),
other layouts (two-column body, a /Rotate'd signature page, a signature table split over a page
break, an acceptance band in the page footer, Word text boxes and footers), other wording (US
federal task order, Indian 'Sd/-', Australian s127 execution, NHS Public Sector Disclosure,
French 'Lu et approuvé', trading names, '&'/'and'), tricky negatives (reseller signing as the
customer, a change order to a 2-year-old SOW, the partner's own PO to a subcontractor, a
declining customer e-mail, an unfinished DocuSign envelope), one conflict pair and two
ineligible claims (D-7, D-8)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from tests.cases.batch2_writers import (
    Slide,
    pdf_bytes,
    write_csv,
    write_docx_with_textboxes,
    write_html,
    write_pdf_footer_band,
    write_pdf_rotated_last_page,
    write_pdf_two_column,
    write_photo_png,
    write_pptx,
    write_rtf,
)
from tests.cases.cases_formats import TEMPLATE_PRODUCTS_BA, TEMPLATE_PRODUCTS_M365
from tests.cases.cases_sig import docx, pdf
from tests.cases.kit import BLANK, Case, both_signed, crit, sig_stacked, sow_blocks
from tests.cases.parties import (
    ADATUM,
    BLUEWAVE,
    COHO,
    FABRIKAM,
    LUCERNE,
    NORTHWIND,
    PROSEWARE,
    RELECLOUD,
    SMITH_BRANDT,
    TREY,
    WINGTIP,
    Claim,
    Org,
    Product,
    customer,
    partner,
    subscription_id,
    tenant_entry,
)
from tests.cases.render import Attachment, Break, DocSpec, H, P, Sheet, SigImage, T, write_eml, write_xlsx

Writer = Callable[[Path], Any]

# ----------------------------------------------------------------------------- new partners

KAVERI = partner("Kaveri Cloud Solutions Private Limited", "kavericloud.example", "Arjun Mehta",
                 "Director - Business Applications", "Prestige Tech Park, Outer Ring Road, Bengaluru 560103", "India",
                 "6123457")
NUAGE = partner("Nuage Conseil SARL", "nuageconseil.example", "Camille Laurent", "Directrice de projets",
                "18 rue de la République, 69002 Lyon", "France", "7345120")
HARBOURLINE = partner("Harbourline IT Services Ltd", "brightdesk.example", "Tom Aldridge", "Client Director",
                      "Unit 7, Quayside, Bristol BS1 4RN", "United Kingdom", "5331908")


def _case(folder: str, claim: Claim, files: dict[str, Writer], criteria: dict[str, Any], products: dict[str, str],
          rec: str, tags: list[str], note: str, **kw: Any) -> Case:
    assert [p for p, _ in claim.documents] == list(files), folder
    return Case(folder, claim, files, criteria, products, rec, ["batch2", *tags], note, **kw)


# ------------------------------------------------------------------------ POE template rows

def template_rows(*, partner_org: Org, cust: Org, activity: str, start: Any, golive: Any, description: str,
                  work: dict[str, str], growth: str, ack: dict[str, Any] | None, m365: bool = False,
                  public_sector: Sequence[tuple[str, str]] = (("Is the customer a public sector entity? (Yes/No)",
                                                               "No"),)) -> list[list[Any]]:
    """The POE template's rows (as in cases_formats.poe_template), with a configurable Public
    Sector Disclosure section (D-25)."""
    rows: list[list[Any]] = [
        ["Microsoft Commercial Partner Incentives - Proof of Execution (POE) Template"],
        ["Please ensure that the Customer information matches the information entered in your CPOR claim. Provide "
         "valid customer acknowledgment dated within 12 months of claim submission."],
        [],
        ["Section 1: Partner Information"],
        ["Partner name", partner_org.name], ["Partner ID (MPN ID)", partner_org.mpn],
        ["Partner contact name", partner_org.contact], ["Partner contact email", partner_org.email],
        [],
        ["Section 2: Customer Information"],
        ["Customer name", cust.name], ["Customer domain", cust.domain], ["Customer tenant ID", cust.tenant_id],
        [],
        ["Section 3: Engagement Details"],
        ["Activity type", activity], ["Engagement start date", start], ["Planned go-live / completion date", golive],
        ["Description of engagement", description],
        [],
        ["Section 4: Products / Workloads", "Selected (X)", "Description of partner activities for this product"],
    ]
    for name in TEMPLATE_PRODUCTS_M365 if m365 else TEMPLATE_PRODUCTS_BA:
        rows.append([name, "X" if name in work else None, work.get(name)])
    a = ack or {}
    rows += [[], ["Section 5: Usage / Growth Activities"], ["Planned growth activities", growth], [],
             ["Section 6: Customer Acknowledgment"],
             ["By completing this section, the customer acknowledges that the partner named above is engaged with the "
              "customer on the products and activities described in this document."],
             ["Customer contact name", a.get("name")], ["Customer contact title", a.get("title")],
             ["Customer contact email", a.get("email")], ["Acknowledgment date", a.get("date")],
             ["Customer acknowledges partner involvement (Yes/No)", a.get("yes")], [],
             ["Section 7: Public Sector Disclosure"], *[list(r) for r in public_sector]]
    return rows


# ================================================================================ formats

def pptx_proposal_deck_signed(cid: str) -> Case:
    cust = customer("Lakeshore Credit Union", "lakeshorecu.example", "Hannah Reyes", "Chief Operating Officer",
                    "400 Lakeshore Drive, Chicago, IL 60611")
    prod = Product("Microsoft 365 Copilot", "M365_COPILOT")
    slides = [
        Slide("Microsoft 365 Copilot Adoption Programme",
              [f"Proposal for {cust.name}", f"Prepared by {WINGTIP.name}  |  June 8, 2026",
               "Engagement reference: WD-COP-2026-019"]),
        Slide("Where Lakeshore is today",
              ["40 Microsoft 365 Copilot licences in a pilot with the member-services leadership team",
               "No governance for Copilot prompts or SharePoint oversharing yet",
               "Leadership goal: every branch manager and member-service rep using Copilot daily"]),
        Slide("Scope of work",
              ["Deploy Microsoft 365 Copilot to the member-services, lending and branch teams",
               "Run a SharePoint oversharing review and configure sensitivity labels before Copilot roll-out",
               "Build 12 Copilot prompt libraries for lending and member-service scenarios",
               "Train 30 Copilot champions and run weekly office hours for 8 weeks"]),
        Slide("Timeline", table=[["Phase", "Activities", "Dates"],
                                 ["Readiness", "Oversharing review, labels, licence assignment",
                                  "June 22 - July 17, 2026"],
                                 ["Wave 1", "Lending and member services (120 users)", "July 20 - August 28, 2026"],
                                 ["Wave 2", "All 38 branches (180 users)", "September 8 - October 30, 2026"]]),
        Slide("Adoption and growth targets",
              ["Grow Microsoft 365 Copilot licences from 40 (pilot) to 340 by October 30, 2026",
               "Reach 70% weekly active Copilot usage among licensed users within 60 days of each wave",
               "Report Copilot Dashboard usage to the COO every month"]),
        Slide("Commercials", ["Fixed fee USD 86,500, invoiced per phase", "Proposal valid until July 8, 2026"]),
        Slide("Approval to proceed",
              ["By signing below, Lakeshore Credit Union approves this proposal as the statement of work and "
               "authorises Wingtip Digital Inc. to begin."],
              table=[["Party", "Name and title", "Signature", "Date"],
                     [WINGTIP.name, f"{WINGTIP.contact}, {WINGTIP.title}", "", "June 8, 2026"],
                     [cust.name, f"{cust.contact}, {cust.title}", "", "June 11, 2026"]],
              sig_images=[(2, 7.3, 3.15), (6, 7.3, 3.6)],
              footer="Wingtip Digital Inc. | Confidential | WD-COP-2026-019"),
    ]
    claim = Claim(cid, "Lakeshore CU - M365 Copilot", WINGTIP, cust, [prod],
                  [("Lakeshore_Copilot_Proposal_SIGNED.pptx", "Signed proposal deck")])
    return _case("pptx-proposal-deck-signed", claim,
                 {"Lakeshore_Copilot_Proposal_SIGNED.pptx": lambda p: write_pptx(
                     p, slides, author=WINGTIP.contact, title="Lakeshore Copilot proposal")},
                 crit(), {"M365_COPILOT": "linked"}, "approve", ["pptx", "proposal-deck", "signature-image"],
                 "A PowerPoint proposal deck used as the SOW: scope slide (deploy Copilot, oversharing review, "
                 "prompt libraries), timeline table, growth slide (licences 40 -> 340, 70% weekly active) and an "
                 "'Approval to proceed' slide whose table gives both parties' names, titles and dates (June 8 / "
                 "June 11, 2026) with drawn signature pictures placed over the Signature column. All met.")


def rtf_engagement_letter(cid: str) -> Case:
    cust = customer("Kingsbridge College", "kingsbridgecollege.example", "Emma Doyle", "Director of Digital Services",
                    "Fore Street, Kingsbridge TQ7 1PG", "United Kingdom")
    prod = Product("Microsoft Intune", "INTUNE")
    blocks = [
        P(COHO.name.upper(), "bold"), P(COHO.address), P("12 June 2026"), P(""),
        P(f"{cust.contact}\n{cust.title}\n{cust.name}\n{cust.address}"), P(""),
        P("Dear Emma,"),
        H("Engagement letter: Microsoft Intune device management for staff and student laptops"),
        P("Thank you for selecting Coho Systems Integration Limited. This letter confirms the terms on which we will "
          "deliver the Intune project for Kingsbridge College."),
        P("Scope. We will (a) deploy Microsoft Intune for 650 staff laptops and 1,400 student loan laptops; "
          "(b) configure Windows Autopilot profiles, Intune compliance policies and app deployment for the "
          "curriculum software; (c) migrate device management from the college's SCCM server to Intune; and "
          "(d) train the 6-person IT service desk."),
        P("Timetable. Work starts on 29 June 2026. Staff laptops will be enrolled by 14 August 2026 and student "
          "loan laptops before the start of term on 7 September 2026."),
        P("Growth. Together we aim to grow Intune-managed devices from 120 today to 2,050 by September 2026 and to "
          "add the 300 iPads of the sixth-form centre in the spring term 2027."),
        P("Fees. GBP 38,400 plus VAT, invoiced 50% on start and 50% on completion."),
        P("Please sign and return a copy of this letter to confirm your agreement."),
        P("Yours sincerely,"),
        T([[f"Signed for {COHO.name}", f"Signed for {cust.name}"],
           [f"/s/ {COHO.contact}", f"/s/ {cust.contact}"],
           [f"{COHO.contact}, {COHO.title}", f"{cust.contact}, {cust.title}"],
           ["Date: 12 June 2026", "Date: 16 June 2026"]], grid=False),
    ]
    claim = Claim(cid, "Kingsbridge College - Intune", COHO, cust, [prod],
                  [("Kingsbridge_Intune_EngagementLetter_signed.rtf", "Countersigned engagement letter")])
    return _case("rtf-engagement-letter", claim,
                 {"Kingsbridge_Intune_EngagementLetter_signed.rtf": lambda p: write_rtf(p, blocks)},
                 crit(), {"INTUNE": "linked"}, "approve", ["rtf", "engagement-letter", "conformed-signature",
                                                           "rtf-table"],
                 "A UK engagement letter saved as RTF (Word 'Rich Text Format'): scope, timetable, growth "
                 "(Intune-managed devices 120 -> 2,050) and a borderless RTF table with both parties' '/s/' "
                 "signatures dated 12 and 16 June 2026. All met.")


def html_esign_sow_export(cid: str) -> Case:
    cust = customer("Greenfield Public Library District", "greenfieldlibrary.example", "Marcus Lee",
                    "Library Director", "200 Main Street, Greenfield, WI 53220")
    prod = Product("SharePoint Online", "SPO")
    blocks = [
        H("Statement of Work: SharePoint Online Staff Intranet and Records Migration", 1),
        P(f"Prepared for: {cust.name}    Prepared by: {TREY.name}    Document TRG-SPO-2026-07"),
        H("Overview"),
        P("The library district's 14 branches share files on an ageing Windows file server and publish staff news "
          "by e-mail. Trey Research Group Inc. will build a SharePoint Online intranet and move the shared drives."),
        H("Work to be performed"),
        T([["#", "Activity", "Owner"],
           ["1", "Build the SharePoint Online staff intranet hub with 14 branch sites and a news centre", "Trey"],
           ["2", "Migrate 1.8 TB of shared-drive content to SharePoint Online document libraries", "Trey"],
           ["3", "Configure SharePoint Online retention labels for the Wisconsin public-records schedule", "Trey"],
           ["4", "Nominate branch content owners", "Library"]], header=True),
        H("Schedule"),
        T([["Milestone", "Date"], ["Project start", "June 29, 2026"], ["Intranet launch", "August 17, 2026"],
           ["Migration complete", "September 25, 2026"]], header=True),
        H("Adoption goals"),
        P("Grow SharePoint Online from 25 pilot users to all 210 library staff by September 2026, with at least 150 "
          "staff visiting the intranet weekly by December 2026."),
        H("Price"),
        P("USD 41,900 fixed price."),
        H("Signatures"),
        P(f"Signed electronically by {TREY.contact} ({TREY.email}), {TREY.title}, {TREY.name} on June 15, 2026 "
          f"at 9:12 AM CDT."),
        P(f"Signed electronically by {cust.contact} ({cust.email}), {cust.title}, {cust.name} on June 15, 2026 "
          f"at 10:42 AM CDT. IP address 198.51.100.20."),
        P("Document completed by all parties on June 15, 2026. Audit trail ID 7c1e0f92a4."),
    ]
    claim = Claim(cid, "Greenfield Library - SharePoint", TREY, cust, [prod],
                  [("TRG-SPO-2026-07_Greenfield_signed.html", "Signed SOW (export from our proposal tool)")])
    return _case("html-esign-sow-export", claim,
                 {"TRG-SPO-2026-07_Greenfield_signed.html": lambda p: write_html(
                     p, blocks, title="TRG-SPO-2026-07 - Greenfield Public Library District - Completed",
                     head_extra='<meta name="generator" content="ProposalHub 5.2">',
                     banner="ProposalHub - Completed document", footer="Trey Research Group Inc. - Confidential")},
                 crit(), {"SPO": "linked"}, "approve", ["html", "esign-typed", "export"],
                 "An HTML export of a proposal tool's completed document: an activity table naming SharePoint Online "
                 "on each work line, a schedule, adoption goals (25 -> 210 users) and two 'Signed electronically by "
                 "... on June 15, 2026' lines, the customer's naming Marcus Lee of the library district. All met.")


def csv_poe_template_export(cid: str) -> Case:
    cust = customer("Meridian Engineering Group", "meridianeng.example", "Paul Okafor", "Chief Operating Officer",
                    "1100 Louisiana Street, Houston, TX 77002")
    prod = Product("Dynamics 365 Project Operations", "D365_PROJECT_OPS")
    rows = template_rows(
        partner_org=ADATUM, cust=cust, activity="Deployment", start="5/11/2026", golive="10/5/2026",
        description="Project-based accounting and resourcing for 420 engineers, replacing Deltek.",
        work={},
        growth="Grow Dynamics 365 Project Operations users from 60 project managers to 420 engineers logging time "
               "and expenses by Q1 2027, and add the Calgary office (90 users) in 2027.",
        ack={"name": cust.contact, "title": cust.title, "email": cust.email, "date": "5/14/2026", "yes": "Yes"})
    # the template's product list has no Project Operations line: the partner added one at the end of Section 4
    sect4 = next(i for i, r in enumerate(rows) if r and str(r[0]).startswith("Section 4"))
    n = len(TEMPLATE_PRODUCTS_BA)
    rows[sect4 + 1:sect4 + 1 + n] = [[name, None, None] for name in TEMPLATE_PRODUCTS_BA]
    rows.insert(sect4 + 1 + n, ["Other: Dynamics 365 Project Operations", "X",
                                "Implement Dynamics 365 Project Operations project accounting, resource scheduling "
                                "and time & expense; migrate 300 active projects from Deltek; train 60 project "
                                "managers."])
    claim = Claim(cid, "Meridian Engineering - Project Operations", ADATUM, cust, [prod],
                  [("POE_Template_Meridian_ProjectOps.csv", "POE template (CSV export)")])
    return _case("csv-poe-template-export", claim,
                 {"POE_Template_Meridian_ProjectOps.csv": lambda p: write_csv(p, rows)},
                 crit(), {"D365_PROJECT_OPS": "linked"}, "approve", ["csv", "poe-template", "us-date-format",
                                                                     "other-product-row"],
                 "The POE template saved as 'CSV UTF-8' (BOM, CRLF, padded columns, dates as text 5/14/2026). "
                 "Project Operations is not on the template's product list, so the partner ticked an added row "
                 "'Other: Dynamics 365 Project Operations' with the work; growth row; acknowledgment by Paul Okafor "
                 "(COO) 'Yes' 5/14/2026. All met.")


def eml_forwarded_chain(cid: str) -> Case:
    cust = customer("Fenwick Building Society", "fenwickbs.example", "Alan Moss", "Head of Colleague Experience",
                    "Fenwick House, 3 Grey Street, Newcastle upon Tyne NE1 6EE", "United Kingdom")
    prod = Product("Microsoft Viva", "VIVA")
    body = (
        "Hi team,\n\nPlease use the thread below as POE for the Fenwick Viva claim - Alan's approval is in his "
        "reply of 3 June.\n\nThanks,\nPriya\n\n"
        "Priya Raman | Delivery Director | Northwind Solutions Ltd\n18 Cannon Street, London EC4M 6XH\n\n"
        "________________________________\n"
        "From: Alan Moss <alan.moss@fenwickbs.example>\n"
        "Sent: Wednesday, 3 June 2026 11:02\n"
        "To: Priya Raman <priya.raman@northwind-solutions.example>\n"
        "Cc: Colleague Comms <colleague.comms@fenwickbs.example>\n"
        "Subject: RE: Viva roll-out - scope for approval\n\n"
        "Hi Priya,\n\n"
        "Thanks - the scope below is approved. Fenwick Building Society is happy for Northwind Solutions to go "
        "ahead with the Microsoft Viva roll-out as described, starting on 15 June.\n\n"
        "Our aim is to get 70% of colleagues active in Viva Engage every month by December, from about 20% "
        "today, and to have all 120 branch and team managers using Viva Insights by the end of the year.\n\n"
        "Regards,\nAlan\n\n"
        "Alan Moss\nHead of Colleague Experience | Fenwick Building Society\n\n"
        "________________________________\n"
        "From: Priya Raman <priya.raman@northwind-solutions.example>\n"
        "Sent: Monday, 1 June 2026 17:45\n"
        "To: Alan Moss <alan.moss@fenwickbs.example>\n"
        "Subject: Viva roll-out - scope for approval\n\n"
        "Hi Alan,\n\nAs discussed, here is the scope for your approval:\n\n"
        "1. Deploy Viva Engage for all 1,900 colleagues: 60 communities, the leadership corner and the "
        "storyline feature, replacing the current Yammer network.\n"
        "2. Enable Viva Insights for the 120 branch and team managers, with the manager effectiveness reports.\n"
        "3. Configure Viva Connections as the Teams home for the colleague intranet.\n"
        "4. Train 40 Viva champions across the 48 branches.\n\n"
        "Timeline: start 15 June 2026, Engage live 13 July 2026, Insights live 7 September 2026.\n"
        "Fixed fee GBP 29,500.\n\nBest regards,\nPriya\n")
    files: dict[str, Writer] = {"FW_Viva_rollout_scope_approval.eml": lambda path: write_eml(
        path, sender="Priya Raman <priya.raman@northwind-solutions.example>",
        to="Partner Incentives <incentives@northwind-solutions.example>",
        subject="FW: Viva roll-out - scope for approval", date_header="Thu, 16 Jul 2026 08:55:40 +0100", body=body,
        message_id="<LO4P265MB6210C0FFEE@LO4P265MB6210.GBRP265.PROD.OUTLOOK.example>")}
    claim = Claim(cid, "Fenwick BS - Viva", NORTHWIND, cust, [prod], [("FW_Viva_rollout_scope_approval.eml", "")])
    return _case("eml-forwarded-chain", claim, files, crit(), {"VIVA": "linked"}, "approve",
                 ["eml", "forwarded-chain", "quoted-approval", "email-acknowledgment"],
                 "The uploaded e-mail is the partner's internal forward (From: priya.raman@northwind-solutions."
                 "example, 16 July 2026); the customer's approval is quoted lower down (From: alan.moss@fenwickbs."
                 "example, Sent: 3 June 2026: 'the scope below is approved ... happy for Northwind Solutions to go "
                 "ahead'), with the growth aims (Viva Engage 20% -> 70% monthly active, 120 managers on Viva "
                 "Insights); the partner's original scope (Viva Engage, Insights, Connections) is quoted below "
                 "that. All met.")


def eml_pdf_attachment_signed(cid: str) -> Case:
    cust = customer("Vanguard Outdoor Apparel Inc.", "vanguardoutdoor.example", "Rachel Kim", "VP Digital Marketing",
                    "1400 NW Northrup Street, Portland, OR 97209")
    prod = Product("Dynamics 365 Customer Insights", "D365_CUSTOMER_INSIGHTS")
    spec = DocSpec(title="SOW SB-2026-022 Vanguard Customer Insights", author="Helen Brandt", blocks=sow_blocks(
        partner=SMITH_BRANDT, customer=cust, number="SB-2026-022", effective="May 26, 2026",
        title="Dynamics 365 Customer Insights - Journeys and Data",
        background="Vanguard Outdoor Apparel Inc. runs e-mail campaigns from a legacy ESP with no unified customer "
                   "profile across its web store and 22 retail stores.",
        scope=["Implement Dynamics 365 Customer Insights - Data to unify 2.4 million customer profiles from the web "
               "store, POS and loyalty systems.",
               "Configure Customer Insights - Journeys for the welcome, abandoned-cart and loyalty-tier journeys.",
               "Migrate 85 e-mail templates and the consent records from the legacy ESP."],
        milestones=[("Data unification", "Unified profiles in production", "July 24, 2026"),
                    ("Journeys live", "First three journeys live", "September 4, 2026")],
        growth=["Grow marketing contacts managed in Customer Insights from 600,000 to 2.4 million and grow the "
                "share of revenue from triggered journeys from 4% to 12% by the 2026 holiday season."],
        fees="USD 132,000 fixed fee.",
        signatures=both_signed(SMITH_BRANDT, cust, "May 26, 2026", "June 2, 2026", mode="image")))
    body = ("Hi Helen,\n\nPlease find attached the countersigned SOW SB-2026-022. Looking forward to kicking off.\n\n"
            "Best,\nRachel\n\nRachel Kim | VP Digital Marketing\nVanguard Outdoor Apparel Inc.\n")
    files: dict[str, Writer] = {"Countersigned SOW SB-2026-022.eml": lambda path: write_eml(
        path, sender="Rachel Kim <rachel.kim@vanguardoutdoor.example>",
        to="Helen Brandt <helen.brandt@smithbrandt.example>", subject="Countersigned SOW SB-2026-022",
        date_header="Tue, 02 Jun 2026 16:20:05 -0700", body=body,
        message_id="<BY5PR11MB4001D2E3F4@BY5PR11MB4001.namprd11.prod.outlook.example>",
        attachments=[Attachment("SB-2026-022_Vanguard_CI_countersigned.pdf", pdf_bytes(spec))])}
    claim = Claim(cid, "Vanguard - Customer Insights", SMITH_BRANDT, cust, [prod],
                  [("Countersigned SOW SB-2026-022.eml", "Customer's e-mail with the countersigned SOW attached")])
    return _case("eml-pdf-attachment-signed", claim, files, crit(), {"D365_CUSTOMER_INSIGHTS": "linked"}, "approve",
                 ["eml", "attachment", "pdf", "signature-image"],
                 "One e-mail from the customer (rachel.kim@vanguardoutdoor.example, 2 June 2026) whose body only "
                 "says the countersigned SOW is attached; everything else is in the attached PDF: Customer Insights "
                 "Data/Journeys work, milestones, growth, and both signature blocks with drawn signatures, names and "
                 "dates (May 26 / June 2, 2026). All met.")


def png_photo_signed_page(cid: str) -> Case:
    cust = customer("Rainier Credit Union", "rainiercu.example", "Victor Hale", "Chief Information Security Officer",
                    "1200 Fifth Avenue, Seattle, WA 98101")
    prod = Product("Microsoft Defender for Office 365", "MDO")
    lines: list[str | SigImage] = [
        "RAINIER CREDIT UNION", "1200 Fifth Avenue, Seattle, WA 98101", "",
        "CUSTOMER ACKNOWLEDGMENT OF PARTNER ENGAGEMENT", "", "Date: June 18, 2026", "",
        "Rainier Credit Union confirms that Lucerne Technology Services LLC",
        "is deploying Microsoft Defender for Office 365 Plan 2 for our",
        "1,150 staff mailboxes: Safe Links, Safe Attachments, anti-phishing",
        "policies and attack simulation training, from June 1 to August 28, 2026.", "",
        "Together with Lucerne we plan to grow Defender for Office 365",
        "coverage from 300 to 1,150 licensed users by August 2026 and add",
        "the 200 users of our mortgage subsidiary in Q4 2026.", "",
        "Signed for Rainier Credit Union:", SigImage(9),
        "Name: Victor Hale", "Title: Chief Information Security Officer", "Date: June 18, 2026",
    ]
    claim = Claim(cid, "Rainier CU - Defender for Office 365", LUCERNE, cust, [prod],
                  [("IMG_20260618_143022.png", "Photo of the signed acknowledgment")])
    return _case("png-photo-signed-page", claim,
                 {"IMG_20260618_143022.png": lambda p: write_photo_png(p, lines)},
                 crit(), {"MDO": "linked"}, "approve", ["png", "photo", "ocr", "signature-image", "image-only"],
                 "A phone photo (PNG) of a printed, signed acknowledgment letter lying skewed on a desk: names both "
                 "organisations, the Defender for Office 365 work, growth 300 -> 1,150 users, a drawn signature "
                 "under 'Signed for Rainier Credit Union:' with name, title and June 18, 2026. All met (needs OCR).")


# ================================================================================ layouts

def pdf_two_column_body(cid: str) -> Case:
    cust = customer("Keystone Elevator Services Inc.", "keystoneelevator.example", "Diane Russo", "VP Field Operations",
                    "30 Penn Center, Philadelphia, PA 19103")
    prod = Product("Dynamics 365 Field Service", "D365_FIELD_SERVICE")
    head = [H("Statement of Work KES-TRG-2026-04", 1),
            P(f"between {TREY.name} (\"Trey\") and {cust.name} (\"Keystone\")", "center"),
            P("Effective Date: May 11, 2026    |    Project: Dynamics 365 Field Service for elevator maintenance",
              "center")]
    body = [
        H("1. Background"),
        P("Keystone maintains 9,400 elevators and escalators in Pennsylvania, New Jersey and Delaware with 210 "
          "technicians dispatched from a 15-year-old scheduling system and paper job sheets."),
        H("2. Services"),
        P("2.1 Trey will implement Dynamics 365 Field Service work orders, preventive-maintenance agreements and "
          "the resource scheduling board for the three regional dispatch centres."),
        P("2.2 Trey will configure the Dynamics 365 Field Service mobile app with inspection checklists for the "
          "state elevator code and offline job sheets for technicians."),
        P("2.3 Trey will migrate 9,400 asset records and 3 years of maintenance history and integrate Field "
          "Service with the Customer's parts inventory system."),
        P("2.4 Trey will train 12 dispatchers and 30 lead technicians as trainers."),
        H("3. Milestones"),
        T([["Milestone", "Date"], ["Design sign-off", "June 5, 2026"], ["Pilot (Philadelphia, 40 techs)",
                                                                        "July 27, 2026"],
           ["All regions live", "October 19, 2026"]], header=True, widths=[140, 90]),
        H("4. Growth objectives"),
        P("Grow Dynamics 365 Field Service licensed technicians from 40 in the pilot to all 210 technicians by "
          "October 2026, and add the 35 escalator-modernisation crews in Q1 2027."),
        H("5. Fees"),
        P("Fixed fee of USD 264,000, invoiced against the milestones above."),
        H("6. General"),
        P("This SOW is governed by the Master Services Agreement dated February 3, 2025. Change requests follow "
          "the MSA change procedure. Each party bears its own costs of performance except as stated above."),
        H("7. Signatures"),
        *sig_stacked("Trey", TREY.name, TREY.contact, TREY.title, "May 11, 2026"), P(""),
        *sig_stacked("Keystone", cust.name, cust.contact, cust.title, "May 13, 2026"),
    ]
    claim = Claim(cid, "Keystone Elevator - Field Service", TREY, cust, [prod],
                  [("KES-TRG-2026-04_signed.pdf", "Signed SOW")])
    return _case("pdf-two-column-body", claim,
                 {"KES-TRG-2026-04_signed.pdf": lambda p: write_pdf_two_column(
                     p, head, body, title="KES-TRG-2026-04", author=TREY.contact, footer="Trey Research Group Inc.")},
                 crit(), {"D365_FIELD_SERVICE": "linked"}, "approve", ["pdf", "two-column-body", "layout"],
                 "A SOW set like a journal page: full-width title block, then the whole body in two text columns "
                 "(left column read top to bottom before the right one), the signature blocks at the foot of the "
                 "right column ('Keystone: ... By: /s/ Diane Russo ... Date: May 13, 2026'). All met.")


def pdf_rotated_signature_page(cid: str) -> Case:
    cust = customer("Bellows College", "bellowscollege.example", "Dr. Amara Okoye", "Vice President for Finance",
                    "1 College Green, Bellows Falls, VT 05101")
    prod = Product("Power Automate", "POWER_AUTOMATE")
    blocks = sow_blocks(
        partner=PROSEWARE, customer=cust, number="PW-PA-2026-11", effective="June 1, 2026",
        title="Power Automate for Finance and Student Services",
        background="Bellows College processes purchase requisitions, travel claims and student refund requests by "
                   "e-mail and paper forms.",
        scope=["Build 9 Power Automate cloud flows for requisition approval, travel claims and student refunds.",
               "Configure Power Automate desktop flows (RPA) to key approved invoices into the finance system.",
               "Set up the Power Platform Centre of Excellence starter kit and train 15 citizen developers."],
        milestones=[("Wave 1", "Requisitions and travel claims live", "July 31, 2026"),
                    ("Wave 2", "Student refunds and RPA live", "October 16, 2026")],
        growth=["Grow Power Automate usage from 2 departments to 11, with Power Automate Premium licences from 10 "
                "to 60 makers and approvers by December 2026."],
        fees="USD 71,300 fixed fee.",
        signatures=[P("Signatures are on the following page.")])
    rotated: list[str | SigImage] = [
        "SIGNATURE PAGE - SOW PW-PA-2026-11 (Power Automate for Finance and Student Services)", "",
        f"PARTNER: {PROSEWARE.name.upper()}\tCUSTOMER: {cust.name.upper()}", "",
        f"By: /s/ {PROSEWARE.contact}\tBy: /s/ {cust.contact}",
        f"Name: {PROSEWARE.contact}\tName: {cust.contact}",
        f"Title: {PROSEWARE.title}\tTitle: {cust.title}",
        "Date: June 1, 2026\tDate: June 4, 2026",
    ]
    claim = Claim(cid, "Bellows College - Power Automate", PROSEWARE, cust, [prod],
                  [("PW-PA-2026-11_BellowsCollege_executed.pdf", "Executed SOW")])
    return _case("pdf-rotated-signature-page", claim,
                 {"PW-PA-2026-11_BellowsCollege_executed.pdf": lambda p: write_pdf_rotated_last_page(
                     p, blocks, rotated, title="PW-PA-2026-11 executed", author=PROSEWARE.contact,
                     footer="Proseware, Inc. - Confidential")},
                 crit(), {"POWER_AUTOMATE": "linked"}, "approve", ["pdf", "rotated-page", "landscape",
                                                                   "two-column-signature", "layout"],
                 "SOW whose last page is a landscape signature page stored as a portrait page with /Rotate 90 "
                 "(content drawn sideways, upright in a viewer), the two blocks side by side: 'By: /s/ Dana "
                 "Whitfield' / 'By: /s/ Dr. Amara Okoye', dates June 1 / June 4, 2026. All met.")


N_TERMS = 16
N_RATES = 3
RATE_CARD = [["Engagement director", "2,100"], ["Solution architect", "1,850"], ["Messaging consultant", "1,500"],
             ["Migration engineer", "1,250"], ["Project manager", "1,400"], ["Change and adoption lead", "1,300"],
             ["Service desk trainer", "950"], ["Out-of-hours cut-over support (per night)", "1,600"],
             ["Security consultant", "1,700"], ["Technical writer", "900"], ["Data analyst", "1,100"],
             ["Network engineer", "1,350"]]


def sig_table_across_page_break(cid: str) -> Case:
    cust = customer("Graphic Design Institute", "graphicdesigninstitute.example", "Sofia Marin", "Chief Operating Officer",
                    "88 Spring Street, New York, NY 10012")
    prod = Product("Exchange Online", "EXO")
    terms = [
        "Acceptance. Each deliverable is deemed accepted 10 business days after delivery unless the Customer gives "
        "written notice of a material non-conformity.",
        "Change control. Either party may request a change to this SOW; no change is binding until documented in "
        "a change order signed by both parties.",
        "Customer responsibilities. The Customer will provide administrative access to its Microsoft 365 tenant, "
        "a named project manager and timely decisions.",
        "Confidentiality. The confidentiality terms of the Master Services Agreement apply to this SOW.",
        "Term. This SOW starts on the Effective Date and ends on completion of the services or 31 December 2026, "
        "whichever is earlier.",
        "Personnel. Partner may replace named consultants with personnel of equivalent skill after notice to the "
        "Customer's project manager.",
        "Travel. Services are delivered remotely; on-site visits approved in advance are billed at cost.",
        "Data protection. Partner processes mailbox content only as the Customer's processor under the data "
        "processing addendum to the Master Services Agreement.",
        "Warranty. Partner warrants that the services will be performed in a professional manner consistent with "
        "industry standards; the Customer's remedy is re-performance.",
        "Limitation of liability. The limitations of the Master Services Agreement apply to this SOW.",
        "Non-solicitation. During the term and for 6 months after, neither party will solicit the other's project "
        "staff.",
        "Invoicing. Invoices are payable within 30 days; disputed amounts must be notified within 15 days.",
        "Escalation. Disputes are first escalated to the project sponsors, then to the executive sponsors.",
        "Governing law. This SOW is governed by the law stated in the Master Services Agreement.",
        "Counterparts. This SOW may be signed in counterparts and by electronic signature.",
        "Order of precedence. In case of conflict, the Master Services Agreement prevails over this SOW unless "
        "this SOW expressly states otherwise.",
    ]
    sig_table = T([["", "PARTNER", "CUSTOMER"],
                   ["Organisation", FABRIKAM.name, cust.name],
                   ["Signature", f"/s/ {FABRIKAM.contact}", f"/s/ {cust.contact}"],
                   ["Name", FABRIKAM.contact, cust.contact],
                   ["Title", FABRIKAM.title, cust.title],
                   ["Date", "June 9, 2026", "June 10, 2026"]], header=True, widths=[90, 189, 189])
    blocks = sow_blocks(
        partner=FABRIKAM, customer=cust, number="FAB-2026-040", effective="June 9, 2026",
        title="Exchange Online Migration for Faculty and Students",
        background="Graphic Design Institute hosts 4,600 student and 380 staff mailboxes on an on-premises "
                   "Exchange 2016 server that reaches end of support.",
        scope=["Migrate 380 staff and 4,600 student mailboxes from Exchange 2016 to Exchange Online.",
               "Configure Exchange Online anti-spam, retention and shared mailboxes for admissions and registry.",
               "Cut over MX records and decommission the on-premises Exchange server."],
        milestones=[("Staff", "Staff mailboxes migrated", "July 24, 2026"),
                    ("Students", "Student mailboxes migrated", "August 21, 2026")],
        growth=["Grow Exchange Online mailboxes from 380 to 4,980 by August 2026 and add alumni mailboxes "
                "(Exchange Online Kiosk) for 1,200 graduates in 2027."],
        fees="USD 39,800 fixed fee.",
        signatures=[Break(), H("Terms applying to this SOW"), *[P(f"7.{i} {t}") for i, t in enumerate(terms[:N_TERMS], start=1)],
                    H("Rate card for change orders"),
                    T([["Role", "Day rate (USD)"], *RATE_CARD[:N_RATES]], header=True, widths=[300, 168]),
                    P("IN WITNESS WHEREOF the parties sign below:"), sig_table])
    claim = Claim(cid, "Graphic Design Institute - EXO", FABRIKAM, cust, [prod],
                  [("FAB-2026-040_GDI_EXO_signed.pdf", "Signed SOW")])
    return _case("sig-table-across-page-break", claim, {"FAB-2026-040_GDI_EXO_signed.pdf": pdf(spec_of(
        blocks, "FAB-2026-040 GDI", FABRIKAM.contact))}, crit(), {"EXO": "linked"}, "approve",
                 ["pdf", "signature-table", "page-break", "layout"],
                 "The ruled signature table (columns PARTNER / CUSTOMER) starts at the foot of one page and is split "
                 "by the page break: its header and the 'Organisation' row are on one page, the '/s/' signature, "
                 "name, title and date rows (June 9 / June 10, 2026) on the next. All met.")


def spec_of(blocks: list[Any], title: str, author: str, **kw: Any) -> DocSpec:
    return DocSpec(title=title, author=author, blocks=blocks, **kw)


def pdf_footer_acceptance_band(cid: str) -> Case:
    cust = customer("Lakeside Veterinary Partners", "lakesidevet.example", "Priya Shah", "Chief Financial Officer",
                    "2500 Lakeside Parkway, Flower Mound, TX 75028")
    prod = Product("Dynamics 365 Sales Professional", "D365_SALES_PRO")
    blocks = [
        H("ORDER FORM OF-2026-118", 1),
        T([[f"{WINGTIP.name}\n{WINGTIP.address}", f"Customer: {cust.name}\n{cust.address}\n"
                                                  f"Attn: {cust.contact}, {cust.title}"]],
          grid=False, widths=[234, 234]),
        P("Order date: 06/01/2026    Quote valid until: 06/30/2026    Services start: 06/15/2026"),
        T([["Line", "Description", "Qty", "Amount (USD)"],
           ["1", "Dynamics 365 Sales Professional implementation: configure the clinic-partnership pipeline, "
                 "referral tracking and quotes for the business development team", "1", "36,000.00"],
           ["2", "Data migration: 6,500 clinic accounts and contacts from HubSpot into Dynamics 365 Sales "
                 "Professional", "1", "8,500.00"],
           ["3", "Adoption: onboard 25 regional managers in Phase 2, growing Sales Professional seats from 15 to "
                 "40 by 12/31/2026", "1", "6,000.00"],
           ["", "", "Total", "50,500.00"]], header=True, widths=[30, 318, 40, 80]),
        P("Phase 1 go-live: 08/14/2026. Phase 2 go-live: 11/13/2026."),
        P("This Order Form is governed by the Wingtip Digital Inc. Professional Services Terms v4.2."),
    ]
    band = [
        "ACCEPTANCE. By signing, Customer accepts this Order Form and the Professional Services Terms.",
        f"Customer: {cust.name}     Signed: /s/ {cust.contact}     Title: {cust.title}     Date: 06/03/2026",
        f"Wingtip Digital Inc.     Signed: /s/ {WINGTIP.contact}     Title: {WINGTIP.title}     Date: 06/01/2026",
    ]
    claim = Claim(cid, "Lakeside Vet - Sales Professional", WINGTIP, cust, [prod],
                  [("OF-2026-118_LakesideVet_accepted.pdf", "Accepted order form")])
    return _case("pdf-footer-acceptance-band", claim,
                 {"OF-2026-118_LakesideVet_accepted.pdf": lambda p: write_pdf_footer_band(
                     p, blocks, band, title="Order Form OF-2026-118", author=WINGTIP.contact,
                     header="Wingtip Digital Inc. | Order Form OF-2026-118")},
                 crit(), {"D365_SALES_PRO": "linked"}, "approve", ["pdf", "footer-signature", "order-form", "layout",
                                                                   "us-date-format"],
                 "A one-page order form from a quoting tool whose acceptance block is printed in the page-footer "
                 "band below a rule (drawn by the page template, not in the body): 'Customer: Lakeside Veterinary "
                 "Partners  Signed: /s/ Priya Shah ... Date: 06/03/2026'. Lines tie Sales Professional to "
                 "configuration/migration and seat growth 15 -> 40. Besides the signature dates there is a quote "
                 "'valid until' date. All met.")


def docx_signature_textboxes(cid: str) -> Case:
    cust = customer("Havenstad Logistics B.V.", "havenstadlogistics.example", "Ruben Jansen", "Directeur Operaties",
                    "Waalhaven Zuidzijde 21, 3089 JH Rotterdam", "Netherlands")
    prod = Product("Microsoft Copilot Studio", "COPILOT_STUDIO")
    blocks = sow_blocks(
        partner=BLUEWAVE, customer=cust, number="BW-2026-061", effective="2 June 2026",
        title="Copilot Studio agents for customer service and warehouse staff",
        background="Havenstad Logistics B.V. answers 9,000 shipment-status questions a month by phone and e-mail.",
        scope=["Build a Copilot Studio customer-service agent on the website and Teams that answers shipment-status "
               "and customs questions from the TMS.",
               "Build a second Copilot Studio agent for 300 warehouse staff covering HR and safety procedures.",
               "Configure Copilot Studio analytics, hand-off to live agents, and the Power Platform environment "
               "strategy."],
        milestones=[("Agent 1", "Customer-service agent live", "17 July 2026"),
                    ("Agent 2", "Warehouse agent live", "25 September 2026")],
        growth=["Grow Copilot Studio usage from 0 to 6,000 agent sessions a month by December 2026 (capacity packs "
                "from 1 to 3) and extend the agents to the Antwerp depot in Q1 2027."],
        fees="EUR 58,000 excl. VAT.", signatures=[P("Signed by the parties as shown in the boxes below.")])
    boxes = [[f"For {BLUEWAVE.name}", "Signature: /s/ Sanne de Vries", f"Name: {BLUEWAVE.contact}",
              f"Title: {BLUEWAVE.title}", "Place/date: Utrecht, 2 June 2026"],
             [f"For {cust.name}", f"Signature: /s/ {cust.contact}", f"Name: {cust.contact}",
              f"Title: {cust.title}", "Place/date: Rotterdam, 4 June 2026"]]
    spec = spec_of(blocks, "BW-2026-061 Havenstad Copilot Studio", BLUEWAVE.contact)
    claim = Claim(cid, "Havenstad - Copilot Studio", BLUEWAVE, cust, [prod],
                  [("BW-2026-061_Havenstad_CopilotStudio_getekend.docx", "Signed SOW")])
    return _case("docx-signature-textboxes", claim,
                 {"BW-2026-061_Havenstad_CopilotStudio_getekend.docx": lambda p: write_docx_with_textboxes(
                     p, spec, boxes)},
                 crit(), {"COPILOT_STUDIO": "linked"}, "approve", ["docx", "text-box", "signature", "layout",
                                                                   "mc-alternate-content"],
                 "DOCX whose two signature blocks are floating text boxes (wps text boxes inside "
                 "mc:AlternateContent, with the VML fallback carrying the same text, as Word saves them), not body "
                 "paragraphs: 'For Havenstad Logistics B.V. / Signature: /s/ Ruben Jansen / ... Rotterdam, 4 June "
                 "2026'. All met.")


def docx_signature_in_footer(cid: str) -> Case:
    cust = customer("Cedar Ridge School District", "cedarridgesd.example", "Mark Delgado", "Director of Technology",
                    "500 Cedar Ridge Road, Boise, ID 83702")
    prod = Product("Microsoft Entra ID", "ENTRA_ID")
    blocks = [
        H("Work Order WO-LTS-2026-031", 1),
        P(f"Contractor: {LUCERNE.name}    Client: {cust.name}    Issue date: June 8, 2026"),
        H("Description of work"),
        T([["Item", "Work", "Target"],
           ["1", "Deploy Microsoft Entra ID multifactor authentication and Conditional Access for 2,300 staff",
            "July 31, 2026"],
           ["2", "Configure Entra ID self-service password reset and group-based licensing for 18,000 students",
            "August 21, 2026"],
           ["3", "Set up Entra ID Governance access reviews for 400 contractor and substitute-teacher accounts",
            "September 30, 2026"]], header=True, widths=[40, 320, 108]),
        H("Outcomes"),
        P("Grow Entra ID P1 coverage from 2,300 staff to all 20,300 staff and student identities by September "
          "2026 and bring the 6 charter schools onto the district tenant in 2027."),
        H("Price"), P("USD 44,600, billed monthly on actuals, not to exceed."),
        P("This work order is issued under the Technology Services Agreement between the Contractor and the Client."),
        P("The Client's approval and the Contractor's signature are recorded in the footer of this work order."),
    ]
    footer = (f"Client approval - {cust.name}: /s/ {cust.contact}, {cust.title}, June 10, 2026\n"
              f"Contractor - {LUCERNE.name}: /s/ {LUCERNE.contact}, {LUCERNE.title}, June 8, 2026\n"
              "WO-LTS-2026-031 rev. 1")
    spec = spec_of(blocks, "WO-LTS-2026-031", LUCERNE.contact, footer=footer,
                   header="Lucerne Technology Services LLC - Work Order")
    claim = Claim(cid, "Cedar Ridge SD - Entra ID", LUCERNE, cust, [prod],
                  [("WO-LTS-2026-031_CedarRidge_approved.docx", "Approved work order")])
    return _case("docx-signature-in-footer", claim, {"WO-LTS-2026-031_CedarRidge_approved.docx": docx(spec)},
                 crit(), {"ENTRA_ID": "linked"}, "approve", ["docx", "footer-signature", "work-order", "layout"],
                 "A Word work order whose approvals live only in the page footer (section footer part): 'Client "
                 "approval - Cedar Ridge School District: /s/ Mark Delgado, Director of Technology, June 10, 2026'. "
                 "The body names both parties, Entra ID work per line and identity-coverage growth. All met.")


def products_ruled_table_work_column(cid: str) -> Case:
    cust = customer("Southern Cross Mining Services Pty Ltd", "southerncrossmining.example", "Liam Byrne",
                    "Chief Information Officer", "Level 12, 240 St Georges Terrace, Perth WA 6000", "Australia")
    mde = Product("Microsoft Defender for Endpoint", "MDE")
    purview = Product("Microsoft Purview", "PURVIEW")
    blocks = [
        H("Statement of Work RC-SEC-2026-14: Endpoint and Data Protection", 1),
        P(f"Between {RELECLOUD.name} (Partner) and {cust.name} (Customer). Effective 25 May 2026."),
        H("1. Products and work"),
        T([["Product", "Licences in scope", "Work"],
           ["Microsoft Defender for Endpoint P2", "2,600 devices",
            "Onboard 2,600 Windows and Linux devices (site offices and haul-truck PCs); configure attack surface "
            "reduction rules and automated investigation; integrate with the Customer's SOC."],
           ["Microsoft Purview Information Protection", "1,900 users",
            "Design and publish sensitivity labels for geology and tender documents; configure DLP policies for "
            "Exchange, SharePoint and endpoints; run a 4-week label pilot."],
           ["Microsoft 365 E5 (licensing vehicle)", "1,900 users", "Licence assignment only"]],
          header=True, widths=[130, 80, 258]),
        H("2. Milestones"),
        T([["Milestone", "Date"], ["Defender onboarding complete", "17 July 2026"],
           ["Purview labels published", "28 August 2026"], ["Handover", "25 September 2026"]], header=True),
        H("3. Growth"),
        P("Grow Defender for Endpoint coverage from 700 to 2,600 devices and Purview labelling from 0 to 1,900 "
          "users by September 2026; add the 400 contractor devices of the Pilbara sites in FY27."),
        H("4. Fees"), P("AUD 118,000 plus GST."),
        H("5. Signatures"),
        *both_signed(RELECLOUD, cust, "25 May 2026", "27 May 2026"),
    ]
    claim = Claim(cid, "Southern Cross Mining - Defender + Purview", RELECLOUD, cust, [mde, purview],
                  [("RC-SEC-2026-14_SouthernCross_signed.pdf", "Signed SOW")])
    return _case("products-ruled-table-work-column", claim, {"RC-SEC-2026-14_SouthernCross_signed.pdf": pdf(spec_of(
        blocks, "RC-SEC-2026-14", RELECLOUD.contact, a4=True))}, crit(), {"MDE": "linked", "PURVIEW": "linked"},
                 "approve", ["pdf", "product-table", "work-column", "two-products"],
                 "The product list is a ruled table 'Product | Licences in scope | Work': Defender for Endpoint P2 "
                 "and Purview Information Protection each have a concrete Work cell (onboard 2,600 devices; labels "
                 "and DLP); a third row (Microsoft 365 E5 licensing, not claimed) is 'Licence assignment only'. Both "
                 "claimed products linked. All met.")


def products_sku_in_workstream_table(cid: str) -> Case:
    cust = customer("Trailhead Home Warranty Inc.", "trailheadwarranty.example", "Gloria Barnes",
                    "SVP Customer Operations", "9000 E Pima Center Parkway, Scottsdale, AZ 85258")
    prod = Product("Dynamics 365 Customer Service", "D365_CUSTOMER_SERVICE")
    blocks = sow_blocks(
        partner=ADATUM, customer=cust, number="ADT-SOW-0611", effective="June 15, 2026",
        title="Claims Contact Centre Modernisation",
        background="Trailhead Home Warranty Inc. handles 45,000 warranty claims a month through a contact centre "
                   "of 140 agents on a homegrown ticketing tool.",
        scope=["Deliver the workstreams in the table below.",
               "Provide a project manager and solution architect for the duration of the project."],
        milestones=[("WS1", "Case management live", "August 28, 2026"), ("WS2", "Omnichannel live",
                                                                          "October 9, 2026")],
        growth=["Grow licensed agents on the new platform from 40 (pilot) to 140 by October 2026 and add the 60 "
                "agents of the claims-adjustment team in Q1 2027."],
        fees="USD 187,000 fixed fee.", signatures=both_signed(ADATUM, cust, "June 15, 2026", "June 17, 2026"))
    table = T([["Workstream", "Licence SKU", "Activities"],
               ["WS1 Case management", "DYN365_ENTERPRISE_CUSTOMER_SERVICE",
                "Configure case types, queues, SLAs and the claims knowledge base; migrate 220,000 open and closed "
                "tickets"],
               ["WS2 Omnichannel", "DYN365_ENTERPRISE_CUSTOMER_SERVICE",
                "Configure chat, SMS and voice channels with unified routing for 140 agents"],
               ["WS3 Reporting", "(existing)", "Contact-centre KPI reports from the new platform"]],
              header=True, widths=[100, 215, 153])
    idx = next(i for i, b in enumerate(blocks) if isinstance(b, H) and b.text.startswith("3."))
    blocks.insert(idx, table)
    claim = Claim(cid, "Trailhead - D365 Customer Service", ADATUM, cust, [prod],
                  [("ADT-SOW-0611_Trailhead_signed.pdf", "Signed SOW")])
    return _case("products-sku-in-workstream-table", claim, {"ADT-SOW-0611_Trailhead_signed.pdf": pdf(spec_of(
        blocks, "ADT-SOW-0611", ADATUM.contact))}, crit(), {"D365_CUSTOMER_SERVICE": "linked"}, "approve",
                 ["pdf", "sku-code", "workstream-table", "product-by-code"],
                 "The SOW never writes 'Dynamics 365 Customer Service': the product appears only as the licence SKU "
                 "DYN365_ENTERPRISE_CUSTOMER_SERVICE in a workstream table whose rows carry the work (case types, "
                 "queues, SLAs, migrate 220,000 tickets; omnichannel routing). Growth speaks of 'the new platform'. "
                 "Linked; all met.")


# ================================================================================ wording

def us_federal_task_order(cid: str) -> Case:
    cust = customer("Federal Maritime Data Service", "fmds-gov.example", "Sandra K. Ortiz", "Contracting Officer",
                    "1200 New Jersey Avenue SE, Washington, DC 20590")
    prod = Product("Microsoft Teams", "TEAMS")
    blocks = [
        H("ORDER FOR SUPPLIES OR SERVICES - TASK ORDER", 1),
        T([["1. CONTRACT NO.\n47QTCA22D00AB", "2. ORDER NO.\n70FMDS26F00000412", "3. EFFECTIVE DATE\n06/01/2026"],
           ["4. ISSUED BY\nFederal Maritime Data Service\nOffice of Acquisition Management\n1200 New Jersey Avenue SE, "
            "Washington, DC 20590", "5. CONTRACTOR\nLucerne Technology Services LLC\n3000 K Street NW\nWashington, DC "
                                    "20007\nUEI: LTS7Q2M9K4B1",
            "6. PERIOD OF PERFORMANCE\nBase period: 06/01/2026 - 05/31/2027\nOption period 1: 06/01/2027 - "
            "05/31/2028"]], grid=True, widths=[156, 156, 156]),
        H("SECTION C - PERFORMANCE WORK STATEMENT"),
        P("C.1 Background. The Federal Maritime Data Service (FMDS) is retiring its legacy PBX and video "
          "teleconference bridges at headquarters and four regional offices."),
        P("C.2 Tasks. The Contractor shall:"),
        P("C.2.1 Deploy Microsoft Teams Phone in the agency's Microsoft 365 GCC tenant for 2,100 users, including "
          "Operator Connect number porting for 1,650 direct-inward-dial numbers."),
        P("C.2.2 Configure Microsoft Teams Rooms in 38 conference rooms and Teams auto attendants and call queues "
          "for the agency help desk and the public information line."),
        P("C.2.3 Provide Tier 2 support and administrator training for 12 FMDS IT specialists."),
        P("C.3 Adoption objectives. The Contractor shall support the agency's objective to increase Microsoft "
          "Teams Phone users from the 350-user pilot to 2,100 users (all headquarters and regional staff) by the "
          "end of the base period, and to raise weekly Teams meeting usage to 85% of staff, reported monthly to the "
          "COR."),
        H("SECTION F - DELIVERIES OR PERFORMANCE"),
        T([["Deliverable", "Due"], ["Transition-in plan", "06/15/2026"], ["Headquarters cut-over", "09/11/2026"],
           ["Regional offices cut-over", "01/29/2027"]], header=True),
        H("SECTION G - CONTRACT ADMINISTRATION DATA"),
        P("Contracting Officer: Sandra K. Ortiz, Office of Acquisition Management, sandra.ortiz@fmds-gov.example. "
          "Contracting Officer's Representative (COR): Michael Tran, Office of the CIO."),
        P("Total obligated amount: $612,480.00 (firm-fixed-price CLINs 0001-0003)."),
        H("SIGNATURES"),
        T([["30a. SIGNATURE OF OFFEROR/CONTRACTOR\n/s/ Amir Haddad",
            "31a. UNITED STATES OF AMERICA (SIGNATURE OF CONTRACTING OFFICER)\n/s/ Sandra K. Ortiz"],
           ["30b. NAME AND TITLE OF SIGNER\nAmir Haddad, Managing Partner",
            "31b. NAME OF CONTRACTING OFFICER\nSandra K. Ortiz"],
           ["30c. DATE SIGNED\n05/27/2026", "31c. DATE SIGNED\n05/29/2026"]], grid=True, widths=[234, 234]),
    ]
    claim = Claim(cid, "FMDS - Teams Phone (federal)", LUCERNE, cust, [prod],
                  [("70FMDS26F00000412_TaskOrder_executed.pdf", "Executed federal task order")])
    return _case("us-federal-task-order", claim, {"70FMDS26F00000412_TaskOrder_executed.pdf": pdf(spec_of(
        blocks, "Task Order 70FMDS26F00000412", "FMDS Office of Acquisition Management"))}, crit(), {"TEAMS": "linked"},
                 "approve", ["pdf", "us-federal", "government", "contracting-officer", "period-of-performance",
                             "public-sector", "form-fields"],
                 "A US federal task order in SF-style numbered boxes: the agency is the 'ISSUED BY' party, the "
                 "partner the 'CONTRACTOR'; the customer signs as '31a. UNITED STATES OF AMERICA (SIGNATURE OF "
                 "CONTRACTING OFFICER) /s/ Sandra K. Ortiz', '31c. DATE SIGNED 05/29/2026'; dates also as 'PERIOD OF "
                 "PERFORMANCE'. 'The Contractor shall' deploy Teams Phone/Rooms; adoption objective 350 -> 2,100 "
                 "users. All met.")


def india_pvt_ltd_sd(cid: str) -> Case:
    cust = customer("Sundaram Precision Castings Private Limited", "sundaramcastings.example", "R. Venkatesh",
                    "Director (Operations)", "SIPCOT Industrial Park, Hosur 635126, Tamil Nadu", "India")
    prod = Product("Dynamics 365 Supply Chain Management", "D365_SCM")
    cn, pn = "Sundaram Precision Castings Pvt. Ltd.", "Kaveri Cloud Solutions Pvt. Ltd."
    sigs = [
        T([[f"For {pn}", f"For {cn}"],
           ["Sd/-", "Sd/-"],
           [f"({KAVERI.contact})\n{KAVERI.title}\nAuthorised Signatory", f"({cust.contact})\n{cust.title}\n"
                                                                         "Authorised Signatory"],
           ["Place: Bengaluru\nDate: 15-05-2026", "Place: Hosur\nDate: 18-05-2026"]], grid=False, widths=[234, 234]),
    ]
    blocks = sow_blocks(
        partner=KAVERI, customer=cust, number="KCS/SOW/2026-27/014", effective="15th May, 2026",
        partner_name=pn, customer_name=cn,
        msa="the Master Services Agreement between the parties dated 2nd January, 2026",
        title="Dynamics 365 Supply Chain Management for the Hosur and Pune foundries",
        background=f"{cn} runs production planning and inventory for its two foundries on Tally and spreadsheets, "
                   f"with 45 planners and stores staff.",
        scope=["Implement Dynamics 365 Supply Chain Management production control, master planning and "
               "warehouse management for the Hosur plant.",
               "Configure quality management for casting inspection and the GST-compliant inventory transfers "
               "between Hosur and Pune in Dynamics 365 SCM.",
               "Migrate 38,000 item masters and opening stock; train 45 key users."],
        milestones=[("Solution design", "Sign-off of the fit-gap document", "30-06-2026"),
                    ("Go-live Hosur", "Production control live", "01-10-2026"),
                    ("Go-live Pune", "Second plant live", "15-01-2027")],
        growth=["Increase Dynamics 365 SCM users from 45 to 120 across the Hosur and Pune plants by March 2027 "
                "(FY 2026-27), and onboard the 40 vendor-portal users of the machining sub-contractors."],
        fees="INR 48,50,000 (Rupees Forty-Eight Lakh Fifty Thousand only) plus GST @ 18%, payable in three "
             "milestones.", signatures=sigs)
    claim = Claim(cid, "Sundaram Castings - D365 SCM", KAVERI, cust, [prod],
                  [("KCS_SOW_2026-27_014_Sundaram_signed.pdf", "Signed SOW (conformed copy)")])
    return _case("india-pvt-ltd-sd", claim, {"KCS_SOW_2026-27_014_Sundaram_signed.pdf": pdf(spec_of(
        blocks, "KCS/SOW/2026-27/014", KAVERI.contact, a4=True))}, crit(), {"D365_SCM": "linked"}, "approve",
                 ["pdf", "india", "pvt-ltd", "sd-signature", "legal-suffix-variant", "dd-mm-yyyy"],
                 "Indian SOW: both parties written 'Pvt. Ltd.' (directory and Partner Center say 'Private "
                 "Limited'); the conformed copy shows 'Sd/-' (signed) over '(R. Venkatesh) Director (Operations) "
                 "Authorised Signatory', 'Place: Hosur Date: 18-05-2026'; effective '15th May, 2026'; fees in lakh "
                 "with GST. SCM work and user growth 45 -> 120. All met.")


def au_abn_s127_execution(cid: str) -> Case:
    cust = customer("Coastal Waters Aquaculture Pty Ltd", "coastalwaters.example", "Megan Walsh", "Director",
                    "14 Wharf Street, Port Lincoln SA 5606", "Australia")
    prod = Product("Microsoft Defender XDR", "DEFENDER")
    blocks = [
        H("Services Agreement - Schedule 2: Security Operations Uplift", 1),
        T([["Supplier", f"{RELECLOUD.name} ABN 63 615 442 901\n{RELECLOUD.address}"],
           ["Customer", f"{cust.name} ABN 51 824 753 556\n{cust.address}"],
           ["Commencement Date", "1/6/2026"], ["Schedule reference", "RC-SCH2-0426"]], grid=True, widths=[130, 338]),
        H("Item 1 - Services"),
        P("1.1 Deploy Microsoft Defender XDR across the Customer's tenant: connect Defender for Endpoint, Defender "
          "for Office 365 and Defender for Identity signals into the unified incident queue."),
        P("1.2 Configure Defender XDR automated attack disruption and custom detection rules for the hatchery "
          "control network."),
        P("1.3 Provide a 24x7 managed detection and response service from the Supplier's Adelaide SOC using "
          "Defender XDR."),
        H("Item 2 - Key dates"),
        T([["Milestone", "Date"], ["Onboarding complete", "17/7/2026"], ["MDR service live", "3/8/2026"]],
          header=True),
        H("Item 3 - Growth targets"),
        P("Extend Defender XDR protection from the 140 head-office users to all 520 staff, including the 8 farm "
          "sites and processing plant, by 30/11/2026, and add the 60 vessel-crew devices in 2027."),
        H("Item 4 - Fees"), P("AUD 96,000 per annum plus GST, invoiced monthly."),
        H("Execution"),
        P("Executed as an agreement."),
        P(f"Executed by {cust.name} ACN 824 753 556 in accordance with section 127 of the Corporations Act 2001 "
          "(Cth):"),
        T([[SigImage(11), SigImage(12)],
           ["Signature of director", "Signature of director/company secretary"],
           [f"Name: {cust.contact}", "Name: Peter Walsh"],
           ["Date: 2/6/2026", "Date: 2/6/2026"]], grid=False, widths=[234, 234]),
        P(f"Signed for {RELECLOUD.name} by its authorised officer:"),
        T([[SigImage(13), ""], [f"Name: {RELECLOUD.contact}, {RELECLOUD.title}", ""], ["Date: 1/6/2026", ""]],
          grid=False, widths=[234, 234]),
    ]
    claim = Claim(cid, "Coastal Waters - Defender XDR", RELECLOUD, cust, [prod],
                  [("RC-SCH2-0426_CoastalWaters_executed.pdf", "Executed schedule")])
    return _case("au-abn-s127-execution", claim, {"RC-SCH2-0426_CoastalWaters_executed.pdf": pdf(spec_of(
        blocks, "RC-SCH2-0426", RELECLOUD.contact, a4=True))}, crit(), {"DEFENDER": "linked"}, "approve",
                 ["pdf", "australia", "abn", "s127-execution", "signature-image", "d-m-yyyy"],
                 "Australian schedule: parties in a table with ABNs; the customer executes under s127 of the "
                 "Corporations Act (two drawn signatures over 'Signature of director' / 'director/company "
                 "secretary', 'Name: Megan Walsh', 'Date: 2/6/2026', day first); Defender XDR deployment and MDR "
                 "work; growth 140 -> 520 staff. All met.")


def partner_trading_name_footer(cid: str) -> Case:
    cust = customer("Greystone Legal LLP", "greystonelegal.example", "Olivia Barrett", "Chief Operating Officer",
                    "1 Temple Quay, Bristol BS1 6DZ", "United Kingdom")
    prod = Product("SharePoint Online", "SPO")
    sigs = [*sig_stacked("BrightDesk", "BrightDesk", HARBOURLINE.contact, HARBOURLINE.title, "3 June 2026"), P(""),
            *sig_stacked("Client", cust.name, cust.contact, cust.title, "5 June 2026")]
    blocks = sow_blocks(
        partner=HARBOURLINE, customer=cust, number="BD-0426", effective="3 June 2026", partner_name="BrightDesk",
        title="SharePoint Online document management for the litigation practice",
        background="Greystone Legal LLP stores 2.1 million matter documents on a network drive and an end-of-life "
                   "document management system.",
        scope=["Design SharePoint Online matter sites with metadata for client, matter number and practice area.",
               "Migrate 2.1 million documents from the legacy DMS to SharePoint Online with version history.",
               "Configure SharePoint Online retention labels for the SRA record-keeping rules and train 85 fee "
               "earners."],
        milestones=[("Pilot", "Litigation team on SharePoint Online", "24 July 2026"),
                    ("Firm-wide", "All practice areas migrated", "30 October 2026")],
        growth=["Grow active SharePoint Online users from the 20-person pilot to all 240 staff by October 2026 and "
                "retire the legacy DMS licences (GBP 46,000 a year)."],
        fees="GBP 54,000 plus VAT.", signatures=sigs)
    footer = ("BrightDesk is a trading name of Harbourline IT Services Ltd, registered in England and Wales no. "
              "08451276, Unit 7, Quayside, Bristol BS1 4RN.")
    claim = Claim(cid, "Greystone Legal - SharePoint", HARBOURLINE, cust, [prod],
                  [("BrightDesk_SOW_BD-0426_Greystone_signed.pdf", "Signed SOW")])
    return _case("partner-trading-name-footer", claim, {"BrightDesk_SOW_BD-0426_Greystone_signed.pdf": pdf(spec_of(
        blocks, "BD-0426", HARBOURLINE.contact, a4=True, footer=footer))}, crit(), {"SPO": "linked"}, "approve",
                 ["pdf", "trading-name", "partner-name-in-footer", "names"],
                 "The partner (claim name Harbourline IT Services Ltd) writes itself only as its trading name "
                 "'BrightDesk' in the body and signature block; its legal name appears only in the page footer "
                 "('BrightDesk is a trading name of Harbourline IT Services Ltd, registered in England and Wales "
                 "...') on every page. Partner name met; all met.")


def nhs_public_sector_template(cid: str) -> Case:
    cust = customer("Ashdown Vale NHS Foundation Trust", "ashdownvale-nhs.example", "Dr. Imran Qureshi",
                    "Chief Clinical Information Officer", "Ashdown Vale Hospital, Eastbourne Road, Crowborough TN6 1AB",
                    "United Kingdom")
    prod = Product("Microsoft Intune", "INTUNE")
    disclosure = [
        ("Is the customer a public sector entity? (Yes/No)", "Yes"),
        ("Type of public sector entity", "NHS Foundation Trust (UK public body, Department of Health and Social "
                                         "Care)"),
        ("Procurement route", "G-Cloud 14 call-off contract ref. AVNHS-GC14-0193"),
        ("Has anything of value (gifts, hospitality, incentives) been offered to a public official in connection "
         "with this engagement? (Yes/No)", "No"),
        ("Is the partner aware of any conflict of interest? (Yes/No)", "No"),
    ]
    rows = template_rows(
        partner_org=COHO, cust=cust, activity="Deployment", start=date(2026, 5, 4), golive=date(2026, 10, 30),
        m365=True, description="Shared clinical workstations and ward tablets moved to cloud management.",
        work={"Microsoft Intune": "Deploy Microsoft Intune for 3,400 shared clinical workstations and 1,200 ward "
                                  "tablets: Autopilot pre-provisioning, kiosk and shared-device profiles, "
                                  "compliance policies aligned to the DSPT; migrate from SCCM."},
        growth="Grow Intune-managed devices from 1,200 (corporate laptops) to 5,800 by October 2026, and onboard "
               "the 600 community-nursing phones in 2027.",
        ack={"name": cust.contact, "title": cust.title, "email": cust.email, "date": date(2026, 5, 7), "yes": "Yes"},
        public_sector=disclosure)
    bold = {i + 1 for i, r in enumerate(rows) if r and str(r[0]).startswith("Section ")}
    sheet = Sheet("Proof of Execution", rows, widths={"A": 60, "B": 44, "C": 90}, merges=["A1:C1", "A2:C2"],
                  bold_rows=bold | {1})
    claim = Claim(cid, "Ashdown Vale NHS FT - Intune", COHO, cust, [prod],
                  [("POE_AshdownValeNHS_Intune.xlsx", "POE template incl. Public Sector Disclosure")])
    return _case("nhs-public-sector-template", claim,
                 {"POE_AshdownValeNHS_Intune.xlsx": lambda p: write_xlsx(p, [sheet], creator=COHO.contact)},
                 crit(), {"INTUNE": "linked"}, "approve", ["xlsx", "poe-template", "public-sector", "nhs", "D-25"],
                 "POE template for an NHS Foundation Trust with the Public Sector Disclosure section filled in "
                 "(D-25: 'Yes', entity type, G-Cloud 14 call-off reference, no gifts/hospitality, no conflict); "
                 "Intune work, device growth 1,200 -> 5,800, acknowledgment by the trust's CCIO dated 07/05/2026. "
                 "All met.")


def french_accents_customer(cid: str) -> Case:
    cust = customer("Boulangeries Hélène Dupré SAS", "boulangeries-dupre.example", "Hélène Dupré", "Présidente",
                    "42 quai Saint-Vincent, 69001 Lyon", "France")
    prod = Product("Dynamics 365 Business Central", "D365_BC")
    blocks = [
        H("Proposition commerciale et bon pour accord n° NC-2026-088", 1),
        P(f"Entre {NUAGE.name}, {NUAGE.address} (« le Prestataire »), et {cust.name.upper()}, {cust.address} "
          f"(« le Client »)."),
        P("Date d'effet : 11 mai 2026"),
        H("1. Objet"),
        P("Le Client, réseau de 14 boulangeries dans la métropole de Lyon, remplace son logiciel de gestion "
          "commerciale par Dynamics 365 Business Central."),
        H("2. Prestations"),
        P("2.1 Paramétrage de Dynamics 365 Business Central : comptabilité, achats, stocks de matières premières "
          "et fabrication (nomenclatures des recettes)."),
        P("2.2 Reprise des données : 2 400 articles, 310 fournisseurs et les soldes d'ouverture dans Business "
          "Central."),
        P("2.3 Formation de 12 utilisateurs clés et accompagnement au démarrage."),
        H("3. Planning"),
        T([["Jalon", "Date"], ["Atelier de cadrage", "26 mai 2026"], ["Démarrage en production", "1er septembre 2026"]],
          header=True),
        H("4. Objectifs de croissance"),
        P("Passer de 12 à 30 utilisateurs Business Central d'ici le 31 décembre 2026 en ouvrant l'outil aux "
          "responsables de boutique, puis déployer le module de gestion des commandes traiteur en 2027."),
        H("5. Prix"), P("38 500 € HT, payables 40 % à la commande, 60 % au démarrage."),
        H("6. Signatures"),
        T([[f"Pour {NUAGE.name}", f"Pour {cust.name}"],
           ["Fait à Lyon, le 11 mai 2026", "Fait à Lyon, le 13 mai 2026"],
           [f"{NUAGE.contact}, {NUAGE.title}", f"{cust.contact}, {cust.title}"],
           [SigImage(14), ["Lu et approuvé, bon pour accord", SigImage(15)]]], grid=False, widths=[234, 234]),
    ]
    claim = Claim(cid, "Boulangeries Dupré - Business Central", NUAGE, cust, [prod],
                  [("NC-2026-088_BoulangeriesDupre_BPA_signe.pdf", "Bon pour accord signé")])
    return _case("french-accents-customer", claim, {"NC-2026-088_BoulangeriesDupre_BPA_signe.pdf": pdf(spec_of(
        blocks, "NC-2026-088", NUAGE.contact, a4=True))}, crit(), {"D365_BC": "linked"}, "approve",
                 ["pdf", "french", "accents", "lu-et-approuve", "signature-image", "french-dates"],
                 "A French proposal / 'bon pour accord' for a customer with accents in its name ('Boulangeries "
                 "Hélène Dupré SAS', also in capitals 'BOULANGERIES HÉLÈNE DUPRÉ SAS'); the customer signs the "
                 "French way: 'Lu et approuvé, bon pour accord' + drawn signature, 'Fait à Lyon, le 13 mai 2026'. "
                 "Business Central set-up/migration; growth 12 -> 30 users. All met.")


def customer_ampersand_and_variant(cid: str) -> Case:
    cust = customer("Barker and Finch Logistics Ltd", "barkerfinch.example", "Gareth Finch", "Managing Director",
                    "Unit 3, Brunel Way, Swindon SN2 8BJ", "United Kingdom")
    prod = Product("Dynamics 365 Sales Premium", "D365_SALES_PREM")
    cn = "Barker & Finch Logistics Ltd"
    spec = spec_of(sow_blocks(
        partner=NORTHWIND, customer=cust, number="NWS-0655", effective="22 June 2026", customer_name=cn,
        title="Dynamics 365 Sales Premium for contract logistics sales",
        background=f"{cn} (\"B&F\") sells warehousing and haulage contracts through 28 account managers using "
                   f"spreadsheets and Outlook.",
        scope=["Implement Dynamics 365 Sales Premium: opportunity management, tender pipeline and quote approvals.",
               "Configure Sales Premium predictive lead scoring and the Copilot sales summaries for tender reviews.",
               "Migrate 9,000 accounts and 1,400 open tenders; train 28 account managers."],
        milestones=[("Design", "Sales process design approved", "10 July 2026"),
                    ("Go-live", "Sales team live", "18 September 2026")],
        growth=["Grow Dynamics 365 Sales Premium users from 10 to 38 by adding the tender desk and the Irish "
                "sales team by January 2027."],
        fees="GBP 47,800 plus VAT.",
        signatures=both_signed(NORTHWIND, cust, "22 June 2026", "24 June 2026", cn=cn.upper())),
        "NWS-0655", NORTHWIND.contact, a4=True)
    claim = Claim(cid, "Barker and Finch - Sales Premium", NORTHWIND, cust, [prod],
                  [("NWS-0655_BarkerFinch_signed.pdf", "Signed SOW")])
    return _case("customer-ampersand-and-variant", claim, {"NWS-0655_BarkerFinch_signed.pdf": pdf(spec)}, crit(),
                 {"D365_SALES_PREM": "linked"}, "approve", ["pdf", "names", "ampersand", "and-variant"],
                 "The directory's 'Barker and Finch Logistics Ltd' is written 'Barker & Finch Logistics Ltd' (and "
                 "'BARKER & FINCH LOGISTICS LTD' over the signature, and 'B&F') throughout the SOW: an &/and "
                 "variant, customer name met. All met.")


def customer_display_name_differs(cid: str) -> Case:
    cust = customer("Northbridge Pharmaceuticals Inc.", "northbridgepharma.example", "Elena Vasquez",
                    "VP Information Technology", "600 College Road East, Princeton, NJ 08540")
    prod = Product("Microsoft Purview", "PURVIEW")
    cn = "Northbridge Pharma"
    spec = spec_of(sow_blocks(
        partner=FABRIKAM, customer=cust, number="FAB-2026-044", effective="June 22, 2026", customer_name=cn,
        title="Microsoft Purview Data Loss Prevention and eDiscovery",
        background=f"{cn} must protect clinical-trial data and respond to litigation holds faster.",
        scope=["Deploy Microsoft Purview Data Loss Prevention policies for Exchange, SharePoint, Teams and "
               "endpoints.",
               "Configure Microsoft Purview eDiscovery (Premium) cases, custodians and legal-hold workflows.",
               "Create 14 sensitive information types for trial identifiers and compound codes.",
               "Hand over runbooks to the security operations team."],
        milestones=[("DLP audit mode", "Policies in audit mode", "July 24, 2026"),
                    ("Enforcement", "DLP enforced", "September 18, 2026")],
        growth=[], fees="USD 92,000 fixed fee.",
        signatures=both_signed(FABRIKAM, cust, "June 22, 2026", "June 24, 2026", cn=cn)),
        "FAB-2026-044", FABRIKAM.contact)
    claim = Claim(cid, "Northbridge - Purview", FABRIKAM, cust, [prod], [("FAB-2026-044_Northbridge_signed.pdf", "")])
    return _case("customer-display-name-differs", claim, {"FAB-2026-044_Northbridge_signed.pdf": pdf(spec)},
                 crit(customer_name=["met", "unclear"], growth_activities="not_met"), {"PURVIEW": "linked"},
                 "request_info", ["pdf", "names", "display-name-differs", "abbreviated-name", "growth-missing"],
                 "The directory says 'Northbridge Pharmaceuticals Inc.' but the SOW only ever says 'Northbridge "
                 "Pharma' (no suffix; 'Pharma' for 'Pharmaceuticals'); the customer's domain northbridgepharma."
                 "example and signer e-mail agree. A reviewer would likely accept it but may ask: customer name met "
                 "or unclear. The SOW has no growth section at all (technical DLP/eDiscovery tasks only): growth not "
                 "met, so request_info either way. Signature, partner name, dates, Purview work met.")


def growth_pct_staff_teams_weekly(cid: str) -> Case:
    cust = customer("Ridgeline Credit Union", "ridgelinecu.example", "Janet Morales", "SVP Operations",
                    "800 Ridgeline Boulevard, Boise, ID 83706")
    prod = Product("Microsoft Teams", "TEAMS")
    spec = spec_of(sow_blocks(
        partner=SMITH_BRANDT, customer=cust, number="SB-2026-031", effective="June 29, 2026",
        title="Microsoft Teams Collaboration and Frontline Programme",
        background="Ridgeline Credit Union's 32 branches coordinate by e-mail and phone; Teams is licensed but "
                   "little used.",
        scope=["Design and deploy Microsoft Teams team and channel structures for 32 branches and 9 departments.",
               "Configure Teams Shifts and Walkie Talkie for branch tellers, and Teams Approvals for loan exceptions.",
               "Run a Teams champions network and branch-by-branch adoption sessions."],
        milestones=[("Design", "Teams structure approved", "July 17, 2026"),
                    ("Branches", "All branches onboarded", "October 30, 2026")],
        growth=["Success measure: the share of staff using Microsoft Teams at least weekly rises from 35% today to "
                "80% by December 31, 2026, measured from the Teams usage report."],
        fees="USD 33,000 fixed fee.", signatures=both_signed(SMITH_BRANDT, cust, "June 29, 2026", "July 1, 2026")),
        "SB-2026-031", SMITH_BRANDT.contact)
    claim = Claim(cid, "Ridgeline CU - Teams", SMITH_BRANDT, cust, [prod], [("SB-2026-031_Ridgeline_signed.pdf", "")])
    return _case("growth-pct-staff-teams-weekly", claim, {"SB-2026-031_Ridgeline_signed.pdf": pdf(spec)}, crit(),
                 {"TEAMS": "linked"}, "approve", ["pdf", "growth", "percentage-target", "usage-growth"],
                 "Growth stated only as a percentage of staff: 'the share of staff using Microsoft Teams at least "
                 "weekly rises from 35% today to 80% by December 31, 2026' (no licence or seat numbers). Usage growth "
                 "met; all met.")


def products_three_one_in_assumptions(cid: str) -> Case:
    cust = customer("Millbrook Retail Group plc", "millbrookretail.example", "Siobhan Kelly", "Group IT Director",
                    "Millbrook House, 20 Deansgate, Manchester M3 1RH", "United Kingdom")
    exo, spo, teams = (Product("Exchange Online", "EXO"), Product("SharePoint Online", "SPO"),
                       Product("Microsoft Teams", "TEAMS"))
    spec = spec_of(sow_blocks(
        partner=COHO, customer=cust, number="COHO-2026-071", effective="8 June 2026",
        title="Exchange Online and SharePoint Online migration",
        background="Millbrook Retail Group plc runs Exchange 2016 and file servers for its head office and 160 "
                   "stores.",
        scope=["Migrate 2,200 mailboxes from Exchange 2016 to Exchange Online and configure Exchange Online "
               "Protection.",
               "Migrate 4 TB of departmental file shares to SharePoint Online sites with new permission groups.",
               "Decommission the Exchange and file servers after migration."],
        milestones=[("Mail", "Mailboxes migrated", "24 July 2026"), ("Files", "File shares migrated",
                                                                     "18 September 2026")],
        growth=["Grow Exchange Online mailboxes from 2,200 to 3,000 by giving store managers mailboxes, and grow "
                "SharePoint Online active users from 150 to 1,200 by December 2026."],
        assumptions=["Microsoft Teams is already deployed and in use across the group; Partner will not change the "
                     "Teams configuration.",
                     "The Customer holds sufficient Microsoft 365 E3 licences for all users."],
        fees="GBP 66,000 plus VAT.", signatures=both_signed(COHO, cust, "8 June 2026", "10 June 2026")),
        "COHO-2026-071", COHO.contact, a4=True)
    claim = Claim(cid, "Millbrook - EXO, SPO, Teams", COHO, cust, [exo, spo, teams],
                  [("COHO-2026-071_Millbrook_signed.pdf", "Signed SOW")])
    return _case("products-three-one-in-assumptions", claim, {"COHO-2026-071_Millbrook_signed.pdf": pdf(spec)},
                 crit(product_links="not_met"), {"EXO": "linked", "SPO": "linked", "TEAMS": "mentioned"},
                 "request_info", ["pdf", "three-products", "assumptions-only", "already-in-use"],
                 "Claim for Exchange Online, SharePoint Online and Microsoft Teams; the SOW migrates mail and files "
                 "(EXO and SPO linked) but Teams appears only in the Assumptions ('already deployed and in use; "
                 "Partner will not change the Teams configuration'): mentioned, so product links not met (D-12). "
                 "Everything else met.")


# ========================================================================= tricky negatives

def sig_reseller_signs_customer_block(cid: str) -> Case:
    cust = customer("Alder Creek Dental Group", "aldercreekdental.example", "Dr. Susan Park", "Managing Partner",
                    "250 Alder Creek Parkway, Sacramento, CA 95833")
    prod = Product("Dynamics 365 Business Central", "D365_BC")
    env = "5D0C7A12-93B4-4E61-A0F2-7C3B9E18D4A6"
    sigs = [T([["ADATUM CLOUD SERVICES INC.", "CUSTOMER: ALDER CREEK DENTAL GROUP"],
               [["DocuSigned by:", SigImage(16), "3A9F0C2B71E44D0..."], ["DocuSigned by:", SigImage(17), "C84E1B09D2F3461..."]],
               ["Name: Marcus Bell", "Name: James Cole"],
               ["Title: Practice Lead, Business Applications", "Title: Senior Account Manager"],
               ["Date: 6/2/2026", "Date: 6/3/2026"]], grid=False, widths=[234, 234])]
    blocks = sow_blocks(
        partner=ADATUM, customer=cust, number="ADT-SOW-0598", effective="June 2, 2026",
        title="Business Central for a 12-practice dental group",
        background="Alder Creek Dental Group's 12 practices each keep their own QuickBooks file.",
        scope=["Implement Dynamics 365 Business Central with one company per practice and group consolidation.",
               "Configure Business Central purchasing for dental supplies with central approval.",
               "Migrate 3 years of QuickBooks history for the 12 practices."],
        milestones=[("Pilot", "Two practices live", "July 31, 2026"), ("All practices", "12 practices live",
                                                                       "October 30, 2026")],
        growth=["Grow Business Central users from 6 at head office to 30 (a practice manager and an office "
                "administrator per practice) by October 2026."],
        fees="USD 58,000 fixed fee.", signatures=sigs)
    cert = [H("Certificate Of Completion", 1),
            T([[f"Envelope Id: {env.replace('-', '')}", "Status: Completed"],
               ["Subject: Please DocuSign: ADT-SOW-0598 Alder Creek Dental Group", ""],
               ["Envelope Originator: Marcus Bell", "marcus.bell@adatum.example"]], grid=False),
            H("Signer Events", 3),
            T([["Signer Events", "Signature", "Timestamp"],
               ["Marcus Bell\nmarcus.bell@adatum.example\nPractice Lead, Business Applications\nAdatum Cloud "
                "Services Inc.", "Signature Adoption: Pre-selected Style",
                "Sent: 6/2/2026 10:01:12 AM\nViewed: 6/2/2026 10:02:40 AM\nSigned: 6/2/2026 10:03:05 AM"],
               ["James Cole\njames.cole@crestline-it.example\nSenior Account Manager\nCrestline IT Supply Inc.",
                "Signature Adoption: Drawn on Device",
                "Sent: 6/2/2026 10:03:07 AM\nViewed: 6/3/2026 2:11:30 PM\nSigned: 6/3/2026 2:14:52 PM"]],
              header=True, widths=[200, 140, 128]),
            H("Carbon Copy Events", 3),
            T([["Recipient", "Status"], ["Dr. Susan Park\nsusan.park@aldercreekdental.example", "Sent 6/3/2026"]],
              header=True)]
    spec = spec_of([*blocks, Break(), *cert], "ADT-SOW-0598", ADATUM.contact, header=f"Docusign Envelope ID: {env}")
    claim = Claim(cid, "Alder Creek Dental - Business Central", ADATUM, cust, [prod],
                  [("ADT-SOW-0598_AlderCreek_completed.pdf", "DocuSign completed SOW")])
    return _case("sig-reseller-signs-customer-block", claim, {"ADT-SOW-0598_AlderCreek_completed.pdf": pdf(spec)},
                 crit(customer_signature="not_met"), {"D365_BC": "linked"}, "request_info",
                 ["pdf", "docusign", "reseller-signer", "signed-by-other-org", "signature"],
                 "The block headed 'CUSTOMER: ALDER CREEK DENTAL GROUP' is DocuSigned by James Cole, 'Senior Account "
                 "Manager'; the certificate shows he is james.cole@crestline-it.example of Crestline IT Supply Inc. "
                 "(the customer's IT reseller). The customer's own contact was only carbon-copied. Not a customer "
                 "signature; dates (partner signed 6/2/2026, milestones), names, work and growth met.")


def change_order_old_sow_undated(cid: str) -> Case:
    cust = customer("Ironclad Pest Control Inc.", "ironcladpest.example", "Rick Alvarez", "VP Operations",
                    "4800 Commerce Drive, Tampa, FL 33610")
    prod = Product("Dynamics 365 Field Service", "D365_FIELD_SERVICE")
    blocks = [
        H("CHANGE ORDER No. 3", 1),
        P(f"to Statement of Work PW-FS-2024-007 dated May 6, 2024 (the \"SOW\") between {PROSEWARE.name} "
          f"(\"Proseware\") and {cust.name} (\"Customer\")"),
        H("1. Reason for change"),
        P("The Customer has acquired a regional competitor and wishes to bring its technicians onto the Dynamics "
          "365 Field Service solution implemented under the SOW."),
        H("2. Change to scope"),
        P("2.1 Add the acquired company's 55 technicians and 4 dispatchers to Dynamics 365 Field Service, with "
          "their service territories and recurring treatment agreements."),
        P("2.2 Configure termite-inspection work order types and the mobile inspection report."),
        P("2.3 Migrate 7,800 customer service agreements from the acquired company's system."),
        H("3. Growth"),
        P("This change grows Dynamics 365 Field Service users from 120 to 179 licensed technicians and dispatchers."),
        H("4. Schedule"),
        P("Work under this Change Order will be scheduled by mutual agreement after signature."),
        H("5. Fees"),
        P("Additional fixed fee USD 41,000. All other terms of the SOW remain unchanged."),
        H("6. Signatures"),
        *sig_stacked("Proseware", PROSEWARE.name, PROSEWARE.contact, PROSEWARE.title, BLANK),
        P(""),
        *sig_stacked("Customer", cust.name, cust.contact, cust.title, BLANK),
    ]
    claim = Claim(cid, "Ironclad Pest - Field Service CO3", PROSEWARE, cust, [prod],
                  [("PW-FS-2024-007_CO3_Ironclad_signed.pdf", "Signed change order 3")])
    return _case("change-order-old-sow-undated", claim, {"PW-FS-2024-007_CO3_Ironclad_signed.pdf": pdf(spec_of(
        blocks, "Change Order 3", PROSEWARE.contact))}, crit(dates="not_met"), {"D365_FIELD_SERVICE": "linked"},
                 "request_info", ["pdf", "change-order", "stale-dates", "undated-signature", "dates"],
                 "A change order signed by both parties ('By: /s/ Rick Alvarez') but with both 'Date:' fields blank "
                 "and no schedule ('by mutual agreement after signature'); the only date in it is the original "
                 "SOW's, May 6, 2024, over two years before submission. Undated customer signature still counts "
                 "(signature met); dates not met. Names, Field Service work and user growth 120 -> 179 met.")


def po_partner_to_subcontractor(cid: str) -> Case:
    cust = customer("Oakmont Hospitality Group", "oakmonthospitality.example", "Laura Chen", "Chief Financial Officer",
                    "1 Oakmont Plaza, Scottsdale, AZ 85251")
    prod = Product("Dynamics 365 Finance", "D365_FINANCE")
    blocks = [
        T([[f"{FABRIKAM.name.upper()}\n{FABRIKAM.address}\nap@fabrikam.example",
            "PURCHASE ORDER\nPO Number: FAB-PO-26-0733\nPO Date: 06/02/2026\nTerms: Net 60"]],
          grid=False, widths=[260, 208]),
        T([["Vendor (Subcontractor)", "End client / Project"],
           ["Blue Harbor Data Migration Ltd\n12 Harbour Road, Vancouver, BC V6C 1A1\nVendor ID: S-1187",
            f"{cust.name}\nProject FAB-2026-038: Dynamics 365 Finance implementation"]], header=True,
          widths=[234, 234]),
        T([["Line", "Description", "Qty", "Rate", "Amount"],
           ["1", "Data migration services for the Dynamics 365 Finance implementation at Oakmont Hospitality Group: "
                 "extract and cleanse 7 years of GL history and 2,900 vendors; load into Dynamics 365 Finance",
            "160 h", "$145.00", "$23,200.00"],
           ["2", "Reconciliation support for the Dynamics 365 Finance cut-over weekend (08/22/2026)", "24 h",
            "$145.00", "$3,480.00"], ["", "", "", "Total", "$26,680.00"]], header=True,
          widths=[30, 250, 40, 68, 80]),
        P("Delivery: services between 06/15/2026 and 08/31/2026, on Fabrikam's instructions."),
        P("Subcontractor terms: the Fabrikam Subcontractor Agreement dated 01/10/2025 applies. The subcontractor "
          "shall not contact the end client except through Fabrikam's project manager."),
        T([["Requested by:", "Ola Demmo, Engagement Director", "06/01/2026"],
           ["Approved by:", "Karen Li, Controller, Fabrikam Consulting LLC", "06/02/2026"],
           ["Authorized signature:", "/s/ Karen Li", ""]], grid=True, widths=[120, 250, 98]),
    ]
    claim = Claim(cid, "Oakmont - D365 Finance", FABRIKAM, cust, [prod], [("FAB-PO-26-0733.pdf", "Purchase order")])
    return _case("po-partner-to-subcontractor", claim, {"FAB-PO-26-0733.pdf": pdf(spec_of(
        blocks, "Purchase Order FAB-PO-26-0733", "Fabrikam Accounts Payable"))},
                 crit(customer_signature="not_met", growth_activities="not_met"), {"D365_FINANCE": "linked"},
                 "request_info", ["pdf", "purchase-order", "partner-issued-po", "subcontractor", "signature"],
                 "The only POE is the partner's own purchase order to its subcontractor (Blue Harbor Data Migration "
                 "Ltd), approved by Fabrikam's controller: the customer Oakmont Hospitality Group is named as the "
                 "end client (customer name met) but signed nothing - customer signature not met. Dates met (PO date "
                 "06/02/2026, service window), the Dynamics 365 Finance migration work is concrete (linked), no "
                 "growth.")


def email_customer_declines(cid: str) -> Case:
    cust = customer("Cobalt Ridge Utilities", "cobaltridge.example", "Dennis Ward", "Director of Customer Programs",
                    "900 Ridge Avenue, Spokane, WA 99201")
    prod = Product("Power Pages", "POWER_PAGES")
    proposal = spec_of([
        H("Proposal: Power Pages Customer Self-Service Portal", 1),
        P(f"Prepared for {cust.name} by {WINGTIP.name}    |    May 28, 2026", "center"),
        H("Scope"),
        P("1. Build a Power Pages portal where 140,000 residential customers report outages, start/stop service "
          "and view bills."),
        P("2. Configure Power Pages authentication with Entra External ID and the Dataverse tables for service "
          "requests."),
        P("3. Integrate the Power Pages portal with the billing system through Power Automate."),
        H("Timeline"),
        T([["Phase", "Dates"], ["Build", "July 6 - September 11, 2026"], ["Launch", "September 28, 2026"]],
          header=True),
        H("Adoption goals"),
        P("Grow Power Pages authenticated users from 0 to 40,000 customers in the first six months and move 30% of "
          "service requests from the call centre to the portal."),
        H("Investment"), P("USD 118,000 fixed fee. Proposal valid until June 30, 2026."),
        H("Acceptance"),
        *sig_stacked("Customer", cust.name, "", "", "", "blank"),
    ], "Wingtip Power Pages proposal", WINGTIP.contact)
    body = ("Hi Rafael,\n\n"
            "Thank you for the proposal for the Power Pages self-service portal and for the time your team put into "
            "the workshops.\n\n"
            "After review by our leadership team, Cobalt Ridge Utilities has decided not to proceed with the portal "
            "project this year. The budget has been moved to the meter-replacement programme, and we will not be "
            "signing the proposal.\n\n"
            "We'd be glad to revisit it in the 2027 planning cycle.\n\n"
            "Regards,\nDennis Ward\nDirector of Customer Programs | Cobalt Ridge Utilities\n\n"
            "-----Original Message-----\n"
            "From: Rafael Costa <rafael.costa@wingtipdigital.example>\nSent: Thursday, May 28, 2026 4:10 PM\n"
            "To: Dennis Ward <dennis.ward@cobaltridge.example>\nSubject: Power Pages portal proposal\n\n"
            "Hi Dennis, attached is our proposal for the self-service portal. Happy to walk you through it.\n")
    files: dict[str, Writer] = {
        "Wingtip_Proposal_CobaltRidge_PowerPages.pdf": pdf(proposal),
        "RE_Power_Pages_portal_proposal.eml": lambda path: write_eml(
            path, sender="Dennis Ward <dennis.ward@cobaltridge.example>",
            to="Rafael Costa <rafael.costa@wingtipdigital.example>", subject="RE: Power Pages portal proposal",
            date_header="Wed, 01 Jul 2026 09:14:27 -0700", body=body,
            message_id="<SJ0PR05MB7788AB12CD@SJ0PR05MB7788.namprd05.prod.outlook.example>",
            in_reply_to="<CO1PR11MB5012EF34@CO1PR11MB5012.namprd11.prod.outlook.example>")}
    claim = Claim(cid, "Cobalt Ridge - Power Pages", WINGTIP, cust, [prod],
                  [("Wingtip_Proposal_CobaltRidge_PowerPages.pdf", "Proposal"),
                   ("RE_Power_Pages_portal_proposal.eml", "Customer e-mail")], activity="Pre-sales")
    return _case("email-customer-declines", claim, files, crit(customer_signature="not_met"),
                 {"POWER_PAGES": "linked"}, "request_info",
                 ["eml", "customer-declines", "unsigned-proposal", "multi-document", "signature"],
                 "An unsigned proposal (blank customer acceptance block) plus an e-mail from the customer's own "
                 "domain (dennis.ward@cobaltridge.example, 1 July 2026) that DECLINES: 'has decided not to proceed "
                 "... we will not be signing the proposal'. An e-mail from the customer is not an acknowledgment "
                 "when it refuses: customer signature not met. The proposal still names both parties, dates "
                 "(May 28, 2026; build July-September 2026), intended Power Pages work (linked, as for other "
                 "unsigned proposals) and adoption growth: met. A reviewer would likely end up rejecting; by the "
                 "labelling convention this is request_info.")


def docusign_envelope_not_completed(cid: str) -> Case:
    cust = customer("Summit Ridge Builders Inc.", "summitridgebuilders.example", "Carla Jensen", "Chief Executive Officer",
                    "2100 Summit Ridge Drive, Reno, NV 89521")
    prod = Product("Dynamics 365 Sales Enterprise", "D365_SALES_ENT")
    env = "A7F3E2D1-0B9C-4C8A-9E6F-2D1C0B9A8F7E"
    sigs = [T([["PROSEWARE, INC.", "SUMMIT RIDGE BUILDERS INC."],
               [["DocuSigned by:", SigImage(18), "9E2C41B7A0D3F5E..."], ""],
               ["Name: Dana Whitfield", "Name: Carla Jensen"],
               ["Title: Account Executive", "Title: Chief Executive Officer"],
               ["Date: 6/24/2026", "Date:"]], grid=False, widths=[234, 234])]
    blocks = sow_blocks(
        partner=PROSEWARE, customer=cust, number="PW-2026-058", effective="June 24, 2026",
        title="Dynamics 365 Sales for new-home sales centres",
        background="Summit Ridge Builders Inc. sells new homes through 18 community sales centres using a "
                   "spreadsheet-based prospect log.",
        scope=["Implement Dynamics 365 Sales Enterprise for prospect, lot reservation and contract pipeline.",
               "Configure Dynamics 365 Sales mobile for sales-centre agents and integrate with the scheduling "
               "system.", "Migrate 26,000 prospects; train 54 sales agents."],
        milestones=[("Build", "Configuration complete", "August 14, 2026"), ("Go-live", "All 18 sales centres",
                                                                              "September 25, 2026")],
        growth=["Grow Dynamics 365 Sales users from 12 managers to all 54 agents and 12 managers (66 users) by "
                "September 2026."],
        fees="USD 69,000 fixed fee.", signatures=sigs)
    cert = [H("Envelope History", 1),
            T([[f"Envelope Id: {env.replace('-', '')}", "Status: Sent"],
               ["Subject: Please DocuSign: PW-2026-058 Summit Ridge Builders SOW", ""],
               ["Envelope Originator: Dana Whitfield", "dana.whitfield@proseware.example"]], grid=False),
            H("Signer Events", 3),
            T([["Signer Events", "Signature", "Timestamp"],
               ["Dana Whitfield\ndana.whitfield@proseware.example\nAccount Executive\nProseware, Inc.",
                "Signature Adoption: Pre-selected Style",
                "Sent: 6/24/2026 11:20:03 AM\nViewed: 6/24/2026 11:20:40 AM\nSigned: 6/24/2026 11:21:15 AM"],
               ["Carla Jensen\ncarla.jensen@summitridgebuilders.example\nChief Executive Officer\nSummit Ridge "
                "Builders Inc.", "Status: Delivered",
                "Sent: 6/24/2026 11:21:17 AM\nViewed: 6/26/2026 8:02:51 AM"]], header=True, widths=[200, 140, 128]),
            H("Envelope Summary Events", 3),
            T([["Envelope Summary Events", "Status", "Timestamps"],
               ["Envelope Sent", "Hashed/Encrypted", "6/24/2026 11:20:03 AM"],
               ["Certified Delivered", "Security Checked", "6/26/2026 8:02:51 AM"]], header=True)]
    spec = spec_of([*blocks, Break(), *cert], "PW-2026-058", PROSEWARE.contact, header=f"Docusign Envelope ID: {env}")
    claim = Claim(cid, "Summit Ridge - D365 Sales", PROSEWARE, cust, [prod],
                  [("PW-2026-058_SummitRidge_DocuSign.pdf", "SOW from DocuSign")])
    return _case("docusign-envelope-not-completed", claim, {"PW-2026-058_SummitRidge_DocuSign.pdf": pdf(spec)},
                 crit(customer_signature="not_met"), {"D365_SALES_ENT": "linked"}, "request_info",
                 ["pdf", "docusign", "envelope-not-completed", "partner-only-signature", "signature"],
                 "A DocuSign envelope downloaded before completion: the partner's block is 'DocuSigned by' Dana "
                 "Whitfield (6/24/2026); the customer's block is empty; the envelope history says 'Status: Sent', "
                 "the customer signer's status 'Delivered' (viewed 6/26/2026) with no 'Signed' event and no "
                 "'Completed'. Customer signature not met; dates (partner date, effective, milestones), names, "
                 "Sales work and growth met.")


# ================================================================================ conflict

OAKFIELD = customer("Oakfield Academies Trust", "oakfieldacademies.example", "Rebecca Shaw",
                    "Chief Operating Officer", "Oakfield House, 5 Mill Lane, Leicester LE2 7HU", "United Kingdom")


def conflict_intune_strong(cid: str) -> Case:
    prod = Product("Microsoft Intune", "INTUNE")
    spec = spec_of(sow_blocks(
        partner=NORTHWIND, customer=OAKFIELD, number="NWS-0631", effective="18 May 2026",
        title="Microsoft Intune for 9 academies",
        background="Oakfield Academies Trust runs 9 schools with 2,400 staff and student Windows devices managed "
                   "school by school.",
        scope=["Deploy Microsoft Intune trust-wide: Windows Autopilot for 2,400 devices, compliance and "
               "configuration profiles, and app deployment for curriculum software.",
               "Enrol 900 staff iPads in Intune with Apple School Manager.",
               "Migrate device management from 9 on-premises WSUS/SCCM servers to Intune."],
        milestones=[("Pilot", "Two academies", "26 June 2026"), ("Trust-wide", "All 9 academies", "28 August 2026")],
        growth=["Grow Intune-managed devices from 300 to 3,300 by September 2026 and add the two academies joining "
                "the trust in January 2027 (a further 600 devices)."],
        fees="GBP 49,000 plus VAT.", signatures=both_signed(NORTHWIND, OAKFIELD, "18 May 2026", "20 May 2026")),
        "NWS-0631", NORTHWIND.contact, a4=True)
    claim = Claim(cid, "Oakfield - Intune (Northwind)", NORTHWIND, OAKFIELD, [prod],
                  [("NWS-0631_Oakfield_Intune_signed.pdf", "Signed SOW")])
    return _case("conflict-intune-strong", claim, {"NWS-0631_Oakfield_Intune_signed.pdf": pdf(spec)}, crit(),
                 {"INTUNE": "linked"}, "approve", ["conflict", "conflict-winner", "pdf"],
                 "Conflict pair 3 (Oakfield Academies Trust, Intune), stronger side: SOW signed by both parties "
                 "(18/20 May 2026), trust-wide Intune work, device growth 300 -> 3,300. All met; should win against "
                 "conflict-intune-weak.")


def conflict_intune_weak(cid: str) -> Case:
    prod = Product("Microsoft Intune", "INTUNE")
    slides = [
        Slide("Modern device management for Oakfield Academies Trust",
              [f"{COHO.name}  |  Discovery workshop readout  |  3 June 2026"]),
        Slide("What we heard", ["Nine academies manage devices separately", "Staff iPads are not enrolled",
                                "Patching is inconsistent across schools"]),
        Slide("Our proposed approach",
              ["Assess each academy's device estate", "Design a trust-wide Microsoft Intune tenant configuration",
               "Pilot Intune enrolment at one academy", "Proposed start: 7 September 2026"]),
        Slide("Why Coho", ["20 years of education IT", "Microsoft Solutions Partner for Modern Work",
                           "A trusted partner for your digital journey"]),
        Slide("Next steps", ["Agree the assessment scope", "Coho to issue a statement of work for signature"],
              footer="Coho Systems Integration Limited - Commercial in confidence"),
    ]
    claim = Claim(cid, "Oakfield - Intune (Coho)", COHO, OAKFIELD, [prod],
                  [("Coho_Oakfield_Intune_Workshop_Readout.pptx", "Workshop readout deck")], activity="Pre-sales")
    return _case("conflict-intune-weak", claim,
                 {"Coho_Oakfield_Intune_Workshop_Readout.pptx": lambda p: write_pptx(
                     p, slides, author=COHO.contact, title="Oakfield Intune readout")},
                 crit(customer_signature="not_met", growth_activities="not_met"), {"INTUNE": "linked"},
                 "request_info", ["conflict", "conflict-loser", "pptx", "unsigned-deck"],
                 "Conflict pair 3, weaker side: the other partner's workshop-readout deck (PPTX, 3 June 2026; "
                 "proposed start 7 September 2026) proposing to design and pilot Intune (intended work: linked). "
                 "No customer signature, no growth ('trusted partner for your digital journey' is goodwill). Names "
                 "and dates met. Loses to conflict-intune-strong.")


# ============================================================================== ineligible

def inelig_subscription_not_dynamics(cid: str) -> Case:
    cust = customer("Pinnacle Staffing Group LLC", "pinnaclestaffing.example", "Tara Nguyen", "VP Sales",
                    "1900 Glades Road, Boca Raton, FL 33431")
    prod = Product("Dynamics 365 Sales Professional", "D365_SALES_PRO")
    spec = spec_of(sow_blocks(
        partner=TREY, customer=cust, number="TRG-2026-049", effective="May 18, 2026",
        title="Dynamics 365 Sales Professional for the staffing sales team",
        background="Pinnacle Staffing Group LLC tracks client accounts and job orders in a spreadsheet.",
        scope=["Implement Dynamics 365 Sales Professional for client accounts, job-order opportunities and quotes.",
               "Migrate 4,800 client accounts into Dynamics 365 Sales Professional; train 22 account executives."],
        milestones=[("Kick-off", "Project start", "May 25, 2026"), ("Go-live", "Production", "July 13, 2026")],
        growth=["Grow Dynamics 365 Sales Professional users from 22 to 45 by adding the healthcare-staffing "
                "division by December 2026."],
        fees="USD 44,000 fixed fee.", signatures=both_signed(TREY, cust, "May 18, 2026", "May 20, 2026")),
        "TRG-2026-049", TREY.contact)
    tenant = tenant_entry(cust, [prod])
    sub = tenant["subscriptions"][0]
    assert sub["subscription_id"] == subscription_id(cust, prod.code)
    sub.update({"product": "Microsoft 365 E5", "code": "M365_SUITE"})
    claim = Claim(cid, "Pinnacle Staffing - Sales Professional", TREY, cust, [prod],
                  [("TRG-2026-049_Pinnacle_signed.pdf", "Signed SOW")])
    return _case("inelig-subscription-not-dynamics", claim, {"TRG-2026-049_Pinnacle_signed.pdf": pdf(spec)}, crit(),
                 {"D365_SALES_PRO": "linked"}, "reject", ["eligibility", "subscription-not-dynamics", "subscription"],
                 "Good POE for Dynamics 365 Sales Professional, but the subscription ID given on the Business "
                 "Applications claim is, in the tenant directory, a Microsoft 365 E5 subscription (EA, activated "
                 "months ago): the subscription is not for Dynamics (D-8), ineligible, reject. All POE criteria met.",
                 eligible=False, eligibility_rules=["D-8"], tenant=tenant)


def inelig_revenue_association_m365(cid: str) -> Case:
    cust = customer("Tidewater Marine Supply Co.", "tidewatermarine.example", "Colin Beck", "IT Manager",
                    "75 Harbor Street, Norfolk, VA 23510")
    prod = Product("Exchange Online", "EXO")
    spec = spec_of(sow_blocks(
        partner=FABRIKAM, customer=cust, number="FAB-2026-046", effective="May 18, 2026",
        title="Exchange Online migration",
        background="Tidewater Marine Supply Co. runs Exchange 2013 for 480 staff at 11 chandlery stores.",
        scope=["Migrate 480 mailboxes from Exchange 2013 to Exchange Online.",
               "Configure Exchange Online Protection and shared mailboxes for the 11 stores."],
        milestones=[("Kick-off", "Project start", "May 25, 2026"), ("Cut-over", "All mailboxes moved",
                                                                     "July 10, 2026")],
        growth=["Grow Exchange Online mailboxes from 480 to 640 by adding the seasonal dock staff by April 2027."],
        fees="USD 21,000 fixed fee.", signatures=both_signed(FABRIKAM, cust, "May 18, 2026", "May 20, 2026")),
        "FAB-2026-046", FABRIKAM.contact)
    claim = Claim(cid, "Tidewater - EXO (revenue association)", FABRIKAM, cust, [prod],
                  [("FAB-2026-046_Tidewater_signed.pdf", "Signed SOW")], activity="Revenue association")
    return _case("inelig-revenue-association-m365", claim, {"FAB-2026-046_Tidewater_signed.pdf": pdf(spec)}, crit(),
                 {"EXO": "linked"}, "reject", ["eligibility", "revenue-association", "activity"],
                 "A Microsoft 365 (OSU-Microsoft 365) claim whose activity is 'Revenue association', an activity of "
                 "OSA Sell only (D-7): ineligible, reject, whatever the (good, fully met) POE.",
                 eligible=False, eligibility_rules=["D-7"])


CASES = [pptx_proposal_deck_signed, rtf_engagement_letter, html_esign_sow_export, csv_poe_template_export,
         eml_forwarded_chain, eml_pdf_attachment_signed, png_photo_signed_page,
         pdf_two_column_body, pdf_rotated_signature_page, sig_table_across_page_break, pdf_footer_acceptance_band,
         docx_signature_textboxes, docx_signature_in_footer, products_ruled_table_work_column,
         products_sku_in_workstream_table,
         us_federal_task_order, india_pvt_ltd_sd, au_abn_s127_execution, partner_trading_name_footer,
         nhs_public_sector_template, french_accents_customer, customer_ampersand_and_variant,
         customer_display_name_differs, growth_pct_staff_teams_weekly, products_three_one_in_assumptions,
         sig_reseller_signs_customer_block, change_order_old_sow_undated, po_partner_to_subcontractor,
         email_customer_declines, docusign_envelope_not_completed,
         conflict_intune_strong, conflict_intune_weak,
         inelig_subscription_not_dynamics, inelig_revenue_association_m365]
CONFLICTS = [("conflict-intune-strong", "conflict-intune-weak")]
