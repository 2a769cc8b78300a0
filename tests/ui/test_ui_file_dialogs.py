"""File dialogs never open the database: an import done after a file dialog showed the database's
folder reaches the file, as a second program sees it (real SQLite file, real Qt file dialog,
second and third processes started with sys.executable).

POSIX locks belong to the process: had the dialog opened and closed greentasks.db (Qt's default
icon provider reads each file's first bytes), this program would hold no lock on it any more; the
next program to close the database would then take it for the last user, fold the WAL into the
file and delete the WAL, and this program's next save would go into the deleted WAL — an import
shown as done that never reached the database.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit

TODAY = date(2023, 4, 10)
ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import fcntl, os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
# SQLite's SHARED lock range (PENDING_BYTE + 2, 510 bytes): who holds a lock there?
probe = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 0x40000002, 510, 0)
kind, _whence, _start, _len, pid = struct.unpack("hhqqi", fcntl.fcntl(fd, fcntl.F_GETLK, probe))
print(0 if kind == fcntl.F_UNLCK else pid)
"""

OPEN_AND_CLOSE = r"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("SELECT count(*) FROM assignments").fetchone()
c.close()
"""

COUNT = r"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM progress_entries").fetchone()[0])
c.close()
"""


def other_program(script: str, db: Path) -> str:
    out = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def answer_file_dialog(qtbot, folder: Path, choose: Path | None = None) -> dict:
    """When the program's next file dialog is up: wait until it has listed ``folder`` (icons and
    kinds of every file included) and a little longer, then choose ``choose`` or cancel."""
    seen: dict = {}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            if seen.get("chosen"):
                timer.stop()
            return
        model = dialog.findChild(QFileSystemModel)
        root = model.index(str(folder))
        names = {model.index(r, 0, root).data() for r in range(model.rowCount(root))}
        seen["polls"] = seen.get("polls", 0) + 1
        listed = "x.db" in names or (choose is not None and choose.name in names)
        if listed:
            seen["listed"] = seen.get("listed", 0) + 1
        if seen.get("listed", 0) < 10 and seen["polls"] < 400:  # ~0.5 s more, to fetch kinds and icons
            return
        seen["kinds"] = {model.index(r, 0, root).data(): model.type(model.index(r, 0, root))
                         for r in range(model.rowCount(root))}
        seen["title"] = dialog.windowTitle()
        if choose is not None and "chosen" not in seen:
            seen["chosen"] = True
            dialog.findChild(QLineEdit, "fileNameEdit").setText(choose.name)  # as the clerk types it
            dialog.accept()
            return  # polled again: a dialog that did not take the name is cancelled
        timer.stop()
        dialog.reject()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    seen["timer"] = timer
    return seen


def filled_return(db, folder: Path) -> Path:
    from greentasks.domain.periods import parse_period
    from greentasks.services.exports import export_templates
    from tests.factories import fill_template

    folder.mkdir(exist_ok=True)
    [path] = export_templates(db, folder, parse_period("2023Q1"), ["区发展改革委"], today=TODAY)
    return fill_template(path, progress="对话框之后的报送", reported_on=date(2023, 4, 8))


def import_previewed(window, idle) -> int:
    view = window.view("returns")
    idle()
    assert {f.outcome for f in view.file_model.rows} == {"dry-run"}, [f.errors for f in view.file_model.rows]
    view.commit()
    idle()
    assert {f.outcome for f in view.file_model.rows} == {"imported"}
    return sum(f.rows for f in view.file_model.rows)


@pytest.mark.parametrize("dialog", ["打开或新建数据库文件", "选择进展情况表"])
def test_an_import_after_a_file_dialog_on_the_database_folder_reaches_the_file(window, db, office, qtbot, idle,
                                                                             tmp_path, dialog):
    from ui import prefs

    folder = office.parent
    assert (folder / "x.db-wal").exists()  # WAL mode, the program holding the database
    before = int(other_program(COUNT, office))
    returns = filled_return(db, folder if dialog == "选择进展情况表" else tmp_path / "收回")

    if dialog == "打开或新建数据库文件":
        # 文件 → 打开数据库文件…: it starts in the database's own folder; the clerk cancels.
        prefs.remember_folder("database", office)
        seen = answer_file_dialog(qtbot, folder)
        window.open_database_file()
        assert window.backend.describe() == str(office)
        window.view("returns").preview([returns])
    else:
        # 导入进展报送…: the returns were saved beside the database.
        prefs.remember_folder("returns", folder)
        seen = answer_file_dialog(qtbot, folder, choose=returns)
        window.import_returns()
    assert seen.get("title") == dialog and seen.get("listed"), seen
    if dialog == "打开或新建数据库文件":
        assert seen["kinds"]["x.db"] == "数据库文件"
    else:
        assert seen["kinds"][returns.name] == "Excel 表格"

    if sys.platform.startswith("linux"):
        assert int(other_program(HOLDER, office)) == QApplication.applicationPid()
    # A colleague's program (or `greentasks status`) opens and closes the database meanwhile.
    other_program(OPEN_AND_CLOSE, office)
    assert (folder / "x.db-wal").exists()

    imported = import_previewed(window, idle)
    assert imported > 0
    assert int(other_program(COUNT, office)) == before + imported


def test_the_icon_provider_knows_kinds_by_name_alone(tmp_path, qapp):
    from PySide6.QtCore import QFileInfo
    from PySide6.QtGui import QAbstractFileIconProvider

    from ui.dialogs.common import icon_provider

    provider = icon_provider()
    # PDF bytes under names that say nothing of PDF: a provider that reads the file says "PDF"
    for name in ("x.db-wal", "报表"):
        (tmp_path / name).write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert "PDF" in QAbstractFileIconProvider().type(QFileInfo(str(tmp_path / "报表")))  # Qt's own sniffs
    assert provider.type(QFileInfo(str(tmp_path / "x.db-wal"))) == "DB-WAL 文件"
    assert provider.type(QFileInfo(str(tmp_path / "报表"))) == "文件"
    assert provider.type(QFileInfo(str(tmp_path / "台账.xlsx"))) == "Excel 表格"
    assert provider.type(QFileInfo(str(tmp_path))) == "文件夹"
    assert not provider.icon(QFileInfo(str(tmp_path / "报表"))).isNull()


def test_every_file_dialog_of_the_program_goes_through_the_one_helper():
    direct = re.compile(r"QFileDialog\.get\w+\(|QFileDialog\(")
    offenders = [f"{path.relative_to(ROOT)}:{n}"
                 for path in sorted((ROOT / "ui").rglob("*.py")) if path.name != "common.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if direct.search(line)]
    assert offenders == []
