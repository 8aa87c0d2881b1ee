"""Scoring's own small types: what a claim asserts (input) and what the checks find (output).

Scoring never sees the store, the web or claim folders: the pipeline builds a
:class:`ClaimAssertion` from a claim and hands it over with the extracted documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from extractors.document import Location

Verdict = Literal["met", "not_met", "unclear"]
ProductVerdict = Literal["linked", "mentioned", "absent"]
Recommendation = Literal["approve", "request_info", "reject"]

CRITERIA: tuple[str, ...] = (
    "customer_signature",
    "partner_name",
    "customer_name",
    "dates",
    "product_links",
    "growth_activities",
)


@dataclass(frozen=True)
class ClaimedProduct:
    name: str
    code: str | None = None
    subscription_id: str | None = None

    @property
    def key(self) -> str:
        return self.code or self.name


@dataclass(frozen=True)
class KnownSubscription:
    """A subscription the tenant directory knows for the claim's tenant (D-8)."""

    subscription_id: str
    product: str
    code: str | None
    channel: str  # EA, MCA, Direct, CSP
    country: str = ""
    activated_at: datetime | None = None


@dataclass(frozen=True)
class ClaimAssertion:
    """What a claim asserts, as scoring needs it."""

    claim_id: str
    program: str  # "OSU-Microsoft 365" | "OSU-Business Applications" | "OSA Sell"
    solution_area: str
    activity: str
    partner_name: str
    customer_domain: str
    tenant_id: str
    products: tuple[ClaimedProduct, ...]
    customer_name: str | None = None  # tenant directory display name; None when unknown
    customer_domains: tuple[str, ...] = ()  # every domain the directory knows for the tenant
    customer_contact_name: str = ""
    customer_contact_email: str = ""
    partner_contact_name: str = ""
    partner_contact_email: str = ""
    created_at: datetime | None = None
    submitted_at: datetime | None = None
    # None: no tenant directory was given, so subscription checks cannot run (and say so).
    tenant_subscriptions: tuple[KnownSubscription, ...] | None = None
    tenant_known: bool | None = None
    # (product key or subscription ID, claim ID) pairs already associated (D-6, D-8 'already
    # claimed'), when the caller knows them (the store does; a lone claim folder does not).
    already_claimed: tuple[tuple[str, str], ...] = ()

    @property
    def is_revenue_association(self) -> bool:
        return self.activity.strip().lower() == "revenue association"


@dataclass(frozen=True)
class Evidence:
    """The exact text a verdict rests on, and where it stands."""

    document: str
    text: str
    location: Location
    note: str = ""  # why this text counts, e.g. 'customer block, /s/ signature'

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": self.document}
        loc = self.location
        if loc.page is not None:
            out["page"] = loc.page
        if loc.sheet is not None:
            out["sheet"] = loc.sheet
        if loc.cell is not None:
            out["cell"] = loc.cell
        if loc.paragraph is not None:
            out["paragraph"] = loc.paragraph
        out["location"] = loc.to_dict()
        out["where"] = loc.label()
        out["text"] = self.text
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Reason:
    """A coded finding (codes and messages live in :mod:`scoring.reasons`)."""

    code: str
    rule: str
    message: str
    criterion: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "rule": self.rule, "message": self.message}
        if self.criterion:
            out["criterion"] = self.criterion
        return out


@dataclass(frozen=True)
class ProductFinding:
    verdict: ProductVerdict
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's verdict. A ``met`` verdict always carries at least one Evidence."""

    criterion: str
    verdict: Verdict
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[Reason, ...] = ()
    products: dict[str, ProductFinding] | None = None  # product_links only, keyed by product key

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "verdict": self.verdict,
            "confidence": round(self.confidence, 2),
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.products is not None:
            out["products"] = {
                k: {"verdict": p.verdict, "evidence": [e.to_json() for e in p.evidence]}
                for k, p in self.products.items()
            }
        if self.reasons:
            out["reasons"] = [r.to_json() for r in self.reasons]
        return out
