"""One claim's analysis: checks, eligibility, score and recommendation (spec section 3).

``analyze_claim(claim, docs)`` never fails on a bad document: the extractors already turned
it into a status and an error, which is listed under ``documents`` and becomes a partner-facing
reason; the checks run on whatever was readable. ``Analysis.to_json()`` is exactly the spec's
object, with a few optional extras (``score_breakdown``, ``requests``, ``scoring_version``,
``revenue_association``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from extractors.document import ExtractedDocument
from scoring.documents import DocumentInfo, describe
from scoring.eligibility import EligibilityResult, check_eligibility
from scoring.score import Decision, decide
from scoring.types import CRITERIA, ClaimAssertion, CriterionResult, Reason, Recommendation

# Bumped when checks, weights or rules change, so the store can tell old analyses from new.
SCORING_VERSION = "1.3"  # 1.3: party clauses and acronyms, signature credit needs the customer named, signature-block dates, growth of the claimed product only, R-DATE-007, R-SIG-010, R-SIG-011 (acknowledgment about another product)

Checker = Callable[[ClaimAssertion, Sequence[ExtractedDocument]], dict[str, CriterionResult]]


@dataclass(frozen=True)
class Analysis:
    claim_id: str
    criteria: dict[str, CriterionResult]
    documents: tuple[DocumentInfo, ...]
    eligibility: EligibilityResult
    decision: Decision
    revenue_association: bool = False
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def score(self) -> int:
        return self.decision.score

    @property
    def recommendation(self) -> Recommendation:
        return self.decision.recommendation

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return self.decision.reasons

    @property
    def eligible(self) -> bool:
        return self.eligibility.eligible

    def met_count(self) -> int:
        return sum(1 for r in self.criteria.values() if r.verdict == "met")

    def to_json(self) -> dict[str, Any]:
        requests = {(r.code, r.message) for r in self.decision.requests}
        reasons = []
        for r in self.decision.reasons:
            item = r.to_json()
            if (r.code, r.message) in requests:
                item["request"] = True
            reasons.append(item)
        out: dict[str, Any] = {
            "claim_id": self.claim_id,
            "criteria": {name: self.criteria[name].to_json() for name in CRITERIA},
            "documents": [d.to_json() for d in self.documents],
            "eligibility": [r.to_json() for r in self.eligibility.ineligible],
            "score": self.decision.score,
            "recommendation": self.decision.recommendation,
            "reasons": reasons,
            "requests": [r.message for r in self.decision.requests],
            "score_breakdown": self.decision.breakdown,
            "revenue_association": self.revenue_association,
            "scoring_version": SCORING_VERSION,
        }
        out.update(self.extras)
        return out


def _default_checks(claim: ClaimAssertion, docs: Sequence[ExtractedDocument]) -> dict[str, CriterionResult]:
    # lazy: scoring.checks costs ~260 ms (python -X importtime); `poe-review --help` must not pay it
    from scoring.checks import run_checks

    return run_checks(claim, docs)


def analyze_claim(
    claim: ClaimAssertion,
    docs: Sequence[ExtractedDocument],
    *,
    checks: Checker | None = None,
) -> Analysis:
    """Analyse one claim over its extracted documents (one per submitted file, in claim order).

    ``checks`` replaces :func:`scoring.checks.run_checks` (tests and experiments only).
    """
    criteria = (checks or _default_checks)(claim, docs)
    missing = [c for c in CRITERIA if c not in criteria]
    if missing:
        raise ValueError(f"checks returned no verdict for {', '.join(missing)}")
    documents = tuple(describe(d) for d in docs)
    eligibility = check_eligibility(claim)
    decision = decide(claim, criteria, eligibility, documents)
    return Analysis(
        claim_id=claim.claim_id,
        criteria={c: criteria[c] for c in CRITERIA},
        documents=documents,
        eligibility=eligibility,
        decision=decision,
        revenue_association=claim.is_revenue_association,
    )
