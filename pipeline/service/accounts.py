"""AccountsStore: the sign-in tables of the store, behind one door like the claims.

- ``users``: local accounts (the password hash is made and checked by the caller, the web app;
  the store keeps it).
- ``web_sessions``: server-side sign-in sessions. Only the SHA-256 of a token is stored, so
  reading the table (or a backup of it) gives nobody a session.
- ``login_throttle``: failed sign-ins per account and per client address, counted with atomic
  ``UPDATE ... SET failures = failures + 1`` so two web workers never lose a failure.

They are not :class:`ClaimService`'s: nobody is an :class:`~pipeline.roles.Actor` yet when these are
read (signing in makes one), and no claim rule (D-1..D-25) applies to them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, case, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pipeline.errors import InvalidInput, PoeReviewError
from pipeline.store.db import session_scope
from pipeline.store.schema import LoginThrottleRow, UserRow, WebSessionRow

SESSION_TTL = timedelta(hours=8)
_KEEP = timedelta(days=7)  # expired or revoked session rows are deleted after this

ACCOUNT, ADDRESS = "account", "address"


@dataclass(frozen=True)
class ThrottlePolicy:
    """The sign-in throttle's numbers (the web app's policy, :mod:`delivery.web.throttle`):
    ``account_limit`` failures for one username within ``window`` lock it for ``lockout``,
    ``address_limit`` failures from one address lock the address; rows idle ``keep`` are deleted."""

    account_limit: int
    address_limit: int
    window: timedelta
    lockout: timedelta
    keep: timedelta

    def limit(self, scope: str) -> int:
        return self.account_limit if scope == ACCOUNT else self.address_limit


class LoginLocked(PoeReviewError):
    """Too many failed sign-ins for this account or from this address; says when it lifts."""

    def __init__(self, scope: str, until: datetime) -> None:
        self.scope = scope
        self.until = until
        whom = "for this account" if scope == ACCOUNT else "from this address"
        super().__init__(
            f"too many failed sign-ins {whom}: signing in is locked until {until:%Y-%m-%d %H:%M} UTC "
            "(an administrator can lift it with 'poe-review users unlock')"
        )

    def retry_after(self, now: datetime) -> int:
        return max(1, int((self.until - now).total_seconds()) + 1)


@dataclass(frozen=True)
class UserRecord:
    username: str
    role: str
    partner_org: str | None
    password_hash: str | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _keys(username: str, address: str) -> list[tuple[str, str]]:
    return [(ACCOUNT, username.strip()[:300]), (ADDRESS, (address or "unknown")[:300])]


class AccountsStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- users ---------------------------------------------------------------------------------

    def user(self, username: str) -> UserRecord | None:
        with session_scope(self.engine) as session:
            row = session.get(UserRow, username)
            if row is None:
                return None
            return UserRecord(row.username, row.role, row.partner_org, row.password_hash)

    def put_user(
        self,
        username: str,
        role: str,
        partner_org: str | None,
        display_name: str,
        password_hash: str,
        *,
        replace: bool,
        now: datetime,
    ) -> None:
        """Create (or with ``replace`` update) an account; an existing one without ``replace`` is refused."""
        with session_scope(self.engine) as session:
            row = session.get(UserRow, username)
            if row is not None and not replace:
                raise InvalidInput(f"username: {username!r} already exists")
            if row is None:
                row = UserRow(username=username, created_at=now)
                session.add(row)
            row.role = role
            row.partner_org = partner_org
            row.display_name = display_name or row.display_name or username
            row.password_hash = password_hash

    def set_password_hash(self, username: str, password_hash: str) -> None:
        with session_scope(self.engine) as session:
            row = session.get(UserRow, username)
            if row is not None:
                row.password_hash = password_hash

    def users(self) -> list[tuple[str, str, str | None]]:
        with session_scope(self.engine) as session:
            return [
                (u.username, u.role, u.partner_org)
                for u in session.scalars(select(UserRow).order_by(UserRow.username))
            ]

    # --- sign-in sessions ----------------------------------------------------------------------

    def open_session(self, username: str, now: datetime) -> str:
        """A new session of ``username``; returns the token to keep in the cookie."""
        token = secrets.token_urlsafe(32)
        with session_scope(self.engine) as session:
            session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now - _KEEP))
            session.add(
                WebSessionRow(id=_digest(token), username=username, created_at=now, expires_at=now + SESSION_TTL)
            )
        return token

    def session_user(self, token: str, now: datetime) -> str | None:
        """The username of a live session (not revoked, not expired), else None."""
        with session_scope(self.engine) as session:
            row = session.get(WebSessionRow, _digest(token))
            if row is None or row.revoked_at is not None or row.expires_at <= now:
                return None
            return row.username

    def revoke(self, token: str, now: datetime) -> None:
        with session_scope(self.engine) as session:
            session.execute(
                update(WebSessionRow)
                .where(WebSessionRow.id == _digest(token), WebSessionRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )

    def revoke_user(self, username: str, now: datetime) -> int:
        """Revoke every live session of ``username``; returns how many."""
        with session_scope(self.engine) as session:
            result = session.execute(
                update(WebSessionRow)
                .where(WebSessionRow.username == username, WebSessionRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            return cast("CursorResult[Any]", result).rowcount

    # --- sign-in throttle ----------------------------------------------------------------------

    def check(self, username: str, address: str, now: datetime) -> None:
        """Raise :class:`LoginLocked` when the account or the address is locked at ``now``."""
        with session_scope(self.engine) as session:
            for scope, key in _keys(username, address):
                row = session.get(LoginThrottleRow, (scope, key))
                if row is not None and row.locked_until is not None and row.locked_until > now:
                    raise LoginLocked(scope, row.locked_until)

    def record_failure(
        self, username: str, address: str, now: datetime, policy: ThrottlePolicy
    ) -> LoginLocked | None:
        """Count one failed sign-in; returns the lock this failure set off, if any."""
        locked: LoginLocked | None = None
        with session_scope(self.engine) as session:
            for scope, key in _keys(username, address):
                _count(session, scope, key, now, policy.window)
                hit = session.execute(
                    update(LoginThrottleRow)
                    .where(
                        LoginThrottleRow.scope == scope,
                        LoginThrottleRow.key == key,
                        LoginThrottleRow.failures >= policy.limit(scope),
                    )
                    .values(locked_until=now + policy.lockout, failures=0, window_start=now)
                )
                if cast("CursorResult[Any]", hit).rowcount and locked is None:
                    locked = LoginLocked(scope, now + policy.lockout)
            session.execute(
                delete(LoginThrottleRow).where(
                    LoginThrottleRow.window_start < now - policy.keep,
                    or_(LoginThrottleRow.locked_until.is_(None), LoginThrottleRow.locked_until < now),
                )
            )
        return locked

    def record_success(self, username: str) -> None:
        with session_scope(self.engine) as session:
            session.execute(
                delete(LoginThrottleRow).where(
                    LoginThrottleRow.scope == ACCOUNT, LoginThrottleRow.key == username.strip()
                )
            )

    def unlock(self, username: str | None = None, address: str | None = None) -> int:
        """Clear the failures and lock of a username and/or an address; returns how many were cleared."""
        wanted = [(ACCOUNT, username.strip())] if username else []
        wanted += [(ADDRESS, address.strip())] if address else []
        cleared = 0
        with session_scope(self.engine) as session:
            for scope, key in wanted:
                result = session.execute(
                    delete(LoginThrottleRow).where(LoginThrottleRow.scope == scope, LoginThrottleRow.key == key)
                )
                cleared += cast("CursorResult[Any]", result).rowcount
        return cleared

    def locks(self, now: datetime) -> list[tuple[str, str, datetime]]:
        """Current locks: (scope, username or address, until)."""
        with session_scope(self.engine) as session:
            rows = session.scalars(select(LoginThrottleRow).where(LoginThrottleRow.locked_until > now))
            return [(r.scope, r.key, r.locked_until) for r in rows if r.locked_until is not None]


def _count(session: Session, scope: str, key: str, now: datetime, window: timedelta) -> None:
    fresh = LoginThrottleRow.window_start > now - window
    bump = (
        update(LoginThrottleRow)
        .where(LoginThrottleRow.scope == scope, LoginThrottleRow.key == key)
        .values(
            failures=case((fresh, LoginThrottleRow.failures + 1), else_=1),
            window_start=case((fresh, LoginThrottleRow.window_start), else_=now),
        )
    )
    if cast("CursorResult[Any]", session.execute(bump)).rowcount:
        return
    try:
        with session.begin_nested():
            session.add(LoginThrottleRow(scope=scope, key=key, failures=1, window_start=now, locked_until=None))
    except IntegrityError:  # another worker inserted it first: count on its row
        session.execute(bump)
