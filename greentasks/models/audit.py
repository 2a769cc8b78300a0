"""Where every change came from: import batches (导入记录) and the change log (修改记录)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, now

# ImportBatch.kind
BATCH_RETURNS = "returns"
BATCH_PLAN = "plan"
BATCH_INDICATORS = "indicators"
BATCH_DIRECTORY = "directory"
BATCH_EXAMPLE = "example"
BATCH_DOCUMENT = "document"  # a document added from its text (add-plan): its plan, tasks, assignments

# ImportBatch.outcome
OUTCOME_IMPORTED = "imported"
OUTCOME_UNDONE = "undone"

# ChangeLog.source
SOURCE_HAND = "手工"
SOURCE_IMPORT = "导入"
SOURCE_UNDO = "撤销"
SOURCE_INIT = "初始化"


class ImportBatch(Base):
    __tablename__ = "import_batches"
    __table_args__ = (Index("uq_import_batches_dedupe_key", "dedupe_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    file_name: Mapped[str] = mapped_column(Text)
    file_path: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # kind:sha256 while the batch is live, for the kinds where the same file is a duplicate
    # (services.importing); unique, so two clerks importing one file at once record one batch.
    dedupe_key: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    user: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(12), default=OUTCOME_IMPORTED)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="SET NULL"))
    period: Mapped[str | None] = mapped_column(String(10))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    undone_by: Mapped[str | None] = mapped_column(Text)


class ChangeLog(Base):
    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=now)
    user: Mapped[str] = mapped_column(Text, default="")
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int] = mapped_column(Integer)
    # A column name, or "+" for a row created and "-" for a row removed (old holds its JSON).
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(8), default=SOURCE_HAND)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Office-wide settings shared by every clerk on the same database (warning window, cycle)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
