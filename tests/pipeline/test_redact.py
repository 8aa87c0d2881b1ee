"""pipeline.redact: what analysts receive carries no e-mail address, phone number or person
name; identifiers, dates and amounts stay (issue 13)."""

from __future__ import annotations

import pytest

from pipeline.redact import EMAIL_MARK, GENERIC, NAME_MARK, PHONE_MARK, Redactor, redactor_for

KNOWN = redactor_for(["Teo Lupu", "Ola Demmo", None, ""])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Customer: Contoso Ltd  By: /s/ Teo Lupu  Date: 12 July 2026",
         f"Customer: Contoso Ltd  By: /s/ {NAME_MARK}  Date: 12 July 2026"),
        ("From: Maria van der Berg <maria@adatum.example>", f"From: {NAME_MARK} <{EMAIL_MARK}>"),
        ('"Jane Q. Public" <jane.public@corp.example> wrote:', f'"{NAME_MARK}" <{EMAIL_MARK}> wrote:'),
        ("Signed by: J. R. Smith on 1 May 2026", f"Signed by: {NAME_MARK} on 1 May 2026"),
        ("the SOW was countersigned by Ola Smith-Jones.", f"the SOW was countersigned by {NAME_MARK}."),
        ("Name: Jane Doe Title: CTO", f"Name: {NAME_MARK} Title: CTO"),
        ("Best regards,\nDr. Ana-Maria O'Neil\nCTO", f"Best regards,\n{NAME_MARK}\nCTO"),
        ("Kind regards, Teo", f"Kind regards, {NAME_MARK}"),
        ("Mr. Lupu approved the roll-out", f"Mr. {NAME_MARK} approved the roll-out"),
        ("TEO LUPU signed it", f"{NAME_MARK} signed it"),
    ],
)
def test_names_are_withheld(text: str, expected: str) -> None:
    assert KNOWN.text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call +44 20 7946 0958 today", f"Call {PHONE_MARK} today"),
        ("or (425) 555-0100.", f"or {PHONE_MARK}."),
        ("desk 425.555.0100", f"desk {PHONE_MARK}"),
        ("Tel: 020 7946 0958", f"Tel: {PHONE_MARK}"),
        ("Mobile no. 0722 123 456", f"Mobile no. {PHONE_MARK}"),
        ("mail ops+poe@sub.contoso.example now", f"mail {EMAIL_MARK} now"),
    ],
)
def test_addresses_and_phones_are_withheld(text: str, expected: str) -> None:
    assert GENERIC.text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Claim 1012503, MPN 4412093, tenant 72f988bf-86f1-41af-91ab-2d7cd011db47",
        "Milestone 1: pipeline migration, 15 August 2026 (2026-08-15); USD 120,000.00 for 400 sellers",
        "Fabrikam will deploy Dynamics 365 Sales Enterprise in three waves. Thanks Fabrikam, we confirm.",
        "Customer: Contoso Ltd",
    ],
)
def test_business_facts_stay(text: str) -> None:
    assert KNOWN.text(text) == text


def test_structured_values_keep_identifiers_and_keys() -> None:
    evidence = {"document": "SOW Teo Lupu.pdf", "page": 2, "text": "By: /s/ Teo Lupu", "code": "R-SIG-001",
                "teo.lupu@contoso.example": ["mail teo.lupu@contoso.example"]}
    out = KNOWN.value(evidence)
    assert out["document"] == "SOW Teo Lupu.pdf" and out["code"] == "R-SIG-001" and out["page"] == 2
    assert out["text"] == f"By: /s/ {NAME_MARK}"
    assert out["teo.lupu@contoso.example"] == [f"mail {EMAIL_MARK}"]


def test_identity_changes_nothing() -> None:
    assert Redactor.identity().text("By: /s/ Teo Lupu, teo@contoso.example") == "By: /s/ Teo Lupu, teo@contoso.example"
