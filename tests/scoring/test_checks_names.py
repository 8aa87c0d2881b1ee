"""partner_name / customer_name (D-11.4): normalisation, fuzzy match, placeholders, other organisations."""

from __future__ import annotations

import pytest

from scoring.checks import run_checks
from scoring.checks.parties import NameMatcher, name_from_domain, normalize_org, party_mentions
from tests.scoring.docs import claim, docx, pdf, xlsx


def names(*docs, **kw):
    r = run_checks(claim(**kw), list(docs))
    return r["partner_name"], r["customer_name"]


@pytest.mark.parametrize("raw,norm", [
    ("Contoso Ltd", "contoso"), ("Contoso Limited", "contoso"), ("CONTOSO LTD.", "contoso"),
    ("Contoso Pty Ltd", "contoso"), ("Contoso Pty. Ltd.", "contoso"), ("Fabrikam, Inc.", "fabrikam"),
    ("Fabrikam Incorporated", "fabrikam"), ("Fabrikam LLC", "fabrikam"), ("Fabrikam GmbH", "fabrikam"),
    ("Fabrikam AG", "fabrikam"), ("Fabrikam S.A.", "fabrikam"), ("Fabrikam plc", "fabrikam"),
    ("Fabrikam B.V.", "fabrikam"), ("Fabrikam LLP", "fabrikam"), ("Smith & Jones Ltd", "smith and jones"),
    ("The Adatum Corporation", "adatum"),
])
def test_normalize_org(raw, norm):
    assert normalize_org(raw) == norm


def test_name_from_domain():
    assert name_from_domain("contoso.example") == "Contoso"
    assert name_from_domain("northwind-traders.co.uk") == "Northwind Traders"
    assert name_from_domain("adatum.onmicrosoft.com") == "Adatum"


def test_matcher_variants():
    m = NameMatcher("Northwind Traders Ltd")
    assert m.match("Agreement with NORTHWIND TRADERS LIMITED").score == 1.0
    assert m.match("Northwnd Traders") is not None  # a typo passes
    assert m.match("northwindtraders portal").score == 1.0
    assert m.match("the Northwind team").score < 1.0
    assert m.match("Contoso Pharmaceuticals") is None
    assert m.match("Traders Association") is None


def test_both_names_in_parties_clause():
    d = pdf('This SOW is made between Fabrikam Consulting Limited ("Partner") and CONTOSO LTD ("Customer").')
    p, c = names(d)
    assert p.verdict == "met" and c.verdict == "met"
    assert c.evidence[0].document == "SOW.pdf"


def test_names_with_suffix_and_ampersand_differences():
    d = pdf("Prepared by: Smith and Jones Consulting\nPrepared for: Contoso")
    p, _ = names(d, partner_name="Smith & Jones Consulting LLC")
    assert p.verdict == "met"


def test_customer_name_derived_from_domain_when_directory_unknown():
    d = pdf("Customer: Contoso Corporation\nPartner: Fabrikam Consulting Ltd")
    _, c = names(d, customer_name=None)
    assert c.verdict == "met"


def test_customer_placeholder_is_not_met():
    d = pdf("Statement of Work\nCustomer Name: [Customer Name]\nPartner: Fabrikam Consulting Ltd")
    p, c = names(d)
    assert p.verdict == "met"
    assert c.verdict == "not_met"
    assert "R-NAME-003" in {r.code for r in c.reasons}
    assert "[Customer Name]" in c.evidence[0].text


@pytest.mark.parametrize("line", ["Client: <Client>", "Customer Name:", "Customer Name: ________",
                                  "This SOW is for {{customer_name}}"])
def test_customer_placeholders(line):
    d = pdf(f"{line}\nPartner: Fabrikam Consulting Ltd")
    _, c = names(d)
    assert c.verdict == "not_met"


def test_generic_role_does_not_count():
    d = pdf("Fabrikam Consulting Ltd will deliver the services to the Client.")
    _, c = names(d)
    assert c.verdict == "not_met"


def test_other_customer_named_is_not_met_with_its_name():
    d = pdf('This SOW is made between Fabrikam Consulting Ltd ("Partner") and Northwind Traders Ltd ("Customer").')
    _, c = names(d)
    assert c.verdict == "not_met"
    r = next(r for r in c.reasons if r.code == "R-NAME-004")
    assert "Northwind Traders" in r.message


def test_other_customer_in_label_position():
    d = docx("# Project summary", [["Customer", "Northwind Traders"], ["Partner", "Fabrikam Consulting Ltd"]])
    _, c = names(d)
    assert c.verdict == "not_met"
    assert any("Northwind" in r.message for r in c.reasons)


def test_other_partner_named():
    d = pdf("Customer: Contoso Ltd\nService Provider: Tailspin Toys Inc.")
    p, c = names(d)
    assert c.verdict == "met"
    assert p.verdict == "not_met"
    assert any("Tailspin" in r.message for r in p.reasons)


def test_person_in_customer_role_row_is_not_another_organisation():
    d = docx("Contoso Ltd engaged Fabrikam Consulting Ltd.", [["Customer", "Teo Lupu", "CIO"]])
    _, c = names(d)
    assert c.verdict == "met"


def test_partner_missing():
    d = pdf("Customer: Contoso Ltd\nScope: deploy Exchange Online")
    p, _ = names(d)
    assert p.verdict == "not_met"
    assert p.reasons[0].code == "R-NAME-001"


def test_names_in_xlsx_template_cells():
    d = xlsx([["Partner name", "Fabrikam Consulting Ltd"], ["Customer name", "Contoso Ltd"]])
    p, c = names(d)
    assert p.verdict == c.verdict == "met"
    assert c.evidence[0].location.sheet == "POE" and c.evidence[0].text == "Contoso Ltd"


def test_partial_name_only_is_unclear():
    d = pdf("Fabrikam Consulting Ltd will work with the Contoso team.")
    _, c = names(d, customer_name="Contoso Pharmaceuticals Ltd", customer_domain="cpharma.example")
    assert c.verdict == "unclear"


def test_party_mentions_shapes():
    ms = party_mentions('between Fabrikam Ltd (the "Supplier") and Contoso Inc. (the "Client").')
    assert [(m.name, m.role) for m in ms] == [("Fabrikam Ltd", "partner"), ("Contoso Inc", "customer")]
    assert party_mentions("Bill To: Contoso Ltd")[0].role == "customer"
    assert party_mentions("Signed for and on behalf of Contoso Ltd")[0].name == "Contoso Ltd"


def test_company_label_in_partner_block_is_not_another_customer():
    d = pdf("Customer: Contoso Ltd\nCompany: Fabrikam Consulting Ltd\nSignature: /s/ Anna Smith")
    _, c = names(d)
    assert c.verdict == "met"


def test_company_label_of_third_org_without_customer_is_not_met():
    d = pdf("Company: Northwind Traders Ltd\nPrepared by: Fabrikam Consulting Ltd")
    _, c = names(d)
    assert c.verdict == "not_met"
    assert any("Northwind" in r.message for r in c.reasons)


def test_microsoft_sku_codes_resolve():
    from scoring.catalogue import find_product
    assert find_product("DYN365_ENTERPRISE_SALES").code == "D365_SALES_ENT"
    assert find_product("EXCHANGESTANDARD").code == "EXO"


def test_other_customer_in_parties_clause_while_claim_customer_named_in_passing():
    d = pdf('This SOW is made between Fabrikam Consulting Ltd ("Partner") and Northwind Traders Ltd ("Customer").\n'
            "The approach reuses the design delivered for Contoso last year.")
    _, c = names(d)
    assert c.verdict == "not_met"
    assert c.evidence[0].text.startswith("This SOW is made between")


def test_tab_separated_label_lines():
    d = pdf("Customer name\tContoso Ltd\nPartner name\tFabrikam Consulting Ltd")
    p, c = names(d)
    assert p.verdict == c.verdict == "met" and c.confidence > 0.95


def test_short_name_used_throughout_is_met():
    d = pdf("Fabrikam will deploy Dynamics 365 Sales.\nFabrikam will train 40 sellers.")
    p, _ = names(d)
    assert p.verdict == "met" and p.confidence < 0.9


def test_entered_into_by_clause():
    ms = party_mentions("This SOW is entered into by Northwind Traders Ltd and Fabrikam Consulting Ltd.")
    assert [m.name for m in ms] == ["Northwind Traders Ltd", "Fabrikam Consulting Ltd"]


def test_title_naming_the_customer():
    assert party_mentions("Statement of Work for Northwind Traders Ltd")[0].name == "Northwind Traders Ltd"
    assert party_mentions("Proposal for Contoso Ltd: Teams roll-out")[0].name == "Contoso Ltd"
    d = pdf("Statement of Work for Northwind Traders Ltd\nPrepared by: Fabrikam Consulting Ltd")
    _, c = names(d)
    assert c.verdict == "not_met"


def test_title_naming_a_product_or_project_is_no_party():
    assert party_mentions("Statement of Work for Dynamics 365 Sales Implementation") == []
    assert party_mentions("Statement of Work for Phase 1") == []


def test_bracketed_qualifier_in_claim_name():
    assert normalize_org("Fabrikam Consulting Ltd (UK)") == "fabrikam consulting"
    p, _ = names(pdf("Partner: Fabrikam Consulting Limited\nCustomer: Contoso Ltd"),
                 partner_name="Fabrikam Consulting Ltd (UK)")
    assert p.verdict == "met" and p.confidence > 0.95


def test_near_takes_an_ocr_misreading_but_not_another_company() -> None:
    from scoring.checks.parties import NameMatcher

    amberforge = NameMatcher("Amberforge Logistics Corp.")
    assert amberforge.match("Aniwerturge Logistics Corp.") is None  # typed text: another company
    assert amberforge.near("Aniwerturge Logistics Corp.")  # read from a scan: this name misread
    assert not amberforge.near("Harbourline Freight Ltd")


@pytest.mark.parametrize("value,org", [
    ("Treardex: Treardex IT Services (Pty) Ltd", "Treardex IT Services (Pty) Ltd"),
    ('"Contoso Ltd" (the "Customer"), a UK company', "Contoso Ltd"),
    ("Customer: Fabrikam Inc.", "Fabrikam Inc"),
])
def test_clean_party_keeps_a_pty_legal_form_and_drops_a_label_word(value, org):
    from scoring.checks.parties import clean_party

    assert clean_party(value) == org
