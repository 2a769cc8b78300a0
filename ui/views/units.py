"""单位: the unit directory with aliases and contacts; edit, add, merge, import and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import style
from ..models.lists import UNIT_COLUMNS
from ..models.table import RowFilterProxy, RowTableModel
from ..vocab import CATEGORIES, show
from ..widgets import RowTable, SearchLine, button, hbox, hint_label, note_label, title_label
from ..workers import Changes, OpResult
from .base import View


class UnitsView(View):
    key = "units"
    icon_name = "units"

    def title(self) -> str:
        return self.tr("单位")

    def __init__(self, window):
        super().__init__(window)
        self.search = SearchLine(self.tr("查找单位名称、简称、联系人、电话（Ctrl+F）"))
        self.search.setMinimumWidth(320)
        self.category = QComboBox()
        self.category.addItem(self.tr("全部类别"), None)
        for c in CATEGORIES:
            self.category.addItem(show(c), c)
        self.count = hint_label()
        self.import_button = button(self.tr("导入通讯录…"), "import")
        self.export_button = button(self.tr("导出通讯录…"), "export")
        self.layout_.addLayout(hbox(title_label(self.tr("单位通讯录")), None, self.import_button, self.export_button))
        self.layout_.addWidget(note_label(self.tr(
            "程序自带的单位通讯录只是一份起始名单（名称和常见简称）。请按本区实际情况修改：补充联系人和电话，"
            "添加各单位在文件和报送表中用到的简称；同一单位出现两个名称时，用“合并单位”合为一个。")))
        self.layout_.addLayout(hbox(self.search, self.category, None, self.count))

        self.model = RowTableModel(UNIT_COLUMNS, self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = RowTable("units")
        self.table.setModel(self.proxy)

        # -- editor ---------------------------------------------------------------------------
        editor = QGroupBox(self.tr("编辑所选单位"))
        form = QFormLayout(editor)
        self.name = QLabel("—")
        style.bold(self.name)
        self.name.setWordWrap(True)
        self.edit_category = QComboBox()
        for c in CATEGORIES:
            self.edit_category.addItem(show(c), c)
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("报送用的邮箱，多个用“；”分开"))
        self.email.setToolTip(self.tr("从邮件导入报送时，表中没有写明填报单位的，按发件人的邮箱认出单位"))
        self.aliases = QLabel()
        self.aliases.setWordWrap(True)
        self.member_of = QLabel()
        self.member_of.setWordWrap(True)
        self.new_alias = QLineEdit()
        self.new_alias.setPlaceholderText(self.tr("新简称，多个用“、”分开"))
        self.save_button = button(self.tr("保存"), "save", primary=True)
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("类别"), self.edit_category)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("邮箱"), self.email)
        form.addRow(self.tr("简称/别名"), self.aliases)
        form.addRow(self.tr("添加简称"), self.new_alias)
        form.addRow(self.tr("所属集合"), self.member_of)
        form.addRow(hbox(None, self.save_button))
        from ..dialogs.unit_dialogs import MembersEditor

        self.members = MembersEditor()
        self.add_button = button(self.tr("新增单位…"), "add")
        self.merge_button = button(self.tr("合并单位…"), "merge",
                                   tooltip=self.tr("把所选单位并入另一个单位：分工随之转移，名称变为简称"))
        self.show_button = button(self.tr("查看该单位的分工"), "assignments")
        side = QWidget()
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(editor)
        sv.addWidget(self.members, 1)
        sv.addLayout(hbox(self.add_button, self.merge_button, None))
        sv.addWidget(self.show_button)
        sv.addStretch(1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setSizes([880, 360])
        self.layout_.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._filter)
        self.category.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.open_requested.connect(self._show_assignments)
        self.save_button.clicked.connect(self.save)
        self.add_button.clicked.connect(self.add_unit)
        self.merge_button.clicked.connect(self.merge)
        self.show_button.clicked.connect(lambda: self._show_assignments(self.table.current_row()))
        self.import_button.clicked.connect(lambda: self.import_directory())
        self.export_button.clicked.connect(lambda: self.export_directory())
        self.members.save_requested.connect(self.save_members)
        self.members.reset_requested.connect(self.reset_members)
        self._show_current()

    def on_changed(self, changes: Changes) -> None:
        if not (changes.directory or changes.database or changes.assignments):
            return
        self.model.set_rows(self.backend.snapshot.units)
        self._filter()
        self.table.select_first()
        self._show_current()

    def _filter(self, *_args) -> None:
        words = [w for w in self.search.text().lower().split() if w]
        category = self.category.currentData()

        def accept(u) -> bool:
            if category is not None and u.category != category:
                return False
            if words:
                text = "\n".join([u.name, *u.aliases, u.contact, u.phone, u.email]).lower()
                return all(w in text for w in words)
            return True

        self.proxy.set_predicate(accept if (words or category) else None)
        self.count.setText(self.tr("{n} 个单位").format(n=self.proxy.rowCount()))

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    # -- editing --------------------------------------------------------------------------------
    def _show_current(self) -> None:
        u = self.table.current_row()
        for w in (self.edit_category, self.contact, self.phone, self.email, self.new_alias, self.save_button, self.merge_button,
                  self.show_button):
            w.setEnabled(u is not None)
        if u is None:
            self.name.setText("—")
            self.aliases.clear()
            self.member_of.clear()
            self.members.show_unit(None, [])
            return
        self.name.setText(u.name)
        self.edit_category.setCurrentIndex(max(0, self.edit_category.findData(u.category)))
        self.contact.setText(u.contact)
        self.phone.setText(u.phone)
        self.email.setText(u.email)
        self.aliases.setText("、".join(u.aliases) or self.tr("（无）"))
        self.member_of.setText("、".join(u.member_of) or self.tr("（无）"))
        self.new_alias.clear()
        self.members.show_unit(u, self.backend.snapshot.units)

    def save(self) -> None:
        u = self.table.current_row()
        if u is None:
            return
        aliases = self.new_alias.text()
        category, contact, phone = self.edit_category.currentData(), self.contact.text(), self.phone.text()
        email = self.email.text()

        def op(ctx) -> OpResult:
            from greentasks.services.actions import save_unit
            from greentasks.services.directory import split_aliases

            return save_unit(ctx.db, u.id, category=category, contact=contact, phone=phone,
                             new_aliases=split_aliases(aliases), email=email)

        self.backend.collection(self, op, lambda _c: self.window_.show_message(
            self.tr("已保存“{name}”。").format(name=u.name))).run_in_background()

    # -- a collective's members -------------------------------------------------------------------
    def save_members(self, member_ids: list[int]):
        u = self.table.current_row()
        if u is None:
            return None

        def op(ctx) -> OpResult:
            from greentasks.services.collectives import set_members

            return set_members(ctx.db, u.id, member_ids)

        return self._run_members(u, op)

    def reset_members(self):
        u = self.table.current_row()
        if u is None:
            return None

        def op(ctx) -> OpResult:
            from greentasks.services.collectives import reset_members

            return reset_members(ctx.db, u.id)

        return self._run_members(u, op)

    def _run_members(self, u, op):
        def done(result: OpResult) -> None:
            self.table.select_key(u.id)
            synced = result.value
            text = self.tr("已保存“{name}”的成员。").format(name=u.name)
            if synced is not None and synced.any():
                text += synced.describe()
            self.window_.show_message(text)

        return self.backend.collection(self, op, done).with_progress(self.tr("正在保存成员……")).run_in_background()

    def add_unit(self) -> None:
        from ..dialogs.unit_dialogs import NewUnitDialog

        dialog = NewUnitDialog(self)
        if not dialog.exec():
            return
        values = dialog.values()

        def op(ctx) -> OpResult:
            from greentasks.services.actions import add_unit
            from greentasks.services.directory import split_aliases

            return add_unit(ctx.db, values["name"], values["category"], values["contact"], values["phone"],
                            split_aliases(values["aliases"]), values["email"])

        self.backend.collection(self, op, lambda _c: self._select_name(values["name"])).run_in_background()

    def _select_name(self, name: str) -> None:
        for u in self.model.rows:
            if u.name == name.strip():
                self.table.select_key(u.id)
                return

    def merge(self) -> None:
        drop = self.table.current_row()
        if drop is None:
            return
        from ..dialogs.unit_dialogs import MergeDialog

        dialog = MergeDialog(self, drop, self.backend.snapshot.units)
        if not dialog.exec():
            return
        keep_id = dialog.keep_id()
        self.merge_units(keep_id, drop.id)

    def merge_units(self, keep_id: int, drop_id: int):
        def op(ctx) -> OpResult:
            from greentasks.services.actions import merge_units

            return merge_units(ctx.db, keep_id, drop_id)

        def done(result: OpResult) -> None:
            self.table.select_key(keep_id)
            self.window_.show_message(self.tr("已合并，转移分工 {n} 条。").format(n=result.value))

        return self.backend.collection(self, op, done).with_progress(self.tr("正在合并单位……")).run_in_background()

    def _show_assignments(self, u) -> None:
        if u is not None:
            from ..models.assignments import AssignmentFilter

            self.window_.show_assignments(AssignmentFilter(department=u.name))

    # -- import / export ------------------------------------------------------------------------
    def import_directory(self, path: str | None = None):
        if path is None:
            from ..dialogs.common import ask_spreadsheets

            chosen = ask_spreadsheets(self, self.tr("导入单位通讯录"), "directory")
            if not chosen:
                return None
            path = chosen[0]

        def op(ctx) -> OpResult:
            from greentasks.services.directory_io import import_directory_file

            outcome = import_directory_file(ctx.db, Path(path))
            return OpResult(outcome.touched, outcome)

        def done(result: OpResult) -> None:
            outcome = result.value
            lines = outcome.lines() if hasattr(outcome, "lines") else [str(outcome)]
            if outcome.outcome == "refused":
                QMessageBox.warning(self, self.tr("未导入"), "\n".join(lines))
            else:
                QMessageBox.information(self, self.tr("导入完成"), "\n".join(lines))

        return self.backend.collection(self, op, done).with_progress(self.tr("正在导入单位通讯录……")) \
            .run_in_background()

    def export_directory(self, path: str | None = None):
        from ..dialogs.export_dialog import export_directory

        return export_directory(self, self.backend, path)

    def smoke_check(self) -> str | None:
        if self.model.rowCount() != len(self.backend.snapshot.units):
            return "单位表行数与数据不符"
        return None
