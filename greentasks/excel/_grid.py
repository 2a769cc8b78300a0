"""Turning cells from any format into the one grid shape of :class:`~greentasks.excel.reader.Sheet`.

Every format reader hands its cells here, either dense (a list of rows, as calamine gives them) or
sparse (a ``{(row, col): value}`` map, as HTML, CSV and XML 2003 give them). This module
normalises values, trims trailing empty rows and columns, never materialises rows beyond the last
one with a value, and fills merged ranges with their top-left value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from . import _messages as msg

# A sheet whose used range (from A1 to its last cell with a value) holds more cells than this is
# refused instead of read: it is almost always one stray value far away, and materialising it
# would cost seconds and hundreds of MB (4 million cells: 3 s, 330 MB). A million cells reads in
# well under a second and is ~100× the biggest table the office uses (a plan's 分工表).
MAX_CELLS = 1_000_000

Merge = tuple[int, int, int, int]


@dataclass
class RawSheet:
    name: str
    hidden: bool
    rows: list[list[object]]
    merged: list[Merge] = field(default_factory=list)
    hidden_cols: frozenset[int] = frozenset()
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)  # formulas saved without a value


def column_letter(col0: int) -> str:
    if col0 < 0:
        raise ValueError(f"column index must be >= 0, got {col0}")
    letters = ""
    n = col0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --- values ----------------------------------------------------------------------------------------


def normalise(value: object) -> object:
    """One cell value as every reader returns it (see reader.py for the rules)."""
    if value is None:
        return None
    t = type(value)
    if t is str:
        if not value:
            return None
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value
    if t is float:
        if value.is_integer():
            return int(value)
        return value
    if t is int or t is bool or t is date:
        return value
    if t is datetime:
        if value.hour == value.minute == value.second == value.microsecond == 0 and value.tzinfo is None:
            return value.date()
        return value
    if t is time:
        return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
    if t is timedelta:
        total = int(value.total_seconds())
        sign = "-" if total < 0 else ""
        h, rest = divmod(abs(total), 3600)
        m, s = divmod(rest, 60)
        return f"{sign}{h}:{m:02d}:{s:02d}"
    if isinstance(value, str):
        return normalise(str(value))
    if isinstance(value, float):
        return normalise(float(value))
    if isinstance(value, int):
        return int(value)
    return normalise(str(value))


_INT = re.compile(r"[+-]?(?:0|[1-9]\d{0,14})")
_DEC = re.compile(r"[+-]?(?:0|[1-9]\d{0,14})\.\d{1,15}")
_DATE = re.compile(
    r"(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def typed_text(text: str | None) -> object:
    """A text cell of an untyped format (CSV, HTML) typed the way Excel types it on opening.

    Plain integers (no leading zero, at most 15 digits) and decimals become numbers; a full date
    ``2023-03-31``, ``2023/3/31``, ``2023.3.31`` or ``2023年3月31日`` (optionally with a time)
    becomes a date or datetime. Everything else stays text, so codes such as ``0023`` and
    18-digit ID numbers are kept exactly.
    """
    if text is None:
        return None
    s = text.strip()
    if not s:
        return normalise(text)
    if len(s) <= 33 and s[0] in "+-0123456789":
        if _INT.fullmatch(s):
            return int(s)
        if _DEC.fullmatch(s):
            return normalise(float(s))
        m = _DATE.fullmatch(s)
        if m:
            y = int(m.group(1))
            mo = int(m.group(2) or m.group(4))
            d = int(m.group(3) or m.group(5))
            try:
                if m.group(6) is None:
                    return date(y, mo, d)
                return normalise(datetime(y, mo, d, int(m.group(6)), int(m.group(7)), int(m.group(8) or 0)))
            except ValueError:
                return normalise(text)
    return normalise(text)


# --- grids -----------------------------------------------------------------------------------------


def check_extent(sheet: str, n_rows: int, n_cols: int, file_name: str) -> None:
    if n_rows * n_cols > MAX_CELLS:
        raise msg.refuse(file_name, msg.range_too_big(sheet, n_rows, column_letter(max(n_cols - 1, 0))))


def _trim(row: list[object]) -> list[object]:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    if end != len(row):
        del row[end:]
    return row


def from_dense(
    name: str,
    hidden: bool,
    rows: Iterable[list[object]],
    merges: Iterable[Merge] = (),
    hidden_cols: Iterable[int] = (),
    uncached: dict[tuple[int, int], str] | None = None,
) -> RawSheet:
    """Rows as a reader returns them (raw values, '' for empty), indexed from A1."""
    out: list[list[object]] = []
    last = -1
    for i, raw in enumerate(rows):
        row = _trim([normalise(v) for v in raw])
        out.append(row)
        if row:
            last = i
    del out[last + 1 :]
    sheet = _finish(name, hidden, out, merges, hidden_cols)
    if uncached:
        sheet.uncached = dict(uncached)
    return sheet


def from_sparse(
    name: str,
    hidden: bool,
    cells: dict[tuple[int, int], object],
    merges: Iterable[Merge],
    file_name: str,
    hidden_cols: Iterable[int] = (),
    normalised: bool = False,
) -> RawSheet:
    """Cells keyed by (row, col), 0-based; only cells with a value need to be present."""
    values = cells if normalised else {k: normalise(v) for k, v in cells.items()}
    values = {k: v for k, v in values.items() if v is not None}
    if not values:
        return _finish(name, hidden, [], merges, hidden_cols)
    n_rows = max(r for r, _ in values) + 1
    n_cols = max(c for _, c in values) + 1
    check_extent(name, n_rows, n_cols, file_name)
    rows: list[list[object]] = [[] for _ in range(n_rows)]
    for (r, c), v in sorted(values.items()):
        row = rows[r]
        if len(row) < c:
            row.extend([None] * (c - len(row)))
        row.append(v)
    return _finish(name, hidden, rows, merges, hidden_cols)


def _finish(
    name: str,
    hidden: bool,
    rows: list[list[object]],
    merges: Iterable[Merge],
    hidden_cols: Iterable[int],
) -> RawSheet:
    n_rows = len(rows)
    n_cols = max((len(r) for r in rows), default=0)
    kept: list[Merge] = []
    touched = False
    for m in merges:
        r1, c1, r2, c2 = m
        r1, r2 = min(r1, r2), max(r1, r2)
        c1, c2 = min(c1, c2), max(c1, c2)
        if r1 < 0 or c1 < 0 or r1 >= n_rows or c1 >= n_cols:
            continue  # the whole range lies outside the data: nothing to show or fill
        r2 = min(r2, n_rows - 1)
        c2 = min(c2, n_cols - 1)
        if r1 == r2 and c1 == c2:
            continue
        kept.append((r1, c1, r2, c2))
        origin = rows[r1]
        value = origin[c1] if c1 < len(origin) else None
        width = c2 - c1 + 1
        for r in range(r1, r2 + 1):
            row = rows[r]
            if len(row) <= c2:
                if value is None and len(row) <= c1:
                    continue
                row.extend([None] * (c2 + 1 - len(row)))
            row[c1 : c2 + 1] = [value] * width
            touched = True
    if touched:
        for row in rows:
            _trim(row)
        while rows and not rows[-1]:
            rows.pop()
        n_rows = len(rows)
        n_cols = max((len(r) for r in rows), default=0)
        # an empty merged block at the edge may now lie (partly) beyond the data: clamp again
        kept = [
            (r1, c1, min(r2, n_rows - 1), min(c2, n_cols - 1))
            for r1, c1, r2, c2 in kept
            if r1 < n_rows and c1 < n_cols and (r1, c1) != (min(r2, n_rows - 1), min(c2, n_cols - 1))
        ]
    kept.sort()
    return RawSheet(
        name=name,
        hidden=hidden,
        rows=rows,
        merged=kept,
        hidden_cols=frozenset(c for c in hidden_cols if 0 <= c < n_cols),
    )
