"""Helpers: run the CLI in-process, dump a database's content, query it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from greentasks.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, *args)
    return code, json.loads(out), err


def dump(db_or_path) -> list[str]:
    """Every table's rows (and the schema) as SQL text, in a stable order: two dumps are equal
    exactly when the database content is."""
    path = Path(db_or_path.sqlite_path if hasattr(db_or_path, "sqlite_path") else db_or_path)
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def dump_without(db_or_path, *tables: str) -> list[str]:
    skip = tuple(f'INSERT INTO "{t}"' for t in tables)
    return [line for line in dump(db_or_path) if not line.startswith(skip)]


def table_rows(db_or_path, *, skip_tables=(), skip_columns=()) -> dict[str, list[tuple]]:
    """Every row of every table (by rowid), without the tables and columns named."""
    path = Path(db_or_path.sqlite_path if hasattr(db_or_path, "sqlite_path") else db_or_path)
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        result = {}
        for name in names:
            if name in skip_tables or name == "sqlite_sequence":
                continue
            cursor = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            keep = [i for i, d in enumerate(cursor.description) if d[0] not in skip_columns]
            result[name] = [tuple(row[i] for i in keep) for row in cursor]
        return result
    finally:
        conn.close()


def counts(db_or_path) -> dict[str, int]:
    path = Path(db_or_path.sqlite_path if hasattr(db_or_path, "sqlite_path") else db_or_path)
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def assignments(db, *, shares: bool = False) -> list[dict]:
    """Every assignment with its task number and unit name, in import order: those the tables
    and the clerk made, and with ``shares`` the members' shares of collectives' work too
    (services.collectives makes them; tests/test_collectives.py checks them)."""
    from sqlalchemy import select

    from greentasks.models import Assignment, Department, Task

    with db.reading() as s:
        stmt = (select(Assignment, Task.no, Department.name)
                .join(Task, Task.id == Assignment.task_id).join(Department, Department.id == Assignment.department_id)
                .order_by(Assignment.id))
        rows = s.execute(stmt if shares else stmt.where(Assignment.parent_id.is_(None))).all()
        return [dict(id=a.id, task=no, unit=name, role=a.role, measure=a.measure, deadline_text=a.deadline_text,
                     deadline_kind=a.deadline_kind, due=a.deadline_due, rule=a.deadline_rule, status=a.status,
                     note=a.note) for a, no, name in rows]


def triples(db) -> set[tuple]:
    return {(a["task"], a["unit"], a["role"], a["measure"]) for a in assignments(db)}


def entries(db) -> list[dict]:
    from sqlalchemy import select

    from greentasks.models import ProgressEntry

    with db.reading() as s:
        return [dict(id=e.id, assignment_id=e.assignment_id, period=e.period, status=e.status, progress=e.progress,
                     problems=e.problems, next_steps=e.next_steps, remarks=e.remarks, reporter=e.reporter,
                     phone=e.phone, reported_on=e.reported_on, superseded=e.superseded, batch_id=e.batch_id)
                for e in s.scalars(select(ProgressEntry).order_by(ProgressEntry.id))]


def assignment_id(db, task: int, unit: str, measure: str | None = None) -> int:
    found = [a for a in assignments(db) if a["task"] == task and a["unit"] == unit
             and (measure is None or a["measure"] == measure)]
    assert len(found) == 1, found
    return found[0]["id"]
