"""Assignments (分工) of a task to a unit, and the units' progress entries (进展) per period."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import text

from ..domain.rules import CLOSURE_CONFIRMED, CLOSURE_PENDING  # noqa: F401  (re-exported: 销号 states)
from ..domain.vocabulary import ROLE_COOPERATE, ROLE_LEAD  # noqa: F401  (re-exported)
from .base import Base, now
from .directory import Department
from .plan import Task

# Where the current status came from: no report yet, a unit's return, or a clerk by hand.
STATUS_FROM_DEFAULT = "default"
STATUS_FROM_RETURN = "return"
STATUS_FROM_HAND = "hand"


class Assignment(Base):
    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("task_id", "department_id", "measure_key"),
        Index("ix_assignments_department_status", "department_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    role: Mapped[str] = mapped_column(String(4), default=ROLE_LEAD)
    measure: Mapped[str] = mapped_column(Text, default="")
    measure_key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)

    deadline_text: Mapped[str] = mapped_column(Text, default="")
    deadline_due: Mapped[date | None] = mapped_column(Date, index=True)
    deadline_kind: Mapped[str] = mapped_column(String(12), default="未识别")
    deadline_rule: Mapped[str | None] = mapped_column(String(20))

    status: Mapped[str] = mapped_column(String(8), default="未启动", index=True)
    status_source: Mapped[str] = mapped_column(String(8), default=STATUS_FROM_DEFAULT)
    status_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The newest live progress entry (kept by services.progress.record_entries) so lists need
    # not search 250,000 entries; no FK because entries already point here.
    latest_entry_id: Mapped[int | None] = mapped_column(Integer)
    closure: Mapped[str | None] = mapped_column(String(4))
    closure_at: Mapped[datetime | None] = mapped_column(DateTime)
    closure_by: Mapped[str | None] = mapped_column(Text)

    note: Mapped[str] = mapped_column(Text, default="")
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    # Optimistic locking: SQLAlchemy checks and bumps it on every UPDATE.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    # A member's share of work given to a collective (各乡镇（街道）): the collective's own
    # assignment; its line rolls the members' shares up (services.collectives). No foreign key
    # (see migration 0003): the ORM removes the shares with their parent.
    parent_id: Mapped[int | None] = mapped_column(Integer, index=True)

    task: Mapped[Task] = relationship()
    department: Mapped[Department] = relationship()
    shares: Mapped[list[Assignment]] = relationship(
        primaryjoin="Assignment.id == foreign(Assignment.parent_id)", cascade="all, delete-orphan",
        order_by="Assignment.id")
    entries: Mapped[list[ProgressEntry]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="ProgressEntry.id"
    )

    __mapper_args__ = {"version_id_col": version}


class ProgressEntry(Base):
    __tablename__ = "progress_entries"
    __table_args__ = (
        Index("ix_progress_assignment_period", "assignment_id", "period", "superseded"),
        Index("ix_progress_period_live", "period", "superseded", "assignment_id"),
        # At most one live report per assignment and period, also when two clerks import at once.
        # Its condition for PostgreSQL is added by use_postgresql(): naming it here would load
        # SQLAlchemy's PostgreSQL dialect (a twentieth of a second) at every start on SQLite.
        Index("uq_progress_live", "assignment_id", "period", unique=True, sqlite_where=text("superseded = 0")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(8))
    progress: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    reporter: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    reported_on: Mapped[date | None] = mapped_column(Date)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    assignment: Mapped[Assignment] = relationship(back_populates="entries")


# DeadlineExtension.state
EXTENSION_REQUESTED = "申请中"
EXTENSION_APPROVED = "已批准"
EXTENSION_DECLINED = "不予批准"
EXTENSION_STATES = (EXTENSION_REQUESTED, EXTENSION_APPROVED, EXTENSION_DECLINED)


class DeadlineExtension(Base):
    """延期: a unit's request for more time on one assignment and the office's decision. The
    assignment's own deadline is never changed: an approved extension moves the date the lights
    use (as of the day it was approved) and both dates are printed."""

    __tablename__ = "deadline_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    requested_to: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The unit's letter (来函) or the return it came in: what the decision can be checked against.
    reference: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(8), default=EXTENSION_REQUESTED)
    requested_on: Mapped[date] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(Text)
    decision_note: Mapped[str] = mapped_column(Text, default="")
    # Set when the request came in a return (申请延期至): undoing that batch removes it.
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    assignment: Mapped[Assignment] = relationship()


def use_postgresql() -> None:
    """Complete the model for PostgreSQL (db.make_engine calls it for a server's engine)."""
    live = next(ix for ix in ProgressEntry.__table__.indexes if ix.name == "uq_progress_live")
    options = live.dialect_options["postgresql"]
    if options["where"] is None:
        options["where"] = text("superseded = false")
