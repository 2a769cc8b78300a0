"""A clerk's own 单位通讯录 names the units (issue 11): a row that matches a built-in unit by an
alias renames it to the clerk's 单位名称, the built-in name stays as an alias, and the change is
logged and undone with the rest of its import batch."""

from __future__ import annotations

from sqlalchemy import select

from greentasks.models import ChangeLog, Department
from greentasks.services.bootstrap import initialize
from greentasks.services.directory import DirectoryIndex
from greentasks.services.directory_io import export_directory_file, import_directory_file
from greentasks.services.undo import undo_batch

from ._books import write_xlsx
from ._util import run, table_rows

GRID = "国网重庆市电力公司南川供电分公司"
FINANCE = "区金融办"
HEADER = ["单位名称", "简称/别名", "类别", "联系人", "联系电话"]
ROWS = [
    # the clerk's name is one of the built-in unit's aliases
    ["国网南川供电公司", None, "企事业单位", "李四", "023-71411111"],
    # the clerk's name is new; the unit is recognised by the aliases in the row
    ["区金融发展中心", "区金融办、金融办", "区级部门", "王五", "023-71422222"],
]


def directory_file(folder, rows=ROWS):
    return write_xlsx(folder / "单位通讯录.xlsx", [HEADER, *rows], sheet="单位")


def unit(db, name: str) -> tuple[int, str, set[str]] | None:
    with db.reading() as s:
        dep = DirectoryIndex(s).resolve(name)
        return (dep.id, dep.name, {a.alias for a in dep.aliases}) if dep is not None else None


def directory_tables(db) -> dict[str, list[tuple]]:
    rows = table_rows(db)
    return {k: rows[k] for k in ("departments", "department_aliases")}


def test_the_clerks_names_become_the_units_names_and_the_old_ones_stay_aliases(office, tmp_path, capsys):
    grid_before, finance_before = unit(office, GRID), unit(office, FINANCE)
    assert grid_before[1] == GRID and "国网南川供电公司" in grid_before[2]
    assert finance_before[1] == FINANCE

    code, _, err = run(capsys, "--db", office.sqlite_path, "import-departments", directory_file(tmp_path))
    assert code == 0, err
    assert f"单位“{GRID}”已按通讯录改名为“国网南川供电公司”" in err

    grid = unit(office, "国网南川供电公司")
    assert grid[0] == grid_before[0] and grid[1] == "国网南川供电公司"
    assert grid[2] == grid_before[2] - {"国网南川供电公司"} | {GRID}
    assert unit(office, GRID)[0] == grid[0]  # the built-in name still finds the unit
    finance = unit(office, "区金融发展中心")
    assert finance[0] == finance_before[0] and finance[1] == "区金融发展中心"
    assert finance[2] == finance_before[2] | {FINANCE}
    with office.reading() as s:
        names = set(s.scalars(select(Department.name)))
        logged = s.scalars(select(ChangeLog).where(ChangeLog.entity == "departments",
                                                   ChangeLog.field == "name")).all()
    assert {GRID, FINANCE}.isdisjoint(names)
    assert {(c.old, c.new) for c in logged} == {(GRID, "国网南川供电公司"), (FINANCE, "区金融发展中心")}
    assert all(c.batch_id is not None for c in logged)

    # every sheet now says the clerk's name: the exported directory, for one
    import openpyxl

    out = export_directory_file(office, tmp_path / "导出.xlsx")
    exported = {row[0]: row[1] for row in openpyxl.load_workbook(out)["单位"].iter_rows(min_row=2, values_only=True)}
    assert "国网南川供电公司" in exported and GRID in exported["国网南川供电公司"]
    assert "区金融发展中心" in exported and GRID not in exported

    # importing the same directory again, and init again, change nothing
    before = directory_tables(office)
    again = import_directory_file(office, directory_file(tmp_path))
    assert again.outcome == "imported" and not again.warnings
    initialize(office)
    assert directory_tables(office) == before


def test_undoing_the_directory_batch_restores_the_built_in_names(office, tmp_path):
    before = directory_tables(office)
    outcome = import_directory_file(office, directory_file(tmp_path))
    assert outcome.outcome == "imported" and outcome.batch_id is not None
    assert {c.action for c in outcome.changes} >= {"改名"}
    assert unit(office, GRID)[1] == "国网南川供电公司"

    result = undo_batch(office, outcome.batch_id)
    assert result.restored > 0
    assert directory_tables(office) == before
    assert unit(office, GRID)[1] == GRID and unit(office, "区金融发展中心") is None


def test_a_row_matching_by_its_own_name_is_not_renamed(office, tmp_path):
    before = unit(office, "区发展改革委")
    outcome = import_directory_file(office, directory_file(tmp_path, [["区发展改革委", "发改委", None, "王五", None]]))
    assert outcome.outcome == "imported" and not outcome.warnings
    assert unit(office, "区发展改革委")[:2] == before[:2]
