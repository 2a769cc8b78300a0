"""催报 and 督办 sent to a unit: when, for which period, and how (docs/documents.md#notices)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, now
from .directory import Department

# Reminder.kind
REMINDER_CHASE = "催报"  # a return not sent
REMINDER_PUSH = "督办"  # work overdue or 滞后
REMINDER_KINDS = (REMINDER_CHASE, REMINDER_PUSH)


class Reminder(Base):
    """One 催报 (or 督办) sent to one unit about one period. Several may be sent for the same
    period (a second 催报, a phone call after the letter): each is a row, the newest shows."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_period_kind", "period", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # A unit merged into another takes its reminders along (services.directory.merge_departments).
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(10))  # the period's code (2023Q2)
    kind: Mapped[str] = mapped_column(String(4), default=REMINDER_CHASE)
    sent_on: Mapped[date] = mapped_column(Date)
    way: Mapped[str] = mapped_column(Text, default="")  # 政务邮箱, 电话, 书面 …
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)

    department: Mapped[Department] = relationship()
