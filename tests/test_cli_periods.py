"""Every command that takes --period reads it once, at the command line's edge, with
domain.periods.require_period: text no period reads exits 2 with the one Chinese message of
PeriodError, and the services are handed a Period, never the text."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from greentasks.cli import build_parser, main
from greentasks.domain.periods import Period
from greentasks.errors import UsageError

Q1 = Period.quarter(2023, 1)

# The positional arguments each --period command needs besides --period (a new command that
# takes --period must be added here, so that it is checked too).
POSITIONALS = {
    "status": [],
    "list": [],
    "export-templates": ["{tmp}/下发"],
    "import-returns": ["{tmp}"],
    "export-ledger": ["{tmp}/总台账.xlsx"],
    "report": ["{tmp}/推进情况表.pdf"],
    "changes": [],
    "bulletin": ["{tmp}/督查通报.docx"],
    "notices": ["{tmp}/催报"],
}

# Where each command hands the period to the services: (module, attribute, argument name or position).
SERVICE = {
    "status": ("greentasks.services.queries", "Context.load", 2),
    "list": ("greentasks.services.queries", "Context.load", 2),
    "export-templates": ("greentasks.services.exports", "export_templates", 2),
    "import-returns": ("greentasks.services.returns_import", "import_returns", "period"),
    "export-ledger": ("greentasks.services.exports", "export_ledger", "period"),
    "report": ("greentasks.services.reporting", "report_for", 3),
    "changes": ("greentasks.services.period_changes", "changes_for", 1),
    "bulletin": ("greentasks.services.bulletin", "write_bulletin", 2),
    "notices": ("greentasks.services.notices", "write_notices", 2),
}


@pytest.fixture(scope="module")
def dbfile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("periods")
    os.environ.setdefault("GREENTASKS_DATA_DIR", str(folder / "data"))
    path = folder / "office.db"
    assert main(["--db", str(path), "--today", "2023-04-10", "init", "--example"]) == 0
    return path


def commands_with_period() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.nargs == argparse.PARSER)
    return {name for name, p in sub.choices.items() if any("--period" in a.option_strings for a in p._actions)}


def argv(dbfile: Path, command: str, tmp: Path, period: str) -> list[str]:
    return ["--db", str(dbfile), "--today", "2023-04-10", command,
            *(a.format(tmp=tmp) for a in POSITIONALS[command]), "--period", period]


def test_every_period_command_is_checked_here():
    assert commands_with_period() == set(POSITIONALS) == set(SERVICE)


@pytest.mark.parametrize("command", sorted(POSITIONALS))
def test_a_period_no_one_can_read_exits_2_with_the_one_message(dbfile, tmp_path, capsys, command):
    (tmp_path / "下发").mkdir()
    assert main(argv(dbfile, command, tmp_path, "2023Q5")) == 2
    err = capsys.readouterr().err
    assert "错误：报送期“2023Q5”无法识别。请写成 2023Q1、2023年第一季度、2023-03、2023H1 或 2023 这样的形式。" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["下发"] and not any((tmp_path / "下发").iterdir())


@pytest.mark.parametrize("command", sorted(SERVICE))
def test_the_services_are_handed_a_period(dbfile, tmp_path, capsys, monkeypatch, command):
    import importlib

    module_name, attribute, where = SERVICE[command]
    owner = importlib.import_module(module_name)
    if "." in attribute:  # a classmethod, replaced on its class by a plain function (no cls argument)
        cls_name, attribute = attribute.split(".")
        owner = getattr(owner, cls_name)
    handed: list[object] = []

    def recorded(*args, **kwargs):
        handed.append(kwargs.get(where) if isinstance(where, str) else args[where])
        raise UsageError("已记下")

    monkeypatch.setattr(owner, attribute, recorded)
    (tmp_path / "下发").mkdir()
    assert main(argv(dbfile, command, tmp_path, "2023年第一季度")) == 2
    assert "已记下" in capsys.readouterr().err
    assert handed == [Q1] and type(handed[0]) is Period
