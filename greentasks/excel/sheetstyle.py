"""What every sheet the program writes shares: CJK fonts, borders, fills for the lights,
print setup (A4 landscape, one page wide, header rows repeated), and literal text cells."""

from __future__ import annotations

import os
from copy import copy
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from .celltext import printable

# 仿宋/宋体 as offices print them; Excel and WPS fall back to another CJK font where absent.
BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
HEADER_FONT = "宋体"

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)

LIGHT_FILLS = {
    "红": PatternFill("solid", fgColor="F4B6B0"),
    "黄": PatternFill("solid", fgColor="FCE8A6"),
    "绿": PatternFill("solid", fgColor="C9E7C0"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
EDITABLE_FILL = PatternFill("solid", fgColor="FFFDE7")
UNRECOGNISED_FILL = PatternFill("solid", fgColor="FFD8A8")


def title_font(size: int = 16) -> Font:
    return Font(name=TITLE_FONT, size=size, bold=True)


def body_font(size: int = 11, bold: bool = False) -> Font:
    return Font(name=BODY_FONT, size=size, bold=bold)


def header_font() -> Font:
    return Font(name=HEADER_FONT, size=11, bold=True)


def put(ws: Worksheet, row: int, col: int, value: Any) -> Cell:
    """Write a value; text is always a literal string, never a formula, whatever it starts with
    (=, +, -, @), because it came from a unit or a clerk."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = printable(value)  # control characters pasted from Word cannot be stored
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def header_row(ws: Worksheet, row: int, headers: list[str], widths: list[float] | None = None) -> None:
    for col, text in enumerate(headers, start=1):
        cell = put(ws, row, col, text)
        cell.font = header_font()
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = CENTER
    if widths:
        from openpyxl.utils import get_column_letter

        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width


def a4_landscape(ws: Worksheet, title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    if title_rows:
        ws.print_title_rows = title_rows


class Styler:
    """Applies a few fixed cell styles quickly to many cells.

    Setting openpyxl's font/border/fill on each cell hashes the style objects every time (10 s
    for a ledger of 5,000 rows); here each combination is set once and its compact style array
    copied to the other cells, as openpyxl itself does when it copies a sheet.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple, object] = {}

    def apply(self, cell: Cell, *, font: Font | None = None, border: Border | None = None,
              alignment: Alignment | None = None, fill: PatternFill | None = None,
              number_format: str | None = None, key: tuple | None = None) -> Cell:
        key = key or (id(font), id(border), id(alignment), id(fill), number_format)
        cached = self._cache.get(key)
        if cached is not None:
            cell._style = copy(cached)
            return cell
        if font is not None:
            cell.font = font
        if border is not None:
            cell.border = border
        if alignment is not None:
            cell.alignment = alignment
        if fill is not None:
            cell.fill = fill
        if number_format is not None:
            cell.number_format = number_format
        self._cache[key] = copy(cell._style)
        return cell


def save_workbook(wb, out) -> Path:
    """Save through a temporary file beside the target, so a failed save never leaves half a
    file; a target that is open in Excel or WPS (locked on Windows) gets a message saying so."""
    from ..errors import UsageError

    out = Path(out)
    tmp = out.with_name(f".{out.stem}.{os.getpid()}.part.xlsx")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        tmp.replace(out)
    except PermissionError as exc:
        raise UsageError(f"无法保存“{out.name}”：文件可能正在 Excel 或 WPS 中打开，或没有写入权限。"
                         "请关闭这个文件（或换一个文件名、文件夹）后再试。") from exc
    except OSError as exc:
        raise UsageError(f"无法保存“{out}”：{exc.strerror or exc}。请换一个文件夹或文件名后再试。") from exc
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)
    return out
