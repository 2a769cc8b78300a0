"""领导批示 and 会议议定事项 on the command line (docs/documents.md#items): add-item, import-items,
export-items-template."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .common import EXIT_OK, EXIT_REFUSED, App, Handler, check_exists, output_file, print_outcome, say
from .parser import AddCommand

_UNKNOWN_HINT = ("提示：通讯录中没有的单位，可在“单位”中添加（或设为已有单位的简称），"
                 "也可在命令后加 --create-departments 自动新建。")


def _kind_arg(text: str) -> str:
    from ..services.items import kind_of

    kind = kind_of(text)
    if kind is None:
        raise argparse.ArgumentTypeError(f"类型“{text}”无法识别，请写“批示”（领导批示）或“会议”（会议议定事项）")
    return kind


def _class_arg(text: str) -> str:
    from ..services.items import class_of

    found = class_of(text)
    if not found:
        raise argparse.ArgumentTypeError(f"批示类别“{text}”无法识别，请写 批办性、指导性 或 参阅性")
    return found


def _day_arg(text: str) -> date:
    from ..excel.items_sheet import read_day

    day = read_day(text)
    if not isinstance(day, date):
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 2023-05-06 或 2023年5月6日")
    return day


def register(cmd: AddCommand) -> None:
    p = cmd("add-item", "登记一件领导批示或一项会议议定事项，像文件一样分解给单位、下发模板、跟踪到销号")
    p.add_argument("--kind", required=True, type=_kind_arg, metavar="类型", help="批示（领导批示）或 会议（会议议定事项）")
    p.add_argument("--from", dest="source", required=True, metavar="批示领导或会议",
                   help="批示领导（如 张区长），或会议名称（如 区政府第12次常务会议）")
    p.add_argument("--date", required=True, type=_day_arg, metavar="日期", help="批示日期或会议日期，如 2023-05-06")
    p.add_argument("--text", required=True, metavar="内容", help="批示原文，或议定事项原文")
    p.add_argument("--lead", action="append", default=[], metavar="牵头单位",
                   help="牵头单位（可重复，或用“、”分开；参阅性批示不填）")
    p.add_argument("--support", action="append", default=[], metavar="配合单位", help="配合单位（可重复，或用“、”分开）")
    p.add_argument("--deadline", metavar="完成时限", help="完成时限，如 2023年6月底前、2023-06-30、长期坚持")
    p.add_argument("--class", dest="item_class", type=_class_arg, metavar="批示类别",
                   help="批办性（默认）、指导性 或 参阅性（只供阅知：不分解、不需报送）；只用于领导批示")
    p.add_argument("--no", metavar="文号",
                   help="批办单编号或会议纪要文号（不给时按年度编号，如 领导批示〔2023〕第1号）")
    p.add_argument("--subject", metavar="事项简称", help="事项简称，用作标题（默认取内容的第一句）")
    p.add_argument("--leader", metavar="责任领导", help="负责督促落实的区领导（领导批示默认为批示领导）")
    p.add_argument("--create-departments", action="store_true", help="自动新建通讯录中没有的单位")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告将要登记的内容，不写入")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("import-items", "导入领导批示和会议议定事项登记表（同一次会议的各行登记为一次会议的各项议定事项）")
    p.add_argument("file", metavar="事项表文件", help="事项表文件（.xlsx/.xls/.csv 等），可先用 export-items-template 导出空白表")
    p.add_argument("--create-departments", action="store_true", help="自动新建通讯录中没有的单位")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告将要登记的内容，不写入")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("export-items-template", "导出空白的领导批示和会议议定事项登记表")
    p.add_argument("out", metavar="输出文件.xlsx", help="保存的 Excel 文件，文件名以 .xlsx 结尾")


def cmd_add_item(app: App) -> int:
    from ..errors import UsageError
    from ..models.plan import KIND_INSTRUCTION
    from ..services.items import Decision, add_decisions, add_instruction

    args = app.args
    db = app.ready_db()
    if args.kind == KIND_INSTRUCTION:
        outcome = add_instruction(
            db, leader=args.source, on=args.date, text=args.text, units_lead=args.lead, units_support=args.support,
            deadline=args.deadline, item_class=args.item_class or "批办性", subject=args.subject, doc_no=args.no,
            responsible=args.leader, create_departments=args.create_departments, dry_run=args.dry_run)
    else:
        if args.item_class:
            raise UsageError("批示类别（--class）只用于领导批示；会议议定事项不分类别，请去掉 --class。")
        decision = Decision(text=args.text, lead=args.lead, support=args.support, deadline=args.deadline,
                            leader=args.leader or "", subject=args.subject)
        outcome = add_decisions(db, meeting=args.source, on=args.date, decisions=[decision], doc_no=args.no,
                                create_departments=args.create_departments, dry_run=args.dry_run)
    lines = outcome.lines()
    if outcome.unknown_units and not args.create_departments:
        lines.append(_UNKNOWN_HINT)
    code = EXIT_REFUSED if outcome.outcome == "refused" else EXIT_OK
    return print_outcome(app, outcome.to_json(), lines, code)


def cmd_import_items(app: App) -> int:
    from ..services.items import import_items

    check_exists([app.args.file])
    outcome = import_items(app.ready_db(), Path(app.args.file), create_departments=app.args.create_departments,
                           dry_run=app.args.dry_run)
    lines = outcome.lines()
    if outcome.unknown_units and not app.args.create_departments:
        lines.append(_UNKNOWN_HINT)
    code = EXIT_REFUSED if outcome.outcome == "refused" else EXIT_OK
    return print_outcome(app, {"files": [outcome.to_json()]}, lines, code)


def cmd_export_items_template(app: App) -> int:
    from ..excel.items_sheet import write_items_template

    out = write_items_template(output_file(app.args.out, ".xlsx", "事项登记表", "领导批示和会议议定事项.xlsx"))
    say(f"已导出空白的领导批示和会议议定事项登记表：{out}")
    return EXIT_OK


COMMANDS: dict[str, Handler] = {
    "add-item": cmd_add_item,
    "import-items": cmd_import_items,
    "export-items-template": cmd_export_items_template,
}
