"""The plan period as an office setting: its default, changing it (logged like any change), and
what it does to recurring deadlines, the lights and 总览; the `set-horizon` command."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from greentasks.cli import main
from greentasks.errors import UsageError
from greentasks.models import ChangeLog, Department
from greentasks.services.actions import extend_plan_horizon
from greentasks.services.assignments import add_assignment
from greentasks.services.audit import Actor
from greentasks.services.dashboard import load_overview
from greentasks.services.queries import Context, Filters, assignment_rows
from greentasks.services.settings import (
    HORIZON,
    plan_clock,
    plan_horizon,
    set_plan_horizon,
)


def _recurring(db, deadline: str = "每年12月底前") -> int:
    with db.writing() as s:
        unit = s.scalar(select(Department.id).where(Department.name == "区财政局"))
        return add_assignment(s, Actor.by_hand(), 15, unit, "牵头", f"绿色采购执行情况报告（{deadline}）", deadline).id


def _row(db, aid: int, today: date):
    with db.reading() as s:
        return next(r for r in assignment_rows(s, Context.load(s, today), Filters(task_no=15)) if r.id == aid)


def test_the_built_in_plan_runs_from_its_issue_to_the_end_of_2025(db):
    with db.reading() as s:
        assert plan_horizon(s) == date(2025, 12, 31)
        clock = plan_clock(s, date(2024, 5, 29))
    assert (clock.start, clock.horizon, clock.planned) == (date(2022, 10, 26), date(2025, 12, 31), date(2025, 12, 31))
    assert clock.percent == 50 and not clock.extended and clock.notice() is None


def test_changing_the_horizon_is_logged_with_who_old_and_new(db):
    assert extend_plan_horizon(db, date(2027, 12, 31), Actor(user="clerk1")).value
    assert not extend_plan_horizon(db, date(2027, 12, 31), Actor(user="clerk1")).value  # unchanged: nothing logged
    with db.reading() as s:
        assert plan_horizon(s) == date(2027, 12, 31)
        logs = s.scalars(select(ChangeLog).where(ChangeLog.entity == "settings", ChangeLog.field == HORIZON)).all()
    assert [(c.user, c.old, c.new, c.source) for c in logs] == [("clerk1", "2025-12-31", "2027-12-31", "手工")]


def test_a_horizon_before_the_plan_is_refused_in_chinese(db):
    with db.writing() as s, pytest.raises(UsageError, match="不晚于文件成文日期（2022年10月26日）"):
        set_plan_horizon(s, date(2022, 10, 26))
    with db.reading() as s:
        assert plan_horizon(s) == date(2025, 12, 31)


def test_a_broken_stored_value_falls_back_to_the_plan(db):
    from greentasks.services.settings import set_setting

    with db.writing() as s:
        set_setting(s, HORIZON, "下个月")
    with db.reading() as s:
        assert plan_horizon(s) == date(2025, 12, 31)


def test_recurring_work_stops_rolling_at_the_horizon_and_goes_red(db):
    aid = _recurring(db)
    within = _row(db, aid, date(2025, 11, 20))
    assert (within.due, within.light) == (date(2025, 12, 31), "黄")  # due within the warning window
    after = _row(db, aid, date(2026, 12, 1))
    # before this change it rolled on to 2026-12-31 and was never late
    assert after.due == date(2025, 12, 31) and after.light == "红" and after.reasons[0] == "已逾期335天"
    quarterly = _row(db, _recurring(db, "每季度末"), date(2026, 12, 1))
    assert quarterly.due == date(2025, 12, 31) and quarterly.light == "红"


def test_an_extended_horizon_keeps_recurring_work_rolling(db):
    aid = _recurring(db)
    extend_plan_horizon(db, date(2028, 12, 31), Actor.by_hand())
    row = _row(db, aid, date(2026, 12, 1))
    assert row.due == date(2026, 12, 31) and row.light == "黄"
    later = _row(db, aid, date(2029, 3, 1))
    assert later.due == date(2028, 12, 31) and later.light == "红"


def test_the_overview_carries_the_clock(db):
    with db.reading() as s:
        passed = load_overview(s, date(2026, 3, 1)).clock
    assert passed is not None and passed.passed and passed.percent == 100
    assert passed.notice().startswith("规划期（至2025年）已结束，请做好总结评估")
    extend_plan_horizon(db, date(2027, 12, 31), Actor.by_hand())
    with db.reading() as s:
        extended = load_overview(s, date(2026, 3, 1)).clock
    assert extended.extended and not extended.passed
    assert extended.notice().startswith("规划期已延长至2027年12月31日")


def test_set_horizon_command(tmp_path, capsys):
    path = str(tmp_path / "office.db")
    assert main(["--db", path, "init"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "--today", "2026-12-01", "set-horizon", "2027-12-31"]) == 0
    err = capsys.readouterr().err
    assert "规划期截止日期已改为2027年12月31日" in err and "规划期 2022年10月26日—2027年12月31日" in err
    assert "序时进度" in err
    assert main(["--db", path, "set-horizon", "2027-12-31"]) == 0
    assert "本来就是" in capsys.readouterr().err
    assert main(["--db", path, "set-horizon", "2021-01-01"]) == 2
    assert "不晚于文件成文日期" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--db", path, "set-horizon", "2027年底"])
    assert exc.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
