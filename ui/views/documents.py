"""文件: the document register (plans and their status 有效/废止, with the repeal records)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel

from greentasks.domain.planclock import cn_date

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
        self.edit_button = button(self.tr("修改…"), "documents", tooltip=self.tr(
            "修改所选文件的文号、标题、发文机关或成文日期（双击一行也可）"))
        self.edit_button.clicked.connect(lambda: self.edit_document())
        self.repeal_button = button(self.tr("废止…"), "remove", tooltip=self.tr(
            "登记所选文件已被废止：填写废止它的文件的文号和废止日期"))
        self.repeal_button.clicked.connect(lambda: self.repeal_document())
        self.restore_button = button(self.tr("恢复有效…"), "undo", tooltip=self.tr(
            "把所选的已废止文件恢复为有效（原废止记录保留在修改记录中）"))
        self.restore_button.clicked.connect(lambda: self.restore_document())
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
        row = QHBoxLayout()
        row.addWidget(self.detail, 1)
        for b in (self.edit_button, self.repeal_button, self.restore_button):
            row.addWidget(b)
        self.layout_.addLayout(row)
        self.history = hint_label()  # the register's changes of the selected document (plan_history)
        self.history.hide()
        self.layout_.addWidget(self.history)
        self._history_of: int | None = None  # the document whose history is shown or being read
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.open_requested.connect(lambda d: self.edit_document(d))
        self._update_buttons(None)

    def on_changed(self, changes: Changes) -> None:
        if changes.documents or changes.database:
            shown = self.table.current_row()
            self.model.set_rows(self.backend.snapshot.documents)
            if self._select_after is not None and self.table.select_key(self._select_after):
                self._select_after = None
            elif shown is not None and self.table.current_row() is None:
                self.table.select_key(shown.id)  # a changed 文号 or 标题 may have moved the row
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

    # -- the register's changes ----------------------------------------------------------------
    def _target(self, entry=None):
        """The document a button acts on: the one given, else the selected one (None: nothing)."""
        if not self.backend.ready:
            return None
        return entry if entry is not None else self.table.current_row()

    def edit_document(self, entry=None, *, show: bool = True):
        """修改…: the edit dialog for the selected document (returned, unshown with ``show=False``)."""
        entry = self._target(entry)
        if entry is None:
            return None
        from ..dialogs.plan_register_dialog import edit_document

        return edit_document(self.window_, self.backend, entry, show=show)

    def repeal_document(self, entry=None, *, show: bool = True):
        """废止…: the repeal dialog for the selected document in force (returned, unshown with ``show=False``)."""
        entry = self._target(entry)
        if entry is None or entry.status == "废止":
            return None
        from ..dialogs.plan_register_dialog import repeal_document

        return repeal_document(self.window_, self.backend, entry, show=show)

    def restore_document(self, entry=None):
        """恢复有效…: asked, then restored (the op, or None)."""
        entry = self._target(entry)
        if entry is None or entry.status != "废止":
            return None
        from ..dialogs.plan_register_dialog import restore_document

        return restore_document(self.window_, self.backend, entry)

    def _update_buttons(self, d) -> None:
        ready = d is not None and self.backend.ready
        self.edit_button.setEnabled(ready)
        self.repeal_button.setEnabled(ready and d.status != "废止")
        self.restore_button.setEnabled(ready and d.status == "废止")

    def _show_current(self) -> None:
        d = self.table.current_row()
        self._update_buttons(d)
        self._load_history(d)
        if d is None:
            active = sum(1 for x in self.model.rows if x.status == "有效")
            self.detail.setText(self.tr("共登记 {n} 件文件，其中有效 {active} 件、废止 {repealed} 件。").format(
                n=len(self.model.rows), active=active, repealed=len(self.model.rows) - active))
            return
        if d.status == "废止":
            text = self.tr("《{title}》（{no}）已于 {date} 由 {by} 废止。").format(
                title=d.title, no=d.doc_no, date=_words(d.repealed_on) or "—", by=d.repealed_by or "—")
        else:
            text = self.tr("《{title}》（{no}）现行有效，含重点任务 {n} 项。").format(title=d.title, no=d.doc_no, n=d.tasks)
        self.detail.setText(text)

    def _load_history(self, d) -> None:
        """The selected document's register changes, read in the background (one small query)."""
        if d is None or self.backend.db is None:
            self._history_of = None
            self.history.hide()
            return
        self._history_of = d.id
        from ..dialogs.plan_register_dialog import plan_ref

        plan = plan_ref(d)

        def op(ctx):
            from greentasks.services.plan_register import load_plan_history

            return load_plan_history(ctx.db, plan)

        def done(rows: list[dict]) -> None:
            if self._history_of != plan.id:
                return  # another document was selected meanwhile
            lines = history_lines(rows)
            self.history.setText(self.tr("登记修改记录：") + "\n" + "\n".join(lines[:HISTORY_SHOWN]) if lines else "")
            self.history.setVisible(bool(lines))

        def failed(_exc: BaseException) -> None:  # the document went meanwhile: the refresh follows
            if self._history_of == plan.id:
                self.history.hide()

        self.backend.query(self, op, done).on_failure(failed).run_in_background()

    def smoke_check(self) -> str | None:
        if self.model.rowCount() != len(self.backend.snapshot.documents):
            return "文件表行数与数据不符"
        return None


HISTORY_SHOWN = 5  # the latest changes under the table; the rest are in 修改记录


def _words(value: str | None) -> str:
    """An ISO date as the clerk writes it (2022年9月27日); any other text as it is."""
    if not value:
        return ""
    try:
        return cn_date(date.fromisoformat(value[:10])) + value[10:]
    except ValueError:
        return value


def _value(row: dict, which: str) -> str:
    value = row[which]
    if row["field"] in ("issued_on", "repealed_on"):
        value = _words(value)
    return value or "—"


def history_lines(rows: list[dict]) -> list[str]:
    """plan_history's rows, newest first, one line for each change (the fields written together
    by one repeal or one edit on one line): 2026年12月1日 09:30  张三  废止文件：状态 有效→废止，…"""
    groups: list[tuple[tuple, list[dict]]] = []
    for r in rows:
        key = (r["at"], r["user"], r["note"])
        if groups and groups[-1][0] == key:
            groups[-1][1].append(r)
        else:
            groups.append((key, [r]))
    lines = []
    for (at, user, note), fields in reversed(groups):
        parts = [f["field_label"] if f["old"] is None and f["new"] is None else
                 f"{f['field_label']} {_value(f, 'old')}→{_value(f, 'new')}" for f in fields]
        head = f"{_words(at[:16])}  {user or ''}".rstrip()
        lines.append(f"{head}  {note + '：' if note else ''}{'，'.join(parts)}")
    return lines
