"""(f) 考评 ranking: the unit scores of services.scores as a ranked table."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..services.queries import Context
from ..services.scores import SCOPE_PERIOD, SCOPES, ScoreRules, UnitScore, scored_periods, unit_scores
from .common import PlanInfo, cn_date, numbered, office_item, office_of, office_signatures, stamp
from .model import ALIGN_CENTER, TINT_GREEN, TINT_RED, Cell, Column, Group, Part, Report, Row, Table

COLUMNS = [
    Column("名次", 5, ALIGN_CENTER),
    Column("单位", 19),
    Column("牵头分工", 7, ALIGN_CENTER),
    Column("配合分工", 7, ALIGN_CENTER),
    Column("应报送（期）", 8, ALIGN_CENTER),
    Column("按时报送", 7, ALIGN_CENTER),
    Column("迟报", 6, ALIGN_CENTER),
    Column("未报送", 6, ALIGN_CENTER),
    Column("已完成", 7, ALIGN_CENTER),
    Column("逾期", 6, ALIGN_CENTER),
    Column("滞后", 6, ALIGN_CENTER),
    Column("得分", 8, ALIGN_CENTER),
]

HIGHLIGHT = 3  # the best and the worst three are tinted when there are enough units


def _score_text(score: float) -> str:
    return f"{score:.1f}".rstrip("0").rstrip(".") if score != int(score) else str(int(score))


@dataclass
class Highlights:
    """Which ranked units are tinted, and the footnote that says so.

    Ranks are competition ranks (1, 2, 2, 4). Green: the units whose 名次 is among the first
    three (a tie for 第1名 or 第3名 brings in every unit of it). Red: the units whose 名次 is
    among the last three places (第N−2名 and after), and always the units tied for the last
    名次 — but not a tie that merely reaches down into those places from the middle of the
    table: sixteen units 并列第7名 of 24 are not 后3位, even though the tie covers place 22."""

    green: set[int]  # department ids
    red: set[int]
    note: str  # empty when nothing is tinted


def highlights(scores: list[UnitScore], n: int = HIGHLIGHT) -> Highlights:
    total = len(scores)
    if total < 2 * n:
        return Highlights(set(), set(), "")
    groups: dict[int, list[UnitScore]] = {}
    for s in scores:
        groups.setdefault(s.rank, []).append(s)
    last_rank = max(groups)
    green = {s.department_id for s in scores if s.rank <= n}
    red_ranks = [r for r in groups if (r > total - n or r == last_rank)
                 and not any(s.department_id in green for s in groups[r])]
    red = {s.department_id for r in red_ranks for s in groups[r]}
    green_text = f"名次前{n}位以绿色标示" + (f"（含并列，共{len(green)}个单位）" if len(green) != n else "")
    red_text = f"后{n}位（第{total - n + 1}名及以后）以红色标示"
    details = []
    if len(red) != n:
        named = "、".join(f"第{r}名" if len(groups[r]) == 1 else f"并列第{r}名" for r in sorted(red_ranks))
        details.append(f"{named}，共{len(red)}个单位" if red else "无")
    for r in sorted(groups):
        members = groups[r]
        end = r + len(members) - 1
        if r not in red_ranks and r <= total - n < end and members[0].department_id not in green:
            details.append(f"并列第{r}名的{len(members)}个单位占第{r}至{end}位，不计入后{n}位")
    if details:
        red_text += "（" + "；".join(details) + "）"
    return Highlights(green, red, f"{green_text}，{red_text}。")


def tie_note(scores: list[UnitScore]) -> str:
    """得分相同的单位名次并列：并列第1名2个单位、并列第7名16个单位。"""
    counts: dict[int, int] = {}
    for s in scores:
        counts[s.rank] = counts.get(s.rank, 0) + 1
    ties = [f"并列第{r}名{c}个单位" for r, c in sorted(counts.items()) if c > 1]
    return ("得分相同的单位名次并列：" + "、".join(ties) + "。") if ties else ""


def scores_report(session: Session, ctx: Context, *, scope: str = SCOPE_PERIOD,
                  rules: ScoreRules | None = None, office: str | None = None) -> Report:
    """The ranking; ``office`` compiles it (the office's setting when None)."""
    office = office_of(session, office)
    plan = PlanInfo(ctx.plan)
    rules = rules or ScoreRules()
    scores = unit_scores(session, ctx, scope=scope, rules=rules)
    periods = scored_periods(session, ctx, scope)
    span = periods[0].label if len(periods) == 1 else f"{periods[0].label}至{periods[-1].label}"
    marks = highlights(scores)
    rows = []
    for s in scores:
        tint = TINT_GREEN if s.department_id in marks.green else TINT_RED if s.department_id in marks.red else None
        rows.append(Row([
            # The 名次 stays a number (the Excel copy sorts it); the footnote names the ties.
            Cell(str(s.rank), tint=tint, bold=True),
            Cell(s.department), Cell(str(s.lead), note=f"（含共同任务{s.shared}）" if s.shared else ""),
            Cell(str(s.cooperating)),
            Cell(str(s.owed)), Cell(str(s.on_time)), Cell(str(s.late)), Cell(str(s.missing)),
            Cell(str(s.done), note=f"（待销号{s.pending_closure}）" if s.pending_closure else ""),
            Cell(str(s.overdue)), Cell(str(s.behind)), Cell(_score_text(s.score), tint=tint, bold=True),
        ], units=(s.department,)))
    table = Table(COLUMNS, [Group("", rows)] if rows else [], empty_text="没有承担牵头分工的单位。")
    average = sum(s.score for s in scores) / len(scores) if scores else 0
    summary = (f"参加考评单位{len(scores)}个；平均得分{average:.1f}分；"
               f"报送期{span}应报送{sum(s.owed for s in scores)}期次，按时报送{sum(s.on_time for s in scores)}期次，"
               f"迟报{sum(s.late for s in scores)}期次，未报送{sum(s.missing for s in scores)}期次")
    notes = [
        rules.describe(),
        f"报送：每个报送期应报送一次进展（报送期结束后{rules.return_due_days}天内为按时）；"
        "牵头承担尚未完成分工的单位应报送，集合名称（如“各乡镇（街道）”）不参加考评，"
        "交由集合承担的工作按各成员单位承担的分项（共同任务）计入成员单位，视同牵头。",
        f"已完成、逾期、滞后按本单位牵头的分工（含共同任务）统计，截至{cn_date(ctx.today)}。",
    ]
    if tie_note(scores):
        notes.append(tie_note(scores))
    if marks.note:
        notes.append(marks.note)
    part = Part(
        title=plan.report_title(f"重点任务推进考评排名表（{SCOPES[scope]}）"),
        subtitle=f"（{plan.doc_no}）",
        info=[office_item(office), f"考评报送期：{span}", f"统计截至：{cn_date(ctx.today)}"],
        summary=summary,
        tables=[table],
        footnotes=numbered(notes),
        signatures=[office_signatures(ctx.today)],
        footer="重点任务推进考评排名表",
    )
    return Report("scores", "考评排名表", [part], ctx.today, ctx.period.code, stamp=stamp(ctx))
