"""Reading .xlsx/.xlsm, .xlsb, .xls and .ods with python-calamine (see reader.py for why calamine).

calamine returns cached values only (it has no formula engine), date-formatted numbers as
``date``/``datetime``, merged ranges for xlsx and xls, and each sheet's visibility. What it does not
report is filled in here: hidden columns (xlsx: the ``<cols>`` element, read from the part the zip
guard already inflated; xlsb: ``BrtColInfo`` records; xls: ``COLINFO`` records, see ``_ole``),
merged ranges of .xlsb files (``BrtMergeCell``) and of .ods files
(``table:number-columns-spanned``/``number-rows-spanned`` in ``content.xml``), and formulas saved
without a value.

Style-only cells (a fill on A1048576, whole formatted columns) are not cells to calamine, and a
wrong ``<dimension ref="A1:Z1048576"/>`` is ignored by it, so such sheets cost what their data costs.

Packages calamine cannot take as they are, though Excel opens them, are mended in memory first
(:func:`greentasks.excel._zipguard.rebuild`): calamine stops at the first sheet it cannot open —
an Excel 4.0 macro sheet (``xl/macrosheets/``), a ``<sheet>`` whose relationship is missing — so
such sheets are taken out of the workbook part (they hold no table); and calamine's .xlsb reader
looks for ``xl/workbook.bin`` and ``xl/_rels/workbook.bin.rels`` by those exact names.
"""

from __future__ import annotations

import io
import logging
import os
import posixpath
import re
import struct
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, TypeVar

from . import _grid
from . import _messages as msg

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

    from ._zipguard import ZipView

_T_FOUND = TypeVar("_T_FOUND")

log = logging.getLogger(__name__)

_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_ATTR = re.compile(rb"""\b(min|max|hidden)\s*=\s*["']([^"']*)["']""")
_SHEETDATA = re.compile(rb"<(?:\w+:)?sheetData\b")
_NS_MAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_REL_ATTR = re.compile(rb"""\b(Id|Type|Target)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SHEET_TAG = re.compile(
    rb"""<(?:\w+:)?sheet\b((?:[^>"']|"[^"]*"|'[^']*')*?)(?:/>|>\s*</(?:\w+:)?sheet\s*>)"""
)
_SHEET_RID = re.compile(rb"""(?<![\w:.-])(?:[\w.-]+:)?id\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# the sheet kinds calamine opens (by relationship type for .xlsx, by folder for .xlsb)
_XLSX_SHEET_TYPES = {"worksheet", "chartsheet", "dialogsheet"}
_XLSB_SHEET_DIRS = {"worksheets", "chartsheets", "dialogsheets"}
_BRT_BUNDLE_SH = 0x009C
_BRT_END_BUNDLE_SHS = 0x0090


# --- calamine itself ---------------------------------------------------------------------------------


def read(
    data: bytes,
    file_name: str,
    hidden_cols: dict[str, set[int]] | None = None,
    merges: dict[str, list[_grid.Merge]] | None = None,
    uncached: dict[str, dict[tuple[int, int], str]] | None = None,
    damaged: str | None = None,
) -> list[_grid.RawSheet]:
    """All worksheets; ``damaged`` is the message for a file calamine cannot parse.

    ``merges`` are used for a sheet calamine reports none for (.xlsb, .ods); ``uncached`` are the
    formulas without a cached value, per sheet name.
    """
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    from greentasks.errors import FileRefused

    bad = damaged or msg.damaged()
    with _StderrToLog(file_name):
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        except PasswordError as exc:
            raise msg.refuse(file_name, msg.encrypted()) from exc
        except CalamineError as exc:
            raise msg.refuse(file_name, bad) from exc
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 — a Rust panic is pyo3's PanicException(BaseException)
            log.warning("calamine failed on %s", file_name, exc_info=True)
            raise msg.refuse(file_name, bad) from exc
        try:
            return _sheets(book, file_name, hidden_cols or {}, merges or {}, uncached or {})
        except FileRefused:
            raise
        except PasswordError as exc:
            raise msg.refuse(file_name, msg.encrypted()) from exc
        except CalamineError as exc:
            raise msg.refuse(file_name, bad) from exc
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001
            log.warning("calamine failed on a sheet of %s", file_name, exc_info=True)
            raise msg.refuse(file_name, bad) from exc
        finally:
            book.close()


def _sheets(
    book: CalamineWorkbook,
    file_name: str,
    hidden_cols: dict[str, set[int]],
    merges: dict[str, list[_grid.Merge]],
    uncached: dict[str, dict[tuple[int, int], str]],
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
        ranges = sheet.merged_cell_ranges
        found = [(a[0], a[1], b[0], b[1]) for a, b in ranges] if ranges else merges.get(meta.name, [])
        sheets.append(
            _grid.from_dense(
                meta.name, hidden, rows, found, hidden_cols.get(meta.name, ()), uncached.get(meta.name)
            )
        )
    return sheets


class _StderrToLog:
    """While calamine runs, what is written to file descriptor 2 goes to the program's log.

    A Rust panic inside calamine (a deliberately broken file does that) becomes a Python exception,
    but Rust's panic hook first prints "thread '<unnamed>' panicked at …" (and, with
    RUST_BACKTRACE set, a backtrace) straight to the process's stderr, which a clerk may see in a
    console window. One temporary file per process receives it; a lock keeps two readers from
    sharing the redirection. Where there is no descriptor 2 (a windowed program), nothing is done.
    """

    _lock = threading.Lock()
    _sink: IO[bytes] | None = None

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.saved: int | None = None

    def __enter__(self) -> _StderrToLog:
        self._lock.acquire()
        try:
            if _StderrToLog._sink is None:
                _StderrToLog._sink = tempfile.TemporaryFile()
            if sys.stderr is not None:
                sys.stderr.flush()
            self.saved = os.dup(2)
            os.dup2(_StderrToLog._sink.fileno(), 2)
        except Exception:  # no usable stderr (or no temporary file): read without the redirection
            if self.saved is not None:
                os.close(self.saved)
            self.saved = None
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.saved is None:
                return
            os.dup2(self.saved, 2)
            os.close(self.saved)
            sink = _StderrToLog._sink
            assert sink is not None
            fd = sink.fileno()
            size = os.fstat(fd).st_size
            if size:
                os.lseek(fd, 0, os.SEEK_SET)
                said = os.read(fd, min(size, 16384)).decode("utf-8", "replace")
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                log.warning("the spreadsheet library wrote to stderr while reading %s:\n%s", self.file_name, said)
        finally:
            self._lock.release()


# --- OOXML packages: where the workbook is, and which of its sheets calamine can open -----------


@dataclass
class BookSheets:
    """The sheets a workbook part lists: name -> normalised part name, and what calamine would trip on."""

    parts: dict[str, str] = field(default_factory=dict)
    drop_ids: set[str] = field(default_factory=set)  # .xlsx: r:id of each <sheet> to take out
    drop_spans: list[tuple[int, int]] = field(default_factory=list)  # .xlsb: BrtBundleSh records
    broken: bool = False  # .xlsb: a sheet record that is not one (an Excel 2007 beta file, damage)


def office_document(package_rels: bytes | None) -> str | None:
    """The main part named by ``_rels/.rels`` (``xl/workbook.xml``, or wherever the writer put it)."""
    for kind, part in relationships(package_rels, "").values():
        if kind == "officeDocument":
            return part
    return None


def rels_of(part: str) -> str:
    """The relationships part of a part: ``xl/workbook.xml`` -> ``xl/_rels/workbook.xml.rels``."""
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def relationships(rels: bytes | None, folder: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (the type's last word, normalised target part), targets taken from ``folder``."""
    out: dict[str, tuple[str, str]] = {}
    if not rels:
        return out
    for m in _RELATIONSHIP.finditer(rels):
        # findall gives "" for the quote style not used
        attrs = {k.decode(): _xml_text(a or b) for k, a, b in _REL_ATTR.findall(m.group(1))}
        target = attrs.get("Target", "").replace("\\", "/")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder, target)) if target else ""
        out[attrs.get("Id", "")] = (attrs.get("Type", "").rstrip("/").rsplit("/", 1)[-1], path.lower())
    return out


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if "&" in text:
        text = text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
        text = text.replace("&amp;", "&")
    return text


def xlsx_sheets(kept: dict[str, bytes], main: str) -> BookSheets:
    """The sheets of an .xlsx/.xlsm workbook part, and those calamine cannot open."""
    from defusedxml import ElementTree

    found = BookSheets()
    try:
        workbook = ElementTree.fromstring(kept[main])
    except Exception:  # absent or odd: calamine will say whether the file is readable at all
        return found
    rels = relationships(kept.get(rels_of(main)), main.rpartition("/")[0])
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet") and sheet.tag != "sheet":
            continue
        rid = sheet.get(f"{{{_NS_MAIN_REL}}}id")
        if rid is None:  # calamine matches the attribute's local name "id" in any namespace
            rid = next((v for k, v in sheet.attrib.items() if k.rsplit("}", 1)[-1] == "id"), "")
        kind, part = rels.get(rid, ("", ""))
        if not part or kind not in _XLSX_SHEET_TYPES:
            found.drop_ids.add(rid)
            continue
        name = sheet.get("name")
        if name is not None:
            found.parts[name] = part
    return found


def without_sheets(workbook_xml: bytes, drop_ids: set[str]) -> bytes:
    """The workbook part with the ``<sheet>`` elements of ``drop_ids`` taken out."""

    def keep(m: re.Match[bytes]) -> bytes:
        rid = _SHEET_RID.search(m.group(1))
        value = _xml_text(rid.group(1) if rid.group(1) is not None else rid.group(2)) if rid else ""
        return b"" if value in drop_ids else m.group(0)

    return _SHEET_TAG.sub(keep, workbook_xml)


def xlsb_sheets(kept: dict[str, bytes], main: str) -> BookSheets:
    """The sheets of an .xlsb workbook part (``BrtBundleSh`` records), and those calamine cannot open.

    calamine reads the relationships from ``xl/_rels/workbook.bin.rels`` and takes each sheet's
    part as ``xl/`` + its target; a record whose relationship is missing makes it panic (such a
    record is ``broken``: Excel 2007 beta wrote another layout), one whose target is not a
    worksheet, chart sheet or dialog sheet (an Excel 4.0 macro sheet) an error (it is dropped).
    """
    found = BookSheets()
    folder = main.rpartition("/")[0]
    rels = relationships(kept.get(rels_of(main)), folder)
    for start, end, body in _records(kept.get(main, b""), _BRT_BUNDLE_SH, _BRT_END_BUNDLE_SHS):
        sheet = _bundle_sheet(body)
        if sheet is None:
            found.broken = True
            continue
        name, rid = sheet
        if rid is None:
            continue  # calamine skips a sheet without a relationship id
        part = rels.get(rid, ("", ""))[1]
        if not part:
            found.broken = True
            continue
        inside = part[len(folder) + 1 :] if folder and part.startswith(folder + "/") else part
        if inside.split("/", 1)[0] not in _XLSB_SHEET_DIRS:
            found.drop_spans.append((start, end))
            continue
        found.parts[name] = part
    return found


def without_records(workbook_bin: bytes, spans: list[tuple[int, int]]) -> bytes:
    out = []
    last = 0
    for start, end in sorted(spans):
        out.append(workbook_bin[last:start])
        last = end
    out.append(workbook_bin[last:])
    return b"".join(out)


def _records(stream: bytes, wanted: int, stop: int):
    """(start, end, body) of every ``wanted`` BIFF12 record before the first ``stop`` record."""
    n = len(stream)
    pos = 0
    while pos < n:
        start = pos
        b = stream[pos]
        pos += 1
        rtype = b & 0x7F
        if b & 0x80:
            if pos >= n:
                return
            rtype |= (stream[pos] & 0x7F) << 7
            pos += 1
        size = shift = 0
        for _ in range(4):
            if pos >= n:
                return
            b = stream[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if pos + size > n:
            return
        if rtype == wanted:
            yield start, pos + size, stream[pos : pos + size]
        elif rtype == stop:
            return
        pos += size


def _bundle_sheet(body: bytes) -> tuple[str, str | None] | None:
    """(name, relationship id or None) of a BrtBundleSh body: hsState, iTabID, strRelID, strName."""
    try:
        cch = struct.unpack_from("<I", body, 8)[0]
        pos = 12
        rid = None
        if cch != 0xFFFFFFFF:
            rid = body[pos : pos + 2 * cch].decode("utf-16-le")
            pos += 2 * cch
        cch = struct.unpack_from("<I", body, pos)[0]
        name = body[pos + 4 : pos + 4 + 2 * cch].decode("utf-16-le")
    except (struct.error, UnicodeDecodeError):
        return None
    return name, rid


def xlsx_sheet_parts(kept: dict[str, bytes], main: str = "xl/workbook.xml") -> dict[str, str]:
    """Sheet name -> normalised part name, from the workbook part and its relationships."""
    return xlsx_sheets(kept, main).parts


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


def check_parts(view: ZipView, parts: dict[str, str], file_name: str, main: str = "xl/workbook.xml") -> None:
    """Refuse before calamine builds a grid too large (see ``_extent``), or parses an unsafe part.

    ``view`` is the zip guard's ``ZipView``; an SVG picture with a DOCTYPE is harmless unless the
    workbook's relationships name it as a part to parse (then it is a disguised sheet).
    """
    names = {part: name for name, part in parts.items()}
    for part, (rows, cols) in view.extents.items():
        _grid.check_extent(names.get(part, part), rows, cols, file_name)
    rels = relationships(view.kept.get(rels_of(main)), main.rpartition("/")[0])
    targets = {part for _, part in rels.values()}
    if view.unsafe_media & (targets | {main}):
        raise msg.refuse(file_name, msg.unsafe_xml())


def by_sheet(per_part: dict[str, _T_FOUND], parts: dict[str, str]) -> dict[str, _T_FOUND]:
    """Re-key what was found per part (``view.uncached``, …) by sheet name."""
    return {name: per_part[part] for name, part in parts.items() if part in per_part}


# --- ods: merged ranges, extents, formulas without a value ------------------------------------------

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MAX_REPEAT = 1 << 20
_ODS_FORMULA_PREFIX = re.compile(r"^(?:[\w-]+:)?=")


def ods_layout(
    content_xml: bytes,
) -> tuple[dict[str, list[_grid.Merge]], dict[str, tuple[int, int]], dict[str, dict[tuple[int, int], str]]]:
    """Merged ranges, how far values reach (rows, cols from A1), and formulas saved without a value
    (``table:formula`` on a cell with no ``office:value-type``; text as stored, without its
    ``of:=`` prefix), per table of ``content.xml``.

    Repeated rows and cells (``number-rows-repeated="1048000"`` is how formatting is written) are
    only counted, never expanded.
    """
    from defusedxml.ElementTree import iterparse

    from ._extent import MAX_UNCACHED

    merges: dict[str, list[_grid.Merge]] = {}
    extents: dict[str, tuple[int, int]] = {}
    uncached: dict[str, dict[tuple[int, int], str]] = {}
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
            kind = el.get(f"{_OFFICE}value-type")
            if kind is not None or len(el):
                max_row = max(max_row, row + row_repeat - 1)
                max_col = max(max_col, col + repeat - 1)
            formula = el.get(f"{_T}formula")
            if formula and kind is None:
                found = uncached.setdefault(name, {})
                if len(found) < MAX_UNCACHED:
                    found[(row, col)] = _ODS_FORMULA_PREFIX.sub("", formula, count=1)
            col += repeat
    return merges, extents, uncached


def _int(value: str | None) -> int:
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1
