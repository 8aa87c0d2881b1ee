"""Sign-in throttling: failed passwords counted per account and per client address, in the store
(``login_throttle``) so the limit holds across web workers and restarts.

- ``ACCOUNT_LIMIT`` failures for one username within ``WINDOW`` lock that username for
  ``LOCKOUT``; ``ADDRESS_LIMIT`` failures from one address lock the address (many usernames
  guessed from one place). While locked, even the right password is refused, with the time the
  lock lifts, so guessing cannot continue at full speed.
- A success clears the account's count, not the address's: signing in to one's own account must
  not reset the guesses made at others from the same address.
- ``unlock`` (``poe-review users unlock``) lifts a lock at once.
- Counts use atomic ``UPDATE ... SET failures = failures + 1``: two workers never lose a failure.

Unknown usernames are counted like real ones, so the answers do not tell which accounts exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, case, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.requests import Request

from pipeline.errors import PoeReviewError
from pipeline.store.db import session_scope
from pipeline.store.schema import LoginThrottleRow

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
KEEP = timedelta(days=1)  # rows idle this long are deleted
ACCOUNT, ADDRESS = "account", "address"


def _limit(scope: str) -> int:
    return ACCOUNT_LIMIT if scope == ACCOUNT else ADDRESS_LIMIT


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


def client_address(request: Request) -> str:
    """The peer address (behind a reverse proxy, run uvicorn with ``--proxy-headers`` and
    ``--forwarded-allow-ips`` so this is the client's, not the proxy's)."""
    return request.client.host if request.client else "unknown"


def _keys(username: str, address: str) -> list[tuple[str, str]]:
    return [(ACCOUNT, username.strip()[:300]), (ADDRESS, (address or "unknown")[:300])]


def check(engine: Engine, username: str, address: str, now: datetime) -> None:
    """Raise :class:`LoginLocked` when the account or the address is locked at ``now``."""
    with session_scope(engine) as session:
        for scope, key in _keys(username, address):
            row = session.get(LoginThrottleRow, (scope, key))
            if row is not None and row.locked_until is not None and row.locked_until > now:
                raise LoginLocked(scope, row.locked_until)


def record_failure(engine: Engine, username: str, address: str, now: datetime) -> LoginLocked | None:
    """Count one failed sign-in; returns the lock this failure set off, if any."""
    locked: LoginLocked | None = None
    with session_scope(engine) as session:
        for scope, key in _keys(username, address):
            _count(session, scope, key, now)
            hit = session.execute(
                update(LoginThrottleRow)
                .where(
                    LoginThrottleRow.scope == scope,
                    LoginThrottleRow.key == key,
                    LoginThrottleRow.failures >= _limit(scope),
                )
                .values(locked_until=now + LOCKOUT, failures=0, window_start=now)
            )
            if cast("CursorResult[Any]", hit).rowcount and locked is None:
                locked = LoginLocked(scope, now + LOCKOUT)
        session.execute(
            delete(LoginThrottleRow).where(
                LoginThrottleRow.window_start < now - KEEP,
                or_(LoginThrottleRow.locked_until.is_(None), LoginThrottleRow.locked_until < now),
            )
        )
    return locked


def _count(session: Session, scope: str, key: str, now: datetime) -> None:
    fresh = LoginThrottleRow.window_start > now - WINDOW
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


def record_success(engine: Engine, username: str) -> None:
    with session_scope(engine) as session:
        session.execute(
            delete(LoginThrottleRow).where(LoginThrottleRow.scope == ACCOUNT, LoginThrottleRow.key == username.strip())
        )


def unlock(engine: Engine, username: str | None = None, address: str | None = None) -> int:
    """Clear the failures and lock of a username and/or an address; returns how many were cleared."""
    wanted = [(ACCOUNT, username.strip())] if username else []
    wanted += [(ADDRESS, address.strip())] if address else []
    cleared = 0
    with session_scope(engine) as session:
        for scope, key in wanted:
            result = session.execute(
                delete(LoginThrottleRow).where(LoginThrottleRow.scope == scope, LoginThrottleRow.key == key)
            )
            cleared += cast("CursorResult[Any]", result).rowcount
    return cleared


def locks(engine: Engine, now: datetime) -> list[tuple[str, str, datetime]]:
    """Current locks: (scope, username or address, until)."""
    with session_scope(engine) as session:
        rows = session.scalars(select(LoginThrottleRow).where(LoginThrottleRow.locked_until > now))
        return [(r.scope, r.key, r.locked_until) for r in rows if r.locked_until is not None]
