"""Whole documents in several layouts and phrasings, each with the six expected verdicts."""

from __future__ import annotations

import pytest

from scoring.checks import run_checks
from tests.scoring.docs import claim, docx, pdf, xlsx

M, N, U = "met", "not_met", "unclear"


def _us_sow(customer_block: str, scope: str, growth: str) -> object:
    return pdf(f"""STATEMENT OF WORK
Client: Contoso Ltd
Consultant: Fabrikam Consulting Ltd
1. Scope
{scope}
2. Value realisation
{growth}
3. Schedule
Kickoff 06/15/2026, go-live 09/30/2026
ACCEPTED AND AGREED
Contoso Ltd                              Fabrikam Consulting Ltd
{customer_block}
""")


SCENARIOS = [
    ("complete US SOW",
     lambda: _us_sow("Signature: /s/ Teo Lupu                 Signature: /s/ Anna Smith\n"
                     "Date: 07/01/2026                         Date: 06/30/2026",
                     "Consultant will implement Dynamics 365 Sales and integrate it with the ERP.",
                     "Drive adoption to 250 active sellers within 90 days."),
     ("D365_SALES_ENT",), (M, M, M, M, M, M)),
    ("customer block blank",
     lambda: _us_sow("Signature: ____________________         Signature: /s/ Anna Smith\n"
                     "Date: ____________                       Date: 06/30/2026",
                     "Consultant will implement Dynamics 365 Sales.",
                     "Grow licensed seats from 50 to 120."),
     ("D365_SALES_ENT",), (N, M, M, M, M, M)),
    ("product only licensed, vague growth",
     lambda: _us_sow("Signature: /s/ Teo Lupu                 Signature: /s/ Anna Smith\n"
                     "Date: 07/01/2026                         Date: 06/30/2026",
                     "Consultant will run workshops on sales process. Client holds Dynamics 365 Sales licences.",
                     "Help the client succeed with their transformation."),
     ("D365_SALES_ENT",), (M, M, M, M, N, N)),
    ("another customer named",
     lambda: pdf('This SOW is made between Fabrikam Consulting Ltd ("Partner") and Northwind Traders Ltd '
                 '("Customer").\nPartner will migrate 800 mailboxes to Exchange Online.\n'
                 "Increase Teams usage by 40%.\nNorthwind Traders Ltd\nSignature: /s/ Jo Brown\n"
                 "Date: 2 July 2026"),
     # growth of Teams, which the claim does not name, is no growth of the Exchange Online claim (issue 12)
     ("EXO",), (N, M, N, M, M, N)),
    ("POE template filled",
     lambda: xlsx([["Partner name", "Fabrikam Consulting Ltd"], ["Customer name", "Contoso Ltd"],
                   ["Workload", "Activities"], ["Exchange Online", "Migrate 800 mailboxes"],
                   ["Microsoft Teams", "Teams Phone roll-out to 3 sites"],
                   ["Activities driving revenue and/or usage growth", "Increase Teams active users from 300 to 900"],
                   ["Customer acknowledgement"], ["Name", "Teo Lupu"], ["Title", "CIO"],
                   ["Signature", "Teo Lupu"], ["Date", "2026-07-02"]]),
     ("EXO", "TEAMS"), (M, M, M, M, M, M)),
    ("POE template unfilled",
     lambda: xlsx([["Partner name", "Fabrikam Consulting Ltd"], ["Customer name", "[Customer Name]"],
                   ["Workload", "Activities"], ["Exchange Online", ""],
                   ["Activities driving revenue and/or usage growth", ""],
                   ["Customer acknowledgement"], ["Name", ""], ["Signature", ""], ["Date", "TBD"]]),
     ("EXO",), (N, M, N, N, N, N)),
    ("signed too long ago",
     lambda: docx("Statement of Work between Fabrikam Consulting Ltd and Contoso Ltd.",
                  "Fabrikam will deploy Microsoft Intune to 900 devices and grow managed devices to 1,200.",
                  [["Customer", "Contoso Ltd"], ["Signature", "/s/ Teo Lupu"], ["Date", "1 March 2025"]]),
     ("INTUNE",), (N, M, M, N, M, M)),
]


@pytest.mark.parametrize("title,make,products,expected", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario(title, make, products, expected):
    results = run_checks(claim(products=products), [make()])
    got = tuple(r.verdict for r in results.values())
    assert got == expected, {k: (v.verdict, [x.code for x in v.reasons]) for k, v in results.items()}
