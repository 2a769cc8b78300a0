"""The indicators sheet (docs/excel.md#indicators): write the 18 indicators with yearly values; read the same
shape back as the yearly values filled in (empty cells change nothing).

Only the sheet is here; ``services.exports`` gathers what is written and
``services.indicators_import`` matches what is read to the plan's indicators and records it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from ..domain.numbers import NotANumber, parse_number
from ..domain.text import clean
from ..errors import Problem
from . import sheetstyle as st
from .celltext import printable
from .headers import ColumnKind, find_header
from .plan_table import parse_task_ref
from .reader import Workbook as Book
from .reader import column_letter

YEARS = list(range(2021, 2026))
HEADERS = ["类别", "序号", "指标", "单位", "2025年目标", *(f"{y}年" for y in YEARS), "完成进度", "责任单位"]
WIDTHS = [14, 6, 40, 10, 12, *([10] * len(YEARS)), 10, 24]
SHEET = "指标"
_YEAR_HEADER = re.compile(r"^(20\d\d)年?度?(?:实际值|实际|完成值|完成|数值)?$")
_KINDS = [ColumnKind("no", ("序号", "编号")), ColumnKind("name", ("指标", "指标名称"))]


# --- writing ---------------------------------------------------------------------------------------

@dataclass
class IndicatorLine:
    """One indicator as the sheet shows it."""

    category: str
    no: int
    name: str
    unit: str
    target: int | float | str | None  # the 2025 target as a number, else as the annex words it
    values: dict[int, int | float | str | None]  # by year: a number or a value recorded as text
    progress: float | None  # the newest value as a share of the target
    departments: str


def write_indicators(lines: list[IndicatorLine], out: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    st.header_row(ws, 1, HEADERS, WIDTHS)
    for r, item in enumerate(lines, start=2):
        row = [item.category, item.no, item.name, item.unit, item.target, *(item.values.get(y) for y in YEARS),
               item.progress, item.departments]
        for col, value in enumerate(row, start=1):
            cell = st.put(ws, r, col, printable(value))
            cell.border = st.BORDER
            cell.font = st.body_font(11)
            cell.alignment = st.WRAP if col in (3, len(HEADERS)) else st.CENTER
        ws.cell(row=r, column=len(HEADERS) - 1).number_format = "0.0%"
    ws.freeze_panes = "C2"
    st.fit_rows(ws)
    st.a4_landscape(ws, title_rows="1:1")
    return st.save_workbook(wb, out)


# --- reading ---------------------------------------------------------------------------------------

@dataclass
class FilledValue:
    year: int
    text: str  # as written, kept with the number
    number: float | None  # None: not a number (the row's problems say where)
    column: str


@dataclass
class FilledRow:
    """A row with at least one year filled in, and what names its indicator."""

    row: int  # Excel row number
    no: int | None  # the 序号 read as a number (1, 一, （1）…)
    no_text: str  # the 序号 cell as written
    name: str
    values: list[FilledValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # year cells that hold no number


@dataclass
class FilledSheet:
    sheet: str
    rows: list[FilledRow]
    no_column: str | None
    name_column: str | None


def read_indicator_values(book: Book) -> tuple[FilledSheet | None, list[Problem]]:
    """The yearly values filled in on the first visible sheet with an indicators header; rows
    with no year filled (notes, category headings, blank rows) are left out. Without such a
    sheet, or without year columns, the problem that refuses the file."""
    file = book.path.name
    sheet = header = None
    for candidate in book.visible_sheets:
        header = find_header(candidate, _KINDS, [("no", "name")])
        if header is not None:
            sheet = candidate
            break
    if sheet is None or header is None:
        return None, [Problem("没有找到指标表的表头（须有“序号”和“指标”列）。请使用导出的指标表填写。", file=file)]
    year_cols, data_start = _year_columns(sheet, header)
    if not year_cols:
        return None, [Problem("指标表中没有年份列（如“2023年”）。请使用导出的指标表填写。", file=file,
                              sheet=sheet.name, row=header.row + 1)]
    no_col, name_col = header.columns.get("no"), header.columns.get("name")
    rows: list[FilledRow] = []
    for r in range(data_start, sheet.n_rows):
        filled = {year: sheet.value(r, c) for year, c in year_cols.items() if not _is_blank(sheet.value(r, c))}
        if not filled:
            continue  # whatever the row names, it records nothing
        no_value = sheet.value(r, no_col) if no_col is not None else None
        entry = FilledRow(row=r + 1, no=parse_task_ref(no_value) if clean(no_value) else None,
                          no_text=clean(no_value), name=clean(sheet.value(r, name_col)) if name_col is not None else "")
        for year, raw in filled.items():
            text, column = clean(raw), column_letter(year_cols[year])
            try:
                # Text as a clerk reads it (clean drops Excel's _x000D_ escapes); number cells as they are.
                number = parse_number(text if isinstance(raw, str) else raw)
            except NotANumber:
                number = None
                entry.problems.append(Problem(
                    f"{year}年的值“{text}”不是数值。请只填写数字（单位见“单位”列），没有数据的请留空。",
                    file=file, sheet=sheet.name, row=r + 1, column=column))
            entry.values.append(FilledValue(year, text, number, column))
        rows.append(entry)
    return FilledSheet(sheet.name, rows, column_letter(no_col) if no_col is not None else None,
                       column_letter(name_col) if name_col is not None else None), []


# What offices write for "no data": treated as an empty cell.
_NO_DATA = {"-", "—", "——", "－", "/", "／", "无", "暂无", "\\"}


def _is_blank(value: object) -> bool:
    text = clean(value)
    return text == "" or text in _NO_DATA


def _year_columns(sheet, header) -> tuple[dict[int, int], int]:
    """Year columns (2021年, 2022, 2023年度, 2024年实际…) in the header, or in the row under it when
    a merged "年度实际值" stands over the years; and the row the data start at."""
    for r in (header.row, header.last_row, header.last_row + 1):
        years: dict[int, int] = {}
        others = False
        for c, value in enumerate(sheet.rows[r] if r < sheet.n_rows else []):
            text = clean(value).replace(" ", "")
            m = _YEAR_HEADER.match(text)
            if m and "目标" not in text and int(m.group(1)) not in years:
                years[int(m.group(1))] = c
            elif text and not sheet.is_merged_covered(r, c):
                others = True
        if years and (r <= header.last_row or not others):
            return years, max(r + 1, header.data_start)
    return {}, header.data_start
