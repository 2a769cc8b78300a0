"""导入分工表: preview a decomposition table (docs/desktop.md#plan-import), map the units it names that the directory
does not know, then import exactly what was previewed.

The flow, every step in a worker (the window never freezes; each step can be cancelled):

1. ``import_plan(dry_run=True)``: the preview lists every row change (新增/更新, old → new) and
   every error and warning with file, sheet, row and column.
2. When the table names unknown units, the 对应单位 dialog asks what each one is; the choices go
   to a second dry run, so the preview shows the final result.
3. 确认导入 runs ``import_plan`` for real with the same choices (a name mapped to a unit becomes
   that unit's alias; the core saves it with the import, so undoing the import removes it too).
   The returned :class:`Changes` refresh the views, and the import is listed in 报送's history.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import style
from ..models.lists import ProblemModel
from ..models.table import CENTER, RIGHT, Column, RowTableModel
from ..widgets import NoteBar, RowTable, button, hint_label, title_label
from ..workers import OpResult
from .unit_mapping import CREATE, UnitMappingDialog, describe_choice, open_mapping

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate

ACTIONS = {"新增": QT_TRANSLATE_NOOP("PlanImport", "新增"), "更新": QT_TRANSLATE_NOOP("PlanImport", "更新")}
ACTION_TINTS = {"新增": "#EEF7EC", "更新": "#FFF4D1"}


def _action(change) -> str:
    return translate("PlanImport", ACTIONS.get(change.action, change.action))


def _fields(change) -> str:
    """A new assignment's values (“责任类型：牵头；完成时限：…”); an update's old → new."""
    if change.action == "新增":
        return "；".join(f"{label}：{new}" for label, _old, new in change.fields if new)
    empty = translate("PlanImport", "（空）")
    return "；".join(f"{label}：{old or empty} → {new or empty}" for label, old, new in change.fields)


PLAN_CHANGE_COLUMNS = [
    Column("row", QT_TRANSLATE_NOOP("Columns", "行"), lambda c: c.row, align=RIGHT, width=46),
    Column("action", QT_TRANSLATE_NOOP("Columns", "操作"), _action, align=CENTER, width=56),
    Column("task_no", QT_TRANSLATE_NOOP("Columns", "任务"), lambda c: c.task_no or "", align=CENTER, width=50),
    Column("department", QT_TRANSLATE_NOOP("Columns", "单位"), lambda c: c.department, width=140),
    Column("measure", QT_TRANSLATE_NOOP("Columns", "具体工作"), lambda c: c.measure, width=300,
           tooltip=lambda c: c.measure),
    Column("fields", QT_TRANSLATE_NOOP("Columns", "改动（原 → 新）"), _fields, width=360, tooltip=_fields),
]


class PlanChangeModel(RowTableModel):
    def __init__(self, parent=None):
        super().__init__(PLAN_CHANGE_COLUMNS, parent, key=id)

    def background(self, row) -> QColor | None:
        colour = ACTION_TINTS.get(row.action)
        return QColor(colour) if colour else None


def for_the_desktop(problem):
    """The core's problem as this dialog shows it: without the file name (the dialog is about
    one file, named in its heading), so the sheet, row and column stay in view, and without the
    command-line hint."""
    return replace(problem, file=None, message=problem.message)


def unknown_places(outcome, name: str) -> str:
    """Where the table names ``name`` (the rows of its errors), e.g. “表中第3、7行”."""
    rows = sorted({p.row for p in outcome.errors if p.row is not None and f"“{name}”" in p.message})
    if not rows:
        return ""
    shown = "、".join(str(r) for r in rows[:6]) + ("…" if len(rows) > 6 else "")
    return translate("PlanImport", "表中第{rows}行").format(rows=shown)


class PlanImportDialog(QDialog):
    """The preview of one decomposition table, the mapping of its unknown units, and the import."""

    def __init__(self, parent: QWidget | None, backend: Backend, path: Path):
        super().__init__(parent)
        self.backend = backend
        self.path = Path(path)
        self.outcome = None
        self.choices: dict[str, int | str] = {}
        self.unknown: dict[str, list[str]] = {}  # every name found unknown, with its suggestions
        self.places: dict[str, str] = {}
        self.mapping: UnitMappingDialog | None = None
        self.imported = None  # the outcome of the real import
        self._asked = False
        self._running = None
        self.setWindowTitle(self.tr("导入分工表"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setSizeGripEnabled(True)
        self.finished.connect(self.deleteLater)

        layout = QVBoxLayout(self)
        heading = title_label(self.tr("导入分工表：{file}").format(file=self.path.name))
        heading.setToolTip(str(self.path))
        layout.addWidget(heading)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        style.bold(self.summary)
        layout.addWidget(self.summary)

        # -- what needs the clerk: unknown units, or the choices made ---------------------------
        self.units_bar = NoteBar(self.tr("对应单位…"), "units")
        self.units_text, self.units_button = self.units_bar.text, self.units_bar.button
        layout.addWidget(self.units_bar)

        # -- the rows and the problems ---------------------------------------------------------
        self.change_model = PlanChangeModel(self)
        self.change_table = RowTable("plan_changes")
        self.change_table.setModel(self.change_model)
        self.problem_model = ProblemModel(self)
        self.problem_table = RowTable("plan_problems")
        self.problem_table.setModel(self.problem_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.change_table, "")
        self.tabs.addTab(self.problem_table, "")
        layout.addWidget(self.tabs, 1)

        self.footer = hint_label(self.tr("预览不会写入任何内容。导入前会自动备份数据库；导入后可在“报送”页的“导入记录”中撤销。"))
        self.discard_button = button(self.tr("放弃"))
        self.commit_button = button(self.tr("确认导入"), "import", primary=True)
        row = QHBoxLayout()
        row.addWidget(self.footer, 1)
        row.addWidget(self.discard_button)
        row.addWidget(self.commit_button)
        layout.addLayout(row)

        self.units_button.clicked.connect(lambda: self.ask_units())
        self.discard_button.clicked.connect(self.reject)
        self.commit_button.clicked.connect(lambda: self.commit())
        self._set_tab_titles()
        self._update_buttons()
        self.resize(1040, 640)

    # -- preview --------------------------------------------------------------------------------
    def preview(self):
        """A dry run with the choices made so far; its outcome fills the dialog."""
        path, choices = self.path, dict(self.choices)

        def op(ctx):
            from greentasks.services import plan_import

            return plan_import.import_plan(ctx.db, path, dry_run=True, unit_choices=choices,
                                           cancelled=ctx.cancelled)

        parent = self if self.isVisible() else self.parentWidget()
        self._running = self.backend.query(parent, op, self._previewed).with_progress(
            self.tr("正在检查分工表……"), cancellable=True)
        self._running.on_failure(self._failed)
        self._update_buttons(busy=True)
        return self._running.run_in_background()

    def _failed(self, exc: BaseException) -> None:
        from ..workers import show_error

        self._running = None
        self._update_buttons()
        show_error(self if self.isVisible() else self.parentWidget(), exc)
        if not self.isVisible():
            self.deleteLater()

    def _previewed(self, outcome) -> None:
        cancelled = self._running is not None and self._running.cancel_requested
        self._running = None
        if cancelled or outcome.outcome == "cancelled":
            if not self.isVisible():  # the first check was cancelled: no preview to show
                self.deleteLater()
                return
            self.summary.setText(self.tr("已取消检查，没有导入任何内容。"))
            self._update_buttons()
            return
        self.outcome = outcome
        for name, suggestions in outcome.unknown_units.items():
            self.unknown[name] = suggestions
            self.places[name] = unknown_places(outcome, name)
        self._show(outcome)
        if not self.isVisible():
            self.open()
        if outcome.unknown_units and not self._asked:
            self._asked = True
            self.ask_units()

    def _show(self, outcome) -> None:
        self.change_model.set_rows(outcome.changes)
        self.problem_model.set_rows([for_the_desktop(p) for p in (*outcome.errors, *outcome.warnings)])
        self._set_tab_titles()
        self.summary.setText(self._summary_text(outcome))
        colour = "#B42318" if outcome.errors else style.INK
        self.summary.setStyleSheet(f"color: {colour};")
        self._show_units(outcome)
        self.tabs.setCurrentIndex(0 if outcome.changes and not outcome.errors else 1)
        self._update_buttons()

    def _summary_text(self, outcome) -> str:
        added = sum(1 for c in outcome.changes if c.action == "新增")
        updated = len(outcome.changes) - added
        errors = [p for p in outcome.errors if not any(f"“{n}”" in p.message for n in outcome.unknown_units)]
        if outcome.outcome == "refused":
            if outcome.unknown_units and not errors:
                return self.tr("分工表共 {rows} 行，还不能导入：有 {n} 个单位不在单位通讯录中。").format(
                    rows=outcome.rows, n=len(outcome.unknown_units))
            return self.tr("不能导入：分工表中有 {n} 处错误（见“错误和提示”）。请在 Excel 中改正后重新导入；"
                           "没有写入任何内容。").format(n=len(outcome.errors))
        if outcome.outcome == "duplicate":  # the core's own words: 以前已经导入过……
            return outcome.warnings[0].message if outcome.warnings else outcome.outcome
        if not outcome.changes:
            if self._aliases_only():
                return self.tr("分工表共 {rows} 行，分工与数据库中的完全一致；确认后只保存所选单位的简称。").format(
                    rows=outcome.rows)
            return self.tr("分工表共 {rows} 行，与数据库中的分工完全一致，没有需要导入的改动。").format(rows=outcome.rows)
        if added and updated:
            text = self.tr("分工表共 {rows} 行：将新增 {added} 条分工，更新 {updated} 条分工。").format(
                rows=outcome.rows, added=added, updated=updated)
        elif added:
            text = self.tr("分工表共 {rows} 行：将新增 {added} 条分工。").format(rows=outcome.rows, added=added)
        else:
            text = self.tr("分工表共 {rows} 行：将更新 {updated} 条分工。").format(rows=outcome.rows, updated=updated)
        if outcome.created_units:
            text += self.tr("将新建单位 {n} 个：{names}。").format(
                n=len(outcome.created_units), names="、".join(outcome.created_units))
        aliases = [n for n, c in self.choices.items() if c != CREATE]
        if aliases:
            text += self.tr("将保存简称 {n} 个。").format(n=len(aliases))
        return text + self.tr("请核对后点“确认导入”。")

    def _show_units(self, outcome) -> None:
        if outcome.unknown_units:
            self.units_text.setText(self.tr("表中有 {n} 个单位不在单位通讯录中：{names}。为每个名称选择对应的已知单位"
                                            "（保存为简称），或新建该单位，然后才能导入。").format(
                n=len(outcome.unknown_units), names="、".join(outcome.unknown_units)))
            self.units_button.setText(self.tr("对应单位…"))
            self.units_bar.show()
        elif self.choices:
            self.units_text.setText(self.tr("已选择的单位对应（确认导入时一并保存）：{list}").format(
                list="；".join(self._describe(n, c) for n, c in self.choices.items())))
            self.units_button.setText(self.tr("修改对应…"))
            self.units_bar.show()
        else:
            self.units_bar.hide()

    def _describe(self, name: str, choice: int | str) -> str:
        return describe_choice(name, choice, self.backend.snapshot.units)

    def _set_tab_titles(self) -> None:
        changes = self.change_model.rowCount()
        problems = self.problem_model.rowCount()
        self.tabs.setTabText(0, self.tr("将要写入的改动（{n}）").format(n=changes))
        self.tabs.setTabText(1, self.tr("错误和提示（{n}）").format(n=problems))

    def _aliases_only(self) -> bool:
        o = self.outcome
        return (o is not None and o.outcome == "dry-run" and not o.changes
                and any(c != CREATE for c in self.choices.values()))

    def _update_buttons(self, busy: bool = False) -> None:
        o = self.outcome
        ready = o is not None and o.outcome == "dry-run" and (bool(o.changes) or self._aliases_only())
        self.commit_button.setEnabled(ready and not busy and self.backend.ready)
        self.units_button.setEnabled(not busy)
        if ready and o.changes:
            self.commit_button.setText(self.tr("确认导入 {n} 处改动").format(n=len(o.changes)))
        else:
            self.commit_button.setText(self.tr("确认导入"))

    # -- unknown units --------------------------------------------------------------------------
    def ask_units(self) -> UnitMappingDialog | None:
        """Open the 对应单位 dialog for every unknown name (window-modal, not blocking); its
        choices start a new preview."""
        if not self.unknown:
            return None
        intro = self.tr("分工表“{file}”中的下列单位名称不在单位通讯录中。请为每个名称选择它指的是哪个已知单位，"
                        "或者新建这个单位。选择后会重新预览，确认导入时才写入。").format(file=self.path.name)
        return open_mapping(self, self.unknown, self.backend.snapshot.units, places=self.places,
                            chosen=self.choices, intro=intro, on_chosen=self._units_chosen)

    def _units_chosen(self, choices: dict) -> None:
        self.choices = dict(choices)
        self.preview()

    # -- import ---------------------------------------------------------------------------------
    def commit(self):
        """Import the table for real, with the choices the preview used."""
        if self.outcome is None or not self.commit_button.isEnabled():
            return None
        path, choices = self.path, dict(self.choices)

        def op(ctx) -> OpResult:
            # Even when only names are mapped (nothing else in the table changes) the import
            # saves them as aliases in its own batch, so undoing it removes them again.
            from greentasks.services import plan_import

            outcome = plan_import.import_plan(ctx.db, path, unit_choices=choices, cancelled=ctx.cancelled)
            return OpResult(outcome.touched, outcome)

        op_ = self.backend.collection(self, op, self._committed).with_progress(
            self.tr("正在导入分工表……"), cancellable=True)
        self._running = op_
        self._update_buttons(busy=True)
        return op_.run_in_background()

    def _committed(self, result: OpResult) -> None:
        self._running = None
        outcome = result.value
        self.imported = outcome
        if outcome.outcome == "imported":
            added = sum(1 for c in outcome.changes if c.action == "新增")
            text = self.tr("已导入分工表“{file}”：新增 {added} 条分工，更新 {updated} 条分工。").format(
                file=self.path.name, added=added, updated=len(outcome.changes) - added)
            if outcome.created_units:
                text += self.tr("新建单位：{names}。").format(names="、".join(outcome.created_units))
            aliases = [self._describe(n, c) for n, c in self.choices.items() if c != CREATE]
            if aliases:
                text += self.tr("保存简称：{list}。").format(list="；".join(aliases))
            text += self.tr("导入前已自动备份数据库；如需撤销，请到“报送”页的“导入记录”。")
            self._finish(text)
        elif outcome.outcome == "cancelled":
            self.summary.setText(self.tr("已取消，没有导入任何内容。"))
            self._update_buttons()
        elif outcome.outcome == "duplicate":
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "这份分工表以前已经导入过（内容完全相同），这次没有写入任何内容。"))
            self._update_buttons()
        else:  # the database changed since the preview: show what stands in the way now
            self.outcome = outcome
            self._show(outcome)

    def _finish(self, text: str) -> None:
        window = self.parentWidget()
        self.accept()
        QMessageBox.information(window, self.tr("导入完成"), text)
        if hasattr(window, "show_message"):
            window.show_message(text)

    def reject(self) -> None:
        if self._running is not None:
            self._running.cancel()
            return
        super().reject()


def import_plan_table(parent: QWidget, backend: Backend, path: str | Path | None = None) -> PlanImportDialog | None:
    """Choose a decomposition table (unless ``path`` is given) and preview it; the preview dialog
    opens when the check is done."""
    if path is None:
        from .common import ask_spreadsheets

        chosen = ask_spreadsheets(parent, translate("PlanImport", "选择任务分工表"), "plan")
        if not chosen:
            return None
        path = chosen[0]
    dialog = PlanImportDialog(parent, backend, Path(path))
    dialog.preview()
    return dialog
