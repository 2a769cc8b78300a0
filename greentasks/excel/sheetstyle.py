"""What every sheet the program writes shares: CJK fonts, borders, fills for the lights,
print setup (A4 landscape, one page wide, header rows repeated), literal text cells, dates in
Chinese, and row heights that fit wrapped text."""

from __future__ import annotations

import functools
import math
import os
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
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
# A date cell shows 2023年7月10日 (it stays a date: sortable, filterable).
DATE_FORMAT = 'yyyy"年"m"月"d"日"'


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


# -- row heights ------------------------------------------------------------------------------------
#
# Excel keeps a row at its default height unless told otherwise, and LibreOffice and WPS do not
# always grow a row written without one, so wrapped text would print over the next rows. Every
# writer therefore sets each row's height from its cells: the text's width in Excel's column units
# (a CJK character is two, as a "0" of the 11-point default font is one), the column's width (a
# merged cell: its columns together) and the font size.

DEFAULT_COLUMN_WIDTH = 8.43  # Excel's, for a column given no width
CELL_MARGIN = 1.5  # of a column's width, taken by the cell's own margins
LINE_FACTOR = 1.35  # a line of CJK text, in points per point of font size
ROW_PADDING = 4.0  # points above and below the lines
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def text_width(text: str) -> int:
    """Width in Excel's column units at 11 points: CJK characters (and the full-width and
    typographic punctuation they come with) count two, others one."""
    # Characters from U+0800 on take three bytes in UTF-8 (two below): counting them this way is
    # exact for what sheets hold (Latin, digits, CJK) and much faster than a loop per character.
    wide = (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2
    return len(text) + wide


def line_count(text: object, width: float, size: float = 11) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide at ``size`` points
    (each paragraph at least one)."""
    if text is None:
        return 1
    return _line_count(str(text), width, size)


@functools.lru_cache(maxsize=8192)  # a ledger repeats its tasks' texts, units and statuses row after row
def _line_count(text: str, width: float, size: float) -> int:
    usable = max(1.0, width - CELL_MARGIN)
    # Smaller type is still counted at 11 points: a fallback CJK font may be wider than 仿宋.
    scale = max(1.0, size / 11)
    return sum(max(1, math.ceil(text_width(part) * scale / usable)) for part in text.split("\n"))


def row_height_for(lines: int, size: float = 11) -> float:
    """The height in points of a row holding ``lines`` lines at ``size`` points."""
    return min(MAX_ROW_HEIGHT, round(lines * size * LINE_FACTOR + ROW_PADDING, 1))


def column_width(ws: Worksheet, col: int) -> float:
    from openpyxl.utils import get_column_letter

    dim = ws.column_dimensions.get(get_column_letter(col))
    return float(dim.width) if dim is not None and dim.width else DEFAULT_COLUMN_WIDTH


def needed_height(cells: tuple[Cell | MergedCell, ...], widths: dict[int, float],
                  spans: dict[tuple[int, int], tuple[int, int]], styles: dict | None = None) -> float:
    """The height a row of ``cells`` needs for its tallest cell (``spans``: merged cells by their
    top-left corner → (last row, last column); cells a merge covers are skipped). ``styles``: a
    cache of each font and alignment's size and wrapping, kept over the rows of a sheet (asking
    openpyxl for a cell's font builds a proxy object each time)."""
    need = 0.0
    styles = {} if styles is None else styles
    for cell in cells:
        value = cell.value
        if value is None or isinstance(cell, MergedCell):
            continue
        last_row, last_col = spans.get((cell.row, cell.column), (cell.row, cell.column))
        if last_row != cell.row:
            continue  # merged down over several rows: the height is theirs together
        width = sum(widths.get(c, DEFAULT_COLUMN_WIDTH) for c in range(cell.column, last_col + 1))
        array = cell._style
        key = (array.fontId, array.alignmentId) if array is not None else None
        style = styles.get(key) if key is not None else None
        if style is None:
            style = (float(cell.font.sz or 11), bool(cell.alignment.wrap_text))
            if key is not None:
                styles[key] = style
        size, wrap = style
        text = value if isinstance(value, str) else _shown(value)
        lines = line_count(text, width, size) if wrap else len(text.split("\n"))
        need = max(need, row_height_for(lines, size))
    return need


def _shown(value: Any) -> str:
    """A number or a date as its cell shows it (a date in words: the longest is 2023年12月31日)."""
    return "2023年12月31日" if isinstance(value, date) else str(value)


def merged_spans(ws: Worksheet) -> dict[tuple[int, int], tuple[int, int]]:
    return {(r.min_row, r.min_col): (r.max_row, r.max_col) for r in ws.merged_cells.ranges}


def fit_rows(ws: Worksheet, first: int = 1, last: int | None = None, *, min_lines: int = 1) -> None:
    """Gives every row from ``first`` to ``last`` (the sheet's last row by default) the height its
    wrapped text needs; a height already set that is larger stays (a title row's, a note's).
    ``min_lines``: at least this many lines of the row's font (rows left for a unit to write in)."""
    last = ws.max_row if last is None else last
    if last < first:
        return
    spans = merged_spans(ws)
    widths = {col: column_width(ws, col) for col in range(1, ws.max_column + 1)}
    styles: dict = {}
    for cells in ws.iter_rows(min_row=first, max_row=last):
        row = cells[0].row
        need = needed_height(cells, widths, spans, styles)
        if min_lines > 1:
            size = max(float(c.font.sz or 11) for c in cells)
            need = max(need, row_height_for(min_lines, size))
        if need:
            ws.row_dimensions[row].height = max(need, ws.row_dimensions[row].height or 0)


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


class TableRows:
    """Writes the body rows of a large table (a ledger's thousands of 具体工作) and gives each row
    its height as it is written.

    The same cells through ``put``, ``Styler`` and ``fit_rows`` cost three passes: openpyxl's value
    checks (repeated here by ``printable``), a style lookup per cell, and reading every cell back for
    its font and text. Here each cell is made once with its style array, text is stored as the
    literal it is, and the height comes from the texts in hand, by the rules ``fit_rows`` uses."""

    def __init__(self, ws: Worksheet, widths: list[float]) -> None:
        self.ws = ws
        self._cells = ws._cells  # openpyxl's own store of a sheet's cells, by (row, column)
        self._widths = [float(w) for w in widths]
        self._styles: dict[tuple, tuple[StyleArray, float, bool]] = {}

    def style(self, *, font: Font, alignment: Alignment, border: Border | None = None,
              fill: PatternFill | None = None, number_format: str | None = None) -> tuple[StyleArray, float, bool]:
        """A cell style for ``write``: its style array, font size and whether it wraps."""
        key = (id(font), id(alignment), id(border), id(fill), number_format)
        known = self._styles.get(key)
        if known is None:
            # A scratch cell styled to get the array; never stored in the sheet.
            scratch = Styler().apply(Cell(self.ws), font=font, border=border, alignment=alignment, fill=fill,
                                     number_format=number_format)
            known = self._styles[key] = (scratch._style, float(font.sz or 11), bool(alignment.wrap_text))
        return known

    def write(self, row: int, values: list[Any], styles: list[tuple[StyleArray, float, bool]]) -> None:
        need = 0.0
        cells, ws = self._cells, self.ws
        for col, (value, (array, size, wrap), width) in enumerate(zip(values, styles, self._widths, strict=True), start=1):
            cell = Cell(ws, row=row, column=col, style_array=array)
            cells[(row, col)] = cell
            if value is None:
                continue
            if isinstance(value, str):
                # As put: always a literal, never a formula; printable leaves nothing openpyxl refuses.
                text = printable(value)[:32767]
                cell._value, cell.data_type = text, "s"
            else:
                cell.value = value
                text = _shown(value)
            lines = _line_count(text, width, size) if wrap else text.count("\n") + 1
            if lines * size > need:  # the height grows with lines × size: work it out once, for the tallest
                need, tallest = lines * size, (lines, size)
        if need:
            self.ws.row_dimensions[row].height = row_height_for(*tallest)


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
