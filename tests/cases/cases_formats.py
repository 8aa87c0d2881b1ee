"""Cases about formats and layouts (POE template workbooks, multi-document claims, two-column
signature blocks, a scanned page, Word content controls), the two conflict pairs (D-18) and the
three ineligible claims (D-3, D-8)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.cases.cases_sig import docx, pdf
from tests.cases.kit import (
    Case,
    blank_lines,
    both_signed,
    crit,
    sig_columns,
    sig_stacked,
    signed_lines,
    sow_blocks,
)
from tests.cases.parties import (
    ADATUM,
    BLUEWAVE,
    CREATED,
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
    iso,
    tenant_entry,
)
from tests.cases.render import (
    DocSpec,
    H,
    P,
    Sdt,
    Sheet,
    SigImage,
    T,
    write_scanned_pdf,
    write_scanned_table_pdf,
    write_xlsx,
)

# ------------------------------------------------------------------------ POE template

TEMPLATE_PRODUCTS_BA = ["Dynamics 365 Sales", "Dynamics 365 Customer Service", "Dynamics 365 Field Service",
                        "Dynamics 365 Finance", "Dynamics 365 Supply Chain Management", "Dynamics 365 Business Central",
                        "Dynamics 365 Commerce", "Power Apps", "Power Automate"]
TEMPLATE_PRODUCTS_M365 = ["Exchange Online", "SharePoint Online", "Microsoft Teams", "Microsoft Intune",
                          "Windows 365", "Microsoft 365 Copilot"]


def poe_template(path: Path, *, partner: Org, cust: Org, activity: str, start: Any, golive: Any, description: str,
                 work: dict[str, str], growth: str, ack: dict[str, Any] | None, m365: bool = False,
                 date_format: str = "dd/mm/yyyy") -> Path:
    """The Microsoft CPOR POE template as partners fill it in: label/value rows in sections, a
    product tick list with a work description per product, a customer-acknowledgment section."""
    rows: list[Sequence[Any]] = [
        ["Microsoft Commercial Partner Incentives - Proof of Execution (POE) Template"],
        ["Please ensure that the Customer information matches the information entered in your CPOR claim. Provide "
         "valid customer acknowledgment dated within 12 months of claim submission."],
        [],
        ["Section 1: Partner Information"],
        ["Partner name", partner.name], ["Partner ID (MPN ID)", partner.mpn],
        ["Partner contact name", partner.contact], ["Partner contact email", partner.email],
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
    rows += [[], ["Section 5: Usage / Growth Activities"], ["Planned growth activities", growth], [],
             ["Section 6: Customer Acknowledgment"],
             ["By completing this section, the customer acknowledges that the partner named above is engaged with the "
              "customer on the products and activities described in this document."]]
    a = ack or {}
    rows += [["Customer contact name", a.get("name")], ["Customer contact title", a.get("title")],
             ["Customer contact email", a.get("email")], ["Acknowledgment date", a.get("date")],
             ["Customer acknowledges partner involvement (Yes/No)", a.get("yes")], [],
             ["Section 7: Public Sector Disclosure"], ["Is the customer a public sector entity? (Yes/No)", "No"]]
    bold = {i + 1 for i, r in enumerate(rows) if r and str(r[0]).startswith("Section ")}
    sheet = Sheet("Proof of Execution", rows, widths={"A": 48, "B": 40, "C": 90}, date_format=date_format,
                  merges=["A1:C1", "A2:C2"], bold_rows=bold | {1})
    instructions = Sheet("Instructions", [["How to use this template"],
                                          ["1. Complete every section. 2. Tick each product or workload you are "
                                           "claiming and describe your work on it. 3. Ask the customer to complete "
                                           "Section 6."]])
    return write_xlsx(path, [sheet, instructions], creator=partner.contact)


def template_xlsx_complete(cid: str) -> Case:
    cust = customer("First Up Consultants", "firstupconsultants.example", "Grace Liu", "Chief Financial Officer",
                    "200 Park Avenue, New York, NY 10166")
    prod = Product("Dynamics 365 Finance", "D365_FINANCE")

    def build(path: Path) -> Path:
        return poe_template(path, partner=SMITH_BRANDT, cust=cust, activity="Deployment", start=date(2026, 3, 2),
                            golive=date(2026, 9, 1), date_format="mm/dd/yyyy",
                            description="Finance transformation: replace the legacy GL and AP systems with Dynamics 365 "
                                        "Finance for the US and UK entities.",
                            work={"Dynamics 365 Finance": "Implement Dynamics 365 Finance general ledger, AP, fixed "
                                                          "assets and consolidation; migrate 5 years of balances; "
                                                          "configure the UK entity and train 40 finance users."},
                            growth="Grow Dynamics 365 Finance users from 40 to 95 by adding the Singapore and Sydney "
                                   "entities (Q1 2027) and move expense management for 600 consultants onto the platform.",
                            ack={"name": cust.contact, "title": cust.title, "email": cust.email,
                                 "date": date(2026, 3, 5), "yes": "Yes"})
    claim = Claim(cid, "First Up - D365 Finance", SMITH_BRANDT, cust, [prod], [("POE_Template_FirstUp_D365Finance.xlsx",
                                                                                "POE template")])
    return Case("template-xlsx-complete", claim, {"POE_Template_FirstUp_D365Finance.xlsx": build}, crit(),
                {"D365_FINANCE": "linked"}, "approve", ["template", "xlsx", "poe-template", "typed-date"],
                "The Microsoft POE template workbook filled in completely: partner/customer sections match the "
                "claim, Dynamics 365 Finance ticked with a work description, growth row, customer acknowledgment "
                "filled by Grace Liu (CFO) with 'Yes' and a typed date 03/05/2026. All met.")


def template_xlsx_empty_ack(cid: str) -> Case:
    cust = customer("Liberty's Delightful Sinful Bakery & Cafe", "libertysbakery.example", "Nora Quinn",
                    "Owner and CEO", "12 Bleecker Street, New York, NY 10012")
    prod = Product("Dynamics 365 Commerce", "D365_COMMERCE")

    def build(path: Path) -> Path:
        return poe_template(path, partner=LUCERNE, cust=cust, activity="Deployment", start=date(2026, 4, 6),
                            golive=date(2026, 8, 24), date_format="mm/dd/yyyy",
                            description="Point-of-sale and e-commerce replatforming for 9 cafés and the online shop.",
                            work={"Dynamics 365 Commerce": "Deploy Dynamics 365 Commerce store commerce (POS) in 9 "
                                                           "cafés, configure the online storefront and loyalty "
                                                           "programme, migrate 28,000 loyalty members."},
                            growth="Grow Dynamics 365 Commerce from 9 to 14 cafés (5 openings in 2026-27) and lift "
                                   "online orders from 1,200 to 4,000 per month.", ack=None)
    claim = Claim(cid, "Liberty's Bakery - Commerce", LUCERNE, cust, [prod], [("POE_Libertys_Commerce.xlsx", "")])
    return Case("template-xlsx-empty-ack", claim, {"POE_Libertys_Commerce.xlsx": build},
                crit(customer_signature="not_met"), {"D365_COMMERCE": "linked"}, "request_info",
                ["template", "xlsx", "empty-acknowledgment", "signature"],
                "POE template complete except Section 6: the customer acknowledgment rows (name, title, e-mail, "
                "date, Yes/No) are all empty. Customer signature not met. Dates met (engagement start 04/06/2026, "
                "go-live 08/24/2026); names, Commerce work and growth met.")


def dates_tbd(cid: str) -> Case:
    cust = customer("Summit Health Clinics", "summithealthclinics.example", "Dr. Ken Watanabe", "Chief Operating Officer",
                    "3000 Summit Avenue, Denver, CO 80202")
    prod = Product("Dynamics 365 Customer Service", "D365_CUSTOMER_SERVICE")

    def build(path: Path) -> Path:
        return poe_template(path, partner=PROSEWARE, cust=cust, activity="Deployment", start="TBD", golive="TBD",
                            description="Patient contact centre for 22 clinics.",
                            work={"Dynamics 365 Customer Service": "Implement Dynamics 365 Customer Service case "
                                                                   "management and omnichannel chat for the patient "
                                                                   "contact centre; configure SLAs; train 60 agents."},
                            growth="Grow licensed contact-centre agents on Dynamics 365 Customer Service from 20 to 60 "
                                   "and route all 22 clinics' patient enquiries through it.",
                            ack={"name": cust.contact, "title": cust.title, "email": cust.email, "date": "TBD",
                                 "yes": "Yes"})
    claim = Claim(cid, "Summit Health - D365 CS", PROSEWARE, cust, [prod], [("POE_SummitHealth_D365CS.xlsx", "")])
    return Case("dates-tbd", claim, {"POE_SummitHealth_D365CS.xlsx": build}, crit(dates="not_met"),
                {"D365_CUSTOMER_SERVICE": "linked"}, "request_info", ["dates", "tbd", "template", "xlsx"],
                "POE template with the customer acknowledgment filled in (name, title, e-mail, 'Yes') but the "
                "acknowledgment date, engagement start and go-live all 'TBD'. No date: dates not met. Customer "
                "acknowledgment met; names, work and growth met.")


def dates_excel_serial_template(cid: str) -> Case:
    cust = customer("Silverline Freight Pty Ltd", "silverlinefreight.example", "Ben Morrison", "General Manager IT",
                    "8 Enterprise Drive, Perth WA 6000", "Australia")
    prod = Product("Windows 365", "W365")

    def build(path: Path) -> Path:
        return poe_template(path, partner=RELECLOUD, cust=cust, activity="Deployment", start=date(2026, 4, 13),
                            golive=date(2026, 8, 3), m365=True, date_format="d-mmm-yy",
                            description="Cloud PCs for dispatchers and contractors replacing a Citrix farm.",
                            work={"Windows 365": "Deploy Windows 365 Enterprise Cloud PCs for 260 dispatchers and "
                                                 "contractors; configure provisioning policies and Intune "
                                                 "compliance; migrate user profiles from Citrix."},
                            growth="Grow Windows 365 Cloud PCs from 260 to 480 as the Darwin and Adelaide depots move "
                                   "off Citrix by December 2026.",
                            ack={"name": cust.contact, "title": cust.title, "email": cust.email,
                                 "date": date(2026, 4, 16), "yes": "Yes"})
    claim = Claim(cid, "Silverline - Windows 365", RELECLOUD, cust, [prod], [("Silverline_W365_POE.xlsx", "")])
    return Case("dates-excel-serial-template", claim, {"Silverline_W365_POE.xlsx": build}, crit(),
                {"W365": "linked"}, "approve", ["dates", "excel-serial-date", "template", "xlsx"],
                "POE template whose dates are real Excel date cells (stored as serial numbers, shown with the "
                "'d-mmm-yy' format, e.g. 16-Apr-26 for the acknowledgment). All met.")


# ------------------------------------------------------------------------------ layouts

def multi_doc_sow_plus_po(cid: str) -> Case:
    cust = customer("Tailwind Traders Inc.", "tailwindtraders.example", "Olivia Hart", "VP People Operations",
                    "500 Tailwind Way, Redmond, WA 98052")
    prod = Product("Dynamics 365 Human Resources", "D365_HR")
    sow_sigs = [*sig_stacked("Partner", FABRIKAM.name, FABRIKAM.contact, FABRIKAM.title, "May 4, 2026"), P(""),
                P("Customer acceptance: this SOW is accepted by the Customer's purchase order referencing SOW "
                  "FAB-2026-031; no countersignature is required.")]
    sow = DocSpec(title="Tailwind Traders - D365 HR SOW", author="Ola Demmo", blocks=sow_blocks(
        partner=FABRIKAM, customer=cust, number="FAB-2026-031", effective="May 4, 2026",
        title="Dynamics 365 Human Resources",
        background="Tailwind Traders Inc. manages 3,400 employees' HR records in a legacy HRIS and spreadsheets.",
        scope=["Implement Dynamics 365 Human Resources core HR, leave and absence, and benefits management.",
               "Migrate 3,400 employee records and 5 years of leave history.",
               "Configure the employee self-service workspace and integrate with payroll."],
        milestones=[("Design", "Design approved", "May 29, 2026"), ("Go-live", "Core HR live", "August 31, 2026")],
        growth=["Grow Dynamics 365 Human Resources self-service usage from 0 to 3,400 employees and add the 600 "
                "staff of the Canadian subsidiary in Q1 2027."],
        fees="USD 144,000 fixed fee.", signatures=sow_sigs))
    po = DocSpec(title="Purchase Order 4500019872", author="Tailwind Traders Procurement", blocks=[
        H("PURCHASE ORDER", 1),
        T([["Tailwind Traders Inc.\n500 Tailwind Way\nRedmond, WA 98052", "PO No.: 4500019872\nDate: 05/07/2026\n"
           "Buyer: Kim Sato"]], grid=False, widths=[260, 208]),
        P(f"Supplier: {FABRIKAM.name}, {FABRIKAM.address}"),
        T([["Item", "Description", "Amount (USD)"],
           ["10", "Professional services per SOW FAB-2026-031 - Dynamics 365 Human Resources implementation", "144,000.00"]],
          header=True, widths=[40, 320, 108]),
        P("Total: USD 144,000.00"),
        P("Approved by: Olivia Hart, VP People Operations, Tailwind Traders Inc. - Approved 05/07/2026"),
        P("This purchase order is subject to Tailwind Traders Inc. standard terms and conditions."),
    ])
    files: dict[str, Callable[[Path], Any]] = {"FAB-2026-031_Tailwind_D365HR_SOW.pdf": pdf(sow),
                                               "Tailwind_PO_4500019872.pdf": pdf(po)}
    claim = Claim(cid, "Tailwind - D365 HR", FABRIKAM, cust, [prod],
                  [("FAB-2026-031_Tailwind_D365HR_SOW.pdf", "SOW"), ("Tailwind_PO_4500019872.pdf", "Customer PO accepting the SOW")])
    return Case("multi-doc-sow-plus-po", claim, files, crit(), {"D365_HR": "linked"}, "approve",
                ["multi-document", "sow", "purchase-order", "signature", "pdf"],
                "Two documents: the SOW (partner-signed; says the customer accepts it by PO, no countersignature) "
                "and the customer's PO referencing the SOW, approved by Olivia Hart of Tailwind Traders Inc. on "
                "05/07/2026. Together every criterion is met; the customer acknowledgment is in the second file.")


def two_column_signature_blocks(cid: str) -> Case:
    cust = customer("Adventure Works Cycles", "adventure-works.example", "Michael Blythe", "VP Sales",
                    "1 Adventure Way, Bothell, WA 98011")
    prod = Product("Dynamics 365 Sales Enterprise", "D365_SALES_ENT")
    sig = sig_columns(signed_lines(PROSEWARE.name, PROSEWARE.contact, PROSEWARE.title, "June 1, 2026"),
                      signed_lines(cust.name, cust.contact, cust.title, "June 3, 2026"))
    spec = DocSpec(title="Adventure Works - D365 Sales SOW", author="Dana Whitfield", blocks=sow_blocks(
        partner=PROSEWARE, customer=cust, number="PW-2026-044", effective="June 1, 2026",
        title="Dynamics 365 Sales for Dealer Channel",
        background="Adventure Works Cycles sells through 310 independent bike dealers managed by 35 channel managers.",
        scope=["Deploy Dynamics 365 Sales Enterprise for the channel team and configure dealer account hierarchies.",
               "Build a dealer order-forecast model in Dynamics 365 Sales and integrate with the ERP.",
               "Train 35 channel managers and 6 sales operations analysts."],
        milestones=[("Build", "Sprint 3 complete", "June 26, 2026"), ("Go-live", "Channel team live", "August 10, 2026")],
        growth=["Grow licensed Dynamics 365 Sales users from 35 to 80 by adding the inside-sales team and the EU "
                "channel managers by Q1 2027."],
        fees="USD 77,000.", signatures=[sig]))
    claim = Claim(cid, "Adventure Works - D365 Sales", PROSEWARE, cust, [prod], [("PW-2026-044_AdventureWorks_signed.pdf", "")])
    return Case("two-column-signature-blocks", claim, {"PW-2026-044_AdventureWorks_signed.pdf": pdf(spec)}, crit(),
                {"D365_SALES_ENT": "linked"}, "approve", ["layout", "two-column-signature", "signature", "pdf"],
                "Signature blocks side by side (partner left, customer right, no rules), so each printed line holds "
                "both parties' 'By: /s/ ...', 'Name:', 'Title:', 'Date:'. Both signed (June 1/3, 2026). All met.")


def two_column_customer_column_blank(cid: str) -> Case:
    cust = customer("The Phone Company", "thephone-company.example", "Laura Giussani", "Chief Technology Officer",
                    "20 Canal Street, Boston, MA 02114")
    prod = Product("Microsoft Teams", "TEAMS")
    sig = sig_columns(blank_lines(cust.name), signed_lines(TREY.name, TREY.contact, TREY.title, "May 26, 2026"))
    spec = DocSpec(title="The Phone Company - Teams SOW", author="Kevin Ortiz", blocks=sow_blocks(
        partner=TREY, customer=cust, number="TRG-TMS-2026-02", effective="May 26, 2026",
        title="Microsoft Teams Phone and Contact Centre",
        background="The Phone Company is moving its 900 retail-store and head-office staff off a hosted PBX.",
        scope=["Deploy Microsoft Teams Phone with Operator Connect for 900 users and 140 stores.",
               "Configure Microsoft Teams auto attendants, call queues and the certified contact-centre connector.",
               "Roll out Teams Rooms in 12 meeting rooms and train store managers."],
        milestones=[("Pilot", "Head office on Teams Phone", "June 29, 2026"), ("Stores", "All stores", "October 5, 2026")],
        growth=["Grow Teams Phone users from 120 (head office) to 900 by October 2026 and add Teams Premium for "
                "the 60 regional managers."],
        fees="USD 88,000.", signatures=[P("Customer signs on the left, Partner on the right."), sig]))
    claim = Claim(cid, "The Phone Company - Teams", TREY, cust, [prod], [("TRG-TMS-2026-02_ThePhoneCompany.pdf", "")])
    return Case("two-column-customer-column-blank", claim, {"TRG-TMS-2026-02_ThePhoneCompany.pdf": pdf(spec)},
                crit(customer_signature="not_met"), {"TEAMS": "linked"}, "request_info",
                ["layout", "two-column-signature", "blank-customer-block", "signature", "pdf"],
                "Side-by-side blocks with the CUSTOMER on the left left blank ('By: ____') and the partner on the "
                "right signed ('By: /s/ Kevin Ortiz', May 26, 2026): on each printed line the blank customer field "
                "is followed by the partner's filled one. Customer signature not met; dates, names, Teams work and "
                "growth met.")


def scanned_signed_page(cid: str) -> Case:
    cust = customer("Fietsfabriek Noord B.V.", "fietsfabrieknoord.example", "Joost Visser", "Operations Director",
                    "Zernikelaan 12, 9747 AA Groningen", "Netherlands")
    prod = Product("OneDrive for Business", "ODB")
    lines: list[str | SigImage] = [
        "FIETSFABRIEK NOORD B.V.", "Zernikelaan 12, 9747 AA Groningen", "", "CUSTOMER ACKNOWLEDGEMENT",
        "Date: 9 June 2026", "To: Bluewave Technology Partners B.V., Utrecht", "",
        "Fietsfabriek Noord B.V. confirms that Bluewave Technology Partners B.V.",
        "migrated our file shares to OneDrive for Business for 240 employees",
        "and configured OneDrive Known Folder Move and sync policies",
        "between 6 April 2026 and 29 May 2026.", "",
        "Next, together with Bluewave, we will grow OneDrive usage from 240",
        "to 410 users by adding the Assen plant by December 2026.", "",
        "Signed for and on behalf of Fietsfabriek Noord B.V.:", SigImage(4),
        "Name: Joost Visser", "Title: Operations Director", "Date: 9 June 2026",
    ]

    def build(path: Path) -> Path:
        return write_scanned_pdf(path, lines, title="Scan_20260609_101532")

    claim = Claim(cid, "Fietsfabriek Noord - OneDrive", BLUEWAVE, cust, [prod],
                  [("Scan_20260609_101532.pdf", "Signed customer acknowledgement (scan)")])
    return Case("scanned-signed-page", claim, {"Scan_20260609_101532.pdf": build}, crit(), {"ODB": "linked"}, "approve",
                ["scan", "image-only-pdf", "ocr", "signature-image", "tenant-not-in-directory"],
                "The only document is an image-only PDF (a scanned, slightly skewed signed acknowledgement letter, "
                "no text layer). Read with OCR it names both organisations, the OneDrive work, growth 240 -> 410 "
                "users, a drawn signature with 'Signed for and on behalf of Fietsfabriek Noord B.V.' and dates in "
                "June 2026: all met. Tenant not in the directory (name from the domain). Skipped without tesseract.",
                in_directory=False)


def _scanned_execution_page_case(cid: str, folder: str, customer_signed: bool) -> Case:
    cust = customer("Kestrel Valley Foods Ltd", "kestrelvalleyfoods.example", "Priya Natarajan", "Head of IT",
                    "Unit 4, Riverside Park, Leeds LS10 1AB", "United Kingdom")
    prod = Product("Microsoft Intune", "INTUNE")
    number = "SB-INT-2026-07"
    spec = DocSpec(title="Kestrel Valley Foods - Intune SOW", author=SMITH_BRANDT.contact, blocks=sow_blocks(
        partner=SMITH_BRANDT, customer=cust, number=number, effective="1 July 2026",
        title="Microsoft Intune device management roll-out",
        background="Kestrel Valley Foods runs 640 laptops and 310 shared handhelds across three factories.",
        scope=["Deploy Microsoft Intune for the 640 corporate laptops and enrol them with Autopilot.",
               "Configure Intune compliance and app protection policies for the 310 factory handhelds."],
        milestones=[("Pilot", "Leeds office laptops enrolled", "3 August 2026"),
                    ("Factories", "All handhelds enrolled", "30 October 2026")],
        growth=["Grow Intune-managed devices from 90 today to all 950 by October 2026."],
        fees="GBP 46,500.", signatures=[P("The parties sign the execution page that follows this SOW.")]))
    cust_col: list[str | SigImage] = [cust.name.upper(), SigImage(7) if customer_signed else "",
                                      cust.contact if customer_signed else "", cust.title if customer_signed else "",
                                      "14 July 2026" if customer_signed else ""]
    part_col: list[str | SigImage] = [SMITH_BRANDT.name, SigImage(8), SMITH_BRANDT.contact, SMITH_BRANDT.title,
                                      "10 July 2026"]
    labels = ["", "Signature", "Name", "Title", "Date"]
    rows = [[lab, p_, c_] for lab, p_, c_ in zip(labels, part_col, cust_col, strict=True)]

    def build(path: Path) -> Path:
        return write_scanned_table_pdf(path, ["EXECUTION PAGE", f"Statement of Work {number}",
                                              "Signed by the parties' authorised signatories."],
                                       rows, widths=[200, 560, 560], title="Scan_20260714")

    files = {f"{number}.pdf": pdf(spec), f"{number}_execution_page_scan.pdf": build}
    claim = Claim(cid, "Kestrel Valley Foods - Intune", SMITH_BRANDT, cust, [prod],
                  [(f"{number}.pdf", "SOW"), (f"{number}_execution_page_scan.pdf", "Signed execution page (scan)")])
    if customer_signed:
        return Case(folder, claim, files, crit(), {"INTUNE": "linked"}, "approve",
                    ["scan", "image-only-pdf", "ocr", "ruled-table", "signature-image", "multi-document"],
                    "A text SOW (Intune work, growth 90 -> 950 devices, milestone dates) and a separate execution "
                    "page printed, signed by hand and scanned crooked: a ruled table, partner in the middle column, "
                    "the customer on the right with a drawn signature, name, title and date. All met. "
                    "Skipped without tesseract.")
    return Case(folder, claim, files, crit(customer_signature="not_met"), {"INTUNE": "linked"}, "request_info",
                ["scan", "image-only-pdf", "ocr", "ruled-table", "blank-customer-block", "multi-document"],
                "The same SOW and scanned execution page, but only the partner's column is signed and filled; the "
                "customer's column (right) is blank. Customer signature not met; the rest met. "
                "Skipped without tesseract.")


def scanned_execution_table(cid: str) -> Case:
    return _scanned_execution_page_case(cid, "scanned-execution-table", customer_signed=True)


def scanned_execution_table_customer_blank(cid: str) -> Case:
    return _scanned_execution_page_case(cid, "scanned-execution-table-customer-blank", customer_signed=False)


def docx_content_controls(cid: str) -> Case:
    cust = customer("School of Fine Art", "schooloffineart.example", "Grace Liu", "Director of IT Services",
                    "1 Gallery Row, Providence, RI 02903")
    prod = Product("Microsoft Entra ID", "ENTRA_ID")
    blocks = [
        H("Statement of Work", 1),
        Sdt("Customer: ", cust.name, tag="CustomerName"),
        Sdt("Partner: ", SMITH_BRANDT.name, tag="PartnerName"),
        Sdt("Effective date: ", "2 June 2026", tag="EffectiveDate", date_iso="2026-06-02"),
        H("Scope"),
        T([["Workload", "Activity", "Outcome"],
           ["Microsoft Entra ID", "Deploy Entra ID self-service password reset and Conditional Access for students "
                                  "and faculty", "MFA for 5,400 accounts"],
           ["Microsoft Entra ID", "Configure Entra ID Governance access reviews for 80 external lecturers",
            "Quarterly reviews"],
           ["Microsoft Entra ID", "Migrate app sign-in for 14 SaaS applications from the legacy SSO to Entra ID",
            "Legacy SSO retired"]], header=True, widths=[110, 250, 108]),
        H("Growth"),
        P("Grow Entra ID P1 coverage from the 900 staff accounts to all 5,400 student and staff accounts by the "
          "spring 2027 semester, and add Entra ID P2 for the 40 IT administrators."),
        H("Timeline"),
        T([["Milestone", "Date"], ["Faculty MFA", "3 July 2026"], ["Students MFA", "28 August 2026"]], header=True),
        H("Signatures"),
        T([["For Smith & Brandt Advisory LLP", "For School of Fine Art"],
           ["Signed: Helen Brandt", "Signed: Grace Liu"],
           ["Title: Partner", "Title: Director of IT Services"]], grid=True, widths=[234, 234]),
        Sdt("Partner signature date: ", "2 June 2026", tag="PartnerSignDate", date_iso="2026-06-02"),
        Sdt("Customer signature date: ", "4 June 2026", tag="CustomerSignDate", date_iso="2026-06-04"),
    ]
    spec = DocSpec(title="SOW - School of Fine Art - Entra ID", author="Helen Brandt",
                   header="Smith & Brandt Advisory LLP - SOW template v5", blocks=blocks)
    claim = Claim(cid, "School of Fine Art - Entra ID", SMITH_BRANDT, cust, [prod], [("SOW_SchoolOfFineArt_EntraID.docx", "")])
    return Case("docx-content-controls-or-tables", claim, {"SOW_SchoolOfFineArt_EntraID.docx": docx(spec)}, crit(),
                {"ENTRA_ID": "linked"}, "approve", ["docx", "content-controls", "date-picker", "table-signature"],
                "A Word template filled through inline content controls (customer and partner names, effective date "
                "and signature dates as date-picker controls), scope and signatures in tables ('Signed: Grace Liu' "
                "under 'For School of Fine Art'). All met.")


# ------------------------------------------------------------------------------ conflicts

WOODGROVE = customer("Woodgrove Bank", "woodgrovebank.example", "Lena Fischer", "Head of Workplace Technology",
                     "400 Broad Street, Charlotte, NC 28202")
BOXWOOD = customer("Boxwood Furniture Ltd", "boxwoodfurniture.example", "Tom Hughes", "Finance Director",
                   "Boxwood Mill, Station Road, High Wycombe HP13 6AD", "United Kingdom")


def conflict_exo_strong(cid: str) -> Case:
    prod = Product("Exchange Online", "EXO")
    spec = DocSpec(title="Woodgrove Bank - EXO SOW", author="Ola Demmo", blocks=sow_blocks(
        partner=FABRIKAM, customer=WOODGROVE, number="FAB-2026-027", effective="April 13, 2026",
        title="Exchange Online Migration and Mailbox Expansion",
        background="Woodgrove Bank runs Exchange 2016 for 6,800 employees across 210 branches.",
        scope=["Migrate 6,800 mailboxes and 1,100 shared mailboxes from Exchange 2016 to Exchange Online.",
               "Configure Exchange Online retention, journaling and litigation hold for FINRA compliance.",
               "Deploy Exchange Online Protection and DMARC enforcement."],
        milestones=[("Pilot", "Head-office IT", "May 11, 2026"), ("Branches", "All branches migrated", "August 28, 2026")],
        growth=["Add Exchange Online Kiosk mailboxes for 2,300 tellers (licensed mailboxes from 6,800 to 9,100) "
                "by October 2026."],
        fees="USD 171,000.", signatures=both_signed(FABRIKAM, WOODGROVE, "April 13, 2026", "April 15, 2026")))
    claim = Claim(cid, "Woodgrove - EXO (Fabrikam)", FABRIKAM, WOODGROVE, [prod], [("FAB-2026-027_Woodgrove_signed.pdf", "")])
    return Case("conflict-exo-strong", claim, {"FAB-2026-027_Woodgrove_signed.pdf": pdf(spec)}, crit(), {"EXO": "linked"},
                "approve", ["conflict", "conflict-winner", "pdf"],
                "Conflict pair 1 (Woodgrove Bank, Exchange Online), stronger side: fully signed SOW, migration work, "
                "mailbox growth. All met; should win against conflict-exo-weak.")


def conflict_exo_weak(cid: str) -> Case:
    prod = Product("Exchange Online", "EXO")
    blocks = [
        H("Proposal: Exchange Online Readiness and Migration", 1),
        P(f"Prepared for {WOODGROVE.name} by {WINGTIP.name}    |    June 4, 2026", "center"),
        H("Executive summary"),
        P("Wingtip Digital Inc. proposes to assess Woodgrove Bank's Exchange 2016 environment and migrate mailboxes to "
          "Exchange Online in a phased programme."),
        H("Proposed approach"),
        P("1. Assess the Exchange 2016 environment and plan the Exchange Online migration batches."),
        P("2. Migrate mailboxes to Exchange Online in weekly batches after a pilot."),
        H("Proposed timeline"),
        T([["Phase", "Timing"], ["Assessment", "Proposed start date: July 6, 2026"], ["Migration", "Weeks 4-16"]],
          header=True),
        H("Why Wingtip"),
        P("Our team brings deep Microsoft expertise and a commitment to customer success."),
        H("Next steps"),
        P("Upon acceptance, Wingtip will issue a statement of work for signature."),
    ]
    spec = DocSpec(title="Wingtip proposal - Woodgrove", author="Rafael Costa", blocks=blocks)
    claim = Claim(cid, "Woodgrove - EXO (Wingtip)", WINGTIP, WOODGROVE, [prod], [("Wingtip_Proposal_Woodgrove_EXO.pdf", "")],
                  activity="Pre-sales")
    return Case("conflict-exo-weak", claim, {"Wingtip_Proposal_Woodgrove_EXO.pdf": pdf(spec)},
                crit(customer_signature="not_met", growth_activities="not_met"), {"EXO": "linked"}, "request_info",
                ["conflict", "conflict-loser", "unsigned-proposal", "pdf"],
                "Conflict pair 1, weaker side: an unsigned sales proposal (June 4, 2026; proposed start July 6, 2026) "
                "for assessing and migrating Exchange Online (intended work: linked). No customer signature, no "
                "growth. Names and dates met. Loses to conflict-exo-strong.")


def conflict_bc_strong(cid: str) -> Case:
    prod = Product("Dynamics 365 Business Central", "D365_BC")

    def build(path: Path) -> Path:
        return poe_template(path, partner=NORTHWIND, cust=BOXWOOD, activity="Deployment", start=date(2026, 2, 23),
                            golive=date(2026, 6, 1),
                            description="Replace Sage 200 with Dynamics 365 Business Central for manufacturing and "
                                        "distribution.",
                            work={"Dynamics 365 Business Central": "Implement Business Central finance, manufacturing "
                                                                   "and warehouse modules; migrate Sage 200 data; "
                                                                   "train 35 users."},
                            growth="Grow Business Central users from 35 to 60 by adding the showroom and "
                                   "field-sales teams by December 2026.",
                            ack={"name": BOXWOOD.contact, "title": BOXWOOD.title, "email": BOXWOOD.email,
                                 "date": date(2026, 2, 25), "yes": "Yes"})
    claim = Claim(cid, "Boxwood - Business Central (Northwind)", NORTHWIND, BOXWOOD, [prod], [("POE_Boxwood_BC.xlsx", "")])
    return Case("conflict-bc-strong", claim, {"POE_Boxwood_BC.xlsx": build}, crit(), {"D365_BC": "linked"}, "approve",
                ["conflict", "conflict-winner", "template", "xlsx"],
                "Conflict pair 2 (Boxwood Furniture Ltd, Business Central), stronger side: complete POE template "
                "acknowledged by the customer on 25/02/2026. All met; should win against conflict-bc-weak.")


def conflict_bc_weak(cid: str) -> Case:
    prod = Product("Dynamics 365 Business Central", "D365_BC")
    spec = DocSpec(title="Boxwood - Business Central upgrade", author="Marcus Bell", a4=True, blocks=sow_blocks(
        partner=ADATUM, customer=BOXWOOD, number="ADT-SOW-0288", effective="14 April 2025",
        title="Business Central Upgrade Assessment",
        background="Boxwood Furniture Ltd asked for an assessment of moving from Sage 200 to Business Central.",
        scope=["Assess Sage 200 processes and produce a Dynamics 365 Business Central fit-gap report.",
               "Build a Business Central sandbox demonstrating the manufacturing module."],
        milestones=[("Workshops", "Discovery workshops", "28 April 2025"), ("Report", "Fit-gap report", "23 May 2025")],
        growth=["Grow the Customer's Business Central footprint from a 5-user sandbox to a 35-user production "
                "roll-out following the assessment."],
        fees="GBP 9,500.", signatures=both_signed(ADATUM, BOXWOOD, "14 April 2025", "16 April 2025")))
    claim = Claim(cid, "Boxwood - Business Central (Adatum)", ADATUM, BOXWOOD, [prod], [("ADT-SOW-0288_Boxwood.pdf", "")],
                  activity="Pre-sales")
    return Case("conflict-bc-weak", claim, {"ADT-SOW-0288_Boxwood.pdf": pdf(spec)},
                crit(customer_signature="not_met", dates="not_met"), {"D365_BC": "linked"}, "request_info",
                ["conflict", "conflict-loser", "stale-acknowledgment", "pdf"],
                "Conflict pair 2, weaker side: a small assessment SOW signed by the customer on 16 April 2025, 15 "
                "months before submission, with only 2025 dates: customer signature (stale, D-22) and dates not "
                "met. Names, Business Central work and growth met. Loses to conflict-bc-strong.")


# ------------------------------------------------------------------------------ ineligible

def _good_sow(partner: Org, cust: Org, product_line: Sequence[str], growth: str, number: str) -> DocSpec:
    return DocSpec(title=f"SOW {number}", author=partner.contact, blocks=sow_blocks(
        partner=partner, customer=cust, number=number, effective="May 18, 2026", title=product_line[0],
        background=f"{cust.name} engages {partner.name} for the work below.",
        scope=list(product_line[1:]),
        milestones=[("Kick-off", "Project start", "May 25, 2026"), ("Go-live", "Production", "July 13, 2026")],
        growth=[growth], fees="USD 64,000 fixed fee.", signatures=both_signed(partner, cust, "May 18, 2026", "May 20, 2026")))


def inelig_power_bi(cid: str) -> Case:
    cust = customer("Contoso Retail Group Inc.", "contosoretail.example", "Priya Desai", "Director of Analytics",
                    "700 Fifth Avenue, Seattle, WA 98104")
    prod = Product("Power BI Pro", "POWER_BI")
    spec = _good_sow(FABRIKAM, cust, ["Power BI Analytics Platform",
                                      "Deploy Power BI Pro and build 14 Power BI dashboards for store operations.",
                                      "Configure Power BI workspaces, row-level security and scheduled refresh.",
                                      "Migrate 60 Excel reports to Power BI reports."],
                     "Grow Power BI Pro users from 80 to 450 store and regional managers by December 2026.",
                     "FAB-2026-035")
    claim = Claim(cid, "Contoso Retail - Power BI", FABRIKAM, cust, [prod], [("FAB-2026-035_ContosoRetail_PowerBI.pdf", "")])
    return Case("inelig-power-bi", claim, {"FAB-2026-035_ContosoRetail_PowerBI.pdf": pdf(spec)}, crit(),
                {"POWER_BI": "linked"}, "reject", ["eligibility", "power-bi", "dpor"],
                "A flawless POE for Power BI work, but Power BI is not claimable through CPOR (it stays on DPOR, "
                "D-3): ineligible, reject whatever the POE. All POE criteria met.",
                eligible=False, eligibility_rules=["D-3"])


def inelig_csp_subscription(cid: str) -> Case:
    cust = customer("Litchfield Outdoor Supply Co.", "litchfieldoutdoor.example", "Greg Barnes", "VP Sales",
                    "45 Mountain Road, Bozeman, MT 59715")
    prod = Product("Dynamics 365 Sales Enterprise", "D365_SALES_ENT")
    spec = _good_sow(ADATUM, cust, ["Dynamics 365 Sales Enterprise Roll-out",
                                    "Implement Dynamics 365 Sales Enterprise for 30 wholesale account managers.",
                                    "Configure Dynamics 365 Sales forecasting and the dealer portal integration."],
                     "Grow Dynamics 365 Sales users from 30 to 65 by adding the retail-partner team in Q4 2026.",
                     "ADT-SOW-0520")
    claim = Claim(cid, "Litchfield - D365 Sales", ADATUM, cust, [prod], [("ADT-SOW-0520_Litchfield.pdf", "")])
    return Case("inelig-csp-subscription", claim, {"ADT-SOW-0520_Litchfield.pdf": pdf(spec)}, crit(),
                {"D365_SALES_ENT": "linked"}, "reject", ["eligibility", "csp-subscription", "subscription"],
                "Good POE, but the claimed subscription is a CSP subscription in the tenant directory (CSP is not "
                "claimable, D-8): ineligible, reject. All POE criteria met.",
                eligible=False, eligibility_rules=["D-8"],
                tenant=tenant_entry(cust, [prod], channel="CSP"))


def inelig_activated_47h(cid: str) -> Case:
    cust = customer("Harbor Freightways Inc.", "harborfreightways.example", "Dennis Cho", "Director of Customer Experience",
                    "2200 Harbor Boulevard, Long Beach, CA 90802")
    prod = Product("Dynamics 365 Customer Service", "D365_CUSTOMER_SERVICE")
    spec = _good_sow(PROSEWARE, cust, ["Dynamics 365 Customer Service Desk",
                                       "Implement Dynamics 365 Customer Service case routing for the shipper help desk.",
                                       "Configure SLAs and the customer portal, and migrate 40,000 open and closed cases."],
                     "Grow Dynamics 365 Customer Service agents from 25 to 70 as the West Coast desks move over by "
                     "October 2026.", "PW-CS-2026-05")
    activated = iso(CREATED - timedelta(hours=47))
    claim = Claim(cid, "Harbor Freightways - D365 CS", PROSEWARE, cust, [prod], [("PW-CS-2026-05_HarborFreightways.pdf", "")])
    return Case("inelig-activated-47h", claim, {"PW-CS-2026-05_HarborFreightways.pdf": pdf(spec)}, crit(),
                {"D365_CUSTOMER_SERVICE": "linked"}, "reject", ["eligibility", "activation-48h", "subscription"],
                f"Good POE, but the subscription was activated at {activated}, 47 hours before the claim was created "
                f"(D-8: claims only 48 hours or more after activation): ineligible, reject. All POE criteria met.",
                eligible=False, eligibility_rules=["D-8"],
                tenant=tenant_entry(cust, [prod], activated_at=activated))


CASES = [template_xlsx_complete, template_xlsx_empty_ack, dates_tbd, dates_excel_serial_template,
         multi_doc_sow_plus_po, two_column_signature_blocks, two_column_customer_column_blank, scanned_signed_page,
         docx_content_controls, conflict_exo_strong, conflict_exo_weak, conflict_bc_strong, conflict_bc_weak,
         inelig_power_bi, inelig_csp_subscription, inelig_activated_47h]
# Added after batch 2, so the case numbers before them stay as they were.
LATER_CASES = [scanned_execution_table, scanned_execution_table_customer_blank]
CONFLICTS = [("conflict-exo-strong", "conflict-exo-weak"), ("conflict-bc-strong", "conflict-bc-weak")]
