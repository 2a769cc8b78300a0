"""`import-returns --dry-run` says what the import would change, per file (issue 11): new
reports, this period's reports superseded, status changes, 已完成 awaiting 销号 — and the import
then does exactly that."""

from __future__ import annotations

from ._books import M_AIR, M_GAS, M_SOLAR, free_return, write_xlsx
from ._util import dump, run, run_json

DB_TODAY = "2023-04-10"
FIRST = [
    [1, 18, M_SOLAR, "推进中", "已完成光伏项目备案3个。", None, None, None],
    [2, 18, M_GAS, "已完成", "城区管网改造完工。", None, None, None],
    [3, 12, M_AIR, "长期坚持", "配合开展执法检查。", None, None, None],
]
# A second return of the same unit and period: solar is now done, gas and air as before.
SECOND = [
    [1, 18, M_SOLAR, "已完成", "光伏项目全部并网。", None, None, None],
    [2, 18, M_GAS, "已完成", "城区管网改造完工。", None, None, None],
    [3, 12, M_AIR, "长期坚持", "配合开展执法检查。", None, None, None],
]


def write(tmp_path, rows, name: str, reported_on: str):
    grid, merges = free_return(rows, reported_on=reported_on)
    return write_xlsx(tmp_path / name, grid, merges=merges)


def test_dry_run_counts_what_the_import_will_do(planned, tmp_path, capsys):
    first = write(tmp_path, FIRST, "区发展改革委_2023Q1_进展情况.xlsx", "2023年4月6日")
    before = dump(planned)
    code, _, err = run(capsys, "--db", planned.sqlite_path, "--today", DB_TODAY, "import-returns", first, "--dry-run")
    assert code == 0, err
    assert dump(planned) == before
    assert ("将新增报送3条；完成状态变化3条（未启动→推进中1条、未启动→已完成1条、未启动→长期坚持1条）；"
            "新报已完成1条，待区政府办公室销号。") in err

    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", first, "--json")
    (f,) = data["files"]
    assert f["outcome"] == "imported" and "已新增报送3条" in err
    assert (f["new_entries"], f["superseded_entries"], f["status_changes"], f["awaiting_closure"]) == (3, 0, 3, 1)

    second = write(tmp_path, SECOND, "区发展改革委_2023Q1_进展情况_更正.xlsx", "2023年4月8日")
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "import-returns", second, "--dry-run", "--json")
    (f,) = data["files"]
    assert f["outcome"] == "dry-run"
    # every key the files had before is still there
    assert {"path", "outcome", "department", "period", "rows", "errors", "warnings"} <= f.keys()
    assert (f["new_entries"], f["superseded_entries"], f["unchanged_entries"]) == (0, 3, 2)
    assert f["status_transitions"] == [{"from": "推进中", "to": "已完成", "count": 1}]
    assert f["awaiting_closure"] == 1
    code, _, err = run(capsys, "--db", planned.sqlite_path, "import-returns", second, "--dry-run")
    assert "将新增报送0条、替代本期旧报送3条（其中内容无变化2条）；完成状态变化1条（推进中→已完成1条）" in err

