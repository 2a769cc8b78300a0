"""What the commands share: the exit codes, :class:`App` (the database and "today"), printing,
the rules for the files a command writes, and reading a unit, a 报送期 or a task number typed
on the command line (the one place where their text is checked; the services get values)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..db import Database
    from ..domain.periods import Period
    from ..models import Department

# docs/cli.md#exit-codes
EXIT_OK = 0
EXIT_REFUSED = 1  # one or more input files were refused
EXIT_USAGE = 2  # bad usage, or a database that cannot be opened


class App:
    """What a command needs: the database (opened on first use) and "today"."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self._db: Database | None = None

    @property
    def today(self) -> date:
        return getattr(self.args, "today", None) or date.today()

    @property
    def db(self) -> Database:
        if self._db is None:
            from ..db import Database

            self._db = Database(getattr(self.args, "db", None))
        return self._db

    def ready_db(self) -> Database:
        """The database, made ready for use. A database file named with --db must exist: a typo
        in the path would otherwise quietly start a new, empty office (init creates one)."""
        from ..services.bootstrap import ensure_ready

        target = getattr(self.args, "db", None)
        if target and "://" not in str(target) and not Path(target).expanduser().exists():
            from ..errors import UsageError

            raise UsageError(f"数据库文件“{target}”不存在。请检查路径；要新建一个数据库，请先运行：greentasks --db \"{target}\" init")
        ensure_ready(self.db)
        return self.db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


Handler = Callable[[App], int]


# -- printing ------------------------------------------------------------------------------------

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


def print_outcome(app: App, report_json: dict, lines: list[str], code: int) -> int:
    """An import's result: the JSON document when --json was given, the lines for the clerk."""
    if app.args.json:
        emit_json(report_json)
    for line in lines:
        say(line)
    return code


# -- files named on the command line ------------------------------------------------------------

FILE_TYPE = re.compile(r"^\.[A-Za-z][A-Za-z0-9]{0,7}$")  # .xlsx, .csv — not the .10 of 2023.07.10台账


def output_file(text: str | Path, suffix: str, what: str, example: str) -> Path:
    """The file an export writes, exactly as named: a name with another ending (台账.csv, 报告.docx)
    or none is refused with the name to use instead, never quietly changed — a changed name could
    overwrite a different file than the one the clerk named."""
    from ..errors import UsageError

    raw = str(text)
    out = Path(raw).expanduser()
    if raw.endswith(("/", "\\")) or out.is_dir():
        raise UsageError(f"“{raw}”是一个文件夹，请给出要保存的文件名（如 {out / example}）。")
    if out.suffix.lower() != suffix:
        better = out.with_suffix(suffix) if FILE_TYPE.match(out.suffix) else out.with_name(out.name + suffix)
        raise UsageError(f"{what}保存为 {suffix} 文件，文件名应以 {suffix} 结尾。请改为：{better}")
    if not out.parent.is_dir():
        raise UsageError(f"文件夹“{out.parent}”不存在。请先建好文件夹，或换一个位置。")
    return out


def output_folder(text: str, what: str = "导出模板", example: str = "下发模板") -> Path:
    """The folder the templates (or the notices) go to, one file per unit (made when missing);
    a file's name is a slip, refused."""
    from ..errors import UsageError

    out = Path(text).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(f"“{text}”是一个文件。{what}要给出一个文件夹（每个单位一个文件），如 {example}{os.sep}")
    if not out.exists() and FILE_TYPE.match(out.suffix):
        raise UsageError(f"“{text}”像是一个文件名。{what}要给出一个文件夹（每个单位一个文件），"
                         f"如 {out.parent / out.stem}{os.sep}")
    return out


def check_exists(paths: list[str]) -> None:
    from ..errors import UsageError

    for p in paths:
        if not Path(p).exists():
            raise UsageError(f"找不到“{p}”。请检查文件或文件夹的路径。")


# -- values typed on the command line -------------------------------------------------------------

def period_arg(text: str | None) -> Period | None:
    """The 报送期 given with --period (None when none was given); text no period reads is a
    PeriodError, a usage error with its Chinese message (exit 2)."""
    if not text:
        return None
    from ..domain.periods import require_period

    return require_period(text)


def resolve_department(session: Session, name: str | None) -> Department | None:
    """The unit named with --department, by its name or an alias (None when none was given)."""
    if not name:
        return None
    from ..services.reporting import resolve_unit

    return resolve_unit(session, name)


def check_task_no(session: Session, number: int, plan: str | None = None) -> None:
    """A task number the plan does not have is a mistake, not an empty list."""
    from sqlalchemy import select

    from ..errors import UsageError
    from ..models import Task
    from ..services.queries import resolve_plan

    plan = resolve_plan(session, plan)
    numbers = sorted(session.scalars(select(Task.no).where(Task.plan_id == plan.id)))
    if number in numbers:
        return
    span = f"第{numbers[0]}–{numbers[-1]}项" if numbers else "（尚未载入任务）"
    raise UsageError(f"没有第{number}项重点任务：{plan.doc_no}的重点任务为{span}。")


# -- the plan a command is about (docs/vocabulary.md#plan-argument) -------------------------------

PLAN_HELP = "文件文号，如 南川府办发〔2023〕12号（默认：内置文件 南川府发〔2022〕34号）"


def add_plan_option(parser: argparse.ArgumentParser) -> None:
    """``--plan 文号``: the one option, with the one help text, of every command that names a plan."""
    parser.add_argument("--plan", metavar="文号", help=PLAN_HELP)


def chosen_plan(app: App) -> str | None:
    """The 文号 given with --plan as the register holds it (None: the built-in plan), checked
    before the command reads or writes anything: an unknown 文号 is resolve_plan's UsageError,
    which names the registered documents."""
    text = getattr(app.args, "plan", None)
    if text is None:
        return None
    from ..services.queries import resolve_plan

    with app.ready_db().reading() as session:
        return resolve_plan(session, text).doc_no
