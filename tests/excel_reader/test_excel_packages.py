"""Workbooks Excel opens are read whatever their package looks like inside; real damage is still
refused. Found by running the reader over other spreadsheet libraries' test files: each shape here
was called "文件已损坏" (or a zip bomb) before, though Excel opens it."""

from __future__ import annotations

import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from greentasks.errors import FileRefused
from greentasks.excel import _zipguard
from greentasks.excel.reader import read_workbook

from ._build import return_xlsx, zip_bytes

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {NS}><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>进展情况</t></is></c><c r="B1"><v>18</v></c></row>'
    "</sheetData></worksheet>"
).encode()


def _refused(path: Path, *words: str) -> str:
    started = time.perf_counter()
    with pytest.raises(FileRefused) as info:
        read_workbook(path)
    assert time.perf_counter() - started < 5
    for word in words:
        assert word in info.value.problem.message, info.value.problem.message
    return info.value.problem.message


def _minimal(folder: str = "xl", sheets: str = '<sheet name="表1" sheetId="1" r:id="rId1"/>',
             rels: str = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'):
    """The fewest parts a workbook has: package relationships, workbook, its relationships, a sheet.
    No [Content_Types] overrides, docProps, styles or shared strings. ``folder=""``: at the root."""
    members = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            f'Target="{folder + "/" if folder else ""}workbook.xml"/></Relationships>'
        ).encode(),
        f"{folder}/workbook.xml": f"<workbook {NS} {NS_R}><sheets>{sheets}</sheets></workbook>".encode(),
        f"{folder}/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">{rels}</Relationships>'.encode(),
        f"{folder}/worksheets/sheet1.xml": SHEET,
    }
    return {name.lstrip("/"): data for name, data in members.items()}


def _write(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    path.write_bytes(zip_bytes(members))
    return path


def test_minimal_package_without_optional_parts(tmp_path):
    for folder in ("xl", ""):  # the workbook part may sit at the root of the package
        wb = read_workbook(_write(tmp_path, f"最简{folder}.xlsx", _minimal(folder)))
        assert wb.kind == "xlsx" and wb.sheets[0].rows == [["进展情况", 18]]


def test_workbook_in_another_folder_or_at_the_root(tmp_path):
    """``_rels/.rels`` names the workbook part; it need not be in xl/ (Excel follows it)."""
    for folder in ("book", "wb/inner"):
        wb = read_workbook(_write(tmp_path, f"{folder.replace('/', '_')}.xlsx", _minimal(folder)))
        assert wb.sheets[0].rows == [["进展情况", 18]]


def test_backslash_member_names(tmp_path):
    """Some writers store ``xl\\worksheets\\sheet1.xml``; Excel opens such files."""
    src = return_xlsx(tmp_path / "src.xlsx")
    with zipfile.ZipFile(src) as z:
        members = {info.filename.replace("/", "\\"): z.read(info) for info in z.infolist()}
    members["[Content_Types].xml"] = members.pop("[Content_Types].xml")
    assert "xl\\worksheets\\sheet1.xml" in members
    wb = read_workbook(_write(tmp_path, "反斜杠.xlsx", members))
    s = wb.sheet("进展情况")
    assert s.rows[0] == ["南川区绿色发展重点任务进展情况表"] * 11 and s.hidden_cols == frozenset({11})
    assert wb.sheet("_meta").hidden


def test_backslash_names_are_still_measured(tmp_path):
    """The guard sees the sheet under its backslash name too: a far value is still refused."""
    far = SHEET.replace(b"</row>", b'</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    members = _minimal()
    members["xl\\worksheets\\sheet1.xml"] = far
    del members["xl/worksheets/sheet1.xml"]
    _refused(_write(tmp_path, "远.xlsx", members), "内容范围异常大", "XFD列")


def test_xlsm_with_an_excel4_macro_sheet_reads_its_worksheets(tmp_path):
    members = _minimal(
        sheets='<sheet name="表1" sheetId="1" r:id="rId1"/><sheet name="Macro1" sheetId="2" r:id="rId2"/>',
        rels=f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" '
        'Target="macrosheets/sheet1.xml"/>',
    )
    members["xl/macrosheets/sheet1.xml"] = (
        f'<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" {NS}><sheetData>'
        '<row r="1"><c r="A1"><f>HALT()</f></c></row></sheetData></xm:macrosheet>'
    ).encode()
    wb = read_workbook(_write(tmp_path, "宏.xlsm", members))
    assert [s.name for s in wb.sheets] == ["表1"] and wb.sheets[0].rows == [["进展情况", 18]]


def test_a_sheet_without_its_relationship_is_left_out(tmp_path):
    members = _minimal(sheets='<sheet name="表1" sheetId="1" r:id="rId1"/><sheet name="Module" sheetId="2" r:id=""/>')
    wb = read_workbook(_write(tmp_path, "模块.xlsx", members))
    assert [s.name for s in wb.sheets] == ["表1"]


def test_two_parts_of_one_name_are_refused(tmp_path):
    """``sheet1.xml`` and ``Sheet1.xml`` are one part name to Office: which would be read?"""
    members = _minimal()
    members["xl/worksheets/Sheet1.xml"] = SHEET.replace("进展情况".encode(), "另一份".encode())
    _refused(_write(tmp_path, "同名.xlsx", members), "文件已损坏", "同名")


def test_really_damaged_package_relationships_stay_damaged(tmp_path):
    members = _minimal()
    members["_rels/.rels"] = b"CORRUPTED"
    del members["xl/_rels/workbook.xml.rels"]
    _refused(_write(tmp_path, "坏.xlsx", members), "文件已损坏")


# --- zip bombs: the absolute size decides -------------------------------------------------------------


def test_a_large_part_of_long_repeated_strings_is_not_a_bomb(tmp_path):
    """A real workbook of a long text repeated in many cells compresses 120–140:1; only the
    absolute size makes a bomb (a 14 MB sheet part is not one)."""
    rng = random.Random(15)
    words = ["推进绿色发展", "光伏项目", "已完成备案", "按计划推进", "存在问题"]
    text = "".join(rng.choice(words) for _ in range(2000))
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{text}</t></is></c><c r="B{r}"><v>{r}</v></c></row>'
        for r in range(1, 501)
    )
    members = _minimal()
    members["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    path = tmp_path / "长文本.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in members.items():
            z.writestr(name, data)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 10 * 1024 * 1024 and info.file_size > 100 * info.compress_size  # refused before
    sheet = read_workbook(path).sheets[0]
    assert sheet.n_rows == 500 and sheet.rows[499] == [text, 500]


def test_a_member_unpacking_to_tens_of_megabytes_at_a_bombs_ratio_is_refused(tmp_path):
    path = tmp_path / "炸弹.xlsx"
    members = _minimal()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        z.writestr("xl/media/image1.png", b"\0" * (40 * 1024 * 1024))
    _refused(path, "压缩比异常", "xl/media/image1.png")
    assert _zipguard.RATIO_MIN_BYTES < 40 * 1024 * 1024


def test_openpyxl_minimal_workbook_still_reads(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    wb.save(tmp_path / "p.xlsx")
    assert read_workbook(tmp_path / "p.xlsx").sheets[0].rows == [["x"]]
