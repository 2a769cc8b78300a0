"""The ``report`` command of docs/cli.md#report: a printed report as a PDF (A4 landscape).

``report OUT.pdf [--kind full|unit|overdue|missing|notice|scores] [--period P] [--department NAME]``

The report's content comes from ``greentasks.reports``; the drawing from ``ui.printing``, loaded
only when the command runs (it needs Qt, on a machine without a display the offscreen platform).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .reports import KINDS, NEEDS_UNIT, TAKES_UNIT


def register(cmd: Callable) -> None:
    p = cmd("report", "生成打印用的 PDF 报表：推进情况表、单位分工表、逾期清单、未报送清单、督办单、考评排名")
    p.add_argument("out", metavar="输出文件.pdf", help="保存的 PDF 文件，文件名以 .pdf 结尾")
    p.add_argument("--kind", choices=list(KINDS), default="full", metavar="种类",
                   help="报表种类：" + "；".join(f"{k} {v}" for k, v in KINDS.items()) + "（默认 full）")
    p.add_argument("--period", metavar="报送期", help="报送期，如 2023Q1、2023-03、2023H1（默认：最近一个已结束的报送期）")
    p.add_argument("--department", metavar="单位", help="单位名称或简称（unit 必填；notice 只出这个单位的督办单）")


def _out_pdf(path: str) -> Path:
    from .cli import output_file

    return output_file(path, ".pdf", "报表", "推进情况表.pdf")


def cmd_report(app) -> int:
    from .cli import _period_arg, _resolve_department, say
    from .errors import GreentasksError, UsageError
    from .reports import build_report
    from .services.queries import Context

    kind = app.args.kind
    if kind in NEEDS_UNIT and not app.args.department:
        raise UsageError("单位分工表需要指定单位：请加上 --department 单位名称，如 --department 区发展改革委。")
    if app.args.department and kind not in TAKES_UNIT:
        raise UsageError(f"--department 只能与 --kind unit 或 --kind notice 一起使用（{KINDS[kind]}是全区的报表）。")
    out = _out_pdf(app.args.out)
    period = _period_arg(app.args.period)
    with app.ready_db().session() as session:
        dep = _resolve_department(session, app.args.department)
        ctx = Context.load(session, app.today, period)
        report = build_report(session, ctx, kind, department=dep.name if dep else None)
    if report.is_empty:
        say(f"{report.empty_message}未生成文件。")
        return 0
    try:
        from ui.printing import write_pdf
    except ImportError as exc:
        raise GreentasksError(f"无法生成 PDF：缺少打印组件（{exc.name or exc}）。请重新安装本程序。") from exc
    try:
        pages = write_pdf(report, out)
    except PermissionError as exc:
        raise UsageError(f"无法写入“{out}”：文件可能正被其他程序（如 PDF 阅读器）打开，或没有写入权限。"
                         "请关闭该文件后再试，或换一个文件名。") from exc
    count = f"，督办单{len(report.parts)}份" if kind == "notice" else ""
    say(f"已生成{report.name}（{ctx.period.label}，截至{ctx.today.isoformat()}）：{out}（共{pages}页{count}）")
    return 0


COMMANDS: dict[str, Callable] = {"report": cmd_report}
