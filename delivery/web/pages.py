"""Server-rendered pages. Every route resolves the signed-in Actor and calls the library as that
actor, so the library's role checks (D-1) hold here too; the web adds its own role gate per page
and a CSRF check on every POST."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode, urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from delivery.web import audit, ops, reports, workspace
from delivery.web import conflict_view as cv
from delivery.web import documents as docs
from delivery.web.deps import (
    REVIEWERS,
    STAFF,
    check_csrf,
    current_actor,
    require_actor,
    require_role,
    sign_in,
    sign_out,
)
from delivery.web.partner import partner_context as _partner_context
from delivery.web.partner import router as partner_router
from delivery.web.rendering import flash, redirect, render
from delivery.web.signin import attempt_sign_in
from delivery.web.views import (
    CONFLICT_REQUEST,
    CRITERIA_LABELS,
    QueueFilters,
    build_queue,
    evidence_refs,
    is_overdue,
    open_requests,
    request_prefill,
    status_diagram,
)
from pipeline.claim_views import ClaimView
from pipeline.corrections import CorrectionIn
from pipeline.errors import ConcurrentUpdate, IllegalTransition, InvalidInput, PoeReviewError
from pipeline.models import Status
from pipeline.reports import agreement
from pipeline.reports.frames import load_frames
from pipeline.roles import Actor, Role

router = APIRouter(include_in_schema=False)
router.include_router(partner_router)  # the partner's pages (delivery.web.partner)
CSRF = [Depends(check_csrf)]


_render = render
_flash = flash
_redirect = redirect


def _home_for(actor: Actor) -> str:
    if actor.role == Role.REVIEWER:
        return "/queue"
    if actor.role == Role.ANALYST:
        return "/analyst"
    if actor.role == Role.ADMIN:
        return "/admin/corrections"
    return "/partner"


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths after sign-in (no open redirect to another host)."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


# --- sign-in ----------------------------------------------------------------------------------


@router.get("/")
def home(request: Request) -> Response:
    actor = current_actor(request)
    return _redirect(_home_for(actor) if actor else "/login")


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return _render(request, "login.html", {"next": _safe_next(next) or "", "error": None})


@router.post("/login", dependencies=CSRF)
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form(""),
) -> Response:
    attempt = attempt_sign_in(request, username, password)
    if (actor := attempt.actor) is None:
        error = f"{str(attempt.locked).capitalize()}." if attempt.locked else "Unknown username or wrong password."
        response = _render(request, "login.html", {"next": _safe_next(next) or "", "error": error, "username": username}, status=attempt.status)
        response.headers.update(attempt.headers)
        return response
    sign_in(request, actor)
    return _redirect(_safe_next(next) or _home_for(actor))


@router.post("/logout", dependencies=CSRF)
def logout(request: Request) -> Response:
    sign_out(request)
    return _redirect("/login")


# --- reviewer queue ---------------------------------------------------------------------------


@router.get("/queue")
def queue(
    request: Request, filters: Annotated[QueueFilters, Depends()], status: str = Status.UNDER_REVIEW.value
) -> Response:
    """The Under review queue; ``status`` shows the claims of another state the same way
    ('all' for every claim), so reviewers can find claims waiting on partners too."""
    actor = require_actor(request)
    require_role(actor, STAFF, "open the review queue")
    service = request.app.state.service
    now = request.app.state.clock.now()
    chosen_status = status if status in {s.value for s in Status} or status == "all" else Status.UNDER_REVIEW.value
    claims = service.list_claims(actor, status=None if chosen_status == "all" else chosen_status)
    result = build_queue(request.app.state.service, claims, filters, now)
    params = {
        "program": result.filters.program,
        "solution_area": result.filters.solution_area,
        "product": result.filters.product,
        "recommendation": result.filters.recommendation,
        "overdue": "1" if result.filters.overdue else "",
        "conflict": "1" if result.filters.conflict else "",
        "sort": result.filters.sort,
        "desc": "1" if result.filters.desc else "",
        "status": "" if chosen_status == Status.UNDER_REVIEW.value else chosen_status,
    }
    context = {"q": result, "params": params, "now": now, "status": chosen_status, "statuses": [s.value for s in Status],
               "queue_q": workspace.clean_queue_query(urlencode(params))}
    return _render(request, "queue.html", context)


# --- claim page -------------------------------------------------------------------------------


def _claim_context(request: Request, view: ClaimView, q: str = "") -> dict[str, Any]:
    now = request.app.state.clock.now()
    refs = evidence_refs(view.analysis)
    doc_numbers = {d.path: i for i, d in enumerate(view.documents)}
    by_criterion: dict[str, list[Any]] = {}
    for ref in refs:
        doc = docs.find_document(view, ref.document)
        by_criterion.setdefault(ref.criterion, []).append((ref, doc_numbers.get(doc.path) if doc else None))
    analysis = view.analysis or {}
    criteria = analysis.get("criteria") or {}
    ordered = [c for c in CRITERIA_LABELS if c in criteria] + [c for c in criteria if c not in CRITERIA_LABELS]
    return {
        "view": view,
        "flow": status_diagram(view.status),
        "analysis": analysis,
        "criteria": [(c, criteria[c], by_criterion.get(c, [])) for c in ordered],
        "prefill": "\n".join(request_prefill(view.analysis)),
        "overdue": is_overdue(view, now),
        "requests": open_requests(view),
        "form": {},
        "form_error": None,
        "can_correct": getattr(current_actor(request), "role", None) == Role.REVIEWER and bool(criteria),
        "corrected": {c.criterion: c for c in view.corrections if not c.superseded and c.verdict},
        "queue_q": q,
        "viewer_docs": workspace.viewer_documents(view),
        "timeline": audit.newest_first(audit.timeline(request, view)),
    }


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str, q: str = "") -> Response:
    """``q``: the query of the queue the reviewer came from (kept for "next claim")."""
    actor = require_actor(request)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if actor.is_partner:
        return _render(request, "partner_claim.html", _partner_context(request, view))
    return _render(request, "claim.html", _claim_context(request, view, workspace.clean_queue_query(q)))


@router.post("/claims/{claim_id}/decision", dependencies=CSRF)
def decision(
    request: Request,
    claim_id: str,
    decision: str = Form(...),
    note: str = Form(""),
    requests_text: str = Form("", alias="requests"),
    version: int | None = Form(None),
    wrong: list[str] | None = Form(None),  # noqa: B008 - FastAPI reads form fields from defaults
    policy_exception: bool = Form(False),
    q: str = Form(""),
) -> Response:
    actor = require_actor(request)
    require_role(actor, REVIEWERS, "decide claims")
    q = workspace.clean_queue_query(q)
    service = request.app.state.service
    lines = [line for line in requests_text.splitlines() if line.strip()]
    try:
        view = ops.decide(service, actor, claim_id, decision, note, lines, version, wrong_criteria=wrong or [],
                          policy_exception=policy_exception, overrule_asked=True)
    except (InvalidInput, ConcurrentUpdate, IllegalTransition) as exc:
        fresh = ops.get_claim(service, actor, claim_id)
        context = _claim_context(request, fresh, q)
        context["form"] = {"decision": decision, "note": note, "requests": requests_text, "wrong": wrong or [],
                           "policy_exception": policy_exception}
        if isinstance(exc, ConcurrentUpdate) or (version is not None and fresh.version != version):
            latest = fresh.history[-1] if fresh.history else None
            who = f" by {latest.actor} ({latest.action}{', now ' + fresh.status if fresh.status else ''})" if latest else ""
            context["form_error"] = (
                f"Claim {claim_id} was changed{who} while you were looking at it. Your decision was NOT "
                "recorded. The page below shows the claim as it is now; decide again if it still applies."
            )
            context["conflict_message"] = True
            return _render(request, "claim.html", context, status=409)
        context["form_error"] = str(exc)
        return _render(request, "claim.html", context, status=409 if isinstance(exc, IllegalTransition) else 400)
    labels = {"approve": "approved", "reject": "rejected", "request_info": "set to Partner action required"}
    _flash(request, "ok", f"Claim {view.claim_id} {labels.get(decision, decision)}; it is now {view.status}.")
    return _redirect(workspace.claim_url(view.claim_id, q))


@router.post("/claims/{claim_id}/corrections", dependencies=CSRF)
def correction(
    request: Request,
    claim_id: str,
    criterion: str = Form(...),
    verdict: str = Form(...),
    note: str = Form(""),
    document: str = Form(""),
    where: str = Form(""),
    version: int | None = Form(None),
) -> Response:
    """One click per criterion: the reviewer says the tool's verdict is wrong and gives the right one."""
    actor = require_actor(request)
    require_role(actor, REVIEWERS, "correct the tool's verdicts")
    item = CorrectionIn(criterion, verdict, note, document or None, where or None)
    view = ops.correct(request.app.state.service, actor, claim_id, [item], version)
    _flash(request, "ok", f"Recorded: {criterion.replace('_', ' ')} is {verdict.replace('_', ' ')} (your correction).")
    return _redirect(f"/claims/{view.claim_id}#criterion-{criterion}")


# --- conflicts --------------------------------------------------------------------------------


@router.get("/conflicts/{conflict_id}")
def conflict_page(
    request: Request, conflict_id: int, left: str | None = None, right: str | None = None
) -> Response:
    """``left``/``right``: the two viewers, each ``claim:doc[:page[:evidence]]`` (issue 15)."""
    actor = require_actor(request)
    conflict = ops.get_conflict(request.app.state.service, actor, conflict_id)
    context = _conflict_context(conflict)
    first, second = cv.default_panes(conflict)
    left, right = left or first, right or second
    context.update(left=left, right=right, panes=[("left", cv.pane(request, actor, conflict, left)),
                                                  ("right", cv.pane(request, actor, conflict, right))])
    return _render(request, "conflict.html", context)


def _conflict_context(conflict: ops.ConflictPage) -> dict[str, Any]:
    factors = cv.ranking_factors(conflict)
    prefill = {c.claim_id: "\n".join(request_prefill(c.analysis) or [CONFLICT_REQUEST]) for c in conflict.claims}
    return {"c": conflict, "rows": cv.criterion_rows(conflict), "factors": factors,
            "margin_text": cv.margin_explained(conflict, factors), "panes": [], "left": None, "right": None,
            "form": {}, "form_error": None, "prefill": prefill}


@router.post("/conflicts/{conflict_id}/decision", dependencies=CSRF)
def conflict_decision(
    request: Request, conflict_id: int, winner: str = Form(...), note: str = Form(""), version: int | None = Form(None)
) -> Response:
    actor = require_actor(request)
    require_role(actor, REVIEWERS, "decide conflicts")
    service = request.app.state.service
    try:
        view = ops.decide_conflict(service, actor, conflict_id, winner, note, version)
    except (InvalidInput, ConcurrentUpdate, IllegalTransition) as exc:
        context = _conflict_context(ops.get_conflict(service, actor, conflict_id))
        context["form"] = {"winner": winner, "note": note}
        context["form_error"] = (
            f"Claim {winner} was changed by someone else while you were looking at it; nothing was recorded. "
            "Check the claims below and decide again."
            if isinstance(exc, ConcurrentUpdate)
            else str(exc)
        )
        return _render(request, "conflict.html", context, status=400 if isinstance(exc, InvalidInput) else 409)
    _flash(request, "ok", f"Claim {view.claim_id} approved; the other claims of conflict {conflict_id} lost the product (D-6).")
    return _redirect(f"/conflicts/{conflict_id}")


@router.post("/conflicts/{conflict_id}/request-info", dependencies=CSRF)
async def conflict_request_info(request: Request, conflict_id: int) -> Response:
    """D-18: more information from every partner of the conflict, each with its own requests."""
    actor = require_actor(request)
    require_role(actor, REVIEWERS, "decide conflicts")
    form = await request.form()
    requests = {
        str(key)[len("requests_") :]: str(value).splitlines()
        for key, value in form.items()
        if str(key).startswith("requests_")
    }
    note = str(form.get("note") or "")
    service = request.app.state.service
    outcomes = await run_in_threadpool(ops.request_info_from_all, service, actor, conflict_id, requests, note)
    for claim_id, outcome in outcomes.items():
        _flash(request, "ok" if outcome == "Partner action required" else "error", f"Claim {claim_id}: {outcome}")
    return _redirect(f"/conflicts/{conflict_id}")


# --- analysts ---------------------------------------------------------------------------------


@router.get("/analyst")
def analyst_home(request: Request) -> Response:
    actor = require_actor(request)
    require_role(actor, STAFF, "open the analyst page")
    service = request.app.state.service
    counts: dict[str, int] = {}
    for claim in service.list_claims(actor):
        counts[claim.status] = counts.get(claim.status, 0) + 1
    return _render(
        request,
        "analyst.html",
        {"counts": [(s.value, counts.get(s.value, 0)) for s in Status], "reports": reports.available(request.app.state.data_dir)},
    )


@router.get("/analyst/agreement")
def agreement_page(request: Request, weeks: int = 12) -> Response:
    """The tool against the reviewers' corrections (analysts and reviewers): per criterion, by
    scoring version, week by week, with the drift flag."""
    actor = require_actor(request)
    require_role(actor, STAFF, "read the agreement report")
    figures = agreement.figures(load_frames(request.app.state.engine), None, request.app.state.clock.now())
    rows = figures.table.reset_index().to_dict(orient="records")
    return _render(request, "agreement.html", {
        "rows": rows, "versions": figures.versions.to_dict(orient="records"),
        "weeks": figures.weeks.tail(max(1, weeks)).to_dict(orient="records"), "alerts": figures.alerts})


@router.get("/reports")
def reports_index(request: Request) -> Response:
    actor = require_actor(request)
    require_role(actor, STAFF, "read reports")
    return _render(request, "reports.html", {"reports": reports.available(request.app.state.data_dir)})


@router.get("/reports/{name:path}")
def report_file(request: Request, name: str) -> Response:
    actor = require_actor(request)
    require_role(actor, STAFF, "read reports")
    return reports.serve(request.app.state.data_dir, name)


_ = PoeReviewError
