"""A transparent POE score and the recommendation (D-11, D-12, D-15, D-16, D-3/D-7/D-8).

Score (0-100) measures POE quality only; every weight is here and nowhere else::

    points(criterion) = WEIGHTS[criterion] * credit
    credit = confidence                 when the verdict is met
           = UNCLEAR_CREDIT             when unclear
           = 0                          when not_met
    product_links not met: PRODUCT_PARTIAL_CREDIT * share of claimed products linked
    score = round(sum of points)

Eligibility does not change the score (a reviewer can still see how good the POE is); it
decides the recommendation:

1. anything ineligible (D-3, D-7, D-8, D-6 when known)                -> ``reject``
2. revenue association under OSA Sell (D-7: no POE needed)            -> ``approve``
   (``request_info`` when the claim itself must be edited, e.g. a subscription ID is needed)
3. no POE document attached at all (D-10, D-16)                       -> ``reject``
4. every criterion met, nothing to fix in the claim                   -> ``approve``
   (headed R-DEC-007 instead of R-DEC-001 when a file could not be read: the approval rests on
   the readable documents, and the reviewer is told so)
5. readable POE showing none of the requirements, no unreadable file  -> ``reject`` (D-16)
6. otherwise                                                          -> ``request_info`` (D-15)
   with one partner-facing request per gap: the checks' own reasons (which document, where),
   a fallback request per unmet criterion without one, and the products to remove (D-12).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.documents import DocumentInfo, document_reasons
from scoring.eligibility import EligibilityResult
from scoring.reasons import reason
from scoring.types import CRITERIA, ClaimAssertion, CriterionResult, Reason, Recommendation

WEIGHTS: dict[str, int] = {
    "customer_signature": 25,  # D-11.1: proof the customer knows the partner: weighs most
    "product_links": 20,  # D-11.2 / D-12 / D-23: the most frequent rejection cause
    "customer_name": 15,  # D-11.4 / D-22
    "dates": 15,  # D-11.5
    "growth_activities": 15,  # D-11.3
    "partner_name": 10,  # D-11.4: rarely missing, the partner writes the document
}
UNCLEAR_CREDIT = 0.4
PRODUCT_PARTIAL_CREDIT = 0.5
assert set(WEIGHTS) == set(CRITERIA) and sum(WEIGHTS.values()) == 100

_FALLBACK = {
    "customer_signature": "R-DEC-011",
    "partner_name": "R-DEC-012",
    "customer_name": "R-DEC-013",
    "dates": "R-DEC-014",
    "product_links": "R-DEC-015",
    "growth_activities": "R-DEC-016",
}


@dataclass(frozen=True)
class Decision:
    recommendation: Recommendation
    score: int
    breakdown: dict[str, dict[str, Any]]
    reasons: tuple[Reason, ...]  # everything the reviewer and the partner should read, in order
    requests: tuple[Reason, ...] = field(default=())  # the partner-facing subset (request_info)


def criterion_credit(result: CriterionResult) -> float:
    if result.verdict == "met":
        return max(0.0, min(1.0, result.confidence))
    if result.verdict == "unclear":
        return UNCLEAR_CREDIT
    if result.criterion == "product_links" and result.products:
        linked = sum(1 for p in result.products.values() if p.verdict == "linked")
        return PRODUCT_PARTIAL_CREDIT * linked / len(result.products)
    return 0.0


def score_criteria(criteria: Mapping[str, CriterionResult]) -> tuple[int, dict[str, dict[str, Any]]]:
    """The score and, per criterion, its weight, credit and points (shown to reviewers)."""
    breakdown: dict[str, dict[str, Any]] = {}
    total = 0.0
    for name in CRITERIA:
        result = criteria.get(name)
        credit = criterion_credit(result) if result is not None else 0.0
        points = WEIGHTS[name] * credit
        total += points
        breakdown[name] = {"weight": WEIGHTS[name], "credit": round(credit, 2), "points": round(points, 1)}
    return round(total), breakdown


def unlinked_products(result: CriterionResult | None) -> list[str]:
    if result is None or not result.products:
        return []
    return [key for key, finding in result.products.items() if finding.verdict != "linked"]


def decide(
    claim: ClaimAssertion,
    criteria: Mapping[str, CriterionResult],
    eligibility: EligibilityResult,
    documents: Sequence[DocumentInfo],
) -> Decision:
    score, breakdown = score_criteria(criteria)
    doc_reasons = document_reasons(documents)

    def done(rec: Recommendation, head: Reason, requests: Sequence[Reason] = (),
             extra: Sequence[Reason] = ()) -> Decision:
        reasons = _dedupe([head, *requests, *extra, *eligibility.notes])
        return Decision(rec, score, breakdown, tuple(reasons), tuple(_dedupe(requests)))

    criterion_reasons = [r for name in CRITERIA if name in criteria for r in criteria[name].reasons]
    if not eligibility.eligible:
        codes = ", ".join(dict.fromkeys(r.code for r in eligibility.ineligible))
        return done("reject", reason("R-DEC-004", codes=codes), extra=[*doc_reasons, *criterion_reasons])
    if claim.is_revenue_association:
        if eligibility.requests:
            return done("request_info", reason("R-DEC-002", count=len(eligibility.requests)),
                        eligibility.requests)
        return done("approve", reason("R-DEC-006"), extra=doc_reasons)
    if not documents:
        return done("reject", reason("R-DEC-003"), [reason("R-DOC-002")])
    unmet = [name for name in CRITERIA if criteria.get(name) is None or criteria[name].verdict != "met"]
    if not unmet and not eligibility.requests:
        head = reason("R-DEC-001")
        if doc_reasons:  # the approval rests on the readable files only: the head says so
            head = reason("R-DEC-007", count=len(doc_reasons))
        return done("approve", head, extra=[*doc_reasons, *criterion_reasons])
    all_not_met = len(unmet) == len(CRITERIA) and all(
        name in criteria and criteria[name].verdict == "not_met" for name in CRITERIA)
    readable = [d.path for d in documents if d.ok]
    if all_not_met and readable and not doc_reasons:
        return done("reject", reason("R-DEC-003"), extra=criterion_reasons)
    requests = _dedupe([*doc_reasons, *eligibility.requests, *_criterion_requests(claim, criteria, unmet, readable)])
    # The count is of the request lines the partner will read, not of the unmet criteria.
    return done("request_info", reason("R-DEC-002", count=len(requests)), requests,
                extra=[r for name in CRITERIA if name not in unmet and name in criteria
                       for r in criteria[name].reasons])


def _criterion_requests(claim: ClaimAssertion, criteria: Mapping[str, CriterionResult],
                        unmet: Sequence[str], readable: Sequence[str]) -> list[Reason]:
    documents = ", ".join(readable) or "the uploaded documents"
    out: list[Reason] = []
    for name in unmet:
        result = criteria.get(name)
        own = list(result.reasons) if result is not None else []
        if name == "product_links":
            own = [r for r in own if r.code != "R-DOC-001"]
        if own:
            out.extend(own)
        else:
            out.append(reason(_FALLBACK[name], documents=documents, **_name_fields(claim, name)))
        if name == "product_links":
            missing = unlinked_products(result)
            if missing:
                out.append(reason("R-DEC-005", products=_product_labels(claim, missing)))
    return out


def _name_fields(claim: ClaimAssertion, criterion: str) -> dict[str, str]:
    if criterion == "partner_name":
        return {"name": claim.partner_name}
    if criterion == "customer_name":
        return {"name": claim.customer_name or claim.customer_domain}
    return {}


def _product_labels(claim: ClaimAssertion, keys: Sequence[str]) -> str:
    names = {p.key: p.name for p in claim.products}
    labels = [f"{names[k]} ({k})" if k in names and names[k] != k else k for k in keys]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _dedupe(reasons: Sequence[Reason]) -> list[Reason]:
    seen: set[tuple[str, str]] = set()
    out: list[Reason] = []
    for r in reasons:
        if (r.code, r.message) not in seen:
            seen.add((r.code, r.message))
            out.append(r)
    return out
