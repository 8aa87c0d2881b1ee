"""The short names a contract defines for its parties: `Acme Corp ("Acme")`, `ALPS
Distributors, Inc. (the "Distributor")`, `XYZ LLC, hereinafter referred to as "OWNER"`.

Contracts caption their signature blocks with these terms ('DISTRIBUTOR:', 'SPONSOR', 'Acme')
as often as with the full name. A term counts for a party only when the text just before its
definition names that party and not the other one, so 'the "Agreement"' or 'the "Effective
Date"' never become a party, and a role word the contract gives the *customer* ('Distributor')
is the customer's, whatever side the word usually stands for (D-11.1, D-11.4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# '("Acme")', '(the "Distributor")', '(hereinafter "OWNER")', ', hereinafter referred to as "OWNER"',
# '. Hereinafter referred to as “ Customer”' (a space inside the quotes)
_DEFINITION = re.compile(
    r"(?:\(\s*|,?\s*hereinafter\s+)(?:(?:hereinafter|collectively|individually)\s+)?(?:(?:referred\s+to|called|"
    r"known)\s+as\s+)?(?:the\s+)?[\"“”'‘’]{1,2}[ ]?(?P<term>[A-Z][\w.&'’\- ]{1,40}?)[\"“”'’]{1,2}", re.I)
# Where the name before a definition starts: after the previous definition, 'between', 'and'...
_NAME_START = re.compile(r"\)|;|\bbetween\b|\bby and\b|\band\b(?=\s+[A-Z])|:", re.I)
_NOT_A_PARTY = re.compile(r"^(?:agreement|effective date|parties|party|term|territory|products?|services?|"
                          r"affiliates?|confidential information|schedule|exhibit|amendment)$", re.I)

PartyOf = Callable[[str], "str | None"]


def party_terms(texts: Iterable[str], party_of: PartyOf, third: PartyOf | None = None) -> dict[str, str]:
    """term (lower case) -> 'customer' / 'partner', from the definitions in ``texts``;
    ``party_of`` says which party a stretch of text names by name (None: neither, or both).
    With ``third`` (the organisation a stretch names that is neither party, else None), a term
    defined for a third company maps to 'other:<its name>'."""
    found: dict[str, set[str]] = {}
    for text in texts:
        if "(" not in text and "hereinafter" not in text.lower():
            continue
        for m in _DEFINITION.finditer(text):
            term = m.group("term").strip(" .,'’")
            if len(term) < 2 or _NOT_A_PARTY.match(term):
                continue
            before = text[max(0, m.start() - 160):m.start()]
            starts = [s.end() for s in _NAME_START.finditer(before)]
            name = before[starts[-1]:] if starts else before
            party = party_of(name) if name.strip() else None
            if party is None and third is not None and name.strip() and (org := third(name)):
                party = f"other:{org}"
            if party is not None:
                found.setdefault(term.lower(), set()).add(party)
    return {term: parties.pop() for term, parties in found.items() if len(parties) == 1}


def terms_pattern(terms: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern finding any of the terms as whole words (longest first)."""
    if not terms:
        return None
    alternatives = sorted(terms, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(t) for t in alternatives) + r")(?![\w])", re.I)
