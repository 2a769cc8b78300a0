"""Backups (docs/data-safety.md#backups): automatic copies before imports and upgrades, and backup/restore by hand.

SQLite files are copied with SQLite's online backup API, which gives a consistent copy even
while another clerk writes. A server database is backed up by its own tools (see README).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..db import Database, known_revisions, sqlite_online_backup
from ..errors import DatabaseError, UsageError
from ..paths import backups_dir

KEEP_AUTOMATIC = 20
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff-]+")
_COPY_NAME = re.compile(r"^\d{8}-\d{6}-\d{6}_.+\.db$")


def backups_folder(source: Path) -> Path:
    """The automatic backups of one database file: a folder of their own (named after the file
    and its full path), so that two databases never share, or prune, each other's copies."""
    digest = hashlib.sha1(str(source.resolve()).encode("utf-8")).hexdigest()[:8]
    folder = backups_dir() / f"{_UNSAFE.sub('_', source.stem)}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _copies(folder: Path) -> list[Path]:
    return sorted((p for p in folder.glob("*.db") if _COPY_NAME.match(p.name)), key=lambda p: p.name)


def auto_backup(db: Database, reason: str) -> Path | None:
    """Copy the database into the user data folder before a risky change; keep the last 20."""
    source = db.sqlite_path
    if source is None or not source.exists() or source.stat().st_size == 0:
        return None
    folder = backups_folder(source)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}_{_UNSAFE.sub('_', reason)}.db"
    sqlite_online_backup(source, target)
    prune(folder)
    return target


def prune(folder: Path, keep: int = KEEP_AUTOMATIC) -> None:
    for old in _copies(folder)[:-keep]:
        old.unlink(missing_ok=True)


def list_backups(db: Database) -> list[Path]:
    """The automatic backups of this database, newest first."""
    source = db.sqlite_path
    if source is None:
        return []
    return list(reversed(_copies(backups_folder(source))))


BACKUP_SUFFIXES = (".db", ".sqlite", ".sqlite3")
# A name's ending that is a file type (.zip, .xlsx, .bak), as opposed to a dot inside a folder
# name such as 2024.12 (digits) — only the former makes a name a file name.
_FILE_TYPE = re.compile(r"^\.[A-Za-z][A-Za-z0-9]{0,7}$")


def backup_file_name(source: Path, when: datetime | None = None) -> str:
    """The file a backup into a folder gets: greentasks-备份-20261201-093000.db."""
    return f"{source.stem}-备份-{(when or datetime.now()):%Y%m%d-%H%M%S}.db"


@dataclass
class BackupTarget:
    file: Path
    new_folder: Path | None = None  # the folder that will be created for it, if any


def backup_target(text: str, source: Path) -> BackupTarget:
    """Where ``greentasks backup TEXT`` writes, by the rule a clerk expects:

    * a folder — an existing one, a path ending in a separator (``D:\\备份\\``), or a name with no
      file type (``D:\\备份``) — gets a file named by :func:`backup_file_name`, the folder created
      if it is missing;
    * a name ending in .db (.sqlite, .sqlite3) is that file (its folder created if missing);
    * any other file type (备份.zip, 台账.xlsx) is refused: a backup is a database file, and a
      name for something else is a slip, never a file to write a database into.
    """
    raw = text.strip()
    if not raw:
        raise UsageError("请给出备份位置：一个文件夹（如 D:\\备份\\）或以 .db 结尾的文件名。")
    out = Path(raw).expanduser()
    as_folder = raw.endswith(("/", "\\")) or out.is_dir()
    if not as_folder and out.suffix.lower() not in BACKUP_SUFFIXES:
        if _FILE_TYPE.match(out.suffix) or out.is_file():
            raise UsageError(
                f"“{raw}”不是数据库备份的文件名：备份文件以 .db 结尾（如 {out.with_suffix('.db').name}）。"
                f"要备份到一个文件夹，请在路径末尾加上“{os.sep}”（如 {out.parent / out.stem}{os.sep}）。")
        as_folder = True
    if as_folder:
        if out.exists() and not out.is_dir():
            raise UsageError(f"“{out}”是一个文件，不是文件夹。请给出文件夹，或以 .db 结尾的文件名。")
        return BackupTarget(out / backup_file_name(source), None if out.is_dir() else out)
    if out.exists() and not out.is_file():
        raise UsageError(f"“{out}”不是普通文件，不能写入备份。")
    return BackupTarget(out, None if out.parent.is_dir() else out.parent)


def backup_to(db: Database, out: Path | BackupTarget) -> Path:
    """Copy the database to ``out`` (a file; an existing folder gets a named file in it)."""
    source = db.sqlite_path
    if source is None:
        raise UsageError("服务器数据库请用数据库自带的备份工具（如 pg_dump）备份，见使用说明。")
    if isinstance(out, BackupTarget):
        target = out
    else:
        out = Path(out).expanduser()
        target = BackupTarget(out / backup_file_name(source) if out.is_dir() else out)
    file = target.file
    if file.exists() and file.resolve() == source.resolve():
        raise UsageError(f"“{file}”就是正在使用的数据库本身，不能备份到它自己。请换一个文件名或文件夹。")
    if file.is_file() and not _is_sqlite(file):
        raise UsageError(f"“{file}”是一个已有的文件，但不是数据库备份，不会覆盖它。请换一个文件名。")
    if target.new_folder is not None:
        try:
            target.new_folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"无法新建文件夹“{target.new_folder}”（{exc.strerror or exc}）。请换一个位置。") from exc
    elif not file.parent.is_dir():
        raise UsageError(f"备份位置的文件夹“{file.parent}”不存在，请先建好文件夹或换一个位置。")
    tmp = file.with_name(file.name + ".part")
    sqlite_online_backup(source, tmp)
    tmp.replace(file)
    return file


def _is_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's header (what a backup and a restore source are)."""
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def check_backup_file(path: Path) -> str:
    """A restore source must be an SQLite file holding a greentasks schema of a known version."""
    if not path.is_file():
        raise UsageError(f"找不到备份文件“{path}”。")
    if not _is_sqlite(path):
        raise DatabaseError(f"“{path.name}”不是 greentasks 的数据库备份（不是 SQLite 数据库文件）。")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"“{path.name}”不是 greentasks 的数据库备份，或文件已损坏（{exc}）。") from exc
    if row is None:
        raise DatabaseError(f"“{path.name}”不是 greentasks 的数据库备份。")
    if row[0] not in known_revisions():
        raise DatabaseError(f"“{path.name}”来自更新版本的 greentasks，本版本无法恢复。请先升级程序。")
    if ok != "ok":
        raise DatabaseError(f"“{path.name}”已损坏（完整性检查未通过），不能用来恢复。")
    return row[0]


def restore_from(db: Database, source: Path) -> Path | None:
    """Replace the database with a backup; the current database is backed up first."""
    target = db.sqlite_path
    if target is None:
        raise UsageError("服务器数据库请用数据库自带的工具恢复，见使用说明。")
    check_backup_file(source)
    safety = auto_backup(db, reason="恢复前")
    db.dispose()
    # The backup API writes the pages under SQLite's own locking (and WAL), so a restore is
    # atomic and a clerk who has the database open sees either the old or the restored data.
    sqlite_online_backup(source, target)
    return safety
