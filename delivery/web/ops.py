"""The operations behind both the pages and ``/api``: one place for each rule the web adds on
top of the library (a partner never learns that another partner's claim exists; overruling the
recommendation needs a note; a conflict decision approves one claim and resolves the others)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from delivery.web.deps import REVIEWERS, STAFF, require_role
from pipeline.claim_views import ClaimView
from pipeline.corrections import CorrectionIn
from pipeline.errors import AccessDenied, ClaimNotFound, InvalidInput, PoeReviewError
from pipeline.redact import GENERIC
from pipeline.roles import Actor
from pipeline.service import ClaimService

DECISION_LABELS = {"approve": "Approve", "reject": "Reject", "request_info": "Request information"}


def get_claim(service: ClaimService, actor: Actor, claim_id: str) -> ClaimView:
    try:
        return service.get_claim(actor, claim_id)
    except AccessDenied:
        if actor.is_partner:  # D-1: not even the existence of another partner's claim
            raise ClaimNotFound(claim_id) from None
        raise


def overrule_check(recommendation: str | None, decision: str, note: str) -> None:
    if recommendation and decision != recommendation and not note.strip():
        raise InvalidInput(
            f"note: the recommendation is {DECISION_LABELS.get(recommendation, recommendation)}; "
            f"say why you {DECISION_LABELS.get(decision, decision).lower()} instead (overruling needs a note)"
        )


def recommendation_note(analysis: dict[str, Any] | None, most: int = 4) -> str:
    """The note of a rejection that follows the recommendation: its own reasons, so the partner
    reads why (D-16) without the reviewer retyping them. One rule for the form and the server:
    a note is needed only to overrule."""
    reasons = [str(r.get("message", "")).strip() for r in (analysis or {}).get("reasons") or []]
    reasons = [r for r in dict.fromkeys(reasons) if r]
    if not reasons:
        return "Rejected as recommended."
    return "Rejected as recommended: " + " ".join(reasons[:most])


def decide(
    service: ClaimService,
    actor: Actor,
    claim_id: str,
    decision: str,
    note: str,
    requests: list[str] | None,
    expected_version: int | None,
    *,
    wrong_criteria: list[str] | None = None,
    policy_exception: bool = False,
    overrule_asked: bool = False,
) -> ClaimView:
    """``overrule_asked``: the form asked which criteria were wrong (the claim page always does),
    so an overrule must answer it: criteria, or a policy exception."""
    require_role(actor, REVIEWERS, "decide claims")
    key = decision.strip().lower().replace("-", "_")
    if key not in DECISION_LABELS:
        raise InvalidInput(f"decision: approve, reject or request_info, not {decision!r}")
    view = get_claim(service, actor, claim_id)
    overrule_check(view.recommendation, key, note)
    overruling = bool(view.recommendation) and key != view.recommendation
    if overruling and overrule_asked and not wrong_criteria and not policy_exception:
        raise InvalidInput(
            "wrong criteria: you overrule the recommendation; tick the criteria the tool got wrong, "
            "or tick 'policy exception' when none was wrong"
        )
    if key == "reject" and not note.strip() and view.recommendation == "reject":
        note = recommendation_note(view.analysis)
    clean = [r.strip() for r in requests or [] if r.strip()] if key == "request_info" else None
    return service.decide(actor, claim_id, key, note.strip(), clean, expected_version,
                          wrong_criteria=wrong_criteria if overruling else None,
                          policy_exception=policy_exception and overruling)


def correct(
    service: ClaimService, actor: Actor, claim_id: str, items: list[CorrectionIn], expected_version: int | None
) -> ClaimView:
    require_role(actor, REVIEWERS, "correct the tool's verdicts")
    get_claim(service, actor, claim_id)  # another partner's claim, or none: not found
    return service.correct(actor, claim_id, items, expected_version)


def keep_products(
    service: ClaimService, actor: Actor, claim_id: str, keep: list[str], expected_version: int | None
) -> ClaimView:
    """D-9/D-12: keep only the products named in ``keep`` (by key); the library checks that the
    claim is editable and that at least one product remains."""
    view = get_claim(service, actor, claim_id)
    wanted = {k.strip().casefold() for k in keep}
    products = [
        {k: v for k, v in (("name", p.name), ("code", p.code), ("subscription_id", p.subscription_id)) if v}
        for p in view.product_lines
        if p.removed_at is None and p.key.casefold() in wanted
    ]
    return service.edit(actor, claim_id, products=products, expected_version=expected_version)


@dataclass
class ConflictPage:
    id: int
    tenant_id: str
    product: str
    claim_ids: list[str]
    recommended: str | None
    margin: float | None
    resolved_at: Any
    result: dict[str, Any]
    claims: list[ClaimView]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "tenant_id": self.tenant_id,
            "product": self.product,
            "claim_ids": self.claim_ids,
            "recommended": self.recommended,
            "margin": self.margin,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "result": self.result,
            "claims": [
                {k: c.to_json()[k] for k in ("claim_id", "partner", "status", "recommendation", "score", "version")}
                for c in self.claims
            ],
        }


def get_conflict(service: ClaimService, actor: Actor, conflict_id: int) -> ConflictPage:
    """A conflict group (D-18) with its claims; Microsoft staff only (partners never see one)."""
    require_role(actor, STAFF, "see conflicts between partners")
    row = service.conflict(actor, conflict_id)
    data = ConflictPage(
        row.id,
        row.tenant_id,
        row.product_key,
        row.claim_ids,
        row.recommended,
        row.margin,
        row.resolved_at,
        row.result if actor.sees_personal_data else GENERIC.value(row.result),
        [],
    )
    ranking = [str(c) for c in data.result.get("ranking") or []]
    order = ranking + [c for c in data.claim_ids if c not in ranking]
    for cid in order:
        try:
            data.claims.append(service.get_claim(actor, cid))
        except ClaimNotFound:
            continue
    return data


def decide_conflict(
    service: ClaimService,
    actor: Actor,
    conflict_id: int,
    winner: str,
    note: str,
    expected_version: int | None = None,
) -> ClaimView:
    """Approve ``winner``; the library then takes the product from the others (D-6) and marks
    the conflict resolved; a loser left with no product is closed by the lifecycle."""
    require_role(actor, REVIEWERS, "decide conflicts")
    conflict = get_conflict(service, actor, conflict_id)
    if winner not in conflict.claim_ids:
        raise InvalidInput(f"winner: claim {winner} is not part of conflict {conflict_id}")
    if conflict.recommended and winner != conflict.recommended and not note.strip():
        raise InvalidInput(
            f"note: the comparison recommends claim {conflict.recommended}; say why you approve {winner} instead"
        )
    view = get_claim(service, actor, winner)
    if view.recommendation and view.recommendation != "approve" and not note.strip():
        overrule_check(view.recommendation, "approve", note)
    return service.decide(actor, winner, "approve", note.strip(), None, expected_version)


def request_info_from_all(
    service: ClaimService,
    actor: Actor,
    conflict_id: int,
    requests: dict[str, list[str]],
    note: str,
) -> dict[str, str]:
    """D-18: ask every partner in the conflict for more information at once; each claim gets its
    own requests (a partner never reads what the other was asked). Returns claim_id -> outcome."""
    require_role(actor, REVIEWERS, "decide conflicts")
    conflict = get_conflict(service, actor, conflict_id)
    outcomes: dict[str, str] = {}
    for claim in conflict.claims:
        if "request_info" not in claim.available_decisions:
            continue
        lines = [r.strip() for r in requests.get(claim.claim_id, []) if r.strip()]
        if not lines and not note.strip():
            outcomes[claim.claim_id] = "skipped: nothing to ask"
            continue
        try:
            service.decide(actor, claim.claim_id, "request_info", note.strip(), lines, claim.version)
            outcomes[claim.claim_id] = "Partner action required"
        except PoeReviewError as exc:
            outcomes[claim.claim_id] = f"not changed: {exc}"
    if not outcomes:
        raise InvalidInput(f"no claim of conflict {conflict_id} is open for a request")
    return outcomes
