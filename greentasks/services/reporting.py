"""A printed report as a clerk asks for it (docs/cli.md#report, the 打印 dialog): the kind, the
报送期, a unit by its name or an alias; and the choices the 打印 dialog offers. The command
line's ``report`` and the desktop app's dialog both build their report here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..db import Database
from ..domain.periods import Period
from ..errors import UsageError
from ..models import Department

if TYPE_CHECKING:
    from ..reports import Report


def resolve_unit(session: Session, name: str) -> Department:
    """The unit called ``name`` (its name or an alias, 发改委 for 区发展改革委); a name the
    directory does not know is a UsageError that names the closest units it does."""
    from .directory import DirectoryIndex

    index = DirectoryIndex(session)
    found = index.resolve(name)
    if found is None:
        raise UsageError(index.unknown_message(name))
    return found


def report_for(db: Database, today: date, kind: str, period: Period | None = None, department: str | None = None,
               scope: str = "period", *, plan: str | None = None) -> Report:
    """The report of ``kind`` (a key of reports.KINDS) for ``period`` (the latest ended one when
    None) as of ``today``; ``department`` as typed or chosen, ``scope`` for the scores only;
    ``plan`` a 文号 (the built-in plan when None). The report names the office that compiles it
    (the office's setting, services.settings.office_name)."""
    from ..reports import build_report
    from .queries import Context
    from .settings import office_name

    with db.reading() as session:
        unit = resolve_unit(session, department).name if department else None
        ctx = Context.load(session, today, period, plan=plan)
        return build_report(session, ctx, kind, department=unit, scope=scope, office=office_name(session))


@dataclass(frozen=True)
class ReportChoices:
    """What the 打印 dialog offers: recent periods (newest first) with the latest ended one
    chosen, and the units that have assignments, in the directory's category order."""

    periods: list[Period]
    default_period: Period
    units: list[str]


def report_choices(db: Database, today: date) -> ReportChoices:
    from ..domain.periods import latest_ended
    from ..domain.rules import category_sort_key
    from .dashboard import period_choices
    from .settings import reporting_cycle
    from .units import unit_rows

    with db.reading() as session:
        cycle = reporting_cycle(session)
        units = [u for u in unit_rows(session) if u.assignments]
    # Within a category the units that lead the most work come first.
    units.sort(key=lambda u: (category_sort_key(u.category)[0], -u.lead, u.name))
    return ReportChoices(period_choices(today, cycle), latest_ended(today, cycle), [u.name for u in units])


def unit_scores_for(db: Database, ctx, *, scope: str, rows=None) -> tuple[list, str]:
    """考评 as 总览's tab shows it: the scores of the context's period (or of the plan so far)
    from the rows already loaded, and the rules in words."""
    from .scores import ScoreRules, unit_scores

    with db.reading() as session:
        return unit_scores(session, ctx, scope=scope, rows=rows), ScoreRules().describe()
