"""The words documents use for the two sides of a claim: one definition for every check.

A POE calls the customer and the partner by role words as often as by name: party labels
('Customer:', 'Supplier name:'), role tags in a party clause ('(the "Licensee")'), signature
captions and labels ('CLIENT', 'Vendor Signature:'), template placeholders ('[Customer Name]').
D-11.1 asks whose signature a block is and D-11.4 whose name a position holds; both read the
side from these words, so they are defined once here (issue 17) and the patterns below are
built from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The side that buys (the claim's customer).
CUSTOMER_ROLES = ("customer", "client", "buyer", "purchaser", "licensee", "end customer")
# Public-sector orders name the buying side by its office ('Contracting Officer', 'the Government').
PUBLIC_BUYER_ROLES = ("contracting officer", "ordering agency", "ordering activity", "the government",
                      "united states of america")
# The side that delivers (the claim's partner).
PARTNER_ROLES = ("partner", "supplier", "vendor", "contractor", "consultant", "consultancy", "service provider",
                 "provider", "seller", "implementer", "integrator", "reseller", "csp", "offeror")
# Words either side may be called by ('Company:', '(the "Company")'): they name no side.
NEUTRAL_ROLES = ("company", "organisation", "organization", "account")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, a space also matching a hyphen
    ('end customer' finds 'end-customer')."""
    ordered = sorted(dict.fromkeys(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", "[- ]") for w in ordered)


CUSTOMER_RE = alternation(CUSTOMER_ROLES)
PARTNER_RE = alternation(PARTNER_ROLES)
NEUTRAL_RE = alternation(NEUTRAL_ROLES)
# Any side's role word, as a signature field's prefix or caption ('Company Signature:', 'Microsoft Partner:').
ANY_ROLE_RE = alternation((*CUSTOMER_ROLES, *PARTNER_ROLES, "company", "microsoft partner"))

# A role word in running text or a caption, plural allowed ('Customers', 'CONTRACTOR').
CUSTOMER_WORDS = re.compile(rf"\b(?:{alternation((*CUSTOMER_ROLES, *PUBLIC_BUYER_ROLES))})s?\b", re.I)
PARTNER_WORDS = re.compile(rf"\b(?:{PARTNER_RE})s?\b", re.I)


def side_of_role(word: str) -> str:
    """'customer' / 'partner' for one role word ('Licensee', 'Customer Contact'), else 'either'."""
    w = word.strip().lower()
    if re.fullmatch(CUSTOMER_RE, w) or w.startswith(("customer", "client")):
        return "customer"
    if re.fullmatch(PARTNER_RE, w):
        return "partner"
    return "either"


def role_word(text: str) -> str | None:
    """The side the role words of ``text`` name, when they name one side only."""
    c, p = bool(CUSTOMER_WORDS.search(text)), bool(PARTNER_WORDS.search(text))
    if c and not p:
        return "customer"
    if p and not c:
        return "partner"
    return None
