"""The ``report`` command of docs/cli.md#report: a printed report as a PDF (A4 landscape).

``report OUT.pdf [--kind full|unit|overdue|missing|notice|scores] [--period P] [--department NAME]``

The report comes from ``services.reporting`` (as the 打印 dialog's does); the drawing from
``ui.printing``, loaded only when the command runs (it needs Qt, on a machine without a display
the offscreen platform).
"""

from __future__ import annotations

from pathlib import Path

from ..reports import KINDS, NEEDS_UNIT, TAKES_UNIT
from .common import EXIT_OK, App, Handler, add_plan_option, chosen_plan, output_file, period_arg, say
from .parser import AddCommand


def register(cmd: AddCommand) -> None:
    p = cmd("report", "生成打印用的 PDF 报表：推进情况表、单位分工表、逾期清单、未报送清单、督办单、考评排名")
    p.add_argument("out", metavar="输出文件.pdf", help="保存的 PDF 文件，文件名以 .pdf 结尾")
    p.add_argument("--kind", choices=list(KINDS), default="full", metavar="种类",
                   help="报表种类：" + "；".join(f"{k} {v}" for k, v in KINDS.items()) + "（默认 full）")
    p.add_argument("--period", metavar="报送期", help="按该报送期查看当时的情况，如 2023Q1、2023年第一季度、2023-03（默认：最新情况，未报送按最近一个已结束的报送期）")
    p.add_argument("--department", metavar="单位", help="单位名称或简称（unit 必填；notice 只出这个单位的督办单）")
    add_plan_option(p)


def _check_unit_option(kind: str, department: str | None) -> None:
    from ..errors import UsageError

    if kind in NEEDS_UNIT and not department:
        raise UsageError("单位分工表需要指定单位：请加上 --department 单位名称，如 --department 区发展改革委。")
    if department and kind not in TAKES_UNIT:
        raise UsageError(f"--department 只能与 --kind unit 或 --kind notice 一起使用（{KINDS[kind]}是全区的报表）。")


def _write_pdf(report, out: Path) -> int:
    from ..errors import GreentasksError, UsageError

    try:
        from ui.printing import write_pdf
    except ImportError as exc:
        raise GreentasksError(f"无法生成 PDF：缺少打印组件（{exc.name or exc}）。请重新安装本程序。") from exc
    try:
        return write_pdf(report, out)
    except PermissionError as exc:
        raise UsageError(f"无法写入“{out}”：文件可能正被其他程序（如 PDF 阅读器）打开，或没有写入权限。"
                         "请关闭该文件后再试，或换一个文件名。") from exc


def cmd_report(app: App) -> int:
    from ..domain.periods import require_period
    from ..domain.planclock import cn_date
    from ..services.reporting import report_for

    kind = app.args.kind
    _check_unit_option(kind, app.args.department)
    out = output_file(app.args.out, ".pdf", "报表", "推进情况表.pdf")
    period = period_arg(app.args.period)
    plan = chosen_plan(app)
    report = report_for(app.ready_db(), app.today, kind, period, app.args.department, plan=plan)
    if report.is_empty:
        say(f"{report.empty_message}未生成文件。")
        return EXIT_OK
    pages = _write_pdf(report, out)
    count = f"，督办单{len(report.parts)}份" if kind == "notice" else ""
    label = require_period(report.period).label  # the period the report is of (the default one too)
    say(f"已生成{report.name}（{label}，截至{cn_date(report.as_of)}）：{out}（共{pages}页{count}）")
    return EXIT_OK


COMMANDS: dict[str, Handler] = {"report": cmd_report}
