"""How far a worksheet's *values* reach, found before calamine is handed the file.

calamine builds a dense grid from the first to the last cell with a value: one stray value at
XFD1048576 asks it for 17 billion cells and the Rust allocator aborts the whole process (no Python
exception); one at IV65536 of an .xls costs a gigabyte and seconds. So the extent is measured here
first, streaming, and a sheet too large is refused (see ``_grid.MAX_CELLS``).

For .xlsx the sheet XML is scanned as the zip guard inflates it. A cell with a value is written
``<c r="B7" …>…</c>``, a style-only cell ``<c r="B7" s="1"/>`` (or, by writers built on lxml,
``<c r="B7" s="1"></c>``, which counts as style only too); so only the closing ``</c>`` tags
are searched for (a C-level scan; formatting down to row 1,048,576 costs nothing), and for each one
the start tag just before it gives the position. A value cell without an ``r`` attribute (legal:
it is placed by counting) switches the part to a slower tag-by-tag pass over the whole part.
"""

from __future__ import annotations

import re

_ATTRS = rb"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # attributes, quote-aware ('>' may occur in a value)
_COMPLETE_TAG = re.compile(rb"<" + _ATTRS + rb">")
_CLOSE_CELL = re.compile(rb"</(\w+:)?c>")
_TAG_NAME = re.compile(rb"<(/?)(?:\w+:)?([A-Za-z]\w*)")
_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])(" + _ATTRS + rb")>")
_EMPTY_CELL = re.compile(rb"\s*</(?:\w+:)?c>")
_REF = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{0,3})([0-9]{1,7})["']""")
_OUTSIDE_A_CELL = {b"row", b"sheetData", b"worksheet", b"c"}
MAX_TAG = 4 * 1024 * 1024  # a cell's XML (Excel allows 32,767 characters of text) is far smaller

FAST, NEEDS_TOKENS, TOKENS, TOO_COMPLEX = "fast", "needs-tokens", "tokens", "too-complex"


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n - 1


class ExtentScanner:
    """Feed a sheet part's bytes chunk by chunk; ``extent`` is (rows, cols) counted from A1.

    ``mode`` ends as ``fast`` or ``tokens`` (extent valid), ``needs-tokens`` (a value cell without
    ``r`` was seen: feed the whole part again to ``ExtentScanner(tokens=True)``) or
    ``too-complex`` (one tag or cell over 4 MB: no genuine sheet has one).
    """

    def __init__(self, tokens: bool = False) -> None:
        self.mode = TOKENS if tokens else FAST
        self.max_row = -1
        self.max_col = -1
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
        end = len(data)
        cut = data.rfind(b"<")
        if cut >= 0 and not _COMPLETE_TAG.match(data, cut):
            end = cut  # the last tag is cut off: keep it for the next chunk
        if self.mode == TOKENS:
            self._tokens(data, end)
            keep = end
        else:
            done = self._cells(data, end)
            if self.mode != FAST:
                return
            opened = _open_cell_start(data, done, end)
            keep = opened if opened >= 0 else end
        self._carry = data[keep:]
        if len(self._carry) > MAX_TAG:
            self.mode = TOO_COMPLEX

    def close(self) -> None:
        carry, self._carry = self._carry, b""
        if carry and self.mode == TOKENS:
            self._tokens(carry, len(carry))
        elif carry and self.mode == FAST:
            self._cells(carry, len(carry))

    def _cells(self, data: bytes, end: int) -> int:
        """Place every value cell closed before ``end``; return where the last one ended."""
        done = 0
        for m in _CLOSE_CELL.finditer(data, 0, end):
            opener = b"<" + (m.group(1) or b"") + b"c"
            start = m.start()
            while True:
                start = data.rfind(opener, done, start)
                if start < 0 or data[start + len(opener) : start + len(opener) + 1] in (
                    b" ",
                    b"\t",
                    b"\r",
                    b"\n",
                    b">",
                ):
                    break
            tag = _COMPLETE_TAG.match(data, start) if start >= 0 else None
            ref = _REF.search(tag.group()) if tag else None
            if ref is None or not ref.group(1):
                self.mode = NEEDS_TOKENS
                return done
            if not data[tag.end() : m.start()].strip():
                done = m.end()  # <c r="B7" s="1"></c>: style only, as lxml-backed writers write it
                continue
            row = int(ref.group(2)) - 1
            col = _col(ref.group(1))
            if row > self.max_row:
                self.max_row = row
            if col > self.max_col:
                self.max_col = col
            done = m.end()
        return done

    def _tokens(self, data: bytes, end: int) -> None:
        for m in _TOKEN.finditer(data, 0, end):
            attrs = m.group(2)
            ref = _REF.search(attrs)
            if m.group(1) == b"row":
                self._row = int(ref.group(2)) - 1 if ref else self._row + 1
                self._col = -1
                continue
            if ref and ref.group(1):
                self._row = int(ref.group(2)) - 1
                self._col = _col(ref.group(1))
            else:
                self._col += 1
            if not attrs.rstrip().endswith(b"/") and not _EMPTY_CELL.match(data, m.end()):
                self.max_row = max(self.max_row, self._row)
                self.max_col = max(self.max_col, self._col)


def _open_cell_start(data: bytes, lo: int, hi: int) -> int:
    """Where a value cell opened after ``lo`` and not yet closed before ``hi`` starts, or -1."""
    i = hi
    while True:
        i = data.rfind(b"<", lo, i)
        if i < 0 or hi - i > MAX_TAG:
            return -1
        m = _TAG_NAME.match(data, i)
        if m is None or m.group(2) not in _OUTSIDE_A_CELL:
            continue  # a child of a cell (<v>, <f>, <is>, <t>, rich-text runs) or a comment
        if m.group(1) or m.group(2) != b"c":
            return -1
        tag = _COMPLETE_TAG.match(data, i)
        return -1 if tag is not None and tag.group().endswith(b"/>") else i
