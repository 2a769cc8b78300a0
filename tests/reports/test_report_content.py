"""What each report says (greentasks.reports, no Qt), checked against the services."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import timedelta

import pytest

from greentasks.domain.text import fold
from greentasks.reports import KINDS, build_report
from greentasks.reports.model import NUMBER_PART
from greentasks.services.catalog import task_list
from greentasks.services.queries import Filters, assignment_rows, missing_units, owes_return, status_summary
from greentasks.services.scores import SCOPE_PLAN, ScoreRules, unit_scores

from .conftest import LATER, Q1, Q2

SUMMARY_RE = re.compile(r"^共(\d+)项分工：已完成(\d+)项、推进中(\d+)项、滞后(\d+)项、未启动(\d+)项、长期坚持(\d+)项；"
                        r"逾期(\d+)项；未报送单位(\d+)个$")


def test_full_report_title_summary_and_every_task(session, context):
    ctx = context()
    report = build_report(session, ctx, "full")
    summary = status_summary(session, ctx)
    part = report.parts[0]
    assert part.title.replace("\n", "") == "《重庆市南川区人民政府关于加快推进绿色发展的实施意见》重点任务推进情况表"
    assert "2023年第一季度" in " ".join(part.info) and "2023年4月10日" in " ".join(part.info)
    m = SUMMARY_RE.match(part.summary)
    assert m, part.summary
    s = summary.by_status
    assert [int(x) for x in m.groups()] == [summary.assignments, s["已完成"], s["推进中"], s["滞后"], s["未启动"],
                                            s["长期坚持"], summary.overdue, len(summary.missing_returns)]
    table = part.tables[0]
    titles = set(table.column("重点任务"))
    assert {t["title"] for t in task_list(session)} <= titles
    assert sorted({int(n) for n in table.column("任务编号")}) == list(range(1, 35))


def test_full_report_one_row_per_measure_with_lead_status_and_partners(session, context):
    ctx = context()
    rows = assignment_rows(session, ctx)
    report = build_report(session, ctx, "full")
    table = report.parts[0].tables[0]
    measures = {(r.task_no, fold(r.measure)) for r in rows}
    assert len(table.rows) == len(measures)
    by_id = {r.id: r for r in rows}
    i_lead, i_coop, i_status, i_light, i_progress = (table.column_index(t) for t in
                                                     ("牵头单位", "配合单位", "完成状态", "预警", "最新进展"))
    for row in table.rows:
        items = [by_id[i] for i in row.assignment_ids]
        leads = [a for a in items if a.role == "牵头"]
        coop = [a for a in items if a.role == "配合"]
        assert row.cells[i_lead].text == "、".join(a.department for a in leads)
        assert row.cells[i_coop].text == ("、".join(a.department for a in coop) or "—")
        assert row.cells[i_status].text == leads[0].status
        light = row.cells[i_light]
        assert light.text in ("红", "黄", "绿") and light.tint == light.text  # the word and the tint
        for a in coop:
            if a.latest_progress:
                assert f"【{a.department}】{a.latest_progress}" in row.cells[i_progress].text
    pending = [r for r in table.rows if r.cells[i_status].note == "（待销号）"]
    assert len(pending) == sum(1 for r in rows if r.role == "牵头" and r.closure == "待销号")
    assert pending and all(r.cells[i_status].text == "已完成" for r in pending)


def test_full_report_groups_are_the_sections_in_order(session, context):
    table = build_report(session, context(), "full").parts[0].tables[0]
    top = [g.heading for g in table.groups if g.level == 1]
    assert top == ["二、加快构建绿色产业体系", "三、健全绿色发展支撑体系", "四、全力推动中新绿色发展合作"]
    assert all(g.heading for g in table.groups)
    assert any(g.level == 2 and g.heading.startswith("（一）") for g in table.groups)


def test_unit_sheet_holds_only_that_units_assignments(session, context):
    ctx = context()
    unit = "区住房城乡建委"
    report = build_report(session, ctx, "unit", department=unit)
    own = assignment_rows(session, ctx, Filters(department=unit))
    part = report.parts[0]
    assert unit in part.title
    lead_table, coop_table = part.tables
    assert len(lead_table.rows) == sum(a.role == "牵头" for a in own)
    assert len(coop_table.rows) == sum(a.role == "配合" for a in own)
    assert {i for t in part.tables for r in t.rows for i in r.assignment_ids} == {a.id for a in own}
    assert all(r.units == (unit,) for t in part.tables for r in t.rows)
    assert part.summary.startswith(f"共{len(own)}项分工（牵头{len(lead_table.rows)}项、配合{len(coop_table.rows)}项）：")
    # the other column names the partners: the cooperating units of its lead work, the lead of the rest
    assert "牵头单位" in [c.title for c in coop_table.columns]


def test_unit_sheet_needs_a_unit(session, context):
    with pytest.raises(ValueError):
        build_report(session, context(), "unit")


def test_overdue_list_a_quarter_later(session, context):
    ctx = context(LATER, Q2)
    report = build_report(session, ctx, "overdue")
    table = report.parts[0].tables[0]
    rows = {r.id: r for r in assignment_rows(session, ctx)}
    assert table.rows, "the example has work due 2023-06-30 that is not done by 2023-07-10"
    for row in table.rows:
        (aid,) = row.assignment_ids  # one row per 分工, as 总览 counts them
        a = rows[aid]
        assert a.due is not None and a.due < LATER and a.status != "已完成"
        assert row.units == (a.department,) and row.cells[table.column_index("责任类型")].text == a.role
        assert row.cells[table.column_index("逾期天数")].text == f"{(LATER - a.due).days}天"
    assert all(g.heading.endswith("项）") for g in table.groups)


def test_missing_list_has_the_units_and_contact_columns(session, context):
    ctx = context()
    report = build_report(session, ctx, "missing")
    table = report.parts[0].tables[0]
    expected = missing_units(session, ctx)
    assert table.column("单位名称") == [m.name for m in expected]
    assert {"联系人", "联系电话", "催报时间"} <= {c.title for c in table.columns}
    assert f"未报送{len(expected)}个" in report.parts[0].summary


def _expected_notice_colours(session, ctx) -> dict[str, str]:
    """Re-derived from the rows: 红 overdue, 黄 滞后 or no return, 蓝 due soon; a unit's worst. A
    member's share of a collective's work (各乡镇（街道） → a town) counts as work the member leads."""
    order = {"红": 0, "黄": 1, "蓝": 2}
    worst: dict[str, str] = {}
    for r in assignment_rows(session, ctx):
        shared = r.parent_id is not None
        if (r.role != "牵头" and not shared) or r.category == "集合" or r.status == "已完成":
            continue
        if r.due and r.due < ctx.today:
            colour = "红"
        elif r.status == "滞后" or (owes_return(r.role, r.category, r.status, shared=shared) and not r.reported):
            colour = "黄"
        elif r.due and r.due <= ctx.today + timedelta(days=ctx.warn_days):
            colour = "蓝"
        else:
            continue
        if r.department not in worst or order[colour] < order[worst[r.department]]:
            worst[r.department] = colour
    return worst


@pytest.mark.parametrize("today,period", [(LATER, Q1), (LATER - timedelta(days=35), Q1)])
def test_notices_one_per_unit_in_the_colour_of_its_worst_item(session, context, today, period):
    ctx = context(today, period)
    report = build_report(session, ctx, "notice")
    expected = _expected_notice_colours(session, ctx)
    assert report.numbering == NUMBER_PART
    assert {p.key: p.tint for p in report.parts} == expected
    for part in report.parts:
        assert part.title == f"督办单（{part.tint}色）"
        assert part.addressee == f"{part.key}："
        items = part.tables[0].rows
        assert items and all(r.units == (part.key,) for r in items)
        assert part.tint == min((r.cells[1].text for r in items), key="红黄蓝".index)
        assert any("前" in c for c in part.closing) and part.signatures
    numbers = [p.number for p in report.parts]
    assert len(set(numbers)) == len(numbers)
    # the most severe notices come first
    assert [p.tint for p in report.parts] == sorted((p.tint for p in report.parts), key="红黄蓝".index)


def test_notices_have_every_colour_when_the_data_calls_for_it(session, context):
    colours = {p.tint for today in (LATER, LATER - timedelta(days=35))
               for p in build_report(session, context(today, Q1), "notice").parts}
    assert colours == {"红", "黄", "蓝"}


def test_notice_for_one_unit_and_none_needed(session, context):
    ctx = context(LATER, Q1)
    one = build_report(session, ctx, "notice", department="区商务委")
    assert [p.key for p in one.parts] == ["区商务委"] and one.parts[0].tint == "红"
    calm = build_report(session, ctx, "notice", department="区税务局")
    assert calm.is_empty and "没有需要督办" in calm.empty_message


def test_scores_are_ranked_and_follow_the_rules(session, context):
    ctx = context()
    rules = ScoreRules()
    scores = unit_scores(session, ctx)
    assert scores
    values = [s.score for s in scores]
    assert values == sorted(values, reverse=True)
    for i, s in enumerate(scores):
        assert s.rank == (scores[i - 1].rank if i and s.score == scores[i - 1].score else i + 1)
        bonus = min(s.done * rules.done_bonus, rules.bonus_cap)
        assert s.score == max(0, rules.base - s.missing * rules.missing_return - s.late * rules.late_return
                              - s.overdue * rules.overdue - s.behind * rules.behind + bonus)
    missing = {m.name for m in missing_units(session, ctx)}
    assert {s.department for s in scores if s.missing} == missing
    report = build_report(session, ctx, "scores")
    table = report.parts[0].tables[0]
    assert table.column("单位") == [s.department for s in scores]
    assert [int(x) for x in table.column("名次")] == [s.rank for s in scores]
    tied = sorted({s.rank for s in scores if sum(t.rank == s.rank for t in scores) > 1})
    notes = "".join(report.parts[0].footnotes)
    assert all(f"并列第{r}名" in notes for r in tied)
    assert any("评分办法" in n for n in report.parts[0].footnotes)


def test_scores_for_the_plan_so_far_count_every_period(session, context):
    ctx = context(LATER, Q2)
    period = {s.department: s for s in unit_scores(session, ctx)}
    so_far = {s.department: s for s in unit_scores(session, ctx, scope=SCOPE_PLAN)}
    assert so_far.keys() == period.keys()
    unit = "区发展改革委"
    assert period[unit].owed == 1 and period[unit].sent == 0  # no 2023Q2 returns in the example
    # the example has its returns for 2022Q4 and 2023Q1 (the plan was issued in October 2022)
    assert so_far[unit].owed == 3 and so_far[unit].sent == 2 and so_far[unit].on_time == 2


def test_every_kind_builds_and_has_plain_text(session, context):
    ctx = context(LATER, Q1)
    for kind in KINDS:
        report = build_report(session, ctx, kind, department="区商务委" if kind == "unit" else None)
        assert report.kind == kind and report.parts
        text = report.plain_text()
        assert "南川府发〔2022〕34号" in text


def test_unknown_kind_is_refused(session, context):
    with pytest.raises(ValueError):
        build_report(session, context(), "everything")


def test_collective_units_get_no_notice(session, context):
    ctx = context(LATER, Q2)
    units = defaultdict(str)
    for r in assignment_rows(session, ctx):
        units[r.department] = r.category
    report = build_report(session, ctx, "notice")
    assert report.parts and all(units[p.key] != "集合" for p in report.parts)
    # the towns get theirs: their shares of 各乡镇（街道）'s work, named as such
    town = next(p for p in report.parts if units[p.key] == "乡镇街道")
    assert "你单位承担的" in town.paragraphs[0]
    assert all(r.cells[3].text.endswith("共同任务）") for r in town.tables[0].groups[0].rows)
