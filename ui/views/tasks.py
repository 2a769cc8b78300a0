"""任务: the plan's section tree with the 34 tasks, each task's full text and its assignments; a
task's 责任领导 under its heading when it names one (no line when it names none)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTextBrowser, QTreeView, QVBoxLayout, QWidget

from .. import prefs, style
from ..models.assignments import ELASTIC, AssignmentFilter, AssignmentProxy, AssignmentTableModel
from ..models.table import refilter
from ..models.tasks import TASK_ROLE, TaskTreeModel
from ..widgets import RowTable, SearchLine, button, hbox, hint_label, title_label
from ..workers import Changes
from .base import View


class TaskFilter(QSortFilterProxyModel):
    """Keeps tasks whose title or text holds the search words (and their headings)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        refilter(self, lambda: setattr(self, "words", [w for w in text.lower().split() if w]))

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not self.words:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        node = index.internalPointer()
        if node.task is None:
            return False
        text = f"{node.title}\n{node.task['text']}".lower()
        return all(w in text for w in self.words)


class TasksView(View):
    key = "tasks"
    icon_name = "tasks"

    def title(self) -> str:
        return self.tr("任务")

    def __init__(self, window):
        super().__init__(window)
        self.search = SearchLine(self.tr("在任务名称和原文中查找（Ctrl+F）"))
        self.search.setMinimumWidth(300)
        self.layout_.addLayout(hbox(title_label(self.tr("重点任务")), None, self.search))

        self.model = TaskTreeModel(self)
        self.filter = TaskFilter(self)
        self.filter.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.filter)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setIndentation(16)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # only if the clerk narrows it; tooltips
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        count_width = max(header.fontMetrics().horizontalAdvance(self.tr("分工")), header.fontMetrics()
                          .horizontalAdvance("888")) + 16
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, count_width)

        right = QWidget()
        v = QVBoxLayout(right)
        v.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        style.bold(self.heading, 13)
        self.heading.setWordWrap(True)
        self.section_label = hint_label()
        self.leader_label = QLabel()
        self.leader_label.setWordWrap(True)
        self.leader_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.leader_label.hide()
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.count = hint_label()
        self.open_button = button(self.tr("在“分工”中查看"), "assignments")
        self.rows_model = AssignmentTableModel(self)
        self.rows_proxy = AssignmentProxy(self)
        self.rows_proxy.setSourceModel(self.rows_model)
        self.rows_table = RowTable("task_assignments", elastic=ELASTIC)
        self.rows_table.setModel(self.rows_proxy)
        v.addWidget(self.heading)
        v.addWidget(self.section_label)
        v.addWidget(self.leader_label)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.text)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 4, 0, 0)
        lv.addLayout(hbox(QLabel(self.tr("分工")), self.count, None, self.open_button))
        lv.addWidget(self.rows_table)
        inner.addWidget(lower)
        inner.setSizes([190, 420])
        v.addWidget(inner, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)  # a wider window widens the text, not the tree
        self.splitter.setStretchFactor(1, 1)
        state = prefs.value("views/tasks/splitter")
        # Until the clerk drags the divider, the tree is as wide as its longest name.
        self._tree_sized_by_clerk = state is not None and self.splitter.restoreState(state)
        if not self._tree_sized_by_clerk:
            self.splitter.setSizes([470, 760])
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.layout_.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._search)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.rows_table.open_requested.connect(lambda row: self.window_.show_assignment(row.id))
        self.open_button.clicked.connect(self._open_in_assignments)
        self.task_no: int | None = None

    def on_changed(self, changes: Changes) -> None:
        snap = self.backend.snapshot
        if snap.overview is None:
            return
        # documents: a task itself changed (an import that set its 责任领导, or the undo of one).
        if changes.database or changes.documents or not self.model.by_no:
            self.model.set_tasks(snap.tasks, snap.overview.rows)
            self.tree.expandAll()
            self._fit_tree()
            first = self.model.index_of_task(self.task_no or 1)
            if first.isValid():
                self.tree.setCurrentIndex(self.filter.mapFromSource(first))
        elif changes.assignments or changes.rows_all:
            self.model.update_counts(snap.overview.rows)
            self.tree.expandAll()
            if self.task_no is not None:
                self.tree.setCurrentIndex(self.filter.mapFromSource(self.model.index_of_task(self.task_no)))
        self.rows_model.set_rows(snap.overview.rows)
        self._show_task(self.task_no)

    def _splitter_moved(self, *_args) -> None:
        self._tree_sized_by_clerk = True
        prefs.set_value("views/tasks/splitter", self.splitter.saveState())

    def tree_width(self) -> int:
        """The width at which every heading's and task's name shows whole in the tree."""
        plain = QFontMetrics(self.tree.font())
        bold_font = QFont(self.tree.font())
        bold_font.setBold(True)
        bold = QFontMetrics(bold_font)
        indent = self.tree.indentation()
        widest = 0
        stack = [(child, 1) for child in self.model.root.children]
        while stack:
            node, depth = stack.pop()
            metrics = plain if node.task is not None else bold
            widest = max(widest, depth * indent + metrics.horizontalAdvance(node.title) + 14)
            stack.extend((child, depth + 1) for child in node.children)
        header = self.tree.header()
        counts = sum(header.sectionSize(col) for col in (1, 2, 3))
        return widest + counts + self.tree.verticalScrollBar().sizeHint().width() + 2 * self.tree.frameWidth()

    def _fit_tree(self) -> None:
        if self._tree_sized_by_clerk or not self.model.by_no:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        right = self.splitter.widget(1).minimumSizeHint().width()
        tree = max(200, min(self.tree_width(), total - right))
        if self.splitter.sizes()[0] != tree:
            self.splitter.setSizes([tree, total - tree])

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_tree()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_tree()

    def _search(self, text: str) -> None:
        self.filter.set_text(text)
        self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        no = current.siblingAtColumn(0).data(TASK_ROLE) if current.isValid() else None
        if no is not None:
            self._show_task(no)

    def _show_task(self, no: int | None) -> None:
        node = self.model.by_no.get(no) if no is not None else None
        if node is None or node.task is None:
            return
        self.task_no = no
        task = node.task
        self.heading.setText(f"{task['no']}. {task['title']}")
        self.section_label.setText(" › ".join(task["section"]))
        leader = task.get("leader") or ""
        self.leader_label.setText(self.tr("责任领导：{names}").format(names=leader) if leader else "")
        self.leader_label.setVisible(bool(leader))
        self.text.setPlainText(task["text"])
        self.rows_proxy.apply(AssignmentFilter(task_no=no))
        n = self.rows_proxy.rowCount()
        self.count.setText(self.tr("{n} 条").format(n=n))

    def show_task(self, no: int) -> None:
        index = self.model.index_of_task(no)
        if index.isValid():
            self.tree.setCurrentIndex(self.filter.mapFromSource(index))

    def _open_in_assignments(self) -> None:
        if self.task_no is not None:
            self.window_.show_assignments(AssignmentFilter(task_no=self.task_no))

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    def smoke_check(self) -> str | None:
        if len(self.model.by_no) != len(self.backend.snapshot.tasks):
            return f"任务树有 {len(self.model.by_no)} 项任务，数据有 {len(self.backend.snapshot.tasks)} 项"
        return None
