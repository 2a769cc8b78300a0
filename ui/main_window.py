"""The main window: for now the plan's section tree with its tasks and each task's text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
)


class MainWindow(QMainWindow):
    def __init__(self, db_target: str | None = None, today: date | None = None):
        super().__init__()
        self.setWindowTitle("绿色发展重点任务督查督办台账 — 南川府发〔2022〕34号")
        self.resize(1200, 760)
        self.today = today or date.today()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["章节 / 重点任务"])
        self.text = QTextBrowser()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.text)
        splitter.setSizes([420, 780])
        self.setCentralWidget(splitter)
        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)
        self.tree.currentItemChanged.connect(self._show_task)
        self._tasks: dict[int, dict] = {}
        self.db = None
        try:
            self._load(db_target)
        except Exception as exc:  # noqa: BLE001 - shown to the clerk, never a crash
            QMessageBox.critical(self, "无法打开数据库", str(exc))

    def _load(self, db_target: str | None) -> None:
        from greentasks.db import Database
        from greentasks.services.bootstrap import ensure_ready
        from greentasks.services.catalog import task_list

        self.db = Database(db_target)
        ensure_ready(self.db)
        with self.db.session() as session:
            tasks = task_list(session)
        self.db_label.setText(f"数据库：{self.db.describe()}    今天：{self.today.isoformat()}")
        nodes: dict[tuple[str, ...], QTreeWidgetItem] = {}
        for task in tasks:
            parent: QTreeWidgetItem | None = None
            for depth in range(len(task["section"])):
                key = tuple(task["section"][: depth + 1])
                if key not in nodes:
                    item = QTreeWidgetItem([key[-1]])
                    if parent is None:
                        self.tree.addTopLevelItem(item)
                    else:
                        parent.addChild(item)
                    nodes[key] = item
                parent = nodes[key]
            leaf = QTreeWidgetItem([f"{task['no']}. {task['title']}"])
            leaf.setData(0, Qt.ItemDataRole.UserRole, task["no"])
            (parent.addChild(leaf) if parent else self.tree.addTopLevelItem(leaf))
            self._tasks[task["no"]] = task
        self.tree.expandAll()

    def _show_task(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if current is None:
            return
        no = current.data(0, Qt.ItemDataRole.UserRole)
        task = self._tasks.get(no)
        if task is None:
            self.text.setPlainText(current.text(0))
            return
        self.text.setPlainText(f"{task['no']}. {task['title']}\n\n{task['text']}")

    def task_count(self) -> int:
        return len(self._tasks)

    def smoke(self, screenshots: Path | None) -> int:
        """Show the window, process events, optionally save a screenshot; 0 when all is well."""
        QApplication.processEvents()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        QApplication.processEvents()
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            self.grab().save(str(screenshots / "任务.png"))
        if self.db is not None:
            self.db.dispose()
        return 0 if self.task_count() == 34 else 1
