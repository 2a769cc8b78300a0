"""设置: the database in use (a file or a server), the office-wide warning window and reporting
cycle (kept in the database, so every clerk sees the same lights), and the interface language."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import prefs
from ..vocab import show
from ..widgets import button, hbox, hint_label


@dataclass
class SettingsValues:
    database: str | None  # None: unchanged
    warn_days: int
    cycle: str
    language: str


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, current_db: str, is_sqlite: bool, warn_days: int, cycle: str,
                 language: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("设置"))
        self._current_db = current_db
        self._is_sqlite = is_sqlite
        layout = QVBoxLayout(self)

        db = QGroupBox(self.tr("数据库"))
        form = QFormLayout(db)
        form.addRow(hint_label(self.tr("正在使用：{db}").format(db=current_db or self.tr("（未打开）"))))
        self.use_file = QRadioButton(self.tr("本机或共享文件夹中的数据库文件"))
        self.file = QLineEdit(current_db if is_sqlite else "")
        browse = button(self.tr("浏览…"), "folder")
        browse.clicked.connect(self._browse)
        self.use_server = QRadioButton(self.tr("服务器数据库（地址）"))
        self.url = QLineEdit("" if is_sqlite else current_db)
        self.url.setPlaceholderText("postgresql+psycopg://用户名@服务器/greentasks")
        (self.use_file if is_sqlite or not current_db else self.use_server).setChecked(True)
        form.addRow(self.use_file)
        form.addRow(hbox(self.file, browse))
        form.addRow(self.use_server)
        form.addRow(self.url)
        form.addRow(hint_label(self.tr("选择一个新文件名即新建数据库（自动载入内置文件和单位通讯录）。更换后程序重新载入数据。")))
        layout.addWidget(db)

        office = QGroupBox(self.tr("预警和报送（全办共用，保存在数据库中）"))
        form = QFormLayout(office)
        self.warn_days = QSpinBox()
        self.warn_days.setRange(0, 365)
        self.warn_days.setValue(warn_days)
        self.warn_days.setSuffix(self.tr(" 天"))
        self.cycle = QComboBox()
        from greentasks.services.settings import CYCLES

        for key, label in CYCLES.items():
            self.cycle.addItem(show(label), key)
        self.cycle.setCurrentIndex(max(0, self.cycle.findData(cycle)))
        form.addRow(self.tr("到期前多少天亮黄灯"), self.warn_days)
        form.addRow(self.tr("报送周期"), self.cycle)
        layout.addWidget(office)

        ui = QGroupBox(self.tr("界面"))
        form = QFormLayout(ui)
        self.language = QComboBox()
        self.language.addItem("中文", prefs.LANG_ZH)
        self.language.addItem("English", prefs.LANG_EN)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form.addRow(self.tr("语言 / Language"), self.language)
        layout.addWidget(ui)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("选择或新建数据库文件"), self.file.text() or prefs.last_folder("database"),
            self.tr("数据库文件 (*.db *.sqlite);;所有文件 (*)"), options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.file.setText(path)
            self.use_file.setChecked(True)

    def database(self) -> str | None:
        target = (self.file.text() if self.use_file.isChecked() else self.url.text()).strip()
        return target if target and target != self._current_db else None

    def _accept(self) -> None:
        if self.use_server.isChecked() and "://" not in self.url.text():
            QMessageBox.warning(self, self.windowTitle(), self.tr("服务器地址应形如 postgresql+psycopg://用户名@服务器/数据库名。"))
            return
        self.accept()

    def values(self) -> SettingsValues:
        return SettingsValues(self.database(), self.warn_days.value(), self.cycle.currentData(),
                              self.language.currentData())
