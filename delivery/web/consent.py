"""The customer's deny/cancel page (D-17, D-19, D-21), reached from the consent e-mail's link.

The customer is not a poe-review user: the signed link (``pipeline.notify.tokens``) is the only
credential, and it opens exactly one claim. The page shows what the e-mail showed (customer,
products, partner organisation; no contact details), asks the D-21 reason and records the denial
through ``ClaimService.consent_deny`` as the system acting for the customer.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from delivery.web.deps import CsrfFailed
from pipeline.errors import IllegalTransition, InvalidInput
from pipeline.lifecycle import CONSENT_DENIAL_REASONS
from pipeline.models import Status
from pipeline.notify.tokens import consent_secret, read_consent_token
from pipeline.roles import SYSTEM

router = APIRouter(include_in_schema=False)


def _claim_id(request: Request, token: str) -> str:
    return read_consent_token(token, consent_secret(request.app.state.data_dir))


def _page(request: Request, token: str, *, done: bool = False, error: str | None = None, status: int = 200) -> Response:
    claim_id = _claim_id(request, token)
    view = request.app.state.service.get_claim(SYSTEM, claim_id)
    context = {
        "actor": None,
        "flashes": [],
        "token": token,
        "claim_id": view.claim_id,
        "customer": view.customer_name,
        "domain": view.customer_domain,
        "tenant_id": view.tenant_id,
        "partner": view.partner,
        "products": [p for p in view.product_lines if p.removed_at is None],
        "status": view.status,
        "can_deny": view.status == Status.APPROVED.value,
        "reasons": CONSENT_DENIAL_REASONS,
        "done": done,
        "error": error,
    }
    return request.app.state.templates.TemplateResponse(request, "consent.html", context, status_code=status)


@router.get("/consent/{token}")
def consent_form(request: Request, token: str) -> Response:
    return _page(request, token)


@router.post("/consent/{token}")
def consent_deny(
    request: Request, token: str, reason: str = Form(""), comment: str = Form(""), csrf_token: str = Form("")
) -> Response:
    # The customer is anonymous: the CSRF token lives in the session the form was served with.
    expected = request.session.get("csrf")
    if not expected or not csrf_token or not hmac.compare_digest(str(expected), csrf_token):
        raise CsrfFailed()
    claim_id = _claim_id(request, token)
    try:
        request.app.state.service.consent_deny(SYSTEM, claim_id, reason, comment[:2000])
    except (InvalidInput, IllegalTransition) as exc:
        return _page(request, token, error=str(exc), status=400)
    return _page(request, token, done=True)

