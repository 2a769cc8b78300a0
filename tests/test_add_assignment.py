"""Adding an assignment by hand through the core, without Qt (services.assignments.add_assignment)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from greentasks.errors import GreentasksError
from greentasks.models import Assignment, ChangeLog, Department
from greentasks.services.assignments import add_assignment
from greentasks.services.audit import Actor


def unit_id(session, name: str) -> int:
    return session.scalar(select(Department.id).where(Department.name == name))


def test_an_assignment_added_by_hand_goes_last_and_is_logged(db):
    with db.writing() as s:
        first = add_assignment(s, Actor.by_hand(), 28, unit_id(s, "区统计局"), "牵头", "建立绿色统计监测制度",
                               "2023年12月底前")
        second = add_assignment(s, Actor.by_hand(), 3, unit_id(s, "区统计局"), "配合", "  ", None)
        ids = first.id, second.id
    with db.reading() as s:
        first, second = s.get(Assignment, ids[0]), s.get(Assignment, ids[1])
        assert (first.task.no, first.department.name, first.deadline_due.isoformat()) == (28, "区统计局", "2023-12-31")
        assert second.position == first.position + 1 == s.scalar(select(func.max(Assignment.position)))
        assert second.measure == second.task.title  # no 具体工作: the task itself, as in a table
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.entity == "assignments", ChangeLog.entity_id == first.id)) >= 1


def test_the_same_work_for_the_same_unit_is_refused_in_chinese(db):
    with db.writing() as s:
        add_assignment(s, Actor.by_hand(), 28, unit_id(s, "区统计局"), "牵头", "建立绿色统计监测制度", "")
    with db.writing() as s, pytest.raises(GreentasksError, match="区统计局.*第28项任务.*不能重复添加"):
        # the same words with full-width spaces are the same work
        add_assignment(s, Actor.by_hand(), 28, unit_id(s, "区统计局"), "配合", "建立绿色统计　监测制度", "")
    with db.writing() as s:  # another unit may have it, and the same unit on another task
        add_assignment(s, Actor.by_hand(), 28, unit_id(s, "区发展改革委"), "配合", "建立绿色统计监测制度", "")
        add_assignment(s, Actor.by_hand(), 27, unit_id(s, "区统计局"), "牵头", "建立绿色统计监测制度", "")
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Assignment)) == 3


def test_an_unknown_task_or_unit_is_explained(db):
    with db.writing() as s:
        with pytest.raises(GreentasksError, match="找不到所选的任务或单位"):
            add_assignment(s, Actor.by_hand(), 999, unit_id(s, "区统计局"), "牵头", "x", "")
        with pytest.raises(GreentasksError, match="找不到所选的任务或单位"):
            add_assignment(s, Actor.by_hand(), 28, 987654, "牵头", "x", "")
        with pytest.raises(GreentasksError, match="责任类型"):
            add_assignment(s, Actor.by_hand(), 28, unit_id(s, "区统计局"), "主办", "x", "")
