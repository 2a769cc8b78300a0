"""Backups (SPEC §9): automatic copies before imports and upgrades, and backup/restore by hand.

SQLite files are copied with SQLite's online backup API, which gives a consistent copy even
while another clerk writes. A server database is backed up by its own tools (see README).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
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


def backup_to(db: Database, out: Path) -> Path:
    source = db.sqlite_path
    if source is None:
        raise UsageError("服务器数据库请用数据库自带的备份工具（如 pg_dump）备份，见使用说明。")
    out = out.expanduser()
    if out.is_dir():
        out = out / f"{source.stem}_{datetime.now():%Y%m%d-%H%M%S}.db"
    if not out.parent.is_dir():
        raise UsageError(f"备份位置的文件夹“{out.parent}”不存在，请先建好文件夹或换一个位置。")
    tmp = out.with_name(out.name + ".part")
    sqlite_online_backup(source, tmp)
    tmp.replace(out)
    return out


def check_backup_file(path: Path) -> str:
    """A restore source must be an SQLite file holding a greentasks schema of a known version."""
    if not path.is_file():
        raise UsageError(f"找不到备份文件“{path}”。")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
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
