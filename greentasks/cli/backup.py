"""Backing up and restoring the database by hand (docs/data-safety.md#backups): backup, restore."""

from __future__ import annotations

from pathlib import Path

from .common import EXIT_OK, App, Handler, say
from .parser import AddCommand


def register(cmd: AddCommand) -> None:
    p = cmd("backup", "把数据库备份到一个文件")
    p.add_argument("out", metavar="备份位置",
                   help="以 .db 结尾的文件名，或一个文件夹（如 D:\\备份\\；文件夹不存在时新建，"
                        "备份文件名为 数据库名-备份-日期-时间.db）")

    p = cmd("restore", "用备份文件恢复数据库（先自动备份当前数据库）")
    p.add_argument("source", metavar="备份文件", help="以前备份的 .db 文件")


def cmd_backup(app: App) -> int:
    from ..services.backups import backup_target, backup_to

    db = app.ready_db()
    if db.sqlite_path is None:
        out = backup_to(db, Path(app.args.out))  # refused with the server's own way to back up
    else:
        # The text as typed: Path() would drop the separator that marks D:\备份\ as a folder.
        target = backup_target(app.args.out, db.sqlite_path)
        out = backup_to(db, target)
        if target.new_folder is not None:
            say(f"已新建文件夹：{target.new_folder}")
    say(f"已备份到：{out}")
    return EXIT_OK


def cmd_restore(app: App) -> int:
    from ..services.backups import restore_from
    from ..services.schema import upgrade

    source = Path(app.args.source)
    if not source.exists():
        from ..errors import UsageError

        raise UsageError(f"找不到备份文件“{source}”。")
    safety = restore_from(app.db, source)
    if safety:
        say(f"恢复前的数据库已备份到：{safety}")
    say(f"已从“{source.name}”恢复数据库。")
    upgrade(app.db)  # a backup from an older release is brought up to date (after its own backup)
    return EXIT_OK


COMMANDS: dict[str, Handler] = {"backup": cmd_backup, "restore": cmd_restore}
