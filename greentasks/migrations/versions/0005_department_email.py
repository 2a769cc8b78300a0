"""departments.email: the units' mail addresses, for knowing who sent a mailed return

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain added column: a batch rebuild of departments would cascade-delete what refers to it.
    op.add_column("departments", sa.Column("email", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("departments") as batch:
        batch.drop_column("email")
