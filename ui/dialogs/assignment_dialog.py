"""Adding an assignment by hand: task, unit, role, concrete work, deadline (parsed as typed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from .. import style
from ..views.assignment_panel import unit_combo
from ..vocab import ROLES, show
from ..widgets import hint_label


class AssignmentDialog(QDialog):
    def __init__(self, parent: QWidget | None, backend, task_no: int | None = None):
        super().__init__(parent)
        self.backend = backend
        self.setWindowTitle(self.tr("新增分工"))
        form = QFormLayout(self)
        self.task = QComboBox()
        for t in backend.snapshot.tasks:
            self.task.addItem(f"{t['no']}. {t['title']}", t["no"])
        if task_no is not None:
            self.task.setCurrentIndex(max(0, self.task.findData(task_no)))
        self.unit = unit_combo(backend.snapshot.units, self)
        self.unit.setCurrentIndex(-1)
        self.unit.lineEdit().setPlaceholderText(self.tr("输入单位名称的任意部分查找"))
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem(show(r), r)
        self.measure = QPlainTextEdit()
        self.measure.setPlaceholderText(self.tr("具体工作（不填则用任务名称）"))
        self.measure.setFixedHeight(100)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(self.tr("如：2023年6月底前、每季度末、长期坚持"))
        self.deadline_hint = hint_label()
        form.addRow(self.tr("重点任务"), self.task)
        form.addRow(self.tr("责任单位"), self.unit)
        form.addRow(self.tr("责任类型"), self.role)
        form.addRow(self.tr("具体工作"), self.measure)
        form.addRow(self.tr("完成时限"), self.deadline)
        form.addRow("", self.deadline_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.deadline.textChanged.connect(self._deadline_changed)
        self._deadline_changed()
        self.resize(560, 380)

    def _deadline_changed(self) -> None:
        from greentasks.domain.deadlines import describe, parse_deadline

        parsed = parse_deadline(self.deadline.text())
        overview = self.backend.overview  # recurring deadlines stop at the plan's horizon
        self.deadline_hint.setText(describe(parsed, self.backend.today, overview.ctx.horizon if overview else None))
        style.set_colour(self.deadline_hint, style.UNRECOGNISED if parsed.kind == "未识别" else style.MUTED)

    def _unit_id(self) -> int | None:
        index = self.unit.findText(self.unit.currentText().strip())
        return self.unit.itemData(index) if index >= 0 else None

    def _accept(self) -> None:
        if self._unit_id() is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("请从列表中选择责任单位（可输入名称的一部分查找）。"))
            return
        self.accept()

    def values(self) -> dict:
        task_no = self.task.currentData()
        measure = self.measure.toPlainText().strip()
        if not measure:
            measure = next((t["title"] for t in self.backend.snapshot.tasks if t["no"] == task_no), "")
        return {"task_no": task_no, "department_id": self._unit_id(), "role": self.role.currentData(),
                "measure": measure, "deadline": self.deadline.text().strip()}
