"""督办单: one notice per unit that needs pushing, in the three colours offices use.

Each assignment a unit leads is an item of its notice when it is

* 红 — overdue (past its deadline and not done);
* 黄 — behind: reported 滞后, or no return for the period;
* 蓝 — due soon (within the warning window).

The notice takes the colour of its most severe item. Collective names (各乡镇（街道）) get no
notice: there is no one to send it to; each member whose share of the work needs pushing gets
its own (a share counts as work the member leads).

A notice is a letter to one unit: A4 portrait, exactly one page (the renderer makes the type
smaller and, for a unit with more items than a page holds, sums up the last ones as "另有N项，
详见总台账"), numbered within the period in words (2023年第二季度第3号), signed by the office that
issues it (services.settings.office_name) with its contact when the settings have one. A task
that names its 责任领导 has "责任领导：张三" under its title.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..domain import lights
from ..domain.rules import COLLECTIVE
from ..domain.statuses import BEHIND
from ..domain.vocabulary import ROLE_LEAD
from ..services.queries import AssignmentRow, Context, assignment_rows
from ..services.settings import CONTACT, PHONE, get_setting
from .common import PlanInfo, cn_date, deadline_cell, office_of, stamp, task_cell
from .model import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    NUMBER_PART,
    TINT_BLUE,
    TINT_RED,
    TINT_YELLOW,
    Cell,
    Column,
    Group,
    Part,
    Report,
    Row,
    Signature,
    SignatureBlock,
    Table,
)

REPLY_DAYS = 7
SEVERITY = (TINT_RED, TINT_YELLOW, TINT_BLUE)  # most severe first
COLOUR_WORD = {TINT_RED: "红色", TINT_YELLOW: "黄色", TINT_BLUE: "蓝色"}

# Portrait: seven columns; the state is in 督办事由 (已逾期12天；上报状态为滞后) and the date to act
# by under 工作要求.
COLUMNS = [
    Column("序号", 7, ALIGN_CENTER),
    Column("等级", 7, ALIGN_CENTER),
    Column("重点任务", 14),
    Column("具体工作", 25),
    Column("完成时限", 12, ALIGN_CENTER),
    Column("督办事由", 16),
    Column("工作要求", 19),
]
MORE_TEXT = "另有{n}项，详见总台账"


@dataclass
class NoticeItem:
    row: AssignmentRow
    level: str
    overdue: bool = False
    behind: bool = False
    missing: bool = False
    due_soon: bool = False
    reasons: list[str] = field(default_factory=list)
    shared_with: str = ""  # a member's share: the collective whose common work it is

    @property
    def measure(self) -> str:
        return f"{self.row.measure}（{self.shared_with}共同任务）" if self.shared_with else self.row.measure


def classify(row: AssignmentRow, ctx: Context) -> NoticeItem | None:
    """The notice item for one assignment, or None when it needs no pushing."""
    if (row.role != ROLE_LEAD and row.parent_id is None) or row.category == COLLECTIVE:
        return None
    overdue = lights.is_overdue(row.status, row.due, ctx.today)
    behind = row.status == BEHIND
    missing = row.owes and not row.reported
    due_soon = lights.is_due_soon(row.status, row.due, ctx.today, ctx.warn_days)
    if overdue:
        level = TINT_RED
    elif behind or missing:
        level = TINT_YELLOW
    elif due_soon:
        level = TINT_BLUE
    else:
        return None
    reasons = lights.reasons(status=row.status, due=row.due, today=ctx.today, warn_days=ctx.warn_days,
                             missing_return=missing, missing_period=ctx.period)
    return NoticeItem(row, level, overdue, behind, missing, due_soon, reasons)


def _requirements(item: NoticeItem, ctx: Context, reply_by: date) -> tuple[str, str]:
    """What is expected, and by when."""
    asks: list[str] = []
    if item.overdue:
        asks.append("说明逾期原因，明确整改措施和完成时间，抓紧办结")
    elif item.behind:
        asks.append("分析滞后原因，制定赶进措施，确保按期完成")
    elif item.due_soon:
        asks.append("倒排工期、压实责任，确保按期完成")
    if item.missing:
        asks.append(f"补报{ctx.period.label}进展情况")
    if item.level == TINT_BLUE and item.row.due:
        return "；".join(asks), f"{cn_date(item.row.due)}前完成"
    return "；".join(asks), f"{cn_date(reply_by)}前报送"


def _counts(items: list[NoticeItem], ctx: Context) -> str:
    parts = [
        (sum(i.overdue for i in items), "已逾期{}项"),
        (sum(i.behind and not i.overdue for i in items), "进度滞后{}项"),
        (sum(i.missing for i in items), f"未报送{ctx.period.label}进展{{}}项"),
        (sum(i.due_soon and not (i.overdue or i.behind or i.missing) for i in items), f"{ctx.warn_days}天内到期{{}}项"),
    ]
    return "、".join(text.format(n) for n, text in parts if n)


def _whose(items: list[NoticeItem]) -> str:
    """牵头, or 承担 when some items are the unit's shares of a collective's work (各乡镇（街道）)."""
    if all(i.row.parent_id is None for i in items):
        return "牵头"
    return "承担" if all(i.row.parent_id is not None for i in items) else "牵头和承担"


def notice_number(ctx: Context, seq: int) -> str:
    """编号 within the period, in words: 2023年第二季度第3号 (no leading zeros, as 文号 are written)."""
    return f"{ctx.period.label}第{seq}号"


def notice_part(unit: str, items: list[NoticeItem], seq: int, ctx: Context, plan: PlanInfo,
                reply_by: date, office: str, contact: str = "", phone: str = "") -> Part:
    items = sorted(items, key=lambda i: (SEVERITY.index(i.level), i.row.task_no, i.row.position))
    level = items[0].level
    colour = COLOUR_WORD[level]
    number = notice_number(ctx, seq)
    rows = []
    for n, item in enumerate(items, 1):
        a = item.row
        ask, by_when = _requirements(item, ctx, reply_by)
        rows.append(Row([
            Cell(str(n)), Cell(item.level, tint=item.level, bold=True),
            task_cell(f"{a.task_no}. {a.task_title}", a.leader),  # 责任领导 under the title, when it names one
            Cell(item.measure), deadline_cell(a), Cell("；".join(item.reasons)),
            # The date to act by when it is not the one the closing paragraph gives (due-soon work).
            Cell(ask, note=f"（{by_when}）" if by_when != f"{cn_date(reply_by)}前报送" else ""),
        ], units=(unit,), assignment_ids=(a.id,)))
    return Part(
        title=f"督办单（{colour}）",
        subtitle=f"（{plan.doc_no}重点任务推进）",
        tint=level,
        number=f"编号：{number}",
        addressee=f"{unit}：",
        paragraphs=[
            f"根据{plan.quoted}（{plan.doc_no}）任务分工和{ctx.period.label}进展报送情况，截至{cn_date(ctx.today)}，"
            f"你单位{_whose(items)}的以下{len(items)}项工作需要加快推进（{_counts(items, ctx)}），现予{colour}督办。"
        ],
        tables=[Table(COLUMNS, [Group("", rows)], more_text=MORE_TEXT)],
        closing=[
            f"请你单位高度重视，对照上述事项逐项抓好落实，于{cn_date(reply_by)}前将办理情况"
            f"（书面材料加盖单位公章）报送{office}。推进不力、逾期未办结的事项，将按有关规定予以通报。",
        ],
        signatures=[
            SignatureBlock([Signature("联系人", contact), Signature("联系电话", phone)]),
            SignatureBlock([Signature("", office), Signature("", cn_date(ctx.today))], align=ALIGN_RIGHT),
            SignatureBlock([Signature("签收单位", unit), Signature("签收人"), Signature("签收时间")]),
        ],
        footer=f"督办单（{colour}）　{unit}",
        key=unit,
        one_page=True,
    )


def notices_report(session: Session, ctx: Context, department: str | None = None, *,
                   reply_days: int = REPLY_DAYS, office: str | None = None) -> Report:
    """(e) The 督办单 of every unit that needs one (most severe first), or of the one unit named;
    issued by ``office`` (the office's setting when None)."""
    office = office_of(session, office)
    contact, phone = get_setting(session, CONTACT).strip(), get_setting(session, PHONE).strip()
    plan = PlanInfo(ctx.plan)
    by_unit: dict[str, list[NoticeItem]] = defaultdict(list)
    rows = assignment_rows(session, ctx)
    collective_of = {r.id: r.department for r in rows if r.category == COLLECTIVE}
    for row in rows:
        if department and row.department != department:
            continue
        item = classify(row, ctx)
        if item is not None:
            item.shared_with = collective_of.get(row.parent_id or 0, "")
            by_unit[row.department].append(item)
    order = sorted(by_unit, key=lambda u: (min(SEVERITY.index(i.level) for i in by_unit[u]),
                                           -len(by_unit[u]), u))
    reply_by = ctx.today + timedelta(days=reply_days)
    parts = [notice_part(u, by_unit[u], seq, ctx, plan, reply_by, office, contact, phone)
             for seq, u in enumerate(order, 1)]
    empty = (f"截至{cn_date(ctx.today)}，{department}没有需要督办的事项。" if department
             else f"截至{cn_date(ctx.today)}，没有需要督办的单位。")
    return Report("notice", "督办单" if not department else f"{department}督办单", parts, ctx.today,
                  ctx.period.code, numbering=NUMBER_PART, empty_message="" if parts else empty,
                  stamp=stamp(ctx), portrait=True)


def notice_colour(part: Part) -> str:
    """The colour word of a notice part (红色/黄色/蓝色)."""
    return COLOUR_WORD.get(part.tint or "", "")
