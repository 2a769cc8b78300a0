"""Importing and exporting the unit directory file (docs/excel.md#directory), all or nothing per file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from ..db import Database
from ..errors import Problem
from ..models.audit import BATCH_DIRECTORY
from .audit import Actor
from .collectives import sync_shares
from .directory import directory_rows, merge_directory
from .importing import BatchRecord, backup_before, open_import, write_file
from .outcomes import FileOutcome, RowChange


def import_directory_file(db: Database, path: Path, dry_run: bool = False) -> FileOutcome:
    """Merge a directory file into the units (docs/excel.md#directory): new units, changed
    details, renames (the old name kept as an alias). What it touched is ``outcome.touched``."""
    from ..excel.directory_sheet import read_directory_columns

    outcome, incoming = open_import(path)
    if incoming is None:
        return outcome
    path = outcome.path
    rows, sheet, problems, letters = read_directory_columns(incoming.book)
    outcome.errors += problems
    outcome.rows = len(rows)
    if problems:
        return outcome
    if not dry_run:
        backup_before(db, "通讯录")

    def apply(session: Session, actor: Actor, _batch_id: int) -> bool:
        result = merge_directory(session, actor, rows, file=path.name, sheet=sheet)
        outcome.errors += [_in_file_columns(p, letters) for p in result.errors]
        outcome.changes += [RowChange(0, None, 0, n, "", action="新增") for n in result.created]
        outcome.changes += [RowChange(0, None, 0, n, "", action="更新") for n in result.updated]
        outcome.changes += [RowChange(row or 0, None, 0, new, "", action="改名", fields=[("单位名称", old, new)])
                            for old, new, row in result.renamed]
        outcome.changes += [RowChange(0, None, 0, name, "", action="更新",
                                      fields=[("成员单位", f"{before}个", f"{after}个")])
                            for name, before, after in result.members]
        outcome.warnings += [Problem(f"单位“{old}”已按通讯录改名为“{new}”，原名称保留为简称（撤销这批导入可恢复）。",
                                     file=path.name, sheet=sheet, row=row, severity="warning")
                             for old, new, row in result.renamed]
        if outcome.errors:
            return False
        # New towns, changed categories and 所属集合 decide who shares a collective's work.
        synced = sync_shares(session, actor)
        if synced.any():
            outcome.warnings.append(Problem(synced.describe(done=not dry_run), file=path.name, severity="warning"))
        return bool(outcome.changes or synced.any())

    write_file(db, outcome, BatchRecord(BATCH_DIRECTORY, path, incoming.digest, rows=len(rows)), apply,
               dry_run=dry_run)
    return outcome


# merge_directory names columns as in the exported layout (A 单位名称, B 简称/别名, C 类别); a
# clerk's own file may order them otherwise.
_EXPORTED_LAYOUT = {"A": "name", "B": "aliases", "C": "category", "D": "contact", "E": "phone", "F": "email",
                    "G": "collectives"}


def _in_file_columns(problem: Problem, letters: dict[str, str]) -> Problem:
    key = _EXPORTED_LAYOUT.get(problem.column or "")
    if key is None:
        return problem
    return replace(problem, column=letters.get(key, problem.column))


def export_directory_file(db: Database, out: Path) -> Path:
    from ..excel.directory_sheet import write_directory

    with db.reading() as session:
        rows = directory_rows(session)
    return write_directory(rows, Path(out))
