"""督查通报: pick the period, the kind (通报 or 专报) and the 第N期, read the draft, save it as a
Word document (and a PDF), open it (docs/documents.md#bulletin).

The draft is read off the UI thread (``services.bulletin.bulletin_draft`` in a QueryOp) whenever
the period or the kind changes; changing the number only redraws the text. Saving runs
``services.bulletin.write_bulletin`` and, when asked, ``word.topdf.to_pdf`` in a CollectionOp: the
number is remembered when the file is written, the same use case as ``greentasks bulletin``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..widgets import button, hbox, hint_label

if TYPE_CHECKING:
    from greentasks.services.bulletin import BulletinData, BulletinResult, IssueInfo

translate = QCoreApplication.translate
KINDS = (("通报", "督查通报（发各单位，含附件清单）"), ("专报", "督查专报（报区政府领导）"))


@dataclass
class Saved:
    """What a save wrote: the Word file, the PDF (or why there is none)."""

    result: BulletinResult
    pdf: Path | None = None
    pdf_error: str | None = None

    @property
    def changes(self):
        return self.result.changes


def save_bulletin(db, out: str, period_code: str, today: date, kind: str, issue: int | None, pdf: bool,
                  plan: str | None = None) -> Saved:
    """Runs on a worker thread: the use case, then the PDF when asked (no widgets)."""
    from greentasks.domain.periods import require_period
    from greentasks.services.bulletin import write_bulletin

    result = write_bulletin(db, out, require_period(period_code), today=today, kind=kind, issue=issue, plan=plan)
    saved = Saved(result)
    if pdf:
        from greentasks.word.topdf import PdfUnavailable, to_pdf

        try:
            saved.pdf = to_pdf(result.out)
        except PdfUnavailable as exc:
            saved.pdf_error = str(exc)
    return saved


class BulletinDialog(QDialog):
    def __init__(self, parent: QWidget | None, db, today: date, backend=None):
        super().__init__(parent)
        self.db, self.today, self.backend = db, today, backend
        self.plan = getattr(backend, "plan", None)  # the document the window shows
        self.info: IssueInfo | None = None
        self.data: BulletinData | None = None
        self.saved: Saved | None = None
        self._loading = 0  # the latest draft asked for; an older one arriving later is dropped
        self._busy = False
        self.setWindowTitle(self.tr("督查通报"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.period = QComboBox()
        self.kind = QComboBox()
        for key, label in KINDS:
            self.kind.addItem(translate("BulletinDialog", label), key)
        self.issue = QSpinBox()
        self.issue.setRange(1, 9999)
        self.issue.setPrefix(self.tr("第 "))
        self.issue.setSuffix(self.tr(" 期"))
        form.addRow(self.tr("报送期"), self.period)
        form.addRow(self.tr("文种"), self.kind)
        form.addRow(self.tr("期号"), self.issue)
        layout.addLayout(form)
        self.issue_hint = hint_label()
        layout.addWidget(self.issue_hint)
        layout.addWidget(QLabel(self.tr("草稿（保存后可在 Word 或 WPS 中修改“下步要求”等内容）：")))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(320)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        layout.addWidget(self.preview, 1)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.status = hint_label()
        layout.addWidget(self.status)
        self.save_word = button(self.tr("保存 Word…"), "save")
        self.save_both = button(self.tr("保存 Word 和 PDF…"), "pdf", primary=True)
        self.open_word = button(self.tr("打开 Word 文件"), "documents")
        self.open_pdf = button(self.tr("打开 PDF"), "pdf")
        self.close_button = QPushButton(self.tr("关闭"))
        for b in (self.save_word, self.save_both, self.open_word, self.open_pdf):
            b.setEnabled(False)
        layout.addLayout(hbox(self.save_word, self.save_both, None, self.open_word, self.open_pdf, self.close_button))
        self.save_word.clicked.connect(lambda: self.save(pdf=False))
        self.save_both.clicked.connect(lambda: self.save(pdf=True))
        self.open_word.clicked.connect(lambda: self._open(self.saved.result.out if self.saved else None))
        self.open_pdf.clicked.connect(lambda: self._open(self.saved.pdf if self.saved else None))
        self.close_button.clicked.connect(self.reject)
        self.period.currentIndexChanged.connect(self._choice_changed)
        self.kind.currentIndexChanged.connect(self._choice_changed)
        self.issue.valueChanged.connect(self._issue_changed)
        self.resize(760, 640)
        self._load_choices()

    # -- choices and the draft ------------------------------------------------------------------
    def _load_choices(self) -> None:
        from greentasks.services.reporting import report_choices

        from ..workers import QueryOp

        self.period.blockSignals(True)
        self.period.addItem(self.tr("正在读取……"))
        self.period.blockSignals(False)
        self.period.setEnabled(False)
        db, today = self.db, self.today
        QueryOp(self, lambda _ctx: report_choices(db, today), success=self._fill_choices,
                failure=self._failed).run_in_background()

    def _fill_choices(self, choices) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        for period in choices.periods:
            self.period.addItem(period.label, period.code)
        self.period.setCurrentIndex(max(0, self.period.findData(choices.default_period.code)))
        self.period.blockSignals(False)
        self.period.setEnabled(True)
        self._choice_changed()

    def _choice_changed(self, *_args) -> None:
        code, kind = self.period.currentData(), self.kind.currentData()
        if not code:
            return
        from greentasks.domain.periods import require_period
        from greentasks.services.bulletin import bulletin_draft

        from ..workers import QueryOp

        self._loading += 1
        ticket = self._loading
        self._set_busy(True)
        self.preview.setPlainText(self.tr("正在生成草稿……"))
        db, today, period, plan = self.db, self.today, require_period(code), self.plan
        QueryOp(self, lambda _ctx: bulletin_draft(db, period, today=today, kind=kind, plan=plan),
                success=lambda result: self._drafted(ticket, result),
                failure=lambda exc: self._draft_failed(ticket, exc)).run_in_background()

    def _drafted(self, ticket: int, result) -> None:
        if ticket != self._loading:
            return
        self._set_busy(False)
        self.info, self.data = result
        self.issue.blockSignals(True)
        self.issue.setValue(self.info.next)
        self.issue.blockSignals(False)
        self._issue_changed()

    def _draft_failed(self, ticket: int, exc: BaseException) -> None:
        from greentasks.errors import GreentasksError

        if ticket != self._loading:
            return
        self._set_busy(False)
        self.info = self.data = None
        if isinstance(exc, GreentasksError):  # a period before the plan, …: said in the preview
            self.preview.setPlainText(str(exc))
        else:
            self.preview.clear()
            self._failed(exc)
        self._enable()

    def _issue_changed(self, *_args) -> None:
        if self.data is None or self.info is None:
            return
        from greentasks.word.bulletin import preview_text

        number = self.issue.value()
        self.data = replace(self.data, issue=number)
        self.preview.setPlainText(preview_text(self.data))
        self.issue_hint.setText(self._issue_words(number))
        self._enable()

    def _issue_words(self, number: int) -> str:
        info, kind, label = self.info, self.kind.currentData(), self.period.currentText()
        assert info is not None
        words = self.tr("{year}年已编到第{last}期。").format(year=info.year, last=info.last) if info.last else \
            self.tr("{year}年还没有编过期号。").format(year=info.year)
        if info.earlier is not None:
            words += self.tr("{period}的督查{kind}此前已编为第{earlier}期；如是重新生成同一期，请把期号改为{earlier}。").format(
                period=label, kind=kind, earlier=info.earlier)
        if number <= info.last and number != info.earlier:
            words += self.tr("第{n}期已经用过，请确认不是重号。").format(n=number)
        return words

    # -- saving ----------------------------------------------------------------------------------
    def default_name(self) -> str:
        assert self.data is not None
        return f"{self.data.period_label}督查{self.data.kind}（{self.data.year}年第{self.issue.value()}期）.docx"

    def ask_path(self) -> str | None:
        from .. import prefs
        from .common import save_file

        start = str(Path(prefs.last_folder("documents")) / self.default_name())
        return save_file(self, self.tr("保存督查{kind}").format(kind=self.kind.currentData()), start,
                         self.tr("Word 文件 (*.docx)"), default_suffix="docx")

    def save(self, *, pdf: bool, path: str | None = None) -> None:
        if self.data is None or self.info is None:
            return
        path = path or self.ask_path()
        if not path:
            return
        if not path.lower().endswith(".docx"):
            path += ".docx"
        from .. import prefs
        from ..workers import CollectionOp

        prefs.remember_folder("documents", path)
        number = self.issue.value()
        # The number offered, unchanged: the next one when it is written (a colleague may have taken it).
        issue = None if number == self.info.next else number
        db, today, code, kind = self.db, self.today, self.period.currentData(), self.kind.currentData()
        self._set_busy(True)
        self.status.setText(self.tr("正在生成 Word 和 PDF 文件……") if pdf else self.tr("正在生成 Word 文件……"))

        def op(_ctx):
            return save_bulletin(db, path, code, today, kind, issue, pdf, self.plan)

        run = self.backend.collection(self, op) if self.backend is not None else CollectionOp(self, op)
        run.on_success(self._saved).on_failure(self._save_failed).run_in_background()

    def _saved(self, saved: Saved) -> None:
        self._set_busy(False)
        self.saved = saved
        result = saved.result
        lines = result.lines()
        if saved.pdf is not None:
            lines.append(self.tr("已生成 PDF：{path}").format(path=saved.pdf))
        if saved.pdf_error:
            lines.append(saved.pdf_error)
        self.status.setText("\n".join(lines))
        self.open_word.setEnabled(True)
        self.open_pdf.setEnabled(saved.pdf is not None)
        self._choice_changed()  # the next number, now that this one is used

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.setText("")
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        from ..workers import show_error

        show_error(self, exc)

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self._busy = busy
        self._enable()

    def _enable(self) -> None:
        busy = self._busy
        ready = self.data is not None and not busy
        for widget in (self.save_word, self.save_both):
            widget.setEnabled(ready)
        for widget in (self.period, self.kind, self.issue):
            widget.setEnabled(not busy)


def show_bulletin_dialog(main_window) -> BulletinDialog | None:
    """From the 打印 menu: the dialog on the main window's database and "today"."""
    backend = getattr(main_window, "backend", None)
    db = getattr(backend, "db", None)
    if db is None:
        QMessageBox.information(main_window, translate("BulletinDialog", "督查通报"),
                                translate("BulletinDialog", "请先打开数据库。"))
        return None
    dialog = BulletinDialog(main_window, db, backend.today, backend)
    dialog.exec()
    return dialog
