"""The data the views show, loaded and refreshed off the UI thread.

The backend owns the :class:`greentasks.db.Database` in use and a :class:`Snapshot` of plain rows
from the core's services. Nothing here imports SQLAlchemy at module level, so the window is
painted before the core is loaded: :meth:`Backend.open` imports it in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from greentasks.services.snapshot import Snapshot  # plain dataclasses: no database imports

from .workers import Changes, CollectionOp, OpContext, QueryOp

if TYPE_CHECKING:
    from greentasks.services.dashboard import Overview


def load_snapshot(db, today: date, changes: Changes, previous: Snapshot | None) -> Snapshot:
    """Runs in a worker (the core's services.snapshot, imported there, not at start-up)."""
    from greentasks.services.snapshot import load_snapshot as load

    return load(db, today, changes, previous)


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
