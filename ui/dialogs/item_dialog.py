"""登记领导批示 / 会议议定事项 (docs/documents.md#items): who gave the 批示 (or which meeting), the day,
the 批示 text (or each decision), the units by role, the deadline, the 批示类别 and the 责任领导.

登记 runs ``services.items`` off the UI thread (add_instruction or add_decisions, one batch that
导入记录 can undo); a refusal (a unit the directory does not know, a 文号 already registered) is
shown in the dialog, which stays open for the clerk to correct. ``outcome`` holds what was saved.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from .. import style
from ..widgets import button, hbox, hint_label

# The core's words (greentasks.models.plan), kept here so that opening the dialog loads no database code.
INSTRUCTION, DECISION = "领导批示", "会议议定事项"
KINDS = (INSTRUCTION, DECISION)
CLASSES = ("批办性", "指导性", "参阅性")
READING = "参阅性"

_SEPARATORS = re.compile(r"[、，,；;\s]+")


class UnitsLine(QLineEdit):
    """Unit names separated by 、; the name being typed completes from the directory's names."""

    def __init__(self, names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.completer_ = QCompleter(sorted(set(names)), self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setWidget(self)
        self.completer_.activated[str].connect(self.take)
        self.textEdited.connect(self._complete)

    def typing(self) -> tuple[int, str]:
        """Where the name under the cursor starts, and what of it is typed."""
        head = self.text()[:self.cursorPosition()]
        ends = [m.end() for m in _SEPARATORS.finditer(head)]
        start = ends[-1] if ends else 0
        return start, head[start:]

    def _complete(self, _text: str) -> None:
        _start, typed = self.typing()
        popup = self.completer_.popup()
        if not typed:
            popup.hide()
            return
        self.completer_.setCompletionPrefix(typed)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            popup.hide()

    def take(self, name: str) -> None:
        """The name chosen from the list replaces the one being typed."""
        start, _typed = self.typing()
        rest = self.text()[self.cursorPosition():]
        self.setText(self.text()[:start] + name + rest)
        self.setCursorPosition(start + len(name))


def _blank() -> dict[str, str]:
    return {"text": "", "subject": "", "lead": "", "support": "", "deadline": "", "leader": ""}


class ItemDialog(QDialog):
    """``unit_names``: the directory's names and aliases, for completion. ``db`` (or ``backend``,
    whose database and refresh are then used) is where 登记 saves."""

    def __init__(self, parent: QWidget | None, db=None, backend=None, *, unit_names: list[str] | None = None,
                 today: date | None = None, kind: str = INSTRUCTION):
        super().__init__(parent)
        self.db, self.backend = db, backend
        self.outcome = None  # services.items.ItemOutcome, once saved
        self._decisions = [_blank()]
        self._current = 0
        today = today or (backend.today if backend is not None else date.today())
        names = list(unit_names or [])
        self.setWindowTitle(self.tr("登记领导批示或会议议定事项"))
        layout = QVBoxLayout(self)
        head = QFormLayout()
        head.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(k, k)
        self.source = QLineEdit()
        self.source_label = QLabel()
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy年M月d日")
        self.item_class = QComboBox()
        for c in CLASSES:
            self.item_class.addItem(c, c)
        self.item_class.setToolTip(self.tr("批办性：交办单位落实并报送；指导性：单位参照落实；参阅性：只供阅知，不分解、不需报送"))
        self.class_label = QLabel(self.tr("批示类别"))
        self.doc_no = QLineEdit()
        head.addRow(self.tr("类型"), self.kind)
        head.addRow(self.source_label, self.source)
        head.addRow(self.tr("日期"), self.on)
        head.addRow(self.class_label, self.item_class)
        head.addRow(self.tr("文号"), self.doc_no)
        layout.addLayout(head)

        # A meeting's decisions: the list, and the one chosen in the editor below it.
        self.decisions_box = QGroupBox(self.tr("议定事项"))
        box = QVBoxLayout(self.decisions_box)
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.add_button = button(self.tr("新增一项"), "add")
        self.remove_button = button(self.tr("删除此项"), "remove")
        box.addWidget(self.list)
        box.addLayout(hbox(None, self.add_button, self.remove_button))
        layout.addWidget(self.decisions_box)

        edit = QFormLayout()
        edit.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(90)
        self.text_label = QLabel()
        self.subject = QLineEdit()
        self.subject.setPlaceholderText(self.tr("用作标题，如：凤嘴江水质改善（不填取内容的第一句）"))
        self.lead = UnitsLine(names)
        self.lead.setPlaceholderText(self.tr("如：区生态环境局；多个单位用“、”分开"))
        self.support = UnitsLine(names)
        self.support.setPlaceholderText(self.tr("可不填；多个单位用“、”分开"))
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(self.tr("如：2023年6月底前、2023-06-30、长期坚持"))
        self.deadline_hint = hint_label()
        self.leader = QLineEdit()
        self.leader.setPlaceholderText(self.tr("负责督促落实的区领导"))
        self.reading_hint = hint_label(self.tr("参阅性批示只供阅知：不分解给单位，不填完成时限，不需要报送。"))
        edit.addRow(self.text_label, self.text)
        edit.addRow(self.tr("事项简称"), self.subject)
        edit.addRow(self.tr("牵头单位"), self.lead)
        edit.addRow(self.tr("配合单位"), self.support)
        edit.addRow(self.tr("完成时限"), self.deadline)
        edit.addRow("", self.deadline_hint)
        edit.addRow(self.tr("责任领导"), self.leader)
        edit.addRow("", self.reading_hint)
        layout.addLayout(edit)

        self.create_units = QCheckBox(self.tr("自动新建通讯录中没有的单位"))
        layout.addWidget(self.create_units)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        style.set_colour(self.problems, style.LIGHT_COLOURS["红"])
        self.problems.hide()
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(self.tr("登记"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.item_class.currentIndexChanged.connect(self._changed)
        self.list.currentRowChanged.connect(self._choose)
        self.add_button.clicked.connect(self.add_decision)
        self.remove_button.clicked.connect(self.remove_decision)
        for line in (self.source, self.lead, self.support, self.deadline):
            line.textChanged.connect(self._changed)
        self.text.textChanged.connect(self._changed)
        self.subject.textChanged.connect(self._changed)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self._kind_changed()
        self.resize(640, 680)

    # -- what is shown --------------------------------------------------------------------------
    @property
    def is_instruction(self) -> bool:
        return self.kind.currentData() == INSTRUCTION

    @property
    def is_reading(self) -> bool:
        return self.is_instruction and self.item_class.currentData() == READING

    def _kind_changed(self, *_args) -> None:
        instruction = self.is_instruction
        self.source_label.setText(self.tr("批示领导") if instruction else self.tr("会议名称"))
        self.source.setPlaceholderText(self.tr("如：张区长") if instruction else self.tr("如：区政府第12次常务会议"))
        self.text_label.setText(self.tr("批示内容") if instruction else self.tr("事项内容"))
        self.doc_no.setPlaceholderText(
            self.tr("批办单编号；不填则按年度编号，如 领导批示〔2023〕第1号") if instruction
            else self.tr("会议纪要文号，如 会议纪要〔2023〕12号；不填则按年度编号"))
        self.leader.setPlaceholderText(self.tr("负责督促落实的区领导（不填为批示领导）") if instruction
                                       else self.tr("负责督促落实的区领导"))
        for widget in (self.class_label, self.item_class):
            widget.setVisible(instruction)
        self.decisions_box.setVisible(not instruction)
        self._show_list()
        self._changed()

    def _show_list(self) -> None:
        self._store()
        self.list.blockSignals(True)
        self.list.clear()
        for i, d in enumerate(self._decisions, start=1):
            self.list.addItem(self._label(i, d["subject"], d["text"]))
        self.list.setCurrentRow(self._current)
        self.list.blockSignals(False)
        self.remove_button.setEnabled(len(self._decisions) > 1)

    def _label(self, no: int, subject: str, text: str) -> str:
        first = subject.strip() or text.strip().split("\n")[0][:30] or self.tr("（未填写）")
        return f"{no}. {first}"

    def _changed(self, *_args) -> None:
        shown = self.list.item(self._current)
        if shown is not None:  # the decision being typed, named in the list as it is typed
            shown.setText(self._label(self._current + 1, self.subject.text(), self.text.toPlainText()))
        reading = self.is_reading
        for widget in (self.lead, self.support, self.deadline):
            widget.setEnabled(not reading)
        self.reading_hint.setVisible(reading)
        from greentasks.domain.deadlines import describe, parse_deadline

        typed = self.deadline.text().strip()
        parsed = parse_deadline(typed) if typed else None
        self.deadline_hint.setText(describe(parsed) if parsed is not None and not reading else "")
        style.set_colour(self.deadline_hint, style.UNRECOGNISED if parsed is not None and parsed.kind == "未识别"
                         else style.MUTED)
        self.save_button.setEnabled(bool(self.source.text().strip()) and bool(self.text.toPlainText().strip()))

    # -- a meeting's decisions ------------------------------------------------------------------
    def _store(self) -> None:
        """The editor's fields into the decision they show."""
        self._decisions[self._current] = {
            "text": self.text.toPlainText().strip(), "subject": self.subject.text().strip(),
            "lead": self.lead.text().strip(), "support": self.support.text().strip(),
            "deadline": self.deadline.text().strip(), "leader": self.leader.text().strip()}

    def _load(self, i: int) -> None:
        d = self._decisions[i]
        self._current = i
        self.text.setPlainText(d["text"])
        self.subject.setText(d["subject"])
        self.lead.setText(d["lead"])
        self.support.setText(d["support"])
        self.deadline.setText(d["deadline"])
        self.leader.setText(d["leader"])

    def _choose(self, row: int) -> None:
        if row < 0 or row == self._current:
            return
        self._store()
        self._load(row)
        self._show_list()

    def add_decision(self) -> None:
        self._store()
        self._decisions.append(_blank())
        self._load(len(self._decisions) - 1)
        self._show_list()
        self.text.setFocus()

    def remove_decision(self) -> None:
        if len(self._decisions) < 2:
            return
        del self._decisions[self._current]
        self._load(min(self._current, len(self._decisions) - 1))
        self._show_list()

    # -- saving ---------------------------------------------------------------------------------
    def values(self) -> dict:
        """The item as services.items takes it (``kind`` says which function)."""
        self._store()
        on = self.on.date()
        common = {"on": date(on.year(), on.month(), on.day()), "doc_no": self.doc_no.text().strip() or None,
                  "create_departments": self.create_units.isChecked()}
        if self.is_instruction:
            d = self._decisions[0]
            reading = self.is_reading
            return {"kind": INSTRUCTION, "leader": self.source.text().strip(), "text": d["text"],
                    "units_lead": "" if reading else d["lead"], "units_support": "" if reading else d["support"],
                    "deadline": None if reading else (d["deadline"] or None),
                    "item_class": self.item_class.currentData(), "subject": d["subject"] or None,
                    "responsible": d["leader"] or None, **common}
        return {"kind": DECISION, "meeting": self.source.text().strip(),
                "decisions": [dict(d) for d in self._decisions if any(d.values())], **common}

    def save(self) -> None:
        from ..workers import CollectionOp, show_error

        values = self.values()
        db = self.backend.db if self.backend is not None else self.db
        self.save_button.setEnabled(False)
        self.problems.hide()

        def op(_ctx):
            from greentasks.domain.changes import Done
            from greentasks.services import items

            kind = values.pop("kind")
            if kind == INSTRUCTION:
                outcome = items.add_instruction(db, **values)
            else:
                decisions = [items.Decision(text=d["text"], lead=d["lead"], support=d["support"],
                                            deadline=d["deadline"] or None, leader=d["leader"],
                                            subject=d["subject"] or None) for d in values.pop("decisions")]
                outcome = items.add_decisions(db, decisions=decisions, **values)
            return Done(outcome.touched, outcome)

        def saved(done) -> None:
            outcome = done.value
            if outcome.outcome == "imported":
                self.outcome = outcome
                self.accept()
                return
            self.problems.setText("\n".join(str(p) for p in outcome.errors))
            self.problems.show()
            self._changed()

        def failed(exc: BaseException) -> None:
            self._changed()
            show_error(self, exc)

        run = self.backend.collection(self, op) if self.backend is not None else CollectionOp(self, op)
        run.with_progress(self.tr("正在登记……")).on_success(saved).on_failure(failed).run_in_background()
