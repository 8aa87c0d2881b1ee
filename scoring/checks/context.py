"""What every check of one claim shares: the claim, the document views, the reference date,
the two name matchers, and results one check computes for another (signatures for dates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from scoring.checks.parties import NameHit, NameMatcher, name_from_domain
from scoring.checks.text import DocView
from scoring.types import ClaimAssertion

# D-22: a customer acknowledgment must be dated within 12 months of submission.
ACK_MAX_AGE = timedelta(days=366)
# A signature a day after submission is a time-zone artefact, not a finding.
FUTURE_GRACE = timedelta(days=1)


def customer_display_name(claim: ClaimAssertion) -> str:
    """The tenant directory's display name, else the name derived from the domain (D-11.4)."""
    if claim.customer_name and claim.customer_name.strip():
        return claim.customer_name.strip()
    return name_from_domain(claim.customer_domain)


def remembering(matcher: NameMatcher) -> NameMatcher:
    """``matcher`` whose ``match`` remembers its answer per text for this claim: the signature,
    name and product checks ask the two matchers about the same segments again and again
    (76,000 calls for 300 realistic claims, 11% of the checks' CPU), and the answer depends on
    the text only."""
    seen: dict[str, NameHit | None] = {}
    plain = matcher.match

    def match(text: str) -> NameHit | None:
        try:
            return seen[text]
        except KeyError:
            hit = seen[text] = plain(text)
            return hit

    matcher.match = match  # type: ignore[method-assign]
    return matcher


@dataclass
class CheckContext:
    claim: ClaimAssertion
    views: list[DocView]
    shared: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        c = self.claim
        self.customer_name = customer_display_name(c)
        extra = tuple(name_from_domain(d) for d in (c.customer_domain, *c.customer_domains) if d)
        self.customer = remembering(NameMatcher(self.customer_name, extra))
        self.partner = remembering(NameMatcher(c.partner_name))
        self.customer_domains = tuple(
            d.strip().lower() for d in (c.customer_domain, *c.customer_domains) if d and d.strip())
        partner_email = (c.partner_contact_email or "").lower()
        self.partner_domain = partner_email.split("@")[-1] if "@" in partner_email else ""
        ref = c.submitted_at or c.created_at
        self.reference_date: date | None = ref.date() if ref else None
        for view in self.views:
            view.not_after = self.reference_date + FUTURE_GRACE if self.reference_date else None

    def is_contact(self, name: str) -> bool:
        """True when ``name`` is the claim's customer or partner contact person."""
        n = name.strip().lower()
        return bool(n) and any(n == c.strip().lower() for c in
                               (self.claim.customer_contact_name, self.claim.partner_contact_name) if c)

    def date_status(self, value: date) -> str:
        """'ok', 'stale' (older than 12 months before submission, D-22), 'future' (after it)."""
        if self.reference_date is None:
            return "ok"
        if value < self.reference_date - ACK_MAX_AGE:
            return "stale"
        if value > self.reference_date + FUTURE_GRACE:
            return "future"
        return "ok"
