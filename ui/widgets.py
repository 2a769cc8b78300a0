"""Small widgets shared by the views: the table (column chooser, Enter opens a row), the search
line, the clickable number card, titles and notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QDesktopServices, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
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
    header's context menu (remembered under ``name``), and Enter or a double click to open a row.

    ``elastic`` names the text columns (by key) that share the table's free width, by weight and
    each at least its minimum width, so that a narrow window still shows every column: the long
    texts are elided (their tooltips hold them whole). Once the clerk drags a column's width the
    widths are the clerk's, remembered, until 恢复默认列.
    """

    open_requested = Signal(object)  # the row object

    def __init__(self, name: str, parent: QWidget | None = None, sortable: bool = True,
                 elastic: dict[str, tuple[int, int]] | None = None):
        super().__init__(parent)
        self.name = name
        self.elastic = dict(elastic or {})  # key -> (weight, minimum width)
        self.auto_widths = True  # False once the clerk has sized a column by hand
        self._fitting = False
        self._dragging = False
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
        header.sectionResized.connect(self._section_resized)
        header.viewport().installEventFilter(self)
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
        widths = prefs.value(self._widths_key)
        widths = widths if isinstance(widths, dict) else {}
        self.auto_widths = not widths
        metrics = header.fontMetrics()
        for i, column in enumerate(columns):
            try:
                width = int(widths.get(column.key, column.width))
            except (TypeError, ValueError):
                width = column.width
            if not widths:  # the default is never narrower than the column's title
                width = max(width, metrics.horizontalAdvance(translate(source.context, column.title)) + 14)
            header.resizeSection(i, max(30, min(width, 2000)))
            self.setColumnHidden(i, column.key in hidden_keys)
        order = [k for k in _as_list(prefs.value(f"columns/{self.name}/order")) if k in keys]
        for visual, key in enumerate(order):
            header.moveSection(header.visualIndex(keys.index(key)), visual)
        self._restoring = False
        self.fit_columns()

    @property
    def _widths_key(self) -> str:
        # Tables with elastic columns keep the clerk's own widths only (under a key of their own,
        # so that widths saved automatically by earlier versions do not stop the fitting).
        return f"columns/{self.name}/{'sized' if self.elastic else 'widths'}"

    def fit_columns(self) -> None:
        """Share the free width among the elastic columns (while the widths are not the clerk's)."""
        source = self.source_model()
        columns = getattr(source, "columns", None)
        if not self.elastic or not self.auto_widths or not columns:
            return
        header = self.horizontalHeader()
        shown = [i for i in range(len(columns)) if not self.isColumnHidden(i)]
        elastic = [i for i in shown if columns[i].key in self.elastic]
        if not elastic:
            return
        free = self.viewport().width() - sum(header.sectionSize(i) for i in shown if i not in elastic)
        # A column whose share would be below its minimum gets the minimum; the others share the rest.
        widths: dict[int, int] = {}
        while True:
            open_ = [i for i in elastic if i not in widths]
            left = free - sum(widths.values())
            weights = sum(self.elastic[columns[i].key][0] for i in open_)
            short = [i for i in open_ if left * self.elastic[columns[i].key][0] // max(weights, 1)
                     < self.elastic[columns[i].key][1]]
            if not short:
                break
            for i in short:
                widths[i] = self.elastic[columns[i].key][1]
        for i in open_:
            widths[i] = left * self.elastic[columns[i].key][0] // weights
        self._fitting = True
        try:
            for i, width in widths.items():
                header.resizeSection(i, width)
        finally:
            self._fitting = False

    def min_fit_width(self) -> int:
        """The width the table needs to show every shown column at its minimum (frame included)."""
        source = self.source_model()
        columns = getattr(source, "columns", [])
        header = self.horizontalHeader()
        total = 0
        for i, column in enumerate(columns):
            if self.isColumnHidden(i):
                continue
            total += self.elastic[column.key][1] if column.key in self.elastic else header.sectionSize(i)
        return total + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def _section_resized(self, _logical: int, _old: int, _new: int) -> None:
        if self._dragging and not self._fitting and not self._restoring:
            self.auto_widths = False  # the clerk's widths from now on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.horizontalHeader().viewport():
            if event.type() == QEvent.Type.MouseButtonPress:
                self._dragging = True
            elif event.type() in (QEvent.Type.MouseButtonRelease, QEvent.Type.Leave):
                self._dragging = False
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_columns()

    def save_columns(self) -> None:
        source = self.source_model()
        columns = getattr(source, "columns", None)
        if not columns or self._restoring:
            return
        header = self.horizontalHeader()
        visible = [header.logicalIndex(v) for v in range(len(columns)) if not self.isColumnHidden(header.logicalIndex(v))]
        stretched = visible[-1] if visible and header.stretchLastSection() else None  # its width follows the window
        prefs.set_value(f"columns/{self.name}/hidden", [c.key for i, c in enumerate(columns) if self.isColumnHidden(i)])
        if self.elastic and self.auto_widths:
            prefs.settings().remove(self._widths_key)  # fitted to the window, not chosen
        else:
            prefs.set_value(self._widths_key, {c.key: header.sectionSize(i) for i, c in enumerate(columns)
                                               if i in visible and i != stretched})
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
        self.fit_columns()
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


class WrappingLayout(QLayout):
    """The part every wrapping layout shares: its items, and a height that follows its width
    (``_arrange`` places the items, or only measures them with ``move=False``)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _arrange(self, rect: QRect, move: bool) -> int:
        raise NotImplementedError


class FlowLayout(WrappingLayout):
    """Lays its items out in a row and wraps them onto further rows when the width runs out (the
    filters of a view stay whole in a narrow window instead of being squeezed)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, row_spacing: int = 6):
        super().__init__(parent, spacing)
        self._row_spacing = row_spacing

    def add(self, *items) -> FlowLayout:
        """Add widgets, or groups of widgets (a tuple) kept together on one row."""
        for item in items:
            self.addWidget(_group(item) if isinstance(item, tuple) else item)
        return self

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y = rect.x(), y + row_height + self._row_spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(x, y, min(hint.width(), rect.width()), hint.height()))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


def _group(widgets: tuple) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(QLabel(widget) if isinstance(widget, str) else widget)
    return box


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
