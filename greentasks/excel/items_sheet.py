"""The sheet of 领导批示 and 会议议定事项 (docs/documents.md#items-sheet): 类型 | 批示领导或会议 | 日期 |
事项内容 | 牵头单位 | 配合单位 | 完成时限 | 责任领导 | 批示类别 | 文号, one row per 批示 or decision.

Plain rows only: what a 类型 or a 批示类别 means, which rows make one meeting, and whether the units
named are known is decided by services.items, which locates its messages with the column letters
kept here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..domain.text import clean, fold
from ..domain.unitnames import UnitMention, split_units
from ..errors import Problem
from .celltext import printable
from .headers import ColumnKind, HeaderMatch, find_header, other_tables
from .reader import Sheet, Workbook, column_letter

SHEET = "事项"
HEADERS = ["类型", "批示领导或会议", "日期", "事项内容", "牵头单位", "配合单位", "完成时限", "责任领导", "批示类别", "文号"]
WIDTHS = [14, 24, 14, 60, 24, 30, 18, 12, 12, 26]
KINDS = [
    ColumnKind("kind", ("类型", "事项类型", "事项来源", "来源")),
    ColumnKind("source", ("批示领导或会议", "批示领导/会议", "批示领导或会议名称", "领导或会议", "批示领导", "会议名称", "会议")),
    ColumnKind("on", ("日期", "批示日期", "会议日期", "批示时间", "会议时间", "时间")),
    ColumnKind("text", ("事项内容", "批示内容", "议定事项", "批示事项", "批示意见", "事项", "内容")),
    ColumnKind("lead", ("牵头单位", "牵头部门", "责任单位", "责任部门", "牵头")),
    ColumnKind("support", ("配合单位", "配合部门", "协同单位", "协办单位", "配合")),
    ColumnKind("deadline", ("完成时限", "完成时间", "办理时限", "时限要求", "完成期限", "时限")),
    ColumnKind("leader", ("责任领导", "分管领导", "联系领导")),
    ColumnKind("item_class", ("批示类别", "批示性质", "类别")),
    ColumnKind("doc_no", ("文号", "批办单号", "批办单编号", "会议纪要号", "纪要文号", "纪要编号")),
    # Not in the template: a short name of the item, when an office's own sheet has one.
    ColumnKind("subject", ("事项名称", "事项简称", "简称", "标题")),
]
REQUIRED = [("kind",), ("source",), ("text",)]

_NOTE_PREFIX = re.compile(r"^(注|说明|备注|填表说明)\s*[:：]")
_DAY = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SERIAL_MIN, _SERIAL_MAX = 36526, 73050  # Excel serials of 2000-01-01 and 2099-12-31
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass
class ItemRow:
    """One row as written: a 批示, or one decision of a meeting."""

    row: int  # as Excel shows it
    kind: str
    source: str  # 批示领导 or the meeting
    on: date | str | None  # a date; the text as written when it is not one; None when empty
    text: str
    lead: list[UnitMention]
    support: list[UnitMention]
    deadline: object  # the cell as it is (a date cell stays a date)
    leader: str
    item_class: str
    doc_no: str
    subject: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # kind key -> column letter


@dataclass
class ItemsSheet:
    sheet: str
    rows: list[ItemRow]
    warnings: list[Problem] = field(default_factory=list)


def read_day(value: object) -> date | str | None:
    """A 批示's or a meeting's day as a clerk writes it: a date cell, 2023-05-06, 2023/5/6, 2023.5.6,
    2023年5月6日 or 二〇二三年五月六日; the text as written when it is none of these; None when empty."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and _SERIAL_MIN <= value <= _SERIAL_MAX:
        return _EXCEL_EPOCH + timedelta(days=int(value))  # a date cell that lost its format
    written = clean(value)
    if not written:
        return None
    m = _DAY.match(fold(written))
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return written
    from ..plantext.head import parse_chinese_date

    return parse_chinese_date(written) or written


def read_items_sheet(book: Workbook, bracket_names: list[str]) -> tuple[ItemsSheet | None, list[Problem]]:
    """The first visible sheet with an items header; None (and why) when the file has none."""
    for sheet in book.visible_sheets:
        header = find_header(sheet, KINDS, REQUIRED)
        if header is None:
            continue
        found = ItemsSheet(sheet=sheet.name, rows=_read_rows(sheet, header, bracket_names))
        for name in other_tables(book.visible_sheets, sheet, KINDS, REQUIRED):
            found.warnings.append(Problem(
                f"工作表“{name}”也像一张事项表，但只导入了第一张（“{sheet.name}”）。"
                "如也要导入，请把它另存为单独的文件再导入。", file=book.path.name, sheet=name, severity="warning"))
        return found, []
    names = "、".join(s.name for s in book.visible_sheets)
    return None, [Problem(
        "没有找到事项表的表头。表头行须在前15行内，并包含“类型”“批示领导或会议”和“事项内容”三列"
        f"（可用 export-items-template 导出空白的事项表）。已查看的工作表：{names}。", file=book.path.name)]


def _read_rows(sheet: Sheet, header: HeaderMatch, bracket_names: list[str]) -> list[ItemRow]:
    cols = header.columns
    letters = {key: column_letter(c) for key, c in cols.items()}
    width = max(cols.values()) + 1

    def cell(r: int, key: str) -> object:
        c = cols.get(key)
        return sheet.value(r, c) if c is not None else None

    def text(r: int, key: str) -> str:
        return printable(clean(cell(r, key)))

    rows: list[ItemRow] = []
    for r in range(header.data_start, sheet.n_rows):
        non_empty = [t for t in (clean(sheet.value(r, c)) for c in range(max(width, sheet.n_cols))) if t]
        if not non_empty or _NOTE_PREFIX.match(non_empty[0]):
            continue
        lead = [UnitMention(m.name, m.role or "牵头") for m in split_units(cell(r, "lead"), bracket_names)]
        support = [UnitMention(m.name, m.role or "配合") for m in split_units(cell(r, "support"), bracket_names)]
        rows.append(ItemRow(
            row=r + 1, kind=text(r, "kind"), source=text(r, "source"), on=read_day(cell(r, "on")),
            text=text(r, "text"), lead=lead, support=support, deadline=printable(cell(r, "deadline")),
            leader=text(r, "leader"), item_class=text(r, "item_class"), doc_no=text(r, "doc_no"),
            subject=text(r, "subject"), columns=letters))
    return rows


_GUIDE = [
    "领导批示和会议议定事项登记表 填写说明",
    "1. 每行一条：一件领导批示，或一次会议的一项议定事项。同一次会议（会议名称和日期都相同）的各行登记为一次会议的各项议定事项。",
    "2. 类型：填“领导批示”或“会议议定事项”（也可简写为“批示”“会议”）。",
    "3. 批示领导或会议：领导批示填批示领导，如“张区长”；会议议定事项填会议名称，如“区政府第12次常务会议”。",
    "4. 日期：批示日期或开会日期，如 2023-05-06 或 2023年5月6日。",
    "5. 事项内容：批示原文或议定事项原文。",
    "6. 牵头单位、配合单位：单位名称用“、”分开，须与单位通讯录一致（可用简称）。参阅性批示不填单位。",
    "7. 完成时限：如 2023年6月底前、2023-06-30、长期坚持。",
    "8. 责任领导：负责督促落实的区领导；领导批示不填时为批示领导。",
    "9. 批示类别：批办性、指导性或参阅性（只用于领导批示，不填为批办性）。参阅性批示只供阅知，不分解、不需报送。",
    "10. 文号：领导批示填批办单编号，会议议定事项填会议纪要文号；不填时由程序按年度编号，如“领导批示〔2023〕第1号”。",
]


def write_items_template(out: Path, rows: int = 200) -> Path:
    """An empty items sheet: the header, drop-down lists for 类型 and 批示类别, date cells, and a
    second sheet saying how to fill it in."""
    from openpyxl import Workbook as NewBook
    from openpyxl.worksheet.datavalidation import DataValidation

    from . import sheetstyle as st

    wb = NewBook()
    ws = wb.active
    ws.title = SHEET
    st.header_row(ws, 1, HEADERS, WIDTHS)
    last = rows + 1
    # Lists that suggest, not forbid: 批示 and 会议 are read too.
    for letter, values in (("A", "领导批示,会议议定事项"), ("I", "批办性,指导性,参阅性")):
        dv = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True, showErrorMessage=False)
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    for r in range(2, last + 1):
        for col in range(1, len(HEADERS) + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = st.BORDER
            cell.font = st.body_font(11)
            cell.alignment = st.WRAP
        ws.cell(row=r, column=3).number_format = st.DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{column_letter(len(HEADERS) - 1)}{last}"
    st.a4_landscape(ws, title_rows="1:1")
    guide = wb.create_sheet("填写说明")
    guide.column_dimensions["A"].width = 120
    for r, line in enumerate(_GUIDE, start=1):
        cell = st.put(guide, r, 1, line)
        cell.font = st.body_font(12, bold=r == 1)
        cell.alignment = st.WRAP
    st.fit_rows(guide)
    return st.save_workbook(wb, out)
