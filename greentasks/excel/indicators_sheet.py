"""The indicators sheet (SPEC §6.5): export the 18 indicators with yearly values; import the same
shape to record values (empty cells change nothing)."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from ..domain.indicators import progress
from ..domain.text import clean, fold
from ..errors import FileRefused, Problem
from ..services.outcomes import FileOutcome
from . import sheetstyle as st
from .celltext import printable
from .headers import ColumnKind, find_header
from .plan_table import parse_task_ref

YEARS = list(range(2021, 2026))
HEADERS = ["类别", "序号", "指标", "单位", "2025年目标", *(f"{y}年" for y in YEARS), "完成进度", "责任单位"]
WIDTHS = [14, 6, 40, 10, 12, *([10] * len(YEARS)), 10, 24]
SHEET = "指标"
_YEAR_HEADER = re.compile(r"^(20\d\d)年?度?(?:实际值|实际|完成值|完成|数值)?$")


def export_indicators(db, out: Path) -> Path:
    from ..services.catalog import indicator_list

    with db.session() as session:
        items = indicator_list(session)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    st.header_row(ws, 1, HEADERS, WIDTHS)
    for r, item in enumerate(items, start=2):
        values = {int(y): v for y, v in item["values"].items() if isinstance(v, int | float)}
        ratio = progress(item["target_2025"], values)
        row = [item["category"], item["no"], item["name"], item["unit"] or "",
               item["target_2025"] if item["target_2025"] is not None else item["target_text"],
               *(item["values"].get(str(y)) for y in YEARS), ratio, item.get("departments") or ""]
        for col, value in enumerate(row, start=1):
            cell = st.put(ws, r, col, printable(value))
            cell.border = st.BORDER
            cell.font = st.body_font(11)
            cell.alignment = st.WRAP if col in (3, len(HEADERS)) else st.CENTER
        ws.cell(row=r, column=len(HEADERS) - 1).number_format = "0.0%"
    ws.freeze_panes = "C2"
    st.a4_landscape(ws, title_rows="1:1")
    return st.save_workbook(wb, out)


def import_indicators(db, path: Path) -> FileOutcome:
    from ..models import ImportBatch, Indicator, IndicatorValue
    from ..models.audit import BATCH_INDICATORS, SOURCE_IMPORT
    from ..paths import current_user
    from ..services import audit
    from ..services.audit import Actor
    from ..services.backups import auto_backup
    from ..services.outcomes import IMPORTED, REFUSED, RowChange
    from ..services.queries import builtin_plan
    from .reader import column_letter, read_workbook, sha256_of

    path = Path(path)
    outcome = FileOutcome(path=path)
    try:
        book = read_workbook(path)
    except FileRefused as exc:
        outcome.errors.append(exc.problem)
        return outcome
    kinds = [ColumnKind("no", ("序号", "编号")), ColumnKind("name", ("指标", "指标名称"))]
    sheet = header = None
    for candidate in book.visible_sheets:
        header = find_header(candidate, kinds, [("no", "name")])
        if header is not None:
            sheet = candidate
            break
    if sheet is None or header is None:
        outcome.errors.append(Problem("没有找到指标表的表头（须有“序号”和“指标”列）。请使用导出的指标表填写。", file=path.name))
        return outcome
    year_cols, data_start = _year_columns(sheet, header)
    if not year_cols:
        outcome.errors.append(Problem("指标表中没有年份列（如“2023年”）。请使用导出的指标表填写。", file=path.name,
                                      sheet=sheet.name, row=header.row + 1))
        return outcome
    no_col, name_col = header.columns.get("no"), header.columns.get("name")
    updates: list[tuple[int, int, float | None, str, int, str]] = []
    with db.session() as session:
        plan = builtin_plan(session)
        by_no = {i.no: i for i in session.scalars(select(Indicator).where(Indicator.plan_id == plan.id))}
        by_name = {fold(i.name): i for i in by_no.values()}
        for r in range(data_start, sheet.n_rows):
            filled = {year: sheet.value(r, c) for year, c in year_cols.items() if not _is_blank(sheet.value(r, c))}
            no_value = sheet.value(r, no_col) if no_col is not None else None
            name = clean(sheet.value(r, name_col)) if name_col is not None else ""
            no = parse_task_ref(no_value) if clean(no_value) else None
            indicator = by_no.get(no) if no is not None else by_name.get(fold(name)) if name else None
            if indicator is None:
                if not filled:
                    continue  # a note, a category heading, a blank row: nothing to record
                if no is not None:
                    message = f"指标序号 {no} 不存在（共{len(by_no)}项）。请核对序号。"
                    column = no_col
                else:
                    shown = clean(no_value) or name or "（空）"
                    message = f"无法确定“{shown}”是哪一项指标。请填写指标序号（1–{len(by_no)}）或照抄指标名称。"
                    column = no_col if no_col is not None else name_col
                outcome.errors.append(Problem(message, file=path.name, sheet=sheet.name, row=r + 1,
                                              column=column_letter(column) if column is not None else None))
                continue
            for year, raw in filled.items():
                c = year_cols[year]
                text = clean(raw)
                number = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else _number(text)
                if number is None:
                    outcome.errors.append(Problem(
                        f"{year}年的值“{text}”不是数值。请只填写数字（单位见“单位”列），没有数据的请留空。",
                        file=path.name, sheet=sheet.name, row=r + 1, column=column_letter(c)))
                    continue
                updates.append((indicator.id, year, float(number), text, r + 1, indicator.name))
    outcome.rows = len(updates)
    if outcome.errors:
        outcome.outcome = REFUSED
        return outcome
    auto_backup(db, reason="导入指标前")
    with db.transaction() as session:
        batch = ImportBatch(kind=BATCH_INDICATORS, file_name=path.name, file_path=str(path), sha256=sha256_of(path),
                            user=current_user(), rows=len(updates))
        session.add(batch)
        session.flush()
        actor = Actor(user=batch.user, source=SOURCE_IMPORT, batch_id=batch.id)
        existing = {(v.indicator_id, v.year): v for v in session.scalars(select(IndicatorValue))}
        for indicator_id, year, number, text, row, name in updates:
            current = existing.get((indicator_id, year))
            if current is None:
                current = IndicatorValue(indicator_id=indicator_id, year=year, value=number, value_text=text,
                                         batch_id=batch.id)
                session.add(current)
                session.flush()
                audit.log_created(session, actor, current)
                outcome.changes.append(RowChange(row, None, 0, "", name, str(year), "新增", [(f"{year}年", "", text)]))
            elif current.value != number:
                old = current.value_text or str(current.value)
                audit.set_field(session, actor, current, "value", number)
                audit.set_field(session, actor, current, "value_text", text)
                outcome.changes.append(RowChange(row, None, 0, "", name, str(year), "更新", [(f"{year}年", old, text)]))
        if not outcome.changes:
            session.delete(batch)
        else:
            outcome.batch_id = batch.id
    outcome.outcome = IMPORTED
    return outcome


# What offices write for "no data": treated as an empty cell.
_NO_DATA = {"-", "—", "——", "－", "/", "／", "无", "暂无", "\\"}


def _is_blank(value: object) -> bool:
    text = clean(value)
    return text == "" or text in _NO_DATA


def _year_columns(sheet, header) -> tuple[dict[int, int], int]:
    """Year columns (2021年, 2022, 2023年度, 2024年实际…) in the header, or in the row under it when
    a merged "年度实际值" stands over the years; and the row the data start at."""
    for r in (header.row, header.last_row, header.last_row + 1):
        years: dict[int, int] = {}
        others = False
        for c, value in enumerate(sheet.rows[r] if r < sheet.n_rows else []):
            text = clean(value).replace(" ", "")
            m = _YEAR_HEADER.match(text)
            if m and "目标" not in text and int(m.group(1)) not in years:
                years[int(m.group(1))] = c
            elif text and not sheet.is_merged_covered(r, c):
                others = True
        if years and (r <= header.last_row or not others):
            return years, max(r + 1, header.data_start)
    return {}, header.data_start


def _number(text: str) -> float | None:
    cleaned = text.replace(",", "").replace("，", "").replace("%", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None
