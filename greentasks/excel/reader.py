"""Reading any file an office receives under a spreadsheet's name, as one cell/row abstraction.

:func:`read_workbook` returns a :class:`Workbook` of :class:`Sheet` grids whatever the file was:
.xlsx/.xlsm/.xltx, .xlsb, old binary .xls (BIFF5 and BIFF8), .ods, HTML tables saved as .xls
(OA/web exports, also .mht), "XML Spreadsheet 2003" saved as .xls, or delimited text (.csv,
tab-separated "Unicode 文本"). :func:`read_workbook_data` reads the same from bytes held in memory
(a zip member, a mail attachment).
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
    with it, and reads as ``None`` when none was saved — such cells are listed, with their
    formula, in ``Sheet.uncached`` (.xlsx/.xlsm and .ods), so that a caller can say so instead of
    taking the cell as empty (an error value such as ``#DIV/0!`` also reads as ``None``). CSV and
    HTML cells, which carry no types, are typed as Excel types them on opening: plain integers up
    to 15 digits without a leading zero and decimals become numbers, full dates (``2023-03-31``,
    ``2023/3/31``, ``2023年3月31日``) become dates, all else is text.

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
    hidden columns, merged ranges of .xlsb and .ods files, formulas saved without a value — is
    read here from the raw parts, in the same pass that measures them.

Guards, before any parser sees the file
    size ≤ ``MAX_FILE_BYTES``; for zips, the declared unpacked size ≤ ``MAX_UNPACKED_BYTES`` and no
    member over 32 MB compressing better than 200:1 (the absolute size decides: a real sheet of
    long repeated texts compresses 120–140:1), then every member is inflated with its output
    capped at its declared size and every XML part scanned for DOCTYPE/ENTITY declarations; two
    members of one name (``sheet1.xml`` and ``Sheet1.xml``) are refused. OLE files are opened with
    olefile to tell a workbook from an encrypted OOXML package, a Word document or other; a
    workbook's BIFF ``FILEPASS`` record, or an .ods manifest's ``encryption-data``, means a
    password. How far each sheet's values reach is measured from the raw parts (sheet XML, .xlsb
    BIFF12 records, BIFF cell records, ODS rows) before calamine is called, because calamine
    allocates the whole rectangle from the first to the last value: a single value at XFD1048576
    makes the Rust allocator abort the process. A sheet whose values span more than a million
    cells (a stray value far away) is refused with a message saying how to fix it (see
    ``_extent``). A Rust panic inside calamine becomes the "damaged" message; what Rust prints to
    stderr meanwhile goes to the program's log, never to a console.

Packages as Excel opens them
    The workbook part is found through ``_rels/.rels`` (it need not be in ``xl/``); member names
    are looked up case-insensitively with ``\\`` read as ``/``; parts a workbook may lack
    (docProps, styles, shared strings, content-type overrides) are not required. Sheets calamine
    would stop at — Excel 4.0 macro sheets, a ``<sheet>`` without its relationship — are taken
    out of the workbook part in memory first; an .xlsb whose parts are not where calamine's .xlsb
    reader looks is rebuilt in memory likewise (nothing is written to disk).

Refused, by what they are
    a flat OpenDocument file (.fods: one XML document) and an Excel 2.x–4.0 workbook (a bare
    BIFF2–4 record stream), each with a request to save it as .xlsx; an .xls holding only a
    chart; an Excel 2007 beta file (another part layout) as damaged.

Known limits
    An error value (``#DIV/0!``) reads as None (python-calamine does not expose it). Merged
    ranges are clamped to the data, so a merge that only covers empty rows below the table
    disappears. .ods files must be as LibreOffice/WPS write them (calamine rejects pretty-printed
    ``content.xml``). ``Sheet.uncached`` is not known for .xls, .xlsb (their formulas always carry
    a value) and the text formats; a shared formula's other cells show ``（共享公式）``, not the
    formula shifted to their place. calamine copies a shared string into every cell that uses it,
    and nothing here bounds that total (a crafted file of one 1 MB string in 10,000 cells would
    ask for 10 GB).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from greentasks.errors import FileRefused

from . import _grid
from . import _messages as msg
from ._grid import column_letter

if TYPE_CHECKING:
    from ._zipguard import ZipView

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "CellValue",
    "Sheet",
    "Workbook",
    "column_index",
    "column_letter",
    "read_workbook",
    "read_workbook_data",
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
    hidden_cols: frozenset[int] = frozenset()  # 0-based; known for .xlsx, .xlsb and .xls (else empty)
    # Formula cells saved without a value (they read as None in ``rows``): 0-based (row, col) ->
    # the formula text as the file stores it, without a leading "=" ("SUM(B2:B4)"; an .ods formula
    # without its "of:=" prefix, "SUM([.B2:.B4])"; a shared formula's other cells "（共享公式）").
    # Known for .xlsx/.xlsm and .ods; a position may lie beyond ``rows`` (nothing else there).
    uncached: dict[tuple[int, int], str] = field(default_factory=dict)

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
    kind: str  # "xlsx" | "xlsb" | "xls" | "ods" | "html" | "xml2003" | "csv"
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
    return _read(_read_bytes(p), p.name, p)


def read_workbook_data(data: bytes, name: str) -> Workbook:
    """Read a spreadsheet held in memory (a zip member, a mail attachment) as :func:`read_workbook`
    reads a file: the same guards and the same refusals, each naming ``name`` (which may be a
    path shown to the clerk, such as ``报送.zip/区财政局.xlsx``). ``Workbook.path`` is
    ``Path(name)``; ``Workbook.sha256`` is that of ``data``.
    """
    if len(data) > MAX_FILE_BYTES:
        raise msg.refuse(name, msg.too_large(len(data), MAX_FILE_BYTES))
    if not data:
        raise msg.refuse(name, msg.empty_file())
    return _read(bytes(data), name, Path(name))


def _read(data: bytes, name: str, p: Path) -> Workbook:
    try:
        kind, raw = _dispatch(data, name, p)
    except FileRefused:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 — pyo3's PanicException derives from BaseException
        log.warning("unexpected error reading %s", name, exc_info=True)
        raise msg.refuse(name, msg.damaged()) from exc
    if not any(_has_text(v) for s in raw for row in s.rows for v in row) and not any(s.uncached for s in raw):
        raise msg.refuse(name, msg.empty_sheets())  # (formulas without a value are said, not hidden)
    sheets = [Sheet(s.name, s.hidden, s.rows, s.merged, s.hidden_cols, s.uncached) for s in raw]
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
    if "mimetype" in names and "content.xml" in names:
        return _read_ods(data, view, name)
    try:
        package_rels = _zipguard.read_member(data, view, "_rels/.rels", name)
    except FileRefused:
        package_rels = None  # said below, by the parts the file does have (a .docx is named as such)
    main = _calamine.office_document(package_rels)
    if main is None or main not in names:  # no (usable) package relationships: the usual places
        main = next((m for m in ("xl/workbook.xml", "xl/workbook.bin") if m in names), main)
    if main is not None and main in names:
        if view.duplicate is not None:  # which of the two would be read? (a guard could be misled)
            raise msg.refuse(name, msg.damaged(f"文件内部有两个同名的部件“{view.duplicate}”"))
        if main.endswith(".bin"):
            return "xlsb", _read_xlsb(data, view, name, main)
        if main.endswith("workbook.xml"):
            return "xlsx", _read_xlsx(data, view, name, main)
    if "word/document.xml" in names or (main or "").endswith("document.xml"):
        raise msg.refuse(name, msg.word_docx(suffix))
    if "ppt/presentation.xml" in names or (main or "").endswith("presentation.xml"):
        raise msg.refuse(name, msg.powerpoint())
    sheets = _zipguard.spreadsheet_members(view)
    if sheets:
        raise msg.refuse(name, msg.archive_with_sheets(sheets, len(sheets)))
    if any(n.startswith("xl/") for n in names) or "[content_types].xml" in names:
        raise msg.refuse(name, msg.damaged_zip())  # an OOXML package without its workbook part
    raise msg.refuse(name, msg.archive_without_sheets())


def _read_xlsx(data: bytes, view: ZipView, name: str, main: str) -> list[_grid.RawSheet]:
    from . import _calamine, _zipguard

    rels = _calamine.rels_of(main)
    _zipguard.scan_members(data, view, name, keep_full=frozenset({main, rels}), measure_sheets=True)
    book = _calamine.xlsx_sheets(view.kept, main)
    _calamine.check_parts(view, book.parts, name, main)
    hidden = _calamine.xlsx_hidden_cols(view.kept, book.parts)
    uncached = _calamine.by_sheet(view.uncached, book.parts)
    if book.drop_ids:  # macro sheets, sheets without a relationship: calamine would stop at them
        workbook = _calamine.without_sheets(view.kept[main], book.drop_ids)
        data = _zipguard.rebuild(data, view, name, replace={main: workbook})
    return _calamine.read(data, name, hidden_cols=hidden, uncached=uncached)


def _read_xlsb(data: bytes, view: ZipView, name: str, main: str) -> list[_grid.RawSheet]:
    from . import _calamine, _zipguard

    rels = _calamine.rels_of(main)
    keep = frozenset({main, rels})
    _zipguard.scan_members(data, view, name, keep_full=keep, measure_sheets=True, biff12=True)
    book = _calamine.xlsb_sheets(view.kept, main)
    if book.broken:
        raise msg.refuse(name, msg.damaged())
    _calamine.check_parts(view, book.parts, name, main)
    found = {sheet: view.biff12[part] for sheet, part in book.parts.items() if part in view.biff12}
    merges = {sheet: s.merges for sheet, s in found.items()}
    hidden = {sheet: s.hidden_cols for sheet, s in found.items() if s.hidden_cols}
    folder = main.rpartition("/")[0] + "/"
    exact_rels = "xl/_rels/workbook.bin.rels"
    if book.drop_spans or folder != "xl/" or view.names.get(exact_rels) != exact_rels:
        # calamine's .xlsb reader wants the workbook in xl/ and its relationships by that exact name
        def rename(member: str) -> str:
            n = member.replace("\\", "/").lstrip("/")
            if n.lower().startswith(folder):
                n = "xl/" + n[len(folder) :]
            return exact_rels if n.lower() == exact_rels else n

        workbook = _calamine.without_records(view.kept[main], book.drop_spans)
        data = _zipguard.rebuild(data, view, name, rename=rename, replace={main: workbook})
    return _calamine.read(data, name, hidden_cols=hidden, merges=merges)


def _read_ods(data: bytes, view: ZipView, name: str) -> tuple[str, list[_grid.RawSheet]]:
    from . import _calamine, _zipguard

    manifest = _zipguard.read_member(data, view, "META-INF/manifest.xml", name) or b""
    if b"encryption-data" in manifest:  # LibreOffice/WPS "save with password": parts are encrypted
        raise msg.refuse(name, msg.encrypted())
    _zipguard.scan_members(data, view, name, keep_full=frozenset({"content.xml", "mimetype"}))
    mimetype = view.kept.get("mimetype", b"").strip()
    if mimetype != b"application/vnd.oasis.opendocument.spreadsheet":
        raise msg.refuse(name, msg.opendocument_other())
    try:
        merges, extents, uncached = _calamine.ods_layout(view.kept["content.xml"])
    except Exception as exc:  # defusedxml's ParseError and its refusals of DTDs and entities
        raise msg.refuse(name, msg.damaged("表格内容不完整")) from exc
    for sheet, (rows, cols) in extents.items():
        _grid.check_extent(sheet, rows, cols, name)
    return "ods", _calamine.read(data, name, merges=merges, uncached=uncached)


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
    if biff.only_charts:
        raise msg.refuse(name, msg.only_charts())
    for sheet, (rows, cols) in biff.extents.items():
        _grid.check_extent(sheet, rows, cols, name)
    data = _ole.with_known_codepage(data, biff.codepage)
    return "xls", _calamine.read(data, name, hidden_cols=biff.hidden_cols, damaged=msg.damaged_xls())
