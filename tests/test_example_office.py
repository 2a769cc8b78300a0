"""The example office of `init --example` fits the day it is made: returns for the last four ended
periods with texts for each period, deadlines spread around that day, nothing dated after it, and
a plan period that is still running."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from greentasks.db import Database
from greentasks.domain.deadlines import DeadlineKind, parse_deadline
from greentasks.domain.periods import Period, parse_period
from greentasks.models import Assignment, ChangeLog, ImportBatch, IndicatorValue, ProgressEntry
from greentasks.resources import load_json
from greentasks.services.bootstrap import initialize
from greentasks.services.dashboard import load_overview
from greentasks.services.example_office import (
    deadline_text,
    example_periods,
    fill,
    period_words,
    trajectory,
)
from greentasks.services.settings import CYCLE, plan_horizon, set_setting

MADE = date(2026, 12, 1)  # the day this was written: the plan's horizon (2025) has passed


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    folder = tmp_path_factory.mktemp("example_today")
    db = Database(folder / "office.db")
    initialize(db, example=True, today=MADE)
    yield db
    db.dispose()


def _entries(db) -> list[ProgressEntry]:
    with db.reading() as s:
        return list(s.scalars(select(ProgressEntry).order_by(ProgressEntry.id)))


# ---- the texts --------------------------------------------------------------------------------


def _templates() -> list[str]:
    data = load_json("example", "returns.json")
    texts = [e[k] for e in data["entries"] for k in ("progress", "problems", "next_steps")]
    texts += [t.get(k, "") for by_role in data["earlier"].values() for pool in by_role.values() for t in pool
              for k in ("progress", "problems", "next_steps")]
    return texts


@pytest.mark.parametrize("period", ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026-05", "2026-12", "2026H1",
                                    "2026H2", "2026"])
def test_every_placeholder_has_words_for_every_kind_of_period(period):
    words = period_words(parse_period(period)) | {"n": "2", "m": "5", "k": "3"}
    for text in _templates():
        filled = fill(text, words)
        assert "{" not in filled and "}" not in filled, text


def test_the_texts_name_their_own_period():
    q1, q3, q4 = (period_words(parse_period(p)) for p in ("2026Q1", "2026Q3", "2026Q4"))
    assert (q1["累计"], q3["累计"], q4["累计"]) == ("一季度", "前三季度", "全年")
    assert (q3["本季"], q3["下季"], q4["下季"]) == ("三季度", "四季度", "2027年一季度")
    assert (q3["下期末"], q4["下期末"]) == ("12月底前", "2027年3月底前")
    assert (q3["年底前"], q4["年底前"]) == ("年底前", "2027年底前")  # a Q4 return is written in January
    month = period_words(parse_period("2026-05"))
    assert (month["本期"], month["累计"], month["下期"], month["下期末"]) == ("本月", "1—5月", "下月", "6月底前")
    # the fixed words of one quarter are gone from the data
    for text in _templates():
        assert not re.search(r"1—6月|上半年|下半年|[一二三四]季度|\d+月底前|20\d\d年", text), text


def test_no_return_names_another_periods_months(office):
    entries = _entries(office)
    q3 = [e for e in entries if e.period == "2026Q3"]
    assert q3 and any("前三季度" in e.progress for e in q3)
    for e in entries:
        text = e.progress + e.problems + e.next_steps
        assert "1—6月" not in text, (e.period, text)
        if e.period != "2026Q2":
            assert "上半年" not in text, (e.period, text)


# ---- the periods and the dates ---------------------------------------------------------------------


def test_returns_cover_the_last_four_ended_periods(office):
    entries = _entries(office)
    assert sorted({e.period for e in entries}) == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    with office.reading() as s:
        batches = s.scalars(select(ImportBatch).where(ImportBatch.kind == "example")).all()
    assert sorted(b.period for b in batches if b.period) == ["2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    assert all(b.summary == "示例" for b in batches) and all(e.is_example for e in entries)


def test_nothing_is_dated_after_the_day_it_is_made(office):
    end = datetime.combine(MADE, time.max)
    entries = _entries(office)
    assert all(parse_period(e.period).end < MADE for e in entries)
    assert all(e.reported_on is not None and e.reported_on <= MADE for e in entries)
    assert all(e.reported_on > parse_period(e.period).end for e in entries)
    assert all(e.created_at <= end for e in entries)
    with office.reading() as s:
        assert all(b.created_at <= end for b in s.scalars(select(ImportBatch)))
        assignments = s.scalars(select(Assignment)).all()
        assert all(a.created_at <= end and a.updated_at <= end for a in assignments)
        assert all(a.closure_at is None or a.closure_at <= end for a in assignments)
        assert all(a.status_at is None or a.status_at <= end for a in assignments)
        assert s.scalar(select(func.max(ChangeLog.at)).where(ChangeLog.note.like("示例%"))) <= end
        years = s.scalars(select(IndicatorValue.year)).all()
    assert years and max(years) == 2025 and min(years) == 2021  # ended years of the plan only


def test_an_office_made_in_2023_has_nothing_from_later_or_before_the_plan(example_db):
    """The tests' example office (made on 2023-04-10): no data from the future, none from before
    the plan was issued (2022-10-26)."""
    periods = {e.period for e in _entries(example_db)}
    assert periods == {"2022Q4", "2023Q1"}
    with example_db.reading() as s:
        overview = load_overview(s, date(2023, 7, 10))
    assert {r.latest_period for r in overview.rows if r.latest_period} <= {"2022Q4", "2023Q1"}


def test_example_periods_respect_the_cycle_and_the_plan():
    start = date(2022, 10, 26)
    assert [p.code for p in example_periods(MADE, "month", start)] == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert [p.code for p in example_periods(MADE, "half", start)] == ["2024H2", "2025H1", "2025H2", "2026H1"]
    assert [p.code for p in example_periods(date(2023, 4, 10), "quarter", start)] == ["2022Q4", "2023Q1"]
    assert example_periods(date(2022, 11, 1), "quarter", start) == []


def test_a_monthly_office_gets_monthly_returns(tmp_path):
    db = Database(tmp_path / "monthly.db")
    initialize(db)
    with db.writing() as s:
        set_setting(s, CYCLE, "month")
    initialize(db, example=True, today=MADE)
    entries = _entries(db)
    assert sorted({e.period for e in entries}) == ["2026-08", "2026-09", "2026-10", "2026-11"]
    november = [e for e in entries if e.period == "2026-11"]
    assert any("1—11月" in e.progress for e in november) and not any("本季度" in e.progress for e in november)
    db.dispose()


# ---- the lights -----------------------------------------------------------------------------------


def test_the_lights_show_a_working_office(office):
    with office.reading() as s:
        overview = load_overview(s, MADE)
    summary = overview.summary
    total = summary.assignments
    assert total == 195
    assert 3 <= summary.by_light["红"] <= total * 0.1  # a handful overdue
    assert summary.by_light["绿"] > total / 2
    assert summary.overdue == summary.by_light["红"]
    assert all(not reason.startswith("已逾期") or int(re.search(r"\d+", reason).group()) < 200
               for r in overview.rows for reason in r.reasons)
    closures = Counter(r.closure for r in overview.rows if r.status == "已完成")
    assert closures["已销号"] >= 3 and closures["待销号"] >= 3
    assert summary.due_soon > 0 and summary.by_status["滞后"] > 0
    assert 1 <= len(summary.missing_returns) <= 3


def test_the_plan_period_is_extended_as_a_clerk_would(office):
    with office.reading() as s:
        assert plan_horizon(s) == date(2028, 12, 31)
        log = s.scalars(select(ChangeLog).where(ChangeLog.entity == "settings")).one()
        clock = load_overview(s, MADE).clock
    assert (log.old, log.new, log.note) == ("2025-12-31", "2028-12-31", "示例：延长规划期")
    assert clock.extended and not clock.passed and clock.notice().startswith("规划期已延长至2028年12月31日")


def test_an_office_made_well_inside_the_plan_keeps_its_horizon(example_db):
    with example_db.reading() as s:
        assert plan_horizon(s) == date(2025, 12, 31)
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.entity == "settings")) == 0


def test_statuses_move_over_the_periods(office):
    by_assignment: dict[int, list[str]] = {}
    for e in _entries(office):
        by_assignment.setdefault(e.assignment_id, []).append(e.status)
    moves = Counter(tuple(dict.fromkeys(s)) for s in by_assignment.values())
    assert moves[("推进中", "已完成")] >= 3
    assert moves[("推进中", "滞后")] >= 2
    assert moves[("未启动", "推进中")] >= 1
    assert moves[("长期坚持",)] >= 10
    # work closed in an earlier period is not reported again
    with office.reading() as s:
        closed = s.scalars(select(Assignment).where(Assignment.closure == "已销号")).all()
        assert all(by_assignment.get(a.id, ["已完成"])[-1] == "已完成" for a in closed)
        assert any(a.latest_entry_id is not None and len(by_assignment[a.id]) < 4 for a in closed)


def test_the_same_day_gives_the_same_office(office, tmp_path):
    again = Database(tmp_path / "again.db")
    initialize(again, example=True, today=MADE)

    def content(db):
        with db.reading() as s:
            return [(a.id, a.deadline_text, a.status, a.closure) for a in s.scalars(select(Assignment))], \
                [(e.assignment_id, e.period, e.status, e.progress, e.reported_on) for e in _entries(db)]

    assert content(again) == content(office)
    again.dispose()


# ---- deadlines -------------------------------------------------------------------------------------


@pytest.mark.parametrize("today", [date(2023, 4, 10), date(2024, 12, 31), date(2026, 12, 1), date(2027, 1, 31)])
def test_example_deadlines_are_real_deadline_texts_around_today(today):
    horizon = date(today.year + 2, 12, 31)
    for item in load_json("example", "decomposition.json"):
        text = deadline_text(item["deadline"], today, horizon)
        parsed = parse_deadline(text)
        assert parsed.kind != DeadlineKind.UNRECOGNISED, text
        if isinstance(item["deadline"], dict):
            months = item["deadline"]["months"]
            assert parsed.kind == DeadlineKind.DATE and parsed.due <= horizon, text
            assert (parsed.due < today) == (months < 0), (text, months)
            if months == 0:
                assert parsed.due.month == today.month and parsed.due >= today, text


def test_deadline_forms():
    today = date(2026, 12, 1)
    cases = {
        ("月底前", 7): "2027年7月底前", ("日", -1): "2026年11月30日", ("年底前", 13): "2028年底前",
        ("年年底前", 14): "2028年年底前", ("年12月底前", 9): "2027年12月底前", ("季度", 6): "2027年第二季度",
        ("半年", -9): "2026年上半年", ("十四五", 12): "2027年底前",
    }
    for (form, months), text in cases.items():
        assert deadline_text({"months": months, "form": form}, today, date(2028, 12, 31)) == text
    assert deadline_text({"months": 12, "form": "十四五"}, date(2023, 4, 10)) == "“十四五”期间"
    assert deadline_text({"months": 40, "form": "月底前"}, today, date(2028, 12, 31)) == "2028年12月底前"
    assert deadline_text("每季度末", today) == "每季度末"


def test_trajectories():
    assert trajectory("已完成", 4) == ["推进中", "推进中", "推进中", "已完成"]
    assert trajectory("已完成", 4, done_ago=2) == ["推进中", "已完成", None, None]
    assert trajectory("已完成", 2, done_ago=2) == ["已完成", None]
    assert trajectory("滞后", 4, seed=0) == ["推进中", "推进中", "滞后", "滞后"]
    assert trajectory("推进中", 4, seed=4) == ["未启动", "推进中", "推进中", "推进中"]
    assert trajectory("长期坚持", 3) == ["长期坚持"] * 3
    assert trajectory("推进中", 0) == []


def test_period_words_of_a_half_and_a_year():
    h2 = period_words(Period.half(2026, 2))
    assert (h2["本期"], h2["累计"], h2["下期"]) == ("下半年", "全年", "2027年上半年")
    year = period_words(Period.whole_year(2026))
    assert (year["本期"], year["下期"], year["下期末"]) == ("2026年", "2027年", "2027年12月底前")
