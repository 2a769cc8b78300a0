"""报送: import the units' progress returns. Drop files or a folder (or choose them); every file's
outcome and every row's change is previewed before anything is written; the import then applies
exactly that (the same files, the same options); the import history undoes a whole batch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDropEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import prefs, style
from ..icons import icon
from ..models.lists import BATCH_COLUMNS, ROW_CHANGE_COLUMNS, BatchModel, FileOutcomeModel, ProblemModel
from ..models.table import RowTableModel
from ..widgets import NoteBar, RowTable, button, hbox, hint_label, title_label
from ..workers import Changes, OpResult
from .assignment_panel import fill_units
from .base import View

if TYPE_CHECKING:
    from greentasks.domain.periods import Period


class DropZone(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.hover = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        pic = QLabel()
        pic.setPixmap(icon("returns").pixmap(40, 40))
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setPointSizeF(11)
        self.text.setFont(font)
        layout.addWidget(pic)
        layout.addWidget(self.text)
        self.buttons = QVBoxLayout()
        layout.addLayout(self.buttons)

    def set_hover(self, on: bool) -> None:
        self.hover = on
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(style.ACCENT if self.hover else "#9DBFAE"), 2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor("#E6F3EC" if self.hover else "#F7FAF8"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 8, 8)
        painter.end()


class ReturnsView(View):
    key = "returns"
    icon_name = "returns"

    def title(self) -> str:
        return self.tr("报送")

    def __init__(self, window):
        super().__init__(window)
        self.paths: list[Path] = []
        self.report = None
        self.options: tuple[Period | None, str | None] = (None, None)
        self.setAcceptDrops(True)
        # 催报: the units that owe this period's return and sent none, and their notices.
        self.missing_label = hint_label(wrap=False)
        self.notices_button = button(self.tr("生成催报通知…"), "documents")
        self.notices_button.setToolTip(self.tr("为未报送的单位各生成一份催报通知（Word），并登记催报时间和方式"))
        self.notices_button.clicked.connect(lambda: self.write_notices())
        self.layout_.addLayout(hbox(title_label(self.tr("导入进展报送")), None, self.missing_label,
                                    self.notices_button))

        self.drop = DropZone()
        self.drop.text.setText(self.tr("把各单位报来的进展情况表（Excel 文件、.zip 压缩包、保存的邮件）或整个文件夹拖到这里"))
        self.choose_files = button(self.tr("选择文件…"), "import")
        self.choose_folder = button(self.tr("选择文件夹…"), "folder")
        self.period = QComboBox()
        self.department = QComboBox()
        self.department.setMinimumWidth(160)
        self.drop.buttons.addLayout(hbox(None, self.choose_files, self.choose_folder, None))
        self.drop.buttons.addLayout(hbox(
            None, QLabel(self.tr("报送期")), self.period, QLabel(self.tr("单位")), self.department, None))
        hint = hint_label(self.tr("报送期和单位一般从表格中自动识别，识别不出时才需要在这里指定。"), wrap=False)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop.buttons.addWidget(hint)
        self.layout_.addWidget(self.drop)

        self.tabs = QTabWidget()
        self.layout_.addWidget(self.tabs, 1)

        # -- preview ----------------------------------------------------------------------------
        preview = QWidget()
        pv = QVBoxLayout(preview)
        pv.setContentsMargins(0, 6, 0, 0)
        self.summary = QLabel(self.tr("还没有选择文件。"))
        self.summary.setWordWrap(True)
        self.discard_button = button(self.tr("放弃"))
        self.commit_button = button(self.tr("确认导入"), "import", primary=True)
        row = hbox(self.summary, self.discard_button, self.commit_button)
        row.setStretch(0, 1)
        pv.addLayout(row)
        # A return whose 填报单位 the directory does not know: say so, and offer to map it.
        self.units_bar = NoteBar(self.tr("对应填报单位…"), "units")
        self.units_text, self.units_button = self.units_bar.text, self.units_bar.button
        pv.addWidget(self.units_bar)
        self.mapping = None
        self.file_model = FileOutcomeModel(self)
        self.file_table = RowTable("import_files")
        self.file_table.setModel(self.file_model)
        self.problem_model = ProblemModel(self)
        self.problem_table = RowTable("import_problems")
        self.problem_table.setModel(self.problem_model)
        # 位置 and 说明 are read whole: long file names and messages wrap, and rows grow to fit.
        self.problem_table.setWordWrap(True)
        self.problem_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problem_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.change_model = RowTableModel(ROW_CHANGE_COLUMNS, self, key=id)
        self.change_table = RowTable("import_changes")
        self.change_table.setModel(self.change_model)
        self.details = QTabWidget()
        self.details.addTab(self.problem_table, self.tr("错误和提示"))
        self.details.addTab(self.change_table, self.tr("将要写入的改动"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.file_table)
        split.addWidget(self.details)
        split.setSizes([200, 260])
        pv.addWidget(split, 1)
        self.tabs.addTab(preview, self.tr("导入预览"))

        # -- history ----------------------------------------------------------------------------
        history = QWidget()
        hv = QVBoxLayout(history)
        hv.setContentsMargins(0, 6, 0, 0)
        self.undo_button = button(self.tr("撤销这批导入…"), "undo")
        self.undo_hint = hint_label()
        hv.addLayout(hbox(hint_label(self.tr("每次导入的每个文件是一批。撤销一批会恢复导入前的数据（撤销本身也记入修改记录）。")),
                          None, self.undo_button))
        self.batch_model = BatchModel(BATCH_COLUMNS, self)
        self.batch_table = RowTable("batches")
        self.batch_table.setModel(self.batch_model)
        hv.addWidget(self.batch_table, 1)
        hv.addWidget(self.undo_hint)
        self.tabs.addTab(history, self.tr("导入记录"))

        self.choose_files.clicked.connect(self._choose_files)
        self.choose_folder.clicked.connect(self._choose_folder)
        self.discard_button.clicked.connect(self.discard)
        self.units_button.clicked.connect(lambda: self.ask_units())
        self.commit_button.clicked.connect(lambda: self.commit())
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        self.file_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_file())
        self.batch_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.period.currentIndexChanged.connect(self._options_changed)
        self.department.currentIndexChanged.connect(self._options_changed)
        self._update_buttons()

    # -- data -----------------------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        snap = self.backend.snapshot
        if changes.database or changes.settings:
            from greentasks.services.dashboard import period_choices

            self.period.blockSignals(True)
            self.period.clear()
            self.period.addItem(self.tr("自动识别"), None)
            for p in period_choices(self.backend.today, snap.cycle):
                self.period.addItem(f"{p.label}（{p.code}）", p.code)
            self.period.blockSignals(False)
        if changes.database or changes.directory:
            fill_units(self.department, snap.units, first=self.tr("自动识别"))
        if changes.database or changes.batches:
            self.batch_model.set_rows(snap.batches or [])
        overview = snap.overview
        if overview is not None:
            self.missing_label.setText(self.tr("{period}未报送：{n} 个单位").format(
                period=overview.period.label, n=len(overview.missing)))
        self._update_buttons()

    def write_notices(self, **options):
        """The 催报 notices of the units listed as 未报送 (the dialog asks for the period and folder)."""
        from ..dialogs.notices_dialog import write_notices

        return write_notices(self, self.backend, **options)

    def _update_buttons(self) -> None:
        importable = [f for f in self.file_model.rows if f.outcome == "dry-run"]
        self.commit_button.setEnabled(bool(importable) and self.backend.ready)
        self.commit_button.setText(self.tr("确认导入 {n} 个文件").format(n=len(importable)) if importable
                                   else self.tr("确认导入"))
        self.discard_button.setEnabled(bool(self.file_model.rows))
        batch = self.batch_table.current_row()
        self.undo_button.setEnabled(batch is not None and batch.can_undo)
        self.notices_button.setEnabled(self.backend.ready)
        if batch is not None and not batch.can_undo:
            self.undo_hint.setText(batch.undo_blocked_reason or "")
        elif self.backend.snapshot.batches is not None:
            self.undo_hint.clear()

    # -- choosing files -------------------------------------------------------------------------
    def _choose_files(self) -> None:
        from ..dialogs.common import ask_spreadsheets

        kinds = self.tr("进展情况表、压缩包和邮件 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html *.zip *.eml "
                        "*.msg *.mbox);;表格文件 (*.xlsx *.xlsm *.xlsb *.xls *.et *.ods *.csv *.htm *.html);;"
                        "压缩包 (*.zip);;邮件 (*.eml *.msg *.mbox);;所有文件 (*)")
        paths = ask_spreadsheets(self, self.tr("选择进展情况表"), "returns", many=True, kinds=kinds)
        if paths:
            self.preview([Path(p) for p in paths])

    def _choose_folder(self) -> None:
        from ..dialogs.common import choose_folder

        folder = choose_folder(self, self.tr("选择存放进展情况表的文件夹"), prefs.last_folder("returns"))
        if folder:
            prefs.remember_folder("returns", folder)
            self.preview([Path(folder)])

    def choose(self) -> None:
        """Ctrl+I from the main window."""
        self._choose_files()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
            self.drop.set_hover(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self.drop.set_hover(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.drop.set_hover(False)
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.preview(paths)

    def _options_changed(self, *_args) -> None:
        if self.paths and self.backend.ready:
            self.preview(self.paths)

    def _current_options(self) -> tuple[Period | None, str | None]:
        from greentasks.domain.periods import require_period

        department = self.department.currentText() if self.department.currentIndex() > 0 else None
        code = self.period.currentData()
        return (require_period(code) if code else None), department

    # -- preview and commit -----------------------------------------------------------------------
    def preview(self, paths: list[Path]):
        """Read every file and show what an import would do; nothing is written."""
        self.paths = list(paths)
        self.options = self._current_options()
        period, department = self.options
        self.tabs.setCurrentIndex(0)

        def op(ctx):
            from greentasks.services.returns_import import import_returns

            return import_returns(ctx.db, list(paths), period=period, department=department, dry_run=True,
                                  progress=ctx.progress, cancelled=ctx.cancelled)

        return self.backend.query(self, op, self._show_preview).with_progress(
            self.tr("正在检查文件……"), cancellable=True).run_in_background()

    def _show_preview(self, report) -> None:
        from ..models.lists import shown_files

        self.report = report
        self.file_model.set_rows(shown_files(report))
        files = report.files
        ok = [f for f in files if f.outcome == "dry-run"]
        refused = [f for f in files if f.outcome == "refused"]
        dup = [f for f in files if f.outcome == "duplicate"]
        skipped = self.tr("另有 {n} 个文件不是进展情况表，未处理（列表中写明了原因）。").format(
            n=len(report.passed)) if report.passed else ""
        if not files:
            self.summary.setText(self.tr("所选位置中没有找到进展情况表（Excel 表格、.zip 压缩包或保存的邮件）。") + skipped)
        elif all(f.outcome == "cancelled" for f in files):
            self.summary.setText(self.tr("已取消，没有导入任何内容。"))
        else:
            self.summary.setText(self.tr(
                "共 {n} 个文件：可以导入 {ok} 个（{rows} 行，{changes} 处改动），不能导入 {refused} 个，重复 {dup} 个。"
                "确认前不会写入任何内容。").format(
                n=len(files), ok=len(ok), rows=sum(f.rows for f in ok), changes=sum(len(f.changes) for f in ok),
                refused=len(refused), dup=len(dup)) + skipped)
        if files:
            first = next((i for i, f in enumerate(self.file_model.rows) if f.outcome == "refused"), 0)
            self.file_table.selectRow(first)
        self._show_file()
        self._show_units_bar()
        self._update_buttons()

    def _show_file(self) -> None:
        f = self.file_table.current_row()
        if f is None:
            self.problem_model.set_rows([])
            self.change_model.set_rows([])
            return
        self.problem_model.set_rows([*f.errors, *f.warnings])
        self.change_model.set_rows(f.changes)
        self.details.setTabText(0, self.tr("错误和提示（{n}）").format(n=len(f.errors) + len(f.warnings)))
        self.details.setTabText(1, self.tr("将要写入的改动（{n}）").format(n=len(f.changes)))
        self.details.setCurrentIndex(0 if f.errors or not f.changes else 1)

    def discard(self) -> None:
        self.paths = []
        self.report = None
        self.file_model.set_rows([])
        self._show_file()
        self.summary.setText(self.tr("还没有选择文件。"))
        self._show_units_bar()
        self._update_buttons()

    # -- unknown 填报单位 -------------------------------------------------------------------------
    def unknown_units(self) -> dict[str, list[str]]:
        """The unknown 填报单位 of the refused files, each with its closest known units."""
        unknown: dict[str, list[str]] = {}
        for f in self.file_model.rows:
            if f.outcome == "refused":
                for name, suggestions in f.unknown_units.items():
                    unknown.setdefault(name, suggestions)
        return unknown

    def _files_naming(self, name: str) -> list[str]:
        return [f.name for f in self.file_model.rows if f.outcome == "refused" and name in f.unknown_units]

    def _show_units_bar(self) -> None:
        unknown = self.unknown_units()
        if not unknown:
            self.units_bar.hide()
            return
        files = {n for name in unknown for n in self._files_naming(name)}
        self.units_text.setText(self.tr(
            "{files} 个文件的填报单位不在单位通讯录中：{names}。选择它对应的已知单位（保存为简称）或新建该单位后，"
            "这些文件就能导入。").format(files=len(files), names="、".join(unknown)))
        self.units_bar.show()

    def ask_units(self):
        """The 对应单位 dialog for the unknown 填报单位 (window-modal, not blocking)."""
        unknown = self.unknown_units()
        if not unknown:
            return None
        from ..dialogs.unit_mapping import open_mapping

        places = {name: self.tr("文件：{files}").format(files="、".join(self._files_naming(name))) for name in unknown}
        intro = self.tr("下列填报单位不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，或者新建这个单位；"
                        "保存后重新预览这些文件。")
        return open_mapping(self, unknown, self.backend.snapshot.units, places=places, chosen=None, intro=intro,
                            on_chosen=self.map_units)

    def map_units(self, choices: dict):
        """Save the choices (an alias of the chosen unit, or a new unit) by hand, then preview
        the same files again."""
        if not choices:
            return None
        names = "、".join(choices)

        def op(ctx) -> OpResult:
            from greentasks.services.actions import save_unit_choices

            from ..dialogs.unit_mapping import describe_unit_choices

            done = save_unit_choices(ctx.db, choices, note=f"导入报送时对应填报单位：{names}")
            return OpResult(done.changes, describe_unit_choices(done.value))

        def done(result: OpResult) -> None:
            if result.value:
                self.window_.show_message(self.tr("已保存：{list}。").format(list="；".join(result.value)))
            if self.paths:
                self.preview(self.paths)

        return self.backend.collection(self, op, done).with_progress(self.tr("正在保存单位……")).run_in_background()

    def commit(self):
        """Import what the preview showed: the same files with the same options, for real."""
        if not self.paths:
            return None
        paths = list(self.paths)
        period, department = self.options

        def op(ctx) -> OpResult:
            from greentasks.services.returns_import import import_returns

            report = import_returns(ctx.db, paths, period=period, department=department, dry_run=False,
                                    progress=ctx.progress, cancelled=ctx.cancelled)
            return OpResult(report.touched, report)

        def done(result: OpResult) -> None:
            from ..models.lists import shown_files

            report = result.value
            self.file_model.set_rows(shown_files(report))
            imported = [f for f in report.files if f.outcome == "imported"]
            if all(f.outcome == "cancelled" for f in report.files):
                self.summary.setText(self.tr("已取消，没有导入任何内容。"))
                self._update_buttons()
                return
            text = self.tr("已导入 {n} 个文件，共 {rows} 行。").format(n=len(imported), rows=sum(f.rows for f in imported))
            # Only an SQLite file is copied before an import; a server database has no such copy.
            if report.backup is not None:
                text += self.tr("导入前已自动备份数据库：{file}。").format(file=report.backup.name)
            self.summary.setText(text)
            self.paths = []
            self._show_file()
            self._show_units_bar()
            self._update_buttons()
            self.window_.show_message(self.summary.text())

        return self.backend.collection(self, op, done).with_progress(
            self.tr("正在导入……"), cancellable=True).run_in_background()

    # -- undo -------------------------------------------------------------------------------------
    def undo_selected(self, confirm: bool = True):
        batch = self.batch_table.current_row()
        if batch is None or not batch.can_undo:
            return None
        if confirm:
            text = self.tr("撤销“{file}”这批导入（{when}）？这批导入写入的进展将被删除，被它替代的旧报送恢复有效。").format(
                file=batch.file_name, when=batch.created_at.strftime("%Y-%m-%d %H:%M"))
            if QMessageBox.question(self, self.tr("撤销导入"), text) != QMessageBox.StandardButton.Yes:
                return None
        batch_id = batch.id

        def op(ctx) -> OpResult:
            from greentasks.services.undo import undo_batch

            result = undo_batch(ctx.db, batch_id)
            return OpResult(result.changes, result)

        return self.backend.collection(self, op, lambda r: self.window_.show_message(r.value.message)) \
            .with_progress(self.tr("正在撤销……")).run_in_background()

    def smoke_check(self) -> str | None:
        batches = self.backend.snapshot.batches
        if batches is not None and self.batch_model.rowCount() != len(batches):
            return "导入记录行数与数据不符"
        return None
