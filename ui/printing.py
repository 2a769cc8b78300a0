"""Lays out a report of ``greentasks.reports`` on paper and renders it with Qt.

One function, :func:`render`, draws a report on any paged paint device — the QPrinter of the
print dialog, the QPrinter of the print preview, or a QPdfWriter — so preview, paper and PDF are
the same drawing.

The pages are laid out here rather than by QTextDocument's own pagination, which cuts a table
row wherever the page ends (half a line at the foot of one page, the rest on the next) and
leaves a merged cell blank on the page its rows run on to. Each paragraph and each table cell is
a small QTextDocument laid out with the device's font metrics, so every height is measured, and
the pages are filled like this:

* a table row that does not fit on what is left of a page starts the next page, under the
  repeated header (and the group heading, with "（续）"); only a row taller than a whole page is
  split, between two lines, and its second part starts with "（续）";
* the merged cells of a run of rows (任务编号 and 重点任务 of a task with several 具体工作) are one
  cell on each page the run reaches, printed again there with "（续）";
* a heading or caption stays with the first row under it, "说明：" with its first note, the
  signature line with the note before it;
* a part marked ``one_page`` (a 督办单) takes exactly one page: its type is made smaller step by
  step and, when even the smallest does not hold every row, the table keeps as many rows as fit
  and says how many it left out (``Table.more_text``: "另有N项，详见总台账").

Fonts: the title in 方正小标宋/黑体, headings in 黑体, text in 仿宋 and tables in 宋体, each with
the usual Windows names first, then WenQuanYi on Linux, and only then any other CJK face. The
order matters: Qt's PDF writer maps characters of the Noto / Source Han CJK fonts that share a
glyph with a Kangxi radical (色 长 高 金 门 风 龙 …) to the radical's code point in the text
layer, so "绿色" would be found and copied as "绿⾊". Those fonts therefore come last.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
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
    QTextOption,
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
    Group,
    Part,
    Report,
    Row,
    SignatureBlock,
    Table,
)

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
CONTINUED = "（续）"
SPLIT_ROOM = 0.2  # a row taller than a page starts on a page with at least this share of it left


@dataclass(frozen=True)
class Style:
    """Sizes in points (``*_pt``) and millimetres (``*_mm``)."""

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
    gap_scale: float = 1.0  # the space between paragraphs, as a share of the sizes given below

    def scaled(self, factor: float) -> Style:
        """Every type size and the space between paragraphs times ``factor`` (the footer stays)."""
        sizes = {f.name: getattr(self, f.name) * factor for f in fields(self)
                 if f.name.endswith("_pt") and f.name != "footer_pt"}
        return replace(self, **sizes, gap_scale=self.gap_scale * factor)


REPORT_STYLE = Style()
# A notice is a letter to one unit: larger type, as official letters are.
NOTICE_STYLE = Style(title_pt=22, subtitle_pt=13, text_pt=14, header_pt=11, cell_pt=10.5, note_pt=9,
                     signature_pt=13)
# A one-page part is first tried at these sizes (the last: 小五 in its table, 小四 in its text).
FIT_SCALES = (1.0, 0.93, 0.86)

LANDSCAPE_MARGINS_MM = QMarginsF(18, 14, 15, 10)  # left, top, right, bottom
# A notice: room on the left for binding, as letters are filed.
PORTRAIT_MARGINS_MM = QMarginsF(25, 20, 20, 12)


def page_layout(portrait: bool = False) -> QPageLayout:
    """A4 landscape with the margins offices use for printed tables, or A4 portrait for a letter."""
    if portrait:
        return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                           PORTRAIT_MARGINS_MM, QPageLayout.Unit.Millimeter)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, LANDSCAPE_MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def configure(device: QPagedPaintDevice, report: Report | None = None) -> None:
    """Sets A4 on a printer or PDF writer, portrait for a report that asks for it (the notices),
    landscape otherwise (before a print dialog, the clerk may still change it)."""
    device.setPageLayout(page_layout(bool(report is not None and report.portrait)))


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


# -- measured text -----------------------------------------------------------------------------------

Paint = Callable[[QPainter], None]


def _char(families: list[str], pt: float) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font(families, pt), QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
    return fmt


class _Typesetter:
    """Makes QTextDocuments laid out for one paint device, in device pixels."""

    def __init__(self, device: QPagedPaintDevice, style: Style):
        self.device = device
        self.style = style
        self.dpi = device.logicalDpiX()

    def px(self, mm: float) -> float:
        return mm / MM_PER_INCH * self.dpi

    def gap(self, mm: float) -> float:
        """Space between paragraphs (shrinks with the type of a one-page part)."""
        return self.px(mm * self.style.gap_scale)

    def block(self, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, *, indent_chars: float = 0,
              pt: float = 0, line_height: int = 0, fill: QColor | None = None) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        if indent_chars and pt:
            fmt.setTextIndent(indent_chars * pt / 72 * self.dpi)  # device pixels, not scaled by the layout
        if line_height:
            fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if fill is not None:
            fmt.setBackground(QBrush(fill))
        return fmt

    def doc(self, paragraphs: list[tuple[str, QTextCharFormat, QTextBlockFormat]], width: float | None) -> QTextDocument:
        """Paragraphs as one document ``width`` pixels wide (None: one line each, as wide as it is)."""
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if width is not None
                           else QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(option)
        doc.setDefaultFont(paragraphs[0][1].font())
        cursor = QTextCursor(doc)
        for i, (text, char, block) in enumerate(paragraphs):
            if i == 0:
                cursor.setBlockFormat(block)
                cursor.setBlockCharFormat(char)
            else:
                cursor.insertBlock(block, char)
            cursor.insertText(text.replace("\n", "\u2028"), char)
        if width is not None:
            doc.setTextWidth(max(1.0, width))
        return doc

    def cell_doc(self, cell: Cell, width: float, char: QTextCharFormat, align: Qt.AlignmentFlag) -> QTextDocument:
        """A table cell: its text, then its note in smaller type (a note alone when the text ran
        out on the page before)."""
        paragraphs = []
        note_char = _char(TABLE_FAMILIES, self.style.note_pt)
        if cell.text or not cell.note:
            paragraphs.append((cell.text, char, self.block(align, line_height=115)))
        if cell.note:
            paragraphs.append((cell.note, note_char, self.block(align, line_height=110)))
        return self.doc(paragraphs, width)


def _height(doc: QTextDocument) -> float:
    return doc.size().height()


def _draw(painter: QPainter, doc: QTextDocument, x: float, y: float) -> None:
    painter.save()
    painter.translate(x, y)
    doc.drawContents(painter)
    painter.restore()


def _cut(doc: QTextDocument, height: float) -> int | None:
    """The document position of the first line that does not end within ``height``, or None
    when all of it does."""
    layout = doc.documentLayout()
    block = doc.firstBlock()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            if top + line.y() + line.height() > height + 0.5:
                return block.position() + line.textStart()
        block = block.next()
    return None


def _split_cell(cell: Cell, position: int) -> tuple[Cell, Cell]:
    """``cell`` cut at a position of its cell document (text, a paragraph break, then the note)."""
    text_length = len(cell.text) if (cell.text or not cell.note) else -1
    if position <= text_length:
        head = Cell(cell.text[:position], cell.tint, cell.bold)
        return head, Cell(cell.text[position:].lstrip("\n"), cell.tint, cell.bold, cell.note)
    k = position - text_length - 1
    return Cell(cell.text, cell.tint, cell.bold, cell.note[:k]), Cell("", cell.tint, cell.bold, cell.note[k:])


# -- the flow of a part: pieces of text and tables ------------------------------------------------------

@dataclass
class _Piece:
    """Something that is never split: a paragraph, a line of items, a signature block."""

    height: float
    paint: Callable[[QPainter, float], None]  # draws it with its top at the given y
    before: float = 0  # space above, dropped at the top of a page
    keep: bool = False  # on the same page as what follows


@dataclass
class _Pages:
    """The pages being filled: each a list of paint calls, in body coordinates."""

    height: float
    pages: list[list[Paint]] = field(default_factory=lambda: [[]])
    y: float = 0.0

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def fits(self, height: float) -> bool:
        return self.y + height <= self.height + 0.5

    def put(self, piece: _Piece) -> None:
        y = self.y
        self.pages[-1].append(lambda painter, y=y, piece=piece: piece.paint(painter, y))
        self.y += piece.height


@dataclass
class _RowBox:
    """A row measured: its cell documents (None for the merged columns, drawn per page) and the
    height of the tallest, padding included."""

    row: Row
    group: int
    docs: list[QTextDocument | None]
    height: float
    starts: dict[int, bool]  # merged column → this row starts a run of equal cells
    ends: dict[int, bool]  # merged column → this row ends it


_Unit = _RowBox | tuple[str, int] | tuple[str, str]  # a row, ("heading", group index), ("line", text)


@dataclass
class _Placed:
    box: _RowBox
    y: float
    height: float


@dataclass
class _Span:
    """A merged cell on one page: the rows of one run that the page holds."""

    col: int
    doc: QTextDocument
    need: float  # the height the cell's text needs
    rows: list[_Placed] = field(default_factory=list)

    @property
    def height(self) -> float:
        return sum(r.height for r in self.rows)


class _TableLayout:
    """A table measured for a page width: header, group headings and rows."""

    def __init__(self, ts: _Typesetter, spec: Table, width: float):
        s = ts.style
        self.ts, self.spec, self.width = ts, spec, width
        self.pad = ts.px(s.cell_padding_mm)
        self.border = ts.px(s.border_mm)
        total = sum(c.width for c in spec.columns) or 1
        self.widths = [width * c.width / total for c in spec.columns]
        self.xs = [sum(self.widths[:i]) for i in range(len(self.widths))]
        self.merged = [i for i, c in enumerate(spec.columns) if c.merge]
        self.body_char = _char(TABLE_FAMILIES, s.cell_pt)
        # Emphasis in the 黑体 face rather than a bold weight: CJK faces rarely have one, and a
        # synthesised bold draws each glyph twice, so the word would be copied out twice.
        self.bold_char = _char(HEADING_FAMILIES, s.cell_pt)
        header_char = _char(HEADING_FAMILIES, s.header_pt)
        self.header_docs = [ts.doc([(c.title, header_char, ts.block(Qt.AlignmentFlag.AlignHCenter, line_height=115))],
                                   w - 2 * self.pad) for c, w in zip(spec.columns, self.widths, strict=True)]
        self.header_h = max(_height(d) for d in self.header_docs) + 2 * self.pad
        self.min_h = ts.px(spec.row_height_mm)
        self.caption = self._caption(spec.caption) if spec.caption else None
        self.caption_cont = self._caption(spec.caption + CONTINUED) if spec.caption else None
        self._headings: dict[tuple[int, bool], QTextDocument] = {}
        # The units in order: ("heading", group index) and row boxes; ("line", text) last.
        self.units: list[_Unit] = []
        for gi, group in enumerate(spec.groups):
            if group.heading:
                self.units.append(("heading", gi))
            n = len(group.rows)
            for i, row in enumerate(group.rows):
                starts = {c: i == 0 or row.cells[c].text != group.rows[i - 1].cells[c].text for c in self.merged}
                ends = {c: i == n - 1 or row.cells[c].text != group.rows[i + 1].cells[c].text for c in self.merged}
                self.units.append(self.box(row, gi, starts, ends))
        if not spec.rows and not spec.tail:
            self.units.append(("line", spec.empty_text))
        if spec.tail:
            self.units.append(("line", spec.tail))

    # measuring
    def _align(self, c: int) -> Qt.AlignmentFlag:
        return {ALIGN_CENTER: Qt.AlignmentFlag.AlignHCenter,
                ALIGN_RIGHT: Qt.AlignmentFlag.AlignRight}.get(self.spec.columns[c].align, Qt.AlignmentFlag.AlignLeft)

    def cell(self, c: int, cell: Cell) -> QTextDocument:
        return self.ts.cell_doc(cell, self.widths[c] - 2 * self.pad, self.bold_char if cell.bold else self.body_char,
                                self._align(c))

    def box(self, row: Row, group: int, starts: dict[int, bool], ends: dict[int, bool]) -> _RowBox:
        docs: list[QTextDocument | None] = [None if c in self.merged else self.cell(c, cell)
                                            for c, cell in enumerate(row.cells)]
        height = max([_height(d) for d in docs if d is not None] or [0.0]) + 2 * self.pad
        return _RowBox(row, group, docs, max(height, self.min_h), starts, ends)

    def merged_cell(self, c: int, box: _RowBox, continued: bool) -> tuple[QTextDocument, float]:
        cell = box.row.cells[c]
        if continued:
            cell = Cell(cell.text + CONTINUED, cell.tint, cell.bold, cell.note)
        doc = self.cell(c, cell)
        return doc, _height(doc) + 2 * self.pad

    def heading_doc(self, gi: int, continued: bool) -> QTextDocument:
        key = (gi, continued)
        if key not in self._headings:
            group: Group = self.spec.groups[gi]
            char = _char(HEADING_FAMILIES, self.ts.style.group_pt - (group.level - 1) * 0.5)
            text = group.heading + (CONTINUED if continued else "")
            self._headings[key] = self.ts.doc([(text, char, self.ts.block(line_height=115))],
                                              self.width - 2 * self.pad)
        return self._headings[key]

    def line_doc(self, text: str) -> QTextDocument:
        return self.ts.doc([(text, self.body_char, self.ts.block(Qt.AlignmentFlag.AlignHCenter, line_height=115))],
                           self.width - 2 * self.pad)

    def _caption(self, text: str) -> _Piece:
        s = self.ts.style
        doc = self.ts.doc([(text, _char(HEADING_FAMILIES, s.caption_pt), self.ts.block())], self.width)
        return _Piece(_height(doc) + self.ts.gap(1.2), lambda painter, y: _draw(painter, doc, 0, y),
                      before=self.ts.gap(2.5), keep=True)

    def capacity(self, page: float) -> float:
        """The most a row can take on a page: all of it but the repeated caption, header and
        group heading."""
        caption = self.caption_cont.height if self.caption_cont else 0.0
        heading = max([_height(self.heading_doc(gi, True)) + 2 * self.pad
                       for gi, g in enumerate(self.spec.groups) if g.heading] or [0.0])
        return page - caption - self.header_h - heading

    def lead(self, units: list[_Unit], i: int, page: float) -> float:
        """What must fit on a page for ``units[i]`` to start there: a heading with what follows
        it, a row with its merged cells — or, for a row taller than a page (it will be split
        anyway), a fair share of a page to start in."""
        if i >= len(units):
            return 0.0
        unit = units[i]
        if isinstance(unit, _RowBox):
            needs = [self.merged_cell(c, unit, not unit.starts[c])[1] for c in self.merged]
            need = max([unit.height, *needs])
            return need if unit.height <= self.capacity(page) else page * SPLIT_ROOM
        if unit[0] == "heading":
            return _height(self.heading_doc(unit[1], False)) + 2 * self.pad + self.lead(units, i + 1, page)
        return _height(self.line_doc(unit[1])) + 2 * self.pad

    def split(self, box: _RowBox, height: float) -> tuple[_RowBox, _RowBox] | None:
        """``box`` cut between lines so that its first part is at most ``height`` tall; the second
        part starts with "（续）" in the first column that is not merged. None: nothing fits."""
        content = height - 2 * self.pad
        heads, tails, moved, cut = [], [], False, False
        for cell, doc in zip(box.row.cells, box.docs, strict=True):
            if doc is None:
                heads.append(cell)
                tails.append(cell)
                continue
            at = _cut(doc, content)
            if at is None:
                heads.append(cell)
                tails.append(Cell("", cell.tint, cell.bold))
                continue
            head, tail = _split_cell(cell, at)
            cut = True
            moved = moved or bool(head.text or head.note)
            heads.append(head)
            tails.append(tail)
        if not (cut and moved):
            return None
        first = next(c for c in range(len(tails)) if c not in self.merged)
        tails[first] = Cell(CONTINUED + tails[first].text, tails[first].tint, tails[first].bold, tails[first].note)
        head_row = Row(heads, box.row.units, box.row.assignment_ids)
        tail_row = Row(tails, box.row.units, box.row.assignment_ids)
        return (self.box(head_row, box.group, box.starts, {c: False for c in self.merged}),
                self.box(tail_row, box.group, {c: False for c in self.merged}, box.ends))

    # painting
    def _frame(self, painter: QPainter, rect: QRectF, fill: QColor | None) -> None:
        if fill is not None:
            painter.fillRect(rect, fill)
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(self.border)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

    def paint_header(self, painter: QPainter, y: float) -> None:
        for doc, x, w in zip(self.header_docs, self.xs, self.widths, strict=True):
            self._frame(painter, QRectF(x, y, w, self.header_h), HEADER_FILL)
            _draw(painter, doc, x + self.pad, y + (self.header_h - _height(doc)) / 2)

    def paint_full_row(self, painter: QPainter, y: float, doc: QTextDocument, fill: QColor | None) -> None:
        height = _height(doc) + 2 * self.pad
        self._frame(painter, QRectF(0, y, self.width, height), fill)
        _draw(painter, doc, self.pad, y + self.pad)

    def paint_row(self, painter: QPainter, placed: _Placed) -> None:
        """Body cells are aligned at the top: a row reads from its first line."""
        for c, doc in enumerate(placed.box.docs):
            if doc is None:
                continue
            cell = placed.box.row.cells[c]
            fill = TINT_COLOURS.get(cell.tint) if cell.tint else None
            self._frame(painter, QRectF(self.xs[c], placed.y, self.widths[c], placed.height), fill)
            _draw(painter, doc, self.xs[c] + self.pad, placed.y + self.pad)

    def paint_span(self, painter: QPainter, span: _Span) -> None:
        """A merged cell, centred in the rows it covers on this page."""
        if not span.rows:
            return
        top, height = span.rows[0].y, span.height
        cell = span.rows[0].box.row.cells[span.col]
        fill = TINT_COLOURS.get(cell.tint) if cell.tint else None
        self._frame(painter, QRectF(self.xs[span.col], top, self.widths[span.col], height), fill)
        _draw(painter, span.doc, self.xs[span.col] + self.pad, top + max(self.pad, (height - _height(span.doc)) / 2))


class _Flow:
    """Fills pages with one part: its pieces of text and its tables."""

    def __init__(self, ts: _Typesetter, width: float, height: float):
        self.ts, self.width = ts, width
        self.out = _Pages(height)

    def place(self, items: list[_Piece | _TableLayout]) -> list[list[Paint]]:
        for i, item in enumerate(items):
            if isinstance(item, _TableLayout):
                self.table(item)
                continue
            gap = item.before if self.out.y > 0 else 0.0
            need = gap + item.height + (self._lead(items, i + 1) if item.keep else 0.0)
            if self.out.y > 0 and not self.out.fits(need) and need <= self.out.height:
                self.out.new_page()
                gap = 0.0
            self.out.y += gap
            self.out.put(item)
        return self.out.pages

    def _lead(self, items: list[_Piece | _TableLayout], i: int) -> float:
        """What must fit after a piece kept with what follows it."""
        if i >= len(items):
            return 0.0
        item = items[i]
        if isinstance(item, _TableLayout):
            caption = item.caption.before + item.caption.height if item.caption else 0.0
            return caption + item.header_h + item.lead(item.units, 0, self.out.height)
        return item.before + item.height + (self._lead(items, i + 1) if item.keep else 0.0)

    def table(self, t: _TableLayout) -> None:
        out = self.out
        start = ((t.caption.before + t.caption.height if t.caption else 0.0) + t.header_h
                 + t.lead(t.units, 0, out.height))
        if out.y > 0 and not out.fits(start):
            out.new_page()
        if t.caption is not None:
            out.y += t.caption.before if out.y > 0 else 0.0
            out.put(t.caption)
        self._header(t)
        spans: dict[int, _Span] = {}
        rows_here = 0  # rows of this table on this page (headings are not counted: they go with a row)
        units = list(t.units)
        i = 0
        while i < len(units):
            unit = units[i]
            if not isinstance(unit, _RowBox):
                kind, value = unit
                if kind == "heading":
                    doc = t.heading_doc(value, False)
                    fill = GROUP_FILLS.get(t.spec.groups[value].level, GROUP_FILLS[2])
                    need = _height(doc) + 2 * t.pad + t.lead(units, i + 1, out.height)
                else:
                    doc, fill = t.line_doc(value), None
                    need = _height(doc) + 2 * t.pad
                if rows_here and not out.fits(need):
                    self._continue(t, spans, None)
                    rows_here = 0
                self._full_row(t, doc, fill)
                spans = {}
                rows_here += kind != "heading"
                i += 1
                continue
            opened = self._open(t, unit, spans)
            need = max([unit.height, *(s.need - s.height for s in opened.values())])
            if not out.fits(need):
                # A row taller than a page is split where it stands, if a fair share of the page
                # is left; any other row starts the next page.
                tall = unit.height > t.capacity(out.height) and out.height - out.y >= out.height * SPLIT_ROOM
                if rows_here and not tall:
                    self._continue(t, spans, unit)
                    spans, rows_here = {}, 0
                    continue
                if not out.fits(unit.height):
                    parts = t.split(unit, out.height - out.y)
                    if parts is not None and parts[0].height < unit.height:
                        units[i:i + 1] = list(parts)
                        continue
            placed = _Placed(unit, out.y, unit.height)
            for c, span in opened.items():
                if c not in spans or spans[c] is not span:
                    spans[c] = span
                    out.pages[-1].append(lambda painter, span=span: t.paint_span(painter, span))
                span.rows.append(placed)
            out.pages[-1].append(lambda painter, placed=placed: t.paint_row(painter, placed))
            for c in t.merged:
                if unit.ends[c]:
                    self._close(spans.pop(c))
            out.y = placed.y + placed.height
            rows_here += 1
            i += 1
        for span in spans.values():
            self._close(span)
        out.y = self._bottom(out.y, spans)

    def _open(self, t: _TableLayout, box: _RowBox, spans: dict[int, _Span]) -> dict[int, _Span]:
        """The spans ``box`` would join (the page's open ones) or start (a new run, or a run that
        began on an earlier page: then its text says "（续）")."""
        result = {}
        for c in t.merged:
            span = spans.get(c)
            if span is None or box.starts[c]:
                doc, need = t.merged_cell(c, box, not box.starts[c])
                span = _Span(c, doc, need)
            result[c] = span
        return result

    def _close(self, span: _Span) -> None:
        """A span ends: its last row grows when the merged text needs more than its rows give."""
        short = span.need - span.height
        if short > 0 and span.rows:
            span.rows[-1].height += short
            self.out.y = max(self.out.y, span.rows[-1].y + span.rows[-1].height)

    @staticmethod
    def _bottom(y: float, spans: dict[int, _Span]) -> float:
        return max([y, *(s.rows[-1].y + s.rows[-1].height for s in spans.values() if s.rows)])

    def _continue(self, t: _TableLayout, spans: dict[int, _Span], next_row: _RowBox | None) -> None:
        """A new page for the table: the caption and the header again, and the heading of the
        group the next row belongs to, each with "（续）"."""
        for span in spans.values():
            self._close(span)
        self.out.new_page()
        if t.caption_cont is not None:
            self.out.put(t.caption_cont)
        self._header(t)
        if next_row is not None and t.spec.groups[next_row.group].heading:
            group = t.spec.groups[next_row.group]
            self._full_row(t, t.heading_doc(next_row.group, True), GROUP_FILLS.get(group.level, GROUP_FILLS[2]))

    def _header(self, t: _TableLayout) -> None:
        self.out.put(_Piece(t.header_h, t.paint_header))

    def _full_row(self, t: _TableLayout, doc: QTextDocument, fill: QColor | None) -> None:
        self.out.put(_Piece(_height(doc) + 2 * t.pad, lambda painter, y: t.paint_full_row(painter, y, doc, fill)))


# -- a part as pieces ---------------------------------------------------------------------------------

def _paragraph(ts: _Typesetter, width: float, text: str, families: list[str], pt: float, *,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, before_mm: float = 0, after_mm: float = 0,
               indent: bool = False, line_height: int = 0, fill: QColor | None = None, keep: bool = False) -> _Piece:
    block = ts.block(align, indent_chars=2 if indent else 0, pt=pt, line_height=line_height, fill=fill)
    doc = ts.doc([(text, _char(families, pt), block)], width)
    return _Piece(_height(doc) + ts.gap(after_mm), lambda painter, y: _draw(painter, doc, 0, y),
                  before=ts.gap(before_mm), keep=keep)


def _spread_line(ts: _Typesetter, width: float, items: list[str], pt: float, *, before_mm: float = 0,
                 after_mm: float = 1) -> _Piece:
    """Items on one line, the first at the left, the last at the right, the others evenly
    between; on as many lines as it takes when they are too long for one."""
    char = _char(TEXT_FAMILIES, pt)
    docs = [ts.doc([(text, char, ts.block())], None) for text in items if text]
    if not docs:
        return _Piece(0, lambda painter, y: None)
    gap = pt / 72 * ts.dpi  # at least a character's width between two items
    lines: list[list[QTextDocument]] = [[]]
    used = 0.0
    for doc in docs:
        w = doc.idealWidth()
        if lines[-1] and used + gap + w > width:
            lines.append([])
            used = 0.0
        used += (gap if lines[-1] else 0.0) + w
        lines[-1].append(doc)
    line_h = max(_height(d) for d in docs)

    def paint(painter: QPainter, y: float) -> None:
        for n, line in enumerate(lines):
            top = y + n * line_h
            if len(line) == 1:
                _draw(painter, line[0], 0, top)
                continue
            free = (width - sum(d.idealWidth() for d in line)) / (len(line) - 1)
            x = 0.0
            for doc in line:
                _draw(painter, doc, x, top)
                x += doc.idealWidth() + free

    return _Piece(line_h * len(lines) + ts.gap(after_mm), paint, before=ts.gap(before_mm))


def _signatures(ts: _Typesetter, width: float, block: SignatureBlock) -> _Piece:
    s = ts.style
    blank = "＿" * 6
    texts = [f"{item.label}：{item.value or blank}" if item.label else item.value for item in block.items]
    if block.align != ALIGN_RIGHT:
        return _spread_line(ts, width, texts, s.signature_pt, before_mm=6, after_mm=0)
    char = _char(TEXT_FAMILIES, s.signature_pt)
    fmt = ts.block(Qt.AlignmentFlag.AlignRight, line_height=140)
    doc = ts.doc([(text, char, fmt) for text in texts], width)
    return _Piece(_height(doc), lambda painter, y: _draw(painter, doc, 0, y), before=ts.gap(6))


def _pieces(part: Part, ts: _Typesetter, width: float) -> list[_Piece | _TableLayout]:
    p, s = part, ts.style
    items: list[_Piece | _TableLayout] = []
    title_fill = TINT_COLOURS.get(p.tint) if p.tint else None
    items.append(_paragraph(ts, width, p.title, TITLE_FAMILIES, s.title_pt, align=Qt.AlignmentFlag.AlignHCenter,
                            after_mm=1.5, line_height=115, fill=title_fill))
    if p.subtitle:
        items.append(_paragraph(ts, width, p.subtitle, TEXT_FAMILIES, s.subtitle_pt,
                                align=Qt.AlignmentFlag.AlignHCenter, after_mm=1.5))
    if p.number:
        items.append(_paragraph(ts, width, p.number, TEXT_FAMILIES, s.info_pt, align=Qt.AlignmentFlag.AlignRight,
                                after_mm=1))
    if p.info:
        items.append(_spread_line(ts, width, p.info, s.info_pt))
    if p.addressee:
        items.append(_paragraph(ts, width, p.addressee, TEXT_FAMILIES, s.text_pt, before_mm=2, after_mm=1))
    for text in p.paragraphs:
        items.append(_paragraph(ts, width, text, TEXT_FAMILIES, s.text_pt, after_mm=1.5, indent=True,
                                line_height=140))
    if p.summary:
        items.append(_paragraph(ts, width, p.summary, HEADING_FAMILIES, s.summary_pt, before_mm=1.5, after_mm=0.8))
    if p.summary_extra:
        items.append(_paragraph(ts, width, p.summary_extra, TEXT_FAMILIES, s.info_pt, after_mm=2.5))
    for table in p.tables:
        items.append(_TableLayout(ts, table, width))
    for text in p.closing:
        items.append(_paragraph(ts, width, text, TEXT_FAMILIES, s.text_pt, before_mm=2.5, indent=True,
                                line_height=140))
    for i, text in enumerate(p.footnotes):
        # "说明：" stays with its first note, and the last note with the signatures under it.
        keep = text == "说明：" or (i == len(p.footnotes) - 1 and bool(p.signatures))
        items.append(_paragraph(ts, width, text, TEXT_FAMILIES, s.footnote_pt, before_mm=2.5 if i == 0 else 0.3,
                                line_height=120, keep=keep))
    for block in p.signatures:
        items.append(_signatures(ts, width, block))
    return items


# -- pages of a part ------------------------------------------------------------------------------------

def _style_of(part: Part) -> Style:
    return NOTICE_STYLE if part.addressee else REPORT_STYLE


def _body(device: QPagedPaintDevice, style: Style) -> tuple[QRectF, float]:
    dpi = device.logicalDpiX()
    rect = QRectF(device.pageLayout().paintRectPixels(dpi))
    footer = style.footer_mm / MM_PER_INCH * dpi
    return QRectF(0, 0, rect.width(), rect.height() - footer), footer


def _lay_out(part: Part, device: QPagedPaintDevice, style: Style) -> list[list[Paint]]:
    body, _ = _body(device, style)
    ts = _Typesetter(device, style)
    return _Flow(ts, body.width(), body.height()).place(_pieces(part, ts, body.width()))


def _shortened(part: Part, keep: int) -> Part | None:
    """``part`` with only the first ``keep`` rows of its last table that has ``more_text``, the
    rows left out counted in its tail line; None when no table may be shortened."""
    for t, table in reversed(list(enumerate(part.tables))):
        if not table.more_text or not table.rows:
            continue
        total, groups, left = len(table.rows), [], keep
        for group in table.groups:
            rows = group.rows[:max(0, left)]
            left -= len(rows)
            if rows or not group.rows:
                groups.append(replace(group, rows=rows))
        tail = table.more_text.format(n=total - keep) if keep < total else table.tail
        tables = [*part.tables[:t], replace(table, groups=groups, tail=tail), *part.tables[t + 1:]]
        return replace(part, tables=tables)
    return None


def part_pages(part: Part, device: QPagedPaintDevice) -> list[list[Paint]]:
    """The pages of one part, as paint calls. A one-page part is fitted to one page (see the
    module's docstring); when nothing makes it fit, the last attempt is printed as it is."""
    style = _style_of(part)
    if not part.one_page:
        return _lay_out(part, device, style)
    pages: list[list[Paint]] = []
    for factor in FIT_SCALES:
        pages = _lay_out(part, device, style.scaled(factor))
        if len(pages) == 1:
            return pages
    smallest = style.scaled(FIT_SCALES[-1])
    total = max((len(t.rows) for t in part.tables if t.more_text), default=0)
    # The most rows that still fit (fewer rows never take more room): a binary search.
    low, high, best = 0, total - 1, None
    while low <= high:
        keep = (low + high) // 2
        shortened = _shortened(part, keep)
        if shortened is None:
            break
        attempt = _lay_out(shortened, device, smallest)
        if len(attempt) == 1:
            best, low = attempt, keep + 1
        else:
            high = keep - 1
    return best or pages


# -- painting ----------------------------------------------------------------------------------------

def render(report: Report, device: QPagedPaintDevice, *, set_layout: bool = False) -> int:
    """Draws ``report`` on ``device`` (a QPrinter or QPdfWriter) and returns the number of pages.

    With ``set_layout`` the device is first set to A4 (portrait for the notices, landscape
    otherwise); without it the layout already on the device (chosen in a print dialog) is used.
    A page range chosen in the print dialog is honoured (pages are counted through the whole report).
    """
    if set_layout:
        configure(device, report)
    laid_out = [part_pages(part, device) for part in report.parts]
    total = sum(len(pages) for pages in laid_out)
    ranges = device.pageRanges() if hasattr(device, "pageRanges") else None

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印（打印机或文件不可用）。")
    try:
        number = 0
        started = False
        for part, pages in zip(report.parts, laid_out, strict=True):
            body, footer_h = _body(device, _style_of(part))
            for i, page in enumerate(pages):
                number += 1
                if ranges is not None and not ranges.isEmpty() and not ranges.contains(number):
                    continue
                if started:
                    device.newPage()
                started = True
                if report.numbering == NUMBER_PART:
                    # A notice is one page: a page number says nothing there.
                    page_text = f"第{i + 1}页 共{len(pages)}页" if len(pages) > 1 else ""
                else:
                    page_text = f"第{number}页 共{total}页"
                painter.save()
                painter.setClipRect(QRectF(body.left(), body.top(), body.width(), body.height() + footer_h))
                for paint in page:
                    paint(painter)
                painter.restore()
                _paint_footer(painter, body, footer_h, part.footer, page_text, report.stamp, device.logicalDpiX())
    finally:
        painter.end()
    return total


def _paint_footer(painter: QPainter, body: QRectF, height: float, left: str, centre: str, right: str,
                  dpi: float) -> None:
    """A thin rule, then the part's name at the left, the page number in the middle and the
    period and day at the right; a side too long for its half is shortened with "…"."""
    painter.save()
    face = font(TEXT_FAMILIES, REPORT_STYLE.footer_pt)
    painter.setFont(face)
    metrics = QFontMetricsF(face, painter.device())
    line_y = body.bottom() + height * 0.25
    pen = QPen(QColor("#808080"))
    pen.setWidthF(0.2 / MM_PER_INCH * dpi)
    painter.setPen(pen)
    painter.drawLine(QPointF(0, line_y), QPointF(body.width(), line_y))
    painter.setPen(QPen(Qt.GlobalColor.black))
    rect = QRectF(0, line_y, body.width(), body.bottom() + height - line_y)
    gap = 4 / MM_PER_INCH * dpi
    centre_w = metrics.horizontalAdvance(centre) if centre else 0.0
    side = (body.width() - centre_w) / 2 - gap if centre else body.width()
    right_w = min(metrics.horizontalAdvance(right), side)
    left_room = side if centre else body.width() - right_w - gap
    align = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignLeft,
                     metrics.elidedText(left, Qt.TextElideMode.ElideRight, max(0.0, left_room)))
    if centre:
        painter.drawText(rect, align | Qt.AlignmentFlag.AlignHCenter, centre)
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignRight,
                     metrics.elidedText(right, Qt.TextElideMode.ElideLeft, max(0.0, right_w)))
    painter.restore()


def page_count(report: Report, device: QPagedPaintDevice | None = None) -> int:
    """Pages the report takes on A4 (laid out, not drawn)."""
    device = device or QPdfWriter(os.devnull)
    configure(device, report)
    return sum(len(part_pages(p, device)) for p in report.parts)


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


def pdf_writer(path: Path | str, title: str = "", report: Report | None = None) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setCreator("greentasks")
    if title:
        writer.setTitle(title)
    configure(writer, report)
    return writer


def write_pdf(report: Report, path: Path | str) -> int:
    """Writes the report as a PDF (A4; portrait for the notices); returns the number of pages.

    Written to a temporary file first and then moved into place, so a failure (or a PDF viewer
    holding the old file open) never leaves half a file behind.
    """
    ensure_app()
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.pdf")
    try:
        writer = pdf_writer(tmp, report.parts[0].title.replace("\n", "") if report.parts else report.name, report)
        pages = render(report, writer)
        del writer  # closes the file
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return pages
