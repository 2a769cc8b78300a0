"""The 打印 dialog offscreen: choices, building the report off the UI thread, PDF and preview."""

from __future__ import annotations

from types import SimpleNamespace

import pypdf
import pytest

from .conftest import LATER, TODAY


@pytest.fixture
def no_message_boxes(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(box, *args, **kwargs):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    return shown


def open_dialog(qtbot, office, today, mode="pdf"):
    from ui.dialogs.report_dialog import ReportDialog

    dialog = ReportDialog(None, office, today, mode)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10_000)
    return dialog


def build(qtbot, dialog, kind, unit=""):
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.unit.setEditText(unit)
    dialog.report = None
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.ok.isEnabled(), timeout=10_000)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=10_000)
    return dialog.report


def test_defaults_to_the_latest_ended_period_and_unit_only_when_needed(qtbot, office):
    dialog = open_dialog(qtbot, office, TODAY)
    assert dialog.period.currentData() == "2023Q1"
    assert dialog.kind.currentData() in ("full", "unit", "overdue", "missing", "notice", "scores")
    dialog.kind.setCurrentIndex(dialog.kind.findData("full"))
    assert not dialog.unit.isEnabled() and not dialog.scope.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("unit"))
    assert dialog.unit.isEnabled()
    assert dialog.unit.findText("区发展改革委") >= 0


def test_builds_off_the_ui_thread_and_saves_a_pdf(qtbot, office, tmp_path, no_message_boxes):
    from ui.dialogs.report_dialog import save_pdf

    dialog = open_dialog(qtbot, office, TODAY)
    report = build(qtbot, dialog, "unit", "发改委")  # an alias is resolved
    assert report is not None and report.parts[0].key == "区发展改革委"
    out = save_pdf(report, None, str(tmp_path / "unit"))
    assert out == tmp_path / "unit.pdf" and len(pypdf.PdfReader(str(out)).pages) >= 1
    assert any("已保存" in text for text in no_message_boxes)


def test_unknown_unit_and_empty_notice_are_explained(qtbot, office, no_message_boxes, monkeypatch):
    from ui import workers

    errors: list[str] = []
    monkeypatch.setattr(workers, "show_error", lambda _parent, exc, *a, **k: errors.append(str(exc)))
    dialog = open_dialog(qtbot, office, LATER)
    assert build(qtbot, dialog, "unit", "区不存在局") is None
    assert errors and "不在单位通讯录中" in errors[0]
    assert build(qtbot, dialog, "notice", "区税务局") is None
    assert any("没有需要督办" in text for text in no_message_boxes)
    report = build(qtbot, dialog, "notice")
    assert report is not None and len(report.parts) > 1


def test_preview_paints_the_report(qtbot, office, qapp):
    from greentasks.reports import build_report
    from greentasks.services.queries import Context
    from ui.dialogs.report_dialog import preview_dialog

    with office.reading() as session:
        report = build_report(session, Context.load(session, TODAY), "missing")
    dialog = preview_dialog(report, None)
    qtbot.addWidget(dialog)
    painted: list[int] = []
    dialog.paintRequested.connect(lambda printer: painted.append(1))
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=10_000)
    dialog.close()


def test_main_window_context_with_fallbacks():
    from ui.dialogs.report_dialog import _context

    db = object()
    assert _context(SimpleNamespace(db=db, today=TODAY)) == (db, TODAY)
    assert _context(SimpleNamespace(backend=SimpleNamespace(db=db, today=LATER))) == (db, LATER)
    found_db, today = _context(SimpleNamespace())
    assert found_db is None and today is not None
