"""Corrections refuse TRUNCATE on PostgreSQL too (issue 16), as history does since 0002.

Revision ID: 0006_h_learn_corr_no_truncate (alembic_version holds 32 characters at most)
Revises: 0005

Corrections are append-only (0005): row triggers refuse UPDATE and DELETE. TRUNCATE fires no row
trigger, so on PostgreSQL a statement-level trigger refuses it, and the privilege is revoked from
PUBLIC and from the application role named by ``POE_PG_APP_ROLE`` (with UPDATE and DELETE).
SQLite has no TRUNCATE: its ``DELETE FROM corrections`` (the truncate optimisation) is skipped
when a DELETE trigger exists, so the row trigger of 0005 already refuses it.
"""

import os
import re
from collections.abc import Sequence

from alembic import op

revision: str = "0006_h_learn_corr_no_truncate"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APP_ROLE_ENV = "POE_PG_APP_ROLE"  # as in 0002: the role the web app and the nightly run use
_PG_TRUNCATE_TRIGGER = (
    "CREATE TRIGGER corrections_no_truncate BEFORE TRUNCATE ON corrections "
    "FOR EACH STATEMENT EXECUTE FUNCTION poe_corrections_append_only()"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_PG_TRUNCATE_TRIGGER)
    op.execute("REVOKE TRUNCATE ON corrections FROM PUBLIC")
    role = os.environ.get(APP_ROLE_ENV, "").strip()
    if role:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", role):
            raise ValueError(f"{APP_ROLE_ENV}: a PostgreSQL role name, not {role!r}")
        op.execute(f'REVOKE TRUNCATE, UPDATE, DELETE ON corrections FROM "{role}"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS corrections_no_truncate ON corrections")
