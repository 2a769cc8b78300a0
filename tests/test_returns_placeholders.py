"""Returns that only look filled in (issue 15 part 3): a template's hints and instructions are not
progress. The rule itself (domain.placeholders), then returns built the way units send them: the
program's own templates with hints typed over the rows, and a unit's own sheet."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from greentasks.domain.periods import require_period
from greentasks.domain.placeholders import is_placeholder
from greentasks.models import ProgressEntry
from greentasks.services.exports import export_templates
from greentasks.services.queries import Context
from greentasks.services.returns_import import import_returns
from greentasks.services.scores import unit_scores
from tests.excel._books import free_return, standard_plan_xlsx, write_xlsx
from tests.factories import table_dump


@pytest.fixture
def planned(db, tmp_path):
    """An office with the standard decomposition table of tests/excel/_books imported."""
    from greentasks.services.plan_import import import_plan

    outcome = import_plan(db, standard_plan_xlsx(tmp_path / "分工表.xlsx"))
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    return db

PLACEHOLDERS = [
    "（本期进展）", "(本期进展)", "【进展情况】", "（请填写本季度进展）", "请填写本期完成情况", "请在此填写",
    "在此填写本季度工作进展", "此处填写", "填写说明：请如实填写本期进展", "示例：已完成光伏项目备案3个",
    "例：完成管网改造2公里", "XXX", "×××", "xx年xx月", "xx年xx月完成xx个项目", "……", "…", "待填写", "（填写）",
    "（选填）", "--请选择--", "请选择", "（）", "______",
    "（本期进展）（存在问题）", "进展情况：（请填写）", "单击此处输入文字。", "本季度进展情况", "某某单位完成",
    # as Excel and WPS hand them over: full-width, ideographic spaces, a line break
    "（　本期　进展　）", "（本期进展）\n", "［进展情况］", "（请填写。）",
]
REAL = [
    "无", "暂无", "已完成", "按计划推进", "（无）", "/", "—", "-", "无。", "暂无问题", "进展顺利", "本期无进展",
    "本季度进展顺利", "（已完成）", "已完成（验收中）", "请区财政局协调资金", "（本期进展）已完成3个项目",
    "进展情况：已完成项目备案", "说明：项目选址已调整", "填报系统已上线运行", "计划下月完工", "2023年5月完成",
    "新增装机2万千瓦", "建成3×4米展板", "Windows XP 已升级", "18",
    # a field's name alone is a terse answer, except under its own label (below)
    "进展", "进展情况", "存在问题", "问题",
]


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_a_hint_or_an_instruction_is_a_placeholder(text):
    assert is_placeholder(text)


@pytest.mark.parametrize("text", REAL)
def test_a_real_answer_is_not(text):
    assert not is_placeholder(text)


def test_the_columns_own_label_is_a_placeholder_only_in_that_column():
    assert is_placeholder("进展情况", labels=("进展情况",))
    assert is_placeholder("存 在 问 题", labels=("存在问题",))
    assert not is_placeholder("进展", labels=("进展情况",))
    assert is_placeholder("工作开展情况", labels=("进展情况", "工作开展情况"))
    assert not is_placeholder("工作开展情况有序", labels=("工作开展情况",))
    assert not is_placeholder("", labels=("",))
    assert not is_placeholder("")


# -- the program's templates sent back with hints -------------------------------------------------

NDRC = "区发展改革委"


def _template(db, folder, unit: str = NDRC, period: str = "2023Q2", today: date = date(2023, 7, 5)):
    """The unit's template as the program exports it (rows pre-filled with last period's report)."""
    paths = export_templates(db, folder, require_period(period), today=today)
    path = next(p for p in paths if unit in p.name)
    wb = openpyxl.load_workbook(path)
    return path, wb, wb["进展情况"]


def _data_rows(ws) -> list[int]:
    return [r for r in range(5, ws.max_row + 1) if ws.cell(r, 12).value is not None]


def _signed(ws) -> None:
    ws["C3"], ws["H3"], ws["J3"] = "张三", "023-71400000", date(2023, 7, 3)


def _live_entries(db, period: str) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count(ProgressEntry.id)).where(
            ProgressEntry.period == period, ProgressEntry.superseded.is_(False)))


def test_a_template_with_hints_in_every_row_is_refused_as_unfilled(example_db, tmp_path):
    path, wb, ws = _template(example_db, tmp_path)
    rows = _data_rows(ws)
    _signed(ws)  # signed: the rule for an untouched template does not catch it
    for r in rows:
        ws.cell(r, 8).value = "（本期进展）"
        ws.cell(r, 9).value = "（存在问题）"
        ws.cell(r, 10).value = "（下步计划）"
    wb.save(path)
    before = table_dump(example_db)
    (outcome,) = import_returns(example_db, [path]).files
    assert outcome.outcome == "refused"
    (error,) = outcome.errors
    assert error.message.startswith(f"这份进展情况表还没有填写：第{rows[0]}、{rows[1]}")
    assert f"（共{len(rows)}行）仍是模板的提示文字（如“（本期进展）”）" in error.message
    # each row named, at its 进展情况 cell
    hints = [w for w in outcome.warnings if "是模板的提示文字" in w.message]
    assert [(w.row, w.column) for w in hints] == [(r, "H") for r in rows]
    assert hints[0].message == ("进展情况“（本期进展）”是模板的提示文字，不是填写的内容，这一行未记为本期报送。"
                                "请报送单位填写后重新报送。")
    assert str(hints[0]).startswith(f"文件“{path.name}”，工作表“进展情况”，第{rows[0]}行，H列：进展情况“（本期进展）”")
    assert table_dump(example_db) == before


def test_rows_left_with_hints_are_not_reported_the_filled_ones_are(example_db, tmp_path):
    path, wb, ws = _template(example_db, tmp_path)
    first, second, *rest = _data_rows(ws)
    _signed(ws)
    ws.cell(first, 8).value = "本季度新增光伏装机2万千瓦。"
    ws.cell(first, 9).value = "（存在问题）"  # a filled row: this one field is blank
    ws.cell(first, 10).value = "加快并网。"
    ws.cell(second, 7).value = "请选择"
    ws.cell(second, 8).value = "（请填写本季度进展）"
    ws.cell(second, 9).value = "请在此填写"
    ws.cell(second, 10).value = "（下步计划）"  # over last period's, which the template brings
    for r in rest:
        ws.cell(r, 8).value = f"第{r}行的进展。"
    wb.save(path)
    (outcome,) = import_returns(example_db, [path]).files
    assert outcome.outcome == "imported", [str(e) for e in outcome.errors]
    assert outcome.rows == 1 + len(rest)
    blanked = next(w for w in outcome.warnings if w.row == first and w.column == "I")
    assert blanked.message == "存在问题“（存在问题）”是模板的提示文字，不是填写的内容，按空白处理。"
    unfilled = next(w for w in outcome.warnings if w.row == second)
    assert (unfilled.column, unfilled.message.split("”")[0]) == ("H", "进展情况“（请填写本季度进展）")
    assert "这一行未记为本期报送" in unfilled.message
    assert second not in {c.row for c in outcome.changes}
    with example_db.reading() as session:
        texts = {(e.progress, e.problems, e.next_steps) for e in session.scalars(
            select(ProgressEntry).where(ProgressEntry.period == "2023Q2"))}
    assert ("本季度新增光伏装机2万千瓦。", "", "加快并网。") in texts
    assert not any("请" in "".join(t) or "（" in "".join(t) for t in texts)


def test_a_status_left_as_its_hint_keeps_the_status_and_says_why(example_db, tmp_path):
    path, wb, ws = _template(example_db, tmp_path)
    first = _data_rows(ws)[0]
    _signed(ws)
    ws.cell(first, 7).value = "--请选择--"
    ws.cell(first, 8).value = "本季度完成项目备案。"
    wb.save(path)
    (outcome,) = import_returns(example_db, [path], dry_run=True).files
    assert outcome.outcome == "dry-run", [str(e) for e in outcome.errors]
    (said,) = [w for w in outcome.warnings if w.row == first and w.column == "G"]
    assert said.message.startswith("完成状态“--请选择--”是模板的提示文字，不是填写的内容，按未填写处理，沿用原来的状态“")


def test_a_units_own_sheet_with_its_column_labels_and_instructions(planned, tmp_path):
    rows = [
        [1, 18, "光伏发电项目", "推进中", "已完成光伏项目备案3个。", "存在问题", "加快项目建设", None],
        [2, 18, "天然气管网建设", None, "进展情况", "请填写存在的问题", "下步计划", None],
        [3, 12, None, None, "xx年xx月完成xx", None, None, "（选填）"],
    ]
    grid, merges = free_return(rows)
    path = write_xlsx(tmp_path / "区发展改革委_2023Q1_进展情况.xlsx", grid, merges=merges)
    (outcome,) = import_returns(planned, [path]).files
    assert outcome.outcome == "imported", [str(e) for e in outcome.errors]
    assert outcome.rows == 1
    said = {(w.row, w.column): w.message for w in outcome.warnings}
    assert said[(5, "F")] == "存在问题“存在问题”是模板的提示文字，不是填写的内容，按空白处理。"
    assert "这一行未记为本期报送" in said[(6, "E")] and "这一行未记为本期报送" in said[(7, "E")]


def test_a_unit_that_sends_its_template_full_of_hints_is_not_ranked_for_it(planned, tmp_path):
    """The issue's 考评: the unit whose template came back with （本期进展） in every row was
    ranked first. Now its return is refused, so it has not reported this period."""
    period, today = require_period("2023Q1"), date(2023, 4, 10)
    paths = export_templates(planned, tmp_path, period, today=date(2023, 4, 1))
    hinted = next(p for p in paths if NDRC in p.name)
    real = next(p for p in paths if "区住房城乡建委" in p.name)
    for path, text in ((hinted, "（本期进展）"), (real, "已完成年度任务的三成。")):
        wb = openpyxl.load_workbook(path)
        ws = wb["进展情况"]
        ws["C3"], ws["J3"] = "张三", date(2023, 4, 6)
        for r in _data_rows(ws):
            ws.cell(r, 8).value = text
        wb.save(path)
    report = import_returns(planned, [hinted, real])
    assert [f.outcome for f in report.files] == ["refused", "imported"]
    with planned.reading() as session:
        scores = {s.department: s for s in unit_scores(session, Context.load(session, today, period))}
    assert scores["区住房城乡建委"].rank == 1
    ndrc = scores[NDRC]
    assert (ndrc.sent, ndrc.missing_periods) == (0, ["2023Q1"])
    assert ndrc.rank > 1 and ndrc.score < scores["区住房城乡建委"].score
