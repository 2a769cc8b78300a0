"""Reading the office's decomposition table (任务分工表, docs/excel.md#plan-table) into plain rows.

Nothing here touches the database: unit names and task numbers are resolved by
services.plan_import, which reports unknown ones with suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.leaders import normalize_leader
from ..domain.text import clean, fold
from ..domain.unitnames import UnitMention, split_units
from ..errors import Problem
from .celltext import printable
from .headers import ColumnKind, HeaderMatch, find_header, other_tables
from .reader import Sheet, Workbook, column_letter

KINDS = [
    ColumnKind("no", ("任务编号", "任务序号", "序号", "编号")),
    ColumnKind("task", ("重点任务", "任务名称", "主要任务", "任务")),
    ColumnKind("measure", ("具体工作", "工作措施", "具体措施", "主要内容", "工作内容", "任务内容", "工作任务")),
    ColumnKind("lead", ("牵头单位", "牵头部门", "牵头")),
    ColumnKind("responsible", ("责任单位", "责任部门")),
    ColumnKind("cooperate", ("配合单位", "配合部门", "协同单位", "参与单位", "配合")),
    ColumnKind("deadline", ("完成时限", "完成时间", "时间节点", "时限要求", "完成期限")),
    ColumnKind("remarks", ("备注",)),
    # 责任领导: the district leader answerable for the task (docs/excel.md#plan-leaders).
    ColumnKind("leader", ("责任领导", "责任区领导", "分管领导", "分管区领导", "联系领导", "联系区领导", "牵头区领导",
                          "牵头领导", "区领导")),
]
REQUIRED = [("no",), ("lead", "responsible")]

_TASK_REF = re.compile(r"^(?:第)?[(（]?\s*(\d{1,3})\s*[)）]?(?:项|条)?[.．、,，]?$")
# 18.1 / 18-1 / 18-（1）: the first measure of task 18, as decomposition tables number them.
_SUB_REF = re.compile(r"^(\d{1,3})\s*[.．\-－—_]\s*[(（]?\d{1,2}[)）]?$")
# 一、 / （三） / 三 with its heading beside it: a section heading written into the 序号 column.
_SECTION_HEADING = re.compile(r"^[(（]?[一二三四五六七八九十]{1,3}[)）]?(?:[、.．]|$)")
_NOTE_PREFIX = re.compile(r"^(注|说明|备注|填表说明)\s*[:：]")


@dataclass
class PlanRow:
    row: int  # Excel row number
    task_no: int
    task_text: str
    measure: str
    units: list[UnitMention]
    deadline: object
    remarks: str
    unit_columns: dict[str, str] = field(default_factory=dict)  # role -> column letter
    deadline_column: str | None = None
    no_column: str | None = None


@dataclass
class LeaderCell:
    """A 责任领导 cell that names someone, on a row of a task (a merged cell: on each row it covers).
    Read apart from the unit rows, so that a task's own row with no work on it still gives it."""

    row: int  # Excel row number
    task_no: int
    leader: str  # the names joined with "、" (domain.leaders.normalize_leader)
    column: str


@dataclass
class PlanTable:
    sheet: str
    rows: list[PlanRow]
    problems: list[Problem]
    has_measure: bool
    responsible_only: bool
    warnings: list[Problem] = field(default_factory=list)
    leaders: list[LeaderCell] = field(default_factory=list)


def parse_task_ref(value: object, *, sub_items: bool = False) -> int | None:
    """The number in a 序号/任务编号 cell: 18, 18., （18）, 第18项, 18、 — and with ``sub_items``
    also 18.1 / 18-1 (the task of a numbered measure)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = fold(clean(value))
    m = _TASK_REF.match(text)
    if m is None and sub_items:
        m = _SUB_REF.match(text)
    return int(m.group(1)) if m else None


def is_note_row(sheet: Sheet, r: int, texts: list[str], width: int) -> bool:
    non_empty = [t for t in texts if t]
    if not non_empty:
        return False
    if _NOTE_PREFIX.match(non_empty[0]):
        return True
    # A text spread over the whole row: one merged cell across (nearly) every column.
    return any(r1 <= r <= r2 and c1 == 0 and c2 >= max(width - 2, 1) for r1, c1, r2, c2 in sheet.merged)


def read_plan_table(book: Workbook, bracket_names: list[str]) -> tuple[PlanTable | None, list[Problem]]:
    """The first visible sheet with a decomposition header; problems are located in the file."""
    problems: list[Problem] = []
    for sheet in book.visible_sheets:
        header = find_header(sheet, KINDS, REQUIRED)
        if header is not None:
            table = _read_rows(book, sheet, header, bracket_names)
            for name in other_tables(book.visible_sheets, sheet, KINDS, REQUIRED):
                table.warnings.append(Problem(
                    f"工作表“{name}”也像一张分工表，但只导入了第一张（“{sheet.name}”）。"
                    "如也要导入，请把它另存为单独的文件再导入。", file=book.path.name, sheet=name, severity="warning"))
            return table, problems
    names = "、".join(s.name for s in book.visible_sheets)
    problems.append(Problem(
        "没有找到分工表的表头。表头行须在前15行内，并包含“序号”（或编号、任务编号）列和“牵头单位”（或责任单位）列。"
        f"已查看的工作表：{names}。请检查表头文字后重新导入。",
        file=book.path.name,
    ))
    return None, problems


def _read_rows(book: Workbook, sheet: Sheet, header: HeaderMatch, bracket_names: list[str]) -> PlanTable:
    cols = header.columns
    # Only a 责任单位 column: its first unit leads. With a 配合单位 column beside it, 责任单位 is
    # the lead column.
    responsible_only = "lead" not in cols and "cooperate" not in cols
    lead_col = cols.get("lead", cols.get("responsible"))
    width = max(cols.values()) + 1
    problems: list[Problem] = []
    rows: list[PlanRow] = []
    leaders: list[LeaderCell] = []
    current_task: int | None = None
    file = book.path.name

    def cell(r: int, key: str) -> object:
        c = cols.get(key)
        return sheet.value(r, c) if c is not None else None

    for r in range(header.data_start, sheet.n_rows):
        excel_row = r + 1
        texts = [clean(sheet.value(r, c)) for c in range(max(width, sheet.n_cols))]
        if not any(texts):
            continue
        if is_note_row(sheet, r, texts, width):
            continue
        no_value = cell(r, "no")
        no_text = clean(no_value)
        lead_text = clean(sheet.value(r, lead_col)) if lead_col is not None else ""
        coop_text = clean(cell(r, "cooperate"))
        if no_text:
            task_no = parse_task_ref(no_value, sub_items=True)
            if task_no is None and not lead_text and not coop_text and _SECTION_HEADING.match(fold(no_text)):
                current_task = None  # 一、… / （三）…: a section heading, not a task
                continue
            if task_no is None:
                problems.append(Problem(
                    f"序号“{no_text}”无法识别为任务编号。请填写任务编号，如 18、（18）或 第18项。",
                    file=file, sheet=sheet.name, row=excel_row, column=column_letter(cols["no"])))
                continue
            current_task = task_no
        elif current_task is None:
            problems.append(Problem("这一行没有序号，上方也没有可以接续的任务。请填写任务编号。",
                                    file=file, sheet=sheet.name, row=excel_row, column=column_letter(cols["no"])))
            continue
        leader = normalize_leader(printable(clean(cell(r, "leader"))))
        if leader:
            leaders.append(LeaderCell(excel_row, current_task, leader, column_letter(cols["leader"])))
        mentions: list[UnitMention] = []
        if responsible_only:
            found = split_units(lead_text, bracket_names)
            explicit = any(m.role for m in found)
            for i, m in enumerate(found):
                role = m.role or ("配合" if explicit or i > 0 else "牵头")
                mentions.append(UnitMention(m.name, role))
        else:
            mentions += [UnitMention(m.name, m.role or "牵头") for m in split_units(lead_text, bracket_names)]
            mentions += [UnitMention(m.name, m.role or "配合") for m in split_units(coop_text, bracket_names)]
        measure = printable(clean(cell(r, "measure")))
        task_text = printable(clean(cell(r, "task")))
        if not mentions:
            if not measure and not clean(cell(r, "deadline")):
                continue  # only a 序号 (or a task title) on this row
            problems.append(Problem("这一行没有填写牵头单位（责任单位）。请填写单位名称。", file=file, sheet=sheet.name,
                                    row=excel_row, column=column_letter(lead_col)))
            continue
        unit_columns = {"牵头": column_letter(lead_col)}
        if "cooperate" in cols:
            unit_columns["配合"] = column_letter(cols["cooperate"])
        rows.append(PlanRow(
            row=excel_row, task_no=current_task, task_text=task_text, measure=measure, units=mentions,
            deadline=printable(cell(r, "deadline")), remarks=printable(clean(cell(r, "remarks"))),
            unit_columns=unit_columns,
            deadline_column=column_letter(cols["deadline"]) if "deadline" in cols else None,
            no_column=column_letter(cols["no"]),
        ))
    return PlanTable(sheet=sheet.name, rows=rows, problems=problems, has_measure="measure" in cols,
                     responsible_only=responsible_only, leaders=leaders)
