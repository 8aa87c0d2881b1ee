"""One definition of the role words (issue 17): every check reads a side from the same words.

Before, the party labels, role tags, signature labels, captions and placeholders each had a
list of their own ('Reseller' was the partner's in a party label and nobody's over a signature
block; '(the "Company")' made the customer of whichever company the contract called Company).
"""

from __future__ import annotations

import pytest

from scoring.checks.parties import party_mentions
from scoring.checks.roles import CUSTOMER_ROLES, NEUTRAL_ROLES, PARTNER_ROLES, role_word, side_of_role
from scoring.checks.sigfields import parse_field

LABEL_ROLES = [(w, "customer") for w in CUSTOMER_ROLES] + [(w, "partner") for w in PARTNER_ROLES]


@pytest.mark.parametrize(("word", "side"), LABEL_ROLES)
def test_every_role_word_names_its_side_everywhere(word: str, side: str) -> None:
    shown = word.title() if len(word) > 3 else word.upper()
    assert side_of_role(word) == side
    assert role_word(shown.upper()) == side  # a caption over a signature block
    signature = parse_field(f"{shown} Signature: /s/ Jo Brown")  # a field label with its party
    assert signature is not None and signature.kind == "sig" and signature.role == side
    roles = {m.role for m in party_mentions(f"{shown}: Northwind Traders Ltd")}  # a party label
    assert roles == {side}


@pytest.mark.parametrize("word", NEUTRAL_ROLES)
def test_a_word_either_side_is_called_by_names_no_side(word: str) -> None:
    """CUAD Distributor/SmartRxSystemsInc_..._Distributor Agreement.pdf: the first party, the
    supplier, is '("Company")'; the word made it the customer in a party clause's role tag."""
    assert side_of_role(word) == "either" and role_word(word) is None
    clause = (f'This Distributor Agreement is made by and between SMART RX SYSTEMS, INC. ("{word.title()}") and '
              'A3 DEVELOPMENT GROUP, LLC ("Distributor").')
    assert {m.name: m.role for m in party_mentions(clause)}["SMART RX SYSTEMS, INC"] == "either"
