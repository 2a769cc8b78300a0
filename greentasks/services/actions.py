"""The changes a clerk makes by hand, each one use case that owns its transaction and says what
it changed (a :class:`Done`: the use case's value and the :class:`Changes` computed from the
session). The desktop app runs these on a worker thread and refreshes from the changes; the
command line calls the same functions. No caller opens a transaction of its own.

The building blocks they use take a session (services.assignments, services.units,
services.progress, services.directory), so that importers can compose them in their own
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from ..domain.changes import Done
from ..domain.rules import can_confirm, can_send_back
from ..models import Assignment
from .audit import Actor
from .changes import unit_of_work

__all__ = ["Done"]  # and the use cases below


def _by_hand(note: str = "") -> Actor:
    return Actor.by_hand(note)


# -- assignments ---------------------------------------------------------------------------------

def add_assignment(db, task_no: int, department_id: int, role: str, measure: str, deadline: str, *,
                   plan: str | None = None) -> Done[int]:
    """A new assignment added in the 分工 view to task ``task_no`` of ``plan`` (a 文号; the
    built-in plan when None); the value is its id (shown selected after)."""
    from .assignments import add_assignment as add

    with unit_of_work(db) as uow:
        new_id = add(uow.session, _by_hand(), task_no, department_id, role, measure, deadline, plan=plan).id
    uow.changes.select_id = new_id
    return Done(uow.changes, new_id)


def edit_assignment(db, assignment_id: int, loaded_version: int, **edit: Any) -> Done[None]:
    """The side panel's edit, refused with both values if a colleague saved it meanwhile."""
    from .assignments import AssignmentEdit
    from .assignments import edit_assignment as edit_one

    with unit_of_work(db) as uow:
        edit_one(uow.session, _by_hand(), assignment_id, loaded_version, AssignmentEdit(**edit))
    uow.changes.select_id = assignment_id
    return Done(uow.changes)


def remove_assignments(db, items: list[tuple[int, int | None]]) -> Done[int]:
    """Removes assignments given as (id, the version the clerk saw); all or none."""
    from .assignments import remove_assignment

    with unit_of_work(db) as uow:
        for assignment_id, version in items:
            remove_assignment(uow.session, _by_hand(), assignment_id, version)
    return Done(uow.changes, len(items))


def confirm_completions(db, assignment_ids: list[int], actor: Actor | None = None) -> Done[int]:
    """销号 of the pending completions among ``assignment_ids`` (unknown ids are passed over);
    the value is how many were confirmed."""
    from .progress import confirm_completion

    actor = actor or _by_hand()
    with unit_of_work(db) as uow:
        count = 0
        for aid in assignment_ids:
            assignment = uow.session.get(Assignment, aid)
            if assignment is None:
                continue
            # A collective's line is 待销号 while any member's share is: 销号 there closes those.
            for one in [assignment, *_shares(uow.session, assignment)]:
                if can_confirm(one.status, one.closure):
                    count += confirm_completion(uow.session, actor, one)
    return Done(uow.changes, count)


def _shares(session, assignment: Assignment) -> list[Assignment]:
    if assignment.parent_id is not None:
        return []
    return list(session.scalars(select(Assignment).where(Assignment.parent_id == assignment.id)))


def send_back(db, assignment_ids: list[int], reason: str, actor: Actor | None = None) -> Done[int]:
    """退回 of the completions among ``assignment_ids``, with the reason in the history."""
    from .progress import send_back as send_back_one

    actor = actor or _by_hand()
    with unit_of_work(db) as uow:
        count = 0
        for aid in assignment_ids:
            assignment = uow.session.get(Assignment, aid)
            if assignment is not None and can_send_back(assignment.status):
                count += send_back_one(uow.session, actor, assignment, reason)
    return Done(uow.changes, count)


# -- units ---------------------------------------------------------------------------------------

def save_unit(db, department_id: int, *, category: str | None = None, contact: str | None = None,
              phone: str | None = None, new_aliases: list[str] | None = None,
              email: str | None = None) -> Done[None]:
    from .collectives import sync_shares
    from .units import UnitEdit, update_unit

    actor = _by_hand()
    with unit_of_work(db) as uow:
        update_unit(uow.session, actor, department_id, UnitEdit(
            category=category, contact=contact, phone=phone, email=email, new_aliases=list(new_aliases or [])))
        sync_shares(uow.session, actor)  # a category decides collectives and default members
    return Done(uow.changes)


def add_unit(db, name: str, category: str, contact: str = "", phone: str = "",
             aliases: list[str] | None = None, email: str = "") -> Done[int]:
    from .collectives import sync_shares
    from .units import add_unit as add

    actor = _by_hand()
    with unit_of_work(db) as uow:
        new_id = add(uow.session, actor, name, category, contact, phone, aliases, email).id
        sync_shares(uow.session, actor)  # a new town is a default member of 各乡镇（街道）
    return Done(uow.changes, new_id)


def merge_units(db, keep_id: int, drop_id: int) -> Done[int]:
    """The value is the number of assignments moved to the unit kept."""
    from .collectives import sync_shares
    from .units import merge_units as merge

    actor = _by_hand()
    with unit_of_work(db) as uow:
        moved = merge(uow.session, actor, keep_id, drop_id)
        sync_shares(uow.session, actor)
    return Done(uow.changes, moved)


@dataclass
class UnitChoiceDone:
    """What became of one unknown name the clerk mapped: an alias of ``unit``, or a new unit."""

    name: str
    unit: str
    created: bool


@dataclass
class UnitChoices:
    done: list[UnitChoiceDone] = field(default_factory=list)


def save_unit_choices(db, choices: dict[str, int | str | tuple[str, str]], note: str = "") -> Done[UnitChoices]:
    """Saves in one transaction what the clerk chose for names the directory did not know (an
    alias of the chosen unit, or a new unit). A name known meanwhile (a colleague mapped it)
    gets no line: nothing was written for it."""
    from ..domain.unitnames import saved_name
    from .directory import ALIAS, CREATED, DirectoryIndex, apply_unit_choice

    result = UnitChoices()
    actor = _by_hand(note)
    with unit_of_work(db) as uow:
        index = DirectoryIndex(uow.session)
        for name, choice in choices.items():
            if index.resolve(name) is not None:
                continue  # the name as written, note included, is known meanwhile
            clean = saved_name(name, index.bracket_names())
            dep, action = apply_unit_choice(uow.session, actor, clean, choice, index)
            if action in (CREATED, ALIAS):
                result.done.append(UnitChoiceDone(clean, dep.name, created=action == CREATED))
        if any(d.created for d in result.done):
            from .collectives import sync_shares

            sync_shares(uow.session, actor)  # a new unit may be a default member of a collective
    return Done(uow.changes, result)


# -- office settings -----------------------------------------------------------------------------

def save_office_settings(db, *, warn_days: int | None = None, cycle: str | None = None,
                         report_allowance: int | None = None) -> Done[None]:
    """The office-wide warning window, reporting cycle and reporting allowance (报送宽限天数,
    0–27: the day a past period is seen as of, docs/periods.md#as-of), logged like any change."""
    from ..domain.asof import MAX_ALLOWANCE_DAYS
    from ..errors import UsageError
    from .settings import ALLOWANCE, CYCLE, WARN_DAYS, set_setting

    if report_allowance is not None and not 0 <= int(report_allowance) <= MAX_ALLOWANCE_DAYS:
        raise UsageError(f"报送宽限天数应为0到{MAX_ALLOWANCE_DAYS}天，“{report_allowance}”不在此范围内。")
    with unit_of_work(db) as uow:
        if warn_days is not None:
            set_setting(uow.session, WARN_DAYS, str(int(warn_days)), _by_hand())
        if cycle is not None:
            set_setting(uow.session, CYCLE, cycle, _by_hand())
        if report_allowance is not None:
            set_setting(uow.session, ALLOWANCE, str(int(report_allowance)), _by_hand())
    return Done(uow.changes)


def extend_plan_horizon(db, horizon: date, actor: Actor | None = None, *, plan: str | None = None) -> Done[bool]:
    """延长规划期 (or bring it back) — the window's button and ``greentasks set-horizon``: the
    value says whether the date changed (logged like any setting); recurring deadlines and
    every light may change with it."""
    from .settings import set_plan_horizon

    with unit_of_work(db) as uow:
        changed = set_plan_horizon(uow.session, horizon, actor or _by_hand(), plan=plan)
    return Done(uow.changes, changed)


# -- indicators ----------------------------------------------------------------------------------

def set_indicator_value(db, indicator_id: int, year: int, value: str | float | int | None) -> Done[bool]:
    """A yearly value typed in 指标 (or cleared); the value says whether anything changed."""
    from .indicator_values import record_indicator_value

    with unit_of_work(db) as uow:
        changed = record_indicator_value(uow.session, _by_hand(), indicator_id, year, value)
    return Done(uow.changes, changed)
