"""Return templates (进展情况表, docs/excel.md#template): what is written, and a filled, re-sorted template
coming back in (matched by the hidden ids)."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from greentasks.excel.templates import template_file_name
from greentasks.services.returns_import import import_returns

from ._books import M_AIR, M_GAS, M_GRID, M_SOLAR, free_return, write_csv
from ._util import assignment_id, assignments, entries, run, run_json

TODAY = "2023-04-10"
STATUSES = ["未启动", "推进中", "滞后", "已完成", "长期坚持"]
NDRC = "区发展改革委"


def export(capsys, db, outdir: Path, *extra: str, period: str = "2023Q1") -> list[Path]:
    code, out, err = run(capsys, "--db", db.sqlite_path, "--today", TODAY, "export-templates", outdir,
                         "--period", period, *extra)
    assert code == 0, err
    return [Path(line) for line in out.splitlines() if line.strip()]


def test_export_for_every_unit_and_for_one(planned, tmp_path, capsys):
    files = export(capsys, planned, tmp_path / "all")
    from greentasks.resources import load_json

    towns = [u["name"] for u in load_json("directory.json") if u["category"] == "乡镇街道"]
    # 各乡镇（街道） is a collective name: no template of its own; each of its 34 towns gets its share
    assert len(towns) == 34
    assert sorted(p.name for p in files) == sorted(
        f"2023Q1_{u}_进展情况表.xlsx" for u in ("区农业农村委", "区规划自然资源局", "区生态环境局", NDRC, "区经济信息委",
                                           "区住房城乡建委", *towns))
    assert all(p.exists() for p in files)
    town = openpyxl.load_workbook(next(p for p in files if "东城街道" in p.name))["进展情况"]
    assert town["D5"].value.endswith("（各乡镇（街道）共同任务）") and town["B5"].value == 5 and town["D6"].value is None
    (one,) = export(capsys, planned, tmp_path / "one", "--department", "发改委")
    assert one.name == "2023Q1_区发展改革委_进展情况表.xlsx"
    # the period in any written form
    code, out, _ = run(capsys, "--db", planned.sqlite_path, "export-templates", tmp_path / "q", "--period",
                       "2023年第一季度", "--department", "区农委")
    assert code == 0 and Path(out.strip()).name == "2023Q1_区农业农村委_进展情况表.xlsx"


def test_export_refusals(planned, tmp_path, capsys):
    code, _, err = run(capsys, "--db", planned.sqlite_path, "export-templates", tmp_path, "--period", "第一季度")
    assert code == 2 and "报送期“第一季度”无法识别" in err
    code, _, err = run(capsys, "--db", planned.sqlite_path, "export-templates", tmp_path, "--period", "2023Q1",
                       "--department", "区发改局")
    assert code == 2 and "不在单位通讯录中" in err and "区发展改革委" in err
    code, _, err = run(capsys, "--db", planned.sqlite_path, "export-templates", tmp_path, "--period", "2023Q1",
                       "--department", "区财政局")
    assert code == 2 and "没有任何分工" in err
    code, _, err = run(capsys, "--db", planned.sqlite_path, "export-templates", tmp_path, "--period", "2023Q1",
                       "--department", "各乡镇（街道）")
    assert code == 2 and "集合名称" in err


def test_file_name_is_safe_for_windows():
    from greentasks.domain.periods import parse_period

    assert template_file_name(parse_period("2023-03"), "区发展改革委") == "2023-03_区发展改革委_进展情况表.xlsx"
    assert template_file_name(parse_period("2023H1"), 'A/B:C*"D"') == "2023H1_A_B_C_D__进展情况表.xlsx"


def test_template_layout_protection_validation_ids_meta_and_print_setup(planned, tmp_path, capsys):
    (path,) = export(capsys, planned, tmp_path, "--department", NDRC)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["进展情况", "_meta"]
    ws = wb["进展情况"]
    assert wb.active.title == "进展情况"
    # title, period and unit rows
    assert ws["A1"].value.endswith("重点任务进展情况表") and "A1:K1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "报送期：2023年第一季度"
    assert ws["F2"].value == f"填报单位：{NDRC}"
    assert (ws["A3"].value, ws["F3"].value, ws["I3"].value) == ("填报人：", "联系电话：", "填报日期：")
    header = [ws.cell(4, c).value for c in range(1, 13)]
    assert header == ["序号", "任务编号", "重点任务", "具体工作", "责任类型", "完成时限", "完成状态", "进展情况", "存在问题",
                      "下步计划", "备注", "分工编号"]
    mine = {a["id"]: a for a in assignments(planned) if a["unit"] == NDRC}
    data_rows = range(5, 5 + len(mine))
    assert [ws.cell(r, 12).value for r in data_rows] == sorted(mine, key=lambda i: (mine[i]["task"], i))
    for r in data_rows:
        a = mine[ws.cell(r, 12).value]
        assert (ws.cell(r, 2).value, ws.cell(r, 4).value, ws.cell(r, 5).value, ws.cell(r, 6).value,
                ws.cell(r, 7).value) == (a["task"], a["measure"], a["role"], a["deadline_text"], "未启动")
    note = ws.cell(data_rows[-1] + 2, 1).value
    assert note.startswith("填表说明") and "撤销工作表保护" in note  # Excel sorts no range holding locked cells
    # protected without a password; only G–K of the data rows and the three row-3 values unlocked
    assert ws.protection.sheet is True and not ws.protection.password
    editable = {(r, c) for r in data_rows for c in range(7, 12)} | {(3, 3), (3, 8), (3, 10)}
    merged_value_cells = {(3, 4), (3, 5)}  # covered by the merged 填报人 value C3:E3
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 3, max_col=14):
        for cell in row:
            key = (cell.row, cell.column)
            if key in merged_value_cells:
                continue
            assert cell.protection.locked is (key not in editable), cell.coordinate
    # the status drop-down
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"' + ",".join(STATUSES) + '"'
    assert str(dv.sqref) == f"G5:G{data_rows[-1]}"
    assert dv.showErrorMessage
    # hidden id column and hidden _meta
    assert ws.column_dimensions["L"].hidden is True
    meta = wb["_meta"]
    assert meta.sheet_state == "hidden"
    values = {k: v for k, v in meta.values}
    assert values["template_version"] == "1" and values["doc_no"] == "南川府发〔2022〕34号"
    assert values["department"] == NDRC and values["period"] == "2023Q1"
    # print: A4 landscape, one page wide, header row repeated
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$4:$4"
    assert ws["D5"].font.name in ("仿宋", "宋体") and ws["D4"].font.name in ("仿宋", "宋体", "黑体")
    assert ws["D5"].border.left.style == "thin"


def _formula_free(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://example.com","点击")', "+86-023-7142", "-1+2", "@SUM(A1:A9)",
                                  "=1+1"])
def test_user_text_starting_like_a_formula_stays_literal(planned, tmp_path, capsys, text):
    grid, _ = free_return([[1, 18, M_SOLAR, "推进中", text, text, text, text]], unit=NDRC)
    path = write_csv(tmp_path / "区发展改革委_2023Q1_进展.csv", grid)
    report = import_returns(planned, [path])
    assert report.files[0].outcome == "imported", [str(p) for p in report.files[0].errors]
    assert entries(planned)[0]["progress"] == text
    # The next period's template starts from what the unit reported (docs/periods.md#as-of).
    (template,) = export(capsys, planned, tmp_path / "t", "--department", NDRC, period="2023Q2")
    ws = openpyxl.load_workbook(template)["进展情况"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 4).value == M_SOLAR)
    for col in (8, 9, 10):
        assert ws.cell(row, col).value == text and ws.cell(row, col).data_type == "s"
    assert _formula_free(template) == []
    ledger = tmp_path / "总台账.xlsx"
    code, _, err = run(capsys, "--db", planned.sqlite_path, "--today", TODAY, "export-ledger", ledger)
    assert code == 0, err
    lw = openpyxl.load_workbook(ledger)["总台账"]
    cells = [c for row in lw.iter_rows() for c in row if isinstance(c.value, str) and text in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert _formula_free(ledger) == []


# --- a filled template comes back --------------------------------------------------------------------

FILL = {  # measure -> (status as the unit writes it, canonical, progress)
    M_SOLAR: ("序时推进", "推进中", "已完成光伏项目备案3个，装机1.2万千瓦。"),
    M_GAS: ("已办结", "已完成", "城区天然气管网改造全部完工。"),
    M_GRID: ("进度滞后", "滞后", "配合区经信委开展农网改造，受资金影响进度滞后。"),
    M_AIR: ("长期", "长期坚持", "配合开展大气污染治理执法检查。"),
}


def fill_template(src: Path, dst: Path, *, fill=FILL, reverse: bool = True, reporter="李四",
                  phone="023-71420000", reported_on: object = dt.date(2023, 4, 6), suffix: str = "") -> Path:
    """What a unit does: fill the status and texts, its name, phone and date, sort the rows, save."""
    wb = openpyxl.load_workbook(src)
    ws = wb["进展情况"]
    rows = [r for r in range(5, ws.max_row + 1) if isinstance(ws.cell(r, 12).value, int)]
    for r in rows:
        status, _, progress = fill[ws.cell(r, 4).value]
        ws.cell(r, 7).value = status
        ws.cell(r, 8).value = progress + suffix
        ws.cell(r, 9).value = "资金紧张" if status == "进度滞后" else None
        ws.cell(r, 10).value = "继续推进"
    ws["C3"], ws["H3"], ws["J3"] = reporter, phone, reported_on
    if reverse:
        values = [[ws.cell(r, c).value for c in range(1, 13)] for r in rows]
        for r, row in zip(rows, reversed(values), strict=True):
            for c, v in enumerate(row, start=1):
                ws.cell(r, c).value = v
    wb.save(dst)
    return dst


def test_filled_and_sorted_template_is_matched_by_hidden_ids(planned, tmp_path, capsys):
    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    (tmp_path / "in").mkdir()
    returned = fill_template(template, tmp_path / "in" / template.name)
    first_ids = [openpyxl.load_workbook(returned)["进展情况"].cell(r, 12).value for r in (5, 6, 7, 8)]
    assert first_ids == sorted(first_ids, reverse=True)  # the unit really re-sorted the rows
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", TODAY, "import-returns", returned,
                               "--json")
    assert code == 0, err
    (f,) = data["files"]
    assert (f["outcome"], f["department"], f["period"], f["rows"], f["errors"]) == ("imported", NDRC, "2023Q1", 4, [])
    got = {e["assignment_id"]: e for e in entries(planned)}
    for measure, (_, canonical, progress) in FILL.items():
        e = got[assignment_id(planned, 18 if measure != M_AIR else 12, NDRC, measure)]
        assert (e["status"], e["progress"], e["period"]) == (canonical, progress, "2023Q1")
        assert (e["reporter"], e["phone"], e["reported_on"]) == ("李四", "023-71420000", dt.date(2023, 4, 6))
    status = {a["measure"]: a["status"] for a in assignments(planned) if a["unit"] == NDRC}
    assert status == {m: v[1] for m, v in FILL.items()}


def test_template_with_text_date_and_without_the_hidden_parts_still_imports(planned, tmp_path, capsys):
    """A unit that pasted the rows into a new workbook: no _meta, no id column, date typed as text."""
    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    filled = fill_template(template, tmp_path / "filled.xlsx", reported_on="2023年4月7日")
    wb = openpyxl.load_workbook(filled)
    del wb["_meta"]
    wb["进展情况"].delete_cols(12)
    plain = tmp_path / "2023Q1_区发展改革委_进展情况表(1).xlsx"
    wb.save(plain)
    report = import_returns(planned, [plain])
    (f,) = report.files
    assert f.outcome == "imported", [str(p) for p in f.errors]
    assert (f.department, f.period, f.rows) == (NDRC, "2023Q1", 4)
    got = {e["assignment_id"]: e for e in entries(planned)}
    assert got[assignment_id(planned, 18, NDRC, M_GAS)]["status"] == "已完成"
    assert got[assignment_id(planned, 18, NDRC, M_GRID)]["status"] == "滞后"
    assert {e["reported_on"] for e in got.values()} == {dt.date(2023, 4, 7)}


def test_a_newer_return_supersedes_the_older_and_both_stay_in_history(planned, tmp_path, capsys):
    from greentasks.services.history import assignment_history

    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    older = fill_template(template, tmp_path / "a" / template.name, reported_on=dt.date(2023, 4, 3))
    newer = fill_template(template, tmp_path / "b" / template.name, reported_on=dt.date(2023, 4, 8), suffix="（更正）")
    # given newest first in one batch: the older is still applied first, so the newer wins
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", TODAY, "import-returns", newer, older,
                               "--json")
    assert code == 0, err
    assert [f["outcome"] for f in data["files"]] == ["imported", "imported"]
    solar = assignment_id(planned, 18, NDRC, M_SOLAR)
    mine = [e for e in entries(planned) if e["assignment_id"] == solar]
    assert [(e["reported_on"], e["superseded"]) for e in mine] == [(dt.date(2023, 4, 3), True),
                                                                    (dt.date(2023, 4, 8), False)]
    with planned.reading() as s:
        history = assignment_history(s, solar)
    assert [(e["superseded"], e["progress"].endswith("（更正）")) for e in history["entries"]] == [(True, False),
                                                                                               (False, True)]
    code, out, _ = run(capsys, "--db", planned.sqlite_path, "--today", TODAY, "list", "--department", NDRC, "--json")
    latest = {r["measure"]: r["latest_progress"] for r in json.loads(out)}
    assert latest[M_SOLAR].endswith("（更正）")
    # a third, later file on its own supersedes the second
    third = fill_template(template, tmp_path / "third.xlsx", reported_on=dt.date(2023, 4, 9), suffix="（再更正）")
    assert import_returns(planned, [third]).files[0].outcome == "imported"
    mine = [e for e in entries(planned) if e["assignment_id"] == solar]
    assert [e["superseded"] for e in mine] == [True, True, False]


def test_row_copied_from_another_units_template_is_an_error(planned, tmp_path, capsys):
    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    filled = fill_template(template, tmp_path / "filled.xlsx", reverse=False)
    wb = openpyxl.load_workbook(filled)
    ws = wb["进展情况"]
    ws.cell(5, 12).value = assignment_id(planned, 25, "区住房城乡建委")
    wb.save(filled)
    report = import_returns(planned, [filled])
    (f,) = report.files
    assert f.outcome == "refused" and entries(planned) == []
    (e,) = f.errors
    assert (e.sheet, e.row, e.column) == ("进展情况", 5, "L")
    assert "区住房城乡建委" in e.message and NDRC in e.message


def test_template_status_outside_the_drop_down_is_an_error_with_the_column(planned, tmp_path, capsys):
    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    filled = fill_template(template, tmp_path / "filled.xlsx", reverse=False)
    wb = openpyxl.load_workbook(filled)
    wb["进展情况"].cell(6, 7).value = "基本完成"
    wb.save(filled)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", filled, "--json")
    assert code == 1
    (e,) = data["files"][0]["errors"]
    assert (e["sheet"], e["row"], e["column"]) == ("进展情况", 6, "G")
    assert "基本完成" in e["message"] and all(s in e["message"] for s in STATUSES)
    assert entries(planned) == []


def test_template_of_another_plan_is_refused(planned, tmp_path, capsys):
    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    filled = fill_template(template, tmp_path / "filled.xlsx")
    wb = openpyxl.load_workbook(filled)
    meta = wb["_meta"]
    for row in meta.iter_rows():
        if row[0].value == "doc_no":
            row[1].value = "南川府发〔2021〕1号"
    wb.save(filled)
    (f,) = import_returns(planned, [filled]).files
    assert f.outcome == "refused" and "南川府发〔2021〕1号" in f.errors[0].message


def test_no_formula_anywhere_in_a_template(planned, tmp_path, capsys):
    files = export(capsys, planned, tmp_path)
    assert files and all(_formula_free(p) == [] for p in files)
    for p in files:
        with zipfile.ZipFile(p) as z:
            assert not re.search(rb"<f[ >]", b"".join(z.read(n) for n in z.namelist() if n.endswith(".xml")))


def test_control_characters_from_word_do_not_break_exports(planned, tmp_path, capsys):
    """A manual line break pasted from Word is U+000B, which .xlsx cannot hold."""
    text = "第一段\x0b第二段\x07"
    grid, _ = free_return([[1, 18, M_SOLAR, "推进中", text, "问题\x0c二", None, None]], unit=NDRC)
    assert import_returns(planned, [write_csv(tmp_path / "区发展改革委_2023Q1.csv", grid)]).files[0].outcome == \
        "imported"
    assert entries(planned)[0]["progress"] == "第一段\n第二段"
    # text that reached the database another way is made writable on export
    from greentasks.models import ProgressEntry

    with planned.writing() as s:
        s.query(ProgressEntry).update({"progress": "旧数据\x0b含控制字符\x01"})
    (template,) = export(capsys, planned, tmp_path / "t", "--department", NDRC, period="2023Q2")
    ws = openpyxl.load_workbook(template)["进展情况"]
    assert "旧数据\n含控制字符" in [ws.cell(r, 8).value for r in range(5, 9)]
    code, _, err = run(capsys, "--db", planned.sqlite_path, "--today", TODAY, "export-ledger", tmp_path / "台账.xlsx")
    assert code == 0, err


def test_an_unfilled_template_sent_back_is_refused(planned, tmp_path, capsys):
    """Importing the blank template by mistake would mark the unit as having reported."""
    (template,) = export(capsys, planned, tmp_path / "out", "--department", NDRC)
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", TODAY, "import-returns", template, "--json")
    assert code == 1
    (e,) = data["files"][0]["errors"]
    assert "还没有填写" in e["message"] and e["sheet"] == "进展情况"
    assert entries(planned) == []
    # one filled cell is enough, and so is the reporter's name on an otherwise unchanged template
    wb = openpyxl.load_workbook(template)
    wb["进展情况"]["C3"] = "李四"
    wb.save(tmp_path / "unchanged_but_signed.xlsx")
    (f,) = import_returns(planned, [tmp_path / "unchanged_but_signed.xlsx"]).files
    assert f.outcome == "imported" and f.rows == 4
    # the next period's template, pre-filled with these texts, sent back untouched: refused too
    code, out, _ = run(capsys, "--db", planned.sqlite_path, "export-templates", tmp_path / "q2", "--period", "2023Q2",
                       "--department", NDRC)
    (f,) = import_returns(planned, [Path(out.strip())]).files
    assert f.outcome == "refused" and "还没有填写" in f.errors[0].message
