"""Dates on real contracts (issue 12, D-11.5, D-22): one test per class of dates miss on CUAD.

The excerpts are from contracts of the CUAD v1 data set (The Atticus Project, CC BY 4.0,
https://www.atticusprojectai.org/cuad), exhibits filed on SEC EDGAR; the file each comes from is
named beside it (Part_I folder / file). They are the classes, not the documents: each rule is general.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from benchmarks import real_claims
from scoring.checks import run_checks
from scoring.checks.datefind import find_dates
from tests.scoring.docs import claim, pdf


def _dates(doc, partner: str = "A", customer: str = "B", submitted: str = "2020-01-01"):
    day = datetime.fromisoformat(submitted).replace(tzinfo=UTC)
    c = claim(partner_name=partner, customer_name=customer, customer_domain="b.example",
              customer_contact_email="", created_at=day - timedelta(days=1), submitted_at=day)
    return run_checks(c, [doc])["dates"]


def _codes(result) -> set[str]:
    return {r.code for r in result.reasons}


def test_blank_signature_date_line_under_a_dated_agreement_is_met():
    """Endorsement/NakedBrandGroupInc_20150731_POS AM (on S-1)_EX-10.75_..._Endorsement Agreement.pdf:
    the agreement 'is dated as of this 15th day of June, 2015 (“Effective Date”)', the parties sign
    'as of the date first above written', and the 'Date:' lines under the /s/ blocks are blank.
    D-11.5: the date the signatures adopt is shown (R-DATE-007 says the Date line is blank)."""
    doc = pdf("THIS COLLABORATION & ENDORSEMENT AGREEMENT (the “Agreement”) is dated as of this 15th day of June, "
              "2015 (“Effective Date”), between The Naked Brands Group, Inc. and Wade Enterprises, LLC.",
              "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date first above written.\n"
              "THE NAKED BRANDS GROUP, INC.\nBy: /s/ Joel Primus\nDate:\n"
              "WADE ENTERPRISES, LLC\nBy: /s/ Dwyane Wade\nDate:")
    r = _dates(doc, "The Naked Brands Group, Inc", "Wade Enterprises, LLC", "2015-09-13")
    assert r.verdict == "met", r.reasons
    assert "R-DATE-007" in _codes(r)
    assert any("15th day of June" in e.text and e.location.page == 1 for e in r.evidence)


def test_blank_signature_date_beside_milestones_only_stays_not_met():
    """The control of the rule above: an SOW signed with its Date line blank, dated only by its
    kick-off, has no signature date (D-11.5 asks for it); no agreement date stands in."""
    doc = pdf("Timeline\nKick-off: 15 June 2026\nGo-live: 30 September 2026\n"
              "Customer Signature: /s/ Teo Lupu\nDate: ________")
    r = _dates(doc, submitted="2026-07-21")
    assert r.verdict == "not_met" and "R-DATE-007" not in _codes(r)


def test_hand_typed_date_with_stray_spaces_after_a_date_label():
    """Endorsement/PerformanceSportsBrandsInc_20110909_S-1_EX-10.10_..._Endorsement Agreement.pdf:
    the signature page reads 'Date: 2-21 -11'; it was taken for a blank date."""
    assert [f.value for f in find_dates("Date: 2-21 -11")] == [date(2011, 2, 21)]
    assert find_dates("2-21 -11")[0].text == "2-21 -11"
    assert find_dates("see pages 2 - 21 - 11") == []  # without a Date label no date
    doc = pdf("GOLFERS INCORPORATED\nBy: /s/ Andy North\nDate: 2-21 -11")
    assert _dates(doc, submitted="2011-05-22").verdict == "met"


def test_space_before_the_comma_of_a_written_date():
    """License_Agreements/EuromediaHoldingsCorp_20070215_10SB12G_EX-10.B(01)_..._Content License
    Agreement.pdf: 'made as of July 11 , 2006 (the “Effective Date”)'."""
    assert find_dates("made as of July 11 , 2006 (the")[0].value == date(2006, 7, 11)
    assert find_dates("made this 3rd day of June , 2010")[0].value == date(2010, 6, 3)
    doc = pdf("This Agreement is made as of July 11 , 2006 (the “Effective Date”) between the parties.")
    assert _dates(doc, submitted="2006-10-09").verdict == "met"


def test_signed_on_a_date_far_along_its_sentence():
    """Joint venture contract of VALENCETECHNOLOGYINC (EX-10, 2003): 'IN WITNESS WHEREOF, the duly
    authorized representative of each Party has signed this Contract in Baoding, People's Republic
    of China on November 8, 2002.' The verb is 70 characters before the date."""
    doc = pdf("IN WITNESS WHEREOF, the duly authorized representative of each Party has signed this Contract in "
              "Baoding, People's Republic of China on November 8, 2002.")
    r = _dates(doc, submitted="2003-02-06")
    assert r.verdict == "met" and r.evidence[0].note == "signature date"


def test_words_before_a_date_stop_at_the_date_before_it():
    """Crude oil agreement of VertexEnergyInc (8-K EX-10.1, 2020), its anti-corruption clause: 'the
    OECD Convention ... signed in Paris on December 19, 1997, which entered into force on February
    15, 1999': the second date is when the convention took effect, no signature."""
    from scoring.checks.dates import _segment_dates
    from scoring.checks.text import build_views

    view = build_views([pdf("The OECD Convention on Combating Bribery of Foreign Public Officials in International "
                            "Business Transactions signed in Paris on December 19, 1997, which entered into force "
                            "on February 15, 1999.")])[0]
    roles = {h.value: h.role for seg in view.segments for h in _segment_dates(seg, view)}
    assert roles[date(1997, 12, 19)] == "signature" and roles[date(1999, 2, 15)] != "signature"


def test_date_line_labelled_by_the_line_above():
    """Supply/WestPharmaceuticalServicesInc_20200116_8-K_EX-10.1_..._Supply Agreement.pdf: the
    buyer's block reads 'ACCEPTED AND AGREED TO BY BUYER' / 'DATE OF:' / 'January 10, 2020' beside
    the seller's 'Date: December 11, 2018'. The buyer's date was read as no signature's, so only
    the seller's 16-month-old date was left (R-DATE-004)."""
    doc = pdf("BUYER\tSELLER\nACCEPTED AND AGREED TO BY BUYER\tExxonMobil Chemical Company, a division of\n"
              "DATE OF:\tExxon Mobil Corporation\nJanuary 10, 2020\tDate: December 11, 2018\n"
              "/s/ Eric M. Green\t/s/ Kurt Aerts\nBY: Eric M. Green\tBY: Kurt Aerts")
    r = _dates(doc, "ExxonMobil Chemical Company", "West Pharmaceutical Services, Inc.", "2020-04-09")
    assert r.verdict == "met", r.reasons


def test_date_above_its_printed_caption_in_a_signature_block():
    """Reseller/IpassInc_20181203_8-K_EX-99.1_..._Reseller Agreement.pdf: captions under the lines
    ('Printed Name', 'Title', 'Date'), so each value stands above its label."""
    doc = pdf("IN WITNESS WHEREOF, the parties have executed this Agreement as of the Effective Date.\n"
              "Channel Partner:\tiPass Inc.:\nBy: /s/ Victor A. Bozzo\tBy: /s/ Christine Gardner\n"
              "Victor A. Bozzo\tChristine Gardner\nPrinted Name\tPrinted Name\n"
              "Chief Executive Officer\tVP Finance\nTitle\tTitle\n4/24/2018\t04/25/2018\nDate\tDate")
    r = _dates(doc, "IPASS INC.", "Pareteum Corporation", "2018-07-24")
    assert r.verdict == "met", r.reasons
    assert r.evidence[0].text == "4/24/2018\t04/25/2018" and r.evidence[0].location.page == 1


def test_date_fields_under_company_seals_are_signature_dates():
    """Transportation/ZtoExpressCaymanInc_20160930_F-1_EX-10.10_..._Transportation Agreement.pdf:
    'Company seal: /s/ ...' then 'Date: December 22, 2014' per party, under a heading about
    transportation times (it was an 'other' date)."""
    doc = pdf("(a)Transportation time:\n14. This Agreement takes effect upon the signatures and seals of both "
              "Parties in triplicate.\nParty A: ZTO Express Co., Ltd.\tParty B:Tonglu Tongze Logistics Ltd.\n"
              "Company seal: /s/ ZTO Express Co., Ltd.\tCompany seal: /s/ Tonglu Tongze Logistics Ltd.\n"
              "Date: December 22, 2014\tDate: December 22, 2014")
    r = _dates(doc, "ZTO Express Co., Ltd.", "Tonglu Tongze Logistics Ltd.", "2015-03-22")
    assert r.verdict == "met", r.reasons


def test_date_alone_under_the_execution_block():
    """Outsourcing/ImperialGardenResortInc_20161028_DRS (on F-1)_EX-10.13_..._Outsourcing Agreement.pdf:
    the parties' block ('Covenanters', 'Party A:', addresses) ends with the date alone on a line."""
    doc = pdf("Article XII.\tThe Contract shall be made in duplicate and Party A and Party B shall hold a copy "
              "respectively in witness thereof.\nCovenanters\nParty A: The HUANG JIA Country CLUB and Recreation "
              "Inc.\nAddress: Floor 4, No. 106, Zhouzi Street, Neihu District, Taipei City\nTel: 02-26582502\n"
              "Party B:Chang Chen-Bin Architects Office\nTel: 04-22373588 Fax: 04-22373388\nOctober 29, 2015")
    r = _dates(doc, submitted="2016-01-27")
    assert r.verdict == "met" and r.evidence[0].text == "October 29, 2015"
    # a date opening a line of prose is read by its own words, not by the line above
    prose = pdf("IN WITNESS WHEREOF the parties signed below.\nOctober 29, 2015 is the last day to order samples.")
    assert _dates(prose, submitted="2016-01-27").verdict != "met"


def test_cover_date_under_a_deployment_title_is_no_milestone():
    """An SOW template of the eoframework set (not committed: no licence; paraphrased): the cover
    'Date: November 22, 2025' under a title naming a 'Deployment' dates the proposal, not the
    work; with blank sign-off dates and relative milestones the dates are not shown."""
    doc = pdf("Collaboration Suite Deployment\nStatement of Work\nDate: November 22, 2025\n"
              "Milestones\nKick-off: Week 1\nGo-live: Week 8\nCustomer Signature: ________\nDate: ________")
    assert _dates(doc, submitted="2025-12-01").verdict == "not_met"
    scheduled = pdf("Project Schedule\nDate: November 22, 2025")
    assert _dates(scheduled, submitted="2025-12-01").verdict == "met"


def test_evidence_quotes_the_dates_own_sentence_on_its_page():
    """A long CUAD paragraph (the agreement's term clause) is quoted by the date's sentence, as
    written, at the page it stands on."""
    para = ("1.1 Definitions apply throughout. " * 6 + "This Agreement is made and entered into as of May 17, 2016 "
            "by and between the parties. " + "Each party shall keep the other's information confidential. " * 4)
    doc = pdf("COVER PAGE", para)
    r = _dates(doc, submitted="2016-08-15")
    assert r.verdict == "met"
    ev = r.evidence[0]
    assert ev.location.page == 2 and ev.text in para
    assert ev.text.startswith("This Agreement is made") and "May 17, 2016" in ev.text and len(ev.text) < 120


def test_benchmark_labels_dates_only_when_the_contract_writes_one():
    """Hosting/QuantumGroupIncFl_20090120_8-K_EX-99.2_..._Hosting Agreement.pdf: the CSV gives
    12/3/2008, but the lawyers' quote is 'effective ... on the day after the date of last
    signature' and the signature page is undated: no date is written, 'dates' is not labelled."""
    inferred = {"Agreement Date": "[]", "Effective Date": "['This Agreement will be effective beginning on 12:01 "
                "a.m., Eastern Time, on the day after the date of last signature']"}
    assert not real_claims._date_is_written(inferred)
    assert real_claims._date_is_written({"Agreement Date": "['3-14-18']", "Effective Date": "[]"})
    assert real_claims._date_is_written({"Agreement Date": "['July 11 , 2006']"})


def test_benchmark_submits_after_a_later_signing_date():
    """Manufacturing/BellringBrandsInc_20190920_..._Manufacturing Agreement1.pdf: effective 1 July
    2017 (CSV), signed 'DATE: 1/8/18' by both parties: the claim is submitted after the signing."""
    later = real_claims._signed_later()
    key = next(k for k in later if re.search(r"manufacturing agreement1$", k))
    assert later[key].date() == date(2018, 1, 8)


def test_agreement_date_with_its_day_left_blank():
    """License_Agreements/HertzGroupRealtyTrustInc_20190920_S-11A_EX-10.8_..._Trademark License
    Agreement.pdf: 'entered into as of September ___, 2019 ("Effective Date")': month and year are
    shown (a partial engagement date); the blank day cannot stand in for blank signature dates."""
    found = find_dates('entered into as of September ___, 2019 ("Effective Date")')
    assert [(f.value, f.partial) for f in found] == [(date(2019, 9, 1), True)]
    assert find_dates("made as of this _____ day of ______________ 2013") == []
    doc = pdf('This TRADEMARK LICENSE AGREEMENT is entered into as of September ___, 2019 ("Effective Date").')
    assert _dates(doc, submitted="2019-12-01").verdict == "met"
    signed = pdf('This AGREEMENT is entered into as of September ___, 2019 ("Effective Date").',
                 "LICENSOR\nBy: /s/ Jane Roe\nDate:\nLICENSEE\nBy: /s/ John Doe\nDate:")
    r = _dates(signed, submitted="2019-12-01")
    assert r.verdict == "not_met" and "R-DATE-007" not in _codes(r)
