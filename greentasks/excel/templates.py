"""Return templates (进展情况表, docs/excel.md#template): one protected workbook per unit and period.

Only the status drop-down, the four text columns and the 填报人/联系电话/填报日期 cells are
editable. Every data row carries its assignment's id in a hidden column, and a hidden sheet
``_meta`` names the plan, the unit and the period, so a returned template is matched exactly
even if the unit sorted its rows.

Written from the rows ``services.exports.export_templates`` gathers; nothing here reads the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from ..domain.periods import Period
from ..domain.statuses import STATUSES
from . import sheetstyle as st
from .celltext import printable

TEMPLATE_VERSION = "1"
SHEET = "进展情况"
META_SHEET = "_meta"
HEADERS = ["序号", "任务编号", "重点任务", "具体工作", "责任类型", "完成时限", "完成状态", "进展情况", "存在问题",
           "下步计划", "备注", "分工编号"]
WIDTHS = [6, 9, 18, 36, 9, 14, 11, 40, 24, 28, 14, 10]
HEADER_ROW = 4
FIRST_DATA_ROW = 5
ID_COLUMN = 12  # L, hidden
EDITABLE_COLUMNS = (7, 8, 9, 10, 11)  # G..K
META_KEYS = ("template_version", "doc_no", "department", "department_id", "period", "generated_on")
INSTRUCTIONS = (
    "填表说明：1. 只需填写“完成状态”（下拉选择：未启动、推进中、滞后、已完成、长期坚持）、进展情况、存在问题、下步计划、备注，"
    "以及第3行的填报人、联系电话、填报日期；其余内容已锁定，请勿改动。2. 如需调整行的顺序，可在“审阅”中"
    "“撤销工作表保护”（无密码）后排序；请不要删除行，也不要删除隐藏的列和工作表，否则无法自动导入。3. 已完成的任务请在进展情况中写明完成时间和佐证材料。"
    "4. 填好后保存为 .xlsx 文件，按原文件名报送区政府办公室。"
)
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\r\n\t]+')


def template_file_name(period: Period, department: str) -> str:
    return f"{period.code}_{_UNSAFE_FILENAME.sub('_', department)}_进展情况表.xlsx"


@dataclass
class TemplateRow:
    """One assignment of the unit, with its latest return (offered for the unit to update)."""

    id: int
    task_no: int
    task_title: str
    measure: str
    role: str
    deadline_text: str
    status: str
    latest_progress: str | None
    latest_problems: str | None
    latest_next_steps: str | None
    shared_with: str = ""  # a member's share of a collective's work: the collective (各乡镇（街道）)

    @property
    def measure_text(self) -> str:
        """The 具体工作 as the unit reads it: a share says whose common work it is."""
        return f"{self.measure}（{self.shared_with}共同任务）" if self.shared_with else self.measure


@dataclass
class TemplateData:
    title: str
    doc_no: str
    period: Period
    department: str
    department_id: int
    rows: list[TemplateRow]


def write_template(data: TemplateData, out: Path, today: date) -> Path:
    """One unit's template for one period (docs/excel.md#template). Longer than most functions on
    purpose: it lays out one sheet top to bottom (title, locked header block, table, drop-down,
    protection, note, print setup), and each step uses the row numbers the one before it set."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    n_cols = len(HEADERS)
    last_visible = n_cols - 1

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_visible)
    title = st.put(ws, 1, 1, f"《{data.title}》重点任务进展情况表")
    title.font = st.title_font(16)
    title.alignment = st.CENTER
    ws.row_dimensions[1].height = 36

    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=5)
    st.put(ws, 2, 1, f"报送期：{data.period.label}").font = st.body_font(12, bold=True)
    ws.merge_cells(start_row=2, start_column=6, end_row=2, end_column=last_visible)
    st.put(ws, 2, 6, printable(f"填报单位：{data.department}")).font = st.body_font(12, bold=True)

    # Row 3: labels locked, the three values editable.
    for label_col, value_col, label in ((1, 3, "填报人："), (6, 8, "联系电话："), (9, 10, "填报日期：")):
        if value_col - label_col > 1:
            ws.merge_cells(start_row=3, start_column=label_col, end_row=3, end_column=value_col - 1)
        cell = st.put(ws, 3, label_col, label)
        cell.font = st.body_font(12)
        cell.alignment = Alignment(horizontal="right", vertical="center")
        value = ws.cell(row=3, column=value_col)
        value.protection = Protection(locked=False)
        value.fill = st.EDITABLE_FILL
        value.border = st.BORDER
        value.font = st.body_font(12)
    ws["J3"].number_format = st.DATE_FORMAT  # a date typed there shows as 2023年7月10日
    ws.merge_cells(start_row=3, start_column=3, end_row=3, end_column=5)

    st.header_row(ws, HEADER_ROW, HEADERS, WIDTHS)
    for i, row in enumerate(data.rows):
        r = FIRST_DATA_ROW + i
        values = [
            i + 1, row.task_no, row.task_title, row.measure_text, row.role, row.deadline_text, row.status,
            row.latest_progress or "", row.latest_problems or "", row.latest_next_steps or "", "", row.id,
        ]
        for col, value in enumerate(values, start=1):
            cell = st.put(ws, r, col, printable(value))
            cell.border = st.BORDER
            cell.font = st.body_font(11)
            cell.alignment = st.CENTER if col in (1, 2, 5, 6, 7) else st.WRAP
            if col in EDITABLE_COLUMNS:
                cell.protection = Protection(locked=False)
                cell.fill = st.EDITABLE_FILL
    last_data = FIRST_DATA_ROW + max(len(data.rows), 1) - 1

    if data.rows:
        dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="完成状态",
                            error="请从下拉列表中选择：" + "、".join(STATUSES))
        dv.add(f"G{FIRST_DATA_ROW}:G{last_data}")
        ws.add_data_validation(dv)

    note_row = last_data + 2
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=last_visible)
    note = st.put(ws, note_row, 1, INSTRUCTIONS)
    note.font = st.body_font(10)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[note_row].height = 60
    # Rows as tall as their text, and room for the unit to write three lines in each.
    st.fit_rows(ws, 1, HEADER_ROW)
    st.fit_rows(ws, FIRST_DATA_ROW, last_data, min_lines=3)
    st.fit_rows(ws, note_row, note_row)

    ws.column_dimensions["L"].hidden = True
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    st.a4_landscape(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_area = f"A1:K{note_row}"
    # Protected without a password; units may still sort, filter and resize.
    ws.protection.sheet = True
    ws.protection.sort = False
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False

    meta = wb.create_sheet(META_SHEET)
    meta_values = {
        "template_version": TEMPLATE_VERSION,
        "doc_no": data.doc_no,
        "department": data.department,
        "department_id": str(data.department_id),
        "period": data.period.code,
        "generated_on": today.isoformat(),
    }
    for r, key in enumerate(META_KEYS, start=1):
        st.put(meta, r, 1, key)
        st.put(meta, r, 2, printable(meta_values[key]))
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.active = 0
    return st.save_workbook(wb, out)
