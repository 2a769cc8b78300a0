"""Small dialogs: the reason for sending a completion back, and choosing spreadsheet files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import prefs

translate = QCoreApplication.translate


class ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None, count: int):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "退回"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate(
            "Dialogs", "退回 {n} 项完成情况：状态改回“推进中”，退回理由记入修改记录。请填写退回理由：").format(n=count)))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(translate("Dialogs", "例如：佐证材料不全，请补充后重新报送。"))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Dialogs", "退回"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason())))
        layout.addWidget(buttons)
        self.resize(460, 240)

    def reason(self) -> str:
        return self.text.toPlainText().strip()


def ask_reason(parent: QWidget | None, count: int) -> str | None:
    dialog = ReasonDialog(parent, count)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_spreadsheets(parent: QWidget | None, title: str, folder_key: str, *, many: bool = False) -> list[str]:
    """Choose one (or several) files of every kind the importers read — .xlsx/.xls, WPS .et,
    .ods, CSV and HTML tables saved by OA systems — starting in the folder used last for
    ``folder_key``, which is then remembered. An empty list when the clerk cancels."""
    folder = prefs.last_folder(folder_key)
    kinds = translate("Files", "表格文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv *.htm *.html);;所有文件 (*)")
    if many:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, folder, kinds)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, title, folder, kinds)
        paths = [path] if path else []
    if paths:
        prefs.remember_folder(folder_key, paths[0])
    return paths

