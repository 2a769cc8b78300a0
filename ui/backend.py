"""The data the views show, loaded and refreshed off the UI thread.

The backend owns the :class:`greentasks.db.Database` in use and a :class:`Snapshot` of plain rows
from the core's services. Nothing here imports SQLAlchemy at module level, so the window is
painted before the core is loaded: :meth:`Backend.open` imports it in a worker.

It also holds the 报送期 that 总览 and 分工 show (one choice for both views): the latest ended
period by default (``period`` None), or an earlier one, whose state is then read as of that period.
A change to the assignments made while a closed period is shown (an edit, 销号, 延期, an import)
is made today, so it cannot show in that period: the views go back to the latest period, where the
clerk sees what was just done, rather than seeming to have ignored it.
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
    from greentasks.domain.periods import Period
    from greentasks.services.dashboard import Overview


def load_snapshot(db, today: date, changes: Changes, previous: Snapshot | None, period: Period | None = None,
                  plan: str | None = None) -> Snapshot:
    """Runs in a worker (the core's services.snapshot, imported there, not at start-up)."""
    from greentasks.services.snapshot import load_snapshot as load

    return load(db, today, changes, previous, period, plan)


class Backend(QObject):
    """The database in use, "today", and the latest snapshot; ``changed`` tells the views."""

    changed = Signal(object)  # Changes, after the snapshot was updated
    open_failed = Signal(str)
    period_chosen = Signal(object, bool)  # the period now chosen (None: the latest), and whether an edit chose it
    comparison_changed = Signal()  # the snapshot's 与上期相比 arrived (or could not be made)
    plan_chosen = Signal(object)  # the 文号 of the document now shown (None: the built-in plan)
    lines_changed = Signal()  # 总览's line per document arrived

    def __init__(self, today: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.today = today or date.today()
        self.db = None
        self.snapshot = Snapshot()
        self.error: str | None = None
        self._pending: Changes | None = None
        self._loading = False
        self.period: Period | None = None  # what 总览 and 分工 show; None: the latest ended one
        self.plan: str | None = None  # the document every per-document view shows; None: the built-in plan
        self._comparing = False
        self._lining = False
        CollectionOp.after_change = self._after_change

    # -- state --------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.db is not None and self.snapshot.overview is not None

    @property
    def overview(self) -> Overview | None:
        """The newest state (the latest ended period), which every view but 总览 and 分工 shows."""
        return self.snapshot.overview

    @property
    def shown(self) -> Overview | None:
        """What 总览 and 分工 show: the state as of the chosen period."""
        return self.snapshot.shown

    @property
    def shows_closed_period(self) -> bool:
        """Whether the chosen period is closed: seen as of its reporting day, not today."""
        if self.period is None:
            return False
        from greentasks.domain.asof import AsOf

        snap = self.snapshot
        return not AsOf.of(self.period, self.today, snap.cycle, snap.allowance).open

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
            moved = self.period is not None
            self.period = None  # another database starts on its latest period
            if moved:
                self.period_chosen.emit(None, False)
            if self.plan is not None:  # and on the built-in plan
                self.plan = None
                self.plan_chosen.emit(None)
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
        db, today, previous, period, plan = self.db, self.today, self.snapshot, self.period, self.plan

        def done(snapshot: Snapshot) -> None:
            self._loading = False
            self.snapshot = snapshot
            if snapshot.plan != plan and self.plan == plan:
                # The document is no longer registered (its registration was undone): the built-in plan.
                self.plan = snapshot.plan
                self.plan_chosen.emit(self.plan)
            if snapshot.period is None and period is not None and self.period == period:
                # The loader fell back to the latest period (the cycle changed, or this is the latest).
                self.period = None
                self.period_chosen.emit(None, False)
            self.changed.emit(changes)  # the views see for themselves whether the shown rows moved
            self._next()

        def failed(exc: BaseException) -> None:
            self._loading = False
            from .workers import show_error

            show_error(None, exc)
            self._next()

        QueryOp(None, lambda _ctx: load_snapshot(db, today, changes, previous, period, plan), success=done,
                failure=failed).run_in_background()

    def _next(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.refresh(pending)

    # -- the period 总览 and 分工 show --------------------------------------------------------
    def set_period(self, period: Period | None) -> None:
        """Show ``period`` (a Period; None or the latest ended one: the default) in 总览 and 分工."""
        if period is not None and period == self.snapshot.default_period:
            period = None
        if period == self.period:
            return
        self.period = period
        self.period_chosen.emit(period, False)
        self.refresh(Changes())  # nothing changed in the database: only the chosen period is loaded

    # -- the document the views show -----------------------------------------------------------
    def set_plan(self, plan: str | None) -> None:
        """Show the document ``plan`` (a 文号; None: the built-in plan) in every per-document view:
        任务, 分工, 总览, 报送's templates, the ledger, reports, 通报, notices and 考评. It starts
        on its latest ended period."""
        if plan == self.plan:
            return
        self.plan = plan
        self.plan_chosen.emit(plan)
        if self.period is not None:
            self.period = None
            self.period_chosen.emit(None, False)
        self.refresh(Changes.everything())

    def _after_change(self, changes: Changes) -> None:
        """A write finished: refresh what it changed (CollectionOp.after_change)."""
        if changes.assignments and not (changes.settings or changes.database) and self.shows_closed_period:
            self.period = None
            self.period_chosen.emit(None, True)
        self.refresh(changes)

    def request_comparison(self) -> None:
        """Load the 与上期相比 of the shown period in a worker when the snapshot has none (总览
        asks while it is on the screen: a comparison reads several periods, and a clerk editing
        in 分工 should not wait for one after every save). One at a time; ``comparison_changed``
        follows, and a result made for rows reloaded meanwhile is dropped (总览 asks again)."""
        from greentasks.services.snapshot import comparison_period

        period = comparison_period(self.snapshot)
        if period is None or self._comparing or self.db is None:
            return
        self._comparing = True
        db, today, rows, plan = self.db, self.today, self.snapshot.shown, self.snapshot.plan

        def done(result) -> None:
            self._comparing = False
            # Made for the rows still shown (a refresh that reloaded them wants a new one).
            if self.snapshot.shown is rows and comparison_period(self.snapshot) == period:
                self.snapshot.comparison, self.snapshot.comparison_error = result
            self.comparison_changed.emit()

        def failed(exc: BaseException) -> None:
            from greentasks.errors import GreentasksError

            done((None, str(exc) if isinstance(exc, GreentasksError) else f"{exc.__class__.__name__}: {exc}"))

        def op(_ctx):
            from greentasks.services.snapshot import load_comparison

            return load_comparison(db, today, period, plan)

        QueryOp(None, op, success=done, failure=failed).run_in_background()

    def request_lines(self) -> None:
        """Load 总览's line per active document in a worker when the snapshot has none (总览 asks
        while it is on the screen); ``lines_changed`` follows. One at a time; lines made for rows
        reloaded meanwhile are dropped (总览 asks again)."""
        snap = self.snapshot
        if snap.lines is not None or self._lining or self.db is None or snap.overview is None:
            return
        self._lining = True
        db, today, period, known = self.db, self.today, snap.period, snap.shown

        def done(lines) -> None:
            self._lining = False
            if self.snapshot.shown is known and self.snapshot.lines is None:
                self.snapshot.lines = lines
                self.lines_changed.emit()
            elif self.snapshot.lines is None:
                self.request_lines()  # the rows were reloaded meanwhile: the lines again, for them

        def failed(exc: BaseException) -> None:
            self._lining = False
            from .workers import show_error

            show_error(None, exc)

        def op(_ctx):
            from greentasks.services.snapshot import load_lines

            return load_lines(db, today, period, known)

        QueryOp(None, op, success=done, failure=failed).run_in_background()

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
