"""The ledger (总台账, docs/excel.md#ledger): one row per 具体工作, lights, 统计 agreeing with `status --json`,
未报送 agreeing with its missing_returns."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import openpyxl
import pytest

from greentasks.resources import load_json
from greentasks.services.returns_import import import_returns

from ._books import M_AIR, M_BUILDING, M_ECO_FARM, M_FIELDS, M_GAS, M_GRID, M_SOLAR, free_return, write_xlsx
from ._util import run, run_json

HEADERS = ["序号", "章节", "任务编号", "重点任务", "具体工作", "牵头单位", "配合单位", "责任领导", "完成时限", "完成状态",
           "预警", "最新报送期", "进展情况", "存在问题", "下步计划", "最近报送日期"]
FILLS = {"红": "F4B6B0", "黄": "FCE8A6", "绿": "C9E7C0"}
TOWNS = [u["name"] for u in load_json("directory.json") if u["category"] == "乡镇街道"]


def _return(tmp_path, unit, rows, name):
    grid, merges = free_return(rows, unit=unit, period="2023年第二季度", reported_on="2023年7月3日")
    return write_xlsx(tmp_path / name, grid, merges=merges)


@pytest.fixture
def reported(planned, tmp_path):
    """The standard plan on 2023-07-10 with returns for 2023Q2 from three of its five lead units."""
    files = [
        _return(tmp_path, "区发展改革委", [
            [1, 18, "光伏", "推进中", "光伏项目并网2个。", "并网排队", "加快并网", None],
            [2, 18, "天然气", "已完成", "管网改造完工。", None, None, None],
            [3, 12, None, "推进中", "配合开展扬尘治理。", None, None, None]], "发改委.xlsx"),
        _return(tmp_path, "区经信委", [
            [1, 18, "光伏", "推进中", "做好光伏并网服务。", None, "继续服务", None],
            [2, 18, "电网", "推进中", "农网改造完成40%。", None, None, None]], "经信委.xlsx"),
        _return(tmp_path, "区农委", [
            [1, 5, None, "长期坚持", "推广稻渔综合种养。", None, None, None],
            [2, 7, None, "推进中", "新建高标准农田1万亩。", None, None, None]], "农委.xlsx"),
    ]
    report = import_returns(planned, files)
    assert [f.outcome for f in report.files] == ["imported"] * 3, [str(p) for f in report.files for p in f.errors]
    directory = write_xlsx(tmp_path / "通讯录.xlsx", [
        ["单位名称", "简称/别名", "类别", "联系人", "联系电话"],
        ["区生态环境局", None, None, "赵六", "023-71421111"],
        ["区住房城乡建委", None, None, "钱七", "13800000000"]])
    from greentasks.services.directory_io import import_directory_file

    assert import_directory_file(planned, directory).outcome == "imported"
    return planned


def _ledger(capsys, db, tmp_path, today, *args):
    out = tmp_path / "总台账.xlsx"
    code, _, err = run(capsys, "--db", db.url, "--today", today, "export-ledger", out, *args)
    assert code == 0, err
    assert "已导出总台账" in err
    return openpyxl.load_workbook(out)


def test_one_row_per_work_with_the_lead_status_light_and_cooperating_progress(reported, tmp_path, capsys):
    wb = _ledger(capsys, reported, tmp_path, "2023-07-10")
    assert wb.sheetnames[:4] == ["总台账", "统计", "未报送", "各乡镇（街道）分项"]
    ws = wb["总台账"]
    assert [ws.cell(3, c).value for c in range(1, 17)] == HEADERS
    assert "2023年第二季度" in ws["A2"].value
    rows = {ws.cell(r, 5).value: {h: ws.cell(r, c).value for c, h in enumerate(HEADERS, start=1)}
            for r in range(4, ws.max_row + 1)}
    assert ws.max_row == 3 + 7 and set(rows) == {M_ECO_FARM, M_FIELDS, M_AIR, M_SOLAR, M_GAS, M_GRID, M_BUILDING}
    assert [ws.cell(r, 1).value for r in range(4, 11)] == list(range(1, 8))
    solar = rows[M_SOLAR]
    assert (solar["任务编号"], solar["牵头单位"], solar["配合单位"], solar["完成时限"]) == (
        18, "区发展改革委", "区经济信息委", "2023年6月底前")
    assert (solar["完成状态"], solar["预警"], solar["最新报送期"]) == ("推进中", "红", "2023年第二季度")  # overdue
    assert solar["进展情况"] == "光伏项目并网2个。\n【区经济信息委】做好光伏并网服务。"
    assert solar["存在问题"] == "并网排队"
    assert solar["下步计划"] == "加快并网\n【区经济信息委】继续服务"
    assert solar["章节"].startswith("三、") and solar["重点任务"] == "推动能源体系绿色低碳转型"
    assert rows[M_GAS]["完成状态"] == "已完成（待销号）" and rows[M_GAS]["预警"] == "绿"
    air = rows[M_AIR]
    assert (air["牵头单位"], air["配合单位"], air["预警"]) == ("区生态环境局", "区发展改革委、区经济信息委", "黄")
    assert air["完成状态"] == "未启动" and air["进展情况"] == "【区发展改革委】配合开展扬尘治理。"
    assert rows[M_ECO_FARM]["配合单位"] == "各乡镇（街道）" and rows[M_ECO_FARM]["预警"] == "绿"
    # the collective's line says how its 34 towns stand; their shares are listed on a sheet of its own
    assert rows[M_ECO_FARM]["进展情况"] == "推广稻渔综合种养。\n【各乡镇（街道）】已报送 0/34，已完成 0，滞后 0"
    shares = wb["各乡镇（街道）分项"]
    assert [shares.cell(3, c).value for c in (2, 3, 4, 8)] == ["任务编号", "具体工作", "成员单位", "本期报送"]
    lines = [[shares.cell(r, c).value for c in (2, 3, 4, 6, 8)] for r in range(4, shares.max_row + 1)]
    assert len(lines) == 34 and {(x[0], x[1], x[3], x[4]) for x in lines} == {(5, M_ECO_FARM, "未启动", "未报送")}
    assert "东城街道" in {x[2] for x in lines}
    assert rows[M_BUILDING]["预警"] == "黄" and rows[M_BUILDING]["最新报送期"] in (None, "")
    # fills, frozen header, filter, print setup
    for r in range(4, ws.max_row + 1):
        light = ws.cell(r, 11).value
        assert ws.cell(r, 11).fill.fgColor.rgb.endswith(FILLS[light])
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == f"A3:P{ws.max_row}"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    # the list agrees
    code, data, _ = run_json(capsys, "--db", reported.url, "--today", "2023-07-10", "list", "--json")
    lights = {(r["measure"], r["department"]): r["light"] for r in data if r["role"] == "牵头"}
    for measure, row in rows.items():
        assert row["预警"] == lights[(measure, row["牵头单位"])]


def _stats(ws) -> dict[str, list[list]]:
    tables: dict[str, list[list]] = {}
    current = None
    for row in ws.iter_rows(values_only=True):
        if row[0] in ("按单位统计", "按章节统计"):
            current = tables.setdefault(row[0], [])
        elif current is not None and row[0] not in (None, "单位", "章节"):
            current.append(list(row[:10]))
    return tables


def test_stats_and_missing_sheets_agree_with_status_json(reported, tmp_path, capsys):
    _check_stats_and_missing(reported, tmp_path, capsys, "2023-07-10", contacts=True)


def test_stats_and_missing_sheets_of_the_example_office(example_db, tmp_path, capsys):
    _check_stats_and_missing(example_db, tmp_path, capsys, "2023-04-10", contacts=False)
    _check_stats_and_missing(example_db, tmp_path, capsys, "2024-01-10", contacts=False)  # red lights too


def _shares_by_unit(db) -> dict[str, int]:
    from collections import Counter

    from sqlalchemy import select

    from greentasks.models import Assignment, Department

    with db.reading() as s:
        return dict(Counter(s.scalars(select(Department.name).join(Assignment, Assignment.department_id == Department.id)
                                      .where(Assignment.parent_id.is_not(None)))))


def _check_stats_and_missing(db, tmp_path, capsys, today, contacts):
    wb = _ledger(capsys, db, tmp_path, today)
    code, status, _ = run_json(capsys, "--db", db.url, "--today", today, "status", "--json")
    assert code == 0
    statuses = list(status["by_status"])
    tables = _stats(wb["统计"])
    assert set(tables) == {"按单位统计", "按章节统计"}
    shares = _shares_by_unit(db)  # a member's shares of a collective's work count under it too
    for name, rows in tables.items():
        sums = [sum(r[i] for r in rows) for i in range(1, 10)]
        if name == "按章节统计":
            assert dict(zip(statuses, sums[:5], strict=True)) == status["by_status"]
            assert dict(zip(["红", "黄", "绿"], sums[5:8], strict=True)) == status["by_light"]
        assert sums[8] == status["assignments"] + (sum(shares.values()) if name == "按单位统计" else 0)
        assert all(sum(r[1:6]) == r[9] == sum(r[6:9]) for r in rows)
    code, listed, _ = run_json(capsys, "--db", db.url, "--today", today, "list", "--json")
    per_unit = defaultdict(int, shares)
    for r in listed:
        per_unit[r["department"]] += 1
    assert {r[0]: r[9] for r in tables["按单位统计"]} == dict(per_unit)
    missing = wb["未报送"]
    names = [missing.cell(r, 2).value for r in range(3, missing.max_row + 1) if missing.cell(r, 2).value]
    assert names == status["missing_returns"]
    if contacts:
        # the two lead units first, then the 34 towns that owe a return on their share of task 5
        assert names[:2] == ["区住房城乡建委", "区生态环境局"] or names[:2] == ["区生态环境局", "区住房城乡建委"]
        assert sorted(names[2:]) == sorted(TOWNS)
        contacts = {missing.cell(r, 2).value: (missing.cell(r, 4).value, missing.cell(r, 5).value)
                    for r in range(3, 5)}
        assert contacts == {"区生态环境局": ("赵六", "023-71421111"), "区住房城乡建委": ("钱七", "13800000000")}
        owed = {missing.cell(r, 2).value: missing.cell(r, 6).value for r in range(3, missing.max_row + 1)}
        assert owed == {"区生态环境局": 1, "区住房城乡建委": 1} | dict.fromkeys(TOWNS, 1)
    assert "未报送" in missing["A1"].value


def test_ledger_for_a_given_period_and_when_everyone_reported(reported, tmp_path, capsys):
    wb = _ledger(capsys, reported, tmp_path, "2023-07-10", "--period", "2023Q1")  # nobody reported Q1
    code, status, _ = run_json(capsys, "--db", reported.url, "--today", "2023-07-10", "status", "--period", "2023Q1",
                               "--json")
    names = [wb["未报送"].cell(r, 2).value for r in range(3, wb["未报送"].max_row + 1)]
    assert names == status["missing_returns"] and len(names) == 5 + 34  # every lead unit, every town
    assert "2023年第一季度" in wb["总台账"]["A2"].value
    late = [_return(tmp_path, "区生态环境局", [[1, 12, None, "推进中", "开展扬尘治理。", None, None, None]], "环境局.xlsx"),
            _return(tmp_path, "区住建委", [[1, 25, None, "推进中", "新建绿色建筑。", None, None, None]], "住建委.xlsx")]
    assert [f.outcome for f in import_returns(reported, late).files] == ["imported", "imported"]
    wb = _ledger(capsys, reported, tmp_path, "2023-07-10")
    assert sorted(wb["未报送"].cell(r, 2).value for r in range(3, wb["未报送"].max_row + 1)) == sorted(TOWNS)
    # the towns send their templates (their share of 各乡镇（街道）'s work on task 5)
    from greentasks.domain.periods import parse_period
    from greentasks.services.exports import export_templates
    from tests.factories import fill_template

    papers = export_templates(reported, tmp_path / "towns", parse_period("2023Q2"), TOWNS, today=date(2023, 7, 3))
    towns = import_returns(reported, [fill_template(p, reported_on=date(2023, 7, 3)) for p in papers])
    assert [f.outcome for f in towns.files] == ["imported"] * 34
    wb = _ledger(capsys, reported, tmp_path, "2023-07-10")
    assert wb["未报送"]["A3"].value == "本期所有单位均已报送。"
    code, status, _ = run_json(capsys, "--db", reported.url, "--today", "2023-07-10", "status", "--json")
    assert status["missing_returns"] == []


def test_ledger_output_name(reported, tmp_path, capsys):
    # Written exactly as named or not at all: a changed name could overwrite another file.
    (tmp_path / "台账.xlsx").write_bytes(b"a colleague's own workbook")
    code, _, err = run(capsys, "--db", reported.url, "export-ledger", tmp_path / "台账.xls")
    assert code == 2 and "应以 .xlsx 结尾" in err and "台账.xlsx" in err
    assert (tmp_path / "台账.xlsx").read_bytes() == b"a colleague's own workbook"
    assert not (tmp_path / "台账.xls").exists()
    code, _, err = run(capsys, "--db", reported.url, "export-ledger", tmp_path / "2023.07.10台账")
    assert code == 2 and "2023.07.10台账.xlsx" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "台账" in p.name) == ["台账.xlsx"]
    code, _, err = run(capsys, "--db", reported.url, "export-ledger", tmp_path / "2023.07.10台账.xlsx")
    assert code == 0 and (tmp_path / "2023.07.10台账.xlsx").exists()
    code, _, err = run(capsys, "--db", reported.url, "export-ledger", tmp_path / "nope" / "台账.xlsx")
    assert code == 2 and "不存在" in err
    code, _, err = run(capsys, "--db", reported.url, "export-ledger", tmp_path)
    assert code == 2 and "文件夹" in err
    json.dumps(err)
