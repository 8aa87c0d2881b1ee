"""Rendering helpers shared by the page routers: a template with the signed-in actor and the
flash messages, a flash message for the next page, and a see-other redirect."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from delivery.web.deps import current_actor


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("actor", current_actor(request))
    context.setdefault("flashes", request.session.pop("flash", []))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def flash(request: Request, kind: str, text: str) -> None:
    request.session.setdefault("flash", [])
    request.session["flash"] = [*request.session["flash"], [kind, text]]


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
