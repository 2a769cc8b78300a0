"""The Excel commands of docs/cli.md#commands: import-plan, export-templates, import-returns,
export-ledger, export-indicators, import-indicators."""

from __future__ import annotations

from pathlib import Path

from .common import (
    EXIT_OK,
    EXIT_REFUSED,
    App,
    Handler,
    add_plan_option,
    check_exists,
    chosen_plan,
    output_file,
    output_folder,
    period_arg,
    print_outcome,
    say,
)
from .parser import AddCommand


def register(cmd: AddCommand) -> None:
    p = cmd("import-plan", "导入任务分工表（序号、重点任务、具体工作、牵头单位、配合单位、完成时限）")
    add_plan_option(p)
    p.add_argument("file", metavar="分工表文件", help="分工表文件（.xlsx/.xls/.csv 等）")
    p.add_argument("--create-departments", action="store_true", help="自动新建通讯录中没有的单位")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告将要做的改动，不写入")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("export-templates", "导出各单位的进展情况表模板")
    add_plan_option(p)
    p.add_argument("outdir", metavar="输出文件夹", help="保存模板的文件夹（不存在时新建），每个单位一个文件")
    p.add_argument("--period", required=True, metavar="报送期", help="报送期，如 2023Q1、2023年第一季度、2023-03")
    p.add_argument("--department", action="append", metavar="单位", help="只导出这个单位（可重复）")

    p = cmd("import-returns", "导入各单位报送的进展情况表（可给多个文件或文件夹）")
    add_plan_option(p)
    p.add_argument("paths", nargs="+", metavar="文件或文件夹", help="进展情况表文件，或存放它们的文件夹（可给多个）")
    p.add_argument("--period", metavar="报送期", help="文件中找不到报送期时使用的报送期")
    p.add_argument("--department", metavar="单位", help="文件中找不到填报单位时使用的单位")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告将要做的改动，不写入")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("export-ledger", "导出总台账（含统计和未报送工作表）")
    add_plan_option(p)
    p.add_argument("out", metavar="输出文件.xlsx", help="保存的 Excel 文件，文件名以 .xlsx 结尾")
    p.add_argument("--period", metavar="报送期", help="按该报送期查看当时的情况，如 2023Q1、2023年第一季度、2023-03（默认：最新情况，未报送按最近一个已结束的报送期）")

    p = cmd("export-indicators", "导出指标表")
    add_plan_option(p)
    p.add_argument("out", metavar="输出文件.xlsx", help="保存的 Excel 文件，文件名以 .xlsx 结尾")

    p = cmd("import-indicators", "导入指标表中各年度的数值")
    add_plan_option(p)
    p.add_argument("file", metavar="指标表文件", help="指标表文件（.xlsx/.xls 等）")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def _xlsx(path: str, what: str, example: str) -> Path:
    return output_file(path, ".xlsx", what, example)


def _exit_code(outcome: str) -> int:
    return EXIT_REFUSED if outcome == "refused" else EXIT_OK


def cmd_import_plan(app: App) -> int:
    from ..services.plan_import import import_plan

    check_exists([app.args.file])
    db = app.ready_db()
    outcome = import_plan(db, Path(app.args.file), plan=chosen_plan(app),
                          create_departments=app.args.create_departments, dry_run=app.args.dry_run)
    lines = outcome.lines()
    if outcome.unknown_units and not app.args.create_departments:
        lines.append("提示：通讯录中没有的单位，可在“单位”中添加（或设为已有单位的简称），"
                     "也可在命令后加 --create-departments 自动新建。")
    added = sum(1 for c in outcome.changes if c.action == "新增")
    changed = sum(1 for c in outcome.changes if c.action == "更新")
    if outcome.outcome in ("imported", "dry-run"):
        verb = "将" if app.args.dry_run else "已"
        lines.append(f"{verb}新增分工 {added} 条，修改 {changed} 条" + ("（预览，未写入）" if app.args.dry_run else "。"))
    return print_outcome(app, {"files": [outcome.to_json()]}, lines, _exit_code(outcome.outcome))


def cmd_export_templates(app: App) -> int:
    from ..domain.periods import require_period
    from ..services.exports import export_templates

    db = app.ready_db()
    plan = chosen_plan(app)
    outdir = output_folder(app.args.outdir)
    period = require_period(app.args.period)  # required: an empty --period "" is refused too
    written = export_templates(db, outdir, period, app.args.department, today=app.today, plan=plan)
    for path in written:
        print(path)
    say(f"已导出 {len(written)} 份进展情况表模板到：{app.args.outdir}")
    return EXIT_OK


def cmd_import_returns(app: App) -> int:
    from ..services.returns_import import import_returns

    check_exists(app.args.paths)
    period = period_arg(app.args.period)
    plan = chosen_plan(app)
    report = import_returns(app.ready_db(), app.args.paths, plan=plan, period=period,
                            department=app.args.department, dry_run=app.args.dry_run)
    lines: list[str] = []
    for f in report.files:
        lines += f.lines()
    lines += report.summary_lines()
    if report.backup:
        lines.append(f"导入前已自动备份数据库：{report.backup}")
    if not report.files:
        lines.append("没有找到可导入的进展情况表（.xlsx/.xls/.csv 等表格、.zip 压缩包或保存的邮件）。")
    return print_outcome(app, report.to_json(), lines, report.exit_code)


def cmd_export_ledger(app: App) -> int:
    from ..services.exports import export_ledger

    period = period_arg(app.args.period)
    plan = chosen_plan(app)
    out = export_ledger(app.ready_db(), _xlsx(app.args.out, "总台账", "总台账.xlsx"), period=period,
                        today=app.today, plan=plan)
    say(f"已导出总台账：{out}")
    return EXIT_OK


def cmd_export_indicators(app: App) -> int:
    from ..services.exports import export_indicators

    plan = chosen_plan(app)
    out = export_indicators(app.ready_db(), _xlsx(app.args.out, "指标表", "指标表.xlsx"), plan=plan)
    say(f"已导出指标表：{out}")
    return EXIT_OK


def cmd_import_indicators(app: App) -> int:
    from ..services.indicators_import import import_indicators

    check_exists([app.args.file])
    outcome = import_indicators(app.ready_db(), Path(app.args.file), plan=chosen_plan(app))
    lines = outcome.lines()
    if outcome.outcome == "imported":
        lines.append(f"已记录 {len(outcome.changes)} 个数值。")
    return print_outcome(app, {"files": [outcome.to_json()]}, lines, _exit_code(outcome.outcome))


COMMANDS: dict[str, Handler] = {
    "import-plan": cmd_import_plan,
    "export-templates": cmd_export_templates,
    "import-returns": cmd_import_returns,
    "export-ledger": cmd_export_ledger,
    "export-indicators": cmd_export_indicators,
    "import-indicators": cmd_import_indicators,
}
