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
The counts live in the store, read and written through :class:`pipeline.service.AccountsStore`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine
from starlette.requests import Request

from pipeline.service.accounts import ACCOUNT, ADDRESS, AccountsStore, LoginLocked, ThrottlePolicy

# Re-exported: the scopes and the lock are the throttle's API (the sign-in page, tests).
__all__ = [
    "ACCOUNT", "ACCOUNT_LIMIT", "ADDRESS", "ADDRESS_LIMIT", "KEEP", "LOCKOUT", "WINDOW", "LoginLocked",
    "check", "client_address", "locks", "policy", "record_failure", "record_success", "unlock",
]

ACCOUNT_LIMIT = 5
ADDRESS_LIMIT = 20
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)
KEEP = timedelta(days=1)  # rows idle this long are deleted


def policy() -> ThrottlePolicy:
    """The numbers above, read when a failure is counted (so a test or a deployment may set them)."""
    return ThrottlePolicy(ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW, LOCKOUT, KEEP)

def client_address(request: Request) -> str:
    """The peer address (behind a reverse proxy, run uvicorn with ``--proxy-headers`` and
    ``--forwarded-allow-ips`` so this is the client's, not the proxy's)."""
    return request.client.host if request.client else "unknown"


def check(engine: Engine, username: str, address: str, now: datetime) -> None:
    """Raise :class:`LoginLocked` when the account or the address is locked at ``now``."""
    AccountsStore(engine).check(username, address, now)


def record_failure(engine: Engine, username: str, address: str, now: datetime) -> LoginLocked | None:
    """Count one failed sign-in; returns the lock this failure set off, if any."""
    return AccountsStore(engine).record_failure(username, address, now, policy())


def record_success(engine: Engine, username: str) -> None:
    AccountsStore(engine).record_success(username)


def unlock(engine: Engine, username: str | None = None, address: str | None = None) -> int:
    """Clear the failures and lock of a username and/or an address; returns how many were cleared."""
    return AccountsStore(engine).unlock(username, address)


def locks(engine: Engine, now: datetime) -> list[tuple[str, str, datetime]]:
    """Current locks: (scope, username or address, until)."""
    return AccountsStore(engine).locks(now)
