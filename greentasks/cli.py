"""The `greentasks` command: the desktop app and the headless commands of SPEC §7.

Exit codes: 0 done; 1 one or more input files were refused; 2 bad usage or a database that
cannot be opened. Messages go to stderr in Chinese; ``--json`` prints one UTF-8 document.
Imports are lazy so that ``greentasks gui`` starts quickly and ``--help`` needs no database.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from . import __version__

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        text = (message.replace("unrecognized arguments", "无法识别的参数")
                .replace("the following arguments are required", "缺少必需的参数")
                .replace("invalid choice", "无效的选项")
                .replace("expected one argument", "需要一个值")
                .replace("argument ", "参数 "))
        self.print_usage(sys.stderr)
        print(f"错误：{text}\n运行 greentasks --help 查看用法。", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 YYYY-MM-DD，如 2023-04-10") from None


def _globals_parser() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="PATH_OR_URL",
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
    parser.add_argument("--version", action="version", version=f"greentasks {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    p = cmd("gui", "启动桌面程序")
    p.add_argument("--smoke", action="store_true", help="打开主窗口，逐个显示各页面后退出（自检）")
    p.add_argument("--screenshots", metavar="DIR", help="把每个页面截图保存到文件夹 DIR")

    p = cmd("init", "创建或升级数据库，载入内置文件、任务和单位通讯录")
    p.add_argument("--example", action="store_true", help="同时载入示例分工和示例报送（标记为“示例”）")

    p = cmd("tasks", "列出文件的章节和34项重点任务")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("indicators", "列出附件的18项指标")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("status", "全局统计：按状态、按预警、逾期和未报送")
    p.add_argument("--period", help="报送期，如 2023Q1、2023-03、2023H1（默认：最近一个已结束的报送期）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("list", "列出分工")
    p.add_argument("--department", help="单位名称或简称")
    p.add_argument("--status", help="完成状态：未启动、推进中、滞后、已完成、长期坚持")
    p.add_argument("--light", choices=["红", "黄", "绿"], help="预警")
    p.add_argument("--task", type=int, help="任务编号 1–34")
    p.add_argument("--period", help="据以判断是否未报送的报送期（默认：最近一个已结束的报送期）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("history", "一条分工的全部记录：报送进展和修改记录")
    p.add_argument("assignment", type=int, help="分工编号（list 命令输出中的 id）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("import-departments", "导入单位通讯录（单位名称、简称/别名、类别、联系人、联系电话）")
    p.add_argument("file", help="Excel 文件")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("export-departments", "导出单位通讯录")
    p.add_argument("out", help="输出的 .xlsx 文件")

    p = cmd("backup", "把数据库备份到一个文件")
    p.add_argument("out", help="备份文件（或文件夹）")

    p = cmd("restore", "用备份文件恢复数据库（先自动备份当前数据库）")
    p.add_argument("source", help="备份文件")

    p = cmd("set-password", "把数据库服务器的密码保存到系统凭据管理器（之后 --db 中无需写密码）")
    p.add_argument("url", help="服务器地址，如 postgresql+psycopg://clerk@192.168.1.10/greentasks")
    p.add_argument("--stdin", action="store_true", help="从标准输入读取密码（用于脚本）")

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

    out = export_directory_file(app.ready_db(), Path(app.args.out))
    say(f"已导出单位通讯录：{out}")
    return EXIT_OK


def cmd_backup(app: App) -> int:
    from .services.backups import backup_to

    out = backup_to(app.ready_db(), Path(app.args.out))
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
    "gui": cmd_gui,
}


def main(argv: list[str] | None = None) -> int:
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
