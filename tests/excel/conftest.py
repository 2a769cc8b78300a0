"""Fixtures of the Excel exchange tests: an office database copied from one built per session,
the CLI run in-process, and a dump of every table to prove a refused file changed nothing."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

if importlib.util.find_spec("greentasks") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def _blank_template(tmp_path_factory) -> Path:
    """An initialised database (plan, directory, no assignments), built once."""
    import os

    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    folder = tmp_path_factory.mktemp("blank")
    os.environ.setdefault("GREENTASKS_DATA_DIR", str(folder / "data"))
    db = Database(folder / "blank.db")
    initialize(db)
    db.dispose()
    return folder / "blank.db"


@pytest.fixture(scope="session")
def _planned_template(tmp_path_factory, _blank_template) -> Path:
    """The blank database with the standard decomposition table of _books imported."""
    from greentasks.db import Database
    from greentasks.services.plan_import import import_plan

    from ._books import standard_plan_xlsx

    folder = tmp_path_factory.mktemp("planned")
    target = folder / "planned.db"
    shutil.copyfile(_blank_template, target)
    db = Database(target)
    outcome = import_plan(db, standard_plan_xlsx(folder / "分工表.xlsx"))
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    db.dispose()
    return target


def _copy(template: Path, tmp_path: Path):
    from greentasks.db import Database

    target = tmp_path / "office.db"
    shutil.copyfile(template, target)
    database = Database(target)
    return database


@pytest.fixture
def office(tmp_path, _blank_template):
    """A fresh SQLite office: built-in plan and directory, no assignments yet."""
    database = _copy(_blank_template, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def planned(tmp_path, _planned_template):
    """An office with the standard decomposition table (see _books.STANDARD_PLAN) imported."""
    database = _copy(_planned_template, tmp_path)
    yield database
    database.dispose()
