"""责任领导: the district leaders a task names (Task.leader), as one text of names joined with "、".

Tables write them many ways — 张三、李四 / 张三，李四 / one per line / 张  三 spaced out to the
width of a three-character name / 副区长 张三 / 张三 副区长 — and a clerk looks them up by one
name. Every reader stores :func:`normalize_leader`'s text, and every filter compares with
:func:`leader_matches`, so that the same leader is one name everywhere.
"""

from __future__ import annotations

import re

from .text import clean, fold

__all__ = ["NO_LEADER", "join_leaders", "leader_matches", "leader_names", "normalize_leader", "same_leaders"]

# The filter's choice for the tasks that name no leader (分工's combo, ``list --leader 未填写``).
NO_LEADER = "（未填写）"
SEPARATOR = "、"

_SPLIT = re.compile(r"[、，,；;/／|｜\n]+")
# A cell that says "nobody" (a table's 无 or —): no leader of that name.
_NOBODY = {"无", "暂无", "-", "--", "—", "——", "－"}
_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
# A title standing before a name with a space between (副区长 张三): part of that name, not one.
_TITLES = {"区长", "副区长", "常务副区长", "书记", "副书记", "区委书记", "区委副书记", "常委", "区委常委", "主任",
           "副主任", "主席", "副主席", "部长", "副部长", "院长", "检察长", "区政府党组成员"}


def leader_names(text: object) -> list[str]:
    """The names in a 责任领导 cell, in order, each once: separated by 、，,；;/| or line breaks,
    or by spaces between names of two characters or more (a name spaced out, 张  三, is one);
    无 or — (nobody) is no name."""
    names: list[str] = []
    for part in _SPLIT.split(clean(text)):
        for name in _spaced(part.strip()):
            if name and name not in _NOBODY and fold(name) not in {fold(n) for n in names}:
                names.append(name)
    return names


def _spaced(part: str) -> list[str]:
    tokens = part.split()
    if len(tokens) <= 1:
        return tokens
    if any(len(t) < 2 for t in tokens):
        return ["".join(tokens)]  # 张  三: one name, spaced out in the cell
    if fold(tokens[-1]) in _TITLES and fold(tokens[0]) not in _TITLES:
        # 张三 副区长 (李四 区委常委): the titles follow the names; each goes with the name before
        # it, in brackets as 张三（副区长） is written, so that it is no leader of its own.
        after: list[str] = []
        for token in tokens:
            if fold(token) in _TITLES and after:
                after[-1] += f"（{token}）"
            else:
                after.append(token)
        return after
    names: list[str] = []
    pending = ""
    for token in tokens:
        if fold(token) in _TITLES:
            pending += token
            continue
        names.append(pending + token)
        pending = ""
    if pending:
        names.append(pending)
    return names


def join_leaders(names: list[str]) -> str:
    return SEPARATOR.join(names)


def normalize_leader(text: object) -> str:
    """A 责任领导 cell as Task.leader holds it: its names joined with "、" ("" when none)."""
    return join_leaders(leader_names(text))


def same_leaders(a: str, b: str) -> bool:
    """The same names, in whatever order."""
    return {fold(n) for n in leader_names(a)} == {fold(n) for n in leader_names(b)}


def leader_matches(leader: str, wanted: str) -> bool:
    """Whether a task's 责任领导 includes ``wanted``: one of its names (brackets left out, as
    张三（副区长）), or a name ending with it (副区长张三 for 张三). :data:`NO_LEADER` (or 未填写)
    matches the tasks that name none."""
    key = fold(wanted)
    names = leader_names(leader)
    if key.strip("()[]【】") == "未填写":
        return not names
    for name in names:
        folded = fold(name)
        bare = _BRACKETS.sub("", folded)
        if key in (folded, bare) or (len(key) >= 2 and bare.endswith(key)):
            return True
    return False
