"""How far a worksheet's *values* reach, found before calamine is handed the file.

calamine builds a dense grid from the first to the last cell with a value: one stray value at
XFD1048576 asks it for 17 billion cells and the Rust allocator aborts the whole process (no Python
exception); one at IV65536 of an .xls costs a gigabyte and seconds. So the extent is measured here
first, streaming, and a sheet too large is refused (see ``_grid.MAX_CELLS``).

.xlsx: the sheet XML is scanned as the zip guard inflates it. A cell with a value is written
``<c r="B7" …>…</c>``, a style-only cell ``<c r="B7" s="1"/>`` (or, by writers built on lxml,
``<c r="B7" s="1"></c>``, which counts as style only too); so one C-level search finds only the
cells that have content (formatting down to row 1,048,576 costs nothing), and each one's ``r``
gives the position. A value cell without an ``r`` attribute (legal: it is placed by counting)
switches the part to a slower tag-by-tag pass over the whole part. The same pass notes every
formula cell without a cached value (see :attr:`ExtentScanner.uncached`).

.xlsb: :class:`Biff12Scanner` walks the sheet part's records (MS-XLSB 2.1.4: a type and a size,
each a 7-bit varint) and reads the few it needs: ``BrtRowHdr`` (the row), the cell records (their
first four bytes are the column), ``BrtMergeCell`` and ``BrtColInfo`` (calamine reports neither
merged ranges nor hidden columns of an .xlsb).
"""

from __future__ import annotations

import re
import struct

_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # attributes, quote-aware ('>' may occur in a value)
_ATTRS_OPEN = rb"""(?:[^>"'/]|/(?!>)|"[^"]*"|'[^']*')*"""  # … of a start tag that is not "/>"
_COMPLETE_TAG = re.compile(rb"<" + _ATTRS + rb">")
_CELL_START = rb"<(?:\w+:)?c(?=[\s/>])"
# A cell's content runs to its </c>, and never over another cell's start tag: a cell left unclosed
# (malformed, and a lenient parser may still place it) ends where the next cell begins; and no
# unclosed cell makes the search run on to the end of the data (which would be quadratic).
_CONTENT = rb"([^<]*(?:<(?!/(?:\w+:)?c>|(?:\w+:)?c[\s/>])[^<]*)*)"
_CELL_END = rb"(?:</(?:\w+:)?c>|(?=" + _CELL_START + rb"))"
# a cell with content: <c …>…</c> (a self-closing <c …/> never matches)
# Attributes are taken up to the first ">" (fast); a ">" inside a quoted value leaves the quotes
# unbalanced, and such a cell sends the part to the quote-aware pass (see ``_balanced``).
_VALUE_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s>])([^>]*)(?<!/)>" + _CONTENT + _CELL_END)
_OPEN_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s>])(" + _ATTRS_OPEN + rb")>")
_ANY_CELL = re.compile(_CELL_START + rb"(" + _ATTRS + rb")>")
_TOKEN = re.compile(
    rb"<(?:\w+:)?(?:(row)(?=[\s/>])(" + _ATTRS + rb")>|c(?=[\s/>])(" + _ATTRS_OPEN
    + rb")(?:/>|>" + _CONTENT + _CELL_END + rb"))"
)
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{0,3})([0-9]{1,7})["']""")
_TYPE = re.compile(rb"""\bt\s*=\s*["']([^"']*)["']""")
_FORMULA = re.compile(rb"<(?:\w+:)?f(?=[\s/>])(" + _ATTRS_OPEN + rb")(?:/>|>([^<]*)</(?:\w+:)?f>)")
_CACHED = re.compile(rb"<(?:\w+:)?v(?=[\s/>])" + _ATTRS_OPEN + rb"(?:/>|>([^<]*)</(?:\w+:)?v>)")
_ENTITY = re.compile(r"&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
MAX_TAG = 4 * 1024 * 1024  # a cell's XML (Excel allows 32,767 characters of text) is far smaller
MAX_UNCACHED = 10_000  # per sheet; far more than any table the office reads
SHARED_FORMULA = "（共享公式）"

FAST, NEEDS_TOKENS, TOKENS, TOO_COMPLEX = "fast", "needs-tokens", "tokens", "too-complex"


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n - 1


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(3):
            return _NAMED[m.group(3)]
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return chr(code) if 0 < code <= 0x10FFFF else ""

    return _ENTITY.sub(one, text) if "&" in text else text


def uncached_formula(attrs: bytes, inner: bytes) -> str | None:
    """The formula text of a cell whose formula has no cached value, else None.

    ``<f>SUM(B2:B4)</f>`` without ``<v>``, or with an empty ``<v/>`` (openpyxl and many scripts
    write that) — except in a ``t="str"`` cell, where an empty ``<v></v>`` is the cached empty
    text of a formula such as ``IF(A1="","",…)``. A shared formula's dependents carry no text
    (``<f t="shared" si="0"/>``) and read as ``（共享公式）``.
    """
    if b"<f" not in inner and b":f" not in inner:
        return None
    at = inner.find(b"<v>")
    if at >= 0 and inner[at + 3 : at + 5] not in (b"</", b""):
        return None  # a cached value: the usual case, decided without a regex
    formula = _FORMULA.search(inner)
    if formula is None:
        return None
    cached = _CACHED.search(inner)
    if cached is not None:
        value = cached.group(1)
        if value and value.strip():
            return None
        kind = _TYPE.search(attrs)
        if kind is not None and kind.group(1) == b"str":
            return None
    text = _unescape((formula.group(2) or b"").decode("utf-8", "replace")).strip()
    if text:
        return text
    kind = _TYPE.search(formula.group(1))
    return SHARED_FORMULA if kind is not None and kind.group(1) == b"shared" else "（公式）"


class ExtentScanner:
    """Feed a sheet part's bytes chunk by chunk; ``extent`` is (rows, cols) counted from A1.

    ``mode`` ends as ``fast`` or ``tokens`` (extent valid), ``needs-tokens`` (a value cell without
    ``r`` was seen: feed the whole part again to ``ExtentScanner(tokens=True)``) or
    ``too-complex`` (one tag or cell over 4 MB: no genuine sheet has one). ``uncached`` maps the
    0-based (row, col) of each formula cell without a cached value to its formula text as stored
    (no leading ``=``; see :func:`uncached_formula`), at most ``MAX_UNCACHED`` of them.
    """

    def __init__(self, tokens: bool = False) -> None:
        self.mode = TOKENS if tokens else FAST
        self.max_row = -1
        self.max_col = -1
        self.uncached: dict[tuple[int, int], str] = {}
        self._carry = b""
        self._row = -1
        self._col = -1

    @property
    def extent(self) -> tuple[int, int]:
        return self.max_row + 1, self.max_col + 1

    def feed(self, chunk: bytes) -> None:
        if self.mode in (NEEDS_TOKENS, TOO_COMPLEX):
            return
        data = self._carry + chunk if self._carry else chunk
        done = self._tokens(data) if self.mode == TOKENS else self._cells(data)
        if self.mode == NEEDS_TOKENS:
            return
        self._carry = data[_keep_from(data, done) :]
        if len(self._carry) > MAX_TAG:
            self.mode = TOO_COMPLEX

    def close(self) -> None:
        carry, self._carry = self._carry, b""
        if carry and self.mode in (FAST, TOKENS):
            self._unclosed(carry)  # a cell never closed: a lenient parser may still place its value

    def _unclosed(self, data: bytes) -> None:
        """Count, as values, the cells opened in ``data`` and never closed."""
        for m in _ANY_CELL.finditer(data):
            ref = _REF.search(m.group(1))
            if ref and ref.group(1):
                self.max_row = max(self.max_row, int(ref.group(2)) - 1)
                self.max_col = max(self.max_col, _col(ref.group(1)))

    def _note(self, row: int, col: int, attrs: bytes, inner: bytes) -> None:
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col
        if len(self.uncached) < MAX_UNCACHED:
            text = uncached_formula(attrs, inner)
            if text is not None:
                self.uncached[(row, col)] = text

    def _cells(self, data: bytes) -> int:
        """Place every complete value cell; return where the last one ended."""
        done = 0
        for m in _VALUE_CELL.finditer(data):
            inner = m.group(2)
            if inner and not inner.isspace():  # <c r="B7" s="1"></c>: style only
                attrs = m.group(1)
                ref = _REF.search(attrs)
                if ref is None or not ref.group(1) or not _balanced(attrs):
                    self.mode = NEEDS_TOKENS
                    return done
                self._note(int(ref.group(2)) - 1, _col(ref.group(1)), attrs, inner)
            done = m.end()
        return done

    def _tokens(self, data: bytes) -> int:
        done = 0
        for m in _TOKEN.finditer(data):
            done = m.end()
            if m.group(1):  # <row>
                ref = _REF.search(m.group(2))
                self._row = int(ref.group(2)) - 1 if ref else self._row + 1
                self._col = -1
                continue
            attrs = m.group(3)
            ref = _REF.search(attrs)
            if ref and ref.group(1):
                self._row = int(ref.group(2)) - 1
                self._col = _col(ref.group(1))
            else:
                self._col += 1
            inner = m.group(4)
            if inner and not inner.isspace():
                self._note(self._row, self._col, attrs, inner)
        return done


def _balanced(attrs: bytes) -> bool:
    return not (attrs.count(b'"') & 1 or (b"'" in attrs and attrs.count(b"'") & 1))


def _keep_from(data: bytes, done: int) -> int:
    """Where the bytes not yet accounted for start: an unclosed cell, or a tag cut off at the end."""
    opened = _OPEN_CELL.search(data, done)
    if opened is not None:
        return opened.start()  # its </c> is in a later chunk
    cut = data.rfind(b"<", done)
    if cut >= 0 and not _COMPLETE_TAG.match(data, cut):
        return cut
    return len(data)


# --- .xlsb (BIFF12) ------------------------------------------------------------------------------

_ROW_HDR = 0x0000
_CELL_RECORDS = frozenset(range(0x0002, 0x000C)) | {0x003E}  # BrtCellRk … BrtFmlaError, BrtCellRString
_COL_INFO = 0x003C
_MERGE_CELL = 0x00B0
_NEED = {_ROW_HDR: 4, _COL_INFO: 17, _MERGE_CELL: 16, **{t: 4 for t in _CELL_RECORDS}}
MAX_MERGES = 100_000
_U32 = struct.Struct("<I")
_U32X4 = struct.Struct("<IIII")


class Biff12Scanner:
    """Feed an .xlsb sheet part chunk by chunk: ``extent`` of the value cells (rows, cols from A1),
    ``merges`` (0-based first_row, first_col, last_row, last_col) and ``hidden_cols`` (0-based).

    Cells are the records calamine places in its grid (BrtCellRk … BrtFmlaError; BrtCellBlank is
    formatting only); a record's body is skipped without being buffered, whatever size it claims.
    """

    mode = FAST

    def __init__(self) -> None:
        self.max_row = -1
        self.max_col = -1
        self.merges: list[tuple[int, int, int, int]] = []
        self.hidden_cols: set[int] = set()
        self.uncached: dict[tuple[int, int], str] = {}  # BIFF12 formulas always carry a value
        self._row = 0
        self._carry = b""
        self._skip = 0

    @property
    def extent(self) -> tuple[int, int]:
        return self.max_row + 1, self.max_col + 1

    def close(self) -> None:
        self._carry = b""

    def feed(self, chunk: bytes) -> None:
        if self._skip:
            if len(chunk) <= self._skip:
                self._skip -= len(chunk)
                return
            chunk = chunk[self._skip :]
            self._skip = 0
        data = self._carry + chunk if self._carry else chunk
        n = len(data)
        pos = 0
        need_of = _NEED.get
        while pos < n:
            start = pos
            b = data[pos]
            pos += 1
            rtype = b & 0x7F
            if b & 0x80:
                if pos >= n:
                    pos = start
                    break
                rtype |= (data[pos] & 0x7F) << 7
                pos += 1
            size = 0
            shift = 0
            complete = False
            while pos < n and shift < 28:
                b = data[pos]
                pos += 1
                size |= (b & 0x7F) << shift
                shift += 7
                if not b & 0x80:
                    complete = True
                    break
            if not complete:
                if shift >= 28:  # a fifth size byte: not BIFF12; stop reading this part
                    pos = n
                    break
                pos = start
                break
            need = need_of(rtype)
            if need is not None and size >= need:
                if pos + need > n:
                    pos = start  # the fields needed are in the next chunk
                    break
                self._record(rtype, data, pos)
            if pos + size > n:
                self._skip = pos + size - n
                pos = n
                break
            pos += size
        self._carry = data[pos:]

    def _record(self, rtype: int, data: bytes, pos: int) -> None:
        if rtype in _CELL_RECORDS:
            col = _U32.unpack_from(data, pos)[0]
            if self._row > self.max_row:
                self.max_row = self._row
            if col > self.max_col:
                self.max_col = col
        elif rtype == _ROW_HDR:
            self._row = _U32.unpack_from(data, pos)[0]
        elif rtype == _MERGE_CELL:
            if len(self.merges) < MAX_MERGES:
                r1, r2, c1, c2 = _U32X4.unpack_from(data, pos)
                self.merges.append((r1, c1, r2, c2))
        elif rtype == _COL_INFO and data[pos + 16] & 0x01:  # fHidden
            first, last = _U32.unpack_from(data, pos)[0], _U32.unpack_from(data, pos + 4)[0]
            self.hidden_cols.update(range(first, min(last, 16383) + 1))
