"""Long work never hides its result: when an op's result message is shown, its "请稍候" box is
gone and does not come back, however quick or slow the op was (pytest-qt, real exports)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from ui import workers

# Longer than any delayed show: QProgressDialog shows itself 4 s after it was made (its default
# minimum duration) unless it is stopped, whatever minimum duration was set after it was made.
OPEN_FOR_MS = 4_500


def until_a_result(qtbot, boxes: list) -> None:
    """Run the event loop, as the program does, until a result message has been shown. (Waiting
    with processEvents alone would hide the fault: Qt deletes a deleteLater'd dialog in a nested
    loop only when the deletion was asked for outside any running loop.)"""
    qtbot.waitUntil(lambda: bool(boxes), timeout=30_000)


def visible_wait_boxes() -> list[str]:
    return [w.labelText() for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()]


@pytest.fixture
def result_boxes(qtbot, monkeypatch):
    """Each message box shown: kept open (events processed) well past the moment a wait box would
    appear, then recorded as (text, wait boxes visible, whether it is the active modal window)."""
    seen: list[tuple[str, list[str], bool]] = []

    def exec_(box: QMessageBox):
        box.show()
        box.raise_()
        box.activateWindow()
        qtbot.wait(OPEN_FOR_MS)
        seen.append((box.text(), visible_wait_boxes(), QApplication.activeModalWidget() is box))
        box.hide()
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def test_export_ledger_result_is_on_top_and_the_wait_box_never_comes_back(window, qtbot, idle, tmp_path,
                                                                          result_boxes):
    from ui.dialogs import export_dialog

    out = tmp_path / "总台账.xlsx"
    export_dialog.export_ledger(window, window.backend, path=str(out), period="2023Q1")
    until_a_result(qtbot, result_boxes)
    idle()
    assert out.is_file()
    [(text, wait_boxes, on_top)] = result_boxes
    assert "已导出总台账" in text
    assert wait_boxes == [] and on_top
    assert visible_wait_boxes() == []


def test_export_templates_result_is_on_top_and_the_wait_box_never_comes_back(window, qtbot, idle, tmp_path,
                                                                             result_boxes):
    from ui.dialogs import export_dialog

    folder = tmp_path / "下发"
    folder.mkdir()
    export_dialog.export_templates(window, window.backend, folder=str(folder), period="2023Q1",
                                   departments=["区发展改革委"])
    until_a_result(qtbot, result_boxes)
    idle()
    assert list(folder.glob("*.xlsx"))
    [(text, wait_boxes, on_top)] = result_boxes
    assert "已生成 1 份报送模板" in text
    assert wait_boxes == [] and on_top


def test_a_slow_op_shows_its_wait_box_while_it_runs_and_closes_it_before_the_result(window, qtbot, idle,
                                                                                      result_boxes):
    seen_while_running: list[list[str]] = []

    def slow(ctx):
        for step in range(4):
            ctx.progress(step, 4, f"第 {step + 1} 步")
            time.sleep(0.25)
        return "好了"

    def done(value):
        QMessageBox(QMessageBox.Icon.Information, "完成", value, parent=window).exec()

    op = window.backend.query(window, slow, done).with_progress("正在处理……").run_in_background()
    qtbot.waitUntil(lambda: bool(visible_wait_boxes()), timeout=3000)
    seen_while_running.append(visible_wait_boxes())
    until_a_result(qtbot, result_boxes)
    idle()
    assert seen_while_running and seen_while_running[0][0].startswith("正在处理……")
    [(text, wait_boxes, on_top)] = result_boxes
    assert text == "好了" and wait_boxes == [] and on_top
    assert op.progress_dialog is None
    qtbot.wait(2 * workers._Op.SHOW_AFTER_MS)
    assert visible_wait_boxes() == []


def test_a_quick_op_shows_no_wait_box_at_all(window, qtbot, idle):
    shown: list[list[str]] = []
    op = window.backend.query(window, lambda _ctx: 1, lambda _v: shown.append(visible_wait_boxes())) \
        .with_progress("正在处理……").run_in_background()
    until_a_result(qtbot, shown)
    idle()
    qtbot.wait(3 * workers._Op.SHOW_AFTER_MS)
    assert shown == [[]] and visible_wait_boxes() == [] and op.progress_dialog is None
