"""The 报送期 selector of 总览 and 分工 (docs/periods.md#as-of), the hint bar of a closed period,
the 与上期相比 panel and the reporting allowance in 设置 (pytest-qt, real widgets).

The office is the example one (returns up to 2023年第一季度); the units then send their 2023年第二
季度 returns the way they do (templates exported by the program, filled in), and the window opens on
2023-07-10, when the second quarter is the latest ended period and the first is closed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from greentasks.domain.periods import Period
from tests.factories import filled_returns

SUMMER = date(2023, 7, 10)
Q4, Q1, Q2, Q3 = Period.quarter(2022, 4), Period.quarter(2023, 1), Period.quarter(2023, 2), Period.quarter(2023, 3)
Q2_TEXT = "第二季度进展"
Q1_BAR = "正在查看2023年第一季度的情况（截至报送截止日2023年4月5日）：之后的报送和修改不计入。"


@pytest.fixture(scope="module")
def _second_quarter(tmp_path_factory, _example_template) -> Path:
    """The example office with the units' 2023年第二季度 returns imported, built once."""
    from greentasks.db import Database
    from greentasks.services.returns_import import import_returns

    folder = tmp_path_factory.mktemp("q2")
    target = folder / "q2.db"
    shutil.copyfile(_example_template, target)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GREENTASKS_DATA_DIR", str(folder / "data"))  # the import's backup
        db = Database(target)
        files = filled_returns(db, folder / "returns", "2023Q2", date(2023, 7, 4), progress=Q2_TEXT,
                               reported_on=date(2023, 7, 4), status_cycle=("推进中", "滞后", "已完成"))
        report = import_returns(db, files)
        assert files and not report.refused
        db.dispose()
    return target


@pytest.fixture
def window(qtbot, _second_quarter, tmp_path, idle):
    from ui.main_window import MainWindow

    office = tmp_path / "q2.db"
    shutil.copyfile(_second_quarter, office)
    w = MainWindow(db_target=str(office), today=SUMMER)
    qtbot.addWidget(w)
    w.show()
    w.start()
    idle()
    assert w.backend.ready, w.backend.error
    w.switch_to(0)
    idle()
    yield w
    idle()


def choose(view, period: Period, idle) -> None:
    """Pick ``period`` in the view's 报送期 box with the keyboard, as a clerk can."""
    combo = view.period.combo
    target = next(i for i in range(combo.count()) if combo.itemData(i) == period)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    combo.setFocus()
    while combo.currentIndex() != target:
        before = combo.currentIndex()
        QTest.keyClick(combo, key)
        assert combo.currentIndex() != before, "the box did not move"
        idle()
    idle()


def summary_of(db, period: Period | None):
    from greentasks.services.queries import Context, assignment_rows, status_summary

    with db.reading() as session:
        ctx = Context.load(session, SUMMER, period)
        rows = assignment_rows(session, ctx)
        return status_summary(session, ctx, rows), {r.id: r for r in rows}


def cards(view) -> dict[str, str]:
    return {key: card.number.text() for key, card in view.cards.items()}


def expected_cards(summary) -> dict[str, str]:
    return {"total": str(summary.assignments), "红": str(summary.by_light["红"]), "黄": str(summary.by_light["黄"]),
            "绿": str(summary.by_light["绿"]), "overdue": str(summary.overdue), "due_soon": str(summary.due_soon),
            "pending": str(summary.pending_closure), "missing": str(len(summary.missing_returns))}


def progress_cells(view) -> dict[int, str]:
    """What the 分工 table shows in its 最新进展 column, by assignment."""
    model = view.model
    column = model.column_index("latest_progress")
    return {row.id: model.index(i, column).data() or "" for i, row in enumerate(model.rows)}


def test_the_choices_run_from_the_plan_to_the_current_period_newest_first(window):
    from greentasks.services.dashboard import plan_periods
    from greentasks.services.settings import plan_start

    combo = window.view("overview").period.combo
    with window.backend.db.reading() as session:
        start = plan_start(session)
    periods = plan_periods(start, SUMMER, "quarter")
    assert periods[0] == Q3 and periods[1] == Q2 and periods[-1] == Period.containing(start, "quarter")
    assert [combo.itemData(i) for i in range(combo.count())] == periods
    assert combo.itemText(0) == "2023年第三季度（未结束）"
    assert combo.currentText() == "2023年第二季度（最新一期）"
    assert [combo.itemText(i) for i in range(2, 4)] == ["2023年第一季度", "2022年第四季度"]
    assert window.view("assignments").period.combo.currentData() == Q2
    assert window.view("overview").period.bar.isHidden() and window.backend.period is None


def test_a_closed_period_shows_its_counts_texts_and_a_bar_in_both_views(window, idle):
    overview, assignments = window.view("overview"), window.view("assignments")
    newest, newest_rows = summary_of(window.backend.db, None)
    then, then_rows = summary_of(window.backend.db, Q1)
    assert expected_cards(newest) != expected_cards(then)  # the shape: the second quarter moved the counts
    assert cards(overview) == expected_cards(newest)
    assert any(t.startswith(Q2_TEXT) for t in progress_cells(assignments).values())

    choose(overview, Q1, idle)
    assert window.backend.period == Q1
    assert cards(overview) == expected_cards(then)
    for status, b in overview.status_buttons.items():
        assert b.text().endswith(f"  {then.by_status.get(status, 0)}")
    # 分工 follows the one choice: its box, its rows and their texts are those of the first quarter.
    assert assignments.period.combo.currentData() == Q1
    cells = progress_cells(assignments)
    assert cells == {aid: r.latest_progress or "" for aid, r in then_rows.items()}
    assert not any(Q2_TEXT in t for t in cells.values())
    assert {r.latest_period for r in assignments.model.rows} <= {None, "2023Q1", "2022Q4", "2022Q3"}
    for view in (overview, assignments):
        assert not view.period.bar.isHidden()
        assert view.period.bar.text.text().startswith(Q1_BAR)
        assert view.period.bar.button.text() == "回到最新一期"
    assert "报送期：2023年第一季度" in window.today_label.text()

    window.switch_to(window.views.index(assignments))
    idle()
    assignments.period.bar.button.click()
    idle()
    assert window.backend.period is None
    assert overview.period.combo.currentData() == assignments.period.combo.currentData() == Q2
    assert assignments.period.bar.isHidden() and overview.period.bar.isHidden()
    assert cards(overview) == expected_cards(newest)
    assert progress_cells(assignments) == {aid: r.latest_progress or "" for aid, r in newest_rows.items()}


def test_the_current_unfinished_period_says_so(window, idle):
    view = window.view("assignments")
    window.switch_to(window.views.index(view))
    choose(view, Q3, idle)
    assert view.period.bar.isVisible()
    assert view.period.bar.text.text() == "正在查看2023年第三季度的情况：本期还没有结束，“未报送”按本期计算。"
    assert window.view("overview").cards["missing"].number.text() != "0"


def test_comparison_panel_counts_are_those_of_the_core_and_open_their_lists(window, idle):
    from greentasks.services.period_changes import changes_for

    view = window.view("overview")
    for period in (None, Q1):
        if period is not None:
            choose(view, period, idle)
        expected = changes_for(window.backend.db, period or Q2, today=SUMMER)
        assert expected.since == (period or Q2).previous()
        panel = view.comparison
        assert panel.heading.text() == f"与上期（{expected.since.label}）相比："
        for key, label in (("newly_completed", "新完成"), ("newly_closed", "新销号"), ("newly_behind", "新滞后"),
                           ("newly_overdue", "新逾期"), ("light_changes", "预警变化"),
                           ("not_reported_streak", "连续未报送"), ("unchanged_text", "进展与上期相同")):
            items = getattr(expected, key)
            # The plan's own rows, as 总览's totals count them; the members' shares in the tooltip.
            assert panel.buttons[key].text() == f"{label}  {sum(getattr(i, 'parent_id', None) is None for i in items)}", key
        assert panel.shares.text() == (f"截至{expected.period.label}末：累计完成{expected.completed_share * 100:.1f}%，"
                                       f"序时进度{expected.time_share * 100:.1f}%")
    # Q1 against 2022年第四季度: the example office's first quarter completed some work.
    assert expected.newly_completed and expected.light_changes

    panel.buttons["light_changes"].click()
    idle()
    assert view.tabs.currentWidget() is view.change_stack.parentWidget()
    assert [r.id for r in view.change_model.rows] == [i.id for i in expected.light_changes]
    column = view.change_model.column_index("change")
    assert view.change_model.index(0, column).data() == expected.light_changes[0].change  # 绿→黄 and the like
    item = expected.light_changes[0]
    index = view.change_table.model().index(0, 0)
    view.change_table.doubleClicked.emit(index)
    idle()
    assignments = window.view("assignments")
    assert window.current_view() is assignments
    assert assignments.table.current_row().id == item.id
    # Still the first quarter: the line opened is the one its list named.
    assert window.backend.period == Q1

    window.switch_to(0)
    panel.buttons["not_reported_streak"].click()
    idle()
    assert view.change_stack.currentWidget() is view.streak_table
    assert [u.department_id for u in view.streak_model.rows] == [u.department_id for u in
                                                                 expected.not_reported_streak]


def test_an_edit_while_a_closed_period_is_shown_is_made_today_and_shows_in_the_latest(window, idle):
    overview, view = window.view("overview"), window.view("assignments")
    choose(overview, Q1, idle)
    window.switch_to(window.views.index(view))
    idle()
    assert "在此修改、销号按今天保存，保存后回到最新一期。" in view.period.bar.text.text()
    row = view.table.current_row()
    view.panel.measure.setPlainText(row.measure + "（补充）")
    view.panel.save()
    idle()
    assert window.backend.period is None and view.period.combo.currentData() == Q2
    assert view.period.bar.isHidden() and overview.period.bar.isHidden()
    assert window.statusBar().currentMessage() == "修改按今天保存，已回到最新一期。"
    assert view.table.current_row().id == row.id
    assert view.table.current_row().measure == row.measure + "（补充）"


def test_scores_follow_the_chosen_period(window, idle):
    from greentasks.services.queries import Context
    from greentasks.services.scores import unit_scores

    view = window.view("overview")
    choose(view, Q1, idle)
    view.tabs.setCurrentIndex(4)
    idle()
    with window.backend.db.reading() as session:
        expected = unit_scores(session, Context.load(session, SUMMER, Q1))
    assert [(s.department, s.score) for s in view.score_model.rows] == [(s.department, s.score) for s in expected]


def test_the_allowance_is_set_in_settings_saved_and_read_back(window, idle, monkeypatch):
    from greentasks.services.settings import report_allowance
    from ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window, window.backend.describe(), True, 30, "quarter", "zh_CN",
                            allowance=window.backend.snapshot.allowance)
    assert (dialog.allowance.minimum(), dialog.allowance.maximum(), dialog.allowance.value()) == (0, 27, 5)
    assert any(label.text() == "报送期结束后多少天内报送；往期的情况按此截止日查看"
               for label in dialog.findChildren(type(window.today_label)))
    dialog.deleteLater()

    overview = window.view("overview")
    choose(overview, Q1, idle)

    def accept(self) -> bool:
        self.allowance.setValue(12)
        return True

    monkeypatch.setattr(SettingsDialog, "exec", accept)
    window.open_settings()
    idle()
    assert window.backend.snapshot.allowance == 12
    with window.backend.db.reading() as session:
        assert report_allowance(session) == 12
    # Still the first quarter, now seen from its new reporting day.
    assert window.backend.period == Q1
    assert overview.period.bar.text.text().startswith("正在查看2023年第一季度的情况（截至报送截止日2023年4月12日）")
    seen = {}

    def remember(self) -> bool:
        seen["allowance"] = self.allowance.value()
        return False

    monkeypatch.setattr(SettingsDialog, "exec", remember)
    window.open_settings()
    assert seen == {"allowance": 12}


def test_a_change_of_cycle_goes_back_to_the_latest_period_of_the_new_cycle(window, idle):
    overview = window.view("overview")
    choose(overview, Q1, idle)
    window.save_office_settings(30, "month")
    idle()
    assert window.backend.period is None
    assert overview.period.combo.currentData() == Period.month(2023, 6)
    assert overview.period.combo.itemData(0) == Period.month(2023, 7)
    assert overview.period.bar.isHidden()


def test_an_allowance_out_of_range_is_refused_in_words(window):
    from greentasks.errors import UsageError
    from greentasks.services.actions import save_office_settings

    with pytest.raises(UsageError, match="报送宽限天数应为0到27天"):
        save_office_settings(window.backend.db, report_allowance=28)
