"""(f) 考评 ranking: the unit scores of services.scores as a ranked table."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..services.queries import Context
from ..services.scores import SCOPE_PERIOD, SCOPES, ScoreRules, scored_periods, unit_scores
from .common import PlanInfo, cn_date, numbered, office_signatures
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


def scores_report(session: Session, ctx: Context, *, scope: str = SCOPE_PERIOD,
                  rules: ScoreRules | None = None) -> Report:
    plan = PlanInfo(session)
    rules = rules or ScoreRules()
    scores = unit_scores(session, ctx, scope=scope, rules=rules)
    periods = scored_periods(session, ctx, scope)
    span = periods[0].label if len(periods) == 1 else f"{periods[0].label}至{periods[-1].label}"
    worst = {s.rank for s in scores[-HIGHLIGHT:]} if len(scores) >= 2 * HIGHLIGHT else set()
    rows = []
    for s in scores:
        tint = TINT_GREEN if s.rank <= HIGHLIGHT and len(scores) >= 2 * HIGHLIGHT else None
        if s.rank in worst and tint is None:
            tint = TINT_RED
        rows.append(Row([
            Cell(str(s.rank), tint=tint, bold=True), Cell(s.department), Cell(str(s.lead)), Cell(str(s.cooperating)),
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
        "牵头承担尚未完成分工的单位应报送，集合名称（如“各乡镇（街道）”）不参加考评。",
        f"已完成、逾期、滞后按本单位牵头的分工统计，截至{cn_date(ctx.today)}。",
    ]
    if len(scores) >= 2 * HIGHLIGHT:
        notes.append(f"名次前{HIGHLIGHT}位以绿色、后{HIGHLIGHT}位以红色标示。")
    part = Part(
        title=plan.report_title(f"重点任务推进考评排名表（{SCOPES[scope]}）"),
        subtitle=f"（{plan.doc_no}）",
        info=[f"考评报送期：{span}", f"统计截至：{cn_date(ctx.today)}"],
        summary=summary,
        tables=[table],
        footnotes=numbered(notes),
        signatures=[office_signatures(ctx.today)],
        footer="重点任务推进考评排名表",
    )
    return Report("scores", "考评排名表", [part], ctx.today, ctx.period.code)
