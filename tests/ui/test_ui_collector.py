"""The desktop app releases the collector held during start-up (greentasks.collector) once the
data is shown, and also when the database cannot be opened."""

from __future__ import annotations

import gc
from datetime import date


def _window(qtbot, target: str):
    from ui.main_window import MainWindow

    w = MainWindow(db_target=target, today=date(2023, 7, 10))
    qtbot.addWidget(w)
    w.show()
    w.start()
    return w


def test_the_collector_runs_again_once_the_overview_is_shown(held_collector, qtbot, office):
    w = _window(qtbot, str(office))
    qtbot.waitUntil(lambda: w.backend.ready, timeout=30_000)
    qtbot.waitUntil(gc.isenabled, timeout=5_000)
    assert gc.get_freeze_count() > 0  # what start-up made is kept out of later collections
    assert w.view("overview").isVisible()


def test_the_collector_runs_again_when_the_database_cannot_be_opened(held_collector, qtbot, tmp_path, idle):
    w = _window(qtbot, str(tmp_path / "没有这个文件夹" / "x.db"))
    idle()
    assert w.stack.currentWidget() is w.error_page
    assert gc.isenabled()
