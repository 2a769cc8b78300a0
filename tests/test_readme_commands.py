"""The README's 命令行 section lists every command and every option the program has (issue 11),
checked against the parser itself so that a new option cannot be left out."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from greentasks.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def command_block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## 命令行 / Command line"):]
    section = section[:section.index("\n## ", 3)]
    return re.search(r"```text\n(.*?)```", section, re.S).group(1)


def test_every_command_and_option_is_in_the_readme():
    block = command_block()
    lines = {line.split()[0]: line for line in block.splitlines()[1:] if line.strip()}
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.nargs == argparse.PARSER)
    assert set(lines) == set(subparsers.choices)
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            if action.dest in ("help", "db", "today"):
                continue
            for option in action.option_strings[-1:]:
                assert re.search(rf"{re.escape(option)}(?![\w-])", lines[name]), (name, option)
            if not action.option_strings:
                assert action.metavar in lines[name], (name, action.metavar)
            if action.choices and action.option_strings:
                assert "|".join(map(str, action.choices)) in lines[name], (name, action.dest)
    first = block.splitlines()[0]
    assert all(option in first for option in ("--db", "--today", "--version"))
