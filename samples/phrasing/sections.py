"""Section titles and document titles, in the many ways bid teams name them."""

from __future__ import annotations

SOW_TITLES = ("Statement of Work", "STATEMENT OF WORK", "Statement of Work (SOW)", "Scope of Work",
              "Project Statement of Work", "Work Order", "Services Proposal and Statement of Work",
              "Statement of Work No. {no}", "SOW {no}", "Engagement Statement of Work",
              "Professional Services Statement of Work", "Statement of Work - Leistungsbeschreibung",
              "Project Proposal & Statement of Work", "Schedule {no} - Statement of Work")
MSA_TITLES = ("Master Services Agreement", "MASTER SERVICES AGREEMENT", "Master Agreement",
              "Framework Services Agreement", "Master Professional Services Agreement",
              "Consultancy Services Agreement", "Agreement for the Provision of IT Services")
LETTER_TITLES = ("Letter of Engagement", "Engagement Letter", "Letter of Intent", "Confirmation of Engagement",
                 "Letter of Authorisation")
CHANGE_TITLES = ("Change Request", "Change Order", "Contract Variation", "Change Note", "Project Change Request")
QUOTE_TITLES = ("Quotation", "QUOTE", "Licence Quotation", "Proposal - Microsoft Licensing", "Price Quote",
                "Commercial Offer")
PO_TITLES = ("PURCHASE ORDER", "Purchase Order", "Official Purchase Order", "PURCHASE ORDER / BESTELLUNG",
             "Purchase Order (Services)")
POE_TITLES = ("Proof of Execution (POE)", "CPOR Proof of Execution", "Proof of Execution - Customer Association",
              "POE Template - Claiming Partner of Record", "Partner Proof of Execution")

BACKGROUND = ("Background", "Introduction", "Context", "Executive Summary", "Current State", "Project Background",
              "Overview", "About this Engagement", "Situation", "Customer Background", "Purpose of this Document")
OBJECTIVES = ("Objectives", "Business Objectives", "Goals", "Project Objectives", "Desired Outcomes",
              "Engagement Objectives", "Aims of the Project")
SCOPE = ("Scope of Services", "Scope of Work", "Services", "In-Scope Activities", "Scope", "Services to be Provided",
         "Description of Services", "Work Packages", "Approach and Scope", "Solution Scope", "Services in Scope",
         "Detailed Scope")
DELIVERABLES = ("Deliverables", "Project Deliverables", "Outputs", "Key Deliverables", "Deliverables Summary")
TIMELINE = ("Timeline", "Milestones", "Project Plan", "Indicative Timeline", "Schedule", "Key Dates",
            "Milestone Plan", "Project Schedule", "Phasing and Milestones")
ASSUMPTIONS = ("Assumptions", "Key Assumptions", "Assumptions and Dependencies", "Dependencies",
               "Customer Responsibilities and Assumptions", "Project Assumptions", "Prerequisites")
OUT_OF_SCOPE = ("Out of Scope", "Exclusions", "Out-of-Scope Items", "Not Included", "Scope Exclusions",
                "Items Excluded from this SOW")
GOVERNANCE = ("Governance", "Project Governance", "Roles and Responsibilities", "Project Management",
              "Communication and Reporting", "Project Organisation", "Resourcing")
COMMERCIALS = ("Commercials", "Fees", "Pricing", "Charges", "Commercial Summary", "Investment", "Fees and Payment",
               "Price and Payment Terms", "Commercial Terms")
ACCEPTANCE = ("Acceptance", "Acceptance Criteria", "Completion and Acceptance", "Deliverable Acceptance",
              "Acceptance Procedure")
GROWTH = ("Business Outcomes", "Adoption and Growth", "Success Measures", "Value Realisation", "Usage and Adoption",
          "Customer Success Plan", "Expected Benefits", "Key Performance Indicators", "Adoption Plan",
          "Growth Objectives", "Outcomes and KPIs")
CURRENT_LICENSING = ("Current Licensing", "Licence Position", "Licensing Summary (for information)",
                     "Existing Microsoft Licences", "Licensing Overview", "Current Environment")
CHANGE_CONTROL = ("Change Control", "Changes to this SOW", "Variations", "Change Control Procedure",
                  "Change Requests")
SIGNATURES = ("Signatures", "Authorisation", "Agreement", "Acceptance and Signature", "Execution", "Approval",
              "Sign-off", "Authorised Signatories", "Agreed and Accepted")
