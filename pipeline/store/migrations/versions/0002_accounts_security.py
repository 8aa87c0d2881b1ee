"""Security of accounts, mail and history (issue 13): server-side web sessions, stored login
throttling, the outbox's recorded send attempts, and TRUNCATE of history refused on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 00:20:00

Timestamps are plain ``DateTime(timezone=True)`` here, as in 0001 (the UTC conversion lives in
the ORM type).
"""

import os
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The role the web app and the nightly run connect as, when it is not the role that owns the
# tables (the owner can always re-grant itself): TRUNCATE on history is revoked from it here.
APP_ROLE_ENV = "POE_PG_APP_ROLE"

# D-9: history is append-only. Row triggers (0001) stop UPDATE and DELETE; TRUNCATE fires no row
# trigger, so PostgreSQL needs a statement-level one. SQLite has no TRUNCATE.
_PG_TRUNCATE_TRIGGER = (
    "CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history "
    "FOR EACH STATEMENT EXECUTE FUNCTION poe_history_append_only()"
)


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_web_sessions_username", "web_sessions", ["username"])
    op.create_table(
        "login_throttle",
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("scope", "key"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_TRUNCATE_TRIGGER)
        op.execute("REVOKE TRUNCATE ON history FROM PUBLIC")
        role = os.environ.get(APP_ROLE_ENV, "").strip()
        if role:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", role):
                raise ValueError(f"{APP_ROLE_ENV}: a PostgreSQL role name, not {role!r}")
            op.execute(f'REVOKE TRUNCATE, UPDATE, DELETE ON history FROM "{role}"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS history_no_truncate ON history")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("attempted_at")
        batch_op.drop_column("message_id")
    op.drop_table("login_throttle")
    op.drop_index("ix_web_sessions_username", table_name="web_sessions")
    op.drop_table("web_sessions")
