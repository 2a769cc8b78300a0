"""What the desktop app's views show, as plain rows from the services, loaded in one reading
session and refreshed in part: :func:`load_snapshot` queries again only what a :class:`Changes`
names and keeps the rest of the previous snapshot."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.changes import Changes

if TYPE_CHECKING:
    from .dashboard import Overview


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
    with db.reading() as session:
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
