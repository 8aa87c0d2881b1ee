"""Names and dates on real contracts (issue 12): one test per class of mistake found on CUAD.

The excerpts are from contracts of the CUAD v1 data set (The Atticus Project, CC BY 4.0,
https://www.atticusprojectai.org/cuad), exhibits filed on SEC EDGAR; the file each comes from is
named beside it. They are the classes, not the documents: each rule is general.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from extractors.document import ExtractedDocument, Location, TextBlock
from scoring.checks import run_checks
from scoring.checks.dates import check_dates
from scoring.checks.defined_terms import defined_terms
from scoring.checks.parties import NameMatcher
from tests.scoring.docs import claim, pdf

# CUAD Part_I Manufacturing/BellringBrandsInc_20190920_S-1_EX-10.12_..._Manufacturing Agreement1.pdf
BELLRING_PREAMBLE = (
    "THIS MANUFACTURING AGREEMENT (the “Agreement”) is made this first day of July, 2017 (the “Effective "
    "Date”) between Stremicks Heritage Foods, LLC (“Heritage”), a Delaware limited liability company with an "
    "address of 4002 Westminster Avenue, Santa Ana, CA 92703 and PREMIER NUTRITION CORPORATION (“Premier”), a "
    "Delaware corporation with a principal place of business at 5905 Christie Avenue, Emeryville, California "
    "94608 (each a “Party”, collectively, the “Parties”).")
BELLRING_BODY = ("(a) This Section contains the basic terms of this Agreement between Heritage and Premier. All "
                 "other provisions of this Agreement are to be")


def _domain(name: str) -> str:
    """The customer's domain as it would register it: 'VNUE, Inc.' -> 'vnue.example'."""
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in {"inc", "llc", "ltd", "corp", "co", "the"}]
    return "".join(words)[:30] + ".example"


def _claim(partner: str = "A", customer: str = "B", submitted: str = "2017-09-29"):
    day = datetime.fromisoformat(submitted).replace(tzinfo=UTC)
    return claim(partner_name=partner, customer_name=customer, customer_domain=_domain(customer),
                 customer_contact_email="", created_at=day - timedelta(days=1), submitted_at=day)


def _verdicts(doc: ExtractedDocument, partner: str, customer: str, submitted: str = "2017-09-29") -> dict:
    return run_checks(_claim(partner, customer, submitted), [doc])


def test_defined_short_names_are_the_parties_not_other_organisations():
    """'Stremicks Heritage Foods, LLC (“Heritage”)' ... 'between Heritage and Premier': the defined
    terms are the parties themselves (R-NAME-004 named 'Heritage' as another organisation)."""
    doc = pdf(BELLRING_PREAMBLE + "\n" + BELLRING_BODY)
    r = _verdicts(doc, "Stremicks Heritage Foods, LLC", "PREMIER NUTRITION CORPORATION")
    assert r["partner_name"].verdict == "met", r["partner_name"].reasons
    assert r["customer_name"].verdict == "met", r["customer_name"].reasons
    terms = defined_terms(BELLRING_PREAMBLE)
    assert terms["heritage"].startswith("Stremicks Heritage Foods") and terms["premier"] == "PREMIER NUTRITION CORPORATION"


def test_role_words_the_contract_defines_are_no_organisation():
    """CUAD Distributor/SmartRxSystemsInc_20180914_1-A_..._Distributor Agreement.pdf: the signature
    captions 'COMPANY: DISTRIBUTOR:' use the terms the preamble defines ("Company"), ("Distributor")."""
    doc = pdf(
        "This Distributor Agreement (“Agreement”) is made and entered into this 17th day of May, 2017 by and "
        "between SMART RX SYSTEMS, INC., a Florida corporation, with its principal place of business at Red Bug "
        "Lake Road, Suite 256, Winter Springs, Florida 32708, U.S.A. (\"Company\") and A3 DEVELOPMENT GROUP, "
        "LLC, a Texas limited liability company, with its principal place of business at 17521 Highway 69 "
        "South, Suite 120, Tyler, Texas 75703 (\"Distributor\").",
        "COMPANY:\tDISTRIBUTOR:\nSMART RX SYSTEMS, INC.\tA3 DEVELOPMENT GROUP, LLC")
    r = _verdicts(doc, "SMART RX SYSTEMS, INC.", "A3 DEVELOPMENT GROUP, LLC", "2017-08-15")
    assert r["partner_name"].verdict == "met" and r["customer_name"].verdict == "met"


def test_either_party_is_no_organisation():
    """CUAD Outsourcing/ParatekPharmaceuticalsInc_20170505_10-KA_..._Outsourcing Agreement.pdf:
    'MADE BY EITHER PARTY TO THE OTHER' was taken for another organisation as the party."""
    doc = pdf("OUTSOURCING AGREEMENT\nParatek Pharmaceuticals, Inc.\nCARBOGEN AMCIS AG",
              "THE WARRANTIES SET OUT IN SECTIONS 13.1 AND 13.2 ARE THE SOLE WARRANTIES MADE BY EITHER PARTY TO "
              "THE OTHER AND TO")
    r = _verdicts(doc, "Paratek Pharmaceuticals, Inc.", "CARBOGEN AMCIS AG", "2017-08-01")
    assert r["partner_name"].verdict == "met" and r["customer_name"].verdict == "met"


def test_sentence_words_after_between_are_no_organisation():
    """CUAD Affiliate_Agreements/TubeMediaCorp_20060310_8-K_..._Affiliate Agreement.pdf: a body
    sentence ('... between Network over the Internet originating from ...') is no party clause."""
    doc = pdf("TUBE Music Network, Inc., a Florida corporation (the “Network”), and Tribune Broadcasting Company, "
              "a Delaware corporation (“Affiliate”), regarding the television",
              "revenue split between Affiliate and Network over the Internet originating from Network’s website")
    r = _verdicts(doc, "The TUBE Music Network, Inc.", "Tribune Broadcasting Company", "2006-06-01")
    assert r["partner_name"].verdict == "met" and r["customer_name"].verdict == "met"


def test_one_word_name_matches_whole_words_only():
    """'MEDICA S.p.A.' is 'medica' without its legal form: 'medical' in a CUAD contract
    (Development/AimmuneTherapeuticsInc_..._Development Agreement.pdf wording) is not that name."""
    m = NameMatcher("MEDICA S.p.A.")
    assert m.match("the conduct of any medical affairs activities") is None
    assert m.match("Medica shall supply the Products") is not None


def test_short_name_inside_another_company_name_is_not_the_customer():
    """CUAD Outsourcing/PhotronicsInc_20171219_10-QA_..._Outsourcing Agreement.pdf names 'Dai Nippon
    Printing Co., Ltd.': no short form of a claimed customer 'Nippon Shinyaku Company, Ltd.'; and a
    later word of a name ('Media' of 'Solutions Media') is never its short form."""
    text = "Dai Nippon Printing Co., Ltd., a Japanese corporation with its principal place of business at 1-1"
    assert NameMatcher("Nippon Shinyaku Company, Ltd.").match(text) is None
    assert NameMatcher("Solutions Media, Inc.").match("Source: PHOENIX NEW MEDIA LTD, F-1, 4/21/2011") is None
    doc = pdf(text, "Dai Nippon Printing Co., Ltd. shall deliver", "DNP and Photronics")
    r = _verdicts(doc, "Photronics, Inc.", "Nippon Shinyaku Company, Ltd.", "2017-12-01")
    assert r["customer_name"].verdict != "met"


def test_name_broken_over_two_lines_of_an_indented_paragraph():
    """CUAD Development/ReedsInc_20191113_10-Q_..._Development Agreement.pdf: the first line of the
    paragraph is indented and ends '... and B C', the next starts 'Marketing Concepts Inc.'."""
    lines = [
        ("This Recipe Development Agreement (this “Agreement”) is made between Reed’s, Inc., a Delaware "
         "corporation (“Reed’s”) and B C", (80.6, 61.95, 544.67, 69.49)),
        ("Marketing Concepts Inc., dba Full Sail Brewing Company, an Oregon corporation (“Company”), effective "
         "as of October 11, 2019 (the “Effective Date”).", (50.16, 72.05, 544.76, 80.0)),
    ]
    doc = ExtractedDocument(path="Reeds.pdf", format="pdf", pages=1,
                            blocks=[TextBlock(t, Location(page=1, bbox=b)) for t, b in lines])
    r = _verdicts(doc, "Reed's, Inc.", "BC Marketing Concepts Inc.", "2020-01-09")
    assert r["customer_name"].verdict == "met", r["customer_name"].reasons


def test_date_followed_by_its_label_is_the_effective_date():
    """CUAD wording: 'made and entered into on the 20th day of November, 2018 (the “Effective
    Date”)' dates the agreement (it was an 'other date': only the words before a date were read)."""
    doc = pdf("This Master Franchise Agreement (“Agreement”) is made and entered into on the 20th day of November, "
              "2018 (the “Effective Date”) by and between the parties.")
    r = _verdicts(doc, "A", "B", "2019-02-18")
    assert r["dates"].verdict == "met", r["dates"].reasons


def test_agreement_made_this_day_dates_the_agreement():
    """CUAD Distributor/PrecheckHealthServicesInc_20200320_8-K_..._Distributor Agreement.pdf."""
    doc = pdf("Agreement made this 19th day of March, 2020")
    assert _verdicts(doc, "A", "B", "2020-06-17")["dates"].verdict == "met"


def test_significant_is_not_sign():
    """'significant' before a delivery date made it a signature date; after submission it turned
    the dates criterion to unclear (R-DATE-005)."""
    doc = pdf("Effective Date: March 1, 2020",
              "Supplier shall notify Buyer of any significant delay to the delivery scheduled for June 30, 2020.")
    r = _verdicts(doc, "A", "B", "2020-04-01")
    assert r["dates"].verdict == "met", r["dates"].reasons


def test_edgar_filing_stamp_is_not_a_document_date():
    """CUAD Hosting/QuantumGroupIncFl_20090120_8-K_EX-99.2_..._Hosting Agreement.pdf: every page
    ends 'Source: QUANTUM GROUP INC /FL, 8-K, 1/20/2009', the filing's date, not the contract's."""
    stamp = "Source: QUANTUM GROUP INC /FL, 8-K, 1/20/2009"
    doc = pdf(f"HOSTING AGREEMENT\n{stamp}", f"1. Services.\n{stamp}", f"2. Fees.\n{stamp}")
    result = check_dates_of(doc, "2009-04-20")
    assert result.verdict == "not_met"
    assert all("1/20/2009" not in e.text for e in result.evidence)
    assert all("1/20/2009" not in r.message for r in result.reasons)
    single = pdf(f"HOSTING AGREEMENT\n{stamp}")  # one page: the stamp's own form tells it
    assert all("1/20/2009" not in r.message for r in check_dates_of(single, "2009-04-20").reasons)


def test_place_and_date_line_is_a_signature_date():
    """CUAD wording (an Italian supplier's signature page): 'Rome/Houston, 2 April 2020'."""
    doc = pdf("IN WITNESS WHEREOF the parties have signed this Agreement.", "Rome/Houston, 2 April 2020")
    assert _verdicts(doc, "A", "B", "2020-07-01")["dates"].verdict == "met"


def check_dates_of(doc: ExtractedDocument, submitted: str):
    from scoring.checks.context import CheckContext
    from scoring.checks.text import build_views

    return check_dates(CheckContext(_claim(submitted=submitted), build_views([doc])))


def test_role_word_and_sentence_after_between_are_no_organisation():
    """CUAD Development/PelicanDeliversInc_20200211_S-1_EX-10.3_..._Development Agreement.pdf:
    '... executed by and between Developer and Client on the Effective Date (the Agreement)'; and
    'MADE BY EITHER PARTY TO THE OTHER AND TO' (Paratek): 'TO' is no company."""
    doc = pdf("SOFTWARE DEVELOPMENT AGREEMENT\nSEATTLE SOFTWARE DEVELOPERS, INC.\nPELICAN DELIVERS INC.",
              "This Statement of Work is issued to and made part of that Software Development Agreement executed "
              "by and between Developer and Client on the Effective Date (the Agreement).",
              "THE SOLE WARRANTIES MADE BY EITHER PARTY TO THE OTHER AND TO THE FULLEST EXTENT")
    r = _verdicts(doc, "SEATTLE SOFTWARE DEVELOPERS, INC.", "PELICAN DELIVERS INC.", "2020-03-01")
    assert r["partner_name"].verdict == "met" and r["customer_name"].verdict == "met"


def test_date_after_before_is_a_deadline_not_a_signature():
    """CUAD Promotion/VnueInc_20150914_8-K_EX-10.1_..._Promotion Agreement.pdf: 'If Ten (10) music
    venues sign a contract with VNUE before January 16, 2016' is a deadline; read as a signature
    dated after submission it made the dates unclear."""
    doc = pdf("This Agreement is made and entered into as of September 10, 2015.",
              "If Ten (10) music venues sign a contract with VNUE before January 16, 2016, Promoter will receive "
              "an additional bonus")
    r = _verdicts(doc, "BookingEntertainment.com", "VNUE, Inc.", "2015-12-09")
    assert r["dates"].verdict == "met", r["dates"].reasons


def test_either_name_of_a_company_trading_as_another_counts():
    """CUAD License_Agreements/GpaqAcquisitionHoldingsInc_..._License Agreement: the party is
    'NATIONAL FOOTBALL MUSEUM, INC. d/b/a Pro Football Hall of Fame' and signs as the latter."""
    m = NameMatcher("NATIONAL FOOTBALL MUSEUM, INC. d/b/a Pro Football Hall of Fame")
    assert m.match("PRO FOOTBALL HALL OF FAME\nBy: /s/ C. David Baker").score == 1.0


def test_recital_about_another_agreement_names_no_party_of_this_one():
    """CUAD Maintenance/AzulSa_20170303_F-1A_EX-10.3_..._Maintenance Agreement1.pdf: 'WHEREAS pursuant
    to an investment agreement dated on May 25, 2012, entered into between Trip shareholders and Azul
    S.A., TRIP ...' is about another agreement's parties."""
    doc = pdf("AZUL LINHAS AÉREAS BRASILEIRAS S/A\nAVIONS DE TRANSPORT REGIONAL, G.I.E.",
              "3) WHEREAS pursuant to an investment agreement dated on May 25, 2012, entered into between Trip "
              "Shareholders and Azul S.A., TRIP became a subsidiary")
    r = _verdicts(doc, "AZUL LINHAS AÉREAS BRASILEIRAS S/A", "AVIONS DE TRANSPORT REGIONAL, G.I.E.", "2016-04-05")
    assert r["partner_name"].verdict == "met" and r["customer_name"].verdict == "met"


def test_a_place_with_its_postcode_is_no_short_name():
    """CUAD Co_Branding/TomOnlineInc_20060501_20-F_..._Co-Branding Agreement.pdf addresses end
    'Dong Chang District, Beijing 100738, PRC': no short form of a customer 'Beijing Yisheng Leju'."""
    m = NameMatcher("Beijing Yisheng Leju Information Services Co., Ltd.")
    assert m.match("Oriental Plaza No.1 Dong Changan Avenue, Dong Chang District, Beijing 100738, PRC") is None
