"""Importing the office's decomposition table (分工表, docs/excel.md#plan-table) through the service and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from greentasks.excel.plan_table import read_plan_table
from greentasks.excel.reader import read_workbook
from greentasks.services.plan_import import import_plan

from ._books import (
    M_AIR,
    M_GAS,
    M_SOLAR,
    PLAN_HEADER,
    STANDARD_ASSIGNMENTS,
    plan_table,
    standard_plan_xlsx,
    write_csv,
    write_html_xls,
    write_xls,
    write_xlsx,
)
from ._util import assignments, counts, dump, run, run_json, triples


def test_standard_table_makes_every_assignment(planned):
    assert triples(planned) == set(STANDARD_ASSIGNMENTS)
    by = {(a["task"], a["unit"], a["measure"]): a for a in assignments(planned)}
    solar = by[(18, "区发展改革委", M_SOLAR)]
    assert solar["deadline_text"] == "2023年6月底前" and solar["due"] == dt.date(2023, 6, 30)
    assert solar["deadline_kind"] == "date" and solar["status"] == "未启动"
    # 序号 and 重点任务 merged over the three rows of task 18: all three are task 18
    assert {a["measure"] for a in assignments(planned) if a["task"] == 18} == {M_SOLAR, M_GAS,
                                                                               "推进农村电网改造升级，提高供电可靠性"}


def _import(db, tmp_path, rows, header=PLAN_HEADER, *, merges=(), title_rows=1, name="分工表.xlsx", **options):
    grid, title_merges = plan_table(rows, header, title_rows=title_rows)
    path = write_xlsx(tmp_path / name, grid, merges=[*title_merges, *merges])
    return import_plan(db, path, **options)


def _ok(outcome):
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    return outcome


ROW = [18, "推动能源体系绿色低碳转型", "推进光伏发电项目建设", "区发展改革委", "区经济信息委", "2023年6月底前", "重点项目"]


# --- header synonyms: every text of every column kind -------------------------------------------------


@pytest.mark.parametrize("column,synonym", [
    *((0, s) for s in ("序号", "编号", "任务编号", "任务序号")),
    *((2, s) for s in ("具体工作", "工作措施", "具体措施", "主要内容", "工作内容", "任务内容", "工作任务")),
    *((3, s) for s in ("牵头单位", "牵头部门")),
    *((4, s) for s in ("配合单位", "配合部门", "协同单位", "参与单位")),
    *((5, s) for s in ("完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "完成时限（时间节点）")),
    (6, "备注"),
])
def test_every_header_synonym_is_recognised(office, tmp_path, column, synonym):
    header = list(PLAN_HEADER)
    header[column] = synonym
    _ok(_import(office, tmp_path, [ROW], header))
    got = assignments(office)
    assert {(a["task"], a["unit"], a["role"], a["measure"]) for a in got} == {
        (18, "区发展改革委", "牵头", "推进光伏发电项目建设"), (18, "区经济信息委", "配合", "推进光伏发电项目建设")}
    assert {a["deadline_text"] for a in got} == {"2023年6月底前"}
    assert {a["note"] for a in got} == {"重点项目"}


@pytest.mark.parametrize("synonym", ["重点任务", "任务名称", "主要任务", "任务"])
def test_task_title_header_synonyms(tmp_path, synonym):
    header = list(PLAN_HEADER)
    header[1] = synonym
    grid, merges = plan_table([ROW], header)
    table, problems = read_plan_table(read_workbook(write_xlsx(tmp_path / "t.xlsx", grid, merges=merges)), [])
    assert problems == [] and table.problems == []
    assert table.rows[0].task_text == "推动能源体系绿色低碳转型"
    assert table.rows[0].measure == "推进光伏发电项目建设"


def test_responsible_header_alone_leads_first_named_unit(office, tmp_path):
    header = ["序号", "重点任务", "具体工作", "责任单位", "完成时限"]
    _ok(_import(office, tmp_path, [[18, "能源", "推进光伏发电项目建设", "区发改委、区经信委、区财政局", "2023年底前"]],
                header))
    assert triples(office) == {(18, "区发展改革委", "牵头", "推进光伏发电项目建设"),
                               (18, "区经济信息委", "配合", "推进光伏发电项目建设"),
                               (18, "区财政局", "配合", "推进光伏发电项目建设")}


def test_responsible_with_a_separate_cooperating_column_keeps_both(office, tmp_path):
    header = ["序号", "具体工作", "责任单位", "配合单位", "完成时限"]
    _ok(_import(office, tmp_path, [[18, "推进光伏发电项目建设", "区发改委", "区经信委、区财政局", "2023年底前"]], header))
    assert triples(office) == {(18, "区发展改革委", "牵头", "推进光伏发电项目建设"),
                               (18, "区经济信息委", "配合", "推进光伏发电项目建设"),
                               (18, "区财政局", "配合", "推进光伏发电项目建设")}


def test_column_order_does_not_matter_and_extra_columns_are_ignored(office, tmp_path):
    header = ["完成时限", "分管区领导", "配合单位", "牵头单位", "具体工作", "序号", "工作目标"]
    row = ["2023年6月底前", "张副区长", "区经信委", "区发改委", "推进光伏发电项目建设", 18, "装机5万千瓦"]
    _ok(_import(office, tmp_path, [row], header))
    assert triples(office) == {(18, "区发展改革委", "牵头", "推进光伏发电项目建设"),
                               (18, "区经济信息委", "配合", "推进光伏发电项目建设")}


def test_without_a_work_column_the_task_title_stands_for_the_work(office, tmp_path):
    header = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    _ok(_import(office, tmp_path, [[18, "能源转型", "区发改委", "区经信委", "2025年底前"]], header))
    assert triples(office) == {(18, "区发展改革委", "牵头", "推动能源体系绿色低碳转型"),
                               (18, "区经济信息委", "配合", "推动能源体系绿色低碳转型")}


# --- where the header is ----------------------------------------------------------------------------


@pytest.mark.parametrize("title_rows", [0, 1, 3, 14])
def test_header_row_anywhere_in_the_first_15_rows(office, tmp_path, title_rows):
    outcome = _ok(_import(office, tmp_path, [ROW], title_rows=title_rows))
    assert outcome.rows == 1
    assert len(assignments(office)) == 2


def test_header_row_16_is_refused_with_a_clear_message(office, tmp_path, capsys):
    grid, merges = plan_table([ROW], title_rows=15)
    path = write_xlsx(tmp_path / "分工表_表头太靠下.xlsx", grid, merges=merges)
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 1
    (f,) = data["files"]
    assert f["outcome"] == "refused"
    message = f["errors"][0]["message"]
    assert "没有找到分工表的表头" in message and "前15行" in message and "序号" in message and "牵头单位" in message
    assert "分工表_表头太靠下.xlsx" in err and "没有找到分工表的表头" in err
    assert dump(office) == before


def test_two_row_header_with_lead_and_cooperating_under_responsible(office, tmp_path):
    """责任单位 merged over 牵头单位 | 配合单位 on the row below: a common two-level header."""
    grid = [
        ["南川区绿色发展重点任务分工表", None, None, None, None, None],
        ["序号", "重点任务", "具体工作", "责任单位", None, "完成时限"],
        [None, None, None, "牵头单位", "配合单位", None],
        [18, "能源转型", "推进光伏发电项目建设", "区发改委", "区经信委", "2023年6月底前"],
        [25, "城乡建设", "推广绿色建筑", "区住建委", "区发改委", "2025年底前"],
    ]
    merges = ["A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"]
    outcome = _ok(import_plan(office, write_xlsx(tmp_path / "两行表头.xlsx", grid, merges=merges)))
    assert outcome.rows == 2
    assert triples(office) == {(18, "区发展改革委", "牵头", "推进光伏发电项目建设"),
                               (18, "区经济信息委", "配合", "推进光伏发电项目建设"),
                               (25, "区住房城乡建委", "牵头", "推广绿色建筑"),
                               (25, "区发展改革委", "配合", "推广绿色建筑")}
    assert {a["deadline_text"] for a in assignments(office) if a["task"] == 25} == {"2025年底前"}


# --- rows -----------------------------------------------------------------------------------------


def test_serial_merged_over_several_rows_and_empty_serial_continue_the_task(office, tmp_path):
    rows = [
        [18, "能源转型", "措施一", "区发改委", None, "2023年底前", None],
        [None, None, "措施二", "区发改委", None, "2023年底前", None],
        [None, None, "措施三", "区经信委", None, "2023年底前", None],
        [25, "城乡建设", "措施四", "区住建委", None, "2025年底前", None],
        [None, None, "措施五", "区住建委", None, "2025年底前", None],
    ]
    # task 18 merged over its three rows (Excel rows 3–5); task 25's second row left empty
    _ok(_import(office, tmp_path, rows, merges=["A3:A5", "B3:B5"]))
    assert {(a["task"], a["measure"]) for a in assignments(office)} == {
        (18, "措施一"), (18, "措施二"), (18, "措施三"), (25, "措施四"), (25, "措施五")}


@pytest.mark.parametrize("ref", [18, 18.0, "18", "18.", "（18）", "(18)", "第18项", "18、", "１８", " 18 "])
def test_task_reference_forms(office, tmp_path, ref):
    row = list(ROW)
    row[0] = ref
    _ok(_import(office, tmp_path, [row]))
    assert {a["task"] for a in assignments(office)} == {18}


def test_blank_rows_note_rows_and_merged_text_rows_are_skipped(office, tmp_path):
    rows = [
        [None] * 7,
        ["二、健全绿色发展支撑体系", None, None, None, None, None, None],  # merged over the whole row
        list(ROW),
        [None] * 7,
        ["   ", None, "", None, None, None, None],
        ["注：列在首位的为牵头单位，其余为配合单位。", None, None, None, None, None, None],
        ["说明：完成时限以文件要求为准。", None, None, None, None, None, None],
        [None, "注：各单位按职责分工负责", None, None, None, None, None],
    ]
    outcome = _ok(_import(office, tmp_path, rows, merges=["A4:G4"]))
    assert outcome.rows == 1 and outcome.warnings == []
    assert len(assignments(office)) == 2


def test_section_heading_rows_in_the_serial_column_are_skipped(office, tmp_path):
    """Offices write 一、/（一） section headings into the 序号 column, with the heading beside it."""
    rows = [
        ["三", "健全绿色发展支撑体系", None, None, None, None, None],
        ["（三）", "构建绿色低碳的现代化基础设施体系", None, None, None, None, None],
        list(ROW),
    ]
    outcome = _ok(_import(office, tmp_path, rows))
    assert outcome.rows == 1
    assert {a["task"] for a in assignments(office)} == {18}


@pytest.mark.parametrize("sep", ["、", "，", ",", "；", ";", "/", "／", "\n", "\r\n", " 、 "])
def test_every_unit_separator(office, tmp_path, sep):
    row = list(ROW)
    row[4] = f"区经信委{sep}区财政局{sep}区住建委"
    _ok(_import(office, tmp_path, [row]))
    assert {(a["unit"], a["role"]) for a in assignments(office)} == {
        ("区发展改革委", "牵头"), ("区经济信息委", "配合"), ("区财政局", "配合"), ("区住房城乡建委", "配合")}


@pytest.mark.parametrize("sep", ["、", "，", "；", "/", "\n"])
def test_every_separator_in_a_responsible_only_table(office, tmp_path, sep):
    header = ["序号", "重点任务", "责任单位", "完成时限"]
    _ok(_import(office, tmp_path, [[18, "能源", f"区发改委{sep}区经信委", "2025年"]], header))
    assert {(a["unit"], a["role"]) for a in assignments(office)} == {("区发展改革委", "牵头"), ("区经济信息委", "配合")}


@pytest.mark.parametrize("cell,expected", [
    ("牵头：区发改委；配合：区经信委、区财政局",
     {("区发展改革委", "牵头"), ("区经济信息委", "配合"), ("区财政局", "配合")}),
    ("牵头单位：区发改委\n配合单位：区经信委",
     {("区发展改革委", "牵头"), ("区经济信息委", "配合")}),
    ("责任单位：区发改委、区经信委",
     {("区发展改革委", "牵头"), ("区经济信息委", "配合")}),
    ("区农委（牵头）、区林业局（按职责分工负责）",
     {("区农业农村委", "牵头"), ("区林业局", "配合")}),
    ("区生态环境局、各乡镇（街道）",
     {("区生态环境局", "牵头"), ("各乡镇（街道）", "配合")}),
    ("区生态环境局、各乡镇(街道)（按职责分工负责）",
     {("区生态环境局", "牵头"), ("各乡镇（街道）", "配合")}),
])
def test_labels_and_notes_in_a_responsible_cell(office, tmp_path, cell, expected):
    header = ["序号", "具体工作", "责任单位", "完成时限"]
    _ok(_import(office, tmp_path, [[18, "推进光伏发电项目建设", cell, "2025年"]], header))
    assert {(a["unit"], a["role"]) for a in assignments(office)} == expected


def test_labels_and_notes_in_separate_columns(office, tmp_path):
    row = list(ROW)
    row[3] = "牵头：区发改委（按职责分工负责）"
    row[4] = "配合单位：区经信委，各乡镇（街道）"
    _ok(_import(office, tmp_path, [row]))
    assert {(a["unit"], a["role"]) for a in assignments(office)} == {
        ("区发展改革委", "牵头"), ("区经济信息委", "配合"), ("各乡镇（街道）", "配合")}


def test_same_unit_named_twice_for_one_work_is_one_assignment_and_reimport_changes_nothing(office, tmp_path):
    rows = [
        [18, "能源", "推进光伏发电项目建设", "区经信委", "区发改委", "2023年底前", None],
        [None, None, "推进光伏发电项目建设", "区发改委", None, "2023年底前", None],
    ]
    _ok(_import(office, tmp_path, rows))
    assert triples(office) == {(18, "区经济信息委", "牵头", "推进光伏发电项目建设"),
                               (18, "区发展改革委", "牵头", "推进光伏发电项目建设")}
    before = dump(office)
    grid, merges = plan_table(rows, title="分工表（第二稿）")
    again = import_plan(office, write_xlsx(tmp_path / "分工表（重新保存）.xlsx", grid, merges=merges))
    assert again.outcome == "imported" and again.changes == []
    assert dump(office) == before


# --- deadlines (docs/deadlines.md) ---------------------------------------------------------------------------

D = dt.date
DEADLINES = [
    (D(2023, 6, 30), "2023-06-30", "date", D(2023, 6, 30), None),
    (dt.datetime(2023, 6, 30, 0, 0), "2023-06-30", "date", D(2023, 6, 30), None),
    *((t, t, "date", D(2023, 6, 30), None) for t in (
        "2023-06-30", "2023/6/30", "2023.6.30", "2023年6月30日", "2023年6月30日前",
        "2023年6月", "2023年6月底", "2023年6月底前", "2023年6月前",
        "2023年上半年", "2023年上半年前", "2023年二季度")),
    *((t, t, "date", D(2025, 12, 31), None) for t in (
        "2025年", "2025年底", "2025年底前", "2025年年底前", "2025年12月底前",
        "“十四五”期间", "十四五期间", '"十四五"时期')),
    ("2023年下半年", "2023年下半年", "date", D(2023, 12, 31), None),
    ("2023年第一季度", "2023年第一季度", "date", D(2023, 3, 31), None),
    ("2023年一季度", "2023年一季度", "date", D(2023, 3, 31), None),
    ("2023年1季度", "2023年1季度", "date", D(2023, 3, 31), None),
    ("2023年第三季度", "2023年第三季度", "date", D(2023, 9, 30), None),
    ("2023年四季度", "2023年四季度", "date", D(2023, 12, 31), None),
    *((t, t, "ongoing", None, None) for t in ("长期坚持", "持续推进", "长期", "常态化")),
    ("每年12月底前", "每年12月底前", "recurring", None, "Y:12-31"),
    ("每季度末", "每季度末", "recurring", None, "Q"),
    ("每月底", "每月底", "recurring", None, "M"),
]


@pytest.mark.parametrize("cell,text,kind,due,rule", DEADLINES)
def test_every_deadline_phrase_is_stored_parsed(office, tmp_path, cell, text, kind, due, rule):
    row = list(ROW)
    row[5] = cell
    outcome = _ok(_import(office, tmp_path, [row]))
    assert outcome.warnings == []
    got = {(a["deadline_text"], a["deadline_kind"], a["due"], a["rule"]) for a in assignments(office)}
    assert got == {(text, kind, due, rule)}


def test_recurring_deadlines_fall_due_from_today(office, tmp_path, capsys):
    rows = [[18, None, "每年报送", "区发改委", None, "每年12月底前", None],
            [18, None, "每季报送", "区发改委", None, "每季度末", None],
            [18, None, "每月报送", "区发改委", None, "每月底", None]]
    _ok(_import(office, tmp_path, rows))
    code, data, _ = run_json(capsys, "--db", office.sqlite_path, "--today", "2023-04-10", "list", "--json")
    assert code == 0
    assert {r["measure"]: (r["deadline"], r["deadline_kind"]) for r in data} == {
        "每年报送": ("2023-12-31", "recurring"), "每季报送": ("2023-06-30", "recurring"),
        "每月报送": ("2023-04-30", "recurring")}


@pytest.mark.parametrize("cell", ["适时完成", "2023年初", "2023年2月30日", None])
def test_unrecognised_deadline_is_a_warning_naming_row_and_column(office, tmp_path, capsys, cell):
    rows = [list(ROW), [25, "城乡建设", "推广绿色建筑", "区住建委", None, cell, None]]
    grid, merges = plan_table(rows)
    path = write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 0
    (f,) = data["files"]
    assert f["outcome"] == "imported" and f["errors"] == []
    (w,) = f["warnings"]
    assert (w["sheet"], w["row"], w["column"]) == ("Sheet1", 4, "F")
    assert "无法识别" in w["message"] and "未识别" in w["message"]
    assert "提示" in err and "第4行" in err and "F列" in err
    (a,) = [a for a in assignments(office) if a["task"] == 25]
    assert a["deadline_kind"] == "未识别" and a["deadline_text"] == (cell or "") and a["due"] is None


# --- refusals --------------------------------------------------------------------------------------


def test_unknown_unit_is_refused_with_suggestions_and_nothing_written(office, tmp_path, capsys):
    row = list(ROW)
    row[4] = "区经信委、区发改局"
    grid, merges = plan_table([list(ROW), [25, None, "推广绿色建筑", "区住建委", None, "2025年", None], row])
    path = write_xlsx(tmp_path / "分工表_有新单位.xlsx", grid, merges=merges)
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 1
    (f,) = data["files"]
    assert f["outcome"] == "refused"
    (e,) = f["errors"]
    assert (e["sheet"], e["row"], e["column"]) == ("Sheet1", 5, "E")
    assert "单位“区发改局”不在单位通讯录中" in e["message"]
    assert "最接近的已知单位" in e["message"] and "区发展改革委" in e["message"]
    assert "--create-departments" not in e["message"]  # the desktop app shows the same message
    assert "--create-departments" in err  # the command line says how to create them
    assert "分工表_有新单位.xlsx" in err and "第5行" in err
    assert dump(office) == before


def test_create_departments_creates_the_unknown_unit(office, tmp_path, capsys):
    row = list(ROW)
    row[4] = "区经信委、区绿色发展促进中心"
    grid, merges = plan_table([row])
    path = write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--create-departments",
                               "--json")
    assert code == 0, err
    (f,) = data["files"]
    assert f["outcome"] == "imported"
    assert any("已新建单位“区绿色发展促进中心”" in w["message"] for w in f["warnings"])
    assert (18, "区绿色发展促进中心", "配合", "推进光伏发电项目建设") in triples(office)
    code, out, _ = run(capsys, "--db", office.sqlite_path, "list", "--department", "区绿色发展促进中心", "--json")
    assert code == 0 and len(__import__("json").loads(out)) == 1


def test_unknown_unit_mapped_by_the_clerk_becomes_an_alias(office, tmp_path):
    from greentasks.models import Department

    row = list(ROW)
    row[3] = "发展改革局"
    grid, merges = plan_table([row])
    path = write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges)
    refused = import_plan(office, path)
    assert refused.outcome == "refused" and "发展改革局" in refused.unknown_units
    with office.reading() as s:
        ndrc = s.query(Department).filter_by(name="区发展改革委").one().id
    _ok(import_plan(office, path, unit_choices={"发展改革局": ndrc}))
    assert (18, "区发展改革委", "牵头", "推进光伏发电项目建设") in triples(office)
    with office.reading() as s:
        assert "发展改革局" in {a.alias for a in s.get(Department, ndrc).aliases}


@pytest.mark.parametrize("ref", [40, "35", "0", "第40项"])
def test_task_number_outside_the_plan_is_an_error(office, tmp_path, capsys, ref):
    grid, merges = plan_table([list(ROW), [ref, "不存在的任务", "某项工作", "区发改委", None, "2025年", None]])
    path = write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges)
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 1
    (e,) = data["files"][0]["errors"]
    assert (e["row"], e["column"]) == (4, "A")
    assert "不存在" in e["message"] and "34" in e["message"]
    assert dump(office) == before


def test_unreadable_serial_is_an_error(office, tmp_path):
    outcome = _import(office, tmp_path, [list(ROW), ["合计", None, "某项工作", "区发改委", None, "2025年", None]])
    assert outcome.outcome == "refused"
    (e,) = outcome.errors
    assert (e.row, e.column) == (4, "A") and "无法识别为任务编号" in e.message


def test_row_without_any_unit_is_an_error(office, tmp_path):
    outcome = _import(office, tmp_path, [list(ROW), [25, None, "推广绿色建筑", None, None, "2025年", None]])
    assert outcome.outcome == "refused"
    (e,) = outcome.errors
    assert (e.row, e.column) == (4, "D") and "没有填写牵头单位" in e.message


# --- twice, dry run --------------------------------------------------------------------------------


def test_importing_the_same_table_twice_changes_nothing(office, tmp_path, capsys):
    path = standard_plan_xlsx(tmp_path / "分工表.xlsx")
    code, first, _ = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 0 and first["files"][0]["outcome"] == "imported"
    before_counts, before = counts(office.sqlite_path), dump(office)
    code, second, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 0
    assert second["files"][0]["outcome"] == "duplicate"
    assert counts(office.sqlite_path) == before_counts and dump(office) == before
    # the same table with another title (other bytes, same assignments): nothing changes
    grid, merges = plan_table(title="分工表（第二稿）")
    copy = write_xlsx(tmp_path / "分工表（另存）.xlsx", grid, merges=[*merges, "A6:A8", "B6:B8"])
    code, third, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", copy, "--json")
    assert code == 0 and third["files"][0]["outcome"] == "imported"
    assert "新增分工 0 条，修改 0 条" in err
    assert counts(office.sqlite_path) == before_counts and dump(office) == before


def test_dry_run_reports_what_would_change_and_writes_nothing(office, tmp_path, capsys):
    path = standard_plan_xlsx(tmp_path / "分工表.xlsx")
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--dry-run", "--json")
    assert code == 0
    (f,) = data["files"]
    assert f["outcome"] == "dry-run" and f["rows"] == 7 and f["errors"] == []
    assert f"将新增分工 {len(STANDARD_ASSIGNMENTS)} 条" in err and "预览" in err
    assert dump(office) == before
    # and a dry run of a change to an imported table reports the change only
    _ok(import_plan(office, path))
    changed = [list(r) for r in __import__("excel._books", fromlist=["STANDARD_PLAN"]).STANDARD_PLAN]
    changed[2][5] = "2024年6月底前"
    grid, merges = plan_table(changed)
    before = dump(office)
    outcome = import_plan(office, write_xlsx(tmp_path / "分工表_改.xlsx", grid, merges=merges), dry_run=True)
    assert outcome.outcome == "dry-run"
    assert [(c.action, c.fields) for c in outcome.changes] == [
        ("更新", [("完成时限", "2023年12月底前", "2024年6月底前")])] * 3
    assert dump(office) == before


# --- the same table in every format ---------------------------------------------------------------


def _flat_standard() -> list[list[object]]:
    """The standard table with 序号 repeated instead of merged (CSV cannot merge)."""
    grid, _ = plan_table()
    return grid


@pytest.mark.parametrize("fmt", ["xls", "html", "csv-utf8", "csv-bom", "csv-gb18030"])
def test_the_standard_table_in_every_format(office, tmp_path, fmt):
    grid, merges = plan_table()
    if fmt == "xls":
        path = write_xls(tmp_path / "分工表.xls", grid, merges=[*merges, "A6:A8", "B6:B8"])
    elif fmt == "html":
        path = write_html_xls(tmp_path / "分工表.xls", grid, merges=[*merges, "A6:A8", "B6:B8"])
    else:
        encoding = {"csv-utf8": "utf-8", "csv-bom": "utf-8-sig", "csv-gb18030": "gb18030"}[fmt]
        path = write_csv(tmp_path / "分工表.csv", _flat_standard(), encoding=encoding)
    outcome = _ok(import_plan(office, path))
    assert outcome.rows == 7
    assert triples(office) == set(STANDARD_ASSIGNMENTS)
    assert {a["deadline_text"] for a in assignments(office) if a["measure"] == M_AIR} == {"2023年12月底前"}


def test_xls_date_cell_deadline(office, tmp_path):
    row = list(ROW)
    row[5] = dt.date(2023, 9, 30)
    grid, merges = plan_table([row])
    _ok(import_plan(office, write_xls(tmp_path / "分工表.xls", grid, merges=merges)))
    assert {(a["deadline_text"], a["due"]) for a in assignments(office)} == {("2023-09-30", D(2023, 9, 30))}


def test_a_second_decomposition_sheet_is_named_not_lost(office, tmp_path):
    grid, merges = plan_table([ROW])
    more, _ = plan_table([[25, "城乡建设", "推广绿色建筑", "区住建委", None, "2025年", None]])
    path = write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges, extra_sheets={"第二部分": more})
    outcome = _ok(import_plan(office, path))
    (w,) = outcome.warnings
    assert w.sheet == "第二部分" and "只导入了第一张" in w.message
    assert {a["task"] for a in assignments(office)} == {18}


def test_dry_run_with_create_departments_says_it_would_create(office, tmp_path, capsys):
    row = list(ROW)
    row[4] = "区绿色发展促进中心"
    grid, merges = plan_table([row])
    path = write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges)
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--create-departments",
                               "--dry-run", "--json")
    assert code == 0 and data["files"][0]["outcome"] == "dry-run"
    assert any("将新建" in w["message"] and "区绿色发展促进中心" in w["message"] for w in data["files"][0]["warnings"])
    assert dump(office) == before


def test_the_samples_shape_responsible_only_without_work(office, tmp_path, capsys):
    """As sample_分工表.xlsx: 编号 | 主要任务 | 责任单位 | 完成时间 | 备注 under a merged title."""
    grid = [
        ["重点任务分工方案（示例）"] + [None] * 4,
        ["编号", "主要任务", "责任单位", "完成时间", "备注"],
        [1, "智能网联及新能源汽车", "区经信委", "2025年底前"],
        [2, "清洁能源", "区发改委、区经济信息委", "持续推进"],
        [4, "绿色建造", "区住建委", "2023年第四季度"],
        [5, "医药康养产业", "区卫健委\n区农委", "长期坚持"],
        [6, "文旅融合产业", "区文旅委", "2024年6月底前"],
        [7, "现代山地特色高效农业", "区农委、各乡镇（街道）", "每年12月底前"],
    ]
    path = write_xlsx(tmp_path / "sample_分工表.xlsx", grid, merges=["A1:E1"])
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-plan", path, "--json")
    assert code == 0, err
    # the one note: 各乡镇（街道）'s work went to each of the 34 towns
    assert data["files"][0]["rows"] == 6 and [w["message"][:14] for w in data["files"][0]["warnings"]] == [
        "集合成员分项：已新增34条。"]
    got = {(a["task"], a["unit"], a["role"], a["deadline_kind"]) for a in assignments(office)}
    assert got == {
        (1, "区经济信息委", "牵头", "date"), (2, "区发展改革委", "牵头", "ongoing"), (2, "区经济信息委", "配合", "ongoing"),
        (4, "区住房城乡建委", "牵头", "date"), (5, "区卫生健康委", "牵头", "ongoing"), (5, "区农业农村委", "配合", "ongoing"),
        (6, "区文化旅游委", "牵头", "date"), (7, "区农业农村委", "牵头", "recurring"), (7, "各乡镇（街道）", "配合", "recurring")}
    with office.reading() as s:
        from greentasks.models import Task

        titles = {t.no: t.title for t in s.query(Task)}
    assert all(a["measure"] == titles[a["task"]] for a in assignments(office))


def test_a_column_numbering_row_under_the_header_is_not_a_task(office, tmp_path):
    outcome = _ok(_import(office, tmp_path, [[1, 2, 3, 4, 5, 6, 7], ROW]))
    assert outcome.rows == 1 and {a["task"] for a in assignments(office)} == {18}
