"""The unit directory sheet (单位通讯录, docs/excel.md#directory): 单位名称 | 简称/别名 | 类别 | 联系人 | 联系电话 |
邮箱 | 所属集合."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ..domain.mailaddr import bad_address_message, split_addresses
from ..domain.text import clean
from ..errors import Problem
from ..services.directory import DirectoryRow, split_aliases
from . import sheetstyle as st
from .celltext import printable
from .headers import ColumnKind, find_header
from .reader import Workbook as Book
from .reader import column_letter

HEADERS = ["单位名称", "简称/别名", "类别", "联系人", "联系电话", "邮箱", "所属集合"]
KINDS = [
    ColumnKind("name", ("单位名称", "单位全称", "单位", "名称")),
    ColumnKind("aliases", ("简称/别名", "简称", "别名", "简称别名")),
    ColumnKind("category", ("类别", "单位类别", "类型")),
    ColumnKind("contact", ("联系人", "联络员")),
    ColumnKind("phone", ("联系电话", "电话", "手机")),
    ColumnKind("email", ("邮箱", "电子邮箱", "电子邮件", "邮件地址", "政务邮箱", "email", "e-mail")),
    ColumnKind("collectives", ("所属集合", "所属集合名称", "所属集合单位")),
]


# A 简称/别名 cell is split as the directory splits it everywhere (desktop app included).
alias_cell = split_aliases


def read_directory(book: Book) -> tuple[list[DirectoryRow], str | None, list[Problem]]:
    rows, sheet, problems, _columns = read_directory_columns(book)
    return rows, sheet, problems


def read_directory_columns(book: Book) -> tuple[list[DirectoryRow], str | None, list[Problem], dict[str, str]]:
    """As read_directory, with the column letter of each kind found (name, aliases, category…)."""
    for sheet in book.visible_sheets:
        header = find_header(sheet, KINDS, [("name",)])
        if header is None:
            continue
        rows: list[DirectoryRow] = []
        problems: list[Problem] = []
        for r in range(header.data_start, sheet.n_rows):
            if not any(clean(v) for v in sheet.rows[r]):
                continue
            values = {key: clean(sheet.value(r, c)) for key, c in header.columns.items()}
            addresses, bad = split_addresses(values.get("email"))
            if bad:
                problems.append(Problem(bad_address_message(bad) + "请改正后重新导入。", file=book.path.name,
                                        sheet=sheet.name, row=r + 1, column=column_letter(header.columns["email"])))
            # 所属集合 splits as aliases do (、 or ，; 各乡镇（街道） stays whole); no column, None.
            collectives = alias_cell(values["collectives"]) if "collectives" in header.columns else None
            rows.append(DirectoryRow(name=values.get("name", ""), aliases=alias_cell(values.get("aliases", "")),
                                     category=values.get("category", ""), contact=values.get("contact", ""),
                                     phone=values.get("phone", ""), row=r + 1, collectives=collectives,
                                     email="；".join(addresses)))
        letters = {key: column_letter(c) for key, c in header.columns.items()}
        return rows, sheet.name, problems, letters
    return [], None, [Problem("没有找到单位通讯录的表头（须有“单位名称”列）。请使用导出的通讯录格式。",
                              file=book.path.name)], {}


def write_directory(rows: list[DirectoryRow], out: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    st.header_row(ws, 1, HEADERS, [28, 32, 12, 12, 16, 26, 28])
    for r, row in enumerate(rows, start=2):
        values = [row.name, "、".join(row.aliases), row.category, row.contact, row.phone, row.email,
                  "、".join(row.collectives or [])]
        for col, value in enumerate(values, start=1):
            cell = st.put(ws, r, col, printable(value))
            cell.border = st.BORDER
            cell.font = st.body_font(11)
            cell.alignment = st.WRAP
    ws.freeze_panes = "A2"
    st.fit_rows(ws)
    ws.auto_filter.ref = f"A1:G{max(len(rows) + 1, 1)}"
    st.a4_landscape(ws, title_rows="1:1")
    return st.save_workbook(wb, out)
