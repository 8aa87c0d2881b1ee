"""Reviewers' per-criterion corrections (append-only, like history).

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(length=20), nullable=False),
        sa.Column("analysis_id", sa.Integer(), nullable=True),
        sa.Column("submission_seq", sa.Integer(), nullable=False),
        sa.Column("scoring_version", sa.String(length=30), nullable=False),
        sa.Column("criterion", sa.String(length=40), nullable=False),
        sa.Column("tool_verdict", sa.String(length=20), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("document", sa.String(length=500), nullable=True),
        sa.Column("where", sa.String(length=200), nullable=True),
        sa.Column("reviewer", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["analysis_id"], ["analyses.id"]),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.claim_id"]),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_corrections_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_corrections_analysis_id"), ["analysis_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_corrections_at"), ["at"], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER corrections_no_{verb.lower()} BEFORE {verb} ON corrections "
                       "BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END")
    elif dialect == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION poe_corrections_append_only() RETURNS trigger AS $$ "
                   "BEGIN RAISE EXCEPTION 'corrections are append-only'; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER corrections_append_only BEFORE UPDATE OR DELETE ON corrections "
                   "FOR EACH ROW EXECUTE FUNCTION poe_corrections_append_only()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS corrections_no_update")
        op.execute("DROP TRIGGER IF EXISTS corrections_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS corrections_append_only ON corrections")
        op.execute("DROP FUNCTION IF EXISTS poe_corrections_append_only()")
    with op.batch_alter_table("corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_corrections_at"))
        batch_op.drop_index(batch_op.f("ix_corrections_analysis_id"))
        batch_op.drop_index(batch_op.f("ix_corrections_claim_id"))
    op.drop_table("corrections")
