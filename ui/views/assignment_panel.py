"""The side panel of 分工: edit one assignment, see its progress by period and its change log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from greentasks.domain.rules import CATEGORY_ORDER, can_confirm, can_send_back

from .. import operations, style
from ..models.lists import CHANGE_COLUMNS, EntryModel
from ..models.table import RowTableModel
from ..vocab import ROLES, STATUSES, show
from ..widgets import RowTable, button, hbox, hint_label

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate


def unit_combo(units: list, parent: QWidget | None = None) -> QComboBox:
    """An editable list of units: type any part of a name to find it."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    fill_units(combo, units)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def fill_units(combo: QComboBox, units: list, first: str | None = None) -> None:
    current = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(first, None)
    for u in sorted(units, key=lambda u: (CATEGORY_ORDER.get(u.category, len(CATEGORY_ORDER)), u.id)):
        combo.addItem(u.name, u.id)
    index = combo.findText(current)
    combo.setCurrentIndex(index if index >= 0 else 0)
    combo.blockSignals(False)


class AssignmentPanel(QWidget):
    saved = Signal(int)  # assignment id

    def __init__(self, backend: Backend, parent: QWidget | None = None):
        super().__init__(parent)
        self.backend = backend
        self.row = None
        self.version = 0
        self._loading = False
        self.history: dict | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(translate("AssignmentPanel", "在左边的表格中选择一条分工。"))
        self.heading.setWordWrap(True)
        style.bold(self.heading, 11)
        self.reasons = hint_label()
        layout.addWidget(self.heading)
        layout.addWidget(self.reasons)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # -- 编辑 -------------------------------------------------------------------------------
        edit = QWidget()
        outer = QVBoxLayout(edit)
        form = QFormLayout()
        outer.addLayout(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.unit = unit_combo([], edit)
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem(show(r), r)
        self.measure = QPlainTextEdit()
        self.measure.setFixedHeight(110)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(translate("AssignmentPanel", "如：2023年6月底前、每季度末、长期坚持"))
        self.deadline_hint = hint_label()
        self.status = QComboBox()
        for s in STATUSES:
            self.status.addItem(show(s), s)
        self.closure = QLabel()
        self.confirm_button = button(translate("AssignmentPanel", "销号"), "confirm",
                                     tooltip=translate("AssignmentPanel", "确认单位报送的完成情况"))
        self.send_back_button = button(translate("AssignmentPanel", "退回…"), "sendback",
                                       tooltip=translate("AssignmentPanel", "不认可完成情况，退回并说明理由"))
        form.addRow(translate("AssignmentPanel", "责任单位"), self.unit)
        form.addRow(translate("AssignmentPanel", "责任类型"), self.role)
        form.addRow(translate("AssignmentPanel", "具体工作"), self.measure)
        form.addRow(translate("AssignmentPanel", "完成时限"), self.deadline)
        form.addRow("", self.deadline_hint)
        form.addRow(translate("AssignmentPanel", "完成状态"), self.status)
        form.addRow(translate("AssignmentPanel", "销号"), hbox(self.closure, None, self.confirm_button,
                                                            self.send_back_button))
        self.save_button = button(translate("AssignmentPanel", "保存修改"), "save", primary=True)
        self.revert_button = button(translate("AssignmentPanel", "放弃修改"))
        outer.addLayout(hbox(None, self.revert_button, self.save_button, margins=(0, 8, 0, 0)))
        outer.addStretch(1)
        self.tabs.addTab(edit, translate("AssignmentPanel", "编辑"))

        # -- 进展记录 -----------------------------------------------------------------------------
        entries = QSplitter(Qt.Orientation.Vertical)
        self.entry_model = EntryModel(self)
        self.entry_table = RowTable("entries", sortable=False)
        self.entry_table.setModel(self.entry_model)
        self.entry_text = QTextBrowser()
        entries.addWidget(self.entry_table)
        entries.addWidget(self.entry_text)
        entries.setSizes([220, 160])
        self.tabs.addTab(entries, translate("AssignmentPanel", "进展记录"))

        # -- 修改记录 -----------------------------------------------------------------------------
        self.change_model = RowTableModel(CHANGE_COLUMNS, self, key=id)
        self.change_table = RowTable("changes", sortable=False)
        self.change_table.setModel(self.change_model)
        self.tabs.addTab(self.change_table, translate("AssignmentPanel", "修改记录"))

        for w in (self.unit, self.role, self.status):
            w.currentIndexChanged.connect(self._edited)
        self.unit.editTextChanged.connect(self._edited)
        self.measure.textChanged.connect(self._edited)
        self.deadline.textChanged.connect(self._deadline_changed)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.confirm_button.clicked.connect(self._confirm)
        self.send_back_button.clicked.connect(self._send_back)
        self.entry_table.selectionModel().currentRowChanged.connect(self._show_entry)
        self.set_enabled(False)

    # -- filling ------------------------------------------------------------------------------
    def set_units(self, units: list) -> None:
        self._loading = True
        fill_units(self.unit, units)
        self._loading = False
        if self.row is not None:
            self._fill(self.row)

    def set_enabled(self, on: bool) -> None:
        for w in (self.unit, self.role, self.measure, self.deadline, self.status):
            w.setEnabled(on)
        if not on:
            for b in (self.save_button, self.revert_button, self.confirm_button, self.send_back_button):
                b.setEnabled(False)

    def show_row(self, row) -> None:
        """Show ``row`` (an AssignmentRow) and load its history."""
        self.row = row
        if row is None:
            self.heading.setText(translate("AssignmentPanel", "在左边的表格中选择一条分工。"))
            self.reasons.clear()
            self.entry_model.set_rows([])
            self.change_model.set_rows([])
            self.entry_text.clear()
            self.set_enabled(False)
            self.history = None
            return
        self.version = row.version
        self._fill(row)
        self.load_history()

    def _fill(self, row) -> None:
        self._loading = True
        self.heading.setText(translate("AssignmentPanel", "任务{no}　{title}").format(no=row.task_no,
                                                                                  title=row.task_title))
        light = show(row.light)
        reasons = "；".join(row.reasons)
        self.reasons.setText(translate("AssignmentPanel", "预警：{light}").format(light=light)
                             + (f"（{reasons}）" if reasons else ""))
        style.set_colour(self.reasons, style.LIGHT_COLOURS.get(row.light, style.MUTED))
        index = self.unit.findData(row.department_id)
        self.unit.setCurrentIndex(index)
        if index < 0:
            self.unit.setEditText(row.department)
        self.role.setCurrentIndex(max(0, self.role.findData(row.role)))
        self.measure.setPlainText(row.measure)
        self.deadline.setText(row.deadline_text)
        self.status.setCurrentIndex(max(0, self.status.findData(row.status)))
        closure = show(row.closure) if row.closure else translate("AssignmentPanel", "—")
        self.closure.setText(closure)
        self._loading = False
        self.set_enabled(True)
        self._deadline_changed()
        self._update_buttons()

    def load_history(self) -> None:
        if self.row is None or self.backend.db is None:
            return
        aid = self.row.id

        def op(ctx):
            from greentasks.services.history import load_assignment_history

            return load_assignment_history(ctx.db, aid)

        def done(history) -> None:
            if self.row is None or self.row.id != aid or history is None:
                return
            self.entry_model.set_rows(list(reversed(history["entries"])))
            self.change_model.set_rows(list(reversed(history["changes"])))
            self.entry_text.clear()
            if history["entries"]:
                self.entry_table.selectRow(0)
            self.history = history

        self.backend.query(self, op, done).run_in_background()

    def _show_entry(self, current, _previous=None) -> None:
        if not current.isValid():
            self.entry_text.clear()
            return
        e = self.entry_model.rows[current.row()]
        parts = [
            (translate("AssignmentPanel", "报送期"), e["period"]),
            (translate("AssignmentPanel", "完成状态"), show(e["status"])),
            (translate("AssignmentPanel", "进展情况"), e["progress"]),
            (translate("AssignmentPanel", "存在问题"), e["problems"]),
            (translate("AssignmentPanel", "下步计划"), e["next_steps"]),
            (translate("AssignmentPanel", "备注"), e["remarks"]),
            (translate("AssignmentPanel", "填报人"), " ".join(x for x in (e["reporter"], e["phone"]) if x)),
            (translate("AssignmentPanel", "来源"), e["source"] or translate("History", "手工录入")),
        ]
        from html import escape

        html = "".join(f"<p><b>{escape(k)}：</b>{escape(v or '—')}</p>" for k, v in parts)
        self.entry_text.setHtml(html)

    # -- editing ------------------------------------------------------------------------------
    def _deadline_changed(self) -> None:
        from greentasks.domain.deadlines import describe, parse_deadline

        text = self.deadline.text()
        parsed = parse_deadline(text)
        overview = self.backend.overview  # recurring deadlines stop at the plan's horizon
        self.deadline_hint.setText(describe(parsed, self.backend.today, overview.ctx.horizon if overview else None))
        colour = style.UNRECOGNISED if parsed.kind == "未识别" else style.MUTED
        style.set_colour(self.deadline_hint, colour)
        self._edited()

    def edit(self) -> dict:
        """The fields the clerk changed, as services.assignments.AssignmentEdit arguments."""
        if self.row is None:
            return {}
        out: dict = {}
        dep_id = self._unit_id()
        if dep_id is not None and dep_id != self.row.department_id:
            out["department_id"] = dep_id
        if self.role.currentData() != self.row.role:
            out["role"] = self.role.currentData()
        if self.measure.toPlainText().strip() != self.row.measure:
            out["measure"] = self.measure.toPlainText()
        if self.deadline.text().strip() != self.row.deadline_text:
            out["deadline_text"] = self.deadline.text()
        if self.status.currentData() != self.row.status:
            out["status"] = self.status.currentData()
        return out

    def _unit_id(self) -> int | None:
        text = self.unit.currentText().strip()
        index = self.unit.findText(text)
        return self.unit.itemData(index) if index >= 0 else None

    @property
    def dirty(self) -> bool:
        return bool(self.edit()) or (self.row is not None and self._unit_id() is None)

    def _edited(self, *_args) -> None:
        if not self._loading:
            self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.row
        dirty = row is not None and self.dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.confirm_button.setEnabled(row is not None and can_confirm(row.status, row.closure) and not dirty)
        self.send_back_button.setEnabled(row is not None and can_send_back(row.status) and not dirty)

    def revert(self) -> None:
        if self.row is not None:
            self._fill(self.row)

    def save(self) -> None:
        if self.row is None:
            return
        if self._unit_id() is None:
            QMessageBox.warning(self, translate("AssignmentPanel", "保存"),
                                translate("AssignmentPanel", "“{name}”不在单位通讯录中。请从列表中选择责任单位，"
                                                             "或先在“单位”中添加它。").format(name=self.unit.currentText()))
            return
        edit = self.edit()
        if not edit:
            return
        self.save_button.setEnabled(False)
        row = self.row
        operations.save_assignment(self, self.backend, row, self.version, edit,
                                   done=lambda: self.saved.emit(row.id), failed=lambda _e: self._update_buttons())

    def _confirm(self) -> None:
        if self.row is not None:
            operations.confirm_completions(self, self.backend, [self.row])

    def _send_back(self) -> None:
        if self.row is not None:
            operations.send_back(self, self.backend, [self.row])
