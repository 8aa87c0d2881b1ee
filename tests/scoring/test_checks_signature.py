"""customer_signature (D-11.1, D-22): positive and negative forms over many layouts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from extractors.document import ImageInfo, Location, SignatureField
from scoring.checks import run_checks
from tests.scoring.docs import claim, docx, pdf, xlsx


def sig(*docs, **claim_kw):
    return run_checks(claim(**claim_kw), list(docs))["customer_signature"]


SIDE_BY_SIDE = """Signatures
CONTOSO LTD                         FABRIKAM CONSULTING LTD
By: {c_by}                    By: {p_by}
Name: {c_name}                      Name: Anna Smith
Title: CIO                          Title: Director
Date: {c_date}                  Date: 10 June 2026
"""


def test_side_by_side_columns_signed_customer_is_met_with_exact_evidence():
    d = pdf(SIDE_BY_SIDE.format(c_by="/s/ Teo Lupu", p_by="/s/ Anna Smith", c_name="Teo Lupu", c_date="12 June 2026"))
    r = sig(d)
    assert r.verdict == "met"
    texts = [e.text for e in r.evidence]
    assert "By: /s/ Teo Lupu" in texts
    for e in r.evidence:
        assert e.document == "SOW.pdf" and e.location.page == 1
        assert any(e.text in b.text for b in d.blocks)


def test_side_by_side_blank_customer_partner_signed_is_not_met():
    d = pdf(SIDE_BY_SIDE.format(c_by="____________", p_by="/s/ Anna Smith", c_name="____________", c_date="__________"))
    r = sig(d)
    assert r.verdict == "not_met"
    assert {x.code for x in r.reasons} >= {"R-SIG-002"}
    assert any("____" in e.text for e in r.evidence)


def test_stacked_blocks_with_role_headings():
    d = pdf("""
IN WITNESS WHEREOF the parties have signed this SOW.
For and on behalf of the Customer
Signature: Teo Lupu
Name: Teo Lupu
Date: 03/07/2026
For and on behalf of the Partner
Signature: Anna Smith
Name: Anna Smith
Date: 03/07/2026
""")
    assert sig(d).verdict == "met"


def test_stacked_blocks_customer_placeholder_signature_not_met():
    d = pdf("""
Accepted by Client
Signature: [Signature]
Name: [Name]
Date: [Date]
Accepted by Supplier
Signature: /s/ Anna Smith
Name: Anna Smith
Date: 2 July 2026
""")
    r = sig(d)
    assert r.verdict == "not_met"
    assert "R-SIG-002" in {x.code for x in r.reasons}


def test_partner_only_signature_is_not_met():
    d = pdf("""
Fabrikam Consulting Ltd
By: /s/ Anna Smith
Name: Anna Smith
Title: Director
Date: 2 July 2026
""")
    r = sig(d)
    assert r.verdict == "not_met"
    assert "R-SIG-003" in {x.code for x in r.reasons}


def test_docx_label_value_table_customer_signed():
    d = docx("# Acceptance", [["Customer", "Contoso Ltd"], ["Signature", "Teo Lupu"], ["Name", "Teo Lupu"],
                             ["Date", "2026-07-02"]],
             [["Partner", "Fabrikam Consulting Ltd"], ["Signature", ""], ["Name", "Anna Smith"], ["Date", ""]])
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].location.table == 0


def test_docx_two_column_table_blank_customer_cells():
    d = docx("# Signatures", [["Contoso Ltd", "Fabrikam Consulting Ltd"],
                             ["Signature: ", "Signature: /s/ Anna Smith"],
                             ["Name: ", "Name: Anna Smith"],
                             ["Date: ", "Date: 1 July 2026"]])
    r = sig(d)
    assert r.verdict == "not_met"


def test_header_table_of_signatories():
    d = docx("# Sign-off", [["Party", "Name", "Signature", "Date"],
                           ["Contoso Ltd", "Teo Lupu", "/s/ Teo Lupu", "5 July 2026"],
                           ["Fabrikam Consulting Ltd", "Anna Smith", "/s/ Anna Smith", "5 July 2026"]])
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].text in ("/s/ Teo Lupu", "Teo Lupu", "5 July 2026")


def test_header_table_customer_row_blank():
    d = docx("# Sign-off", [["Party", "Name", "Signature", "Date"],
                           ["Customer", "", "", ""],
                           ["Partner", "Anna Smith", "/s/ Anna Smith", "5 July 2026"]])
    assert sig(d).verdict == "not_met"


def test_electronically_signed_by_customer_contact():
    d = pdf("Signed electronically by Teo Lupu on 4 July 2026 via DocuSign")
    r = sig(d)
    assert r.verdict == "met"
    assert "Teo Lupu" in r.evidence[0].text


def test_docusign_certificate_with_customer_email():
    d = pdf("DocuSign Envelope ID: 4F1A2B3C-1111-2222-3333-444455556666", "Certificate Of Completion\n"
            "Signer Events\nTeo Lupu\nteo.lupu@contoso.example\nSigned: 7/4/2026 10:12:01 AM")
    assert sig(d).verdict == "met"


def test_signed_pdf_signature_field_by_customer_contact():
    d = pdf("Statement of Work between Fabrikam Consulting Ltd and Contoso Ltd")
    d.signature_fields.append(SignatureField("CustomerSignature", True, Location(page=1), signer="Teo Lupu",
                                             signed_at=datetime(2026, 7, 3, tzinfo=UTC)))
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].location.page == 1


def test_unsigned_pdf_signature_field_does_not_count():
    d = pdf("Statement of Work between Fabrikam Consulting Ltd and Contoso Ltd")
    d.signature_fields.append(SignatureField("CustomerSignature", False, Location(page=1)))
    assert sig(d).verdict == "not_met"


def test_signature_image_next_to_customer_label():
    d = pdf("Customer signature:\nName: Teo Lupu\nDate: 2 July 2026")
    d.images.append(ImageInfo(Location(page=1, bbox=(60, 40, 200, 80)), 140, 40, "Customer signature:"))
    assert sig(d).verdict == "met"


def test_poe_template_customer_acknowledgment():
    d = xlsx([["Customer acknowledgement", "Yes"], ["Customer contact", "Teo Lupu"],
              ["Acknowledgement date", "2026-07-02"]])
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].location.sheet == "POE"


def test_poe_template_customer_acknowledgment_no():
    d = xlsx([["Customer acknowledgement", "No"], ["Customer contact", "Teo Lupu"]])
    assert sig(d).verdict == "not_met"


def test_purchase_order_approved_by_customer():
    d = pdf("""PURCHASE ORDER
PO Number: 4500012345
Bill To: Contoso Ltd
Vendor: Fabrikam Consulting Ltd
Description: Dynamics 365 Sales implementation services
Approved by: Teo Lupu
Date: 2026-06-30
""", path="PO.pdf")
    assert sig(d).verdict == "met"


def test_purchase_order_issued_by_customer_without_approval_line():
    d = pdf("""PURCHASE ORDER
PO Number: 4500012345   Order date: 2026-06-30
Buyer: Contoso Ltd
Supplier: Fabrikam Consulting Ltd
Line 1: Dynamics 365 Sales implementation services
""", path="PO.pdf")
    assert sig(d).verdict == "met"


def test_email_from_customer_domain_acknowledging_partner():
    d = pdf("Hi Anna,\nWe confirm Fabrikam Consulting is our partner for the Dynamics 365 rollout.\nTeo",
            path="ack.eml")
    d.format = "eml"
    d.metadata.update({"from": "Teo Lupu <teo.lupu@contoso.example>", "date": "Thu, 2 Jul 2026 10:00:00 +0000"})
    assert sig(d).verdict == "met"


def test_email_from_partner_domain_does_not_count():
    d = pdf("Hi Teo,\nPlease find the SOW attached.\nAnna", path="ack.eml")
    d.format = "eml"
    d.metadata.update({"from": "Anna Smith <anna.smith@fabrikam.example>", "date": "Thu, 2 Jul 2026 10:00:00 +0000"})
    assert sig(d).verdict == "not_met"


def test_customer_signature_older_than_12_months_does_not_count():
    d = pdf(SIDE_BY_SIDE.format(c_by="/s/ Teo Lupu", p_by="/s/ Anna Smith", c_name="Teo Lupu", c_date="12 June 2024"))
    r = sig(d)
    assert r.verdict == "not_met"
    assert "R-SIG-004" in {x.code for x in r.reasons}


def test_customer_signature_after_submission_is_flagged():
    d = pdf(SIDE_BY_SIDE.format(c_by="/s/ Teo Lupu", p_by="/s/ Anna Smith", c_name="Teo Lupu", c_date="12 Sept 2026"))
    r = sig(d)
    assert r.verdict == "unclear"
    assert "R-SIG-005" in {x.code for x in r.reasons}


def test_no_signature_anywhere():
    d = pdf("Scope: implement Dynamics 365 Sales for Contoso Ltd.")
    r = sig(d)
    assert r.verdict == "not_met"
    assert r.reasons[0].code == "R-SIG-001"


def test_prose_by_is_not_a_signature():
    d = pdf("By the end of June the Customer will sign off the design.\nBy: ____________")
    assert sig(d).verdict == "not_met"


@pytest.mark.parametrize("value", ["__________", "[Signature]", "<signature>", "", "...........", "Sign here"])
def test_blank_signature_values(value):
    d = pdf(f"Customer Signature: {value}\nCustomer Name: Teo Lupu\nDate: 2 July 2026")
    assert sig(d).verdict == "not_met"


@pytest.mark.parametrize("label", ["Customer Signature", "Signature of Client", "Client Authorised Signatory",
                                   "Accepted by Customer"])
def test_customer_role_in_label(label):
    d = pdf(f"{label}: Teo Lupu\nDate: 2 July 2026")
    assert sig(d).verdict == "met"


def test_signature_of_unknown_party_is_unclear():
    d = pdf("Signature: J. Doe\nName: J. Doe\nDate: 2 July 2026")
    assert sig(d).verdict == "unclear"


SINGLE_SPACED = """Signatures
Contoso Ltd Fabrikam Consulting Ltd
By: {c_by} By: /s/ Anna Smith
Name: {c_name} Name: Anna Smith
Date: {c_date} Date: 10 June 2026
"""


def test_side_by_side_joined_with_single_spaces_signed():
    d = pdf(SINGLE_SPACED.format(c_by="/s/ Mia Chen", c_name="Mia Chen", c_date="12 June 2026"))
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].text == "By: /s/ Mia Chen"


def test_side_by_side_joined_with_single_spaces_blank_customer():
    d = pdf(SINGLE_SPACED.format(c_by="__________", c_name="__________", c_date="__________"))
    r = sig(d)
    assert r.verdict == "not_met"


def test_side_by_side_partner_first_blank_customer_second():
    d = pdf("Fabrikam Consulting Ltd Contoso Ltd\nBy: /s/ Anna Smith By: ____________\n"
            "Name: Anna Smith Name: ____________\nDate: 10 June 2026 Date: ____________")
    assert sig(d).verdict == "not_met"


def test_inline_role_labels_on_one_line():
    d = pdf("Customer: Contoso Ltd Partner: Fabrikam Consulting Ltd\nSignature: /s/ Mia Chen Signature: ________\n"
            "Date: 2 July 2026 Date: ________")
    assert sig(d).verdict == "met"


def test_signed_on_behalf_label():
    d = pdf("Signed for and on behalf of Contoso Ltd: Mia Chen\nDate: 2 July 2026")
    assert sig(d).verdict == "met"


def test_slash_s_attributed_by_the_lines_around_it():
    d = pdf("Accepted by the Customer\n/s/ Mia Chen\nMia Chen, Head of Sales Operations\n"
            "Accepted by the Partner\n/s/ Anna Smith")
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].text == "/s/ Mia Chen"


def test_tab_separated_label_value_lines():
    d = pdf("Customer acceptance\nSignature\t/s/ Mia Chen\nName\tMia Chen\nDate\t2 July 2026")
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].text == "Signature\t/s/ Mia Chen"


def test_tab_separated_blank_values():
    d = pdf("Customer acceptance\nSignature\t\nName\t\nDate\t")
    assert sig(d).verdict == "not_met"


def test_whole_signature_page_reflowed_into_one_paragraph():
    d = pdf("CONTOSO LTD FABRIKAM CONSULTING LTD By: /s/ Mia Chen By: /s/ Anna Smith Name: Mia Chen "
            "Name: Anna Smith Date: 12 June 2026 Date: 10 June 2026")
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].text == "By: /s/ Mia Chen"


def test_whole_signature_page_reflowed_blank_customer():
    d = pdf("CONTOSO LTD FABRIKAM CONSULTING LTD By: ________ By: /s/ Anna Smith Name: ________ "
            "Name: Anna Smith Date: ________ Date: 10 June 2026")
    assert sig(d).verdict == "not_met"


def test_poe_template_acknowledgment_section_in_sheet():
    d = xlsx([["Customer acknowledgement"], ["Name", "Mia Chen"], ["Title", "CIO"], ["Signature", "Mia Chen"],
              ["Date", "2026-07-02"]])
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].location.cell == "B4"


def test_poe_template_acknowledgment_section_blank():
    d = xlsx([["Customer acknowledgement"], ["Name", ""], ["Title", ""], ["Signature", ""], ["Date", ""]])
    assert sig(d).verdict == "not_met"


def test_signature_block_of_a_third_organisation_does_not_count():
    d = pdf("For and on behalf of Northwind Traders Ltd\nSignature: /s/ Jo Brown\nDate: 2 July 2026\n"
            "For and on behalf of Fabrikam Consulting Ltd\nSignature: /s/ Anna Smith\nDate: 2 July 2026")
    r = sig(d)
    assert r.verdict == "not_met"
    assert any(x.code == "R-SIG-007" and "Northwind" in x.message for x in r.reasons)


def test_contact_list_is_not_a_signature_block():
    d = pdf("Project contacts\nName: Mia Chen\nTitle: CIO\nName: Anna Smith\nTitle: Director")
    r = sig(d)
    assert r.verdict == "not_met" and r.reasons[0].code == "R-SIG-001"


def test_docusigned_by_stamp_with_customer_contact():
    d = pdf("Customer\nDocuSigned by:\nTeo Lupu\n8A1B2C3D4E5F4A1\nDate: 2 July 2026")
    assert sig(d).verdict == "met"


def test_stacked_blocks_name_of_block_above_does_not_leak():
    d = pdf("Customer\nSignature: ________\nName: Teo Lupu\nDate: ________\n"
            "Signature: /s/ Anna Smith\nName: Anna Smith\nDate: 2 July 2026")
    assert sig(d).verdict == "not_met"


def test_spec_example_single_line():
    d = pdf("Customer: Contoso Ltd  By: /s/ Teo Lupu  Date: 12 July 2026")
    r = sig(d)
    assert r.verdict == "met"


@pytest.mark.parametrize("rows", [
    [["Customer Name", "Contoso Ltd"], ["Date", "2026-07-01"]],
    [["Customer acceptance criteria", "Deliverables are accepted within five business days"]],
    [["Customer approval required", "Yes"], ["Date", ""]],
])
def test_template_cover_fields_are_not_signatures(rows):
    assert sig(xlsx(rows)).verdict == "not_met"


def test_cover_page_lines_are_not_signatures():
    d = pdf("Statement of Work\nCustomer Name: Contoso Ltd\nDate: 1 July 2026\nVersion: 1.0\n"
            "Customer acceptance: deliverables are deemed accepted after five business days.")
    assert sig(d).verdict == "not_met"


def test_sign_off_without_signature_line_but_with_title():
    d = pdf("Accepted for the Customer\nName: Teo Lupu\nTitle: CIO\nDate: 2 July 2026")
    assert sig(d).verdict == "met"


@pytest.mark.parametrize("value", ["Yes", "Teo Lupu", "Approved by Teo Lupu on 2026-07-02", "2 July 2026", "X"])
def test_customer_acknowledgment_values(value):
    assert sig(xlsx([["Customer acknowledgement", value]])).verdict == "met"


def test_uk_execution_clause_dotted_is_blank():
    d = docx("Signed by Teo Lupu for and on behalf of CONTOSO LIMITED ........ Director  Date: 20/05/2026",
             "Signed by Anna Smith for and on behalf of FABRIKAM CONSULTING LIMITED /s/ Anna Smith Director  "
             "Date: 19/05/2026")
    r = sig(d)
    assert r.verdict == "not_met"
    assert "R-SIG-002" in {x.code for x in r.reasons}


def test_uk_execution_clause_signed():
    d = docx("Signed by Teo Lupu for and on behalf of CONTOSO LIMITED /s/ Teo Lupu  Date: 20/05/2026")
    assert sig(d).verdict == "met"


def test_forwarded_customer_email_in_body():
    d = pdf("From: Anna Smith <anna.smith@fabrikam.example>\nSent: 3 July 2026\nSubject: FW: SOW\n"
            "Forwarding the customer's confirmation below.\n"
            "From: Teo Lupu <teo.lupu@contoso.example>\nSent: Thursday, 2 July 2026 10:02\n"
            "We confirm Fabrikam Consulting is engaged to deploy Dynamics 365 Sales.", path="fw.msg")
    r = sig(d)
    assert r.verdict == "met"
    assert "teo.lupu@contoso.example" in r.evidence[0].text


def test_customer_email_declining_does_not_count():
    d = pdf("We have decided not to proceed with Fabrikam at this time.", path="no.eml")
    d.format = "eml"
    d.metadata.update({"from": "teo.lupu@contoso.example", "date": "Thu, 2 Jul 2026 10:00:00 +0000"})
    assert sig(d).verdict == "not_met"


def test_block_attributed_by_an_email_line_inside_it():
    d = pdf("Signature: /s/ Jo Brown\nName: Jo Brown\nEmail: jo.brown@contoso.example\nDate: 2 July 2026")
    assert sig(d).verdict == "met"


def test_signer_attributed_by_other_lines_naming_them():
    d = pdf("Project contacts\nCustomer project sponsor: Jo Brown\nPartner lead: Anna Smith\n"
            "Signature: /s/ Jo Brown\nName: Jo Brown\nDate: 2 July 2026")
    assert sig(d).verdict == "met"


def test_signer_named_for_both_parties_is_not_the_customer_for_sure():
    d = pdf("Customer sponsor: Jo Brown\nPartner sponsor: Jo Brown\nSignature: /s/ Jo Brown\nDate: 2 July 2026")
    assert sig(d).verdict != "met"


def test_signed_pdf_field_attributed_by_its_name_or_the_label_above():
    d = pdf("Statement of Work")
    d.signature_fields.append(SignatureField("CustomerSignature_1", True, Location(page=1)))
    assert sig(d).verdict == "met"
    d = pdf("Statement of Work\nFor the Client:")
    d.signature_fields.append(SignatureField("Sig1", True, Location(page=1, bbox=(60, 80, 200, 110)), signer="J. Doe"))
    assert sig(d).verdict == "met"


def test_signature_image_by_a_plain_label_under_the_customer_heading():
    d = pdf("Statement of Work\nFor the Customer:")
    d.images.append(ImageInfo(Location(page=1, bbox=(60, 80, 200, 110)), 140, 30, "Signature:"))
    assert sig(d).verdict == "met"


def test_letter_on_customer_letterhead_signed_at_the_close():
    d = pdf("Contoso Ltd\n1 Main Street, Springfield\nTo whom it may concern,\n"
            "We confirm that Fabrikam Consulting Ltd is engaged to deploy Microsoft Teams for us.\n"
            "Sincerely,\n/s/ Jo Brown\nJo Brown, IT Director\n2 July 2026", path="letter.pdf")
    r = sig(d)
    assert r.verdict == "met"
    assert r.evidence[0].text == "/s/ Jo Brown"


def test_letter_on_partner_letterhead_is_the_partners():
    d = pdf("Fabrikam Consulting Ltd\n1 High Street\nDear Teo,\nThank you for choosing us.\n"
            "Kind regards,\n/s/ Anna Smith", path="letter.pdf")
    assert sig(d).verdict == "not_met"


def test_whole_blocks_inside_table_cells():
    d = docx([["Fabrikam Consulting Ltd\nSignature: /s/ Anna Smith\nDate: 1 July 2026",
               "Contoso Ltd\nSignature: ____________\nDate: ____________"]])
    assert sig(d).verdict == "not_met"
    d = docx([["Contoso Ltd\nSignature: /s/ Teo Lupu\nDate: 2 July 2026",
               "Fabrikam Consulting Ltd\nSignature: ____________\nDate: ____________"]])
    r = sig(d)
    assert r.verdict == "met"
    assert "/s/ Teo Lupu" in r.evidence[0].text


@pytest.mark.parametrize("header,cust,part,expected", [
    (["", "Customer", "Partner"], "/s/ Teo Lupu", "/s/ Anna Smith", "met"),
    (["", "Customer", "Partner"], "", "/s/ Anna Smith", "not_met"),
    (["", "Fabrikam Consulting Ltd", "Contoso Ltd"], "/s/ Anna Smith", "", "not_met"),
    (["", "Fabrikam Consulting Ltd", "Contoso Ltd"], "/s/ Anna Smith", "/s/ Mia Chen", "met"),
])
def test_transposed_signature_table(header, cust, part, expected):
    d = docx([header, ["Signature", cust, part], ["Name", "A. Person", "B. Person"], ["Date", "2 July 2026", "1 July 2026"]])
    assert sig(d).verdict == expected


def test_partner_invoice_citing_a_po_number_is_no_customer_acknowledgment():
    d = pdf("INVOICE\nInvoice no: 2026-118\nPO Number: 4500012345\nBill To: Contoso Ltd\n"
            "From: Fabrikam Consulting Ltd\nDynamics 365 Sales implementation services", path="invoice.pdf")
    assert sig(d).verdict == "not_met"


@pytest.mark.parametrize("text,expected", [
    ("Customer\nApproved: Teo Lupu, 2 July 2026", "met"),
    ("Client\nAccepted and agreed: /s/ Mia Chen\nDate: 2 July 2026", "met"),
    ("Approved\nThe design was approved in June.", "not_met"),
])
def test_sign_off_words_as_labels(text, expected):
    assert sig(pdf(text)).verdict == expected


def test_x_marks_where_to_sign():
    assert sig(pdf("Customer Signature: X__________\nDate: ______")).verdict == "not_met"


def test_pasted_signature_picture_in_the_customer_cell():
    d = docx([["Contoso Ltd", "Fabrikam Consulting Ltd"], ["Signature:", "Signature: /s/ Anna Smith"],
              ["Date: 2 July 2026", "Date: 1 July 2026"]])
    d.images.append(ImageInfo(Location(part="body", paragraph=0, table=0, row=1, col=0), 120, 40, "Signature:"))
    assert sig(d).verdict == "met"


def test_signature_picture_in_the_partner_half_of_a_pdf_line_does_not_sign_for_the_customer():
    d = pdf("Contoso Ltd\tFabrikam Consulting Ltd\nSignature: ____\tSignature: ____\nDate: ____\tDate: 1 July 2026")
    d.images.append(ImageInfo(Location(page=1, bbox=(400, 40, 520, 75)), 120, 35, "Signature:"))
    assert sig(d).verdict == "not_met"
    d.images[0] = ImageInfo(Location(page=1, bbox=(60, 40, 180, 75)), 120, 35, "Signature:")
    assert sig(d).verdict == "met"


def _table_without_empty_cells(rows):
    """Word tables as the DOCX extractor gives them: empty cells emit no block."""
    from extractors.document import ExtractedDocument, TextBlock
    blocks = [TextBlock(v, Location(part="body", paragraph=0, table=0, row=r, col=c), "cell")
              for r, row in enumerate(rows) for c, v in enumerate(row) if v]
    return ExtractedDocument(path="SOW.docx", format="docx", pages=1, blocks=blocks)


def test_word_table_with_empty_cells_keeps_columns_aligned():
    rows = [["", "Contoso Ltd", "", "Fabrikam Consulting Ltd"], ["Signature", "", "Signature", "/s/ Anna Smith"],
            ["Date", "", "Date", "1 July 2026"]]
    d = _table_without_empty_cells(rows)
    assert sig(d).verdict == "not_met"
    d.images.append(ImageInfo(Location(part="body", paragraph=0, table=0, row=1, col=1), 120, 40, "Signature"))
    assert sig(d).verdict == "met"


ACK_SECTION = [
    ["Section 6: Customer Acknowledgment"],
    ["Customer contact name", "Grace Liu"],
    ["Customer contact title", "Chief Financial Officer"],
    ["Acknowledgment date", "{date}"],
    ["Customer acknowledges partner involvement (Yes/No)", "{yes}"],
]


def _ack(date: str, yes: str):
    return xlsx([[c.format(date=date, yes=yes) for c in row] for row in ACK_SECTION])


def test_template_acknowledgment_section_filled_is_met():
    # D-11.1: the POE template's customer acknowledgment, filled in by the customer's person.
    r = sig(_ack("2026-07-01", "Yes"))
    assert r.verdict == "met"
    assert any("Grace Liu" in e.text for e in r.evidence)


def test_template_acknowledgment_answered_no_is_not_met():
    assert sig(_ack("2026-07-01", "No")).verdict == "not_met"


def test_template_acknowledgment_dated_13_months_back_is_stale():
    # D-22: the date of the section's date row dates the 'Yes'.
    r = sig(_ack("2025-05-01", "Yes"))
    assert r.verdict == "not_met" and r.reasons[0].code == "R-SIG-004"


def test_a_customer_acknowledgement_section_is_the_customers_whatever_role_words_its_text_holds():
    rows = [["6. Customer acknowledgement"], [],
            ["I confirm that the information above is accurate and that the partner named above is working with us."],
            [], ["Name", "Pooja Chatterjee"], ["Title", "Chief Technology Officer"], ["Organisation", "XXXXX"],
            ["Signature", "Pooja Chatterjee (approved by e-mail)"], ["Date", ""]]
    r = sig(xlsx(rows))
    assert r.verdict == "met"
    assert all("customer" in e.note for e in r.evidence)


def test_a_customer_caption_over_another_companys_name_is_that_companys_block():
    r = sig(pdf("Authorisation\nPartner:\tCustomer:\nFabrikam Consulting Ltd\tRivermark Property Group Inc\n"
                "Signature: ________________\tSignature: Danielle Thompson\n"
                "Name: ________________\tName: Danielle Thompson\n"
                "Date: ________________\tDate: 27 June 2026"))
    assert r.verdict == "not_met"
    assert any(x.code == "R-SIG-007" for x in r.reasons)


def test_signed_for_beside_a_customer_label_is_a_caption_not_the_customers_name():
    r = sig(pdf("AUTHORISATION\nCustomer:\tSigned for Fabrikam Consulting Ltd\nFalaraora Logistics Ltd\n"
                "Signature: Digitally signed by Sanjay Khan\tSignature:\nName: Sanjay Khan\tName: Aisha Davies\n"
                "Title: Finance Director\tTitle: Commercial Director\nDate: 3 June 2026\tDate: TBC"))
    assert r.verdict == "not_met"
    assert [x.code for x in r.reasons] == ["R-SIG-007"]  # Falaraora's signature, not 'only the partner signed'


def test_a_picture_in_the_partners_cell_of_an_empty_by_row_is_not_the_customers():
    from extractors.document import ExtractedDocument, TextBlock

    def cell(text: str, row: int, col: int, x0: float, x1: float) -> TextBlock:
        y = 100.0 + 30 * row
        return TextBlock(text, Location(page=1, bbox=(x0, y, x1, y + 12), table=0, row=row, col=col), "cell")

    blocks = [TextBlock("Signatures", Location(page=1, bbox=(72, 60, 140, 72)), "heading"),
              cell("Fabrikam Consulting Ltd", 0, 1, 150, 350), cell("CLIENT", 0, 2, 360, 560),
              cell("By", 1, 0, 72, 140),
              cell("Name", 2, 0, 72, 140), cell("Jack Shaw", 2, 1, 150, 350),
              cell("Date", 3, 0, 72, 140), cell("1 June 2026", 3, 1, 150, 350), cell("<date>", 3, 2, 360, 560)]
    doc = ExtractedDocument(path="SoW.pdf", format="pdf", status="ok", pages=1, blocks=blocks)
    doc.images = [ImageInfo(Location(page=1, bbox=(160, 126, 300, 142)), 140, 16, "Signatures")]
    r = sig(doc)
    assert r.verdict == "not_met"


def test_a_row_of_inline_fields_is_not_joined_to_the_next_blocks_caption():
    from extractors.document import ExtractedDocument, TextBlock

    lines = ["Authorised Signatories", "FABRIKAM CONSULTING LTD Signature:",
             "Name: Cooper McKenzie Title: Practice Lead Date: DD/MM/YYYY",
             "CUSTOMER (signed by its managed service provider): Aspenline Group LLP",
             "Signature: Signed electronically by Thomas Fletcher",
             "Name: Thomas Fletcher Title: Business Applications Lead", "Date: dd.mm.yyyy"]
    blocks = [TextBlock(t, Location(page=1, bbox=(72.0, 100.0 + 14 * i, 72.0 + 5.3 * len(t) if i != 2 else 523.0,
                                                  110.0 + 14 * i)), "ocr") for i, t in enumerate(lines)]
    from scoring.checks.text import build_views

    (view,) = build_views([ExtractedDocument(path="scan.pdf", format="pdf", status="ok", pages=1, blocks=blocks)])
    assert [s.text for s in view.segments] == lines  # the date field keeps its value; the caption stands alone
