"""Sign-in state, CSRF and role checks shared by the pages and the JSON API.

The session cookie (Starlette's, signed with itsdangerous, HttpOnly, SameSite=Lax, Secure unless
configured for local HTTP) holds the username, the session's CSRF token and the token of a
server-side session (:mod:`delivery.web.sessions`), checked on every request: signing out revokes
it, so a copied cookie stops working at once. The user's role is read from the store on every
request, so a changed or removed account takes effect at once. Every state-changing request
must carry the session's CSRF token: forms in a hidden ``csrf_token`` field, the API in an
``X-CSRF-Token`` header.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import Request

from delivery.web.accounts import load_actor
from delivery.web.sessions import open_session, revoke, session_user
from pipeline.errors import AccessDenied, ClaimNotFound, PoeReviewError
from pipeline.roles import PARTNER_ROLES, Actor, Role
from pipeline.service import STAFF as STAFF  # re-exported: Microsoft users who read every claim

SESSION_USER = "u"
SESSION_CSRF = "csrf"
SESSION_ID = "sid"
REVIEWERS = frozenset({Role.REVIEWER})
PARTNERS = PARTNER_ROLES


class LoginRequired(Exception):
    """No signed-in user: pages redirect to the sign-in page, the API answers 401."""


class CsrfFailed(Exception):
    """A state-changing request without the session's CSRF token."""


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return str(token)


def sign_in(request: Request, actor: Actor) -> None:
    sign_out(request)  # a new session on sign-in: no fixation of an old cookie
    request.session[SESSION_ID] = open_session(request.app.state.engine, actor.name, request.app.state.clock.now())
    request.session[SESSION_USER] = actor.name
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)


def sign_out(request: Request) -> None:
    token = request.session.get(SESSION_ID)
    if token:
        revoke(request.app.state.engine, str(token), request.app.state.clock.now())
    request.session.clear()


def current_actor(request: Request) -> Actor | None:
    cached = getattr(request.state, "actor", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    username = request.session.get(SESSION_USER)
    token = request.session.get(SESSION_ID)
    if not username:
        return None
    engine = request.app.state.engine
    if not token or session_user(engine, str(token), request.app.state.clock.now()) != username:
        request.session.clear()  # signed out, expired or revoked: the cookie alone proves nothing
        return None
    actor = load_actor(engine, str(username))
    if actor is None:
        request.session.clear()
        return None
    request.state.actor = actor
    return actor


def require_actor(request: Request) -> Actor:
    actor = current_actor(request)
    if actor is None:
        raise LoginRequired()
    return actor


def require_role(actor: Actor, roles: frozenset[Role], what: str) -> None:
    if actor.role not in roles:
        raise AccessDenied(f"{actor.role.value} users may not {what}")


def require_raw_files(actor: Actor) -> None:
    """POE files and their rendered pages hold personal data no redaction can reach inside a
    picture: analysts get the redacted text instead (D-1; issue 13)."""
    if not actor.sees_personal_data:
        raise AccessDenied(
            f"{actor.role.value} users do not receive the POE files or page images: they hold personal "
            "data; the document's text is shown with personal data withheld"
        )


async def check_csrf(request: Request) -> None:
    """Forms send the token as a field, API clients as a header; either must match the session."""
    expected = request.session.get(SESSION_CSRF)
    if request.url.path != "/login" and not request.session.get(SESSION_USER):
        raise LoginRequired()  # nobody signed in: say so rather than blame the token
    sent: Any = request.headers.get("x-csrf-token")
    if not sent:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get("csrf_token")
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(str(expected), sent):
        raise CsrfFailed()


def visible_claim_error(actor: Actor, exc: PoeReviewError) -> PoeReviewError:
    """A partner asking for another organisation's claim is told it does not exist, so claim IDs
    of other partners cannot even be probed (D-1)."""
    if isinstance(exc, AccessDenied) and actor.is_partner:
        return ClaimNotFound(str(getattr(exc, "claim_id", "")) or "requested")
    return exc
