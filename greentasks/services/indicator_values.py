"""The annex's indicators with their yearly values, and recording a value by hand (logged)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db import Database
from ..domain.indicators import latest_value, progress
from ..domain.numbers import NotANumber, parse_number
from ..errors import GreentasksError
from ..models import Indicator, IndicatorValue
from . import audit
from .audit import Actor
from .queries import PlanArg, resolve_plan

YEARS = tuple(range(2021, 2026))


@dataclass
class IndicatorRow:
    id: int
    category: str
    no: int
    name: str
    unit: str
    target: float | None
    target_text: str
    departments: str
    values: dict[int, float | None] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # values recorded as text (e.g. 达标)

    @property
    def latest(self) -> tuple[int, float] | None:
        """The newest year with a number."""
        return latest_value(self.values)

    @property
    def progress(self) -> float | None:
        """The newest value as a share of the 2025 target."""
        return progress(self.target, self.values)

    def shown(self, year: int) -> str:
        value = self.values.get(year)
        if value is not None:
            return format_number(value)
        return self.texts.get(year, "")


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def indicator_rows(session: Session, plan: PlanArg = None) -> list[IndicatorRow]:
    """The annex indicators of a plan (the built-in one by default) with their yearly values."""
    plan = resolve_plan(session, plan)
    indicators = session.scalars(
        select(Indicator).where(Indicator.plan_id == plan.id).options(selectinload(Indicator.values))
        .order_by(Indicator.no)
    ).all()
    rows = []
    for i in indicators:
        row = IndicatorRow(i.id, i.category, i.no, i.name, i.unit, i.target_2025, i.target_text, i.departments)
        for v in i.values:
            if v.value is not None:
                row.values[v.year] = v.value
            elif v.value_text:
                row.texts[v.year] = v.value_text
        rows.append(row)
    return rows


def parse_value(text: str | float | int | None) -> float | None:
    """A clerk's entry: a number as :func:`greentasks.domain.numbers.parse_number` reads it (also
    written 35%, 1,234.5 or in full-width digits), the rule the indicators import uses too;
    '' or None clears the value. Anything else is refused with a message."""
    try:
        return parse_number(text)
    except NotANumber:
        if isinstance(text, int | float) and not isinstance(text, bool):
            raise GreentasksError("数值无效，请填写一个数字。") from None
        raw = str(text).strip()
        raise GreentasksError(f"“{raw}”不是数值。请只填写数字（单位见“单位”列），清空则删除该年的数值。") from None


def set_indicator_value(db: Database, indicator_id: int, year: int, value: str | float | int | None,
                        actor: Actor | None = None) -> bool:
    """Record (or clear, with '' or None) the value of an indicator for a year, in its own
    transaction; returns whether anything changed."""
    with db.writing() as session:
        return record_indicator_value(session, actor or Actor.by_hand(), indicator_id, year, value)


def record_indicator_value(session: Session, actor: Actor, indicator_id: int, year: int,
                           value: str | float | int | None) -> bool:
    """The value of an indicator for a year, set or cleared ('' or None); every change is
    logged with old and new value. Returns whether anything changed."""
    if year not in YEARS:
        raise GreentasksError(f"年份{year}不在{YEARS[0]}—{YEARS[-1]}年之间。")
    number = parse_value(value)
    text = format_number(number) if number is not None else ""
    indicator = session.get(Indicator, indicator_id)
    if indicator is None:
        raise GreentasksError("找不到这项指标，请刷新后再试。")
    row = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == indicator_id,
                                                     IndicatorValue.year == year))
    if row is None:
        if number is None:
            return False
        row = IndicatorValue(indicator_id=indicator_id, year=year, value=number, value_text=text)
        session.add(row)
        session.flush()
        audit.log_created(session, actor, row)
        return True
    changed = audit.set_field(session, actor, row, "value", number)
    changed |= audit.set_field(session, actor, row, "value_text", text)
    return changed
