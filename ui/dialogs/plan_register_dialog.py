"""The register of 文件 by hand (docs/documents.md#register): 修改 a document's 文号, 标题, 发文机关 and
成文日期; 废止 it with the repealing 文号 and the date (as the gazette's 南川府发〔2022〕33号 records
the documents it repeals); 恢复 a repealed one to 有效.

Each runs one ``services.plan_register`` use case off the UI thread; its :class:`Done` names the
documents and every row (a repeal changes every light of the document), so the window refreshes
from it. A refusal of the core (a 文号 another document has, a date before the 成文日期, the 文号 of
a document the program brings) is shown in a message box, nothing is written and the dialog stays
open for the clerk to correct. ``change`` holds the core's :class:`RegisterChange` once saved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..widgets import hint_label

if TYPE_CHECKING:
    from ..backend import Backend

translate = QCoreApplication.translate

# A QDateEdit cannot be empty: a document registered without a 成文日期 shows this day as 未填写.
_NO_DATE = QDate(1900, 1, 1)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def plan_ref(entry):
    """The document as the core's use cases take it: by its id (a 文号 may have just changed)."""
    from greentasks.services.queries import PlanRef

    return PlanRef(id=entry.id, doc_no=entry.doc_no, title=entry.title)


def _named(entry) -> str:
    return translate("PlanRegister", "《{title}》（{no}）").format(title=entry.title, no=entry.doc_no)


def repeal_words(entry) -> str:
    """文件南川府办发〔2016〕72号已于2022年9月27日由南川府发〔2022〕33号废止 (the core's words)."""
    from greentasks.services.plan_register import repeal_words as words

    return words(entry.doc_no, entry.repealed_by, _day(entry.repealed_on))


class _RegisterDialog(QDialog):
    """What the edit and the repeal dialogs share: the document, a form, 保存/取消, and the write."""

    def __init__(self, parent: QWidget | None, entry, backend: Backend | None = None, db=None):
        super().__init__(parent)
        self.entry, self.backend, self.db = entry, backend, db
        self.change = None  # services.plan_register.RegisterChange, once saved
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def problem(self) -> str | None:
        """What must be put right before the core is asked (None: nothing)."""
        return None

    def call(self, db):
        """The core's use case on ``db``: a Done[RegisterChange]."""
        raise NotImplementedError

    def save(self):
        """Check the form, then run the use case in the background (the op, for tests)."""
        from ..workers import CollectionOp, show_error

        problem = self.problem()
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return None
        db = self.backend.db if self.backend is not None else self.db
        self.save_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            show_error(self, exc)

        run = self.backend.collection(self, lambda _ctx: self.call(db)) if self.backend is not None \
            else CollectionOp(self, lambda _ctx: self.call(db))
        return run.with_progress(translate("PlanRegister", "正在保存……")).on_success(self._saved) \
            .on_failure(failed).run_in_background()

    def _saved(self, done) -> None:
        self.change = done.value
        self.accept()
        window = self.parentWidget()
        if hasattr(window, "show_message"):
            window.show_message(self.change.message)


class PlanEditDialog(_RegisterDialog):
    """修改文件登记. The 文号 and the 标题 of a document the program brings are greyed out: the core
    refuses them (``init`` knows those documents by their 文号)."""

    def __init__(self, parent: QWidget | None, entry, backend: Backend | None = None, db=None):
        super().__init__(parent, entry, backend, db)
        self.setWindowTitle(self.tr("修改文件登记"))
        self.save_button.setText(self.tr("保存"))
        self.layout_.addWidget(QLabel(self.tr("修改{named}的登记内容。").format(named=_named(entry))))
        self.doc_no = QLineEdit(entry.doc_no)
        self.title_edit = QLineEdit(entry.title)
        self.title_edit.setCursorPosition(0)
        self.issuer = QLineEdit(entry.issuer or "")
        self.issuer.setPlaceholderText(self.tr("如：重庆市南川区人民政府办公室"))
        self.issued_on = QDateEdit()
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("yyyy年M月d日")
        issued = _day(entry.issued_on)
        if issued is None:  # 未填写 until the clerk picks a day
            self.issued_on.setMinimumDate(_NO_DATE)
            self.issued_on.setSpecialValueText(self.tr("未填写"))
            self.issued_on.setDate(_NO_DATE)
            self.issued_on.calendarWidget().setSelectedDate(QDate.currentDate())
        else:
            self.issued_on.setMinimumDate(_NO_DATE.addDays(1))
            self.issued_on.setDate(_qdate(issued))
        self.form.addRow(self.tr("文号"), self.doc_no)
        self.form.addRow(self.tr("标题"), self.title_edit)
        self.form.addRow(self.tr("发文机关"), self.issuer)
        self.form.addRow(self.tr("成文日期"), self.issued_on)
        self.builtin_note = hint_label()
        if entry.is_builtin:
            why = self.tr("这是程序自带的文件登记，文号和标题是文件本身的，不能修改（重新初始化数据库时按文号核对）；"
                          "发文机关、成文日期可以修改。")
            for line in (self.doc_no, self.title_edit):
                line.setReadOnly(True)
                line.setEnabled(False)
                line.setToolTip(why)
            self.builtin_note.setText(why)
            self.form.addRow("", self.builtin_note)
        else:
            self.doc_no.setToolTip(self.tr("更正登记时写错的文号；按原文号下发的报送模板仍能认出本文件"))
        self._finish_layout()
        self.resize(620, 260)

    def values(self) -> dict:
        """The fields as ``edit_plan`` takes them (None keeps a field: the greyed ones, an unset date)."""
        day = self.issued_on.date()
        builtin = self.entry.is_builtin
        return {"doc_no": None if builtin else self.doc_no.text().strip(),
                "title": None if builtin else self.title_edit.text().strip(),
                "issuer": self.issuer.text().strip(),
                "issued_on": None if day == _NO_DATE else day.toPython()}

    def problem(self) -> str | None:
        values = self.values()
        if values["doc_no"] == "":
            return self.tr("文号不能为空。")
        if values["title"] == "":
            return self.tr("标题不能为空。")
        return None

    def _saved(self, done) -> None:
        super()._saved(done)
        # The window names the document it shows by its 文号: it follows a corrected one.
        old, new = self.entry.doc_no, done.value.entry.doc_no
        if self.backend is not None and new != old and self.backend.plan == old:
            self.backend.set_plan(new)

    def call(self, db):
        from greentasks.services.plan_register import edit_plan

        return edit_plan(db, plan_ref(self.entry), **self.values())


class RepealDialog(_RegisterDialog):
    """废止文件: the repealing 文号 (completed from the register, whose spelling the core keeps) and
    the day (today by default)."""

    def __init__(self, parent: QWidget | None, entry, backend: Backend | None = None, db=None, *,
                 today: date | None = None, doc_nos: list[str] | None = None):
        super().__init__(parent, entry, backend, db)
        today = today or (backend.today if backend is not None else date.today())
        self.setWindowTitle(self.tr("废止文件"))
        self.save_button.setText(self.tr("废止"))
        self.head = QLabel(self.tr("登记{named}已废止。").format(named=_named(entry)))
        self.head.setWordWrap(True)
        self.layout_.addWidget(self.head)
        self.layout_.addWidget(hint_label(self.tr(
            "废止后，该文件不再导出报送模板、生成催报督办通知、接收报送，也不再预警；"
            "它的分工、报送和修改记录都保留，需要时可以恢复有效。")))
        self.by = QLineEdit()
        self.by.setPlaceholderText(self.tr("废止它的文件的文号，如 南川府发〔2022〕33号"))
        others = sorted({n for n in (doc_nos or []) if n != entry.doc_no})
        if others:
            completer = QCompleter(others, self.by)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.by.setCompleter(completer)
        self.on = QDateEdit(_qdate(today))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy年M月d日")
        self.form.addRow(self.tr("废止文号"), self.by)
        self.form.addRow(self.tr("废止日期"), self.on)
        self._finish_layout()
        self.resize(560, 240)

    def problem(self) -> str | None:
        if not self.by.text().strip():
            return self.tr("请填写废止文号，即废止该文件的文件的文号（如 南川府发〔2022〕33号）。")
        return None

    def call(self, db):
        from greentasks.services.plan_register import repeal_plan

        return repeal_plan(db, plan_ref(self.entry), by=self.by.text().strip(), on=self.on.date().toPython())

    def _saved(self, done) -> None:
        super()._saved(done)
        QMessageBox.information(self.parentWidget(), self.windowTitle(), done.value.message)


def edit_document(parent: QWidget, backend: Backend, entry, *, show: bool = True) -> PlanEditDialog:
    """修改…: the edit dialog (returned unshown with ``show=False``, for tests)."""
    dialog = PlanEditDialog(parent, entry, backend)
    if show:
        dialog.exec()
    return dialog


def repeal_document(parent: QWidget, backend: Backend, entry, *, show: bool = True) -> RepealDialog:
    """废止…: the repeal dialog (returned unshown with ``show=False``, for tests)."""
    doc_nos = [d.doc_no for d in backend.snapshot.documents]
    dialog = RepealDialog(parent, entry, backend, doc_nos=doc_nos)
    if show:
        dialog.exec()
    return dialog


def restore_document(parent: QWidget, backend: Backend, entry, done: Callable[[object], None] | None = None):
    """恢复有效…: asked first, naming the document and its repeal; then ``restore_plan`` in the
    background (the op, or None when the clerk said no). ``done`` gets the RegisterChange."""
    from ..workers import show_error

    title = translate("PlanRegister", "恢复有效")
    text = translate("PlanRegister", "把{named}恢复为有效吗？\n\n现登记为：{words}。\n\n恢复后它重新导出报送模板、"
                                     "接收报送和预警；原废止记录保留在修改记录中。").format(
        named=_named(entry), words=repeal_words(entry))
    if QMessageBox.question(parent, title, text) != QMessageBox.StandardButton.Yes:
        return None
    plan = plan_ref(entry)

    def op(ctx):
        from greentasks.services.plan_register import restore_plan

        return restore_plan(ctx.db, plan)

    def restored(result) -> None:
        change = result.value
        QMessageBox.information(parent, title, change.message)
        if hasattr(parent, "show_message"):
            parent.show_message(change.message)
        if done is not None:
            done(change)

    return backend.collection(parent, op, restored).with_progress(translate("PlanRegister", "正在保存……")) \
        .on_failure(lambda exc: show_error(parent, exc)).run_in_background()
