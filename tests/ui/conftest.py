"""The desktop app on the example office of ``init --example`` as of 2023-04-10 (pytest-qt,
offscreen). Modal message boxes are answered automatically and recorded in ``messages``."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

TODAY = date(2023, 4, 10)


@pytest.fixture
def office(tmp_path, _example_template):
    """Database(tmp_path/"x.db") initialised with initialize(db, example=True, today=TODAY) (copied
    from the session's one build of it)."""
    target = tmp_path / "x.db"
    shutil.copyfile(_example_template, target)
    return target


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Every message box: recorded as (title, text) and answered Yes/OK without blocking."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, str]] = []

    def record(_parent, title, text, *_args, **_kwargs):
        seen.append((title, text))
        return QMessageBox.StandardButton.Yes

    def exec_(box):
        seen.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok

    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def wait(timeout_ms: int = 30_000) -> None:
    from ui import workers

    assert workers.wait_idle(timeout_ms), "a background operation did not finish"


@pytest.fixture
def idle():
    """Waits until no background operation is running (call it after starting one)."""
    return wait


@pytest.fixture
def window(qtbot, office):
    from ui.main_window import MainWindow

    w = MainWindow(db_target=str(office), today=TODAY)
    qtbot.addWidget(w)
    w.show()
    w.start()
    wait()
    assert w.backend.ready, w.backend.error
    yield w
    wait()


@pytest.fixture
def db(window):
    """The window's database, for checking what the operations wrote."""
    return window.backend.db
