"""Free-form returns (docs/excel.md#returns): a unit's own sheet, through the service and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from greentasks.domain.periods import parse_period
from greentasks.domain.statuses import SYNONYMS
from greentasks.services.returns_import import import_returns

from ._books import (
    M_AIR,
    M_GAS,
    M_GRID,
    M_SOLAR,
    free_return,
    write_csv,
    write_html_xls,
    write_xls,
    write_xlsx,
)
from ._util import assignment_id, assignments, dump, entries, run, run_json

NDRC = "区发展改革委"
TODAY = "2023-04-10"
ROWS = [
    [1, 18, M_SOLAR, "推进中", "已完成光伏项目备案3个。", "用地指标紧张", "加快项目建设", None],
    [2, "18", "天然气管网建设", "已完成", "城区管网改造完工。", None, None, "已验收"],
    [3, 12, None, "长期坚持", "配合开展大气污染治理执法检查。", None, "继续配合", None],
]


def make(tmp_path, rows=ROWS, *, name="区发展改革委_2023Q1_进展情况.xlsx", fmt="xlsx", **kw):
    grid, merges = free_return(rows, **kw)
    path = tmp_path / name
    if fmt == "xlsx":
        return write_xlsx(path, grid, merges=merges)
    if fmt == "xls":
        return write_xls(path, grid, merges=merges)
    if fmt == "html":
        return write_html_xls(path, grid, merges=merges)
    return write_csv(path, grid, encoding=fmt)


def one(db, path, **options):
    report = import_returns(db, [path], **options)
    (f,) = report.files
    return f


def ok(db, path, **options):
    f = one(db, path, **options)
    assert f.outcome == "imported", [str(p) for p in f.errors]
    return f


def by_assignment(db) -> dict[int, dict]:
    return {e["assignment_id"]: e for e in entries(db) if not e["superseded"]}


def test_the_usual_shape_imports(planned, tmp_path, capsys):
    path = make(tmp_path)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", TODAY, "import-returns", path, "--json")
    assert code == 0, err
    (f,) = data["files"]
    assert {k: f[k] for k in ("path", "outcome", "department", "period", "rows", "errors", "warnings")} == {
        "path": str(path), "outcome": "imported", "department": NDRC, "period": "2023Q1", "rows": 3,
        "errors": [], "warnings": []}
    # what the import did, counted: three first reports; 已完成 (gas) and 长期坚持 moved from 未启动
    assert (f["new_entries"], f["superseded_entries"], f["awaiting_closure"]) == (3, 0, 1)
    assert f["status_changes"] == 3 and {(t["from"], t["to"]) for t in f["status_transitions"]} == {
        ("未启动", "推进中"), ("未启动", "已完成"), ("未启动", "长期坚持")}
    got = by_assignment(planned)
    solar = got[assignment_id(planned, 18, NDRC, M_SOLAR)]
    assert (solar["status"], solar["progress"], solar["problems"], solar["next_steps"]) == (
        "推进中", "已完成光伏项目备案3个。", "用地指标紧张", "加快项目建设")
    assert (solar["reporter"], solar["phone"], solar["reported_on"]) == ("张三", "023-71422160", dt.date(2023, 4, 6))
    gas = got[assignment_id(planned, 18, NDRC, M_GAS)]
    assert (gas["status"], gas["remarks"]) == ("已完成", "已验收")
    assert got[assignment_id(planned, 12, NDRC, M_AIR)]["status"] == "长期坚持"
    assert "【已导入】区发展改革委_2023Q1_进展情况.xlsx（区发展改革委，2023年第一季度）：3 行" in err


@pytest.mark.parametrize("fmt", ["xls", "html", "utf-8", "utf-8-sig", "gb18030"])
def test_the_usual_shape_in_every_format(planned, tmp_path, fmt):
    suffix = {"xls": ".xls", "html": ".xls"}.get(fmt, ".csv")
    f = ok(planned, make(tmp_path, name=f"区发展改革委_2023Q1_进展情况{suffix}", fmt=fmt))
    assert (f.department, f.period, f.rows) == (NDRC, "2023Q1", 3)
    assert by_assignment(planned)[assignment_id(planned, 18, NDRC, M_GAS)]["status"] == "已完成"


# --- header synonyms ------------------------------------------------------------------------------

BASE = ["任务编号", "具体工作", "完成状态", "进展情况", "存在问题", "下步计划", "备注"]


@pytest.mark.parametrize("column,synonym", [
    *((0, s) for s in ("任务编号", "序号", "编号", "任务序号")),
    *((1, s) for s in ("具体工作", "工作措施", "具体措施", "主要内容", "工作内容", "任务内容", "工作任务")),
    *((2, s) for s in ("完成状态", "状态", "推进状态", "进度状态", "完成情况")),
    *((3, s) for s in ("进展情况", "工作进展", "推进情况", "进展", "工作开展情况", "完成情况及进展")),
    *((4, s) for s in ("存在问题", "存在的问题", "困难问题", "问题及困难")),
    *((5, s) for s in ("下步计划", "下步工作打算", "下一步工作", "下一步计划", "下步打算")),
    (6, "备注"),
])
def test_every_return_header_synonym(planned, tmp_path, column, synonym):
    header = list(BASE)
    header[column] = synonym
    row = [18, "天然气管网建设", "序时推进", "管网改造完成60%。", "资金缺口", "争取专项债", "备注文字"]
    ok(planned, make(tmp_path, [row], header=header))
    (e,) = entries(planned)
    assert e["assignment_id"] == assignment_id(planned, 18, NDRC, M_GAS)
    assert (e["status"], e["progress"], e["problems"], e["next_steps"], e["remarks"]) == (
        "推进中", "管网改造完成60%。", "资金缺口", "争取专项债", "备注文字")


def test_serial_and_task_number_columns_together_use_the_task_number(planned, tmp_path):
    ok(planned, make(tmp_path, [[7, 18, M_SOLAR, "推进中", "进展", None, None, None]]))
    (e,) = entries(planned)
    assert e["assignment_id"] == assignment_id(planned, 18, NDRC, M_SOLAR)


@pytest.mark.parametrize("word,canonical", [(w, c) for c, words in SYNONYMS.items() for w in (c, *words)]
                         + [(" 推进中 ", "推进中"), ("已完成。", "已完成"), ("进行中", "推进中")])
def test_every_status_synonym(planned, tmp_path, word, canonical):
    ok(planned, make(tmp_path, [[1, 18, M_SOLAR, word, "进展", None, None, None]]))
    assert [e["status"] for e in entries(planned)] == [canonical]


# --- which unit, which period --------------------------------------------------------------------


def test_unit_from_the_cell_from_the_file_name_and_from_the_option(planned, tmp_path):
    rows = [[1, 25, "绿色建筑", "推进中", "新建绿色建筑3万平方米。", None, None, None]]
    f = ok(planned, make(tmp_path, rows, unit="区住建委", name="进展情况.xlsx"))
    assert f.department == "区住房城乡建委"
    f = ok(planned, make(tmp_path, rows, unit=None, name="2023年一季度进展（区住房城乡建委）.xlsx"), period=parse_period("2023Q2"))
    assert (f.department, f.period) == ("区住房城乡建委", "2023Q1")
    rows[0][4] = "新建绿色建筑5万平方米。"
    f = ok(planned, make(tmp_path, rows, unit=None, name="进展情况2.xlsx"), department="住建委")
    assert f.department == "区住房城乡建委"
    # the cell wins over the file name and the option
    f = ok(planned, make(tmp_path, rows, unit="区住建委", name="区发展改革委_进展3.xlsx", period="2023年第二季度"),
           department="区发改委")
    assert f.department == "区住房城乡建委"


@pytest.mark.parametrize("label", ["填报单位（盖章）：区住建委", "填报单位: 区住建委（盖章）", "报送单位：区住房城乡建委"])
def test_unit_cell_with_a_stamp_note(planned, tmp_path, label):
    grid, merges = free_return([[1, 25, "绿色建筑", "推进中", "进展", None, None, None]], unit=None)
    grid[1][0] = label
    f = ok(planned, write_xlsx(tmp_path / "进展.xlsx", grid, merges=merges))
    assert f.department == "区住房城乡建委"


def test_a_measurement_unit_label_is_not_the_reporting_unit(planned, tmp_path):
    grid, merges = free_return([[1, 25, "绿色建筑", "推进中", "进展", None, None, None]], unit=None)
    grid[1][0] = "单位：万元"
    grid[1][2] = "填报单位：区住建委"
    f = ok(planned, write_xlsx(tmp_path / "进展.xlsx", grid, merges=merges))
    assert f.department == "区住房城乡建委"


@pytest.mark.parametrize("written,code", [
    ("2023Q1", "2023Q1"), ("2023年第一季度", "2023Q1"), ("2023年一季度", "2023Q1"), ("2023年3月", "2023-03"),
    ("2023-03", "2023-03"), ("2023H1", "2023H1"), ("2023年上半年", "2023H1"), ("2023年第二季度", "2023Q2"),
])
def test_period_from_the_cell_in_every_written_form(planned, tmp_path, written, code):
    f = ok(planned, make(tmp_path, name="区发展改革委进展情况.xlsx", period=written))
    assert f.period == code
    assert {e["period"] for e in entries(planned)} == {code}


@pytest.mark.parametrize("stem,code", [
    ("区发展改革委_2023Q1", "2023Q1"), ("区发展改革委2023年第一季度进展", "2023Q1"), ("2023年一季度_区发改委", "2023Q1"),
    ("区发改委2023年3月进展", "2023-03"), ("区发改委_2023-03", "2023-03"), ("区发改委_2023H1", "2023H1"),
    ("区发改委2023年上半年", "2023H1"),
])
def test_period_from_the_file_name(planned, tmp_path, stem, code):
    f = ok(planned, make(tmp_path, name=f"{stem}.xlsx", period=None))
    assert (f.department, f.period) == (NDRC, code)


def test_period_from_the_option(planned, tmp_path, capsys):
    path = make(tmp_path, name="发改委进展情况.xlsx", period=None)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", path, "--period", "2023年第一季度",
                               "--json")
    assert code == 0, err
    assert data["files"][0]["period"] == "2023Q1"


def test_neither_unit_nor_period_found_is_refused_saying_how_to_fix(planned, tmp_path, capsys):
    before = dump(planned)
    no_period = make(tmp_path, name="发改委进展情况.xlsx", period=None)
    no_unit = make(tmp_path, name="进展情况_2023Q1.xlsx", unit=None)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", no_period, no_unit, "--json")
    assert code == 1
    by_name = {f["path"].rsplit("/", 1)[-1]: f for f in data["files"]}
    f = by_name["发改委进展情况.xlsx"]
    assert f["outcome"] == "refused" and f["department"] == NDRC and f["period"] is None
    message = f["errors"][0]["message"]
    assert "无法确定这份进展情况表的报送期" in message and "报送期：" in message and "--period" in message
    f = by_name["进展情况_2023Q1.xlsx"]
    assert f["outcome"] == "refused" and f["department"] is None
    message = f["errors"][0]["message"]
    assert "无法确定这份进展情况表是哪个单位报送的" in message and "填报单位：" in message and "--department" in message
    assert dump(planned) == before


def test_unknown_unit_in_the_cell_names_the_cell_and_suggests(planned, tmp_path):
    f = one(planned, make(tmp_path, unit="区发改局"))
    assert f.outcome == "refused"
    (e,) = f.errors
    assert (e.sheet, e.row, e.column) == ("Sheet1", 2, "A")
    assert "区发改局" in e.message and "区发展改革委" in e.message


# --- matching rows to assignments --------------------------------------------------------------------


@pytest.mark.parametrize("written,measure", [
    ("光伏发电项目建设", M_SOLAR), ("天然气管网", M_GAS), ("农村电网改造升级", M_GRID),
    (M_SOLAR, M_SOLAR), ("推进光伏发电项目建设，新增装机容量5万千瓦。", M_SOLAR),
])
def test_several_assignments_on_one_task_are_told_apart_by_the_work(planned, tmp_path, written, measure):
    ok(planned, make(tmp_path, [[1, 18, written, "推进中", "进展", None, None, None]]))
    assert [e["assignment_id"] for e in entries(planned)] == [assignment_id(planned, 18, NDRC, measure)]


@pytest.mark.parametrize("written", ["推进电网改造和光伏发电", "做好相关工作", "电", None])
def test_ambiguous_work_is_an_error_naming_the_candidates(planned, tmp_path, written):
    f = one(planned, make(tmp_path, [list(ROWS[2]), [2, 18, written, "推进中", "进展", None, None, None]]))
    assert f.outcome == "refused" and entries(planned) == []
    (e,) = f.errors
    assert (e.sheet, e.row) == ("Sheet1", 6) and e.column in ("B", "C")
    assert all(m[:20] in e.message for m in (M_SOLAR, M_GAS, M_GRID))


def test_no_work_column_with_several_assignments_names_them(planned, tmp_path):
    header = ["序号", "任务编号", "完成状态", "进展情况"]
    f = one(planned, make(tmp_path, [[1, 18, "推进中", "进展"]], header=header))
    assert f.outcome == "refused"
    (e,) = f.errors
    assert (e.row, e.column) == (5, "B") and "具体工作" in e.message and M_GAS[:20] in e.message


def test_bad_status_names_the_five_statuses_first_with_the_column(planned, tmp_path, capsys):
    path = make(tmp_path, [*ROWS, [4, 18, M_GRID, "基本完成", "进展", None, None, None]])
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", path, "--json")
    assert code == 1
    (e,) = data["files"][0]["errors"]
    assert (e["sheet"], e["row"], e["column"]) == ("Sheet1", 8, "D")
    assert "基本完成" in e["message"]
    assert "完成状态应为：未启动、推进中、滞后、已完成、长期坚持之一" in e["message"]
    assert "序时推进" not in e["message"]  # not the ~20 synonyms: a few examples at most
    assert "第8行" in err and "D列" in err
    assert entries(planned) == []


@pytest.mark.parametrize("task,expected", [(40, "任务编号 40 不存在"), ("第35项", "不存在"),
                                           (25, "“区发展改革委”在第25项任务上没有分工")])
def test_unknown_task_and_task_without_an_assignment_are_errors(planned, tmp_path, task, expected):
    f = one(planned, make(tmp_path, [*ROWS, [4, task, "某项工作", "推进中", "进展", None, None, None]]))
    assert f.outcome == "refused" and entries(planned) == []
    (e,) = f.errors
    assert (e.sheet, e.row, e.column) == ("Sheet1", 8, "B") and expected in e.message


def test_unreadable_task_number_is_an_error(planned, tmp_path):
    f = one(planned, make(tmp_path, [*ROWS, ["4", "能源", "某项工作", "推进中", "进展", None, None, None]]))
    assert f.outcome == "refused"
    (e,) = f.errors
    assert (e.row, e.column) == (8, "B") and "能源" in e.message


def test_the_same_assignment_twice_in_one_file_is_an_error(planned, tmp_path):
    f = one(planned, make(tmp_path, [*ROWS, [4, 18, "光伏发电", "推进中", "又一行", None, None, None]]))
    assert f.outcome == "refused"
    (e,) = f.errors
    assert e.row == 8 and "第5行" in e.message


def test_blank_note_and_serial_only_rows_are_skipped(planned, tmp_path):
    rows = [
        ROWS[0],
        [None] * 8,
        [2, None, None, None, None, None, None, None],
        [3, 18, None, None, None, None, None, None],
        ROWS[1],
        ["注：完成状态请填写未启动、推进中、滞后、已完成、长期坚持之一。"] + [None] * 7,
        ["备注：本表由办公室汇总。"] + [None] * 7,
        [None, "说明：以上数据截至3月底"] + [None] * 6,
    ]
    f = ok(planned, make(tmp_path, rows))
    assert f.rows == 2 and f.warnings == []


def test_a_cooperating_unit_reports_on_its_own_assignment(planned, tmp_path):
    rows = [[1, 18, "光伏", "推进中", "配合做好并网服务。", None, None, None]]
    f = ok(planned, make(tmp_path, rows, unit="区经信委", name="经信委.xlsx"))
    assert f.department == "区经济信息委"
    assert [e["assignment_id"] for e in entries(planned)] == [assignment_id(planned, 18, "区经济信息委", M_SOLAR)]


# --- status left out -----------------------------------------------------------------------------


def test_without_a_status_column_the_current_status_is_kept_with_a_warning(planned, tmp_path):
    header = ["序号", "任务编号", "具体工作", "进展情况", "存在问题"]
    f = ok(planned, make(tmp_path, [[1, 18, "光伏", "进展一", None], [2, 12, None, "进展二", None]], header=header))
    assert f.rows == 2
    assert [e["status"] for e in entries(planned)] == ["未启动", "未启动"]
    (w,) = f.warnings
    assert "完成状态" in w.message and w.sheet == "Sheet1"


def test_an_empty_status_cell_keeps_the_current_status_with_a_warning(planned, tmp_path):
    first = make(tmp_path, [[1, 18, "光伏", "滞后", "进展一", None, None, None]], period="2023年第一季度")
    ok(planned, first)
    second = make(tmp_path, [[1, 18, "光伏", None, "进展二", None, None, None]], name="发改委二季度.xlsx",
                  period="2023年第二季度")
    f = ok(planned, second)
    (w,) = f.warnings
    assert (w.row, w.column) == (5, "D") and "滞后" in w.message
    assert [(e["period"], e["status"]) for e in entries(planned)] == [("2023Q1", "滞后"), ("2023Q2", "滞后")]


# --- batches --------------------------------------------------------------------------------------


def test_a_file_with_one_bad_row_imports_nothing_while_the_others_import(planned, tmp_path, capsys):
    good = make(tmp_path, name="区发展改革委_2023Q1.xlsx")
    bad = make(tmp_path, [[1, 5, None, "推进中", "进展", None, None, None], [2, 7, None, "基本完成", "进展", None, None,
                                                                             None]],
               unit="区农委", name="区农业农村委_2023Q1.xlsx")
    other = make(tmp_path, [[1, 25, None, "推进中", "进展", None, None, None]], unit="区住建委",
                 name="区住房城乡建委_2023Q1.xlsx")
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", TODAY, "import-returns", good, bad, other,
                               "--json")
    assert code == 1
    outcomes = {f["path"].rsplit("/", 1)[-1]: (f["outcome"], f["rows"]) for f in data["files"]}
    assert outcomes == {"区发展改革委_2023Q1.xlsx": ("imported", 3), "区农业农村委_2023Q1.xlsx": ("refused", 1),
                        "区住房城乡建委_2023Q1.xlsx": ("imported", 1)}
    farm = {a["id"] for a in assignments(planned) if a["unit"] == "区农业农村委"}
    assert not [e for e in entries(planned) if e["assignment_id"] in farm]
    assert len(entries(planned)) == 4
    assert "合计：" in err and "未导入 1 个文件" in err and "已导入 2 个文件" in err


def test_a_folder_of_files(planned, tmp_path, capsys):
    folder = tmp_path / "报送"
    folder.mkdir()
    make(folder, name="区发展改革委_2023Q1.xlsx")
    make(folder, [[1, 25, None, "推进中", "进展", None, None, None]], unit="区住建委", name="区住建委.csv", fmt="gb18030")
    make(folder, [[1, 5, None, "推进中", "进展", None, None, None]], unit="区农委", name="区农委.xls", fmt="xls")
    (folder / "~$区发展改革委_2023Q1.xlsx").write_bytes(b"lock")
    (folder / "说明.txt").write_text("请于4月10日前报送", encoding="utf-8")
    (folder / "通知.docx").write_bytes(b"PK")
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", folder, "--json")
    assert code == 0, err
    assert sorted((f["path"].rsplit("/", 1)[-1], f["outcome"]) for f in data["files"]) == [
        ("区住建委.csv", "imported"), ("区农委.xls", "imported"), ("区发展改革委_2023Q1.xlsx", "imported")]
    assert len(entries(planned)) == 5


def test_an_empty_folder(planned, tmp_path, capsys):
    (tmp_path / "空").mkdir()
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", tmp_path / "空", "--json")
    assert code == 0 and data == {"files": [], "skipped": []} and "没有找到可导入的进展情况表" in err


def test_a_path_that_does_not_exist_is_bad_usage(planned, tmp_path, capsys):
    code, _, err = run(capsys, "--db", planned.sqlite_path, "import-returns", tmp_path / "nope.xlsx")
    assert code == 2 and "找不到" in err


def test_a_duplicate_file_changes_nothing(planned, tmp_path, capsys):
    path = make(tmp_path)
    assert run(capsys, "--db", planned.sqlite_path, "import-returns", path)[0] == 0
    before = dump(planned)
    copy = tmp_path / "copy" / "重发_区发展改革委.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", path, copy, "--json")
    assert code == 0
    assert [f["outcome"] for f in data["files"]] == ["duplicate", "duplicate"]
    assert "重复" in err
    assert dump(planned) == before


def test_the_same_file_twice_in_one_batch_imports_once(planned, tmp_path, capsys):
    path = make(tmp_path)
    copy = tmp_path / "重发.xlsx"
    copy.write_bytes(path.read_bytes())
    code, data, _ = run_json(capsys, "--db", planned.sqlite_path, "import-returns", path, copy, "--json")
    assert code == 0 and [f["outcome"] for f in data["files"]] == ["imported", "duplicate"]
    assert len(entries(planned)) == 3


def test_dry_run_writes_nothing(planned, tmp_path, capsys):
    path = make(tmp_path)
    before = dump(planned)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", path, "--dry-run", "--json")
    assert code == 0
    (f,) = data["files"]
    assert (f["outcome"], f["department"], f["period"], f["rows"]) == ("dry-run", NDRC, "2023Q1", 3)
    assert "预览" in err
    assert dump(planned) == before
    # a dry run still refuses a bad file with its errors, and writes nothing
    bad = make(tmp_path, [[1, 40, None, "推进中", "进展", None, None, None]], name="bad_区发改委_2023Q1.xlsx")
    code, data, _ = run_json(capsys, "--db", planned.sqlite_path, "import-returns", bad, "--dry-run", "--json")
    assert code == 1 and data["files"][0]["outcome"] == "refused"
    assert dump(planned) == before


def test_every_row_error_names_sheet_row_and_column(planned, tmp_path):
    rows = [
        [1, 40, None, "推进中", "进展", None, None, None],
        [2, 25, None, "推进中", "进展", None, None, None],
        [3, "能源", None, "推进中", "进展", None, None, None],
        [4, 18, "做好相关工作", "推进中", "进展", None, None, None],
        [5, 12, None, "差不多", "进展", None, None, None],
        [6, None, None, "推进中", "只有进展没有编号", None, None, None],
    ]
    f = one(planned, make(tmp_path, rows))
    assert f.outcome == "refused" and len(f.errors) == len(rows)
    for e, row in zip(f.errors, range(5, 11), strict=True):
        assert (e.sheet, e.row) == ("Sheet1", row) and e.column in ("B", "C", "D"), str(e)
        assert "请" in e.message, e.message  # and says what to do


def test_a_second_return_sheet_in_the_file_is_named_not_lost(planned, tmp_path):
    grid, merges = free_return(ROWS)
    other, _ = free_return([[1, 25, None, "推进中", "进展", None, None, None]], unit="区住建委")
    path = write_xlsx(tmp_path / "区发展改革委_2023Q1.xlsx", grid, merges=merges,
                      extra_sheets={"住建委": other, "填表说明": [["请于4月10日前报送"]]})
    f = ok(planned, path)
    assert f.rows == 3
    (w,) = f.warnings
    assert w.sheet == "住建委" and "只导入了“Sheet1”" in w.message


def test_a_town_reports_its_share_of_a_collective_assignment(planned, tmp_path):
    """Task 5 went to 各乡镇（街道）: 东城街道, a member, reports its share; the collective itself
    cannot send a return; a town taken off the members is told why its row has nowhere to go."""
    row = [[1, 5, None, "推进中", "推广稻渔综合种养。", None, None, None]]
    f = one(planned, make(tmp_path, row, unit="东城街道", name="东城街道.xlsx"))
    assert f.outcome == "imported", [str(p) for p in f.errors]
    (shared,) = [a for a in assignments(planned, shares=True) if a["unit"] == "东城街道"]
    assert [(e["assignment_id"], e["progress"]) for e in entries(planned)] == [(shared["id"], "推广稻渔综合种养。")]

    f = one(planned, make(tmp_path, row, unit="各乡镇（街道）", name="各乡镇.xlsx"))
    assert f.outcome == "refused"
    (e,) = f.errors
    assert "集合名称" in e.message and "各成员单位" in e.message

    from greentasks.services.collectives import members_of, set_members
    from greentasks.services.directory import DirectoryIndex

    with planned.reading() as s:
        index = DirectoryIndex(s)
        towns, west = index.resolve("各乡镇（街道）").id, index.resolve("西城街道").id
        members = [m for m in members_of(s, towns) if m != west]
    set_members(planned, towns, members)
    f = one(planned, make(tmp_path, row, unit="西城街道", name="西城街道.xlsx"))
    assert f.outcome == "refused"
    (e,) = f.errors
    assert "“西城街道”在第5项任务上没有分工" in e.message and "本单位不在其成员中" in e.message
    assert "各乡镇（街道）" in e.message


def test_the_samples_shape_with_reporter_beside_the_unit(planned, tmp_path, capsys):
    """As sample_区农业农村委_2023Q2_进展情况.xlsx: 填报单位, 填报人 and 报送期 on one row, no 具体工作,
    a blank row and a 注： row under the table."""
    grid = [
        ["重点任务进展情况表"] + [None] * 6,
        ["填报单位：区农业农村委", None, "填报人：王五", None, "报送期：2023年第二季度", None, None],
        ["序号", "任务编号", "完成状态", "进展情况", "存在问题", "下步计划", "备注"],
        [1, 5, "推进中", "推广稻渔综合种养1.2万亩。", "技术人员不足", "开展培训"],
        [2, 7, "长期坚持", "新建高标准农田1万亩。", None, "继续推进"],
        [],
        ["注：完成状态请填写未启动、推进中、滞后、已完成、长期坚持之一。"],
    ]
    path = write_xlsx(tmp_path / "sample_区农业农村委_2023Q2_进展情况.xlsx", grid, merges=["A1:G1"])
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", path, "--json")
    assert code == 0, err
    (f,) = data["files"]
    assert (f["outcome"], f["department"], f["period"], f["rows"]) == ("imported", "区农业农村委", "2023Q2", 2)
    got = {(e["status"], e["reporter"], e["period"]) for e in entries(planned)}
    assert got == {("推进中", "王五", "2023Q2"), ("长期坚持", "王五", "2023Q2")}


def test_an_unreadable_report_date_is_a_located_warning(planned, tmp_path):
    f = ok(planned, make(tmp_path, reported_on="4月6日"))
    (w,) = f.warnings
    assert (w.sheet, w.row, w.column) == ("Sheet1", 3, "F") and "4月6日" in w.message
    assert {e["reported_on"] for e in entries(planned)} == {None}
