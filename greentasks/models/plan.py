"""The policy documents (文件), their section tree (章节) and numbered key tasks (重点任务)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

PLAN_ACTIVE = "有效"
PLAN_REPEALED = "废止"

# What is tracked: a policy document, or an item that is not one, tracked the same way (its
# decisions are its tasks): a district leader's 批示 (one task) or a meeting's 议定事项.
KIND_DOCUMENT = "文件"
KIND_INSTRUCTION = "领导批示"
KIND_DECISION = "会议议定事项"
PLAN_KINDS = (KIND_DOCUMENT, KIND_INSTRUCTION, KIND_DECISION)
# A 批示's nature, as 督查 offices class them.
INSTRUCTION_CLASSES = ("批办性", "指导性", "参阅性")


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_no: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(120), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), default=PLAN_ACTIVE)
    repealed_by: Mapped[str | None] = mapped_column(String(64))
    repealed_on: Mapped[date | None] = mapped_column(Date)
    # The document body that is not tasks (preamble, 总体要求, 保障措施) as JSON text.
    body: Mapped[str] = mapped_column(Text, default="")
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(8), default=KIND_DOCUMENT, server_default=KIND_DOCUMENT)
    # A 批示's nature (INSTRUCTION_CLASSES); "" for documents and meetings.
    item_class: Mapped[str] = mapped_column(String(8), default="", server_default="")

    sections: Mapped[list[Section]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Section.position"
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Task.no"
    )


class Section(Base):
    """A heading that groups tasks: level 1 (二、…) or level 2 (（一）…)."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("plan_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    # "二" or "二/（一）": identifies the heading within its plan.
    path: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="sections")
    parent: Mapped[Section | None] = relationship(remote_side="Section.id", back_populates="children")
    children: Mapped[list[Section]] = relationship(back_populates="parent", order_by="Section.position")
    tasks: Mapped[list[Task]] = relationship(back_populates="section", order_by="Task.no")


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("plan_id", "no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    no: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    # 责任领导 (also 分管领导, 联系领导 in the office's tables): the district leader answerable for it.
    leader: Mapped[str] = mapped_column(Text, default="", server_default="")

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    section: Mapped[Section | None] = relationship(back_populates="tasks")
