"""The `greentasks` command: the desktop app and the headless commands of docs/cli.md.

Exit codes: 0 done; 1 one or more input files were refused; 2 bad usage or a database that
cannot be opened. Messages go to stderr in Chinese; ``--json`` prints one UTF-8 document.
Imports are lazy so that ``greentasks gui`` starts quickly and ``--help`` needs no database.

The package: ``parser`` (argparse in Chinese), ``common`` (what the commands share: App, printing,
output files, reading --period/--department), and one module per group of commands, each with a
``register(cmd)`` that adds its sub-parsers and a ``COMMANDS`` table of handlers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from .. import __version__
from ..collector import hold_collector, release_collector
from . import (
    backup,
    bulletin,
    changes,
    directory,
    excel,
    extend,
    gui,
    items,
    notices,
    office,
    plans,
    report,
    settings,
)
from .common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, App, Handler, say
from .parser import ChineseArgumentParser, globals_parser

__all__ = ["EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "App", "build_parser", "gui_main", "main"]

# In the order --help lists the commands.
_GROUPS = (gui, office, plans, items, changes, extend, directory, backup, settings, excel, report, bulletin, notices)
COMMANDS: dict[str, Handler] = {name: handler for group in _GROUPS for name, handler in group.COMMANDS.items()}


def build_parser() -> argparse.ArgumentParser:
    common = globals_parser()
    parser = ChineseArgumentParser(
        prog="greentasks",
        description="南川府发〔2022〕34号 绿色发展重点任务督查督办台账",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"greentasks {__version__}",
                        help="显示程序版本号并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=ChineseArgumentParser)

    def cmd(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    for group in _GROUPS:
        group.register(cmd)
    return parser


def _drop_closed_stdout() -> None:
    """The reader of our output went away (``greentasks list | head``): send what is left to
    the null device, so that Python's own flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, where a closed pipe can still be handled
        return code
    except BrokenPipeError:
        # Not an error: whoever read the output (head, a pager) has all it wanted.
        _drop_closed_stdout()
        return EXIT_OK


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    if args.command is None:  # no command: the desktop app
        args.command, args.smoke, args.screenshots = "gui", False, None
    if args.command != "gui":  # the desktop app releases the collector once 总览 is painted
        release_collector()
    app = App(args)
    try:
        return _run(COMMANDS[args.command], app)
    finally:
        app.close()


def _run(handler: Handler, app: App) -> int:
    """The command's exit code; every failure becomes a Chinese message and an exit code."""
    from ..errors import DatabaseError, GreentasksError, UsageError

    try:
        return handler(app)
    except (UsageError, DatabaseError) as exc:
        say(f"错误：{exc}")
        return EXIT_USAGE
    except GreentasksError as exc:
        say(f"错误：{exc}")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        say("已取消。")
        return 130
    except BrokenPipeError:
        raise  # see main()
    except Exception as exc:  # noqa: BLE001 - last resort: a readable message, then the details
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
            say("错误：数据库正忙（另一位同事正在写入），已重试仍未成功。请稍后再试。")
            return EXIT_USAGE
        import traceback

        say("程序内部错误，操作没有完成，数据库未作改动。请把下面的信息发给维护人员：")
        traceback.print_exc()
        return EXIT_REFUSED


def gui_main() -> int:
    """Entry of the windowed program (no console on Windows): always the desktop app."""
    hold_collector()  # the installed greentasks-gui script comes here first (greentasks.collector)
    return main(["gui", *sys.argv[1:]])
