"""Every command that names a plan takes ``--plan 文号`` (docs/cli.md#plan-option, issue 16).

An example office gets a second document whose tasks are numbered 1–3 like the built-in plan's
first three (task 3 of one is not task 3 of the other), with work for units that also have work
on the built-in plan's tasks 1–3. Each command run with ``--plan`` on the second document shows
that document's rows only; without ``--plan`` it shows exactly what it showed before the second
document was registered, and the same as ``--plan 南川府发〔2022〕34号``. An unknown 文号 is refused
(exit 2) with the registered documents named, before anything is written.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest

from greentasks.cli import build_parser
from greentasks.db import Database
from greentasks.models import Indicator, Plan, Section, Task
from greentasks.services.assignments import create_assignment
from greentasks.services.audit import Actor
from greentasks.services.directory import DirectoryIndex
from tests.excel._books import plan_table, standard_plan_xlsx, write_xlsx
from tests.excel._util import run
from tests.factories import fill_template

BUILT_IN = "南川府发〔2022〕34号"
OTHER = "南川府办发〔2023〕12号"
OTHER_TITLE = "南川区推进绿色低碳发展2023年工作要点"
OTHER_ISSUER = "重庆市南川区人民政府办公室"
ACTOR = Actor(user="测试")
# (task, unit, role, measure, deadline) of the second document's work. 区经济信息委 has work on
# the built-in plan's tasks 1 and 3 too, 区发展改革委 on its task 2; 区生态环境局 has none on its
# task 2, so a return of its task 2 can only be the second document's.
OTHER_WORK = [
    (1, "区经济信息委", "牵头", "编制工业园区绿色低碳改造工作方案", "2023年3月31日"),
    (2, "区发展改革委", "牵头", "建立全区重点用能单位能耗在线监测台账", "2023年6月30日"),
    (2, "区生态环境局", "配合", "开展重点排污单位碳排放核查", "2023年9月30日"),
    (3, "区经济信息委", "配合", "组织绿色工厂创建申报", "2023年12月底前"),
]
OTHER_MEASURES = {w[3] for w in OTHER_WORK}
OTHER_INDICATOR = "规模以上工业单位增加值能耗下降率"
TODAY = "2023-04-10"


def add_other_plan(db: Database) -> dict[str, int]:
    """The second document, with a section, tasks 1–3, an indicator and the work above; returns
    each measure's assignment id."""
    ids: dict[str, int] = {}
    with db.writing() as s:
        plan = Plan(doc_no=OTHER, title=OTHER_TITLE, issuer=OTHER_ISSUER, issued_on=date(2023, 1, 20))
        section = Section(plan=plan, path="一", code="一", title="一、推进工业绿色转型", position=0)
        tasks = {n: Task(plan=plan, no=n, title=f"工作要点第{n}项", text=f"工作要点第{n}项的全文。", section=section)
                 for n in (1, 2, 3)}
        s.add_all([plan, section, *tasks.values(),
                   Indicator(plan=plan, category="能源利用", no=1, name=OTHER_INDICATOR, unit="%", target_2025=3.5,
                             target_text="3.5")])
        s.flush()
        index = DirectoryIndex(s)
        for position, (no, unit, role, measure, deadline) in enumerate(OTHER_WORK):
            ids[measure] = create_assignment(s, ACTOR, tasks[no], index.resolve(unit), role, measure, deadline,
                                             position=position).id
    return ids


@pytest.fixture
def office(tmp_path, _example_template) -> Path:
    """A copy of the example office (SQLite: the commands run on its file)."""
    target = tmp_path / "office.db"
    shutil.copyfile(_example_template, target)
    return target


def cli(capsys, dbfile: Path, *args) -> tuple[int, str, str]:
    return run(capsys, "--db", dbfile, "--today", TODAY, *args)


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def texts_of(values: dict[str, list[tuple]]) -> set[str]:
    return {str(v) for rows in values.values() for row in rows for v in row if v is not None}


def pdf_text(path: Path) -> str:
    return "".join((p.extract_text() or "") for p in pypdf.PdfReader(str(path)).pages).replace("\n", "").replace(" ", "")


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _folder_texts(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for p in sorted(folder.iterdir()):
        out[p.name] = sheet_values(p) if p.suffix == ".xlsx" else docx_text(p)
    return out


def outputs(capsys, dbfile: Path, out: Path, plan: list[str]) -> dict[str, object]:
    """What every plan-naming command shows (``plan``: [] or ["--plan", 文号]), with the folders
    and files it writes read back; paths under ``out`` replaced by "OUT"."""
    out.mkdir(parents=True)
    result: dict[str, object] = {}

    def go(key: str, *args) -> tuple[int, str, str]:
        code, stdout, stderr = cli(capsys, dbfile, *args, *plan)
        result[key] = (code, stdout.replace(str(out), "OUT"), stderr.replace(str(out), "OUT"))
        return code, stdout, stderr

    for command in ("status", "list", "tasks", "indicators"):
        go(command, command, "--json")
    go("list task 3", "list", "--task", "3", "--json")
    go("status Q1", "status", "--period", "2023Q1", "--json")
    go("changes", "changes", "--period", "2023Q1", "--json")
    go("export-templates", "export-templates", out / "下发", "--period", "2023Q2")
    result["templates"] = _folder_texts(out / "下发")
    filled = out / "报送"
    filled.mkdir()
    for template in sorted((out / "下发").glob("*.xlsx")):
        fill_template(shutil.copy(template, filled / template.name), reported_on=date(2023, 7, 3))
    go("import-returns", "import-returns", filled, "--dry-run", "--json")
    table = out / "分工表.xlsx"
    if OTHER in plan:  # the second document's own 分工表: one more unit on its task 3
        grid, merges = plan_table([[3, "工作要点第3项", "开展绿色工厂培育", "区市场监管局", None, "2023年10月底前", None]])
        write_xlsx(table, grid, merges=merges)
    else:
        standard_plan_xlsx(table)
    go("import-plan", "import-plan", table, "--dry-run", "--json")
    go("export-ledger", "export-ledger", out / "总台账.xlsx", "--period", "2023Q1")
    result["ledger"] = sheet_values(out / "总台账.xlsx")
    go("export-indicators", "export-indicators", out / "指标表.xlsx")
    result["indicators sheet"] = sheet_values(out / "指标表.xlsx")
    go("report", "report", out / "推进情况表.pdf", "--period", "2023Q1")
    result["report text"] = pdf_text(out / "推进情况表.pdf")
    go("scores", "report", out / "考评.pdf", "--period", "2023Q1", "--kind", "scores")
    result["scores text"] = pdf_text(out / "考评.pdf")
    code, stdout, _ = go("bulletin", "bulletin", out / "督查通报.docx", "--period", "2023Q1", "--issue", "1", "--json")
    # The numbers it counted (a second run of the same period also says which issue it had before).
    result["bulletin"] = (code, json.loads(stdout)["numbers"])
    result["bulletin text"] = docx_text(out / "督查通报.docx")
    go("notices", "notices", out / "督办", "--period", "2023Q1", "--kind", "督办", "--no-record", "--json")
    result["notices text"] = _folder_texts(out / "督办") if (out / "督办").exists() else {}
    # Last: it writes (the same values the sheet was exported with).
    go("import-indicators", "import-indicators", out / "指标表.xlsx", "--json")
    return result


def test_without_plan_every_command_shows_the_built_in_plan_as_before(capsys, office, tmp_path):
    before = outputs(capsys, office, tmp_path / "before", [])
    add_other_plan(Database(office))
    after = outputs(capsys, office, tmp_path / "after", [])
    named = outputs(capsys, office, tmp_path / "named", ["--plan", BUILT_IN])
    for key in before:
        assert after[key] == before[key], key
        assert named[key] == before[key], key
    assert json.loads(before["status"][1])["tasks"] == 34
    assert not any(measure in str(before) for measure in OTHER_MEASURES)


def test_with_plan_every_command_shows_only_that_document(capsys, office, tmp_path):
    ids = add_other_plan(Database(office))
    built_in = outputs(capsys, office, tmp_path / "built-in", [])
    other = outputs(capsys, office, tmp_path / "other", ["--plan", OTHER])
    assert set(other) == set(built_in)
    # Those that only say which file they wrote differ in the file (its own key).
    for key in set(other) - {"export-ledger", "export-indicators", "report", "scores"}:
        assert other[key] != built_in[key], key
        if isinstance(other[key], tuple):
            assert other[key][0] == 0 or key == "import-returns", (key, other[key])

    status = json.loads(other["status"][1])
    assert (status["plan"], status["tasks"], status["assignments"]) == (OTHER, 3, 4)
    rows = json.loads(other["list"][1])
    assert sorted(r["id"] for r in rows) == sorted(ids.values())
    assert {r["measure"] for r in rows} == OTHER_MEASURES
    assert {r["task_title"] for r in rows} == {"工作要点第1项", "工作要点第2项", "工作要点第3项"}
    # task 3 of the second document is its own task 3, not the built-in plan's
    [task3] = json.loads(other["list task 3"][1])
    assert task3["id"] == ids["组织绿色工厂创建申报"]
    assert all(r["task_title"] != "工作要点第3项" for r in json.loads(built_in["list task 3"][1]))
    assert [t["no"] for t in json.loads(other["tasks"][1])] == [1, 2, 3]
    assert [i["name"] for i in json.loads(other["indicators"][1])] == [OTHER_INDICATOR]
    changes = json.loads(other["changes"][1])
    assert set(changes["newly_overdue"]) <= set(ids.values()) and changes["since"] == "2022Q4"

    # templates: one per unit of the second document, naming it, holding its work only
    templates = other["templates"]
    assert sorted(n for n in templates if n.endswith(".xlsx")) == sorted(
        f"2023Q2_{u}_进展情况表.xlsx" for u in ("区经济信息委", "区发展改革委", "区生态环境局"))
    sheets = {n: texts_of(v) for n, v in templates.items() if n.endswith(".xlsx")}
    assert all(OTHER in t for t in sheets.values())
    assert set().union(*sheets.values()) & OTHER_MEASURES == OTHER_MEASURES
    assert not any(BUILT_IN in t or "智能网联及新能源汽车" in t for t in sheets.values())
    dispatch = next(v for n, v in templates.items() if n.endswith(".docx"))
    assert OTHER_TITLE in dispatch and "加快推进绿色发展的实施意见" not in dispatch

    returns = json.loads(other["import-returns"][1])["files"]
    assert {f["plan"] for f in returns} == {OTHER} and {f["outcome"] for f in returns} == {"dry-run"}
    assert sum(f["rows"] for f in returns) == 4
    built_in_returns = json.loads(built_in["import-returns"][1])["files"]
    assert {f["plan"] for f in built_in_returns} == {BUILT_IN}

    plan_import = json.loads(other["import-plan"][1])["files"][0]
    assert plan_import["outcome"] == "dry-run", plan_import
    assert "将新增分工 1 条" in other["import-plan"][2] and "将新增分工 1 条" not in built_in["import-plan"][2]

    ledger = texts_of(other["ledger"])
    assert any(OTHER_TITLE in t for t in ledger) and ledger >= OTHER_MEASURES
    assert not any("智能网联及新能源汽车" in t or "加快推进绿色发展的实施意见" in t for t in ledger)
    assert OTHER_INDICATOR in texts_of(other["indicators sheet"])
    assert "单位GDP能耗" not in str(other["indicators sheet"])

    report = other["report text"]
    assert OTHER_TITLE in report and "编制工业园区绿色低碳改造工作方案" in report
    assert "智能网联及新能源汽车" not in report
    # 考评 ranks the units that lead work: the second document's two
    assert OTHER_TITLE in other["scores text"] and "参加考评单位2个" in other["scores text"]
    assert "区发展改革委" in other["scores text"] and "区招商投资局" in built_in["scores text"]
    assert "区招商投资局" not in other["scores text"]

    assert (other["bulletin"][1]["tasks"], other["bulletin"][1]["assignments"]) == (3, 4)
    assert OTHER_TITLE in other["bulletin text"] and "加快推进绿色发展的实施意见" not in other["bulletin text"]
    assert "4项具体工作" in other["bulletin text"]
    # 督办: only 区经济信息委 has overdue work in the second document (due 2023年3月31日)
    notices = json.loads(other["notices"][1])
    assert [n["department"] for n in notices["notices"]] == ["区经济信息委"]
    [notice] = other["notices text"].values()
    assert "编制工业园区绿色低碳改造工作方案" in notice and OTHER_TITLE in notice
    assert json.loads(other["import-indicators"][1])["files"][0]["outcome"] == "imported"


# The positional arguments each --plan command needs (a new command that names a plan must be
# added here, and so is checked too).
POSITIONALS = {
    "status": [], "list": [], "tasks": [], "indicators": [], "changes": [],
    "export-templates": ["{tmp}/下发", "--period", "2023Q2"],
    "import-returns": ["{tmp}/报送.xlsx"],
    "import-plan": ["{tmp}/分工表.xlsx"],
    "export-ledger": ["{tmp}/总台账.xlsx"],
    "export-indicators": ["{tmp}/指标表.xlsx"],
    "import-indicators": ["{tmp}/指标表.xlsx"],
    "report": ["{tmp}/推进情况表.pdf"],
    "bulletin": ["{tmp}/督查通报.docx"],
    "notices": ["{tmp}/催报"],
}


def test_every_command_that_names_a_plan_takes_plan():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.nargs == "A...")
    with_plan = {name for name, sub in subparsers.choices.items()
                 if any("--plan" in a.option_strings for a in sub._actions)}
    assert with_plan == set(POSITIONALS)
    helps = {a.help for name in with_plan for a in subparsers.choices[name]._actions if "--plan" in a.option_strings}
    assert helps == {"文件文号，如 南川府办发〔2023〕12号（默认：内置文件 南川府发〔2022〕34号）"}


@pytest.mark.parametrize("command", sorted(POSITIONALS))
def test_an_unknown_document_number_is_refused_before_anything_is_written(capsys, office, tmp_path, command):
    for name in ("报送.xlsx", "分工表.xlsx", "指标表.xlsx"):
        openpyxl.Workbook().save(tmp_path / name)
    before = sorted(p.name for p in tmp_path.iterdir())
    args = [a.format(tmp=tmp_path) for a in POSITIONALS[command]]
    code, out, err = cli(capsys, office, command, *args, "--plan", "南川府发〔2099〕1号")
    assert code == 2, err
    assert "文件“南川府发〔2099〕1号”不在文件登记中" in err and BUILT_IN in err and "南川府发〔2022〕33号" in err
    assert out == "" and sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_document_number_as_a_clerk_types_it(capsys, office):
    add_other_plan(Database(office))
    code, out, _ = cli(capsys, office, "status", "--json", "--plan", " 南川府办发〔２０２３〕１２号 ")
    assert code == 0 and json.loads(out)["plan"] == OTHER
    code, _, err = cli(capsys, office, "list", "--task", "4", "--plan", OTHER)
    assert code == 2 and f"没有第4项重点任务：{OTHER}的重点任务为第1–3项" in err


def test_a_table_imported_for_a_document_goes_to_its_tasks(capsys, office, tmp_path):
    add_other_plan(Database(office))
    grid, merges = plan_table([[3, "工作要点第3项", "开展绿色工厂培育", "区市场监管局", None, "2023年10月底前", None]])
    code, _, err = cli(capsys, office, "import-plan", write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges),
                       "--plan", OTHER)
    assert code == 0, err
    code, out, _ = cli(capsys, office, "list", "--task", "3", "--plan", OTHER, "--json")
    assert {r["department"] for r in json.loads(out)} == {"区经济信息委", "区市场监管局"}
    code, out, _ = cli(capsys, office, "list", "--task", "3", "--json")
    assert "开展绿色工厂培育" not in out and json.loads(out)
