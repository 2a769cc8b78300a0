"""延长规划期: the new end of the plan period, asked from 总览 (the core logs the change)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ..widgets import hbox, hint_label

if TYPE_CHECKING:
    from greentasks.domain.planclock import PlanClock

translate = QCoreApplication.translate


def _cn(day: date) -> str:
    return translate("Dialogs", "{y}年{m}月{d}日").format(y=day.year, m=day.month, d=day.day)


def suggested_horizon(clock: PlanClock) -> date:
    """The end of the year after next, counted from the later of today and the present end."""
    return date(max(clock.horizon.year, clock.today.year) + 2, 12, 31)


class HorizonDialog(QDialog):
    def __init__(self, parent: QWidget | None, clock: PlanClock):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "延长规划期"))
        layout = QVBoxLayout(self)
        intro = QLabel(translate("Dialogs", "文件原定规划期至{planned}，现为{start}至{end}。请选择新的截止日期：").format(
            planned=_cn(clock.planned), start=_cn(clock.start), end=_cn(clock.horizon)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        first = clock.start + timedelta(days=1)
        self.date.setMinimumDate(QDate(first.year, first.month, first.day))
        new = suggested_horizon(clock)
        self.date.setDate(QDate(new.year, new.month, new.day))
        layout.addLayout(hbox(QLabel(translate("Dialogs", "规划期截止日期")), self.date, None))
        layout.addWidget(hint_label(translate(
            "Dialogs", "周期性任务（每年、每季度）按新的截止日期顺延，预警随之改变；"
                       "这项更改记入修改记录，用这个数据库的同事都会看到。")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Dialogs", "确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(translate("Dialogs", "取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.resize(440, 200)

    def horizon(self) -> date:
        return self.date.date().toPython()


def ask_horizon(parent: QWidget | None, clock: PlanClock) -> date | None:
    dialog = HorizonDialog(parent, clock)
    return dialog.horizon() if dialog.exec() == QDialog.DialogCode.Accepted else None
