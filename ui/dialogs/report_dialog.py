"""打印: choose a report (kind, period, unit), then preview it, print it or save it as a PDF.

``show_report_dialog(main_window, mode)`` with mode "preview" | "print" | "pdf". The report's
content is built off the UI thread (ui.workers.QueryOp on the thread pool). The PDF, the preview
and the printer are drawn on the UI thread: Qt's preview widget and printer drivers need it, and
drawing text off it while the window paints crashed now and then; the printer shows a progress
dialog that can stop it between pages. All of them draw with ui.printing,
so the preview, the paper and the PDF are the same pages.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from greentasks.reports import KINDS, NEEDS_UNIT, TAKES_UNIT

if TYPE_CHECKING:
    from greentasks.services.reporting import ReportChoices

translate = QCoreApplication.translate

MODES = ("preview", "print", "pdf")
ASK = "?"  # ReportDialog.pdf_path: ask the clerk where to save the PDF
ALL_UNITS = ""  # the notice kind's first choice: every unit that needs one

_HINTS = {
    "full": "所选文件全部重点任务的每项具体工作：牵头、配合单位，完成时限，完成状态，预警和最新进展。",
    "unit": "一个单位牵头和配合的全部工作及其最新进展，可发给该单位核对。",
    "overdue": "超过完成时限仍未完成的工作，按牵头单位分组。",
    "missing": "本期应报送而未报送进展的单位及联系人、联系电话，用于催报。",
    "notice": "需要督办的单位各一份督办单：红色为逾期，黄色为滞后或未报送，蓝色为即将到期。",
    "scores": "各单位报送及时性、完成、逾期、滞后情况和得分排名。",
}


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    period: str | None  # a period code; None: the latest ended
    department: str | None = None  # as typed or chosen (an alias is fine)
    scope: str = "period"  # scores only: "period" or "plan"
    plan: str | None = None  # the 文号 of the document reported on; None: the built-in plan


def build_requested(db, today: date, request: ReportRequest):
    """The report asked for (runs on a worker thread; no widgets)."""
    from greentasks.domain.periods import require_period
    from greentasks.services.reporting import report_for

    period = require_period(request.period) if request.period else None
    return report_for(db, today, request.kind, period, request.department, request.scope, plan=request.plan)


def _context(main_window) -> tuple[object | None, date]:
    """The database and "today" of the main window (or of its backend)."""
    backend = getattr(main_window, "backend", None)
    db = getattr(main_window, "db", None) or getattr(backend, "db", None)
    today = getattr(main_window, "today", None) or getattr(backend, "today", None) or date.today()
    return db, today


class ReportDialog(QDialog):
    """Kind, period and unit; the OK button builds the report in a worker."""

    _last_kind = "full"

    def __init__(self, parent: QWidget | None, db, today: date, mode: str = "preview", plan: str | None = None):
        super().__init__(parent)
        if mode not in MODES:
            raise ValueError(mode)
        self.db, self.today, self.mode, self.plan = db, today, mode, plan
        self.report = None  # the built report, once the worker is done
        # "pdf" mode: the file to write once the report is built, ASK to ask the clerk for it, or
        # None when the caller saves the report itself (save_pdf).
        self.pdf_path: str | None = None
        self.saved: Path | None = None  # "pdf" mode: the file written, and its pages
        self.pages = 0
        self._op = None
        self._cancelled = False
        self.setWindowTitle({"preview": self.tr("打印预览"), "print": self.tr("打印"),
                             "pdf": self.tr("导出PDF")}[mode])
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for key, label in KINDS.items():
            self.kind.addItem(label, key)
        self.period = QComboBox()
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.lineEdit().setPlaceholderText(self.tr("单位名称或简称"))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("本期"), "period")
        self.scope.addItem(self.tr("累计（自首次报送起至本期）"), "plan")
        form.addRow(self.tr("报表"), self.kind)
        form.addRow(self.tr("报送期"), self.period)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("考评范围"), self.scope)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.today_label = QLabel(self.tr("统计截至：{day}（预警按这一天计算）").format(day=today.isoformat()))
        layout.addWidget(self.today_label)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText({"preview": self.tr("预览"), "print": self.tr("打印…"), "pdf": self.tr("导出…")}[mode])
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(max(0, self.kind.findData(ReportDialog._last_kind)))
        self._kind_changed()
        self.resize(520, 0)
        self._load_choices()

    # -- choices ---------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        from greentasks.services.reporting import report_choices

        from ..workers import QueryOp

        self.period.addItem(self.tr("正在读取……"))
        self.period.setEnabled(False)
        db, today = self.db, self.today
        self._choices_op = QueryOp(self, lambda _ctx: report_choices(db, today), success=self._fill_choices,
                                   failure=self._choices_failed).run_in_background()

    def _fill_choices(self, choices: ReportChoices) -> None:
        self.period.clear()
        for period in choices.periods:
            self.period.addItem(f"{period.label}（{period.code}）", period.code)
        self.period.setCurrentIndex(max(0, self.period.findData(choices.default_period.code)))
        self.period.setEnabled(True)
        typed = self.unit.currentText()
        self.unit.clear()
        self.unit.addItems(choices.units)
        self.unit.setCurrentIndex(-1)
        self.unit.setEditText(typed)
        self._kind_changed()
        self.ok.setEnabled(True)

    def _choices_failed(self, exc: BaseException) -> None:
        from ..workers import show_error

        self.period.clear()
        show_error(self, exc)
        self.reject()

    def _kind_changed(self, *_args) -> None:
        kind = self.kind.currentData()
        self.unit.setEnabled(kind in TAKES_UNIT)
        self.unit.lineEdit().setPlaceholderText(
            self.tr("全部需要督办的单位（或输入一个单位）") if kind == "notice" else self.tr("单位名称或简称"))
        self.scope.setEnabled(kind == "scores")
        self.hint.setText(translate("ReportDialog", _HINTS.get(kind, "")))

    def request(self) -> ReportRequest:
        kind = self.kind.currentData()
        unit = self.unit.currentText().strip() if kind in TAKES_UNIT else ""
        return ReportRequest(kind, self.period.currentData(), unit or None, self.scope.currentData(), self.plan)

    # -- building ----------------------------------------------------------------------------------
    def start(self) -> None:
        from ..workers import QueryOp

        request = self.request()
        if request.kind in NEEDS_UNIT and not request.department:
            QMessageBox.information(self, self.windowTitle(), self.tr("请选择或输入一个单位。"))
            self.unit.setFocus()
            return
        ReportDialog._last_kind = request.kind
        self._set_busy(True)
        db, today = self.db, self.today
        self._op = QueryOp(self, lambda _ctx: build_requested(db, today, request), success=self._built,
                           failure=self._failed).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.ok.setEnabled(not busy)
        for widget in (self.kind, self.period, self.unit, self.scope):
            widget.setEnabled(not busy)
        if not busy:
            self._kind_changed()

    def reject(self) -> None:
        self._cancelled = True  # a report still being built is dropped when it arrives
        super().reject()

    def _built(self, report) -> None:
        self._set_busy(False)
        if self._cancelled:
            return
        if report.is_empty:
            QMessageBox.information(self, self.windowTitle(), report.empty_message)
            return
        self.report = report
        if self.mode == "pdf" and self.pdf_path is not None:
            self._write_pdf(report)
        else:
            self.accept()

    # -- writing the PDF ---------------------------------------------------------------------------
    def _write_pdf(self, report) -> None:
        out = pdf_target(report, self, None if self.pdf_path == ASK else self.pdf_path)
        if out is None:
            return  # no file chosen: the dialog stays open
        self._set_busy(True)
        self.hint.setText(self.tr("正在导出PDF……"))
        try:
            pages = write_pdf_on_ui_thread(report, out)
        except Exception as exc:  # noqa: BLE001 - shown to the clerk
            self._write_failed(out, exc)
            return
        self._written(out, pages)

    def _written(self, out: Path, pages: int | None) -> None:
        self._set_busy(False)
        if self._cancelled or pages is None:
            return
        self.saved, self.pages = out, pages
        _remember_folder(out)
        self.accept()

    def _write_failed(self, out: Path, exc: BaseException) -> None:
        self._set_busy(False)
        if self._cancelled:
            return
        if isinstance(exc, OSError):
            cannot_write(self, out, exc)
        else:
            from ..workers import show_error

            show_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        from ..workers import show_error

        self._set_busy(False)
        if not self._cancelled:
            show_error(self, exc)


# -- preview, printer, PDF ----------------------------------------------------------------------------

def _printer(report=None, with_pages: bool = False):
    """A printer set up for ``report``: A4, portrait for the notices, landscape otherwise."""
    from PySide6.QtPrintSupport import QPrinter

    from ..printing import configure

    printer = (_page_counting_printer() if with_pages else QPrinter)(QPrinter.PrinterMode.HighResolution)
    configure(printer, report)
    return printer


_PRINTER_CLASS = None


def _page_counting_printer():
    """A QPrinter that calls ``page_started(n)`` when ui.printing.render starts page n (n ≥ 2);
    made on first use, since the print support module is loaded only then."""
    global _PRINTER_CLASS
    if _PRINTER_CLASS is None:
        from PySide6.QtPrintSupport import QPrinter

        class PageCountingPrinter(QPrinter):
            page_started: Callable[[int], None] | None = None
            pages = 1

            def newPage(self) -> bool:  # Qt's name: render() calls it between pages
                started = super().newPage()
                self.pages += 1
                if self.page_started is not None:
                    self.page_started(self.pages)
                return started

        _PRINTER_CLASS = PageCountingPrinter
    return _PRINTER_CLASS


class _PrintCancelled(Exception):
    pass


def _render(report, printer) -> None:
    """Draws the report for the print preview. Qt's preview widget asks for the pages in its
    paintRequested signal and takes them when the handler returns, on the UI thread, so this
    cannot move to a worker; events are not processed meanwhile (the preview would ask again)."""
    from ..printing import render

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        render(report, printer)
    finally:
        QGuiApplication.restoreOverrideCursor()


def _print_with_progress(report, printer, parent: QWidget | None) -> bool:
    """Prints on the UI thread — printer drivers expect the thread that owns the print dialog — with
    a window-modal progress dialog that is updated, and can stop the print run, between pages.
    Returns False when the clerk stopped it (the pages already spooled are discarded)."""
    from ..printing import render

    def label(page: int) -> str:
        return translate("ReportDialog", "正在打印第 {n} 页……").format(n=page)

    from ..workers import close_wait_box, wait_box

    progress = wait_box(parent, label(1), cancellable=True)
    progress.show()
    QCoreApplication.processEvents()

    def page_started(page: int) -> None:
        progress.setLabelText(label(page))
        QCoreApplication.processEvents()
        if progress.wasCanceled():
            printer.abort()
            raise _PrintCancelled

    printer.page_started = page_started
    try:
        render(report, printer)
    except _PrintCancelled:
        return False
    finally:
        printer.page_started = None
        close_wait_box(progress)
    return True


def preview_dialog(report, parent: QWidget | None):
    """The print preview of ``report`` (printing from it prints the same pages)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = _printer(report)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(translate("ReportDialog", "打印预览 — {name}").format(name=report.name))
    dialog.paintRequested.connect(lambda device: _render(report, device))
    dialog._printer = printer  # the dialog does not own it
    screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
    dialog.resize(int(screen.width() * 0.8), int(screen.height() * 0.85))
    return dialog


def preview(report, parent: QWidget | None) -> None:
    preview_dialog(report, parent).exec()


def print_report(report, parent: QWidget | None) -> bool:
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    printer = _printer(report, with_pages=True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("ReportDialog", "打印 — {name}").format(name=report.name))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return _print_with_progress(report, printer, parent)


def _pdf_folder() -> str:
    try:
        from .. import prefs

        return prefs.last_folder("pdf")
    except Exception:  # noqa: BLE001 - preferences are a convenience
        return str(Path.home())


def _remember_folder(path: Path) -> None:
    try:
        from .. import prefs

        prefs.remember_folder("pdf", path.parent)
    except Exception:  # noqa: BLE001 - preferences are a convenience
        pass


def pdf_target(report, parent: QWidget | None, path: str | None = None) -> Path | None:
    """The file to write: ``path``, or the one the clerk chooses (None when none is chosen)."""
    if path is None:
        suggested = str(Path(_pdf_folder()) / f"{report.file_stem}.pdf")
        from .common import save_file

        path = save_file(parent, translate("ReportDialog", "导出PDF"), suggested,
                         translate("ReportDialog", "PDF 文件 (*.pdf)"), default_suffix="pdf")
        if not path:
            return None
    out = Path(path)
    return out if out.suffix else out.with_suffix(".pdf")


def write_pdf_on_ui_thread(report, out: Path) -> int:
    """Writes ``report`` as a PDF to ``out`` (through a temporary file beside it, so the clerk's
    earlier file stays whole if anything fails) and returns the number of pages.

    This runs on the UI thread, behind a wait cursor: drawing text with Qt while the UI thread
    also draws crashed the process now and then (a segmentation fault in the offscreen test
    run), so a report is drawn where every other painting happens. A report of the whole plan
    takes well under a second."""
    from ..printing import write_pdf

    fd, name = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=".pdf", dir=out.parent)
    os.close(fd)
    staging = Path(name)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        QCoreApplication.processEvents()  # show the busy state before drawing
        pages = write_pdf(report, staging)
        os.replace(staging, out)
        return pages
    finally:
        QGuiApplication.restoreOverrideCursor()
        staging.unlink(missing_ok=True)


def cannot_write(parent: QWidget | None, out: Path, exc: OSError) -> None:
    QMessageBox.warning(parent, translate("ReportDialog", "无法保存"), translate(
        "ReportDialog", "无法写入“{path}”：文件可能正被其他程序（如 PDF 阅读器）打开，或没有写入权限。"
        "请关闭该文件后再试，或换一个文件名。\n\n{error}").format(path=out, error=exc))


def show_saved(report, out: Path, pages: int, parent: QWidget | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, translate("ReportDialog", "已导出"),
                      translate("ReportDialog", "已保存{name}，共{pages}页：\n{path}").format(
                          name=report.name, pages=pages, path=out), QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(translate("ReportDialog", "打开文件"), QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))


def save_pdf(report, parent: QWidget | None, path: str | None = None) -> Path | None:
    """Saves a report already built as a PDF and returns the file (None when not saved)."""
    out = pdf_target(report, parent, path)
    if out is None:
        return None
    try:
        pages = write_pdf_on_ui_thread(report, out)
    except OSError as exc:
        cannot_write(parent, out, exc)
        return None
    except Exception as exc:  # noqa: BLE001 - shown to the clerk
        from ..workers import show_error

        show_error(parent, exc)
        return None
    _remember_folder(out)
    show_saved(report, out, pages, parent)
    return out


def show_report_dialog(main_window, mode: str) -> None:
    """From the 打印 menu: choose the report, then preview / print / save it as a PDF."""
    db, today = _context(main_window)
    if db is None:
        QMessageBox.information(main_window, translate("ReportDialog", "打印"),
                                translate("ReportDialog", "请先打开数据库。"))
        return
    dialog = ReportDialog(main_window, db, today, mode, getattr(getattr(main_window, "backend", None), "plan", None))
    if mode == "pdf":
        dialog.pdf_path = ASK  # the dialog writes the PDF itself once the report is built
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.report is None:
        return
    report = dialog.report
    if mode == "preview":
        preview(report, main_window)
    elif mode == "print":
        print_report(report, main_window)
    elif dialog.saved is not None:  # the dialog wrote the PDF
        show_saved(report, dialog.saved, dialog.pages, main_window)
