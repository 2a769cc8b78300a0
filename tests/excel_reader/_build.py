"""Builders for the files the reader tests read: real workbooks, hostile and misnamed files.

Everything is generated in the test's tmp_path; nothing binary is committed. ``write_cfb`` writes a
minimal OLE compound file (CFB version 3, 512-byte sectors, every stream padded to at least 4096
bytes so no mini stream is needed) — enough for an encrypted-OOXML wrapper (``EncryptionInfo`` +
``EncryptedPackage``), an old Word document (``WordDocument``) or a workbook stream.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
from pathlib import Path

SECTOR = 512
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def write_cfb(path: Path, streams: dict[str, bytes]) -> Path:
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n].ljust(4096, b"\0") for n in names]
    n_entries = len(names) + 1
    dir_sectors = -(-n_entries * 128 // SECTOR)
    data_sectors = [-(-len(d) // SECTOR) for d in datas]
    total_needed = dir_sectors + sum(data_sectors)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + total_needed:
        fat_sectors += 1
    assert fat_sectors <= 109
    fat = [FREESECT] * (fat_sectors * SECTOR // 4)
    for i in range(fat_sectors):
        fat[i] = FATSECT
    nxt = fat_sectors

    def chain(count: int) -> int:
        nonlocal nxt
        start = nxt
        for k in range(count):
            fat[nxt + k] = nxt + k + 1 if k < count - 1 else ENDOFCHAIN
        nxt += count
        return start

    dir_start = chain(dir_sectors)
    starts = [chain(c) for c in data_sectors]

    def entry(
        name: str, kind: int, start: int, size: int, right: int = NOSTREAM, child: int = NOSTREAM
    ) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        e = raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
        e += struct.pack("<III", NOSTREAM, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        e += struct.pack("<IQ", start, size)
        assert len(e) == 128
        return e

    entries = [entry("Root Entry", 5, ENDOFCHAIN, 0, child=1 if names else NOSTREAM)]
    for i, (name, data) in enumerate(zip(names, datas, strict=True), start=1):
        right = i + 1 if i < len(names) else NOSTREAM
        entries.append(entry(name, 2, starts[i - 1], len(data), right=right))
    directory = b"".join(entries)
    while len(directory) < dir_sectors * SECTOR:
        directory += (
            b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
        )
        directory += b"\0" * 36 + struct.pack("<IQ", 0, 0)

    difat = list(range(fat_sectors)) + [FREESECT] * (109 - fat_sectors)
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    header += struct.pack("<109I", *difat)
    assert len(header) == SECTOR
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    for d in datas:
        body += d.ljust(-(-len(d) // SECTOR) * SECTOR, b"\0")
    path.write_bytes(header + body)
    return path


def encrypted_ooxml(path: Path) -> Path:
    """What Excel/WPS save for a .xlsx with an open password: a CFB wrapping EncryptedPackage."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b'<?xml version="1.0"?><encryption/>'
    package = struct.pack("<Q", 5000) + bytes(range(256)) * 20
    return write_cfb(path, {"EncryptionInfo": info, "EncryptedPackage": package})


def word_doc(path: Path) -> Path:
    fib = struct.pack("<HH", 0xA5EC, 0x00C1) + b"\0" * 1020
    return write_cfb(path, {"WordDocument": fib, "1Table": b"\0" * 4096})


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>进展情况</w:t></w:r></w:p></w:body></w:document>",
        )
    return path


# --- real workbooks --------------------------------------------------------------------------------


def return_xlsx(path: Path, rows: int = 15) -> Path:
    """The office's return template shape: merged title, hidden column L, hidden sheet _meta."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展情况"
    ws.merge_cells("A1:K1")
    ws["A1"] = "南川区绿色发展重点任务进展情况表"
    ws["A2"] = "报送期：2023Q1"
    ws["F2"] = "填报单位：区发展改革委"
    ws.append(
        [
            "序号",
            "任务编号",
            "重点任务",
            "具体工作",
            "责任类型",
            "完成时限",
            "完成状态",
            "进展情况",
            "存在问题",
            "下步计划",
            "备注",
            "分工编号",
        ]
    )
    for i in range(rows):
        ws.append(
            [
                i + 1,
                str(18 + i // 3),
                "推进绿色发展",
                f"具体工作{i + 1}",
                "牵头",
                dt.date(2023, 12, 31),
                "推进中",
                f"进展{i + 1}\r\n第二行",
                None,
                "下步",
                None,
                1000 + i,
            ]
        )
    ws.column_dimensions["L"].hidden = True
    meta = wb.create_sheet("_meta")
    meta.sheet_state = "hidden"
    meta.append(["version", 1])
    meta.append(["department", "区发展改革委"])
    wb.save(path)
    return path


def rewrite_zip(src: Path, dst: Path, edit: dict[str, object]) -> Path:
    """Copy a zip, replacing members: value is bytes, or a function bytes -> bytes."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            change = edit.get(info.filename)
            if callable(change):
                data = change(data)
            elif change is not None:
                data = change
            zout.writestr(info.filename, data)
    return dst


def sub_bytes(pattern: bytes, repl: bytes):
    return lambda data: re.sub(pattern, repl, data, count=1)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# --- .xlsb (BIFF12), written by hand: Python has no .xlsb writer -----------------------------------


def biff12(rtype: int, body: bytes = b"") -> bytes:
    """One BIFF12 record: the type and the size as 7-bit varints (MS-XLSB 2.1.4), then the body."""
    head = bytes([rtype]) if rtype < 0x80 else bytes([(rtype & 0x7F) | 0x80, rtype >> 7])
    size = len(body)
    while True:
        byte = size & 0x7F
        size >>= 7
        head += bytes([byte | (0x80 if size else 0)])
        if not size:
            return head + body


def wide_string(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_sheet(
    cells: dict[tuple[int, int], object],
    merges: list[tuple[int, int, int, int]] = (),
    hidden_cols: list[int] = (),
    blanks: list[tuple[int, int]] = (),
) -> bytes:
    """A worksheet part: ``cells`` (0-based (row, col) -> str or number), ``merges`` as
    (first_row, first_col, last_row, last_col), formatted empty cells (BrtCellBlank) at ``blanks``."""
    out = biff12(0x81)  # BrtBeginSheet
    out += biff12(0x94, struct.pack("<IIII", 0, 0, 0, 0))  # BrtWsDim (calamine ignores its values)
    if hidden_cols:
        out += biff12(0x186)  # BrtBeginColInfos
        for col in hidden_cols:
            out += biff12(0x3C, struct.pack("<IIIIH", col, col, 2560, 0, 0x0001))  # BrtColInfo, fHidden
        out += biff12(0x187)
    out += biff12(0x91)  # BrtBeginSheetData
    by_row: dict[int, list[tuple[int, object]]] = {}
    for (r, c), v in cells.items():
        by_row.setdefault(r, []).append((c, v))
    for r, c in blanks:
        by_row.setdefault(r, []).append((c, None))
    for r in sorted(by_row):
        out += biff12(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0))  # BrtRowHdr
        for c, v in sorted(by_row[r], key=lambda cv: cv[0]):
            if v is None:
                out += biff12(0x01, struct.pack("<II", c, 0))  # BrtCellBlank
            elif isinstance(v, str):
                out += biff12(0x06, struct.pack("<II", c, 0) + wide_string(v))  # BrtCellSt
            else:
                out += biff12(0x05, struct.pack("<IId", c, 0, float(v)))  # BrtCellReal
    out += biff12(0x92)  # BrtEndSheetData
    if merges:
        out += biff12(0xB1, struct.pack("<I", len(merges)))  # BrtBeginMergeCells
        for r1, c1, r2, c2 in merges:
            out += biff12(0xB0, struct.pack("<IIII", r1, r2, c1, c2))  # BrtMergeCell: rwFirst, rwLast, colFirst, colLast
        out += biff12(0xB2)
    return out + biff12(0x82)  # BrtEndSheet


def xlsb_members(
    sheets: list[tuple[str, bytes]],
    hidden: tuple[str, ...] = (),
    macro_sheet: bytes | None = None,
    folder: str = "xl",
) -> dict[str, bytes]:
    """The parts of an .xlsb package: ``sheets`` are (name, sheet part); ``macro_sheet`` adds an
    Excel 4.0 macro sheet named "Macro1" (xl/macrosheets/sheet1.bin) after them."""
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    book = biff12(0x83) + biff12(0x8F)  # BrtBeginBook, BrtBeginBundleShs
    members: dict[str, bytes] = {}
    ws = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    entries = [(name, part, f"worksheets/sheet{i}.bin", ws) for i, (name, part) in enumerate(sheets, start=1)]
    if macro_sheet is not None:
        entries.append(("Macro1", macro_sheet, "macrosheets/sheet1.bin",
                        "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"))
    for i, (name, part, target, kind) in enumerate(entries, start=1):
        state = 1 if name in hidden else 0
        book += biff12(0x9C, struct.pack("<II", state, i) + wide_string(f"rId{i}") + wide_string(name))  # BrtBundleSh
        rels.append(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>')
        members[f"{folder}/{target}"] = part
    book += biff12(0x90) + biff12(0x84)  # BrtEndBundleShs, BrtEndBook
    rels.append("</Relationships>")
    members[f"{folder}/workbook.bin"] = book
    members[f"{folder}/_rels/workbook.bin.rels"] = "".join(rels).encode()
    members["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'officeDocument" Target="{folder}/workbook.bin"/></Relationships>'
    ).encode()
    members["[Content_Types].xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b"</Types>"
    )
    return members
