"""The side panel of 分工: edit one assignment, see its progress by period, its 延期 (requests
for a later deadline and the office's decisions) and its change log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
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

from greentasks.domain.extensions import REQUESTED
from greentasks.domain.rules import CATEGORY_ORDER, can_confirm, can_send_back

from .. import operations, style
from ..models.lists import CHANGE_COLUMNS, EntryModel
from ..models.table import CENTER, Column, RowTableModel
from ..vocab import ROLES, STATUSES, show
from ..widgets import RowTable, button, hbox, hint_label

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate

# The 延期 section's list: one row per request (services.extensions.ExtensionInfo).
EXTENSION_COLUMNS = [
    Column("to", QT_TRANSLATE_NOOP("Columns", "申请延期至"), lambda e: e.to_words, width=110),
    Column("state", QT_TRANSLATE_NOOP("Columns", "状态"),
           lambda e: show(e.state) + (translate("AssignmentPanel", "（现行）") if e.in_force else ""),
           align=CENTER, width=80),
    Column("reason", QT_TRANSLATE_NOOP("Columns", "理由"), lambda e: e.reason, width=140,
           tooltip=lambda e: e.reason or None),
    Column("requested_on", QT_TRANSLATE_NOOP("Columns", "申请日期"), lambda e: e.requested_on.isoformat(),
           align=CENTER, width=90),
    Column("source", QT_TRANSLATE_NOOP("Columns", "来源"),
           lambda e: e.source or translate("AssignmentPanel", "手工登记"), width=120,
           tooltip=lambda e: e.reference or None),
]


def stored_deadline(row) -> str:
    """The 完成时限 as stored (what the clerk edits): a row whose deadline an approved
    extension moved shows both dates in ``deadline_text`` and keeps the stored text apart."""
    if getattr(row, "extended_to", None) is not None:
        return getattr(row, "deadline_original", "") or ""
    return row.deadline_text


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

        # -- 延期 -------------------------------------------------------------------------------
        extensions = QWidget()
        ext_layout = QVBoxLayout(extensions)
        self.ext_deadline = QLabel()
        self.ext_deadline.setWordWrap(True)
        self.ext_in_force = QLabel()
        self.ext_in_force.setWordWrap(True)
        self.extension_model = RowTableModel(EXTENSION_COLUMNS, self)
        self.extension_table = RowTable("extensions", sortable=False)
        self.extension_table.setModel(self.extension_model)
        self.extension_table.setSelectionMode(self.extension_table.SelectionMode.SingleSelection)
        self.ext_detail = hint_label()
        self.request_button = button(translate("AssignmentPanel", "登记延期申请…"), "add",
                                     tooltip=translate("AssignmentPanel", "登记单位的延期申请（可直接批准）"))
        self.approve_button = button(translate("AssignmentPanel", "批准"), "confirm",
                                     tooltip=translate("AssignmentPanel", "批准所选的延期申请：预警按新的时限计算"))
        self.decline_button = button(translate("AssignmentPanel", "不予批准"),
                                     tooltip=translate("AssignmentPanel", "不批准所选的延期申请：时限不变"))
        self.undo_extension_button = button(translate("AssignmentPanel", "撤销"), "clear")
        ext_layout.addWidget(self.ext_deadline)
        ext_layout.addWidget(self.ext_in_force)
        ext_layout.addWidget(self.extension_table, 1)
        ext_layout.addWidget(self.ext_detail)
        ext_layout.addLayout(hbox(self.approve_button, self.decline_button, self.undo_extension_button, None))
        ext_layout.addLayout(hbox(None, self.request_button))
        self.tabs.addTab(extensions, translate("AssignmentPanel", "延期"))
        self.extension_page = extensions
        self.extensions: list = []

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
        self.extension_table.selectionModel().selectionChanged.connect(self._extension_selected)
        self.request_button.clicked.connect(self.request_extension)
        self.approve_button.clicked.connect(lambda: self.decide_extension(True))
        self.decline_button.clicked.connect(lambda: self.decide_extension(False))
        self.undo_extension_button.clicked.connect(self.undo_extension)
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
            for b in (self.save_button, self.revert_button, self.confirm_button, self.send_back_button,
                      self.request_button, self.approve_button, self.decline_button, self.undo_extension_button):
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
            self._show_extensions([])
            self.set_enabled(False)
            self.history = None
            return
        if self.history is None or self.history["assignment"]["id"] != row.id:
            self._show_extensions([])  # another assignment's requests must not be decided meanwhile
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
        self.deadline.setText(stored_deadline(row))
        self.status.setCurrentIndex(max(0, self.status.findData(row.status)))
        closure = show(row.closure) if row.closure else translate("AssignmentPanel", "—")
        self.closure.setText(closure)
        self._loading = False
        self.set_enabled(True)
        self._deadline_changed()
        self._update_buttons()
        self._show_deadline(row)

    def load_history(self) -> None:
        if self.row is None or self.backend.db is None:
            return
        aid = self.row.id
        today = self.backend.today

        def op(ctx):
            from greentasks.services.extensions import load_extensions
            from greentasks.services.history import load_assignment_history

            return load_assignment_history(ctx.db, aid), load_extensions(ctx.db, aid, today)

        def done(result) -> None:
            history, extensions = result
            if self.row is None or self.row.id != aid or history is None:
                return
            self.entry_model.set_rows(list(reversed(history["entries"])))
            self.change_model.set_rows(list(reversed(history["changes"])))
            self.entry_text.clear()
            if history["entries"]:
                self.entry_table.selectRow(0)
            self._show_extensions(extensions)
            self.history = history

        self.backend.query(self, op, done).run_in_background()

    # -- 延期 ---------------------------------------------------------------------------------
    def _show_deadline(self, row) -> None:
        from greentasks.domain.extensions import not_extendable

        self.ext_deadline.setText(translate("AssignmentPanel", "完成时限：{text}").format(
            text=stored_deadline(row) or translate("AssignmentPanel", "未填写")))
        refused = not_extendable(row.deadline_kind, stored_deadline(row))
        self.request_button.setEnabled(refused is None)
        self.request_button.setToolTip(refused or translate("AssignmentPanel", "登记单位的延期申请（可直接批准）"))

    def _show_extensions(self, extensions: list) -> None:
        """The requests of the shown assignment, newest first, and the one in force."""
        self.extensions = list(extensions)
        selected = self.selected_extension()
        self.extension_model.set_rows(list(reversed(self.extensions)))
        force = next((e for e in self.extensions if e.in_force), None)
        if force is not None:
            self.ext_in_force.setText(translate("AssignmentPanel", "现行时限：{text}").format(text=force.text))
            style.set_colour(self.ext_in_force, style.LIGHT_COLOURS.get("绿", style.MUTED))
        else:
            self.ext_in_force.setText(translate("AssignmentPanel", "没有已批准的延期。") if self.extensions else
                                      translate("AssignmentPanel", "没有延期申请。"))
            style.set_colour(self.ext_in_force, style.MUTED)
        pending = sum(e.state == REQUESTED for e in self.extensions)
        index = self.tabs.indexOf(self.extension_page)
        self.tabs.setTabText(index, translate("AssignmentPanel", "延期（{n}）").format(n=pending) if pending
                             else translate("AssignmentPanel", "延期"))
        if selected is not None:
            self.extension_table.select_key(selected.id)
        elif self.extension_model.rowCount():
            self.extension_table.selectRow(0)
        self._extension_selected()

    def selected_extension(self):
        rows = self.extension_table.selected_rows()
        return rows[0] if rows else None

    def _extension_selected(self, *_args) -> None:
        e = self.selected_extension()
        pending = e is not None and e.state == REQUESTED
        self.approve_button.setEnabled(pending)
        self.decline_button.setEnabled(pending)
        if e is None:
            self.ext_detail.clear()
            self.undo_extension_button.setEnabled(False)
            return
        lines = [e.text, translate("AssignmentPanel", "理由：{reason}").format(
            reason=e.reason or translate("AssignmentPanel", "未说明"))]
        if e.reference:
            lines.append(translate("AssignmentPanel", "依据：{reference}").format(reference=e.reference))
        if e.decision_note:
            lines.append(translate("AssignmentPanel", "审批意见：{note}").format(note=e.decision_note))
        self.ext_detail.setText("\n".join(lines))
        if not pending:
            self.undo_extension_button.setText(translate("AssignmentPanel", "撤销决定"))
            self.undo_extension_button.setToolTip(translate("AssignmentPanel", "撤销“{state}”，申请恢复为待审核").format(
                state=show(e.state)))
            self.undo_extension_button.setEnabled(True)
        elif e.from_return:
            self.undo_extension_button.setText(translate("AssignmentPanel", "撤回申请"))
            self.undo_extension_button.setToolTip(translate(
                "AssignmentPanel", "随报送文件导入的申请不能单独撤回：可不予批准，或在“报送”中撤销那批导入"))
            self.undo_extension_button.setEnabled(False)
        else:
            self.undo_extension_button.setText(translate("AssignmentPanel", "撤回申请"))
            self.undo_extension_button.setToolTip(translate("AssignmentPanel", "删除这项手工登记的申请（记入修改记录）"))
            self.undo_extension_button.setEnabled(True)

    def request_extension(self):
        """登记延期申请…: the dialog, then the core's use case (approved at once unless unticked)."""
        row = self.row
        if row is None or self.backend.db is None:
            return None
        from ..dialogs.extension_dialog import ExtensionDialog

        force = next((e for e in self.extensions if e.in_force), None)
        current = force.requested_to if force is not None else (row.due if row.deadline_kind == "date" else None)
        dialog = ExtensionDialog(self, translate("AssignmentPanel", "任务{no}　{unit}").format(
            no=row.task_no, unit=row.department), stored_deadline(row), current, extended=force is not None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.record_extension(**dialog.values())

    def record_extension(self, to, reason: str, reference: str = "", approve: bool = True):
        row, today = self.row, self.backend.today
        if row is None:
            return None
        aid = row.id

        def op(ctx):
            from greentasks.services import extensions

            if approve:
                return extensions.extend(ctx.db, aid, to, reason, reference, on=today)
            return extensions.request_extension(ctx.db, aid, to, reason, reference, on=today)

        def done(result) -> None:
            info = result.value
            text = (translate("AssignmentPanel", "已批准延期：{text}。") if approve
                    else translate("AssignmentPanel", "已登记延期申请：{text}。")).format(text=info.text)
            self._message(text)

        return self.backend.collection(self, op, done).with_progress(
            translate("AssignmentPanel", "正在登记延期……")).run_in_background()

    def decide_extension(self, approve: bool):
        e, today = self.selected_extension(), self.backend.today
        if e is None or e.state != REQUESTED:
            return None
        ext_id = e.id

        def op(ctx):
            from greentasks.services.extensions import decide_extension

            return decide_extension(ctx.db, ext_id, approve, on=today)

        def done(result) -> None:
            self._message(translate("AssignmentPanel", "{unit}：{text}。").format(
                unit=result.value.department, text=result.value.text))

        return self.backend.collection(self, op, done).run_in_background()

    def undo_extension(self):
        e = self.selected_extension()
        if e is None:
            return None
        if e.state == REQUESTED:
            question = translate("AssignmentPanel", "撤回这项延期申请（延期至{to}）吗？撤回后记入修改记录。").format(
                to=e.to_words)
            if QMessageBox.question(self, translate("AssignmentPanel", "撤回申请"),
                                    question) != QMessageBox.StandardButton.Yes:
                return None
        ext_id = e.id

        def op(ctx):
            from greentasks.services.extensions import undo_extension_decision

            return undo_extension_decision(ctx.db, ext_id)

        return self.backend.collection(self, op, lambda result: self._message(result.value.message)) \
            .run_in_background()

    def _message(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "show_message"):
            window.show_message(text)

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
        if self.deadline.text().strip() != stored_deadline(self.row):
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
