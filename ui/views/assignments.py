"""分工: every assignment in a filterable, sortable table; the side panel edits the selected one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QMessageBox, QSplitter, QVBoxLayout, QWidget

from greentasks.domain.leaders import NO_LEADER, leader_names
from greentasks.domain.rules import can_confirm, can_send_back

from .. import operations, prefs
from ..models.assignments import (
    ELASTIC,
    FOCUS_LABELS,
    AssignmentFilter,
    AssignmentProxy,
    AssignmentTableModel,
    focus_label,
    shows_shares,
)
from ..vocab import LIGHTS, ROLES, STATUSES, show
from ..widgets import FlowLayout, RowTable, SearchLine, button, hbox, hint_label, title_label
from ..workers import Changes
from .assignment_panel import AssignmentPanel, fill_units
from .base import View
from .period import PeriodControls

NO_DATE = QDate(2000, 1, 1)


def _combo(first: str, items: list[tuple[str, object]], width: int = 96) -> QComboBox:
    combo = QComboBox()
    combo.addItem(first, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.setMinimumWidth(width)
    return combo


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(QCoreApplication.translate("AssignmentsView", "不限"))
    edit.setDate(NO_DATE)
    return edit


class AssignmentsView(View):
    key = "assignments"
    icon_name = "assignments"

    def title(self) -> str:
        return self.tr("分工")

    def __init__(self, window):
        super().__init__(window)
        self._applying = False
        self.import_button = button(self.tr("导入分工表…"), "import",
                                    tooltip=self.tr("从本区的任务分工表（Excel）导入分工，导入前先预览"))
        self.count = hint_label(wrap=False)
        # The 报送期 shown, one choice with 总览's (ui/views/period.py).
        self.period = PeriodControls(self.backend, self, self.tr("在此修改、销号按今天保存，保存后回到最新一期。"))
        self._shown = None  # the rows now in the table (services.dashboard.Overview)
        self.layout_.addLayout(hbox(title_label(self.title()), None, self.count, self.period.label, self.period.combo,
                                    self.import_button))
        self.layout_.addWidget(self.period.bar)

        # -- filters: they wrap onto a second row in a narrow window --------------------------------
        self.search = SearchLine(self.tr("搜索任务、单位、具体工作、进展……（Ctrl+F）"))
        self.focus = _combo(self.tr("全部事项"), [(focus_label(k), k) for k in FOCUS_LABELS], 120)
        self.clear_button = button(self.tr("清除筛选"), "clear")
        self.search.setMinimumWidth(340)
        self.unit = _combo(self.tr("全部单位"), [], 170)
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.unit.completer().setCompletionMode(self.unit.completer().CompletionMode.PopupCompletion)
        self.role = _combo(self.tr("全部"), [(show(r), r) for r in ROLES], 70)
        self.status = _combo(self.tr("全部状态"), [(show(s), s) for s in STATUSES])
        self.light = _combo(self.tr("全部预警"), [(show(x), x) for x in LIGHTS], 84)
        self.section = _combo(self.tr("全部章节"), [], 150)
        # 责任领导: each leader the tasks name, and the tasks that name none.
        self.leader = _combo(self.tr("全部"), [(self.tr("（未填写）"), NO_LEADER)], 90)
        self.due_from = _date_edit()
        self.due_to = _date_edit()
        self.shares = QCheckBox(self.tr("显示各成员分项"))
        self.shares.setToolTip(self.tr(
            "交由“各乡镇（街道）”等集合承担的工作，分解到每个成员单位一条分项，集合的一行汇总各成员的情况。"
            "勾选后列出各成员的分项；按单位筛选时总是列出该单位的分项。"))
        self.filters = FlowLayout(spacing=10).add(
            self.search, (self.tr("关注"), self.focus), (self.tr("单位"), self.unit), (self.tr("类型"), self.role),
            (self.tr("状态"), self.status), (self.tr("预警"), self.light), (self.tr("章节"), self.section),
            (self.tr("责任领导"), self.leader), (self.tr("截止日期"), self.due_from, self.tr("至"), self.due_to),
            self.shares, self.clear_button)
        self.layout_.addLayout(self.filters)

        # -- table and panel -------------------------------------------------------------------
        self.model = AssignmentTableModel(self)
        self.proxy = AssignmentProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = RowTable("assignments", elastic=ELASTIC)
        self.table.setModel(self.proxy)
        self.panel = AssignmentPanel(self.backend, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        self.add_button = button(self.tr("新增分工…"), "add")
        self.remove_button = button(self.tr("删除"), "remove")
        self.confirm_button = button(self.tr("销号"), "confirm", tooltip=self.tr("确认所选“待销号”事项的完成情况"))
        self.send_back_button = button(self.tr("退回…"), "sendback", tooltip=self.tr("不认可所选的完成情况，退回并说明理由"))
        self.panel_button = button(self.tr("编辑栏"), tooltip=self.tr(
            "显示或收起右边的编辑栏（窗口较窄时自动收起，表格的列才能显示完整）"))
        self.panel_button.setCheckable(True)
        left_layout.addLayout(hbox(self.add_button, self.remove_button, None, self.confirm_button,
                                   self.send_back_button, self.panel_button))
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        state = prefs.value("views/assignments/splitter")
        if state is None or not self.splitter.restoreState(state):
            self.splitter.setSizes([900, 380])
        self.layout_.addWidget(self.splitter, 1)
        # The side panel: shown unless the clerk put it away; hidden by itself while the window is
        # too narrow for it beside the whole table, and back when there is room again.
        self._panel_wanted = prefs.bool_value("views/assignments/panel", True)
        self._panel_squeezed = False
        self._panel_forced = False  # shown by the clerk in a narrow window: it stays
        self.panel.setVisible(self._panel_wanted)
        self.panel_button.setChecked(self._panel_wanted)

        # -- wiring ---------------------------------------------------------------------------
        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.focus, self.role, self.status, self.light, self.section, self.leader, self.unit):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.unit.editTextChanged.connect(self._unit_typed)
        self.due_from.dateChanged.connect(self.apply_filter)
        self.due_to.dateChanged.connect(self.apply_filter)
        self.shares.toggled.connect(self.apply_filter)
        self.clear_button.clicked.connect(lambda: self.set_filter(AssignmentFilter()))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.open_requested.connect(self._open_row)
        self.panel_button.toggled.connect(self._panel_toggled)
        self.add_button.clicked.connect(self.add_assignment)
        self.import_button.clicked.connect(lambda: self.window_.import_plan())
        self.remove_button.clicked.connect(self.remove_selected)
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.send_back_button.clicked.connect(self.send_back_selected)
        self.splitter.splitterMoved.connect(
            lambda *_: prefs.set_value("views/assignments/splitter", self.splitter.saveState()))
        self._update_buttons()

    # -- the side panel ---------------------------------------------------------------------------
    def panel_room(self) -> int:
        """The width the splitter needs for the whole table and the panel beside it."""
        return self.table.min_fit_width() + self.panel.minimumSizeHint().width() + self.splitter.handleWidth()

    def _place_panel(self) -> None:
        narrow = self.splitter.width() < self.panel_room()
        if not narrow:
            self._panel_forced = False
        if narrow and self.panel.isVisible() and not self._panel_squeezed and not self._panel_forced:
            self._panel_squeezed = True
            self._set_panel(False)
        elif not narrow and self._panel_squeezed:
            self._panel_squeezed = False
            self._set_panel(self._panel_wanted)
            QTimer.singleShot(0, self._balance_panel)  # once the splitter has made room for it
        if not narrow:
            self._balance_panel()

    def _balance_panel(self) -> None:
        """Room for both: the panel gives up width (down to its minimum) until the table fits."""
        if not self.panel.isVisible():
            return
        table, panel = self.splitter.sizes()
        need, least = self.table.min_fit_width(), self.panel.minimumSizeHint().width()
        if table < need and panel > least and table + panel >= need + least:
            panel = max(least, table + panel - need)
            self.splitter.setSizes([table + self.splitter.sizes()[1] - panel, panel])

    def _set_panel(self, on: bool) -> None:
        self.panel.setVisible(on)
        self.panel_button.blockSignals(True)
        self.panel_button.setChecked(on)
        self.panel_button.blockSignals(False)

    def _panel_toggled(self, on: bool) -> None:
        """The clerk's own choice, which holds until the clerk changes it."""
        self._panel_squeezed = False
        self._panel_forced = on
        self._panel_wanted = on
        prefs.set_value("views/assignments/panel", on)
        self.panel.setVisible(on)

    def _open_row(self, _row) -> None:
        if not self.panel.isVisible():
            self._panel_squeezed = False
            self._panel_forced = True
            self._set_panel(True)
        self.panel.measure.setFocus()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_panel()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._place_panel()

    # -- data -----------------------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        snap = self.backend.snapshot
        overview = snap.shown  # the rows of the chosen 报送期
        moved = overview is not self._shown
        self._shown = overview
        if changes.settings or changes.database or moved:
            self.period.fill()
        self.period.show_state()
        if overview is None:
            return
        if changes.directory or changes.database:
            self._applying = True
            fill_units(self.unit, snap.units, first=self.tr("全部单位"))
            self.panel.set_units(snap.units)
            self._applying = False
        if changes.database or changes.rows_all:
            self._applying = True
            current = self.section.currentData()
            self.section.clear()
            self.section.addItem(self.tr("全部章节"), None)
            for name in dict.fromkeys(r.section for r in overview.rows if r.section):
                self.section.addItem(name, name)
            self.section.setCurrentIndex(max(0, self.section.findData(current)))
            self._fill_leaders(overview.rows)
            self._applying = False
            if self.proxy.filter.leader != self.leader.currentData():  # the leader chosen is gone
                self.apply_filter()
        if changes.directory or changes.database:
            self.model.aliases = {u.id: " ".join(u.aliases) for u in snap.units}
        if changes.assignments or changes.rows_all or changes.directory or moved:
            selected = self.table.current_row()
            self.model.set_rows(overview.rows)
            self.proxy.set_focus_ids({"overdue": overview.overdue_ids, "due_soon": overview.due_soon_ids,
                                  "pending": overview.pending_ids, "missing": overview.missing_ids})
            target = changes.select_id or (selected.id if selected is not None else None)
            if target is not None and not self.table.select_key(target) and changes.select_id:
                # A new row hidden by the filter: show it anyway.
                self.set_filter(AssignmentFilter())
                self.table.select_key(target)
            self.table.select_first()
            self._selection_changed()
        self._update_count()

    def _fill_leaders(self, rows) -> None:
        current = self.leader.currentData()
        self.leader.clear()
        self.leader.addItem(self.tr("全部"), None)
        for name in dict.fromkeys(name for r in rows for name in leader_names(r.leader)):
            self.leader.addItem(name, name)
        self.leader.addItem(self.tr("（未填写）"), NO_LEADER)
        self.leader.setCurrentIndex(max(0, self.leader.findData(current)) if current is not None else 0)

    # -- filter ---------------------------------------------------------------------------------
    def current_filter(self) -> AssignmentFilter:
        unit = self.unit.currentData() if self.unit.currentIndex() > 0 else None
        unit_name = self.unit.currentText() if unit is not None else None
        due_from = self.due_from.date()
        due_to = self.due_to.date()
        return AssignmentFilter(
            text=self.search.text(), department=unit_name, role=self.role.currentData(),
            status=self.status.currentData(), light=self.light.currentData(), section=self.section.currentData(),
            leader=self.leader.currentData(), focus=self.focus.currentData(),
            due_from=date(due_from.year(), due_from.month(), due_from.day()) if due_from != NO_DATE else None,
            due_to=date(due_to.year(), due_to.month(), due_to.day()) if due_to != NO_DATE else None,
            task_no=self.proxy.filter.task_no, shares=self.shares.isChecked(),
        )

    def apply_filter(self, *_args) -> None:
        if self._applying:
            return
        self.proxy.apply(self.current_filter())
        self._update_count()

    def _unit_typed(self, text: str) -> None:
        if not text.strip() and self.unit.currentIndex() != 0:
            self.unit.setCurrentIndex(0)

    def set_filter(self, f: AssignmentFilter) -> None:
        """Show exactly the rows of ``f`` (used by the overview's click-through)."""
        self._applying = True
        self.search.setText(f.text)
        self.unit.setCurrentIndex(max(0, self.unit.findText(f.department)) if f.department else 0)
        for combo, value in ((self.role, f.role), (self.status, f.status), (self.light, f.light),
                             (self.section, f.section), (self.leader, f.leader), (self.focus, f.focus)):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        for edit, value in ((self.due_from, f.due_from), (self.due_to, f.due_to)):
            edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
        self.shares.setChecked(f.shares)
        self._applying = False
        self.proxy.apply(f)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not shows_shares(self.proxy.filter):
            total = sum(r.parent_id is None for r in self.model.rows)
        text = self.tr("共 {total} 条").format(total=total) if shown == total else \
            self.tr("显示 {shown} / {total} 条").format(shown=shown, total=total)
        if self.proxy.filter.task_no is not None:
            text = self.tr("任务{no}：").format(no=self.proxy.filter.task_no) + text
        self.count.setText(text)

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # -- selection and actions --------------------------------------------------------------------
    def _selection_changed(self, *_args) -> None:
        rows = self.table.selected_rows()
        current = self.table.current_row()
        row = current if current is not None and any(r.id == current.id for r in rows) else \
            (rows[0] if rows else None)
        if self.panel.row is not None and (row is None or row.id != self.panel.row.id) and self.panel.dirty:
            answer = QMessageBox.question(
                self, self.tr("未保存的修改"),
                self.tr("对“{unit}”这条分工的修改还没有保存。要保存吗？").format(unit=self.panel.row.department),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
            if answer == QMessageBox.StandardButton.Save:
                self.panel.save()
        self.panel.show_row(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        rows = self.table.selected_rows()
        ready = self.backend.ready
        self.add_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.remove_button.setEnabled(bool(rows))
        self.confirm_button.setEnabled(any(can_confirm(r.status, r.closure) for r in rows))
        self.send_back_button.setEnabled(any(can_send_back(r.status) for r in rows))

    def show_assignment(self, assignment_id: int) -> None:
        if not self.table.select_key(assignment_id):
            self.set_filter(AssignmentFilter(shares=True))  # a member's share, too
            self.table.select_key(assignment_id)

    def add_assignment(self) -> None:
        from ..dialogs.assignment_dialog import AssignmentDialog

        current = self.table.current_row()
        dialog = AssignmentDialog(self, self.backend, task_no=current.task_no if current else None)
        if dialog.exec():
            values = dialog.values()
            operations.create_assignment(self, self.backend, **values)

    def remove_selected(self) -> None:
        operations.remove_assignments(self, self.backend, self.table.selected_rows())

    def confirm_selected(self) -> None:
        operations.confirm_completions(self, self.backend, self.table.selected_rows(), done=self._confirmed)

    def _confirmed(self, count: int) -> None:
        self.window_.show_message(self.tr("已销号 {n} 项。").format(n=count))

    def send_back_selected(self) -> None:
        operations.send_back(self, self.backend, self.table.selected_rows(),
                             done=lambda n: self.window_.show_message(self.tr("已退回 {n} 项。").format(n=n)))

    def smoke_check(self) -> str | None:
        overview = self.backend.shown
        if overview is not None and self.model.rowCount() != len(overview.rows):
            return f"分工表有 {self.model.rowCount()} 行，数据有 {len(overview.rows)} 条"
        return None
