"""customer_signature on real contracts (D-11.1): signature pages as text extraction gives them.

The excerpts are from CUAD v1 Part_I (EDGAR exhibits; CUAD is CC BY 4.0, Atticus Project):
the contract's first party is claimed as the partner, the second as the customer. Each test
stands for a class of layouts, named in its title.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from extractors.document import ImageInfo, Location
from scoring.checks import run_checks
from scoring.checks.context import CheckContext
from scoring.checks.signature import find_signatures
from scoring.checks.sigreader import SigReader
from scoring.checks.text import build_views
from tests.scoring.docs import claim, docx, pdf


def _claim(partner: str, customer: str, submitted: datetime):
    return claim(partner_name=partner, customer_name=customer, customer_domain="customer.example",
                 customer_contact_name="", partner_contact_name="", partner_contact_email="",
                 submitted_at=submitted, created_at=submitted)


def _sig(doc, c):
    return run_checks(c, [doc])["customer_signature"]


# AimmuneTherapeuticsInc_20200205_8-K_EX-10.3 (Development Agreement), p. 51 and the press release after it.
AIMMUNE = _claim("Xencor, Inc.", "Aimmune Therapeutics, Inc.", datetime(2020, 5, 4, tzinfo=UTC))
AIMMUNE_PAGE = """IN WITNESS WHEREOF, the Parties have executed this Agreement by their duly authorized representatives.
AIMMUNE THERAPEUTICS, INC.\tXENCOR, INC.
By:\t/s/ Jayson Dallas, M.D\tBy:\t/s/ Bassil Dahiyat, Ph.D.
Name:\tJayson Dallas, M.D\tName:\tBassil Dahiyat, Ph.D.
Title:\tPresident & CEO\tTitle:\tPresident & CEO
"""
AIMMUNE_RELEASE = ("\u201cAs we look to the future of food allergy treatments, we are excited to explore the potential of "
                   "oral immunotherapy to achieve greater levels of desensitization,\u201d said Jayson Dallas, M.D., President "
                   "and CEO of Aimmune. \u201cAimmune\u2019s focus, clinical success and regulatory expertise in food allergy "
                   "demonstrate their capability to advance AIMab7195,\u201d said Bassil Dahiyat, Ph.D., President and CEO "
                   "of Xencor. Under the terms of the agreement, Aimmune will make an upfront payment to Xencor of $5 million.")


def test_one_caption_per_party_over_label_and_value_columns_is_each_partys_block():
    # 'AIMMUNE <tab> XENCOR' stands over four columns (By: <tab> /s/ ... <tab> By: <tab> /s/ ...):
    # caption column c is party column c, not the whole line.
    r = _sig(pdf(AIMMUNE_PAGE), AIMMUNE)
    assert r.verdict == "met"
    assert any("/s/ Jayson Dallas" in e.text for e in r.evidence)


def test_a_press_release_naming_both_parties_does_not_put_the_signer_on_the_other_side():
    # The release quotes the customer's CEO and the partner's CEO in one paragraph; only the
    # words around his name ('... CEO of Aimmune') say whose person he is.
    r = _sig(pdf(AIMMUNE_PAGE, AIMMUNE_RELEASE), AIMMUNE)
    assert r.verdict == "met"
    assert "R-SIG-003" not in {x.code for x in r.reasons}


# PremierNutrition / Stremick's Heritage Foods amendment (BellRing Brands S-1, EX-10), p. 1.
STREMICK = _claim("Stremicks Heritage Foods, LLC", "Premier Nutrition Corporation", datetime(2019, 10, 1, tzinfo=UTC))
STREMICK_PAGE = """IN WITNESS WHEREOF, the Parties have caused this Amendment to be signed by their respective duly authorized representatives.
Premier Nutrition Corporation\tStremick\u2019s Heritage Foods, LLC.
By:\t/s/ Darcy Davenport\tBy:\t/s/ Sam Stremick
Name:\tDarcy Davenport\tName:\tSam Stremick
Title:\tPresident\tTitle:\tPresident
"""


def test_a_piece_of_a_partys_own_name_is_no_other_organisation():
    r = _sig(pdf(STREMICK_PAGE), STREMICK)
    assert r.verdict == "met"
    assert "R-SIG-007" not in {x.code for x in r.reasons}
    reader = SigReader(CheckContext(STREMICK, build_views([pdf(STREMICK_PAGE)])), build_views([pdf(STREMICK_PAGE)])[0])
    assert reader.third_party(["Stremick\u2019s Heritage Foods, LLC."]) == ""  # 'Heritage Foods, LLC' is the partner's
    assert reader.third_party(["NATIONAL CINEMEDIA, LLC"]).startswith("NATIONAL CINEMEDIA")
    assert reader.is_party_fragment("LLC")  # a legal form alone names nobody


# EmmisCommunicationsCorp_20191125_8-K_EX-10.6 (Marketing Agreement): the partner is defined as the
# 'Licensee' (a word that usually means the customer), the customer as 'Programmer'.
EMMIS = _claim("MediaCo Holding Inc.", "WBLS-WLIB LLC", datetime(2020, 2, 23, tzinfo=UTC))
EMMIS_HEAD = ("THIS LOCAL PROGRAMMING AND MARKETING AGREEMENT (this \u201cAgreement\u201d) is made as of November 25, 2019 "
              "by and between MediaCo Holding Inc., an Indiana corporation (the \u201cLicensee\u201d), and WBLS-WLIB LLC, "
              "an Indiana limited liability company (\u201cProgrammer\u201d).")


def test_a_role_word_the_contract_defines_for_the_partner_is_the_partners_caption():
    page = EMMIS_HEAD + """
IN WITNESS WHEREOF, the parties have duly executed this Agreement as of the date first above written.
LICENSEE:
By:\t/s/ J. Scott Enright
Name:\tJ. Scott Enright
Title:\tExecutive Vice President
PROGRAMMER:
By:\t______________________
Name:\t
Title:\t
"""
    r = _sig(pdf(page), EMMIS)
    # Without the definition 'LICENSEE' reads as the customer's word and the partner's
    # signature as the customer's; with it, the customer's ('PROGRAMMER') block is blank.
    assert r.verdict == "not_met"
    assert "R-SIG-002" in {x.code for x in r.reasons}


def test_a_defined_short_name_over_a_block_is_that_partys():
    page = EMMIS_HEAD + """
IN WITNESS WHEREOF, the parties have duly executed this Agreement.
Programmer
By:\t/s/ Kevin Brown
Name:\tKevin Brown
Title:\tManager
"""
    assert _sig(pdf(page), EMMIS).verdict == "met"


# CoherusBiosciencesInc_20200227_10-K_EX-10.29 (Development Agreement), p. 40: the date stands right
# of the signature; the signer's name wraps and pushes 'Date:' into a column of its own.
COHERUS = _claim("Bioeq IP, AG", "Coherus BioSciences, Inc.", datetime(2020, 1, 31, tzinfo=UTC))
COHERUS_PAGE = """IN WITNESS WHEREOF, the Parties have executed this Agreement as of the Effective Date.
Bioeq IP AG
By:\t/s/ Hannes Teissl\t/s/ Nicola
Mikulcik\tDate:\tNovember
02, 2019
Name: Hannes Teissl Nicola Mikulcik
Title: Board Member Board Member
Coherus BioSciences, Inc.
By:\t/s/ Dennis M.
Lanfear\tDate: November 4,
2019
Name: Dennis M. Lanfear
Title: Chairman & Chief Executive
"""


def test_a_date_line_under_a_slash_s_signature_dates_that_signature():
    ctx = CheckContext(COHERUS, build_views([pdf(COHERUS_PAGE)]))
    signed = {f.party: f for f in find_signatures(ctx) if f.kind == "block" and f.signed}
    assert signed["customer"].date == date(2019, 11, 4)
    assert signed["partner"].date == date(2019, 11, 2)


# DovaPharmaceuticalsInc (Valeant) and EhaveInc (Companion Healthcare) signature pages.
def test_slash_s_written_on_the_drawn_line_is_signed():
    c = _claim("Dova Pharmaceuticals, Inc.", "Valeant Pharmaceuticals North America LLC", datetime(2018, 1, 1, tzinfo=UTC))
    page = """IN WITNESS WHEREOF, the Parties have executed this Agreement.
VALEANT PHARMACEUTICALS NORTH AMERICA LLC
By: ___/s/ Joseph C. Papa_______________
Name: Joseph C. Papa
Title: Chief Executive Officer
"""
    assert _sig(pdf(page), c).verdict == "met"


EHAVE = _claim("EHAVE, INC.", "COMPANION HEALTHCARE TECHNOLOGIES CORP", datetime(2019, 1, 28, tzinfo=UTC))


def test_per_is_the_signature_line_of_a_canadian_execution_block():
    page = """IN WITNESS WHEREOF, each Party hereto has caused this Agreement to be duly executed.
EHAVE, INC.\tCOMPANION HEALTHCARE TECHNOLOGIES CORP
per:\t/s/ Prateek Dwivedi\tper:\t/s/ Scott Woodrow
Name: Prateek Dwivedi\tName: Scott Woodrow
Title: Chief Executive Officer\tTitle: Chief Executive Officer
"""
    assert _sig(pdf(page), EHAVE).verdict == "met"
    blank = page.replace("/s/ Scott Woodrow", "")
    r = _sig(pdf(blank), EHAVE)
    assert r.verdict == "not_met" and "R-SIG-002" in {x.code for x in r.reasons}
    # 'Per the schedule' opening a sentence is prose, no signature line
    assert _sig(pdf("Per the schedule below, fees are payable monthly."), EHAVE).verdict == "not_met"


# FreezeTagInc_20180411_8-K_EX-10.1 (Sponsorship Agreement): blank sign-off, a logo by a sentence.
def test_a_picture_by_a_sentence_about_approval_is_no_signature():
    c = _claim("Freeze Tag, Inc.", "American Diabetes Association", datetime(2018, 6, 20, tzinfo=UTC))
    page = """Signatures:
American Diabetes Association\tFreeze Tag, Inc.
Signature\tSignature
Name\tName
Date\tDate
Approved Association Cause or Activity Marks: \u201cAmerican Diabetes Association Stop Diabetes\u00ae\u201d and \u201cTour de Cure\u00ae\u201d - as logos change, attached
"""
    d = pdf(page)
    d.images.append(ImageInfo(Location(page=1, bbox=(60, 120, 200, 160)), 140, 40,
                              "Approved Association Cause or Activity Marks: \u201cAmerican Diabetes Association Stop "
                              "Diabetes\u00ae\u201d and \u201cTour de Cure\u00ae\u201d - as logos change, attached"))
    assert _sig(d, c).verdict == "not_met"


# GluMobile (Sorrent / Twentieth Century Fox) Wireless Content License Agreement, pp. 9 and 17.
FOX = _claim("Twentieth Century Fox Licensing & Merchandising", "Sorrent, Inc", datetime(2005, 3, 16, tzinfo=UTC))
FOX_HEAD = ("This Agreement is entered into by and between Twentieth Century Fox Licensing & Merchandising, a division "
            "of Fox Entertainment Group, Inc. (\u201cFox\u201d) and Sorrent, Inc. (\u201cLicensee\u201d).")


def test_a_clause_heading_by_a_party_is_no_signature():
    page = FOX_HEAD + """
13. REPRESENTATIONS AND WARRANTIES :
(a) By Licensee: Licensee represents and warrants to Fox that:
(b) By Fox: Fox represents and warrants to Licensee that:
"""
    assert _sig(pdf(page), FOX).verdict == "not_met"


def test_a_defined_term_under_a_caption_in_the_blocks_column_names_its_party():
    # The right column's caption wraps over four lines; its last line '("Fox")' stands over the
    # right block only, and the left block's '("Licensee")' is the customer's defined term.
    page = FOX_HEAD + """
SORRENT, INC.\tTWENTIETH CENTURY FOX LICENSING &
(\u201cLicensee\u201d)\tMERCHANDISING, a division of Fox Entertainment
Group, Inc.
(\u201cFox\u201d)
By\t/s/ Paul Zuzelo\tBy\t/s/ Jamie Samson
Name Paul Zuzelo\tJamie Samson
"""
    d = pdf(page)
    # the two lone lines stand in the right half of the page, as on the real page
    d.blocks = [replace(b, location=Location(page=1, bbox=(350.0, b.location.bbox[1], 450.0, b.location.bbox[3])))
                if b.text in ("Group, Inc.", "(\u201cFox\u201d)") else b for b in d.blocks]
    r = _sig(d, FOX)
    assert r.verdict == "met"
    assert any("Paul Zuzelo" in e.text for e in r.evidence)


# IpassInc_20181203_8-K_EX-99.1 (Channel Partner Reseller Agreement), p. 1: the customer is the
# 'Channel Partner', a role word that usually means the partner.
def test_a_role_label_the_contract_defines_for_the_customer_is_the_customers():
    c = _claim("IPASS INC.", "Pareteum Corporation", datetime(2018, 7, 23, tzinfo=UTC))
    page = """IPASS INC., having a principal place of business at 3800 Bridge Parkway, Redwood Shores, CA 94065 (\u201ciPass\u201d), and Pareteum Corporation, having a principal business address at 100 Park Avenue, Suite 1600, New York City, New York 10017 (\u201cChannel Partner\u201d).
IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.
Channel Partner:\tiPass Inc.:
By: /s/ Victor A. Bozzo\tBy: /s/ Christine Gardner
Victor A. Bozzo\tChristine Gardner
"""
    r = _sig(pdf(page), c)
    assert r.verdict == "met"
    assert any("Victor A. Bozzo" in e.text for e in r.evidence)


# eoframework solutions, aws/ai/intelligent-document-processing/presales/statement-of-work.docx,
# section 12 (the vendors' SOW templates leave their sign-off blank).
def _eo_sign_off(client_signature: str, client_name: str):
    return docx(
        "# 12 Sign-Off",
        "By signing below, both parties agree to the scope, approach, and terms outlined in this Statement of Work.",
        [["CLIENT", "CONSULTING COMPANY"],
         [f"Name: {client_name}", "Name: ___________________________"],
         ["Title: ___________________________", "Title: ___________________________"],
         [f"Signature: {client_signature}", "Signature: ___________________________"],
         ["Date: ___________________________", "Date: ___________________________"]])


def test_a_templates_blank_sign_off_is_not_met():
    r = run_checks(claim(), [_eo_sign_off("___________________________", "___________________________")])
    sig = r["customer_signature"]
    assert sig.verdict == "not_met"
    assert "R-SIG-002" in {x.code for x in sig.reasons}
    filled = run_checks(claim(), [_eo_sign_off("/s/ Teo Lupu", "Teo Lupu")])["customer_signature"]
    assert filled.verdict == "met"


def test_a_role_word_defined_for_a_company_that_is_not_the_customer_is_that_companys():
    # The same Fox page claimed with a customer that is no party: '("Licensee")' is Sorrent's
    # word here, so Sorrent's signature is another organisation's (R-SIG-007), not the customer's.
    wrong = _claim("Twentieth Century Fox Licensing & Merchandising", "National Football League Alumni, Inc",
                   datetime(2005, 3, 16, tzinfo=UTC))
    page = FOX_HEAD + """
(\u201cLicensee\u201d)\t(\u201cFox\u201d)
By\t/s/ Paul Zuzelo\tBy\t/s/ Jamie Samson
Name Paul Zuzelo\tJamie Samson
"""
    r = _sig(pdf(page), wrong)
    assert r.verdict == "not_met"
    assert "R-SIG-007" in {x.code for x in r.reasons}
    assert _sig(pdf(page), FOX).verdict == "met"


# BerkshireHillsBancorpInc 10-Q EX-10 (Endorsement Agreement), p. 11: the extractor put the whole
# page into one table cell.
BERKSHIRE_CELL = ("may now or hereafter have to the exercise of personal and subject matter jurisdiction in the Selected "
                  "Jurisdiction.\nIN WITNESS WHEREOF, the Parties execute this Agreement intending to be legally bound.\n"
                  "/s/ Geno Auriemma 5/17/12\nGENO AURIEMMA Date\nBERKSHIRE BANK\nBy: /s/ Sean A. Gray 5/14/12\n"
                  "Sean A. Gray Date\nExecutive Vice President \u2014 Retail Banking")


def test_each_slash_s_line_of_a_page_read_into_one_cell_is_its_own_signature():
    doc = docx([[BERKSHIRE_CELL]], path="Endorsement.docx")
    right = _claim("Geno Auriemma", "Berkshire Bank", datetime(2012, 8, 15, tzinfo=UTC))
    r = _sig(doc, right)
    assert r.verdict == "met"
    assert [e.text for e in r.evidence] == ["By: /s/ Sean A. Gray 5/14/12"]
    ctx = CheckContext(right, build_views([doc]))
    assert {(f.party, f.date) for f in find_signatures(ctx)} >= {("partner", date(2012, 5, 17)),
                                                                 ("customer", date(2012, 5, 14))}
    # 'BERKSHIRE BANK' shares one word with another bank: no customer signature for that claim
    wrong = _claim("Geno Auriemma", "Bank of America, N.A.", datetime(2012, 8, 15, tzinfo=UTC))
    assert _sig(doc, wrong).verdict != "met"
