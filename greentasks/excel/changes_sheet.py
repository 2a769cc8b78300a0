"""The ledger's 环比 sheet (docs/excel.md#ledger, docs/periods.md#changes): what changed since the
last period, list by list, under the cumulative share completed against the 序时进度.

Written from plain rows (``services.period_changes.changes_sheet``); nothing here reads the
database. Every row gets its height here, for its longest wrapped cell: Excel and WPS do not grow a row
for merged cells, and LibreOffice and WPS do not always grow one written without a height, so a
long measure would otherwise print over the next row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import sheetstyle as st
from .celltext import printable

SHEET = "环比"
# 序号, 单位, 任务编号 (or a count), 具体工作 (or the streak), 变化 (or a contact), 说明 (or a phone).
WIDTHS = [6, 20, 10, 46, 18, 36]
CENTRED = (1, 3)


@dataclass
class ChangesSection:
    heading: str  # 新完成（3项）
    headers: list[str]  # as many as WIDTHS
    rows: list[list[object]]
    empty_text: str = "无。"


@dataclass
class ChangesSheet:
    title: str
    subtitle: str  # 2023年第二季度与2023年第一季度相比（本期按…、上期按…的情况比较）
    lines: list[str] = field(default_factory=list)  # the headline and the shares against 序时进度
    sections: list[ChangesSection] = field(default_factory=list)


def row_height(values: list[object], widths: list[float], size: int = 10) -> float:
    """The estimate every sheet uses (sheetstyle's row heights)."""
    lines = max((st.line_count(v, w, size) for v, w in zip(values, widths, strict=False)), default=1)
    return st.row_height_for(lines, size)


def write_changes_sheet(wb: Workbook, data: ChangesSheet) -> Worksheet:
    ws = wb.create_sheet(SHEET)
    total = float(sum(WIDTHS))
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    row = 1

    def merged(text: str, font, size: int, align=st.LEFT) -> None:
        nonlocal row
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(WIDTHS))
        cell = st.put(ws, row, 1, printable(text))
        cell.font = font
        cell.alignment = align
        ws.row_dimensions[row].height = row_height([text], [total], size)
        row += 1

    merged(data.title, st.title_font(16), 16, st.CENTER)
    merged(data.subtitle, st.body_font(12), 12, st.CENTER)
    for line in data.lines:
        merged(line, st.body_font(11), 11)
    row += 1
    font = st.body_font(10)
    body = st.TableRows(ws, WIDTHS)
    styles = [body.style(font=font, border=st.BORDER, alignment=st.CENTER if col in CENTRED else st.WRAP)
              for col in range(1, len(WIDTHS) + 1)]
    for section in data.sections:
        merged(section.heading, st.body_font(11, bold=True), 11)
        st.header_row(ws, row, section.headers)
        st.fit_rows(ws, row, row)
        row += 1
        if not section.rows:
            merged(section.empty_text, font, 10)
        for values in section.rows:
            body.write(row, values, styles)
            row += 1
        row += 1
    st.a4_landscape(ws)
    return ws
