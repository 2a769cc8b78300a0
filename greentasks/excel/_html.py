"""HTML tables saved under a spreadsheet's name (OA/web exports, Excel's own "web page" flavour).

Parsed with the standard library's :class:`html.parser.HTMLParser` (no lxml; it knows only the
fixed HTML entity table and never reads a DTD). Each ``<table>`` is a sheet named by its
``<caption>``, else by a heading (h1–h6) just before it, else ``表1``, ``表2``…; tables with no
text are dropped (layout wrappers). ``colspan``/``rowspan`` become merged ranges, ``<br>`` and
block elements inside a cell become line breaks, runs of white space collapse as a browser shows
them. Excel's ``x:str`` marks a cell as text; ``x:num="…"`` carries the exact number; other cells
are typed as Excel types them on opening (see ``_grid.typed_text``).

A ``MIME-Version`` file (.mht, "single file web page") is unpacked with :mod:`email` and every
HTML part read in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from . import _grid
from . import _messages as msg
from ._text import canonical, decode_markup

MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
_WS = re.compile(r"[ \t\n\r\f]+")
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_SOFT = "\x01"  # a block boundary: a line break unless one is already there
_SOFT_RUN = re.compile(r"[ \n]*\x01[\x01 \n]*")
_ENTITY_DECL = re.compile(rb"<!\s*entity|<!doctype[^>\[]*\[", re.I)


@dataclass
class _Cell:
    parts: list[str] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    num: str | None = None
    is_str: bool = False


@dataclass
class _Table:
    index: int
    caption: list[str] = field(default_factory=list)
    heading: str = ""
    rows: list[list[_Cell]] = field(default_factory=list)
    row: list[_Cell] | None = None
    cell: _Cell | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.count = 0
        self.skip = 0  # inside <script>/<style>
        self.in_caption = False
        self.heading_parts: list[str] | None = None
        self.last_heading = ""

    # -- tags -----------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
            return
        table = self.stack[-1] if self.stack else None
        if tag == "table":
            self.stack.append(_Table(index=self.count, heading=self.last_heading))
            self.count += 1
            self.last_heading = ""
        elif table is None:
            if tag in _HEADINGS:
                self.heading_parts = []
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self._end_row(table)
            table.row = []
        elif tag in ("td", "th"):
            self._end_cell(table)
            if table.row is None:
                table.row = []
            a = {k.lower(): v for k, v in attrs}
            cell = _Cell(
                colspan=_span(a.get("colspan"), MAX_COLSPAN),
                rowspan=_span(a.get("rowspan"), MAX_ROWSPAN),
                num=a.get("x:num") or None,
                is_str="x:str" in a,
            )
            table.cell = cell
            table.row.append(cell)
        elif tag == "br":
            self._text("\n", hard=True)
        elif tag in _BLOCK:
            self._text(_SOFT, hard=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):  # <td/>: an empty cell
            self.handle_starttag(tag, attrs)
            if self.stack:
                self._end_cell(self.stack[-1])
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
            return
        if tag in _HEADINGS and self.heading_parts is not None and not self.stack:
            self.last_heading = _clean("".join(self.heading_parts)).replace("\n", " ")
            self.heading_parts = None
            return
        if not self.stack:
            return
        table = self.stack[-1]
        if tag == "table":
            self._end_row(table)
            self.stack.pop()
            self.done.append(table)
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th"):
            self._end_cell(table)
        elif tag == "tr":
            self._end_row(table)
        elif tag in _BLOCK:
            self._text(_SOFT, hard=True)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.stack:
            if self.heading_parts is not None:
                self.heading_parts.append(data)
            return
        self._text(data)

    def _text(self, data: str, hard: bool = False) -> None:
        if not self.stack:
            return
        table = self.stack[-1]
        if self.in_caption:
            table.caption.append(data if hard else _WS.sub(" ", data))
        elif table.cell is not None:
            table.cell.parts.append(data if hard else _WS.sub(" ", data))

    def _end_cell(self, table: _Table) -> None:
        table.cell = None

    def _end_row(self, table: _Table) -> None:
        self._end_cell(table)
        if table.row is not None:
            table.rows.append(table.row)
            table.row = None

    def close(self) -> None:
        super().close()
        while self.stack:
            table = self.stack.pop()
            self._end_row(table)
            self.done.append(table)


def _span(value: str | None, limit: int) -> int:
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return min(max(n, 1), limit)


def _clean(text: str) -> str:
    """Cell text as a browser shows it: one space for a run of blanks, lines trimmed."""
    text = _SOFT_RUN.sub("\n", text.replace("\xa0", " "))
    lines = [line.strip(" ") for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _value(cell: _Cell) -> object:
    text = _clean("".join(cell.parts))
    if cell.is_str:
        return text or None
    if cell.num is not None:
        typed = _grid.typed_text(text)
        if typed is not None and not isinstance(typed, (int, float, str)):
            return typed  # a date shown as a date
        try:
            return _grid.normalise(float(cell.num))
        except ValueError:
            pass
    return _grid.typed_text(text)


def _layout(
    table: _Table, file_name: str, name: str
) -> tuple[dict[tuple[int, int], object], list[_grid.Merge]]:
    n_rows = len(table.rows)
    taken: dict[int, set[int]] = {}
    cells: dict[tuple[int, int], object] = {}
    merges: list[_grid.Merge] = []
    area = 0
    for r, row in enumerate(table.rows):
        c = 0
        busy = taken.get(r, set())
        for cell in row:
            while c in busy:
                c += 1
            rowspan = min(cell.rowspan, n_rows - r)
            colspan = cell.colspan
            area += rowspan * colspan
            if area > _grid.MAX_CELLS:
                raise msg.refuse(file_name, msg.range_too_big(name, n_rows, _grid.column_letter(c + colspan)))
            value = _value(cell)
            if value is not None:
                cells[(r, c)] = value
            if rowspan > 1 or colspan > 1:
                merges.append((r, c, r + rowspan - 1, c + colspan - 1))
                for rr in range(r + 1, r + rowspan):
                    taken.setdefault(rr, set()).update(range(c, c + colspan))
            c += colspan
        taken.pop(r, None)
    return cells, merges


def _sheet_name(table: _Table, position: int, used: set[str]) -> str:
    caption = _clean("".join(table.caption)).replace("\n", " ")
    base = caption or table.heading or f"表{position}"
    base = _BAD_SHEET_CHARS.sub("_", base).strip()[:31] or f"表{position}"
    name, k = base, 2
    while name in used:
        name = f"{base[:27]}({k})"
        k += 1
    used.add(name)
    return name


def read_html_text(text: str, file_name: str) -> list[_grid.RawSheet]:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    sheets: list[_grid.RawSheet] = []
    used: set[str] = set()
    for table in sorted(parser.done, key=lambda t: t.index):
        provisional = f"表{len(sheets) + 1}"
        cells, merges = _layout(table, file_name, provisional)
        if not cells:
            continue  # an empty or purely layout table
        name = _sheet_name(table, len(sheets) + 1, used)
        sheets.append(_grid.from_sparse(name, False, cells, merges, file_name, normalised=True))
    if not sheets:
        raise msg.refuse(file_name, msg.html_without_table())
    return sheets


def check_safe(data: bytes, file_name: str) -> None:
    """An ENTITY declaration or a DOCTYPE with an internal subset has no business in an export."""
    if _ENTITY_DECL.search(data) or (b"\x00" in data and _ENTITY_DECL.search(data.replace(b"\x00", b""))):
        raise msg.refuse(file_name, msg.unsafe_xml())


def read_html(data: bytes, file_name: str) -> list[_grid.RawSheet]:
    check_safe(data, file_name)
    return read_html_text(decode_markup(data), file_name)


def read_mht(data: bytes, file_name: str) -> list[_grid.RawSheet]:
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.compat32)
    texts: list[str] = []
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        check_safe(payload, file_name)
        charset = canonical(part.get_content_charset() or "")
        if charset:
            try:
                texts.append(payload.decode(charset))
                continue
            except UnicodeDecodeError:
                pass
        texts.append(decode_markup(payload))
    if not texts:
        raise msg.refuse(file_name, msg.html_without_table())
    return read_html_text("\n".join(texts), file_name)
