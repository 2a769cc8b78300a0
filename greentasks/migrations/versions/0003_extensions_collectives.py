"""periods: deadline extensions (延期), collective members and the members' shares of its work

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collective_members",
        sa.Column("collective_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["collective_id"], ["departments.id"],
                                name=op.f("fk_collective_members_collective_id_departments"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["departments.id"],
                                name=op.f("fk_collective_members_member_id_departments"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("collective_id", "member_id", name=op.f("pk_collective_members")),
    )
    with op.batch_alter_table("collective_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_collective_members_member_id"), ["member_id"], unique=False)

    op.create_table(
        "deadline_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("requested_to", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"],
                                name=op.f("fk_deadline_extensions_assignment_id_assignments"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"],
                                name=op.f("fk_deadline_extensions_batch_id_import_batches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_extensions")),
    )
    with op.batch_alter_table("deadline_extensions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deadline_extensions_assignment_id"), ["assignment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_deadline_extensions_batch_id"), ["batch_id"], unique=False)

    # No foreign key (as for latest_entry_id): adding one would rebuild the table on SQLite, and
    # dropping it there cascades to every entry. The ORM removes the shares with their parent.
    op.add_column("assignments", sa.Column("parent_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_assignments_parent_id"), "assignments", ["parent_id"], unique=False)
    # Existing collectives keep the default members (taken from the units' categories).
    op.add_column("departments", sa.Column("members_explicit", sa.Boolean(), nullable=False,
                                           server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("departments", schema=None) as batch_op:
        batch_op.drop_column("members_explicit")
    op.drop_index(op.f("ix_assignments_parent_id"), table_name="assignments")
    op.drop_column("assignments", "parent_id")

    with op.batch_alter_table("deadline_extensions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deadline_extensions_batch_id"))
        batch_op.drop_index(batch_op.f("ix_deadline_extensions_assignment_id"))
    op.drop_table("deadline_extensions")
    with op.batch_alter_table("collective_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_collective_members_member_id"))
    op.drop_table("collective_members")
