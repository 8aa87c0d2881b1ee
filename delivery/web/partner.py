"""The partner's pages (D-1, D-9, D-12, D-15): their claims, adding files, and re-submitting.

Adding files and re-submitting are separate (issue 15): each upload is read at once and the
partner sees what was read, or why a file could not be read (refused files are never stored);
re-submitting asks for confirmation on a page of its own (no script needed) and only then moves
the claim by the lifecycle's rules.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from delivery.web import ops, uploads
from delivery.web.deps import PARTNERS, check_csrf, require_actor, require_role
from delivery.web.rendering import flash, redirect, render
from delivery.web.views import open_requests, partner_view, status_diagram
from pipeline.claim_views import ClaimView
from pipeline.errors import ConcurrentUpdate, IllegalTransition, InvalidInput
from pipeline.models import Status

router = APIRouter(include_in_schema=False)
CSRF = [Depends(check_csrf)]
REFUSED_KEY = "upload_refused"
REASON_CHARS = 300  # the refused list rides in the session cookie until the next page


def pending_checks(view: ClaimView) -> list[dict[str, Any]]:
    """What the upload check read from each file added since the claim last changed status:
    the files that go with the next (re-)submission."""
    out: list[dict[str, Any]] = []
    for h in view.history:
        if h.to_status:
            out = []  # a status change (a re-submission among them) starts a new round
        elif h.action == "documents_added":
            out += list((h.details or {}).get("files") or [])
    return out


def partner_context(request: Request, view: ClaimView) -> dict[str, Any]:
    open_for_files = view.status in uploads.UPLOAD_STATES
    return {
        "view": view,
        "p": partner_view(view),
        "flow": status_diagram(view.status),
        "requests": open_requests(view),
        "can_upload": open_for_files,
        "can_resubmit": open_for_files,
        "pending": pending_checks(view) if open_for_files else [],
        "refused": request.session.pop(REFUSED_KEY, []),
        "submit_word": "Submit" if view.status == Status.DRAFT.value else "Re-submit",
    }


@router.get("/partner")
def partner_home(request: Request) -> Response:
    actor = require_actor(request)
    require_role(actor, PARTNERS, "open the partner view")
    claims = request.app.state.service.list_claims(actor)
    claims.sort(key=lambda c: (c.status != Status.PARTNER_ACTION_REQUIRED.value, c.claim_id))
    return render(request, "partner_home.html", {"claims": claims})


@router.post("/claims/{claim_id}/documents", dependencies=CSRF)
def partner_upload(
    request: Request,
    claim_id: str,
    files: Annotated[list[UploadFile] | None, File()] = None,
    comment: str = Form(""),
) -> Response:
    """Add files without re-submitting: the readable ones are stored, the others named with why."""
    actor = require_actor(request)
    require_role(actor, PARTNERS, "upload proof of execution")
    service = request.app.state.service
    try:
        result = uploads.add_documents(
            service, actor, claim_id, [uploads.Upload(f.filename or "", f.file) for f in files or []],
            comment, request.app.state.clock.now(),
        )
    except (InvalidInput, IllegalTransition, ConcurrentUpdate) as exc:
        flash(request, "error", str(exc))
        return redirect(f"/claims/{claim_id}")
    if result.refused:
        request.session[REFUSED_KEY] = [
            {"name": c.name[:200], "reason": c.reason[:REASON_CHARS]} for c in result.refused[: uploads.MAX_FILES]
        ]
    if result.added:
        flash(request, "ok", f"{len(result.added)} file(s) added to claim {claim_id}. Check what was read below, "
                             "then re-submit when the claim is ready.")
    return redirect(f"/claims/{claim_id}#upload-check")


@router.post("/claims/{claim_id}/products", dependencies=CSRF)
def partner_products(
    request: Request,
    claim_id: str,
    keep: Annotated[list[str] | None, Form()] = None,
    version: int | None = Form(None),
) -> Response:
    """D-9/D-12: the partner removes products the POE does not support before re-submitting."""
    actor = require_actor(request)
    require_role(actor, PARTNERS, "edit claims")
    service = request.app.state.service
    try:
        ops.keep_products(service, actor, claim_id, keep or [], version)
    except (InvalidInput, IllegalTransition, ConcurrentUpdate) as exc:
        flash(request, "error", str(exc))
        return redirect(f"/claims/{claim_id}")
    flash(request, "ok", f"Products of claim {claim_id} saved; re-submit when the claim is ready.")
    return redirect(f"/claims/{claim_id}")


def _closed(request: Request, view: ClaimView) -> Response:
    flash(request, "error", f"Claim {view.claim_id} is {view.status}; it can be re-submitted only while it is "
                            "Draft or Partner action required (D-15).")
    return redirect(f"/claims/{view.claim_id}")


@router.get("/claims/{claim_id}/resubmit")
def resubmit_confirm(request: Request, claim_id: str) -> Response:
    """The confirmation step: what will be sent, and one button that sends it."""
    actor = require_actor(request)
    require_role(actor, PARTNERS, "re-submit claims")
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if view.status not in uploads.UPLOAD_STATES:
        return _closed(request, view)
    context = partner_context(request, view)
    context["new_files"] = {c["name"] for c in context["pending"]}
    return render(request, "partner_resubmit.html", context)


@router.post("/claims/{claim_id}/resubmit", dependencies=CSRF)
def partner_resubmit(request: Request, claim_id: str, confirm: str = Form("")) -> Response:
    """Moves the claim only when the confirmation page's button sent ``confirm=yes``."""
    actor = require_actor(request)
    require_role(actor, PARTNERS, "re-submit claims")
    service = request.app.state.service
    view = ops.get_claim(service, actor, claim_id)
    if view.status not in uploads.UPLOAD_STATES:
        return _closed(request, view)
    if confirm != "yes":
        return redirect(f"/claims/{claim_id}/resubmit")
    word = "submitted" if view.status == Status.DRAFT.value else "re-submitted"
    try:
        view = service.submit(actor, claim_id)
    except (InvalidInput, IllegalTransition, ConcurrentUpdate) as exc:
        flash(request, "error", str(exc))
        return redirect(f"/claims/{claim_id}")
    flash(request, "ok", f"Claim {claim_id} {word}; it is now {view.status}.")
    return redirect(f"/claims/{claim_id}")
