"""The garbage collector held during start-up (greentasks.collector): released by every command
once its arguments are read, never touched when nothing held it."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from greentasks import collector

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def held():
    """The collector held as the entry points hold it; afterwards running, nothing frozen."""
    collector.hold_collector()
    assert not gc.isenabled()
    yield
    collector._held = False
    gc.unfreeze()
    gc.enable()


@pytest.fixture
def office(tmp_path, _example_template) -> Path:
    target = tmp_path / "x.db"
    shutil.copyfile(_example_template, target)
    return target


def test_a_command_releases_the_collector_once_its_arguments_are_read(held, office, capsys):
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
