"""greentasks.excel.reader refuses what it cannot or must not read — quickly, in Chinese, naming the file."""

from __future__ import annotations

import struct
import time
import zipfile

import openpyxl
import pytest
import xlwt

from greentasks.errors import FileRefused
from greentasks.excel import reader
from greentasks.excel.reader import read_workbook

from ._build import docx, encrypted_ooxml, return_xlsx, rewrite_zip, word_doc, write_cfb, zip_bytes


def refused(path, *words: str) -> str:
    """Read ``path``, expect FileRefused within 5 s whose message names the file and holds ``words``."""
    started = time.perf_counter()
    with pytest.raises(FileRefused) as info:
        read_workbook(path)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"refusing {path.name} took {elapsed:.1f}s"
    problem = info.value.problem
    assert problem.file == path.name
    text = str(info.value)
    assert path.name in text
    for word in words:
        assert word in problem.message, f"{word!r} not in {problem.message!r}"
    return problem.message


@pytest.fixture
def xlsx(tmp_path):
    return return_xlsx(tmp_path / "good.xlsx")


# --- empty, missing ---------------------------------------------------------------------------------


def test_zero_bytes(tmp_path):
    (tmp_path / "空.xlsx").write_bytes(b"")
    refused(tmp_path / "空.xlsx", "文件是空的")


def test_workbook_without_any_value(tmp_path):
    wb = openpyxl.Workbook()
    wb.create_sheet("Sheet2")
    wb.active["C3"].fill = openpyxl.styles.PatternFill("solid", fgColor="FF0000")
    wb.save(tmp_path / "空表.xlsx")
    refused(tmp_path / "空表.xlsx", "文件是空的", "没有填写任何内容")


def test_csv_with_only_separators_and_blanks(tmp_path):
    (tmp_path / "空.csv").write_text(",,,\n  ,\t, \n", encoding="utf-8")
    refused(tmp_path / "空.csv", "文件是空的")


def test_missing_file_and_folder(tmp_path):
    refused(tmp_path / "不存在.xlsx", "找不到文件")
    (tmp_path / "文件夹.xlsx").mkdir()
    refused(tmp_path / "文件夹.xlsx", "文件夹")


# --- not a spreadsheet ------------------------------------------------------------------------------


def test_plain_text_under_a_spreadsheet_name(tmp_path):
    path = tmp_path / "进展.xlsx"
    path.write_text(
        "各位领导：\n本季度我单位认真落实各项任务，取得了明显成效。\n特此报告。\n", encoding="utf-8"
    )
    refused(path, "纯文本", "不是Excel表格")


def test_word_document_renamed_xlsx(tmp_path):
    msg = refused(docx(tmp_path / "进展情况.xlsx"), "Word文档", "不是Excel表格", "请发送Excel表格文件")
    assert "扩展名被改成了“.xlsx”" in msg


def test_old_word_document_renamed_xls(tmp_path):
    refused(word_doc(tmp_path / "进展情况.xls"), "Word文档", ".doc", "不是Excel表格")


def test_pdf(tmp_path):
    path = tmp_path / "盖章版.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"\0" * 100)
    refused(path, "PDF文件", "不是Excel表格")


@pytest.mark.parametrize(
    "magic,fmt",
    [(b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG"), (b"\xff\xd8\xff\xe0\0\x10JFIF" + b"\0" * 50, "JPEG")],
)
def test_image(tmp_path, magic, fmt):
    path = tmp_path / "截图.xls"
    path.write_bytes(magic)
    refused(path, "图片", fmt)


def test_zip_archive_of_spreadsheets(tmp_path, xlsx):
    path = tmp_path / "各单位报送.xlsx"
    good = xlsx.read_bytes()
    path.write_bytes(zip_bytes({"报送/区林业局.xlsx": good, "报送/区水利局.xls": b"x", "说明.txt": b"x"}))
    refused(path, "压缩包", "2 个表格文件", "区林业局.xlsx", "解压后再导入")


def test_zip_archive_with_gbk_names(tmp_path, xlsx):
    """Chinese Windows zips store GBK names without the UTF-8 flag."""
    gbk = "区林业局.xlsx".encode("gbk")
    placeholder = b"A" * (len(gbk) - 5) + b".xlsx"
    data = zip_bytes({placeholder.decode(): xlsx.read_bytes()})
    path = tmp_path / "报送.zip"
    path.write_bytes(data.replace(placeholder, gbk))
    refused(path, "压缩包", "区林业局.xlsx", "解压后再导入")


def test_zip_archive_without_spreadsheets(tmp_path):
    path = tmp_path / "照片.xlsx"
    path.write_bytes(zip_bytes({"a.jpg": b"\xff\xd8\xff" + b"\0" * 10}))
    refused(path, "压缩包", "没有Excel表格")


def test_rar_archive(tmp_path):
    path = tmp_path / "报送.xls"
    path.write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\0" * 64)
    refused(path, "压缩包", "RAR", "解压")


def test_unrecognisable_binary(tmp_path):
    path = tmp_path / "乱码.xls"
    path.write_bytes(bytes(range(256)) * 8)
    refused(path, "文件格式无法识别")


def test_xml_that_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "data.xls"
    path.write_text('<?xml version="1.0"?><root><item>1</item></root>', encoding="utf-8")
    refused(path, "XML文件", "不是Excel表格")


def test_html_without_a_table(tmp_path):
    path = tmp_path / "page.xls"
    path.write_text("<html><body><p>登录已过期，请重新登录</p></body></html>", encoding="utf-8")
    refused(path, "网页", "没有表格")


def test_xlsb_whose_workbook_part_is_garbage(tmp_path):
    """.xlsb is read (see test_excel_xlsb.py); one that is only a name and ten zero bytes is damaged."""
    path = tmp_path / "b.xlsb"
    path.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0" * 10}))
    refused(path, "文件已损坏")


# --- damaged ----------------------------------------------------------------------------------------


def test_truncated_xlsx(tmp_path, xlsx):
    path = tmp_path / "截断.xlsx"
    path.write_bytes(xlsx.read_bytes()[: xlsx.stat().st_size // 2])
    refused(path, "文件已损坏", "重新保存", "重新发送")


def test_truncated_xls(tmp_path):
    book = xlwt.Workbook()
    book.add_sheet("表1").write(0, 0, "x")
    book.save(str(tmp_path / "full.xls"))
    path = tmp_path / "截断.xls"
    path.write_bytes((tmp_path / "full.xls").read_bytes()[:2000])
    refused(path, "文件已损坏", ".xls", "重新保存")


def test_xlsx_with_broken_sheet_xml(tmp_path, xlsx):
    dst = rewrite_zip(
        xlsx, tmp_path / "坏.xlsx", {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c"}
    )
    refused(dst, "文件已损坏或格式无法识别", "重新保存")


def test_ooxml_package_without_workbook(tmp_path):
    path = tmp_path / "残缺.xlsx"
    path.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/styles.xml": b"<styleSheet/>"}))
    refused(path, "文件已损坏")


def test_unexpected_library_error_becomes_a_refusal(tmp_path, xlsx, monkeypatch):
    from greentasks.excel import _calamine

    class PanicLike(BaseException):  # pyo3's PanicException derives from BaseException
        pass

    for exc in (RuntimeError("boom"), PanicLike("boom"), MemoryError()):

        def explode(*args, exc=exc, **kwargs):
            raise exc

        monkeypatch.setattr(_calamine, "_sheets", explode)
        refused(xlsx, "文件已损坏或格式无法识别")


# --- encrypted --------------------------------------------------------------------------------------


def test_password_protected_xlsx(tmp_path):
    refused(encrypted_ooxml(tmp_path / "加密.xlsx"), "文件设置了打开密码", "请发送未加密的副本")


def test_password_protected_xls(tmp_path):
    import olefile

    book = xlwt.Workbook()
    book.add_sheet("表1").write(0, 0, "x")
    book.save(str(tmp_path / "plain.xls"))
    ole = olefile.OleFileIO(str(tmp_path / "plain.xls"))
    stream = ole.openstream("Workbook").read()
    ole.close()
    _, bof_len = struct.unpack_from("<HH", stream, 0)
    filepass = struct.pack("<HHHHH", 0x002F, 54, 1, 1, 1) + b"\x5a" * 48  # RC4, as Excel writes it
    stream = stream[: 4 + bof_len] + filepass + stream[4 + bof_len :]
    refused(
        write_cfb(tmp_path / "加密.xls", {"Workbook": stream}), "文件设置了打开密码", "请发送未加密的副本"
    )


# --- size and zip bombs -----------------------------------------------------------------------------


def test_larger_than_20_mb_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "大文件.xlsx"
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    opened = []
    real_open = type(path).open
    monkeypatch.setattr(
        type(path), "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k)
    )
    refused(path, "文件太大", "21.0 MB", "20 MB")
    assert opened == []


@pytest.fixture(scope="module")
def bomb_300mb(tmp_path_factory):
    """A valid-looking xlsx whose sheet is 300 MB of zeros (1.4 MB on disk)."""
    folder = tmp_path_factory.mktemp("bomb")
    good = return_xlsx(folder / "good.xlsx")
    path = folder / "炸弹.xlsx"
    with (
        zipfile.ZipFile(good) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with zout.open(info.filename, "w", force_zip64=True) as fh:
                    chunk = b"\0" * (1 << 20)
                    for _ in range(300):
                        fh.write(chunk)
            else:
                zout.writestr(info.filename, zin.read(info.filename))
    return path


def test_zip_bomb_declared_size(bomb_300mb):
    assert bomb_300mb.stat().st_size < 3 * 1024 * 1024
    refused(bomb_300mb, "解压后过大", "200 MB", "压缩炸弹")


def _patch_declared_size(path, member: str, size: int) -> None:
    """Rewrite a member's uncompressed size in the local header and the central directory."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    name = member.encode()
    pos = 0
    while True:
        pos = data.index(b"PK\x01\x02", pos)
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos += 4
    path.write_bytes(bytes(data))


def test_zip_bomb_forged_declared_size(tmp_path, xlsx):
    path = tmp_path / "声明.xlsx"
    path.write_bytes(xlsx.read_bytes())
    _patch_declared_size(path, "xl/worksheets/sheet1.xml", 250 * 1024 * 1024)
    refused(path, "解压后过大", "200 MB")


def test_member_with_absurd_compression_ratio(tmp_path, xlsx):
    path = tmp_path / "压缩比.xlsx"
    with (
        zipfile.ZipFile(xlsx) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/image1.png", b"\0" * (50 * 1024 * 1024))
    refused(path, "压缩比异常", "xl/media/image1.png")


def test_member_inflating_beyond_its_declared_size(tmp_path, xlsx):
    path = tmp_path / "谎报.xlsx"
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + b"<!-- padding -->" * 200_000)
            zout.writestr(info.filename, data)
    _patch_declared_size(path, "xl/worksheets/sheet1.xml", 1000)
    refused(path, "与声明不符")


# --- unsafe XML -------------------------------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
)


def _with_prolog(prolog: bytes):
    """Put ``prolog`` (declaration + DOCTYPE) in front of a part's root element."""

    def edit(data: bytes) -> bytes:
        data = data.split(b"?>", 1)[1] if data.lstrip().startswith(b"<?xml") else data
        return prolog + data.lstrip()

    return edit


def _member(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def test_doctype_in_a_sheet_part(tmp_path, xlsx):
    dst = rewrite_zip(
        xlsx, tmp_path / "实体.xlsx", {"xl/worksheets/sheet1.xml": _with_prolog(BILLION_LAUGHS)}
    )
    assert b"<!ENTITY lol2" in _member(dst, "xl/worksheets/sheet1.xml")
    refused(dst, "不安全的XML实体声明")


def test_entity_in_a_rels_part(tmp_path, xlsx):
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    dst = rewrite_zip(xlsx, tmp_path / "rels.xlsx", {"xl/_rels/workbook.xml.rels": _with_prolog(xxe)})
    assert b"<!ENTITY x SYSTEM" in _member(dst, "xl/_rels/workbook.xml.rels")
    refused(dst, "不安全的XML实体声明")


def test_doctype_in_a_utf16_part(tmp_path, xlsx):
    def to_utf16(data: bytes) -> bytes:
        text = _with_prolog(b'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]>')(data)
        return b"\xff\xfe" + text.decode("utf-8").encode("utf-16-le")

    dst = rewrite_zip(xlsx, tmp_path / "utf16.xlsx", {"xl/workbook.xml": to_utf16})
    assert "<!ENTITY".encode("utf-16-le") in _member(dst, "xl/workbook.xml")
    refused(dst, "不安全的XML实体声明")


def test_doctype_in_xml_spreadsheet_2003(tmp_path):
    path = tmp_path / "wps.xls"
    path.write_bytes(
        BILLION_LAUGHS
        + b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet/>&lol2;</Workbook>'
    )
    refused(path, "不安全的XML实体声明")


def test_entity_in_html(tmp_path):
    path = tmp_path / "oa.xls"
    path.write_bytes(b'<!DOCTYPE html [<!ENTITY x "y">]><html><table><tr><td>&x;</td></tr></table></html>')
    refused(path, "不安全的XML实体声明")


# --- a stray value far away -------------------------------------------------------------------------


def test_stray_value_far_away_is_refused_with_a_fix(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展情况"
    ws["A1"] = "序号"
    ws["Z1048576"] = " "
    wb.save(tmp_path / "远处.xlsx")
    refused(tmp_path / "远处.xlsx", "进展情况", "内容范围异常大", "1048576", "Z列", "删除多余的行和列")


def test_every_refusal_is_a_file_refused_with_a_problem(tmp_path):
    """Nothing but FileRefused escapes, whatever bytes arrive."""
    import random

    rng = random.Random(7)
    good = return_xlsx(tmp_path / "g.xlsx").read_bytes()
    for i in range(30):
        data = bytearray(good)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"fuzz{i}.xlsx"
        path.write_bytes(bytes(data))
        try:
            read_workbook(path)
        except FileRefused as exc:
            assert exc.problem.file == path.name and exc.problem.message


def test_constants_are_the_module_limits():
    assert reader.MAX_FILE_BYTES == 20 * 1024 * 1024 and reader.MAX_UNPACKED_BYTES == 200 * 1024 * 1024


def _rename_part(src, dst, old: str, new: str, content: bytes | None = None):
    """Move a part to another name, updating the workbook relationships and content types."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == old:
                zout.writestr(new, content if content is not None else data)
                continue
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(old.removeprefix("xl/").encode(), new.removeprefix("xl/").encode())
            zout.writestr(info.filename, data)
    return dst


def test_svg_picture_with_a_doctype_is_harmless(tmp_path, xlsx):
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(tmp_path / "图.xlsx", "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/image1.svg", svg)
    assert read_workbook(tmp_path / "图.xlsx").sheet("进展情况").value(3, 3) == "具体工作1"


def test_sheet_disguised_as_a_picture_is_still_checked(tmp_path, xlsx):
    with zipfile.ZipFile(xlsx) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    hostile = _with_prolog(BILLION_LAUGHS)(sheet)
    dst = _rename_part(
        xlsx, tmp_path / "伪装.xlsx", "xl/worksheets/sheet1.xml", "xl/media/sheet1.svg", hostile
    )
    refused(dst, "不安全的XML实体声明")
    far = sheet.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    dst = _rename_part(
        xlsx, tmp_path / "伪装2.xlsx", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.bin", far
    )
    refused(dst, "内容范围异常大")
