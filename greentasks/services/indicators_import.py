"""Importing the indicators sheet: the yearly values filled in are matched to the plan's
indicators and recorded in one batch, all or nothing per file (a value left empty changes
nothing). Reading the sheet is ``excel.indicators_sheet.read_indicator_values``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..domain.text import fold
from ..errors import Problem
from ..excel.indicators_sheet import FilledSheet, read_indicator_values
from ..models import Indicator, IndicatorValue
from ..models.audit import BATCH_INDICATORS
from . import audit
from .audit import Actor
from .importing import BatchRecord, backup_before, open_import, plan_of, write_file
from .outcomes import REFUSED, FileOutcome, RowChange


@dataclass(frozen=True)
class ValueUpdate:
    indicator_id: int
    indicator: str  # its name, for the outcome
    year: int
    number: float
    text: str  # as written in the cell
    row: int  # Excel row number


def import_indicators(db: Database, path: Path, *, plan: str | None = None) -> FileOutcome:
    """Record the values of an indicators sheet for ``plan``'s indicators (a 文号; None: the
    built-in plan); refused as a whole if any row names no known indicator or any filled cell
    holds no number (what a number cell may hold: ``domain.numbers.parse_number``). A file that
    changes nothing leaves no batch behind; what it touched is ``outcome.touched``."""
    outcome, incoming = open_import(path)
    if incoming is None:
        return outcome
    path = outcome.path
    sheet, problems = read_indicator_values(incoming.book)
    if sheet is None:
        outcome.errors += problems
        return outcome
    with db.reading() as session:
        updates = match_indicators(session, sheet, path.name, outcome.errors, plan=plan)
    outcome.rows = len(updates)
    if outcome.errors:
        outcome.outcome = REFUSED
        return outcome
    backup_before(db, "指标")

    def apply(session: Session, actor: Actor, batch_id: int) -> bool:
        record_values(session, actor, batch_id, updates, outcome)
        return bool(outcome.changes)

    write_file(db, outcome, BatchRecord(BATCH_INDICATORS, path, incoming.digest, rows=len(updates)), apply)
    return outcome


def match_indicators(session: Session, sheet: FilledSheet, file: str, errors: list[Problem], *,
                     plan: str | None = None) -> list[ValueUpdate]:
    """The values to record, each matched to the plan's indicator by 序号 or, without one, by
    name; a row naming none adds its error, a row's cells that hold no number add theirs."""
    found = plan_of(session, plan)
    by_no = {i.no: i for i in session.scalars(select(Indicator).where(Indicator.plan_id == found.id))}
    by_name = {fold(i.name): i for i in by_no.values()}
    updates: list[ValueUpdate] = []
    for filled in sheet.rows:
        if filled.no is not None:
            indicator = by_no.get(filled.no)
        else:
            indicator = by_name.get(fold(filled.name)) if filled.name else None
        if indicator is None:
            if filled.no is not None:
                message = f"指标序号 {filled.no} 不存在（共{len(by_no)}项）。请核对序号。"
                column = sheet.no_column
            else:
                shown = filled.no_text or filled.name or "（空）"
                message = f"无法确定“{shown}”是哪一项指标。请填写指标序号（1–{len(by_no)}）或照抄指标名称。"
                column = sheet.no_column if sheet.no_column is not None else sheet.name_column
            errors.append(Problem(message, file=file, sheet=sheet.sheet, row=filled.row, column=column))
            continue
        errors += filled.problems
        updates += [ValueUpdate(indicator.id, indicator.name, v.year, v.number, v.text, filled.row)
                    for v in filled.values if v.number is not None]
    return updates


def record_values(session: Session, actor: Actor, batch_id: int, updates: list[ValueUpdate],
                  outcome: FileOutcome) -> None:
    """Records every new or changed value (logged, undoable by its batch); each goes into
    ``outcome.changes``. A value equal to the one recorded changes nothing."""
    existing = {(v.indicator_id, v.year): v for v in session.scalars(select(IndicatorValue))}
    for u in updates:
        current = existing.get((u.indicator_id, u.year))
        if current is None:
            current = IndicatorValue(indicator_id=u.indicator_id, year=u.year, value=u.number, value_text=u.text,
                                     batch_id=batch_id)
            session.add(current)
            session.flush()
            audit.log_created(session, actor, current)
            outcome.changes.append(RowChange(u.row, None, 0, "", u.indicator, str(u.year), "新增",
                                             [(f"{u.year}年", "", u.text)]))
        elif current.value != u.number:
            old = current.value_text or str(current.value)
            audit.set_field(session, actor, current, "value", u.number)
            audit.set_field(session, actor, current, "value_text", u.text)
            outcome.changes.append(RowChange(u.row, None, 0, "", u.indicator, str(u.year), "更新",
                                             [(f"{u.year}年", old, u.text)]))
