"""import batches: a unique dedupe key for live batches of returns and 分工表

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DEDUPLICATED_KINDS = ("returns", "plan")


def upgrade() -> None:
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dedupe_key", sa.String(length=80), nullable=True))
    # The earliest live batch of each file keeps the key; a later copy that two clerks imported
    # at the same instant before this release stays in the history, without a key.
    batches = sa.table("import_batches", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                       sa.column("sha256", sa.String), sa.column("outcome", sa.String),
                       sa.column("dedupe_key", sa.String))
    conn = op.get_bind()
    first = (sa.select(sa.func.min(batches.c.id))
             .where(batches.c.kind.in_(DEDUPLICATED_KINDS), batches.c.outcome == "imported")
             .group_by(batches.c.kind, batches.c.sha256))
    conn.execute(batches.update().where(batches.c.id.in_(first))
                 .values(dedupe_key=batches.c.kind + ":" + batches.c.sha256))
    op.create_index("uq_import_batches_dedupe_key", "import_batches", ["dedupe_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_import_batches_dedupe_key", table_name="import_batches")
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_column("dedupe_key")
