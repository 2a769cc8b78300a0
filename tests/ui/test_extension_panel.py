"""The 延期 tab of the 分工 side panel (pytest-qt, real widgets, the example office as of
2023-04-10): a request registered and approved at once, one registered for later and then
declined, decisions taken back, and a deadline with nothing to extend."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from greentasks.models import DeadlineExtension
from ui.dialogs.extension_dialog import ExtensionDialog


def _extensions(db) -> list[DeadlineExtension]:
    with db.reading() as session:
        return list(session.scalars(select(DeadlineExtension).order_by(DeadlineExtension.id)))


def _open(window, idle, row_id: int):
    view = window.view("assignments")
    window.show_assignment(row_id)
    idle()
    panel = view.panel
    assert panel.row is not None and panel.row.id == row_id
    panel.tabs.setCurrentWidget(panel.extension_page)
    return panel


def _answer_dialog(monkeypatch, to: str, reason: str, reference: str = "", approve: bool = True) -> list:
    """Fill the real dialog as a clerk would and press its OK button."""
    shown: list[ExtensionDialog] = []

    def exec_(dialog: ExtensionDialog) -> int:
        shown.append(dialog)
        dialog.to.setText(to)
        dialog.reason.setPlainText(reason)
        dialog.reference.setText(reference)
        dialog.approve.setChecked(approve)
        if not dialog.ok.isEnabled():
            return QDialog.DialogCode.Rejected
        dialog.ok.click()
        return dialog.result()

    monkeypatch.setattr(ExtensionDialog, "exec", exec_)
    return shown


def _overdue_row(window):
    return next(r for r in window.backend.overview.rows
                if r.light == "红" and r.deadline_kind == "date" and r.due is not None and r.due < date(2023, 4, 10))


def test_register_and_approve_at_once(window, db, idle, monkeypatch):
    row = _overdue_row(window)
    original = row.deadline_text
    panel = _open(window, idle, row.id)
    assert panel.ext_in_force.text() == "没有延期申请。"
    assert panel.request_button.isEnabled() and not panel.approve_button.isEnabled()
    shown = _answer_dialog(monkeypatch, "2023年9月底前", "设备到货延迟", "来函5号")
    panel.request_extension()
    idle()
    (dialog,) = shown
    assert dialog.ok.text() == "登记并批准" and "延期至2023年9月底前（2023-09-30）" in dialog.to_hint.text()
    (ext,) = _extensions(db)
    assert (ext.state, ext.requested_to, ext.decided_on, ext.reason, ext.reference) == (
        "已批准", date(2023, 9, 30), date(2023, 4, 10), "设备到货延迟", "来函5号")
    idle()
    assert panel.row.id == row.id
    assert panel.ext_in_force.text().startswith("现行时限：原定")
    assert "已批准延期至2023年9月底前" in panel.ext_in_force.text()
    assert panel.extension_model.rowCount() == 1 and panel.tabs.tabText(panel.tabs.indexOf(panel.extension_page)) == "延期"
    assert panel.undo_extension_button.isEnabled() and panel.undo_extension_button.text() == "撤销决定"
    shown_row = next(r for r in window.backend.overview.rows if r.id == row.id)
    assert shown_row.deadline_text == f"原定{original}，已批准延期至2023年9月底前"
    assert shown_row.due == date(2023, 9, 30) and "逾期" not in "".join(shown_row.reasons)
    # the edit field keeps the stored 完成时限, so an approval leaves nothing unsaved
    assert panel.deadline.text() == original and not panel.dirty
    assert any(c["field_label"] == "延期审批" for c in panel.change_model.rows)
    # the decision taken back: the request waits again
    panel.undo_extension()
    idle()
    (ext,) = _extensions(db)
    assert ext.state == "申请中"
    assert panel.approve_button.isEnabled() and panel.undo_extension_button.text() == "撤回申请"
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.extension_page)) == "延期（1）"


def test_register_for_later_then_decline_undo_and_withdraw(window, db, idle, monkeypatch, messages):
    row = _overdue_row(window)
    panel = _open(window, idle, row.id)
    _answer_dialog(monkeypatch, "2023-12-31", "资金未到位", approve=False)
    panel.request_extension()
    idle()
    (ext,) = _extensions(db)
    assert ext.state == "申请中" and ext.decided_on is None
    idle()
    assert panel.selected_extension().id == ext.id
    assert panel.approve_button.isEnabled() and panel.decline_button.isEnabled()
    assert "申请延期至2023年12月底前" in panel.ext_detail.text() and "资金未到位" in panel.ext_detail.text()
    panel.decline_button.click()
    idle()
    assert _extensions(db)[0].state == "不予批准"
    idle()
    assert not panel.approve_button.isEnabled() and panel.undo_extension_button.isEnabled()
    assert panel.ext_in_force.text() == "没有已批准的延期。"
    panel.undo_extension_button.click()
    idle()
    assert _extensions(db)[0].state == "申请中"
    idle()
    panel.undo_extension_button.click()  # pending and entered by hand: withdrawn, after asking
    idle()
    assert _extensions(db) == []
    assert any("撤回这项延期申请" in text for _title, text in messages)


def test_the_dialog_refuses_a_date_not_later_than_the_one_in_force(qtbot):
    dialog = ExtensionDialog(None, "任务3　区经济信息委", "2023年6月底前", date(2023, 6, 30))
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("理由")
    dialog.to.setText("2023年5月底前")
    assert not dialog.ok.isEnabled() and "须晚于现在的时限" in dialog.to_hint.text()
    dialog.to.setText("下个月")
    assert not dialog.ok.isEnabled() and "不是一个日期" in dialog.to_hint.text()
    dialog.to.setText("2023年9月15日")
    assert dialog.ok.isEnabled() and "延期至2023年9月15日前" in dialog.to_hint.text()
    dialog.reason.setPlainText("  ")
    assert not dialog.ok.isEnabled()  # a reason is needed
    dialog.reason.setPlainText("理由")
    dialog.approve.setChecked(False)
    assert dialog.ok.text() == "登记申请"
    assert dialog.values() == {"to": date(2023, 9, 15), "reason": "理由", "reference": "", "approve": False}


@pytest.mark.parametrize("kind", ["ongoing", "recurring"])
def test_a_deadline_with_nothing_to_extend_offers_no_request(window, idle, kind):
    row = next(r for r in window.backend.overview.rows if r.deadline_kind == kind)
    panel = _open(window, idle, row.id)
    assert not panel.request_button.isEnabled()
    assert ("不需要延期" if kind == "ongoing" else "周期性") in panel.request_button.toolTip()


def test_a_refusal_from_the_core_is_shown_in_chinese(window, db, idle, messages):
    row = _overdue_row(window)
    panel = _open(window, idle, row.id)
    panel.record_extension(date(2020, 1, 31), "理由")  # before the plan's 成文日期 and the deadline
    idle()
    assert any("须晚于现在的时限" in text for _title, text in messages)
    assert _extensions(db) == []
