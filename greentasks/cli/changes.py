"""环比 on the command line (docs/cli.md#changes, docs/periods.md#changes): what changed in a
period since the period before it, or since any earlier period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import EXIT_OK, App, Handler, add_plan_option, chosen_plan, emit_json, period_arg
from .parser import AddCommand

if TYPE_CHECKING:
    from ..services.period_changes import PeriodChanges


def register(cmd: AddCommand) -> None:
    p = cmd("changes", "环比：与上期相比新完成、新销号、新滞后、新逾期、预警变化、连续未报送和进展与上期相同的分工")
    p.add_argument("--period", metavar="报送期", help="本期，如 2023Q2、2023年第二季度（默认：最近一个已结束的报送期）")
    p.add_argument("--since", metavar="报送期", help="与哪一期相比（默认：本期的上一期），须早于本期")
    add_plan_option(p)
    p.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_changes(app: App) -> int:
    from ..domain.periods import latest_ended
    from ..services import period_changes
    from ..services.settings import reporting_cycle

    period = period_arg(app.args.period)
    since = period_arg(app.args.since)
    plan = chosen_plan(app)
    db = app.ready_db()
    if period is None:
        with db.reading() as session:
            period = latest_ended(app.today, reporting_cycle(session))
    changes = period_changes.changes_for(db, period, since, today=app.today, plan=plan)
    if app.args.json:
        emit_json(changes.to_json())
    else:
        print("\n".join(plain_lines(changes)))
    return EXIT_OK


def plain_lines(changes: PeriodChanges) -> list[str]:
    """The comparison in a clerk's words: the headline, the shares, then each list."""
    lines = [changes.headline(), f"（{changes.days_words}。）", *changes.shares_lines()]
    for key, heading, items in changes.sections():
        if key == "unchanged_text":
            lines.extend(_streak_lines(changes))
        lines.append("")
        lines.append(f"{heading}（{len(items)}项）：" if items else f"{heading}：无")
        for i in items:
            what = "进展与上期相同" if key == "unchanged_text" else i.change
            note = f"  {i.note}" if i.note and key not in ("newly_completed", "newly_behind") else ""
            lines.append(f"  #{i.id} {i.label}  {what}{note}")
    return lines


def _streak_lines(changes: PeriodChanges) -> list[str]:
    units = changes.not_reported_streak
    heading = f"连续{changes.min_streak}期及以上未报送"
    lines = ["", f"{heading}（{len(units)}个单位）：" if units else f"{heading}：无"]
    lines += [f"  {u.department}  {u.words(changes.period)}，应报分工{u.owed}项" for u in units]
    return lines


COMMANDS: dict[str, Handler] = {"changes": cmd_changes}
