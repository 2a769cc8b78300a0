"""Test data made the way the office makes it: templates exported by the program, filled in
as a unit would (with openpyxl), and saved under the unit's file name."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import openpyxl

STATUS_CYCLE = ("推进中", "序时推进", "已完成", "滞后", "长期坚持")


def fill_template(path: Path, *, reporter: str = "张三", phone: str = "023-71400000", progress: str = "本期进展",
                  reported_on: date | None = None, status_cycle=STATUS_CYCLE) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb["进展情况"]
    ws["C3"] = reporter
    ws["H3"] = phone
    ws["J3"] = reported_on or date(2023, 4, 5)
    statuses = itertools.cycle(status_cycle)
    for row in ws.iter_rows(min_row=5):
        if row[11].value is None:  # the hidden id column: past the data rows
            continue
        row[6].value = next(statuses)
        row[7].value = f"{progress}：任务{row[1].value}"
        row[8].value = "无"
        row[9].value = "继续推进"
    wb.save(path)
    return path


def filled_returns(db, outdir: Path, period: str, today: date, **kwargs) -> list[Path]:
    from greentasks.domain.periods import require_period
    from greentasks.services.exports import export_templates

    paths = export_templates(db, outdir, require_period(period), today=today)
    return [fill_template(p, **kwargs) for p in paths]


def table_dump(db, exclude: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: equal dumps mean equal content."""
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(db.engine)
    dump: dict[str, list[tuple]] = {}
    with db.engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            if name in exclude:
                continue
            rows = conn.execute(select(table)).all()
            dump[name] = sorted((tuple(r) for r in rows), key=repr)
    return dump
