"""Dialogs and file exchange: settings, another database, new assignment, drag and drop of
returns, the unit directory and the indicators round trip through Excel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from greentasks.models import Department, IndicatorValue


def test_settings_dialog_returns_what_was_chosen(window, qtbot):
    from ui import prefs
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window, window.backend.describe(), True, 30, "quarter", prefs.LANG_ZH)
    qtbot.addWidget(dialog)
    values = dialog.values()
    assert (values.database, values.warn_days, values.cycle, values.language) == (None, 30, "quarter", "zh_CN")
    dialog.warn_days.setValue(45)
    dialog.cycle.setCurrentIndex(dialog.cycle.findData("month"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.file.setText("/tmp/另一个.db")
    values = dialog.values()
    assert (values.database, values.warn_days, values.cycle, values.language) == ("/tmp/另一个.db", 45, "month", "en")


def test_switching_to_another_database(window, tmp_path, idle):
    other = tmp_path / "other" / "新库.db"
    other.parent.mkdir()
    window.switch_database(str(other))
    idle()
    assert window.backend.ready
    assert str(other) in window.db_label.text()
    assert window.backend.overview.rows == []  # a new database: the plan and directory, no assignments
    assert len(window.view("tasks").model.by_no) == 34
    from ui import prefs

    assert prefs.database_target() == str(other)


def test_a_database_that_cannot_be_opened_shows_a_page_with_a_way_out(qtbot, tmp_path, idle):
    from ui.main_window import MainWindow

    w = MainWindow(db_target=str(tmp_path / "没有这个文件夹" / "x.db"))
    qtbot.addWidget(w)
    w.show()
    w.start()
    idle()
    assert not w.backend.ready
    assert w.stack.currentWidget() is w.error_page
    assert "无法打开数据库" in w.error_label.text() and "不存在" in w.error_label.text()


def test_new_assignment_dialog(window, qtbot):
    from ui.dialogs.assignment_dialog import AssignmentDialog

    dialog = AssignmentDialog(window, window.backend, task_no=18)
    qtbot.addWidget(dialog)
    assert dialog.task.currentData() == 18
    dialog.unit.setEditText("区统计局")
    dialog.deadline.setText("每季度末")
    assert "每季度末" in dialog.deadline_hint.text() and "2023-06-30" in dialog.deadline_hint.text()
    values = dialog.values()
    unit = next(u for u in window.backend.snapshot.units if u.name == "区统计局")
    assert values == {"task_no": 18, "department_id": unit.id, "role": "牵头",
                      "measure": "推动能源体系绿色低碳转型", "deadline": "每季度末"}


def test_dropping_a_folder_of_returns_previews_it(window, db, tmp_path, idle):
    from greentasks.domain.periods import parse_period
    from greentasks.services.exports import export_templates
    from tests.factories import fill_template

    folder = tmp_path / "收到的报送"
    for path in export_templates(db, folder, parse_period("2023Q1"), ["区交通局"], today=date(2023, 4, 10)):
        fill_template(path)
    view = window.view("returns")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)
    idle()
    assert [f.department for f in view.file_model.rows] == ["区交通局"]
    assert view.file_model.rows[0].outcome == "dry-run"


def test_unit_directory_round_trip(window, db, tmp_path, idle, messages):
    import openpyxl

    units = window.view("units")
    out = tmp_path / "通讯录.xlsx"
    units.export_directory(str(out))
    idle()
    book = openpyxl.load_workbook(out)
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "区统计局":
            row[3].value = "赵六"
            row[4].value = "023-71400001"
    book.save(out)
    units.import_directory(str(out))
    idle()
    with db.reading() as session:
        dep = session.scalar(select(Department).where(Department.name == "区统计局"))
        assert (dep.contact, dep.phone) == ("赵六", "023-71400001")
    assert next(u for u in units.model.rows if u.name == "区统计局").contact == "赵六"
    assert any(title == "导入完成" for title, _ in messages)


def test_indicators_round_trip_through_excel(window, db, tmp_path, idle):
    import openpyxl

    from ui.dialogs import export_dialog

    out = tmp_path / "指标.xlsx"
    export_dialog.export_indicators(window, window.backend, path=str(out))
    idle()
    book = openpyxl.load_workbook(out)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("2022年") + 1, value=30)
    book.save(out)
    export_dialog.import_indicators(window, window.backend, path=str(out))
    idle()
    with db.reading() as session:
        assert session.scalar(select(IndicatorValue.value).where(IndicatorValue.year == 2022)) == 30
    assert window.view("indicators").model.rows[0].values.get(2022) == 30
