"""Builders of the workbooks these tests import: real .xlsx (openpyxl), real binary .xls (xlwt),
HTML tables saved as .xls, CSV in several encodings, and hostile files. Nothing binary is
committed; every file is written into the test's tmp_path."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import range_boundaries

Rows = Sequence[Sequence[object]]

PLAN_HEADER = ["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限", "备注"]
PLAN_TITLE = "南川区加快推进绿色发展重点任务分工表"

# The standard decomposition table (built into the ``planned`` fixture's database). 区发展改革委
# has three assignments on task 18 (two as lead, one cooperating), so returns must tell them apart.
M_SOLAR = "推进光伏发电项目建设，新增装机容量5万千瓦"
M_GAS = "加快天然气管网建设，完善城乡供气设施"
M_GRID = "推进农村电网改造升级，提高供电可靠性"
M_AIR = "开展大气污染综合治理，改善空气质量"
M_ECO_FARM = "发展生态循环农业，推广绿色种养模式"
M_FIELDS = "建设高标准农田，提升耕地质量"
M_BUILDING = "推广绿色建筑，新建建筑全面执行绿色建筑标准"
STANDARD_PLAN: list[list[object]] = [
    [5, "推动农业绿色发展", M_ECO_FARM, "区农业农村委", "各乡镇（街道）", "长期坚持", None],
    [7, "提升农业质量效益", M_FIELDS, "区农业农村委", "区规划自然资源局", "每年12月底前", None],
    [12, "深入打好污染防治攻坚战", M_AIR, "区生态环境局", "区发展改革委、区经济信息委", "2023年12月底前", None],
    [18, "推动能源体系绿色低碳转型", M_SOLAR, "区发展改革委", "区经济信息委", "2023年6月底前", "重点项目"],
    [None, None, M_GAS, "区发展改革委", "区住房城乡建委", "2024年6月底前", None],
    [None, None, M_GRID, "区经济信息委", "区发展改革委", "2023年第三季度", None],
    [25, "推动城乡建设绿色发展", M_BUILDING, "区住房城乡建委", None, "2025年底前", None],
]
# (task, unit, role, measure) of every assignment the standard table makes: 14 in all.
STANDARD_ASSIGNMENTS = [
    (5, "区农业农村委", "牵头", M_ECO_FARM), (5, "各乡镇（街道）", "配合", M_ECO_FARM),
    (7, "区农业农村委", "牵头", M_FIELDS), (7, "区规划自然资源局", "配合", M_FIELDS),
    (12, "区生态环境局", "牵头", M_AIR), (12, "区发展改革委", "配合", M_AIR), (12, "区经济信息委", "配合", M_AIR),
    (18, "区发展改革委", "牵头", M_SOLAR), (18, "区经济信息委", "配合", M_SOLAR),
    (18, "区发展改革委", "牵头", M_GAS), (18, "区住房城乡建委", "配合", M_GAS),
    (18, "区经济信息委", "牵头", M_GRID), (18, "区发展改革委", "配合", M_GRID),
    (25, "区住房城乡建委", "牵头", M_BUILDING),
]


def plan_table(rows: Rows = STANDARD_PLAN, header: Sequence[object] = PLAN_HEADER, *, title_rows: int = 1,
               title: str = PLAN_TITLE) -> tuple[list[list[object]], list[str]]:
    """Title rows merged across, the header, the rows; returns (grid, merges)."""
    width = len(header)
    last = openpyxl.utils.get_column_letter(width)
    grid: list[list[object]] = []
    merges: list[str] = []
    for i in range(title_rows):
        grid.append([title if i == 0 else f"（{PLAN_TITLE}·第{i + 1}行标题）"] + [None] * (width - 1))
        merges.append(f"A{i + 1}:{last}{i + 1}")
    grid.append(list(header))
    grid += [list(r) for r in rows]
    return grid, merges


def standard_plan_xlsx(path: Path) -> Path:
    grid, merges = plan_table()
    first = 6  # the three rows of task 18 start at Excel row 6 (title, header, tasks 5, 7, 12)
    merges += [f"A{first}:A{first + 2}", f"B{first}:B{first + 2}"]
    grid[first - 1][1] = "推动能源体系绿色低碳转型"
    return write_xlsx(path, grid, merges=merges)


# --- writers ---------------------------------------------------------------------------------------


def write_xlsx(path: Path, rows: Rows, *, merges: Sequence[str] = (), sheet: str = "Sheet1",
               extra_sheets: dict[str, Rows] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # what a unit typed, never a formula ("=…" included)
    for ref in merges:
        ws.merge_cells(ref)
    for name, extra in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in extra:
            other.append(list(row))
    wb.save(path)
    return path


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """0-based (first_row, first_col, last_row, last_col) of an A1 range."""
    c1, r1, c2, r2 = range_boundaries(ref)
    return r1 - 1, c1 - 1, r2 - 1, c2 - 1


def write_xls(path: Path, rows: Rows, *, merges: Sequence[str] = (), sheet: str = "Sheet1") -> Path:
    """A real BIFF8 workbook, as old templates and WPS still send them."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    spans = [_bounds(m) for m in merges]
    covered = {(r, c) for r1, c1, r2, c2 in spans for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r1, c1, r2, c2 in spans:
        value = rows[r1][c1] if r1 < len(rows) and c1 < len(rows[r1]) else None
        ws.write_merge(r1, r2, c1, c2, "" if value is None else value)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in covered or value is None:
                continue
            if isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def write_html_xls(path: Path, rows: Rows, *, merges: Sequence[str] = (), encoding: str = "utf-8") -> Path:
    """An HTML table saved under a .xls name (what OA systems and web exports send)."""
    spans = {(b[0], b[1]): b for b in (_bounds(m) for m in merges)}
    covered = {(r, c) for r1, c1, r2, c2 in spans.values() for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    out = [f'<html><head><meta charset="{encoding}"></head><body><table border="1">']
    for r, row in enumerate(rows):
        out.append("<tr>")
        for c, value in enumerate(row):
            if (r, c) in covered and (r, c) not in spans:
                continue
            attrs = ""
            if (r, c) in spans:
                r1, c1, r2, c2 = spans[(r, c)]
                attrs = f' rowspan="{r2 - r1 + 1}" colspan="{c2 - c1 + 1}"'
            text = "" if value is None else html.escape(str(value)).replace("\n", "<br>")
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table></body></html>")
    path.write_bytes("".join(out).encode(encoding))
    return path


def write_csv(path: Path, rows: Rows, *, encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


# --- free-form returns ------------------------------------------------------------------------------

RETURN_HEADER = ["序号", "任务编号", "具体工作", "完成状态", "进展情况", "存在问题", "下步计划", "备注"]


def free_return(rows: Rows, *, unit: str | None = "区发展改革委", period: str | None = "2023年第一季度",
                header: Sequence[object] = RETURN_HEADER, reporter: str = "张三", phone: str = "023-71422160",
                reported_on: object = "2023年4月6日") -> tuple[list[list[object]], list[str]]:
    """A unit's own return sheet: a merged title, a 填报单位/报送期 block, the header, the rows."""
    width = len(header)
    last = openpyxl.utils.get_column_letter(width)
    grid: list[list[object]] = [["重点任务推进情况表"] + [None] * (width - 1)]
    block: list[object] = [None] * width
    if unit is not None:
        block[0] = f"填报单位：{unit}"
    if period is not None:
        block[3] = f"报送期：{period}"
    grid.append(block)
    grid.append([f"填报人：{reporter}", None, f"联系电话：{phone}", None, "填报日期：", reported_on] + [None] * (width - 6))
    grid.append(list(header))
    grid += [list(r) for r in rows]
    return grid, [f"A1:{last}1"]


# --- hostile files ------------------------------------------------------------------------------------

# The reader's tests build these the same way; one construction serves both suites.
from excel_reader import _build  # noqa: E402

write_cfb = _build.write_cfb
encrypted_xlsx = _build.encrypted_ooxml
docx_renamed = _build.docx


def rewrite_zip(src: Path, dst: Path, edit) -> Path:
    """Copy a zip, passing each member's bytes through ``edit(name, data)``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info.filename)))
    return dst


def with_entity(src: Path, dst: Path) -> Path:
    """The "billion laughs" shape: an ENTITY declaration in the first sheet's XML."""
    doctype = (b'<!DOCTYPE worksheet [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')

    def edit(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            start = data.index(b"<worksheet")
            data = b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + data[start:]
            data = re.sub(rb"<t>[^<]*</t>", b"<t>&c;</t>", data, count=1)  # and use it
            assert b"<!ENTITY" in data and b"&c;" in data
        return data

    return rewrite_zip(src, dst, edit)


def declared_bomb(src: Path, dst: Path, declared: int = 250 * 1024 * 1024) -> Path:
    """A zip whose central directory declares a member far larger than 200 MB."""
    data = bytearray(src.read_bytes())
    pos = data.find(b"PK\x01\x02")
    assert pos > 0
    struct.pack_into("<I", data, pos + 24, declared)  # uncompressed size of the first member
    dst.write_bytes(bytes(data))
    return dst


def real_bomb(dst: Path, megabytes: int = 40) -> Path:
    """A real zip bomb: an xlsx-looking package with one member of zeros, ~1000:1."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 1024 * 1024))
    return dst
