"""Party names on real contracts (issue 12, second round): one test per class of miss left on CUAD.

The excerpts are from contracts of the CUAD v1 data set (The Atticus Project, CC BY 4.0,
https://www.atticusprojectai.org/cuad), exhibits filed on SEC EDGAR; the file each comes from is
named beside it. Each test also claims a customer that is no party to the excerpt: that claim
must stay unaccepted (the classes widen what counts as a party position, never what a foreign
name is).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from extractors.document import ExtractedDocument, Location, TextBlock
from scoring.checks import run_checks
from scoring.checks.parties import party_mentions
from scoring.checks.party_clause import clause_parties
from scoring.checks.text import build_views
from tests.scoring.docs import claim, docx, pdf

WRONG_CUSTOMER = "Upjohn Inc."  # a party of another CUAD contract


def _domain(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in {"inc", "llc", "ltd", "corp", "co", "the"}]
    return "".join(words)[:30] + ".example"


def _verdicts(doc: ExtractedDocument, partner: str, customer: str, submitted: str) -> dict:
    day = datetime.fromisoformat(submitted).replace(tzinfo=UTC)
    c = claim(partner_name=partner, customer_name=customer, customer_domain=_domain(customer),
              customer_contact_name="", customer_contact_email="", partner_contact_name="",
              partner_contact_email="", created_at=day - timedelta(days=1), submitted_at=day)
    return run_checks(c, [doc])


def _assert_parties(doc: ExtractedDocument, partner: str, customer: str, submitted: str) -> None:
    r = _verdicts(doc, partner, customer, submitted)
    assert r["partner_name"].verdict == "met", r["partner_name"].reasons
    assert r["customer_name"].verdict == "met", r["customer_name"].reasons
    wrong = _verdicts(doc, partner, WRONG_CUSTOMER, submitted)
    assert wrong["customer_name"].verdict in ("not_met", "unclear")


# CUAD Development/EmeraldHealthBioceuticalsInc_20200218_1-A_EX1A-6 MAT CTRCT_11987205_..._Development Agreement.pdf
EMERALD = (
    "This Consulting and Licensing Agreement (\"Agreement\") is entered into this 1st day of September 2016 "
    "(“Effective Date”) by and between Emerald Health Sciences Inc. (“EHS”), Emerald Health Nutraceuticals Inc. "
    "(“EHN”), and Michael T. Murray, N.D. (“Dr. Murray”). This Agreement sets forth a description of those "
    "responsibilities of EHS, EHN, and Dr. Murray, of certain rights granted to EHS and EHN, and of certain other terms.")


def test_a_third_party_of_a_three_party_clause_does_not_replace_the_customer():
    """'between A ("EHS"), B ("EHN"), and Michael T. Murray': B is a party of the clause; the
    third one was 'another organisation as the customer' (R-NAME-004)."""
    _assert_parties(pdf(EMERALD), "Emerald Health Sciences Inc.", "Emerald Health Nutraceuticals Inc.", "2016-11-30")


# CUAD Service/GpaqAcquisitionHoldingsInc_20200123_S-4A_EX-10.8_11951679_EX-10.8_Service Agreement.pdf
GPAQ_PREAMBLE = (
    "This SPONSORSHIP AND SERVICES AGREEMENT (the “Agreement”) is made and entered into as of the 19th day of "
    "December, 2018, by and among HOF Village, LLC, a Delaware limited liability company (“HOFV”), National "
    "Football Museum, Inc., d/b/a Pro Football Hall of Fame, an Ohio corporation (“PFHOF” and, together with "
    "HOFV, the “HOF Entities”) and Constellation NewEnergy, Inc., a Delaware corporation, on behalf of itself and "
    "its retail affiliates and subsidiaries (collectively, “Constellation”). HOFV and/or PFHOF, on the one hand, "
    "and Constellation, on the other hand, are referred to herein as a “Party” and, collectively, as the “Parties”.")
GPAQ_SUBORDINATION = (
    "6.6 Subordination. This Agreement shall in all respects be subordinate to any and all agreements executed "
    "prior to the date of this\nAgreement between the HOF Entities and Johnson Controls, Inc. or any of its "
    "affiliates.")


def test_parties_listed_by_and_among_with_their_descriptions():
    """'by and among A, a Delaware ... ("HOFV"), B, d/b/a ..., an Ohio corporation ("PFHOF" ...) and
    C': neither A nor B was read in a party position, so a later 'between the HOF Entities and
    Johnson Controls, Inc.' made Johnson Controls the party."""
    doc = pdf(GPAQ_PREAMBLE, GPAQ_SUBORDINATION)
    _assert_parties(doc, "HOF Village, LLC", "National Football Museum, Inc. d/b/a Pro Football Hall of Fame",
                    "2019-03-19")
    assert clause_parties(GPAQ_PREAMBLE) == [
        "HOF Village, LLC", "National Football Museum, Inc., d/b/a Pro Football Hall of Fame",
        "Constellation NewEnergy, Inc"]


# CUAD License_Agreements/ChinaRealEstateInformationCorp_20090929_F-1_EX-10.32_4771615_..._Content License Agreement.pdf
SINA_LICENCE = (
    "DOMAIN NAME AND CONTENT LICENSE AGREEMENT\n"
    "This Domain Name and Content License Agreement (the “Agreement”) is made and entered into, by and between "
    "Beijing SINA Internet\nInformation Service Co., Ltd. ( ), a limited liability company organized under the laws "
    "of the People’s Republic\nof China (hereinafter “Licensor”) and Beijing Yisheng Leju Information Services Co., "
    "Ltd., a limited liability company organized under the laws of\nthe People’s Republic of China (“Licensee” and "
    "together with Licensor, the “Parties” and each a “Party”) and is made effective as of the Effective\nDate "
    "(defined below).")
SINA_TERMINATION = (
    "THIS MUTUAL TERMINATION AGREEMENT (“Termination Agreement”) is made and entered into this day of , 2009, by "
    "and between Beijing SINA Internet Information Service Co. (“Beijing SINA”) and Shanghai SINA Leju Information "
    "Technology Co. Ltd. (“SINA Leju”).")


def test_party_clause_over_several_lines_with_long_descriptions():
    """The licence's clause runs over four lines of one table cell and describes each party at
    length before its term; the termination agreement filed with it names another company."""
    doc = docx([[SINA_LICENCE]], SINA_TERMINATION)
    _assert_parties(doc, "Beijing SINA Internet Information Service Co., Ltd.",
                    "Beijing Yisheng Leju Information Services Co., Ltd.", "2009-12-28")


# CUAD Maintenance/AzulSa_20170303_F-1A_EX-10.3_9943903_EX-10.3_Maintenance Agreement1.pdf
AZUL_COVER = ("GLOBAL MAINTENANCE AGREEMENT\nContract No. DS/CS-3957/14 issue 7\nBetween\nAZUL LINHAS AÉREAS "
              "BRASILEIRAS S/A\n(as Company)\nand\nAVIONS DE TRANSPORT REGIONAL, G.I.E.\n(as Repairer)\nMarch 9th, 2015")
AZUL_ANNEX = "LOAN ORDER\nFOR MAIN ELEMENT AVAILABILTY UNDER GMA\nFROM:\tTO:\nCOMPANY NAME:\tA.C.S.-ATR CUSTOMER SUPPORT"


def _cover_page(*pages: str) -> ExtractedDocument:
    """Pages of centred lines far apart, as a contract's cover sets them (each its own paragraph)."""
    blocks = [TextBlock(line, Location(page=p, bbox=(200.0, 60.0 + 40 * i, 200.0 + 6 * len(line), 72.0 + 40 * i)))
              for p, page in enumerate(pages, start=1) for i, line in enumerate(page.splitlines())]
    return ExtractedDocument(path="GMA.pdf", format="pdf", pages=len(pages), blocks=blocks)


def test_parties_listed_under_a_between_line_outweigh_an_annex_form():
    """'Between' / 'AZUL ...' / '(as Company)' / 'and' / 'AVIONS ...': the cover lists the parties a
    line each; an order form in an annex ('COMPANY NAME: A.C.S.-ATR CUSTOMER SUPPORT') made the
    subsidiary it is addressed to 'another organisation' (unclear)."""
    doc = _cover_page(AZUL_COVER, AZUL_ANNEX)
    assert [s.text for s in build_views([doc])[0].segments][2:5] == [
        "Between", "AZUL LINHAS AÉREAS BRASILEIRAS S/A", "(as Company)"]
    _assert_parties(doc, "AZUL LINHAS AÉREAS BRASILEIRAS S/A", "AVIONS DE TRANSPORT REGIONAL, G.I.E.", "2015-06-07")


# CUAD Development/RitterPharmaceuticalsInc_20200313_S-4A_EX-10.54_12055220_..._Development Agreement.pdf
RITTER_PREAMBLE = (
    "This Distribution and Development Agreement (this “Agreement”) is made and entered into as of May 1, 2016 by "
    "and between Sekisui Diagnostics, LLC and its Affiliates, a Delaware limited liability company with principal "
    "offices at 4 Hartwell Place, Lexington, Massachusetts 02421 (“Sekisui”), and Qualigen, Inc. and its "
    "Affiliates, a Delaware corporation with principal offices at 2042 Corte Del Nogal, Carlsbad, California 92011 "
    "(“Qualigen” and together with Sekisui, each a “Party” and together the “Parties”).")
RITTER_ANNEX = ("2) Sales order entered into Qualigen ERP system by Qualigen customer service on behalf of SD.\n"
                "5) Qualigen generates SD invoice to customer at full commercial value on behalf of SD.")


def test_a_partys_initials_are_its_short_name():
    """An exhibit calls Sekisui Diagnostics 'SD', a term the contract never defines: 'on behalf of
    SD' named 'another organisation as the partner'."""
    doc = pdf(RITTER_PREAMBLE.replace("by and between", "by and\nbetween"), RITTER_ANNEX)
    r = _verdicts(doc, "Sekisui Diagnostics, LLC", "Qualigen, Inc.", "2016-07-30")
    assert r["partner_name"].verdict == "met", r["partner_name"].reasons
    annex_only = pdf("Sekisui Diagnostics, LLC\nQualigen, Inc.", RITTER_ANNEX)
    r = _verdicts(annex_only, "Sekisui Diagnostics, LLC", "Qualigen, Inc.", "2016-07-30")
    assert r["partner_name"].verdict == "met", r["partner_name"].reasons
    # Capitals that spell another company's initials stay a foreign name.
    other = pdf("Sekisui Diagnostics, LLC\nQualigen, Inc.", "Sales order entered on behalf of KPMG.")
    assert _verdicts(other, "Sekisui Diagnostics, LLC", "Qualigen, Inc.", "2016-07-30")["partner_name"].verdict != "met"


# CUAD Development/LiquidmetalTechnologiesInc_20200205_8-K_EX-10.1_11968198_..._Development Agreement.pdf
LIQUIDMETAL = (
    "THIS BUSINESS DEVELOPMENT AGREEMENT (the “Agreement”) is effective as of , 2020 (the “Effective Date”), by and "
    "between LIQUIDMETAL TECHNOLOGIES, INC., a Delaware corporation having its principal place of business at "
    "20321 Valencia Circle, Lake Forest, California 92630 (“Liquidmetal”), and EUTECTIX, LLC, a Delaware limited "
    "liability company having an address of 323 Main Street, Chatham, New Jersey 07928 (“Eutectix”).")
APPLE = ("Consumer Electronic Products. For this purpose, “Consumer Electronic Products” means personal computers; and "
         "any accessory that is the same or similar (in the sole discretion of Apple, Inc.) to an accessory made or "
         "sold by or on behalf of Apple (regardless of when Apple sold or started to sell such accessory).")


def test_by_or_on_behalf_of_is_no_party_position():
    """'made or sold by or on behalf of Apple' is a contract's phrase for anyone acting for a
    company; it made Apple 'another organisation as the partner'."""
    doc = pdf(LIQUIDMETAL.replace("by and between", "by\nand between"), APPLE)
    _assert_parties(doc, "LIQUIDMETAL TECHNOLOGIES, INC.", "EUTECTIX, LLC", "2020-05-05")
    assert not party_mentions(APPLE)
    assert [m.how for m in party_mentions("For and on behalf of Apple Inc.")] == ["behalf"]  # a caption still counts


# CUAD License_Agreements/GluMobileInc_20070319_S-1A_EX-10.09_436630_..._Content License Agreement2.pdf
GLU_AMENDMENT = (
    "AMENDMENT NO. 1\nDated as of November 11, 2005\n"
    "Reference is hereby made to that certain fully executed Wireless Content License Agreement Number 12965 dated "
    "as of December 16, 2004 (“Agreement”), between TWENTIETH CENTURY FOX LICENSING & MERCHANDISING, division of "
    "Fox Entertainment Group, Inc. (“Fox”), as Administrator for Twentieth Century Fox Film Corporation "
    "(“Trademark Licensor”) and Glu Mobile, Inc. f/k/a Sorrent, Inc. (“Licensee”).")
GLU_ASSIGNMENT = (
    "(a) FOX ASSIGNMENT OF AGREEMENT: Pursuant to Twentieth Century Fox Licensing and Merchandising’s assignment of "
    "rights and obligations through an assignment dated as of October 1, 2005 by and between Twentieth Century Fox "
    "Licensing and Merchandising and Fox Mobile Entertainment Inc., Fox Mobile Entertainment, Inc. is hereby "
    "substituted for Twentieth Century Fox Licensing and Merchandising as “Fox” under the Agreement.")


def test_a_dated_other_instrument_names_its_own_parties():
    """'through an assignment dated as of October 1, 2005 by and between X and Y' recites another
    instrument: X was 'another organisation as the customer' of the amendment."""
    _assert_parties(pdf(GLU_AMENDMENT, GLU_ASSIGNMENT), "Fox Mobile Entertainment",
                    "Glu Mobile, Inc. f/k/a Sorrent, Inc.", "2006-02-09")


# ---------------------------------------------------------------- customer signature of a non-party

# CUAD Co_Branding/MphaseTechnologiesInc_20030911_10-K_EX-10.15_1560667_EX-10.15_Co-Branding Agreement.pdf
MPHASE_PREAMBLE = (
    "This Agreement is made this 21st day of January 2003 by and between Lucent Technologies Inc. , a Delaware "
    "corporation having a principal place of business at 600 Mountain Avenue, Murray Hill , New Jersey 07974 "
    "(\"Lucent\") and mPhase Technologies Inc., a New Jersey corporation located at 587 Connecticut Avenue, "
    "Norwalk, Connecticut 06854 (\"mPhase\").")
MPHASE_SIGNATURES = (
    "IN WITNESS WHEREOF, the Parties by their duly authorized representatives, have executed this Agreement on the "
    "respective dates indicated below.\n"
    "Lucent Technologies Inc. mPhase, Inc.\n"
    "By: /s/ D. Laurence Padilla By: /s/ Ron Durando\n"
    "----------------------- ----------------------\n"
    "D. Laurence Padilla Ron Durando\n"
    "President - Chief Executive Officer\n"
    "Intellectual Property Business\n"
    "Date: 1/28/03 Date: 01/21/03")


def _signature(doc: ExtractedDocument, partner: str, customer: str, submitted: str) -> str:
    return _verdicts(doc, partner, customer, submitted)["customer_signature"].verdict


def test_the_other_block_is_not_the_customers_when_the_customer_is_no_party():
    """The partner's block and one more: that one is the customer's only when the claimed customer
    is named in the documents (a claim naming a company that is no party got the other party's
    signature credited: 43 of 354 wrong-customer claims on CUAD Part_I)."""
    doc = pdf(MPHASE_PREAMBLE, MPHASE_SIGNATURES)
    assert _signature(doc, "Lucent Technologies Inc.", "mPhase Technologies Inc.", "2003-04-21") == "met"
    assert _signature(doc, "Lucent Technologies Inc.", "Harvest Gold Farms Inc.", "2003-04-21") != "met"


# CUAD Development/PelicanDeliversInc_20200211_S-1_EX-10.3_11975895_EX-10.3_Development Agreement2.pdf
PELICAN_PREAMBLE = (
    "THIS SOFTWARE DEVELOPMENT AGREEMENT (Agreement ) is made December 3rd, 2018 (the Effective Date) by and between "
    "DOT COM LLC, OBA Seattle Software Developers, a Delaware limited liability company (Developer ), and (Client) "
    "Pelican Delivers Inc. for the performance of software design services and software development as detailed "
    "herein (Developer and Client are individually referred to herein as a Party, and collectively as the Parties).")
PELICAN_SIGNATURES = ("IN WITNESS WHEREOF, the Parties have executed this Agreement as of the Effective Date\n"
                      "Acceptance by Developer\tAcceptance by Client:\n"
                      "By: /s/ Julian Valentine\tBy: /s/ Dave Comeau\n"
                      "Julian Valentine, VP\tDave Comeau, Shareholder")


def test_a_client_block_is_the_organisation_the_contract_names_as_client():
    """'Acceptance by Client:' is the claimed customer's block when the claimed customer is the
    client; when the contract names another company in that place, that company signed (R-SIG-007)."""
    doc = pdf(PELICAN_PREAMBLE, PELICAN_SIGNATURES)
    assert _signature(doc, "DOT COM LLC", "Pelican Delivers Inc.", "2019-03-03") == "met"
    wrong = _verdicts(doc, "DOT COM LLC", "Playboy.com, Inc.", "2019-03-03")["customer_signature"]
    assert wrong.verdict == "not_met" and [r.code for r in wrong.reasons] == ["R-SIG-007"]


# CUAD Manufacturing/InmodeLtd_20190729_F-1A_EX-10.9_11743243_EX-10.9_Manufacturing Agreement.pdf
INMODE_PARTIES = (
    "This Turn - Key Manufacturing Agreement (the “Agreement”) is effective as of the 1.4.2011 (the “Effective "
    "Date”) by and between:\n"
    "INVASIX LTD., with a principal place of business at Tavor Building, Shaar Yokneam, POB 533, Yokneam 20692, "
    "Israel. Hereinafter referred to as “ Customer” And FLEXTRONICS ISRAEL LTD. with a principal place of business at "
    "Industrial Zone Migdal Haemek 23108 P.O.B. 867, Israel. Hereinafter referred to as “Contractor.”")
INMODE_SIGNATURES = ("In Witness whereof, the Parties have caused this Agreement to be duly executed for and on behalf of:\n"
                     "Flextronics (Israel) Ltd.\tINVASIX LTD 514073618\n"
                     "Contractor\tCustomer\n"
                     "Date:\tDate:\n"
                     "Name:\tName:\tMOSHE MIZRAHY\n"
                     "Title:\tTitle:\tCEO\n"
                     "Signature:\tSignature:\t/s/ Moshe Mizrahy")


def test_a_role_word_defined_with_a_space_inside_its_quotes_is_that_partys():
    """'Hereinafter referred to as “ Customer”' defines the word for INVASIX, the claim's partner:
    its signed block is the partner's, and the claimed customer's own block is blank."""
    doc = pdf(INMODE_PARTIES, INMODE_SIGNATURES)
    r = _verdicts(doc, "INVASIX LTD.", "FLEXTRONICS ISRAEL LTD.", "2011-06-30")["customer_signature"]
    assert r.verdict == "not_met" and "R-SIG-002" in {x.code for x in r.reasons}
    assert _signature(doc, "INVASIX LTD.", "LeadersOnline, Inc.", "2011-06-30") != "met"


# CUAD Distributor/ScansourceInc_20190822_10-K_EX-10.39_11793959_EX-10.39_Distributor Agreement.pdf
SCANSOURCE = (
    "This Amendment No. 3 (“Amendment No. 3\") to the Nonexclusive Value Added Distributor Agreement, as amended "
    "(\"Agreement''), by and between Cisco Systems, Inc. (\"Cisco\"), a California corporation having Its principal "
    "place of business at 170 West Tasman Drive, San Jose, CA, 95134, and ScanSource, Inc. (\"Distributor\"), a South "
    "Carolina corporation with a place of business at 6 Logue Court, Greenville, South Carolina, 29615, is effective "
    "as of the date last signed below (\"Amendment Effective Date”).")


def test_each_party_described_after_its_term():
    """'Cisco Systems, Inc. ("Cisco"), a California corporation ..., and ScanSource, Inc.
    ("Distributor"), a South Carolina corporation ...': the second name follows the first one's
    description (the entry read 'a California corporation having ... and ScanSource, Inc.', no
    name), so a claimed customer that is not ScanSource saw no other party in its place and was
    credited the 'Distributor' block (a purchase order's)."""
    assert clause_parties(SCANSOURCE) == ["Cisco Systems, Inc", "ScanSource, Inc"]


# CUAD License_Agreements/DataCallTechnologies_20060918_SB-2A_EX-10.9_944510_EX-10.9_Content License Agreement.pdf
DATACALL_STAMP = "Source: DATA CALL TECHNOLOGIES, SB-2/A, 9/18/2006"
DATACALL_PAGES = (
    f"CONTENT LICENSE AGREEMENT\nbetween\nPLAN_B MEDIA AG\nand\nData Call Technologies, Inc\n{DATACALL_STAMP}",
    f"3 OBLIGATIONS OF PLAN_B\n3.1 PLAN_B shall deliver the content.\n{DATACALL_STAMP}",
    "10.2 This Agreement has been prepared in two (2) identical copies, one for each Party.\n"
    f"PLAN_B MEDIA AG PLAN_B MEDIA AG\n{DATACALL_STAMP}",
    "03/24/06 03/24/06\n______________________________ _____________________________\nDate Date\n"
    "/s/ Heim Brecht /s/ Stefan Meyes-Sickenagel\n______________________________ _____________________________\n"
    "Signature Signature\nHeim Brecht Stefan Meyes-Sickenagel\n"
    f"LICENSOR LICENSOR\n{DATACALL_STAMP}",
)


def test_a_filing_stamp_between_caption_and_signature_names_no_signer():
    """The caption 'PLAN_B MEDIA AG' ends one page, the signatures open the next; the EDGAR stamp
    printed under every page ('Source: DATA CALL TECHNOLOGIES, ...') names the filer, the partner,
    and stood nearest the signatures, so the customer's two signatures were taken for the partner's."""
    doc = pdf(*DATACALL_PAGES)
    assert _signature(doc, "Data Call Technologies, Inc", "PLAN_B MEDIA AG", "2006-06-22") == "met"
