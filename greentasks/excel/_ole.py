"""OLE compound files (CFB): what is inside, and the few BIFF records read without a library.

An OLE file may be an old Excel workbook (a ``Workbook``/``Book`` stream), a password-protected
OOXML file (``EncryptionInfo`` + ``EncryptedPackage`` streams: Office wraps an encrypted .xlsx in
CFB), an old Word document (``WordDocument``), a PowerPoint file, or something else.

For a workbook the BIFF record stream is walked here: the globals substream says whether the file
is encrypted (a ``FILEPASS`` record), which code page its texts use (``CODEPAGE``) and what kind
each sheet is (``BOUNDSHEET``); in each sheet substream the ``COLINFO`` records say which columns
are hidden (calamine does not report that), and the cell records say how far the values reach —
measured before calamine builds its dense grid (see ``_extent``).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

from . import _messages as msg

_BOF_TYPES = {0x0809, 0x0409, 0x0209, 0x0009}
_EOF = 0x000A
_FILEPASS = 0x002F
_BOUNDSHEET = 0x0085
_CODEPAGE = 0x0042
_WORKSHEET = 0x00  # BOUNDSHEET dt: 0 worksheet (or dialog), 1 macro sheet, 2 chart, 6 VB module
_COLINFO = 0x007D
# value records with (row, col) first: NUMBER, RK, LABELSST, LABEL, FORMULA, BOOLERR, RSTRING
_CELL_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x00D6}
_MULRK = 0x00BD


@dataclass
class OleContent:
    kind: str  # "xls" | "encrypted" | "word" | "powerpoint" | "other"
    workbook_stream: bytes = b""


@dataclass
class BiffInfo:
    encrypted: bool = False
    hidden_cols: dict[str, set[int]] = field(default_factory=dict)
    extents: dict[str, tuple[int, int]] = field(default_factory=dict)  # (rows, cols) of values from A1
    codepage: int | None = None
    sheet_kinds: list[int] = field(default_factory=list)  # BOUNDSHEET dt of every sheet, in order

    @property
    def only_charts(self) -> bool:
        """Sheets listed, none a worksheet: a chart object (Microsoft Graph) or a macro-only book."""
        return bool(self.sheet_kinds) and _WORKSHEET not in self.sheet_kinds


def inspect(data: bytes, file_name: str) -> OleContent:
    import olefile  # imported when first used

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OleFileError, OSError, struct.error, IndexError …
        raise msg.refuse(file_name, msg.damaged_xls()) from exc
    try:
        streams = {
            "/".join(entry).lower(): "/".join(entry) for entry in ole.listdir(streams=True, storages=False)
        }
        if "encryptedpackage" in streams or "encryptioninfo" in streams:
            return OleContent("encrypted")
        for name in ("workbook", "book"):
            if name in streams:
                try:
                    stream = ole.openstream(streams[name]).read()
                except Exception as exc:
                    raise msg.refuse(file_name, msg.damaged_xls()) from exc
                return OleContent("xls", stream)
        if "worddocument" in streams:
            return OleContent("word")
        if "powerpoint document" in streams:
            return OleContent("powerpoint")
        return OleContent("other")
    finally:
        ole.close()


def walk_biff(stream: bytes) -> BiffInfo:
    """Read FILEPASS and COLINFO records; tolerant: a malformed stream yields what was found."""
    info = BiffInfo()
    n = len(stream)
    if n < 8:
        return info
    rtype, length = struct.unpack_from("<HH", stream, 0)
    if rtype not in _BOF_TYPES or length < 2:
        return info
    biff8 = struct.unpack_from("<H", stream, 4)[0] == 0x0600
    sheets: list[tuple[str, int]] = []
    pos = 0
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        if rtype == _FILEPASS:
            info.encrypted = True
            return info
        if rtype == _BOUNDSHEET and len(body) >= 6:
            info.sheet_kinds.append(body[5])
            if len(body) >= 8:
                offset = struct.unpack_from("<I", body, 0)[0]
                sheets.append((_sheet_name(body, biff8), offset))
        if rtype == _CODEPAGE and len(body) >= 2:
            info.codepage = struct.unpack_from("<H", body, 0)[0]
        if rtype == _EOF:
            break
        pos += 4 + length
    for name, offset in sheets:
        hidden, extent = _sheet_substream(stream, offset)
        if hidden:
            info.hidden_cols[name] = hidden
        info.extents[name] = extent
    return info


def _sheet_name(body: bytes, biff8: bool) -> str:
    cch = body[6]
    if biff8:
        if body[7] & 0x01:
            return body[8 : 8 + 2 * cch].decode("utf-16-le", "replace")
        return body[8 : 8 + cch].decode("latin-1")
    return body[7 : 7 + cch].decode("gbk", "replace")


def _sheet_substream(stream: bytes, offset: int) -> tuple[set[int], tuple[int, int]]:
    n = len(stream)
    hidden: set[int] = set()
    max_row = max_col = -1
    if offset + 4 > n or struct.unpack_from("<H", stream, offset)[0] not in _BOF_TYPES:
        return hidden, (0, 0)
    pos = offset
    depth = 0  # an embedded chart is a BOF…EOF substream inside the sheet's
    unpack = struct.unpack_from
    while pos + 4 <= n:
        rtype, length = unpack("<HH", stream, pos)
        if rtype in _BOF_TYPES:
            depth += 1
        elif rtype == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif rtype in _CELL_RECORDS and length >= 4:
            row, col = unpack("<HH", stream, pos + 4)
            if row > max_row:
                max_row = row
            if col > max_col:
                max_col = col
        elif rtype == _MULRK and length >= 6:
            row = unpack("<H", stream, pos + 4)[0]
            last = unpack("<H", stream, pos + 4 + length - 2)[0]
            max_row = max(max_row, row)
            max_col = max(max_col, last)
        elif rtype == _COLINFO and length >= 10:
            first, last, _width, _xf, options = unpack("<HHHHH", stream, pos + 4)
            if options & 0x0001:
                hidden.update(range(first, min(last, 255) + 1))
        pos += 4 + length
    return hidden, (max_row + 1, max_col + 1)


# Code pages of Excel 2.x–4.0 that later writers (Quattro Pro) still put in a BIFF5 file and that
# calamine does not know; Excel reads them as their Windows/Mac equivalents.
_OLD_CODEPAGES = {0x8001: 1252, 0x8000: 10000}


def with_known_codepage(data: bytes, codepage: int | None) -> bytes:
    """The file with an old ``CODEPAGE`` value (32769 = "Windows 1252, BIFF2–3") replaced by its
    modern number, where the record can be found unambiguously in the file's bytes."""
    modern = _OLD_CODEPAGES.get(codepage or 0)
    if modern is None:
        return data
    record = struct.pack("<HHH", _CODEPAGE, 2, codepage)
    if data.count(record) != 1:
        return data
    return data.replace(record, struct.pack("<HHH", _CODEPAGE, 2, modern))
