"""The six POE criteria checks (D-11): ``run_checks(claim, docs) -> {criterion: CriterionResult}``.

One module per criterion (signature, names, dates, products, growth) over shared helpers
(:mod:`.text` segments with locations, :mod:`.datefind`, :mod:`.parties`). Every ``met`` carries
at least one Evidence quoting the document's text at its location.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace

from extractors.document import ExtractedDocument
from scoring.checks.context import CheckContext
from scoring.checks.dates import check_dates
from scoring.checks.growth import check_growth
from scoring.checks.names import check_name
from scoring.checks.products import check_products
from scoring.checks.signature import check_customer_signature
from scoring.checks.text import build_views
from scoring.reasons import reason
from scoring.types import CRITERIA, ClaimAssertion, CriterionResult, ProductFinding

__all__ = ["run_checks"]

log = logging.getLogger(__name__)


def run_checks(claim: ClaimAssertion, docs: Sequence[ExtractedDocument]) -> dict[str, CriterionResult]:
    """Verdicts of the six criteria of :data:`scoring.types.CRITERIA` for one claim."""
    views = build_views(docs)
    if not views:
        no_doc = reason("R-DOC-001")
        out = {c: CriterionResult(c, "not_met", 0.9, (), (no_doc,)) for c in CRITERIA}
        out["product_links"] = CriterionResult(
            "product_links", "not_met", 0.9, (), (no_doc,),
            {p.key: ProductFinding("absent") for p in claim.products})
        return out
    ctx = CheckContext(claim, views)
    checks: dict[str, Callable[[CheckContext], CriterionResult]] = {
        "customer_signature": check_customer_signature,
        "partner_name": lambda c: check_name(c, "partner"),
        "customer_name": lambda c: check_name(c, "customer"),
        "dates": check_dates,
        "product_links": check_products,
        "growth_activities": check_growth,
    }
    results: dict[str, CriterionResult] = {}
    for name, check in checks.items():
        try:
            results[name] = check(ctx)
        except Exception as exc:  # a bug on one odd document must not lose the other criteria
            log.exception("check %s failed on claim %s", name, claim.claim_id)
            results[name] = CriterionResult(
                name, "unclear", 0.0, (), (reason("R-DOC-009", error=type(exc).__name__),),
                {p.key: ProductFinding("absent") for p in claim.products} if name == "product_links" else None)
    for name, result in results.items():
        if any(not e.text.strip() for e in result.evidence):  # an empty cell (a picture's) quotes nothing
            result = results[name] = replace(result, evidence=tuple(e for e in result.evidence if e.text.strip()))
        if result.verdict == "met" and not result.evidence:  # spec section 3: never a bare 'met'
            results[name] = replace(result, verdict="unclear", confidence=min(result.confidence, 0.5))
    return {c: results[c] for c in CRITERIA}
