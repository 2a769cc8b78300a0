"""指标: the annex's 18 indicators with their yearly values (editable 2021–2025) and the progress
towards the 2025 target, as a number, a bar in the table and a small chart of the years."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
)

from .. import style
from ..models.table import CENTER, LEFT, RIGHT, ROW_ROLE, Column, RowTableModel
from ..widgets import RowTable, button, hbox, hint_label, title_label
from ..workers import Changes
from .base import View
from .charts import IndicatorChart

YEARS = (2021, 2022, 2023, 2024, 2025)


def _progress_text(r) -> str:
    return f"{r.progress:.0%}" if r.progress is not None else ""


def _columns() -> list[Column]:
    cols = [
        Column("category", QT_TRANSLATE_NOOP("Columns", "类别"), lambda r: r.category, width=96),
        Column("no", QT_TRANSLATE_NOOP("Columns", "序号"), lambda r: r.no, align=CENTER, width=44),
        Column("name", QT_TRANSLATE_NOOP("Columns", "指标"), lambda r: r.name, width=240, align=LEFT,
               tooltip=lambda r: r.name),
        Column("unit", QT_TRANSLATE_NOOP("Columns", "单位"), lambda r: r.unit, align=CENTER, width=60),
        Column("target", QT_TRANSLATE_NOOP("Columns", "2025年目标"),
               lambda r: r.target_text or (f"{r.target:g}" if r.target is not None else ""),
               sort=lambda r: r.target, align=RIGHT, width=84),
    ]
    for year in YEARS:
        cols.append(Column(f"y{year}", str(year), lambda r, y=year: r.shown(y), sort=lambda r, y=year: r.values.get(y),
                           align=RIGHT, width=60, editable=True))
    cols += [
        Column("progress", QT_TRANSLATE_NOOP("Columns", "完成进度"), _progress_text, sort=lambda r: r.progress,
               align=RIGHT, width=120),
        Column("departments", QT_TRANSLATE_NOOP("Columns", "责任单位"), lambda r: r.departments, width=180,
               visible=False),
    ]
    return cols


class IndicatorModel(RowTableModel):
    value_edited = Signal(object, int, str)  # row, year, text

    def __init__(self, parent=None):
        super().__init__(_columns(), parent)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        column = self.columns[section] if orientation == Qt.Orientation.Horizontal else None
        if column is not None and column.key.startswith("y") and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{year}年").format(year=column.title)
        return super().headerData(section, orientation, role)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or not column.editable:
            return False
        row = self.rows[index.row()]
        year = int(column.key[1:])
        text = str(value).strip()
        if text == row.shown(year):
            return False
        self.value_edited.emit(row, year, text)
        return True

    def background(self, row) -> QColor | None:
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and self.columns[index.column()].editable:
            return QColor("#FFFDF0")
        return super().data(index, role)


class ProgressDelegate(QStyledItemDelegate):
    """The progress towards the target as a small bar with the percentage."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        super().paint(painter, option, index)
        if row is None or row.progress is None:
            return
        painter.save()
        rect = QRectF(option.rect).adjusted(6, 8, -48, -8)
        painter.fillRect(rect, QColor("#E6EBF0"))
        share = max(0.0, min(row.progress, 1.0))
        colour = style.LIGHT_COLOURS["绿"] if row.progress >= 1 else "#6C9BC9"
        painter.fillRect(QRectF(rect.left(), rect.top(), rect.width() * share, rect.height()), QColor(colour))
        painter.restore()


class IndicatorsView(View):
    key = "indicators"
    icon_name = "indicators"

    def title(self) -> str:
        return self.tr("指标")

    def __init__(self, window):
        super().__init__(window)
        self.import_button = button(self.tr("导入指标数值…"), "import")
        self.export_button = button(self.tr("导出指标…"), "export")
        self.layout_.addLayout(hbox(title_label(self.tr("绿色发展目标指标")), None, self.import_button,
                                    self.export_button))
        self.layout_.addWidget(hint_label(self.tr(
            "双击年份单元格填写当年数值（清空即删除）；每次修改都记入修改记录。完成进度＝最近一年数值÷2025年目标。")))
        self.model = IndicatorModel(self)
        self.table = RowTable("indicators", elastic={"name": (1, 150)})
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setItemDelegateForColumn(self.model.column_index("progress"), ProgressDelegate(self.table))

        side = QGroupBox(self.tr("所选指标"))
        sv = QVBoxLayout(side)
        self.name = QLabel("—")
        self.name.setWordWrap(True)
        style.bold(self.name, 11)
        self.detail = hint_label()
        self.chart = IndicatorChart()
        sv.addWidget(self.name)
        sv.addWidget(self.detail)
        sv.addWidget(self.chart, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        # The chart keeps the width its year axis and value labels need; the table scrolls.
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([960, side.minimumSizeHint().width() + 10])
        self.splitter = split
        self.layout_.addWidget(split, 1)

        self.model.value_edited.connect(self.set_value)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.import_button.clicked.connect(lambda: self._import())
        self.export_button.clicked.connect(lambda: self._export())
        self._current_id: int | None = None

    def on_changed(self, changes: Changes) -> None:
        if not (changes.indicators or changes.database):
            return
        self.model.set_rows(self.backend.snapshot.indicators)
        if self._current_id is None and self.model.rows:
            self.table.setCurrentIndex(self.model.index(0, self.model.column_index("name")))
        self._show_current()

    def _show_current(self) -> None:
        r = self.table.current_row()
        if r is None:
            return
        self._current_id = r.id
        self.name.setText(f"{r.no}. {r.name}")
        latest = r.latest
        target = r.target_text or (f"{r.target:g}" if r.target is not None else "—")
        if latest is None:
            text = self.tr("2025年目标：{target}{unit}；尚未填写数值。").format(target=target, unit=r.unit)
        else:
            text = self.tr("2025年目标：{target}{unit}；{year}年：{value}{unit}，完成进度 {progress}。").format(
                target=target, unit=r.unit, year=latest[0], value=f"{latest[1]:g}", progress=_progress_text(r) or "—")
        if r.departments:
            text += "\n" + self.tr("责任单位：{units}").format(units=r.departments)
        self.detail.setText(text)
        self.chart.set_indicator(list(YEARS), {y: r.values.get(y) for y in YEARS}, r.target, r.unit)

    def set_value(self, row, year: int, text: str):
        indicator_id = row.id

        def op(ctx):
            from greentasks.services.actions import set_indicator_value

            return set_indicator_value(ctx.db, indicator_id, year, text)

        return self.backend.collection(self, op).run_in_background()

    def _import(self):
        from ..dialogs.export_dialog import import_indicators

        return import_indicators(self, self.backend)

    def _export(self):
        from ..dialogs.export_dialog import export_indicators

        return export_indicators(self, self.backend)

    def smoke_check(self) -> str | None:
        if self.model.rowCount() != len(self.backend.snapshot.indicators):
            return "指标表行数与数据不符"
        return None
