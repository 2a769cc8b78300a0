"""The window fits the screen: it opens inside the screen's available area (1024×768 and
1366×768 laptops), remembers its size, and at its minimum width nothing is cut off — 分工 shows
截止日期 and 最新进展, 任务 its full task names, 指标 a legible year axis. The title bar names the
program once (pytest-qt, offscreen; one check in a process whose screen is really 1024×768)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics, QGuiApplication

TODAY = date(2023, 4, 10)
LAPTOP = QRect(0, 0, 1024, 728)  # 1024×768 less a 40-pixel taskbar
WIDE_LAPTOP = QRect(0, 0, 1366, 728)


@pytest.fixture
def screen_area(monkeypatch):
    """The available area the window sees (set it before making the window)."""
    from ui import main_window

    area = {"rect": LAPTOP}
    monkeypatch.setattr(main_window, "available_geometry", lambda _w: QRect(area["rect"]))
    return area


def open_window(qtbot, office, wait=True):
    from ui import workers
    from ui.main_window import MainWindow

    w = MainWindow(db_target=str(office), today=TODAY)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.start()
    if wait:
        assert workers.wait_idle(30_000)
    return w


def inside(area: QRect, w) -> bool:
    return area.contains(w.frameGeometry())


def title_bar(w) -> str:
    """What Windows and X11 show: Qt appends the application's display name to a title that
    does not already end with it (QPlatformWindow::formatWindowTitle)."""
    title, name = w.windowTitle(), QGuiApplication.applicationDisplayName()
    return title if title.endswith(name) else f"{title} — {name}"


# -- the title bar ------------------------------------------------------------------------------
def test_the_title_bar_names_the_program_once(window, chinese_afterwards):
    assert title_bar(window) == "南川府发〔2022〕34号 — 绿色发展重点任务督查督办台账"
    window.set_language("en")
    name = QGuiApplication.applicationDisplayName()
    assert name != "绿色发展重点任务督查督办台账"  # the English name
    assert title_bar(window).count(name) == 1 and "绿色发展重点任务督查督办台账" not in title_bar(window)


@pytest.fixture
def chinese_afterwards():
    yield
    from ui import i18n, prefs

    prefs.set_language(prefs.LANG_ZH)
    i18n.install(prefs.LANG_ZH)


# -- the screen ---------------------------------------------------------------------------------
@pytest.mark.parametrize("area", [LAPTOP, WIDE_LAPTOP, QRect(0, 0, 1920, 1040)], ids=["1024", "1366", "1920"])
def test_a_first_start_opens_inside_the_available_screen(qtbot, office, screen_area, area):
    screen_area["rect"] = area
    w = open_window(qtbot, office, wait=False)
    assert inside(area, w), (w.frameGeometry(), area)
    assert w.width() >= min(1360, area.width() - 40)  # as big as the screen allows, up to 1360
    assert w.minimumWidth() <= area.width() and w.minimumHeight() <= area.height()


def screen(width: int, height: int) -> dict:
    return {"synchronousWindowSystemEvents": False, "windowFrameMargins": True,
            "screens": [{"name": "screen", "x": 0, "y": 0, "width": width, "height": height,
                         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


IN_A_PROCESS = r"""
import json, os, sys
from datetime import date
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from ui.main_window import MainWindow
w = MainWindow(db_target=sys.argv[1], today=date(2023, 4, 10))
w.show()
app.processEvents()
if len(sys.argv) > 2:
    w.resize(int(sys.argv[2]), int(sys.argv[3]))
    app.processEvents()
area, frame = app.primaryScreen().availableGeometry(), w.frameGeometry()
print(json.dumps({"screen": [area.width(), area.height()], "size": [w.width(), w.height()],
                  "frame": [frame.x(), frame.y(), frame.width(), frame.height()]}), flush=True)
w.close()  # remembers the geometry, as when the clerk closes the program
os._exit(0)
"""


def in_a_process(office: Path, tmp_path: Path, size: tuple[int, int], resize: tuple[int, int] | None = None) -> dict:
    """The window in a process of its own whose (offscreen) screen is ``size``; the same user
    folder each time, so the geometry one run remembers is the next run's."""
    config = tmp_path / f"screen_{size[0]}x{size[1]}.json"
    config.write_text(json.dumps(screen(*size)), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "GREENTASKS_DATA_DIR": str(tmp_path / "data")}
    args = [sys.executable, "-c", IN_A_PROCESS, str(office), *(str(n) for n in resize or ())]
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=Path(__file__).resolve().parents[2],
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def fits(seen: dict) -> bool:
    x, y, width, height = seen["frame"]
    return x >= 0 and y >= 0 and x + width <= seen["screen"][0] and y + height <= seen["screen"][1]


def test_on_a_real_1024_by_768_screen_the_window_and_its_frame_fit(office, tmp_path):
    seen = in_a_process(office, tmp_path, (1024, 768))
    assert seen["screen"] == [1024, 768] and fits(seen), seen
    assert seen["size"][0] >= 960


def test_the_window_remembers_its_size_and_a_size_too_big_for_this_screen_is_clamped(office, tmp_path):
    first = in_a_process(office, tmp_path, (1920, 1080), resize=(1100, 700))
    assert first["size"] == [1100, 700]
    assert in_a_process(office, tmp_path, (1920, 1080))["size"] == [1100, 700]  # remembered
    in_a_process(office, tmp_path, (1920, 1080), resize=(1800, 1000))  # on the office's big monitor
    laptop = in_a_process(office, tmp_path, (1024, 768))  # the same clerk on the laptop
    assert fits(laptop), laptop
    assert laptop["size"][0] >= 960


# -- at the minimum width nothing is cut off ------------------------------------------------------
@pytest.fixture
def narrowest(qtbot, office, screen_area):
    """The window on a 1024×768 laptop, made as narrow as it lets itself be made."""
    w = open_window(qtbot, office)
    w.resize(w.minimumWidth(), 700)
    qtbot.wait(50)
    assert w.width() == 960
    return w


def whole_columns(table, keys) -> dict[str, bool]:
    model = table.source_model()
    header = table.horizontalHeader()
    viewport = table.viewport().width()
    seen = {}
    for key in keys:
        i = model.column_index(key)
        x = header.sectionViewportPosition(i)
        seen[key] = not table.isColumnHidden(i) and x >= 0 and x + header.sectionSize(i) <= viewport
    return seen


def test_assignments_show_deadline_status_and_latest_progress_at_the_minimum_width(narrowest, qtbot):
    w = narrowest
    view = w.view("assignments")
    w.switch_to(w.views.index(view))
    qtbot.wait(50)
    keys = ["light", "task_no", "department", "role", "measure", "due", "status", "closure", "latest_period",
            "latest_progress"]
    assert whole_columns(view.table, keys) == dict.fromkeys(keys, True)
    assert view.table.horizontalScrollBar().maximum() == 0  # nothing beyond the right edge
    metrics = QFontMetrics(view.table.font())
    header = view.table.horizontalHeader()
    model = view.table.source_model()
    assert header.sectionSize(model.column_index("due")) >= metrics.horizontalAdvance("2025-12-31") + 8
    assert header.sectionSize(model.column_index("latest_period")) >= metrics.horizontalAdvance("2023年第一季度") + 8
    # the side panel made room by itself; the clerk can have it back, and on a wider window it returns
    assert not view.panel.isVisible() and not view.panel_button.isChecked()
    view.table.open_requested.emit(view.table.current_row())  # Enter on a row: the clerk will edit it
    assert view.panel.isVisible() and view.panel_button.isChecked()
    view.panel_button.click()
    assert not view.panel.isVisible()
    view.panel_button.click()
    assert view.panel.isVisible()
    w.resize(w.width() + 20, 700)
    qtbot.wait(50)
    assert view.panel.isVisible()  # the clerk asked for it: it stays while the window is narrow
    for width in (1280, 1366, 960, 1280):  # a wider laptop: the table and the panel side by side
        w.resize(width - 16 if width > 960 else 960, 700)
        qtbot.wait(50)
        assert view.panel.isVisible() == (width > 960), width
        assert whole_columns(view.table, keys) == dict.fromkeys(keys, True), width
        assert view.table.horizontalScrollBar().maximum() == 0, width


def test_the_filters_of_assignments_wrap_instead_of_overlapping(narrowest, qtbot):
    w = narrowest
    view = w.view("assignments")
    w.switch_to(w.views.index(view))
    qtbot.wait(50)
    boxes = [view.filters.itemAt(i).widget().geometry() for i in range(view.filters.count())]
    assert all(b.right() < view.width() for b in boxes)
    assert not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1:])
    assert len({b.top() for b in boxes}) > 1  # more than one row at this width


def test_elided_cells_of_assignments_have_their_whole_text_in_the_tooltip(window):
    from PySide6.QtCore import Qt

    view = window.view("assignments")
    model = view.table.source_model()
    row = next(r for r in model.rows if len(r.department) > 6 and r.latest_progress)
    for key, whole in (("department", row.department), ("measure", row.measure),
                       ("latest_progress", row.latest_progress)):
        index = model.index(model.rows.index(row), model.column_index(key))
        assert index.data(Qt.ItemDataRole.ToolTipRole) == whole
    due = model.index(model.rows.index(row), model.column_index("due")).data(Qt.ItemDataRole.ToolTipRole)
    assert row.deadline_text in due
    period = model.index(model.rows.index(row), model.column_index("latest_period")).data()
    assert period.endswith("季度") and "Q" not in period


def test_a_column_the_clerk_sizes_keeps_its_width(window, qtbot):
    view = window.view("assignments")
    table = view.table
    header = table.horizontalHeader()
    i = table.source_model().column_index("measure")
    table._dragging = True  # as between the press and the release of the mouse on the header
    header.resizeSection(i, 333)
    table._dragging = False
    assert not table.auto_widths
    window.resize(window.width() - 60, window.height())
    qtbot.wait(50)
    assert header.sectionSize(i) == 333
    table.reset_columns()
    assert table.auto_widths


def test_tasks_show_every_name_whole_at_the_minimum_width(narrowest, qtbot):
    w = narrowest
    view = w.view("tasks")
    w.switch_to(w.views.index(view))
    qtbot.wait(50)
    tree = view.tree
    model = view.model
    from PySide6.QtGui import QFont

    bold = QFont(tree.font())
    bold.setBold(True)
    cut = []
    stack = list(model.root.children)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        source = model.createIndex(node.row, 0, node)
        index = view.filter.mapFromSource(source)
        rect = tree.visualRect(index)
        metrics = QFontMetrics(tree.font() if node.task is not None else bold)
        if rect.width() < metrics.horizontalAdvance(node.title) + 4 or rect.right() > tree.viewport().width():
            cut.append(node.title)
    assert cut == []
    assert view.text.width() >= 300  # the task's text beside it stays readable


def test_the_indicator_chart_keeps_its_years_and_values_legible_at_the_minimum_width(narrowest, qtbot):
    w = narrowest
    view = w.view("indicators")
    w.switch_to(w.views.index(view))
    qtbot.wait(50)
    chart = view.chart
    metrics = QFontMetrics(chart.font())
    slot = (chart.width() - chart._left_margin() - 14) / len(chart.years)
    labels = [str(y) for y in chart.years] + [f"{v:g}" for v in chart.values.values() if v is not None]
    assert slot >= max(metrics.horizontalAdvance(t) for t in labels) + 4
    assert chart._left_margin() >= metrics.horizontalAdvance(chart._target_text())
    # the widest values of the annex (e.g. 161.4 万吨) fit as well
    view.table.setCurrentIndex(view.model.index(14, view.model.column_index("name")))

    def values_fit() -> bool:
        slot = (chart.width() - chart._left_margin() - 14) / len(chart.years)
        labels = [f"{v:g}" for v in chart.values.values() if v is not None]
        return all(slot >= metrics.horizontalAdvance(t) + 4 for t in labels)

    qtbot.waitUntil(values_fit, timeout=2000)  # the layout grows the chart on its next pass
