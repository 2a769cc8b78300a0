"""责任领导 (issue 16, part 4): read from the 分工表 onto the tasks, logged with the import and undone
with it; shown in the ledger, the printed reports and ``list --json``; filtered by ``list --leader``
and Filters(leader=...). The built-in plan, which names no leaders, is unchanged."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from greentasks.domain.leaders import NO_LEADER, leader_matches, leader_names, normalize_leader
from greentasks.models import Task
from greentasks.services.plan_import import import_plan
from greentasks.services.undo import undo_batch
from tests.excel._books import M_AIR, M_BUILDING, M_GAS, M_GRID, M_SOLAR, standard_plan_xlsx
from tests.excel._util import run, run_json

TODAY = date(2023, 7, 10)
HEADER = ["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "责任领导", "完成时限"]


def write_table(path: Path, rows: list[list[object]], *, header: list[str] = HEADER,
                merges: tuple[str, ...] = ()) -> Path:
    """The office's 分工表: a title merged across, the header on row 2, the rows from row 3."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工表"
    ws.append(["南川区加快推进绿色发展重点任务分工表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return path


def led_table(path: Path) -> Path:
    """Task 18's three rows under one merged 责任领导 cell (F3:F5, written once); task 25's own
    row (a title, no work) names two leaders with a full-width comma; task 12 names none."""
    return write_table(path, [
        [18, "推动能源体系绿色低碳转型", M_SOLAR, "区发展改革委", "区经济信息委", "张三", "2023年6月底前"],
        [None, None, M_GAS, "区发展改革委", "区住房城乡建委", None, "2024年6月底前"],
        [None, None, M_GRID, "区经济信息委", "区发展改革委", None, "2023年第三季度"],
        [25, "推动城乡建设绿色发展", None, None, None, "李四，王  五", None],
        [None, None, M_BUILDING, "区住房城乡建委", None, None, "2025年底前"],
        [12, "深入打好污染防治攻坚战", M_AIR, "区生态环境局", "区发展改革委", None, "2023年12月底前"],
    ], merges=("A3:A5", "B3:B5", "F3:F5"))


def leaders(db) -> dict[int, str]:
    with db.reading() as session:
        return {no: leader for no, leader in session.execute(select(Task.no, Task.leader)) if leader}


@pytest.fixture
def led(db, tmp_path):
    """The built-in plan with the table of :func:`led_table` imported."""
    outcome = import_plan(db, led_table(tmp_path / "分工表.xlsx"))
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    return db


# -- names -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "names"), [
    ("张三", ["张三"]),
    ("张三、李四", ["张三", "李四"]),
    ("张三，李四；王五", ["张三", "李四", "王五"]),
    ("张三\n李四", ["张三", "李四"]),
    ("张  三", ["张三"]),  # spaced out to the width of a three-character name
    ("张三 李四", ["张三", "李四"]),
    ("副区长 张三", ["副区长张三"]),  # a title before the name is not a leader of its own
    ("张三、张三", ["张三"]),
    ("", []),
    (None, []),
])
def test_a_leader_cell_is_read_as_names(cell, names):
    assert leader_names(cell) == names
    assert normalize_leader(cell) == "、".join(names)


def test_a_leader_matches_by_one_of_its_names():
    assert leader_matches("张三、李四", "李四") and leader_matches("张三（副区长）", "张三")
    assert leader_matches("副区长张三", "张三") and leader_matches("张三", "张 三")
    assert not leader_matches("张三丰", "张三") and not leader_matches("", "张三")
    assert leader_matches("", NO_LEADER) and leader_matches("", "未填写") and not leader_matches("张三", NO_LEADER)


# -- the import --------------------------------------------------------------------------------------

def test_the_table_gives_the_tasks_their_leaders_and_undo_takes_them_back(db, tmp_path):
    preview = import_plan(db, led_table(tmp_path / "预览.xlsx"), dry_run=True)
    assert preview.outcome == "dry-run" and leaders(db) == {}
    changed = {(c.row, c.task_no, c.fields[0]) for c in preview.changes if c.fields[0][0] == "责任领导"}
    # Each task once, from its first row that names one (a merged cell: its first row).
    assert changed == {(3, 18, ("责任领导", "", "张三")), (6, 25, ("责任领导", "", "李四、王五"))}
    assert not preview.warnings

    done = import_plan(db, led_table(tmp_path / "分工表.xlsx"))
    assert done.outcome == "imported" and done.batch_id is not None
    assert leaders(db) == {18: "张三", 25: "李四、王五"}
    undo_batch(db, done.batch_id)
    assert leaders(db) == {}


def test_the_variant_headers_are_read_and_an_empty_cell_never_clears_a_leader(db, tmp_path):
    first = write_table(tmp_path / "分管.xlsx", [
        [7, "提升农业质量效益", "建设高标准农田，提升耕地质量", "区农业农村委", None, "赵六", "每年12月底前"],
    ], header=["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "分管区领导", "完成时限"])
    assert import_plan(db, first).outcome == "imported"
    assert leaders(db) == {7: "赵六"}
    # A later table: the same work, 联系领导 empty for task 7 and given for task 5.
    second = write_table(tmp_path / "联系.xlsx", [
        [7, "提升农业质量效益", "建设高标准农田，提升耕地质量", "区农业农村委", None, None, "每年12月底前"],
        [5, "推动农业绿色发展", "发展生态循环农业", "区农业农村委", None, "钱七 孙八", "长期坚持"],
    ], header=["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "联系领导", "完成时限"])
    outcome = import_plan(db, second)
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    assert leaders(db) == {7: "赵六", 5: "钱七、孙八"}
    # The same leaders written in another order change nothing.
    third = write_table(tmp_path / "再次.xlsx", [
        [5, "推动农业绿色发展", "发展生态循环农业", "区农业农村委", None, "孙八、钱七", "长期坚持"],
    ], header=["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "责任领导", "完成时限"])
    again = import_plan(db, third)
    assert again.outcome == "imported" and not again.changes and again.batch_id is None


def test_two_rows_of_a_task_that_disagree_keep_the_first_and_say_so(db, tmp_path):
    path = write_table(tmp_path / "不一致.xlsx", [
        [18, "推动能源体系绿色低碳转型", M_SOLAR, "区发展改革委", None, "张三", "2023年6月底前"],
        [None, None, M_GAS, "区发展改革委", None, "张三", "2024年6月底前"],
        [None, None, M_GRID, "区经济信息委", None, "李四", "2023年第三季度"],
    ], merges=("A3:A5",))
    outcome = import_plan(db, path)
    assert outcome.outcome == "imported"
    [warning] = [w for w in outcome.warnings if "责任领导" in w.message]
    assert (warning.row, warning.column, warning.severity) == (5, "F", "warning")
    assert "第3行" in warning.message and "第5行" in warning.message and "已按第3行导入“张三”" in warning.message
    assert leaders(db) == {18: "张三"}


def test_a_leader_on_a_task_the_plan_does_not_have_is_an_error(db, tmp_path):
    path = write_table(tmp_path / "无此任务.xlsx", [
        [99, "不存在的任务", None, None, None, "张三", None],
        [18, "推动能源体系绿色低碳转型", M_SOLAR, "区发展改革委", None, None, "2023年6月底前"],
    ])
    outcome = import_plan(db, path)
    assert outcome.outcome == "refused"
    assert [(p.row, p.column) for p in outcome.errors] == [(3, "F")]
    assert "任务编号 99 不存在" in outcome.errors[0].message
    assert leaders(db) == {}


# -- shown -------------------------------------------------------------------------------------------

def _ledger_rows(capsys, db, tmp_path) -> dict[str, dict[str, object]]:
    out = tmp_path / "总台账.xlsx"
    code, _, err = run(capsys, "--db", db.url, "--today", TODAY.isoformat(), "export-ledger", out)
    assert code == 0, err
    ws = openpyxl.load_workbook(out)["总台账"]
    header = [c.value for c in ws[3]]
    assert header[5:9] == ["牵头单位", "配合单位", "责任领导", "完成时限"]
    return {ws.cell(r, 5).value: dict(zip(header, (c.value for c in ws[r]), strict=True))
            for r in range(4, ws.max_row + 1)}


def test_the_ledger_has_the_leader_beside_the_units(led, tmp_path, capsys):
    rows = _ledger_rows(capsys, led, tmp_path)
    assert {m: r["责任领导"] for m, r in rows.items()} == {
        M_SOLAR: "张三", M_GAS: "张三", M_GRID: "张三", M_BUILDING: "李四、王五", M_AIR: None}
    assert rows[M_SOLAR]["牵头单位"] == "区发展改革委" and rows[M_SOLAR]["完成时限"] == "2023年6月底前"


def test_the_builtin_plan_without_leaders_has_an_empty_column(db, tmp_path, capsys):
    assert import_plan(db, standard_plan_xlsx(tmp_path / "分工表.xlsx")).outcome == "imported"
    rows = _ledger_rows(capsys, db, tmp_path)
    assert len(rows) == 7 and all(r["责任领导"] is None for r in rows.values())
    code, data, _ = run_json(capsys, "--db", db.url, "--today", TODAY.isoformat(), "list", "--json")
    assert code == 0 and data and all(r["leader"] == "" for r in data)


def test_list_by_leader_and_its_json(led, capsys):
    args = ("--db", led.url, "--today", TODAY.isoformat(), "list")
    code, everything, _ = run_json(capsys, *args, "--json")
    assert code == 0 and {r["task_no"]: r["leader"] for r in everything} == {18: "张三", 25: "李四、王五", 12: ""}
    code, rows, _ = run_json(capsys, *args, "--leader", "张三", "--json")
    assert code == 0 and len(rows) == 6 and {r["task_no"] for r in rows} == {18}  # 3 works × lead and partner
    code, rows, _ = run_json(capsys, *args, "--leader", "王五", "--json")
    assert {(r["task_no"], r["department"]) for r in rows} == {(25, "区住房城乡建委")}
    code, rows, _ = run_json(capsys, *args, "--leader", "未填写", "--json")
    assert {r["task_no"] for r in rows} == {12} and len(rows) == 2
    code, out, err = run(capsys, *args, "--leader", "张四")
    assert code == 2 and "Traceback" not in err
    assert "没有责任领导为“张四”的重点任务" in err and "张三、李四、王五" in err


def test_filters_by_leader_in_the_core(led):
    from greentasks.errors import UsageError
    from greentasks.services.queries import Context, Filters, assignment_rows, plan_leaders

    with led.reading() as session:
        ctx = Context.load(session, TODAY)
        rows = assignment_rows(session, ctx)
        assert {r.task_no: r.leader for r in rows} == {18: "张三", 25: "李四、王五", 12: ""}
        assert [r.id for r in assignment_rows(session, ctx, Filters(leader="李四"))] == \
            [r.id for r in rows if r.task_no == 25]
        assert {r.task_no for r in assignment_rows(session, ctx, Filters(leader=NO_LEADER))} == {12}
        assert plan_leaders(session, ctx.plan.id) == ["张三", "李四", "王五"]
        with pytest.raises(UsageError, match="张三、李四、王五"):
            assignment_rows(session, ctx, Filters(leader="赵六"))


def test_a_plan_without_leaders_says_so_when_asked_for_one(db, tmp_path, capsys):
    assert import_plan(db, standard_plan_xlsx(tmp_path / "分工表.xlsx")).outcome == "imported"
    code, _, err = run(capsys, "--db", db.url, "--today", TODAY.isoformat(), "list", "--leader", "张三")
    assert code == 2 and "都还没有填写责任领导" in err
    code, rows, _ = run_json(capsys, "--db", db.url, "--today", TODAY.isoformat(), "list", "--leader", "未填写",
                             "--json")
    assert code == 0 and len(rows) == 14


# -- printed -----------------------------------------------------------------------------------------

def _report(db, kind: str, department: str | None = None):
    from greentasks.reports import build_report
    from greentasks.services.queries import Context

    with db.reading() as session:
        ctx = Context.load(session, TODAY)
        return build_report(session, ctx, kind, department=department, office="区政府办公室")


def test_the_reports_name_the_leader_under_the_task(led):
    full = _report(led, "full")
    table = full.parts[0].tables[0]
    column = table.column_index("重点任务")
    notes = {r.cells[0].text: r.cells[column].note for r in table.rows}
    assert notes["18"] == "责任领导：张三" and notes["25"] == "责任领导：李四、王五"
    assert notes["12"] == "" and notes["1"] == ""  # none named; task 1 has no work yet
    assert [c.title for c in table.columns] == ["任务编号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限",
                                                 "完成状态", "预警", "最新进展"]  # the A4 columns as they were
    unit = _report(led, "unit", "区发展改革委")
    assert "责任领导：张三" in unit.plain_text() and "李四" not in unit.plain_text()
    overdue = _report(led, "overdue")  # the solar work was due in June 2023
    assert "责任领导：张三" in overdue.plain_text()


def test_the_builtin_plan_prints_no_leader_line(db, tmp_path):
    assert import_plan(db, standard_plan_xlsx(tmp_path / "分工表.xlsx")).outcome == "imported"
    for kind, unit in (("full", None), ("unit", "区发展改革委"), ("overdue", None)):
        assert "责任领导" not in _report(db, kind, unit).plain_text()


def test_the_pdf_carries_the_leader_and_still_fits_a4(led, qapp, tmp_path):
    import pypdf

    from ui.printing import write_pdf

    path = tmp_path / "推进情况表.pdf"
    pages = write_pdf(_report(led, "full"), path)
    reader = pypdf.PdfReader(str(path))
    assert pages == len(reader.pages) >= 1
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(842, 595)}  # A4 landscape
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in reader.pages))
    assert "责任领导：张三" in text and "责任领导：李四、王五" in text
    assert "推动能源体系绿色低碳转型" in text
