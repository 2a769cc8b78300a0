"""The data the views show, loaded and refreshed off the UI thread.

The backend owns the :class:`greentasks.db.Database` in use and a :class:`Snapshot` of plain rows
from the core's services. Nothing here imports SQLAlchemy at module level, so the window is
painted before the core is loaded: :meth:`Backend.open` imports it in a worker.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from .workers import Changes, CollectionOp, OpContext, QueryOp

if TYPE_CHECKING:
    from greentasks.services.dashboard import Overview


@dataclass
class Snapshot:
    overview: Overview | None = None
    tasks: list[dict] = field(default_factory=list)
    units: list[Any] = field(default_factory=list)  # services.units.UnitRow
    indicators: list[Any] = field(default_factory=list)  # services.indicator_values.IndicatorRow
    documents: list[Any] = field(default_factory=list)  # services.catalog.DocumentEntry
    batches: list[Any] | None = None  # services.undo.BatchInfo; None until first loaded
    warn_days: int = 30
    cycle: str = "quarter"


def load_snapshot(db, today: date, changes: Changes, previous: Snapshot | None) -> Snapshot:
    """Runs in a worker: query again what ``changes`` names, keep the rest."""
    from greentasks.services import dashboard
    from greentasks.services.settings import reporting_cycle, warn_days

    snap = copy.copy(previous) if previous is not None else Snapshot()
    first = previous is None or previous.overview is None
    with db.session() as session:
        if first or changes.settings or changes.database:
            snap.warn_days = warn_days(session)
            snap.cycle = reporting_cycle(session)
        if first or changes.rows_all:
            snap.overview = dashboard.load_overview(session, today)
        elif changes.assignments:
            snap.overview = dashboard.reload_tasks(session, previous.overview, changes.task_nos, changes.removed_ids)
        if first or changes.database:
            from greentasks.services.catalog import document_register, task_list

            snap.tasks = task_list(session)
            snap.documents = document_register(session)
        elif changes.documents:
            from greentasks.services.catalog import document_register

            snap.documents = document_register(session)
        if first or changes.database or changes.directory or changes.assignments:
            from greentasks.services.units import unit_rows

            snap.units = unit_rows(session)
        if first or changes.database or changes.indicators:
            from greentasks.services.indicator_values import indicator_rows

            snap.indicators = indicator_rows(session)
        if first or changes.database or changes.batches:
            snap.batches = _batches(session)
    return snap


def _batches(session) -> list:
    from greentasks.services.undo import batch_history

    return batch_history(session)


class Backend(QObject):
    """The database in use, "today", and the latest snapshot; ``changed`` tells the views."""

    changed = Signal(object)  # Changes, after the snapshot was updated
    open_failed = Signal(str)

    def __init__(self, today: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.today = today or date.today()
        self.db = None
        self.snapshot = Snapshot()
        self.error: str | None = None
        self._pending: Changes | None = None
        self._loading = False
        CollectionOp.after_change = self.refresh

    # -- state --------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.db is not None and self.snapshot.overview is not None

    @property
    def overview(self) -> Overview | None:
        return self.snapshot.overview

    def describe(self) -> str:
        return self.db.describe() if self.db is not None else ""

    # -- opening ------------------------------------------------------------------------------
    def open(self, target: str | None, parent: QWidget | None = None) -> None:
        today = self.today

        def op(_ctx: OpContext):
            from greentasks.services.startup import open_database

            db = open_database(target)
            try:
                return db, load_snapshot(db, today, Changes.everything(), None)
            except BaseException:
                db.dispose()
                raise

        def opened(result) -> None:
            old = self.db
            self.db, self.snapshot = result
            self.error = None
            if old is not None and old is not self.db:
                old.dispose()
            self.changed.emit(Changes.everything())

        def failed(exc: BaseException) -> None:
            from greentasks.errors import GreentasksError

            self.error = str(exc) if isinstance(exc, GreentasksError) else f"{exc.__class__.__name__}: {exc}"
            self.open_failed.emit(self.error)

        QueryOp(parent, op, success=opened, failure=failed).run_in_background()

    def close(self) -> None:
        if self.db is not None:
            self.db.dispose()
            self.db = None

    # -- refreshing ---------------------------------------------------------------------------
    def refresh(self, changes: Changes | None = None) -> None:
        """Query again what ``changes`` names (everything by default), then emit ``changed``."""
        changes = changes or Changes.everything()
        if self.db is None:
            return
        if self._loading:  # one refresh at a time; the next one covers what came in meanwhile
            self._pending = changes if self._pending is None else self._pending.merge(changes)
            return
        self._loading = True
        db, today, previous = self.db, self.today, self.snapshot

        def done(snapshot: Snapshot) -> None:
            self._loading = False
            self.snapshot = snapshot
            self.changed.emit(changes)
            self._next()

        def failed(exc: BaseException) -> None:
            self._loading = False
            from .workers import show_error

            show_error(None, exc)
            self._next()

        QueryOp(None, lambda _ctx: load_snapshot(db, today, changes, previous), success=done,
                failure=failed).run_in_background()

    def _next(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.refresh(pending)

    # -- running ops on this database ---------------------------------------------------------
    def query(self, parent: QWidget | None, fn: Callable[[OpContext], Any],
              success: Callable[[Any], None] | None = None) -> QueryOp:
        op = QueryOp(parent, fn, success=success)
        op.using(self.db)
        return op

    def collection(self, parent: QWidget | None, fn: Callable[[OpContext], Any],
                   success: Callable[[Any], None] | None = None) -> CollectionOp:
        op = CollectionOp(parent, fn, success=success)
        op.using(self.db)
        return op
