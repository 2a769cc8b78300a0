"""A value far away must be refused before calamine allocates its dense grid (or aborts the process)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt
from hypothesis import given, settings
from hypothesis import strategies as st

from greentasks.errors import FileRefused
from greentasks.excel._extent import FAST, NEEDS_TOKENS, TOKENS, ExtentScanner
from greentasks.excel.reader import read_workbook

from ._build import return_xlsx, rewrite_zip

REPO = Path(__file__).resolve().parents[2]


def _with_sheet_data(tmp_path, name: str, sheet_data: bytes) -> Path:
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + sheet_data
        + b"</sheetData></worksheet>"
    )
    src = return_xlsx(tmp_path / "src.xlsx")
    return rewrite_zip(src, tmp_path / name, {"xl/worksheets/sheet1.xml": sheet})


def _refused_fast(path: Path, *words: str) -> str:
    started = time.perf_counter()
    with pytest.raises(FileRefused) as info:
        read_workbook(path)
    assert time.perf_counter() - started < 5
    for word in words:
        assert word in info.value.problem.message
    assert info.value.problem.file == path.name
    return info.value.problem.message


def test_value_at_xfd1048576_is_refused_without_crashing(tmp_path):
    """Without the guard calamine asks for 17 billion cells and the process aborts: run it apart."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "序号"
    ws["XFD1048576"] = "x"
    path = tmp_path / "最远.xlsx"
    wb.save(path)
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from greentasks.errors import FileRefused
        from greentasks.excel.reader import read_workbook
        try:
            read_workbook({str(path)!r})
        except FileRefused as exc:
            print(exc.problem.message)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "内容范围异常大" in done.stdout and "1048576" in done.stdout and "XFD列" in done.stdout


def test_xls_value_at_iv65536_is_refused_quickly(tmp_path):
    book = xlwt.Workbook()
    ws = book.add_sheet("表1")
    ws.write(0, 0, "x")
    ws.write(65535, 255, "y")
    book.save(str(tmp_path / "远.xls"))
    _refused_fast(tmp_path / "远.xls", "表1", "内容范围异常大", "65536", "IV列")


def test_xls_formatted_blank_far_away_is_fine(tmp_path):
    book = xlwt.Workbook()
    ws = book.add_sheet("表1")
    ws.write(0, 0, "x")
    ws.write(65535, 255, None, xlwt.easyxf("pattern: pattern solid, fore_colour red"))
    book.save(str(tmp_path / "格式.xls"))
    assert read_workbook(tmp_path / "格式.xls").sheets[0].rows == [["x"]]


def test_cells_without_r_attribute_are_placed_by_counting(tmp_path):
    path = _with_sheet_data(
        tmp_path,
        "无r.xlsx",
        b'<row r="2"><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>2</v></c></row><row><c><v>3</v></c></row>',
    )
    assert read_workbook(path).sheet("进展情况").rows == [[], ["a", None, 2], [3]]
    far = _with_sheet_data(
        tmp_path, "无r远.xlsx", b'<row r="1"><c><v>1</v></c></row><row r="1048576"><c><v>1</v></c></row>'
    )
    _refused_fast(far, "内容范围异常大", "1048576")


def test_gt_sign_inside_an_attribute_does_not_hide_a_far_cell(tmp_path):
    path = _with_sheet_data(
        tmp_path, "gt.xlsx", b'<row r="1"><c r="A1"><v>1</v></c><c x=">" r="XFD1048576"><v>1</v></c></row>'
    )
    _refused_fast(path, "内容范围异常大", "XFD列")


def test_stray_value_in_a_narrow_sheet_over_a_million_cells(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "名单"
    wb.active["A1048576"] = " "
    wb.save(tmp_path / "窄.xlsx")
    _refused_fast(tmp_path / "窄.xlsx", "内容范围异常大", "A列")


def test_ods_value_far_away(tmp_path):
    t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        f'xmlns:table="{t}" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="表一">'
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="100" '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "远.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    _refused_fast(path, "表一", "内容范围异常大")


# --- the scanner itself -----------------------------------------------------------------------------

SHEET = (
    b'<worksheet><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"/>'
    b'<c r="C1" t="inlineStr"><is><r><rPr><color rgb="FF0000"/></rPr><t>red &gt; text</t></r></is></c></row>'
    b'<row r="7"><c r="AB7" s="1" t="n"><f>SUM(A1:A2)</f><v>3</v></c><c r="ZZ7" s="3"/></row>'
    b'<row r="1048576" s="4" customFormat="1"><c r="XFD1048576" s="4"/></row>'
    b"</sheetData></worksheet>"
)


def _extent(data: bytes, cuts: list[int], tokens: bool = False) -> ExtentScanner:
    scanner = ExtentScanner(tokens=tokens)
    last = 0
    for cut in sorted(set(cuts)):
        scanner.feed(data[last:cut])
        last = cut
    scanner.feed(data[last:])
    scanner.close()
    return scanner


def test_scanner_counts_only_value_cells():
    s = _extent(SHEET, [])
    assert s.mode == FAST and s.extent == (7, 28)  # AB7 is the farthest value; styles do not count
    t = _extent(SHEET, [], tokens=True)
    assert t.mode == TOKENS and t.extent == (7, 28)
    assert _extent(SHEET.replace(b'<c r="A1" t="s">', b'<c t="s">'), []).mode == NEEDS_TOKENS


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SHEET)), max_size=12))
def test_scanner_is_independent_of_chunking(cuts):
    assert _extent(SHEET, cuts).extent == (7, 28)
    assert _extent(SHEET, cuts, tokens=True).extent == (7, 28)


@pytest.mark.parametrize("tokens", [False, True])
def test_a_style_only_cell_written_with_a_closing_tag_is_no_value(tmp_path, tokens):
    """Writers built on lxml (openpyxl when lxml is installed) write a formatted empty cell as
    ``<c r=".." s="1"></c>``: it reaches no further than ``<c .. s="1"/>`` does."""
    far = b'<row r="1048576"><c r="A1048576" s="1"></c><c r="XFD1048576" s="2">\n</c></row>'
    rows = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe6\xa0\x87\xe9\xa2\x98</t></is></c></row>'
            b'<row r="2"><c r="B2"><v>1</v></c></row>')
    scanner = ExtentScanner(tokens=tokens)
    scanner.feed(rows + far)
    scanner.close()
    assert scanner.extent == (2, 2)
    path = _with_sheet_data(tmp_path, "styled.xlsx", rows + far)
    sheet = read_workbook(path).sheets[0]
    assert (sheet.n_rows, sheet.n_cols) == (2, 2)


def test_a_cell_left_unclosed_still_counts(tmp_path):
    """Malformed XML a lenient parser may still place: a value cell whose </c> is missing."""
    path = _with_sheet_data(
        tmp_path, "未闭合.xlsx", b'<row r="1"><c r="XFD1048576"><v>1</v><c r="A1"><v>1</v></c></row>'
    )
    _refused_fast(path, "内容范围异常大", "XFD列")
    scanner = ExtentScanner()
    scanner.feed(b'<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>1</v>')
    scanner.close()
    assert scanner.extent == (1048576, 16384)


def test_a_quoted_gt_cannot_pass_a_false_r_for_the_real_one(tmp_path):
    path = _with_sheet_data(
        tmp_path, "伪r.xlsx", b"""<row r="1"><c x="r='A1'>" r="XFD1048576"><v>1</v></c></row>"""
    )
    _refused_fast(path, "内容范围异常大", "XFD列")


def test_many_unclosed_cells_do_not_make_the_scan_quadratic():
    data = b'<worksheet><sheetData><row r="1">' + b'<c r="A1"><v>1</v>' * 200_000
    started = time.perf_counter()
    scanner = ExtentScanner()
    for i in range(0, len(data), 1 << 20):
        scanner.feed(data[i : i + (1 << 20)])
    scanner.close()
    assert time.perf_counter() - started < 5
    assert scanner.extent == (1, 1)


UNCACHED = SHEET.replace(
    b"</sheetData>",
    '<row r="9"><c r="B9"><f>SUM(A1:A8)&amp;"元"</f><v></v></c><c r="C9"><f t="shared" si="0"/></c>'
    '<c r="D9" t="str"><f>""</f><v></v></c></row></sheetData>'.encode(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(UNCACHED)), max_size=12), st.booleans())
def test_uncached_formulas_are_found_whatever_the_chunking(cuts, tokens):
    s = _extent(UNCACHED, cuts, tokens=tokens)
    assert s.uncached == {(8, 1): 'SUM(A1:A8)&"元"', (8, 2): "（共享公式）"}
    assert s.extent == (9, 28)
