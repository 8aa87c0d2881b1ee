"""analyses.extractor_version: the extractor version an analysis was made with.

Revision ID: 0003
Revises: 0002

(The branch is e2-runcost; Alembic refuses "-" in a revision identifier, hence the underscore.)

With ``scoring_version`` (already stored) it tells an analysis made under older rules or an older
extractor from a current one, so the nightly run can re-analyse open claims whose analysis is
stale and the analysts' report can count decisions taken on an older version. Rows written before
this revision get '' (unknown), which counts as older than any version.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("extractor_version", sa.String(length=30), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("analyses", schema=None) as batch_op:
        batch_op.drop_column("extractor_version")
