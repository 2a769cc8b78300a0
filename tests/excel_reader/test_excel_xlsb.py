""".xlsb (Excel binary workbooks) are read, with the same guarantees as .xlsx: how far values reach
is measured before calamine allocates its grid, merged ranges and hidden columns are read from the
sheet parts (calamine reports neither for .xlsb), and a package calamine cannot take as it is
(another folder, backslash names, an Excel 4.0 macro sheet) is mended in memory first.

Every .xlsb here is written by hand by ``_build.xlsb_members`` (there is no .xlsb writer for Python);
``test_the_hand_built_xlsb_is_what_calamine_reads`` checks the builder against calamine itself.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentasks.errors import FileRefused
from greentasks.excel import _calamine
from greentasks.excel._extent import Biff12Scanner
from greentasks.excel.reader import read_workbook, read_workbook_data

from ._build import biff12, wide_string, xlsb_members, xlsb_sheet, zip_bytes

REPO = Path(__file__).resolve().parents[2]

RETURN = xlsb_sheet(
    {
        (0, 0): "南川区绿色发展重点任务进展情况表",
        (1, 0): "报送期：2024年第一季度",
        (2, 0): "序号",
        (2, 1): "任务编号",
        (2, 2): "进展情况",
        (2, 3): "分工编号",
        (3, 0): 1,
        (3, 1): "18",
        (3, 2): "已完成光伏项目备案",
        (3, 3): 1001,
        (4, 0): 2,
        (4, 2): 2.5,
    },
    merges=[(0, 0, 0, 2)],
    hidden_cols=[3],
    blanks=[(1048575, 16383)],  # formatting down to XFD1048576 costs nothing
)


def _book(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    path.write_bytes(zip_bytes(members))
    return path


def _refused(path: Path, *words: str) -> str:
    started = time.perf_counter()
    with pytest.raises(FileRefused) as info:
        read_workbook(path)
    assert time.perf_counter() - started < 5
    assert info.value.problem.file == path.name
    for word in words:
        assert word in info.value.problem.message, info.value.problem.message
    return info.value.problem.message


def test_the_hand_built_xlsb_is_what_calamine_reads():
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(zip_bytes(xlsb_members([("进展情况", RETURN)]))))
    sheet = book.get_sheet_by_name("进展情况")
    assert sheet.end == (4, 3)
    assert sheet.to_python()[3] == [1.0, "18", "已完成光伏项目备案", 1001.0]
    assert sheet.merged_cell_ranges is None  # why the reader reads BrtMergeCell itself


def test_xlsb_return_is_read_with_merges_hidden_columns_and_hidden_sheets(tmp_path):
    meta = xlsb_sheet({(0, 0): "version", (0, 1): 1, (1, 0): "department", (1, 1): "区发展改革委"})
    path = _book(tmp_path, "区发展改革委.xlsb", xlsb_members([("进展情况", RETURN), ("_meta", meta)], hidden=("_meta",)))
    wb = read_workbook(path)
    assert wb.kind == "xlsb"
    assert [(s.name, s.hidden) for s in wb.sheets] == [("进展情况", False), ("_meta", True)]
    s = wb.sheet("进展情况")
    assert s.rows[0] == ["南川区绿色发展重点任务进展情况表"] * 3  # the merged title fills its range
    assert s.merged == [(0, 0, 0, 2)]
    assert s.row_merge(0) == (0, 0, 0, 2)
    assert s.rows[3] == [1, "18", "已完成光伏项目备案", 1001]
    assert s.rows[4] == [2, None, 2.5]
    assert s.hidden_cols == frozenset({3})
    assert (s.n_rows, s.n_cols) == (5, 4)
    assert wb.sheet("_meta").rows == [["version", 1], ["department", "区发展改革委"]]


def test_xlsb_value_at_xfd1048576_is_refused_without_crashing(tmp_path):
    """Without the guard calamine asks for 17 billion cells and the process aborts: run it apart."""
    far = xlsb_sheet({(0, 0): "序号", (1048575, 16383): "x"})
    path = _book(tmp_path, "最远.xlsb", xlsb_members([("表1", far)]))
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
    assert "表1" in done.stdout and "内容范围异常大" in done.stdout and "1048576" in done.stdout
    assert "XFD列" in done.stdout


def test_xlsb_column_beyond_any_sheet_is_refused(tmp_path):
    """A cell record's column is a uint32: calamine takes 0xFFFFFFFF as it is."""
    sheet = RETURN.replace(biff12(0x92), biff12(0x05, struct.pack("<IId", 0xFFFFFFFF, 0, 1.0)) + biff12(0x92))
    _refused(_book(tmp_path, "远列.xlsb", xlsb_members([("表1", sheet)])), "表1", "内容范围异常大")


def test_xlsb_in_another_folder_with_backslash_names_is_read(tmp_path):
    """Some writers put the workbook elsewhere than xl/ (``_rels/.rels`` says where) or write
    ``xl\\worksheets\\sheet1.bin``; Excel opens both. calamine's .xlsb reader looks in xl/ only."""
    members = xlsb_members([("进展情况", RETURN)], folder="book")
    wb = read_workbook(_book(tmp_path, "别处.xlsb", members))
    assert wb.sheets[0].rows[3][2] == "已完成光伏项目备案" and wb.sheets[0].merged == [(0, 0, 0, 2)]
    backslash = {name.replace("/", "\\") if name.startswith("xl/") else name: data
                 for name, data in xlsb_members([("进展情况", RETURN)]).items()}
    assert "xl\\worksheets\\sheet1.bin" in backslash
    wb = read_workbook(_book(tmp_path, "反斜杠.xlsb", backslash))
    assert wb.sheets[0].rows[3][2] == "已完成光伏项目备案" and wb.sheets[0].hidden_cols == frozenset({3})


def test_xlsb_with_an_excel4_macro_sheet_reads_its_worksheets(tmp_path):
    macro = xlsb_sheet({(0, 0): "=HALT()"})
    path = _book(tmp_path, "宏.xlsb", xlsb_members([("进展情况", RETURN)], macro_sheet=macro))
    wb = read_workbook(path)
    assert [s.name for s in wb.sheets] == ["进展情况"]
    assert wb.sheets[0].rows[3][1] == "18"


def test_xlsb_whose_sheet_record_is_not_one_is_damaged_not_empty(tmp_path):
    """Excel 2007 beta wrote BrtBundleSh with another layout: calamine panics on its relationship
    id; the file is not one Excel opens today."""
    members = xlsb_members([("进展情况", RETURN)])
    beta = struct.pack("<III", 0, 0, 1) + wide_string("rId1") + wide_string("Sheet1")  # 4 more bytes before the id
    members["xl/workbook.bin"] = biff12(0x83) + biff12(0x8F) + biff12(0x9C, beta) + biff12(0x90) + biff12(0x84)
    _refused(_book(tmp_path, "测试版.xlsb", members), "文件已损坏")


def test_a_panic_inside_calamine_reaches_the_log_not_the_console(tmp_path, capfd, caplog):
    """Given straight to calamine (the guards would refuse it first), a sheet record whose
    relationship is missing makes calamine panic; Rust prints the panic to file descriptor 2."""
    members = xlsb_members([("进展情况", RETURN)])
    members["xl/_rels/workbook.bin.rels"] = members["xl/_rels/workbook.bin.rels"].replace(b'"rId1"', b'"rId9"')
    capfd.readouterr()
    with caplog.at_level("WARNING", logger="greentasks.excel._calamine"), pytest.raises(FileRefused) as info:
        _calamine.read(zip_bytes(members), "坏.xlsb")
    assert "文件已损坏" in info.value.problem.message
    out, err = capfd.readouterr()
    assert err == "" and out == ""
    assert "panicked" in caplog.text


# --- the BIFF12 scanner -------------------------------------------------------------------------------


def _scan(data: bytes, cuts: list[int]) -> Biff12Scanner:
    scanner = Biff12Scanner()
    last = 0
    for cut in sorted(set(cuts)):
        scanner.feed(data[last:cut])
        last = cut
    scanner.feed(data[last:])
    scanner.close()
    return scanner


SCANNED = xlsb_sheet(
    {(0, 0): "长" * 300, (6, 27): 3.5, (2, 1): "x"}, merges=[(0, 0, 1, 2), (4, 4, 4, 9)], hidden_cols=[1, 5],
    blanks=[(1048575, 16383)],
)


def test_biff12_scanner_finds_values_merges_and_hidden_columns():
    s = _scan(SCANNED, [])
    assert s.extent == (7, 28)  # AB7 is the farthest value; the blank at XFD1048576 does not count
    assert s.merges == [(0, 0, 1, 2), (4, 4, 4, 9)]
    assert s.hidden_cols == {1, 5}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(SCANNED)), max_size=12))
def test_biff12_scanner_is_independent_of_chunking(cuts):
    s = _scan(SCANNED, cuts)
    assert (s.extent, s.merges, s.hidden_cols) == ((7, 28), [(0, 0, 1, 2), (4, 4, 4, 9)], {1, 5})


def test_biff12_scanner_skips_a_huge_record_without_buffering_it():
    big = biff12(0x06, struct.pack("<II", 2, 0) + struct.pack("<I", 3_000_000) + b"a\0" * 3_000_000)
    data = biff12(0x00, struct.pack("<I", 9) + b"\0" * 13) + big + biff12(0x00, struct.pack("<I", 10) + b"\0" * 13)
    scanner = Biff12Scanner()
    for i in range(0, len(data), 65536):
        scanner.feed(data[i : i + 65536])
        assert len(scanner._carry) < 64
    scanner.close()
    assert scanner.extent == (10, 3)


def test_xlsb_read_from_memory():
    data = zip_bytes(xlsb_members([("进展情况", RETURN)]))
    wb = read_workbook_data(data, "报送.zip/区发展改革委.xlsb")
    assert wb.kind == "xlsb" and wb.path == Path("报送.zip/区发展改革委.xlsb")
    assert wb.sheets[0].rows[3][2] == "已完成光伏项目备案"
