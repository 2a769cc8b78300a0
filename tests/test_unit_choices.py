"""Mapping or creating a unit for a name the directory does not know, through the core, without Qt
(services.directory.apply_unit_choice, used by the 分工表 import and the 对应单位 dialog)."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import func, select

from greentasks.errors import GreentasksError
from greentasks.models import Assignment, Department, DepartmentAlias
from greentasks.services.audit import Actor
from greentasks.services.directory import (
    ALIAS,
    CREATE,
    CREATED,
    KNOWN,
    DirectoryIndex,
    apply_unit_choice,
    guess_category,
)


def unit_id(session, name: str) -> int:
    return session.scalar(select(Department.id).where(Department.name == name))


def test_a_chosen_unit_takes_the_name_as_its_alias(db):
    with db.writing() as s:
        ndrc = unit_id(s, "区发展改革委")
        index = DirectoryIndex(s)
        dep, done = apply_unit_choice(s, Actor.by_hand(), "区发改局", ndrc, index)
        assert (dep.id, done) == (ndrc, ALIAS)
        assert index.resolve("区发改局").id == ndrc  # the index the caller passed is up to date
        again = apply_unit_choice(s, Actor.by_hand(), "区发改局", CREATE, index)  # known now
        assert (again[0].id, again[1]) == (ndrc, KNOWN)
    with db.reading() as s:
        assert s.scalar(select(DepartmentAlias.department_id).where(DepartmentAlias.alias == "区发改局")) == ndrc


def test_create_guesses_the_category_or_takes_the_clerks(db):
    with db.writing() as s:
        village, done = apply_unit_choice(s, Actor.by_hand(), "云岭镇", CREATE)
        assert done == CREATED and village.category == "乡镇街道" == guess_category("云岭镇")
        farm, done = apply_unit_choice(s, Actor.by_hand(), "新华村", (CREATE, "企事业单位"))
        assert done == CREATED and farm.category == "企事业单位"
        with pytest.raises(GreentasksError, match="类别“农村”无法识别"):
            apply_unit_choice(s, Actor.by_hand(), "新民村", (CREATE, "农村"))
    with db.reading() as s:
        assert {d.name: d.category for d in s.scalars(select(Department).where(
            Department.name.in_(["云岭镇", "新华村", "新民村"])))} == {"云岭镇": "乡镇街道", "新华村": "企事业单位"}


def test_a_unit_removed_meanwhile_is_explained(db):
    with db.writing() as s, pytest.raises(GreentasksError, match="已不在通讯录中"):
        apply_unit_choice(s, Actor.by_hand(), "区发改局", 987654)


def test_guess_category_is_still_importable_from_plan_import():
    from greentasks.services import plan_import

    assert plan_import.guess_category is guess_category and plan_import.CREATE == CREATE


def test_the_plan_import_uses_the_same_choice_for_a_name_written_twice(sqlite_db, tmp_path):
    from greentasks.services.plan_import import import_plan

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限"])
    ws.append([7, None, "发展山地特色农业", "新华村", None, "长期坚持"])
    ws.append([8, None, "发展乡村旅游", "新华村", "区发改局", "长期坚持"])
    ws.append([9, None, "推进节能改造", "区发改局", None, "长期坚持"])
    wb.save(tmp_path / "t.xlsx")
    with sqlite_db.reading() as s:
        ndrc = unit_id(s, "区发展改革委")
    done = import_plan(sqlite_db, tmp_path / "t.xlsx", unit_choices={"新华村": (CREATE, "企事业单位"), "区发改局": ndrc})
    assert done.outcome == "imported" and done.created_units == ["新华村"]
    assert sum("简称" in w.message for w in done.warnings) == 1  # said once, for the first row naming it
    with sqlite_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Department).where(Department.name == "新华村")) == 1
        assert s.scalar(select(func.count()).select_from(Assignment).where(Assignment.department_id == ndrc)) == 2
