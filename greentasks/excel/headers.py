"""Finding a table's header row and its columns by header text (SPEC §6.1, §6.3).

Column order does not matter and extra columns are ignored. A header matches a column kind when
its folded text equals one of the kind's synonyms; a longer header that starts with a synonym of
three or more characters (完成时限（时间节点）) matches too, but an exact match always wins, and an
earlier synonym is preferred (任务编号 over 序号).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.text import fold
from .reader import Sheet

HEADER_SEARCH_ROWS = 15
_DECORATION = re.compile(r"[\s*＊:：]+")


@dataclass(frozen=True)
class ColumnKind:
    key: str
    synonyms: tuple[str, ...]


@dataclass
class HeaderMatch:
    row: int  # 0-based
    columns: dict[str, int]  # kind key -> 0-based column

    def col(self, key: str) -> int | None:
        return self.columns.get(key)


def header_text(value: object) -> str:
    return _DECORATION.sub("", fold(str(value))) if value is not None else ""


def match_columns(cells: list[object], kinds: list[ColumnKind]) -> dict[str, int]:
    texts = [header_text(v) for v in cells]
    candidates: list[tuple[int, int, int, str, int]] = []  # (prefix?, synonym rank, col, key, kind order)
    for order, kind in enumerate(kinds):
        for rank, synonym in enumerate(kind.synonyms):
            syn = header_text(synonym)
            for col, text in enumerate(texts):
                if not text:
                    continue
                if text == syn:
                    candidates.append((0, rank, col, kind.key, order))
                elif len(syn) >= 3 and text.startswith(syn):
                    candidates.append((1, rank, col, kind.key, order))
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for _prefix, _rank, col, key, _order in sorted(candidates):
        if key in chosen or col in used:
            continue
        chosen[key] = col
        used.add(col)
    return chosen


def find_header(sheet: Sheet, kinds: list[ColumnKind], required: list[tuple[str, ...]],
                search_rows: int = HEADER_SEARCH_ROWS) -> HeaderMatch | None:
    """The first row (within the first 15) whose columns satisfy every group in ``required``
    (a group is satisfied by any one of its keys)."""
    for r in range(min(search_rows, sheet.n_rows)):
        columns = match_columns(sheet.rows[r], kinds)
        if all(any(k in columns for k in group) for group in required):
            return HeaderMatch(row=r, columns=columns)
    return None
