"""A report of ``greentasks.reports`` as a spreadsheet: one sheet per part, with the title, the
info and summary lines, the tables (light tints kept, the word stays in the text) and the notes.

Used for the 考评 ranking (``services.exports.export_scores``) so the office can 通报 it or work on
it in Excel; the printed and the spreadsheet versions come from the same report content.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from ..reports.model import ALIGN_CENTER, ALIGN_RIGHT, Report
from . import sheetstyle as st

TINT_FILLS = {
    **st.LIGHT_FILLS,
    "蓝": PatternFill("solid", fgColor="D6E4F5"),
    "灰": PatternFill("solid", fgColor="E7E9EC"),
}
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(text: str, used: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("", text)[:28] or "报表"
    name, n = base, 2
    while name in used:
        name = f"{base[:26]}{n}"
        n += 1
    used.add(name)
    return name


def write_report(report: Report, out: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for part in report.parts:
        ws = wb.create_sheet(_sheet_name(part.key or report.name, used))
        width = max((len(t.columns) for t in part.tables), default=1)
        row = 1

        def line(text: str, *, font, height: float | None = None, align=st.LEFT, ws=ws, width=width) -> None:
            nonlocal row
            if not text:
                return
            cell = st.put(ws, row, 1, text)
            cell.font = font
            cell.alignment = align
            if width > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            if height:
                ws.row_dimensions[row].height = height
            row += 1

        line(part.title.replace("\n", ""), font=st.title_font(16), height=30, align=st.CENTER)
        line(part.subtitle, font=st.body_font(12), align=st.CENTER)
        line("　　".join(x for x in part.info if x), font=st.body_font(11))
        for paragraph in part.paragraphs:
            line(paragraph, font=st.body_font(11))
        line(part.summary, font=st.body_font(11, bold=True))
        line(part.summary_extra, font=st.body_font(10))
        header_rows: str | None = None
        for table in part.tables:
            line(table.caption, font=st.body_font(11, bold=True))
            total = sum(c.width for c in table.columns) or 1
            st.header_row(ws, row, [c.title for c in table.columns],
                          [max(6.0, 120 * c.width / total) for c in table.columns])
            header_rows = header_rows or f"{row}:{row}"
            row += 1
            if not table.rows:
                line(table.empty_text, font=st.body_font(11), align=st.CENTER)
            for group in table.groups:
                if group.heading:
                    line(group.heading, font=st.body_font(11, bold=True))
                for r in group.rows:
                    for col, (cell, spec) in enumerate(zip(r.cells, table.columns, strict=False), start=1):
                        text = cell.plain()
                        value: object = text
                        if spec.align in (ALIGN_CENTER, ALIGN_RIGHT) and re.fullmatch(r"-?\d+(\.\d+)?", text):
                            value = float(text) if "." in text else int(text)
                        c = st.put(ws, row, col, value)
                        c.border = st.BORDER
                        c.font = st.body_font(11, bold=cell.bold)
                        c.alignment = st.CENTER if spec.align == ALIGN_CENTER else st.WRAP
                        if cell.tint in TINT_FILLS:
                            c.fill = TINT_FILLS[cell.tint]
                    row += 1
        row += 1
        for note in [*part.closing, *part.footnotes]:
            line(note, font=st.body_font(10))
        for block in part.signatures:
            line("　　".join(f"{s.label}：{s.value}" if s.label else s.value for s in block.items),
                 font=st.body_font(11))
        st.fit_rows(ws)
        st.a4_landscape(ws, title_rows=header_rows)
    if not wb.worksheets:
        ws = wb.create_sheet(report.name)
        st.put(ws, 1, 1, report.empty_message or "（无）")
    return st.save_workbook(wb, out)
