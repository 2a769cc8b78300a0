"""What a write changed, as a plain value: the core computes it (services.changes, from the
session itself) and the desktop app maps it to refreshes of exactly the views it concerns.

Kept free of database imports so that the first window can use it before the core is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Changes:
    """What an operation changed, so that each view decides whether and what to refresh."""

    assignments: bool = False  # assignment rows (statuses, lights, counts) changed
    task_nos: set[int] = field(default_factory=set)  # …only these tasks' rows (empty: all of them)
    removed_ids: set[int] = field(default_factory=set)
    directory: bool = False
    indicators: bool = False
    batches: bool = False  # the import history
    documents: bool = False
    settings: bool = False  # warning window, cycle, horizon: every light may change
    database: bool = False  # another database, or reloaded from scratch
    select_id: int | None = None  # an assignment to show after the refresh (e.g. a new one)

    @classmethod
    def everything(cls) -> Changes:
        return cls(assignments=True, directory=True, indicators=True, batches=True, documents=True,
                   settings=True, database=True)

    @property
    def rows_all(self) -> bool:
        """True when every row must be queried again, not just some tasks' rows."""
        return self.database or self.settings or (self.assignments and not self.task_nos)

    def any(self) -> bool:
        return any((self.assignments, self.directory, self.indicators, self.batches, self.documents,
                    self.settings, self.database))

    def merge(self, other: Changes) -> Changes:
        every_task = (self.assignments and not self.task_nos) or (other.assignments and not other.task_nos)
        return Changes(
            assignments=self.assignments or other.assignments,
            task_nos=set() if every_task else self.task_nos | other.task_nos,
            removed_ids=self.removed_ids | other.removed_ids, directory=self.directory or other.directory,
            indicators=self.indicators or other.indicators, batches=self.batches or other.batches,
            documents=self.documents or other.documents, settings=self.settings or other.settings,
            database=self.database or other.database, select_id=other.select_id or self.select_id,
        )



@dataclass
class Done(Generic[T]):
    """What a use case returns: its value (a count, a new id, lines to show) and its changes."""

    changes: Changes
    value: T = None  # type: ignore[assignment]
