"""催报/督办通知: the period, the kind, the folder and how the notices go out; the core writes one
Word document per unit (services.notices.write_notices) in a worker and records that they were
sent; afterwards the clerk is told where they are and may open the folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from .. import prefs
from ..widgets import button, hbox, hint_label, offer_open_folder
from .export_dialog import period_combo

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate
FOLDER_KEY = "notices"


class NoticesDialog(QDialog):
    def __init__(self, parent: QWidget | None, backend: Backend, kind: str = "催报"):
        from greentasks.services.reminders import REMINDER_KINDS, WAYS

        super().__init__(parent)
        self.setWindowTitle(self.tr("生成催报通知"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "每个单位生成一份 Word 通知（一页）：催报通知发给本期应报未报的单位，督办通知发给有逾期或进度滞后工作的单位。"
            "生成后登记发送时间和方式，总台账的“未报送”表显示催报时间和方式。")))
        form = QFormLayout()
        self.period = period_combo(backend)
        form.addRow(self.tr("报送期"), self.period)
        self.kind = QComboBox()
        for k in REMINDER_KINDS:
            self.kind.addItem(self.tr("{kind}通知").format(kind=k), k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        form.addRow(self.tr("通知种类"), self.kind)
        self.folder = QLineEdit(prefs.last_folder(FOLDER_KEY))
        browse = button(self.tr("浏览…"), "folder")
        browse.clicked.connect(self._browse)
        form.addRow(self.tr("保存到文件夹"), hbox(self.folder, browse))
        self.way = QComboBox()
        self.way.setEditable(True)
        self.way.addItems(list(WAYS))
        form.addRow(self.tr("发送方式"), self.way)
        self.record = QCheckBox(self.tr("登记发送记录（时间为今天）"))
        self.record.setChecked(True)
        form.addRow("", self.record)
        self.pdf = QCheckBox(self.tr("同时生成 PDF（需要 LibreOffice）"))
        form.addRow("", self.pdf)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("生成"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def _browse(self) -> None:
        from .common import choose_folder

        folder = choose_folder(self, self.tr("选择保存通知的文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _accept(self) -> None:
        folder = self.folder.text().strip()
        if not folder or (Path(folder).exists() and not Path(folder).is_dir()):
            QMessageBox.warning(self, self.windowTitle(), self.tr("请选择保存通知的文件夹。"))
            return
        if self.record.isChecked() and not self.way.currentText().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("请填写发送方式，如 政务邮箱、电话、书面。"))
            return
        self.accept()


def write_notices(parent: QWidget, backend: Backend, *, folder: str | None = None, period: str | None = None,
                  kind: str = "催报", way: str = "政务邮箱", record: bool = True, pdf: bool = False):
    """Ask (unless ``folder`` is given), then write the notices in a worker."""
    if folder is None:
        dialog = NoticesDialog(parent, backend, kind)
        if not dialog.exec():
            return None
        folder, period, kind = dialog.folder.text().strip(), dialog.period.currentData(), dialog.kind.currentData()
        way, record, pdf = dialog.way.currentText().strip(), dialog.record.isChecked(), dialog.pdf.isChecked()
    from greentasks.domain.periods import require_period

    chosen = require_period(period or backend.overview.period.code)  # the services take a Period
    prefs.remember_folder(FOLDER_KEY, folder)
    today, plan = backend.today, backend.plan

    def op(ctx):
        from greentasks.services.notices import write_notices as core_write

        return core_write(ctx.db, Path(folder), chosen, kind=kind, today=today, pdf=pdf, record=record, way=way,
                          plan=plan)

    def done(result) -> None:
        offer_open_folder(parent, Path(folder), "\n".join(result.lines()))

    return backend.collection(parent, op, done).with_progress(
        translate("Notices", "正在生成通知……")).run_in_background()
