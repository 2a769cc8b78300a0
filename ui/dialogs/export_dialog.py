"""导出: return templates for a period (all units or chosen ones), the ledger, the indicators, the
unit directory and the 考评 ranking. Each export runs in a worker; the dialogs remember the last
folder, and afterwards the clerk may open the folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .. import prefs
from ..widgets import button, hbox, hint_label, offer_open_folder
from ..workers import OpResult

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate


def _xlsx_filter() -> str:
    return translate("Export", "Excel 表格 (*.xlsx)")


def period_combo(backend: Backend) -> QComboBox:
    from greentasks.services.dashboard import period_choices

    combo = QComboBox()
    overview = backend.overview
    default = overview.period.code if overview else None
    for p in period_choices(backend.today, backend.snapshot.cycle):
        combo.addItem(f"{p.label}（{p.code}）", p.code)
    combo.setCurrentIndex(max(0, combo.findData(default)))
    return combo


class TemplatesDialog(QDialog):
    """Period, units (all that owe a return, or chosen ones) and the folder to write to."""

    def __init__(self, parent: QWidget | None, backend: Backend):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出报送模板"))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "为每个单位生成一份《进展情况表》，预先填好该单位的分工和最近一次报送的内容，发给各单位填写后收回导入。")))
        form = QFormLayout()
        self.period = period_combo(backend)
        form.addRow(self.tr("报送期"), self.period)
        self.all_units = QRadioButton(self.tr("所有有分工的单位"))
        self.some_units = QRadioButton(self.tr("选择单位："))
        self.all_units.setChecked(True)
        form.addRow(self.tr("单位"), self.all_units)
        form.addRow("", self.some_units)
        self.units = QListWidget()
        for u in backend.snapshot.units:
            if u.assignments and u.category != "集合":
                item = QListWidgetItem(u.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.units.addItem(item)
        self.units.setEnabled(False)
        self.some_units.toggled.connect(self.units.setEnabled)
        form.addRow("", self.units)
        self.folder = QLineEdit(prefs.last_folder("templates"))
        browse = button(self.tr("浏览…"), "folder")
        browse.clicked.connect(self._browse)
        form.addRow(self.tr("保存到文件夹"), hbox(self.folder, browse))
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导出"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def _browse(self) -> None:
        from .common import choose_folder

        folder = choose_folder(self, self.tr("选择保存模板的文件夹"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def chosen_units(self) -> list[str] | None:
        if self.all_units.isChecked():
            return None
        return [self.units.item(i).text() for i in range(self.units.count())
                if self.units.item(i).checkState() == Qt.CheckState.Checked]

    def _accept(self) -> None:
        if not Path(self.folder.text()).is_dir():
            QMessageBox.warning(self, self.windowTitle(), self.tr("文件夹“{folder}”不存在，请重新选择。").format(
                folder=self.folder.text()))
            return
        if self.chosen_units() == []:
            QMessageBox.warning(self, self.windowTitle(), self.tr("请至少勾选一个单位，或选择“所有有分工的单位”。"))
            return
        self.accept()


def export_templates(parent: QWidget, backend: Backend, *, folder: str | None = None, period: str | None = None,
                     departments: list[str] | None = None):
    if folder is None:
        dialog = TemplatesDialog(parent, backend)
        if not dialog.exec():
            return None
        folder, period, departments = dialog.folder.text(), dialog.period.currentData(), dialog.chosen_units()
    from greentasks.domain.periods import require_period

    period = require_period(period or backend.overview.period.code)  # the services take a Period
    prefs.remember_folder("templates", folder)
    today, plan = backend.today, backend.plan

    def op(ctx) -> list[Path]:
        from greentasks.services.exports import export_templates as core_export

        return core_export(ctx.db, Path(folder), period, departments, today=today, plan=plan)

    def done(paths: list[Path]) -> None:
        message = translate("Export", "已生成 {n} 份报送模板（{period}），保存在：\n{folder}").format(
            n=len(paths), period=period, folder=folder)
        if not departments:  # the whole office's templates come with the 下发通知
            from greentasks.services.notices import dispatch_file_name

            message += translate("Export", "\n另附下发通知：{file}").format(file=dispatch_file_name(period))
        offer_open_folder(parent, Path(folder), message)

    return backend.query(parent, op, done).with_progress(translate("Export", "正在生成报送模板……")).run_in_background()


def _save_path(parent: QWidget, kind: str, title: str, name: str) -> str | None:
    start = str(Path(prefs.last_folder(kind)) / name)
    from .common import save_file

    path = save_file(parent, title, start, _xlsx_filter(), default_suffix="xlsx")
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


def _export_file(parent: QWidget, backend: Backend, kind: str, path: str, label: str, fn, message: str):
    prefs.remember_folder(kind, path)

    def done(out: Path) -> None:
        out = Path(out)
        offer_open_folder(parent, out.parent, message.format(file=str(out)))

    return backend.query(parent, lambda ctx: fn(ctx.db, Path(path)), done).with_progress(label).run_in_background()


class LedgerDialog(QDialog):
    def __init__(self, parent: QWidget | None, backend: Backend):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出总台账"))
        form = QFormLayout(self)
        form.addRow(hint_label(self.tr("总台账：每条具体工作一行，含牵头单位的状态和预警、各单位最新进展，另有统计表和未报送单位表。")))
        self.period = period_combo(backend)
        form.addRow(self.tr("报送期"), self.period)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("下一步…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def export_ledger(parent: QWidget, backend: Backend, path: str | None = None, period: str | None = None):
    if path is None:
        dialog = LedgerDialog(parent, backend)
        if not dialog.exec():
            return None
        period = dialog.period.currentData()
        path = _save_path(parent, "ledger", translate("Export", "导出总台账"), f"{period}_总台账.xlsx")
        if path is None:
            return None
    from greentasks.domain.periods import require_period

    period = require_period(period) if period else None  # the services take a Period
    today, plan = backend.today, backend.plan

    def fn(db, out: Path) -> Path:
        from greentasks.services.exports import export_ledger as core_export

        return core_export(db, out, period, today=today, plan=plan)

    return _export_file(parent, backend, "ledger", path, translate("Export", "正在导出总台账……"), fn,
                        translate("Export", "已导出总台账：\n{file}"))


def export_indicators(parent: QWidget, backend: Backend, path: str | None = None):
    path = path or _save_path(parent, "indicators", translate("Export", "导出指标"), "绿色发展指标.xlsx")
    if path is None:
        return None

    def fn(db, out: Path) -> Path:
        from greentasks.services.exports import export_indicators as core_export

        return core_export(db, out)

    return _export_file(parent, backend, "indicators", path, translate("Export", "正在导出指标……"), fn,
                        translate("Export", "已导出指标：\n{file}"))


def export_directory(parent: QWidget, backend: Backend, path: str | None = None):
    path = path or _save_path(parent, "directory", translate("Export", "导出单位通讯录"), "单位通讯录.xlsx")
    if path is None:
        return None

    def fn(db, out: Path) -> Path:
        from greentasks.services.directory_io import export_directory_file

        return export_directory_file(db, out)

    return _export_file(parent, backend, "directory", path, translate("Export", "正在导出单位通讯录……"), fn,
                        translate("Export", "已导出单位通讯录：\n{file}"))


def export_scores(parent: QWidget, backend: Backend, scope: str = "period", path: str | None = None):
    overview = backend.shown  # the period 总览's 考评 shows
    period = overview.period if overview else None  # a Period; its str() is the code
    name = f"{period}_考评排名.xlsx" if scope == "period" else f"{period}_考评排名（累计）.xlsx"
    path = path or _save_path(parent, "scores", translate("Export", "导出考评排名"), name)
    if path is None:
        return None
    today, plan = backend.today, backend.plan

    def fn(db, out: Path) -> Path:
        from greentasks.services.exports import export_scores as core_export

        return core_export(db, out, today=today, period=period, scope=scope, plan=plan)

    return _export_file(parent, backend, "scores", path, translate("Export", "正在导出考评排名……"), fn,
                        translate("Export", "已导出考评排名：\n{file}"))


def import_indicators(parent: QWidget, backend: Backend, path: str | None = None):
    if path is None:
        from .common import ask_spreadsheets

        chosen = ask_spreadsheets(parent, translate("Export", "导入指标数值"), "indicators")
        if not chosen:
            return None
        path = chosen[0]

    def op(ctx) -> OpResult:
        from greentasks.services.indicators_import import import_indicators as core_import

        outcome = core_import(ctx.db, Path(path))
        return OpResult(outcome.touched, outcome)

    def done(result: OpResult) -> None:
        outcome = result.value
        text = "\n".join(outcome.lines())
        if outcome.outcome == "refused":
            QMessageBox.warning(parent, translate("Export", "未导入"), text)
        else:
            QMessageBox.information(parent, translate("Export", "导入完成"), text)

    return backend.collection(parent, op, done).with_progress(translate("Export", "正在导入指标……")).run_in_background()
