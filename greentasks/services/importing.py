"""The one path every importer takes (分工表, returns, the unit directory, indicators).

1. :func:`open_import` (:func:`receive`) reads the file with the reader's guards (kind by
   content, size, encryption, zip bombs) or refuses it: the refusal is the file's outcome, never
   an exception. The plan an import is for is resolved once with :func:`plan_of`.
2. The importer checks the rows itself, collecting located problems (no writes).
3. :func:`backup_before` makes the automatic copy before anything is written.
4. :func:`write_file` writes one file all or nothing: the batch record (built only here), the
   importer's own writes through an :class:`Actor` that carries the batch, and the commit. A
   dry run, a file whose writes found errors, or one that changed nothing rolls back whole.

Duplicates by content are refused by the database itself for the kinds where the same file
means the same data (returns, 分工表): a live batch's ``dedupe_key`` is unique, so two clerks
importing one file at the same instant record one batch, and the second is told it is a
duplicate. Undoing a batch frees its key, so the file may be imported again. Importers still
check :func:`imported_digests` before writing, so that a clerk is told at once, without a write.

What a file's writes touched (a :class:`~.changes.Changes`) is kept on its outcome as
``FileOutcome.touched`` (merged over a batch as ``ImportReport.touched``), for the desktop app
to refresh exactly those views.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..db import BUSY_MESSAGE, Database, is_busy
from ..errors import DatabaseError, FileRefused, Problem
from ..inbox.items import Received
from ..models import ImportBatch, Plan
from ..models.audit import BATCH_PLAN, BATCH_RETURNS, OUTCOME_IMPORTED, SOURCE_IMPORT
from ..models.base import now
from ..paths import current_user
from .audit import Actor
from .backups import auto_backup
from .changes import Changes, unit_of_work
from .outcomes import CANCELLED, DRY_RUN, DUPLICATE, IMPORTED, REFUSED, FileOutcome, Written

# The kinds of import where a file already imported (same content) is a duplicate.
DEDUPLICATED_KINDS = (BATCH_RETURNS, BATCH_PLAN)
DUPLICATE_MESSAGES = {
    BATCH_RETURNS: "这个文件以前已经导入过（内容完全相同），本次跳过。",
    BATCH_PLAN: "这个分工表以前已经导入过（内容完全相同），不会再导入。",
}


@dataclass
class Incoming:
    """A file that passed the reader's guards: its cells, its content hash and its time."""

    path: Path
    book: Any  # excel.reader.Workbook
    digest: str  # of the content bytes, wherever they came from: the same attachment twice is one file
    mtime: float
    received: Received | None = None


def as_received(item: Received | str | Path) -> Received:
    """A loose file as the inbox would give it (the name shown is its own name)."""
    if isinstance(item, Received):
        return item
    p = Path(item)
    return Received(source=p, name=p.name, hints=(p.stem,))


def receive(item: Received | Path, outcome: FileOutcome) -> Incoming | None:
    """Reads the file (a loose file from disk, a zip member or a mail attachment from memory) or
    refuses it (the reason goes into ``outcome``; its outcome is REFUSED)."""
    from ..excel import reader

    item = as_received(item)
    try:
        if item.data is None:
            book = reader.read_workbook(item.source)
        else:
            book = reader.read_workbook_data(item.data, item.file_name)
    except FileRefused as exc:
        problem = exc.problem
        if problem.file and problem.file != item.name:  # the reader names the member; the clerk sees the whole name
            problem = replace(problem, file=item.name)
        return _refused(outcome, problem)
    except OSError as exc:
        return _refused(outcome, Problem(
            f"文件无法读取（{exc.strerror or exc}）。请确认文件存在且没有被其他程序占用。", file=item.name))
    mtime = item.mtime
    if item.data is None:
        try:
            mtime = item.source.stat().st_mtime
        except OSError:
            mtime = 0.0
    return Incoming(item.source, book, book.sha256, mtime, item)


def open_import(item: Received | str | Path) -> tuple[FileOutcome, Incoming | None]:
    """The outcome of one file to import, and the file read (None: refused, saying why)."""
    item = as_received(item)
    outcome = FileOutcome(path=item.source, name=item.name, mail=item.mail)
    return outcome, receive(item, outcome)


def _refused(outcome: FileOutcome, problem: Problem) -> None:
    outcome.errors.append(problem)
    outcome.outcome = REFUSED
    return None


def cancel(outcome: FileOutcome) -> FileOutcome:
    """A file the clerk cancelled before anything was written."""
    outcome.outcome = CANCELLED
    return outcome


def plan_of(session: Session, plan: str | None) -> Plan:
    """The plan an import is for: a 文号, or None for the built-in plan (resolved once a batch;
    an unknown 文号 is a UsageError naming the registered documents)."""
    from .queries import resolve_plan

    return resolve_plan(session, plan)


def dedupe_key(kind: str, digest: str) -> str | None:
    return f"{kind}:{digest}" if kind in DEDUPLICATED_KINDS else None


def imported_digests(session: Session, kind: str) -> set[str]:
    """The content hashes of the live batches of one kind (for the check before any write)."""
    return set(session.scalars(select(ImportBatch.sha256).where(
        ImportBatch.kind == kind, ImportBatch.outcome == OUTCOME_IMPORTED)))


def mark_duplicate(outcome: FileOutcome, kind: str) -> None:
    outcome.outcome = DUPLICATE
    outcome.warnings.append(Problem(DUPLICATE_MESSAGES.get(kind, DUPLICATE_MESSAGES[BATCH_RETURNS]),
                                    file=outcome.name, severity="warning"))


def backup_before(db: Database, what: str) -> Path | None:
    """The automatic copy made before an import writes (SQLite; a server is backed up by pg_dump)."""
    return auto_backup(db, reason=f"导入{what}前")


@dataclass
class BatchRecord:
    """What the import history keeps of one file; the only place batch rows are built."""

    kind: str
    path: Path
    digest: str
    rows: int = 0
    department_id: int | None = None
    period: str | None = None
    summary: str = ""
    created_at: datetime | None = None  # now, unless the record is dated (the example office)
    name: str = ""  # the name the clerk saw (名称.zip/内层文件.xlsx); the file's own name when empty

    def values(self, user: str) -> dict[str, Any]:
        return {"kind": self.kind, "file_name": self.name or self.path.name, "file_path": str(self.path), "sha256": self.digest,
                "dedupe_key": dedupe_key(self.kind, self.digest), "user": user, "department_id": self.department_id,
                "period": self.period, "rows": self.rows, "created_at": self.created_at or now(),
                "summary": self.summary, "outcome": OUTCOME_IMPORTED}


_INSERT_BATCH = ImportBatch.__table__.insert().returning(ImportBatch.__table__.c.id)


def add_batch(session: Session, record: BatchRecord, user: str | None = None) -> int:
    """Inserts the batch row (one statement) and returns its id."""
    # One row as a plain insert: the ORM's bulk path costs three times as much for it.
    return session.execute(_INSERT_BATCH, record.values(user or current_user())).scalar_one()


class _Discard(Exception):
    """Raised inside the transaction to roll it back whole (dry run, errors, nothing changed)."""


# What an importer's write step returns: True when it changed something worth a batch.
Apply = Callable[[Session, Actor, int], bool]


def write_file(db: Database, outcome: Written, record: BatchRecord, apply: Apply, *,
               dry_run: bool = False) -> Changes:
    """Writes one file all or nothing and sets its outcome; returns what it changed (also kept
    as ``outcome.touched``).

    ``apply(session, actor, batch_id)`` makes the importer's writes; problems it finds go into
    ``outcome.errors`` and make the whole file roll back. It returns False when the file changed
    nothing (then no batch is kept, so importing the same file again leaves no trace)."""
    user = current_user()
    outcome.batch_id = None
    outcome.touched = Changes()
    # What apply says of writes that a failure then rolls back must not be shown as done.
    said = len(outcome.warnings), len(outcome.created_units)
    try:
        with unit_of_work(db) as uow:
            batch_id = add_batch(uow.session, record, user)
            kept = apply(uow.session, Actor(user=user, source=SOURCE_IMPORT, batch_id=batch_id), batch_id)
            if outcome.errors:
                outcome.outcome = REFUSED
                raise _Discard
            if dry_run:
                outcome.outcome = DRY_RUN
                raise _Discard
            if not kept:
                outcome.outcome = IMPORTED
                raise _Discard
    except _Discard:
        return outcome.touched
    except IntegrityError as exc:
        if record.kind in DEDUPLICATED_KINDS and _is_duplicate_key(exc):
            _undo_said(outcome, said)
            mark_duplicate(outcome, record.kind)
            return outcome.touched
        write_failed(outcome, exc, said, kind=record.kind)
        return outcome.touched
    except (SQLAlchemyError, DatabaseError) as exc:
        write_failed(outcome, exc, said, kind=record.kind)
        return outcome.touched
    outcome.batch_id = batch_id
    outcome.outcome = IMPORTED
    outcome.touched = uow.changes
    return uow.changes


def _is_duplicate_key(exc: IntegrityError) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "dedupe_key" in text


def _undo_said(outcome: Written, said: tuple[int, int]) -> None:
    outcome.changes = []
    outcome.effect = None
    del outcome.warnings[said[0]:]
    del outcome.created_units[said[1]:]


def write_failed(outcome: Written, exc: SQLAlchemyError | DatabaseError,
                 said: tuple[int, int] | None = None, *, kind: str = BATCH_RETURNS) -> None:
    """The file's transaction was rolled back whole: it is refused, saying why; the other files
    of a batch go on."""
    _undo_said(outcome, said or (len(outcome.warnings), len(outcome.created_units)))
    outcome.outcome = REFUSED
    outcome.batch_id = None
    outcome.touched = Changes()
    message = str(exc) if isinstance(exc, DatabaseError) else write_failure(exc, kind)
    outcome.errors.append(Problem(message, file=outcome.name))


# What a clash with a colleague's simultaneous write concerned, by kind of import.
_CLASHED_WITH = {BATCH_RETURNS: "这个单位本期的报送"}


def write_failure(exc: SQLAlchemyError, kind: str = BATCH_RETURNS) -> str:
    if is_busy(exc):
        return BUSY_MESSAGE
    if isinstance(exc, IntegrityError):
        what = _CLASHED_WITH.get(kind, "同一批记录")
        return (f"另一位同事同时导入了{what}，为免重复，这个文件没有导入。"
                "请在“导入记录”中核对后，再重新导入这个文件。")
    reason = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
    return (f"写入数据库时出错（{reason}），这个文件没有导入，其他文件不受影响。"
            "请把这条信息告诉维护人员。")
