"""Local accounts for sign-in (``users`` table): argon2 password hashes, D-1 roles.

The web app and ``poe-review users add`` are the only writers; the rows are read and written
through :class:`pipeline.service.AccountsStore`, the hashes are made and checked here. A user row
becomes a :class:`pipeline.roles.Actor`, and every library call is made as that actor, so the
library's own role checks apply to the web exactly as to the CLI.
"""

from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine

from delivery.web import throttle
from delivery.web.sessions import revoke_user
from pipeline.errors import InvalidInput
from pipeline.roles import PARTNER_ROLES, Actor, Role
from pipeline.service.accounts import AccountsStore

_HASHER = PasswordHasher()
# Verifying against this when the user does not exist costs the same time as a real check, so
# response timing does not tell which usernames exist.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")
USER_ROLES = tuple(r.value for r in Role if r != Role.SYSTEM)
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def add_user(
    engine: Engine,
    username: str,
    role: str,
    password: str,
    *,
    partner_org: str | None = None,
    display_name: str = "",
    replace: bool = False,
) -> Actor:
    """Create (or with ``replace`` update) a local account; returns its Actor."""
    username = username.strip()
    if not username or len(username) > 100 or any(c.isspace() for c in username):
        raise InvalidInput("username: 1-100 characters, no spaces")
    try:
        role_enum = Role(role.strip().lower().replace("-", "_").replace(" ", "_"))
    except ValueError:
        raise InvalidInput(f"role: one of {', '.join(USER_ROLES)}, not {role!r}") from None
    if role_enum == Role.SYSTEM:
        raise InvalidInput("role: system is not a user role")
    if role_enum in PARTNER_ROLES and not (partner_org or "").strip():
        raise InvalidInput("--partner-org: partner users (incentive_admin, incentive_user) need their MPN ID")
    if role_enum not in PARTNER_ROLES and partner_org:
        raise InvalidInput("--partner-org: only partner users belong to a partner organisation")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"password: at least {MIN_PASSWORD} characters")
    org = partner_org.strip() if partner_org else None
    AccountsStore(engine).put_user(
        username, role_enum.value, org, display_name, hash_password(password), replace=replace, now=datetime.now(UTC)
    )
    if replace:  # a new password or role: sessions opened with the old one end now
        revoke_user(engine, username, datetime.now(UTC))
    return Actor(username, role_enum, org)


def authenticate(engine: Engine, username: str, password: str) -> Actor | None:
    """The Actor when the password matches, else None (same cost whether or not the user exists)."""
    store = AccountsStore(engine)
    row = store.user(username.strip())
    stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
    try:
        _HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or not row.password_hash:
        return None
    if _HASHER.check_needs_rehash(row.password_hash):
        store.set_password_hash(row.username, _HASHER.hash(password))
    return Actor(row.username, Role(row.role), row.partner_org)


def authenticate_throttled(engine: Engine, username: str, password: str, address: str, now: datetime) -> Actor | None:
    """:func:`authenticate` behind the sign-in throttle (:mod:`delivery.web.throttle`): raises
    :class:`~delivery.web.throttle.LoginLocked` while the account or the address is locked
    (whatever the password), or when this failure locks it; else the Actor or None."""
    throttle.check(engine, username, address, now)
    actor = authenticate(engine, username, password)
    if actor is None:
        locked = throttle.record_failure(engine, username, address, now)
        if locked is not None:
            raise locked
        return None
    throttle.record_success(engine, username)
    return actor


def load_actor(engine: Engine, username: str) -> Actor | None:
    """The current Actor of a signed-in user (role changes and deletions apply at once)."""
    row = AccountsStore(engine).user(username)
    if row is None or row.role == Role.SYSTEM.value:
        return None
    return Actor(row.username, Role(row.role), row.partner_org)


def list_users(engine: Engine) -> list[tuple[str, str, str | None]]:
    return AccountsStore(engine).users()
