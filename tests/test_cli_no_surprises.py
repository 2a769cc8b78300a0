"""The command line never surprises a clerk (issue 11): a closed pipe is no error, a backup goes
where a clerk means, an export is written under the name given or not at all, argparse speaks
Chinese, and a task number the plan does not have is an error that says which it has."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from greentasks.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse: -h, or a usage error
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def office_file(tmp_path_factory) -> Path:
    """An example office (plenty of lines to print), built once; tests that write copy it."""
    folder = tmp_path_factory.mktemp("office")
    os.environ.setdefault("GREENTASKS_DATA_DIR", str(folder / "data"))
    path = folder / "office.db"
    assert main(["--db", str(path), "--today", "2023-04-10", "init", "--example"]) == 0
    return path


@pytest.fixture
def dbfile(office_file, tmp_path) -> Path:
    from greentasks.db import sqlite_online_backup

    target = tmp_path / "office.db"
    sqlite_online_backup(office_file, target)
    return target


# -- a closed pipe (greentasks list | head) ---------------------------------------------------------

@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["tasks"], ["status"], ["-h"]])
def test_output_cut_short_by_the_reader_is_no_error(office_file, tmp_path, args):
    """The reader is gone before the program writes a byte, as after `| head -1` has read its
    line: the program must end quietly with 0, not print an internal error and a traceback."""
    env = {**os.environ, "GREENTASKS_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "greentasks", "--db", str(office_file), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert "Traceback" not in err and "内部错误" not in err and "BrokenPipe" not in err


# -- backup: a folder or a .db file, never a file named like the folder ------------------------------

def is_sqlite(path: Path) -> bool:
    return path.read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize("name", ["备份/", "备份" + os.sep, "备份", "2024.12备份", "新建/二级/"])
def test_backup_into_a_folder_makes_it_and_names_the_file(capsys, dbfile, tmp_path, name):
    target = tmp_path / name.rstrip("/" + os.sep)
    code, _, err = run(capsys, "--db", dbfile, "backup", str(tmp_path) + os.sep + name)
    assert code == 0, err
    assert target.is_dir() and "已新建文件夹" in err
    (copy,) = target.iterdir()
    assert re.fullmatch(r"office-备份-\d{8}-\d{6}\.db", copy.name) and is_sqlite(copy)
    assert str(copy) in err
    # into the folder, now there, again: a second file beside the first, the folder kept
    code, _, err = run(capsys, "--db", dbfile, "backup", str(target))
    assert code == 0 and "已新建文件夹" not in err and target.is_dir()


def test_backup_to_a_db_file_writes_exactly_that_file(capsys, dbfile, tmp_path):
    out = tmp_path / "周备份" / "2026-12-01.db"
    code, _, err = run(capsys, "--db", dbfile, "backup", out)
    assert code == 0, err
    assert is_sqlite(out)
    conn = sqlite3.connect(out)
    assert conn.execute("SELECT COUNT(*) FROM assignments").fetchone()[0] > 0
    conn.close()


@pytest.mark.parametrize("name,words", [("备份.zip", "以 .db 结尾"), ("台账.xlsx", "以 .db 结尾")])
def test_backup_under_another_files_name_is_refused(capsys, dbfile, tmp_path, name, words):
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = run(capsys, "--db", dbfile, "backup", tmp_path / name)
    assert code == 2 and words in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_backup_never_overwrites_the_database_or_another_file(capsys, dbfile, tmp_path):
    code, _, err = run(capsys, "--db", dbfile, "backup", dbfile)
    assert code == 2 and "正在使用的数据库本身" in err
    notes = tmp_path / "notes.db"
    notes.write_text("一个同事的文件", encoding="utf-8")
    code, _, err = run(capsys, "--db", dbfile, "backup", notes)
    assert code == 2 and "不会覆盖" in err
    assert notes.read_text(encoding="utf-8") == "一个同事的文件"


# -- exports: the name given, or nothing ----------------------------------------------------------------

@pytest.mark.parametrize("command,name,better", [
    (["export-ledger"], "台账.csv", "台账.xlsx"),
    (["export-ledger"], "台账", "台账.xlsx"),
    (["export-indicators"], "指标.xls", "指标.xlsx"),
    (["export-departments"], "通讯录.txt", "通讯录.xlsx"),
    (["report"], "报告.docx", "报告.pdf"),
    (["report", "--kind", "overdue"], "逾期清单", "逾期清单.pdf"),
])
def test_an_export_under_another_ending_is_refused_and_writes_nothing(capsys, dbfile, tmp_path, command, name,
                                                                     better):
    (tmp_path / better).write_bytes(b"a colleague's file")
    code, _, err = run(capsys, "--db", dbfile, *command, tmp_path / name)
    assert code == 2 and "结尾" in err and better in err and "Traceback" not in err
    assert (tmp_path / better).read_bytes() == b"a colleague's file"
    assert not (tmp_path / name).exists()


def test_templates_go_to_a_folder_not_a_file_name(capsys, dbfile, tmp_path):
    code, _, err = run(capsys, "--db", dbfile, "export-templates", tmp_path / "模板.xlsx", "--period", "2023Q1")
    assert code == 2 and "文件夹" in err
    assert not (tmp_path / "模板.xlsx").exists()


# -- argparse in Chinese -----------------------------------------------------------------------------------

def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.nargs == "A...")
    return list(sub.choices)


# What may stay in Latin letters: the program's commands and options, codes a clerk types
# (report kinds, 2023Q1), formats and product names.
ALLOWED = {"greentasks", "db", "YYYY", "MM", "DD", "URL", "SQLAlchemy", "JSON", "Excel", "PDF", "xlsx", "xls",
           "csv", "pdf", "Q", "H", "D", "postgresql", "psycopg", "clerk", "full", "unit", "overdue", "missing",
           "notice", "scores", "Word", "docx", "LibreOffice"}


def english_words(text: str) -> list[str]:
    text = re.sub(r"“[^”]*”", " ", text)  # what the clerk typed, quoted back
    for name in commands():
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    text = re.sub(r"(?<![\w-])--?[a-z][a-z-]*", " ", text)  # options
    return [w for w in re.findall(r"[A-Za-z]+", text) if w not in ALLOWED]


@pytest.mark.parametrize("command", ["", *commands()])
def test_every_help_is_in_chinese(capsys, command):
    code, out, _ = run(capsys, *([command] if command else []), "-h")
    assert code == 0
    assert out.startswith(f"用法：greentasks{' ' + command if command else ''} ")
    assert "显示帮助信息并退出" in out and "选项：" in out
    if not command:
        assert "命令：" in out and "显示程序版本号并退出" in out
    assert english_words(out) == [], out


@pytest.mark.parametrize("args,words", [
    (["list", "--light", "紫"], "无效的选项：“紫”（可选：红、黄、绿）"),
    (["report", "x.pdf", "--kind", "all"], "无效的选项：“all”（可选：full、unit、overdue"),
    (["lst"], "没有“lst”这个命令。可用的命令：gui、init"),
    (["backup"], "缺少必需的参数：备份位置"),
    (["export-templates", "下发"], "缺少必需的参数：--period"),
    (["list", "--bogus"], "无法识别的参数：--bogus"),
    (["list", "--task"], "参数 --task：需要一个值"),
    (["list", "--task", "十八"], "参数 --task：应为数字"),
    (["history", "x"], "参数 分工编号：应为数字"),
    (["list", "--d", "x"], "不明确"),
    (["--today", "2023-13-01", "status"], "YYYY-MM-DD"),
])
def test_every_usage_error_is_in_chinese(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert words in err, err
    assert err.startswith("用法：greentasks") and "错误：" in err and "-h 查看用法" in err
    assert english_words(err) == [], err


# -- list --task: a number the plan does not have ---------------------------------------------------------

def test_a_task_the_plan_does_not_have_is_an_error_naming_the_range(capsys, dbfile):
    code, out, err = run(capsys, "--db", dbfile, "list", "--task", "99", "--json")
    assert code == 2 and out == ""
    assert "没有第99项重点任务" in err and "第1–34项" in err
    # the range is the plan's, as the database holds it
    from greentasks.db import Database
    from greentasks.models import Task
    from greentasks.services.queries import builtin_plan

    db = Database(dbfile)
    with db.writing() as s:
        plan = builtin_plan(s)
        t34 = s.scalar(select(Task).where(Task.plan_id == plan.id, Task.no == 34))
        s.add(Task(plan_id=plan.id, no=35, title="（测试）第35项", text="", section_id=t34.section_id))
    db.dispose()
    assert run(capsys, "--db", dbfile, "list", "--task", "35")[0] == 0
    code, _, err = run(capsys, "--db", dbfile, "list", "--task", "36")
    assert code == 2 and "第1–35项" in err


def test_a_bad_status_names_the_five(capsys, dbfile):
    code, _, err = run(capsys, "--db", dbfile, "list", "--status", "差不多")
    assert code == 2 and "完成状态应为：未启动、推进中、滞后、已完成、长期坚持之一" in err
