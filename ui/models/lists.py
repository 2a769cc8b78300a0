"""Column descriptions of the smaller tables: units, import history, files and row changes of an
import, documents, progress entries and change log of an assignment, missing units, scores."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from greentasks.domain.days import cn_date_text

from .. import style
from ..vocab import show
from .assignments import period_label
from .table import CENTER, RIGHT, Column, RowTableModel

translate = QCoreApplication.translate


def _dt(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


UNIT_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Columns", "单位名称"), lambda u: u.name, width=170),
    Column("aliases", QT_TRANSLATE_NOOP("Columns", "简称/别名"), lambda u: "、".join(u.aliases), width=200,
           tooltip=lambda u: "、".join(u.aliases) or None),
    Column("category", QT_TRANSLATE_NOOP("Columns", "类别"), lambda u: show(u.category), align=CENTER, width=90),
    Column("contact", QT_TRANSLATE_NOOP("Columns", "联系人"), lambda u: u.contact, width=90),
    Column("phone", QT_TRANSLATE_NOOP("Columns", "联系电话"), lambda u: u.phone, width=120),
    Column("lead", QT_TRANSLATE_NOOP("Columns", "牵头"), lambda u: u.lead or "", sort=lambda u: u.lead,
           align=CENTER, width=56),
    Column("cooperate", QT_TRANSLATE_NOOP("Columns", "配合"), lambda u: u.cooperate or "",
           sort=lambda u: u.cooperate, align=CENTER, width=56),
    # A member's shares of collectives' work; for a collective, how many members it has.
    Column("shares", QT_TRANSLATE_NOOP("Columns", "共同任务"), lambda u: u.shares or "",
           sort=lambda u: u.shares, align=CENTER, width=64),
    Column("members", QT_TRANSLATE_NOOP("Columns", "成员"), lambda u: len(u.members) or "",
           sort=lambda u: len(u.members), align=CENTER, width=52),
]

DOCUMENT_COLUMNS = [
    Column("doc_no", QT_TRANSLATE_NOOP("Columns", "文号"), lambda d: d.doc_no, width=190,
           tooltip=lambda d: d.doc_no),
    Column("title", QT_TRANSLATE_NOOP("Columns", "标题"), lambda d: d.title, width=400,
           tooltip=lambda d: d.title),
    Column("issuer", QT_TRANSLATE_NOOP("Columns", "发文机关"), lambda d: d.issuer, width=150),
    Column("issued_on", QT_TRANSLATE_NOOP("Columns", "成文日期"), lambda d: cn_date_text(d.issued_on),
           sort=lambda d: d.issued_on or "", align=CENTER, width=110),
    Column("status", QT_TRANSLATE_NOOP("Columns", "状态"), lambda d: show(d.status), align=CENTER, width=60),
    Column("repealed_by", QT_TRANSLATE_NOOP("Columns", "废止文件"), lambda d: d.repealed_by or "", width=150),
    Column("repealed_on", QT_TRANSLATE_NOOP("Columns", "废止日期"), lambda d: cn_date_text(d.repealed_on),
           sort=lambda d: d.repealed_on or "", align=CENTER, width=110),
    Column("tasks", QT_TRANSLATE_NOOP("Columns", "重点任务"), lambda d: d.tasks or "", sort=lambda d: d.tasks,
           align=CENTER, width=70),
]

BATCH_COLUMNS = [
    Column("created_at", QT_TRANSLATE_NOOP("Columns", "导入时间"), lambda b: _dt(b.created_at), align=CENTER,
           width=130),
    Column("kind", QT_TRANSLATE_NOOP("Columns", "类型"), lambda b: b.kind_label, align=CENTER, width=80),
    Column("file_name", QT_TRANSLATE_NOOP("Columns", "文件"), lambda b: b.file_name, width=300),
    Column("department", QT_TRANSLATE_NOOP("Columns", "单位"), lambda b: b.department or "", width=140),
    Column("period", QT_TRANSLATE_NOOP("Columns", "报送期"), lambda b: period_label(b.period), align=CENTER,
           width=116, sort=lambda b: b.period or ""),
    Column("rows", QT_TRANSLATE_NOOP("Columns", "行数"), lambda b: b.rows, align=RIGHT, width=56),
    Column("user", QT_TRANSLATE_NOOP("Columns", "操作人"), lambda b: b.user, width=90),
    Column("outcome", QT_TRANSLATE_NOOP("Columns", "状态"),
           lambda b: show("已撤销") if b.outcome == "undone" else show("已导入"), align=CENTER, width=70,
           tooltip=lambda b: b.undo_blocked_reason),
]


class BatchModel(RowTableModel):
    def foreground(self, row, column: Column) -> QColor | None:
        return QColor(style.MUTED) if row.outcome == "undone" else None


OUTCOME_LABELS = {
    "imported": QT_TRANSLATE_NOOP("Outcomes", "已导入"),
    "refused": QT_TRANSLATE_NOOP("Outcomes", "不能导入"),
    "duplicate": QT_TRANSLATE_NOOP("Outcomes", "重复，跳过"),
    "dry-run": QT_TRANSLATE_NOOP("Outcomes", "可以导入"),
    "cancelled": QT_TRANSLATE_NOOP("Outcomes", "已取消"),
    "skipped": QT_TRANSLATE_NOOP("Outcomes", "未处理"),
}
OUTCOME_TINTS = {"refused": "#FCE4E2", "duplicate": "#F1F3F5", "dry-run": "#EEF7EC", "imported": "#EEF7EC",
                 "skipped": "#F1F3F5"}


def shown_files(report) -> list:
    """The report's files, then what it passed over (not a spreadsheet, a lock file…) as rows
    saying why, so that nothing the clerk gave goes unmentioned."""
    from greentasks.errors import Problem
    from greentasks.services.outcomes import FileOutcome

    skipped = [FileOutcome(path=Path(p.name), name=p.name, outcome="skipped",
                           warnings=[Problem(p.reason, file=p.name, severity="warning")]) for p in report.passed]
    return [*report.files, *skipped]


def outcome_label(outcome: str) -> str:
    return translate("Outcomes", OUTCOME_LABELS.get(outcome, outcome))


FILE_COLUMNS = [
    Column("file", QT_TRANSLATE_NOOP("Columns", "文件"), lambda f: f.name, width=300,
           tooltip=lambda f: "\n".join([str(f.path), *([f.mail.words()] if f.mail else [])])),
    Column("outcome", QT_TRANSLATE_NOOP("Columns", "结果"), lambda f: outcome_label(f.outcome), align=CENTER,
           width=90),
    Column("department", QT_TRANSLATE_NOOP("Columns", "单位"), lambda f: f.department or "", width=140),
    Column("period", QT_TRANSLATE_NOOP("Columns", "报送期"), lambda f: period_label(f.period), align=CENTER,
           width=116, sort=lambda f: f.period or ""),
    Column("rows", QT_TRANSLATE_NOOP("Columns", "行数"), lambda f: f.rows, align=RIGHT, width=56),
    Column("changes", QT_TRANSLATE_NOOP("Columns", "改动"), lambda f: len(f.changes), align=RIGHT, width=56),
    Column("errors", QT_TRANSLATE_NOOP("Columns", "错误"), lambda f: len(f.errors) or "", align=RIGHT, width=56,
           sort=lambda f: len(f.errors)),
    Column("warnings", QT_TRANSLATE_NOOP("Columns", "提示"), lambda f: len(f.warnings) or "", align=RIGHT,
           width=56, sort=lambda f: len(f.warnings)),
    Column("first_problem", QT_TRANSLATE_NOOP("Columns", "说明"),
           lambda f: (f.errors or f.warnings)[0].message if (f.errors or f.warnings) else "", width=400,
           tooltip=lambda f: "\n".join(str(p) for p in [*f.errors, *f.warnings][:10]) or None),
]


class FileOutcomeModel(RowTableModel):
    def __init__(self, parent=None):
        # A zip's members and a mail's attachments share the file on disk: rows are told apart by
        # the name shown (名称.zip/内层文件.xlsx).
        super().__init__(FILE_COLUMNS, parent, key=lambda f: f.name)

    def background(self, row) -> QColor | None:
        colour = OUTCOME_TINTS.get(row.outcome)
        return QColor(colour) if colour else None


def _fields(change) -> str:
    return "；".join(f"{label}：{old or '（空）'} → {new or '（空）'}" for label, old, new in change.fields)


ROW_CHANGE_COLUMNS = [
    Column("row", QT_TRANSLATE_NOOP("Columns", "行"), lambda c: c.row, align=RIGHT, width=46),
    Column("task_no", QT_TRANSLATE_NOOP("Columns", "任务"), lambda c: c.task_no or "", align=CENTER, width=50),
    Column("department", QT_TRANSLATE_NOOP("Columns", "单位"), lambda c: c.department, width=130),
    Column("measure", QT_TRANSLATE_NOOP("Columns", "具体工作"), lambda c: c.measure, width=240),
    Column("period", QT_TRANSLATE_NOOP("Columns", "报送期"), lambda c: period_label(c.period), align=CENTER,
           width=116, sort=lambda c: c.period or ""),
    Column("action", QT_TRANSLATE_NOOP("Columns", "操作"), lambda c: getattr(c, "action", ""), align=CENTER,
           width=110),
    Column("fields", QT_TRANSLATE_NOOP("Columns", "改动（原 → 新）"), _fields, width=460, tooltip=_fields),
]

PROBLEM_COLUMNS = [
    Column("severity", QT_TRANSLATE_NOOP("Columns", "类型"),
           lambda p: translate("Outcomes", "错误") if p.severity == "error" else translate("Outcomes", "提示"),
           align=CENTER, width=50),
    Column("where", QT_TRANSLATE_NOOP("Columns", "位置"), lambda p: p.where(), width=260,
           tooltip=lambda p: p.where() or None),
    Column("message", QT_TRANSLATE_NOOP("Columns", "说明"), lambda p: p.message, width=520,
           tooltip=lambda p: p.message),
]


class ProblemModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(PROBLEM_COLUMNS, parent, key=id)

    def foreground(self, row, column: Column) -> QColor | None:
        return QColor("#B42318") if row.severity == "error" and column.key == "severity" else None


ENTRY_COLUMNS = [
    Column("period", QT_TRANSLATE_NOOP("Columns", "报送期"), lambda e: period_label(e["period"]), align=CENTER,
           width=116, sort=lambda e: e["period"] or ""),
    Column("status", QT_TRANSLATE_NOOP("Columns", "完成状态"), lambda e: show(e["status"]), align=CENTER, width=70),
    Column("progress", QT_TRANSLATE_NOOP("Columns", "进展情况"), lambda e: e["progress"], width=260,
           tooltip=lambda e: e["progress"] or None),
    Column("problems", QT_TRANSLATE_NOOP("Columns", "存在问题"), lambda e: e["problems"], width=160),
    Column("next_steps", QT_TRANSLATE_NOOP("Columns", "下步计划"), lambda e: e["next_steps"], width=160),
    Column("reporter", QT_TRANSLATE_NOOP("Columns", "填报人"), lambda e: e["reporter"], width=70),
    Column("reported_on", QT_TRANSLATE_NOOP("Columns", "填报日期"), lambda e: e["reported_on"] or "",
           align=CENTER, width=90),
    Column("source", QT_TRANSLATE_NOOP("Columns", "来源"),
           lambda e: e["source"] or translate("History", "手工录入"), width=200),
    Column("superseded", QT_TRANSLATE_NOOP("Columns", "备注"),
           lambda e: translate("History", "已被新报送替代") if e["superseded"] else "", width=110),
]


class EntryModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(ENTRY_COLUMNS, parent, key=lambda e: e["id"])

    def foreground(self, row, column: Column) -> QColor | None:
        return QColor(style.MUTED) if row["superseded"] else None


CHANGE_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Columns", "时间"), lambda c: c["at"][:16], align=CENTER, width=116),
    Column("field", QT_TRANSLATE_NOOP("Columns", "项目"), lambda c: c["field_label"], width=70),
    Column("old", QT_TRANSLATE_NOOP("Columns", "原值"), lambda c: c["old"] or "", width=90,
           tooltip=lambda c: c["old"] or None),
    Column("new", QT_TRANSLATE_NOOP("Columns", "新值"), lambda c: c["new"] or "", width=90,
           tooltip=lambda c: c["new"] or None),
    Column("user", QT_TRANSLATE_NOOP("Columns", "操作人"), lambda c: c["user"], width=70),
    Column("source", QT_TRANSLATE_NOOP("Columns", "来源"), lambda c: show(c["source"]), align=CENTER, width=50,
           tooltip=lambda c: c.get("file")),
    Column("note", QT_TRANSLATE_NOOP("Columns", "说明"), lambda c: c["note"] or c.get("file") or "", width=200,
           tooltip=lambda c: c["note"] or c.get("file") or None),
]

MISSING_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Columns", "单位"), lambda m: m.name, width=170),
    Column("category", QT_TRANSLATE_NOOP("Columns", "类别"), lambda m: show(m.category), align=CENTER, width=80),
    Column("owed", QT_TRANSLATE_NOOP("Columns", "应报分工"), lambda m: m.owed, align=RIGHT, width=70),
    Column("contact", QT_TRANSLATE_NOOP("Columns", "联系人"), lambda m: m.contact, width=80),
    Column("phone", QT_TRANSLATE_NOOP("Columns", "联系电话"), lambda m: m.phone, width=110),
]


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


SCORE_COLUMNS = [
    Column("rank", QT_TRANSLATE_NOOP("Columns", "名次"), lambda s: s.rank, align=CENTER, width=46),
    Column("department", QT_TRANSLATE_NOOP("Columns", "单位"), lambda s: s.department, width=160),
    Column("score", QT_TRANSLATE_NOOP("Columns", "得分"), lambda s: f"{s.score:g}", sort=lambda s: s.score,
           align=RIGHT, width=56),
    Column("lead", QT_TRANSLATE_NOOP("Columns", "牵头分工"), lambda s: s.lead, align=RIGHT, width=66),
    Column("owed", QT_TRANSLATE_NOOP("Columns", "应报"), lambda s: s.owed, align=RIGHT, width=46),
    Column("sent", QT_TRANSLATE_NOOP("Columns", "已报"), lambda s: s.sent, align=RIGHT, width=46),
    Column("on_time", QT_TRANSLATE_NOOP("Columns", "按时"), lambda s: s.on_time, align=RIGHT, width=46),
    Column("on_time_rate", QT_TRANSLATE_NOOP("Columns", "按时率"), lambda s: _pct(s.on_time, s.owed),
           sort=lambda s: s.on_time / s.owed if s.owed else 1.0, align=RIGHT, width=60),
    Column("done", QT_TRANSLATE_NOOP("Columns", "已完成"), lambda s: s.done, align=RIGHT, width=56),
    Column("overdue", QT_TRANSLATE_NOOP("Columns", "逾期"), lambda s: s.overdue, align=RIGHT, width=46),
    Column("behind", QT_TRANSLATE_NOOP("Columns", "滞后"), lambda s: s.behind, align=RIGHT, width=46),
    Column("missing_periods", QT_TRANSLATE_NOOP("Columns", "未报送期"),
           lambda s: "、".join(getattr(s, "missing_periods", []) or []), width=200),
]


class ScoreModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(SCORE_COLUMNS, parent, key=lambda s: s.department_id)

    def background(self, row) -> QColor | None:
        if row.score < 60:
            return style.tint("红")
        if row.score < 80:
            return style.tint("黄")
        return None
