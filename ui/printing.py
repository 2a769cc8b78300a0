"""Lays out a report of ``greentasks.reports`` on paper and renders it with Qt.

One function, :func:`render`, draws a report on any paged paint device — the QPrinter of the
print dialog, the QPrinter of the print preview, or a QPdfWriter — so preview, paper and PDF are
the same drawing. Each part of the report is one QTextDocument laid out with the device's own
font metrics and the page body as its page size; QTextDocument paginates it (table header rows
repeated on every page, long cells wrapped, never cut), and :func:`render` paints page by page
and adds the footer (第x页 共y页).

Fonts: the title in 方正小标宋/黑体, headings in 黑体, text in 仿宋 and tables in 宋体, each with
the usual Windows names first, then WenQuanYi on Linux, and only then any other CJK face. The
order matters: Qt's PDF writer maps characters of the Noto / Source Han CJK fonts that share a
glyph with a Kangxi radical (色 长 高 金 门 风 龙 …) to the radical's code point in the text
layer, so "绿色" would be found and copied as "绿⾊". Those fonts therefore come last.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextOption,
    QTextTableCellFormat,
    QTextTableFormat,
)

from greentasks.reports.model import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    NUMBER_PART,
    TINT_BLUE,
    TINT_GREEN,
    TINT_GREY,
    TINT_RED,
    TINT_YELLOW,
    Cell,
    Part,
    Report,
    SignatureBlock,
    Table,
)

# -- a guard for PySide6 6.12 on Python 3.11 ---------------------------------------------------------

# -- fonts ---------------------------------------------------------------------------------------

# Faces that map shared glyphs to Kangxi radicals in Qt's PDF text layer: last resort only.
_RADICAL_PRONE = ["Source Han Serif SC", "Source Han Sans SC", "Noto Serif CJK SC", "Noto Sans CJK SC",
                  "Noto Sans SC", "Noto Serif SC"]
_LINUX = ["WenQuanYi Micro Hei", "WenQuanYi Zen Hei"]
_MAC = ["Songti SC", "STSong", "PingFang SC", "Heiti SC", "STHeiti"]
_YAHEI = ["Microsoft YaHei", "微软雅黑"]

TITLE_FAMILIES = ["方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "SimHei", "黑体",
                  "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", *_YAHEI, *_MAC, *_RADICAL_PRONE]
HEADING_FAMILIES = ["SimHei", "黑体", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", *_YAHEI, *_MAC, *_RADICAL_PRONE]
TEXT_FAMILIES = ["FangSong", "仿宋", "仿宋_GB2312", "FangSong_GB2312", "SimSun", "宋体", *_LINUX, *_YAHEI,
                 *_MAC, *_RADICAL_PRONE]
TABLE_FAMILIES = ["SimSun", "宋体", "NSimSun", "新宋体", "FangSong", "仿宋", *_LINUX, *_YAHEI, *_MAC,
                  *_RADICAL_PRONE]

TINT_COLOURS = {
    TINT_RED: QColor("#F4B6B6"),
    TINT_YELLOW: QColor("#FFE28A"),
    TINT_GREEN: QColor("#C9E4B4"),
    TINT_BLUE: QColor("#BDD7EE"),
    TINT_GREY: QColor("#E7E6E6"),
}
HEADER_FILL = QColor("#D9D9D9")
GROUP_FILLS = {1: QColor("#EDEDED"), 2: QColor("#F7F7F7")}

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Style:
    """Sizes in points and millimetres."""

    title_pt: float = 20
    subtitle_pt: float = 12
    info_pt: float = 11
    text_pt: float = 12
    summary_pt: float = 11.5
    caption_pt: float = 12
    header_pt: float = 10
    cell_pt: float = 9.5
    note_pt: float = 8
    group_pt: float = 10.5
    footnote_pt: float = 9
    signature_pt: float = 11
    footer_pt: float = 9
    cell_padding_mm: float = 1.1
    border_mm: float = 0.25
    footer_mm: float = 9  # kept free at the bottom of every page for the footer


REPORT_STYLE = Style()
# A notice is a letter to one unit: larger type, as official letters are.
NOTICE_STYLE = Style(title_pt=24, subtitle_pt=13, text_pt=14, header_pt=11, cell_pt=10.5, note_pt=9,
                     signature_pt=13)

PAGE_MARGINS_MM = QMarginsF(18, 14, 15, 10)  # left, top, right, bottom


def page_layout() -> QPageLayout:
    """A4 landscape with the margins offices use for printed tables."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, PAGE_MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def configure(device: QPagedPaintDevice) -> None:
    """Sets A4 landscape on a printer or PDF writer (before a print dialog, the user may change it)."""
    device.setPageLayout(page_layout())


def font(families: list[str], point_size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(families)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    f.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    return f


def resolved_families() -> dict[str, str]:
    """The face each role gets on this machine (for the about box and the tests)."""
    return {role: QFontInfo(font(fams, 10)).family() for role, fams in
            (("title", TITLE_FAMILIES), ("heading", HEADING_FAMILIES), ("text", TEXT_FAMILIES),
             ("table", TABLE_FAMILIES))}


# -- building one part as a QTextDocument -----------------------------------------------------------

def _format_unit(device: QPagedPaintDevice) -> float:
    """Device pixels per unit of the lengths in text formats (margins, padding, borders).

    QTextDocument's layout scales those lengths from the screen's resolution to the paint
    device's; rather than guess the screen's, measure what a 100-unit margin becomes.
    """
    key = (device.logicalDpiX(), device.logicalDpiY())
    if key not in _UNIT_CACHE:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(QSizeF(10_000, 1_000_000))
        cursor = QTextCursor(doc)
        fmt = QTextBlockFormat()
        fmt.setTopMargin(0)
        cursor.setBlockFormat(fmt)
        cursor.insertText("x")
        fmt.setTopMargin(100)
        cursor.insertBlock(fmt)
        cursor.insertText("x")
        layout = doc.documentLayout()
        first = layout.blockBoundingRect(doc.firstBlock())
        second = layout.blockBoundingRect(doc.lastBlock())
        _UNIT_CACHE[key] = max(1e-6, (second.top() - first.bottom()) / 100)
    return _UNIT_CACHE[key]


_UNIT_CACHE: dict[tuple[int, int], float] = {}


class _Builder:
    def __init__(self, part: Part, device: QPagedPaintDevice, body: QSizeF, style: Style):
        self.part = part
        self.style = style
        self.dpi = device.logicalDpiX()
        self.unit = _format_unit(device)
        self.doc = QTextDocument()
        self.doc.setUndoRedoEnabled(False)
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setPageSize(body)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.doc.setDefaultTextOption(option)
        self.doc.setDefaultFont(font(TEXT_FAMILIES, style.text_pt))
        root = self.doc.rootFrame()
        frame_format = root.frameFormat()
        frame_format.setMargin(0)
        frame_format.setPadding(0)
        frame_format.setBorder(0)
        root.setFrameFormat(frame_format)
        self.cursor = QTextCursor(self.doc)
        self._first_block = True

    # units
    def px(self, mm: float) -> float:
        """A length for text formats (see _format_unit)."""
        return mm / MM_PER_INCH * self.dpi / self.unit

    # formats
    @staticmethod
    def char(families: list[str], pt: float, bold: bool = False, colour: QColor | None = None) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(font(families, pt, bold), QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
        if colour is not None:
            fmt.setForeground(QBrush(colour))
        return fmt

    def block(self, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, *, before_mm: float = 0,
              after_mm: float = 0, indent_chars: float = 0, pt: float = 0, line_height: int = 0,
              fill: QColor | None = None) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        fmt.setTopMargin(self.px(before_mm))
        fmt.setBottomMargin(self.px(after_mm))
        if indent_chars and pt:
            # Unlike margins, the indent is not scaled by the layout: device pixels.
            fmt.setTextIndent(indent_chars * pt / 72 * self.dpi)
        if line_height:
            fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if fill is not None:
            fmt.setBackground(QBrush(fill))
        return fmt

    def paragraph(self, text: str, block: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self._first_block:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self._first_block = False
        else:
            self.cursor.insertBlock(block, char)
        self.cursor.insertText(text.replace("\n", "\u2028"), char)

    def end_frame(self) -> None:
        """Moves the cursor out of a table to the end of the document."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    # the pieces of a part
    def build(self) -> QTextDocument:
        # One edit block: the layout runs once at the end, not after every cell.
        self.cursor.beginEditBlock()
        try:
            self._build()
        finally:
            self.cursor.endEditBlock()
        return self.doc

    def _build(self) -> None:
        p, s = self.part, self.style
        title_fill = TINT_COLOURS.get(p.tint) if p.tint else None
        self.paragraph(p.title, self.block(Qt.AlignmentFlag.AlignHCenter, after_mm=1.5, fill=title_fill,
                                           line_height=115),
                       self.char(TITLE_FAMILIES, s.title_pt))
        if p.subtitle:
            self.paragraph(p.subtitle, self.block(Qt.AlignmentFlag.AlignHCenter, after_mm=1.5),
                           self.char(TEXT_FAMILIES, s.subtitle_pt))
        if p.number:
            self.paragraph(p.number, self.block(Qt.AlignmentFlag.AlignRight, after_mm=1),
                           self.char(TEXT_FAMILIES, s.info_pt))
        if p.info:
            self.info_line(p.info)
        if p.addressee:
            self.paragraph(p.addressee, self.block(before_mm=2, after_mm=1),
                           self.char(TEXT_FAMILIES, s.text_pt, bold=False))
        for text in p.paragraphs:
            self.paragraph(text, self.block(after_mm=1.5, indent_chars=2, pt=s.text_pt, line_height=140),
                           self.char(TEXT_FAMILIES, s.text_pt))
        if p.summary:
            self.paragraph(p.summary, self.block(before_mm=1.5, after_mm=0.8),
                           self.char(HEADING_FAMILIES, s.summary_pt))
        if p.summary_extra:
            self.paragraph(p.summary_extra, self.block(after_mm=2.5), self.char(TEXT_FAMILIES, s.info_pt))
        for table in p.tables:
            if table.caption:
                self.paragraph(table.caption, self.block(before_mm=2.5, after_mm=1.2),
                               self.char(HEADING_FAMILIES, s.caption_pt))
            self.table(table)
        for text in p.closing:
            self.paragraph(text, self.block(before_mm=2.5, indent_chars=2, pt=s.text_pt, line_height=140),
                           self.char(TEXT_FAMILIES, s.text_pt))
        for i, text in enumerate(p.footnotes):
            self.paragraph(text, self.block(before_mm=2.5 if i == 0 else 0.3, line_height=120),
                           self.char(TEXT_FAMILIES, s.footnote_pt))
        for block in p.signatures:
            self.signatures(block)

    def info_line(self, items: list[str]) -> None:
        """One line: the first item at the left, the last at the right, others between."""
        fmt = QTextTableFormat()
        fmt.setBorder(0)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(0)
        fmt.setBottomMargin(self.px(1))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self.cursor.insertTable(1, len(items), fmt)
        char = self.char(TEXT_FAMILIES, self.style.info_pt)
        for i, text in enumerate(items):
            if i == len(items) - 1 and len(items) > 1:
                align = Qt.AlignmentFlag.AlignRight
            elif i == 0:
                align = Qt.AlignmentFlag.AlignLeft
            else:
                align = Qt.AlignmentFlag.AlignHCenter
            c = table.cellAt(0, i).firstCursorPosition()
            c.setBlockFormat(self.block(align))
            c.insertText(text, char)
        self.end_frame()
        self._first_block = False

    def table(self, spec: Table) -> None:
        s = self.style
        ncols = len(spec.columns)
        rows_total = 1 + sum(len(g.rows) + (1 if g.heading else 0) for g in spec.groups)
        if not spec.rows:
            rows_total += 1  # the empty_text row
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(1)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        total = sum(c.width for c in spec.columns) or 1
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, c.width * 100 / total)
                                       for c in spec.columns])
        fmt.setCellSpacing(0)
        fmt.setCellPadding(self.px(s.cell_padding_mm))
        fmt.setBorder(self.px(s.border_mm))
        fmt.setBorderBrush(QBrush(Qt.GlobalColor.black))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setMargin(0)
        table = self.cursor.insertTable(rows_total, ncols, fmt)

        header_char = self.char(HEADING_FAMILIES, s.header_pt)
        for c, column in enumerate(spec.columns):
            self.fill_cell(table, 0, c, Cell(column.title), header_char, Qt.AlignmentFlag.AlignHCenter, HEADER_FILL,
                           middle=True)

        body_char = self.char(TABLE_FAMILIES, s.cell_pt)
        # Emphasis in the 黑体 face rather than a bold weight: CJK faces rarely have one, and a
        # synthesised bold draws each glyph twice, so the word would be copied out twice.
        bold_char = self.char(HEADING_FAMILIES, s.cell_pt)
        r = 1
        for group in spec.groups:
            if group.heading:
                table.mergeCells(r, 0, 1, ncols)
                self.fill_cell(table, r, 0, Cell(group.heading),
                               self.char(HEADING_FAMILIES, s.group_pt - (group.level - 1) * 0.5),
                               Qt.AlignmentFlag.AlignLeft, GROUP_FILLS.get(group.level, GROUP_FILLS[2]), middle=True)
                r += 1
            first = r
            for c, column in enumerate(spec.columns):
                if column.merge:
                    self.merge_runs(table, group.rows, first, c)
            for row in group.rows:
                for c, (column, cell) in enumerate(zip(spec.columns, row.cells, strict=True)):
                    if column.merge and r > first and cell.text == group.rows[r - first - 1].cells[c].text:
                        continue  # covered by the merged cell above
                    align = {ALIGN_CENTER: Qt.AlignmentFlag.AlignHCenter,
                             ALIGN_RIGHT: Qt.AlignmentFlag.AlignRight}.get(column.align, Qt.AlignmentFlag.AlignLeft)
                    fill = TINT_COLOURS.get(cell.tint) if cell.tint else None
                    self.fill_cell(table, r, c, cell, bold_char if cell.bold else body_char, align, fill,
                                   min_height_mm=spec.row_height_mm)
                r += 1
        if not spec.rows:
            table.mergeCells(r, 0, 1, ncols)
            self.fill_cell(table, r, 0, Cell(spec.empty_text), body_char, Qt.AlignmentFlag.AlignHCenter)
        self.end_frame()
        self._first_block = False

    @staticmethod
    def merge_runs(table, rows, first: int, c: int) -> None:
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i].cells[c].text != rows[start].cells[c].text:
                if i - start > 1:
                    table.mergeCells(first + start, c, i - start, 1)
                start = i

    def fill_cell(self, table, r: int, c: int, cell: Cell, char: QTextCharFormat, align: Qt.AlignmentFlag,
                  fill: QColor | None = None, middle: bool = False, min_height_mm: float = 0) -> None:
        """Body cells are aligned at the top, so a row that runs on to the next page reads on
        from where it stopped; header and group rows are centred vertically."""
        target = table.cellAt(r, c)
        cell_format = QTextTableCellFormat()
        cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle if middle
                                         else QTextCharFormat.VerticalAlignment.AlignTop)
        cell_format.setBorder(self.px(self.style.border_mm))
        cell_format.setBorderBrush(QBrush(Qt.GlobalColor.black))
        cell_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        if fill is not None:
            cell_format.setBackground(QBrush(fill))
        if min_height_mm:
            # A row meant for handwriting: its height as padding above and below the text.
            line_mm = char.font().pointSizeF() * 1.3 / 72 * MM_PER_INCH
            padding = self.px(self.style.cell_padding_mm + max(0.0, (min_height_mm - line_mm) / 2))
            cell_format.setTopPadding(padding)
            cell_format.setBottomPadding(padding)
        target.setFormat(cell_format)
        cursor = target.firstCursorPosition()
        cursor.setBlockFormat(self.block(align, line_height=115))
        cursor.insertText(cell.text.replace("\n", "\u2028"), char)
        if cell.note:
            note_char = self.char(TABLE_FAMILIES, self.style.note_pt)
            cursor.insertBlock(self.block(align, line_height=110), note_char)
            cursor.insertText(cell.note.replace("\n", "\u2028"), note_char)

    def signatures(self, block: SignatureBlock) -> None:
        s = self.style
        char = self.char(TEXT_FAMILIES, s.signature_pt)
        blank = "＿" * 7
        if block.align == ALIGN_RIGHT:
            for i, item in enumerate(block.items):
                text = f"{item.label}：{item.value or blank}" if item.label else item.value
                self.paragraph(text, self.block(Qt.AlignmentFlag.AlignRight, before_mm=6 if i == 0 else 1.5), char)
            return
        texts = [f"{item.label}：{item.value or blank}" for item in block.items]
        self.paragraph("　　　".join(texts), self.block(before_mm=6), char)


def build_document(part: Part, device: QPagedPaintDevice, body: QSizeF, style: Style | None = None) -> QTextDocument:
    style = style or (NOTICE_STYLE if part.addressee else REPORT_STYLE)
    return _Builder(part, device, body, style).build()


# -- painting ----------------------------------------------------------------------------------------

def _body_size(device: QPagedPaintDevice, style: Style) -> tuple[QRectF, float]:
    rect = QRectF(device.pageLayout().paintRectPixels(device.logicalDpiX()))
    footer = style.footer_mm / MM_PER_INCH * device.logicalDpiX()
    return QRectF(0, 0, rect.width(), rect.height() - footer), footer


def render(report: Report, device: QPagedPaintDevice, *, set_layout: bool = False) -> int:
    """Draws ``report`` on ``device`` (a QPrinter or QPdfWriter) and returns the number of pages.

    With ``set_layout`` the device is first set to A4 landscape; otherwise the layout already on
    the device (chosen in a print dialog) is used. A page range chosen in the print dialog is
    honoured (pages are counted through the whole report).
    """
    return _render(report, device, set_layout)


def _render(report: Report, device: QPagedPaintDevice, set_layout: bool) -> int:
    if set_layout:
        configure(device)
    body, footer_h = _body_size(device, REPORT_STYLE)
    docs = [build_document(part, device, body.size()) for part in report.parts]
    counts = [max(1, d.pageCount()) for d in docs]
    total = sum(counts)
    ranges = device.pageRanges() if hasattr(device, "pageRanges") else None

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印（打印机或文件不可用）。")
    try:
        number = 0
        started = False
        for part, doc, count in zip(report.parts, docs, counts, strict=True):
            for i in range(count):
                number += 1
                if ranges is not None and not ranges.isEmpty() and not ranges.contains(number):
                    continue
                if started:
                    device.newPage()
                started = True
                page_no, page_total = ((i + 1, count) if report.numbering == NUMBER_PART else (number, total))
                _paint_page(painter, doc, i, body)
                _paint_footer(painter, body, footer_h, part, report, page_no, page_total, device.logicalDpiX())
    finally:
        painter.end()
    return total


def _paint_page(painter: QPainter, doc: QTextDocument, index: int, body: QRectF) -> None:
    painter.save()
    painter.setClipRect(body)
    painter.translate(0, -index * body.height())
    doc.drawContents(painter, QRectF(0, index * body.height(), body.width(), body.height()))
    painter.restore()


def _paint_footer(painter: QPainter, body: QRectF, height: float, part: Part, report: Report, page: int, pages: int,
                  dpi: float) -> None:
    painter.save()
    painter.setFont(font(TEXT_FAMILIES, REPORT_STYLE.footer_pt))
    painter.setPen(QPen(Qt.GlobalColor.black))
    rect = QRectF(0, body.bottom(), body.width(), height)
    line_y = body.bottom() + height * 0.25
    pen = QPen(QColor("#808080"))
    pen.setWidthF(0.2 / MM_PER_INCH * dpi)
    painter.setPen(pen)
    painter.drawLine(QPointF(0, line_y), QPointF(body.width(), line_y))
    painter.setPen(QPen(Qt.GlobalColor.black))
    text_rect = QRectF(rect.left(), line_y, rect.width(), rect.bottom() - line_y)
    align = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft, part.footer)
    painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignHCenter, f"第{page}页 共{pages}页")
    painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignRight, f"{report.period}　截至{report.as_of.isoformat()}")
    painter.restore()


def page_count(report: Report, device: QPagedPaintDevice | None = None) -> int:
    """Pages the report takes on A4 landscape (laid out, not drawn)."""
    device = device or QPdfWriter(os.devnull)
    configure(device)
    body, _ = _body_size(device, REPORT_STYLE)
    return sum(max(1, build_document(p, device, body.size()).pageCount()) for p in report.parts)


# -- PDF and application ---------------------------------------------------------------------------------

_APP = None


def ensure_app():
    """A Qt application for headless use (the CLI): fonts need one. Without a display on Linux
    the offscreen platform is used. The application made here lives as long as the process."""
    global _APP
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _APP = QApplication([sys.argv[0] if sys.argv else "greentasks"])
    return _APP


def pdf_writer(path: Path | str, title: str = "") -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setCreator("greentasks")
    if title:
        writer.setTitle(title)
    configure(writer)
    return writer


def write_pdf(report: Report, path: Path | str) -> int:
    """Writes the report as a PDF (A4 landscape); returns the number of pages.

    Written to a temporary file first and then moved into place, so a failure (or a PDF viewer
    holding the old file open) never leaves half a file behind.
    """
    ensure_app()
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.pdf")
    try:
        writer = pdf_writer(tmp, report.parts[0].title.replace("\n", "") if report.parts else report.name)
        pages = render(report, writer)
        del writer  # closes the file
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return pages
