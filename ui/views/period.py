"""The 报送期 selector of 总览 and 分工 and the bar that says which period is shown.

There is one choice for both views, held by the backend (``Backend.period``): choosing a period in
one view shows it in the other too. The choices are the periods of the office's cycle from the
plan's 成文日期 to the current one, newest first; the selector starts on the latest ended one
(docs/periods.md#as-of).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from greentasks.domain.days import cn_date

from ..widgets import NoteBar

if TYPE_CHECKING:
    from ..backend import Backend


PAST_STYLE = "background: #EAF2FB; border: 1px solid #BFD5EC; border-radius: 4px; padding: 6px 8px; color: #1F4E79;"


class PeriodControls(QObject):
    """A view's 报送期 combo box and its hint bar, bound to the backend's one choice.

    ``edits``: what the view's bar adds about changes made while a closed period is shown."""

    def __init__(self, backend: Backend, parent: QWidget, edits: str):
        super().__init__(parent)
        self.backend = backend
        self.edits = edits
        self.label = QLabel(self.tr("报送期"))
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(self.tr("查看所选报送期的情况：各单位当期及以前的报送、当期报送截止日以前的修改和销号，"
                                      "预警按当期报送截止日计算"))
        self.combo.setEnabled(False)
        self.bar = NoteBar(self.tr("回到最新一期"), "back")
        # Blue, not the yellow of a bar that asks for something: it says what is shown.
        self.bar.setStyleSheet("QFrame#note_bar {" + PAST_STYLE + "}")
        self.bar.button.setToolTip(self.tr("回到最近结束的一期，查看最新的情况"))
        self.bar.button.clicked.connect(lambda: self.backend.set_period(None))
        self.combo.activated.connect(self._activated)  # the clerk's choice only, not a refill
        backend.period_chosen.connect(self._chosen)
        self._codes: list[str] = []

    # -- the choices ------------------------------------------------------------------------------
    def fill(self) -> None:
        """The choices of the snapshot, with the chosen period selected."""
        snap = self.backend.snapshot
        default = snap.default_period
        if default is None:
            return
        latest = snap.periods[0] if snap.periods else default
        codes = [p.code for p in snap.periods]
        if codes != self._codes or self.combo.count() != len(codes):
            self.combo.blockSignals(True)
            self.combo.clear()
            for p in snap.periods:
                text = p.label
                if p == default:
                    text = self.tr("{period}（最新一期）").format(period=p.label)
                elif p == latest and p.sort_key > default.sort_key:
                    text = self.tr("{period}（未结束）").format(period=p.label)
                self.combo.addItem(text, p)
            self.combo.blockSignals(False)
            self._codes = codes
        self.combo.setEnabled(bool(codes))
        self._select(self.backend.period or default)

    def _select(self, period) -> None:
        for i in range(self.combo.count()):
            if self.combo.itemData(i) == period:
                self.combo.blockSignals(True)
                self.combo.setCurrentIndex(i)
                self.combo.blockSignals(False)
                return

    def _activated(self, index: int) -> None:
        self.backend.set_period(self.combo.itemData(index))

    def _chosen(self, period, _by_edit: bool) -> None:
        self._select(period or self.backend.snapshot.default_period)

    # -- the bar ----------------------------------------------------------------------------------
    def show_state(self) -> None:
        """The bar for what the view now shows: hidden for the latest period."""
        snap = self.backend.snapshot
        shown = snap.shown
        if snap.period is None or shown is None:
            self.bar.hide()
            return
        ctx = shown.ctx
        if ctx.as_of is not None and not ctx.as_of.open:
            text = self.tr("正在查看{period}的情况（截至报送截止日{day}）：之后的报送和修改不计入。").format(
                period=ctx.period.label, day=cn_date(ctx.as_of.day))
            text += self.edits
        else:
            text = self.tr("正在查看{period}的情况：本期还没有结束，“未报送”按本期计算。").format(
                period=ctx.period.label)
        self.bar.text.setText(text)
        self.bar.show()
