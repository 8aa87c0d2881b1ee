"""Cases about party names (D-11.4) and dates (D-11.5), including non-US documents."""

from __future__ import annotations

from dataclasses import replace

from tests.cases.cases_sig import pdf
from tests.cases.kit import BLANK, Case, both_signed, crit, sig_stacked, sow_blocks
from tests.cases.parties import (
    BLUEWAVE,
    COHO,
    LITWARE,
    LUCERNE,
    PROSEWARE,
    TREY,
    WINGTIP,
    Claim,
    Product,
    customer,
)
from tests.cases.render import Break, DocSpec, H, P, T


def names_legal_suffix_variant(cid: str) -> Case:
    cust = customer("Munson's Pickles and Preserves Farm", "munsonspickles.example", "Walt Munson", "Owner",
                    "RR 2, Box 117, Lancaster, PA 17602")
    prod = Product("Dynamics 365 Business Central", "D365_BC")
    doc_partner = "Trey Research Group, Incorporated"
    doc_customer = "Munson's Pickles & Preserves Farm, LLC"
    spec = DocSpec(title="SOW Business Central - Munson's", author="Kevin Ortiz", blocks=sow_blocks(
        partner=TREY, customer=cust, partner_name=doc_partner, customer_name=doc_customer, number="TRG-BC-2026-07",
        effective="February 16, 2026", title="Dynamics 365 Business Central Go-Live",
        background="MUNSON'S PICKLES & PRESERVES FARM runs QuickBooks Desktop and paper batch records for its "
                   "cannery and farm shop.",
        scope=["Implement Dynamics 365 Business Central finance, purchasing, inventory and lot tracking.",
               "Migrate 3 years of general-ledger history, 1,900 items and open orders into Business Central.",
               "Configure the Shopify connector for the farm shop and train 14 users."],
        milestones=[("Design", "Fit-gap and design", "March 6, 2026"), ("Go-live", "Business Central live", "May 4, 2026")],
        growth=["Grow Business Central users from 14 to 32 as the packing-house and second farm shop move onto the "
                "system by October 2026 (licences: 10 Essentials + 4 Team Members today, 24 Essentials + 8 Team "
                "Members by October)."],
        fees="USD 52,000 fixed fee.",
        signatures=both_signed(TREY, cust, "February 16, 2026", "February 18, 2026", pn="TREY RESEARCH GROUP INC",
                               cn="MUNSON'S PICKLES & PRESERVES FARM, LLC")))
    claim = Claim(cid, "Munson's - Business Central", TREY, cust, [prod], [("TRG-BC-2026-07_Munsons_signed.pdf", "")])
    return Case("names-legal-suffix-variant", claim, {"TRG-BC-2026-07_Munsons_signed.pdf": pdf(spec)}, crit(),
                {"D365_BC": "linked"}, "approve", ["names", "legal-suffix", "ampersand-variant", "upper-case", "pdf"],
                "Partner claimed as 'Trey Research Group Inc.' appears as 'Trey Research Group, Incorporated' and "
                "'TREY RESEARCH GROUP INC'; the directory's 'Munson's Pickles and Preserves Farm' appears as "
                "'Munson's Pickles & Preserves Farm, LLC' (and upper case). Same organisations: both names met. "
                "Everything else met.")


def names_placeholder_customer(cid: str) -> Case:
    cust = customer("Riverbend Unified School District", "riverbendusd.example", "Tom Alvarez",
                    "Director of Technology", "700 River Road, Sacramento, CA 95814")
    prod = Product("Exchange Online", "EXO")
    sigs = [*sig_stacked("Partner", PROSEWARE.name, PROSEWARE.contact, PROSEWARE.title, "May 11, 2026"), P(""),
            *sig_stacked("Customer", "[CUSTOMER NAME]", cust.contact, cust.title, "May 12, 2026")]
    spec = DocSpec(title="SOW template - Exchange Online migration", author="Dana Whitfield", blocks=sow_blocks(
        partner=PROSEWARE, customer=replace(cust, address="[Customer Address]"), customer_name="[Customer Name]",
        number="PW-EXO-[###]",
        effective="May 11, 2026", title="Exchange Online Migration for [Customer Name]",
        background="[Customer Name] runs Exchange Server 2016 on premises and wants to move staff and student "
                   "mailboxes to the cloud before the new school year.",
        scope=["Migrate 4,200 staff and 18,000 student mailboxes from Exchange 2016 to Exchange Online.",
               "Configure Exchange Online Protection, retention policies and litigation hold for staff.",
               "Decommission the on-premises Exchange servers."],
        milestones=[("Staff", "Staff mailboxes moved", "June 26, 2026"),
                    ("Students", "Student mailboxes moved", "August 7, 2026")],
        growth=["Grow Exchange Online mailboxes from the 300 IT and district-office pilot users to 22,200 staff and "
                "students by August 2026."],
        fees="USD 71,500 fixed fee.", signatures=sigs))
    claim = Claim(cid, "Riverbend USD - EXO", PROSEWARE, cust, [prod], [("PW-EXO_SOW_signed.pdf", "Signed SOW")])
    return Case("names-placeholder-customer", claim, {"PW-EXO_SOW_signed.pdf": pdf(spec)},
                crit(customer_name="not_met", customer_signature=["met", "unclear"]), {"EXO": "linked"},
                "request_info", ["names", "placeholder", "template-not-filled", "pdf"],
                "The partner reused its SOW template without filling in the customer: '[Customer Name]' in the "
                "preamble, title and background and '[CUSTOMER NAME]' over the customer signature block. The "
                "district is never named: customer name not met. The customer block is signed '/s/ Tom Alvarez' "
                "(the claim's customer contact) on May 12, 2026, so a signature is present, though the block does "
                "not say for whom (met, unclear acceptable). Partner, dates, product and growth met.")


def names_generic_roles_only(cid: str) -> Case:
    cust = customer("Cobalt Insurance Brokers", "cobaltbrokers.example", "Ravi Iyer", "Chief Information Security Officer",
                    "1 Commerce Square, Hartford, CT 06103")
    prod = Product("Microsoft Defender for Endpoint", "MDE")
    blocks = [
        P(LUCERNE.name.upper(), "bold"), P(LUCERNE.address, "small"),
        H("Schedule 3 - Endpoint Security Services", 1),
        P('This Schedule forms part of the Master Services Agreement between the Supplier and the Client. In this '
          'Schedule "Supplier" means Lucerne Technology Services LLC and "Client" means the client entity named in '
          'the Agreement.'),
        H("1. Services"),
        P("1.1 The Supplier will deploy Microsoft Defender for Endpoint to the Client's 1,450 Windows and macOS "
          "devices and 120 servers, replacing the incumbent antivirus product."),
        P("1.2 The Supplier will configure attack surface reduction rules, EDR in block mode and automated "
          "investigation in Defender for Endpoint, and integrate alerts with the Client's SOC."),
        H("2. Timeline"),
        P("2.1 Services start on May 18, 2026. Device onboarding completes by July 31, 2026."),
        H("3. Adoption"),
        P("3.1 The Supplier will grow Defender for Endpoint coverage from the 200 IT devices protected today to all "
          "1,570 endpoints and servers, and extend licensing to the Client's two acquired agencies (about 300 "
          "additional devices) in Q4 2026."),
        H("4. Fees"), P("4.1 USD 46,000, invoiced on completion of onboarding."),
        P(""),
        P("Signed for the Supplier:", "bold"), P("/s/ Amir Haddad"), P("Amir Haddad, Managing Partner - May 14, 2026"),
        P(""),
        P("Signed for the Client:", "bold"), P("/s/ R. Iyer"), P("R. Iyer, CISO - May 15, 2026"),
    ]
    spec = DocSpec(title="Schedule 3 - Endpoint Security", author="Amir Haddad", blocks=blocks)
    claim = Claim(cid, "Cobalt - Defender for Endpoint", LUCERNE, cust, [prod], [("Schedule3_EndpointSecurity.pdf", "")])
    return Case("names-generic-roles-only", claim, {"Schedule3_EndpointSecurity.pdf": pdf(spec)},
                crit(customer_name="not_met", customer_signature=["met", "unclear"]), {"MDE": "linked"},
                "request_info", ["names", "generic-roles", "schedule-to-msa", "pdf"],
                "A schedule to an MSA that only ever says 'the Client' ('the client entity named in the Agreement'); "
                "Cobalt Insurance Brokers is not named anywhere: customer name not met. Partner named on the "
                "letterhead and in the definitions (met). Client block signed '/s/ R. Iyer, CISO' (the claim's "
                "contact Ravi Iyer) on May 15, 2026 - a signature, though the organisation is not shown (met, "
                "unclear acceptable). Dates, Defender for Endpoint work and coverage growth met.")


def names_customer_from_domain_no_directory(cid: str) -> Case:
    cust = customer("Alpine Ski House", "alpineskihouse.example", "Lukas Brunner", "Head of IT",
                    "Bahnhofstrasse 14, 7270 Davos Platz", "Switzerland")
    prod = Product("Microsoft Teams", "TEAMS")
    spec = DocSpec(title="Alpine Ski House - Teams Rooms and Phone", author="Sanne de Vries", a4=True, blocks=sow_blocks(
        partner=BLUEWAVE, customer=cust, customer_name="Alpine Ski House AG", number="BW-2026-044",
        effective="12 May 2026", title="Microsoft Teams for Resorts",
        background="Alpine Ski House AG operates four resorts and a booking centre with a mix of Zoom, Skype for "
                   "Business and analogue phones.",
        scope=["Roll out Microsoft Teams (chat, meetings and Teams Phone with Operator Connect) to 540 employees.",
               "Deploy 9 Microsoft Teams Rooms in the resort offices and configure the booking-centre call queues.",
               "Migrate Skype for Business users and train resort managers as Teams champions."],
        milestones=[("Booking centre", "Teams Phone live for 60 agents", "22 June 2026"),
                    ("Resorts", "All resorts on Microsoft Teams", "30 November 2026")],
        growth=["Increase Teams Phone users from 60 to 540 before the winter season and grow seasonal Teams "
                "licences by a further 380 for winter staff (December 2026)."],
        fees="CHF 96,000.", signatures=both_signed(BLUEWAVE, cust, "12 May 2026", "14 May 2026",
                                                   cn="Alpine Ski House AG")))
    claim = Claim(cid, "Alpine Ski House - Teams", BLUEWAVE, cust, [prod], [("BW-2026-044_AlpineSkiHouse_signed.pdf", "")])
    return Case("names-customer-from-domain-no-directory", claim, {"BW-2026-044_AlpineSkiHouse_signed.pdf": pdf(spec)},
                crit(), {"TEAMS": "linked"}, "approve", ["names", "tenant-not-in-directory", "customer-from-domain", "pdf"],
                "The tenant is deliberately absent from tenants.json, so the customer name must come from the "
                "domain alpineskihouse.example; the SOW names 'Alpine Ski House AG' throughout and in the signed "
                "customer block. All criteria met.", in_directory=False)


def names_partner_absent(cid: str) -> Case:
    cust = customer("Graphic Design Institute", "graphicdesigninstitute.example", "Sofia Ricci", "Director of Operations",
                    "100 Art Center Drive, Pasadena, CA 91103")
    prod = Product("Dynamics 365 Project Operations", "D365_PROJECT_OPS")
    spec = DocSpec(title="Trey Research - GDI Project Operations SOW", author="Kevin Ortiz", blocks=sow_blocks(
        partner=TREY, customer=cust, number="TRG-PO-2026-12", effective="April 6, 2026",
        title="Dynamics 365 Project Operations for Client Studios",
        background="Graphic Design Institute runs 300 paid client studio projects a year on spreadsheets.",
        scope=["Implement Dynamics 365 Project Operations for project quoting, resourcing and time entry.",
               "Configure project contracts and invoicing, and integrate with the Institute's finance system.",
               "Migrate 80 active projects and train 45 project managers and faculty leads."],
        milestones=[("Design", "Solution design approved", "April 30, 2026"), ("Go-live", "Project Operations live", "July 6, 2026")],
        growth=["Grow Project Operations users from 45 to 160 by bringing all faculty time entry onto the system "
                "during the 2026-27 academic year."],
        fees="USD 134,000.", signatures=both_signed(TREY, cust, "April 6, 2026", "April 8, 2026")))
    claim = Claim(cid, "GDI - Project Operations", WINGTIP, cust, [prod], [("TRG-PO-2026-12_GDI_signed.pdf", "")])
    return Case("names-partner-absent-other-partner-sow", claim, {"TRG-PO-2026-12_GDI_signed.pdf": pdf(spec)},
                crit(partner_name="not_met"), {"D365_PROJECT_OPS": "linked"}, "request_info",
                ["names", "wrong-partner", "other-partner-document", "pdf"],
                "Wingtip Digital Inc. claims, but the uploaded SOW is between Trey Research Group Inc. (another "
                "partner) and the customer; Wingtip appears nowhere. Partner name not met. The customer signed, "
                "dates, Project Operations work and growth are all present (met).")


def german_gmbh_customer(cid: str) -> Case:
    cust = customer("Contoso Maschinenbau GmbH", "contoso-maschinenbau.example", "Maria Weber",
                    "Leiterin Finanzen und IT", "Industriestraße 8, 70565 Stuttgart", "Germany")
    prod = Product("Dynamics 365 Business Central", "D365_BC")
    blocks = [
        H("Leistungsbeschreibung / Statement of Work", 1),
        P("Projekt: Einführung Microsoft Dynamics 365 Business Central    |    Nr. LD-2026-019    |    Stand: 04.05.2026",
          "center"),
        H("1. Vertragsparteien"),
        P(f"Auftragnehmer: {LITWARE.name}, {LITWARE.address} (\"Litware\")"),
        P(f"Auftraggeber: {cust.name}, {cust.address} (\"Kunde\")"),
        H("2. Ausgangslage"),
        P("Die Contoso Maschinenbau GmbH arbeitet heute mit Microsoft Dynamics NAV 2013 (on-premises) für "
          "Finanzbuchhaltung, Einkauf und Lager."),
        H("3. Leistungsumfang"),
        P("3.1 Einführung und Konfiguration von Microsoft Dynamics 365 Business Central (Finanzbuchhaltung, Einkauf, "
          "Lager, Produktion) für 85 Benutzer."),
        P("3.2 Migration der Stammdaten und offenen Posten aus Dynamics NAV 2013 nach Business Central."),
        P("3.3 Schulung der Key-User (12 Personen) und Go-Live-Begleitung."),
        H("4. Termine"),
        T([["Meilenstein", "Termin"], ["Projektstart", "18.05.2026"], ["Datenmigration (Testlauf)", "10.07.2026"],
           ["Go-Live Business Central", "01.10.2026"]], header=True, widths=[260, 120]),
        H("5. Wachstum und Nutzung"),
        P("Ausbau der Business Central-Lizenzen von 85 auf 140 Benutzer bis zum 31.03.2027 durch Anbindung des "
          "Werks Chemnitz; zusätzlich Einführung des Moduls Service für 20 Techniker."),
        H("6. Vergütung"), P("Festpreis EUR 118.500 zzgl. MwSt."),
        H("7. Unterschriften"),
        T([["München, den 11.05.2026", "Stuttgart, den 12.05.2026"],
           ["Jonas Keller (11. Mai 2026 16:02 GMT+2)", "Maria Weber (12. Mai 2026 09:14 GMT+2)"],
           [f"Jonas Keller, Geschäftsführer\n{LITWARE.name}", f"Maria Weber, Leiterin Finanzen und IT\n{cust.name}"]],
          grid=False, widths=[234, 234]),
        Break(),
        H("Final Audit Report", 1), P("2026-05-12", "right"),
        T([["Created:", "2026-05-11"], ["By:", "Jonas Keller (jonas.keller@litware.example)"], ["Status:", "Signed"],
           ["Transaction ID:", "CBJCHBCAABAAx7Qp2LmN4rT9vWcY0aBzE5"]], grid=False, widths=[110, 358]),
        P('"LD-2026-019 Leistungsbeschreibung Business Central" History', "bold"),
        P("Document created by Jonas Keller (jonas.keller@litware.example) 2026-05-11 - 1:58:40 PM GMT"),
        P("Document e-signed by Jonas Keller (jonas.keller@litware.example) Signature Date: 2026-05-11 - 2:02:13 PM GMT "
          "- Time Source: server"),
        P("Document emailed to Maria Weber (maria.weber@contoso-maschinenbau.example) for signature 2026-05-11 - "
          "2:02:15 PM GMT"),
        P("Email viewed by Maria Weber (maria.weber@contoso-maschinenbau.example) 2026-05-12 - 7:10:51 AM GMT"),
        P("Document e-signed by Maria Weber (maria.weber@contoso-maschinenbau.example) Signature Date: 2026-05-12 - "
          "7:14:21 AM GMT - Time Source: server"),
        P("Agreement completed. 2026-05-12 - 7:14:21 AM GMT"),
    ]
    spec = DocSpec(title="LD-2026-019 Leistungsbeschreibung Business Central", author="Jonas Keller", a4=True,
                   footer="Powered by Adobe Acrobat Sign", blocks=blocks)
    claim = Claim(cid, "Contoso Maschinenbau - Business Central", LITWARE, cust, [prod],
                  [("LD-2026-019_Leistungsbeschreibung_signed.pdf", "Unterschriebene Leistungsbeschreibung")])
    return Case("german-gmbh-customer", claim, {"LD-2026-019_Leistungsbeschreibung_signed.pdf": pdf(spec)},
                crit(), {"D365_BC": "linked"}, "approve",
                ["names", "german-language", "gmbh", "adobe-sign", "eu-date-format", "pdf"],
                "A German SOW ('Leistungsbeschreibung') between two GmbHs, e-signed with Adobe Acrobat Sign: the "
                "signature lines carry the Adobe text signatures and the Final Audit Report shows 'Document e-signed "
                "by Maria Weber (maria.weber@contoso-maschinenbau.example) Signature Date: 2026-05-12'. Dates in "
                "DD.MM.YYYY. Work: 'Einführung und Konfiguration von ... Business Central ... für 85 Benutzer'; "
                "growth: 'Ausbau der Business Central-Lizenzen von 85 auf 140 Benutzer'. All met (the language is "
                "the difficulty, not the content).")


def uk_msa_numbered_parties(cid: str) -> Case:
    cust = customer("Ironbridge Engineering Ltd", "ironbridge-eng.example", "Sarah Okafor", "Director",
                    "Severn House, Wharfage Road, Telford TF8 7AW", "United Kingdom")
    prod = Product("Microsoft Teams", "TEAMS")
    initials = "Initials: ________ / ________"
    blocks = [
        H("MASTER SERVICES AGREEMENT", 1),
        P("THIS AGREEMENT is dated the 3rd day of March, 2026", "center"),
        H("PARTIES"),
        P("(1) COHO SYSTEMS INTEGRATION LIMITED incorporated and registered in England and Wales with company number "
          "08812345 whose registered office is at 2 Hardman Street, Manchester M3 3HF (the \"Supplier\"); and"),
        P("(2) IRONBRIDGE ENGINEERING LIMITED incorporated and registered in England and Wales with company number "
          "04471902 whose registered office is at Severn House, Wharfage Road, Telford TF8 7AW (the \"Customer\")."),
        H("BACKGROUND"),
        P("(A) The Supplier is a Microsoft partner providing unified-communications services."),
        P("(B) The Customer wishes to replace its telephony estate with Microsoft Teams on the terms of this agreement."),
        H("AGREED TERMS"),
        P("1. Interpretation. The definitions in this clause apply in this agreement. \"Services\" means the services "
          "described in Schedule 1."),
        P("2. Commencement and term. This agreement commences on the date above and continues for 24 months."),
        P("3. Supply of Services. The Supplier shall supply the Services from the date above in accordance with "
          "this agreement and the milestones in Schedule 1."),
        P("4. Charges. The Customer shall pay the charges in Schedule 2 within 30 days of invoice."),
        P("5. Governing law. This agreement is governed by the law of England and Wales.", ),
        P(initials, "right"),
        Break(),
        H("SCHEDULE 1 - SERVICES"),
        P("1.1 Deploy Microsoft Teams Phone with Operator Connect for 1,200 users across five sites, porting 1,450 "
          "DDI numbers."),
        P("1.2 Configure Microsoft Teams call queues, auto attendants and emergency calling for each site."),
        P("1.3 Install and configure 22 Microsoft Teams Rooms and train 60 Teams champions."),
        T([["Milestone", "Date"], ["Telford pilot (150 users)", "the 20th day of April, 2026"],
           ["Sites 2-3", "1 June 2026"], ["Sites 4-5 and decommissioning of PBX", "14 September 2026"]],
          header=True, widths=[260, 150]),
        H("SCHEDULE 2 - ADOPTION AND CHARGES"),
        P("2.1 The parties shall grow Teams Phone enabled users from 150 (pilot) to 1,200 by 30 September 2026 and "
          "increase Teams Rooms utilisation to 60% of booked hours, reviewed at the monthly service review."),
        P("2.2 Charges: GBP 186,000 payable in three instalments."),
        P(initials, "right"),
        Break(),
        P("This agreement has been entered into on the date stated at the beginning of it.", "bold"),
        T([["Signed by JAMES WHITAKER\nfor and on behalf of\nCOHO SYSTEMS INTEGRATION LIMITED", "/s/ James Whitaker\nDirector"],
           ["Signed by SARAH OKAFOR\nfor and on behalf of\nIRONBRIDGE ENGINEERING LIMITED", "/s/ Sarah Okafor\nDirector"],
           ["in the presence of:", ""],
           ["Witness signature", "/s/ Daniel Reeve"],
           ["Witness name", "Daniel Reeve"],
           ["Witness address", "4 Castle Street, Shrewsbury SY1 2BQ"],
           ["Witness occupation", "Solicitor"]], grid=False, widths=[250, 218]),
        P(initials, "right"),
    ]
    spec = DocSpec(title="MSA Coho - Ironbridge (executed)", author="James Whitaker", a4=True, blocks=blocks)
    claim = Claim(cid, "Ironbridge - Teams Phone", COHO, cust, [prod], [("Ironbridge_Coho_MSA_executed.pdf", "Executed MSA")])
    return Case("uk-msa-numbered-parties", claim, {"Ironbridge_Coho_MSA_executed.pdf": pdf(spec)}, crit(),
                {"TEAMS": "linked"}, "approve",
                ["names", "uk-agreement", "numbered-parties", "ordinal-date", "for-and-on-behalf", "witness", "initials",
                 "pdf"],
                "English-law agreement: 'dated the 3rd day of March, 2026', parties numbered (1) COHO SYSTEMS "
                "INTEGRATION LIMITED / (2) IRONBRIDGE ENGINEERING LIMITED (directory: 'Ironbridge Engineering Ltd'), "
                "execution block 'Signed by SARAH OKAFOR for and on behalf of IRONBRIDGE ENGINEERING LIMITED /s/ "
                "Sarah Okafor' with witness lines; blank per-page 'Initials' boxes are a distractor. Schedule 1 "
                "deploys Teams Phone, Schedule 2 states user growth. All met.")


def dates_eu_format(cid: str) -> Case:
    cust = customer("Greenfield Agritech B.V.", "greenfieldagritech.example", "Pieter Bakker", "COO",
                    "Agro Business Park 40, 6708 PW Wageningen", "Netherlands")
    prod = Product("Dynamics 365 Supply Chain Management", "D365_SCM")
    spec = DocSpec(title="Greenfield SCM SOW", author="Sanne de Vries", a4=True, blocks=sow_blocks(
        partner=BLUEWAVE, customer=cust, number="BW-2026-021", effective="14/03/2026",
        title="Dynamics 365 Supply Chain Management - Warehouse and Production",
        background="Greenfield Agritech B.V. produces vertical-farming systems in Wageningen and ships across the EU.",
        scope=["Implement Dynamics 365 Supply Chain Management warehouse management for two warehouses.",
               "Configure production control and master planning in Dynamics 365 Supply Chain Management.",
               "Migrate 12,500 items and bills of materials from the legacy ERP."],
        milestones=[("Design", "Solution blueprint", "03.04.2026"), ("Warehouse go-live", "Wageningen warehouse", "01.06.2026"),
                    ("Production go-live", "Shop floor", "14-09-2026")],
        growth=["Grow Supply Chain Management users from 35 to 90 by adding the Venlo plant (Q4 2026), and increase "
                "warehouse devices using the Warehouse Management mobile app from 20 to 75."],
        fees="EUR 265.000 excl. VAT.",
        signatures=both_signed(BLUEWAVE, cust, "Utrecht, 14/03/2026", "Wageningen, 17/03/2026")))
    claim = Claim(cid, "Greenfield - SCM", BLUEWAVE, cust, [prod], [("BW-2026-021_Greenfield_SCM_signed.pdf", "")])
    return Case("dates-eu-format", claim, {"BW-2026-021_Greenfield_SCM_signed.pdf": pdf(spec)}, crit(),
                {"D365_SCM": "linked"}, "approve", ["dates", "eu-date-format", "pdf"],
                "European date formats only: effective 14/03/2026, signatures 'Utrecht, 14/03/2026' and "
                "'Wageningen, 17/03/2026' (day first; 17/03 cannot be US order), milestones 03.04.2026 and "
                "14-09-2026. All criteria met.")


def dates_blank_fields(cid: str) -> Case:
    cust = customer("Redwood Legal Partners LLP", "redwoodlegal.example", "Joanna Pierce", "Chief Operating Officer",
                    "555 California Street, San Francisco, CA 94104")
    prod = Product("Microsoft 365 Apps", "M365_APPS")
    spec = DocSpec(title="Redwood Legal - Microsoft 365 Apps SOW", author="Kevin Ortiz", blocks=sow_blocks(
        partner=TREY, customer=cust, number="TRG-M365A-03", effective=BLANK,
        title="Microsoft 365 Apps for enterprise Deployment",
        background="Redwood Legal Partners LLP still runs Office 2016 volume-licensed installs with custom "
                   "document-management add-ins.",
        scope=["Deploy Microsoft 365 Apps for enterprise to 620 attorneys and staff through Configuration Manager "
               "and the Monthly Enterprise Channel.", "Test and remediate 35 legal add-ins against Microsoft 365 Apps.",
               "Configure cloud policy for Office apps and train the service desk."],
        milestones=[("Phase 1", "Add-in compatibility testing", "Weeks 1-4"),
                    ("Phase 2", "Pilot deployment, 60 users", "Weeks 5-7"),
                    ("Phase 3", "Firm-wide deployment", "Weeks 8-12")],
        growth=["Grow Microsoft 365 Apps activations from 60 pilot users to all 620 users, and move the 140 "
                "contract attorneys from Office 2016 to Microsoft 365 Apps licences in a second wave."],
        fees="USD 39,800 fixed fee.",
        signatures=both_signed(TREY, cust, BLANK, BLANK)))
    claim = Claim(cid, "Redwood Legal - M365 Apps", TREY, cust, [prod], [("TRG-M365A-03_Redwood_signed.pdf", "")])
    return Case("dates-blank-fields", claim, {"TRG-M365A-03_Redwood_signed.pdf": pdf(spec)},
                crit(dates="not_met"), {"M365_APPS": "linked"}, "request_info",
                ["dates", "blank-date-fields", "relative-milestones", "pdf"],
                "Both parties signed ('/s/'), but every date field is blank underscores (effective date, both "
                "signature dates) and the milestones are relative ('Weeks 1-4'). No date at all: dates not met. "
                "Customer signature met (filled '/s/ Joanna Pierce' in the customer block); names, Microsoft 365 Apps "
                "work and growth met.")


CASES = [names_legal_suffix_variant, names_placeholder_customer, names_generic_roles_only,
         names_customer_from_domain_no_directory, names_partner_absent, german_gmbh_customer, uk_msa_numbered_parties,
         dates_eu_format, dates_blank_fields]
