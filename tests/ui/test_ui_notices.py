"""报送's 生成催报通知…: the units listed as 未报送 get their 催报 notices (one Word file each) in
the folder the clerk chose, the 催报 is recorded, and the clerk is told where the files are."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def reminders(db) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from greentasks.models import Department, Reminder

    stmt = (select(Department.name, Reminder.kind, Reminder.way)
            .join(Department, Department.id == Reminder.department_id).order_by(Reminder.id))
    with db.reading() as session:
        return [tuple(r) for r in session.execute(stmt)]


def test_the_chase_notices_of_the_units_not_reported(window, db, idle, messages, tmp_path):
    view = window.view("returns")
    missing = [m.name for m in window.backend.overview.missing]
    assert missing, "the example office has units that did not report"
    period = window.backend.overview.period
    assert view.missing_label.text() == f"{period.label}未报送：{len(missing)} 个单位"
    assert view.notices_button.isEnabled()
    folder = tmp_path / "催报"
    view.write_notices(folder=str(folder), period=period.code)
    idle()
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{period.code}_{u}_催报通知.docx" for u in missing)
    title, text = messages[-1]
    assert title == "导出完成" and f"已生成{period.label}催报通知 {len(missing)} 份" in text and str(folder) in text
    assert reminders(db) == [(u, "催报", "政务邮箱") for u in missing]


def test_the_dialog_asks_the_period_kind_folder_and_way(window, db, idle, messages, tmp_path, monkeypatch):
    from ui.dialogs.notices_dialog import NoticesDialog

    folder = tmp_path / "督办"

    def answer(dialog: NoticesDialog) -> int:
        assert dialog.period.currentData() == window.backend.overview.period.code
        assert dialog.record.isChecked() and not dialog.pdf.isChecked()
        dialog.kind.setCurrentIndex(dialog.kind.findData("督办"))
        dialog.folder.setText(str(folder))
        dialog.way.setEditText("书面")
        return 1

    monkeypatch.setattr(NoticesDialog, "exec", answer)
    window.view("returns").notices_button.click()
    idle()
    written = sorted(folder.iterdir())
    assert written and all(p.name.endswith("_督办通知.docx") for p in written)
    assert {(kind, way) for _, kind, way in reminders(db)} == {("督办", "书面")}
    assert "督办通知" in messages[-1][1]


def test_the_dialog_refuses_no_folder(window, qtbot, messages):
    from ui.dialogs.notices_dialog import NoticesDialog

    dialog = NoticesDialog(window, window.backend)
    qtbot.addWidget(dialog)
    dialog.folder.setText("")
    dialog._accept()
    assert dialog.result() == 0 and messages[-1][1] == "请选择保存通知的文件夹。"
