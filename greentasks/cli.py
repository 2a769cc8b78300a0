"""The `greentasks` command: the desktop app and the headless commands of docs/cli.md.

Exit codes: 0 done; 1 one or more input files were refused; 2 bad usage or a database that
cannot be opened. Messages go to stderr in Chinese; ``--json`` prints one UTF-8 document.
Imports are lazy so that ``greentasks gui`` starts quickly and ``--help`` needs no database.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


# argparse's own words (usage, headings, -h, its error messages), in Chinese. argparse looks them
# up through its module-level gettext function each time it needs one, so the parser below swaps
# in this table while it builds, parses and formats, and puts argparse back afterwards.
_ARGPARSE_TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示帮助信息并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能给一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：“%(value)s”（可选：%(choices)s）",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "ignored explicit argument %r": "这个选项不需要值：%r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有“%(parser_name)s”这个命令（可用的命令：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_TEXTS.get(message, message)


def _argparse_ntext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "需要 %s 个值"
    return singular if n == 1 else plural


@contextlib.contextmanager
def _argparse_in_chinese():
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_text, _argparse_ntext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _in_chinese(method: Callable) -> Callable:
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with _argparse_in_chinese():
            return method(self, *args, **kwargs)

    return wrapper


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_WRAP_TOKENS = re.compile(r"[!-~]+|\s+|.")  # a run of ASCII (a word, an option, a path) or one character
_NO_LINE_START = set("，。、；：！？）》」』”’")  # Chinese never starts a line with these


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help laid out for Chinese text: lines wrapped and columns aligned by their width on the
    terminal (a Chinese character is two columns), headings ending in a full-width colon, the
    commands listed under 命令 without a placeholder line, and an option given no metavar reads
    值 rather than its English destination name."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return "值"

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        line = ""
        for token in _WRAP_TOKENS.findall(" ".join(text.split())):
            if line and _width(line) + _width(token) > width and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
            else:
                line += token
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def _format_action(self, action: argparse.Action) -> str:
        if action.nargs == argparse.PARSER:
            # Only the commands themselves: argparse would first print a line with the metavar.
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = _width(invocation) - len(invocation)
        head = " " * self._current_indent + invocation
        if extra and text.startswith(head + " " * (extra + 2)):
            # argparse padded the invocation by its number of characters; pad by its width.
            text = head + text[len(head) + extra:]
        return text

    def format_help(self) -> str:
        text = super().format_help()
        return "\n".join(line[:-1] + "：" if line.endswith(":") and line[:1] not in " " and
                         any("\u4e00" <= ch <= "\u9fff" for ch in line) else line
                         for line in text.split("\n"))


class ChineseArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose every text (usage, headings, -h, errors) is Chinese."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with _argparse_in_chinese():
            super().__init__(*args, **kwargs)

    add_subparsers = _in_chinese(argparse.ArgumentParser.add_subparsers)
    parse_args = _in_chinese(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_chinese(argparse.ArgumentParser.format_usage)
    format_help = _in_chinese(argparse.ArgumentParser.format_help)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # argparse quotes the choices with repr() and commas (choose from '红', '黄'); a clerk
        # reads 红、黄、绿. A wrong command name lists the commands.
        if action.choices is None or value in action.choices:
            return
        choices = "、".join(map(str, action.choices))
        if action.nargs == argparse.PARSER:
            raise argparse.ArgumentError(None, f"没有“{value}”这个命令。可用的命令：{choices}")
        raise argparse.ArgumentError(action, f"无效的选项：“{value}”（可选：{choices}）")

    def error(self, message: str) -> None:  # type: ignore[override]
        with _argparse_in_chinese():
            self.print_usage(sys.stderr)
        print(f"错误：{message}\n运行 {self.prog} -h 查看用法。", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 YYYY-MM-DD，如 2023-04-10") from None


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为数字，如 18，而不是“{text}”") from None


def _globals_parser() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    p = ChineseArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="数据库",
                   help="数据库文件路径或 SQLAlchemy URL（默认：用户数据文件夹中的 greentasks.db）")
    p.add_argument("--today", type=_today, default=argparse.SUPPRESS, metavar="YYYY-MM-DD",
                   help="把这一天当作“今天”（用于预警和报表）")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _globals_parser()
    parser = ChineseArgumentParser(
        prog="greentasks",
        description="南川府发〔2022〕34号 绿色发展重点任务督查督办台账",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"greentasks {__version__}",
                        help="显示程序版本号并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=ChineseArgumentParser)

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = cmd("gui", "启动桌面程序")
    p.add_argument("--smoke", action="store_true", help="打开主窗口，逐个显示各页面后退出（自检）")
    p.add_argument("--screenshots", metavar="文件夹", help="把每个页面截图保存到这个文件夹")

    p = cmd("init", "创建或升级数据库，载入内置文件、任务和单位通讯录")
    p.add_argument("--example", action="store_true", help="同时载入示例分工和示例报送（标记为“示例”）")

    p = cmd("tasks", "列出文件的章节和34项重点任务")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("indicators", "列出附件的18项指标")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("status", "全局统计：按状态、按预警、逾期和未报送")
    p.add_argument("--period", metavar="报送期", help="报送期，如 2023Q1、2023-03、2023H1（默认：最近一个已结束的报送期）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("list", "列出分工")
    p.add_argument("--department", metavar="单位", help="单位名称或简称")
    p.add_argument("--status", metavar="状态", help="完成状态：未启动、推进中、滞后、已完成、长期坚持")
    p.add_argument("--light", choices=["红", "黄", "绿"], metavar="红|黄|绿", help="预警")
    p.add_argument("--task", type=_number, metavar="编号", help="任务编号，如 18")
    p.add_argument("--period", metavar="报送期", help="据以判断是否未报送的报送期（默认：最近一个已结束的报送期）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("history", "一条分工的全部记录：报送进展和修改记录")
    p.add_argument("assignment", type=_number, metavar="分工编号", help="分工编号（list 命令输出中 # 后的数字）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("import-departments", "导入单位通讯录（单位名称、简称/别名、类别、联系人、联系电话）")
    p.add_argument("file", metavar="通讯录文件", help="Excel 文件（.xlsx/.xls 等）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("export-departments", "导出单位通讯录")
    p.add_argument("out", metavar="输出文件.xlsx", help="保存的 Excel 文件，文件名以 .xlsx 结尾")

    p = cmd("backup", "把数据库备份到一个文件")
    p.add_argument("out", metavar="备份位置",
                   help="以 .db 结尾的文件名，或一个文件夹（如 D:\\备份\\；文件夹不存在时新建，"
                        "备份文件名为 数据库名-备份-日期-时间.db）")

    p = cmd("restore", "用备份文件恢复数据库（先自动备份当前数据库）")
    p.add_argument("source", metavar="备份文件", help="以前备份的 .db 文件")

    p = cmd("set-password", "把数据库服务器的密码保存到系统凭据管理器（之后 --db 中无需写密码）")
    p.add_argument("url", metavar="服务器地址", help="如 postgresql+psycopg://clerk@192.168.1.10/greentasks")
    p.add_argument("--stdin", action="store_true", help="从标准输入读取密码（用于脚本）")

    p = cmd("set-horizon", "更改规划期的截止日期（文件原定至2025年底）；周期性任务不再顺延到此日之后")
    p.add_argument("horizon", type=_today, metavar="截止日期", help="新的规划期截止日期，如 2027-12-31")

    from .commands_excel import register as register_excel
    from .commands_report import register as register_report

    register_excel(cmd)
    register_report(cmd)
    return parser


# -- helpers shared by the commands -------------------------------------------------------------

class App:
    """What a command needs: the database (opened on first use) and "today"."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self._db = None

    @property
    def today(self) -> date:
        return getattr(self.args, "today", None) or date.today()

    @property
    def db(self):
        if self._db is None:
            from .db import Database

            self._db = Database(getattr(self.args, "db", None))
        return self._db

    def ready_db(self):
        """The database, made ready for use. A database file named with --db must exist: a typo
        in the path would otherwise quietly start a new, empty office (init creates one)."""
        from .services.bootstrap import ensure_ready

        target = getattr(self.args, "db", None)
        if target and "://" not in str(target) and not Path(target).expanduser().exists():
            from .errors import UsageError

            raise UsageError(f"数据库文件“{target}”不存在。请检查路径；要新建一个数据库，请先运行：greentasks --db \"{target}\" init")
        ensure_ready(self.db)
        return self.db


def emit_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    out = sys.stdout
    if hasattr(out, "buffer"):
        out.buffer.write(text.encode("utf-8") + b"\n")
        out.flush()
    else:  # captured in tests
        out.write(text + "\n")


def say(text: str) -> None:
    print(text, file=sys.stderr)


_FILE_TYPE = re.compile(r"^\.[A-Za-z][A-Za-z0-9]{0,7}$")  # .xlsx, .csv — not the .10 of 2023.07.10台账


def output_file(text: str | Path, suffix: str, what: str, example: str) -> Path:
    """The file an export writes, exactly as named: a name with another ending (台账.csv, 报告.docx)
    or none is refused with the name to use instead, never quietly changed — a changed name could
    overwrite a different file than the one the clerk named."""
    from .errors import UsageError

    raw = str(text)
    out = Path(raw).expanduser()
    if raw.endswith(("/", "\\")) or out.is_dir():
        raise UsageError(f"“{raw}”是一个文件夹，请给出要保存的文件名（如 {out / example}）。")
    if out.suffix.lower() != suffix:
        better = out.with_suffix(suffix) if _FILE_TYPE.match(out.suffix) else out.with_name(out.name + suffix)
        raise UsageError(f"{what}保存为 {suffix} 文件，文件名应以 {suffix} 结尾。请改为：{better}")
    if not out.parent.is_dir():
        raise UsageError(f"文件夹“{out.parent}”不存在。请先建好文件夹，或换一个位置。")
    return out


def _resolve_department(session, name: str | None):
    if not name:
        return None
    from .errors import UsageError
    from .services.directory import DirectoryIndex

    index = DirectoryIndex(session)
    dep = index.resolve(name)
    if dep is None:
        raise UsageError(index.unknown_message(name))
    return dep


def _period_arg(text: str | None):
    if not text:
        return None
    from .domain.periods import parse_period
    from .errors import UsageError

    period = parse_period(text)
    if period is None:
        raise UsageError(f"报送期“{text}”无法识别。请写成 2023Q1、2023年第一季度、2023-03、2023H1 或 2023 这样的形式。")
    return period


def _check_task_no(session, number: int) -> None:
    """A task number the plan does not have is a mistake, not an empty list."""
    from sqlalchemy import select

    from .errors import UsageError
    from .models import Task
    from .services.queries import builtin_plan

    plan = builtin_plan(session)
    numbers = sorted(session.scalars(select(Task.no).where(Task.plan_id == plan.id)))
    if number in numbers:
        return
    span = f"第{numbers[0]}–{numbers[-1]}项" if numbers else "（尚未载入任务）"
    raise UsageError(f"没有第{number}项重点任务：{plan.doc_no}的重点任务为{span}。")


# -- commands -----------------------------------------------------------------------------------

def cmd_init(app: App) -> int:
    from .services.bootstrap import initialize

    result = initialize(app.db, example=app.args.example, today=app.today)
    if result.schema == "empty":
        say(f"已创建数据库：{app.db.describe()}")
    elif result.schema == "old":
        say(f"已升级数据库：{app.db.describe()}（升级前已自动备份）")
    added = {k: v for k, v in result.added.items() if v}
    if added:
        labels = {"plan": "内置文件", "documents": "文件登记", "departments": "单位",
                  "example_assignments": "示例分工", "example_entries": "示例报送",
                  "example_indicator_values": "示例指标数值"}
        say("已载入：" + "，".join(f"{labels.get(k, k)} {v} 条" for k, v in added.items()))
    else:
        say("数据库已是最新，无需改动。")
    return EXIT_OK


def cmd_tasks(app: App) -> int:
    from .services.catalog import task_list

    with app.ready_db().session() as session:
        tasks = task_list(session)
    if app.args.json:
        emit_json(tasks)
    else:
        last: list[str] = []
        for t in tasks:
            for depth, heading in enumerate(t["section"]):
                if len(last) <= depth or last[depth] != heading:
                    print(("  " * depth) + heading)
            last = t["section"]
            print(("  " * len(t["section"])) + f"{t['no']}. {t['title']}")
    return EXIT_OK


def cmd_indicators(app: App) -> int:
    from .services.catalog import indicator_list

    with app.ready_db().session() as session:
        items = indicator_list(session)
    if app.args.json:
        emit_json(items)
    else:
        for i in items:
            target = i["target_text"] or i["target_2025"]
            print(f"{i['no']:>2}. [{i['category']}] {i['name']}（{i['unit'] or '—'}）2025年目标：{target}")
    return EXIT_OK


def cmd_status(app: App) -> int:
    from .services.queries import Context, status_summary

    period = _period_arg(app.args.period)
    with app.ready_db().session() as session:
        summary = status_summary(session, Context.load(session, app.today, period))
    if app.args.json:
        emit_json(summary.to_json())
    else:
        print(f"{summary.plan}  今天：{summary.today}  报送期：{summary.period}")
        print(f"重点任务 {summary.tasks} 项，分工 {summary.assignments} 条")
        print("按状态：" + "，".join(f"{k} {v}" for k, v in summary.by_status.items()))
        print("按预警：" + "，".join(f"{k} {v}" for k, v in summary.by_light.items()))
        print(f"逾期 {summary.overdue} 条，{summary.due_soon} 条即将到期，待销号 {summary.pending_closure} 条")
        print("未报送单位：" + ("、".join(summary.missing_returns) or "无"))
    return EXIT_OK


def cmd_list(app: App) -> int:
    from .domain.statuses import normalize_status
    from .errors import UsageError
    from .services.queries import Context, Filters, assignment_rows

    status = None
    if app.args.status:
        status = normalize_status(app.args.status)
        if status is None:
            from .domain.statuses import ACCEPTED_STATUS_TEXT

            raise UsageError(f"完成状态“{app.args.status}”无法识别。{ACCEPTED_STATUS_TEXT}")
    period = _period_arg(app.args.period)
    with app.ready_db().session() as session:
        dep = _resolve_department(session, app.args.department)
        if app.args.task is not None:
            _check_task_no(session, app.args.task)
        rows = assignment_rows(session, Context.load(session, app.today, period), Filters(
            department=dep.name if dep else None, status=status, light=app.args.light, task_no=app.args.task))
    if app.args.json:
        emit_json([r.to_json() for r in rows])
    else:
        for r in rows:
            due = r.due.isoformat() if r.due else r.deadline_text or "—"
            print(f"[{r.light}] #{r.id} 任务{r.task_no} {r.department}（{r.role}）{r.status}  {due}  {r.measure[:40]}")
        say(f"共 {len(rows)} 条分工。")
    return EXIT_OK


def cmd_history(app: App) -> int:
    from .errors import UsageError
    from .services.history import assignment_history

    with app.ready_db().session() as session:
        history = assignment_history(session, app.args.assignment)
    if history is None:
        raise UsageError(f"没有编号为 {app.args.assignment} 的分工。用 greentasks list 查看编号。")
    if app.args.json:
        emit_json(history)
    else:
        a = history["assignment"]
        print(f"分工 #{a['id']}：任务{a['task_no']} {a['task_title']} — {a['department']}（{a['role']}）")
        print(f"具体工作：{a['measure']}")
        print(f"完成时限：{a['deadline_text']}  当前状态：{a['status']}")
        print("报送进展：")
        for e in history["entries"]:
            mark = "（已被新报送替代）" if e["superseded"] else ""
            print(f"  {e['period']} {e['status']}{mark} 来自：{e['source'] or '手工'}  {e['progress'][:60]}")
        print("修改记录：")
        for c in history["changes"]:
            print(f"  {c['at']} {c['user']} [{c['source']}] {c['field_label']}：{c['old'] or '—'} → {c['new'] or '—'}"
                  + (f"（{c['file']}）" if c.get("file") else ""))
    return EXIT_OK


def cmd_import_departments(app: App) -> int:
    from .errors import UsageError
    from .services.directory_io import import_directory_file

    if not Path(app.args.file).exists():
        raise UsageError(f"找不到“{app.args.file}”。请检查文件的路径。")
    outcome = import_directory_file(app.ready_db(), Path(app.args.file))
    if app.args.json:
        emit_json({"files": [outcome.to_json()]})
    for line in outcome.lines():
        say(line)
    return EXIT_OK if outcome.outcome != "refused" else EXIT_REFUSED


def cmd_export_departments(app: App) -> int:
    from .services.directory_io import export_directory_file

    out = export_directory_file(app.ready_db(), output_file(app.args.out, ".xlsx", "单位通讯录", "单位通讯录.xlsx"))
    say(f"已导出单位通讯录：{out}")
    return EXIT_OK


def cmd_backup(app: App) -> int:
    from .services.backups import backup_target, backup_to

    db = app.ready_db()
    if db.sqlite_path is None:
        out = backup_to(db, Path(app.args.out))  # refused with the server's own way to back up
    else:
        # The text as typed: Path() would drop the separator that marks D:\备份\ as a folder.
        target = backup_target(app.args.out, db.sqlite_path)
        out = backup_to(db, target)
        if target.new_folder is not None:
            say(f"已新建文件夹：{target.new_folder}")
    say(f"已备份到：{out}")
    return EXIT_OK


def cmd_restore(app: App) -> int:
    from .services.backups import restore_from

    source = Path(app.args.source)
    if not source.exists():
        from .errors import UsageError

        raise UsageError(f"找不到备份文件“{source}”。")
    safety = restore_from(app.db, source)
    if safety:
        say(f"恢复前的数据库已备份到：{safety}")
    say(f"已从“{source.name}”恢复数据库。")
    app.db.upgrade()
    return EXIT_OK


def cmd_set_password(app: App) -> int:
    from .credentials import store_password

    if app.args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        import getpass

        password = getpass.getpass("数据库密码（输入时不显示）：")
    where = store_password(app.args.url, password)
    say(f"已把 {where} 的密码保存到系统凭据管理器。")
    return EXIT_OK


def cmd_set_horizon(app: App) -> int:
    from .domain.planclock import cn_date
    from .services.audit import Actor
    from .services.settings import change_plan_horizon, plan_clock

    db = app.ready_db()
    changed = change_plan_horizon(db, app.args.horizon, Actor.by_hand())
    with db.session() as session:
        clock = plan_clock(session, app.today)
    head = "规划期截止日期已改为" if changed else "规划期截止日期本来就是"
    say(f"{head}{cn_date(clock.horizon)}（{clock.period_text}，{clock.progress_text}）。")
    return EXIT_OK


def cmd_gui(app: App) -> int:
    from ui.app import run

    return run(db_target=getattr(app.args, "db", None), today=getattr(app.args, "today", None),
               smoke=app.args.smoke, screenshots=app.args.screenshots)


COMMANDS: dict[str, Callable[[App], int]] = {
    "init": cmd_init,
    "tasks": cmd_tasks,
    "indicators": cmd_indicators,
    "status": cmd_status,
    "list": cmd_list,
    "history": cmd_history,
    "import-departments": cmd_import_departments,
    "export-departments": cmd_export_departments,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "set-password": cmd_set_password,
    "set-horizon": cmd_set_horizon,
    "gui": cmd_gui,
}


def _drop_closed_stdout() -> None:
    """The reader of our output went away (``greentasks list | head``): send what is left to
    the null device, so that Python's own flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be handled
        return code
    except BrokenPipeError:
        # Not an error: whoever read the output (head, a pager) has all it wanted.
        _drop_closed_stdout()
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    if args.command is None:
        args.smoke, args.screenshots = False, None
    from .commands_excel import COMMANDS as EXCEL_COMMANDS
    from .commands_report import COMMANDS as REPORT_COMMANDS
    from .errors import DatabaseError, GreentasksError, UsageError

    handler = COMMANDS.get(command) or EXCEL_COMMANDS.get(command) or REPORT_COMMANDS[command]
    app = App(args)
    try:
        return handler(app)
    except UsageError as exc:
        say(f"错误：{exc}")
        return EXIT_USAGE
    except DatabaseError as exc:
        say(f"错误：{exc}")
        return EXIT_USAGE
    except GreentasksError as exc:
        say(f"错误：{exc}")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        say("已取消。")
        return 130
    except BrokenPipeError:
        raise  # see main()
    except Exception as exc:  # noqa: BLE001 - last resort: a readable message, then the details
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
            say("错误：数据库正忙（另一位同事正在写入），已重试仍未成功。请稍后再试。")
            return EXIT_USAGE
        import traceback

        say("程序内部错误，操作没有完成，数据库未作改动。请把下面的信息发给维护人员：")
        traceback.print_exc()
        return EXIT_REFUSED
    finally:
        if app._db is not None:
            app._db.dispose()


def gui_main() -> int:
    """Entry of the windowed program (no console on Windows): always the desktop app."""
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    raise SystemExit(main())
