"""The plan's section tree with its tasks (catalog.task_list), with each task's assignment and
warning counts; a task's 责任领导 in its tooltip."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from .. import style

TASK_ROLE = Qt.ItemDataRole.UserRole + 1

HEADERS = (
    QT_TRANSLATE_NOOP("Columns", "章节 / 重点任务"),
    QT_TRANSLATE_NOOP("Columns", "分工"),
    QT_TRANSLATE_NOOP("Columns", "红"),
    QT_TRANSLATE_NOOP("Columns", "黄"),
)


@dataclass(eq=False)
class Node:
    title: str
    task: dict | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class TaskTreeModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.root = Node("")
        self.by_no: dict[int, Node] = {}

    def set_tasks(self, tasks: list[dict], rows: list) -> None:
        counts: dict[int, Counter] = {}
        for r in rows:
            if r.parent_id is not None:
                continue  # a member's share is counted in its collective's row
            c = counts.setdefault(r.task_no, Counter())
            c["total"] += 1
            c[r.light] += 1
        self.beginResetModel()
        self.root = Node("")
        self.by_no = {}
        nodes: dict[tuple[str, ...], Node] = {}
        for task in tasks:
            parent = self.root
            for depth in range(len(task["section"])):
                key = tuple(task["section"][: depth + 1])
                if key not in nodes:
                    nodes[key] = Node(key[-1], parent=parent)
                    parent.children.append(nodes[key])
                parent = nodes[key]
            leaf = Node(f"{task['no']}. {task['title']}", task=task, parent=parent,
                        counts=counts.get(task["no"], Counter()))
            parent.children.append(leaf)
            self.by_no[task["no"]] = leaf
            walk = parent
            while walk is not None and walk is not self.root:
                walk.counts.update(leaf.counts)
                walk = walk.parent
        self.endResetModel()

    def update_counts(self, rows: list) -> None:
        tasks = [n.task for n in self.by_no.values() if n.task is not None]
        tasks.sort(key=lambda t: t["no"])
        self.set_tasks(tasks, rows)

    # -- Qt model API -------------------------------------------------------------------------
    def _node(self, index: QModelIndex) -> Node:
        return index.internalPointer() if index.isValid() else self.root

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._node(parent)
        if 0 <= row < len(node.children) and 0 <= column < len(HEADERS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: Node = index.internalPointer()
        if node.parent is None or node.parent is self.root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return node.title
            value = node.counts[("total", "红", "黄")[col - 1]]
            return str(value) if value else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            leader = node.task.get("leader") if node.task else ""
            if leader:
                return node.title + "\n" + QCoreApplication.translate("TaskTreeModel", "责任领导：{names}").format(
                    names=leader)
            return node.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and node.task is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col > 0:
            if col == 2 and node.counts["红"]:
                return QColor(style.LIGHT_COLOURS["红"])
            if col == 3 and node.counts["黄"]:
                return QColor("#9A6B00")
        if role == TASK_ROLE:
            return node.task["no"] if node.task else None
        return None

    def index_of_task(self, no: int) -> QModelIndex:
        node = self.by_no.get(no)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)
