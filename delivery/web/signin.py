"""One sign-in attempt from a web request, for the sign-in page and ``POST /api/login`` alike:
the password check behind the throttle (:mod:`delivery.web.throttle`), with the HTTP status and
headers the answer needs."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from delivery.web.accounts import authenticate_throttled
from delivery.web.throttle import LoginLocked, client_address
from pipeline.roles import Actor


@dataclass(frozen=True)
class SignInAttempt:
    actor: Actor | None
    locked: LoginLocked | None = None
    retry_after: int = 0

    @property
    def status(self) -> int:
        return 200 if self.actor else 429 if self.locked else 401

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)} if self.locked else {}


def attempt_sign_in(request: Request, username: str, password: str) -> SignInAttempt:
    now = request.app.state.clock.now()
    try:
        actor = authenticate_throttled(request.app.state.engine, username, password, client_address(request), now)
    except LoginLocked as locked:
        return SignInAttempt(None, locked, locked.retry_after(now))
    return SignInAttempt(actor)
