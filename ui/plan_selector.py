"""The window's document selector: which document (文件, 批示, 议定事项) the per-document views
show — 总览, 任务, 分工, 报送's templates, the ledger, reports, 通报, notices and 考评.

Shown once the office follows more than one document; the built-in plan comes first, then the
other active ones by 成文日期, then repealed ones (their history stays readable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

# How long a document's title may be in the list before it is shortened (the 文号 names it).
TITLE_CHARS = 22


def choice_text(entry) -> str:
    """A document as the selector names it: 文号　标题 (shortened), marked when repealed."""
    title = entry.title if len(entry.title) <= TITLE_CHARS else entry.title[:TITLE_CHARS - 1] + "…"
    text = f"{entry.doc_no}　{title}"
    if entry.kind and entry.kind != "文件":
        text = f"[{entry.kind}] {text}"
    if entry.status == "废止":
        text += QCoreApplication.translate("PlanSelector", "（已废止）")
    return text


def tracked(documents) -> list:
    """The documents that have tasks, in the selector's order."""
    shown = [d for d in documents or [] if d.tasks > 0]
    return sorted(shown, key=lambda d: (not d.is_default, d.status == "废止"))


class PlanSelector(QWidget):
    chosen = Signal(object)  # the 文号 picked (None: the built-in plan)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(6)
        self.label = QLabel(self.tr("督办文件："))
        self.combo = QComboBox()
        self.combo.setObjectName("plan_selector")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.combo.setToolTip(self.tr("总览、任务、分工、报送模板、台账、报表、通报、通知和考评按所选文件显示"))
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        self.combo.activated.connect(lambda _i: self.chosen.emit(self.current()))

    def set_documents(self, documents, current: str | None) -> int:
        """Fill the list from the register (services.catalog.DocumentEntry rows) with ``current``
        selected; returns how many documents it lists."""
        entries = tracked(documents)
        self.combo.blockSignals(True)
        self.combo.clear()
        for d in entries:
            self.combo.addItem(choice_text(d), None if d.is_default else d.doc_no)
            self.combo.setItemData(self.combo.count() - 1, f"{d.doc_no}《{d.title}》",
                                 Qt.ItemDataRole.ToolTipRole)
        index = self.combo.findData(current) if current is not None else 0
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        return len(entries)

    def current(self) -> str | None:
        return self.combo.currentData()

    def choose(self, doc_no: str | None) -> bool:
        """Pick ``doc_no`` as the clerk would (for 总览's document lines and tests)."""
        index = self.combo.findData(doc_no) if doc_no is not None else 0
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        self.chosen.emit(self.current())
        return True
