"""总览: the counts by status and light, charts by section and unit, the lists a clerk acts on
(逾期, 即将到期, 待销号, 未报送), the 考评 ranking and what changed since the period before (与上期相比).
Every number opens the rows behind it in 分工.

Everything here is of the period chosen in the 报送期 selector (shared with 分工, ui/views/period.py):
the latest ended one by default, or the state as of an earlier one."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from greentasks.domain.days import cn_date

from .. import operations, style
from ..models.assignments import (
    COLUMNS,
    FOCUS_DUE_SOON,
    FOCUS_MISSING,
    FOCUS_OVERDUE,
    FOCUS_PENDING,
    AssignmentFilter,
    AssignmentTableModel,
)
from ..models.lists import MISSING_COLUMNS, ScoreModel
from ..models.table import CENTER, RIGHT, Column, RowTableModel
from ..vocab import LIGHTS, STATUSES, show
from ..widgets import (
    Card,
    FlowLayout,
    NoteBar,
    RowTable,
    WrappingLayout,
    button,
    hbox,
    hint_label,
    title_label,
)
from ..workers import Changes, OpResult
from .base import View
from .charts import StackedBarChart
from .period import PeriodControls

LIST_COLUMNS = ("light", "task_no", "department", "role", "measure", "deadline_text", "due", "status", "closure",
                "reasons")
TOP_UNITS = 10

# 与上期相比: the lists of services.period_changes.PeriodChanges, in the order docs/periods.md#changes gives.
STREAK = "not_reported_streak"
CHANGE_LISTS = [
    ("newly_completed", QT_TRANSLATE_NOOP("DashboardView", "新完成")),
    ("newly_closed", QT_TRANSLATE_NOOP("DashboardView", "新销号")),
    ("newly_behind", QT_TRANSLATE_NOOP("DashboardView", "新滞后")),
    ("newly_overdue", QT_TRANSLATE_NOOP("DashboardView", "新逾期")),
    ("light_changes", QT_TRANSLATE_NOOP("DashboardView", "预警变化")),
    (STREAK, QT_TRANSLATE_NOOP("DashboardView", "连续未报送")),
    ("unchanged_text", QT_TRANSLATE_NOOP("DashboardView", "进展与上期相同")),
]
CHANGE_COLUMNS = [  # one services.period_changes.ChangeItem a row
    Column("task_no", QT_TRANSLATE_NOOP("Columns", "任务"), lambda i: i.task_no, align=CENTER, width=46),
    Column("department", QT_TRANSLATE_NOOP("Columns", "责任单位"), lambda i: i.department, width=150),
    Column("measure", QT_TRANSLATE_NOOP("Columns", "具体工作"), lambda i: i.measure, width=330),
    Column("change", QT_TRANSLATE_NOOP("Columns", "变化"), lambda i: i.change, width=150),
    Column("note", QT_TRANSLATE_NOOP("Columns", "说明"), lambda i: i.note, width=260),
]


class DocumentLinesModel(RowTableModel):
    """总览 over all documents: a line per active document (services.dashboard.DocumentLine);
    the one the window shows is tinted."""

    def __init__(self, parent=None):
        self.shown_id: int | None = None
        super().__init__([
            Column("doc", QT_TRANSLATE_NOOP("Columns", "文件"), lambda d: f"{d.doc_no}　{d.title}", width=300),
            Column("kind", QT_TRANSLATE_NOOP("Columns", "类别"), lambda d: d.kind, align=CENTER, width=90),
            Column("tasks", QT_TRANSLATE_NOOP("Columns", "任务"), lambda d: d.tasks, align=RIGHT, width=50),
            Column("assignments", QT_TRANSLATE_NOOP("Columns", "分工"), lambda d: d.assignments, align=RIGHT, width=60),
            Column("done", QT_TRANSLATE_NOOP("Columns", "已完成"), lambda d: d.done, align=RIGHT, width=60),
            Column("overdue", QT_TRANSLATE_NOOP("Columns", "已逾期"), lambda d: d.overdue, align=RIGHT, width=60),
            Column("due_soon", QT_TRANSLATE_NOOP("Columns", "即将到期"), lambda d: d.due_soon, align=RIGHT, width=70),
            Column("pending", QT_TRANSLATE_NOOP("Columns", "待销号"), lambda d: d.pending_closure, align=RIGHT,
                   width=60),
            Column("missing", QT_TRANSLATE_NOOP("Columns", "未报送单位"), lambda d: d.missing_units, align=RIGHT,
                   width=80),
        ], parent, key=lambda d: d.plan_id)

    def background(self, row):
        if row.plan_id == self.shown_id:
            from PySide6.QtGui import QColor

            return QColor("#E8F1EA")  # the document shown below
        return None


class StreakModel(RowTableModel):
    """The units that did not report for several periods in a row (services.period_changes.StreakUnit)."""

    def __init__(self, parent=None):
        self.last = None  # the period compared: the streaks end there
        super().__init__([
            Column("department", QT_TRANSLATE_NOOP("Columns", "单位"), lambda u: u.department, width=170),
            Column("category", QT_TRANSLATE_NOOP("Columns", "类别"), lambda u: show(u.category), align=CENTER,
                   width=80),
            Column("owed", QT_TRANSLATE_NOOP("Columns", "应报分工"), lambda u: u.owed, align=RIGHT, width=70),
            Column("streak", QT_TRANSLATE_NOOP("Columns", "未报送情况"),
                   lambda u: u.words(self.last) if self.last is not None else u.periods, sort=lambda u: u.periods,
                   width=330),
            Column("contact", QT_TRANSLATE_NOOP("Columns", "联系人"), lambda u: u.contact, width=80),
            Column("phone", QT_TRANSLATE_NOOP("Columns", "联系电话"), lambda u: u.phone, width=110),
        ], parent, key=lambda u: u.department_id)


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


class ComparisonPanel(QWidget):
    """与上期相比, one line as 按完成状态 is: a count for each list (a click opens it), then the
    share completed against the 序时进度; the days compared in the tooltip."""

    opened = Signal(str)  # a key of CHANGE_LISTS

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        flow = FlowLayout(self, spacing=8, row_spacing=2)
        flow.addWidget(self.heading)
        for key, _label in CHANGE_LISTS:
            b = QPushButton()
            b.setFlat(True)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setStyleSheet(style.LINK_STYLE)
            b.clicked.connect(lambda _=False, key=key: self.opened.emit(key))
            self.buttons[key] = b
            flow.addWidget(b)
        self.shares = hint_label(wrap=False)
        flow.addWidget(self.shares)
        self.show_changes(None)

    @staticmethod
    def label(key: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("DashboardView", dict(CHANGE_LISTS)[key])

    def show_changes(self, changes, message: str = "") -> None:
        """``changes`` (a PeriodChanges), or None with why there is none (still loading: no message)."""
        if changes is None:
            self.heading.setText(self.tr("与上期相比："))
            self.heading.setToolTip("")
            for key, b in self.buttons.items():
                b.setText(f"{self.label(key)}  —")
                b.setEnabled(False)
                b.setToolTip("")
            self.shares.setText(message or self.tr("正在与上期比较……"))
            self.shares.setToolTip("")
            return
        self.heading.setText(self.tr("与上期（{since}）相比：").format(since=changes.since.label))
        self.heading.setToolTip(changes.days_words)
        for key, b in self.buttons.items():
            items = getattr(changes, key)
            shares = sum(getattr(i, "parent_id", None) is not None for i in items)
            # The count is of the plan's own rows, as 总览's totals are (a collective's line once);
            # the members' shares that changed are named in the list and the tooltip.
            b.setText(f"{self.label(key)}  {len(items) - shares}")
            b.setEnabled(True)
            b.setToolTip(self.tr("另有{n}项各乡镇（街道）等集合成员单位承担的分项，点击一并列出").format(n=shares)
                         if shares else "")
        self.shares.setText(self.tr("截至{period}末：累计完成{done}，序时进度{time}").format(
            period=changes.period.label, done=_pct(changes.completed_share), time=_pct(changes.time_share)))
        self.shares.setToolTip("\n".join([*changes.shares_lines(), changes.days_words]))


def _list_model(parent) -> AssignmentTableModel:
    columns = [c for c in COLUMNS if c.key in LIST_COLUMNS]
    return AssignmentTableModel(parent, columns=[_visible(c) for c in columns])


def _visible(column):
    from dataclasses import replace

    return replace(column, visible=True)


class CardFlow(WrappingLayout):
    """The number cards in rows of equal width that wrap onto more rows when the view is narrow,
    so no card is ever cut off (a laptop at 1024×768 shows them in two rows)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10):
        super().__init__(parent, spacing)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation.Horizontal

    def sizeHint(self) -> QSize:  # noqa: N802
        widths = [i.sizeHint().width() for i in self._items]
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(sum(widths) + self._spacing * max(len(widths) - 1, 0), height)

    def minimumSize(self) -> QSize:  # noqa: N802
        # One card wide: narrower views put the cards on more rows instead of clipping them.
        return QSize(self._cell().width(), self._cell().height())

    def _cell(self) -> QSize:
        width = max((i.minimumSize().width() for i in self._items), default=0)
        width = max(width, max((i.sizeHint().width() for i in self._items), default=0))
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def columns(self, width: int) -> int:
        """As many as fit, then evened out over the rows (8 cards: 8, else 4 + 4, …)."""
        cell = self._cell().width()
        if not self._items or cell <= 0:
            return 1
        n = len(self._items)
        fit = max(1, min(n, (width + self._spacing) // (cell + self._spacing)))
        rows = -(-n // fit)
        return -(-n // rows)

    def _arrange(self, rect: QRect, move: bool) -> int:
        if not self._items:
            return 0
        columns = self.columns(rect.width())
        rows = (len(self._items) + columns - 1) // columns
        height = self._cell().height()
        width = (rect.width() - self._spacing * (columns - 1)) / columns
        if move:
            for i, item in enumerate(self._items):
                row, column = divmod(i, columns)
                x = rect.x() + round(column * (width + self._spacing))
                right = rect.x() + round(column * (width + self._spacing) + width)
                item.setGeometry(QRect(QPoint(x, rect.y() + row * (height + self._spacing)),
                                       QSize(right - x, height)))
        return rows * height + (rows - 1) * self._spacing


class DashboardView(View):
    key = "overview"
    icon_name = "overview"

    def title(self) -> str:
        return self.tr("总览")

    def __init__(self, window):
        super().__init__(window)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.layout_.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(10)

        self.context = hint_label(wrap=False)
        self.period = PeriodControls(self.backend, self, self.tr("在此销号、退回按今天办理，办理后回到最新一期。"))
        layout.addLayout(hbox(title_label(self.title()), None, self.context, self.period.label, self.period.combo))
        layout.addWidget(self.period.bar)
        self._shown = None  # the rows now on the screen (services.dashboard.Overview)

        # -- every document the office follows: a line each; the one picked is shown below -------
        self.documents_box = QGroupBox()
        box = QVBoxLayout(self.documents_box)
        self.documents_summary = hint_label()
        box.addWidget(self.documents_summary)
        self.documents_model = DocumentLinesModel(self)
        self.documents_table = RowTable("overview_documents")
        self.documents_table.setModel(self.documents_model)
        self.documents_table.open_requested.connect(self.choose_document)
        box.addWidget(self.documents_table)
        self.documents_box.setVisible(False)  # until the office follows a second document
        layout.addWidget(self.documents_box)

        # -- the plan's own clock: its period, the 序时进度, and a notice near and after its end ----
        self.plan_clock = hint_label()
        layout.addWidget(self.plan_clock)
        self.plan_notice = NoteBar(self.tr("延长规划期…"), "calendar")
        self.plan_notice.button.clicked.connect(self.extend_horizon)
        layout.addWidget(self.plan_notice)

        # -- cards ------------------------------------------------------------------------------
        self.cards: dict[str, Card] = {}
        specs = [
            ("total", self.tr("分工总数"), None),
            ("红", self.tr("红灯"), style.LIGHT_COLOURS["红"]),
            ("黄", self.tr("黄灯"), style.LIGHT_COLOURS["黄"]),
            ("绿", self.tr("绿灯"), style.LIGHT_COLOURS["绿"]),
            (FOCUS_OVERDUE, self.tr("已逾期"), style.LIGHT_COLOURS["红"]),
            (FOCUS_DUE_SOON, self.tr("即将到期"), "#B7791F"),
            (FOCUS_PENDING, self.tr("待销号"), "#2F6FB0"),
            (FOCUS_MISSING, self.tr("未报送单位"), "#8E44AD"),
        ]
        self.card_flow = CardFlow(spacing=10)
        for key, label, colour in specs:
            card = Card(label, colour)
            card.clicked.connect(lambda key=key: self._card_clicked(key))
            self.cards[key] = card
            self.card_flow.addWidget(card)
        layout.addLayout(self.card_flow)
        # What 已逾期 counts, as the 逾期清单 says it too: the two agree by construction.
        self.cards[FOCUS_OVERDUE].setToolTip(self.tr(
            "按分工计：每个单位的每项具体工作计1项，牵头、配合各计1项，与打印的逾期清单一致"))

        self.status_buttons: dict[str, QPushButton] = {}
        statuses = hbox(QLabel(self.tr("按完成状态：")), spacing=8)
        for status in STATUSES:
            b = QPushButton()
            b.setFlat(True)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setStyleSheet(style.LINK_STYLE)
            b.clicked.connect(lambda _=False, s=status: self.window_.show_assignments(AssignmentFilter(status=s)))
            self.status_buttons[status] = b
            statuses.addWidget(b)
        statuses.addStretch(1)
        layout.addLayout(statuses)

        # -- 与上期相比 ------------------------------------------------------------------------------
        self.comparison = ComparisonPanel()
        self.comparison.opened.connect(self.open_changes)
        layout.addWidget(self.comparison)
        self.scroll = scroll

        # -- charts -----------------------------------------------------------------------------
        charts = QGridLayout()
        charts.setHorizontalSpacing(10)
        self.section_chart = StackedBarChart(label_width=200)
        self.unit_chart = StackedBarChart(label_width=150)
        box1 = QGroupBox(self.tr("按章节（分工数，按预警分色）"))
        QVBoxLayout(box1).addWidget(self.section_chart)
        self.unit_box = QGroupBox(self.tr("按单位（红灯、黄灯最多的 {n} 个单位）").format(n=TOP_UNITS))
        QVBoxLayout(self.unit_box).addWidget(self.unit_chart)
        charts.addWidget(box1, 0, 0, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(self.unit_box, 0, 1, Qt.AlignmentFlag.AlignTop)
        charts.setColumnStretch(0, 1)
        charts.setColumnStretch(1, 1)
        layout.addLayout(charts)
        self.section_chart.clicked.connect(
            lambda label, light: self.window_.show_assignments(AssignmentFilter(section=label, light=light or None)))
        self.unit_chart.clicked.connect(
            lambda label, light: self.window_.show_assignments(AssignmentFilter(department=label,
                                                                                light=light or None)))

        # -- lists ------------------------------------------------------------------------------
        self.tabs = QTabWidget()
        self.tabs.setMinimumHeight(300)
        self.lists: dict[str, tuple[RowTable, AssignmentTableModel]] = {}
        for key in (FOCUS_OVERDUE, FOCUS_DUE_SOON, FOCUS_PENDING):
            model = _list_model(self)
            table = RowTable(f"overview_{key}")
            table.setModel(model)
            table.open_requested.connect(lambda row: self.window_.show_assignment(row.id))
            self.lists[key] = (table, model)
            if key == FOCUS_PENDING:
                box = QWidget()
                v = QVBoxLayout(box)
                v.setContentsMargins(0, 4, 0, 0)
                self.confirm_button = button(self.tr("销号所选"), "confirm")
                self.send_back_button = button(self.tr("退回所选…"), "sendback")
                row = hbox(hint_label(self.tr("单位报送“已完成”的事项，核实后销号；不认可的退回并说明理由。"
                                              "可按住 Ctrl 或 Shift 多选，一次处理。")),
                           self.confirm_button, self.send_back_button)
                row.setStretch(0, 1)
                v.addLayout(row)
                v.addWidget(table)
                self.tabs.addTab(box, "")
                self.confirm_button.clicked.connect(self._confirm)
                table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
                self.send_back_button.clicked.connect(self._send_back)
            else:
                self.tabs.addTab(table, "")
        self.missing_model = RowTableModel(MISSING_COLUMNS, self, key=lambda m: m.department_id)
        self.missing_table = RowTable("overview_missing")
        self.missing_table.setModel(self.missing_model)
        self.missing_table.open_requested.connect(
            lambda m: self.window_.show_assignments(AssignmentFilter(department=m.name, focus=FOCUS_MISSING)))
        self.tabs.addTab(self.missing_table, "")
        self.tabs.addTab(self._scores_tab(), self.tr("考评"))
        self.tabs.addTab(self._changes_tab(), self.tr("与上期相比"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.backend.comparison_changed.connect(self.show_comparison)
        self.backend.lines_changed.connect(self.show_documents)

    # -- 与上期相比 -----------------------------------------------------------------------------------
    def _changes_tab(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 4, 0, 0)
        self.change_list = QComboBox()
        for key, _label in CHANGE_LISTS:
            self.change_list.addItem(ComparisonPanel.label(key), key)
        self.change_days = hint_label(wrap=False)
        self._changes = None  # the PeriodChanges shown (services.period_changes)
        v.addLayout(hbox(QLabel(self.tr("列出")), self.change_list,
                         hint_label(self.tr("双击一行，在“分工”中查看"), wrap=False), None, self.change_days))
        self.change_model = RowTableModel(CHANGE_COLUMNS, self)
        self.change_table = RowTable("overview_changes")
        self.change_table.setModel(self.change_model)
        self.change_table.open_requested.connect(lambda item: self.window_.show_assignment(item.id))
        self.streak_model = StreakModel(self)
        self.streak_table = RowTable("overview_streaks")
        self.streak_table.setModel(self.streak_model)
        self.streak_table.open_requested.connect(
            lambda u: self.window_.show_assignments(AssignmentFilter(department=u.department, focus=FOCUS_MISSING)))
        self.change_stack = QStackedWidget()
        self.change_stack.addWidget(self.change_table)
        self.change_stack.addWidget(self.streak_table)
        v.addWidget(self.change_stack, 1)
        self.change_list.currentIndexChanged.connect(lambda _i: self._show_change_list())
        return box

    def open_changes(self, key: str) -> None:
        """A count of 与上期相比 clicked: its list, in the tab below."""
        self.change_list.setCurrentIndex(max(0, self.change_list.findData(key)))
        self.tabs.setCurrentIndex(self.tabs.indexOf(self.change_stack.parentWidget()))
        self.scroll.ensureWidgetVisible(self.tabs)

    def show_comparison(self) -> None:
        snap = self.backend.snapshot
        changes, shown = snap.comparison, snap.shown
        if changes is not None and shown is not None and changes.period != shown.period:
            changes = None  # another period's, on its way out
        self.comparison.show_changes(changes, snap.comparison_error)
        self._changes = changes
        self.change_days.setText(changes.days_words if changes is not None else "")
        self._show_change_list()
        if changes is None and self.isVisible():
            self.backend.request_comparison()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.show_comparison()  # 与上期相比 is loaded while 总览 is on the screen
        self.show_documents()

    def _show_change_list(self) -> None:
        changes = self._changes
        key = self.change_list.currentData()
        streak = key == STREAK
        self.change_stack.setCurrentWidget(self.streak_table if streak else self.change_table)
        if streak:
            self.streak_model.last = changes.period if changes is not None else None
            self.streak_model.set_rows(changes.not_reported_streak if changes is not None else [])
        else:
            self.change_model.set_rows(getattr(changes, key) if changes is not None else [])
        index = self.tabs.indexOf(self.change_stack.parentWidget())
        self.tabs.setTabText(index, self.tr("与上期相比") if changes is None else
                             self.tr("与上期相比（{list}{n}）").format(list=ComparisonPanel.label(key),
                                                                  n=len(getattr(changes, key))))

    # -- 考评 -------------------------------------------------------------------------------------
    def _scores_tab(self) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 4, 0, 0)
        self.score_scope = QComboBox()
        self.score_scope.addItem(self.tr("本期"), "period")
        self.score_scope.addItem(self.tr("累计（自首次报送起）"), "plan")
        self.score_export = button(self.tr("导出Excel…"), "export")
        self.score_rules = hint_label()
        v.addLayout(hbox(QLabel(self.tr("范围")), self.score_scope, None, self.score_export))
        self.score_model = ScoreModel(self)
        self.score_table = RowTable("scores")
        self.score_table.setModel(self.score_model)
        self.score_table.open_requested.connect(
            lambda s: self.window_.show_assignments(AssignmentFilter(department=s.department)))
        v.addWidget(self.score_table, 1)
        v.addWidget(self.score_rules)
        self.score_scope.currentIndexChanged.connect(lambda _i: self.load_scores())
        self.score_export.clicked.connect(self.export_scores)
        self._scores_stale = True
        return box

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.score_table.parentWidget() and self._scores_stale:
            self.load_scores()

    def load_scores(self) -> None:
        overview = self.backend.shown
        if overview is None:
            return
        scope = self.score_scope.currentData()
        ctx, rows = overview.ctx, overview.rows

        def op(c):
            from greentasks.services.reporting import unit_scores_for

            return unit_scores_for(c.db, ctx, scope=scope, rows=rows)

        def done(result) -> None:
            scores, rules = result
            self.score_model.set_rows(scores)
            self.score_rules.setText(rules)
            self._scores_stale = False

        self.backend.query(self, op, done).run_in_background()

    def export_scores(self) -> None:
        from ..dialogs.export_dialog import export_scores

        export_scores(self, self.backend, self.score_scope.currentData())

    # -- data -------------------------------------------------------------------------------------
    # -- every document ---------------------------------------------------------------------------
    def show_documents(self) -> None:
        lines = self.backend.snapshot.lines
        if lines is None:  # still to come (Backend.request_lines); the box keeps the last ones meanwhile
            if self.isVisible():
                self.backend.request_lines()
            return
        shown = self.backend.shown
        self.documents_box.setVisible(len(lines) > 1)
        if len(lines) <= 1:
            return
        self.documents_model.shown_id = shown.ctx.plan.id if shown is not None else None
        self.documents_model.set_rows(lines)
        table = self.documents_table  # every line shown, up to six, without a scroll bar in the way
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + table.horizontalScrollBar().sizeHint()
                             .height() + table.verticalHeader().defaultSectionSize() * min(len(lines), 6) + 6)
        self.documents_box.setTitle(self.tr("督办文件（{n}件，双击一行查看该文件）").format(n=len(lines)))
        self.documents_summary.setText(self.tr(
            "全部文件合计：任务 {tasks} 项，分工 {work} 条，已完成 {done} 条，已逾期 {overdue} 条，即将到期 {soon} 条，"
            "待销号 {pending} 条。下面是“{shown}”的情况。").format(
            tasks=sum(d.tasks for d in lines), work=sum(d.assignments for d in lines),
            done=sum(d.done for d in lines), overdue=sum(d.overdue for d in lines),
            soon=sum(d.due_soon for d in lines), pending=sum(d.pending_closure for d in lines),
            shown=shown.ctx.plan.doc_no if shown is not None else ""))

    def choose_document(self, line) -> None:
        """A document's line double-clicked: every view shows that document."""
        default = next((d for d in self.backend.snapshot.documents or [] if d.is_default), None)
        self.window_.choose_plan(None if default is not None and default.id == line.plan_id else line.doc_no)

    def on_changed(self, changes: Changes) -> None:
        overview = self.backend.shown
        moved = overview is not self._shown  # other rows: another period chosen, or reloaded
        self._shown = overview
        self.show_documents()
        if changes.settings or changes.database or moved:
            self.period.fill()
        self.period.show_state()
        if overview is None or not (changes.assignments or changes.rows_all or changes.directory or moved):
            return
        summary = overview.summary
        self._show_clock(overview.clock)
        self.context.setText(self.tr("今天 {today}　·　预警提前 {days} 天").format(
            today=self.backend.today.isoformat(), days=overview.ctx.warn_days))
        self.cards["total"].set_value(summary.assignments)
        for light in LIGHTS:
            self.cards[light].set_value(summary.by_light.get(light, 0))
        self.cards[FOCUS_OVERDUE].set_value(summary.overdue)
        self.cards[FOCUS_DUE_SOON].set_value(summary.due_soon,
                                             self.tr("{days} 天内到期").format(days=overview.ctx.warn_days))
        self.cards[FOCUS_PENDING].set_value(summary.pending_closure)
        self.cards[FOCUS_MISSING].set_value(len(summary.missing_returns),
                                            "、".join(summary.missing_returns) or None)
        for status, b in self.status_buttons.items():
            b.setText(f"{show(status)}  {summary.by_status.get(status, 0)}")
        self.section_chart.set_items(list(summary.by_section.items()))
        units = sorted(summary.by_department.items(),
                       key=lambda kv: (-kv[1].get("红", 0), -kv[1].get("黄", 0), -kv[1].get("合计", 0), kv[0]))
        self.unit_chart.set_items(units[:TOP_UNITS])
        lists = {FOCUS_OVERDUE: overview.overdue_rows(), FOCUS_DUE_SOON: overview.due_soon_rows(),
                 FOCUS_PENDING: overview.pending_rows()}
        titles = {FOCUS_OVERDUE: self.tr("已逾期（{n}）"), FOCUS_DUE_SOON: self.tr("即将到期（{n}）"),
                  FOCUS_PENDING: self.tr("待销号（{n}）")}
        for i, key in enumerate((FOCUS_OVERDUE, FOCUS_DUE_SOON, FOCUS_PENDING)):
            self.lists[key][1].set_rows(lists[key])
            self.tabs.setTabText(i, titles[key].format(n=len(lists[key])))
        self.missing_model.set_rows(overview.missing)
        self.tabs.setTabText(3, self.tr("未报送单位（{n}）").format(n=len(overview.missing)))
        self._scores_stale = True
        if self.tabs.currentIndex() == 4:
            self.load_scores()
        self._update_buttons()
        self.show_comparison()

    def _show_clock(self, clock) -> None:
        if clock is None:
            self.plan_clock.hide()
            self.plan_notice.hide()
            return
        self.plan_clock.setText(self.tr("规划期 {start} 至 {end}　·　序时进度 {percent}%").format(
            start=cn_date(clock.start), end=cn_date(clock.horizon), percent=clock.percent))
        self.plan_clock.show()
        notice = clock.notice()
        self.plan_notice.text.setText(notice or "")
        self.plan_notice.setVisible(bool(notice))

    def extend_horizon(self) -> None:
        """延长规划期: ask the new end, then the core changes (and logs) the office setting."""
        overview = self.backend.overview
        if overview is None or overview.clock is None:
            return
        from ..dialogs.horizon_dialog import ask_horizon

        horizon = ask_horizon(self, overview.clock)
        if horizon is None:
            return
        plan = self.backend.plan

        def op(ctx) -> OpResult:
            from greentasks.services.actions import extend_plan_horizon

            return extend_plan_horizon(ctx.db, horizon, plan=plan)

        def done(result: OpResult) -> None:
            text = self.tr("规划期截止日期已改为{date}。") if result.value else self.tr("规划期截止日期本来就是{date}。")
            self.window_.show_message(text.format(date=cn_date(horizon)))

        self.backend.collection(self, op, done).run_in_background()

    def _update_buttons(self) -> None:
        has = bool(self._pending_selection())
        self.confirm_button.setEnabled(has)
        self.send_back_button.setEnabled(has)

    def _pending_selection(self) -> list:
        return self.lists[FOCUS_PENDING][0].selected_rows()

    def _confirm(self) -> None:
        operations.confirm_completions(self, self.backend, self._pending_selection(),
                                       done=lambda n: self.window_.show_message(self.tr("已销号 {n} 项。").format(n=n)))

    def _send_back(self) -> None:
        operations.send_back(self, self.backend, self._pending_selection(),
                             done=lambda n: self.window_.show_message(self.tr("已退回 {n} 项。").format(n=n)))

    def _card_clicked(self, key: str) -> None:
        if key == "total":
            self.window_.show_assignments(AssignmentFilter())
        elif key in LIGHTS:
            self.window_.show_assignments(AssignmentFilter(light=key))
        else:
            self.window_.show_assignments(AssignmentFilter(focus=key))

    def smoke_check(self) -> str | None:
        overview = self.backend.shown
        if overview is None:
            return "总览没有数据"
        if self.cards["total"].number.text() != str(overview.summary.assignments):
            return "总览的分工总数与数据不符"
        return None
