"""Pieces every report shares: dates in Chinese, the plan's title, the light and status cells,
the office's signature line and the standard footnotes."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..domain.days import cn_date  # noqa: F401 - the reports name days with it
from ..domain.deadlines import DeadlineKind
from ..domain.periods import parse_period
from ..domain.rules import CLOSURE_PENDING, owes_return
from ..services.queries import AssignmentRow, Context, PlanRef
from ..services.settings import office_name
from .model import ALIGN_LEFT, Cell, Signature, SignatureBlock

DASH = "—"


class PlanInfo:
    """The plan's title and number as reports print them: the plan of the report's context."""

    def __init__(self, plan: PlanRef):
        self.title = plan.title
        self.doc_no = plan.doc_no

    @property
    def quoted(self) -> str:
        return f"《{self.title}》"

    def report_title(self, what: str) -> str:
        """《…实施意见》 then, on a second line, what the report is (重点任务推进情况表)."""
        return f"{self.quoted}\n{what}"


def office_of(session: Session, office: str | None) -> str:
    """``office``, or the office's setting (services.settings.office_name) when None."""
    return office if office is not None else office_name(session)


def office_item(office: str) -> str:
    """Who compiled the report (services.settings.office_name), as the header line names it."""
    return f"编制单位：{office}"


def info_line(ctx: Context, office: str) -> list[str]:
    """The line under the title: the compiling office, the period and the day, in words (never
    the period's code: that is for file names)."""
    return [office_item(office), f"报送期：{ctx.period.label}", f"统计截至：{cn_date(ctx.today)}"]


def stamp(ctx: Context) -> str:
    """The right side of every page's footer."""
    return f"{ctx.period.label}　截至{cn_date(ctx.today)}"


def light_cell(light: str, reasons: list[str] | None = None) -> Cell:
    return Cell(light, tint=light, bold=True, note="；".join(reasons or []))


def status_cell(status: str, closure: str | None) -> Cell:
    """已完成 shows whether the office has confirmed it (销号)."""
    return Cell(status, note=f"（{closure}）" if closure else "")


def deadline_cell(row: AssignmentRow) -> Cell:
    if row.deadline_kind == DeadlineKind.RECURRING and row.due:
        return Cell(row.deadline_text, note=f"（下次：{cn_date(row.due)}）")
    if row.deadline_kind == DeadlineKind.UNRECOGNISED and row.deadline_text.strip():
        return Cell(row.deadline_text, note="（时限未识别）")
    return Cell(row.deadline_text or DASH)


def task_cell(title: str, leader: str) -> Cell:
    """A 重点任务 cell: the title, and under it the task's 责任领导 when it names one (a line per
    task in the merged cell, which keeps the A4 columns as they are)."""
    return Cell(title, note=f"责任领导：{leader}" if leader else "")


def progress_note(lead: AssignmentRow, ctx: Context) -> str:
    """Says when the lead's latest progress is not from the report's period."""
    if lead.latest_period and lead.latest_period != ctx.period.code:
        latest = parse_period(lead.latest_period)
        return f"（最近一次报送：{latest.label if latest else lead.latest_period}）"
    # Never reported and still owing returns (done work owes none once no period is in question).
    if not lead.latest_period and owes_return(lead.role, lead.category, lead.status):
        return "（尚未报送进展）"
    return ""


def office_signatures(today: date) -> SignatureBlock:
    return SignatureBlock([Signature("制表人"), Signature("审核人"), Signature("签发人"),
                           Signature("制表日期", cn_date(today))], align=ALIGN_LEFT)


def light_footnote(ctx: Context) -> str:
    return (f"预警：红色为超过完成时限仍未完成（逾期）；黄色为{ctx.warn_days}天内到期、上报“滞后”"
            f"或未报送{ctx.period.label}进展；绿色为正常推进、长期坚持或已完成。预警由程序按完成时限和报送情况计算。")


def closure_footnote() -> str:
    return (f"已完成（{CLOSURE_PENDING}）为责任单位报已完成、尚待督查部门核实销号；"
            "已完成（已销号）为已核实销号。")


def example_footnote() -> str:
    return "本表含示例数据（初始化时载入、标记为“示例”的分工和报送），仅供熟悉程序使用。"


def numbered(notes: list[str]) -> list[str]:
    """Footnotes under a 说明： heading, numbered."""
    return ["说明：", *(f"{i}. {n}" for i, n in enumerate(notes, 1))] if notes else []
