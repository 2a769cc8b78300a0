"""The headless commands of docs/cli.md on a real SQLite file, through the real entry point."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from greentasks.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path) -> Path:
    """A database file made by `init`, as a clerk's first start makes it."""
    path = tmp_path / "office.db"
    assert main(["--db", str(path), "init"]) == 0
    return path


def table_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def test_tasks_json_has_34_tasks_with_sections_and_text(capsys, dbfile):
    code, out, _ = run(capsys, "--db", str(dbfile), "tasks", "--json")
    assert code == 0
    tasks = json.loads(out)
    assert [t["no"] for t in tasks] == list(range(1, 35))
    t18 = tasks[17]
    assert t18["title"] == "推动能源体系绿色低碳转型"
    assert t18["section"][0].startswith("三、")
    assert len(t18["section"]) == 2
    assert all(len(t["text"]) > 20 for t in tasks)
    assert "资源优势和领先" in tasks[1]["text"]


def test_indicators_json_has_18_with_targets(capsys, dbfile):
    code, out, _ = run(capsys, "--db", str(dbfile), "indicators", "--json")
    assert code == 0
    items = json.loads(out)
    assert [i["no"] for i in items] == list(range(1, 19))
    assert all(i["category"] and i["name"] for i in items)
    assert sum(1 for i in items if isinstance(i["target_2025"], int | float)) >= 12
    assert all(i["values"] == {} for i in items)


def test_init_twice_changes_nothing(capsys, dbfile):
    assert run(capsys, "--db", str(dbfile), "init")[0] == 0
    first = table_counts(dbfile)
    code, _, err = run(capsys, "--db", str(dbfile), "init")
    assert code == 0
    assert "无需改动" in err
    assert table_counts(dbfile) == first
    assert first["tasks"] == 34 and first["indicators"] == 18 and first["departments"] > 50
    assert first["plans"] == 4  # the plan, the repealing decision and the two repealed documents


def test_init_example_gives_an_office_on_all_34_tasks(capsys, dbfile):
    code, _, err = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "init", "--example")
    assert code == 0 and "示例分工" in err
    code, out, _ = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "list", "--json")
    rows = json.loads(out)
    assert {r["task_no"] for r in rows} == set(range(1, 35))
    assert {r["role"] for r in rows} == {"牵头", "配合"}
    assert any(r["latest_period"] == "2023Q1" for r in rows)
    assert {r["deadline_kind"] for r in rows} >= {"date", "ongoing", "recurring"}
    # init --example again changes nothing
    before = table_counts(dbfile)
    assert run(capsys, "--db", str(dbfile), "init", "--example")[0] == 0
    assert table_counts(dbfile) == before


def test_status_json_shape(capsys, dbfile):
    run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "init", "--example")
    code, out, _ = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "status", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"] == "南川府发〔2022〕34号"
    assert data["today"] == "2023-04-10" and data["period"] == "2023Q1" and data["tasks"] == 34
    assert set(data["by_status"]) == {"未启动", "推进中", "滞后", "已完成", "长期坚持"}
    assert set(data["by_light"]) == {"红", "黄", "绿"}
    assert sum(data["by_status"].values()) == data["assignments"] == sum(data["by_light"].values())
    assert isinstance(data["missing_returns"], list) and data["missing_returns"]
    # An explicit period is echoed back; a later today turns unfinished dated work red.
    code, out, _ = run(capsys, "--db", str(dbfile), "--today", "2026-01-05", "status", "--period", "2025Q4",
                       "--json")
    later = json.loads(out)
    assert later["period"] == "2025Q4" and later["by_light"]["红"] > 0 and later["overdue"] > 0


def test_list_filters(capsys, dbfile):
    run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "init", "--example")
    code, out, _ = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "list", "--json",
                       "--department", "区发改委", "--task", "18")
    rows = json.loads(out)
    assert code == 0 and rows
    assert {r["department"] for r in rows} == {"区发展改革委"} and {r["task_no"] for r in rows} == {18}
    _, out, _ = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "list", "--json", "--status", "进行中")
    assert {r["status"] for r in json.loads(out)} == {"推进中"}
    _, out, _ = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "list", "--json", "--light", "黄")
    assert {r["light"] for r in json.loads(out)} == {"黄"}


@pytest.mark.parametrize("args, words", [
    (["list", "--department", "区不存在委"], "不在单位通讯录"),
    (["list", "--status", "差不多"], "无法识别"),
    (["status", "--period", "2023Q5"], "报送期"),
    (["--today", "2023-13-01", "status"], "YYYY-MM-DD"),
    (["nonsense"], "没有“nonsense”这个命令"),
    (["list", "--bogus"], "无法识别的参数"),
])
def test_bad_usage_exits_2_with_chinese_message(capsys, dbfile, args, words):
    code, _, err = run_catching(capsys, "--db", str(dbfile), *args)
    assert code == 2
    assert words in err


def run_catching(capsys, *args):
    try:
        return run(capsys, *args)
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return exc.code, out, err


def test_database_that_cannot_be_opened_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "missing-folder" / "x.db"), "status")
    assert code == 2 and "不存在" in err
    # A typo in the file name does not quietly start a new, empty office.
    code, _, err = run(capsys, "--db", str(tmp_path / "offce.db"), "status")
    assert code == 2 and "不存在" in err and "init" in err
    assert not (tmp_path / "offce.db").exists()
    not_db = tmp_path / "notes.db"
    not_db.write_text("这不是数据库" * 100, encoding="utf-8")
    code, _, err = run(capsys, "--db", str(not_db), "status")
    assert code == 2 and "数据库" in err


def test_backup_and_restore_round_trip(capsys, dbfile, tmp_path):
    run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "init", "--example")
    before = table_counts(dbfile)
    out = tmp_path / "copy.db"
    assert run(capsys, "--db", str(dbfile), "backup", str(out))[0] == 0
    assert table_counts(out) == before
    conn = sqlite3.connect(dbfile)
    conn.execute("DELETE FROM change_log")
    conn.commit()
    conn.close()
    assert table_counts(dbfile)["change_log"] == 0
    code, _, err = run(capsys, "--db", str(dbfile), "restore", str(out))
    assert code == 0 and "恢复" in err
    assert table_counts(dbfile) == before
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all")
    code, _, err = run(capsys, "--db", str(dbfile), "restore", str(junk))
    assert code == 2 and "不是" in err
    assert table_counts(dbfile) == before


def test_history_shows_entries_and_changes(capsys, dbfile):
    run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "init", "--example")
    _, out, _ = run(capsys, "--db", str(dbfile), "--today", "2023-04-10", "list", "--json")
    reported = next(r for r in json.loads(out) if r["latest_period"])
    code, out, _ = run(capsys, "--db", str(dbfile), "history", str(reported["id"]), "--json")
    data = json.loads(out)
    assert code == 0
    # the example's returns start with the plan (issued 2022-10-26) and end with the latest period
    assert data["entries"][0]["period"] == "2022Q4" and data["entries"][-1]["period"] == "2023Q1"
    assert any(c["field"] == "status" for c in data["changes"])
    assert run(capsys, "--db", str(dbfile), "history", "999999")[0] == 2


def test_module_entry_point_and_version(tmp_path):
    result = subprocess.run([sys.executable, "-m", "greentasks", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("greentasks ")


def test_an_export_onto_a_file_open_in_excel_says_so(capsys, dbfile, tmp_path, monkeypatch):
    def locked(self, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", locked)
    code, _, err = run(capsys, "--db", str(dbfile), "export-ledger", str(tmp_path / "总台账.xlsx"))
    assert code == 2 and "总台账.xlsx" in err and "Excel 或 WPS 中打开" in err and "Traceback" not in err
    assert list(tmp_path.glob("*.part.xlsx")) == []  # no half-written file left behind
