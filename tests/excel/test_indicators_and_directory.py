"""The indicators sheet (docs/excel.md#indicators) and the unit directory (docs/excel.md#directory): export, fill, import."""

from __future__ import annotations

import openpyxl
import pytest

from greentasks.excel.indicators_sheet import HEADERS as INDICATOR_HEADERS
from greentasks.services.directory_io import import_directory_file
from greentasks.services.indicators_import import import_indicators

from ._books import write_csv, write_xlsx
from ._util import dump, dump_without, run, run_json

# --- indicators ------------------------------------------------------------------------------------


def _values(capsys, db) -> dict[int, dict]:
    code, data, _ = run_json(capsys, "--db", db.sqlite_path, "indicators", "--json")
    assert code == 0
    return {i["no"]: i["values"] for i in data}


def _export_indicators(capsys, db, tmp_path):
    out = tmp_path / "指标.xlsx"
    code, _, err = run(capsys, "--db", db.sqlite_path, "export-indicators", out)
    assert code == 0 and "已导出指标表" in err
    return out


def test_indicators_export_fill_import(office, tmp_path, capsys):
    out = _export_indicators(capsys, office, tmp_path)
    wb = openpyxl.load_workbook(out)
    ws = wb["指标"]
    assert [c.value for c in ws[1]] == INDICATOR_HEADERS
    assert INDICATOR_HEADERS[5:10] == ["2021年", "2022年", "2023年", "2024年", "2025年"]
    assert [ws.cell(r, 2).value for r in range(2, ws.max_row + 1)] == list(range(1, 19))
    assert all(ws.cell(r, 3).value for r in range(2, 20))
    # the office fills some yearly values
    ws["G2"], ws["H2"] = 30.5, "32%"      # indicator 1: 2022, 2023
    ws["H5"] = "1,234.5"                  # indicator 4: 2023, with a thousands separator
    ws["F7"] = 12                         # indicator 6: 2021
    ws["I7"] = "—"                        # "no data": like an empty cell
    filled = tmp_path / "指标（已填）.xlsx"
    wb.save(filled)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-indicators", filled, "--json")
    assert code == 0, err
    assert data["files"][0]["outcome"] == "imported" and "已记录 4 个数值" in err
    values = _values(capsys, office)
    assert values[1] == {"2022": 30.5, "2023": 32} and values[4] == {"2023": 1234.5} and values[6] == {"2021": 12}
    assert all(values[n] == {} for n in values if n not in (1, 4, 6))
    # exported again, the values and the progress column are there
    again = openpyxl.load_workbook(_export_indicators(capsys, office, tmp_path))["指标"]
    assert (again["G2"].value, again["H2"].value, again["F7"].value) == (30.5, 32, 12)


def test_indicator_empty_cells_change_nothing(office, tmp_path, capsys):
    out = _export_indicators(capsys, office, tmp_path)
    wb = openpyxl.load_workbook(out)
    wb["指标"]["G2"] = 30
    wb.save(out)
    assert import_indicators(office, out).outcome == "imported"
    before = dump_without(office, "import_batches", "change_log")
    (tmp_path / "again").mkdir()
    blank = _export_indicators(capsys, office, tmp_path / "again")
    wb = openpyxl.load_workbook(blank)
    wb["指标"]["G2"] = None  # the value cleared in the file: the database keeps it
    wb["指标"]["H2"] = 31
    wb.save(blank)
    outcome = import_indicators(office, blank)
    assert outcome.outcome == "imported" and len(outcome.changes) == 1
    assert _values(capsys, office)[1] == {"2022": 30, "2023": 31}
    assert before != dump_without(office, "import_batches", "change_log")
    # the very same values again: nothing changes
    unchanged = dump(office)
    outcome = import_indicators(office, blank)
    assert outcome.outcome == "imported" and outcome.changes == []
    assert dump(office) == unchanged


@pytest.mark.parametrize("cell,value", [("G3", "约30"), ("H10", "三十"), ("J19", "待统计")])
def test_non_numeric_indicator_value_is_an_error_with_its_place(office, tmp_path, capsys, cell, value):
    out = _export_indicators(capsys, office, tmp_path)
    wb = openpyxl.load_workbook(out)
    wb["指标"]["G2"] = 30
    wb["指标"][cell] = value
    wb.save(out)
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-indicators", out, "--json")
    assert code == 1
    (e,) = data["files"][0]["errors"]
    assert (e["sheet"], e["row"], e["column"]) == ("指标", int(cell[1:]), cell[0])
    assert value in e["message"] and "不是数值" in e["message"]
    assert dump(office) == before


def test_indicator_rows_found_by_name_or_text_serial_never_dropped(office, tmp_path):
    rows = [["序号", "指标名称", "2022年度", "2023年实际"],
            ["（1）", None, 11, None],
            [None, "__NAME__", None, 22],
            ["说明：数据来源于统计年鉴", None, None, None],
            ["二", "绿色生活体系", None, None],
            ["99", None, 5, None]]
    from greentasks.services.catalog import indicator_list

    with office.reading() as s:
        rows[2][1] = indicator_list(s)[2]["name"]
    outcome = import_indicators(office, write_xlsx(tmp_path / "指标.xlsx", rows))
    assert outcome.outcome == "refused"
    (e,) = outcome.errors
    assert (e.row, e.column) == (6, "A") and "99" in e.message
    del rows[5]
    outcome = import_indicators(office, write_csv(tmp_path / "指标.csv", rows, encoding="gb18030"))
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    with office.reading() as s:
        values = {i["no"]: i["values"] for i in indicator_list(s)}
    assert values[1] == {"2022": 11} and values[3] == {"2023": 22}


def test_indicator_years_under_a_merged_group_header(office, tmp_path):
    rows = [["序号", "指标", "年度完成值", None, None],
            [None, None, 2021, 2022, 2023],
            [2, None, 1.5, 2.5, None]]
    path = write_xlsx(tmp_path / "指标.xlsx", rows, merges=["A1:A2", "B1:B2", "C1:E1"])
    outcome = import_indicators(office, path)
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    assert {(c.period, c.fields[0][2]) for c in outcome.changes} == {("2021", "1.5"), ("2022", "2.5")}


# float() reads these, so the import once recorded nan, inf, 1000, 1000 and 15; typed by hand
# they were refused (or, for 1,5, read as 15 too). One rule now refuses them both ways.
@pytest.mark.parametrize("text", ["nan", "inf", "1e3", "1_000", "1,5", "%"])
def test_indicator_import_refuses_what_a_typed_entry_refuses(office, tmp_path, text):
    from greentasks.errors import GreentasksError
    from greentasks.services.indicator_values import parse_value

    before = dump(office)
    outcome = import_indicators(office, write_xlsx(tmp_path / "指标.xlsx", [["序号", "指标", "2022年"], [1, None, text]]))
    assert outcome.outcome == "refused"
    (e,) = outcome.errors
    assert (e.row, e.column) == (2, "C") and f"“{text}”不是数值" in e.message
    assert dump(office) == before
    with pytest.raises(GreentasksError, match="不是数值"):
        parse_value(text)


@pytest.mark.parametrize(("text", "number"), [("1,234.5", 1234.5), ("３５．２", 35.2), ("35%", 35.0), ("-5", -5.0),
                                              (" 12 ", 12.0)])
def test_indicator_import_reads_numbers_as_a_typed_entry_does(office, tmp_path, text, number):
    from greentasks.services.indicator_values import indicator_rows, parse_value

    outcome = import_indicators(office, write_xlsx(tmp_path / "指标.xlsx", [["序号", "指标", "2022年"], [1, None, text]]))
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    with office.reading() as s:
        (first, *_) = indicator_rows(s)
    assert first.values == {2022: number} == {2022: parse_value(text)}


# --- unit directory -----------------------------------------------------------------------------------


def _aliases(db) -> dict[str, set[str]]:
    from greentasks.services.directory import directory_rows

    with db.reading() as s:
        return {r.name: set(r.aliases) for r in directory_rows(s)}


def _directory(db) -> dict[str, tuple]:
    from greentasks.services.directory import directory_rows

    with db.reading() as s:
        return {r.name: (r.category, r.contact, r.phone) for r in directory_rows(s)}


def test_directory_export_import_round_trip_changes_nothing(office, tmp_path, capsys):
    out = tmp_path / "通讯录.xlsx"
    code, _, err = run(capsys, "--db", office.sqlite_path, "export-departments", out)
    assert code == 0
    ws = openpyxl.load_workbook(out)["单位"]
    assert [c.value for c in ws[1]] == ["单位名称", "简称/别名", "类别", "联系人", "联系电话", "邮箱", "所属集合"]
    assert ws.freeze_panes == "A2"
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-departments", out, "--json")
    assert code == 0, err
    assert data["files"][0]["outcome"] == "imported"
    assert dump(office) == before  # 相关乡镇（街道） and the like stay whole


def test_directory_import_merges_and_never_drops_aliases(office, tmp_path, capsys):
    aliases_before = _aliases(office)
    path = write_xlsx(tmp_path / "通讯录.xlsx", [
        ["单位名称", "简称/别名", "类别", "联系人", "联系电话"],
        ["区发展改革委", "发改局、区发改", "区级部门", "王五", "023-71420001"],   # known: aliases added, none dropped
        ["区农委", None, None, "赵六", "023-71420002"],        # known by an alias: the clerk's name wins
        ["区绿色发展促进中心", "绿促中心；区绿促中心", "企事业单位", "孙七", "13900000000"],  # new
        ["沿江乡镇（街道）", "沿江镇街（街道）", "集合", None, None],
    ])
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-departments", path, "--json")
    assert code == 0, err
    aliases = _aliases(office)
    assert aliases["区发展改革委"] == aliases_before["区发展改革委"] | {"发改局", "区发改"}
    assert "区农业农村委" not in aliases
    assert aliases["区农委"] == aliases_before["区农业农村委"] - {"区农委"} | {"区农业农村委"}
    assert aliases["区绿色发展促进中心"] == {"绿促中心", "区绿促中心"}
    assert aliases["沿江乡镇（街道）"] == {"沿江镇街（街道）"}
    directory = _directory(office)
    assert directory["区发展改革委"] == ("区级部门", "王五", "023-71420001")
    assert directory["区农委"][1:] == ("赵六", "023-71420002")
    assert directory["区绿色发展促进中心"] == ("企事业单位", "孙七", "13900000000")
    # a file that lists fewer aliases drops none
    fewer = write_xlsx(tmp_path / "通讯录2.xlsx", [["单位名称", "简称/别名"], ["区发展改革委", "发改委"]])
    assert import_directory_file(office, fewer).outcome == "imported"
    assert _aliases(office)["区发展改革委"] == aliases["区发展改革委"]


@pytest.mark.parametrize("rows,row,column,names", [
    ([["区财政局", "发改委"]], 2, None, ("区发展改革委", "区财政局")),                    # alias of another unit
    ([["区甲中心", "甲乙办"], ["区乙中心", "甲乙办"]], 3, "B", ("区甲中心", "区乙中心")),      # two rows claim it
    ([["区甲中心", "甲办"], ["区乙中心", "乙办、甲办"]], 3, "B", ("区甲中心", "区乙中心")),
])
def test_an_alias_pointing_at_two_units_is_an_error_naming_both(office, tmp_path, capsys, rows, row, column, names):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [["单位名称", "简称/别名"], *rows,
                                                 ["区新单位", "新单位"]])
    before = dump(office)
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-departments", path, "--json")
    assert code == 1
    (f,) = data["files"]
    assert f["outcome"] == "refused"
    (e,) = f["errors"]
    assert e["row"] == row and e["column"] == column
    assert all(n in e["message"] for n in names)
    assert dump(office) == before  # not even the valid row


def test_directory_error_columns_follow_the_files_own_layout(office, tmp_path):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [["联系电话", "类别", "简称", "单位名称"],
                                                 ["023-1", "区级部门", "发改委", "区财政局"],
                                                 ["023-2", "局", None, "区审计局"]])
    outcome = import_directory_file(office, path)
    assert outcome.outcome == "refused"
    assert [(e.row, e.column) for e in outcome.errors] == [(2, None), (3, "B")]
    assert "区发展改革委" in outcome.errors[0].message and "类别“局”" in outcome.errors[1].message


def test_directory_file_without_the_name_column(office, tmp_path, capsys):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [["联系人", "电话"], ["王五", "023"]])
    code, data, err = run_json(capsys, "--db", office.sqlite_path, "import-departments", path, "--json")
    assert code == 1 and "单位名称" in data["files"][0]["errors"][0]["message"]
