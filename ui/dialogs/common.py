"""Small dialogs: the reason for sending a completion back, and every file chooser of the program.

Every file dialog goes through :func:`file_dialog`. Qt's own (non-native) file dialog asks the
icon provider for each file's icon and kind, and the default provider finds them by reading the
file's first bytes (QMimeDatabase). Opening and closing the SQLite database, its -wal or -shm file
that way drops this program's POSIX locks on it (fcntl locks belong to the process and go with the
first close of any descriptor); another program may then delete the WAL that holds our latest
saves. The provider here answers from the name alone and never opens a file. Windows locks
belong to the handle, so the native dialog is kept there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QStyle,
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


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and kinds of files from their names: never opens a file (see the module notes)."""

    KINDS = {
        "xlsx": QT_TRANSLATE_NOOP("Files", "Excel 表格"), "xlsm": QT_TRANSLATE_NOOP("Files", "Excel 表格"),
        "xls": QT_TRANSLATE_NOOP("Files", "Excel 表格"), "et": QT_TRANSLATE_NOOP("Files", "WPS 表格"),
        "ods": QT_TRANSLATE_NOOP("Files", "ODS 表格"), "csv": QT_TRANSLATE_NOOP("Files", "CSV 文件"),
        "htm": QT_TRANSLATE_NOOP("Files", "网页表格"), "html": QT_TRANSLATE_NOOP("Files", "网页表格"),
        "pdf": QT_TRANSLATE_NOOP("Files", "PDF 文件"), "db": QT_TRANSLATE_NOOP("Files", "数据库文件"),
        "sqlite": QT_TRANSLATE_NOOP("Files", "数据库文件"), "docx": QT_TRANSLATE_NOOP("Files", "Word 文档"),
        "txt": QT_TRANSLATE_NOOP("Files", "文本文件"),
    }

    def __init__(self) -> None:
        super().__init__()
        self._icons: dict[str, QIcon] = {}

    def _standard(self, pixmap: QStyle.StandardPixmap) -> QIcon:
        key = str(pixmap)
        if key not in self._icons:
            style = QApplication.style()
            self._icons[key] = style.standardIcon(pixmap) if style is not None else QIcon()
        return self._icons[key]

    def icon(self, what) -> QIcon:
        # Qt calls both overloads, icon(IconType) and icon(QFileInfo), through this one method.
        kinds = QAbstractFileIconProvider.IconType
        if isinstance(what, QFileInfo):
            if what.isRoot():
                kind = kinds.Drive
            elif what.isDir():
                kind = kinds.Folder
            else:
                kind = kinds.File
        else:
            kind = what
        pixmap = {kinds.Computer: QStyle.StandardPixmap.SP_ComputerIcon,
                  kinds.Desktop: QStyle.StandardPixmap.SP_DesktopIcon,
                  kinds.Trashcan: QStyle.StandardPixmap.SP_TrashIcon,
                  kinds.Network: QStyle.StandardPixmap.SP_DriveNetIcon,
                  kinds.Drive: QStyle.StandardPixmap.SP_DriveHDIcon,
                  kinds.Folder: QStyle.StandardPixmap.SP_DirIcon}.get(kind, QStyle.StandardPixmap.SP_FileIcon)
        return self._standard(pixmap)

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return translate("Files", "磁盘")
        if info.isDir():
            return translate("Files", "文件夹")
        suffix = info.suffix().lower()
        kind = self.KINDS.get(suffix)
        if kind is not None:
            return translate("Files", kind)
        return translate("Files", "{suffix} 文件").format(suffix=suffix.upper()) if suffix else translate("Files", "文件")


_icon_provider: NameOnlyIconProvider | None = None


def icon_provider() -> NameOnlyIconProvider:
    """One provider for every dialog (a dialog does not own the provider it is given)."""
    global _icon_provider
    if _icon_provider is None:
        _icon_provider = NameOnlyIconProvider()
    return _icon_provider


def make_file_dialog(parent: QWidget | None, title: str, start: str, mode: QFileDialog.FileMode, *,
                     filters: str = "", save: bool = False, confirm_overwrite: bool = True,
                     default_suffix: str = "") -> QFileDialog:
    """The program's file dialog, set up so that it never opens the files it lists."""
    dialog = QFileDialog(parent, title)
    if sys.platform != "win32":
        # The native dialogs of Linux desktops (GTK in this process) sniff file contents too.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    # Before any folder is shown, so that no file is ever looked at with Qt's default provider.
    dialog.setIconProvider(icon_provider())
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix)
    if filters:
        dialog.setNameFilters(filters.split(";;"))
    path = Path(start) if start else Path.home()
    if start and not path.is_dir():
        dialog.setDirectory(str(path.parent))
        if save or path.exists():
            dialog.selectFile(path.name)
    else:
        dialog.setDirectory(str(path))
    return dialog


def run_file_dialog(dialog: QFileDialog) -> list[str]:
    """Show the dialog; the chosen paths, or [] when the clerk cancels."""
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return [p for p in dialog.selectedFiles() if p]
    finally:
        dialog.deleteLater()


def open_files(parent: QWidget | None, title: str, start: str, filters: str, *, many: bool = False) -> list[str]:
    mode = QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile
    return run_file_dialog(make_file_dialog(parent, title, start, mode, filters=filters))


def save_file(parent: QWidget | None, title: str, start: str, filters: str, *, confirm_overwrite: bool = True,
              default_suffix: str = "") -> str | None:
    dialog = make_file_dialog(parent, title, start, QFileDialog.FileMode.AnyFile, filters=filters, save=True,
                              confirm_overwrite=confirm_overwrite, default_suffix=default_suffix)
    chosen = run_file_dialog(dialog)
    return chosen[0] if chosen else None


def choose_folder(parent: QWidget | None, title: str, start: str) -> str | None:
    chosen = run_file_dialog(make_file_dialog(parent, title, start, QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else None


def ask_spreadsheets(parent: QWidget | None, title: str, folder_key: str, *, many: bool = False,
                     kinds: str | None = None) -> list[str]:
    """Choose one (or several) files of every kind the importers read — .xlsx/.xls, WPS .et,
    .ods, CSV and HTML tables saved by OA systems — starting in the folder used last for
    ``folder_key``, which is then remembered. An empty list when the clerk cancels."""
    folder = prefs.last_folder(folder_key)
    kinds = kinds or translate("Files", "表格文件 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html);;所有文件 (*)")
    paths = open_files(parent, title, folder, kinds, many=many)
    if paths:
        prefs.remember_folder(folder_key, paths[0])
    return paths
