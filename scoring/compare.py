"""Conflicting claims (D-18): the same customer tenant and product/workload (or subscription).

Ranking rule (the seed leaves it open; this is the decision, written down):

1. **POE quality** (D-11 "POE quality decides the claim"): more criteria met first; then the
   contested product's own verdict (linked > mentioned > absent); then the score, where
   scores within the same ``SCORE_BAND`` points count as equal quality.
2. **Eligibility**: an eligible claim before an ineligible one.
3. **Earliest dated customer signature / engagement**: the earliest date in the customer
   signature evidence (else in the dates evidence, else the claim's creation date) first:
   the partner who engaged the customer first. An acknowledgment about other products only
   (R-SIG-011) dates another engagement: it is skipped, and the rationale names it.
4. **Activity type**: delivery (deployment, implementation, migration, usage, adoption,
   managed services) before advisory/pre-sales before revenue association (D-7 forfeits the
   incentive), then claim ID for a stable order.

``recommended`` is the first *eligible* claim of the ranking (an ineligible one cannot be
approved), ``None`` when none is. ``margin`` = (recommended score - best other eligible
score) / 100, 1.0 when no other claim is eligible. A margin below ``MIN_MARGIN``, or a
recommended claim whose POE is not complete, means asking the partners for more information
(D-18) rather than deciding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scoring.analyze import Analysis
from scoring.catalogue import find_product
from scoring.checks.datefind import day_first, find_dates
from scoring.reasons import reason
from scoring.types import CRITERIA, ClaimAssertion, ClaimedProduct, Reason

MIN_MARGIN = 0.10
SCORE_BAND = 5
OTHER_ENGAGEMENT = frozenset({"R-SIG-011"})  # an acknowledgment of another engagement (D-11.1)
_PRODUCT_RANK = {"linked": 0, "mentioned": 1, "absent": 2}
_DELIVERY = re.compile(r"deploy|implement|migrat|usage|adopt|consum|managed|onboard|rollout|roll-out|optimi", re.I)
_ADVISORY = re.compile(r"pre-?sales|assess|advis|workshop|envision|proof of concept|poc|design", re.I)


class NoSharedKey(ValueError):
    """The claims given do not share a customer tenant and product (or subscription)."""


def product_key(product: ClaimedProduct) -> str:
    """The contested identity of a claimed product: its catalogue code, else its code or name."""
    found = find_product(product.code) or find_product(product.name)
    return found.code if found is not None else product.key


def conflict_keys(claim: ClaimAssertion) -> list[tuple[str, str]]:
    """(tenant_id, product key) pairs the claim stakes out (D-5, D-6), in claim order."""
    tenant = claim.tenant_id.strip().lower()
    return list(dict.fromkeys((tenant, product_key(p)) for p in claim.products))


def _subscription(claim: ClaimAssertion, key: str) -> str | None:
    for p in claim.products:
        if product_key(p) == key and p.subscription_id:
            return p.subscription_id.strip().lower()
    return None


def shared_keys(claims: Sequence[ClaimAssertion]) -> list[tuple[str, str]]:
    """Keys every claim shares; two explicit, different subscription IDs mean different
    associations (Business Applications claims are at subscription level, D-5)."""
    if not claims:
        return []
    common = conflict_keys(claims[0])
    for claim in claims[1:]:
        theirs = set(conflict_keys(claim))
        common = [k for k in common if k in theirs]
    out = []
    for key in common:
        subs = {s for c in claims if (s := _subscription(c, key[1])) is not None}
        if len(subs) <= 1:
            out.append(key)
    return out


def require_shared_key(claims: Sequence[ClaimAssertion], key: tuple[str, str] | None = None) -> tuple[str, str]:
    """The contested key of these claims: ``key`` when given and shared by all, else the first
    shared one in the first claim's product order; raises :class:`NoSharedKey` naming the
    claims when there is none."""
    ids = ", ".join(c.claim_id for c in claims)
    if len(claims) < 2:
        raise NoSharedKey(f"compare needs two claims or more (got {len(claims)})")
    if len({c.claim_id for c in claims}) != len(claims):
        raise NoSharedKey(f"the same claim was given twice ({ids})")
    keys = shared_keys(claims)
    if key is not None:
        wanted = (key[0].strip().lower(), key[1])
        if wanted not in keys:
            raise NoSharedKey(reason("R-CONF-003", claims=ids).message + f" (asked for {wanted[1]})")
        return wanted
    if not keys:
        raise NoSharedKey(reason("R-CONF-003", claims=ids).message)
    return keys[0]


@dataclass(frozen=True)
class Ranked:
    claim: ClaimAssertion
    analysis: Analysis
    product_verdict: str
    engaged_on: date | None
    activity_rank: int

    @property
    def claim_id(self) -> str:
        return self.claim.claim_id

    def sort_key(self) -> tuple[Any, ...]:
        a = self.analysis
        return (
            -a.met_count(),
            _PRODUCT_RANK.get(self.product_verdict, 3),
            -(a.score // SCORE_BAND),
            0 if a.eligible else 1,
            self.engaged_on or date.max,
            self.activity_rank,
            -a.score,
            self.claim_id,
        )


@dataclass(frozen=True)
class Comparison:
    key: tuple[str, str]
    subscription_id: str | None
    ranked: tuple[Ranked, ...]
    recommended: str | None
    margin: float
    action: str
    rationale: str
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def ranking(self) -> list[str]:
        return [r.claim_id for r in self.ranked]

    def to_json(self) -> dict[str, Any]:
        key: dict[str, Any] = {"tenant_id": self.key[0], "product": self.key[1]}
        if self.subscription_id:
            key["subscription_id"] = self.subscription_id
        side: dict[str, dict[str, str]] = {
            c: {r.claim_id: r.analysis.criteria[c].verdict for r in self.ranked} for c in CRITERIA
        }
        return {
            "key": key,
            "ranking": self.ranking,
            "recommended": self.recommended,
            "margin": self.margin,
            "side_by_side": side,
            "rationale": self.rationale,
            "action": self.action,
            "claims": [
                {
                    "claim_id": r.claim_id,
                    "partner": r.claim.partner_name,
                    "score": r.analysis.score,
                    "criteria_met": r.analysis.met_count(),
                    "product": r.product_verdict,
                    "eligible": r.analysis.eligible,
                    "recommendation": r.analysis.recommendation,
                    "engaged_on": r.engaged_on.isoformat() if r.engaged_on else None,
                    "activity": r.claim.activity,
                }
                for r in self.ranked
            ],
            "reasons": [r.to_json() for r in self.reasons],
        }


def activity_rank(activity: str) -> int:
    text = activity.strip().lower()
    if text == "revenue association":
        return 2
    if _DELIVERY.search(text):
        return 0
    return 1


def engagement_date(claim: ClaimAssertion, analysis: Analysis) -> date | None:
    """Earliest date in the customer signature evidence, else the dates evidence, else the
    claim's creation date; never from an acknowledgment of another engagement (R-SIG-011)."""
    sig = analysis.criteria.get("customer_signature")
    other = _other_engagement(sig.reasons) if sig is not None else None
    elsewhere = {other.details.get("document")} if other is not None else set()
    for criterion in ("customer_signature", "dates"):
        result = analysis.criteria.get(criterion)
        if result is None or result.verdict == "not_met" or result is sig and other is not None:
            continue
        found = []
        for ev in result.evidence:
            if ev.document in elsewhere:
                continue
            found += [d.value for d in find_dates(ev.text, day_first(ev.text)) if not d.partial]
        if found:
            return min(found)
    if claim.created_at is not None:
        return claim.created_at.date()
    return None


def _other_engagement(reasons: Sequence[Reason]) -> Reason | None:
    """The reason saying the customer's acknowledgment concerns other products (R-SIG-011): its
    date is another engagement's, and the ranking says why the signature is not counted."""
    return next((r for r in reasons if r.code in OTHER_ENGAGEMENT), None)


def _product_verdict(claim: ClaimAssertion, analysis: Analysis, key: str) -> str:
    findings = analysis.criteria["product_links"].products or {}
    for p in claim.products:
        if product_key(p) == key and p.key in findings:
            return findings[p.key].verdict
    return "absent"


def compare(items: Sequence[tuple[ClaimAssertion, Analysis]], key: tuple[str, str] | None = None) -> Comparison:
    """Rank claims sharing a tenant and product (D-18) on ``key`` (tenant_id, product key),
    by default the first key they share; raises :class:`NoSharedKey`."""
    claims = [c for c, _ in items]
    ids = ", ".join(c.claim_id for c in claims)
    key = require_shared_key(claims, key)
    ranked = sorted(
        (Ranked(c, a, _product_verdict(c, a, key[1]), engagement_date(c, a), activity_rank(c.activity))
         for c, a in items),
        key=Ranked.sort_key,
    )
    eligible = [r for r in ranked if r.analysis.eligible]
    recommended = eligible[0] if eligible else None
    reasons: list[Reason] = []
    if recommended is None:
        margin = 0.0
        action = "none_eligible"
        reasons.append(reason("R-CONF-004", claims=ids))
    else:
        others = [r.analysis.score for r in eligible[1:]]
        margin = round(max(0.0, (recommended.analysis.score - max(others)) / 100), 2) if others else 1.0
        if margin < MIN_MARGIN:
            action = "request_info_from_all"
            reasons.append(reason("R-CONF-002", claims=ids, margin=f"{margin:.2f}", threshold=f"{MIN_MARGIN:.2f}"))
        elif recommended.analysis.met_count() < len(CRITERIA):
            action = "request_info_from_all"
            reasons.append(reason("R-CONF-005", claims=ids))
        else:
            action = "approve_recommended"
        reasons.insert(0, reason("R-CONF-001", claims=ids, tenant_id=key[0], product=key[1],
                                 recommended=recommended.claim_id, margin=f"{margin:.2f}"))
    subs = {s for c in claims if (s := _subscription(c, key[1])) is not None}
    return Comparison(
        key=key,
        subscription_id=next(iter(subs)) if subs else None,
        ranked=tuple(ranked),
        recommended=recommended.claim_id if recommended else None,
        margin=margin,
        action=action,
        rationale=_rationale(ranked, recommended, margin, action),
        reasons=tuple(reasons),
    )


def _describe(r: Ranked) -> str:
    a = r.analysis
    bits = [f"claim {r.claim_id} ({r.claim.partner_name}): {a.met_count()}/{len(CRITERIA)} criteria met",
            f"score {a.score}", f"product {r.product_verdict}"]
    if not a.eligible:
        bits.append("ineligible (" + ", ".join(x.code for x in a.eligibility.ineligible) + ")")
    if r.engaged_on:
        bits.append(f"customer engagement dated {r.engaged_on.isoformat()}")
    sig = a.criteria.get("customer_signature")
    if sig is not None and (other := _other_engagement(sig.reasons)) is not None:
        about = (f"its acknowledgment concerns {other.details['other']}, not {other.details['claimed']}"
                 if {"other", "claimed"} <= other.details.keys() else other.message)
        bits.append(f"customer signature {sig.verdict}: {about} ({other.code})")
    return ", ".join(bits)


def _decided_by(first: Ranked, second: Ranked) -> str:
    a, b = first.sort_key(), second.sort_key()
    labels = ("more POE criteria met", "the contested product better linked to work", "a higher POE score",
              "eligibility", "an earlier customer signature/engagement", "the activity type",
              "a higher POE score", "claim ID order")
    for i, label in enumerate(labels):
        if a[i] != b[i]:
            return label
    return "claim ID order"


def _rationale(ranked: Sequence[Ranked], recommended: Ranked | None, margin: float, action: str) -> str:
    lines = [f"{i + 1}. {_describe(r)}" for i, r in enumerate(ranked)]
    head = f"Ranked on POE quality first (D-11), then eligibility, earliest customer engagement and activity type. " \
           f"{ranked[0].claim_id} ranks above {ranked[1].claim_id} on {_decided_by(ranked[0], ranked[1])}."
    if recommended is None:
        tail = "No claim is eligible, so none can be recommended."
    elif action == "approve_recommended":
        tail = f"Recommend claim {recommended.claim_id} (margin {margin:.2f})."
    elif margin < MIN_MARGIN:
        tail = (f"Claim {recommended.claim_id} leads by a margin of only {margin:.2f} (below {MIN_MARGIN:.2f}): "
                "ask both partners for more information before deciding (D-18).")
    else:
        tail = (f"Claim {recommended.claim_id} leads (margin {margin:.2f}) but its POE is not complete: "
                "ask the partners for more information before deciding (D-18).")
    if recommended is not None and recommended is not ranked[0]:
        tail = f"Claim {ranked[0].claim_id} has the stronger POE but is ineligible. " + tail
    return "\n".join([head, *lines, tail])
