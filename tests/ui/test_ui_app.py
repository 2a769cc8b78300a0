"""The application as a whole: language, keyboard, printing actions, smoke and screenshot runs,
and the speed of filtering a large office."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

ROOT = Path(__file__).resolve().parents[2]
MENUS_ZH = ["文件(&F)", "导入(&I)", "导出(&E)", "打印(&P)", "视图(&V)", "帮助(&H)"]
MENUS_EN = ["&File", "&Import", "&Export", "&Print", "&View", "&Help"]


def menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


@pytest.fixture
def chinese_afterwards():
    yield
    from ui import i18n, prefs

    i18n.install(prefs.LANG_ZH)


def test_chinese_by_default_and_switching_to_english_changes_the_menus(window, chinese_afterwards):
    from ui import prefs

    assert menu_titles(window) == MENUS_ZH
    assert window.nav.item(0).text() == "总览"
    window.switch_to(2)
    window.set_language(prefs.LANG_EN)
    assert menu_titles(window) == MENUS_EN
    assert [window.nav.item(i).text() for i in range(3)] == ["Overview", "Tasks", "Assignments"]
    assert window.act_print.text() == "Print…"
    assert window.current_view().key == "assignments"  # the same view stays open
    view = window.view("assignments")
    assert view.model.headerData(view.model.column_index("status"), Qt.Orientation.Horizontal) == "Status"
    assert view.model.rowCount() == len(window.backend.overview.rows)  # the data is shown again at once
    assert prefs.language() == prefs.LANG_EN
    window.set_language(prefs.LANG_ZH)
    assert menu_titles(window) == MENUS_ZH


def test_keyboard_shortcuts(window, qtbot, idle, monkeypatch):
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    window.switch_to(0)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    view = window.view("assignments")
    assert window.current_view() is view and view.search.hasFocus()
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view().key == "units"
    assert window.act_find.shortcut().toString() == "Ctrl+F"
    assert window.act_import_returns.shortcut().toString() == "Ctrl+I"
    assert window.act_export_templates.shortcut().toString() == "Ctrl+E"
    assert window.act_print.shortcut().toString() == "Ctrl+P"
    assert window.act_refresh.shortcut().toString() == "F5"
    calls = []
    monkeypatch.setattr(window.backend, "refresh", lambda changes=None: calls.append(changes))
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert calls


def test_enter_opens_the_selected_row(window, qtbot):
    overview = window.view("overview")
    window.switch_to(0)
    overview.tabs.setCurrentIndex(2)
    table, model = overview.lists["pending"]
    table.setFocus()
    table.selectRow(1)
    QTest.keyClick(table, Qt.Key.Key_Return)
    assignments = window.view("assignments")
    assert window.current_view() is assignments
    assert assignments.table.current_row().id == model.rows[1].id
    assert assignments.panel.row.id == model.rows[1].id


def test_print_actions_call_the_report_dialog(window, monkeypatch, messages):
    import types

    calls = []
    fake = types.ModuleType("ui.dialogs.report_dialog")
    fake.show_report_dialog = lambda parent, mode: calls.append((parent, mode))
    monkeypatch.setitem(sys.modules, "ui.dialogs.report_dialog", fake)
    window.act_preview.trigger()
    window.act_print.trigger()
    window.act_pdf.trigger()
    assert calls == [(window, "preview"), (window, "print"), (window, "pdf")]
    monkeypatch.setitem(sys.modules, "ui.dialogs.report_dialog", None)  # not installed
    window.act_print.trigger()
    assert any("打印功能暂不可用" in text for _t, text in messages)


def test_a_view_that_fails_its_check_fails_the_smoke_run(window, monkeypatch, capsys):
    assert window.smoke() == 0
    monkeypatch.setattr(window.view("units"), "smoke_check", lambda: "单位表是空的")
    assert window.smoke() == 1
    assert "单位表是空的" in capsys.readouterr().err


def test_the_view_on_screen_is_refreshed_and_painted_before_the_others(window, monkeypatch, capsys):
    from ui.main_window import SMOKE_FIRST_VIEW_SHOWN
    from ui.workers import Changes

    order = []
    for view in window.views:
        monkeypatch.setattr(view, "on_changed", lambda _changes, key=view.key: order.append(key))
    window.switch_to(2)
    window._on_changed(Changes(assignments=True))
    assert order == ["assignments", "overview", "tasks", "units", "returns", "indicators", "documents"]
    # gui --smoke says when 总览 is first painted with data, once
    window.switch_to(0)
    window.announce_first_view = True
    order.clear()
    window._on_changed(Changes.everything())
    window._on_changed(Changes.everything())
    assert order[0] == "overview" and order[7] == "overview"
    assert capsys.readouterr().err.count(SMOKE_FIRST_VIEW_SHOWN) == 1


def test_a_view_is_built_when_first_shown_and_then_shows_the_data(window):
    from ui.main_window import VIEWS

    assert window.current_view().key == "overview"
    assert [v is not None for v in window._views] == [True] + [False] * 6  # only the one on screen
    window.switch_to(3)
    units = window.current_view()
    assert units.key == "units" and window._views[3] is units
    assert units.smoke_check() is None  # filled from the snapshot already loaded
    for spec, view in zip(VIEWS, window.views, strict=True):  # the navigation names each as it names itself
        assert (spec.key, spec.icon_name, spec.title()) == (view.key, view.icon_name, view.title())
        assert type(view).__name__ == spec.class_name
    assert window.nav.item(3).text() == units.title() and window.stack.currentWidget() is units


def gui(tmp_path, db, *args, python_options=(), timeout=60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GREENTASKS_DATA_DIR=str(tmp_path / "data"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, *python_options, "-m", "greentasks", "--db", str(db), "--today", "2023-04-10",
                           "gui", *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def test_gui_smoke_and_screenshots_in_a_subprocess(office, tmp_path):
    result = gui(tmp_path, office, "--smoke", python_options=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time")}
    assert "greentasks.services.dashboard" in imported
    # Excel and printing are loaded when first used, not to show the window; nor are the
    # example office and SQLAlchemy's PostgreSQL dialect on a SQLite database
    assert not {"openpyxl", "ui.printing", "ui.dialogs.export_dialog", "greentasks.services.example_office",
                "sqlalchemy.dialects.postgresql"} & imported
    from ui.main_window import SMOKE_FIRST_VIEW_SHOWN

    assert result.stderr.count(SMOKE_FIRST_VIEW_SHOWN) == 1  # the moment the start-up benchmark times
    shots = tmp_path / "shots"
    result = gui(tmp_path, office, "--screenshots", str(shots))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names == ["01_overview.png", "02_tasks.png", "03_assignments.png", "04_units.png", "05_returns.png",
                     "06_indicators.png", "07_documents.png"]
    from PySide6.QtGui import QImage

    image = QImage(str(shots / "01_overview.png"))
    assert image.width() >= 960 and image.height() >= 620


def test_gui_smoke_fails_on_a_database_that_cannot_be_opened(tmp_path):
    result = gui(tmp_path, tmp_path / "no such folder" / "x.db", "--smoke")
    assert result.returncode != 0
    assert "无法打开数据库" in result.stderr


def test_filtering_5000_assignments_takes_under_100_ms_per_keystroke(qtbot, office):
    """Typing into the search box of a 5,000-assignment office: each keystroke re-filters the
    table (proxy and view) in well under a tenth of a second."""
    from filter_speed import TYPED, keystroke_times

    from greentasks.db import Database
    from greentasks.services.dashboard import load_overview

    db = Database(office)
    with db.reading() as session:
        base = load_overview(session, date(2023, 4, 10)).rows
    db.dispose()
    rows = [replace(base[i % len(base)], id=i + 1, measure=f"{base[i % len(base)].measure}（第{i}项）")
            for i in range(5000)]
    times, left = keystroke_times(rows)
    words = TYPED.split()
    from ui.models.assignments import search_text

    expected = [r for r in rows if all(w in search_text(r, "发改委 区发改委" if r.department == "区发展改革委" else "")
                                       for w in words)]
    assert left == len(expected) > 0
    assert max(times) < 0.1, [round(t * 1000) for t in times]
    assert statistics.median(times) < 0.05
