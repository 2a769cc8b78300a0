"""What a write changed, computed by the core from the session itself.

Every write use case runs in :func:`unit_of_work`, which watches the session's flushes (the new,
changed and deleted objects, and ORM bulk statements) and, once the transaction has committed,
says which parts of the office it touched: assignments (and of which tasks), units, indicators,
the import history, documents, settings. The desktop app maps a :class:`Changes` to refreshes of
exactly those views; no caller has to guess what a service wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, or_, select
from sqlalchemy.orm import Session

from ..domain.changes import Changes
from ..models import (
    Assignment,
    CollectiveMember,
    DeadlineExtension,
    Department,
    DepartmentAlias,
    ImportBatch,
    Indicator,
    IndicatorValue,
    Plan,
    ProgressEntry,
    Section,
    Task,
)
from ..models.audit import Setting

__all__ = ["ChangeRecorder", "Changes", "UnitOfWork", "recorded", "unit_of_work"]


@dataclass
class _Seen:
    """The raw facts gathered at flush time; turned into :class:`Changes` after the commit."""

    task_ids: set[int] = field(default_factory=set)
    assignment_ids: set[int] = field(default_factory=set)
    removed_ids: set[int] = field(default_factory=set)
    every_task: bool = False
    directory: bool = False
    indicators: bool = False
    batches: bool = False
    documents: bool = False
    settings: bool = False

    def object(self, obj: Any, session: Session, *, deleted: bool = False, new: bool = False) -> None:
        if isinstance(obj, Assignment):
            self._task_of(obj)
            if deleted:
                self.removed_ids.add(obj.id)
            # A unit's assignment counts change when one is added, removed or moved to another unit.
            if new or deleted or _modified(session, obj, "department_id"):
                self.directory = True
        elif isinstance(obj, DeadlineExtension):
            # An extension moves the date its assignment's light uses: that row is what changed.
            if obj.assignment_id is not None:
                self.assignment_ids.add(obj.assignment_id)
            elif obj.assignment is not None:
                self._task_of(obj.assignment)
        elif isinstance(obj, ProgressEntry):
            if obj.assignment is not None:
                self._task_of(obj.assignment)
            elif obj.assignment_id is not None:
                self.assignment_ids.add(obj.assignment_id)
        elif isinstance(obj, Department | DepartmentAlias | CollectiveMember):
            self.directory = True
            # A unit's name or category shows (and decides who owes a return) on every row.
            if isinstance(obj, Department) and not new and (
                    deleted or _modified(session, obj, "name") or _modified(session, obj, "category")):
                self.every_task = True
        elif isinstance(obj, Indicator | IndicatorValue):
            self.indicators = True
        elif isinstance(obj, ImportBatch):
            self.batches = True
        elif isinstance(obj, Plan | Section | Task):
            self.documents = True
            self.every_task = True
        elif isinstance(obj, Setting):
            self.settings = True
        # ChangeLog rows are the record of a change, not a change a view shows.

    def _task_of(self, assignment: Assignment) -> None:
        # Before its first flush a new assignment knows its task only through the relationship.
        task_id = assignment.task_id if assignment.task_id is not None else (
            assignment.task.id if assignment.task is not None else None)
        if task_id is not None:
            self.task_ids.add(task_id)
        elif assignment.id is not None:
            self.assignment_ids.add(assignment.id)
        else:
            self.every_task = True

    def bulk(self, table: str, params: list[dict]) -> None:
        """A bulk INSERT/UPDATE/DELETE (ORM or Core): the rows it names by their parameters where
        it says them (progress entries by assignment, assignments by id), else the whole kind."""
        if table in ("assignments", "progress_entries", "deadline_extensions"):
            key = "aid" if table == "assignments" else "assignment_id"
            ids = {p.get(key) for p in params}
            if params and None not in ids:
                self.assignment_ids |= ids  # type: ignore[arg-type]
            else:
                self.every_task = True
        elif table in ("departments", "department_aliases", "collective_members"):
            self.directory = True
        elif table in ("indicators", "indicator_values"):
            self.indicators = True
        elif table == "import_batches":
            self.batches = True
        elif table in ("plans", "sections", "tasks"):
            self.documents = self.every_task = True
        elif table == "settings":
            self.settings = True
        elif table != "change_log":
            self.every_task = True  # an unknown kind: refresh rather than show stale rows


def _modified(session: Session, obj: Any, attribute: str) -> bool:
    from sqlalchemy import inspect

    history = inspect(obj).attrs[attribute].history
    return bool(history.added or history.deleted) and session.is_modified(obj)


class ChangeRecorder:
    """Listens to one session's flushes; :meth:`changes` reads the result after the commit."""

    def __init__(self, session: Session):
        self.session = session
        self.seen = _Seen()
        self._task_nos: set[int] | None = None
        event.listen(session, "before_flush", self._before_flush)
        event.listen(session, "do_orm_execute", self._orm_execute)

    def _before_flush(self, session: Session, _context, _instances) -> None:
        for obj in session.new:
            self.seen.object(obj, session, new=True)
        for obj in session.dirty:
            if session.is_modified(obj):
                self.seen.object(obj, session)
        for obj in session.deleted:
            self.seen.object(obj, session, deleted=True)

    def _orm_execute(self, state) -> None:
        if not (state.is_insert or state.is_update or state.is_delete):
            return
        table = getattr(state.statement, "table", None)
        params = state.parameters
        rows = params if isinstance(params, list) else ([params] if params else [])
        self.seen.bulk(getattr(table, "name", ""), [dict(r) for r in rows])

    def resolve(self) -> None:
        """Turns the assignment and task ids into task numbers (called before the commit, while
        the session can still read its own writes)."""
        self.session.flush()
        seen = self.seen
        wanted = []  # one statement (on a server over the network each costs a round trip)
        if seen.task_ids:
            wanted.append(Task.id.in_(seen.task_ids))
        if seen.assignment_ids:
            wanted.append(Task.id.in_(select(Assignment.task_id).where(Assignment.id.in_(seen.assignment_ids))))
        self._task_nos = set(self.session.scalars(select(Task.no).where(or_(*wanted)).distinct())) \
            if wanted else set()

    def detach(self) -> None:
        event.remove(self.session, "before_flush", self._before_flush)
        event.remove(self.session, "do_orm_execute", self._orm_execute)

    def changes(self) -> Changes:
        seen = self.seen
        task_nos = self._task_nos or set()
        touched_rows = seen.every_task or bool(task_nos) or bool(seen.removed_ids)
        return Changes(
            assignments=touched_rows or seen.settings,
            task_nos=set() if seen.every_task or seen.settings else task_nos,
            removed_ids=set(seen.removed_ids), directory=seen.directory, indicators=seen.indicators,
            batches=seen.batches, documents=seen.documents, settings=seen.settings,
        )


class UnitOfWork:
    """The session of one write use case and, after it committed, what it changed."""

    def __init__(self, session: Session, recorder: ChangeRecorder):
        self.session = session
        self._recorder = recorder
        self.changes = Changes()


@contextmanager
def unit_of_work(db) -> Iterator[UnitOfWork]:
    """One write transaction (all or nothing, see ``Database.writing``) whose changes are
    recorded: ``uow.changes`` is filled in once it has committed, and stays empty on failure."""
    with db.writing() as session:
        recorder = ChangeRecorder(session)
        uow = UnitOfWork(session, recorder)
        try:
            yield uow
            recorder.resolve()
        finally:
            recorder.detach()
    uow.changes = recorder.changes()


def recorded(session: Session) -> ChangeRecorder:
    """A recorder on a session a caller already holds (for services that are handed a session)."""
    return ChangeRecorder(session)
