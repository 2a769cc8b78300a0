"""The garbage collector held during start-up (greentasks.collector): released by every command
once its arguments are read, never touched when nothing held it."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from greentasks import collector

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def office(tmp_path, _example_template) -> Path:
    target = tmp_path / "x.db"
    shutil.copyfile(_example_template, target)
    return target


def test_a_command_releases_the_collector_once_its_arguments_are_read(held_collector, office, capsys):
    from greentasks.cli import main

    with pytest.raises(SystemExit):
        main(["--version"])  # argparse answers before any command runs
    assert not gc.isenabled()
    assert main(["--db", str(office), "plans"]) == 0
    assert "南川府发〔2022〕34号" in capsys.readouterr().out
    assert gc.isenabled() and gc.get_freeze_count() > 0


def test_release_does_nothing_when_the_collector_was_not_held():
    before = gc.get_freeze_count()
    gc.disable()  # a program embedding the core turned it off itself
    try:
        collector.release_collector()
        assert not gc.isenabled() and gc.get_freeze_count() == before
    finally:
        gc.enable()
    collector.release_collector()
    assert gc.isenabled() and gc.get_freeze_count() == before


def test_python_m_greentasks_holds_it_until_the_command_runs(office):
    """The entry module holds the collector before its imports; the command releases it."""
    script = textwrap.dedent(f"""
        import gc, runpy, sys
        sys.path.insert(0, {str(ROOT)!r})
        import greentasks.cli as cli
        seen = {{}}
        real = cli._run
        def spy(handler, app):
            seen["during"] = gc.isenabled(), gc.get_freeze_count() > 0
            return real(handler, app)
        cli._run = spy
        sys.argv = ["greentasks", "--db", {str(office)!r}, "plans"]
        gc.enable()
        try:
            runpy.run_module("greentasks", run_name="__main__")
        except SystemExit as exit:
            print(exit.code, seen["during"])
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "0 (True, True)", out.stdout + out.stderr


def test_a_paused_block_lets_the_collector_run_again_after_it_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), collector.collector_paused():
        assert not gc.isenabled()
        with collector.collector_paused():  # nested: left to the outer block
            pass
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()  # paused by someone else (start-up): left paused
    try:
        with collector.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_rows_the_ledger_and_the_bulletin_are_built_with_the_collector_paused(office, tmp_path, monkeypatch):
    from greentasks.db import Database
    from greentasks.domain.periods import parse_period
    from greentasks.services import bulletin, exports, queries
    from greentasks.word import bulletin as word_bulletin

    seen = {}

    def spy(name, real):
        def call(*args, **kwargs):
            seen[name] = gc.isenabled()
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(exports, "write_ledger", spy("ledger", exports.write_ledger))
    monkeypatch.setattr(queries, "due_on", spy("rows", queries.due_on))  # inside every load of rows
    monkeypatch.setattr(word_bulletin, "write_docx", spy("bulletin", word_bulletin.write_docx))
    db = Database(office)
    try:
        today = date(2023, 7, 10)
        exports.export_ledger(db, tmp_path / "总台账.xlsx", today=today)
        bulletin.write_bulletin(db, tmp_path / "通报.docx", parse_period("2023Q2"), today=today)
        assert seen == {"rows": False, "ledger": False, "bulletin": False}
        seen.clear()
        with db.reading() as session:  # rows loaded on their own: paused as well
            queries.assignment_rows(session, queries.Context.load(session, today))
        assert seen == {"rows": False}
    finally:
        db.dispose()
    assert gc.isenabled() and (tmp_path / "总台账.xlsx").stat().st_size and (tmp_path / "通报.docx").stat().st_size
