"""``gui``: the desktop app. Qt is loaded only when the command runs, so that every other
command (and ``--help``) works on a machine without it."""

from __future__ import annotations

from .common import App, Handler
from .parser import AddCommand


def register(cmd: AddCommand) -> None:
    p = cmd("gui", "启动桌面程序")
    p.add_argument("--smoke", action="store_true", help="打开主窗口，逐个显示各页面后退出（自检）")
    p.add_argument("--screenshots", metavar="文件夹", help="把每个页面截图保存到这个文件夹")


def cmd_gui(app: App) -> int:
    from ui.app import run

    return run(db_target=getattr(app.args, "db", None), today=getattr(app.args, "today", None),
               smoke=app.args.smoke, screenshots=app.args.screenshots)


COMMANDS: dict[str, Handler] = {"gui": cmd_gui}
