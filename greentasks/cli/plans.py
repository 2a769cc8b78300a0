"""Documents on the command line (docs/cli.md#add-plan): a new policy document from its text; the
register of 文件 (docs/cli.md#plans, docs/documents.md#register): list, edit, repeal, restore."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_REFUSED, App, Handler, check_exists, emit_json, print_outcome, say
from .parser import AddCommand, date_arg, number_arg


def register(cmd: AddCommand) -> None:
    p = cmd("add-plan", "登记一份新的政策文件：从文件正文（Word 文档、纯文本或有文字层的 PDF）读出文号、标题、任务和责任单位")
    p.add_argument("file", metavar="文件",
                   help="文件正文：Word 文档（.docx）、纯文本文件或有文字层的 PDF；“-”表示从标准输入读入粘贴的文字")
    p.add_argument("--no", metavar="文号", help="文号（文件中没有文号时必须给出，如 南川府办〔2023〕5号）")
    p.add_argument("--title", metavar="标题", help="文件标题（默认取文件开头的标题）")
    p.add_argument("--issuer", metavar="发文机关", help="发文机关（默认取文件中的署名）")
    p.add_argument("--date", type=date_arg, metavar="成文日期", help="成文日期，如 2023-03-15（默认取文件末尾的日期）")
    p.add_argument("--level", type=number_arg, metavar="层级",
                   help="任务所在的标题层级（1 为最外层；默认自动判断，输出中列出可选的层级）")
    p.add_argument("--create-departments", action="store_true", help="自动新建通讯录中没有的单位")
    p.add_argument("--dry-run", action="store_true", help="只读出并报告将要登记的内容，不写入")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _register_commands(cmd)


def cmd_add_plan(app: App) -> int:
    from ..errors import FileRefused, UsageError
    from ..services.plan_documents import DocumentFacts, add_document, read_document

    args = app.args
    db = app.ready_db()
    with db.reading() as session:
        from ..services.directory import DirectoryIndex

        bracket_names = tuple(DirectoryIndex(session).bracket_names())
    try:
        if args.file == "-":
            source = None
            draft = read_document(text=sys.stdin.read(), task_level=args.level, bracket_names=bracket_names)
        else:
            check_exists([args.file])
            source = Path(args.file)
            draft = read_document(source, task_level=args.level, bracket_names=bracket_names)
    except FileRefused as exc:
        raise UsageError(str(exc.problem)) from exc
    except ValueError as exc:  # a --level the document does not have
        raise UsageError(str(exc)) from exc
    facts = DocumentFacts(doc_no=args.no, title=args.title, issuer=args.issuer, issued_on=args.date)
    outcome = add_document(db, draft, facts=facts, source=source, create_departments=args.create_departments,
                           dry_run=args.dry_run)
    lines = outcome.lines()
    if outcome.unknown_units and not args.create_departments:
        lines.append("提示：通讯录中没有的单位，可在“单位”中添加（或设为已有单位的简称），"
                     "也可在命令后加 --create-departments 自动新建。")
    code = EXIT_REFUSED if outcome.outcome == "refused" else EXIT_OK
    return print_outcome(app, outcome.to_json(), lines, code)


# -- the register of 文件 ---------------------------------------------------------------------------

def _register_commands(cmd: AddCommand) -> None:
    p = cmd("plans", "文件登记：列出各文件的文号、标题、发文机关、成文日期、状态（有效、废止）和任务、分工数")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("plan-edit", "修改文件登记中的文号、标题、发文机关或成文日期（内置文件的文号和标题不能修改）")
    p.add_argument("plan", metavar="文号", help="要修改的文件的文号，如 南川府办发〔2023〕12号")
    p.add_argument("--title", metavar="标题", help="新的标题")
    p.add_argument("--issuer", metavar="发文机关", help="新的发文机关")
    p.add_argument("--date", type=date_arg, metavar="成文日期", help="新的成文日期，如 2023-03-15")
    p.add_argument("--no", metavar="新文号", help="新的文号（更正登记时写错的文号）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("plan-repeal", "登记文件废止：不再下发报送模板、催报督办和接收报送，不再预警；分工、报送和修改记录都保留")
    p.add_argument("plan", metavar="文号", help="被废止的文件的文号")
    p.add_argument("--by", required=True, metavar="废止文号", help="废止它的文件的文号，如 南川府发〔2022〕33号")
    p.add_argument("--on", required=True, type=date_arg, metavar="废止日期", help="废止日期，如 2022-09-27")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("plan-restore", "恢复已废止的文件为有效（原废止记录保留在修改记录中）")
    p.add_argument("plan", metavar="文号", help="要恢复的文件的文号")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_plans(app: App) -> int:
    from ..services.catalog import document_register

    with app.ready_db().reading() as session:
        entries = document_register(session)
    if app.args.json:
        emit_json([e.to_json() for e in entries])
    else:
        for e in entries:
            print(e.line())
        say(f"共登记 {len(entries)} 个文件，其中有效 {sum(e.status != '废止' for e in entries)} 个。")
    return EXIT_OK


def _done(app: App, change) -> int:
    if app.args.json:
        emit_json(change.to_json())
    say(change.message)
    for label, old, new in change.changed:
        say(f"  {label}：{old or '—'} → {new or '—'}")
    return EXIT_OK


def cmd_plan_edit(app: App) -> int:
    from ..errors import UsageError
    from ..services.plan_register import edit_plan

    args = app.args
    if all(v is None for v in (args.title, args.issuer, args.date, args.no)):
        raise UsageError("请给出要修改的内容：--title 标题、--issuer 发文机关、--date 成文日期 或 --no 新文号。")
    done = edit_plan(app.ready_db(), args.plan, title=args.title, issuer=args.issuer, issued_on=args.date,
                     doc_no=args.no)
    return _done(app, done.value)


def cmd_plan_repeal(app: App) -> int:
    from ..services.plan_register import repeal_plan

    done = repeal_plan(app.ready_db(), app.args.plan, by=app.args.by, on=app.args.on)
    return _done(app, done.value)


def cmd_plan_restore(app: App) -> int:
    from ..services.plan_register import restore_plan

    done = restore_plan(app.ready_db(), app.args.plan)
    return _done(app, done.value)


COMMANDS: dict[str, Handler] = {"add-plan": cmd_add_plan, "plans": cmd_plans, "plan-edit": cmd_plan_edit,
                                "plan-repeal": cmd_plan_repeal, "plan-restore": cmd_plan_restore}
