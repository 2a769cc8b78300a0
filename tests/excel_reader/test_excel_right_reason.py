"""Every real file is read, or refused for the right reason: a password on an .ods, a flat
OpenDocument file, an Excel 2.x–4.0 workbook, control characters in an XML spreadsheet, an old code
page, a chart-only book; formulas saved without a value are reported; spreadsheets held in memory
are read like files; and a library's own complaint never reaches the clerk's console."""

from __future__ import annotations

import hashlib
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt

from greentasks.errors import FileRefused
from greentasks.excel import _calamine
from greentasks.excel.reader import MAX_FILE_BYTES, read_workbook, read_workbook_data

from ._build import return_xlsx, rewrite_zip, sub_bytes, write_cfb

T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
    'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/>{entries}</manifest:manifest>'
)


def refused(path: Path, *words: str) -> str:
    with pytest.raises(FileRefused) as info:
        read_workbook(path)
    assert info.value.problem.file == path.name
    for word in words:
        assert word in info.value.problem.message, info.value.problem.message
    return info.value.problem.message


def _ods(path: Path, body: str, manifest_entries: str = "", content: bytes | None = None) -> Path:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{OFFICE}" '
        f'xmlns:table="{T}" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content if content is not None else xml, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", MANIFEST.format(entries=manifest_entries))
    return path


# --- refused, for the right reason ----------------------------------------------------------------


def test_password_protected_ods(tmp_path):
    """LibreOffice/WPS encrypt every part and say so in the manifest: the password message."""
    entry = (
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2011">'
        '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0'
        '#sha256-1k" manifest:checksum="qgpvEg1A"><manifest:algorithm manifest:algorithm-name='
        '"http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="nEE8fWb8"/>'
        "</manifest:encryption-data></manifest:file-entry>"
    )
    path = _ods(tmp_path / "加密.ods", "", entry, content=os.urandom(2048))
    refused(path, "文件设置了打开密码", "请发送未加密的副本")


def test_flat_opendocument_spreadsheet(tmp_path):
    path = tmp_path / "单文件.fods"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:'
        f'xmlns:office:1.0" xmlns:table="{T}" office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>'
        '<table:table table:name="表1"><table:table-row><table:table-cell/></table:table-row></table:table>'
        "</office:spreadsheet></office:body></office:document>",
        encoding="utf-8",
    )
    refused(path, "OpenDocument", ".fods", "另存为", ".xlsx")
    text = tmp_path / "单文件.fodt"
    text.write_text(path.read_text(encoding="utf-8").replace("spreadsheet\"", "text\""), encoding="utf-8")
    refused(text, "OpenDocument文本或演示文档")


@pytest.mark.parametrize(
    ("bof", "version"),
    [(0x0009, "Excel 2.x"), (0x0209, "Excel 3.0"), (0x0409, "Excel 4.0")],
)
def test_excel_2_to_4_workbook(tmp_path, bof, version):
    """Before Excel 5 a workbook was a bare BIFF record stream (no OLE container)."""
    length = 4 if bof == 0x0009 else 6
    body = struct.pack("<HH", 0x0007 if bof == 0x0009 else 0, 0x0010) + b"\0" * (length - 4)
    label = b"\x04\x00\x09\x00" + b"\x00\x00\x00\x00\x00\x04" + b"abcd"  # a LABEL record, then EOF
    path = tmp_path / "旧版.xls"
    path.write_bytes(struct.pack("<HH", bof, length) + body + label + b"\x0a\x00\x00\x00")
    refused(path, "早期版本Excel", version, "另存为")


def test_xls_holding_only_a_chart(tmp_path):
    """A Microsoft Graph chart object saved as .xls: one chart sheet, no worksheet."""
    name = "图表1".encode("utf-16-le")
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0, 0, 0)  # BIFF8 workbook globals
    boundsheet_len = 8 + len(name)
    globals_len = len(bof) + 4 + boundsheet_len + 4
    boundsheet = struct.pack("<HHIBBBB", 0x0085, boundsheet_len, globals_len, 0, 2, 3, 1) + name
    chart = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0020, 0, 0, 0, 0) + b"\x0a\x00\x00\x00"
    stream = bof + boundsheet + b"\x0a\x00\x00\x00" + chart
    refused(write_cfb(tmp_path / "图表.xls", {"Workbook": stream}), "只有图表", "没有工作表")


# --- read, though an XML parser or calamine would refuse them as they are ---------------------------


def test_xml_spreadsheet_with_control_characters(tmp_path):
    """Excel writes CHAR(7) in a text as ``&#7;`` (or the raw byte): XML 1.0 forbids both."""
    path = tmp_path / "控制字符.xls"
    path.write_bytes(
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        b'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
        b'<Row><Cell><Data ss:Type="String">&#7;7&#7;</Data></Cell><Cell><Data ss:Type="String">a\x07b</Data></Cell>'
        b'<Cell><Data ss:Type="Number">18</Data></Cell></Row></Table></Worksheet></Workbook>'
    )
    assert read_workbook(path).sheets[0].rows == [["7", "ab", 18]]


def test_xls_with_an_old_code_page_number(tmp_path):
    """Quattro Pro writes CODEPAGE 32769 ("Windows 1252" in Excel 2.x–3.0 numbering) into BIFF5/8
    files; Excel reads them, calamine knows no code page 32769."""
    book = xlwt.Workbook()
    ws = book.add_sheet("A")
    ws.write(0, 0, 18)
    ws.write(0, 1, 2.5)
    book.save(str(tmp_path / "plain.xls"))
    data = (tmp_path / "plain.xls").read_bytes()
    record = struct.pack("<HHH", 0x0042, 2, 1200)  # what xlwt writes
    assert data.count(record) == 1
    path = tmp_path / "quattro.xls"
    path.write_bytes(data.replace(record, struct.pack("<HHH", 0x0042, 2, 0x8001)))
    book = read_workbook(path)
    assert book.sheets[0].name == "A" and book.sheets[0].rows == [[18, 2.5]]


# --- formulas without a cached value ----------------------------------------------------------------


def test_uncached_formulas_are_reported_for_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展情况"
    ws["A1"] = 5
    ws["B1"] = "=SUM(A1:A4)"  # openpyxl writes <f>SUM(A1:A4)</f><v></v>: no value
    ws["C1"] = '=IF(A1>3,"是","否")'
    ws["D1"] = "=A1*2"
    wb.save(tmp_path / "src.xlsx")
    edit = sub_bytes(rb'<c r="D1"><f>A1\*2</f><v\s*/?>(</v>)?</c>', b'<c r="D1"><f>A1*2</f><v>10</v></c>')
    path = rewrite_zip(tmp_path / "src.xlsx", tmp_path / "公式.xlsx", {"xl/worksheets/sheet1.xml": edit})
    s = read_workbook(path).sheet("进展情况")
    assert s.rows == [[5, None, None, 10]]
    assert s.uncached == {(0, 1): "SUM(A1:A4)", (0, 2): 'IF(A1>3,"是","否")'}


def test_uncached_shared_namespaced_and_placed_by_counting(tmp_path):
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><x:sheetData>'
        b'<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2"><x:f t="shared" ref="B2:B3" si="0">A2*2</x:f></x:c>'
        b'<x:c r="C2" t="str"><x:f>IF(A2=1,"","x")</x:f><x:v></x:v></x:c></x:row>'  # a cached empty text
        b'<x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="B3"><x:f t="shared" si="0"/></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    src = return_xlsx(tmp_path / "src.xlsx")
    path = rewrite_zip(src, tmp_path / "共享.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    assert read_workbook(path).sheet("进展情况").uncached == {(1, 1): "A2*2", (2, 1): "（共享公式）"}
    # the same cells written without r="…" (placed by counting)
    counted = sheet.replace(b' r="A2"', b"").replace(b' r="B2"', b"").replace(b' r="C2"', b"")
    counted = counted.replace(b' r="A3"', b"").replace(b' r="B3"', b"")
    path = rewrite_zip(src, tmp_path / "计数.xlsx", {"xl/worksheets/sheet1.xml": counted})
    assert read_workbook(path).sheet("进展情况").uncached == {(1, 1): "A2*2", (2, 1): "（共享公式）"}


def test_a_workbook_of_uncached_formulas_only_is_not_called_empty(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = '="本期进展"'
    wb.save(tmp_path / "只有公式.xlsx")
    book = read_workbook(tmp_path / "只有公式.xlsx")
    assert book.sheets[0].rows == [] and book.sheets[0].uncached == {(0, 0): '"本期进展"'}


def test_uncached_formulas_are_reported_for_ods(tmp_path):
    body = (
        '<table:table table:name="表一"><table:table-row>'
        '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=SUM([.A1:.A1])"/>'
        '<table:table-cell table:formula="of:=[.A1]*2" office:value-type="float" office:value="6">'
        "<text:p>6</text:p></table:table-cell></table:table-row></table:table>"
    )
    s = read_workbook(_ods(tmp_path / "公式.ods", body)).sheets[0]
    assert s.rows == [[3, None, 6]]
    assert s.uncached == {(0, 1): "SUM([.A1:.A1])"}


# --- spreadsheets held in memory ----------------------------------------------------------------------


def test_read_workbook_data_is_read_workbook_without_a_file(tmp_path):
    path = return_xlsx(tmp_path / "区发展改革委.xlsx")
    data = path.read_bytes()
    from_file = read_workbook(path)
    from_memory = read_workbook_data(data, "报送.zip/区发展改革委.xlsx")
    assert from_memory.path == Path("报送.zip/区发展改革委.xlsx")
    assert from_memory.sha256 == hashlib.sha256(data).hexdigest() == from_file.sha256
    assert [s.rows for s in from_memory.sheets] == [s.rows for s in from_file.sheets]
    assert from_memory.kind == "xlsx" and from_memory.sheets[0].merged == from_file.sheets[0].merged


def test_read_workbook_data_refuses_as_read_workbook_does(tmp_path):
    for data, words in (
        (b"", ("0 字节",)),
        (b"PK\x03\x04" + b"\0" * MAX_FILE_BYTES, ("文件太大",)),
        (b"%PDF-1.4\n", ("PDF",)),
        (return_xlsx(tmp_path / "x.xlsx").read_bytes()[:3000], ("文件已损坏",)),
    ):
        with pytest.raises(FileRefused) as info:
            read_workbook_data(data, "邮件/附件.xlsx")
        assert info.value.problem.file == "邮件/附件.xlsx"
        for word in words:
            assert word in info.value.problem.message


def test_csv_in_memory_is_named_after_the_member(tmp_path):
    book = read_workbook_data("序号,进展\n1,已完成\n".encode("gb18030"), "报送.zip/区农委.csv")
    assert book.kind == "csv" and book.sheets[0].name == "区农委"


# --- what a library writes to stderr ------------------------------------------------------------------


def test_what_the_library_prints_goes_to_the_log(tmp_path, monkeypatch, capfd, caplog):
    """A Rust panic prints "thread '<unnamed>' panicked at …" to the process's stderr before it
    becomes an exception: the clerk sees the 'damaged' message only, the log gets the text."""
    import python_calamine

    class PanicLike(BaseException):
        pass

    class Panicking:
        @classmethod
        def from_filelike(cls, fh):
            os.write(2, b"thread '<unnamed>' panicked at src/cfb.rs:345:44:\nrange end index 64 out of range\n")
            raise PanicLike("range end index 64 out of range")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Panicking)
    capfd.readouterr()
    with caplog.at_level("WARNING", logger="greentasks.excel._calamine"), pytest.raises(FileRefused) as info:
        read_workbook(return_xlsx(tmp_path / "坏.xlsx"))
    assert "文件已损坏" in info.value.problem.message
    out, err = capfd.readouterr()
    assert err == "" and out == ""
    assert "panicked at src/cfb.rs" in caplog.text
    os.write(2, b"after\n")  # file descriptor 2 is the console's again
    assert capfd.readouterr().err == "after\n"


def test_stderr_is_left_alone_where_there_is_none(monkeypatch):
    """A windowed program may have no file descriptor 2: reading goes on without the redirection."""

    def no_fd(fd):
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(os, "dup", no_fd)
    with _calamine._StderrToLog("x.xlsx") as guard:
        assert guard.saved is None
