"""文件: the document register (plans and their status 有效/废止, with the repeal records)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from .. import style
from ..models.lists import DOCUMENT_COLUMNS
from ..models.table import Column, RowTableModel
from ..widgets import RowTable, button, hbox, hint_label, title_label
from ..workers import Changes
from .base import View


class DocumentModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(DOCUMENT_COLUMNS, parent)

    def foreground(self, row, column: Column) -> QColor | None:
        if row.status == "废止":
            return QColor("#B42318") if column.key == "status" else QColor(style.MUTED)
        return QColor(style.ACCENT) if column.key == "status" else None


class DocumentsView(View):
    key = "documents"
    icon_name = "documents"

    def title(self) -> str:
        return self.tr("文件")

    def __init__(self, window):
        super().__init__(window)
        self.add_button = button(self.tr("登记新文件…"), "import", tooltip=self.tr(
            "从文件正文（.docx、.txt、.pdf）或粘贴的文字读出文号、标题和任务，预览核对后登记"))
        self.add_button.clicked.connect(lambda: self.add_document())
        self.item_button = button(self.tr("登记批示或议定事项…"), "add", tooltip=self.tr(
            "登记区领导的批示或会议的议定事项，像一项任务一样分工、报送、预警和销号"))
        self.item_button.clicked.connect(lambda: self.add_item())
        self._select_after: int | None = None  # a document just registered, selected when it arrives
        self.layout_.addLayout(hbox(title_label(self.tr("文件登记")), None, self.item_button, self.add_button))
        self.layout_.addWidget(hint_label(self.tr(
            "登记督办的政策文件及其状态。废止的文件注明废止它的文件和日期；只有“有效”的文件需要督办。")))
        self.model = DocumentModel(self)
        self.table = RowTable("documents")
        self.table.setModel(self.model)
        self.layout_.addWidget(self.table, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.layout_.addWidget(self.detail)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

    def on_changed(self, changes: Changes) -> None:
        if changes.documents or changes.database:
            self.model.set_rows(self.backend.snapshot.documents)
            if self._select_after is not None and self.table.select_key(self._select_after):
                self._select_after = None
            self._show_current()

    # -- a new document -----------------------------------------------------------------------
    def add_document(self, path=None):
        """登记新文件: the dialog that reads a document's text and previews it (returned, for tests)."""
        if not self.backend.ready:
            return None
        from ..dialogs.plan_document_dialog import register_document

        return register_document(self.window_, self.backend, path)

    def add_item(self, *, show: bool = True):
        """登记批示或议定事项: the item dialog (returned unshown with ``show=False``, for tests)."""
        if not self.backend.ready:
            return None
        from ..dialogs.item_dialog import ItemDialog

        names = [u.name for u in (self.backend.snapshot.units or [])]
        dialog = ItemDialog(self.window_, backend=self.backend, unit_names=names)
        if show:
            dialog.exec()
        return dialog

    def show_document(self, plan_id: int) -> None:
        """Select the document ``plan_id`` now, or when the refresh that brings it arrives."""
        if not self.table.select_key(plan_id):
            self._select_after = plan_id

    def _show_current(self) -> None:
        d = self.table.current_row()
        if d is None:
            active = sum(1 for x in self.model.rows if x.status == "有效")
            self.detail.setText(self.tr("共登记 {n} 件文件，其中有效 {active} 件、废止 {repealed} 件。").format(
                n=len(self.model.rows), active=active, repealed=len(self.model.rows) - active))
            return
        if d.status == "废止":
            text = self.tr("《{title}》（{no}）已于 {date} 由 {by} 废止。").format(
                title=d.title, no=d.doc_no, date=d.repealed_on or "—", by=d.repealed_by or "—")
        else:
            text = self.tr("《{title}》（{no}）现行有效，含重点任务 {n} 项。").format(title=d.title, no=d.doc_no, n=d.tasks)
        self.detail.setText(text)

    def smoke_check(self) -> str | None:
        if self.model.rowCount() != len(self.backend.snapshot.documents):
            return "文件表行数与数据不符"
        return None
