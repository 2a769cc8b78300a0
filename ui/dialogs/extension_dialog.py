"""登记延期申请: the new date (read as typed, like a 完成时限), the unit's reason, its letter, and
whether the office approves it at once (docs/deadlines.md#extensions)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from .. import style
from ..widgets import hint_label


class ExtensionDialog(QDialog):
    """``heading`` names the assignment; ``current_due`` is the date in force (an approved
    extension's, or the deadline's), against which the new date is checked while typing. The
    core checks again when it records the request."""

    def __init__(self, parent: QWidget | None, heading: str, deadline_text: str,
                 current_due: date | None = None, extended: bool = False):
        super().__init__(parent)
        self.current_due = current_due
        self.extended = extended
        self.setWindowTitle(self.tr("登记延期申请"))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title = QLabel(heading)
        title.setWordWrap(True)
        style.bold(title)
        form.addRow(title)
        form.addRow(self.tr("完成时限"), QLabel(deadline_text or self.tr("未填写")))
        self.to = QLineEdit()
        self.to.setPlaceholderText(self.tr("如：2023年9月底前、2023年9月15日、2023-09-30"))
        self.to_hint = hint_label()
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("单位申请延期的理由，如：设备到货延迟，需顺延一个季度。"))
        self.reason.setFixedHeight(90)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("单位来函的文号或文件名（可不填）"))
        self.approve = QCheckBox(self.tr("直接批准"))
        self.approve.setChecked(True)
        self.approve.setToolTip(self.tr("不勾选：只登记申请，稍后在“延期”中批准或不予批准"))
        form.addRow(self.tr("延期至"), self.to)
        form.addRow("", self.to_hint)
        form.addRow(self.tr("延期理由"), self.reason)
        form.addRow(self.tr("来函"), self.reference)
        form.addRow("", self.approve)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.to.textChanged.connect(self._changed)
        self.reason.textChanged.connect(self._changed)
        self.approve.toggled.connect(self._changed)
        self._changed()
        self.resize(520, 360)

    def new_date(self) -> date | None:
        from greentasks.domain.extensions import ExtensionError, parse_new_date

        try:
            return parse_new_date(self.to.text())
        except ExtensionError:
            return None

    def _problem(self) -> str | None:
        """What stands in the way of the date typed (None: it reads and is later)."""
        from greentasks.domain.extensions import ExtensionError, new_date_problem, parse_new_date

        if not self.to.text().strip():
            return ""
        try:
            to = parse_new_date(self.to.text())
        except ExtensionError as exc:
            return str(exc)
        return new_date_problem(to, current_due=self.current_due, extended=self.extended)

    def _changed(self, *_args) -> None:
        from greentasks.domain.extensions import date_words

        problem = self._problem()
        to = self.new_date()
        if problem is None and to is not None:
            self.to_hint.setText(self.tr("延期至{words}（{iso}）").format(words=date_words(to), iso=to.isoformat()))
            style.set_colour(self.to_hint, style.MUTED)
        else:
            self.to_hint.setText(problem or "")
            style.set_colour(self.to_hint, style.UNRECOGNISED)
        self.ok.setText(self.tr("登记并批准") if self.approve.isChecked() else self.tr("登记申请"))
        self.ok.setEnabled(problem is None and to is not None and bool(self.reason.toPlainText().strip()))

    def values(self) -> dict:
        """The request as services.extensions takes it, and whether to approve it at once."""
        return {"to": self.new_date(), "reason": self.reason.toPlainText().strip(),
                "reference": self.reference.text().strip(), "approve": self.approve.isChecked()}
