"""Reports agree with the screen (issue 11): the 逾期清单 counts what 总览's 已逾期 counts, and the
考评 ranking ties as 并列 and tints three places, not every unit of a tie that reaches them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from greentasks.models import Assignment, Department
from greentasks.reports import build_report, ranking
from greentasks.reports.model import TINT_GREEN, TINT_RED
from greentasks.services.assignments import AssignmentEdit, edit_assignment
from greentasks.services.audit import Actor
from greentasks.services.dashboard import load_overview
from greentasks.services.queries import Context
from greentasks.services.scores import UnitScore

LATER = date(2024, 1, 10)  # past the 2023 deadlines of the standard table (tests/excel/_books.py)


@pytest.fixture
def planned(tmp_path):
    """The standard decomposition table: 14 assignments, seven of them overdue on LATER."""
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize
    from greentasks.services.plan_import import import_plan
    from tests.excel._books import standard_plan_xlsx

    db = Database(tmp_path / "office.db")
    initialize(db)
    assert import_plan(db, standard_plan_xlsx(tmp_path / "分工表.xlsx")).outcome == "imported"
    yield db
    db.dispose()


def lead_done(db, task_no: int, unit: str) -> None:
    """The lead unit finished its work (marked by a clerk): its cooperating units have not said so."""
    with db.writing() as s:
        dep = s.scalar(select(Department).where(Department.name == unit))
        a = next(a for a in s.scalars(select(Assignment).where(Assignment.department_id == dep.id))
                 if a.task.no == task_no and a.role == "牵头")
        edit_assignment(s, Actor.by_hand(), a.id, a.version, AssignmentEdit(status="已完成"))


def test_the_overdue_list_counts_what_the_overview_counts(planned):
    # 区发展改革委 finished its solar work; 区经济信息委, cooperating on it, is still late.
    lead_done(planned, 18, "区发展改革委")
    with planned.reading() as s:
        ctx = Context.load(s, LATER)
        overview = load_overview(s, LATER)
        report = build_report(s, ctx, "overdue")
    part = report.parts[0]
    listed = [i for row in part.tables[0].rows for i in row.assignment_ids]
    assert len(listed) == len(set(listed))
    assert set(listed) == overview.overdue_ids
    assert len(listed) == overview.summary.overdue == 6
    assert part.summary.startswith(f"逾期分工{overview.summary.overdue}项（牵头2项、配合4项）")
    assert "涉及具体工作3项" in part.summary
    # the cooperating unit whose lead finished is on the list, under its own name
    rows = {(r.units[0], r.cells[4].text, r.cells[3].text[:6]) for r in part.tables[0].rows}
    assert any(unit == "区经济信息委" and role == "配合" for unit, role, _ in rows)
    assert any("与“总览”中“已逾期”的计数相同" in n for n in part.footnotes)


def test_nothing_overdue_prints_the_empty_line(planned):
    with planned.reading() as s:
        report = build_report(s, Context.load(s, date(2023, 4, 10)), "overdue")
    table = report.parts[0].tables[0]
    assert table.rows == [] and "没有逾期的工作" in table.empty_text
    assert report.parts[0].summary.startswith("逾期分工0项")


def scores(*values: float) -> list[UnitScore]:
    """Units scored as given, ranked as services.scores ranks them (competition ranking)."""
    units = [UnitScore(i, f"单位{i:02d}", "区级部门", score=v) for i, v in enumerate(values, 1)]
    units.sort(key=lambda u: -u.score)
    for i, u in enumerate(units):
        u.rank = units[i - 1].rank if i and u.score == units[i - 1].score else i + 1
    return units


def test_a_tie_in_the_middle_is_not_the_last_three_places():
    # 24 units: six tie for 1st, sixteen for 7th (places 7–22), then 23rd and 24th.
    ranked = scores(*[92] * 6, *[90] * 16, 86, 81)
    marks = ranking.highlights(ranked)
    assert len(marks.green) == 6
    assert {u.rank for u in ranked if u.department_id in marks.red} == {23, 24}
    assert "并列第7名的16个单位占第7至22位，不计入后3位" in marks.note
    assert "含并列，共6个单位" in marks.note


def test_a_tie_for_last_place_is_marked_whole():
    ranked = scores(100, 99, 98, 97, 96, 95, 94, 93, 50, 50, 50, 50)  # four share the last place (9th)
    marks = ranking.highlights(ranked)
    assert {u.rank for u in ranked if u.department_id in marks.red} == {9}
    assert len(marks.red) == 4 and "并列第9名，共4个单位" in marks.note
    plain = ranking.highlights(scores(*range(100, 88, -1)))
    assert len(plain.green) == 3 and len(plain.red) == 3
    assert plain.note == "名次前3位以绿色标示，后3位（第10名及以后）以红色标示。"
    assert ranking.highlights(scores(90, 80, 70, 60, 50)).note == ""  # too few units to mark


def test_the_scores_report_says_which_ranks_are_tied(planned, monkeypatch):
    ranked = scores(*[92] * 6, *[90] * 16, 86, 81)
    monkeypatch.setattr(ranking, "unit_scores", lambda *a, **k: ranked)
    with planned.reading() as s:
        report = build_report(s, Context.load(s, LATER), "scores")
    part = report.parts[0]
    rows = part.tables[0].rows
    assert [r.cells[0].text for r in rows] == [str(u.rank) for u in ranked]
    assert sum(r.cells[0].tint == TINT_RED for r in rows) == 2
    assert sum(r.cells[0].tint == TINT_GREEN for r in rows) == 6
    notes = "".join(part.footnotes)
    assert "得分相同的单位名次并列：并列第1名6个单位、并列第7名16个单位。" in notes and "不计入后3位" in notes
    assert "名次前3位以绿色、后3位以红色标示" not in notes
