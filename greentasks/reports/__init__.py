"""Printed reports as plain data (no Qt): what each report says, built from the services.

``build_report(session, ctx, kind, department=...)`` returns a :class:`Report`;
``ui.printing`` lays it out on paper (preview, printer or PDF).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Cell, Column, Group, Part, Report, Row, Signature, SignatureBlock, Table

# kind → what the clerk chooses from (menus, --kind help).
KINDS: dict[str, str] = {
    "full": "重点任务推进情况表（全部）",
    "unit": "单位分工及推进情况表",
    "overdue": "逾期事项清单",
    "missing": "未报送单位清单（催报）",
    "notice": "督办单（红/黄/蓝）",
    "scores": "考评排名表",
}
if TYPE_CHECKING:  # kept off the import path: the CLI reads KINDS for every command's --help
    from sqlalchemy.orm import Session

    from ..services.queries import Context

NEEDS_UNIT = {"unit"}  # a unit must be named
TAKES_UNIT = {"unit", "notice"}  # a unit may be named

__all__ = [
    "KINDS",
    "NEEDS_UNIT",
    "TAKES_UNIT",
    "Cell",
    "Column",
    "Group",
    "Part",
    "Report",
    "Row",
    "Signature",
    "SignatureBlock",
    "Table",
    "build_report",
]


def build_report(session: Session, ctx: Context, kind: str, *, department: str | None = None,
                 scope: str = "period", office: str | None = None) -> Report:
    """The report of ``kind`` (a key of KINDS) for the context's plan, period and today.

    ``department`` is a unit's full name (resolve aliases first); required for ``unit``,
    optional for ``notice``; ``scope`` ("period" or "plan") only matters for ``scores``;
    ``office`` is the office that compiles (and, for a notice, issues) it: the office's setting
    (services.settings.office_name) when None.
    """
    from .common import office_of

    office = office_of(session, office)
    if kind == "full":
        from .status import full_report

        return full_report(session, ctx, office)
    if kind == "unit":
        if not department:
            raise ValueError("unit report needs a department")
        from .status import unit_report

        return unit_report(session, ctx, department, office)
    if kind == "overdue":
        from .status import overdue_report

        return overdue_report(session, ctx, office)
    if kind == "missing":
        from .status import missing_report

        return missing_report(session, ctx, office)
    if kind == "notice":
        from .notices import notices_report

        return notices_report(session, ctx, department, office=office)
    if kind == "scores":
        from .ranking import scores_report

        return scores_report(session, ctx, scope=scope, office=office)
    raise ValueError(f"unknown report kind {kind!r}")
