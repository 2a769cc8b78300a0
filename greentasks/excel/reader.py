"""Reading any file an office receives under a spreadsheet's name, as one cell/row abstraction.

:func:`read_workbook` returns a :class:`Workbook` of :class:`Sheet` grids whatever the file was:
.xlsx/.xlsm/.xltx, old binary .xls, .ods, HTML tables saved as .xls (OA/web exports, also .mht),
"XML Spreadsheet 2003" saved as .xls, or delimited text (.csv, tab-separated "Unicode 文本").
The kind is decided by the content, never by the name: a ``.xls`` that is really a zip is read
as xlsx, a ``.xlsx`` that is really an OLE workbook is read as xls, and so on. Every failure is a
:class:`~greentasks.errors.FileRefused` with a Chinese message naming the file and saying what to
do; no library exception escapes.

Values
    ``str | int | float | bool | datetime.date | datetime.datetime | None``. Integral numbers are
    ``int`` (``18.0`` → ``18``) in every format; ``""`` is ``None``; ``\\r\\n`` and ``\\r`` inside
    text become ``\\n``; otherwise text is kept as it is (not stripped). Date-formatted cells are
    ``date``, or ``datetime`` when they carry a time of day; a time-only cell becomes text
    ``"14:30"``. Formulas are never evaluated: a formula cell holds the value Excel last saved
    with it, and reads as ``None`` when none was saved (an error value such as ``#DIV/0!`` also
    reads as ``None``). CSV and HTML cells, which carry no types, are typed as Excel types them on
    opening: plain integers up to 15 digits without a leading zero and decimals become numbers,
    full dates (``2023-03-31``, ``2023/3/31``, ``2023年3月31日``) become dates, all else is text.

Grid
    ``rows[r][c]`` is Excel's cell at row ``r + 1``, column ``column_letter(c)``; rows are ragged
    (each ends at its last value) and the list ends at the last row with a value — formatting that
    reaches row 1,048,576, or a wrong ``<dimension ref>``, costs nothing. Every cell of a merged
    range holds the range's top-left value; ``merged`` lists the ranges (clamped to the data).

Why python-calamine for .xlsx/.xls/.ods
    Measured on the office's own shape (the 进展情况 return: merged title, 3 info rows, header,
    15 rows × 12 columns of Chinese text with a date, borders, a validation list, protection, a
    hidden column and a hidden ``_meta`` sheet), 40 files, best of 5, Python 3.11, Linux:

    =====================================================  ===========  ==========
    reader                                                  40 files     per file
    =====================================================  ===========  ==========
    python-calamine 0.9 (.xlsx, all sheets + merges)         11 ms        0.28 ms
    openpyxl 3.1 ``load_workbook(data_only=True)``          231 ms        5.8 ms
    openpyxl 3.1 read-only mode (has *no* merged cells)     237 ms        5.9 ms
    pandas 3.1 ``read_excel(sheet_name=None)`` (openpyxl)   325 ms        8.1 ms
    python-calamine 0.9 (.xls, all sheets + merges)          2.1 ms       0.05 ms
    xlrd 2.0 ``formatting_info=True`` (.xls, merges)         34 ms        0.86 ms
    pandas 3.1 ``read_excel`` (.xls, xlrd)                   63 ms        1.6 ms
    =====================================================  ===========  ==========

    calamine is 20× faster than openpyxl and 4× faster than xlrd, one library for both formats
    (and .ods), reports merged ranges for xlsx and xls, sheet visibility (hidden and very hidden),
    converts date-formatted cells to dates in both formats, reads cached formula values only, and
    skips style-only cells (a sheet formatted down to row 1,048,576 reads as fast as a small one;
    openpyxl's read-only mode would iterate every formatted row, and its normal mode builds every
    styled cell). It is a compiled extension, so it is also the safer parser of hostile XML — and
    it is still only handed a file after the guards below. What calamine does not report —
    hidden columns, and merged ranges of .ods files — is read here from the raw parts.

Guards, before any parser sees the file
    size (``os.stat``) ≤ ``MAX_FILE_BYTES``; for zips, the declared unpacked size ≤
    ``MAX_UNPACKED_BYTES`` and no member >10 MB compressing better than 100:1, then every member
    is inflated with its output capped at its declared size and every XML part scanned for
    DOCTYPE/ENTITY declarations; OLE files are opened with olefile to tell a workbook from an
    encrypted OOXML package, a Word document or other; a workbook's BIFF ``FILEPASS`` record
    means a password. How far each sheet's values reach is measured from the raw parts (sheet
    XML, BIFF cell records, ODS rows) before calamine is called, because calamine allocates the
    whole rectangle from the first to the last value: a single value at XFD1048576 makes the Rust
    allocator abort the process. A sheet whose values span more than a million cells (a stray
    value far away) is refused with a message saying how to fix it (see ``_extent``).

Known limits
    An error value (``#DIV/0!``) reads as None (python-calamine does not expose it). Merged
    ranges are clamped to the data, so a merge that only covers empty rows below the table
    disappears. .ods files must be as LibreOffice/WPS write them (calamine rejects pretty-printed
    ``content.xml``). .xlsb is refused with a request to save as .xlsx (calamine reads it, but
    without merged ranges).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from greentasks.errors import FileRefused

from . import _grid
from . import _messages as msg
from ._grid import column_letter

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "CellValue",
    "Sheet",
    "Workbook",
    "column_index",
    "column_letter",
    "read_workbook",
    "sha256_of",
]

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

CellValue = object  # str | int | float | bool | datetime.date | datetime.datetime | None
Range = tuple[int, int, int, int]


@dataclass(frozen=True)
class Sheet:
    """One worksheet (or one HTML table, or the one table of a CSV file) as a grid of values."""

    name: str
    hidden: bool
    rows: list[list[CellValue]]
    merged: list[Range] = field(default_factory=list)
    hidden_cols: frozenset[int] = frozenset()  # 0-based; known for .xlsx and .xls (else empty)

    def value(self, r: int, c: int) -> CellValue:
        """The value at 0-based (r, c); None outside the data."""
        if r < 0 or c < 0 or r >= len(self.rows):
            return None
        row = self.rows[r]
        return row[c] if c < len(row) else None

    def row(self, r: int) -> list[CellValue]:
        """Row r padded with None to ``n_cols`` (a new list)."""
        values = list(self.rows[r]) if 0 <= r < len(self.rows) else []
        values.extend([None] * (self.n_cols - len(values)))
        return values

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @cached_property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def is_blank_row(self, r: int) -> bool:
        return not any(_has_text(v) for v in (self.rows[r] if 0 <= r < len(self.rows) else ()))

    @cached_property
    def _merges_by_row(self) -> dict[int, list[Range]]:
        index: dict[int, list[Range]] = {}
        for m in self.merged:
            for r in range(m[0], m[2] + 1):
                index.setdefault(r, []).append(m)
        return index

    def merge_span(self, r: int, c: int) -> Range | None:
        """The merged range (first_row, first_col, last_row, last_col) holding (r, c), if any."""
        for m in self._merges_by_row.get(r, ()):
            if m[1] <= c <= m[3]:
                return m
        return None

    def is_merged_origin(self, r: int, c: int) -> bool:
        """True for the top-left cell of a merged range."""
        m = self.merge_span(r, c)
        return m is not None and m[0] == r and m[1] == c

    def is_merged_covered(self, r: int, c: int) -> bool:
        """True for a cell inside a merged range other than its top-left cell (a filled copy)."""
        m = self.merge_span(r, c)
        return m is not None and (m[0], m[1]) != (r, c)

    def row_merge(self, r: int) -> Range | None:
        """The one merged range, at least two columns wide, holding every value of row r.

        This is how a title row (``南川区…进展情况表`` merged across the table) or a note row
        (``注：…`` spread over the whole row) looks; compare the range's width with the header's to
        decide. None when the row is blank, has values outside one such range, or has none.
        """
        values = [c for c, v in enumerate(self.rows[r]) if _has_text(v)] if 0 <= r < len(self.rows) else []
        if not values:
            return None
        m = self.merge_span(r, values[0])
        if m is None or m[3] == m[1] or not (m[1] <= values[0] and values[-1] <= m[3]):
            return None
        return m


@dataclass(frozen=True)
class Workbook:
    path: Path
    kind: str  # "xlsx" | "xls" | "ods" | "html" | "xml2003" | "csv"
    sheets: list[Sheet]
    sha256: str = ""  # of the bytes that were read

    def sheet(self, name: str) -> Sheet | None:
        for s in self.sheets:
            if s.name == name:
                return s
        wanted = name.strip()
        for s in self.sheets:
            if s.name.strip() == wanted:
                return s
        return None

    @property
    def visible_sheets(self) -> list[Sheet]:
        return [s for s in self.sheets if not s.hidden]

    @property
    def hidden_sheets(self) -> list[Sheet]:
        return [s for s in self.sheets if s.hidden]


def column_index(letters: str) -> int:
    """The inverse of :func:`column_letter`: ``"A"`` -> 0, ``"AA"`` -> 26."""
    s = letters.strip().upper()
    if not s or not s.isascii() or not s.isalpha():
        raise ValueError(f"not a column letter: {letters!r}")
    n = 0
    for ch in s:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def sha256_of(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MB chunks."""
    p = Path(path)
    digest = hashlib.sha256()
    try:
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError as exc:
        raise msg.refuse(p.name, msg.missing()) from exc
    except IsADirectoryError as exc:
        raise msg.refuse(p.name, msg.not_a_file()) from exc
    except OSError as exc:
        raise msg.refuse(p.name, msg.unreadable()) from exc
    return digest.hexdigest()


def read_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Read a spreadsheet of any kind the office receives; raise FileRefused for anything else."""
    p = Path(path)
    name = p.name
    data = _read_bytes(p)
    try:
        kind, raw = _dispatch(data, name, p)
    except FileRefused:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 — pyo3's PanicException derives from BaseException
        log.warning("unexpected error reading %s", p, exc_info=True)
        raise msg.refuse(name, msg.damaged()) from exc
    if not any(_has_text(v) for s in raw for row in s.rows for v in row):
        raise msg.refuse(name, msg.empty_sheets())
    sheets = [Sheet(s.name, s.hidden, s.rows, s.merged, s.hidden_cols) for s in raw]
    return Workbook(path=p, kind=kind, sheets=sheets, sha256=hashlib.sha256(data).hexdigest())


# --- internals ---------------------------------------------------------------------------------------


def _has_text(v: object) -> bool:
    return v is not None and not (isinstance(v, str) and not v.strip())


def _read_bytes(p: Path) -> bytes:
    name = p.name
    try:
        st = p.stat()
        if p.is_dir():
            raise msg.refuse(name, msg.not_a_file())
        if st.st_size > MAX_FILE_BYTES:
            raise msg.refuse(name, msg.too_large(st.st_size, MAX_FILE_BYTES))
        with p.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileRefused:
        raise
    except FileNotFoundError as exc:
        raise msg.refuse(name, msg.missing()) from exc
    except IsADirectoryError as exc:
        raise msg.refuse(name, msg.not_a_file()) from exc
    except (OSError, ValueError) as exc:
        raise msg.refuse(name, msg.unreadable()) from exc
    if len(data) > MAX_FILE_BYTES:  # it grew since stat()
        raise msg.refuse(name, msg.too_large(len(data), MAX_FILE_BYTES))
    if not data:
        raise msg.refuse(name, msg.empty_file())
    return data


def _dispatch(data: bytes, name: str, p: Path) -> tuple[str, list[_grid.RawSheet]]:
    from . import _sniff

    found = _sniff.sniff(data, name)
    if found == "zip":
        return _read_zip(data, name, p)
    if found == "ole":
        return _read_ole(data, name)
    if found == "xml2003":
        from ._xml2003 import read_xml2003

        return "xml2003", read_xml2003(data, name)
    if found == "html":
        from ._html import read_html

        return "html", read_html(data, name)
    if found == "mht":
        from ._html import read_mht

        return "html", read_mht(data, name)
    from ._csv import read_csv
    from ._text import decode_plain

    text = decode_plain(data)
    if text is None:
        raise msg.refuse(name, msg.unknown_format())
    return "csv", read_csv(text, name, p.stem)


def _read_zip(data: bytes, name: str, p: Path) -> tuple[str, list[_grid.RawSheet]]:
    from . import _calamine, _zipguard

    view = _zipguard.open_zip(data, name, MAX_UNPACKED_BYTES)
    names = view.names
    suffix = p.suffix.lower()
    if "xl/workbook.xml" in names:
        _zipguard.scan_members(data, view, name, keep_full=_calamine.XLSX_PARTS, measure_sheets=True)
        parts = _calamine.xlsx_sheet_parts(view.kept)
        _calamine.check_parts(view, parts, name)
        hidden = _calamine.xlsx_hidden_cols(view.kept, parts)
        return "xlsx", _calamine.read(data, name, hidden_cols=hidden)
    if "xl/workbook.bin" in names:
        raise msg.refuse(name, msg.xlsb())
    if "word/document.xml" in names:
        raise msg.refuse(name, msg.word_docx(suffix))
    if "ppt/presentation.xml" in names:
        raise msg.refuse(name, msg.powerpoint())
    if "mimetype" in names and "content.xml" in names:
        _zipguard.scan_members(data, view, name, keep_full=frozenset({"content.xml"}))
        mimetype = view.kept.get("mimetype", b"").strip()
        if mimetype != b"application/vnd.oasis.opendocument.spreadsheet":
            raise msg.refuse(name, msg.opendocument_other())
        merges, extents = _calamine.ods_layout(view.kept["content.xml"])
        for sheet, (rows, cols) in extents.items():
            _grid.check_extent(sheet, rows, cols, name)
        return "ods", _calamine.read(data, name, ods_merges=merges)
    sheets = _zipguard.spreadsheet_members(view)
    if sheets:
        raise msg.refuse(name, msg.archive_with_sheets(sheets, len(sheets)))
    if any(n.startswith("xl/") for n in names) or "[content_types].xml" in names:
        raise msg.refuse(name, msg.damaged_zip())  # an OOXML package without its workbook part
    raise msg.refuse(name, msg.archive_without_sheets())


def _read_ole(data: bytes, name: str) -> tuple[str, list[_grid.RawSheet]]:
    from . import _calamine, _ole

    content = _ole.inspect(data, name)
    if content.kind == "encrypted":
        raise msg.refuse(name, msg.encrypted())
    if content.kind == "word":
        raise msg.refuse(name, msg.word_doc(Path(name).suffix.lower()))
    if content.kind == "powerpoint":
        raise msg.refuse(name, msg.powerpoint())
    if content.kind != "xls":
        raise msg.refuse(name, msg.ole_other())
    biff = _ole.walk_biff(content.workbook_stream)
    if biff.encrypted:
        raise msg.refuse(name, msg.encrypted())
    for sheet, (rows, cols) in biff.extents.items():
        _grid.check_extent(sheet, rows, cols, name)
    return "xls", _calamine.read(data, name, hidden_cols=biff.hidden_cols, damaged=msg.damaged_xls())
