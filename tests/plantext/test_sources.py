"""Reading a document's text: .docx (paragraphs and tables in body order, merged cells), .txt in
UTF-8 / GB18030, text-layer PDFs made by LibreOffice, pasted text, and every refusal in Chinese."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
import pytest

from greentasks.errors import FileRefused
from greentasks.plantext import TableBlock, TextBlock, document_text, text_document
from greentasks.plantext.sources import MAX_FILE_BYTES
from greentasks.word.topdf import find_office, to_pdf

from ._documents import (
    FOOT,
    HEAD,
    PLAN_LINES,
    add_page_furniture,
    auto_numbered,
    long_body,
    write_docx,
    write_txt,
)


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, TextBlock)]


def test_docx_keeps_tables_in_their_place(tmp_path):
    path = write_docx(tmp_path / "a.docx", [
        "一、重点任务",
        [["序号", "重点任务", "牵头单位"], ["1", "推进A", "区发展改革委"]],
        "二、保障措施",
    ])
    doc = document_text(path)
    assert doc.kind == "docx"
    kinds = [type(b) for b in doc.blocks]
    assert kinds == [TextBlock, TableBlock, TextBlock]
    table = doc.blocks[1]
    assert table.rows == (("序号", "重点任务", "牵头单位"), ("1", "推进A", "区发展改革委"))
    assert len({*table.cells[0], *table.cells[1]}) == 6  # no merges: every cell its own
    assert doc.blocks[0].where == "第1段" and doc.blocks[2].where == "第2段" and table.where == "第1个表格"


def test_docx_merged_cells_share_one_identity(tmp_path):
    rows = [["序号", "重点任务", "牵头单位"], ["一、产业", "", ""], ["1", "推进A", "区交通局"], ["2", "推进B", ""]]
    path = write_docx(tmp_path / "m.docx", [{"rows": rows, "merge": [(1, 0, 1, 2), (2, 2, 3, 2)]}])
    table = document_text(path).blocks[0]
    assert table.rows[1] == ("一、产业",) * 3  # Word repeats a merged cell's text per grid cell …
    assert len(set(table.cells[1])) == 1  # … and it is one cell
    assert table.rows[3][2] == "区交通局" and table.cells[3][2] == table.cells[2][2]  # merged down
    assert table.cells[3][0] != table.cells[2][0]


def test_docx_paragraph_text_is_stripped_but_inner_full_width_spaces_stay(tmp_path):
    path = write_docx(tmp_path / "s.docx", ["\u3000\u3000一、总体要求", "顾问：施崇刚　陈　桥"])
    assert texts(document_text(path)) == ["一、总体要求", "顾问：施崇刚　陈　桥"]


def test_docx_automatic_numbering_is_noted(tmp_path):
    path = write_docx(tmp_path / "n.docx", ["总体要求", "重点任务", "保障措施"])
    auto_numbered(path)
    doc = document_text(path)
    assert any("自动编号" in note for note in doc.notes)
    assert not document_text(write_docx(tmp_path / "plain.docx", ["一、总体要求"])).notes


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_txt_encodings(tmp_path, encoding):
    path = write_txt(tmp_path / "a.txt", PLAN_LINES, encoding=encoding, newline="\r\n")
    doc = document_text(path)
    assert doc.kind == "txt"
    assert texts(doc) == PLAN_LINES
    assert all("\ufffd" not in t and "\r" not in t and not t.startswith("\ufeff") for t in texts(doc))


def test_txt_that_is_neither_utf8_nor_gb18030_is_refused(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("一、总体要求\n".encode() + b"\x81\x20\xff\xfe\xfd\n")
    with pytest.raises(FileRefused) as exc:
        document_text(path)
    assert "编码无法识别" in str(exc.value) and "bad.txt" in str(exc.value)


def test_txt_tab_rows_are_a_table(tmp_path):
    path = write_txt(tmp_path / "t.txt", ["附件", "类别\t序号\t指标", "绿色生产\t1\t绿色工厂（家）", "\t2\t数字化车间（家）"])
    doc = document_text(path)
    table = doc.blocks[1]
    assert isinstance(table, TableBlock)
    assert table.rows == (("类别", "序号", "指标"), ("绿色生产", "1", "绿色工厂（家）"), ("", "2", "数字化车间（家）"))


def test_txt_paragraph_broken_by_a_page_is_joined(tmp_path):
    first = "1. 推进能源体系绿色低碳转型。坚持节能优先，严格落实能源消费总量和强度双控制度。不断优化能源结构，推进风电项目建成投用，持续推进燃煤消费替代，加快推进煤炭清洁高"
    lines = ["一、重点任务", first, "", "— 3 —", "", "效利用。有序推动燃煤机组“以气代煤”。", "2. 提升交通基础设施绿色发展水平。推广纯电动车。"]
    doc = document_text(write_txt(tmp_path / "p.txt", lines))
    assert texts(doc) == ["一、重点任务", first + "效利用。有序推动燃煤机组“以气代煤”。", "2. 提升交通基础设施绿色发展水平。推广纯电动车。"]


def test_pasted_text():
    doc = text_document("\ufeff南川府发〔2022〕34号\r\n\r\n一、总体要求\r（一）指导思想。坚持绿色发展。")
    assert doc.kind == "text" and doc.name == "粘贴的文字"
    assert texts(doc) == ["南川府发〔2022〕34号", "一、总体要求", "（一）指导思想。坚持绿色发展。"]
    with pytest.raises(FileRefused, match="没有任何文字"):
        text_document(" \n\u3000\n")


# --- PDF ------------------------------------------------------------------------------------------------

needs_office = pytest.mark.skipif(find_office() is None, reason="LibreOffice (soffice) is not installed")


@needs_office
def test_pdf_from_docx_reads_as_the_docx(tmp_path):
    docx_path = write_docx(tmp_path / "plan.docx", PLAN_LINES)
    pdf = to_pdf(docx_path, tmp_path / "plan.pdf")
    doc = document_text(pdf)
    assert doc.kind == "pdf"
    # Lines wrapped by the page are joined again, and no space is left where the font changes
    # between Chinese and digits ("34 号" in the raw extraction).
    assert texts(doc) == PLAN_LINES


@needs_office
def test_pdf_page_numbers_and_running_heads_are_dropped(tmp_path):
    lines = HEAD + long_body(60) + FOOT
    docx_path = write_docx(tmp_path / "long.docx", lines)
    add_page_furniture(docx_path, "南川区绿色低碳发展2023年工作方案")
    pdf = to_pdf(docx_path, tmp_path / "long.pdf")
    assert len(pypdf.PdfReader(str(pdf)).pages) >= 5
    raw = "".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    assert "— 2 —" in raw and raw.replace(" ", "").count("南川区绿色低碳发展2023年工作方案") >= 5  # the furniture is there
    assert texts(document_text(pdf)) == lines  # and gone, paragraphs joined across pages


def _blank_pdf(path: Path, pages: int = 2) -> Path:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_scanned_pdf_is_refused_clearly(tmp_path):
    with pytest.raises(FileRefused) as exc:
        document_text(_blank_pdf(tmp_path / "扫描件.pdf"))
    message = str(exc.value)
    assert "扫描件.pdf" in message and "没有文字层" in message and "Word版" in message


@needs_office
def test_encrypted_pdf_is_refused(tmp_path):
    pdf = to_pdf(write_docx(tmp_path / "plan.docx", PLAN_LINES), tmp_path / "plan.pdf")
    writer = pypdf.PdfWriter(clone_from=str(pdf))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(FileRefused, match="密码"):
        document_text(locked)


# --- refusals -----------------------------------------------------------------------------------------------


def _refused(path: Path) -> str:
    with pytest.raises(FileRefused) as exc:
        document_text(path)
    message = str(exc.value)
    assert path.name in message
    assert "Traceback" not in message
    return message


def test_damaged_files_are_refused_in_chinese(tmp_path):
    good = write_docx(tmp_path / "good.docx", PLAN_LINES).read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good[: len(good) // 2])
    assert "已损坏" in _refused(truncated)

    broken_xml = tmp_path / "broken.docx"
    with zipfile.ZipFile(tmp_path / "good.docx") as src, zipfile.ZipFile(broken_xml, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    assert "已损坏" in _refused(broken_xml)

    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf")
    assert "PDF" in _refused(pdf)


def test_other_kinds_are_refused_for_what_they_are(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "旧版Word" in _refused(doc)

    xlsx = tmp_path / "renamed.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in _refused(xlsx)

    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert "图片" in _refused(png)

    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert "不是文本文件" in _refused(binary)

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "空的" in _refused(empty)

    assert "找不到文件" in _refused(tmp_path / "missing.docx")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert "文件夹" in _refused(folder)


def test_size_guard(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    assert "太大" in _refused(big)


def test_docx_text_inside_a_content_control_is_read(tmp_path):
    import docx
    from docx.oxml import OxmlElement

    path = write_docx(tmp_path / "sdt.docx", ["一、重点任务", "1. 推进A。内容。"])
    document = docx.Document(path)
    body = document.element.body
    second = body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")[1]
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    second.addprevious(sdt)
    sdt.append(content)
    content.append(second)
    document.save(path)
    assert texts(document_text(path)) == ["一、重点任务", "1. 推进A。内容。"]
