"""dates (D-11.5, D-22): formats, US/EU order, TBD/blank, signature vs milestone roles."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.document import Location, TypedDate
from scoring.checks import run_checks
from scoring.checks.datefind import day_first, excel_serial, find_dates
from tests.scoring.docs import claim, docx, pdf, xlsx


def dates(*docs, **kw):
    return run_checks(claim(**kw), list(docs))["dates"]


@pytest.mark.parametrize("text", ["March 3, 2026", "3 March 2026", "2026-03-03", "03/03/2026", "3-Mar-2026",
                                  "3rd March 2026", "Mar. 3, 2026", "Tuesday, 3 March 2026", "3 Mar 26",
                                  "2026/03/03", "3.3.2026", "March 3rd 2026"])
def test_formats(text):
    found = find_dates(f"Signed on {text}.")
    assert [f.value for f in found] == [date(2026, 3, 3)]
    assert found[0].text.strip() in text


def test_day_month_order_from_document():
    assert day_first("Kick-off 14/03/2026, review 04/05/2026")
    assert not day_first("Kick-off 03/14/2026, review 04/05/2026")
    assert day_first("Contoso Ltd, price £40,000, 04/05/2026")
    assert not day_first("Contoso Inc, price $40,000, 04/05/2026")
    assert find_dates("04/05/2026", dayfirst=True)[0].value == date(2026, 5, 4)
    assert find_dates("04/05/2026", dayfirst=False)[0].value == date(2026, 4, 5)


def test_not_dates():
    assert find_dates("Date: TBD") == []
    assert find_dates("Date: [Date]") == []
    assert find_dates("version 1.2.3 and 10/50 users") == []
    assert excel_serial("46084") == date(2026, 3, 3)
    assert excel_serial("12") is None


def test_signature_and_milestone_dates_met():
    d = pdf("Milestones\nKick-off: 15 June 2026\nGo-live: 30 September 2026\n"
            "Customer Signature: /s/ Teo Lupu\nDate: 12 June 2026")
    r = dates(d)
    assert r.verdict == "met" and r.confidence >= 0.9
    assert r.evidence[0].text == "Date: 12 June 2026"


def test_signature_date_only_is_met_with_lower_confidence():
    d = pdf("Customer Signature: /s/ Teo Lupu\nDate: 2026-06-12")
    r = dates(d)
    assert r.verdict == "met" and r.confidence < 0.9


def test_milestones_without_signature_date_not_met():
    d = pdf("Timeline\nPhase 1 starts 15 June 2026\nGo-live: 30 September 2026\n"
            "Customer Signature: /s/ Teo Lupu\nDate: TBD")
    r = dates(d)
    assert r.verdict == "not_met"
    codes = {x.code for x in r.reasons}
    assert "R-DATE-002" in codes and "R-DATE-003" in codes


def test_all_tbd_is_not_met():
    d = pdf("Kick-off: TBD\nGo-live: to be confirmed\nCustomer Signature: ________\nDate: ________")
    r = dates(d)
    assert r.verdict == "not_met"
    assert "R-DATE-001" in {x.code for x in r.reasons}


def test_stale_customer_signature_date():
    d = pdf("Customer Signature: /s/ Teo Lupu\nDate: 12 June 2024")
    r = dates(d)
    assert r.verdict == "not_met"
    assert "R-DATE-004" in {x.code for x in r.reasons}


def test_signature_after_submission_flagged():
    d = pdf("Customer Signature: /s/ Teo Lupu\nDate: 12 December 2026")
    r = dates(d)
    assert r.verdict == "unclear"
    assert "R-DATE-005" in {x.code for x in r.reasons}


def test_signed_on_phrase():
    d = pdf("This agreement was signed on 2 July 2026 by Teo Lupu for Contoso Ltd.")
    assert dates(d).verdict == "met"


def test_xlsx_typed_dates_in_template():
    d = xlsx([["Customer acknowledgement", "Yes"], ["Acknowledgement date", ""], ["Project start", ""]])
    d.dates.append(TypedDate(date(2026, 7, 2), "2026-07-02", Location(sheet="POE", cell="B2")))
    d.dates.append(TypedDate(date(2026, 7, 15), "2026-07-15", Location(sheet="POE", cell="B3")))
    r = dates(d)
    assert r.verdict == "met"
    assert any(e.location.cell == "B2" for e in r.evidence)


def test_excel_serial_left_as_text_in_date_cell():
    d = xlsx([["Customer signature", "Teo Lupu"], ["Date signed", "46205"]])
    assert dates(d).verdict == "met"


def test_docx_signature_table_dates_us_order_resolved():
    d = docx("Kick-off on 06/15/2026.", [["Customer", "Contoso Ltd"], ["Signature", "/s/ Teo Lupu"],
                                         ["Date", "07/02/2026"]])
    r = dates(d)
    assert r.verdict == "met"


def test_no_dates_at_all():
    r = dates(pdf("Customer Signature: /s/ Teo Lupu"))
    assert r.verdict == "not_met"


def test_legal_style_dates():
    assert find_dates("Dated this 3rd day of March 2026")[0].value == date(2026, 3, 3)
    assert find_dates("on the 12th of July, 2026")[0].value == date(2026, 7, 12)


def test_stale_customer_date_with_recent_partner_date_is_not_met():
    d = pdf("Contoso Ltd                  Fabrikam Consulting Ltd\nBy: /s/ Teo Lupu             By: /s/ Anna Smith\n"
            "Date: 1 March 2025           Date: 1 July 2026")
    r = dates(d)
    assert r.verdict == "not_met"
    assert "R-DATE-004" in {x.code for x in r.reasons}


def test_ambiguous_numeric_date_never_read_after_submission_when_the_other_order_fits():
    # Contoso Ltd hints day-first (07/12 = 7 December, after the July submission); month-first fits.
    d = pdf("Customer Signature: /s/ Teo Lupu\nDate: 07/12/2026\nContoso Ltd")
    assert dates(d).verdict == "met"
    assert find_dates("07/12/2026", dayfirst=True, not_after=date(2026, 7, 21))[0].value == date(2026, 7, 12)
    assert find_dates("07/12/2026", dayfirst=True)[0].value == date(2026, 12, 7)


def test_quarters_are_partial_milestone_dates():
    f = find_dates("Go-live in Q3 2026, review in the fourth quarter of 2026")
    assert [(x.value, x.partial) for x in f] == [(date(2026, 7, 1), True), (date(2026, 10, 1), True)]


def test_engagement_dates_count_when_no_signature_is_dated():
    # D-11.5: an unsigned POE template still dates the work (start and go-live): dates are shown.
    d = pdf("Engagement start date: 2 March 2026\nPlanned go-live: 1 September 2026")
    r = dates(d)
    assert r.verdict == "met" and "2026" in r.evidence[0].text


def test_quote_validity_date_alone_is_not_an_engagement_date():
    d = pdf("Quotation\nThis quote is valid until 30 June 2026")
    assert dates(d).verdict == "not_met"


def test_recent_sow_under_an_old_msa_is_dated():
    # D-22 makes the 2025 MSA an old document; the SOW signed this year still dates the POE.
    msa = pdf("Contoso Ltd                  Fabrikam Consulting Ltd\nBy: /s/ Teo Lupu             By: /s/ Anna Smith\n"
              "Date: 1 March 2025           Date: 1 March 2025", path="MSA.pdf")
    sow = pdf("Statement of Work\nFabrikam Consulting Ltd\nBy: /s/ Anna Smith\nDate: 1 July 2026", path="SOW.pdf")
    r = dates(msa, sow)
    assert r.verdict == "met" and r.evidence[0].document == "SOW.pdf"
    assert "R-DATE-004" in {x.code for x in r.reasons}


def test_a_design_sign_off_milestone_after_submission_is_a_milestone_not_a_late_signature():
    r = dates(pdf("Commencement date: 2026-04-13\nMilestone\tDate\nDiscovery complete\t2026-05-14\n"
                  "Design sign-off\t2026-08-20\nGo-live\t2026-09-20"))
    assert r.verdict == "met"
    assert all(x.code != "R-DATE-005" for x in r.reasons)


def test_two_digit_years_take_the_posix_pivot():
    # CUAD Part_I EDGAR exhibits sign 'Date: 6/21/99': that is 1999, never 2099.
    assert find_dates("Date: 6/21/99")[0].value == date(1999, 6, 21)
    assert find_dates("Date: 7/4/26")[0].value == date(2026, 7, 4)
    assert find_dates("Date: 3/1/68")[0].value == date(2068, 3, 1)
