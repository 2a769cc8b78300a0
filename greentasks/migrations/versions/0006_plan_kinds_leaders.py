"""plans.kind and plans.item_class (领导批示 and 会议议定事项 tracked as plans), tasks.leader (责任领导)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain added columns: a batch rebuild of plans or tasks would cascade-delete what refers to them.
    op.add_column("plans", sa.Column("kind", sa.String(length=8), nullable=False, server_default="文件"))
    op.add_column("plans", sa.Column("item_class", sa.String(length=8), nullable=False, server_default=""))
    op.add_column("tasks", sa.Column("leader", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("leader")
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("item_class")
        batch.drop_column("kind")
