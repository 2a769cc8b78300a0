"""Adding a unit, choosing the unit another one is merged into, and a collective's members."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from greentasks.domain.rules import COLLECTIVE, category_sort_key

from ..views.assignment_panel import unit_combo
from ..vocab import CATEGORIES, show
from ..widgets import SearchLine, button, hbox, hint_label


def _buttons(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewUnitDialog(QDialog):
    def __init__(self, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增单位"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("单位全称，如：区发展改革委"))
        self.category = QComboBox()
        for c in CATEGORIES:
            self.category.addItem(show(c), c)
        self.aliases = QLineEdit()
        self.aliases.setPlaceholderText(self.tr("简称，多个用“、”分开"))
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("报送用的邮箱，多个用“；”分开"))
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("简称/别名"), self.aliases)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("邮箱"), self.email)
        buttons = _buttons(self)
        buttons.accepted.connect(self._accept)
        form.addRow(buttons)
        self.resize(420, 240)

    def _accept(self) -> None:
        if not self.name.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("请填写单位全称。"))
            return
        self.accept()

    def values(self) -> dict:
        return {"name": self.name.text().strip(), "category": self.category.currentData(),
                "aliases": self.aliases.text(), "contact": self.contact.text(), "phone": self.phone.text(),
                "email": self.email.text()}


class MergeDialog(QDialog):
    def __init__(self, parent: QWidget | None, drop, units: list):
        super().__init__(parent)
        self.setWindowTitle(self.tr("合并单位"))
        form = QFormLayout(self)
        text = QLabel(self.tr("把“{name}”并入下面选择的单位：它的 {n} 条分工转到该单位，“{name}”及其简称成为该单位的简称，"
                              "“{name}”从通讯录中去掉。此操作记入修改记录。").format(name=drop.name, n=drop.assignments))
        text.setWordWrap(True)
        form.addRow(text)
        self.keep = unit_combo([u for u in units if u.id != drop.id], self)
        self.keep.setCurrentIndex(-1)
        form.addRow(self.tr("并入"), self.keep)
        buttons = _buttons(self, self.tr("合并"))
        buttons.accepted.connect(self._accept)
        form.addRow(buttons)
        self.resize(460, 200)

    def keep_id(self) -> int | None:
        index = self.keep.findText(self.keep.currentText().strip())
        return self.keep.itemData(index) if index >= 0 else None

    def _accept(self) -> None:
        if self.keep_id() is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("请从列表中选择要并入的单位。"))
            return
        self.accept()


class MembersEditor(QGroupBox):
    """集合成员: the units a collective (各乡镇（街道）) stands for, ticked in a list of every unit
    that can be a member; 保存成员 makes the ticked ones its own list, 恢复默认成员 goes back to
    the members its name gives. The view runs the core's use cases (services.collectives)."""

    save_requested = Signal(list)  # the ticked unit ids
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("集合成员"))
        self.unit = None
        self._loaded: set[int] = set()
        layout = QVBoxLayout(self)
        self.state = hint_label()
        self.state.setWordWrap(True)
        self.search = SearchLine(self.tr("筛选单位"))
        self.list = QListWidget()
        self.list.setMinimumHeight(160)
        self.count = hint_label(wrap=False)
        self.save_button = button(self.tr("保存成员"), "save", primary=True)
        self.reset_button = button(self.tr("恢复默认成员"), "undo",
                                   tooltip=self.tr("按集合名称确定成员：含“乡镇”“街道”的为全部乡镇街道，含“部门”的为全部区级部门"))
        layout.addWidget(self.state)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(hbox(self.count, None, self.reset_button, self.save_button))
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(lambda _item: self._update())
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.checked_ids()))
        self.reset_button.clicked.connect(self.reset_requested.emit)

    def show_unit(self, unit, units: list) -> None:
        """Shows ``unit``'s members (hidden unless it is a collective)."""
        self.unit = unit if unit is not None and unit.category == COLLECTIVE else None
        self.setVisible(self.unit is not None)
        if self.unit is None:
            return
        self._loaded = set(self.unit.members)
        self.list.blockSignals(True)
        self.list.clear()
        for u in sorted((u for u in units if u.category != COLLECTIVE), key=lambda u: category_sort_key(u.category,
                                                                                                       u.name)):
            item = QListWidgetItem(f"{u.name}（{show(u.category)}）")
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.id in self._loaded else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.unit.members_explicit:
            text = self.tr("成员由本办指定，共 {n} 个单位。").format(n=len(self._loaded))
        else:
            text = self.tr("成员按集合名称默认确定，共 {n} 个单位；勾选调整后保存，即改为本办指定的成员。").format(
                n=len(self._loaded))
        self.state.setText(text)
        self.reset_button.setEnabled(self.unit.members_explicit)
        self._filter()

    def checked_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    @property
    def dirty(self) -> bool:
        return self.unit is not None and set(self.checked_ids()) != self._loaded

    def _filter(self, *_args) -> None:
        words = [w for w in self.search.text().lower().split() if w]
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(words) and not all(w in item.text().lower() for w in words))
        self._update()

    def _update(self) -> None:
        self.count.setText(self.tr("已选 {n} 个").format(n=len(self.checked_ids())))
        self.save_button.setEnabled(self.dirty)
