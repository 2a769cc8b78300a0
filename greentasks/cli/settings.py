"""The commands that change a setting (docs/cli.md#commands): set-password (the database
server's password, kept in the system's credential store) and set-horizon (the plan period)."""

from __future__ import annotations

import sys

from .common import EXIT_OK, App, Handler, say
from .parser import AddCommand, date_arg


def register(cmd: AddCommand) -> None:
    p = cmd("set-password", "把数据库服务器的密码保存到系统凭据管理器（之后 --db 中无需写密码）")
    p.add_argument("url", metavar="服务器地址", help="如 postgresql+psycopg://clerk@192.168.1.10/greentasks")
    p.add_argument("--stdin", action="store_true", help="从标准输入读取密码（用于脚本）")

    p = cmd("set-horizon", "更改规划期的截止日期（文件原定至2025年底）；周期性任务不再顺延到此日之后")
    p.add_argument("horizon", type=date_arg, metavar="截止日期", help="新的规划期截止日期，如 2027-12-31")


def cmd_set_password(app: App) -> int:
    from ..credentials import store_password

    if app.args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        import getpass

        password = getpass.getpass("数据库密码（输入时不显示）：")
    where = store_password(app.args.url, password)
    say(f"已把 {where} 的密码保存到系统凭据管理器。")
    return EXIT_OK


def cmd_set_horizon(app: App) -> int:
    from ..domain.planclock import cn_date
    from ..services.actions import extend_plan_horizon
    from ..services.settings import plan_clock

    db = app.ready_db()
    changed = extend_plan_horizon(db, app.args.horizon).value
    with db.reading() as session:
        clock = plan_clock(session, app.today)
    head = "规划期截止日期已改为" if changed else "规划期截止日期本来就是"
    say(f"{head}{cn_date(clock.horizon)}（{clock.period_text}，{clock.progress_text}）。")
    return EXIT_OK


COMMANDS: dict[str, Handler] = {"set-password": cmd_set_password, "set-horizon": cmd_set_horizon}
