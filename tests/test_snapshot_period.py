"""The desktop app's data for a chosen 报送期 (services.snapshot, services.dashboard.plan_periods):
the state as of the period, refreshed in part after a change like the newest state, and the
choices of the selector. No Qt."""

from __future__ import annotations

from datetime import date

from greentasks.domain.changes import Changes
from greentasks.domain.periods import Period
from greentasks.services import actions, dashboard
from greentasks.services.snapshot import comparison_period, load_comparison, load_snapshot

TODAY = date(2023, 4, 10)  # the example office: 2023年第一季度 is the latest ended period
Q4, Q1 = Period.quarter(2022, 4), Period.quarter(2023, 1)


def _rows(overview) -> dict[int, tuple]:
    return {r.id: (r.status, r.closure, r.light, r.measure, r.latest_period, r.latest_progress) for r in overview.rows}


def test_a_chosen_period_is_loaded_as_of_itself_beside_the_newest_state(example_db):
    snap = load_snapshot(example_db, TODAY, Changes.everything(), None, Q4)
    assert snap.period == Q4 and snap.default_period == Q1
    assert snap.shown is snap.chosen and snap.chosen.ctx.as_of is not None and not snap.chosen.ctx.as_of.open
    assert snap.overview.ctx.as_of is None  # every other view keeps the newest state
    with example_db.reading() as session:
        expected = dashboard.load_overview(session, TODAY, Q4)
    assert _rows(snap.chosen) == _rows(expected)
    assert snap.chosen.summary.to_json() == expected.summary.to_json()
    assert _rows(snap.chosen) != _rows(snap.overview)
    assert snap.periods[0] == Period.quarter(2023, 2) and snap.periods[1] == Q1 and Q4 in snap.periods
    assert comparison_period(snap) == Q4  # not loaded with the snapshot: load_comparison brings it


def test_the_latest_ended_period_is_the_default_and_no_second_overview(example_db):
    snap = load_snapshot(example_db, TODAY, Changes.everything(), None, Q1)
    assert snap.period is None and snap.chosen is None and snap.shown is snap.overview
    # A period of another cycle (the office changed it meanwhile) falls back to the default too.
    snap = load_snapshot(example_db, TODAY, Changes(), snap, Period.month(2023, 1))
    assert snap.period is None


def test_a_change_refreshes_the_chosen_periods_rows_in_part(example_db):
    snap = load_snapshot(example_db, TODAY, Changes.everything(), None, Q4)
    row = next(r for r in snap.chosen.rows if r.parent_id is None and r.status != "已完成")
    done = actions.edit_assignment(example_db, row.id, row.version, measure=row.measure + "（补充）", status="已完成")
    assert done.changes.task_nos == {row.task_no}
    fresh = load_snapshot(example_db, TODAY, done.changes, snap, Q4)
    assert fresh.chosen is not snap.chosen
    with example_db.reading() as session:
        expected = dashboard.load_overview(session, TODAY, Q4)
    assert _rows(fresh.chosen) == _rows(expected)
    seen = {r.id: r for r in fresh.chosen.rows}[row.id]
    # The text is the assignment's own; the status made today is not part of the fourth quarter.
    assert seen.measure == row.measure + "（补充）" and seen.status == row.status
    assert {r.id: r for r in fresh.overview.rows}[row.id].status == "已完成"
    assert fresh.comparison is None and comparison_period(fresh) == Q4


def test_the_comparison_is_kept_until_the_rows_change(example_db):
    snap = load_snapshot(example_db, TODAY, Changes.everything(), None, None)
    snap.comparison, snap.comparison_error = load_comparison(example_db, TODAY, snap.shown.period)
    assert snap.comparison is not None and snap.comparison.period == Q1 and comparison_period(snap) is None
    kept = load_snapshot(example_db, TODAY, Changes(documents=True), snap, None)
    assert kept.comparison is snap.comparison
    moved = load_snapshot(example_db, TODAY, Changes(), kept, Q4)
    assert moved.comparison is None and comparison_period(moved) == Q4


def test_a_period_before_the_plan_has_no_comparison_and_says_why(example_db):
    changes, message = load_comparison(example_db, TODAY, Period.quarter(2020, 1))
    assert changes is None and "成文日期" in message


def test_plan_periods_run_from_the_plan_to_the_current_period():
    assert dashboard.plan_periods(date(2022, 10, 26), TODAY, "quarter") == [
        Period.quarter(2023, 2), Q1, Q4]
    months = dashboard.plan_periods(date(2022, 10, 26), TODAY, "month")
    assert months[0] == Period.month(2023, 4) and months[-1] == Period.month(2022, 10) and len(months) == 7
    # A plan issued later than today: only the current period.
    assert dashboard.plan_periods(date(2024, 1, 1), TODAY, "year") == [Period.whole_year(2023)]
