"""Importing and exporting the unit directory file (docs/excel.md#directory), all or nothing per file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..db import Database
from ..errors import FileRefused, Problem
from ..models import ImportBatch
from ..models.audit import BATCH_DIRECTORY, SOURCE_IMPORT
from ..paths import current_user
from .audit import Actor
from .backups import auto_backup
from .directory import directory_rows, merge_directory
from .outcomes import IMPORTED, REFUSED, FileOutcome, RowChange


def import_directory_file(db: Database, path: Path, dry_run: bool = False) -> FileOutcome:
    from ..excel.directory_sheet import read_directory_columns
    from ..excel.reader import read_workbook, sha256_of

    path = Path(path)
    outcome = FileOutcome(path=path)
    try:
        book = read_workbook(path)
    except FileRefused as exc:
        outcome.errors.append(exc.problem)
        return outcome
    rows, sheet, problems, letters = read_directory_columns(book)
    outcome.errors += problems
    outcome.rows = len(rows)
    if problems:
        return outcome
    if not dry_run:
        auto_backup(db, reason="导入通讯录前")
    with db.sessions() as session:
        session.begin()
        batch = ImportBatch(kind=BATCH_DIRECTORY, file_name=path.name, file_path=str(path), sha256=sha256_of(path),
                            user=current_user(), rows=len(rows))
        session.add(batch)
        session.flush()
        actor = Actor(user=batch.user, source=SOURCE_IMPORT, batch_id=batch.id)
        result = merge_directory(session, actor, rows, file=path.name, sheet=sheet)
        outcome.errors += [_in_file_columns(p, letters) for p in result.errors]
        outcome.changes += [RowChange(0, None, 0, n, "", action="新增") for n in result.created]
        outcome.changes += [RowChange(0, None, 0, n, "", action="更新") for n in result.updated]
        outcome.changes += [RowChange(row or 0, None, 0, new, "", action="改名", fields=[("单位名称", old, new)])
                            for old, new, row in result.renamed]
        outcome.warnings += [Problem(f"单位“{old}”已按通讯录改名为“{new}”，原名称保留为简称（撤销这批导入可恢复）。",
                                     file=path.name, sheet=sheet, row=row, severity="warning")
                             for old, new, row in result.renamed]
        if outcome.errors or dry_run or not outcome.changes:
            session.rollback()
            outcome.outcome = REFUSED if outcome.errors else ("dry-run" if dry_run else IMPORTED)
            return outcome
        session.commit()
        outcome.batch_id = batch.id
    outcome.outcome = IMPORTED
    return outcome


# merge_directory names columns as in the exported layout (A 单位名称, B 简称/别名, C 类别); a
# clerk's own file may order them otherwise.
_EXPORTED_LAYOUT = {"A": "name", "B": "aliases", "C": "category", "D": "contact", "E": "phone"}


def _in_file_columns(problem: Problem, letters: dict[str, str]) -> Problem:
    key = _EXPORTED_LAYOUT.get(problem.column or "")
    if key is None:
        return problem
    return replace(problem, column=letters.get(key, problem.column))


def export_directory_file(db: Database, out: Path) -> Path:
    from ..excel.directory_sheet import write_directory

    with db.session() as session:
        rows = directory_rows(session)
    return write_directory(rows, Path(out))
