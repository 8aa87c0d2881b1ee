"""Cases about the customer's signature or acknowledgment (D-11.1, D-22)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.cases.kit import Case, both_signed, crit, sig_stacked, sow_blocks
from tests.cases.parties import (
    ADATUM,
    COHO,
    CONTOSO_DIST,
    FABRIKAM,
    LUCERNE,
    NORTHWIND,
    PROSEWARE,
    RELECLOUD,
    SMITH_BRANDT,
    TAILSPIN,
    TREY,
    WINGTIP,
    Claim,
    Product,
    customer,
)
from tests.cases.render import Break, DocSpec, H, P, SigImage, T, write_docx, write_eml, write_pdf


def pdf(spec: DocSpec) -> Callable[[Path], Any]:
    return lambda path: write_pdf(path, spec)


def docx(spec: DocSpec) -> Callable[[Path], Any]:
    return lambda path: write_docx(path, spec)


# ----------------------------------------------------------------------------------------

def baseline_signed_sow_pdf(cid: str) -> Case:
    cust = customer("Contoso Pharmaceuticals Ltd", "contosopharma.example", "Teo Lupu", "Chief Information Officer",
                    "4500 Research Parkway, Raleigh, NC 27601")
    prod = Product("Dynamics 365 Sales Enterprise", "D365_SALES_ENT")
    spec = DocSpec(title="SOW - Contoso Pharmaceuticals - Dynamics 365 Sales", author="Ola Demmo", blocks=sow_blocks(
        partner=FABRIKAM, customer=cust, number="FAB-2026-014", effective="March 2, 2026",
        title="Dynamics 365 Sales Enterprise Implementation",
        background="Contoso Pharmaceuticals Ltd manages its field sales pipeline in spreadsheets and a legacy "
                   "on-premises CRM. The Customer has purchased Dynamics 365 Sales Enterprise and engages Partner "
                   "to implement it for its US commercial organisation.",
        scope=["Deploy Dynamics 365 Sales Enterprise in the Customer's production and UAT environments.",
               "Configure the lead-to-opportunity process, sales territories and product catalogue in Dynamics 365 "
               "Sales Enterprise.",
               "Migrate 38,000 accounts and contacts and 4,200 open opportunities from the legacy CRM.",
               "Train 24 sales managers and 140 sellers on Dynamics 365 Sales Enterprise."],
        milestones=[("Kick-off", "Project initiation and design workshops", "March 9, 2026"),
                    ("Build complete", "Configuration and data migration rehearsed", "May 15, 2026"),
                    ("Go-live", "Dynamics 365 Sales Enterprise live for the first 60 sellers", "June 22, 2026"),
                    ("Wave 2", "Remaining sellers onboarded", "September 14, 2026")],
        growth=["Grow licensed Dynamics 365 Sales Enterprise users from 60 at go-live to 164 by September 30, 2026.",
                "Raise weekly active usage among licensed sellers to at least 85% within 90 days of go-live, "
                "tracked monthly in the adoption dashboard."],
        assumptions=["The Customer provides a named product owner for the duration of the project."],
        fees="Fixed fee of USD 148,000, invoiced 30% at kick-off, 40% at go-live and 30% at Wave 2.",
        signatures=both_signed(FABRIKAM, cust, "March 2, 2026", "March 4, 2026")))
    claim = Claim(cid, "Contoso Pharma - D365 Sales", FABRIKAM, cust, [prod],
                  [("SOW_ContosoPharma_D365Sales_signed.pdf", "Signed SOW")], comment="Phase 1 of the CRM roll-out")
    return Case("baseline-signed-sow-pdf", claim, {"SOW_ContosoPharma_D365Sales_signed.pdf": pdf(spec)},
                crit(), {"D365_SALES_ENT": "linked"}, "approve", ["baseline", "pdf", "conformed-signature"],
                "Reference case: a complete SOW signed by both parties with '/s/' lines (March 2026), partner and "
                "customer named as in Partner Center and the directory, the product deployed/configured/migrated, "
                "explicit seat and usage growth. Every criterion clearly met.")


def sig_partner_only(cid: str) -> Case:
    cust = customer("Fourth Coffee Corporation", "fourthcoffee.example", "Aaron Miles", "Director of Customer Care",
                    "1 Roastery Way, Portland, OR 97209")
    prod = Product("Dynamics 365 Customer Service", "D365_CUSTOMER_SERVICE")
    sigs = [*sig_stacked("Partner", ADATUM.name, ADATUM.contact, ADATUM.title, "April 14, 2026"), P(""),
            *sig_stacked("Customer", cust.name, "", "", "", "blank")]
    spec = DocSpec(title="Fourth Coffee - D365 Customer Service SOW", author="Marcus Bell", blocks=sow_blocks(
        partner=ADATUM, customer=cust, number="ADT-SOW-0412", effective="April 14, 2026",
        title="Dynamics 365 Customer Service Contact Centre",
        background="Fourth Coffee Corporation runs its consumer and café-partner support desk on e-mail inboxes. "
                   "The Customer wants a single case management system for its 70-person care team.",
        scope=["Implement Dynamics 365 Customer Service case management, queues and routing rules.",
               "Configure the knowledge base and entitlements for café partners in Dynamics 365 Customer Service.",
               "Integrate the Customer's telephony provider and migrate 18 months of open and closed cases."],
        milestones=[("Design", "Process design sign-off", "May 1, 2026"),
                    ("Go-live", "All care agents working cases in Dynamics 365", "June 29, 2026")],
        growth=["Increase the number of licensed Dynamics 365 Customer Service agents from 25 to 70 by the end of "
                "Q3 2026, and extend the service to the Canadian care team (a further 15 agents) in Q4 2026."],
        fees="Time and materials, estimated at USD 96,400.", signatures=sigs))
    claim = Claim(cid, "Fourth Coffee - D365 CS", ADATUM, cust, [prod], [("FourthCoffee_D365CS_SOW.pdf", "SOW")])
    return Case("sig-partner-only", claim, {"FourthCoffee_D365CS_SOW.pdf": pdf(spec)},
                crit(customer_signature="not_met"), {"D365_CUSTOMER_SERVICE": "linked"}, "request_info",
                ["signature", "partner-only-signature", "blank-customer-block", "pdf"],
                "Only the partner signed (April 14, 2026); the customer block is printed but empty (underscores). "
                "Customer signature not met. Dates met (effective date and partner signature date within 12 months). "
                "Names, product work and agent-count growth are all present and met.")


def sig_docusign_certificate(cid: str) -> Case:
    cust = customer("Lamna Healthcare Company", "lamnahealthcare.example", "Nicole Brooks", "VP Field Operations",
                    "900 Medical Center Drive, Nashville, TN 37232")
    prod = Product("Dynamics 365 Field Service", "D365_FIELD_SERVICE")
    env = "8E3B2C71-4A9D-4F0E-B6D2-91C5A7E04F3B"
    sigs = [T([["PROSEWARE, INC.", "LAMNA HEALTHCARE COMPANY"],
               [["DocuSigned by:", SigImage(3), "1F0A7C6B2D9E4A1..."], ["DocuSigned by:", SigImage(8), "7B41D0C9E3A54F2..."]],
               ["Name: Dana Whitfield", "Name: Nicole Brooks"],
               ["Title: Account Executive", "Title: VP Field Operations"],
               ["Date: 3/10/2026", "Date: 3/12/2026"]], grid=False, widths=[234, 234])]
    blocks = sow_blocks(
        partner=PROSEWARE, customer=cust, number="PW-FS-2026-03", effective="March 10, 2026",
        title="Dynamics 365 Field Service for Home Health Visits",
        background="Lamna Healthcare Company schedules 1,100 home-health visits a week by phone and paper. It has "
                   "licensed Dynamics 365 Field Service to schedule, dispatch and record visits.",
        scope=["Implement Dynamics 365 Field Service work orders, resource scheduling and the mobile app for nurses.",
               "Configure scheduling optimisation for the Nashville and Memphis regions.",
               "Build integrations between Dynamics 365 Field Service and the Customer's EHR for visit outcomes."],
        milestones=[("Pilot", "Memphis region, 40 clinicians", "April 20, 2026"),
                    ("Rollout", "Nashville region, 160 clinicians", "June 8, 2026")],
        growth=["Expand Dynamics 365 Field Service from the 40-clinician pilot to 200 licensed field users by "
                "June 30, 2026, and to the Knoxville region (a further 90 users) by December 2026."],
        fees="Fixed fee USD 212,000.", signatures=sigs)
    cert = [H("Certificate Of Completion", 1),
            T([[f"Envelope Id: {env.replace('-', '')}", "Status: Completed"],
               ["Subject: Please DocuSign: Lamna_FieldService_SOW_PW-FS-2026-03.pdf", ""],
               ["Document Pages: 3", "Signatures: 2"], ["Certificate Pages: 1", "Initials: 0"],
               ["AutoNav: Enabled", "Envelope Originator: Dana Whitfield"],
               ["EnvelopeId Stamping: Enabled", "dana.whitfield@proseware.example"],
               ["Time Zone: (UTC-06:00) Central Time (US & Canada)", "IP Address: 203.0.113.24"]], grid=False),
            H("Record Tracking", 3),
            T([["Status: Original", "Holder: Dana Whitfield", "Location: DocuSign"],
               ["3/10/2026 9:02:11 AM", "dana.whitfield@proseware.example", ""]], grid=False),
            H("Signer Events", 3),
            T([["Signer Events", "Signature", "Timestamp"],
               ["Dana Whitfield\ndana.whitfield@proseware.example\nAccount Executive\nProseware, Inc.\n"
                "Security Level: Email, Account Authentication (None)",
                "Signature Adoption: Pre-selected Style\nUsing IP Address: 203.0.113.24",
                "Sent: 3/10/2026 9:04:37 AM\nViewed: 3/10/2026 9:05:02 AM\nSigned: 3/10/2026 9:06:44 AM"],
               ["Nicole Brooks\nnicole.brooks@lamnahealthcare.example\nVP Field Operations\nLamna Healthcare Company\n"
                "Security Level: Email, Account Authentication (None)",
                "Signature Adoption: Drawn on Device\nUsing IP Address: 198.51.100.77",
                "Sent: 3/10/2026 9:06:46 AM\nViewed: 3/12/2026 8:15:20 AM\nSigned: 3/12/2026 8:19:03 AM"]],
              header=True, widths=[200, 140, 128]),
            H("Envelope Summary Events", 3),
            T([["Envelope Summary Events", "Status", "Timestamps"],
               ["Envelope Sent", "Hashed/Encrypted", "3/10/2026 9:04:37 AM"],
               ["Certified Delivered", "Security Checked", "3/12/2026 8:15:20 AM"],
               ["Signing Complete", "Security Checked", "3/12/2026 8:19:03 AM"],
               ["Completed", "Security Checked", "3/12/2026 8:19:03 AM"]], header=True)]
    spec = DocSpec(title="Lamna_FieldService_SOW_PW-FS-2026-03", author="Dana Whitfield",
                   header=f"Docusign Envelope ID: {env}", blocks=[*blocks, Break(), *cert])
    claim = Claim(cid, "Lamna - Field Service", PROSEWARE, cust, [prod],
                  [("Lamna_FieldService_SOW_completed.pdf", "DocuSign completed SOW with certificate")])
    return Case("sig-docusign-certificate", claim, {"Lamna_FieldService_SOW_completed.pdf": pdf(spec)},
                crit(), {"D365_FIELD_SERVICE": "linked"}, "approve",
                ["signature", "docusign", "certificate-of-completion", "two-column-signature", "us-date-format"],
                "DocuSign-completed SOW: signature blocks side by side with 'DocuSigned by:' stamps (drawn image + "
                "hash), Envelope ID header on every page, and a Certificate of Completion naming Nicole Brooks of "
                "Lamna Healthcare Company as signer (Signed: 3/12/2026). All criteria met.")


def sig_blank_customer_block_table(cid: str) -> Case:
    cust = customer("Margie's Travel LLC", "margiestravel.example", "Rosa Jimenez", "Operations Manager",
                    "210 Ocean Drive, Miami Beach, FL 33139")
    prod = Product("Power Apps", "POWER_APPS")
    sig_table = T([["", WINGTIP.name, cust.name],
                   ["Signature", SigImage(5), ""],
                   ["Name", WINGTIP.contact, ""],
                   ["Title", WINGTIP.title, ""],
                   ["Date", "June 3, 2026", ""]], header=True, widths=[80, 194, 194])
    blocks = sow_blocks(
        partner=WINGTIP, customer=cust, number="WD-2026-031", effective="June 3, 2026",
        title="Power Apps Booking Desk",
        background="Margie's Travel LLC handles group-travel booking changes through e-mail and a shared workbook. "
                   "The Customer wants a low-code booking-desk application for its agents.",
        scope=["Build a Power Apps canvas app for booking changes, with approvals for fare differences.",
               "Configure Dataverse tables for bookings, travellers and suppliers, and migrate 2 years of records.",
               "Deploy the Power Apps solution to production through a managed pipeline and train 45 agents."],
        milestones=[("Prototype", "Clickable canvas app reviewed with agents", "June 24, 2026"),
                    ("Go-live", "Booking desk app in production", "August 19, 2026")],
        growth=["Grow Power Apps usage from the 12-agent pilot group to all 45 booking agents (45 Power Apps "
                "Premium licences) by September 2026, then to the 30 agents of the Orlando office in Q1 2027."],
        fees="Fixed fee USD 58,900.", signatures=[P("Each party signs in its column below."), sig_table])
    spec = DocSpec(title="SOW Margie's Travel Power Apps", author="Rafael Costa", blocks=blocks)
    claim = Claim(cid, "Margie's Travel - Power Apps", WINGTIP, cust, [prod], [("MargiesTravel_PowerApps_SOW.docx", "")])
    return Case("sig-blank-customer-block-table", claim, {"MargiesTravel_PowerApps_SOW.docx": docx(spec)},
                crit(customer_signature="not_met"), {"POWER_APPS": "linked"}, "request_info",
                ["signature", "blank-customer-block", "ruled-table", "docx", "signature-image"],
                "DOCX whose signature block is a ruled table with one column per party: the partner column has a "
                "drawn signature image, name, title and date (June 3, 2026); the customer column is empty. "
                "Customer signature not met; dates met (effective + partner date); names, Power Apps work and "
                "licence growth met.")


def sig_po_approved_by_customer(cid: str) -> Case:
    cust = customer("Humongous Insurance", "humongousinsurance.example", "Nadia Park", "VP Procurement",
                    "1500 Market Street, Philadelphia, PA 19102")
    prod = Product("Dynamics 365 Sales Professional", "D365_SALES_PRO")
    blocks = [
        T([["HUMONGOUS INSURANCE\n1500 Market Street\nPhiladelphia, PA 19102\nprocurement@humongousinsurance.example",
            "PURCHASE ORDER\nPO Number: HI-PO-2026-00871\nPO Date: 05/18/2026\nPayment terms: Net 45"]],
          grid=False, widths=[260, 208]),
        T([["Vendor", "Ship To / Bill To"],
           [f"{TREY.name}\n77 Summer Street\nBoston, MA 02110\nVendor ID: V-30877",
            "Humongous Insurance\nAttn: Sales Operations\n1500 Market Street, Philadelphia, PA 19102"]],
          header=True, widths=[234, 234]),
        T([["Line", "Description", "Qty", "Unit price", "Amount"],
           ["1", "Dynamics 365 Sales Professional implementation services: configure the broker pipeline, quoting "
                 "and commission tracking; migrate 14,000 broker contacts from Salesforce", "1", "$84,000.00",
            "$84,000.00"],
           ["2", "Adoption services: onboard the second wave of 90 agency sellers to Dynamics 365 Sales "
                 "Professional, growing licensed users from 60 to 150 by 09/30/2026", "1", "$22,500.00",
            "$22,500.00"],
           ["3", "Hypercare, 6 weeks after go-live", "6", "$2,000.00", "$12,000.00"],
           ["", "", "", "Total", "$118,500.00"]], header=True, widths=[30, 248, 30, 80, 80]),
        P("Reference: Trey Research Group Inc. proposal TR-Q-2291 dated 04/30/2026. Services to start 06/01/2026."),
        P("Terms: This purchase order is governed by the Humongous Insurance standard terms of purchase. "
          "Invoices must quote the PO number."),
        T([["Requested by:", "Marta Lindqvist, Director Sales Operations", "05/15/2026"],
           ["Approved by:", "Nadia Park, VP Procurement, Humongous Insurance", "05/18/2026"],
           ["Authorized signature:", "/s/ Nadia Park", ""]], grid=True, widths=[120, 250, 98]),
    ]
    spec = DocSpec(title="Purchase Order HI-PO-2026-00871", author="Humongous Insurance Procurement", blocks=blocks)
    claim = Claim(cid, "Humongous - D365 Sales Pro", TREY, cust, [prod], [("HI-PO-2026-00871.pdf", "Customer PO")])
    return Case("sig-po-approved-by-customer", claim, {"HI-PO-2026-00871.pdf": pdf(spec)},
                crit(), {"D365_SALES_PRO": "linked"}, "approve", ["signature", "purchase-order", "pdf", "us-date-format"],
                "A purchase order issued by the customer to the partner (vendor), approved and signed by the "
                "customer's VP Procurement on 05/18/2026: customer acknowledgment met. Line items configure/migrate "
                "Dynamics 365 Sales Professional and grow licensed users from 60 to 150 (growth met).")


def sig_email_ack_from_customer_domain(cid: str) -> Case:
    cust = customer("Wide World Importers Ltd", "wideworldimporters.example", "Oliver Grant", "Head of IT",
                    "Riverside House, 2 Southwark Bridge Road, London SE1 9HA", "United Kingdom")
    prod = Product("Microsoft Teams", "TEAMS")
    sigs = [*sig_stacked("Partner", NORTHWIND.name, NORTHWIND.contact, NORTHWIND.title, "8 June 2026"), P(""),
            *sig_stacked("Customer", cust.name, "", "", "", "blank")]
    spec = DocSpec(title="Wide World Importers - Teams Phone SOW", author="Priya Raman", a4=True, blocks=sow_blocks(
        partner=NORTHWIND, customer=cust, number="NWS-0617", effective="8 June 2026",
        title="Microsoft Teams Phone and Meeting Rooms",
        background="Wide World Importers Ltd is retiring its on-premises PBX across three UK warehouses and its "
                   "London head office.",
        scope=["Deploy Microsoft Teams Phone with Direct Routing for 620 users, including number porting.",
               "Configure call queues and auto attendants for the customer service and warehouse desks in "
               "Microsoft Teams.", "Roll out 14 Microsoft Teams Rooms devices and train 40 Teams champions."],
        milestones=[("Pilot", "Head office, 80 users", "6 July 2026"),
                    ("Warehouses", "Remaining 540 users ported", "28 September 2026")],
        growth=["Grow Teams Phone enabled users from 80 (pilot) to 620 by September 2026, and lift weekly Teams "
                "meeting usage from 45% to 80% of staff, reported monthly."],
        fees="GBP 74,200 fixed price.", signatures=sigs))
    body = ("Hi Priya,\n\n"
            "Thanks for sending the statement of work NWS-0617 over. I confirm that Wide World Importers Ltd accepts "
            "the SOW as attached and approves Northwind Solutions to proceed with the Microsoft Teams Phone "
            "roll-out and the Teams Rooms deployment on the dates in section 3.\n\n"
            "We won't be printing and signing it - please take this e-mail as our formal approval. Purchase order "
            "to follow from finance.\n\n"
            "Kind regards,\n\nOliver Grant\nHead of IT | Wide World Importers Ltd\n"
            "Riverside House, 2 Southwark Bridge Road, London SE1 9HA\n\n"
            "-----Original Message-----\n"
            "From: Priya Raman <priya.raman@northwind-solutions.example>\n"
            "Sent: 08 June 2026 16:20\nTo: Oliver Grant <oliver.grant@wideworldimporters.example>\n"
            "Subject: Wide World Importers - Teams Phone SOW for approval\n\n"
            "Hi Oliver, please find attached the SOW for the Teams Phone programme for your approval.\n\n"
            "Best, Priya\n")
    files: dict[str, Callable[[Path], Any]] = {
        "NWS-0617_WWI_TeamsPhone_SOW.pdf": pdf(spec),
        "RE_WWI_TeamsPhone_SOW_approval.eml": lambda path: write_eml(
            path, sender="Oliver Grant <oliver.grant@wideworldimporters.example>",
            to="Priya Raman <priya.raman@northwind-solutions.example>",
            cc="IT Projects <itprojects@wideworldimporters.example>",
            subject="RE: Wide World Importers - Teams Phone SOW for approval",
            date_header="Tue, 09 Jun 2026 09:41:12 +0100", body=body,
            message_id="<DB9PR03MB7410A1B2C3@DB9PR03MB7410.eurprd03.prod.outlook.example>",
            in_reply_to="<LO2P265MB55521F@LO2P265MB5552.GBRP265.PROD.OUTLOOK.example>")}
    claim = Claim(cid, "WWI Teams Phone", NORTHWIND, cust, [prod],
                  [("NWS-0617_WWI_TeamsPhone_SOW.pdf", "SOW (customer approved by e-mail)"),
                   ("RE_WWI_TeamsPhone_SOW_approval.eml", "Customer approval e-mail")])
    return Case("sig-email-ack-from-customer-domain", claim, files, crit(), {"TEAMS": "linked"}, "approve",
                ["signature", "email-acknowledgment", "eml", "multi-document", "uk-date-format"],
                "SOW signed by the partner only (customer block blank) plus an e-mail from oliver.grant@"
                "wideworldimporters.example (the customer's domain, 9 June 2026) explicitly approving the SOW: "
                "customer acknowledgment met. Names, dates, Teams work and usage growth met.")


def sig_stale_13_months(cid: str) -> Case:
    cust = customer("Consolidated Messenger", "consolidatedmessenger.example", "Bryn Evans", "IT Director",
                    "88 Fleet Road, Cardiff CF10 1AA", "United Kingdom")
    prod = Product("Exchange Online", "EXO")
    spec = DocSpec(title="Consolidated Messenger - Exchange Online migration SOW", author="James Whitaker", a4=True,
                   blocks=sow_blocks(
        partner=COHO, customer=cust, number="COHO-2025-118", effective="2 June 2025",
        title="Exchange Online Migration",
        background="Consolidated Messenger runs Exchange Server 2013 on premises, out of support, for 1,300 couriers "
                   "and office staff.",
        scope=["Migrate 1,300 mailboxes and 45 shared mailboxes from Exchange 2013 to Exchange Online.",
               "Configure hybrid mail flow, Exchange Online Protection policies and retention tags.",
               "Decommission the on-premises Exchange servers after cut-over."],
        milestones=[("Hybrid", "Hybrid configuration complete", "30 June 2025"),
                    ("Migration", "All mailboxes moved to Exchange Online", "29 August 2025"),
                    ("Decommission", "On-premises Exchange removed", "26 September 2025")],
        growth=["Extend Exchange Online mailboxes to the 400 seasonal couriers (licence count from 1,300 to 1,700) "
                "and move the franchise depots onto Exchange Online Plan 1."],
        fees="GBP 61,000 fixed price.", signatures=both_signed(COHO, cust, "9 June 2025", "11 June 2025")))
    claim = Claim(cid, "Consolidated Messenger - EXO", COHO, cust, [prod],
                  [("COHO-2025-118_ConsolidatedMessenger_SOW.pdf", "Signed SOW")])
    return Case("sig-stale-13-months", claim, {"COHO-2025-118_ConsolidatedMessenger_SOW.pdf": pdf(spec)},
                crit(customer_signature="not_met", dates="not_met"), {"EXO": "linked"}, "request_info",
                ["signature", "stale-acknowledgment", "dates", "stale-dates", "pdf"],
                "Fully signed SOW, but the customer signed on 11 June 2025, more than 13 months before the "
                "20 July 2026 submission, and every other date (effective, milestones) is from 2025: the "
                "acknowledgment is stale (D-22) so customer signature and dates are not met. Names, Exchange Online "
                "work and licence growth met.")


def sig_signed_by_other_org(cid: str) -> Case:
    cust = customer("Blue Yonder Airlines", "blueyonderairlines.example", "Mei Tanaka", "Head of End-User Computing",
                    "Terminal 3, Sydney Airport NSW 2020", "Australia")
    prod = Product("Microsoft Intune", "INTUNE")
    sigs = [*sig_stacked("Partner", RELECLOUD.name, RELECLOUD.contact, RELECLOUD.title, "5 May 2026"), P(""),
            P(f"Customer: {cust.name}", "bold"),
            P(f"Signed for and on behalf of the Customer by its authorised reseller {CONTOSO_DIST.name}:"),
            P(f"By: /s/ {CONTOSO_DIST.contact}"), P(f"Name: {CONTOSO_DIST.contact}"),
            P(f"Title: {CONTOSO_DIST.title}, {CONTOSO_DIST.name}"), P("Date: 7 May 2026")]
    spec = DocSpec(title="Blue Yonder Airlines - Intune SOW", author="Chloe Nguyen", a4=True, blocks=sow_blocks(
        partner=RELECLOUD, customer=cust, number="RC-SOW-2605", effective="5 May 2026",
        title="Microsoft Intune Device Management",
        background="Blue Yonder Airlines manages crew iPads and airport kiosks with an ageing on-premises tool.",
        scope=["Deploy Microsoft Intune for 2,800 crew iPads and 350 Windows kiosks, including enrolment profiles.",
               "Configure Intune compliance policies, app protection policies and the Company Portal.",
               "Migrate device configuration from the legacy tool and train the service desk."],
        milestones=[("Pilot", "200 crew devices enrolled", "15 June 2026"),
                    ("Fleet", "All devices enrolled", "30 September 2026")],
        growth=["Grow Intune-managed devices from 200 in the pilot to 3,150 by 30 September 2026 and extend "
                "Intune licensing to the 600 ground-staff Android devices in FY27."],
        fees="AUD 132,000 fixed price.", signatures=sigs))
    claim = Claim(cid, "Blue Yonder - Intune", RELECLOUD, cust, [prod], [("RC-SOW-2605_BlueYonder_Intune.pdf", "")])
    return Case("sig-signed-by-other-org", claim, {"RC-SOW-2605_BlueYonder_Intune.pdf": pdf(spec)},
                crit(customer_signature="not_met"), {"INTUNE": "linked"}, "request_info",
                ["signature", "signed-by-other-organisation", "reseller", "pdf"],
                "The customer's block was signed by Liam Porter of Contoso Distribution Services Ltd (a reseller), "
                "not by Blue Yonder Airlines: no customer signature (not met). The customer is still named as the "
                "party (customer name met); dates, Intune work and device growth met.")


def sig_unsigned_draft(cid: str) -> Case:
    cust = customer("Bellows College", "bellowscollege.example", "Dr. Imani Scott", "Chief Information Officer",
                    "300 College Avenue, Ithaca, NY 14850")
    prod = Product("Microsoft 365 Copilot", "M365_COPILOT")
    blocks = sow_blocks(
        partner=LUCERNE, customer=cust, number="LTS-DRAFT-0.3", effective="[Date]",
        title="Microsoft 365 Copilot Readiness and Adoption",
        background="Bellows College wants to give faculty and administrative staff Microsoft 365 Copilot after a "
                   "data-governance review.",
        scope=["Assess SharePoint permissions and oversharing risks ahead of the Microsoft 365 Copilot roll-out.",
               "Deploy Microsoft 365 Copilot to a pilot group of 50 administrative staff and configure usage "
               "reporting.", "Run prompt-writing workshops and build a Copilot champions network."],
        milestones=[("Assessment", "Readiness report", "Week 1-3"), ("Pilot", "50 pilot users", "Week 4-8"),
                    ("Wave 1", "Faculty roll-out", "TBD")],
        growth=["Expand Microsoft 365 Copilot from 50 pilot licences to 400 licences across faculty and "
                "administration, with a target of 70% weekly active Copilot users."],
        fees="To be confirmed after the assessment phase.",
        signatures=[*sig_stacked("Partner", LUCERNE.name, "", "", "", "blank"), P(""),
                    *sig_stacked("Customer", cust.name, "", "", "", "blank")])
    spec = DocSpec(title="DRAFT SOW Bellows College Copilot v0.3", author="Amir Haddad",
                   header="DRAFT v0.3 - FOR DISCUSSION PURPOSES ONLY - NOT FOR SIGNATURE", blocks=blocks)
    claim = Claim(cid, "Bellows College - Copilot", LUCERNE, cust, [prod], [("Bellows_Copilot_SOW_DRAFT_v0.3.docx", "")],
                  activity="Pre-sales")
    return Case("sig-unsigned-draft", claim, {"Bellows_Copilot_SOW_DRAFT_v0.3.docx": docx(spec)},
                crit(customer_signature="not_met", dates="not_met"), {"M365_COPILOT": "linked"}, "request_info",
                ["signature", "unsigned-draft", "dates", "placeholder-date", "docx"],
                "A draft SOW (header 'DRAFT v0.3 - NOT FOR SIGNATURE'): both signature blocks empty, effective date "
                "'[Date]', milestones in relative weeks and 'TBD'. Customer signature and dates not met. Names, "
                "Copilot deployment work and licence growth are present (met).")


def sig_accepted_and_agreed_line(cid: str) -> Case:
    cust = customer("Nod Publishers", "nodpublishers.example", "Elena Marsh", "General Counsel",
                    "45 West 25th Street, New York, NY 10010")
    prod = Product("Microsoft Purview", "PURVIEW")
    blocks = [
        P(SMITH_BRANDT.name.upper(), "bold"), P("401 N Michigan Ave, Chicago, IL 60611  |  smithbrandt.example", "small"),
        P("April 20, 2026"),
        P("Ms. Elena Marsh\nGeneral Counsel\nNod Publishers\n45 West 25th Street\nNew York, NY 10010"),
        P("Re: Engagement letter - Microsoft Purview information protection programme", "bold"),
        P("Dear Ms. Marsh,"),
        P("Thank you for selecting Smith & Brandt Advisory LLP. This letter confirms the terms on which we will help "
          "Nod Publishers protect manuscripts, contracts and author data with Microsoft Purview."),
        P("Our services. We will (a) deploy Microsoft Purview sensitivity labels for the editorial, rights and "
          "finance departments; (b) configure Purview Data Loss Prevention policies for Exchange, SharePoint and "
          "endpoints; (c) implement retention labels for author contracts; and (d) train 30 label champions."),
        P("Timeline. Work starts on May 4, 2026; labelling goes live for editorial on June 15, 2026 and for all "
          "departments by August 31, 2026."),
        P("Adoption goals. Together we aim to grow the share of documents carrying a sensitivity label from under "
          "5% today to 75% by December 2026, and to extend Microsoft Purview licensing from the 120 editorial users "
          "to all 410 employees."),
        P("Fees. Our fixed fee is USD 64,000, billed monthly over four months."),
        P("Please sign and return a copy of this letter to confirm your agreement."),
        P("Very truly yours,"), P(SMITH_BRANDT.name), P("/s/ Helen Brandt"), P("Helen Brandt, Partner"),
        P(""),
        P("ACCEPTED AND AGREED:", "bold"),
        P("NOD PUBLISHERS"),
        P("By: /s/ Elena Marsh        Name: Elena Marsh        Title: General Counsel        Date: April 22, 2026"),
    ]
    spec = DocSpec(title="Engagement letter - Nod Publishers", author="Helen Brandt", blocks=blocks)
    claim = Claim(cid, "Nod Publishers - Purview", SMITH_BRANDT, cust, [prod], [("NodPublishers_EngagementLetter_countersigned.pdf", "")])
    return Case("sig-accepted-and-agreed-line", claim, {"NodPublishers_EngagementLetter_countersigned.pdf": pdf(spec)},
                crit(), {"PURVIEW": "linked"}, "approve",
                ["signature", "accepted-and-agreed", "engagement-letter", "ampersand-name", "pdf"],
                "US engagement letter countersigned on one 'ACCEPTED AND AGREED: NOD PUBLISHERS By: /s/ Elena Marsh "
                "... Date: April 22, 2026' line. Partner named with '&' exactly as claimed. Purview deploy/configure "
                "work, label-coverage and licence growth. All met.")


def sig_image_in_customer_block(cid: str) -> Case:
    cust = customer("Southridge Video", "southridgevideo.example", "Paul Becker", "Chief Marketing Officer",
                    "1200 Sunset Boulevard, Los Angeles, CA 90026")
    prod = Product("Dynamics 365 Customer Insights", "D365_CUSTOMER_INSIGHTS")
    sig = T([["", "PARTNER", "CUSTOMER"],
             ["Company", ADATUM.name, cust.name],
             ["Signature", SigImage(2), SigImage(11)],
             ["Printed name", ADATUM.contact, cust.contact],
             ["Title", ADATUM.title, cust.title],
             ["Date", "May 11, 2026", "May 13, 2026"]], header=True, widths=[90, 189, 189])
    spec = DocSpec(title="Southridge Video - Customer Insights SOW", author="Marcus Bell", blocks=sow_blocks(
        partner=ADATUM, customer=cust, number="ADT-SOW-0507", effective="May 11, 2026",
        title="Dynamics 365 Customer Insights - Journeys",
        background="Southridge Video sends subscriber campaigns from three disconnected e-mail tools.",
        scope=["Implement Dynamics 365 Customer Insights - Data to unify 2.1 million subscriber profiles.",
               "Configure Customer Insights - Journeys for renewal, win-back and onboarding journeys.",
               "Migrate 140 e-mail templates and train the 12-person marketing operations team."],
        milestones=[("Data unification", "Unified profiles available", "June 19, 2026"),
                    ("Journeys live", "First three journeys in production", "July 31, 2026")],
        growth=["Increase marketing contacts engaged through Customer Insights - Journeys from 250,000 to 1.5 million "
                "per month by year end, and grow the licensed Customer Insights users from 12 to 30."],
        fees="USD 118,000 fixed fee.", signatures=[sig]))
    claim = Claim(cid, "Southridge - Customer Insights", ADATUM, cust, [prod], [("Southridge_CI_SOW_signed.pdf", "")])
    return Case("sig-image-in-customer-block", claim, {"Southridge_CI_SOW_signed.pdf": pdf(spec)},
                crit(), {"D365_CUSTOMER_INSIGHTS": "linked"}, "approve",
                ["signature", "signature-image", "ruled-table", "pdf"],
                "Signature block is a ruled table with a PARTNER and a CUSTOMER column; both 'Signature' cells hold a "
                "drawn signature image (no text), with printed names and dates (May 11/13, 2026). Customer signature "
                "met by the image in the customer's column. All other criteria met.")


def email_ack_from_partner_domain(cid: str) -> Case:
    cust = customer("Harbourside Logistics Pty Ltd", "harboursidelogistics.example", "Mark Sullivan",
                    "IT Manager", "12 Wharf Road, Port Melbourne VIC 3207", "Australia")
    prod = Product("SharePoint Online", "SPO")
    sigs = [*sig_stacked("Partner", RELECLOUD.name, RELECLOUD.contact, RELECLOUD.title, "1 June 2026"), P(""),
            *sig_stacked("Customer", cust.name, "", "", "", "blank")]
    spec = DocSpec(title="Harbourside SharePoint Online SOW", author="Chloe Nguyen", a4=True, blocks=sow_blocks(
        partner=RELECLOUD, customer=cust, number="RC-SOW-2611", effective="1 June 2026",
        title="SharePoint Online Intranet and File Migration",
        background="Harbourside Logistics Pty Ltd keeps 6 TB of operational documents on file servers in two depots.",
        scope=["Build a SharePoint Online intranet with news, depot sites and a policy library.",
               "Migrate 6 TB of file-share content to SharePoint Online document libraries with metadata.",
               "Configure SharePoint Online sharing policies and train 25 site owners."],
        milestones=[("Intranet", "Intranet launch", "20 July 2026"), ("Migration", "File shares retired", "30 October 2026")],
        growth=["Grow monthly active SharePoint Online users from 140 to 650 (all depot staff) by November 2026."],
        fees="AUD 88,000.", signatures=sigs))
    body = ("Hi team,\n\n"
            "Quick note for the claim file: I spoke with Mark Sullivan (IT Manager at Harbourside Logistics) on our "
            "call this morning and he verbally confirmed that Harbourside is happy with the SharePoint Online SOW "
            "RC-SOW-2611 and wants us to go ahead. He'll get the signed copy back to us when their CFO is back from "
            "leave.\n\nCheers,\nChloe\n\nChloe Nguyen | Head of Modern Work | Relecloud Partners Pty Ltd\n")
    files: dict[str, Callable[[Path], Any]] = {
        "RC-SOW-2611_Harbourside_SPO.pdf": pdf(spec),
        "Harbourside_customer_confirmation.eml": lambda path: write_eml(
            path, sender="Chloe Nguyen <chloe.nguyen@relecloud.example>",
            to="Delivery <delivery@relecloud.example>", subject="Harbourside - customer confirmation of SOW",
            date_header="Wed, 03 Jun 2026 11:02:40 +1000", body=body,
            message_id="<SY4P282MB3411C0FFEE@SY4P282MB3411.AUSP282.PROD.OUTLOOK.example>")}
    claim = Claim(cid, "Harbourside - SharePoint", RELECLOUD, cust, [prod],
                  [("RC-SOW-2611_Harbourside_SPO.pdf", "SOW"), ("Harbourside_customer_confirmation.eml",
                                                               "Customer confirmation")])
    return Case("email-ack-from-partner-domain", claim, files, crit(customer_signature="not_met"), {"SPO": "linked"},
                "request_info", ["signature", "email-acknowledgment", "partner-domain-email", "eml", "multi-document"],
                "The 'customer confirmation' e-mail is an internal note from the partner's own domain (relecloud."
                "example) reporting a verbal OK; the SOW's customer block is blank. No customer signature or "
                "acknowledgment (not met). Names, dates (1 June 2026), SharePoint work and usage growth met.")


def email_only_ack(cid: str) -> Case:
    cust = customer("Pinecrest Manufacturing Co.", "pinecrestmfg.example", "Laura Chen", "Director of IT",
                    "2400 Industrial Parkway, Grand Rapids, MI 49508")
    prod = Product("Microsoft Intune", "INTUNE")
    body = ("Hello Rafael,\n\n"
            "As requested for your Microsoft partner claim, this e-mail confirms that Wingtip Digital Inc. is "
            "Pinecrest Manufacturing Co.'s partner for our Microsoft Intune programme.\n\n"
            "Since the project started on 4 May 2026, Wingtip has deployed Microsoft Intune across our plants: "
            "they configured Windows Autopilot and compliance policies, enrolled 1,150 Windows laptops and shop-floor "
            "PCs, and migrated our device configuration from the old SCCM environment.\n\n"
            "For the next phase (August to October 2026) we have agreed with Wingtip to roll out Intune to our "
            "600 iOS and Android handhelds, which takes Intune-managed devices from 1,150 to 1,750, and to add "
            "Intune licences for the 180 contractors we onboard each season.\n\n"
            "Please let me know if Microsoft needs anything else from us.\n\n"
            "Best regards,\nLaura Chen\nDirector of IT\nPinecrest Manufacturing Co.\n"
            "2400 Industrial Parkway, Grand Rapids, MI 49508\n")
    files: dict[str, Callable[[Path], Any]] = {
        "Pinecrest_Intune_acknowledgment.eml": lambda path: write_eml(
            path, sender="Laura Chen <laura.chen@pinecrestmfg.example>",
            to="Rafael Costa <rafael.costa@wingtipdigital.example>",
            subject="Confirmation - Wingtip Digital / Microsoft Intune", date_header="Wed, 08 Jul 2026 15:27:09 -0400",
            body=body, message_id="<CH2PR11MB4433E2@CH2PR11MB4433.namprd11.prod.outlook.example>")}
    claim = Claim(cid, "Pinecrest - Intune", WINGTIP, cust, [prod], [("Pinecrest_Intune_acknowledgment.eml",
                                                                      "Customer acknowledgment e-mail")])
    return Case("email-only-ack", claim, files, crit(), {"INTUNE": "linked"}, "approve",
                ["signature", "email-acknowledgment", "eml", "single-email-poe"],
                "The whole POE is one e-mail from the customer's Director of IT (pinecrestmfg.example, 8 July 2026) "
                "naming both organisations, the Intune deployment work done and the agreed growth from 1,150 to "
                "1,750 managed devices plus contractor licences. All met.")


def names_other_company_msa(cid: str) -> Case:
    cust = customer("Kestrel Foods plc", "kestrelfoods.example", "Hannah Cole", "Finance Systems Lead",
                    "Kestrel House, 9 Mill Lane, Leeds LS1 4BT", "United Kingdom")
    prod = Product("Dynamics 365 Finance", "D365_FINANCE")
    blocks = [
        H("Master Services Agreement", 1),
        P(f'This Master Services Agreement (the "Agreement") is made as of February 2, 2026 (the "Effective Date") '
          f'between {FABRIKAM.name}, a Washington limited liability company ("Fabrikam"), and {TAILSPIN.name}, a '
          f'Delaware corporation ("Client").'),
        H("1. Services"),
        P("1.1 Fabrikam will provide the professional services described in one or more statements of work executed "
          "under this Agreement (each an \"SOW\"). Each SOW will describe the services, deliverables, schedule and "
          "fees."),
        P("1.2 In the event of a conflict between this Agreement and an SOW, this Agreement prevails unless the SOW "
          "expressly states otherwise."),
        H("2. Fees and Payment"),
        P("2.1 Client will pay the fees set out in each SOW within thirty (30) days of receipt of a valid invoice."),
        H("3. Confidentiality"),
        P("3.1 Each party will protect the other party's Confidential Information with at least reasonable care and "
          "use it only to perform under this Agreement."),
        H("4. Term and Termination"),
        P("4.1 This Agreement begins on the Effective Date and continues for three (3) years unless terminated "
          "earlier. Either party may terminate for convenience on ninety (90) days' written notice."),
        H("5. Limitation of Liability"),
        P("5.1 Neither party's aggregate liability will exceed the fees paid under the applicable SOW in the twelve "
          "months before the claim."),
        H("6. General"),
        P("6.1 This Agreement is governed by the laws of the State of New York."),
        P(""),
        *sig_stacked("", FABRIKAM.name.upper(), FABRIKAM.contact, FABRIKAM.title, "February 2, 2026"), P(""),
        *sig_stacked("", TAILSPIN.name.upper(), TAILSPIN.contact, TAILSPIN.title, "February 5, 2026"),
    ]
    spec = DocSpec(title="MSA Fabrikam - Tailspin Toys", author="Ola Demmo", blocks=blocks)
    claim = Claim(cid, "Kestrel Foods - D365 Finance", FABRIKAM, cust, [prod], [("Fabrikam_MSA_executed.pdf", "MSA")])
    return Case("names-other-company-msa", claim, {"Fabrikam_MSA_executed.pdf": pdf(spec)},
                crit(customer_signature="not_met", customer_name="not_met", product_links="not_met",
                     growth_activities="not_met"),
                {"D365_FINANCE": "absent"}, "request_info",
                ["names", "wrong-customer", "master-agreement", "signed-by-other-organisation", "pdf"],
                "The partner uploaded its executed MSA with a different client (Tailspin Toys Corporation) for a "
                "claim on Kestrel Foods plc. Kestrel is never named (customer name not met); the only customer-side "
                "signature is Tailspin's (not met). Partner name and dates (February 2026) met. A bare MSA names no "
                "product (absent) and no growth (not met).")


CASES = [baseline_signed_sow_pdf, sig_partner_only, sig_docusign_certificate, sig_blank_customer_block_table,
         sig_po_approved_by_customer, sig_email_ack_from_customer_domain, sig_stale_13_months,
         sig_signed_by_other_org, sig_unsigned_draft, sig_accepted_and_agreed_line, sig_image_in_customer_block,
         email_ack_from_partner_domain, email_only_ack, names_other_company_msa]
