"""Splitting a unit cell (牵头单位/配合单位/责任单位) into the names it lists (docs/excel.md#unit-cells).

Offices write these cells freely: ``牵头：区发改委；配合：区经信委、区财政局等``,
``区发改委（牵头）\\n各乡镇（街道）``, ``区农委/区林业局（按职责分工负责）``. This module only
splits and labels; matching names to the directory is done by the services.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from greentasks.domain.text import clean, fold

__all__ = ["LEAD", "SUPPORT", "UnitMention", "saved_name", "split_units"]

LEAD: Final = "牵头"
SUPPORT: Final = "配合"


@dataclass(frozen=True)
class UnitMention:
    name: str
    role: str | None = None  # "牵头", "配合" or None when the cell does not say


# A label ends with a colon; its first word sets the role of the names that follow it.
_LABEL_RE: Final = re.compile(r"(牵头|主办|主责|配合|协同|协办|参与|责任|负责)(?:单位|部门)?(?:[:：])\s*")
_LABEL_ROLE: Final = {
    "牵头": LEAD,
    "主办": LEAD,
    "主责": LEAD,
    "配合": SUPPORT,
    "协同": SUPPORT,
    "协办": SUPPORT,
    "参与": SUPPORT,
    "责任": None,
    "负责": None,
}
# Notes in brackets of any width; innermost first so nested notes go too.
_NOTE_RE: Final = re.compile(r"[（(【\[〔]([^（()）【】\[\]〔〕]*)[）)】\]〕]")
_NOTE_ROLE: Final = {
    fold(w): role
    for role, words in {
        LEAD: ("牵头", "牵头单位", "牵头部门", "主办", "主办单位"),
        SUPPORT: ("配合", "配合单位", "配合部门", "协办", "协同"),
    }.items()
    for w in words
}
_SEPARATORS_RE: Final = re.compile(r"[、，,；;/／|｜。\s\u200b\ufeff]+")
# "区发改委、区经信委等" / "…等单位" / "…等有关部门": the 等 closes a list, it is not a name.
_ETC_RE: Final = re.compile(r"等(?:相关|有关)?(?:单位|部门)?$")
# "区发改委牵头" without brackets is as common as "区发改委（牵头）".
_SUFFIX_ROLE_RE: Final = re.compile(r"(牵头|配合)(?:单位|部门)?$")
_EDGE_JUNK: Final = " \t:：\"'“”‘’"
# Private-use characters stand in for protected names and notes while the cell is split.
_PUA_RE: Final = re.compile("[\ue000-\ue0ff]")
_NAME_MARK_RE: Final = re.compile("\ue000(\\d+)\ue001")
_NOTE_MARK_RE: Final = re.compile("\ue002(\\d+)\ue003")
_BRACKET_CLASS: Final = {"(": "[(（]", "（": "[(（]", ")": "[)）]", "）": "[)）]"}


def _bracket_pattern(name: str) -> re.Pattern[str]:
    parts = []
    for ch in name.strip():
        if ch in _BRACKET_CLASS:
            parts.append(r"\s*" + _BRACKET_CLASS[ch] + r"\s*")
        elif ch.isspace():
            parts.append(r"\s*")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def split_units(cell: object, bracket_names: Iterable[str] = ()) -> list[UnitMention]:
    """The unit names in a cell, in order, without duplicates, each with the role the cell gives.

    Names in ``bracket_names`` that contain brackets (各乡镇（街道）) are recognised first, with
    either width of bracket, and returned spelled as in ``bracket_names``.
    """
    text = _PUA_RE.sub("", clean(cell))
    if not text:
        return []

    # 1. Protect known names that contain brackets, longest first (各乡镇（街道）办事处 before
    #    各乡镇（街道）), so that their brackets are not taken for a note.
    protected: list[str] = []
    names = sorted(
        {n.strip() for n in bracket_names if n and re.search(r"[()（）]", n)}, key=len, reverse=True
    )
    for name in names:

        def _protect(_m: re.Match[str], name: str = name) -> str:
            protected.append(name)
            return f"\ue000{len(protected) - 1}\ue001"

        text = _bracket_pattern(name).sub(_protect, text)

    # 2. Lift bracketed notes out (they may hold separators: （按职责分工，排第一位的为牵头单位）).
    notes: list[str] = []

    def _note(m: re.Match[str]) -> str:
        notes.append(m.group(1))
        return f"\ue002{len(notes) - 1}\ue003"

    while True:
        lifted = _NOTE_RE.sub(_note, text)
        if lifted == text:
            break
        text = lifted

    # 3. Labels split the cell into runs; each run's names take the label's role.
    runs: list[tuple[str | None, str]] = []
    role: str | None = None
    pos = 0
    for m in _LABEL_RE.finditer(text):
        runs.append((role, text[pos : m.start()]))
        role = _LABEL_ROLE[m.group(1)]
        pos = m.end()
    runs.append((role, text[pos:]))

    result: list[UnitMention] = []
    index_of: dict[str, int] = {}  # folded name → its position in result (first one kept)
    for run_role, run in runs:
        previous: int | None = None  # the name just before, within this run
        for piece in _SEPARATORS_RE.split(run):
            # "区发改委 牵头": a role word standing alone belongs to the name before it.
            bare = _NOTE_MARK_RE.sub(lambda m: notes[int(m.group(1))], piece)
            word_role = _NOTE_ROLE.get(fold(bare.strip(_EDGE_JUNK)))
            if word_role is not None:
                if previous is not None:
                    result[previous] = UnitMention(result[previous].name, word_role)
                continue
            mention = _mention(piece, run_role, notes, protected)
            if mention is None:
                continue
            key = fold(mention.name)
            if key not in index_of:
                index_of[key] = len(result)
                result.append(mention)
            previous = index_of[key]
    return result


def _mention(piece: str, role: str | None, notes: list[str], protected: list[str]) -> UnitMention | None:
    # A trailing (牵头)/(配合) note sets the role; every other note is dropped.
    for index in _NOTE_MARK_RE.findall(piece):
        note_role = _NOTE_ROLE.get(fold(notes[int(index)]))
        if note_role is not None:
            role = note_role
    piece = _NOTE_MARK_RE.sub("", piece).strip(_EDGE_JUNK)
    piece = _ETC_RE.sub("", piece).strip(_EDGE_JUNK)
    if (m := _SUFFIX_ROLE_RE.search(piece)) and m.start() > 0:
        role = LEAD if m.group(1) == "牵头" else SUPPORT
        piece = piece[: m.start()].strip(_EDGE_JUNK)
    name = _NAME_MARK_RE.sub(lambda m: protected[int(m.group(1))], piece)
    if not name:
        return None
    return UnitMention(name, role)


def saved_name(name: str, bracket_names: list[str]) -> str:
    """The name as it is saved for a unit the directory did not know: a 填报单位 such as
    区发改局（盖章） loses its note (units are matched without it); a name that itself holds
    brackets, such as 各乡镇（街道）, is kept whole."""
    mentions = split_units(name, bracket_names)
    return mentions[0].name if len(mentions) == 1 else name
