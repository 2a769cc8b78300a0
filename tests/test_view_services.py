"""The core services written for the desktop app's views (no Qt): the overview snapshot, the
unit directory as edited in 单位, indicator values, opening the database at start-up, and the
考评 ranking as a spreadsheet."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from greentasks.errors import GreentasksError
from greentasks.models import Assignment, ChangeLog, Department, IndicatorValue
from greentasks.services import dashboard, indicator_values, units
from greentasks.services.assignments import AssignmentEdit, edit_assignment
from greentasks.services.audit import Actor
from greentasks.services.queries import Context, assignment_rows, owes_return, status_summary

TODAY = date(2023, 4, 10)
ACTOR = Actor(user="测试")


# -- dashboard -------------------------------------------------------------------------------------

def test_overview_lists_agree_with_status_summary(example_db):
    with example_db.reading() as session:
        overview = dashboard.load_overview(session, TODAY)
        summary = status_summary(session, Context.load(session, TODAY))
    assert overview.summary.to_json() == summary.to_json()
    assert len(overview.overdue_ids) == summary.overdue
    assert len(overview.due_soon_ids) == summary.due_soon
    assert len(overview.pending_ids) == summary.pending_closure == len(overview.pending_rows())
    assert [m.name for m in overview.missing] == summary.missing_returns
    missing_units = {m.department_id for m in overview.missing}
    for r in overview.rows:
        owes = owes_return(r.role, r.category, r.status, shared=r.parent_id is not None)
        assert (r.id in overview.missing_ids) == (owes and not r.reported)
        if r.department_id in missing_units and owes:
            assert r.id in overview.missing_ids
    later = date(2023, 7, 10)
    with example_db.reading() as session:
        ahead = dashboard.load_overview(session, later)
    assert ahead.overdue_rows() == sorted(ahead.overdue_rows(), key=lambda r: (r.due, r.task_no))
    assert all(r.due < later for r in ahead.overdue_rows())


def test_reloading_some_tasks_gives_what_a_full_load_gives(example_db):
    with example_db.reading() as session:
        overview = dashboard.load_overview(session, TODAY)
    row = next(r for r in overview.rows if r.task_no == 18)
    with example_db.writing() as session:
        edit_assignment(session, ACTOR, row.id, row.version, AssignmentEdit(deadline_text="2023年4月1日", status="滞后"))
    with example_db.reading() as session:
        partial = dashboard.reload_tasks(session, overview, {18})
        full = dashboard.load_overview(session, TODAY)
    assert partial.rows == full.rows
    assert partial.summary.to_json() == full.summary.to_json()
    assert partial.overdue_ids == full.overdue_ids and row.id in partial.overdue_ids
    with example_db.writing() as session:
        session.delete(session.get(Assignment, row.id))
    with example_db.reading() as session:
        partial = dashboard.reload_tasks(session, full, {18}, {row.id})
        assert partial.rows == assignment_rows(session, full.ctx)


def test_period_choices_start_with_the_current_period():
    choices = dashboard.period_choices(TODAY, "quarter", back=3)
    assert [p.code for p in choices] == ["2023Q2", "2023Q1", "2022Q4", "2022Q3"]
    assert [p.code for p in dashboard.period_choices(TODAY, "month", back=1)] == ["2023-04", "2023-03"]


# -- units ------------------------------------------------------------------------------------------

def test_unit_rows_count_each_units_assignments(example_db):
    with example_db.reading() as session:
        rows = {u.name: u for u in units.unit_rows(session)}
        for name in ("区发展改革委", "区交通局"):
            dep = session.scalar(select(Department).where(Department.name == name))
            lead = session.scalar(select(func.count()).select_from(Assignment).where(
                Assignment.department_id == dep.id, Assignment.role == "牵头"))
            total = session.scalar(select(func.count()).select_from(Assignment).where(Assignment.department_id == dep.id))
            assert (rows[name].lead, rows[name].assignments) == (lead, total)
    assert "发改委" in rows["区发展改革委"].aliases


def test_update_unit_logs_every_change_and_only_adds_aliases(db):
    with db.writing() as session:
        dep = session.scalar(select(Department).where(Department.name == "区统计局"))
        units.update_unit(session, ACTOR, dep.id, units.UnitEdit(category="区级部门", contact="王五 ", phone="023-1",
                                                                new_aliases=["区统计", ""]))
        dep_id = dep.id
    with db.reading() as session:
        dep = session.get(Department, dep_id)
        assert (dep.contact, dep.phone) == ("王五", "023-1")
        assert "区统计" in {a.alias for a in dep.aliases} and "统计局" in {a.alias for a in dep.aliases}
        fields = set(session.scalars(select(ChangeLog.field).where(ChangeLog.entity == "departments",
                                                                   ChangeLog.entity_id == dep_id)))
    assert {"contact", "phone"} <= fields


@pytest.mark.parametrize("alias", ["发改委", "区发展改革委"])
def test_an_alias_that_names_another_unit_is_refused(db, alias):
    with db.writing() as session:
        dep = session.scalar(select(Department).where(Department.name == "区统计局"))
        with pytest.raises(GreentasksError, match="区发展改革委"):
            units.update_unit(session, ACTOR, dep.id, units.UnitEdit(new_aliases=[alias]))


def test_add_unit_and_refusals(db):
    with db.writing() as session:
        dep = units.add_unit(session, ACTOR, " 区新设单位 ", "区级部门", "李四", "123", ["新设单位"])
        assert dep.name == "区新设单位"
        with pytest.raises(GreentasksError, match="已经是单位"):
            units.add_unit(session, ACTOR, "新设单位", "区级部门")
        with pytest.raises(GreentasksError, match="类别"):
            units.add_unit(session, ACTOR, "另一个单位", "部门")
        with pytest.raises(GreentasksError, match="全称"):
            units.add_unit(session, ACTOR, "  ", "区级部门")


def test_merge_units_moves_assignments_and_names(example_db):
    with example_db.writing() as session:
        keep = session.scalar(select(Department).where(Department.name == "区审计局"))
        drop = session.scalar(select(Department).where(Department.name == "区统计局"))
        moved = units.merge_units(session, ACTOR, keep.id, drop.id)
        keep_id, drop_id = keep.id, drop.id
        with pytest.raises(GreentasksError, match="自己"):
            units.merge_units(session, ACTOR, keep_id, keep_id)
    assert moved > 0
    with example_db.reading() as session:
        assert session.get(Department, drop_id) is None
        assert session.scalar(select(func.count()).select_from(Assignment).where(
            Assignment.department_id == keep_id)) == moved
        assert "区统计局" in {a.alias for a in session.get(Department, keep_id).aliases}


# -- indicator values -------------------------------------------------------------------------------

@pytest.mark.parametrize(("entry", "value"), [("35", 35.0), ("35.5%", 35.5), ("1,234.5", 1234.5), ("３５．２", 35.2),
                                              (" 12 ", 12.0), (7, 7.0), ("", None), (None, None)])
def test_parse_value(entry, value):
    assert indicator_values.parse_value(entry) == value


@pytest.mark.parametrize("entry", ["很多", "35吨", "1.2.3", float("nan")])
def test_parse_value_refuses_what_is_not_a_number(entry):
    with pytest.raises(GreentasksError):
        indicator_values.parse_value(entry)


def test_set_indicator_value_records_changes_and_progress(db):
    with db.reading() as session:
        rows = indicator_values.indicator_rows(session)
    assert len(rows) == 18
    first = rows[0]
    assert (first.no, first.target) == (1, 35.0) and first.progress is None
    assert indicator_values.set_indicator_value(db, first.id, 2022, "21", ACTOR)
    assert indicator_values.set_indicator_value(db, first.id, 2023, "28", ACTOR)
    assert not indicator_values.set_indicator_value(db, first.id, 2023, "28.0", ACTOR)  # unchanged
    with db.reading() as session:
        row = indicator_values.indicator_rows(session)[0]
        value = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == first.id,
                                                            IndicatorValue.year == 2023))
        created = session.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.entity == "indicator_values", ChangeLog.entity_id == value.id, ChangeLog.field == "+"))
    assert row.values == {2022: 21.0, 2023: 28.0}
    assert row.latest == (2023, 28.0) and row.progress == pytest.approx(0.8) and row.shown(2023) == "28"
    assert created == 1
    assert indicator_values.set_indicator_value(db, first.id, 2023, "", ACTOR)  # cleared, logged
    with db.reading() as session:
        row = indicator_values.indicator_rows(session)[0]
        updates = session.scalars(select(ChangeLog.old).where(
            ChangeLog.entity == "indicator_values", ChangeLog.entity_id == value.id, ChangeLog.field == "value")).all()
    assert row.values == {2022: 21.0} and row.latest == (2022, 21.0)
    assert updates == ["28.0"]
    assert not indicator_values.set_indicator_value(db, first.id, 2024, "", ACTOR)  # nothing to clear
    with pytest.raises(GreentasksError, match="2021"):
        indicator_values.set_indicator_value(db, first.id, 2030, "1", ACTOR)
    with pytest.raises(GreentasksError, match="不是数值"):
        indicator_values.set_indicator_value(db, first.id, 2024, "达标", ACTOR)


# -- start-up ---------------------------------------------------------------------------------------

def test_newest_revision_is_alembics_head():
    from greentasks.db import head_revision
    from greentasks.services.startup import newest_revision

    assert newest_revision() == head_revision()


def test_open_database_creates_a_new_one_and_recognises_a_current_one(tmp_path):
    from greentasks.db import Database
    from greentasks.services import startup

    db = startup.open_database(tmp_path / "new.db")  # empty: made ready by bootstrap.ensure_ready
    try:
        assert startup.is_ready(db)
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Department)) > 80
    finally:
        db.dispose()
    db = Database(tmp_path / "new.db")
    try:
        assert startup.is_ready(db)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
        assert not startup.is_ready(db)  # anything unexpected goes the long way
    finally:
        db.dispose()
    other = Database(tmp_path / "other.db")
    try:
        assert not startup.is_ready(other)  # no tables at all
    finally:
        other.dispose()


# -- 考评 as a spreadsheet ---------------------------------------------------------------------------

def test_export_scores_writes_the_ranking(example_db, tmp_path):
    import openpyxl

    from greentasks.services.exports import export_scores
    from greentasks.services.scores import unit_scores

    with example_db.writing() as session:
        dep = session.scalar(select(Department).where(Department.name == "区统计局"))
        dep.name = "=区统计局"  # a formula-looking name stays text
    out = export_scores(example_db, tmp_path / "scores.xlsx", today=TODAY)
    with example_db.reading() as session:
        scores = unit_scores(session, Context.load(session, TODAY))
    sheet = openpyxl.load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "名次")
    body = values[header + 1: header + 1 + len(scores)]
    assert [row[1] for row in body] == [s.department for s in scores]
    assert [row[0] for row in body] == [s.rank for s in scores]
    assert "考评" in str(values[0][0])
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=区统计局")
    assert cell.data_type == "s"
    assert sheet.print_title_rows and sheet.page_setup.orientation == "landscape"
