"""JSON API under ``/api``: the pages' operations for scripts and other tools.

Authentication: ``POST /api/login`` sets the same session cookie as the sign-in page and returns
the CSRF token; every POST after it sends that token in ``X-CSRF-Token``. Errors are
``{"error": <type>, "message": <one line>}`` with 400/401/403/404/409.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from delivery.web import ops, uploads
from delivery.web.deps import (
    PARTNERS,
    STAFF,
    check_csrf,
    csrf_token,
    require_actor,
    require_role,
    sign_in,
    sign_out,
)
from delivery.web.signin import attempt_sign_in
from delivery.web.views import (
    QueueFilters,
    build_queue,
    evidence_refs,
    open_requests,
    partner_view,
    public_json,
)
from pipeline.corrections import CorrectionIn
from pipeline.models import Status

router = APIRouter(prefix="/api", tags=["api"])
CSRF = [Depends(check_csrf)]


class LoginIn(BaseModel):
    username: str
    password: str


class DecisionIn(BaseModel):
    decision: Literal["approve", "reject", "request_info"]
    note: str = ""
    requests: list[str] = Field(default_factory=list, description="What the partner must supply (request_info)")
    expected_version: int | None = Field(None, description="The claim version you decided on (optimistic lock)")
    wrong_criteria: list[str] | None = Field(
        None, description="When overruling: the criteria the tool got wrong (each stored as a correction)")
    policy_exception: bool = Field(False, description="When overruling: no criterion was wrong (a policy exception)")


class CorrectionItem(BaseModel):
    criterion: str = Field(description="customer_signature, partner_name, customer_name, dates, product_links or growth_activities")
    verdict: Literal["met", "not_met"] = Field(description="The right verdict")
    note: str = ""
    document: str | None = Field(None, description="The document that shows it")
    where: str | None = Field(None, description="Where in it: 'page 3', 'POE!B7' ...")


class CorrectionsIn(BaseModel):
    corrections: list[CorrectionItem]
    expected_version: int | None = None


class ConflictDecisionIn(BaseModel):
    winner: str = Field(description="Claim ID to approve; the others lose the product (D-6)")
    note: str = ""
    expected_version: int | None = None


def _me(request: Request) -> dict[str, Any]:
    actor = require_actor(request)
    return {"username": actor.name, "role": actor.role.value, "partner_org": actor.partner_org, "csrf_token": csrf_token(request)}


@router.post("/login")
def api_login(request: Request, body: LoginIn) -> Any:
    attempt = attempt_sign_in(request, body.username, body.password)
    if attempt.locked:
        locked = {"error": "login_locked", "message": str(attempt.locked), "locked_until": attempt.locked.until.isoformat()}
        return JSONResponse(locked, status_code=attempt.status, headers=attempt.headers)
    if (actor := attempt.actor) is None:
        return JSONResponse({"error": "login_failed", "message": "unknown username or wrong password"}, status_code=401)
    sign_in(request, actor)
    request.state.actor = actor
    return _me(request)


@router.post("/logout", dependencies=CSRF)
def api_logout(request: Request) -> dict[str, str]:
    sign_out(request)
    return {"status": "signed out"}


@router.get("/me")
def api_me(request: Request) -> dict[str, Any]:
    return _me(request)


@router.get("/queue")
def api_queue(request: Request, filters: Annotated[QueueFilters, Depends()]) -> dict[str, Any]:
    """The Under review queue, 50 a page, sorted by D-14 due date unless told otherwise."""
    actor = require_actor(request)
    require_role(actor, STAFF, "open the review queue")
    claims = request.app.state.service.list_claims(actor, status=Status.UNDER_REVIEW.value)
    return build_queue(request.app.state.service, claims, filters, request.app.state.clock.now()).to_json()


@router.get("/claims")
def api_claims(request: Request, status: str | None = None) -> list[dict[str, Any]]:
    """Claims the user may see (partners: their organisation's only)."""
    actor = require_actor(request)
    claims = request.app.state.service.list_claims(actor, status=status)
    if actor.is_partner:
        hidden = ("recommendation", "score", "in_conflict", "review_due_at")
        return [{k: v for k, v in c.to_json().items() if k not in hidden} for c in claims]
    return [c.to_json() for c in claims]


@router.get("/claims/{claim_id}")
def api_claim(request: Request, claim_id: str) -> dict[str, Any]:
    actor = require_actor(request)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if actor.is_partner:
        return {**partner_view(view), "open_requests": open_requests(view)}
    data = public_json(view)
    data["evidence"] = [
        {"index": r.index, "criterion": r.criterion, "product": r.product, **r.evidence} for r in evidence_refs(view.analysis)
    ]
    return data


@router.post("/claims/{claim_id}/decision", dependencies=CSRF)
def api_decide(request: Request, claim_id: str, body: DecisionIn) -> dict[str, Any]:
    """Approve, reject or request information (D-13, D-15, D-16); 409 when the claim changed since
    ``expected_version`` or the lifecycle does not allow it."""
    actor = require_actor(request)
    view = ops.decide(
        request.app.state.service, actor, claim_id, body.decision, body.note, body.requests, body.expected_version,
        wrong_criteria=body.wrong_criteria, policy_exception=body.policy_exception,
        overrule_asked=body.wrong_criteria is not None or body.policy_exception,
    )
    return public_json(view)


@router.post("/claims/{claim_id}/corrections", dependencies=CSRF)
def api_correct(request: Request, claim_id: str, body: CorrectionsIn) -> dict[str, Any]:
    """Mark criteria of the claim's latest analysis wrong, with the right verdict (reviewers only);
    stored append-only with the analysis version they correct."""
    actor = require_actor(request)
    items = [CorrectionIn(c.criterion, c.verdict, c.note, c.document, c.where) for c in body.corrections]
    return public_json(ops.correct(request.app.state.service, actor, claim_id, items, body.expected_version))


@router.get("/conflicts/{conflict_id}")
def api_conflict(request: Request, conflict_id: int) -> dict[str, Any]:
    actor = require_actor(request)
    return ops.get_conflict(request.app.state.service, actor, conflict_id).to_json()


@router.post("/conflicts/{conflict_id}/decision", dependencies=CSRF)
def api_conflict_decide(request: Request, conflict_id: int, body: ConflictDecisionIn) -> dict[str, Any]:
    actor = require_actor(request)
    view = ops.decide_conflict(
        request.app.state.service, actor, conflict_id, body.winner, body.note, body.expected_version
    )
    return public_json(view)


class ConflictRequestIn(BaseModel):
    requests: dict[str, list[str]] = Field(description="Claim ID -> what that partner must supply")
    note: str = ""


@router.post("/conflicts/{conflict_id}/request-info", dependencies=CSRF)
def api_conflict_request_info(request: Request, conflict_id: int, body: ConflictRequestIn) -> dict[str, str]:
    """D-18: ask every partner of the conflict for more information; claim ID -> outcome."""
    actor = require_actor(request)
    return ops.request_info_from_all(
        request.app.state.service, actor, conflict_id, body.requests, body.note
    )


@router.post("/claims/{claim_id}/documents", dependencies=CSRF)
def api_upload(
    request: Request, claim_id: str, files: Annotated[list[UploadFile], File()], comment: str = Form("")
) -> dict[str, Any]:
    """A partner adds POE documents (checked within the extractors' limits) and re-submits (D-15)."""
    actor = require_actor(request)
    require_role(actor, PARTNERS, "upload proof of execution")
    result, view = uploads.add_and_resubmit(
        request.app.state.service,
        actor,
        claim_id,
        [uploads.Upload(f.filename or "", f.file) for f in files],
        comment,
        request.app.state.clock.now(),
    )
    outcome = "resubmitted" if view.status != "Draft" else "added"
    checks = [c.as_dict() for c in result.checks]
    return {"outcome": outcome, "submission": result.submission, "status": view.status, "checks": checks}


class ProductsIn(BaseModel):
    keep: list[str] = Field(description="Product keys (code, else name) to keep; the others are removed (D-9, D-12)")
    expected_version: int | None = None


@router.post("/claims/{claim_id}/products", dependencies=CSRF)
def api_products(request: Request, claim_id: str, body: ProductsIn) -> dict[str, Any]:
    actor = require_actor(request)
    require_role(actor, PARTNERS, "edit claims")
    view = ops.keep_products(request.app.state.service, actor, claim_id, body.keep, body.expected_version)
    return {**partner_view(view), "open_requests": open_requests(view)}


@router.post("/claims/{claim_id}/resubmit", dependencies=CSRF)
def api_resubmit(request: Request, claim_id: str) -> dict[str, Any]:
    actor = require_actor(request)
    require_role(actor, PARTNERS, "re-submit claims")
    ops.get_claim(request.app.state.service, actor, claim_id)
    view = request.app.state.service.submit(actor, claim_id)
    return {**partner_view(view), "open_requests": open_requests(view)}
