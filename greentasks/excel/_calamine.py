"""Reading .xlsx/.xlsm, .xls and .ods with python-calamine (see reader.py for why calamine).

calamine returns cached values only (it has no formula engine), date-formatted numbers as
``date``/``datetime``, merged ranges for xlsx and xls, and each sheet's visibility. What it does not
report is filled in here: hidden columns (xlsx: the ``<cols>`` element, read from the part the zip
guard already inflated; xls: ``COLINFO`` records, see ``_ole``) and merged ranges of .ods files
(``table:number-columns-spanned``/``number-rows-spanned`` in ``content.xml``).

Style-only cells (a fill on A1048576, whole formatted columns) are not cells to calamine, and a
wrong ``<dimension ref="A1:Z1048576"/>`` is ignored by it, so such sheets cost what their data costs.
"""

from __future__ import annotations

import io
import posixpath
import re

from . import _grid
from . import _messages as msg

XLSX_PARTS = frozenset({"xl/workbook.xml", "xl/_rels/workbook.xml.rels"})
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ATTR = re.compile(rb"""\b(min|max|hidden)\s*=\s*["']([^"']*)["']""")
_SHEETDATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_NS_MAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def read(
    data: bytes,
    file_name: str,
    hidden_cols: dict[str, set[int]] | None = None,
    ods_merges: dict[str, list[_grid.Merge]] | None = None,
    damaged: str | None = None,
) -> list[_grid.RawSheet]:
    """All worksheets; ``damaged`` is the message for a file calamine cannot parse."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError as exc:
        raise msg.refuse(file_name, msg.encrypted()) from exc
    except CalamineError as exc:
        raise msg.refuse(file_name, damaged or msg.damaged()) from exc
    try:
        return _sheets(book, file_name, hidden_cols or {}, ods_merges)
    except PasswordError as exc:
        raise msg.refuse(file_name, msg.encrypted()) from exc
    except CalamineError as exc:
        raise msg.refuse(file_name, damaged or msg.damaged()) from exc
    finally:
        book.close()


def _sheets(
    book, file_name: str, hidden_cols: dict[str, set[int]], ods_merges: dict[str, list[_grid.Merge]] | None
) -> list[_grid.RawSheet]:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    sheets: list[_grid.RawSheet] = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue  # chart sheets, dialog and macro sheets hold no table
        sheet = book.get_sheet_by_name(meta.name)
        hidden = meta.visible != SheetVisibleEnum.Visible
        end = sheet.end
        if end is None:
            rows: list[list[object]] = []
        else:
            _grid.check_extent(meta.name, end[0] + 1, end[1] + 1, file_name)
            rows = sheet.to_python(skip_empty_area=False)
        merges: list[_grid.Merge]
        ranges = sheet.merged_cell_ranges
        if ranges:
            merges = [(a[0], a[1], b[0], b[1]) for a, b in ranges]
        elif ods_merges is not None:
            merges = ods_merges.get(meta.name, [])
        else:
            merges = []
        sheets.append(_grid.from_dense(meta.name, hidden, rows, merges, hidden_cols.get(meta.name, ())))
    return sheets


# --- xlsx: hidden columns ----------------------------------------------------------------------------


def xlsx_sheet_parts(kept: dict[str, bytes]) -> dict[str, str]:
    """Sheet name -> lower-case part name, from the workbook part and its relationships."""
    from defusedxml import ElementTree

    try:
        workbook = ElementTree.fromstring(kept["xl/workbook.xml"])
    except Exception:  # absent or odd: calamine will say whether the file is readable at all
        return {}
    targets = _relationship_targets(kept)
    parts: dict[str, str] = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet"):
            part = targets.get(sheet.get(f"{{{_NS_MAIN_REL}}}id"))
            name = sheet.get("name")
            if part and name is not None:
                parts[name] = part
    return parts


def _relationship_targets(kept: dict[str, bytes]) -> dict[str, str]:
    """Relationship id -> lower-case part name, from ``xl/_rels/workbook.xml.rels``."""
    from defusedxml import ElementTree

    try:
        rels = ElementTree.fromstring(kept["xl/_rels/workbook.xml.rels"])
    except Exception:
        return {}
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{{{_NS_PKG_REL}}}Relationship"):
        target = (rel.get("Target") or "").replace("\\", "/")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id") or ""] = path.lower()
    return targets


def xlsx_hidden_cols(kept: dict[str, bytes], parts: dict[str, str]) -> dict[str, set[int]]:
    """Sheet name -> hidden 0-based columns, from the ``<cols>`` element before ``<sheetData>``."""
    out: dict[str, set[int]] = {}
    for name, part in parts.items():
        prefix = kept.get(part)
        if not prefix:
            continue
        m = _SHEETDATA.search(prefix)
        hidden: set[int] = set()
        for col in _COL.finditer(prefix[: m.start()] if m else prefix):
            attrs = dict(_ATTR.findall(col.group(1)))
            if attrs.get(b"hidden") in (b"1", b"true"):
                try:
                    first, last = int(attrs[b"min"]), int(attrs[b"max"])
                except (KeyError, ValueError):
                    continue
                hidden.update(range(max(first, 1) - 1, min(last, 16384)))
        if hidden:
            out[name] = hidden
    return out


def check_parts(view, parts: dict[str, str], file_name: str) -> None:
    """Refuse before calamine builds a grid too large (see ``_extent``), or parses an unsafe part.

    ``view`` is the zip guard's ``ZipView``; an SVG picture with a DOCTYPE is harmless unless the
    workbook's relationships name it as a part to parse (then it is a disguised sheet).
    """
    names = {part: name for name, part in parts.items()}
    for part, (rows, cols) in view.extents.items():
        _grid.check_extent(names.get(part, part), rows, cols, file_name)
    if view.unsafe_media & _workbook_targets(view.kept):
        raise msg.refuse(file_name, msg.unsafe_xml())


def _workbook_targets(kept: dict[str, bytes]) -> set[str]:
    return set(_relationship_targets(kept).values()) | {"xl/workbook.xml"}


# --- ods: merged ranges ------------------------------------------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MAX_REPEAT = 1 << 20


def ods_layout(content_xml: bytes) -> tuple[dict[str, list[_grid.Merge]], dict[str, tuple[int, int]]]:
    """Merged ranges, and how far values reach (rows, cols from A1), per table of ``content.xml``.

    Repeated rows and cells (``number-rows-repeated="1048000"`` is how formatting is written) are
    only counted, never expanded.
    """
    from defusedxml.ElementTree import iterparse

    merges: dict[str, list[_grid.Merge]] = {}
    extents: dict[str, tuple[int, int]] = {}
    name = ""
    row = col = 0
    row_repeat = 1
    max_row = max_col = -1
    depth = 0
    cell_tags = (f"{_T}table-cell", f"{_T}covered-table-cell")
    for event, el in iterparse(io.BytesIO(content_xml), events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == f"{_T}table":
                depth += 1
                if depth == 1:
                    name = el.get(f"{_T}name") or ""
                    merges.setdefault(name, [])
                    row, max_row, max_col = 0, -1, -1
            elif depth == 1 and tag == f"{_T}table-row":
                col = 0
                row_repeat = min(_int(el.get(f"{_T}number-rows-repeated")), _MAX_REPEAT)
            elif depth == 1 and tag == f"{_T}table-cell":
                across = _int(el.get(f"{_T}number-columns-spanned"))
                down = _int(el.get(f"{_T}number-rows-spanned"))
                if across > 1 or down > 1:
                    merges[name].append((row, col, row + down - 1, col + across - 1))
            continue
        if tag == f"{_T}table":
            if depth == 1:
                extents[name] = (max_row + 1, max_col + 1)
            depth -= 1
        elif depth == 1 and tag == f"{_T}table-row":
            row += row_repeat
            el.clear()
        elif depth == 1 and tag in cell_tags:
            repeat = min(_int(el.get(f"{_T}number-columns-repeated")), _MAX_REPEAT)
            if el.get(f"{_OFFICE}value-type") is not None or len(el):
                max_row = max(max_row, row + row_repeat - 1)
                max_col = max(max_col, col + repeat - 1)
            col += repeat
    return merges, extents


def _int(value: str | None) -> int:
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1
