"""One row per 具体工作 (task × work), as the ledger and the status sheets show it: the lead
unit's status and light, the cooperating units listed, their progress appended as 【单位】…

A collective (各乡镇（街道）) is one unit of its row, its members' shares rolled up in its own
(queries.roll_up): the shares are listed apart (the ledger's 分项 sheet, each member's sheet)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain import lights
from ..domain.text import fold
from ..domain.vocabulary import ROLE_LEAD
from .queries import AssignmentRow

_LIGHT_ORDER = {lights.RED: 0, lights.YELLOW: 1, lights.GREEN: 2}


@dataclass
class MeasureRow:
    task_no: int
    task_title: str
    section: str
    subsection: str
    measure: str
    leads: list[AssignmentRow] = field(default_factory=list)
    cooperating: list[AssignmentRow] = field(default_factory=list)

    @property
    def lead(self) -> AssignmentRow:
        return self.leads[0] if self.leads else self.cooperating[0]

    @property
    def all(self) -> list[AssignmentRow]:
        return [*self.leads, *self.cooperating]

    @property
    def status(self) -> str:
        return self.lead.status

    @property
    def light(self) -> str:
        # With several lead units, the row shows the most urgent of their lights.
        return min((a.light for a in (self.leads or self.cooperating)), key=_LIGHT_ORDER.__getitem__)

    @property
    def closure(self) -> str | None:
        return self.lead.closure

    @property
    def lead_names(self) -> str:
        return "、".join(a.department for a in self.leads)

    @property
    def cooperating_names(self) -> str:
        return "、".join(a.department for a in self.cooperating)

    @property
    def deadline_text(self) -> str:
        return self.lead.deadline_text

    @property
    def due(self) -> date | None:
        return self.lead.due

    @property
    def latest_period(self) -> str | None:
        periods = [a.latest_period for a in self.all if a.latest_period]
        return max(periods, key=_period_key) if periods else None

    @property
    def latest_reported_on(self) -> date | None:
        dates = [a.latest_reported_on for a in self.all if a.latest_reported_on]
        return max(dates) if dates else None

    def progress_text(self) -> str:
        """The lead's latest progress, then each other unit's as 【单位】… (a collective's: its
        members' roll-up, 已报送 21/34，已完成 9，滞后 3)."""
        parts: list[str] = []
        for a in self.all:
            text = _progress(a)
            if not text:
                continue
            if a is self.lead:
                parts.insert(0, text)
            else:
                parts.append(f"【{a.department}】{text}")
        return "\n".join(parts)

    def problems_text(self) -> str:
        return _joined(self.all, self.lead, "latest_problems")

    def next_steps_text(self) -> str:
        return _joined(self.all, self.lead, "latest_next_steps")


def _progress(a: AssignmentRow) -> str:
    """A row's latest progress; a collective's says first how its members stand."""
    text = a.latest_progress or ""
    if a.rollup and a.rollup not in text:
        text = f"各成员单位{a.rollup}。{text}" if text else a.rollup
    return text


def _joined(rows: list[AssignmentRow], lead: AssignmentRow, attr: str) -> str:
    parts = []
    for a in rows:
        text = getattr(a, attr)
        if text:
            parts.append(text if a is lead else f"【{a.department}】{text}")
    return "\n".join(parts)


def _period_key(code: str):
    from .progress import period_sort_key

    return period_sort_key(code)


def measure_rows(rows: list[AssignmentRow]) -> list[MeasureRow]:
    """The 具体工作 rows of ``rows``; the members' shares of a collective's work are in their
    collective's row (its roll-up), not rows of their own."""
    grouped: dict[tuple[int, str], MeasureRow] = {}
    for a in rows:
        if a.parent_id is not None:
            continue
        key = (a.task_no, fold(a.measure))
        item = grouped.get(key)
        if item is None:
            item = grouped[key] = MeasureRow(a.task_no, a.task_title, a.section, a.subsection, a.measure)
        (item.leads if a.role == ROLE_LEAD else item.cooperating).append(a)
    return list(grouped.values())
