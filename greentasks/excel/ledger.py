"""The ledger (总台账, docs/excel.md#ledger): one row per 具体工作, with 统计 and 未报送 sheets and, for
each collective (各乡镇（街道）), a 分项 sheet of its members' shares.

Written from the rows ``services.exports.export_ledger`` gathers; nothing here reads the database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ..domain import lights
from ..domain.periods import period_words
from ..domain.planclock import cn_date
from ..domain.statuses import STATUSES
from . import sheetstyle as st
from .celltext import printable
from .changes_sheet import ChangesSheet, write_changes_sheet

HEADERS = ["序号", "章节", "任务编号", "重点任务", "具体工作", "牵头单位", "配合单位", "责任领导", "完成时限", "完成状态",
           "预警", "最新报送期", "进展情况", "存在问题", "下步计划", "最近报送日期"]
WIDTHS = [6, 18, 8, 16, 34, 14, 18, 10, 14, 10, 7, 11, 44, 24, 28, 12]
# 1-based columns, by header: what is tinted, centred or a date.
LIGHT_COL = HEADERS.index("预警") + 1
DEADLINE_COL = HEADERS.index("完成时限") + 1
DATE_COL = HEADERS.index("最近报送日期") + 1
_CENTRED = {HEADERS.index(h) + 1 for h in ("序号", "任务编号", "责任领导", "完成时限", "完成状态", "预警", "最新报送期",
                                          "最近报送日期")}


@dataclass
class LedgerLine:
    """One 具体工作: the lead unit's status and light, every unit's latest return joined."""

    section: str
    subsection: str
    task_no: int
    task_title: str
    measure: str
    lead_names: str
    cooperating_names: str
    deadline_text: str
    deadline_unrecognised: bool  # the 完成时限 could not be read as a date: tinted for the clerk
    status: str
    closure: str | None
    light: str
    latest_period: str | None
    progress: str
    problems: str
    next_steps: str
    latest_reported_on: date | None
    leader: str = ""  # the task's 责任领导 ("、" between names)


@dataclass
class MissingLine:
    """A unit that owes a return for the period and sent none."""

    name: str
    category: str
    contact: str
    phone: str
    owed: int
    reminded_on: date | None = None  # the newest 催报 sent for the period (services.reminders)
    reminded_way: str = ""


@dataclass
class ShareLine:
    """One member's share of a collective's work (各乡镇（街道） → 大观镇), for the 分项 sheets."""

    collective: str
    task_no: int
    measure: str
    member: str
    deadline_text: str
    status: str
    closure: str | None
    light: str
    reported: bool  # has a return for the ledger's period
    latest_period: str | None
    progress: str
    problems: str
    next_steps: str
    latest_reported_on: date | None


@dataclass
class LedgerData:
    plan_title: str
    period_label: str
    today: date
    assignments: int
    by_status: dict[str, int]
    overdue: int
    lines: list[LedgerLine]
    # The 统计 sheet: counts by status, by light and 合计, per unit and per section.
    by_department: dict[str, dict[str, int]] = field(default_factory=dict)
    by_section: dict[str, dict[str, int]] = field(default_factory=dict)
    missing: list[MissingLine] = field(default_factory=list)
    shares: list[ShareLine] = field(default_factory=list)  # one 分项 sheet per collective
    changes: ChangesSheet | None = None  # the 环比 sheet: what changed since the period before


def write_ledger(data: LedgerData, out: Path) -> Path:
    today, measures, missing = data.today, data.lines, data.missing
    wb = Workbook()
    ws = wb.active
    ws.title = "总台账"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    title = st.put(ws, 1, 1, f"《{data.plan_title}》重点任务推进情况总台账")
    title.font = st.title_font(16)
    title.alignment = st.CENTER
    ws.row_dimensions[1].height = 32
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    counts = "、".join(f"{s}{data.by_status[s]}项" for s in STATUSES)
    st.put(ws, 2, 1, f"报送期：{data.period_label}    统计日期：{cn_date(today)}    共{data.assignments}项分工：{counts}；"
                     f"逾期{data.overdue}项；未报送单位{len(missing)}个").font = st.body_font(11)
    st.header_row(ws, 3, HEADERS, WIDTHS)
    body = st.TableRows(ws, WIDTHS)
    font = st.body_font(10)
    plain = [body.style(font=font, border=st.BORDER, alignment=st.CENTER if col in _CENTRED else st.WRAP,
                        number_format=st.DATE_FORMAT if col == DATE_COL else None)
             for col in range(1, len(HEADERS) + 1)]
    lit = {light: body.style(font=font, border=st.BORDER, alignment=st.CENTER, fill=fill)
           for light, fill in st.LIGHT_FILLS.items()}
    unrecognised = body.style(font=font, border=st.BORDER, alignment=st.CENTER, fill=st.UNRECOGNISED_FILL)
    for i, m in enumerate(measures, start=1):
        status = m.status + ("（待销号）" if m.closure == "待销号" else "")
        section = m.section + (f" {m.subsection}" if m.subsection else "")
        values = [i, section, m.task_no, m.task_title, m.measure, m.lead_names, m.cooperating_names, m.leader,
                  m.deadline_text, status, m.light, period_words(m.latest_period), m.progress, m.problems,
                  m.next_steps, m.latest_reported_on]
        styles = plain.copy()
        styles[LIGHT_COL - 1] = lit.get(m.light, plain[LIGHT_COL - 1])
        if m.deadline_unrecognised:
            styles[DEADLINE_COL - 1] = unrecognised
        body.write(3 + i, values, styles)
    last = 3 + len(measures)
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(HEADERS))}{max(last, 3)}"
    st.a4_landscape(ws, title_rows="3:3")

    _stats_sheet(wb, data)
    _missing_sheet(wb, data.period_label, missing)
    shared = _share_sheets(wb, data.period_label, data.shares)
    changes = write_changes_sheet(wb, data.changes) if data.changes is not None else None
    for sheet in wb.worksheets:  # every sheet's rows as tall as their wrapped text (tables: as written)
        if sheet is not changes:
            st.fit_rows(sheet, last=3 if sheet is ws or sheet.title in shared else None)
    return st.save_workbook(wb, out)


def _stats_sheet(wb: Workbook, data: LedgerData) -> None:
    ws = wb.create_sheet("统计")
    light_names = [lights.RED, lights.YELLOW, lights.GREEN]
    width = 1 + len(STATUSES) + len(light_names) + 1
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    title = st.put(ws, 1, 1, f"《{data.plan_title}》重点任务推进情况统计表")
    title.font = st.title_font(16)
    title.alignment = st.CENTER
    ws.row_dimensions[1].height = 32
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    st.put(ws, 2, 1, f"报送期：{data.period_label}    统计日期：{cn_date(data.today)}").font = st.body_font(11)
    r = 4
    styler, font = st.Styler(), st.body_font(10)
    for heading, table, rows_by in (("按单位统计", "by_department", "单位"), ("按章节统计", "by_section", "章节")):
        st.put(ws, r, 1, heading).font = st.title_font(13)
        r += 1
        st.header_row(ws, r, [rows_by, *STATUSES, *light_names, "合计"])
        r += 1
        for name, counts in getattr(data, table).items():
            values = [name, *(counts.get(s, 0) for s in STATUSES), *(counts.get(x, 0) for x in light_names),
                      counts.get("合计", 0)]
            for col, value in enumerate(values, start=1):
                styler.apply(st.put(ws, r, col, printable(value)), font=font, border=st.BORDER,
                             alignment=st.WRAP if col == 1 else st.CENTER)  # a long section name wraps
            r += 1
        r += 1
    ws.column_dimensions["A"].width = 36
    for col in range(2, 11):
        ws.column_dimensions[get_column_letter(col)].width = 9
    st.a4_landscape(ws)


def _missing_sheet(wb: Workbook, period_label: str, missing: list[MissingLine]) -> None:
    ws = wb.create_sheet("未报送")
    ws.merge_cells("A1:H1")
    st.put(ws, 1, 1, f"{period_label}未报送进展情况的单位").font = st.title_font(13)
    st.header_row(ws, 2, ["序号", "单位", "类别", "联系人", "联系电话", "应报分工数", "催报时间", "催报方式"],
                  [6, 30, 12, 12, 18, 12, 16, 14])
    for i, m in enumerate(missing, start=1):
        values = [i, m.name, m.category, m.contact, m.phone, m.owed, m.reminded_on, m.reminded_way]
        for col, value in enumerate(values, start=1):
            cell = st.put(ws, 2 + i, col, printable(value))
            cell.border = st.BORDER
            cell.font = st.body_font(11)
            if col == 7 and value is not None:
                cell.number_format = 'yyyy"年"m"月"d"日"'
    if not missing:
        st.put(ws, 3, 1, "本期所有单位均已报送。")
    st.a4_landscape(ws, title_rows="2:2")


SHARE_HEADERS = ["序号", "任务编号", "具体工作", "成员单位", "完成时限", "完成状态", "预警", "本期报送", "最新报送期",
                 "进展情况", "存在问题", "下步计划", "最近报送日期"]
SHARE_WIDTHS = [6, 8, 30, 14, 14, 10, 7, 9, 11, 40, 22, 26, 12]
_SHARE_CENTRED = {1, 2, 5, 6, 7, 8, 9, 13}
_SHEET_UNSAFE = re.compile(r"[\\/:*?\[\]]")


def share_sheet_title(collective: str) -> str:
    """各乡镇（街道） → 各乡镇（街道）分项 (Excel's 31 characters, none of []:*?/\\)."""
    return _SHEET_UNSAFE.sub("", f"{collective}分项")[-31:]


def _share_sheets(wb: Workbook, period_label: str, shares: list[ShareLine]) -> set[str]:
    """One sheet per collective: every member's share of its work, task by task, member by member.
    Returns the sheets' titles."""
    by_collective: dict[str, list[ShareLine]] = {}
    for line in shares:
        by_collective.setdefault(line.collective, []).append(line)
    font = st.body_font(10)
    titles = set()
    for collective, lines in by_collective.items():
        ws = wb.create_sheet(share_sheet_title(collective))
        titles.add(ws.title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SHARE_HEADERS))
        st.put(ws, 1, 1, f"{collective}各成员单位分项推进情况").font = st.title_font(13)
        sent = sum(x.reported for x in lines)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(SHARE_HEADERS))
        st.put(ws, 2, 1, f"报送期：{period_label}    交由{collective}承担的工作分解到"
                         f"{len({x.member for x in lines})}个成员单位，共{len(lines)}项分项，"
                         f"本期已报送{sent}项").font = st.body_font(11)
        st.header_row(ws, 3, SHARE_HEADERS, SHARE_WIDTHS)
        body = st.TableRows(ws, SHARE_WIDTHS)
        plain = [body.style(font=font, border=st.BORDER, alignment=st.CENTER if col in _SHARE_CENTRED else st.WRAP,
                            number_format=st.DATE_FORMAT if col == 13 else None)
                 for col in range(1, len(SHARE_HEADERS) + 1)]
        lit = {light: body.style(font=font, border=st.BORDER, alignment=st.CENTER, fill=fill)
               for light, fill in st.LIGHT_FILLS.items()}
        for i, x in enumerate(lines, start=1):
            status = x.status + ("（待销号）" if x.closure == "待销号" else "")
            values = [i, x.task_no, x.measure, x.member, x.deadline_text, status, x.light,
                      "已报送" if x.reported else "未报送", period_words(x.latest_period), x.progress, x.problems,
                      x.next_steps, x.latest_reported_on]
            styles = plain.copy()
            styles[6] = lit.get(x.light, plain[6])  # 预警
            body.write(3 + i, values, styles)
        ws.freeze_panes = "A4"
        ws.auto_filter.ref = f"A3:{get_column_letter(len(SHARE_HEADERS))}{3 + len(lines)}"
        st.a4_landscape(ws, title_rows="3:3")
    return titles
