"""设置: the database in use (a file on this PC, or the office's server), the office-wide warning
window, reporting cycle and reporting allowance (kept in the database, so every clerk sees the same
lights and the same past periods), and the interface language.

A server is entered as 服务器地址 / 端口 / 数据库名 / 用户名; the SQLAlchemy URL that the command
line takes (postgresql+psycopg://用户名@服务器/数据库名) is built from them, and the current one is
split into them when the dialog opens. A password typed here goes to the system's credential
store, as ``greentasks set-password`` puts it, never into a settings file.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from greentasks.domain.asof import DEFAULT_ALLOWANCE_DAYS, MAX_ALLOWANCE_DAYS
from greentasks.server_url import DEFAULT_DRIVER, DEFAULT_PORT, ServerFields, server_url, split_server_url

from .. import prefs
from ..vocab import show
from ..widgets import button, hbox, hint_label


@dataclass
class SettingsValues:
    database: str | None  # None: unchanged
    warn_days: int
    cycle: str
    language: str
    allowance: int = DEFAULT_ALLOWANCE_DAYS  # 报送宽限天数


def _breakable(path: str) -> str:
    """A path that a word-wrapped label may break after each folder separator."""
    return path.replace("\\", "\\\u200b").replace("/", "/\u200b")


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, current_db: str, is_sqlite: bool, warn_days: int, cycle: str,
                 language: str, *, allowance: int = DEFAULT_ALLOWANCE_DAYS, db=None, backend=None):
        super().__init__(parent)
        self._db, self._backend = db, backend  # the database whose 公文 settings 公文设置… edits
        self.setWindowTitle(self.tr("设置"))
        self._current_db = current_db
        self._is_sqlite = is_sqlite
        self._current_server = None if is_sqlite or not current_db else split_server_url(current_db)
        layout = QVBoxLayout(self)

        db = QGroupBox(self.tr("数据库"))
        v = QVBoxLayout(db)
        self.current = hint_label(self.tr("正在使用：{db}").format(db=self._describe_current()))
        v.addWidget(self.current)

        self.use_file = QRadioButton(self.tr("本机上的数据库文件"))
        self.file = QLineEdit(current_db if is_sqlite else "")
        self.browse = button(self.tr("浏览…"), "folder")
        self.browse.clicked.connect(self._browse)
        self.file_hint = hint_label(self.tr(
            "数据库文件请放在本机硬盘上，不要放在共享文件夹或网络盘上：几台电脑同时通过网络使用一个数据库文件，"
            "数据会损坏。几台电脑共用一套台账时，请使用下面的服务器数据库。"
            "选择一个新文件名即新建数据库（自动载入内置文件和单位通讯录）。"))
        v.addWidget(self.use_file)
        v.addLayout(hbox(self.file, self.browse))
        v.addWidget(self.file_hint)

        self.use_server = QRadioButton(self.tr("服务器数据库（几台电脑共用）"))
        server = self._current_server or ServerFields()
        self.host = QLineEdit(server.host)
        self.host.setPlaceholderText(self.tr("例如 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(server.port)
        self.port.setGroupSeparatorShown(False)
        self.port.setMaximumWidth(self.port.fontMetrics().horizontalAdvance("65535") + 48)
        self.database_name = QLineEdit(server.database)
        self.user = QLineEdit(server.user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("已保存过的不必再填"))
        self.server_form = QWidget()
        form = QFormLayout(self.server_form)
        form.setContentsMargins(18, 0, 0, 0)
        form.addRow(self.tr("服务器地址"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库名"), self.database_name)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("密码"), self.password)
        self.server_hint = hint_label(self.tr(
            "服务器的地址、数据库名和用户名由管理服务器的同事提供。密码保存在本机的系统凭据管理器中，"
            "不写入任何文件。"))
        v.addWidget(self.use_server)
        v.addWidget(self.server_form)
        v.addWidget(self.server_hint)
        v.addWidget(hint_label(self.tr("更换数据库后，程序重新载入数据。")))
        (self.use_server if self._current_server is not None else self.use_file).setChecked(True)
        self.use_file.toggled.connect(self._kind_changed)
        self._kind_changed()
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
        self.allowance = QSpinBox()
        self.allowance.setRange(0, MAX_ALLOWANCE_DAYS)
        self.allowance.setValue(allowance)
        self.allowance.setSuffix(self.tr(" 天"))
        form.addRow(self.tr("到期前多少天亮黄灯"), self.warn_days)
        form.addRow(self.tr("报送周期"), self.cycle)
        form.addRow(self.tr("报送宽限天数"), self.allowance)
        form.addRow("", hint_label(self.tr("报送期结束后多少天内报送；往期的情况按此截止日查看")))
        layout.addWidget(office)

        # 公文 (docs/documents.md#settings): its own dialog, saved by itself, which keeps this one short.
        documents = QGroupBox(self.tr("公文（全办共用，保存在数据库中）"))
        v = QVBoxLayout(documents)
        v.addWidget(hint_label(self.tr("督查通报、专报的发文单位、报头、联系人和电话、抄送、下步要求。")))
        self.documents_button = button(self.tr("公文设置…"), "documents")
        self.documents_button.setEnabled(db is not None)
        self.documents_button.clicked.connect(self.edit_documents)
        v.addLayout(hbox(self.documents_button, None))
        layout.addWidget(documents)

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
        self.setMinimumWidth(min(560, self._available_width()))
        self.resize(self.minimumWidth(), layout.totalHeightForWidth(self.minimumWidth()))

    def edit_documents(self) -> None:
        from .document_settings_dialog import DocumentSettingsDialog

        DocumentSettingsDialog(self, self._db, self._backend).exec()

    def resizeEvent(self, event) -> None:  # noqa: N802
        # A window does not ask its layout for height-for-width: without this, the word-wrapped
        # hints of a narrowed dialog would lose their last lines.
        super().resizeEvent(event)
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def _describe_current(self) -> str:
        server = self._current_server
        if server is not None:
            host = server.host if server.port == DEFAULT_PORT else f"{server.host}:{server.port}"
            return self.tr("服务器 {host} 上的数据库 {database}（用户名 {user}）").format(
                host=host, database=server.database, user=server.user)
        return _breakable(self._current_db) if self._current_db else self.tr("（未打开）")

    def _available_width(self) -> int:
        screen = self.screen()
        return screen.availableGeometry().width() - 40 if screen is not None else 560

    def _kind_changed(self, *_args) -> None:
        on_file = self.use_file.isChecked()
        for widget in (self.file, self.browse):
            widget.setEnabled(on_file)
        self.server_form.setEnabled(not on_file)

    def _browse(self) -> None:
        from .common import save_file

        path = save_file(self, self.tr("选择或新建数据库文件"), self.file.text() or prefs.last_folder("database"),
                         self.tr("数据库文件 (*.db *.sqlite);;所有文件 (*)"), confirm_overwrite=False)
        if path:
            self.file.setText(path)
            self.use_file.setChecked(True)

    def server_fields(self) -> ServerFields:
        driver = self._current_server.driver if self._current_server is not None else DEFAULT_DRIVER
        return ServerFields(self.host.text().strip(), self.port.value(), self.database_name.text().strip(),
                            self.user.text().strip(), driver)

    def database(self) -> str | None:
        if self.use_file.isChecked():
            target = self.file.text().strip()
            return target if target and not (self._is_sqlite and target == self._current_db) else None
        fields = self.server_fields()
        if not fields.host:
            return None
        unchanged = self._current_server is not None and fields.same_server(self._current_server)
        if unchanged and not self.password.text():
            return None
        return server_url(fields)

    def server_problem(self) -> str | None:
        """What is missing or wrong in the server fields, in words; None when they will do."""
        fields = self.server_fields()
        if not fields.host:
            return self.tr("请填写服务器地址，例如 192.168.1.10。")
        if any(c in fields.host for c in " /@\\"):
            return self.tr("服务器地址“{host}”不对：只填写地址本身，例如 192.168.1.10 或 db.example.gov.cn。").format(
                host=fields.host)
        if not fields.database:
            return self.tr("请填写数据库名（通常是 greentasks）。")
        if not fields.user:
            return self.tr("请填写用户名。")
        return None

    def _accept(self) -> None:
        if self.use_server.isChecked():
            problem = self.server_problem()
            if problem:
                QMessageBox.warning(self, self.windowTitle(), problem)
                return
            if self.password.text():
                from greentasks.credentials import store_password
                from greentasks.errors import GreentasksError

                try:
                    store_password(server_url(self.server_fields()), self.password.text())
                except GreentasksError as exc:
                    QMessageBox.warning(self, self.windowTitle(), str(exc))
                    return
        elif not self.file.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("请选择数据库文件，或点“浏览…”新建一个。"))
            return
        self.accept()

    def values(self) -> SettingsValues:
        return SettingsValues(self.database(), self.warn_days.value(), self.cycle.currentData(),
                              self.language.currentData(), self.allowance.value())
