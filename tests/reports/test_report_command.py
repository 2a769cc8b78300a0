"""The ``report`` command (greentasks.cli.report) through a small argparse harness shaped like
greentasks.cli.build_parser, on a copy of the example office."""

from __future__ import annotations

import argparse
from datetime import date

import pypdf
import pytest

from greentasks.cli import App
from greentasks.cli.report import COMMANDS, register
from greentasks.errors import UsageError
from greentasks.reports import KINDS


@pytest.fixture
def dbfile(office, tmp_path):
    from greentasks.db import sqlite_online_backup

    target = tmp_path / "office.db"
    assert office.sqlite_path is not None
    sqlite_online_backup(office.sqlite_path, target)
    return target


def run(dbfile, *argv: str, today: str = "2023-04-10") -> int:
    parser = argparse.ArgumentParser(prog="greentasks")
    sub = parser.add_subparsers(dest="command")

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text)

    register(cmd)
    args = parser.parse_args(["report", *argv])
    args.db = str(dbfile)
    args.today = date.fromisoformat(today)
    app = App(args)
    try:
        return COMMANDS[args.command](app)
    finally:
        if app._db is not None:
            app._db.dispose()


def test_report_writes_the_full_report_by_default(dbfile, tmp_path, qapp, capsys):
    out = tmp_path / "推进情况表.pdf"
    assert run(dbfile, str(out)) == 0
    pages = len(pypdf.PdfReader(str(out)).pages)
    assert pages > 1
    err = capsys.readouterr().err
    assert "已生成推进情况表" in err and f"共{pages}页" in err
    assert not list(tmp_path.glob(".*.tmp.pdf"))


def test_report_is_written_only_under_a_pdf_name_and_takes_kind_period_and_alias(dbfile, tmp_path, qapp):
    for name, better in (("unit", "unit.pdf"), ("报告.docx", "报告.pdf")):
        with pytest.raises(UsageError, match=f"应以 .pdf 结尾.*{better}"):
            run(dbfile, str(tmp_path / name), "--kind", "unit", "--department", "发改委")
    assert list(tmp_path.glob("unit*")) == [] and list(tmp_path.glob("报告*")) == []
    assert run(dbfile, str(tmp_path / "unit.pdf"), "--kind", "unit", "--department", "发改委", "--period", "2023Q1") == 0
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "unit.pdf")).pages)
    assert "区发展改革委" in text


def test_notices_for_every_unit_or_one(dbfile, tmp_path, qapp, capsys):
    assert run(dbfile, str(tmp_path / "all.pdf"), "--kind", "notice", "--period", "2023Q1", today="2023-07-10") == 0
    assert "督办单" in capsys.readouterr().err
    assert run(dbfile, str(tmp_path / "one.pdf"), "--kind", "notice", "--department", "区商务委", "--period",
               "2023Q1", today="2023-07-10") == 0
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "one.pdf")).pages)
    assert "区商务委" in text and "督办单（红色）" in text.replace(" ", "")
    assert len(pypdf.PdfReader(str(tmp_path / "one.pdf")).pages) < len(pypdf.PdfReader(str(tmp_path / "all.pdf")).pages)


def test_no_notice_needed_writes_nothing(dbfile, tmp_path, qapp, capsys):
    out = tmp_path / "none.pdf"
    assert run(dbfile, str(out), "--kind", "notice", "--department", "区税务局") == 0
    assert not out.exists()
    assert "没有需要督办的事项" in capsys.readouterr().err


@pytest.mark.parametrize("argv,message", [
    (["--kind", "unit"], "--department"),
    (["--kind", "full", "--department", "区发展改革委"], "只能与"),
    (["--kind", "unit", "--department", "区不存在局"], "不在单位通讯录中"),
    (["--period", "第五季度"], "无法识别"),
])
def test_bad_usage_is_a_usage_error(dbfile, tmp_path, argv, message):
    with pytest.raises(UsageError, match=message):
        run(dbfile, str(tmp_path / "x.pdf"), *argv)
    assert not (tmp_path / "x.pdf").exists()


def test_output_folder_must_exist(dbfile, tmp_path):
    with pytest.raises(UsageError, match="不存在"):
        run(dbfile, str(tmp_path / "nowhere" / "x.pdf"))
    with pytest.raises(UsageError, match="文件夹"):
        run(dbfile, str(tmp_path))


def test_every_kind_is_a_choice(dbfile, tmp_path):
    with pytest.raises(SystemExit):
        run(dbfile, str(tmp_path / "x.pdf"), "--kind", "everything")
    assert set(KINDS) == {"full", "unit", "overdue", "missing", "notice", "scores"}
