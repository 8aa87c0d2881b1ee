"""The FastAPI application: server-rendered pages for reviewers, partners and analysts, and the
same operations as JSON under ``/api`` (OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``).

``create_app(engine, clock=...)`` is the only entry point; it reads and writes through
:class:`pipeline.service.ClaimService` and the store, nothing else.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from delivery.web import (
    admin,
    api,
    apidocs,
    audit,
    consent,
    document_pages,
    filters,
    pages,
    uploads,
    workspace,
)
from delivery.web.deps import CsrfFailed, LoginRequired, csrf_token, current_actor
from delivery.web.limits import DEFAULT_BODY_LIMIT, BodyLimit, is_upload, too_large_message
from delivery.web.params import EmptyParamsAsDefault
from pipeline.clock import Clock, SystemClock
from pipeline.errors import (
    AccessDenied,
    ClaimNotFound,
    ConcurrentUpdate,
    IllegalTransition,
    InvalidInput,
    PoeReviewError,
)
from pipeline.service import ClaimService

HERE = Path(__file__).resolve().parent
log = logging.getLogger("poe_review.web")
SESSION_MAX_AGE = 8 * 3600
# The session cookie is Secure (sent over HTTPS only) unless this is "1": plain HTTP on a
# workstation (``poe-review serve --insecure-cookies``) and the test suite.
INSECURE_COOKIES_ENV = "POE_WEB_INSECURE_COOKIES"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)

ERROR_STATUS: list[tuple[type[PoeReviewError], int]] = [
    (ClaimNotFound, 404),
    (AccessDenied, 403),
    (ConcurrentUpdate, 409),
    (IllegalTransition, 409),
    (InvalidInput, 400),
    (PoeReviewError, 400),
]


def _secret_key(data_dir: Path) -> str:
    """POE_WEB_SECRET, else a random key kept in the data directory (mode 0600) so sessions
    survive a restart."""
    if os.environ.get("POE_WEB_SECRET"):
        return os.environ["POE_WEB_SECRET"]
    path = data_dir / "web-secret.key"
    try:
        if path.is_file():
            return path.read_text().strip()
        data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        return key
    except OSError:
        return secrets.token_urlsafe(48)  # read-only data dir: sessions last until a restart


def create_app(
    engine: Engine,
    clock: Clock | None = None,
    *,
    secret_key: str | None = None,
    secure_cookies: bool | None = None,
    data_dir: Path | None = None,
) -> FastAPI:
    """``secure_cookies``: None reads ``POE_WEB_INSECURE_COOKIES`` (Secure unless it is "1")."""
    if secure_cookies is None:
        secure_cookies = os.environ.get(INSECURE_COOKIES_ENV, "").strip().lower() not in ("1", "true", "yes")
    clock = clock or SystemClock()
    service = ClaimService(engine, clock, data_dir=data_dir)
    app = FastAPI(
        title="poe-review",
        description="Review CPOR claims: queue, claims with evidence, conflicts, decisions, partner responses.",
        version="0.1.0",
        openapi_url=None,  # served by delivery.web.apidocs, to signed-in users only
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.clock = clock
    app.state.service = service
    app.state.data_dir = service.data_dir
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    filters.install(templates.env)
    templates.env.globals["csrf_token"] = csrf_token
    templates.env.globals["current_actor"] = current_actor
    app.state.templates = templates

    # Innermost of the middlewares, so a 413 page still has the session (and is access-logged).
    app.add_middleware(
        BodyLimit,
        limit_for=lambda scope: uploads.upload_body_limit() if is_upload(scope) else DEFAULT_BODY_LIMIT,
        error=lambda request, limit: _error(request, 413, "request_too_large", too_large_message(limit)),
    )
    app.add_middleware(EmptyParamsAsDefault)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key or _secret_key(service.data_dir),
        session_cookie="poe_session",
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=secure_cookies,
    )

    @app.middleware("http")
    async def access_log(request: Request, call_next: Any) -> Response:
        # Route templates only ('/claims/{claim_id}'): no IDs, names, addresses or query strings.
        start = time.perf_counter()
        response: Response = await call_next(request)
        route = request.scope.get("route")
        path = getattr(route, "path", "(unmatched)")
        log.info("%s %s %s %.0fms", request.method, path, response.status_code, (time.perf_counter() - start) * 1000)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/reports/"):
            # Our pages load only their own script and styles; highlight boxes use style attributes.
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") and request.url.path != "/api/docs"

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"error": "login_required", "message": "sign in first"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed) -> Response:
        message = "the form expired or did not come from this site; reload the page and try again"
        return _error(request, 403, "csrf", message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # A readable sentence naming the parameter, not pydantic's raw JSON (422 bool_parsing).
        return _error(request, 400, "invalid_input", invalid_input_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # 404 for unknown paths, 405 for a wrong method...: the same page (navigation and Sign out
        # kept) or JSON body as every other error.
        message = exc.detail if isinstance(exc.detail, str) else "the request could not be served"
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        response = _error(request, exc.status_code, code, message)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(PoeReviewError)
    async def _library(request: Request, exc: PoeReviewError) -> Response:
        status = next(code for cls, code in ERROR_STATUS if isinstance(exc, cls))
        return _error(request, status, type(exc).__name__, str(exc))

    def _error(request: Request, status: int, code: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": code, "message": message}, status_code=status)
        context = {"status": status, "code": code, "message": message, "actor": _actor_or_none(request)}
        return templates.TemplateResponse(request, "error.html", context, status_code=status)

    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.include_router(document_pages.router)
    app.include_router(workspace.router)
    app.include_router(audit.router)
    app.include_router(admin.router)
    app.include_router(consent.router)
    app.include_router(api.router)
    app.include_router(admin.api_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    _ = HTMLResponse  # pages render through templates
    return app


def _actor_or_none(request: Request) -> Any:
    """The signed-in user for an error page's navigation; none when even that cannot be read."""
    try:
        return current_actor(request)
    except Exception:  # an error page must render whatever broke the request
        return None


def invalid_input_message(exc: RequestValidationError) -> str:
    """'desc: Input should be a valid boolean; page: ...', one clause per bad parameter."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path", "form"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid value')}")
    return "; ".join(parts) or "the request is not valid"


def _quote(path: str) -> str:
    return quote(path, safe="/")
