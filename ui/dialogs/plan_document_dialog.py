"""登记新文件: a new policy document from its text (docs/documents.md#add-plan), previewed before
anything is written.

The flow, every step in a worker (the window never freezes):

1. The clerk chooses a .docx/.txt/.pdf, or pastes the text in the 粘贴文字 tab; the text is read
   (``greentasks.plantext``) and parsed, and ``add_document(dry_run=True)`` gives the figures and
   the units the directory does not know.
2. The head (文号, 标题, 发文机关, 成文日期) is shown for correction — the 文号 is required, and many a
   分解方案 has none —, the level that holds the tasks can be changed (the text is parsed again with
   that ``task_level``), and the tasks are listed with their units, 责任领导 and 完成时限.
3. Unknown units are mapped to known ones or created (the 对应单位 dialog of the 分工表 import); the
   choices go to a new dry run and then, as ``unit_choices``, to the real one.
4. 确认登记 runs ``add_document`` for real; the 文件 view then lists and selects the new document.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import prefs, style
from ..models.table import CENTER, Column, RowTableModel
from ..widgets import NoteBar, RowTable, button, hint_label, title_label
from ..workers import Changes, OpResult
from .unit_mapping import UnitMappingDialog, bracket_names, describe_choice, open_mapping

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate

NO_DATE = QDate(2000, 1, 1)  # the date field's "not given"
ERROR_RED = "#B42318"
# The 文号 a dry run is given while the clerk has not written one yet: the figures and the units are
# checked all the same; 确认登记 needs the clerk's own 文号.
_PENDING_NO = "（待填写文号）"
# What the head fields show for themselves: these problems of the draft are not listed again.
_HEAD_PROBLEMS = ("文件中没有找到文号", "文件开头没有找到标题", "文件末尾没有找到成文日期")


def _tooltip(text: str) -> str:
    """A long text as a tooltip that wraps (rich text does)."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>" if text else ""


def _units_text(names: list[str]) -> str:
    return "、".join(names)


DRAFT_TASK_COLUMNS = [
    Column("no", QT_TRANSLATE_NOOP("Columns", "编号"), lambda t: t.no, align=CENTER, width=46,
           tooltip=lambda t: translate("PlanDocument", "原文序号：{marker}").format(marker=t.marker) if t.marker else None),
    Column("section", QT_TRANSLATE_NOOP("Columns", "章节"), lambda t: t.section, width=90,
           tooltip=lambda t: t.section or None),
    Column("title", QT_TRANSLATE_NOOP("Columns", "任务"), lambda t: t.title, width=260,
           tooltip=lambda t: _tooltip(t.full_text or t.title)),
    Column("lead", QT_TRANSLATE_NOOP("Columns", "牵头单位"), lambda t: _units_text(t.lead), width=130,
           tooltip=lambda t: _units_text(t.lead) or None),
    Column("support", QT_TRANSLATE_NOOP("Columns", "配合单位"), lambda t: _units_text(t.support), width=160,
           tooltip=lambda t: _units_text(t.support) or None),
    Column("leader", QT_TRANSLATE_NOOP("Columns", "责任领导"), lambda t: t.leader or "", width=70),
    Column("deadline", QT_TRANSLATE_NOOP("Columns", "完成时限"), lambda t: t.deadline_text or "", width=120,
           tooltip=lambda t: t.deadline_text or None),
]


class DraftTaskModel(RowTableModel):
    """The tasks the text gives; a unit the directory does not know is shown in red."""

    def __init__(self, parent=None):
        super().__init__(DRAFT_TASK_COLUMNS, parent, key=lambda t: t.no)
        self.unknown: set[str] = set()
        self.headings: dict[str, str] = {}  # section path -> its headings, “二、重点任务 › （一）…”

    def set_draft(self, draft, unknown: set[str]) -> None:
        self.unknown = set(unknown)
        self.headings = section_headings(draft)
        self.set_rows(list(draft.tasks))
        if self.rowCount():  # the same rows, but the red of the unknown units may have changed
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def unknown_in(self, row, key: str) -> list[str]:
        names = row.lead if key == "lead" else row.support if key == "support" else []
        return [n for n in names if n in self.unknown]

    def foreground(self, row, column: Column) -> QColor | None:
        return QColor(ERROR_RED) if self.unknown_in(row, column.key) else None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            row, key = self.rows[index.row()], self.columns[index.column()].key
            if key == "section":
                return self.headings.get(row.section_path) or None
            missing = self.unknown_in(row, key)
            if missing:
                return translate("PlanDocument", "{units}（通讯录中没有：{missing}）").format(
                    units=index.data(Qt.ItemDataRole.DisplayRole), missing="、".join(missing))
        return super().data(index, role)


def section_headings(draft) -> dict[str, str]:
    """Each section path with the headings it lies under, as printed: “二、重点任务 › （一）推进…”."""
    titles = {s.path: s.title for s in draft.sections}
    out = {}
    for path in titles:
        parts = path.split("/")
        out[path] = " › ".join(titles.get("/".join(parts[:k + 1]), parts[k]) for k in range(len(parts)))
    return out


@dataclass(frozen=True)
class Note:
    """One line of 问题和提示: the reader's remarks on the text, the check's errors and warnings."""

    severity: str  # "error" or "warning"
    message: str


NOTE_COLUMNS = [
    Column("severity", QT_TRANSLATE_NOOP("Columns", "类型"),
           lambda n: translate("Outcomes", "错误") if n.severity == "error" else translate("Outcomes", "提示"),
           align=CENTER, width=50),
    Column("message", QT_TRANSLATE_NOOP("Columns", "说明"), lambda n: n.message, width=700,
           tooltip=lambda n: _tooltip(n.message)),
]


class NoteModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(NOTE_COLUMNS, parent, key=id)

    def foreground(self, row, column: Column) -> QColor | None:
        return QColor(ERROR_RED) if row.severity == "error" and column.key == "severity" else None


@dataclass
class _Read:
    """What a worker hands back: the text (kept, so a new level is parsed without reading the
    file again), its draft, and the dry run's outcome."""

    doc: Any  # plantext.DocumentText
    draft: Any  # plantext.PlanDraft
    outcome: Any  # services.plan_documents.DocumentOutcome (dry run)
    new_source: bool


class PlanDocumentDialog(QDialog):
    """登记新文件: source, head, level, tasks, problems, unknown units, and 确认登记."""

    def __init__(self, parent: QWidget | None, backend: Backend):
        super().__init__(parent)
        self.backend = backend
        self.path: Path | None = None  # the file read, or None for pasted text
        self.doc = None
        self.draft = None
        self.outcome = None  # the latest dry run
        self.added = None  # the outcome of the real registration
        self.choices: dict[str, int | str] = {}
        self.unknown: dict[str, list[str]] = {}
        self.mapping: UnitMappingDialog | None = None
        self._running = None
        self._filling = False
        self.setWindowTitle(self.tr("登记新文件"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setSizeGripEnabled(True)
        self.finished.connect(self.deleteLater)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.heading = title_label(self.tr("登记新文件"))
        self.choose_button = button(self.tr("选择文件…"), "import")
        self.source_label = hint_label(self.tr("请选择文件正文（.docx、.txt 或有文字层的 .pdf），或在“粘贴文字”中粘贴全文。"))
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.source_label, 1)
        top.addWidget(self.choose_button)
        layout.addLayout(top)

        # -- the head of the document, for correction -------------------------------------------
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.no_edit = QLineEdit()
        self.no_edit.setPlaceholderText(self.tr("如 南川府办发〔2023〕12号"))
        self.no_edit.setMinimumWidth(220)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText(self.tr("未填写"))
        self.date_edit.setDate(NO_DATE)
        self.date_edit.setMinimumWidth(140)
        self.title_edit = QLineEdit()
        self.issuer_edit = QLineEdit()
        self.no_note = QLabel()
        self.no_note.setWordWrap(True)
        style.set_colour(self.no_note, ERROR_RED)
        labels = [QLabel(self.tr("文号：")), QLabel(self.tr("成文日期：")), QLabel(self.tr("标题：")),
                  QLabel(self.tr("发文机关："))]
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(self.no_edit, 0, 1)
        grid.addWidget(labels[1], 0, 2)
        grid.addWidget(self.date_edit, 0, 3)
        grid.addWidget(labels[3], 0, 4)
        grid.addWidget(self.issuer_edit, 0, 5)
        grid.addWidget(self.no_note, 1, 1, 1, 5)
        grid.addWidget(labels[2], 2, 0)
        grid.addWidget(self.title_edit, 2, 1, 1, 5)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(5, 3)
        layout.addLayout(grid)

        # -- the level of the tasks and the figures --------------------------------------------------
        self.level_combo = QComboBox()
        self.level_combo.setMinimumWidth(180)
        self.level_combo.setToolTip(self.tr("文件中的哪一级编号是一项任务；换一级会重新分出任务。"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        style.bold(self.summary)
        level_row = QHBoxLayout()
        level_row.addWidget(QLabel(self.tr("任务在：")))
        level_row.addWidget(self.level_combo)
        level_row.addSpacing(12)
        level_row.addWidget(self.summary, 1)
        layout.addLayout(level_row)

        self.units_bar = NoteBar(self.tr("对应单位…"), "units")
        self.units_text, self.units_button = self.units_bar.text, self.units_bar.button
        layout.addWidget(self.units_bar)

        # -- the tasks, the problems, and the pasted text -------------------------------------------
        self.task_model = DraftTaskModel(self)
        self.task_table = RowTable("document_tasks", sortable=False,
                                   elastic={"title": (3, 200), "support": (3, 170), "lead": (1, 110),
                                            "deadline": (1, 130)})
        self.task_table.setModel(self.task_model)
        self.task_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.task_text = QPlainTextEdit()  # the selected task as the document prints it
        self.task_text.setReadOnly(True)
        self.task_text.setPlaceholderText(self.tr("选中一项任务，这里显示它在文件中的全文。"))
        self.task_text.setMinimumHeight(60)
        tasks_page = QSplitter(Qt.Orientation.Vertical)
        tasks_page.addWidget(self.task_table)
        tasks_page.addWidget(self.task_text)
        tasks_page.setStretchFactor(0, 3)
        tasks_page.setStretchFactor(1, 1)
        tasks_page.setChildrenCollapsible(False)
        self.note_model = NoteModel(self)
        self.note_table = RowTable("document_notes", sortable=False)
        self.note_table.setModel(self.note_model)
        # The messages are sentences: wrapped whole in the width, not cut off.
        self.note_table.setWordWrap(True)
        self.note_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.paste_edit = QPlainTextEdit()
        self.paste_edit.setPlaceholderText(self.tr(
            "把文件的全文（从文件标题到落款日期）复制后粘贴在这里，然后点“读出任务”。"))
        self.paste_button = button(self.tr("读出任务"), primary=False)
        paste_page = QWidget()
        paste_layout = QVBoxLayout(paste_page)
        paste_layout.setContentsMargins(4, 4, 4, 4)
        paste_layout.addWidget(self.paste_edit, 1)
        paste_layout.addLayout(_right(self.paste_button))
        self.tabs = QTabWidget()
        self.tabs.addTab(tasks_page, "")
        self.tabs.addTab(self.note_table, "")
        self.tabs.addTab(paste_page, self.tr("粘贴文字"))
        layout.addWidget(self.tabs, 1)

        self.footer = hint_label(self.tr(
            "预览不会写入任何内容。登记前会自动备份数据库；登记后可在“报送”页的“导入记录”中撤销。"))
        self.discard_button = button(self.tr("放弃"))
        self.commit_button = button(self.tr("确认登记"), "import", primary=True)
        row = QHBoxLayout()
        row.addWidget(self.footer, 1)
        row.addWidget(self.discard_button)
        row.addWidget(self.commit_button)
        layout.addLayout(row)

        self.task_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_task())
        self.choose_button.clicked.connect(lambda: self.choose_file())
        self.paste_button.clicked.connect(lambda: self.read_pasted())
        self.level_combo.currentIndexChanged.connect(self._level_chosen)
        self.units_button.clicked.connect(lambda: self.ask_units())
        # A 文号 or title typed is checked again (already registered?) once the typing pauses.
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(500)
        self._check_timer.timeout.connect(self._recheck)
        self.no_edit.textChanged.connect(lambda _t: self._head_edited())
        self.title_edit.textChanged.connect(lambda _t: self._head_edited())
        self.discard_button.clicked.connect(self.reject)
        self.commit_button.clicked.connect(lambda: self.commit())
        self._show_empty()
        # As wide as the table wants, within a 1024×768 laptop's screen.
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(1060, screen.width() - 40), min(680, screen.height() - 40))

    # -- the source -------------------------------------------------------------------------------
    def choose_file(self):
        from .common import open_files

        chosen = open_files(self, self.tr("选择文件正文"), prefs.last_folder("documents"),
                            self.tr("文件正文 (*.docx *.txt *.pdf);;所有文件 (*)"))
        if not chosen:
            return None
        prefs.remember_folder("documents", chosen[0])
        return self.load_file(chosen[0])

    def load_file(self, path: str | Path):
        """Read a .docx/.txt/.pdf in a worker; the preview fills when it is read."""
        path = Path(path)

        def source():
            from greentasks.plantext import document_text

            return document_text(path)

        return self._read(source, path, self.tr("正在读取“{file}”……").format(file=path.name))

    def read_pasted(self):
        text = self.paste_edit.toPlainText()
        if not text.strip():
            QMessageBox.information(self, self.windowTitle(), self.tr("请先把文件的全文粘贴在“粘贴文字”中。"))
            return None

        def source():
            from greentasks.plantext import text_document

            return text_document(text)

        return self._read(source, None, self.tr("正在读出粘贴的文字……"))

    def _read(self, source, path: Path | None, label: str):
        names = tuple(bracket_names(self.backend.snapshot.units))
        choices = dict(self.choices)

        def op(ctx) -> _Read:
            from greentasks.plantext import parse_document

            doc = source()
            draft = parse_document(doc, bracket_names=names)
            return _Read(doc, draft, _dry_run(ctx, draft, _facts_of(draft), path, choices), True)

        return self._start(op, label, path=path)

    def _level_chosen(self, _index: int) -> None:
        level = self.level_combo.currentData()
        if self._filling or self.doc is None or level is None or self.draft is None or level == self.draft.task_level:
            return
        self.reparse(level)

    def reparse(self, level: int):
        """The same text with the tasks at ``level`` (one of draft.levels)."""
        doc, path, names, choices = self.doc, self.path, tuple(bracket_names(self.backend.snapshot.units)), \
            dict(self.choices)
        facts = self.facts()

        def op(ctx) -> _Read:
            from greentasks.plantext import parse_document

            draft = parse_document(doc, task_level=level, bracket_names=names)
            return _Read(doc, draft, _dry_run(ctx, draft, facts, path, choices), False)

        return self._start(op, self.tr("正在重新分出任务……"), path=path)

    def check(self):
        """A new dry run of the draft shown (after the units were mapped, or the head edited)."""
        if self.draft is None:
            return None
        if self._running is not None:  # once the step under way is done
            self._check_timer.start()
            return None
        doc, draft, path, choices, facts = self.doc, self.draft, self.path, dict(self.choices), self.facts()

        def op(ctx) -> _Read:
            return _Read(doc, draft, _dry_run(ctx, draft, facts, path, choices), False)

        return self._start(op, self.tr("正在检查……"), path=path)

    def _start(self, op, label: str, path: Path | None):
        def done(result: _Read) -> None:
            self._running = None
            self._read_done(result, path)

        running = self.backend.query(self, op, done).with_progress(label)
        running.on_failure(self._failed)
        self._running = running
        self._update_buttons(busy=True)
        return running.run_in_background()

    def _failed(self, exc: BaseException) -> None:
        from ..workers import show_error

        self._running = None
        self._update_buttons()
        show_error(self, exc)  # a file refused: the reader's own words, naming the file

    def _read_done(self, result: _Read, path: Path | None) -> None:
        if result.outcome.outcome == "cancelled":
            self.summary.setText(self.tr("已取消检查，没有写入任何内容。"))
            self._update_buttons()
            return
        if result.new_source:
            self.path = path
            self.unknown = {}
            self.source_label.setText(
                self.tr("文件：{file}").format(file=path.name) if path is not None else self.tr("粘贴的文字"))
            self.source_label.setToolTip(str(path) if path is not None else "")
        self.doc, self.draft, self.outcome = result.doc, result.draft, result.outcome
        if result.new_source:
            self._fill_head(result.draft)
        self._fill_levels(result.draft)
        self.unknown.update(result.outcome.unknown_units)
        self._show()
        if result.new_source:
            self.tabs.setCurrentIndex(0 if result.draft.tasks else 1)

    # -- the head ---------------------------------------------------------------------------------
    def _fill_head(self, draft) -> None:
        self._filling = True
        try:
            self.no_edit.setText(draft.doc_no or "")
            self.title_edit.setText(draft.title or "")
            self.title_edit.setCursorPosition(0)
            self.issuer_edit.setText(draft.issuer or "")
            d = draft.issued_on
            self.date_edit.setDate(QDate(d.year, d.month, d.day) if d else NO_DATE)
        finally:
            self._filling = False

    def facts(self):
        """The head as the clerk left it (services.plan_documents.DocumentFacts)."""
        from greentasks.services.plan_documents import DocumentFacts

        q = self.date_edit.date()
        issued = None if q == NO_DATE else date(q.year(), q.month(), q.day())
        return DocumentFacts(doc_no=self.no_edit.text().strip() or None, title=self.title_edit.text().strip() or None,
                             issuer=self.issuer_edit.text().strip() or None, issued_on=issued)

    def _head_edited(self) -> None:
        if self._filling:
            return
        self._show_no_note()
        self._update_buttons()
        if self.draft is not None:
            self._check_timer.start()

    def _recheck(self) -> None:
        if self._running is not None:  # after the step under way
            self._check_timer.start()
        elif self.added is None:
            self.check()

    def _show_no_note(self) -> None:
        missing = []
        if self.draft is not None and not self.no_edit.text().strip():
            missing.append(self.tr("文件中没有找到文号（分解方案常常没有自己的文号），请填写文号后再登记。")
                           if self.draft.doc_no is None else self.tr("请填写文号。"))
        if self.draft is not None and not self.title_edit.text().strip():
            missing.append(self.tr("请填写文件标题。"))
        self.no_note.setText("".join(missing))
        self.no_note.setVisible(bool(missing))
        for edit in (self.no_edit, self.title_edit):
            empty = self.draft is not None and not edit.text().strip()
            edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_RED}; padding: 2px; }}" if empty else "")

    def _fill_levels(self, draft) -> None:
        self._filling = True
        try:
            self.level_combo.clear()
            for info in draft.levels:
                self.level_combo.addItem(info.label, info.level)
                if info.with_units:
                    self.level_combo.setItemData(
                        self.level_combo.count() - 1,
                        self.tr("其中 {n} 项写明了责任单位").format(n=info.with_units), Qt.ItemDataRole.ToolTipRole)
            at = self.level_combo.findData(draft.task_level)
            self.level_combo.setCurrentIndex(at)
            self.level_combo.setEnabled(len(draft.levels) > 1)
        finally:
            self._filling = False

    # -- showing ----------------------------------------------------------------------------------
    def _show_empty(self) -> None:
        self.task_model.set_rows([])
        self.note_model.set_rows([])
        self.summary.setText("")
        self.no_note.hide()
        self.level_combo.setEnabled(False)
        self._set_tab_titles()
        self.tabs.setCurrentIndex(2)
        self._update_buttons()

    def _show(self) -> None:
        draft, outcome = self.draft, self.outcome
        pending = set(outcome.unknown_units)
        self.task_model.set_draft(draft, pending)
        self.task_table.select_first()
        self._show_task()
        self.note_model.set_rows(self._notes())
        self._set_tab_titles()
        self._show_no_note()
        self._show_units()
        self.summary.setText(self._summary_text())
        self.summary.setStyleSheet(f"color: {ERROR_RED if self._blocking() else style.INK};")
        self._update_buttons()

    def _show_task(self) -> None:
        task = self.task_table.current_row()
        if task is None:
            self.task_text.clear()
            return
        where = self.task_model.headings.get(task.section_path, "")
        head = self.tr("第{no}项").format(no=task.no) + (f"　{where}" if where else "")
        self.task_text.setPlainText(f"{head}\n{task.full_text or task.title}")

    def _notes(self) -> list[Note]:
        draft, outcome = self.draft, self.outcome
        notes = [Note("error", p.message) for p in outcome.errors if not p.message.startswith("没有分出任何任务")]
        notes += [Note("warning", p) for p in draft.problems if not p.startswith(_HEAD_PROBLEMS)]
        notes += [Note("warning", p.message) for p in outcome.warnings]
        return notes

    def _blocking(self) -> list:
        """The dry run's errors (the 文号 the clerk is still to write is the dialog's own note)."""
        return list(self.outcome.errors) if self.outcome is not None else []

    def _summary_text(self) -> str:
        draft, outcome = self.draft, self.outcome
        if not draft.tasks:
            return self.tr("没有分出任务，不能登记。请看“问题和提示”，或换一个层级。")
        with_units = sum(1 for t in draft.tasks if t.lead or t.support)
        text = self.tr("读出重点任务 {n} 项，其中 {u} 项写明了责任单位。").format(n=len(draft.tasks), u=with_units)
        if outcome.unknown_units:
            others = [p for p in outcome.errors if not any(f"“{n}”" in p.message for n in outcome.unknown_units)]
            text += self.tr("还不能登记：有 {n} 个单位不在单位通讯录中。").format(n=len(outcome.unknown_units))
            if others:
                text += self.tr("另有 {n} 处错误（见“问题和提示”）。").format(n=len(others))
            return text
        if outcome.errors:
            return text + self.tr("还不能登记：有 {n} 处错误（见“问题和提示”）。").format(n=len(outcome.errors))
        text += self.tr("将登记分工 {n} 条").format(n=outcome.assignments)
        if outcome.created_units:
            text += self.tr("，新建单位 {n} 个").format(n=len(outcome.created_units))
        return text + self.tr("。请核对后点“确认登记”。")

    def _show_units(self) -> None:
        outcome = self.outcome
        if outcome.unknown_units:
            self.units_text.setText(self.tr(
                "文件中有 {n} 个单位不在单位通讯录中：{names}。请为每个名称选择对应的已知单位（保存为简称），"
                "或新建该单位，然后才能登记。").format(n=len(outcome.unknown_units), names="、".join(outcome.unknown_units)))
            self.units_button.setText(self.tr("对应单位…"))
            self.units_bar.show()
        elif any(name in self.choices for name in self.unknown):
            chosen = [self._describe(n, c) for n, c in self.choices.items() if n in self.unknown]
            self.units_text.setText(self.tr("已选择的单位对应（确认登记时一并保存）：{list}").format(list="；".join(chosen)))
            self.units_button.setText(self.tr("修改对应…"))
            self.units_bar.show()
        else:
            self.units_bar.hide()

    def _describe(self, name: str, choice: int | str) -> str:
        return describe_choice(name, choice, self.backend.snapshot.units)

    def _set_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("任务（{n}）").format(n=self.task_model.rowCount()))
        errors = sum(1 for n in self.note_model.rows if n.severity == "error")
        self.tabs.setTabText(1, self.tr("问题和提示（{n}）").format(n=self.note_model.rowCount())
                             if not errors else self.tr("问题和提示（{n}，其中错误 {e}）").format(
                                 n=self.note_model.rowCount(), e=errors))

    def _ready(self) -> bool:
        o = self.outcome
        return (self.draft is not None and bool(self.draft.tasks) and o is not None and o.outcome == "dry-run"
                and bool(self.no_edit.text().strip()) and bool(self.title_edit.text().strip()))

    def _update_buttons(self, busy: bool = False) -> None:
        busy = busy or self._running is not None
        self.commit_button.setEnabled(self._ready() and not busy and self.backend.ready)
        for widget in (self.choose_button, self.paste_button, self.units_button):
            widget.setEnabled(not busy)
        self.level_combo.setEnabled(not busy and self.draft is not None and len(self.draft.levels) > 1)

    # -- unknown units ----------------------------------------------------------------------------
    def places(self) -> dict[str, str]:
        """Where each unknown name stands: “第1、3项任务”."""
        out = {}
        for name in self.unknown:
            nos = [str(t.no) for t in self.draft.tasks if name in t.lead or name in t.support] if self.draft else []
            if nos:
                shown = "、".join(nos[:6]) + ("…" if len(nos) > 6 else "")
                out[name] = self.tr("第{nos}项任务").format(nos=shown)
        return out

    def ask_units(self) -> UnitMappingDialog | None:
        """The 对应单位 dialog for every unknown name (window-modal, not blocking); its choices
        start a new dry run."""
        if not self.unknown:
            return None
        intro = self.tr("文件“{file}”中的下列单位名称不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，"
                        "或者新建这个单位。选择后会重新预览，确认登记时才写入。").format(
            file=self.path.name if self.path else self.tr("粘贴的文字"))
        return open_mapping(self, self.unknown, self.backend.snapshot.units, places=self.places(),
                            chosen=self.choices, intro=intro, on_chosen=self._units_chosen)

    def _units_chosen(self, choices: dict) -> None:
        self.choices.update(choices)
        self.check()

    # -- registering ------------------------------------------------------------------------------
    def commit(self):
        """Register the document for real, as previewed, with the head as corrected."""
        if not self.commit_button.isEnabled():
            return None
        self._check_timer.stop()
        draft, facts, path, choices = self.draft, self.facts(), self.path, dict(self.choices)

        def op(ctx) -> OpResult:
            from greentasks.services.plan_documents import add_document

            outcome = add_document(ctx.db, draft, facts=facts, source=path, unit_choices=choices,
                                   cancelled=ctx.cancelled)
            written = outcome.outcome == "imported"
            return OpResult(Changes(documents=written, assignments=written, batches=written,
                                    directory=written and bool(outcome.created_units or choices)), outcome)

        running = self.backend.collection(self, op, self._committed).with_progress(
            self.tr("正在登记文件……"), cancellable=True)
        self._running = running
        self._update_buttons(busy=True)
        return running.run_in_background()

    def _committed(self, result: OpResult) -> None:
        self._running = None
        outcome = result.value
        if outcome.outcome == "imported":
            self.added = outcome
            f = outcome.facts
            text = self.tr("已登记《{title}》（{no}）：重点任务 {n} 项、分工 {m} 条。").format(
                title=f.title, no=f.doc_no, n=len(outcome.draft.tasks), m=outcome.assignments)
            if outcome.created_units:
                text += self.tr("新建单位：{names}。").format(names="、".join(outcome.created_units))
            text += self.tr("登记前已自动备份数据库；如需撤销，请到“报送”页的“导入记录”。")
            self._finish(outcome.plan_id, text)
        elif outcome.outcome == "cancelled":
            self.summary.setText(self.tr("已取消，没有登记任何内容。"))
            self._update_buttons()
        else:  # refused: the 文号 is already registered, the database changed since the preview…
            self.outcome = outcome
            self.unknown.update(outcome.unknown_units)
            self._show()
            self.tabs.setCurrentIndex(1)

    def _finish(self, plan_id: int, text: str) -> None:
        window = self.parentWidget()
        self.accept()
        if hasattr(window, "show_view"):
            window.show_view("documents").show_document(plan_id)
        QMessageBox.information(window, self.tr("登记完成"), text)
        if hasattr(window, "show_message"):
            window.show_message(text)

    def reject(self) -> None:
        if self._running is not None:  # its result comes back to this dialog: cancel, then close
            self._running.cancel()
            return
        super().reject()


def _facts_of(draft):
    from greentasks.services.plan_documents import DocumentFacts

    return DocumentFacts(doc_no=draft.doc_no, title=draft.title, issuer=draft.issuer, issued_on=draft.issued_on)


def _dry_run(ctx, draft, facts, path: Path | None, choices: dict):
    """add_document(dry_run=True); without a 文号 yet, with a stand-in one, so that the figures and
    the units are checked before the clerk has written it."""
    from dataclasses import replace

    from greentasks.services.plan_documents import add_document

    if not facts.doc_no and not draft.doc_no:
        facts = replace(facts, doc_no=_PENDING_NO)
    return add_document(ctx.db, draft, facts=facts, source=path, unit_choices=choices, dry_run=True,
                        cancelled=ctx.cancelled)


def _right(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    return row


def register_document(parent: QWidget, backend: Backend, path: str | Path | None = None) -> PlanDocumentDialog:
    """Open the 登记新文件 dialog; with ``path``, that file is read at once."""
    dialog = PlanDocumentDialog(parent, backend)
    dialog.open()
    if path is not None:
        dialog.load_file(path)
    return dialog
