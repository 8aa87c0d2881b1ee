"""Templates (D-15, D-19, D-20): wording, fields, product lists, recipients; consent tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pipeline.notify.templates import (
    ActionFacts,
    ConsentFacts,
    ProductLine,
    render_action_required,
    render_consent,
)
from pipeline.notify.tokens import InvalidConsentToken, make_consent_token, read_consent_token

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def consent(**overrides: object) -> ConsentFacts:
    base: dict[str, object] = dict(
        claim_id="1000005",
        solution_area="Microsoft 365",
        customer_name="Contoso Ltd",
        tenant_id=TENANT,
        domain="contoso.example",
        products=(ProductLine("Azure Information Protection (AIP)", "AIP"), ProductLine("Exchange Online", "EXO")),
        partner_org_name="FridayINC",
        partner_contact_name="Ola Demmo",
        partner_contact_email="ola@friday.example",
        customer_contact_email="teo@contoso.example",
        deny_url="https://poe.example/consent/1000005.abc",
    )
    base.update(overrides)
    return ConsentFacts(**base)  # type: ignore[arg-type]


def test_m365_consent_email_wording_fields_and_pairs() -> None:
    msg = render_consent(consent())
    assert msg.subject == "Notification of partner association request"
    assert msg.to == ("teo@contoso.example",) and msg.cc == ("admin@contoso.example",)
    text = msg.text
    assert "Dear Customer," in text
    assert "FridayINC is requesting to be associated with your Microsoft 365 implementation." in text
    assert "for the workload they are implementing at your organization" in text
    assert "Product(s): [AZURE INFORMATION PROTECTION (AIP), AIP], [EXCHANGE ONLINE, EXO]" in text
    assert "Tenant/Directory ID: 72F988BF-86F1-41AF-91AB-2D7CD011DB47" in text
    for line in ("Customer name: Contoso Ltd", "Domain: contoso.example", "Partner organization name: FridayINC",
                 "Partner contact name: Ola Demmo", "Partner contact email: ola@friday.example"):
        assert line in text
    assert "https://poe.example/consent/1000005.abc" in text
    assert 'href="https://poe.example/consent/1000005.abc"' in msg.html
    assert "Subscription(s)" not in text and "Dynamics 365" not in text


def test_bizapps_consent_email_lists_product_subscription_country() -> None:
    msg = render_consent(consent(
        solution_area="Business Applications",
        products=(
            ProductLine("Microsoft Dynamics CRM Online Basic", None, "ebdcd569-a643-46f4-94a0-194ef73b85a2", "United States"),
            ProductLine("Dynamics 365 Sales Enterprise", "D365_SALES_ENT", None, ""),
        ),
    ))
    text = msg.text
    assert "A Microsoft partner is requesting to be associated with your implementation of Dynamics 365." in text
    assert "for the product they are implementing at your organization" in text
    assert "Dear Customer" not in text
    assert ("Subscription(s): [MICROSOFT DYNAMICS CRM ONLINE BASIC, EBDCD569-A643-46F4-94A0-194EF73B85A2, "
            "United States], [DYNAMICS 365 SALES ENTERPRISE, NOT SPECIFIED, not specified]") in text
    assert "please contact the partner noted below" in text
    assert "gift card" not in text  # no survey to link to (decision in templates.py)


@pytest.mark.parametrize("contact", ["ola@friday.example", "OLA@Friday.Example "])
def test_consent_never_copies_the_partner_even_when_given_as_customer_contact(contact: str) -> None:
    msg = render_consent(consent(customer_contact_email=contact))
    assert msg.to == ("admin@contoso.example",) and msg.cc == ()
    assert all("friday" not in r.lower() for r in msg.recipients)


def test_consent_admin_not_copied_twice_and_without_contact_email() -> None:
    assert render_consent(consent(customer_contact_email="admin@contoso.example")).recipients == ("admin@contoso.example",)
    assert render_consent(consent(customer_contact_email="")).recipients == ("admin@contoso.example",)
    assert render_consent(consent(admin_email="it@contoso.example")).cc == ("it@contoso.example",)


def test_action_required_and_reminder() -> None:
    at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    facts = ActionFacts(
        claim_id="1000004", claim_name="Dynamics for CompanyX", partner_org_name="Fabrikam",
        partner_contact_name="Ola Demmo", partner_contact_email="ola@fabrikam.example",
        customer_domain="contoso.example", requests=("Signed SOW page", "Milestone dates"),
        note="Signature page missing", requested_at=at, due_at=at + timedelta(days=30),
        claim_url="https://poe.example/claims/1000004",
    )
    msg = render_action_required(facts)
    assert msg.kind == "action_required" and msg.to == ("ola@fabrikam.example",) and msg.cc == ()
    assert "1. Signed SOW page" in msg.text and "2. Milestone dates" in msg.text
    assert "Reviewer's note: Signature page missing" in msg.text
    assert "Respond by 02 December 2026 09:00 UTC" in msg.text and "within 30 days" in msg.text
    reminder = render_action_required(facts, reminder=True, now=at + timedelta(days=23))
    assert reminder.kind == "action_reminder" and "7 days left" in reminder.subject
    assert "1. Signed SOW page" in reminder.text
    no_mail = render_action_required(ActionFacts(**{**facts.__dict__, "partner_contact_email": " "}))
    assert no_mail.to == ()


def test_consent_token_round_trip_and_tampering() -> None:
    token = make_consent_token("1000005", "s3cret")
    assert read_consent_token(token, "s3cret") == "1000005"
    assert read_consent_token(token, b"s3cret") == "1000005"
    for bad in (token.replace("1000005", "1000006", 1), token[:-2], "1000005", "", "x.y", token + "A"):
        with pytest.raises(InvalidConsentToken):
            read_consent_token(bad, "s3cret")
    with pytest.raises(InvalidConsentToken):
        read_consent_token(token, "other")
    with pytest.raises(ValueError):
        make_consent_token("../etc", "s3cret")
