"""``/api/docs`` and ``/api/openapi.json``, for signed-in users only, with Swagger UI served from
this server (the ``swagger-ui-bundle`` package ships its files), so the docs work offline and
under the app's strict Content-Security-Policy (no inline script, nothing from another host)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from delivery.web.deps import require_actor
from pipeline.errors import ClaimNotFound

router = APIRouter(include_in_schema=False)
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>poe-review API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" href="/api/docs/assets/favicon-32x32.png"></head>
<body><div id="swagger-ui" data-openapi="/api/openapi.json"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script></body></html>
"""


def swagger_dir() -> Path:
    import swagger_ui_bundle  # lazy: only the /docs routes need the bundle's path

    return Path(swagger_ui_bundle.swagger_ui_path)


@router.get("/api/openapi.json")
def openapi(request: Request) -> Response:
    require_actor(request)
    return JSONResponse(request.app.openapi())


@router.get("/api/docs")
def docs(request: Request) -> Response:
    require_actor(request)
    return HTMLResponse(_PAGE)


@router.get("/api/docs/assets/{name}")
def asset(request: Request, name: str) -> Response:
    require_actor(request)
    if name not in ASSETS:
        raise ClaimNotFound(f"asset {name}")
    return FileResponse(swagger_dir() / name, media_type=ASSETS[name], headers={"Cache-Control": "private, max-age=86400"})
