"""The format of an official document (GB/T 9704-2012, 党政机关公文格式) with python-docx.

- A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a body area of 156 × 225 mm;
- body 3号 (16 pt) 仿宋_GB2312 on a document grid of 22 lines of 28 characters;
- title 2号 (22 pt) 方正小标宋简体; headings 一、 in 黑体, （一） in 楷体_GB2312, 1. in 仿宋 bold;
- page numbers "— 1 —" in 4号 (14 pt) 宋体, odd pages on the right, even pages on the left, a
  character in from the edge.

Chinese text takes its font from the East Asian slot of a run (``w:eastAsia``), which
python-docx's ``font.name`` does not set, so every run is set through :func:`set_font`. The fonts
a clerk's PC may lack have their usual substitutes declared in the document's font table
(``w:altName``): Word and WPS then use 宋体 for 方正小标宋简体, 仿宋 for 仿宋_GB2312 and so on.
Only what python-docx cannot express (the East Asian slot, the grid, the PAGE field, paragraph
borders, the font table's substitutes) is written as XML here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Final

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

TITLE_FONT: Final = "方正小标宋简体"
BODY_FONT: Final = "仿宋_GB2312"
HEADING1_FONT: Final = "黑体"
HEADING2_FONT: Final = "楷体_GB2312"
NUMBER_FONT: Final = "宋体"
LATIN_FONT: Final = "Times New Roman"
# What Word and WPS use when a font is missing (the font table's altName).
SUBSTITUTES: Final = {TITLE_FONT: "华文中宋", BODY_FONT: "仿宋", HEADING2_FONT: "楷体", HEADING1_FONT: "SimHei",
                      NUMBER_FONT: "SimSun"}

SIZE_2: Final = Pt(22)  # 二号
SIZE_3: Final = Pt(16)  # 三号
SIZE_4: Final = Pt(14)  # 四号
SIZE_SMALL_4: Final = Pt(12)  # 小四
RED: Final = RGBColor(0xE6, 0x00, 0x12)
RULE_GAP: Final = Pt(4)  # above the red rule under a masthead

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS: Final = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
LINES_PER_PAGE: Final = 22
CHARS_PER_LINE: Final = 28
# 225 mm of body height over 22 lines: 28.95 pt a line (in twentieths of a point for the grid).
LINE_PITCH: Final = Pt(28.95)
BODY_WIDTH: Final = Mm(210 - 28 - 26)
CONDENSE: Final = -5  # twentieths of a point less between characters: 28 characters of 3号 a line


def new_document() -> Document:
    """An empty A4 document in the official format, with the styles of its body text."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.orientation = WD_ORIENT.PORTRAIT
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    _defaults(doc)
    _grid(section)
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, SIZE_3)
    _condense(normal)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    _declare_substitutes(doc)
    page_numbers(doc, section)
    return doc


def _defaults(doc) -> None:
    """The document's default run: 3号 and Chinese, which the grid's character pitch is measured from."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag, value in (("w:sz", "32"), ("w:szCs", "32")):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), value)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _grid(section) -> None:
    """22 lines a page: the line grid Word and WPS lay the body text on. The 28 characters a
    line come from the body text's spacing (:data:`CONDENSE`), not from a character grid: with a
    character pitch narrower than the 3号 glyphs, LibreOffice gives each character two cells."""
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))
    sect.append(grid)


def _condense(style) -> None:
    """156 mm over 28 characters is 15.79 pt a character: 3号 text is set 0.25 pt tighter."""
    rpr = style.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSE))
    rpr.append(spacing)


def set_font(target, name: str, size=None, *, bold: bool | None = None, color: RGBColor | None = None) -> None:
    """Set a run's or a style's font in every slot: East Asian text in ``name``, digits and
    Latin letters in Times New Roman (the format's choice), and the size."""
    font = target.font
    font.name = LATIN_FONT
    rpr = target.element.get_or_add_rPr() if hasattr(target.element, "get_or_add_rPr") else target._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    if color is not None:
        font.color.rgb = color


def _declare_substitutes(doc) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for name, alt in SUBSTITUTES.items():
        if name in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_name = OxmlElement("w:altName")
        alt_name.set(qn("w:val"), alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "roman" if name in (TITLE_FONT, NUMBER_FONT) else "modern")
        font.extend([alt_name, charset, family])
        table.append(font)
    # The font table is a plain part to python-docx: its bytes are replaced as a whole.
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def paragraph(doc_or_cell, text: str = "", *, font: str = BODY_FONT, size=SIZE_3, bold: bool = False,
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars: float = 2, color: RGBColor | None = None,
              keep_with_next: bool = False, exact: bool = True) -> Paragraph:
    """One paragraph of body text (first line indented two characters, as the format asks)."""
    p = doc_or_cell.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    if indent_chars:
        fmt.first_line_indent = Pt(size.pt * indent_chars)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH if size.pt <= SIZE_3.pt else Pt(size.pt * 1.4)
    fmt.keep_with_next = keep_with_next
    if text:
        add_run(p, text, font=font, size=size, bold=bold, color=color)
    return p


def add_run(p: Paragraph, text: str, *, font: str = BODY_FONT, size=SIZE_3, bold: bool = False,
            color: RGBColor | None = None):
    run = p.add_run(text)
    set_font(run, font, size, bold=bold, color=color)
    return run


def title(doc, text: str) -> Paragraph:
    """The title: 2号 小标宋, centred, a blank line below it (as many lines as it needs)."""
    p = paragraph(doc, text, font=TITLE_FONT, size=SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0,
                  keep_with_next=True, exact=False)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(34)
    p.paragraph_format.space_after = LINE_PITCH
    off_grid(p)
    return p


def heading(doc, text: str, level: int = 1) -> Paragraph:
    """一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold; kept with the paragraph after it."""
    font, bold = {1: (HEADING1_FONT, False), 2: (HEADING2_FONT, False)}.get(level, (BODY_FONT, True))
    return paragraph(doc, text, font=font, bold=bold, keep_with_next=True)


def red_rule(doc, *, space_before=RULE_GAP) -> Paragraph:
    """The red separator line under a masthead (版头), as wide as the body."""
    p = doc.add_paragraph()
    p.paragraph_format.space_before = space_before
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(4)
    border(p, "bottom", color="E60012", size_eighths=18)
    return p


_AFTER_BORDERS: Final = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def border(p: Paragraph, side: str, *, color: str = "000000", size_eighths: int = 8) -> None:
    """A line along one side of a paragraph (``size_eighths``: its width in eighths of a point)."""
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # Where the schema orders it (Word refuses a paragraph whose properties are out of order).
        ppr.insert_element_before(borders, *_AFTER_BORDERS)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), color)
    borders.append(line)


def page_numbers(doc, section) -> None:
    """"— 1 —" in 4号 宋体: odd pages on the right, even pages on the left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.paragraph_format.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = SIZE_4
        else:
            p.paragraph_format.left_indent = SIZE_4
        add_run(p, "— ", font=NUMBER_FONT, size=SIZE_4)
        _field(p, "PAGE")
        add_run(p, " —", font=NUMBER_FONT, size=SIZE_4)


def _field(p: Paragraph, instruction: str) -> None:
    run = add_run(p, "", font=NUMBER_FONT, size=SIZE_4)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.extend([begin, code, separate, shown, end])


def landscape_section(doc):
    """A new landscape section (for a wide 附件 table), with the same margins turned."""
    from docx.enum.section import WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    section.top_margin, section.bottom_margin = Mm(28), Mm(26)
    section.left_margin, section.right_margin = Mm(37), Mm(35)
    return section


def portrait_section(doc):
    from docx.enum.section import WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    return section


def table(doc, header: Iterable[str], rows: Iterable[Iterable[str]], widths_mm: Iterable[float], *,
          size=SIZE_SMALL_4) -> Table:
    """A ruled table in 仿宋 with a bold header row repeated on every page; rows never split
    across pages."""
    header = list(header)
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(w) for w in widths_mm]
    # The column grid and a fixed layout carry the widths: LibreOffice reads the grid, not the
    # cells' own widths, and Word would otherwise widen columns to fit their text.
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width
    for cell, text, width in zip(t.rows[0].cells, header, widths, strict=True):
        _cell(cell, text, width, size, bold=True, center=True)
    _repeat_header(t.rows[0])
    template = None  # the first plain row's XML: the others are copies of it with their own texts
    for values in rows:
        values = list(values)
        if template is not None:
            tr = copy.deepcopy(template)
            for run, text in zip(tr.iter(qn("w:r")), values, strict=True):
                _set_run_text(run, text)
            t._tbl.append(tr)
            continue
        row = t.add_row()
        _no_split(row)
        for cell, text, width in zip(row.cells, values, widths, strict=True):
            _cell(cell, text, width, size)
        if sum(1 for _ in row._tr.iter(qn("w:r"))) == len(values):
            template = row._tr  # (python-docx spends a millisecond a cell: a long 附件 would take seconds)
    return t


_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RPR, _BR, _TAB, _T = qn("w:rPr"), qn("w:br"), qn("w:tab"), qn("w:t")


def _set_run_text(run, text: str) -> None:
    """A copied cell's run given ``text`` as python-docx's Run.text would write it: a line break
    for each newline, a tab for each tab."""
    for child in list(run):
        if child.tag != _RPR:
            run.remove(child)
    # run.makeelement: the document's own element classes, without OxmlElement's parse of a
    # template (a 附件 of thousands of cells).
    for k, line in enumerate(text.split("\n")):
        if k:
            run.append(run.makeelement(_BR, {}))
        for j, part in enumerate(line.split("\t")):
            if j:
                run.append(run.makeelement(_TAB, {}))
            if part:
                element = run.makeelement(_T, {})
                element.text = part
                if part != part.strip():
                    element.set(_SPACE, "preserve")
                run.append(element)


def _cell(cell, text: str, width, size, *, bold: bool = False, center: bool = False) -> None:
    cell.width = width
    p = cell.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    off_grid(p)
    add_run(p, text, font=HEADING1_FONT if bold else BODY_FONT, size=size)


def off_grid(p: Paragraph) -> None:
    """Let a paragraph keep its own line height: on the body's 22-line grid every line of a
    小四 table cell would take a whole 28.95 pt grid line (Word, WPS and LibreOffice alike)."""
    ppr = p._p.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr")


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    trpr.append(mark)
    _no_split(row)


def _no_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))
