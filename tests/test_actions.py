"""The hand-change use cases (services.actions): each owns its transaction and says what it
changed, so the desktop app refreshes from the core's word, not from a guess."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from greentasks.errors import ConflictError, GreentasksError
from greentasks.models import Assignment, Department
from greentasks.services import actions
from greentasks.services.settings import reporting_cycle, warn_days


def _unit_id(db, name: str = "区发展改革委") -> int:
    with db.reading() as session:
        return session.scalar(select(Department.id).where(Department.name == name))


def test_add_edit_and_remove_an_assignment(db):
    added = actions.add_assignment(db, 18, _unit_id(db), "牵头", "编制能源规划", "2025年底前")
    assert added.changes.task_nos == {18} and added.changes.select_id == added.value and added.changes.directory
    with db.reading() as session:
        version = session.get(Assignment, added.value).version
    edited = actions.edit_assignment(db, added.value, version, deadline_text="2024年底前")
    assert edited.changes.task_nos == {18} and not edited.changes.directory
    with pytest.raises(ConflictError):
        actions.edit_assignment(db, added.value, version, deadline_text="2026年底前")  # a stale version
    with db.reading() as session:
        version = session.get(Assignment, added.value).version
    removed = actions.remove_assignments(db, [(added.value, version)])
    assert removed.value == 1 and removed.changes.removed_ids == {added.value}


def test_confirm_and_send_back_only_where_the_rules_allow(example_db):
    with example_db.reading() as session:
        pending = list(session.scalars(select(Assignment.id).where(Assignment.closure == "待销号")))
        open_work = list(session.scalars(select(Assignment.id).where(Assignment.status == "推进中").limit(3)))
    assert pending and open_work
    confirmed = actions.confirm_completions(example_db, [pending[0], *open_work])
    assert confirmed.value == 1 and confirmed.changes.assignments
    sent = actions.send_back(example_db, [pending[0], *open_work], "材料不全")
    assert sent.value == 1
    with example_db.reading() as session:
        assert session.get(Assignment, pending[0]).status == "推进中"
    nothing = actions.send_back(example_db, open_work, "x")
    assert nothing.value == 0 and not nothing.changes.any()


def test_a_category_change_refreshes_every_row_and_a_contact_change_only_the_units(db):
    dep = _unit_id(db)
    contact = actions.save_unit(db, dep, contact="张三", phone="023-71420000")
    assert contact.changes.directory and not contact.changes.assignments
    category = actions.save_unit(db, dep, category="企事业单位")
    assert category.changes.directory and category.changes.rows_all


def test_add_and_merge_units(db):
    new = actions.add_unit(db, "区测试中心", "企事业单位", aliases=["测试中心"])
    assert new.changes.directory and new.value
    with pytest.raises(GreentasksError):
        actions.add_unit(db, "区测试中心", "企事业单位")
    merged = actions.merge_units(db, _unit_id(db), new.value)
    assert merged.value == 0 and merged.changes.directory


def test_unit_choices_say_what_was_done(db):
    done = actions.save_unit_choices(db, {"区发改局（盖章）": _unit_id(db), "区新设单位": "create"}, note="测试")
    assert [(d.name, d.unit, d.created) for d in done.value.done] == [
        ("区发改局", "区发展改革委", False), ("区新设单位", "区新设单位", True)]
    assert done.changes.directory
    again = actions.save_unit_choices(db, {"区发改局（盖章）": _unit_id(db)})
    assert again.value.done == [] and not again.changes.any()


def test_office_settings(db):
    done = actions.save_office_settings(db, warn_days=15, cycle="month")
    assert done.changes.settings and done.changes.rows_all
    with db.reading() as session:
        assert (warn_days(session), reporting_cycle(session)) == (15, "month")


def test_extending_the_plan_horizon_is_a_setting_change(db):
    from datetime import date

    done = actions.extend_plan_horizon(db, date(2027, 12, 31))
    assert done.value is True and done.changes.settings and done.changes.rows_all
    again = actions.extend_plan_horizon(db, date(2027, 12, 31))
    assert again.value is False and not again.changes.any()
