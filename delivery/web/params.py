"""Query strings as users send them: an empty parameter (``?desc=&product=``, what a GET form sends
for a field left blank) means the parameter's default, on every page and every ``/api`` route.

Done once, in front of routing, so no route can forget it: FastAPI would otherwise parse
``desc=`` as a bool and answer 422 (the queue's Filter button sent exactly that).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send


def without_empty_params(query_string: bytes) -> bytes:
    """The query string less its parameters whose value is empty or only spaces."""
    if not query_string:
        return query_string
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if v.strip()]
    if len(kept) == len(pairs):
        return query_string
    return urlencode(kept).encode("latin-1")


class EmptyParamsAsDefault:
    """ASGI middleware applying :func:`without_empty_params` to every HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            scope = dict(scope)
            scope["query_string"] = without_empty_params(scope["query_string"])
        await self.app(scope, receive, send)
