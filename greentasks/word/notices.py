"""催报通知 and 督办通知: one A4 portrait page per unit, in the format of ``page``.

A notice names the unit, what it owes (the returns it has not sent, the work overdue or 滞后,
each with its 完成时限 as the ledger prints it, and in a 督办 its task's 责任领导), by when to
answer, the office's contact, and the office and date as signature. It is one page, never two:
a unit with more items than fit lists as many as fit in a 小四 table and ends with "另有N项，
详见总台账". What fits is worked out here from the page's geometry (exact line heights, the
columns' widths, the characters' widths), with a margin for the differences between Word, WPS
and LibreOffice; the tests convert the notices of a big office with LibreOffice and count the
pages.

Plain data in (:class:`UnitNotice`), a .docx out; nothing here reads the database.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt

from ..domain.planclock import cn_date
from . import page

CHASE: Final = "催报"
PUSH: Final = "督办"
KINDS: Final = (CHASE, PUSH)

# The table: 序号, 具体工作 (with its task), 完成时限, 目前情况 (156 mm, the body's width).
HEADER: Final = ("序号", "具体工作", "完成时限", "目前情况")
WIDTHS_MM: Final = (13.0, 75.0, 38.0, 30.0)
TABLE_SIZE: Final = page.SIZE_SMALL_4
TABLE_LINE: Final = Pt(16)  # exact: the same height in Word, WPS and LibreOffice
CELL_MARGIN_PT: Final = 5.4  # Word's default left and right cell margins (0.19 cm)
ROW_EXTRA_PT: Final = 1.0  # a row's borders
TITLE_LINE: Final = Pt(34)
# When not every item fits, the work's text is cut to this many lines so that more items do.
COMPACT_LINES: Final = 2

BODY_HEIGHT_PT: Final = (297 - 37 - 35) * 72 / 25.4  # 637.8 pt
BODY_WIDTH_PT: Final = page.BODY_WIDTH.pt
LINE_PT: Final = page.LINE_PITCH.pt
# Kept free at the foot of the page for what the estimate cannot know (another office suite's
# line breaking, a font a little wider than 仿宋): most of a body line.
SAFETY_PT: Final = LINE_PT * 0.8


@dataclass(frozen=True)
class NoticeItem:
    """One piece of work the notice names."""

    task_no: int
    task_title: str
    measure: str
    deadline_text: str  # as printed: "2023年6月底前" or "原定2023年6月底前，已批准延期至2023年9月底前"
    state: str  # 已逾期12天 / 进度滞后 / 已逾期12天、进度滞后
    shared_with: str = ""  # a member's share of a collective's work: the collective (各乡镇（街道）)
    leader: str = ""  # 督办: the task's 责任领导 ("、" between names), a line under the work

    def cells(self, n: int, *, compact: bool = False) -> list[str]:
        """The row's cells; ``compact``: the work's text cut to :data:`COMPACT_LINES` lines (the
        责任领导 line under it is never cut)."""
        measure = f"{self.measure}（{self.shared_with}共同任务）" if self.shared_with else self.measure
        work = f"任务{self.task_no}：{measure}"
        if compact:
            work = clip(work, column_width(1), TABLE_SIZE.pt, COMPACT_LINES)
        if self.leader:
            work += f"\n责任领导：{self.leader}"  # a line break in the cell (python-docx writes <w:br/>)
        return [str(n), work, self.deadline_text or "未填写", self.state]


@dataclass
class UnitNotice:
    """What one unit's notice says, as plain values (services.notices gathers them)."""

    kind: str  # 催报 or 督办
    unit: str
    period_label: str  # 2023年第二季度
    plan_title: str
    doc_no: str
    dated: date  # the notice's date (signature)
    reply_by: date  # by when the unit answers
    seen_on: date  # the day the state it describes is read on (截至…)
    office: str
    contact: str = ""
    phone: str = ""
    report_due: date | None = None  # 催报: the day the period's returns were due
    owed_periods: list[str] = field(default_factory=list)  # 催报: the periods in a row not sent, oldest first
    owed: int = 0  # 催报: the pieces of work it reports on
    items: list[NoticeItem] = field(default_factory=list)  # overdue or 滞后, most urgent first
    missing_too: bool = False  # 督办: the unit has not sent this period's return either
    shares_only: bool = False  # every item is a share of a collective's work (承担, not 牵头)

    @property
    def title(self) -> str:
        return f"{self.kind}通知"


    # -- the words ---------------------------------------------------------------------------------
    def opening(self) -> str:
        basis = f"根据《{self.plan_title}》（{self.doc_no}）任务分工"
        if self.kind == CHASE:
            due = f"应于{cn_date(self.report_due)}前" if self.report_due else "应"
            text = (f"{basis}，你单位{due}报送{self.period_label}进展情况（应报{self.owed}项工作），"
                    f"截至{cn_date(self.seen_on)}尚未报送")
            if len(self.owed_periods) > 1:
                text += f"，已连续{len(self.owed_periods)}期未报送（{self.owed_periods[0]}起）"
            text += "。"
            if self.items:
                text += f"其中以下{len(self.items)}项工作已逾期或进度滞后，请一并说明原因和整改措施："
            return text
        whose = "承担" if self.shares_only else "牵头"
        return (f"{basis}和{self.period_label}进展报送情况，截至{cn_date(self.seen_on)}，你单位{whose}的以下"
                f"{len(self.items)}项工作已逾期或进度滞后，现予督办：")

    def closing(self) -> str:
        if self.kind == CHASE:
            what = "各期" if len(self.owed_periods) > 1 else self.period_label
            return (f"请你单位于{cn_date(self.reply_by)}前按下发的进展情况表将{what}进展情况报送{self.office}。"
                    "逾期仍未报送的，将在督查通报中予以通报。")
        also = f"，并补报{self.period_label}进展情况" if self.missing_too else ""
        return (f"请你单位高度重视，逐项分析原因、明确整改措施和完成时间，于{cn_date(self.reply_by)}前将办理情况"
                f"书面报送{self.office}{also}。")

    def contact_lines(self) -> list[str]:
        """联系人 and 联系电话 on one line, or on two when they do not fit on one (blanks to
        write in by hand when the settings have none)."""
        blank = "\u3000" * 5
        who, phone = f"联系人：{self.contact or blank}", f"联系电话：{self.phone or blank}"
        one = f"{who}\u3000\u3000{phone}"
        return [one] if lines_needed(one, BODY_WIDTH_PT, page.SIZE_3.pt) == 1 else [who, phone]

    def file_name(self, period_code: str) -> str:
        """2023Q2_区发展改革委_催报通知.docx (the code sorts; the documents print the period in words)."""
        return f"{period_code}_{safe_name(self.unit)}_{self.kind}通知.docx"


def safe_name(text: str) -> str:
    """A unit's name as part of a file name on Windows."""
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text).strip(" .") or "单位"


# -- how much fits -----------------------------------------------------------------------------------

def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def text_width(text: str, size_pt: float) -> float:
    """The width of a run of text: Chinese characters and full-width signs one em (less the
    body's condensed spacing); digits and Latin letters 0.65 em (Times New Roman's digits are
    half an em, the DejaVu Serif LibreOffice takes for it on Linux nearly two thirds); and the
    quarter em Word, WPS and LibreOffice put between Chinese text and a number."""
    width = 0.0
    for i, ch in enumerate(text):
        width += size_pt + page.CONDENSE / 20 if _wide(ch) else size_pt * 0.65
        if i and ch != " " and text[i - 1] != " " and _wide(ch) != _wide(text[i - 1]):
            width += size_pt / 4
    return width


# Signs a line may not start with (they stay with the character before them) and signs a line
# may not end with (they go with the character after them): the line-breaking rules of Word,
# WPS and LibreOffice for Chinese text.
NOT_FIRST: Final = set("，。、；：？！）》」』】〕”’…—·%,.;:?!)]}")
NOT_LAST: Final = set("（《「『【〔“‘([{")


def _pieces(text: str) -> list[str]:
    """``text`` in the pieces a line is never broken inside: a Chinese character with the signs
    that cling to it, or a run of digits and Latin letters (a number, 023-71422222)."""
    pieces: list[str] = []
    for ch in text:
        last = pieces[-1] if pieces else ""
        clings = bool(last) and (ch in NOT_FIRST or last[-1] in NOT_LAST)
        same_word = bool(last) and not _wide(ch) and ch != " " and not _wide(last[-1]) and last[-1] != " "
        if clings or same_word:
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def lines_needed(text: str, width_pt: float, size_pt: float, *, indent_chars: float = 0) -> int:
    """How many lines ``text`` takes in a column ``width_pt`` wide: laid piece by piece
    (:func:`_pieces`; Chinese breaks between any two characters), a quarter of a character kept
    spare on every line for a font a little wider than the one measured. A line break in the
    text (a cell's 责任领导 line) starts a new line."""
    if "\n" in text:
        first, *rest = text.split("\n")
        return (lines_needed(first, width_pt, size_pt, indent_chars=indent_chars)
                + sum(lines_needed(line, width_pt, size_pt) for line in rest))
    usable = width_pt - size_pt / 4
    lines, used = 1, indent_chars * size_pt
    before = ""
    for piece in _pieces(text):
        w = text_width(before + piece, size_pt) - text_width(before, size_pt) if before else text_width(piece, size_pt)
        if used > 0 and used + w > usable:
            lines += 1
            used = 0.0
            w = text_width(piece, size_pt)  # no gap at the start of a line
        while w > usable:  # a piece longer than a line (a long number) is broken inside after all
            lines += 1
            w -= usable
        used += w
        before = piece[-1]
    return lines


def clip(text: str, width_pt: float, size_pt: float, lines: int) -> str:
    """``text``, cut with "…" where it would run past ``lines`` lines."""
    if lines_needed(text, width_pt, size_pt) <= lines:
        return text
    cut = len(text)
    while cut > 1 and lines_needed(text[:cut] + "…", width_pt, size_pt) > lines:
        cut -= 1
    return text[:cut] + "…"


def column_width(index: int) -> float:
    """The width text has in a column of the table (its width less the cell margins)."""
    return WIDTHS_MM[index] * 72 / 25.4 - 2 * CELL_MARGIN_PT


def row_height(cells: list[str]) -> float:
    lines = max(lines_needed(text, column_width(i), TABLE_SIZE.pt) for i, text in enumerate(cells))
    return lines * TABLE_LINE.pt + ROW_EXTRA_PT


def body_height(text: str, *, indent_chars: float = 2) -> float:
    return lines_needed(text, BODY_WIDTH_PT, page.SIZE_3.pt, indent_chars=indent_chars) * LINE_PT


def fixed_height(notice: UnitNotice) -> float:
    """Everything but the table and the blank line before the signature: title, addressee,
    opening, closing, contact, signature."""
    height = TITLE_LINE.pt + LINE_PT  # the title and the blank line below it
    height += body_height(f"{notice.unit}：", indent_chars=0)
    height += body_height(notice.opening())
    height += body_height(notice.closing())
    height += sum(body_height(line, indent_chars=0) for line in notice.contact_lines())
    height += body_height(notice.office, indent_chars=0) + LINE_PT  # office, date
    return height


@dataclass(frozen=True)
class Fit:
    """How the page is filled: the items listed, whether their work's text is cut
    (``compact``), and whether a blank line is left before the signature (only when everything
    fits with room for it)."""

    shown: int
    spaced: bool
    compact: bool = False

    def rest(self, notice: UnitNotice) -> int:
        return len(notice.items) - self.shown


def fit(notice: UnitNotice) -> Fit:
    """How many of the notice's items its one page lists, in their order: all of them, or as
    many as fit with the "另有N项，详见总台账" line below them (their work's text cut when that
    lists more)."""
    room = BODY_HEIGHT_PT - SAFETY_PT - fixed_height(notice)
    if not notice.items:
        return Fit(0, room >= LINE_PT)
    room -= row_height(list(HEADER))
    heights = [row_height(item.cells(n)) for n, item in enumerate(notice.items, start=1)]
    if sum(heights) <= room:
        return Fit(len(heights), sum(heights) + LINE_PT <= room)
    room -= LINE_PT  # the "另有N项" line
    full = _leading(heights, room)
    compact = _leading([row_height(item.cells(n, compact=True)) for n, item in enumerate(notice.items, start=1)],
                       room)
    return Fit(compact, False, compact=True) if compact > full else Fit(full, False)


def _leading(heights: list[float], room: float) -> int:
    """How many of the first rows fit in ``room``."""
    shown = 0
    for h in heights:
        if h > room:
            break
        room -= h
        shown += 1
    return shown


# -- the document ------------------------------------------------------------------------------------

def notice_document(notice: UnitNotice):
    """The notice as a python-docx Document (one page)."""
    doc = page.new_document()
    page.title(doc, notice.title)
    page.paragraph(doc, f"{notice.unit}：", indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    page.paragraph(doc, notice.opening())
    filled = fit(notice)
    if filled.shown:
        rows = [item.cells(n, compact=filled.compact) for n, item in enumerate(notice.items[:filled.shown], start=1)]
        table = page.table(doc, HEADER, rows, WIDTHS_MM, size=TABLE_SIZE)
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                    p.paragraph_format.line_spacing = TABLE_LINE
    rest = filled.rest(notice)
    if rest:
        page.paragraph(doc, f"另有{rest}项，详见总台账。" if filled.shown else f"共{rest}项，详见总台账。")
    page.paragraph(doc, notice.closing())
    for line in notice.contact_lines():
        page.paragraph(doc, line, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    if filled.spaced:
        page.paragraph(doc, "")
    for text in (notice.office, cn_date(notice.dated)):
        p = page.paragraph(doc, text, indent_chars=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(page.SIZE_3.pt * 2)
    return doc


def write_notice(notice: UnitNotice, out: Path) -> Path:
    out = Path(out)
    notice_document(notice).save(str(out))
    return out


__all__ = ["CHASE", "KINDS", "PUSH", "Fit", "NoticeItem", "UnitNotice", "fit", "notice_document", "safe_name",
           "write_notice"]
