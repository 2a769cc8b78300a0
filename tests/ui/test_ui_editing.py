"""Changes made in the window go through the core services and are recorded in the history:
editing an assignment (with optimistic locking), 销号 and 退回, adding and removing, the unit
directory, indicator values, the office settings."""

from __future__ import annotations

from sqlalchemy import func, select

from greentasks.models import Assignment, ChangeLog, Department, IndicatorValue
from greentasks.services.history import assignment_history


def select_assignment(window, row_id: int):
    view = window.view("assignments")
    window.show_assignment(row_id)
    assert view.panel.row is not None and view.panel.row.id == row_id
    return view


def test_editing_an_assignment_saves_and_records_the_change(window, db, idle):
    row = next(r for r in window.backend.overview.rows if r.deadline_text == "2025年底前")
    view = select_assignment(window, row.id)
    panel = view.panel
    assert not panel.save_button.isEnabled()
    panel.deadline.setText("2023年4月20日前")
    assert "截止 2023-04-20" in panel.deadline_hint.text()  # parsed as typed
    assert panel.save_button.isEnabled()
    panel.status.setCurrentIndex(panel.status.findData("滞后"))
    panel.save()
    idle()
    with db.reading() as session:
        a = session.get(Assignment, row.id)
        assert (a.deadline_text, a.deadline_due.isoformat(), a.status) == ("2023年4月20日前", "2023-04-20", "滞后")
        history = assignment_history(session, row.id)
    labels = {(c["field_label"], c["new"]) for c in history["changes"]}
    assert ("完成时限", "2023年4月20日前") in labels
    assert ("完成状态", "滞后") in labels
    # the window shows the new state: the row, its light, the panel's change log
    new = next(r for r in window.backend.overview.rows if r.id == row.id)
    assert new.deadline_text == "2023年4月20日前" and new.status == "滞后" and new.light == "黄"
    assert view.panel.row.version == new.version
    idle()
    assert any(c["field_label"] == "完成时限" for c in view.panel.change_model.rows)
    assert not view.panel.dirty


def test_unreadable_deadline_is_shown_highlighted_while_typing(window):
    row = window.backend.overview.rows[0]
    panel = select_assignment(window, row.id).panel
    panel.deadline.setText("尽快")
    assert panel.deadline_hint.text().startswith("未识别")


def test_a_conflicting_save_shows_the_cores_chinese_message_and_writes_nothing(window, db, idle, messages):
    row = window.backend.overview.rows[5]
    view = select_assignment(window, row.id)
    # a colleague saves the same assignment meanwhile
    from greentasks.services.assignments import AssignmentEdit, edit_assignment
    from greentasks.services.audit import Actor

    with db.writing() as session:
        edit_assignment(session, Actor(user="同事"), row.id, row.version, AssignmentEdit(measure="同事改过的具体工作"))
    view.panel.measure.setPlainText("我改的具体工作")
    view.panel.save()
    idle()
    assert any("其他同事" in text for _title, text in messages)
    with db.reading() as session:
        assert session.get(Assignment, row.id).measure == "同事改过的具体工作"


def test_confirm_a_reported_completion_from_assignments(window, db, idle):
    pending = window.backend.overview.pending_rows()
    before = window.backend.overview.summary.pending_closure
    view = select_assignment(window, pending[0].id)
    assert view.confirm_button.isEnabled() and view.panel.confirm_button.isEnabled()
    view.confirm_selected()
    idle()
    with db.reading() as session:
        a = session.get(Assignment, pending[0].id)
        assert a.closure == "已销号" and a.closure_by
    assert window.backend.overview.summary.pending_closure == before - 1
    assert window.view("overview").cards["pending"].number.text() == str(before - 1)


def test_send_back_with_a_reason(window, db, idle):
    from ui import operations

    row = window.backend.overview.pending_rows()[0]
    operations.send_back(window, window.backend, [row], reason="佐证材料不全")
    idle()
    with db.reading() as session:
        a = session.get(Assignment, row.id)
        assert a.status == "推进中" and a.closure is None
        history = assignment_history(session, row.id)
    assert any("佐证材料不全" in (c["note"] or "") for c in history["changes"])
    new = next(r for r in window.backend.overview.rows if r.id == row.id)
    assert new.status == "推进中"


def test_bulk_confirm_from_the_overview(window, db, idle):
    overview = window.view("overview")
    table, model = overview.lists["pending"]
    ids = {r.id for r in model.rows}
    assert len(ids) >= 2
    table.selectAll()
    assert overview.confirm_button.isEnabled()
    overview._confirm()
    idle()
    with db.reading() as session:
        closures = set(session.scalars(select(Assignment.closure).where(Assignment.id.in_(ids))))
    assert closures == {"已销号"}
    assert model.rowCount() == 0
    assert overview.cards["pending"].number.text() == "0"


def test_bulk_send_back_from_assignments(window, db, idle):
    from ui import operations
    from ui.models.assignments import AssignmentFilter

    view = window.view("assignments")
    view.set_filter(AssignmentFilter(focus="pending"))
    rows = view.proxy.rows()[:2]
    operations.send_back(view, window.backend, rows, reason="请补充说明")
    idle()
    with db.reading() as session:
        statuses = set(session.scalars(select(Assignment.status).where(Assignment.id.in_([r.id for r in rows]))))
    assert statuses == {"推进中"}


def test_add_and_remove_an_assignment(window, db, idle):
    from ui import operations

    unit = next(u for u in window.backend.snapshot.units if u.name == "区统计局")
    operations.create_assignment(window, window.backend, 28, unit.id, "牵头", "建立绿色统计监测制度", "2023年12月底前")
    idle()
    view = window.view("assignments")
    new = next(r for r in window.backend.overview.rows if r.measure == "建立绿色统计监测制度")
    assert (new.task_no, new.department, new.due.isoformat()) == (28, "区统计局", "2023-12-31")
    assert view.panel.row is not None and view.panel.row.id == new.id  # the new one is shown
    count = len(window.backend.overview.rows)
    operations.remove_assignments(window, window.backend, [new], confirm=False)
    idle()
    assert len(window.backend.overview.rows) == count - 1
    with db.reading() as session:
        assert session.get(Assignment, new.id) is None
        removed = session.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.entity == "assignments", ChangeLog.entity_id == new.id, ChangeLog.field == "-"))
    assert removed == 1


def test_edit_a_unit_and_add_aliases(window, db, idle):
    view = window.view("units")
    unit = next(u for u in view.model.rows if u.name == "区统计局")
    view.table.select_key(unit.id)
    view.contact.setText("王五")
    view.phone.setText("023-71421234")
    view.new_alias.setText("统计局、区统计")
    view.save()
    idle()
    with db.reading() as session:
        dep = session.get(Department, unit.id)
        assert (dep.contact, dep.phone) == ("王五", "023-71421234")
        assert {"区统计"} <= {a.alias for a in dep.aliases}
    shown = next(u for u in view.model.rows if u.id == unit.id)
    assert shown.contact == "王五"


def test_an_alias_of_another_unit_is_refused_in_plain_words(window, db, idle, messages):
    view = window.view("units")
    unit = next(u for u in view.model.rows if u.name == "区统计局")
    view.table.select_key(unit.id)
    view.new_alias.setText("发改委")
    view.save()
    idle()
    assert any("区发展改革委" in text for _t, text in messages)
    with db.reading() as session:
        assert "发改委" not in {a.alias for a in session.get(Department, unit.id).aliases}


def test_merge_two_units_moves_the_assignments(window, db, idle, messages):
    view = window.view("units")
    keep = next(u for u in view.model.rows if u.name == "区审计局")
    drop = next(u for u in view.model.rows if u.name == "区统计局")
    assert drop.assignments and not keep.assignments
    view.merge_units(keep.id, drop.id)
    idle()
    assert not messages
    with db.reading() as session:
        assert session.get(Department, drop.id) is None
        aliases = {a.alias for a in session.get(Department, keep.id).aliases}
    assert "区统计局" in aliases
    rows = window.backend.overview.rows
    assert not any(r.department == "区统计局" for r in rows)
    assert sum(r.department == "区审计局" for r in rows) == drop.assignments
    assert all(u.name != "区统计局" for u in view.model.rows)


def test_a_merge_the_core_refuses_is_explained(window, db, idle, messages):
    view = window.view("units")
    keep = next(u for u in view.model.rows if u.name == "区发展改革委")
    drop = next(u for u in view.model.rows if u.name == "区统计局")
    view.merge_units(keep.id, drop.id)
    idle()
    assert any("无法直接合并" in text for _t, text in messages)
    with db.reading() as session:
        assert session.get(Department, drop.id) is not None


def test_editing_an_indicator_value_is_logged(window, db, idle, messages):
    view = window.view("indicators")
    model = view.model
    row = model.rows[0]
    col = model.column_index("y2023")
    assert model.setData(model.index(0, col), "28.5")
    idle()
    with db.reading() as session:
        value = session.scalar(select(IndicatorValue).where(IndicatorValue.indicator_id == row.id,
                                                            IndicatorValue.year == 2023))
        assert value.value == 28.5
        logged = session.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.entity == "indicator_values", ChangeLog.entity_id == value.id))
    assert logged == 1
    shown = model.rows[0]
    assert shown.shown(2023) == "28.5" and round(shown.progress, 3) == round(28.5 / 35, 3)
    assert model.index(0, model.column_index("progress")).data() == "81%"
    model.setData(model.index(0, col), "很多")
    idle()
    assert any("不是数值" in text for _t, text in messages)


def test_office_settings_change_the_lights(window, db, idle):
    before = window.backend.overview.summary.by_light["黄"]
    window.save_office_settings(400, "quarter")
    idle()
    assert window.backend.snapshot.warn_days == 400
    assert window.backend.overview.ctx.warn_days == 400
    after = window.backend.overview.summary.by_light["黄"]
    assert after > before  # far more assignments fall due within 400 days
    assert window.view("overview").cards["黄"].number.text() == str(after)
