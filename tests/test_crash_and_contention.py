"""A killed import leaves every file entirely in or entirely out; two clerks writing at once
both succeed (or one is told 数据库正忙) — never a lost write or a damaged file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

from tests.factories import filled_returns

ROOT = Path(__file__).resolve().parents[1]
PERIODS = ("2023Q2", "2023Q3", "2023Q4", "2024Q1", "2024Q2")


def _env(data_dir: Path) -> dict:
    env = dict(os.environ)
    env["GREENTASKS_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def office(tmp_path, _example_template):
    import shutil

    path = tmp_path / "office.db"
    shutil.copyfile(_example_template, path)
    return path


def _batches(path: Path) -> list[tuple[int, int]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT id, rows FROM import_batches WHERE kind = 'returns'").fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_during_a_large_import_leaves_each_file_whole_or_absent(office, tmp_path):
    from greentasks.db import Database

    db = Database(office)
    folder = tmp_path / "returns"
    files: list[Path] = []
    for i, period in enumerate(PERIODS):
        files += filled_returns(db, folder / period, period, date(2024, 7, 5), progress=f"第{i}期")
    db.dispose()
    flat = tmp_path / "all"
    flat.mkdir()
    for f in files:
        f.rename(flat / f"{f.parent.name}_{f.name}")
    proc = subprocess.Popen([sys.executable, "-m", "greentasks", "--db", str(office), "import-returns", str(flat)],
                            env=_env(tmp_path / "data"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(_batches(office)) >= 3:
            break
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(office)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        batches = conn.execute("SELECT id, rows FROM import_batches WHERE kind = 'returns'").fetchall()
        assert 0 < len(batches) < len(files), "the kill should land part-way through the batch"
        for batch_id, rows in batches:
            entries = conn.execute("SELECT COUNT(*) FROM progress_entries WHERE batch_id = ?", (batch_id,)).fetchone()[0]
            assert entries == rows  # this file entirely
        orphans = conn.execute(
            "SELECT COUNT(*) FROM progress_entries e LEFT JOIN import_batches b ON b.id = e.batch_id "
            "WHERE b.id IS NULL").fetchone()[0]
        assert orphans == 0  # no file partly
    finally:
        conn.close()
    # The database still works, and importing the folder again takes the files that were not in.
    result = subprocess.run([sys.executable, "-m", "greentasks", "--db", str(office), "import-returns", str(flat)],
                            env=_env(tmp_path / "data"), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert len(_batches(office)) == len(files)


EDITOR = textwrap.dedent("""
    import sys
    from sqlalchemy import select
    from greentasks.db import Database
    from greentasks.errors import DatabaseError
    from greentasks.models import Assignment
    from greentasks.services.assignments import AssignmentEdit, edit_assignment
    from greentasks.services.audit import Actor

    db = Database(sys.argv[1])
    with db.reading() as s:
        ids = list(s.scalars(select(Assignment.id).order_by(Assignment.id).limit(60)))
    for i, aid in enumerate(ids):
        for attempt in range(3):
            try:
                with db.writing() as s:
                    a = s.get(Assignment, aid)
                    edit_assignment(s, Actor(user="editor"), aid, a.version, AssignmentEdit(note=f"edit-{i}"))
                break
            except DatabaseError as exc:
                print(exc, file=sys.stderr)
    print("done", len(ids))
""")


@pytest.mark.slow
def test_two_clerks_import_and_edit_at_once_without_losing_a_write(office, tmp_path):
    from greentasks.db import Database

    db = Database(office)
    files = filled_returns(db, tmp_path / "returns", "2023Q2", date(2023, 7, 5))
    db.dispose()
    env = _env(tmp_path / "data")
    script = tmp_path / "editor.py"
    script.write_text(EDITOR, encoding="utf-8")
    importer = subprocess.Popen([sys.executable, "-m", "greentasks", "--db", str(office), "import-returns",
                                 str(tmp_path / "returns")], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    editor = subprocess.Popen([sys.executable, str(script), str(office)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    i_out, i_err = importer.communicate(timeout=300)
    e_out, e_err = editor.communicate(timeout=300)
    for code, err in ((importer.returncode, i_err), (editor.returncode, e_err)):
        assert code == 0 or "数据库正忙" in err, err
    conn = sqlite3.connect(office)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        notes = dict(conn.execute("SELECT id, note FROM assignments ORDER BY id LIMIT 60").fetchall())
        if editor.returncode == 0 and "数据库正忙" not in e_err:
            assert sorted(notes.values(), key=lambda n: int(n.split("-")[1])) == [f"edit-{i}" for i in range(60)]
        if importer.returncode == 0:
            batches = conn.execute("SELECT id, rows FROM import_batches WHERE kind='returns'").fetchall()
            assert len(batches) == len(files)
            for batch_id, rows in batches:
                assert conn.execute("SELECT COUNT(*) FROM progress_entries WHERE batch_id=?",
                                    (batch_id,)).fetchone()[0] == rows
        # Both writers' work is there together: statuses from the returns and the editor's notes.
        assert conn.execute("SELECT COUNT(*) FROM assignments WHERE status_source='return'").fetchone()[0] > 0
    finally:
        conn.close()
