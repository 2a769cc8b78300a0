"""The assignment rows (queries.AssignmentRow) as a table, and the filter of the 分工 view."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from greentasks.domain.leaders import leader_matches
from greentasks.domain.rules import STATUS_ORDER

from .. import style
from ..vocab import show
from .table import CENTER, Column, RowFilterProxy, RowTableModel

LIGHT_ORDER = {"红": 0, "黄": 1, "绿": 2}

# Focus filters (关注): the overview's lists, by the flags the core computed.
FOCUS_OVERDUE = "overdue"
FOCUS_DUE_SOON = "due_soon"
FOCUS_PENDING = "pending"
FOCUS_MISSING = "missing"
FOCUS_UNRECOGNISED = "unrecognised"
FOCUS_LABELS = {
    FOCUS_OVERDUE: QT_TRANSLATE_NOOP("Filters", "已逾期"),
    FOCUS_DUE_SOON: QT_TRANSLATE_NOOP("Filters", "即将到期"),
    FOCUS_PENDING: QT_TRANSLATE_NOOP("Filters", "待销号"),
    FOCUS_MISSING: QT_TRANSLATE_NOOP("Filters", "本期未报送"),
    FOCUS_UNRECOGNISED: QT_TRANSLATE_NOOP("Filters", "完成时限未识别"),
}


def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


def _reasons(r) -> str | None:
    return "；".join(r.reasons) if r.reasons else None


def _closure(r) -> str:
    return show(r.closure) if r.closure else ""


@lru_cache(maxsize=256)
def period_label(code: str | None) -> str:
    """2023Q2 → 2023年第二季度 (codes stay in files and JSON; people read the words), cached:
    a table asks for it on every repaint."""
    from greentasks.domain.periods import period_words

    return period_words(code)


def _deadline_tip(r) -> str | None:
    if r.due is None:
        return r.deadline_text or None
    return QCoreApplication.translate("Columns", "{text}（截止 {due}）").format(text=r.deadline_text, due=_date(r.due))


# The columns that share a narrow table's width (weight, minimum width): the long texts, elided
# with their whole text in the tooltip, so that 截止日期, 完成状态 and 最新进展 always show.
ELASTIC = {"department": (1, 84), "measure": (3, 104), "latest_progress": (3, 104)}


COLUMNS = [
    Column("light", QT_TRANSLATE_NOOP("Columns", "预警"), lambda r: show(r.light),
           sort=lambda r: LIGHT_ORDER.get(r.light, 3), align=CENTER, width=50, tooltip=_reasons),
    Column("task_no", QT_TRANSLATE_NOOP("Columns", "任务"), lambda r: r.task_no, align=CENTER, width=42,
           tooltip=lambda r: f"{r.task_no}. {r.task_title}"),
    Column("task_title", QT_TRANSLATE_NOOP("Columns", "重点任务"), lambda r: r.task_title, width=180, visible=False),
    Column("section", QT_TRANSLATE_NOOP("Columns", "章节"), lambda r: r.section, width=160, visible=False),
    Column("leader", QT_TRANSLATE_NOOP("Columns", "责任领导"), lambda r: r.leader, width=90, visible=False,
           tooltip=lambda r: r.leader or None),
    Column("department", QT_TRANSLATE_NOOP("Columns", "责任单位"), lambda r: r.department, width=150,
           tooltip=lambda r: r.department),
    Column("role", QT_TRANSLATE_NOOP("Columns", "责任类型"), lambda r: show(r.role), align=CENTER, width=66),
    Column("measure", QT_TRANSLATE_NOOP("Columns", "具体工作"), lambda r: r.measure, width=330,
           tooltip=lambda r: r.measure),
    Column("deadline_text", QT_TRANSLATE_NOOP("Columns", "完成时限"), lambda r: r.deadline_text, width=120,
           sort=lambda r: (r.due or date.max).toordinal(), visible=False),
    Column("due", QT_TRANSLATE_NOOP("Columns", "截止日期"), lambda r: _date(r.due), align=CENTER, width=84,
           sort=lambda r: r.due.toordinal() if r.due else None,
           tooltip=lambda r: _deadline_tip(r)),
    Column("status", QT_TRANSLATE_NOOP("Columns", "完成状态"), lambda r: show(r.status), align=CENTER, width=68,
           sort=lambda r: STATUS_ORDER.get(r.status, 9)),
    Column("closure", QT_TRANSLATE_NOOP("Columns", "销号"), _closure, align=CENTER, width=56),
    Column("latest_period", QT_TRANSLATE_NOOP("Columns", "最新报送期"), lambda r: period_label(r.latest_period),
           sort=lambda r: r.latest_period, align=CENTER, width=112),
    Column("latest_progress", QT_TRANSLATE_NOOP("Columns", "最新进展"), lambda r: r.latest_progress or "",
           width=300, tooltip=lambda r: r.latest_progress or None),
    Column("latest_problems", QT_TRANSLATE_NOOP("Columns", "存在问题"), lambda r: r.latest_problems or "",
           width=200, visible=False),
    Column("latest_next_steps", QT_TRANSLATE_NOOP("Columns", "下步计划"), lambda r: r.latest_next_steps or "",
           width=200, visible=False),
    Column("reported_on", QT_TRANSLATE_NOOP("Columns", "填报日期"), lambda r: _date(r.latest_reported_on),
           align=CENTER, width=92, visible=False),
    Column("reasons", QT_TRANSLATE_NOOP("Columns", "预警原因"), lambda r: "；".join(r.reasons), width=180,
           visible=False),
]


_dots: dict[str, QIcon] = {}


def light_dot(light: str) -> QIcon:
    """A small filled circle in the light's colour (cached)."""
    found = _dots.get(light)
    if found is None:
        pix = QPixmap(12, 12)
        pix.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.colour(light))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        found = _dots[light] = QIcon(pix)
    return found


class AssignmentTableModel(RowTableModel):
    def __init__(self, parent=None, columns: list[Column] | None = None):
        super().__init__(columns or COLUMNS, parent)
        self.search: dict[int, str] = {}  # assignment id -> lower-case text the search box looks in
        self.aliases: dict[int, str] = {}  # unit id -> its short names, so 发改委 finds 区发展改革委

    def rows_replaced(self) -> None:
        self.search = {r.id: search_text(r, self.aliases.get(r.department_id, "")) for r in self.rows}

    def background(self, row) -> QColor | None:
        return style.tint(row.light)

    def foreground(self, row, column: Column) -> QColor | None:
        if column.key in ("deadline_text", "due") and row.deadline_kind == "未识别":
            return QColor(style.UNRECOGNISED)
        return None

    def decoration(self, row, column: Column):
        if column.key == "light":
            return light_dot(row.light)
        return None


def search_text(r, aliases: str = "") -> str:
    parts = (str(r.task_no), r.task_title, r.leader, r.section, r.subsection, r.department, aliases, r.role,
             r.measure, r.deadline_text, r.status, r.closure or "", r.latest_period or "", r.latest_progress or "",
             r.latest_problems or "", r.latest_next_steps or "")
    return "\n".join(parts).lower()


@dataclass(frozen=True)
class AssignmentFilter:
    text: str = ""
    department: str | None = None
    role: str | None = None
    status: str | None = None
    light: str | None = None
    section: str | None = None
    leader: str | None = None  # a 责任领导's name, or domain.leaders.NO_LEADER
    focus: str | None = None
    task_no: int | None = None
    due_from: date | None = None
    due_to: date | None = None
    shares: bool = False  # 显示各成员分项: the members' shares of a collective's work

    def with_(self, **kw: Any) -> AssignmentFilter:
        return replace(self, **kw)

    @property
    def is_empty(self) -> bool:
        return self == AssignmentFilter()


def shows_shares(f: AssignmentFilter) -> bool:
    """Whether the members' shares of collectives' work are listed under ``f``: when asked for,
    for one unit (its shares are its work too) and among the rows that owe a return."""
    return f.shares or f.department is not None or f.focus == FOCUS_MISSING


class AssignmentProxy(RowFilterProxy):
    """Filters by unit, role, status, light, section, 责任领导, focus, task, deadline range and free text.

    The predicate compares plain values only; the free text is looked up in the lower-case
    strings the source model precomputed, so a keystroke over 5,000 rows stays far below 100 ms.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filter = AssignmentFilter()
        self.focus_ids: dict[str, set[int]] = {}

    def set_focus_ids(self, flags: dict[str, set[int]]) -> None:
        self.focus_ids = flags
        self.apply(self.filter)

    def apply(self, f: AssignmentFilter) -> None:
        self.filter = f
        # A collective's row rolls its members' shares up (shows_shares says when they show).
        shares = shows_shares(f)
        if f == AssignmentFilter(shares=True):
            self.set_predicate(None)
            return
        words = [w for w in f.text.lower().split() if w]
        focus_ids = self.focus_ids.get(f.focus, set()) if f.focus and f.focus != FOCUS_UNRECOGNISED else None
        search = self.sourceModel().search
        leaders: dict[str, bool] = {}  # a task's 责任领导 text -> matches: a few texts for any number of rows

        def leader_of(text: str) -> bool:
            found = leaders.get(text)
            if found is None:
                found = leaders[text] = leader_matches(text, f.leader or "")
            return found

        def accept(r) -> bool:
            if not shares and r.parent_id is not None:
                return False
            if f.department is not None and r.department != f.department:
                return False
            if f.role is not None and r.role != f.role:
                return False
            if f.status is not None and r.status != f.status:
                return False
            if f.light is not None and r.light != f.light:
                return False
            if f.section is not None and r.section != f.section:
                return False
            if f.leader is not None and not leader_of(r.leader):
                return False
            if f.task_no is not None and r.task_no != f.task_no:
                return False
            if focus_ids is not None and r.id not in focus_ids:
                return False
            if f.focus == FOCUS_UNRECOGNISED and r.deadline_kind != "未识别":
                return False
            if f.due_from is not None and (r.due is None or r.due < f.due_from):
                return False
            if f.due_to is not None and (r.due is None or r.due > f.due_to):
                return False
            if words:
                text = search.get(r.id, "")
                return all(w in text for w in words)
            return True

        self.set_predicate(accept)


def focus_label(focus: str) -> str:
    return QCoreApplication.translate("Filters", FOCUS_LABELS[focus])
