"""Server-side web sessions (``web_sessions``): the signed cookie carries a random token, and the
store says whether that token is still a live session. Signing out revokes it at once (a copied
cookie stops working), sessions end ``SESSION_TTL`` after sign-in whatever the cookie says, and
replacing an account (new password or role) revokes all of its sessions.

Only the SHA-256 of a token is stored, so reading the table (or a backup of it) gives nobody a
session.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, delete, update

from pipeline.store.db import session_scope
from pipeline.store.schema import WebSessionRow

SESSION_TTL = timedelta(hours=8)
_KEEP = timedelta(days=7)  # expired or revoked rows are deleted after this


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(engine: Engine, username: str, now: datetime) -> str:
    """A new session of ``username``; returns the token to keep in the cookie."""
    token = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now - _KEEP))
        session.add(WebSessionRow(id=_digest(token), username=username, created_at=now, expires_at=now + SESSION_TTL))
    return token


def session_user(engine: Engine, token: str, now: datetime) -> str | None:
    """The username of a live session (not revoked, not expired), else None."""
    with session_scope(engine) as session:
        row = session.get(WebSessionRow, _digest(token))
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            return None
        return row.username


def revoke(engine: Engine, token: str, now: datetime) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.id == _digest(token), WebSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )


def revoke_user(engine: Engine, username: str, now: datetime) -> int:
    """Revoke every live session of ``username``; returns how many."""
    with session_scope(engine) as session:
        result = session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.username == username, WebSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return cast("CursorResult[Any]", result).rowcount
