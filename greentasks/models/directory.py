"""The unit directory (单位通讯录): departments and the other names they go by."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.vocabulary import CATEGORIES  # noqa: F401  (re-exported)
from .base import Base


class Department(Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    # fold(name): what names are matched on, so 区发改委 and ｜区发改委 ｜ are one unit.
    key: Mapped[str] = mapped_column(Text, unique=True)
    category: Mapped[str] = mapped_column(String(16), default="区级部门")
    contact: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    # Mail addresses the unit sends from, "；"-separated (domain.mailaddr): a mailed return whose
    # sheet names no unit is known by its sender.
    email: Mapped[str] = mapped_column(Text, default="", server_default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # For a 集合 unit: whether its members are the clerk's own list (collective_members) rather
    # than the default one taken from the units' categories (services.collectives).
    members_explicit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    aliases: Mapped[list[DepartmentAlias]] = relationship(
        back_populates="department", cascade="all, delete-orphan", order_by="DepartmentAlias.id"
    )


class DepartmentAlias(Base):
    __tablename__ = "department_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text, unique=True)

    department: Mapped[Department] = relationship(back_populates="aliases")


class CollectiveMember(Base):
    """One member of a 集合 unit (各乡镇（街道） → 大观镇), when the clerk has set the list."""

    __tablename__ = "collective_members"

    collective_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True,
                                           index=True)
