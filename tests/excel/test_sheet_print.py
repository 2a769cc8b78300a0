"""Sheets that print legibly (issue 14): every row as tall as its wrapped text, dates as date cells
shown 2023年7月10日, periods in words, the document title in 《》, a title on the 统计 sheet — read
back with openpyxl, and the ledger printed by LibreOffice with no row over the next.

LibreOffice tests need `soffice`; under CI=true a missing soffice is a failure, not a skip."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

from greentasks.excel import sheetstyle as st

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TODAY = date(2023, 7, 10)
CODES = re.compile(r"[0-9]{4}Q[1-4]|[0-9]{4}H[12]")


@pytest.fixture(scope="module")
def example(tmp_path_factory, _example_template):
    from greentasks.db import Database

    target = tmp_path_factory.mktemp("sheets") / "example.db"
    shutil.copyfile(_example_template, target)
    db = Database(target)
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def ledger(example, tmp_path_factory):
    from greentasks.services.exports import export_ledger

    return export_ledger(example, tmp_path_factory.mktemp("ledger") / "总台账.xlsx", today=TODAY)


def test_the_width_estimate_counts_chinese_as_two():
    assert st.text_width("ab12") == 4 and st.text_width("绿色发展") == 8 and st.text_width("（续）“好”") == 12
    assert st.line_count("绿" * 20, 21.5) == 2 and st.line_count("绿" * 20, 41.5) == 1
    assert st.line_count("一\n二\n三", 40) == 3 and st.line_count(None, 10) == 1
    assert st.row_height_for(3, 10) > st.row_height_for(2, 10) > 2 * 10


def test_table_rows_write_what_put_styler_and_fit_rows_write(tmp_path):
    """The ledger's fast table writer against the general path, cell by cell: the same values,
    literal text, styles and row heights; hostile text stays a literal, nothing openpyxl refuses."""
    widths = [6, 20, 9, 12]
    long = "推进绿色发展" * 6000  # past Excel's 32,767 characters a cell
    rows = [[1, "=SUM(A1:A9)", None, date(2023, 7, 10)],
            [2, "进展\x0b第二行\x07", "绿" * 40, None],
            [3, "+86 023", 12.5, "@含控制符\u2028"],
            [4, long, "", "短"]]
    wb = openpyxl.Workbook()
    slow, fast = wb.active, wb.create_sheet("fast")
    font, styler = st.body_font(10), st.Styler()
    st.header_row(slow, 1, ["a", "b", "c", "d"], widths)
    st.header_row(fast, 1, ["a", "b", "c", "d"], widths)
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            styler.apply(st.put(slow, r, col, value), font=font, border=st.BORDER,
                         alignment=st.CENTER if col == 1 else st.WRAP,
                         number_format=st.DATE_FORMAT if col == 4 else None)
    st.fit_rows(slow)
    body = st.TableRows(fast, widths)
    styles = [body.style(font=font, border=st.BORDER, alignment=st.CENTER if col == 1 else st.WRAP,
                         number_format=st.DATE_FORMAT if col == 4 else None) for col in range(1, 5)]
    for r, values in enumerate(rows, start=2):
        body.write(r, values, styles)
    st.fit_rows(fast, 1, 1)
    out = st.save_workbook(wb, tmp_path / "rows.xlsx")
    back = openpyxl.load_workbook(out)
    a, b = back.worksheets
    assert b.max_row == a.max_row == 5
    for r in range(1, 6):
        assert b.row_dimensions[r].height == a.row_dimensions[r].height, r
        for col in range(1, 5):
            x, y = a.cell(r, col), b.cell(r, col)
            assert (y.value, y.data_type, y.number_format) == (x.value, x.data_type, x.number_format), (r, col)
            assert (y.font.name, y.font.sz, y.border.left.style, y.alignment.horizontal, y.alignment.wrap_text) == (
                x.font.name, x.font.sz, x.border.left.style, x.alignment.horizontal, x.alignment.wrap_text)
    assert b["B2"].value == "=SUM(A1:A9)" and b["B2"].data_type == "s"  # a literal, not a formula
    assert b["B3"].value == "进展\n第二行" and b["B5"].value == long[:32767]
    assert b.row_dimensions[3].height > b.row_dimensions[4].height  # 40 characters wrap in 12 units
    assert b.row_dimensions[5].height == st.MAX_ROW_HEIGHT


def _independent_need(text: str, width: float, size: float) -> float:
    """A plainer estimate than the helper's, which the height set must reach: each paragraph's
    width (a Chinese character two units) over the column's, at 1.2 × the font size a line."""
    lines = sum(max(1, math.ceil(sum(2 if ord(ch) > 0x2000 else 1 for ch in part) / width))
                for part in text.split("\n"))
    return lines * size * 1.2


def _check_heights(ws, first: int) -> int:
    """Every row with text from ``first`` on has a height that holds its longest cell; returns how
    many rows needed more than one line."""
    spans = {(r.min_row, r.min_col): r.max_col for r in ws.merged_cells.ranges}
    tall = 0
    for row in ws.iter_rows(min_row=first):
        texts = [(c, str(c.value)) for c in row if isinstance(c.value, str) and c.value.strip()]
        if not texts:
            continue
        height = ws.row_dimensions[row[0].row].height
        assert height, (ws.title, row[0].row)
        for cell, text in texts:
            last = spans.get((cell.row, cell.column), cell.column)
            width = sum(st.column_width(ws, c) for c in range(cell.column, last + 1))
            size = float(cell.font.sz or 11)
            # text that does not wrap takes a line a paragraph (the cell shows what fits)
            need = (_independent_need(text, width, size) if cell.alignment.wrap_text
                    else len(text.split("\n")) * size * 1.2)
            assert height >= need, (ws.title, cell.coordinate, height, need, text[:30])
            tall += need > 2 * float(cell.font.sz or 11)
    return tall


def test_every_sheet_of_the_ledger_has_rows_that_fit_their_text(ledger):
    wb = openpyxl.load_workbook(ledger)
    assert {"总台账", "统计", "未报送", "环比"} <= set(wb.sheetnames)
    tall = {ws.title: _check_heights(ws, 1) for ws in wb.worksheets}
    assert tall["总台账"] > 50  # the example's returns wrap over several lines


def test_dates_are_dates_in_chinese_and_periods_are_words(ledger):
    wb = openpyxl.load_workbook(ledger)
    ws = wb["总台账"]
    assert ws.cell(3, 16).value == "最近报送日期" and ws.cell(3, 12).value == "最新报送期"
    dates = [ws.cell(r, 16) for r in range(4, ws.max_row + 1) if ws.cell(r, 16).value is not None]
    assert dates and all(isinstance(c.value, date) and c.number_format == 'yyyy"年"m"月"d"日"' for c in dates)
    periods = {ws.cell(r, 12).value for r in range(4, ws.max_row + 1)} - {None, ""}
    assert periods and all(re.fullmatch(r"\d{4}年第[一二三四]季度", p) for p in periods), periods
    assert "统计日期：2023年7月10日" in ws["A2"].value
    for sheet in wb.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not CODES.search(value), (sheet.title, value)
    shares = next(s for s in wb.worksheets if s.title.endswith("分项"))
    cells = [shares.cell(r, 13) for r in range(4, shares.max_row + 1) if shares.cell(r, 13).value is not None]
    assert all(c.number_format == st.DATE_FORMAT for c in cells)


def test_titles_carry_the_document_title_in_book_marks_and_the_stats_sheet_has_one(ledger):
    wb = openpyxl.load_workbook(ledger)
    title = "《重庆市南川区人民政府关于加快推进绿色发展的实施意见》"
    assert wb["总台账"]["A1"].value == f"{title}重点任务推进情况总台账"
    stats = wb["统计"]
    assert stats["A1"].value == f"{title}重点任务推进情况统计表"
    assert any(str(r).startswith("A1:") for r in stats.merged_cells.ranges)
    assert "报送期：2023年第二季度" in stats["A2"].value and stats.row_dimensions[1].height >= 20
    assert wb["环比"]["A1"].value.startswith(title)


def test_templates_fit_their_rows_and_leave_room_to_write(example, tmp_path):
    from greentasks.domain.periods import Period
    from greentasks.services.exports import export_templates

    (path,) = export_templates(example, tmp_path, Period.quarter(2023, 3), ["区发展改革委"], today=TODAY)
    ws = openpyxl.load_workbook(path)["进展情况"]
    assert ws["A1"].value.startswith("《") and ws["A2"].value == "报送期：2023年第三季度"
    assert ws["J3"].number_format == st.DATE_FORMAT
    _check_heights(ws, 1)
    rows = [r for r in range(5, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    assert rows and all(ws.row_dimensions[r].height >= st.row_height_for(3, 11) for r in rows)


def test_the_other_sheets_fit_their_rows_too(example, tmp_path):
    from greentasks.services.directory_io import export_directory_file
    from greentasks.services.exports import export_indicators, export_scores

    for path in (export_indicators(example, tmp_path / "指标.xlsx"),
                 export_scores(example, tmp_path / "考评.xlsx", today=TODAY),
                 export_directory_file(example, tmp_path / "通讯录.xlsx")):
        for ws in openpyxl.load_workbook(path).worksheets:
            _check_heights(ws, 1)


# -- printed by LibreOffice --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but soffice is not installed (apt-get install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


@pytest.mark.slow
def test_the_ledger_prints_from_libreoffice_with_no_row_over_the_next(soffice, ledger, tmp_path):
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(ledger)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "总台账.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                              check=True).stdout).group(1))
    texts = [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"],
                                                capture_output=True, text=True, check=True).stdout)
             for p in range(1, pages + 1)]
    ws = openpyxl.load_workbook(ledger)["总台账"]
    rows = ws.max_row - 3
    # The 总台账's pages (its header repeated on each): as many as rows that height need — rows
    # squeezed to one line each would all fit on a page or two, printed over one another.
    ledger_pages = [t for t in texts if "最近报送日期" in t]
    assert rows / 12 <= len(ledger_pages) <= rows / 2, (rows, len(ledger_pages))
    # The longest cells end on the page they start on, their last characters printed.
    longest = sorted((ws.cell(r, 13).value or "" for r in range(4, ws.max_row + 1)), key=len)[-5:]
    for text in longest:
        body = re.sub(r"\s+", "", text)
        assert any(body[:8] in t and body[-8:] in t for t in ledger_pages), body[-8:]
    # Look at it: a page as a picture, with ink spread down the page rather than piled at its top.
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "page")], check=True)
    from PySide6.QtGui import QImage

    (png,) = tmp_path.glob("page*.png")
    image = QImage(str(png))
    inked = [y for y in range(image.height())
             if sum(image.pixelColor(x, y).lightness() < 160 for x in range(0, image.width(), 3)) > 3]
    assert inked and inked[-1] - inked[0] > image.height() * 0.6
