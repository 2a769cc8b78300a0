"""总览's plan clock (the plan period, 序时进度, the notice once the period has passed or was
extended, 延长规划期) and its number cards at the window's minimum width and on a 1024×768 screen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QScrollArea
from sqlalchemy import select

from greentasks.db import Database
from greentasks.models import ChangeLog
from greentasks.services.actions import extend_plan_horizon
from greentasks.services.audit import Actor
from greentasks.services.settings import HORIZON, plan_horizon

AFTER = date(2026, 3, 1)  # the plan's own period (to 2025) has passed


def wait() -> None:
    from ui import workers

    assert workers.wait_idle(30_000), "a background operation did not finish"


def _open(qtbot, office, today: date):
    from ui.main_window import MainWindow

    w = MainWindow(db_target=str(office), today=today)
    qtbot.addWidget(w)
    w.show()
    w.start()
    wait()
    assert w.backend.ready, w.backend.error
    w.switch_to(0)
    return w


def test_a_running_plan_shows_its_period_and_progress_without_a_notice(window):
    view = window.view("overview")
    assert view.plan_clock.text() == "规划期 2022年10月26日 至 2025年12月31日　·　序时进度 14%"
    assert view.plan_notice.isHidden()


def test_a_passed_horizon_is_said_plainly(qtbot, office):
    w = _open(qtbot, office, AFTER)
    view = w.view("overview")
    assert view.plan_notice.isVisible()
    assert view.plan_notice.text.text().startswith("规划期（至2025年）已结束，请做好总结评估")
    assert view.plan_clock.text().endswith("序时进度 100%")
    assert view.plan_notice.button.text() == "延长规划期…"
    wait()


def test_an_extended_horizon_is_said_with_its_new_end(qtbot, office):
    db = Database(office)
    extend_plan_horizon(db, date(2027, 12, 31), Actor.by_hand())
    db.dispose()
    w = _open(qtbot, office, AFTER)
    view = w.view("overview")
    assert view.plan_notice.isVisible()
    assert view.plan_notice.text.text().startswith("规划期已延长至2027年12月31日（文件原定至2025年）")
    assert "2027年12月31日" in view.plan_clock.text()
    wait()


def test_the_notice_extends_the_horizon_and_the_lights_follow(qtbot, office, monkeypatch):
    from ui.dialogs import horizon_dialog

    w = _open(qtbot, office, AFTER)
    view = w.view("overview")
    red_before = int(view.cards["红"].number.text())
    asked = []
    monkeypatch.setattr(horizon_dialog, "ask_horizon", lambda _parent, clock: asked.append(clock) or date(2028, 12, 31))
    view.plan_notice.button.click()
    wait()
    assert asked and asked[0].passed
    assert view.plan_notice.text.text().startswith("规划期已延长至2028年12月31日")
    # recurring work (每年12月底前, 每季度末) rolls on again instead of being overdue since 2025
    assert int(view.cards["红"].number.text()) < red_before
    db = w.backend.db
    with db.reading() as s:
        assert plan_horizon(s) == date(2028, 12, 31)
        log = s.scalars(select(ChangeLog).where(ChangeLog.entity == "settings", ChangeLog.field == HORIZON)).one()
    assert (log.old, log.new, log.source) == ("2025-12-31", "2028-12-31", "手工")
    assert "2028年12月31日" in w.statusBar().currentMessage()


def test_the_horizon_dialog_suggests_the_end_of_the_year_after_next(qtbot, window):
    from ui.dialogs.horizon_dialog import HorizonDialog

    clock = window.backend.overview.clock
    dialog = HorizonDialog(window, replace(clock, today=AFTER))
    qtbot.addWidget(dialog)
    assert dialog.horizon() == date(2028, 12, 31)
    assert dialog.date.minimumDate().toPython() == date(2022, 10, 27)


@pytest.mark.parametrize("size", ["minimum", (1024, 768), (1366, 768)])
def test_no_card_is_cut_off(window, qtbot, size):
    window.resize(window.minimumSize() if size == "minimum" else window.minimumSize().expandedTo(QSize(*size)))
    qtbot.wait(50)
    view = window.view("overview")
    scroll = view.findChild(QScrollArea)
    viewport = scroll.viewport()
    assert scroll.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    for key, card in view.cards.items():
        assert card.isVisible(), key
        top_left = card.mapTo(viewport, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + card.width() <= viewport.width(), key
        assert card.width() >= card.minimumSizeHint().width(), key
        for label in (card.number, card.label):
            assert label.width() >= label.sizeHint().width(), (key, label.text())
    if size == "minimum":
        rows = {card.y() for card in view.cards.values()}
        assert len(rows) >= 2  # the cards wrap onto a second row
