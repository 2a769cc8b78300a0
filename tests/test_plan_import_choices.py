"""The desktop app's choices for names the directory does not know (services.plan_import)."""

from __future__ import annotations

import openpyxl
from sqlalchemy import select

from greentasks.models import Assignment, Department, DepartmentAlias
from greentasks.services.plan_import import CREATE, import_plan
from greentasks.services.undo import undo_batch


def table(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def ndrc_id(db) -> int:
    with db.reading() as s:
        return s.scalar(select(Department.id).where(Department.name == "区发展改革委"))


def test_a_name_mapped_to_a_unit_that_already_has_the_work_only_saves_the_alias(sqlite_db, tmp_path):
    first = table(tmp_path / "a.xlsx", [[18, None, "推进能源转型", "区发展改革委", None, "2025年底前"]])
    assert import_plan(sqlite_db, first).outcome == "imported"
    second = table(tmp_path / "b.xlsx", [[18, None, "推进能源转型", "区发改局", None, "2025年底前"]])
    refused = import_plan(sqlite_db, second)
    assert refused.outcome == "refused" and "区发改局" in refused.unknown_units
    preview = import_plan(sqlite_db, second, dry_run=True, unit_choices={"区发改局": ndrc_id(sqlite_db)})
    assert preview.outcome == "dry-run" and any("简称" in w.message for w in preview.warnings)
    done = import_plan(sqlite_db, second, unit_choices={"区发改局": ndrc_id(sqlite_db)})
    assert done.outcome == "imported" and done.batch_id is not None and not done.changes
    with sqlite_db.reading() as s:
        assert s.scalar(select(DepartmentAlias).where(DepartmentAlias.alias == "区发改局")) is not None
        assert s.query(Assignment).count() == 1
    undo_batch(sqlite_db, done.batch_id)
    with sqlite_db.reading() as s:
        assert s.scalar(select(DepartmentAlias).where(DepartmentAlias.alias == "区发改局")) is None


def test_a_new_unit_can_be_created_with_the_category_the_clerk_chose(sqlite_db, tmp_path):
    path = table(tmp_path / "c.xlsx", [[7, None, "发展山地特色农业", "新华村", None, "长期坚持"]])
    done = import_plan(sqlite_db, path, unit_choices={"新华村": (CREATE, "企事业单位")})
    assert done.outcome == "imported" and done.created_units == ["新华村"]
    with sqlite_db.reading() as s:
        assert s.scalar(select(Department.category).where(Department.name == "新华村")) == "企事业单位"


def test_a_dry_run_of_a_table_already_imported_says_duplicate(sqlite_db, tmp_path):
    path = table(tmp_path / "d.xlsx", [[18, None, "推进能源转型", "区发展改革委", None, "2025年底前"]])
    assert import_plan(sqlite_db, path).outcome == "imported"
    assert import_plan(sqlite_db, path, dry_run=True).outcome == "duplicate"
