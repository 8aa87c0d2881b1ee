"""Tenant directory history (issue 13): who changed which tenant entry, from which file.

Revision ID: 0004
Revises: 0003

Append-only like ``history``: the database refuses updates and deletes, so a rewrite of the
directory can always be traced (and undone by hand from ``before``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_TRIGGERS = [
    "CREATE TRIGGER tenant_history_no_update BEFORE UPDATE ON tenant_history "
    "BEGIN SELECT RAISE(ABORT, 'tenant_history is append-only'); END",
    "CREATE TRIGGER tenant_history_no_delete BEFORE DELETE ON tenant_history "
    "BEGIN SELECT RAISE(ABORT, 'tenant_history is append-only'); END",
]
_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION poe_tenant_history_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'tenant_history is append-only'; END; $$ LANGUAGE plpgsql"
)
_PG_TRIGGER = (
    "CREATE TRIGGER tenant_history_append_only BEFORE UPDATE OR DELETE ON tenant_history "
    "FOR EACH ROW EXECUTE FUNCTION poe_tenant_history_append_only()"
)


def upgrade() -> None:
    op.create_table(
        "tenant_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tenant_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tenant_history_tenant_id"), ["tenant_id"], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS tenant_history_append_only ON tenant_history")
        op.execute("DROP FUNCTION IF EXISTS poe_tenant_history_append_only()")
    with op.batch_alter_table("tenant_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tenant_history_tenant_id"))
    op.drop_table("tenant_history")
