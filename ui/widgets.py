"""Small widgets shared by the views: the table (column chooser, Enter opens a row), the search
line, the clickable number card, titles and notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPoint, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QColor, QDesktopServices, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from . import prefs, style
from .icons import icon
from .models.table import ROW_ROLE, RowTableModel

translate = QCoreApplication.translate


class RowTable(QTableView):
    """A read-only table of rows: whole-row selection, sortable headers, a column chooser in the
    header's context menu (remembered under ``name``), and Enter or a double click to open a row."""

    open_requested = Signal(object)  # the row object

    def __init__(self, name: str, parent: QWidget | None = None, sortable: bool = True):
        super().__init__(parent)
        self.name = name
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # No sort indicator at first: rows keep the order the core gives (task, position).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(sortable)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sectionMoved.connect(lambda *_: self.save_columns())
        self.doubleClicked.connect(self._open_index)
        self._restoring = False

    # -- model and columns --------------------------------------------------------------------
    def source_model(self) -> RowTableModel:
        model = self.model()
        while hasattr(model, "sourceModel") and model.sourceModel() is not None:
            model = model.sourceModel()
        return model  # type: ignore[return-value]

    def setModel(self, model) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        self.apply_columns()

    def apply_columns(self) -> None:
        """Column widths, order and visibility: the clerk's (remembered under ``name``), else the
        model's defaults. Kept as column keys, so a new release's columns do not upset them."""
        source = self.source_model()
        columns = getattr(source, "columns", None)
        if not columns:
            return
        self._restoring = True
        header = self.horizontalHeader()
        keys = [c.key for c in columns]
        hidden = prefs.value(f"columns/{self.name}/hidden")
        hidden_keys = set(_as_list(hidden)) if hidden is not None else {c.key for c in columns if not c.visible}
        widths = prefs.value(f"columns/{self.name}/widths")
        widths = widths if isinstance(widths, dict) else {}
        for i, column in enumerate(columns):
            try:
                width = int(widths.get(column.key, column.width))
            except (TypeError, ValueError):
                width = column.width
            header.resizeSection(i, max(30, min(width, 2000)))
            self.setColumnHidden(i, column.key in hidden_keys)
        order = [k for k in _as_list(prefs.value(f"columns/{self.name}/order")) if k in keys]
        for visual, key in enumerate(order):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
        self._restoring = False

    def save_columns(self) -> None:
        source = self.source_model()
        columns = getattr(source, "columns", None)
        if not columns or self._restoring:
            return
        header = self.horizontalHeader()
        visible = [header.logicalIndex(v) for v in range(len(columns)) if not self.isColumnHidden(header.logicalIndex(v))]
        stretched = visible[-1] if visible and header.stretchLastSection() else None  # its width follows the window
        prefs.set_value(f"columns/{self.name}/hidden", [c.key for i, c in enumerate(columns) if self.isColumnHidden(i)])
        prefs.set_value(f"columns/{self.name}/widths",
                        {c.key: header.sectionSize(i) for i, c in enumerate(columns) if i in visible and i != stretched})
        prefs.set_value(f"columns/{self.name}/order", [columns[header.logicalIndex(v)].key for v in range(len(columns))])

    def hideEvent(self, event) -> None:  # noqa: N802
        self.save_columns()
        super().hideEvent(event)

    def _column_menu(self, pos: QPoint) -> None:
        source = self.source_model()
        columns = getattr(source, "columns", [])
        menu = QMenu(self)
        menu.addSection(translate("Widgets", "显示的列"))
        for i, column in enumerate(columns):
            action = QAction(translate(source.context, column.title), menu)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self._toggle_column(i, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = menu.addAction(translate("Widgets", "恢复默认列"))
        reset.triggered.connect(self.reset_columns)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def _toggle_column(self, i: int, on: bool) -> None:
        visible = [j for j in range(self.model().columnCount()) if not self.isColumnHidden(j)]
        if not on and visible == [i]:
            return  # keep at least one column
        self.setColumnHidden(i, not on)
        self.save_columns()

    def reset_columns(self) -> None:
        prefs.settings().remove(f"columns/{self.name}")
        header = self.horizontalHeader()
        for logical in range(header.count()):
            header.moveSection(header.visualIndex(logical), logical)
        self.apply_columns()

    # -- rows ---------------------------------------------------------------------------------
    def selected_rows(self) -> list[Any]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()}) if self.selectionModel() else []
        model = self.model()
        return [model.index(r, 0).data(ROW_ROLE) for r in rows]

    def select_first(self) -> None:
        """Select the first row when nothing is selected (so the detail beside it is filled)."""
        if not self.currentIndex().isValid() and self.model() is not None and self.model().rowCount():
            self.selectRow(0)

    def current_row(self) -> Any:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(ROW_ROLE)

    def select_key(self, key: Any) -> bool:
        """Select the row whose key (e.g. assignment id) is ``key`` and scroll to it."""
        model = self.model()
        proxy_row = model.proxy_row_of_key(key) if hasattr(model, "proxy_row_of_key") \
            else self.source_model().row_of_key(key)
        if proxy_row < 0:
            return False
        index = model.index(proxy_row, 0)
        self.setCurrentIndex(index)
        self.selectRow(proxy_row)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        row = index.siblingAtColumn(0).data(ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)


def _as_list(value) -> list[str]:
    """QSettings' INI files give a one-item list back as a string and an empty one as ''."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class SearchLine(QLineEdit):
    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(220)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class Card(QFrame):
    """A number with its label; clicking it shows the rows behind the number."""

    clicked = Signal()

    def __init__(self, label: str, colour: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 12, 8)
        layout.setSpacing(0)
        self.number = QLabel("—")
        self.number.setFont(style.title_font(self.font(), 20))
        if colour:
            p = self.number.palette()
            p.setColor(QPalette.ColorRole.WindowText, QColor(colour))
            self.number.setPalette(p)
        self.label = QLabel(label)
        style.muted_palette(self.label)
        layout.addWidget(self.number)
        layout.addWidget(self.label)
        self.setMinimumWidth(104)

    def set_value(self, value: int | str, tooltip: str | None = None) -> None:
        self.number.setText(str(value))
        if tooltip is not None:
            self.setToolTip(tooltip)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        hot = self.underMouse() or self.hasFocus()
        painter.setPen(QPen(QColor(style.ACCENT if hot else "#D9E0E7"), 1.2))
        painter.setBrush(QColor("#FAFDFB" if hot else "#FFFFFF"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()

    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.HoverEnter, QEvent.Type.HoverLeave, QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.update()
        return super().event(e)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setFont(style.title_font(label.font()))
    return label


def hint_label(text: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    style.muted_palette(label)
    label.setWordWrap(wrap)
    return label


def note_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(style.NOTE_STYLE)
    label.setWordWrap(True)
    return label


def button(text: str, icon_name: str | None = None, primary: bool = False, tooltip: str | None = None) -> QPushButton:
    b = QPushButton(text)
    if icon_name:
        b.setIcon(icon(icon_name))
    if primary:
        b.setStyleSheet(style.PRIMARY_STYLE)
    if tooltip:
        b.setToolTip(tooltip)
    return b


def hbox(*items, margins: tuple[int, int, int, int] = (0, 0, 0, 0), spacing: int = 6) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, QWidget):
            layout.addWidget(item)
        else:
            layout.addLayout(item)
    return layout


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def offer_open_folder(parent: QWidget, folder: Path, message: str) -> None:
    """After an export: say what was written, and offer to open the folder."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(translate("Widgets", "导出完成"))
    box.setText(message)
    open_button = box.addButton(translate("Widgets", "打开文件夹"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Widgets", "关闭"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        open_folder(folder)


class NoteBar(QFrame):
    """A tinted bar with a sentence and one button: what needs the clerk (unknown units, …)."""

    def __init__(self, button_text: str, icon_name: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("note_bar")
        self.setStyleSheet("QFrame#note_bar {" + style.NOTE_STYLE + "}")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(8, 6, 8, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = button(button_text, icon_name)
        bar.addWidget(self.text, 1)
        bar.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()
