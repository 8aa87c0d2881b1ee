"""Contract boilerplate: what makes an SOW or MSA realistic length. No products, no dates, no growth."""

from __future__ import annotations

CLAUSES: dict[str, tuple[str, ...]] = {
    "Confidentiality": (
        "Each party shall keep confidential all information disclosed by the other party in connection with this "
        "SOW and shall use it only for the purposes of the services. This obligation survives termination.",
        "Neither party will disclose the other's confidential information to any third party without prior written "
        "consent, except to its employees and advisers who need to know it and are bound by equivalent duties.",
        "Confidential information excludes information that is public, already known to the recipient, or "
        "independently developed. Obligations under this clause continue for three years after completion.",
        "The parties' non-disclosure agreement continues to apply to all information exchanged under this "
        "engagement.",
    ),
    "Payment": (
        "Invoices are payable within {days} days of the invoice date. Late payments may attract interest at the "
        "statutory rate.",
        "{P} will invoice monthly in arrears for time and materials. Payment terms are {days} days net.",
        "Fixed fees are invoiced against milestones as set out above; expenses are charged at cost and invoiced "
        "monthly.",
        "All fees are exclusive of VAT, GST or sales tax, which will be added at the applicable rate.",
        "Travel and subsistence, where agreed in advance, are charged in line with {C}'s expenses policy.",
        "Payment shall be made by bank transfer to the account shown on the invoice within {days} days.",
    ),
    "Change control": (
        "Either party may request a change to the scope. {P} will assess the impact on effort, cost and timeline "
        "and issue a change request for approval; no change is binding until signed by both parties.",
        "Changes are managed through a written change request procedure. Work on a change starts only once the "
        "change request is approved.",
        "Where the assumptions in this SOW prove incorrect, {P} may raise a change request to adjust fees or "
        "timelines.",
    ),
    "Warranties": (
        "{P} warrants that the services will be performed with reasonable skill and care by suitably qualified "
        "personnel, in accordance with good industry practice.",
        "{P} will re-perform, at no additional charge, any services that do not conform to this SOW, provided the "
        "non-conformity is notified within thirty days of delivery.",
        "Except as expressly stated, all warranties, conditions and terms implied by statute or common law are "
        "excluded to the fullest extent permitted by law.",
    ),
    "Limitation of liability": (
        "Each party's total liability arising under or in connection with this SOW is limited to the fees paid or "
        "payable under it. Neither party is liable for indirect or consequential loss.",
        "Nothing in this SOW limits liability for death or personal injury caused by negligence, for fraud, or for "
        "any liability that cannot be limited by law.",
        "{P}'s aggregate liability shall not exceed {cap} times the total fees under this SOW.",
    ),
    "Intellectual property": (
        "Intellectual property in the deliverables created specifically for {C} passes to {C} on payment. {P} "
        "retains ownership of its pre-existing materials, tools and know-how.",
        "{P} grants {C} a non-exclusive, perpetual licence to use any {P} materials incorporated in the "
        "deliverables for its internal business purposes.",
    ),
    "Data protection": (
        "Where {P} processes personal data on behalf of {C}, it does so only on {C}'s documented instructions and "
        "in accordance with the data processing terms agreed between the parties.",
        "Both parties shall comply with applicable data protection legislation, including the GDPR where it "
        "applies.",
        "{P} will ensure that personnel with access to personal data are subject to confidentiality obligations.",
    ),
    "Term and termination": (
        "This SOW starts on signature and continues until the services are completed, unless terminated earlier "
        "in accordance with the agreement.",
        "Either party may terminate this SOW by giving thirty days' written notice. {C} will pay for services "
        "performed up to the date of termination.",
        "Either party may terminate immediately if the other commits a material breach that is not remedied within "
        "fourteen days of notice.",
    ),
    "Non-solicitation": (
        "During the engagement and for six months after it, neither party will solicit for employment any employee "
        "of the other who worked on the services.",
    ),
    "Insurance": (
        "{P} maintains professional indemnity, public liability and employer's liability insurance at levels "
        "appropriate to the services.",
    ),
    "Force majeure": (
        "Neither party is liable for delay or failure caused by events beyond its reasonable control, provided it "
        "notifies the other promptly and uses reasonable efforts to mitigate the effect.",
    ),
    "Governing law": (
        "This SOW is governed by the laws of {law} and the parties submit to the exclusive jurisdiction of its "
        "courts.",
        "The agreement and any dispute arising from it are governed by the law of {law}.",
    ),
    "Entire agreement": (
        "This SOW, together with the agreement under which it is issued, is the entire agreement between the "
        "parties about its subject matter and supersedes earlier proposals.",
        "In the event of conflict, the terms of the master agreement prevail over this SOW unless this SOW "
        "expressly states otherwise.",
    ),
}
LAW = {"United Kingdom": "England and Wales", "United States": "the State of New York", "Germany": "Germany",
       "Australia": "New South Wales", "India": "India", "Ireland": "Ireland", "Netherlands": "the Netherlands",
       "France": "France", "Canada": "Ontario", "South Africa": "South Africa", "Singapore": "Singapore",
       "Sweden": "Sweden", "New Zealand": "New Zealand"}
MSA_CLAUSES = ("Definitions and interpretation", "Services", "Term", "Charges and payment", "Intellectual property",
               "Confidentiality", "Data protection", "Limitation of liability", "Termination", "General")
MSA_DEFINITIONS = (
    '"Agreement" means these terms together with each Statement of Work.',
    '"Business Day" means a day other than a Saturday, Sunday or public holiday.',
    '"Charges" means the fees payable for the Services as set out in a Statement of Work.',
    '"Deliverables" means all documents, configurations and materials provided as part of the Services.',
    '"Services" means the services described in a Statement of Work.',
    '"Statement of Work" means a document in the form agreed by the parties describing specific Services.',
)
ACCEPTANCE = (
    "Each deliverable will be deemed accepted when signed off by {C} or, if no written rejection with reasons is "
    "received, ten business days after delivery.",
    "Acceptance criteria for each deliverable will be agreed during the design phase.",
    "The project is complete when all milestones are achieved and the closure report is accepted by {C}.",
    "{C} will not unreasonably withhold or delay acceptance.",
    "Rejected deliverables will be corrected by {P} and resubmitted for review.",
)
DRAFT_NOTES = ("DRAFT - for discussion", "DRAFT v0.{v} - subject to contract", "Draft for review - not for signature",
               "DRAFT: commercial terms under review", "Version 0.{v} (draft)")
CONFIDENTIAL_FOOTERS = ("Commercial in confidence", "Confidential", "Confidential - prepared for {C}",
                        "{P} | Confidential and proprietary", "Private and confidential", "Restricted")
