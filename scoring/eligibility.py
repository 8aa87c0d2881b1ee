"""Eligibility: what makes a claim ineligible whatever its POE (D-3, D-6, D-7, D-8).

:func:`check_eligibility` returns three lists of coded reasons:

- ``ineligible``: the spec's ``eligibility`` findings; any of them means ``reject``.
  Power BI (or another product outside CPOR) claimed (D-3); revenue association outside OSA
  Sell (D-7); a product or subscription already claimed, when the caller knows it (D-6/D-8);
  and the D-8 subscription rules: an identifier that is not a subscription ID, a subscription
  not on the customer's tenant, not for Dynamics (or for another product than the one claimed),
  CSP, not activated, or activated less than 48 hours before the claim was created.
- ``requests``: things the partner can fix by editing the claim (several subscriptions of one
  product and no subscription ID given, D-8).
- ``notes``: what could not be validated (no tenant directory, tenant unknown) and D-7's
  "no POE needed" for a revenue association. They never block a claim.

Decisions written down: subscription rules apply to Business Applications products (D-5, D-8:
Microsoft 365 claims are at tenant/workload level), and to any product whose claim names a
subscription (on the tenant, not CSP, activated 48 hours before; a suite subscription may
carry a workload, so only Business Applications products must match it); a subscription with no activation date in
the tenant directory counts as not activated; exactly 48 hours after activation is allowed
("48 hours or more").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scoring.catalogue import Product, find_product
from scoring.reasons import reason
from scoring.types import ClaimAssertion, ClaimedProduct, KnownSubscription, Reason

MIN_HOURS_AFTER_ACTIVATION = 48  # D-8
OSA_SELL = "OSA Sell"
BIZAPPS_PROGRAM = "OSU-Business Applications"
DYNAMICS_FAMILY = "Dynamics 365"
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_DYNAMICS_WORDS = re.compile(r"\b(dynamics|d365|crm online)\b", re.I)


@dataclass(frozen=True)
class EligibilityResult:
    ineligible: tuple[Reason, ...] = ()
    requests: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()

    @property
    def eligible(self) -> bool:
        return not self.ineligible


@dataclass
class _Collector:
    ineligible: list[Reason] = field(default_factory=list)
    requests: list[Reason] = field(default_factory=list)
    notes: list[Reason] = field(default_factory=list)

    def result(self) -> EligibilityResult:
        return EligibilityResult(tuple(self.ineligible), tuple(self.requests), tuple(self.notes))


def catalogue_product(product: ClaimedProduct) -> Product | None:
    """The catalogue entry of a claimed product: by its code first, then by its name."""
    return find_product(product.code) or find_product(product.name)


def _label(product: ClaimedProduct) -> str:
    return f"{product.name} ({product.code})" if product.code and product.code != product.name else product.name


def _is_dynamics(product: Product | None, name: str) -> bool:
    if product is not None:
        return product.family == DYNAMICS_FAMILY
    return bool(_DYNAMICS_WORDS.search(name))


def _same_product(claimed: ClaimedProduct, claimed_cat: Product | None, sub: KnownSubscription) -> bool:
    sub_cat = find_product(sub.code) or find_product(sub.product)
    if claimed_cat is not None and sub_cat is not None:
        return claimed_cat.code == sub_cat.code
    names = {n.strip().lower() for n in (claimed.code, claimed.name) if n}
    return bool(names & {n.strip().lower() for n in (sub.code, sub.product) if n})


def _needs_subscription_rules(claim: ClaimAssertion, product: ClaimedProduct, cat: Product | None) -> bool:
    return (
        claim.program == BIZAPPS_PROGRAM
        or claim.solution_area == "Business Applications"
        or _is_dynamics(cat, product.name)
    )


def check_eligibility(claim: ClaimAssertion) -> EligibilityResult:
    out = _Collector()
    if claim.is_revenue_association:
        if claim.program != OSA_SELL:
            out.ineligible.append(reason("R-ELIG-009", program=claim.program))
        else:
            out.notes.append(reason("R-ELIG-014"))
    for product in claim.products:
        _check_product(claim, product, out)
    _check_already_claimed(claim, out)
    return out.result()


def _check_product(claim: ClaimAssertion, product: ClaimedProduct, out: _Collector) -> None:
    cat = catalogue_product(product)
    label = _label(product)
    if cat is not None and not cat.claimable_cpor:
        code = "R-ELIG-001" if cat.code == "POWER_BI" else "R-ELIG-016"
        out.ineligible.append(reason(code, product=label))
        return
    if cat is None and re.search(r"\bpower\s*bi\b", f"{product.name} {product.code or ''}", re.I):
        out.ineligible.append(reason("R-ELIG-001", product=label))
        return
    if product.subscription_id is not None and (
        not _GUID.match(product.subscription_id.strip())
        # the tenant (directory) ID given as the subscription: a GUID, but not a subscription's
        or product.subscription_id.strip().lower() == claim.tenant_id.strip().lower()
    ):
        out.ineligible.append(reason("R-ELIG-007", value=product.subscription_id, product=label))
        return
    bizapps = _needs_subscription_rules(claim, product, cat)
    if not bizapps and not product.subscription_id:
        return  # Microsoft 365 workloads are claimed at tenant/workload level (D-5)
    if claim.tenant_subscriptions is None:
        _note_once(out, claim)
        return
    subs = claim.tenant_subscriptions
    if product.subscription_id:
        wanted = product.subscription_id.strip().lower()
        sub = next((s for s in subs if s.subscription_id.lower() == wanted), None)
        if sub is None:
            out.ineligible.append(reason("R-ELIG-002", subscription_id=wanted, product=label,
                                         tenant_id=claim.tenant_id))
            return
        # A workload's subscription may be a suite (E5 holds Exchange Online): only a Business
        # Applications product must match its subscription's product (D-8 'not for Dynamics').
        if bizapps and not _same_product(product, cat, sub):
            sub_cat = find_product(sub.code) or find_product(sub.product)
            code = "R-ELIG-011" if _is_dynamics(sub_cat, sub.product) else "R-ELIG-003"
            out.ineligible.append(reason(code, subscription_id=sub.subscription_id, product=label,
                                         sub_product=sub.product or sub.code or "unknown"))
            return
        _check_subscription(claim, label, sub, out)
        return
    matching = [s for s in subs if _same_product(product, cat, s)]
    if not matching:
        out.ineligible.append(reason("R-ELIG-010", product=label, tenant_id=claim.tenant_id))
    elif len(matching) > 1:
        out.requests.append(reason("R-ELIG-015", count=len(matching), product=label))
    else:
        _check_subscription(claim, label, matching[0], out)


def _check_subscription(claim: ClaimAssertion, label: str, sub: KnownSubscription, out: _Collector) -> None:
    fields = {"subscription_id": sub.subscription_id, "product": label}
    if sub.channel.strip().upper() == "CSP":
        out.ineligible.append(reason("R-ELIG-004", **fields))
    created = claim.created_at or claim.submitted_at
    if sub.activated_at is None:
        out.ineligible.append(reason("R-ELIG-005", when=" (the tenant directory gives no activation date)", **fields))
        return
    if created is None:
        return  # nothing to measure the 48 hours against
    if sub.activated_at > created:
        out.ineligible.append(reason(
            "R-ELIG-005", when=f" (activated {_fmt(sub.activated_at)}, after the claim was created {_fmt(created)})",
            **fields))
        return
    age = created - sub.activated_at
    if age < timedelta(hours=MIN_HOURS_AFTER_ACTIVATION):
        out.ineligible.append(reason(
            "R-ELIG-006", activated_at=_fmt(sub.activated_at), created_at=_fmt(created),
            hours=_hours(age), **fields))


def _check_already_claimed(claim: ClaimAssertion, out: _Collector) -> None:
    if not claim.already_claimed:
        return
    for product in claim.products:
        cat = catalogue_product(product)
        keys = {k.lower() for k in (product.key, product.name, product.code, cat.code if cat else None) if k}
        sub = (product.subscription_id or "").strip().lower()
        for key, other in claim.already_claimed:
            if other == claim.claim_id:
                continue
            k = key.strip().lower()
            if k in keys or (sub and k == sub):
                out.ineligible.append(reason(
                    "R-ELIG-008", product=_label(product),
                    subscription=f"subscription {sub}" if sub else "customer tenant", other_claim=other))
                break


def _note_once(out: _Collector, claim: ClaimAssertion) -> None:
    note = reason("R-ELIG-012", tenant_id=claim.tenant_id) if claim.tenant_known is False else reason("R-ELIG-013")
    if all(n.code != note.code for n in out.notes):
        out.notes.append(note)


def _hours(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f}" if hours == int(hours) else f"{hours:.1f}"


def _fmt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M UTC") if dt.utcoffset() in (None, timedelta(0)) else dt.isoformat()
