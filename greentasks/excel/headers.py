"""Finding a table's header row and its columns by header text (docs/excel.md#headers).

Column order does not matter and extra columns are ignored. A header matches a column kind when
its folded text equals one of the kind's synonyms; a longer header that starts with a synonym of
three or more characters (完成时限（时间节点）) matches too, but an exact match always wins, and an
earlier synonym is preferred (任务编号 over 序号).

A header may take two rows, as offices draw it: a group header merged across (责任单位 over
牵头单位 | 配合单位) with the sub-headers on the row below, the other header cells merged down over
both rows. The row below belongs to the header when every value in it is either a copy of a
header cell merged down into it or exactly a header text; its column kinds then replace the
group's, and the data start under it. A row numbering the columns (1 | 2 | 3 …) under the
header belongs to it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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
    row: int  # 0-based, the (first) header row
    columns: dict[str, int]  # kind key -> 0-based column
    last_row: int = -1  # 0-based, the last header row (row, or row + 1 for a two-row header)

    def __post_init__(self) -> None:
        if self.last_row < self.row:
            self.last_row = self.row

    @property
    def data_start(self) -> int:
        """The 0-based row the data start at, right under the header."""
        return self.last_row + 1

    def col(self, key: str) -> int | None:
        return self.columns.get(key)


def header_text(value: object) -> str:
    return _DECORATION.sub("", fold(str(value))) if value is not None else ""


@cache
def _synonyms(kinds: tuple[ColumnKind, ...]) -> tuple[dict[str, list[tuple[int, str, int]]], list[tuple[str, int, str, int]]]:
    """Each kind's folded synonyms, prepared once: exact ones by text, and the prefixes (three
    characters or more) to try with startswith."""
    exact: dict[str, list[tuple[int, str, int]]] = {}
    prefixes: list[tuple[str, int, str, int]] = []
    for order, kind in enumerate(kinds):
        for rank, synonym in enumerate(kind.synonyms):
            syn = header_text(synonym)
            exact.setdefault(syn, []).append((rank, kind.key, order))
            if len(syn) >= 3:
                prefixes.append((syn, rank, kind.key, order))
    return exact, prefixes


def match_columns(cells: list[object], kinds: list[ColumnKind]) -> dict[str, int]:
    exact, prefixes = _synonyms(tuple(kinds))
    candidates: list[tuple[int, int, int, str, int]] = []  # (prefix?, synonym rank, col, key, kind order)
    for col, value in enumerate(cells):
        text = header_text(value)
        if not text:
            continue
        for rank, key, order in exact.get(text, ()):
            candidates.append((0, rank, col, key, order))
        for syn, rank, key, order in prefixes:
            if text != syn and text.startswith(syn):
                candidates.append((1, rank, col, key, order))
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
    (a group is satisfied by any one of its keys), with the row below it when that row
    continues the header (see the module's note)."""
    for r in range(min(search_rows, sheet.n_rows)):
        columns = match_columns(sheet.rows[r], kinds)
        if all(any(k in columns for k in group) for group in required):
            header = _second_row(sheet, HeaderMatch(row=r, columns=columns), kinds)
            if _is_column_numbers(sheet, header.last_row + 1):
                header.last_row += 1
            return header
    return None


def _is_column_numbers(sheet: Sheet, r: int) -> bool:
    """A row numbering the columns under the header (1 | 2 | 3 | …, as formal tables have): it is
    part of the header, not a first task."""
    if r >= sheet.n_rows:
        return False
    values = [v for v in sheet.rows[r] if header_text(v)]
    numbers = []
    for v in values:
        text = header_text(v)
        if isinstance(v, bool) or not text.isdigit():
            return False
        numbers.append(int(text))
    return len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] in (0, 1)


def other_tables(sheets: list[Sheet], chosen: Sheet, kinds: list[ColumnKind],
                 required: list[tuple[str, ...]]) -> list[str]:
    """Names of the other sheets that also hold such a table with something under its header,
    so that a clerk is told they were not read instead of losing their rows silently."""
    names = []
    for sheet in sheets:
        if sheet is chosen:
            continue
        header = find_header(sheet, kinds, required)
        if header is not None and any(not sheet.is_blank_row(r) for r in range(header.data_start, sheet.n_rows)):
            names.append(sheet.name)
    return names


def _is_exact_header(value: object, kinds: list[ColumnKind]) -> bool:
    text = header_text(value)
    return any(text == header_text(s) for kind in kinds for s in kind.synonyms)


def _second_row(sheet: Sheet, header: HeaderMatch, kinds: list[ColumnKind]) -> HeaderMatch:
    below = header.row + 1
    if below >= sheet.n_rows:
        return header
    cells = sheet.rows[below]
    own: list[object] = [None] * len(cells)  # the row's own header texts (merged-down copies left out)
    for c, value in enumerate(cells):
        if not header_text(value):
            continue
        span = sheet.merge_span(below, c)
        if span is not None and span[0] <= header.row:
            continue  # a header cell merged down over both rows
        if not _is_exact_header(value, kinds):
            return header  # a value that is not a header text: the data start here
        own[c] = value
    sub = match_columns(own, kinds)
    if not any(v is not None for v in own):
        # Only copies of header cells merged down: a tall one-row header.
        return HeaderMatch(row=header.row, columns=header.columns, last_row=below) if any(
            header_text(v) for v in cells) else header
    columns = {k: c for k, c in header.columns.items() if c not in sub.values() and k not in sub}
    columns.update(sub)
    return HeaderMatch(row=header.row, columns=columns, last_row=below)
