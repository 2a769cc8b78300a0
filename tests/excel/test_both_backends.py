"""The Excel exchange end to end on every database backend (SQLite, and PostgreSQL when a server is
configured: see tests/conftest.py): decomposition table, template out and back, a newer return,
undo, ledger."""

from __future__ import annotations

import datetime as dt

import openpyxl
from sqlalchemy import func, select

from greentasks.domain.periods import parse_period
from greentasks.models import Assignment, ProgressEntry
from greentasks.services.exports import export_ledger, export_templates
from greentasks.services.plan_import import import_plan
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import undo_batch

from ._books import STANDARD_ASSIGNMENTS, standard_plan_xlsx
from .test_templates import FILL, fill_template

TODAY = dt.date(2023, 4, 10)


def _entries(db) -> list[tuple[int, str, str, bool]]:
    with db.reading() as s:
        return [(e.assignment_id, e.status, e.progress, e.superseded)
                for e in s.scalars(select(ProgressEntry).order_by(ProgressEntry.id))]


def test_exchange_end_to_end(db, tmp_path):
    plan = standard_plan_xlsx(tmp_path / "分工表.xlsx")
    assert import_plan(db, plan).outcome == "imported"
    assert import_plan(db, plan).outcome == "duplicate"
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Assignment).where(Assignment.parent_id.is_(None))) == \
            len(STANDARD_ASSIGNMENTS)
        # 各乡镇（街道）'s work, one share for each of the 34 towns
        assert s.scalar(select(func.count()).select_from(Assignment).where(Assignment.parent_id.is_not(None))) == 34

    (template,) = export_templates(db, tmp_path / "out", parse_period("2023Q1"), ["区发展改革委"], today=TODAY)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = fill_template(template, tmp_path / "a" / template.name, reported_on=dt.date(2023, 4, 3))
    second = fill_template(template, tmp_path / "b" / template.name, reported_on=dt.date(2023, 4, 8), suffix="（更正）")
    (f,) = import_returns(db, [first]).files
    assert f.outcome == "imported" and f.rows == 4
    (g,) = import_returns(db, [second]).files
    assert g.outcome == "imported"
    entries = _entries(db)
    assert [e[3] for e in entries] == [True] * 4 + [False] * 4
    assert sorted(e[1] for e in entries[4:]) == sorted(v[1] for v in FILL.values())

    undo_batch(db, g.batch_id)
    assert [e[3] for e in _entries(db)] == [False] * 4
    assert not any(e[2].endswith("（更正）") for e in _entries(db))

    ledger = export_ledger(db, tmp_path / "总台账.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(ledger)["总台账"]
    assert ws.max_row == 3 + 7
