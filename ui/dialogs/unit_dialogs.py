"""Adding a unit, and choosing the unit another one is merged into."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ..views.assignment_panel import unit_combo
from ..vocab import CATEGORIES, show


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
        form.addRow(self.tr("单位名称"), self.name)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("简称/别名"), self.aliases)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
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
                "aliases": self.aliases.text(), "contact": self.contact.text(), "phone": self.phone.text()}


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
