"""下发通知: the notice that goes out with the period's templates (关于报送…进展情况的通知), in
the format of ``page``: the period, the day returns are due, how to send them, the contact, and
as its 附件 the list of the units with their template's file name (the table may run on).

Plain data in (:class:`DispatchNotice`), a .docx out; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt

from ..domain.planclock import cn_date
from . import page

HEADER: Final = ("序号", "单位", "进展情况表文件名", "分工数")
WIDTHS_MM: Final = (13.0, 38.0, 87.0, 18.0)
TABLE_LINE: Final = Pt(16)
ADDRESSEES: Final = "各乡镇人民政府、街道办事处，区政府各部门，有关单位："
ATTACHMENT: Final = "各单位进展情况表清单"


@dataclass(frozen=True)
class DispatchUnit:
    name: str
    file_name: str  # its template (excel.templates.template_file_name)
    assignments: int  # the pieces of work its template lists


@dataclass
class DispatchNotice:
    period_label: str  # 2023年第二季度
    plan_title: str
    doc_no: str
    due: date  # the day returns are due (the period's end plus the reporting allowance)
    office: str
    dated: date
    contact: str = ""
    phone: str = ""
    units: list[DispatchUnit] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"关于报送《{self.plan_title}》重点任务{self.period_label}进展情况的通知"

    def sections(self) -> list[tuple[str, str]]:
        """The body's four paragraphs, each led by its heading (一、报送内容。 …)."""
        blank = "\u3000" * 4
        return [
            ("一、报送内容。", "请对照附件所列本单位进展情况表（Excel 文件），逐项填写本期完成状态、进展情况、存在问题和"
                         "下步计划；已完成的请写明完成时间和佐证材料，确需延期的请另行书面申请。"),
            ("二、报送时间。", f"请于{cn_date(self.due)}前报送。"),
            ("三、报送方式。", f"保持原文件名和表格格式（勿增删行列和隐藏内容），通过政务邮箱报送{self.office}。"),
            ("四、联系方式。", f"联系人：{self.contact or blank}，联系电话：{self.phone or blank}。"),
        ]


def _compact(table) -> None:
    """Table text on exact lines of its own (not the body's grid)."""
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                p.paragraph_format.line_spacing = TABLE_LINE


def dispatch_document(notice: DispatchNotice):
    """The 下发通知 as a python-docx Document."""
    doc = page.new_document()
    page.title(doc, notice.title)
    page.paragraph(doc, ADDRESSEES, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    page.paragraph(doc, f"为及时掌握《{notice.plan_title}》（{notice.doc_no}）重点任务推进情况，现将报送"
                        f"{notice.period_label}进展情况有关事项通知如下：")
    for heading, text in notice.sections():
        # The heading runs into its paragraph (黑体, then the body's 仿宋): the text stays on one page.
        p = page.paragraph(doc)
        page.add_run(p, heading, font=page.HEADING1_FONT)
        page.add_run(p, text)
    # The close stays together: a long office name or contact may push it over, but the date
    # never stands alone on a page.
    p.paragraph_format.keep_with_next = True
    for text in ("", f"附件：{ATTACHMENT}", ""):
        page.paragraph(doc, text, keep_with_next=True)
    for text, keep in ((notice.office, True), (cn_date(notice.dated), False)):
        p = page.paragraph(doc, text, indent_chars=0, align=WD_ALIGN_PARAGRAPH.RIGHT, keep_with_next=keep)
        p.paragraph_format.right_indent = Pt(page.SIZE_3.pt * 2)
    # 附件 on a page of its own: the label top left in 黑体, its title, the list (it may run on).
    label = page.paragraph(doc, "附件", font=page.HEADING1_FONT, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
    label.paragraph_format.page_break_before = True
    page.title(doc, ATTACHMENT)
    rows = [[str(n), u.name, u.file_name, str(u.assignments)] for n, u in enumerate(notice.units, start=1)]
    _compact(page.table(doc, HEADER, rows, WIDTHS_MM))
    page.paragraph(doc, f"共{len(notice.units)}个单位。", indent_chars=0)
    return doc


def write_dispatch_notice(notice: DispatchNotice, out: Path) -> Path:
    out = Path(out)
    dispatch_document(notice).save(str(out))
    return out


__all__ = ["DispatchNotice", "DispatchUnit", "dispatch_document", "write_dispatch_notice"]
