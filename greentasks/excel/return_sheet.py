"""Reading a unit's progress return (docs/excel.md#return-sheet): the template (docs/excel.md#template) filled in, or the unit's
own sheet in the usual free shape. Produces plain rows; matching them to assignments is the
job of services.returns_import.

What only looks filled in is read as blank and named: a template's hints and instructions
(domain.placeholders; a row with nothing else is no report), and formulas the file holds
without their result (``Sheet.uncached``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.periods import Period, find_period, parse_period
from ..domain.placeholders import is_placeholder
from ..domain.text import clean, fold
from ..errors import Problem
from .celltext import printable
from .headers import ColumnKind, HeaderMatch, find_header, header_text, other_tables
from .plan_table import _NOTE_PREFIX, is_note_row, parse_task_ref
from .reader import Sheet, Workbook, column_letter
from .templates import META_SHEET

KINDS = [
    ColumnKind("id", ("分工编号", "分工ID")),
    ColumnKind("no", ("任务编号", "任务序号", "编号", "序号")),
    ColumnKind("measure", ("具体工作", "工作措施", "具体措施", "主要内容", "工作内容", "任务内容", "工作任务")),
    ColumnKind("progress", ("进展情况", "工作进展", "推进情况", "进展", "工作开展情况", "完成情况及进展")),
    ColumnKind("status", ("完成状态", "状态", "推进状态", "进度状态", "完成情况")),
    ColumnKind("problems", ("存在问题", "存在的问题", "困难问题", "问题及困难")),
    ColumnKind("next_steps", ("下步计划", "下步工作打算", "下一步工作", "下一步计划", "下步打算")),
    ColumnKind("remarks", ("备注",)),
    # 延期: a unit asking for more time on the row's work (recorded as a request, never approved).
    ColumnKind("extension", ("申请延期至", "延期至", "申请延期时间", "拟延期至")),
    # Locked in a template: read only to tell the clerk a unit changed it.
    ColumnKind("deadline", ("完成时限",)),
]
REQUIRED = [("no", "id"), ("progress",)]
TEXT_FIELDS = ("progress", "problems", "next_steps", "remarks")
# What a column is called in messages when its own header is too long to quote.
LABELS = {"id": "分工编号", "no": "任务编号", "measure": "具体工作", "progress": "进展情况", "status": "完成状态",
          "problems": "存在问题", "next_steps": "下步计划", "remarks": "备注", "extension": "申请延期至",
          "deadline": "完成时限"}
# The cells of a row whose formulas must have a stored result (the rest are never read).
_READ_KEYS = ("id", "no", "measure", "status", *TEXT_FIELDS, "extension")
# Formula cells named one by one before the rest are counted in one line.
_FORMULAS_NAMED = 10

# Labels of the header block above the table: 填报单位：… 报送期：… 填报人：… 联系电话：… 填报日期：…
# Within a key, an earlier label wins over a later one (填报单位：区住建委 over 单位：万元).
_LABELS = {
    "department": ("填报单位", "报送单位", "责任单位", "单位名称", "单位"),
    "period": ("报送期", "报送期间", "报送时间段", "填报期间", "所属期"),
    "reporter": ("填报人", "联系人", "经办人"),
    "phone": ("联系电话", "电话", "联系方式"),
    "reported_on": ("填报日期", "报送日期", "填报时间"),
}
# A short note may stand between the label and its colon: 填报单位（盖章）：…
_LABEL_RE = re.compile(
    r"(" + "|".join(sorted({w for ws in _LABELS.values() for w in ws}, key=len, reverse=True)) + r")"
    r"\s*(?:[（(][^（()）]{0,8}[)）])?\s*[:：]\s*"
)


@dataclass
class ReturnRow:
    row: int  # Excel row number
    assignment_id: int | None
    task_no: int | None
    task_cell: str
    measure: str
    status: str  # as written
    progress: str
    problems: str
    next_steps: str
    remarks: str
    columns: dict[str, str] = field(default_factory=dict)  # key -> column letter
    extension: object = None  # 申请延期至 as the cell holds it (text, a date cell, a number)
    deadline: str = ""  # 完成时限 as written (a template's locked cell)
    # Fields that held a template's hint (key -> the text), read as blank. Only a filled row has
    # them: a row with nothing but hints is not a row (ReturnSheet.unfilled).
    placeholders: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # key -> the column as messages name it


@dataclass
class ReturnSheet:
    sheet: str
    rows: list[ReturnRow]
    problems: list[Problem]
    meta: dict[str, str]
    block: dict[str, object]  # header-block values by key
    is_template: bool
    has_measure: bool
    has_status: bool = True
    block_cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> 0-based (row, col)
    warnings: list[Problem] = field(default_factory=list)
    # Rows left with only a template's hints (Excel row, the first hint): not reported on.
    unfilled: list[tuple[int, str]] = field(default_factory=list)


def read_meta(book: Workbook) -> dict[str, str]:
    sheet = book.sheet(META_SHEET)
    if sheet is None:
        return {}
    meta: dict[str, str] = {}
    for r in range(sheet.n_rows):
        key, value = clean(sheet.value(r, 0)), clean(sheet.value(r, 1))
        if key:
            meta[key] = value
    return meta


def read_header_block(sheet: Sheet, last_row: int,
                      cells: dict[str, tuple[int, int]] | None = None) -> dict[str, object]:
    """Values like 填报单位：区发改委 in the rows above the table (a label with its value in the
    same cell, or the value in the next non-empty cell to the right). ``cells``, when given,
    receives each value's 0-based (row, col), for messages."""
    found: dict[str, tuple[int, object, tuple[int, int]]] = {}  # key -> (label rank, value, cell)

    def keep(key: str, rank: int, value: object, at: tuple[int, int]) -> None:
        if key not in found or rank < found[key][0]:
            found[key] = (rank, value, at)

    for r in range(min(last_row, sheet.n_rows)):
        row = sheet.rows[r]
        for c, value in enumerate(row):
            if value is None or not isinstance(value, str) or sheet.is_merged_covered(r, c):
                continue
            text = value.replace("\n", " ")
            matches = list(_LABEL_RE.finditer(text))
            for i, m in enumerate(matches):
                label = m.group(1)
                key, rank = next((k, words.index(label)) for k, words in _LABELS.items() if label in words)
                end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
                inline = text[m.end():end].strip(" ，,；;")
                if inline:
                    keep(key, rank, inline, (r, c))
                    continue
                if i + 1 < len(matches):
                    continue  # "填报人：   联系电话：…": an empty value
                for c2 in range(c + 1, len(row)):
                    nxt = row[c2]
                    if nxt is None or nxt == value or sheet.is_merged_covered(r, c2):
                        continue
                    if isinstance(nxt, str) and _LABEL_RE.match(nxt.strip()):
                        break
                    keep(key, rank, nxt, (r, c2))
                    break
    block: dict[str, object] = {key: printable(value) for key, (_rank, value, _at) in found.items()}
    if cells is not None:
        cells.update({key: at for key, (_rank, _value, at) in found.items()})
    # 报送期 written without a label, e.g. a subtitle "（2023年第一季度）".
    if "period" not in block:
        for r in range(min(last_row, sheet.n_rows)):
            for c, value in enumerate(sheet.rows[r]):
                if isinstance(value, str) and find_period(value) is not None and "日" not in value:
                    block["period_hint"] = value
                    if cells is not None:
                        cells["period_hint"] = (r, c)
                    break
            if "period_hint" in block:
                break
    return block


def pick_sheet(book: Workbook) -> tuple[Sheet, HeaderMatch] | None:
    preferred = [s for s in book.visible_sheets if s.name == "进展情况"]
    for sheet in preferred + [s for s in book.visible_sheets if s.name != "进展情况"]:
        header = find_header(sheet, KINDS, REQUIRED)
        if header is not None:
            return sheet, header
    return None


def read_return(book: Workbook, name: str | None = None) -> tuple[ReturnSheet | None, list[Problem]]:
    """The return sheet of ``book``, or why there is none. ``name`` is the file as the clerk sees
    it (名称.zip/内层文件.xlsx), for messages; the workbook's own file name by default."""
    file = name or book.path.name
    picked = pick_sheet(book)
    if picked is None:
        names = "、".join(s.name for s in book.visible_sheets)
        return None, [Problem(
            "没有找到进展情况表的表头。表头行须在前15行内，至少包含“任务编号”（或序号）列和“进展情况”列。"
            f"已查看的工作表：{names}。请使用下发的进展情况表模板，或按模板修改表头后重新报送。",
            file=file)]
    sheet, header = picked
    cols = header.columns
    meta = read_meta(book)
    block_cells: dict[str, tuple[int, int]] = {}
    block = read_header_block(sheet, header.row, block_cells)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    unfilled: list[tuple[int, str]] = []
    rows: list[ReturnRow] = []
    # A note merged across the table's columns (the locked 完成时限 never widens the table).
    width = max(c for k, c in cols.items() if k != "deadline") + 1
    letters = {k: column_letter(c) for k, c in cols.items()}
    labels = {k: _column_label(sheet, header, k) for k in cols}
    # A cell holding its own column's label (进展情况 under 进展情况) is no more than a hint.
    hint_labels = {key: (LABELS[key], labels.get(key, "")) for key in LABELS}
    formulas = _Formulas(sheet, file)

    def cell(r: int, key: str) -> object:
        c = cols.get(key)
        return sheet.value(r, c) if c is not None else None

    for r in range(header.data_start, sheet.n_rows):
        texts = [clean(v) for v in sheet.rows[r]]
        first = next((t for t in texts if t), "")
        if first and (_NOTE_PREFIX.match(fold(first)) or is_note_row(sheet, r, texts, width)):
            continue
        for key in _READ_KEYS:
            if key in cols:
                formulas.note(r, cols[key], labels[key])
        if not first:
            continue
        id_text = clean(cell(r, "id"))
        no_value = cell(r, "no")
        content = {k: printable(clean(cell(r, k))) for k in (*TEXT_FIELDS, "status")}
        extension = cell(r, "extension")
        if isinstance(extension, str) and clean(extension):
            content["extension"] = printable(clean(extension))
        hints = {k: v for k, v in content.items() if v and is_placeholder(v, hint_labels[k])}
        for k in hints:
            content[k] = ""
        extension = content.pop("extension", extension)
        if hints and not any(content[k] for k in TEXT_FIELDS) and not clean(extension):
            # Only the template's hints (a status alone does not make it a report: a template
            # comes with one): nothing reported on this row.
            key = next(iter(hints))
            unfilled.append((r + 1, hints[key]))
            warnings.append(Problem(
                f"{labels[key]}“{_shown(hints[key])}”是模板的提示文字，不是填写的内容，这一行未记为本期报送。"
                "请报送单位填写后重新报送。", file=file, sheet=sheet.name, row=r + 1, column=letters[key],
                severity="warning"))
            continue
        if not any(content.values()) and not clean(extension):
            continue  # only a 序号 / 任务编号 / title: nothing reported on this row
        assignment_id = None
        if id_text:
            assignment_id = parse_task_ref(cell(r, "id"))
            if assignment_id is None:
                problems.append(Problem(f"隐藏的分工编号“{id_text}”已被改动，无法识别。请使用原模板重新填写。",
                                        file=file, sheet=sheet.name, row=r + 1, column=letters.get("id")))
                continue
        task_no = parse_task_ref(no_value, sub_items=True) if clean(no_value) else None
        if assignment_id is None and task_no is None:
            where = letters.get("no")
            shown = clean(no_value)
            message = (f"任务编号“{shown}”无法识别。请填写任务编号，如 18。" if shown
                       else "这一行填写了进展，但没有任务编号。请填写任务编号。")
            problems.append(Problem(message, file=file, sheet=sheet.name, row=r + 1, column=where))
            continue
        for key, text in hints.items():
            if key != "status":  # said with the status it keeps (services.returns_check)
                warnings.append(Problem(
                    f"{labels[key]}“{_shown(text)}”是模板的提示文字，不是填写的内容，按空白处理。",
                    file=file, sheet=sheet.name, row=r + 1, column=letters[key], severity="warning"))
        rows.append(ReturnRow(
            row=r + 1, assignment_id=assignment_id, task_no=task_no, task_cell=clean(no_value),
            measure=printable(clean(cell(r, "measure"))), status=content["status"], progress=content["progress"],
            problems=content["problems"], next_steps=content["next_steps"], remarks=content["remarks"],
            columns=letters, extension=extension if clean(extension) else None,
            deadline=printable(clean(cell(r, "deadline"))), placeholders=hints, labels=labels,
        ))
    # Above the table, the values of 填报单位：… 填报日期：…: a formula there has no value to read.
    for r, c in sorted(formulas.uncached):
        label = _label_left_of(sheet, r, c) if r < header.row else None
        if label is not None:
            formulas.note(r, c, label)
    warnings += formulas.warnings()
    warnings += [
        Problem(f"工作表“{name}”也像一张进展情况表，但只导入了“{sheet.name}”。如也要导入，请把它另存为单独的文件再导入。",
                file=file, sheet=name, severity="warning")
        for name in other_tables(book.visible_sheets, sheet, KINDS, REQUIRED)
    ]
    return ReturnSheet(sheet=sheet.name, rows=rows, problems=problems, meta=meta, block=block,
                       is_template=bool(meta) or "id" in cols, has_measure="measure" in cols,
                       has_status="status" in cols, block_cells=block_cells, warnings=warnings,
                       unfilled=unfilled), []


class _Formulas:
    """Formula cells the file holds without their result (written by a script or an OA system,
    never opened in Excel): each read as blank and named, never silently empty."""

    def __init__(self, sheet: Sheet, file: str):
        # Sheet.uncached: 0-based (row, col) -> the formula text; readers that cannot tell give none.
        self.uncached: dict[tuple[int, int], str] = getattr(sheet, "uncached", None) or {}
        self.sheet, self.file = sheet, file
        self.found: dict[tuple[int, int], str] = {}  # cell -> the column or label it is

    def note(self, r: int, c: int, label: str) -> None:
        if (r, c) in self.uncached and (r, c) not in self.found:
            self.found[(r, c)] = label

    def warnings(self) -> list[Problem]:
        out = []
        cells = sorted(self.found)
        for r, c in cells[:_FORMULAS_NAMED]:
            formula = clean(self.uncached[(r, c)])
            formula = formula if formula.startswith("=") else f"={formula}"
            what = f"{self.found[(r, c)]}是" if self.found[(r, c)] else "这个单元格是"
            out.append(Problem(
                f"{what}公式“{_shown(formula, 60)}”，文件中没有保存计算结果，按空白处理。"
                "请在Excel/WPS中打开这份表格、保存后重新报送。",
                file=self.file, sheet=self.sheet.name, row=r + 1, column=column_letter(c), severity="warning"))
        if len(cells) > _FORMULAS_NAMED:
            out.append(Problem(
                f"另有{len(cells) - _FORMULAS_NAMED}个单元格也是没有保存计算结果的公式，同样按空白处理。"
                "请在Excel/WPS中打开这份表格、保存后重新报送。",
                file=self.file, sheet=self.sheet.name, severity="warning"))
        return out


def _label_left_of(sheet: Sheet, r: int, c: int) -> str | None:
    """The header-block label a cell is the value of (填报日期： in the cell to its left), if any."""
    for c2 in range(c - 1, -1, -1):
        value = sheet.value(r, c2)
        if value is None or sheet.is_merged_covered(r, c2):
            continue
        if not isinstance(value, str):
            return None
        matches = list(_LABEL_RE.finditer(value.replace("\n", " ")))
        if matches and not value.replace("\n", " ")[matches[-1].end():].strip():
            return matches[-1].group(1)
        return None
    return None


def _column_label(sheet: Sheet, header: HeaderMatch, key: str) -> str:
    """The column as the unit's sheet calls it (工作进展), or its usual name when that is long."""
    c = header.columns[key]
    for r in (header.last_row, header.row):
        text = header_text(sheet.value(r, c))
        if text and len(text) <= 10 and any(text.startswith(header_text(s)) for kind in KINDS if kind.key == key
                                            for s in kind.synonyms):
            return text
    return LABELS[key]


def _shown(text: str, limit: int = 30) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def period_from(text: object) -> Period | None:
    if text is None:
        return None
    return parse_period(clean(text)) or find_period(clean(text))
