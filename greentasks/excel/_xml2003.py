"""Excel "XML Spreadsheet 2003" (``<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">``).

WPS and old Excel save it under a ``.xls`` name. Parsed with defusedxml (a DTD or entity declaration
is refused before parsing; defusedxml would refuse it too). ``Row``/``Cell`` with ``ss:Index``
(1-based, skipping positions), ``ss:MergeAcross``/``ss:MergeDown`` as merged ranges, ``Data`` typed
by ``ss:Type`` (``Number``, ``DateTime``, ``Boolean``, ``String``; ``Error`` reads as empty), the
cached ``Data`` of a cell with ``ss:Formula`` (never evaluated), and a sheet's
``<x:Visible>SheetHidden</x:Visible>`` as hidden.

Excel writes a text's control characters as they are (``&#7;``, or the raw byte), which XML 1.0
forbids and the XML parser refuses; Excel itself opens such files. So a file the parser refuses
is parsed once more with those characters left out (they show as nothing in a cell anyway).
"""

from __future__ import annotations

import re
from datetime import datetime

from . import _grid
from . import _messages as msg

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
X = "{urn:schemas-microsoft-com:office:excel}"
_UNSAFE = re.compile(rb"<!\s*(?:doctype|entity)", re.I)
# characters XML 1.0 forbids (all C0 controls but tab, line feed and carriage return), raw or as references
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_REF = re.compile(rb"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]));")
_MAX_INDEX = 1 << 20


def read_xml2003(data: bytes, file_name: str) -> list[_grid.RawSheet]:
    if _UNSAFE.search(data) or (b"\x00" in data and _UNSAFE.search(data.replace(b"\x00", b""))):
        raise msg.refuse(file_name, msg.unsafe_xml())
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise msg.refuse(file_name, msg.unsafe_xml()) from exc
    except ParseError as exc:
        cleaned = _without_controls(data)
        if cleaned == data:
            raise msg.refuse(file_name, msg.damaged("XML电子表格内容不完整")) from exc
        try:
            root = fromstring(cleaned, forbid_dtd=True)
        except (DefusedXmlException, ParseError):
            raise msg.refuse(file_name, msg.damaged("XML电子表格内容不完整")) from exc
    sheets: list[_grid.RawSheet] = []
    for n, ws in enumerate(root.iter(f"{SS}Worksheet"), start=1):
        name = ws.get(f"{SS}Name") or f"Sheet{n}"
        visible = ws.find(f"{X}WorksheetOptions/{X}Visible")
        hidden = visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
        cells: dict[tuple[int, int], object] = {}
        merges: list[_grid.Merge] = []
        table = ws.find(f"{SS}Table")
        if table is not None:
            r = -1
            for row in table.iter(f"{SS}Row"):
                r = _index(row, r)
                c = -1
                for cell in row.iter(f"{SS}Cell"):
                    c = _index(cell, c)
                    across = _count(cell.get(f"{SS}MergeAcross"))
                    down = _count(cell.get(f"{SS}MergeDown"))
                    data_el = cell.find(f"{SS}Data")
                    if data_el is not None:
                        value = _value(data_el)
                        if value is not None:
                            cells[(r, c)] = value
                    if across or down:
                        merges.append((r, c, r + down, c + across))
                    c += across
                r += _count(row.get(f"{SS}Span"))
        sheets.append(_grid.from_sparse(name, hidden, cells, merges, file_name))
    return sheets


def _without_controls(data: bytes) -> bytes:
    """The text without the control characters XML 1.0 forbids (an 8-bit encoding only: in UTF-16
    a zero byte is half of every ASCII character)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:2] in (b"<\x00", b"\x00<"):
        return data
    return _CONTROL_REF.sub(b"", _RAW_CONTROL.sub(b"", data))


def _index(el, previous: int) -> int:
    raw = el.get(f"{SS}Index")
    if raw:
        try:
            return min(max(int(raw) - 1, previous + 1), _MAX_INDEX)
        except ValueError:
            pass
    return previous + 1


def _count(raw: str | None) -> int:
    try:
        return min(max(int(raw), 0), _MAX_INDEX) if raw else 0
    except ValueError:
        return 0


def _value(el) -> object:
    kind = el.get(f"{SS}Type") or "String"
    text = "".join(el.itertext())
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() in ("1", "true", "TRUE")
    if kind == "Error":
        return None
    return text
