"""设置 › 公文: what the documents that leave the office carry (docs/documents.md#settings) — the
issuing office, the 督查通报's 报头, the contact and phone, the 抄送 line and the 下步要求 paragraphs.

Kept in the database for the whole office; read and saved off the UI thread through
``services.document_settings`` (the save is one use case, each change logged).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..widgets import hint_label


class DocumentSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, db, backend=None):
        super().__init__(parent)
        self.db, self.backend = db, backend
        self.loaded = None  # the values read, once they are
        self.changed: list[str] | None = None  # what the save changed, once saved
        self.setWindowTitle(self.tr("公文设置"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr("督查通报、专报等发出的公文使用以下内容，全办共用，保存在数据库中。")))
        form = QFormLayout()
        self.office_name = QLineEdit()
        self.masthead = QLineEdit()
        self.masthead.setPlaceholderText(self.tr("如 南川区政务督查"))
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.copy_to = QLineEdit()
        self.next_steps = QPlainTextEdit()
        self.next_steps.setMinimumHeight(150)
        form.addRow(self.tr("发文单位"), self.office_name)
        form.addRow(self.tr("报头"), self.masthead)
        form.addRow(self.tr("联系人"), self.contact)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("抄送"), self.copy_to)
        form.addRow(self.tr("下步要求"), self.next_steps)
        form.addRow("", hint_label(self.tr("每行一段，如“一是……”“二是……”；留空则恢复默认内容。")))
        layout.addLayout(form, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, 520)
        self._set_enabled(False)
        self._load()

    def _fields(self) -> list[QWidget]:
        return [self.office_name, self.masthead, self.contact, self.phone, self.copy_to, self.next_steps]

    def _set_enabled(self, on: bool) -> None:
        for widget in self._fields():
            widget.setEnabled(on)
        self.save_button.setEnabled(on)

    def _load(self) -> None:
        from greentasks.services.document_settings import load_document_settings

        from ..workers import QueryOp, show_error

        db = self.db
        QueryOp(self, lambda _ctx: load_document_settings(db), success=self._fill,
                failure=lambda exc: show_error(self, exc)).run_in_background()

    def _fill(self, values) -> None:
        self.loaded = values
        self.office_name.setText(values.office_name)
        self.masthead.setText(values.masthead)
        self.contact.setText(values.contact)
        self.phone.setText(values.phone)
        self.copy_to.setText(values.copy_to)
        self.next_steps.setPlainText(values.next_steps)
        self._set_enabled(True)

    def values(self) -> dict[str, str]:
        return {"office_name": self.office_name.text(), "masthead": self.masthead.text(),
                "contact": self.contact.text(), "phone": self.phone.text(), "copy_to": self.copy_to.text(),
                "next_steps": self.next_steps.toPlainText()}

    def save(self) -> None:
        from greentasks.services.document_settings import save_document_settings

        from ..workers import CollectionOp, show_error

        values, db = self.values(), self.db
        self._set_enabled(False)

        def op(_ctx):
            return save_document_settings(db, **values)

        def saved(done) -> None:
            self.changed = done.value
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_enabled(True)
            show_error(self, exc)  # a line too long, a masthead of two lines: the core's words

        run = self.backend.collection(self, op) if self.backend is not None else CollectionOp(self, op)
        run.on_success(saved).on_failure(failed).run_in_background()
