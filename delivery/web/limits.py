"""A cap on every request body, enforced while it streams in (issue 13, Low).

Starlette parses a multipart upload to the end before the route sees a byte, so a per-file
check in the route came after a 60 MB body had been read whole. This ASGI middleware answers
413 (the standard error body) as soon as the body is known to be too large: at once when the
``Content-Length`` says so, else when the bytes received pass the cap, and the rest is never
read. Uploads get the extractors' per-document limit plus a small allowance for the form;
every other request (JSON, sign-in and decision forms) gets ``DEFAULT_BODY_LIMIT``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_BODY_LIMIT = 1024 * 1024  # no form or JSON body of this app comes near it
FORM_ALLOWANCE = 256 * 1024  # multipart boundaries, headers, the comment field
_UPLOAD_PATH = re.compile(r"^(/api)?/claims/[^/]+/documents/?$")


class BodyTooLarge(Exception):
    """Raised into the app from ``receive`` when the body passes its cap."""


def is_upload(scope: Scope) -> bool:
    return scope.get("method") == "POST" and bool(_UPLOAD_PATH.match(str(scope.get("path", ""))))


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or []:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    """ASGI middleware; ``limit_for(scope)`` is the cap in bytes of that request's body."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[Scope], int], error: Callable[[Request, int], Response]) -> None:
        self.app = app
        self.limit_for = limit_for
        self.error = error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await self.error(Request(scope), limit)(scope, receive, send)
            return
        state: dict[str, Any] = {"received": 0, "over": False, "started": False}

        async def capped_receive() -> Message:
            if state["over"]:
                raise BodyTooLarge()
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["over"] = True
                    raise BodyTooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            # The framework turns a failed body read into its own 400; the cause was the cap.
            if state["over"]:
                return
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except BodyTooLarge:
            state["over"] = True
        if state["over"] and not state["started"]:
            await self.error(Request(scope), limit)(scope, receive, send)


def too_large_json(limit: int) -> JSONResponse:
    return JSONResponse({"error": "request_too_large", "message": too_large_message(limit)}, status_code=413)


def too_large_message(limit: int) -> str:
    size = f"{limit / (1024 * 1024):.1f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return (
        f"the request is larger than the {size} this server takes in one request; "
        "upload fewer or smaller files at a time"
    )
