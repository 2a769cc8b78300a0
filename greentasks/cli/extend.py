"""延期 on the command line (docs/cli.md#extend, docs/deadlines.md#extensions): record a unit's
request for a later deadline and decide it in one step, or take a decision back."""

from __future__ import annotations

from .common import EXIT_OK, App, Handler, emit_json, say
from .parser import AddCommand, number_arg


def register(cmd: AddCommand) -> None:
    p = cmd("extend", "延期：登记单位的延期申请并批准（或不予批准）；原定完成时限保留不变")
    p.add_argument("assignment", nargs="?", type=number_arg, metavar="分工编号",
                   help="分工编号（list 命令输出中 # 后的数字）")
    p.add_argument("--to", metavar="日期", help="延期至，如 2023年9月底前 或 2023-09-30")
    p.add_argument("--reason", metavar="理由", help="单位申请延期的理由（已有同一日期的待审核申请时可不写）")
    p.add_argument("--reference", default="", metavar="来函", help="单位的来函或文件，如 区发改委〔2023〕12号")
    p.add_argument("--note", default="", metavar="意见", help="审批意见（记入修改记录）")
    p.add_argument("--declined", action="store_true", help="不予批准（申请照样登记）")
    p.add_argument("--undo", type=number_arg, metavar="延期编号",
                   help="撤销对这项延期申请的决定（恢复为待审核）；待审核的手工登记申请则撤回")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_extend(app: App) -> int:
    from ..errors import UsageError
    from ..services.extensions import extend, undo_extension_decision

    args = app.args
    if args.undo is not None:
        if args.assignment is not None or args.to or args.reason or args.declined:
            raise UsageError("--undo 只需要延期编号，不能同时给出分工编号、--to、--reason 或 --declined。")
        undone = undo_extension_decision(app.ready_db(), args.undo).value
        if args.json:
            emit_json({"extension": undone.info.to_json(), "removed": undone.removed, "message": undone.message})
        say(undone.message)
        return EXIT_OK
    if args.assignment is None:
        raise UsageError("请给出分工编号（list 命令输出中 # 后的数字），如：greentasks extend 107 --to 2023年9月底前 "
                         "--reason 理由。")
    if not args.to:
        raise UsageError("请用 --to 给出延期后的时限，如 --to 2023年9月底前 或 --to 2023-09-30。")
    info = extend(app.ready_db(), args.assignment, args.to, args.reason or "", args.reference,
                  declined=args.declined, note=args.note, on=app.today).value
    if args.json:
        emit_json(info.to_json())
    if args.declined:
        say(f"已登记延期申请（编号 {info.id}），不予批准：{info.unit_line}申请延期至{info.to_words}，"
            f"完成时限仍为“{info.deadline_text or '未填写'}”。")
    else:
        say(f"已批准延期（编号 {info.id}）：{info.unit_line}{info.text}。")
    say(f"理由：{info.reason or '未说明'}" + (f"；来函：{info.reference}" if info.reference else ""))
    return EXIT_OK


COMMANDS: dict[str, Handler] = {"extend": cmd_extend}
