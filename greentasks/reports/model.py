"""A printed report as plain data: what is on the paper, not how it is drawn.

A :class:`Report` is one or more :class:`Part` s; each part starts on a new page (a 督办单 is one
part per unit). A part has a title block, an optional summary line, tables and closing matter
(footnotes, signature lines). Tables have column specs, group headings (full-width rows) and rows
of cells; a cell may carry a *tint* — a warning light 红/黄/绿, or 蓝 in a notice — which the
renderer prints as a tinted cell while the word stays in the text, so black-and-white copies read
the same. Nothing here knows about Qt.

How the paper is filled is the renderer's business, within what the model asks: a row is never
split across pages unless it is taller than a page; the merged cells of a run of rows (a task
with several 具体工作) are printed again with "（续）" on each page the run reaches; a part marked
``one_page`` (a 督办单) always takes exactly one page, its type made smaller and, if that is not
enough, its table's last rows summed up in one line (``Table.more_text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Tints a renderer must know: the three lights, the notices' blue, and a neutral grey.
TINT_RED = "红"
TINT_YELLOW = "黄"
TINT_GREEN = "绿"
TINT_BLUE = "蓝"
TINT_GREY = "灰"
TINTS = (TINT_RED, TINT_YELLOW, TINT_GREEN, TINT_BLUE, TINT_GREY)

ALIGN_LEFT = "left"
ALIGN_CENTER = "center"
ALIGN_RIGHT = "right"

# Page numbering: through the whole report, or starting again in each part (one notice per unit).
NUMBER_REPORT = "report"
NUMBER_PART = "part"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # share of the table width (the widths of a table need not add up to 100)
    align: str = ALIGN_LEFT
    merge: bool = False  # equal consecutive cells within a group are printed as one (任务编号, 重点任务)


@dataclass
class Cell:
    text: str = ""
    tint: str | None = None
    bold: bool = False
    note: str = ""  # a smaller second paragraph: 待销号, the reasons for a light, …

    def plain(self) -> str:
        return f"{self.text}\n{self.note}" if self.note else self.text


@dataclass
class Row:
    cells: list[Cell]
    # What the row is about, for checks and for the screen; never printed.
    units: tuple[str, ...] = ()
    assignment_ids: tuple[int, ...] = ()

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Group:
    """A run of rows under a heading printed as one full-width row (no heading: none printed).
    A level-1 group may have no rows of its own when level-2 groups follow it."""

    heading: str
    rows: list[Row] = field(default_factory=list)
    level: int = 1


@dataclass
class Table:
    columns: list[Column]
    groups: list[Group] = field(default_factory=list)
    caption: str = ""  # a line above the table
    empty_text: str = "（无）"  # printed as a full-width row when there are no rows at all
    row_height_mm: float = 0  # a minimum, for rows to be written in by hand
    # What stands for the rows left out when a one-page part cannot hold them all ({n}: how many).
    more_text: str = ""
    tail: str = ""  # a full-width last row (the renderer puts more_text here when it leaves rows out)

    @property
    def rows(self) -> list[Row]:
        return [r for g in self.groups for r in g.rows]

    def column_index(self, title: str) -> int:
        return [c.title for c in self.columns].index(title)

    def column(self, title: str) -> list[str]:
        i = self.column_index(title)
        return [r.cells[i].text for r in self.rows]


@dataclass(frozen=True)
class Signature:
    label: str  # 制表人, 审核人, 签收时间 …
    value: str = ""  # empty: a line to write on


@dataclass
class SignatureBlock:
    """Signature lines: side by side on one line (align left), or stacked at the right as an
    issuing office signs a notice (align right: the values alone, e.g. the office and the date)."""

    items: list[Signature]
    align: str = ALIGN_LEFT


@dataclass
class Part:
    title: str  # "\n" marks where a long title should break
    subtitle: str = ""  # centred under the title (the document number, the unit …)
    tint: str | None = None  # a coloured band behind the title (the colour of a 督办单)
    number: str = ""  # right-aligned under the title: a notice's 编号
    info: list[str] = field(default_factory=list)  # one line: the first item left, the last right
    addressee: str = ""  # a notice's 主送 line, e.g. "区发展改革委："
    paragraphs: list[str] = field(default_factory=list)  # before the tables
    summary: str = ""  # the counts line
    summary_extra: str = ""  # a second, smaller counts line
    tables: list[Table] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # paragraphs after the tables
    footnotes: list[str] = field(default_factory=list)
    signatures: list[SignatureBlock] = field(default_factory=list)
    footer: str = ""  # the left side of every page's footer
    key: str = ""  # what the part is about (a unit's name for a notice), never printed
    one_page: bool = False  # always exactly one page (a notice): smaller type, then rows summed up


@dataclass
class Report:
    kind: str
    name: str  # 推进情况表, 督办单 … (window titles, file names, messages)
    parts: list[Part]
    as_of: date
    period: str  # the period code, e.g. 2023Q1 (file names only: the paper says 2023年第一季度)
    numbering: str = NUMBER_REPORT
    empty_message: str = ""  # why there are no parts (no unit needs a notice), for the clerk
    stamp: str = ""  # the right side of every page's footer: the period and the day, in words
    portrait: bool = False  # A4 portrait (a notice is a letter); landscape otherwise

    @property
    def is_empty(self) -> bool:
        return not self.parts

    @property
    def file_stem(self) -> str:
        """A file name without extension: 2023Q1_推进情况表."""
        return f"{self.period}_{self.name}"

    def plain_text(self) -> str:
        """Everything that is printed, as text in reading order (for checks and the clipboard)."""
        out: list[str] = []
        for part in self.parts:
            out += [part.title.replace("\n", ""), part.subtitle, part.number, *part.info, part.addressee,
                    *part.paragraphs, part.summary, part.summary_extra]
            for table in part.tables:
                out.append(table.caption)
                out.append(" | ".join(c.title for c in table.columns))
                for group in table.groups:
                    out.append(group.heading)
                    out += [" | ".join(c.plain() for c in row.cells) for row in group.rows]
                out.append(table.tail)
            out += [*part.closing, *part.footnotes]
            for block in part.signatures:
                out.append("  ".join(f"{s.label}：{s.value}" if s.label else s.value for s in block.items))
        return "\n".join(line for line in out if line)
