"""The command line's argparse machinery in Chinese: argparse's own words translated, help laid
out by the width of Chinese text on a terminal, and the argument types the commands share."""

from __future__ import annotations

import argparse
import contextlib
import functools
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from .common import EXIT_USAGE

# argparse's own words (usage, headings, -h, its error messages), in Chinese. argparse looks them
# up through its module-level gettext function each time it needs one, so the parser below swaps
# in this table while it builds, parses and formats, and puts argparse back afterwards.
_ARGPARSE_TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示帮助信息并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能给一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "“%(value)s”不是有效的值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：“%(value)s”（可选：%(choices)s）",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "ignored explicit argument %r": "这个选项不需要值：%r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有“%(parser_name)s”这个命令（可用的命令：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _argparse_text(message: str) -> str:
    return _ARGPARSE_TEXTS.get(message, message)


def _argparse_ntext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "需要 %s 个值"
    return singular if n == 1 else plural


@contextlib.contextmanager
def _argparse_in_chinese():
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_text, _argparse_ntext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _in_chinese(method: Callable) -> Callable:
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with _argparse_in_chinese():
            return method(self, *args, **kwargs)

    return wrapper


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_WRAP_TOKENS = re.compile(r"[!-~]+|\s+|.")  # a run of ASCII (a word, an option, a path) or one character
_NO_LINE_START = set("，。、；：！？）》」』”’")  # Chinese never starts a line with these


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help laid out for Chinese text: lines wrapped and columns aligned by their width on the
    terminal (a Chinese character is two columns), headings ending in a full-width colon, the
    commands listed under 命令 without a placeholder line, and an option given no metavar reads
    值 rather than its English destination name."""

    def _get_default_metavar_for_optional(self, action: argparse.Action) -> str:
        return "值"

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        line = ""
        for token in _WRAP_TOKENS.findall(" ".join(text.split())):
            if line and _width(line) + _width(token) > width and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = "" if token.isspace() else token
            else:
                line += token
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))

    def _format_action(self, action: argparse.Action) -> str:
        if action.nargs == argparse.PARSER:
            # Only the commands themselves: argparse would first print a line with the metavar.
            return "".join(self._format_action(sub) for sub in action._get_subactions())
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = _width(invocation) - len(invocation)
        head = " " * self._current_indent + invocation
        if extra and text.startswith(head + " " * (extra + 2)):
            # argparse padded the invocation by its number of characters; pad by its width.
            text = head + text[len(head) + extra:]
        return text

    def format_help(self) -> str:
        text = super().format_help()
        return "\n".join(line[:-1] + "：" if line.endswith(":") and line[:1] not in " " and
                         any("\u4e00" <= ch <= "\u9fff" for ch in line) else line
                         for line in text.split("\n"))


class ChineseArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose every text (usage, headings, -h, errors) is Chinese."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with _argparse_in_chinese():
            super().__init__(*args, **kwargs)

    add_subparsers = _in_chinese(argparse.ArgumentParser.add_subparsers)
    parse_args = _in_chinese(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_chinese(argparse.ArgumentParser.format_usage)
    format_help = _in_chinese(argparse.ArgumentParser.format_help)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # argparse quotes the choices with repr() and commas (choose from '红', '黄'); a clerk
        # reads 红、黄、绿. A wrong command name lists the commands.
        if action.choices is None or value in action.choices:
            return
        choices = "、".join(map(str, action.choices))
        if action.nargs == argparse.PARSER:
            raise argparse.ArgumentError(None, f"没有“{value}”这个命令。可用的命令：{choices}")
        raise argparse.ArgumentError(action, f"无效的选项：“{value}”（可选：{choices}）")

    def error(self, message: str) -> None:  # type: ignore[override]
        with _argparse_in_chinese():
            self.print_usage(sys.stderr)
        print(f"错误：{message}\n运行 {self.prog} -h 查看用法。", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不对，请写成 YYYY-MM-DD，如 2023-04-10") from None


def number_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为数字，如 18，而不是“{text}”") from None


def globals_parser() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    p = ChineseArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="数据库",
                   help="数据库文件路径或 SQLAlchemy URL（默认：用户数据文件夹中的 greentasks.db）")
    p.add_argument("--today", type=date_arg, default=argparse.SUPPRESS, metavar="YYYY-MM-DD",
                   help="把这一天当作“今天”（用于预警和报表）")
    return p


# What each command module's ``register`` is handed: makes the sub-parser of one command (its
# name and help text) with the global options already on it.
AddCommand = Callable[[str, str], argparse.ArgumentParser]
