"""Each view opens on the example office and shows what the core says (counts compared with
services.queries.status_summary and the catalog)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from greentasks.services.catalog import document_register, indicator_list, task_list
from greentasks.services.queries import Context, status_summary
from ui.models.assignments import AssignmentFilter

TODAY = date(2023, 4, 10)


@pytest.fixture
def summary(db):
    with db.reading() as session:
        return status_summary(session, Context.load(session, TODAY))


def test_overview_shows_the_counts_of_status_summary(window, summary):
    view = window.view("overview")
    assert view.cards["total"].number.text() == str(summary.assignments)
    for light in ("红", "黄", "绿"):
        assert view.cards[light].number.text() == str(summary.by_light[light])
    assert view.cards["overdue"].number.text() == str(summary.overdue)
    assert view.cards["due_soon"].number.text() == str(summary.due_soon)
    assert view.cards["pending"].number.text() == str(summary.pending_closure)
    assert view.cards["missing"].number.text() == str(len(summary.missing_returns))
    for status, count in summary.by_status.items():
        assert view.status_buttons[status].text().endswith(f"  {count}")
    assert [label for label, _ in view.section_chart.items] == list(summary.by_section)
    assert view.missing_model.rowCount() == len(summary.missing_returns)
    assert view.lists["pending"][1].rowCount() == summary.pending_closure
    assert summary.pending_closure > 0  # the example office has completions waiting


def test_every_number_of_the_overview_opens_its_rows_in_assignments(window, summary):
    overview = window.view("overview")
    assignments = window.view("assignments")
    overview.cards["黄"].clicked.emit()
    assert window.current_view() is assignments
    assert assignments.proxy.rowCount() == summary.by_light["黄"]
    assert {r.light for r in assignments.proxy.rows()} == {"黄"}

    overview.cards["pending"].clicked.emit()
    assert assignments.proxy.rowCount() == summary.pending_closure
    assert all(r.closure == "待销号" for r in assignments.proxy.rows())

    overview.status_buttons["滞后"].click()
    assert assignments.proxy.rowCount() == summary.by_status["滞后"]

    section, counts = next(iter(summary.by_section.items()))
    overview.section_chart.clicked.emit(section, "")
    assert assignments.proxy.rowCount() == counts["合计"]

    unit = summary.missing_returns[0]
    overview.missing_table.open_requested.emit(next(m for m in overview.missing_model.rows if m.name == unit))
    rows = assignments.proxy.rows()
    assert rows and all(r.department == unit and not r.reported for r in rows)

    overview.cards["total"].clicked.emit()
    assert assignments.proxy.rowCount() == summary.assignments


def test_tasks_view_has_the_section_tree_with_34_tasks_and_their_assignments(window, db):
    view = window.view("tasks")
    with db.reading() as session:
        tasks = task_list(session)
    assert len(view.model.by_no) == 34 == len(tasks)
    top_titles = [view.model.index(i, 0).data() for i in range(view.model.rowCount())]
    assert top_titles == list(dict.fromkeys(t["section"][0] for t in tasks))
    view.show_task(18)
    assert view.heading.text().startswith("18. 推动能源体系绿色低碳转型")
    assert view.text.toPlainText() == tasks[17]["text"]
    rows = [r for r in window.backend.overview.rows if r.task_no == 18]
    assert view.rows_proxy.rowCount() == len(rows) > 0
    # the tree's count column agrees with the rows
    node = view.model.by_no[18]
    assert node.counts["total"] == len(rows)


def test_units_view_lists_the_directory_with_aliases(window, db):
    view = window.view("units")
    from greentasks.services.units import unit_rows

    with db.reading() as session:
        units = unit_rows(session)
    assert view.model.rowCount() == len(units) > 80
    row = next(u for u in view.model.rows if u.name == "区发展改革委")
    assert "发改委" in row.aliases
    view.search.setText("发改委")
    assert [u.name for u in view.proxy.rows()] == ["区发展改革委"]
    from PySide6.QtWidgets import QLabel

    assert any("起始名单" in label.text() for label in view.findChildren(QLabel))


def test_indicators_and_documents_views(window, db):
    with db.reading() as session:
        indicators = indicator_list(session)
        documents = document_register(session)
    view = window.view("indicators")
    assert view.model.rowCount() == 18 == len(indicators)
    documents_view = window.view("documents")
    assert documents_view.model.rowCount() == len(documents)
    repealed = [d for d in documents_view.model.rows if d.status == "废止"]
    assert repealed and all(d.repealed_by for d in repealed)
    documents_view.table.select_key(repealed[0].id)
    assert "废止" in documents_view.detail.text()


def test_returns_view_opens_empty_with_the_import_history(window):
    view = window.view("returns")
    assert view.file_model.rowCount() == 0
    assert not view.commit_button.isEnabled()
    assert view.batch_model.rowCount() == len(window.backend.snapshot.batches or [])


def test_status_bar_names_the_database_and_today(window, office):
    assert str(office) in window.db_label.text()
    assert TODAY.isoformat() in window.today_label.text()
    assert "2023年第一季度" in window.today_label.text()


def test_views_pass_their_own_smoke_checks(window):
    for view in window.views:
        window.switch_to(window.views.index(view))
        assert view.smoke_check() is None, view.key


def test_filter_by_unit_role_status_light_section_deadline_and_text(window):
    view = window.view("assignments")
    everything = window.backend.overview.rows
    # The list is of the plan's rows; a collective's members' shares show when asked for.
    rows = [r for r in everything if r.parent_id is None]
    assert len(rows) < len(everything)
    assert view.proxy.rowCount() == len(rows) and view.count.text() == f"共 {len(rows)} 条"
    view.shares.setChecked(True)
    assert view.proxy.rowCount() == len(everything)
    view.shares.setChecked(False)
    assert view.proxy.rowCount() == len(rows)
    window.show_assignments(AssignmentFilter(department="大观镇"))  # a town: its shares are its work
    assert view.proxy.rowCount() == sum(r.department == "大观镇" for r in everything)
    assert any(r.parent_id is not None for r in view.proxy.rows())
    window.show_assignments(AssignmentFilter(department="区发展改革委", role="牵头"))
    assert view.proxy.rowCount() == sum(r.department == "区发展改革委" and r.role == "牵头" for r in rows)
    view.set_filter(AssignmentFilter())
    view.status.setCurrentIndex(view.status.findData("已完成"))
    assert view.proxy.rowCount() == sum(r.status == "已完成" for r in rows)
    view.light.setCurrentIndex(view.light.findData("绿"))
    assert view.proxy.rowCount() == sum(r.status == "已完成" and r.light == "绿" for r in rows)
    view.clear_button.click()
    assert view.proxy.rowCount() == len(rows)
    section = rows[0].section
    view.section.setCurrentIndex(view.section.findData(section))
    assert view.proxy.rowCount() == sum(r.section == section for r in rows)
    view.clear_button.click()
    view.set_filter(AssignmentFilter(due_from=date(2023, 1, 1), due_to=date(2023, 12, 31)))
    expected = [r for r in rows if r.due and date(2023, 1, 1) <= r.due <= date(2023, 12, 31)]
    assert view.proxy.rowCount() == len(expected) > 0
    view.clear_button.click()
    view.search.setText("页岩气 区发展改革委")
    found = view.proxy.rows()
    assert found and all("页岩气" in (r.measure + r.task_title + (r.latest_progress or "")) for r in found)
    assert all(r.department == "区发展改革委" for r in found)
    view.search.setText("没有这样的文字")
    assert view.proxy.rowCount() == 0
    assert "0 / " in view.count.text()


def test_sorting_by_due_date_and_by_light(window):
    view = window.view("assignments")
    due = view.model.column_index("due")
    view.table.sortByColumn(due, Qt.SortOrder.AscendingOrder)
    dates = [r.due for r in view.proxy.rows() if r.due is not None]
    assert dates == sorted(dates)
    assert view.proxy.rows()[-1].due is None  # empty dates last
    view.table.sortByColumn(due, Qt.SortOrder.DescendingOrder)
    dates = [r.due for r in view.proxy.rows() if r.due is not None]
    assert dates == sorted(dates, reverse=True)
    light = view.model.column_index("light")
    view.table.sortByColumn(light, Qt.SortOrder.AscendingOrder)
    order = {"红": 0, "黄": 1, "绿": 2}
    lights = [order[r.light] for r in view.proxy.rows()]
    assert lights == sorted(lights)


def test_column_chooser_hides_a_column_and_remembers_it(window, qtbot):
    view = window.view("assignments")
    table = view.table
    col = view.model.column_index("measure")
    assert not table.isColumnHidden(col)
    table._toggle_column(col, False)
    assert table.isColumnHidden(col)
    from ui import prefs

    assert "measure" in prefs.value("columns/assignments/hidden")
    table.reset_columns()
    assert not table.isColumnHidden(col)
    hidden_by_default = view.model.column_index("latest_problems")
    assert table.isColumnHidden(hidden_by_default)
