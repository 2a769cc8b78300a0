"""greentasks.excel.reader: every format an office receives reads into the same grid."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import zipfile

import openpyxl
import pytest
import xlwt
from openpyxl.styles import Font, PatternFill

from greentasks.excel.reader import (
    MAX_FILE_BYTES,
    MAX_UNPACKED_BYTES,
    Sheet,
    column_index,
    column_letter,
    read_workbook,
    sha256_of,
)

from ._build import return_xlsx, rewrite_zip, sub_bytes, write_cfb

# --- .xlsx ------------------------------------------------------------------------------------------


def test_constants():
    assert MAX_FILE_BYTES == 20 * 1024 * 1024
    assert MAX_UNPACKED_BYTES == 200 * 1024 * 1024


def test_xlsx_return_template_shape(tmp_path):
    wb = read_workbook(return_xlsx(tmp_path / "2023Q1_区发展改革委_进展情况表.xlsx"))
    assert wb.kind == "xlsx"
    assert [s.name for s in wb.sheets] == ["进展情况", "_meta"]
    assert [s.name for s in wb.visible_sheets] == ["进展情况"]
    assert wb.sheet("_meta").hidden is True
    assert wb.sheet("_meta").rows == [["version", 1], ["department", "区发展改革委"]]
    assert wb.sheet("nope") is None
    s = wb.sheet("进展情况")
    assert s.n_rows == 18 and s.n_cols == 12
    # merged title filled across, and described
    assert s.rows[0] == ["南川区绿色发展重点任务进展情况表"] * 11
    assert s.merged == [(0, 0, 0, 10)]
    assert s.is_merged_origin(0, 0) and not s.is_merged_origin(0, 3)
    assert s.is_merged_covered(0, 3)
    assert s.merge_span(0, 10) == (0, 0, 0, 10) and s.merge_span(1, 0) is None
    assert s.row_merge(0) == (0, 0, 0, 10) and s.row_merge(3) is None
    # values: int, str kept, date, \r\n -> \n, empty -> None; the hidden column is read and flagged
    first = s.rows[3]
    assert first[:6] == [1, "18", "推进绿色发展", "具体工作1", "牵头", dt.date(2023, 12, 31)]
    assert type(first[0]) is int and type(first[5]) is dt.date
    assert first[7] == "进展1\n第二行"
    assert first[8] is None and first[10] is None
    assert first[11] == 1000
    assert s.hidden_cols == frozenset({11})
    assert (
        s.value(3, 11) == 1000
        and s.value(999, 0) is None
        and s.value(3, 99) is None
        and s.value(-1, 0) is None
    )
    assert s.rows[1] == ["报送期：2023Q1", None, None, None, None, "填报单位：区发展改革委"]
    assert s.row(1)[-1] is None and len(s.row(1)) == 12
    assert (
        wb.sha256
        == hashlib.sha256((tmp_path / "2023Q1_区发展改革委_进展情况表.xlsx").read_bytes()).hexdigest()
    )


def test_xlsx_values_dates_and_merges(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工"
    ws["B2"] = 18.0
    ws["C2"] = 18.5
    ws["D2"] = dt.date(2023, 3, 31)
    ws["E2"] = dt.datetime(2023, 3, 31, 14, 5)
    ws["F2"] = dt.datetime(2023, 6, 30, 0, 0)
    ws["G2"] = True
    ws["H2"] = "  前后空格保留  "
    ws["I2"] = ""
    ws["J2"] = dt.time(14, 30)
    ws.merge_cells("A3:A5")
    ws["A3"] = 7
    for r in (3, 4, 5):
        ws.cell(row=r, column=2, value=f"措施{r}")
    ws.merge_cells("C3:D4")
    ws["C3"] = "牵头"
    wb.save(tmp_path / "v.xlsm")  # the name does not matter; xlsm counts as xlsx
    s = read_workbook(tmp_path / "v.xlsm").sheets[0]
    assert s.rows[0] == []
    row = s.rows[1]
    assert row[:1] == [None]
    assert row[1] == 18 and type(row[1]) is int
    assert row[2] == 18.5
    assert row[3] == dt.date(2023, 3, 31) and type(row[3]) is dt.date
    assert row[4] == dt.datetime(2023, 3, 31, 14, 5)
    assert row[5] == dt.date(2023, 6, 30) and type(row[5]) is dt.date
    assert row[6] is True
    assert row[7] == "  前后空格保留  "
    assert row[8] is None
    assert row[9] == "14:30"
    assert [s.value(r, 0) for r in (2, 3, 4)] == [7, 7, 7]
    assert [s.value(r, 1) for r in (2, 3, 4)] == ["措施3", "措施4", "措施5"]
    assert [s.value(r, c) for r in (2, 3) for c in (2, 3)] == ["牵头"] * 4
    assert s.value(4, 2) is None
    assert (2, 0, 4, 0) in s.merged and (2, 2, 3, 3) in s.merged


def test_xlsx_cached_formula_value_is_read_never_evaluated(tmp_path):
    src = tmp_path / "src.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 5
    ws["B1"] = "=A1*2"
    ws["C1"] = "=A1+1"
    ws["D1"] = '="x"&"y"'
    wb.save(src)
    # openpyxl writes formulas without cached values; give B1 and D1 the values Excel "last saved"
    edit = sub_bytes(
        rb"<c r=\"B1\"([^>]*)><f>A1\*2</f><v\s*/?>(</v>)?</c>", rb'<c r="B1"\1><f>A1*2</f><v>42</v></c>'
    )
    edit2 = sub_bytes(rb"<c r=\"D1\"[^>]*>.*?</c>", rb'<c r="D1" t="str"><f>"x"&amp;"y"</f><v>cached</v></c>')
    dst = rewrite_zip(src, tmp_path / "formula.xlsx", {"xl/worksheets/sheet1.xml": lambda d: edit2(edit(d))})
    with zipfile.ZipFile(dst) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    assert b"<v>42</v>" in xml and b"<v>cached</v>" in xml
    row = read_workbook(dst).sheets[0].rows[0]
    assert row == [5, 42, None, "cached"]  # 42 is not A1*2 = 10; C1 has no cached value


def test_huge_formatting_reads_like_a_small_sheet(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "标题"
    ws["B2"] = 1
    red = PatternFill("solid", fgColor="FF0000")
    ws.cell(row=1048576, column=1).fill = red
    ws.cell(row=1048576, column=16384).font = Font(bold=True)
    for r in range(3, 3000):
        ws.cell(row=r, column=26).fill = red
    for col in "CDEFGH":
        ws.column_dimensions[col].width = 30
    wb.save(tmp_path / "styled.xlsx")
    with zipfile.ZipFile(tmp_path / "styled.xlsx") as z:
        assert b"1048576" in z.read("xl/worksheets/sheet1.xml")
    started = time.perf_counter()
    s = read_workbook(tmp_path / "styled.xlsx").sheets[0]
    assert time.perf_counter() - started < 5
    assert s.n_rows == 2 and s.n_cols == 2
    assert s.rows == [["标题"], [None, 1]]


def test_wrong_huge_dimension_ref_is_ignored(tmp_path):
    src = return_xlsx(tmp_path / "src.xlsx")
    dst = rewrite_zip(
        src,
        tmp_path / "dim.xlsx",
        {
            "xl/worksheets/sheet1.xml": sub_bytes(
                rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>'
            )
        },
    )
    with zipfile.ZipFile(dst) as z:
        assert b'<dimension ref="A1:XFD1048576"/>' in z.read("xl/worksheets/sheet1.xml")
    s = read_workbook(dst).sheet("进展情况")
    assert s.n_rows == 18 and s.n_cols == 12


def test_merged_range_reaching_the_sheet_end_is_clamped_to_the_data(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "注：整列合并"
    ws["A4"] = "x"
    ws.merge_cells("C1:C2")  # replaced below by ranges openpyxl would take seconds to build
    wb.save(tmp_path / "src.xlsx")
    huge = b'<mergeCells count="2"><mergeCell ref="A1:XFD3"/><mergeCell ref="B5:B1048576"/></mergeCells>'
    dst = rewrite_zip(
        tmp_path / "src.xlsx",
        tmp_path / "m.xlsx",
        {"xl/worksheets/sheet1.xml": sub_bytes(rb"<mergeCells.*?</mergeCells>", huge)},
    )
    started = time.perf_counter()
    s = read_workbook(dst).sheets[0]
    assert time.perf_counter() - started < 5
    assert s.n_rows == 4 and s.n_cols == 1
    assert [s.value(r, 0) for r in range(4)] == ["注：整列合并"] * 3 + ["x"]
    assert s.merged == [(0, 0, 2, 0)]


# --- .xls -------------------------------------------------------------------------------------------


def _xls(path, *, hidden_col: bool = True):
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("进展情况")
    ws.write_merge(0, 0, 0, 4, "区发展改革委进展情况表")
    for c, h in enumerate(["序号", "任务编号", "具体工作", "完成时限", "进展情况", "分工编号"]):
        ws.write(1, c, h)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write_merge(2, 3, 0, 0, 1)
    ws.write(2, 1, 18.0)
    ws.write(2, 2, "措施一")
    ws.write(3, 2, "措施二")
    ws.write(2, 3, dt.date(2023, 6, 30), date_style)
    ws.write(3, 3, dt.datetime(2023, 6, 30, 9, 15), xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm"))
    ws.write(2, 4, "进展\r\n第二行")
    ws.write(2, 5, 77)
    if hidden_col:
        ws.col(5).hidden = True
    meta = book.add_sheet("_meta")
    meta.visibility = 1  # hidden
    meta.write(0, 0, "version")
    meta.write(0, 1, 1)
    book.save(str(path))
    return path


def test_real_binary_xls(tmp_path):
    path = _xls(tmp_path / "return.xls")
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    wb = read_workbook(path)
    assert wb.kind == "xls"
    assert [(s.name, s.hidden) for s in wb.sheets] == [("进展情况", False), ("_meta", True)]
    s = wb.sheet("进展情况")
    assert s.rows[0] == ["区发展改革委进展情况表"] * 5
    assert s.merged == [(0, 0, 0, 4), (2, 0, 3, 0)]
    assert s.value(2, 0) == 1 and s.value(3, 0) == 1 and type(s.value(3, 0)) is int
    assert s.value(2, 1) == 18 and type(s.value(2, 1)) is int
    assert s.value(2, 3) == dt.date(2023, 6, 30) and type(s.value(2, 3)) is dt.date
    assert s.value(3, 3) == dt.datetime(2023, 6, 30, 9, 15)
    assert s.value(2, 4) == "进展\n第二行"
    assert s.value(2, 5) == 77 and s.hidden_cols == frozenset({5})
    assert wb.sheet("_meta").rows == [["version", 1]]


def test_xls_read_through_a_minimal_cfb_writer(tmp_path):
    """The tests' own CFB writer (used for hostile files) produces files calamine and olefile read."""
    import olefile

    ole = olefile.OleFileIO(str(_xls(tmp_path / "a.xls")))
    stream = ole.openstream("Workbook").read()
    ole.close()
    s = read_workbook(write_cfb(tmp_path / "b.xls", {"Workbook": stream})).sheets[0]
    assert s.value(2, 2) == "措施一"


# --- detection by content ---------------------------------------------------------------------------


def test_xls_name_holding_xlsx_is_read_as_xlsx(tmp_path):
    path = tmp_path / "renamed.xls"
    path.write_bytes(return_xlsx(tmp_path / "r.xlsx").read_bytes())
    wb = read_workbook(path)
    assert wb.kind == "xlsx" and wb.sheet("进展情况").value(3, 3) == "具体工作1"


def test_xlsx_name_holding_xls_is_read_as_xls(tmp_path):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(_xls(tmp_path / "r.xls").read_bytes())
    wb = read_workbook(path)
    assert wb.kind == "xls" and wb.sheets[0].value(2, 2) == "措施一"


def test_xls_name_holding_html_and_csv(tmp_path):
    html = tmp_path / "oa导出.xls"
    html.write_bytes(
        "<table><tr><td>序号</td><td>单位</td></tr><tr><td>1</td><td>区林业局</td></tr></table>".encode()
    )
    wb = read_workbook(html)
    assert wb.kind == "html" and wb.sheets[0].rows == [["序号", "单位"], [1, "区林业局"]]
    csv_ = tmp_path / "export.xls"
    csv_.write_bytes("序号\t单位\t进展\n1\t区林业局\t已完成\n2\t区水利局\t推进中\n".encode("gb18030"))
    wb = read_workbook(csv_)
    assert wb.kind == "csv" and wb.sheets[0].rows[2] == [2, "区水利局", "推进中"]
    assert wb.sheets[0].name == "export"


# --- HTML -------------------------------------------------------------------------------------------

GBK_HTML = """<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>导出</title><style>td {{ border: 1px }}</style><script>var a = "<table>";</script></head>
<body><h3>区生态环境局报送</h3>
<table border=1>
<tr><th colspan=4>2023年第一季度进展情况</th></tr>
<tr><td>序号<td>具体工作<td>完成时限<td>进展情况</tr>
<tr><td rowspan=2>18</td><td>措施&nbsp;一</td><td>2023-06-30</td><td>第一行<br>第二行 &amp; 更多</td></tr>
<tr><td>措施二</td><td>2023年12月31日</td><td>  多个   空格
 换行  </td></tr>
<tr><td>0023</td><td>&lt;无&gt;</td><td></td><td>&#x4E2D;&#25991;</td></tr>
</table>
<p>说明：</p>
<table><caption>附表</caption><tr><td>a</td><td>b</td></tr></table>
<table><tr><td>   </td></tr></table>
</body></html>"""


def test_html_gbk_with_spans_breaks_and_entities(tmp_path):
    path = tmp_path / "oa.xls"
    path.write_bytes(GBK_HTML.format().encode("gbk"))
    wb = read_workbook(path)
    assert wb.kind == "html"
    assert [s.name for s in wb.sheets] == ["区生态环境局报送", "附表"]
    s = wb.sheets[0]
    assert s.rows[0] == ["2023年第一季度进展情况"] * 4
    assert s.rows[1] == ["序号", "具体工作", "完成时限", "进展情况"]
    assert s.rows[2] == [18, "措施 一", dt.date(2023, 6, 30), "第一行\n第二行 & 更多"]
    assert s.rows[3] == [18, "措施二", dt.date(2023, 12, 31), "多个 空格 换行"]
    assert s.rows[4] == ["0023", "<无>", None, "中文"]
    assert s.merged == [(0, 0, 0, 3), (2, 0, 3, 0)]
    assert wb.sheets[1].rows == [["a", "b"]]


def test_html_utf8_bom_and_lying_charset(tmp_path):
    body = "<table><tr><td>单位</td><td>状态</td></tr><tr><td>区农业农村委</td><td>已完成</td></tr></table>"
    bom = tmp_path / "bom.xls"
    bom.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert read_workbook(bom).sheets[0].rows[1] == ["区农业农村委", "已完成"]
    lying = tmp_path / "lying.xls"
    lying.write_bytes(('<meta charset="utf-8">' + body).encode("gbk"))
    assert read_workbook(lying).sheets[0].rows[1] == ["区农业农村委", "已完成"]
    meta = tmp_path / "meta.xls"
    meta.write_bytes(('<html><head><meta charset="GBK"></head><body>' + body).encode("gbk"))
    assert read_workbook(meta).sheets[0].name == "表1"


EXCEL_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name>
</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>
<body link=blue><table x:str border=0 cellpadding=0 cellspacing=0 width=600>
<col width=72 span=3>
<tr height=19><td height=19 class=xl65 x:num>18</td><td class=xl66 x:str="'0023">0023</td>
<td x:num="0.456">45.6%</td><td class=xl67 x:num="45107">2023/6/30</td>
<td>行一<br style='mso-data-placement:same-cell'>行二</td></tr>
<![if supportMisalignedColumns]><tr height=0 style='display:none'><td width=72></td></tr><![endif]>
</table></body></html>"""


def test_excel_flavoured_html(tmp_path):
    path = tmp_path / "excel网页.xls"
    path.write_text(EXCEL_HTML, encoding="utf-8")
    s = read_workbook(path).sheets[0]
    assert s.rows == [[18, "0023", 0.456, dt.date(2023, 6, 30), "行一\n行二"]]


def test_mht_single_file_web_page(tmp_path):
    html = "<table><tr><td>序号</td><td>单位</td></tr><tr><td>3</td><td>区教委</td></tr></table>"
    import base64

    payload = base64.encodebytes(html.encode("gbk")).decode("ascii")
    mht = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
        "------=_NextPart_01\r\nContent-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: base64\r\n"
        'Content-Type: text/html; charset="gb2312"\r\n\r\n' + payload + "\r\n------=_NextPart_01--\r\n"
    )
    path = tmp_path / "导出.xls"
    path.write_bytes(mht.encode("ascii"))
    wb = read_workbook(path)
    assert wb.kind == "html" and wb.sheets[0].rows == [["序号", "单位"], [3, "区教委"]]


# --- CSV --------------------------------------------------------------------------------------------

CSV_TEXT = '序号,单位,进展情况,填报日期\r\n1,区林业局,"已完成,\r\n含逗号和换行",2023/3/31\r\n2,区水利局,推进中,\r\n,,,\r\n'


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_csv_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "单位进展.csv"
    path.write_bytes(prefix + CSV_TEXT.encode(encoding))
    wb = read_workbook(path)
    assert wb.kind == "csv"
    assert [s.name for s in wb.sheets] == ["单位进展"]
    assert wb.sheets[0].rows == [
        ["序号", "单位", "进展情况", "填报日期"],
        [1, "区林业局", "已完成,\n含逗号和换行", dt.date(2023, 3, 31)],
        [2, "区水利局", "推进中"],
    ]


@pytest.mark.parametrize("delimiter", ["\t", ";", ","])
def test_csv_delimiters(tmp_path, delimiter):
    rows = [
        ["任务编号", "完成状态", "备注"],
        ["18", "已完成", "无"],
        ["19", "推进中", "0.5"],
        ["20", "未启动", "-3"],
    ]
    path = tmp_path / "d.txt"
    path.write_text("\n".join(delimiter.join(r) for r in rows), encoding="utf-8")
    s = read_workbook(path).sheets[0]
    assert s.rows[1:] == [[18, "已完成", "无"], [19, "推进中", 0.5], [20, "未启动", -3]]


def test_single_column_text_is_read_only_under_a_text_name(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("区林业局\n区水利局\n", encoding="utf-8")
    assert read_workbook(path).sheets[0].rows == [["区林业局"], ["区水利局"]]


# --- XML Spreadsheet 2003, ODS ----------------------------------------------------------------------

XML2003 = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="进展情况"><Table>
  <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">标题</Data></Cell></Row>
  <Row ss:Index="3"><Cell><Data ss:Type="Number">18</Data></Cell><Cell ss:Index="3"><Data
   ss:Type="DateTime">2023-03-31T00:00:00.000</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">多行&#10;文本</Data></Cell>
   <Cell ss:Formula="=1+1"><Data ss:Type="Number">5</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell>
   <Cell><ss:Data ss:Type="String"><html:B>粗体</html:B>文字</ss:Data></Cell></Row>
  <Row><Cell><Data ss:Type="String">y</Data></Cell><Cell ss:Index="5"><Data ss:Type="Error">#DIV/0!</Data></Cell></Row>
  <Row ss:Index="1048576"><Cell ss:StyleID="s1"/></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="_meta"><Table><Row><Cell><Data ss:Type="String">v</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>"""


def test_xml_spreadsheet_2003(tmp_path):
    path = tmp_path / "wps.xls"
    path.write_text(XML2003, encoding="utf-8")
    wb = read_workbook(path)
    assert wb.kind == "xml2003"
    assert [(s.name, s.hidden) for s in wb.sheets] == [("进展情况", False), ("_meta", True)]
    s = wb.sheets[0]
    assert s.rows[0] == ["标题"] * 3
    assert s.rows[1] == []
    assert s.rows[2] == [18, None, dt.date(2023, 3, 31), "多行\n文本", 5, True, "粗体文字"]
    assert s.rows[3] == ["y", None, None, "多行\n文本"]
    assert s.n_rows == 4
    assert s.merged == [(0, 0, 0, 2), (2, 3, 3, 3)]


def test_ods_with_merges_and_hidden_sheet(tmp_path):
    t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="{t}"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 office:version="1.2"><office:automatic-styles><style:style style:name="ta2" style:family="table">
<style:table-properties table:display="false"/></style:style></office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="表一">
<table:table-column table:number-columns-repeated="1024"/>
<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>标题</text:p>
</table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="float" office:value="18">
<text:p>18</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2023-03-31">
<text:p>2023-03-31</text:p></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>x</text:p>
</table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/>
</table:table-row></table:table>
<table:table table:name="_meta" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string">
<text:p>v</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>
</office:document-content>"""
    content = content.replace("\n", "")  # LibreOffice writes no blanks between elements (calamine needs that)
    path = tmp_path / "libre.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED
        )
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
        )
    wb = read_workbook(path)
    assert wb.kind == "ods"
    assert [(s.name, s.hidden) for s in wb.sheets] == [("表一", False), ("_meta", True)]
    s = wb.sheets[0]
    assert s.rows == [["标题", "标题"], [18, dt.date(2023, 3, 31)], [18, "x"]]
    assert s.merged == [(0, 0, 0, 1), (1, 0, 2, 0)]


# --- helpers ----------------------------------------------------------------------------------------


def test_column_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702, 16383)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
        "XFD",
    ]
    for i in range(0, 20000, 7):
        assert column_index(column_letter(i)) == i
    with pytest.raises(ValueError):
        column_letter(-1)
    with pytest.raises(ValueError):
        column_index("A1")


def test_sha256_of(tmp_path):
    p = tmp_path / "x.bin"
    p.write_bytes(b"abc" * 1000000)
    assert sha256_of(p) == hashlib.sha256(b"abc" * 1000000).hexdigest()
    assert sha256_of(str(p)) == sha256_of(p)


def test_sheet_row_merge_tells_title_and_note_rows():
    s = Sheet(
        name="x",
        hidden=False,
        rows=[
            ["标题", "标题", "标题"],
            ["序号", "单位", "进展"],
            [1, "a", "b"],
            ["注：说明", "注：说明", "注：说明"],
            [1],
        ],
        merged=[(0, 0, 0, 2), (3, 0, 3, 2)],
    )
    assert s.row_merge(0) == (0, 0, 0, 2) and s.row_merge(3) == (0 + 3, 0, 3, 2)
    assert s.row_merge(1) is None and s.row_merge(4) is None and s.row_merge(99) is None
    assert s.is_blank_row(99) and not s.is_blank_row(4)
