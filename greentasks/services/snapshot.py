"""What the desktop app's views show, as plain rows from the services, loaded in one reading
session and refreshed in part: :func:`load_snapshot` queries again only what a :class:`Changes`
names and keeps the rest of the previous snapshot.

总览 and 分工 show one period, the one chosen in their 报送期 selector (docs/periods.md#as-of):
by default the latest ended one with the newest state (``overview``, which every other view uses
too); another period chosen, its state as of that period as well (``chosen``). The comparison
with the period before it (环比) is loaded apart, by :func:`load_comparison`, once the views
have their rows: it reads several periods and must not hold up a refresh after an edit.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..collector import collector_paused
from ..domain.asof import DEFAULT_ALLOWANCE_DAYS
from ..domain.changes import Changes
from ..domain.periods import CYCLES, Period

if TYPE_CHECKING:
    from .dashboard import Overview
    from .period_changes import PeriodChanges


@dataclass
class Snapshot:
    overview: Overview | None = None  # the newest state, for the latest ended period
    tasks: list[dict] = field(default_factory=list)
    units: list[Any] = field(default_factory=list)  # services.units.UnitRow
    indicators: list[Any] = field(default_factory=list)  # services.indicator_values.IndicatorRow
    documents: list[Any] = field(default_factory=list)  # services.catalog.DocumentEntry
    batches: list[Any] | None = None  # services.undo.BatchInfo; None until first loaded
    warn_days: int = 30
    cycle: str = "quarter"
    allowance: int = DEFAULT_ALLOWANCE_DAYS  # 报送宽限天数
    periods: list[Period] = field(default_factory=list)  # the 报送期 selector's choices, newest first
    period: Period | None = None  # the period 总览 and 分工 show; None: the latest ended one
    chosen: Overview | None = None  # the state as of ``period`` (None while ``period`` is None)
    comparison: PeriodChanges | None = None  # 与上期相比 of the shown period (load_comparison)
    comparison_error: str = ""  # why there is no comparison, in words
    plan: str | None = None  # the 文号 of the document the views show; None: the built-in plan
    # 总览 over all documents: a line per active document (services.dashboard.DocumentLine);
    # None until load_lines brought them (after 总览 has its rows, like the comparison)
    lines: list[Any] | None = None

    @property
    def shown(self) -> Overview | None:
        """What 总览 and 分工 show: the state as of the chosen period, else the newest state."""
        return self.chosen if self.period is not None else self.overview

    @property
    def default_period(self) -> Period | None:
        """The latest ended period, which the selector starts on."""
        return self.overview.period if self.overview is not None else None


@collector_paused()
def load_snapshot(db, today: date, changes: Changes, previous: Snapshot | None,
                  period: Period | None = None, plan: str | None = None) -> Snapshot:
    """Runs in a worker: query again what ``changes`` names, keep the rest. ``period``: the one
    总览 and 分工 are to show (None, or the latest ended one: the newest state); a period not of
    the office's cycle (the cycle was changed meanwhile) falls back to None. ``plan``: the 文号 of
    the document the views show (None: the built-in plan); one no longer registered (an undone
    registration) falls back to None. Another document than the previous snapshot's loads all."""
    from greentasks.services import dashboard
    from greentasks.services.settings import plan_start, report_allowance, reporting_cycle, warn_days

    snap = copy.copy(previous) if previous is not None else Snapshot()
    with db.reading() as session:
        plan = _registered(session, plan)
        first = previous is None or previous.overview is None or previous.plan != plan
        snap.plan = plan
        if first or changes.settings or changes.database:
            snap.warn_days = warn_days(session)
            snap.cycle = reporting_cycle(session)
            snap.allowance = report_allowance(session)
            snap.periods = dashboard.plan_periods(plan_start(session, plan=plan), today, snap.cycle)
        if first or changes.rows_all:
            snap.overview = dashboard.load_overview(session, today, plan=plan)
        elif changes.assignments:
            snap.overview = dashboard.reload_tasks(session, previous.overview, changes.task_nos, changes.removed_ids)
        if period is not None and (period.kind != CYCLES[snap.cycle] or period == snap.default_period):
            period = None
        moved = first or period != previous.period or (period is not None and previous.chosen is None)
        snap.period = period
        if period is None:
            snap.chosen = None
        elif moved or changes.rows_all:
            snap.chosen = dashboard.load_overview(session, today, period, plan=plan)
        elif changes.assignments:
            snap.chosen = dashboard.reload_tasks(session, previous.chosen, changes.task_nos, changes.removed_ids)
        if moved or changes.rows_all or changes.assignments:
            snap.comparison, snap.comparison_error = None, ""  # load_comparison brings the new one
        if first or changes.database:
            from greentasks.services.catalog import document_register, task_list

            snap.tasks = task_list(session, plan=plan)
            snap.documents = document_register(session)
        elif changes.documents:
            from greentasks.services.catalog import document_register, task_list

            snap.documents = document_register(session)
            snap.tasks = task_list(session, plan=plan)  # a task's 责任领导 set by an import, or undone
        if first or moved or changes.rows_all or changes.assignments or changes.documents:
            snap.lines = None  # load_lines brings the new ones
        if first or changes.database or changes.directory or changes.assignments:
            from greentasks.services.units import unit_rows

            snap.units = unit_rows(session)
        if first or changes.database or changes.indicators:
            from greentasks.services.indicator_values import indicator_rows

            snap.indicators = indicator_rows(session)  # the built-in plan's annex
        if first or changes.database or changes.batches:
            snap.batches = _batches(session)
    return snap


def comparison_period(snap: Snapshot) -> Period | None:
    """The period whose 与上期相比 the snapshot wants (None: it has it, or has no rows yet)."""
    shown = snap.shown
    if shown is None or snap.comparison is not None or snap.comparison_error:
        return None
    return shown.period


@collector_paused()
def load_comparison(db, today: date, period: Period, plan: str | None = None
                    ) -> tuple[PeriodChanges | None, str]:
    """Runs in a worker: ``period`` compared with the one before it (services.period_changes), or
    None and the reason in words (a period before the plan's 成文日期)."""
    from greentasks.errors import UsageError
    from greentasks.services.period_changes import changes_for

    try:
        return changes_for(db, period, today=today, plan=plan), ""
    except UsageError as exc:
        return None, str(exc)


@collector_paused()
def load_lines(db, today: date, period: Period | None, known: Overview | None) -> list:
    """Runs in a worker: 总览's line per active document (services.dashboard.document_lines) for
    ``period``; ``known``: the overview the views show (its line is taken from it). Loaded apart,
    once 总览 has its rows: the other documents' rows are many in a district office."""
    from greentasks.services.dashboard import document_lines

    with db.reading() as session:
        return document_lines(session, today, period, known=known)


def _registered(session, plan: str | None) -> str | None:
    """``plan`` when it is still registered, else None (the built-in plan)."""
    if plan is None:
        return None
    from greentasks.errors import UsageError
    from greentasks.services.queries import resolve_plan

    try:
        return resolve_plan(session, plan).doc_no
    except UsageError:
        return None


def _batches(session) -> list:
    from greentasks.services.undo import batch_history

    return batch_history(session)
