"""Server-rendered pages. Every route resolves the signed-in Actor and calls the library as that
actor, so the library's role checks (D-1) hold here too; the web adds its own role gate per page
and a CSRF check on every POST."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlparse

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from delivery.web import documents as docs
from delivery.web import ops, reports, uploads
from delivery.web.deps import (
    PARTNERS,
    REVIEWERS,
    STAFF,
    check_csrf,
    current_actor,
    require_actor,
    require_raw_files,
    require_role,
    sign_in,
    sign_out,
)
from delivery.web.signin import attempt_sign_in
from delivery.web.views import (
    CONFLICT_REQUEST,
    CRITERIA_LABELS,
    QueueFilters,
    build_queue,
    evidence_refs,
    is_overdue,
    open_requests,
    partner_view,
    request_prefill,
    status_diagram,
)
from pipeline.claim_views import ClaimView
from pipeline.corrections import CorrectionIn
from pipeline.errors import ClaimNotFound, ConcurrentUpdate, IllegalTransition, InvalidInput, PoeReviewError
from pipeline.models import Status
from pipeline.reports import agreement
from pipeline.reports.frames import load_frames
from pipeline.roles import Actor, Role

router = APIRouter(include_in_schema=False)
CSRF = [Depends(check_csrf)]


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("actor", current_actor(request))
    context.setdefault("flashes", request.session.pop("flash", []))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _flash(request: Request, kind: str, text: str) -> None:
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], [kind, text]]


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _home_for(actor: Actor) -> str:
    if actor.role == Role.REVIEWER:
        return "/queue"
    if actor.role == Role.ANALYST:
        return "/analyst"
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
    request: Request,
    program: str = "",
    solution_area: str = "",
    product: str = "",
    recommendation: str = "",
    overdue: bool = False,
    conflict: bool = False,
    sort: str = "due",
    desc: bool = False,
    page: int = 1,
    status: str = Status.UNDER_REVIEW.value,
) -> Response:
    """The Under review queue; ``status`` shows the claims of another state the same way
    ('all' for every claim), so reviewers can find claims waiting on partners too."""
    actor = require_actor(request)
    require_role(actor, STAFF, "open the review queue")
    service = request.app.state.service
    now = request.app.state.clock.now()
    chosen_status = status if status in {s.value for s in Status} or status == "all" else Status.UNDER_REVIEW.value
    claims = service.list_claims(actor, status=None if chosen_status == "all" else chosen_status)
    filters = QueueFilters(program, solution_area, product, recommendation, overdue, conflict, sort, desc, page)
    result = build_queue(request.app.state.engine, claims, filters, now)
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
    context = {"q": result, "params": params, "now": now, "status": chosen_status, "statuses": [s.value for s in Status]}
    return _render(request, "queue.html", context)


# --- claim page -------------------------------------------------------------------------------


def _claim_context(request: Request, view: ClaimView) -> dict[str, Any]:
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
    }


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str) -> Response:
    actor = require_actor(request)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if actor.is_partner:
        return _render(request, "partner_claim.html", _partner_context(request, view))
    return _render(request, "claim.html", _claim_context(request, view))


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
) -> Response:
    actor = require_actor(request)
    require_role(actor, REVIEWERS, "decide claims")
    service = request.app.state.service
    lines = [line for line in requests_text.splitlines() if line.strip()]
    try:
        view = ops.decide(service, actor, claim_id, decision, note, lines, version, wrong_criteria=wrong or [],
                          policy_exception=policy_exception, overrule_asked=True)
    except (InvalidInput, ConcurrentUpdate, IllegalTransition) as exc:
        fresh = ops.get_claim(service, actor, claim_id)
        context = _claim_context(request, fresh)
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
    return _redirect(f"/claims/{view.claim_id}")


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


# --- documents and evidence -------------------------------------------------------------------


@router.get("/claims/{claim_id}/documents/{doc_no}")
def document_page(request: Request, claim_id: str, doc_no: int, ev: int | None = None, page: int | None = None) -> Response:
    actor = require_actor(request)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if not 0 <= doc_no < len(view.documents):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    doc = view.documents[doc_no]
    ref = None
    if ev is not None and not actor.is_partner:
        refs = evidence_refs(view.analysis)
        if 0 <= ev < len(refs):
            found = docs.find_document(view, refs[ev].document)
            ref = refs[ev] if found is not None and found.path == doc.path else None
    loc = ref.location() if ref else {}
    evidence_text = str(ref.evidence.get("text") or "") if ref else ""
    context: dict[str, Any] = {"view": view, "doc": doc, "doc_no": doc_no, "ref": ref, "error": None}
    if (docs.is_pdf(doc) or docs.is_image(doc)) and actor.sees_personal_data:
        wanted_page = page or int(loc.get("page") or 1)
        info = docs.pdf_info if docs.is_pdf(doc) else docs.image_info
        try:
            count, width, height = info(doc.stored_path, wanted_page)
        except docs.PdfError as exc:
            context["error"] = str(exc)
            return _render(request, "document.html", context)
        boxes: list[Any] = []
        if ref is not None and int(loc.get("page") or 1) == wanted_page:
            bbox = loc.get("bbox")
            if isinstance(bbox, list | tuple) and len(bbox) == 4:
                boxes = [tuple(float(v) for v in bbox)]
            elif docs.is_pdf(doc):
                boxes = docs.find_text_boxes(doc.stored_path, wanted_page, evidence_text)
        context.update(
            kind="pdf",
            page=wanted_page,
            pages=count,
            highlights=[docs.highlight_style(b, width, height) for b in boxes],
        )
        return _render(request, "document.html", context)
    extraction = docs.load_extraction(request.app.state.engine, doc)
    redactor = request.app.state.service.redactor(actor, claim_id)
    if extraction is not None and redactor is not None:
        extraction = redactor.value(extraction)  # evidence_text came redacted the same way
    if extraction is None:
        context["error"] = "No extracted text is available for this document yet."
        return _render(request, "document.html", context)
    part = ref.document if ref else ""
    context.update(kind="text", text=docs.text_view(extraction, loc, evidence_text, part))
    return _render(request, "document.html", context)


@router.get("/claims/{claim_id}/documents/{doc_no}/pages/{page}.png")
def document_page_png(request: Request, claim_id: str, doc_no: int, page: int) -> Response:
    actor = require_actor(request)
    require_raw_files(actor)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if not 0 <= doc_no < len(view.documents):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    doc = view.documents[doc_no]
    if not (docs.is_pdf(doc) or docs.is_image(doc)):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    kind = "pdf" if docs.is_pdf(doc) else "image"
    cache = Path(request.app.state.data_dir) / "render-cache" if request.app.state.data_dir else None
    try:
        png = docs.render_page(doc.stored_path, page, kind, doc.content_hash, cache)
    except docs.PdfError as exc:
        # A page that cannot be shown (over a limit, damaged, timed out) is a picture saying so.
        return Response(docs.placeholder_png(str(exc)), media_type="image/png", status_code=400,
                        headers={"Cache-Control": "no-store", "X-Render-Error": _header_safe(str(exc))})
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _header_safe(text: str) -> str:
    return "".join(c if 32 <= ord(c) < 127 else "?" for c in text)[:300]


@router.get("/claims/{claim_id}/documents/{doc_no}/file")
def document_file(request: Request, claim_id: str, doc_no: int) -> Response:
    from fastapi.responses import FileResponse

    actor = require_actor(request)
    require_raw_files(actor)
    view = ops.get_claim(request.app.state.service, actor, claim_id)
    if not 0 <= doc_no < len(view.documents):
        raise ClaimNotFound(f"{claim_id} document {doc_no}")
    doc = view.documents[doc_no]
    name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    # Always a download, never rendered inline: a POE file is untrusted content.
    return FileResponse(doc.stored_path, media_type="application/octet-stream", filename=name)


# --- conflicts --------------------------------------------------------------------------------


@router.get("/conflicts/{conflict_id}")
def conflict_page(request: Request, conflict_id: int) -> Response:
    actor = require_actor(request)
    conflict = ops.get_conflict(request.app.state.service, request.app.state.engine, actor, conflict_id)
    return _render(request, "conflict.html", _conflict_context(conflict))


def _conflict_context(conflict: ops.ConflictPage) -> dict[str, Any]:
    side = conflict.result.get("side_by_side") or {}
    rows = []
    for criterion in list(CRITERIA_LABELS) + [c for c in side if c not in CRITERIA_LABELS]:
        verdicts = {
            c.claim_id: (((c.analysis or {}).get("criteria") or {}).get(criterion) or {}).get("verdict")
            or (side.get(criterion) or {}).get(c.claim_id)
            for c in conflict.claims
        }
        if any(verdicts.values()):
            rows.append((criterion, verdicts))
    prefill = {c.claim_id: "\n".join(request_prefill(c.analysis) or [CONFLICT_REQUEST]) for c in conflict.claims}
    return {"c": conflict, "rows": rows, "form": {}, "form_error": None, "prefill": prefill}


@router.post("/conflicts/{conflict_id}/decision", dependencies=CSRF)
def conflict_decision(
    request: Request, conflict_id: int, winner: str = Form(...), note: str = Form(""), version: int | None = Form(None)
) -> Response:
    actor = require_actor(request)
    require_role(actor, REVIEWERS, "decide conflicts")
    service, engine = request.app.state.service, request.app.state.engine
    try:
        view = ops.decide_conflict(service, engine, actor, conflict_id, winner, note, version)
    except (InvalidInput, ConcurrentUpdate, IllegalTransition) as exc:
        context = _conflict_context(ops.get_conflict(service, engine, actor, conflict_id))
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
    service, engine = request.app.state.service, request.app.state.engine
    outcomes = await run_in_threadpool(ops.request_info_from_all, service, engine, actor, conflict_id, requests, note)
    for claim_id, outcome in outcomes.items():
        _flash(request, "ok" if outcome == "Partner action required" else "error", f"Claim {claim_id}: {outcome}")
    return _redirect(f"/conflicts/{conflict_id}")


# --- partners ---------------------------------------------------------------------------------


def _partner_context(request: Request, view: ClaimView) -> dict[str, Any]:
    return {
        "view": view,
        "p": partner_view(view),
        "flow": status_diagram(view.status),
        "requests": open_requests(view),
        "can_upload": view.status in uploads.UPLOAD_STATES,
        "can_resubmit": view.status in uploads.UPLOAD_STATES,
    }


@router.get("/partner")
def partner_home(request: Request) -> Response:
    actor = require_actor(request)
    require_role(actor, PARTNERS, "open the partner view")
    claims = request.app.state.service.list_claims(actor)
    claims.sort(key=lambda c: (c.status != Status.PARTNER_ACTION_REQUIRED.value, c.claim_id))
    return _render(request, "partner_home.html", {"claims": claims})


@router.post("/claims/{claim_id}/documents", dependencies=CSRF)
def partner_upload(
    request: Request,
    claim_id: str,
    files: Annotated[list[UploadFile] | None, File()] = None,
    comment: str = Form(""),
) -> Response:
    actor = require_actor(request)
    require_role(actor, PARTNERS, "upload proof of execution")
    service = request.app.state.service
    try:
        item = uploads.add_documents(
            service,
            actor,
            claim_id,
            [uploads.Upload(f.filename or "", f.file) for f in files or []],
            comment,
            request.app.state.clock.now(),
        )
    except (InvalidInput, IllegalTransition) as exc:
        _flash(request, "error", str(exc))
        return _redirect(f"/claims/{claim_id}")
    view = ops.get_claim(service, actor, claim_id)
    _flash(request, "ok", f"{len(files or [])} document(s) added; claim {claim_id} re-submitted (submission {item.submission_seq}), now {view.status}.")
    return _redirect(f"/claims/{claim_id}")


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
        _flash(request, "error", str(exc))
        return _redirect(f"/claims/{claim_id}")
    _flash(request, "ok", f"Products of claim {claim_id} saved; re-submit when the claim is ready.")
    return _redirect(f"/claims/{claim_id}")


@router.post("/claims/{claim_id}/resubmit", dependencies=CSRF)
def partner_resubmit(request: Request, claim_id: str) -> Response:
    actor = require_actor(request)
    require_role(actor, PARTNERS, "re-submit claims")
    service = request.app.state.service
    ops.get_claim(service, actor, claim_id)
    try:
        view = service.submit(actor, claim_id)
    except (InvalidInput, IllegalTransition) as exc:
        _flash(request, "error", str(exc))
        return _redirect(f"/claims/{claim_id}")
    _flash(request, "ok", f"Claim {claim_id} re-submitted; it is now {view.status}.")
    return _redirect(f"/claims/{claim_id}")


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
        "weeks": figures.weeks.tail(max(1, weeks)).to_dict(orient="records"), "drift": figures.drift})


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
