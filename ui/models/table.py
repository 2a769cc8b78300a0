"""A table model over a list of plain rows (the core's dataclasses), described by columns, and a
filter proxy that asks one Python predicate per row and leaves sorting to the source model.

Sorting in the source model (Python's sort on a precomputed key) is much faster than letting
QSortFilterProxyModel call back into Python for every comparison; the proxy keeps selections
and persistent indexes right either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass
class Column:
    key: str
    title: str  # the Chinese source text; translated in the model's context
    value: Callable[[Any], Any]
    sort: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    width: int = 100
    visible: bool = True  # shown unless the clerk hides it
    tooltip: Callable[[Any], str | None] | None = None
    editable: bool = False


def _sort_key(value: Any) -> tuple:
    # None (empty) always sorts after values; mixed kinds never raise.
    if value is None or value == "":
        return (1, 0, "")
    if isinstance(value, int | float):
        return (0, 0, value)
    return (0, 1, str(value))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class RowTableModel(QAbstractTableModel):
    context = "Columns"  # the translation context of the column titles

    def __init__(self, columns: Sequence[Column], parent=None, key: Callable[[Any], Any] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._key = key or (lambda r: getattr(r, "id", id(r)))

    # -- rows ---------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace the rows. When the same rows come back in the same order (an edit), only
        changed cells are signalled, so selection, scroll position and editors stay put."""
        rows = list(rows)
        if [self._key(r) for r in rows] == [self._key(r) for r in self.rows]:
            first = last = None
            for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
                if old != new:
                    first = i if first is None else first
                    last = i
            self.rows = rows
            self.rows_replaced()
            if first is not None:
                self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.rows = rows
        self.rows_replaced()
        self.endResetModel()

    def rows_replaced(self) -> None:
        """Hook for subclasses that precompute per-row data when new rows arrive."""

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    def row_of_key(self, key: Any) -> int:
        for i, r in enumerate(self.rows):
            if self._key(r) == key:
                return i
        return -1

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self.context, self.columns[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            return _text(column.value(row))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            text = _text(column.value(row))
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, column)
        if role == ROW_ROLE:
            return row
        if role == KEY_ROLE:
            return self._key(row)
        return None

    def background(self, row: Any) -> QColor | None:
        return None

    def foreground(self, row: Any, column: Column) -> QColor | None:
        return None

    def decoration(self, row: Any, column: Column):
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        get = spec.sort or spec.value
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self.rows[i.row()], i.column()) for i in persistent]
        keyed = sorted(((_sort_key(get(r)), n, r) for n, r in enumerate(self.rows)),
                       key=lambda t: (t[0], t[1]), reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [r for _k, _n, r in keyed]
        where = {id(r): i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(persistent, [self.index(where[id(r)], c) for r, c in held])
        self.layoutChanged.emit()


def refilter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Change what a proxy's filter accepts (``change``) and filter its rows again."""
    if hasattr(proxy, "beginFilterChange"):  # Qt ≥ 6.9
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        change()
        proxy.invalidateRowsFilter()


class RowFilterProxy(QSortFilterProxyModel):
    """Shows the rows a predicate accepts; sorting is done by the source model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._predicate: Callable[[Any], bool] | None = None
        self.setDynamicSortFilter(False)

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        refilter(self, lambda: setattr(self, "_predicate", predicate))

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._predicate is None:
            return True
        return self._predicate(self.sourceModel().rows[source_row])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def row_at(self, proxy_row: int) -> Any:
        return self.sourceModel().rows[self.mapToSource(self.index(proxy_row, 0)).row()]

    def rows(self) -> list[Any]:
        source = self.sourceModel()
        return [source.rows[self.mapToSource(self.index(r, 0)).row()] for r in range(self.rowCount())]

    def proxy_row_of_key(self, key: Any) -> int:
        source_row = self.sourceModel().row_of_key(key)
        if source_row < 0:
            return -1
        return self.mapFromSource(self.sourceModel().index(source_row, 0)).row()
