"""Server-side web sessions (``web_sessions``): the signed cookie carries a random token, and the
store says whether that token is still a live session. Signing out revokes it at once (a copied
cookie stops working), sessions end ``SESSION_TTL`` after sign-in whatever the cookie says, and
replacing an account (new password or role) revokes all of its sessions.

Only the SHA-256 of a token is stored, so reading the table (or a backup of it) gives nobody a
session. The table is read and written through :class:`pipeline.service.AccountsStore`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from pipeline.service.accounts import SESSION_TTL, AccountsStore

__all__ = ["SESSION_TTL", "open_session", "revoke", "revoke_user", "session_user"]


def open_session(engine: Engine, username: str, now: datetime) -> str:
    """A new session of ``username``; returns the token to keep in the cookie."""
    return AccountsStore(engine).open_session(username, now)


def session_user(engine: Engine, token: str, now: datetime) -> str | None:
    """The username of a live session (not revoked, not expired), else None."""
    return AccountsStore(engine).session_user(token, now)


def revoke(engine: Engine, token: str, now: datetime) -> None:
    AccountsStore(engine).revoke(token, now)


def revoke_user(engine: Engine, username: str, now: datetime) -> int:
    """Revoke every live session of ``username``; returns how many."""
    return AccountsStore(engine).revoke_user(username, now)
