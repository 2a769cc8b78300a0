"""The main window: navigation on the left, the seven views (each built when first shown),
menus, toolbar and status bar.

The window is built and shown before the core is imported; :meth:`MainWindow.start` then opens
the database in a worker and the views fill in when the data arrives (Backend.changed).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from greentasks.collector import release_collector

from . import i18n, prefs, style, workers
from .backend import Backend
from .icons import icon
from .models.assignments import AssignmentFilter
from .views.base import View
from .widgets import button
from .workers import Changes

translate = QCoreApplication.translate


SMOKE_FIRST_VIEW_SHOWN = "gui --smoke: 总览已显示"

APP_NAME = QT_TRANSLATE_NOOP("App", "绿色发展重点任务督查督办台账")

# The window's size: what it opens at on a big screen, the least it may be made (every view is
# laid out to show its key columns whole at that width), and the size of `gui --screenshots`.
DEFAULT_SIZE = QSize(1360, 860)
MINIMUM_SIZE = QSize(960, 600)
SCREENSHOT_SIZE = QSize(1360, 860)
# A frame's size is known only once the window is shown: until then, room for a title bar and borders.
FRAME_ALLOWANCE = QSize(16, 40)


def app_name() -> str:
    """The program's name, as the title bar (and Qt's application display name) says it."""
    return translate("App", APP_NAME)


def available_geometry(widget: QWidget) -> QRect:
    """The part of the screen a window may use (without the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 728)


def _view_class(key: str) -> type[View]:
    """The class of the view ``key``, its module imported now (when the view is first built).
    Each import is written out, not importlib with a name, so that the frozen build's analysis
    finds every view."""
    if key == "overview":
        from .views.dashboard import DashboardView as cls
    elif key == "tasks":
        from .views.tasks import TasksView as cls
    elif key == "assignments":
        from .views.assignments import AssignmentsView as cls
    elif key == "units":
        from .views.units import UnitsView as cls
    elif key == "returns":
        from .views.returns import ReturnsView as cls
    elif key == "indicators":
        from .views.indicators import IndicatorsView as cls
    elif key == "documents":
        from .views.documents import DocumentsView as cls
    else:
        raise KeyError(key)
    return cls


@dataclass(frozen=True)
class ViewSpec:
    """A view as the navigation lists it, before it is built."""

    key: str
    icon_name: str
    class_name: str  # the view's class: its title's translation context
    name: str

    def title(self) -> str:
        return translate(self.class_name, self.name)


VIEWS = (
    ViewSpec("overview", "overview", "DashboardView", QT_TRANSLATE_NOOP("DashboardView", "总览")),
    ViewSpec("tasks", "tasks", "TasksView", QT_TRANSLATE_NOOP("TasksView", "任务")),
    ViewSpec("assignments", "assignments", "AssignmentsView", QT_TRANSLATE_NOOP("AssignmentsView", "分工")),
    ViewSpec("units", "units", "UnitsView", QT_TRANSLATE_NOOP("UnitsView", "单位")),
    ViewSpec("returns", "returns", "ReturnsView", QT_TRANSLATE_NOOP("ReturnsView", "报送")),
    ViewSpec("indicators", "indicators", "IndicatorsView", QT_TRANSLATE_NOOP("IndicatorsView", "指标")),
    ViewSpec("documents", "documents", "DocumentsView", QT_TRANSLATE_NOOP("DocumentsView", "文件")),
)


class MainWindow(QMainWindow):
    def __init__(self, db_target: str | None = None, today: date | None = None):
        super().__init__()
        self.db_target = db_target
        self.today_given = today is not None
        self.backend = Backend(today, self)
        self.backend.changed.connect(self._on_changed)
        self.backend.open_failed.connect(self._open_failed)
        self.backend.period_chosen.connect(self._period_chosen)
        self.backend.plan_chosen.connect(self._plan_chosen)
        self._views: list[View | None] = []
        self._select_id: int | None = None  # the last assignment a change asked to show
        self.announce_first_view = False  # gui --smoke: say when 总览 is first painted with data
        self.setWindowIcon(icon("app"))
        self._build_ui()
        geometry = prefs.value("window/geometry")
        self._fitted_to_frame = False
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
            self.fit_to_screen()
            area, frame = available_geometry(self), self.size() + FRAME_ALLOWANCE
            self.move(area.x() + (area.width() - frame.width()) // 2, area.y() + (area.height() - frame.height()) // 2)
        self.fit_to_screen()
        state = prefs.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.switch_to(int(prefs.value("window/view", 0) or 0))

    # -- the screen -----------------------------------------------------------------------------
    def _frame_extra(self) -> QSize:
        frame, inner = self.frameGeometry(), self.geometry()
        extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
        return extra if self.isVisible() and extra.height() > 0 else FRAME_ALLOWANCE

    def fit_to_screen(self) -> None:
        """Keep the window and its frame inside the screen's available area (a 1024×768 or
        1366×768 laptop has little); a size remembered on a bigger screen is made smaller."""
        area = available_geometry(self)
        extra = self._frame_extra()
        room = QSize(max(320, area.width() - extra.width()), max(240, area.height() - extra.height()))
        self.setMinimumSize(MINIMUM_SIZE.boundedTo(room))
        if self.isMaximized() or self.isFullScreen():
            return
        size = self.size().boundedTo(room).expandedTo(self.minimumSize())
        if size != self.size():
            self.resize(size)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.left()), area.right() + 1 - (size.width() + extra.width()))
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - (size.height() + extra.height()))
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._fitted_to_frame:
            # Now that the frame's real size is known.
            self._fitted_to_frame = True
            self.fit_to_screen()

    # -- building -------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        # The program's name once, and last: Qt appends the application's display name to a
        # title that does not already end with it (on Windows and X11).
        QApplication.setApplicationDisplayName(app_name())
        self._set_title()
        self.nav = QListWidget()
        self.nav.setStyleSheet(style.NAV_STYLE)
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stack = QStackedWidget()
        # A view is built when first shown (or asked for): the window opens on one of seven.
        self._views: list[View | None] = [None] * len(VIEWS)
        for spec in VIEWS:
            item = QListWidgetItem(icon(spec.icon_name), spec.title())
            item.setSizeHint(QSize(120, 42))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # its place until it is built
        bold = QFont(self.nav.font())
        bold.setBold(True)
        widest = max(QFontMetrics(bold).horizontalAdvance(spec.title()) for spec in VIEWS)
        self.nav.setFixedWidth(max(124, widest + 76))
        self.error_page = self._error_page()
        self.stack.addWidget(self.error_page)
        self.nav.currentRowChanged.connect(self._nav_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.db_label = QLabel()
        self.today_label = QLabel()
        self.statusBar().addPermanentWidget(self.today_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._update_status()

    def _action(self, text: str, slot, icon_name: str | None = None, shortcut=None, tip: str | None = None
                ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_open_db = a(self.tr("打开数据库文件…"), self.open_database_file, "database")
        self.act_settings = a(self.tr("设置…"), self.open_settings, "settings", QKeySequence.StandardKey.Preferences)
        self.act_backup = a(self.tr("备份数据库…"), self.backup_database, "save")
        self.act_quit = a(self.tr("退出"), self.close, None, QKeySequence.StandardKey.Quit)
        self.act_import_returns = a(self.tr("导入进展报送…"), self.import_returns, "import", "Ctrl+I",
                                    self.tr("导入各单位报来的进展情况表（Ctrl+I）"))
        self.act_import_plan = a(self.tr("导入分工表…"), lambda: self.import_plan(), "assignments", None,
                                 self.tr("导入本区的任务分工表：先预览改动，不认识的单位可对应或新建"))
        self.act_import_units = a(self.tr("导入单位通讯录…"), lambda: self.view("units").import_directory(), "units")
        self.act_import_indicators = a(self.tr("导入指标数值…"), self._import_indicators, "indicators")
        self.act_add_plan = a(self.tr("登记新文件…"), lambda: self.view("documents").add_document(), "documents",
                              None, self.tr("从文件正文读出文号、标题和任务，预览核对后登记"))
        self.act_add_item = a(self.tr("登记批示或议定事项…"), lambda: self.view("documents").add_item(), "add")
        self.act_export_templates = a(self.tr("导出报送模板…"), self.export_templates, "export", "Ctrl+E",
                                      self.tr("为各单位生成本期进展情况表（Ctrl+E）"))
        self.act_export_ledger = a(self.tr("导出总台账…"), self._export("export_ledger"), "assignments")
        self.act_export_indicators = a(self.tr("导出指标…"), self._export("export_indicators"), "indicators")
        self.act_export_units = a(self.tr("导出单位通讯录…"), self._export("export_directory"), "units")
        self.act_export_scores = a(self.tr("导出考评排名…"), self._export("export_scores"), "overview")
        self.act_preview = a(self.tr("打印预览…"), lambda: self.print_report("preview"), "preview", None,
                             self.tr("预览要打印的推进情况表"))
        self.act_print = a(self.tr("打印…"), lambda: self.print_report("print"), "print", "Ctrl+P",
                           self.tr("打印推进情况表（Ctrl+P）"))
        self.act_pdf = a(self.tr("导出PDF…"), lambda: self.print_report("pdf"), "pdf", None,
                         self.tr("把推进情况表保存为 PDF 文件"))
        self.act_bulletin = a(self.tr("督查通报…"), self.open_bulletin, "documents", None,
                              self.tr("生成本期督查通报或专报（Word 文件，可同时生成 PDF）"))
        self.act_refresh = a(self.tr("刷新"), self.refresh, "refresh", "F5", self.tr("重新读取数据库（F5）"))
        self.act_find = a(self.tr("查找"), self.focus_search, "search", QKeySequence.StandardKey.Find)
        self.act_help = a(self.tr("使用说明"), self.show_help, "help", QKeySequence.StandardKey.HelpContents)
        self.act_about = a(self.tr("关于"), self.show_about)
        self.view_actions: list[QAction] = []
        for i, spec in enumerate(VIEWS):
            action = a(spec.title(), lambda i=i: self.switch_to(i), spec.icon_name, f"Ctrl+{i + 1}")
            self.view_actions.append(action)
        self.addAction(self.act_find)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        m = bar.addMenu(self.tr("文件(&F)"))
        m.addActions([self.act_open_db, self.act_settings, self.act_backup])
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu(self.tr("导入(&I)"))
        m.addActions([self.act_import_plan, self.act_import_returns, self.act_import_units,
                      self.act_import_indicators])
        m.addSeparator()
        m.addActions([self.act_add_plan, self.act_add_item])
        m = bar.addMenu(self.tr("导出(&E)"))
        m.addActions([self.act_export_templates, self.act_export_ledger, self.act_export_indicators,
                      self.act_export_units, self.act_export_scores])
        m = bar.addMenu(self.tr("打印(&P)"))
        m.addActions([self.act_preview, self.act_print, self.act_pdf])
        m.addSeparator()
        m.addAction(self.act_bulletin)
        m = bar.addMenu(self.tr("视图(&V)"))
        m.addActions(self.view_actions)
        m.addSeparator()
        m.addAction(self.act_find)
        m.addAction(self.act_refresh)
        lang = m.addMenu(self.tr("语言 / Language"))
        current = prefs.language()
        for code, label in ((prefs.LANG_ZH, "中文"), (prefs.LANG_EN, "English")):
            action = lang.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
        m = bar.addMenu(self.tr("帮助(&H)"))
        m.addActions([self.act_help, self.act_about])

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("工具栏"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        from .plan_selector import PlanSelector

        # The document every per-document view shows: first, so a narrow window never hides it.
        self.plan_selector = PlanSelector(self.toolbar)
        self.plan_selector.chosen.connect(self.backend.set_plan)
        self.plan_selector_action = self.toolbar.addWidget(self.plan_selector)
        self.plan_selector_action.setVisible(False)  # until the office follows a second document
        self.toolbar.addActions([self.act_refresh])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_import_returns, self.act_export_templates, self.act_export_ledger])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_preview, self.act_print, self.act_pdf])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_find, self.act_settings])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _error_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        style.bold(self.error_label, 12)
        v.addWidget(self.error_label)
        choose = button(self.tr("选择其他数据库…"), "database", primary=True)
        retry = button(self.tr("重试"), "refresh")
        choose.clicked.connect(self.open_settings)
        retry.clicked.connect(lambda: self.start())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(retry)
        row.addWidget(choose)
        row.addStretch(1)
        v.addLayout(row)
        v.addStretch(2)
        return page

    def retranslate(self) -> None:
        """Build the menus, toolbar and views again in the language now installed."""
        current = self.nav.currentRow()
        self.menuBar().clear()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        for label in (self.db_label, self.today_label):
            self.statusBar().removeWidget(label)
            label.deleteLater()
        old = self.takeCentralWidget()
        if old is not None:
            old.deleteLater()
        for action in self.actions():
            self.removeAction(action)
        self._build_ui()
        if self.backend.ready:
            self._on_changed(Changes.everything())
        self.switch_to(max(0, current))

    # -- data -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Open the database in a worker; the views fill in when it is loaded."""
        target = self.db_target or prefs.database_target()
        self.statusBar().showMessage(self.tr("正在打开数据库……"))
        self.backend.open(target, self)

    def _on_changed(self, changes: Changes) -> None:
        if changes.database and self.stack.currentWidget() is self.error_page:
            self.switch_to(0)
        if changes.documents or changes.database:
            self._fill_plan_selector()
        # The view on screen first, painted at once, then the others: a clerk sees the figures
        # without waiting for the tables of the views behind it (20,000 rows in a district).
        current = self.current_view()
        if current is not None:
            current.on_changed(changes)
            if changes.database:
                current.repaint()
                self._first_view_painted(current)
        for view in self._views:  # the views built so far (the others fill in when built)
            if view is not None and view is not current:
                view.on_changed(changes)
        if changes.database:  # started: the collector runs again (after this round of events)
            QTimer.singleShot(0, release_collector)
        if changes.select_id is not None or changes.database:
            # For a view built later (分工 shows a new assignment); another database, none.
            self._select_id = changes.select_id
        self._update_status()
        if changes.database:
            self.statusBar().showMessage(self.tr("已载入数据。"), 4000)

    def _open_failed(self, message: str) -> None:
        release_collector()
        self.error_label.setText(self.tr("无法打开数据库：\n{message}").format(message=message))
        self.stack.setCurrentWidget(self.error_page)
        self.statusBar().showMessage(self.tr("无法打开数据库。"))
        self._update_status()

    def _update_status(self) -> None:
        backend = self.backend
        db = backend.describe() or (self.db_target or prefs.database_target() or self.tr("默认数据库"))
        self.db_label.setText(self.tr("数据库：{db}").format(db=db))
        self.db_label.setToolTip(db)
        today = backend.today.isoformat()
        text = self.tr("今天：{today}").format(today=today)
        if self.today_given:
            text += self.tr("（指定）")
        overview = backend.shown
        if overview is not None:
            text += self.tr("　报送期：{period}").format(period=overview.period.label)
        self.today_label.setText(text)

    # -- the document shown ---------------------------------------------------------------------
    def _fill_plan_selector(self) -> None:
        count = self.plan_selector.set_documents(self.backend.snapshot.documents, self.backend.plan)
        self.plan_selector_action.setVisible(count > 1 or self.backend.plan is not None)
        self._set_title()

    def _plan_chosen(self, plan: str | None) -> None:
        if self.plan_selector.current() != plan:
            self._fill_plan_selector()
        self._set_title()

    def _set_title(self) -> None:
        plan = self.backend.plan
        if plan is None:
            self.setWindowTitle(self.tr("南川府发〔2022〕34号 — {name}").format(name=app_name()))
        else:
            self.setWindowTitle(self.tr("{doc} — {name}").format(doc=plan, name=app_name()))

    def choose_plan(self, doc_no: str | None) -> bool:
        """Show the document ``doc_no`` (None: the built-in plan) in every per-document view."""
        return self.plan_selector.choose(doc_no)

    def _period_chosen(self, period, by_edit: bool) -> None:
        if by_edit and period is None:
            # backend._after_change: a change made today shows only in the latest period.
            self.show_message(self.tr("修改按今天保存，已回到最新一期。"))

    def refresh(self) -> None:
        if self.backend.db is None:
            self.start()
        else:
            self.backend.refresh(Changes.everything())
            self.statusBar().showMessage(self.tr("正在刷新……"), 2000)

    # -- navigation -----------------------------------------------------------------------------
    @property
    def views(self) -> list[View]:
        """The seven views, in the order of the navigation (building those not built yet)."""
        return [self._view_at(i) for i in range(len(VIEWS))]

    def view(self, key: str) -> View:
        return self._view_at(next(i for i, spec in enumerate(VIEWS) if spec.key == key))

    def _view_at(self, index: int) -> View:
        view = self._views[index]
        if view is None:
            view = _view_class(VIEWS[index].key)(self)
            self._views[index] = view
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, view)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            if self.backend.ready:  # built after the data came: it catches up now
                changes = Changes.everything()
                changes.select_id = self._select_id
                view.on_changed(changes)
        return view

    def show_view(self, key: str) -> View:
        """Switch to the view ``key`` and return it."""
        view = self.view(key)
        self.switch_to(self._views.index(view))
        return view

    def switch_to(self, index: int) -> None:
        index = index if 0 <= index < len(VIEWS) else 0
        self._view_at(index)
        self.nav.setCurrentRow(index)
        self.stack.setCurrentIndex(index)

    def _nav_changed(self, index: int) -> None:
        if 0 <= index < len(VIEWS):
            self._view_at(index)
            self.stack.setCurrentIndex(index)
            prefs.set_value("window/view", index)

    def current_view(self) -> View | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, View) else None

    def show_assignments(self, f: AssignmentFilter) -> None:
        """Switch to 分工 showing the rows of ``f`` (every number of the overview leads here)."""
        self.show_view("assignments").set_filter(f)

    def show_assignment(self, assignment_id: int) -> None:
        self.show_view("assignments").show_assignment(assignment_id)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def focus_search(self) -> None:
        view = self.current_view()
        if view is None or not view.focus_search():
            self.show_view("assignments").focus_search()

    # -- commands -------------------------------------------------------------------------------
    def _need_db(self) -> bool:
        if not self.backend.ready:
            QMessageBox.information(self, self.windowTitle(), self.tr("数据库还没有打开，请稍候再试。"))
            return False
        return True

    def import_returns(self) -> None:
        if self._need_db():
            self.show_view("returns").choose()

    def import_plan(self, path: str | Path | None = None):
        """导入分工表: choose the table, preview it in a dialog (returned, for tests)."""
        if not self._need_db():
            return None
        from .dialogs.plan_import import import_plan_table

        return import_plan_table(self, self.backend, path)

    def _import_indicators(self) -> None:
        if self._need_db():
            from .dialogs.export_dialog import import_indicators

            import_indicators(self, self.backend)

    def export_templates(self) -> None:
        if self._need_db():
            from .dialogs.export_dialog import export_templates

            export_templates(self, self.backend)

    def _export(self, name: str):
        def run() -> None:
            if self._need_db():
                from .dialogs import export_dialog

                getattr(export_dialog, name)(self, self.backend)

        return run

    def print_report(self, mode: str) -> None:
        if not self._need_db():
            return
        try:
            from .dialogs.report_dialog import show_report_dialog
        except ImportError:
            QMessageBox.information(self, self.tr("打印"), self.tr("打印功能暂不可用（程序的打印组件没有安装完整）。"
                                                                 "可以先“导出总台账”后在 Excel 或 WPS 中打印。"))
            return
        show_report_dialog(self, mode)

    def open_bulletin(self) -> None:
        if self._need_db():
            from .dialogs.bulletin_dialog import show_bulletin_dialog

            show_bulletin_dialog(self)

    def open_database_file(self) -> None:
        from .dialogs.common import save_file

        path = save_file(self, self.tr("打开或新建数据库文件"), prefs.last_folder("database"),
                         self.tr("数据库文件 (*.db *.sqlite);;所有文件 (*)"), confirm_overwrite=False)
        if path:
            self.switch_database(path)

    def switch_database(self, target: str) -> None:
        if "://" not in target:
            prefs.remember_folder("database", target)
        prefs.set_database_target(target)
        self.db_target = target
        self.start()

    def open_settings(self) -> None:
        from .dialogs.settings_dialog import SettingsDialog

        snap = self.backend.snapshot
        db = self.backend.db
        dialog = SettingsDialog(self, self.backend.describe(), db is None or db.is_sqlite, snap.warn_days, snap.cycle,
                                prefs.language(), allowance=snap.allowance,
                                db=db if self.backend.ready else None, backend=self.backend)
        if not dialog.exec():
            return
        values = dialog.values()
        if values.language != prefs.language():
            self.set_language(values.language)
        if values.database:
            self.switch_database(values.database)
        elif self.backend.ready and (values.warn_days != snap.warn_days or values.cycle != snap.cycle
                                     or values.allowance != snap.allowance):
            self.save_office_settings(values.warn_days, values.cycle, values.allowance)

    def save_office_settings(self, warn_days: int, cycle: str, allowance: int | None = None):
        def op(ctx):
            from greentasks.services.actions import save_office_settings

            return save_office_settings(ctx.db, warn_days=warn_days, cycle=cycle, report_allowance=allowance)

        return self.backend.collection(self, op).run_in_background()

    def set_language(self, lang: str) -> None:
        prefs.set_language(lang)
        i18n.install(lang)
        self.retranslate()

    def backup_database(self) -> None:
        if not self._need_db():
            return
        if not self.backend.db.is_sqlite:
            QMessageBox.information(self, self.tr("备份"), self.tr("服务器数据库请用数据库自带的备份工具备份。"))
            return
        from .dialogs.common import save_file

        stem = Path(self.backend.describe()).stem
        path = save_file(self, self.tr("备份数据库"),
                         str(Path(prefs.last_folder("backup")) / f"{stem}_{date.today():%Y%m%d}.db"),
                         self.tr("数据库文件 (*.db)"), default_suffix="db")
        if not path:
            return
        prefs.remember_folder("backup", path)

        def op(ctx):
            from greentasks.services.backups import backup_to

            return backup_to(ctx.db, Path(path))

        self.backend.query(self, op, lambda out: self.show_message(self.tr("已备份到：{path}").format(path=out))) \
            .with_progress(self.tr("正在备份……")).run_in_background()

    def show_help(self) -> None:
        QMessageBox.information(self, self.tr("使用说明"), self.tr(
            "<b>日常工作的顺序</b><ol>"
            "<li>“导出”菜单 → 导出报送模板（Ctrl+E），发给各单位填写；</li>"
            "<li>收回后在“报送”页把文件拖进来，先看预览，确认无误再导入（Ctrl+I）；</li>"
            "<li>在“总览”查看红灯、黄灯、逾期和未报送单位，点数字可查看对应分工；</li>"
            "<li>单位报送“已完成”的事项，核实后在“分工”或“总览”中销号，或退回；</li>"
            "<li>“打印”菜单打印推进情况表，或导出总台账。</li></ol>"
            "<b>快捷键</b>：Ctrl+F 查找，Ctrl+I 导入，Ctrl+E 导出模板，Ctrl+P 打印，F5 刷新，"
            "Ctrl+1…7 切换页面，回车打开所选行。"))

    def show_about(self) -> None:
        from greentasks import __version__

        QMessageBox.about(self, self.tr("关于"), self.tr(
            "<b>绿色发展重点任务督查督办台账</b><br>版本 {version}<br><br>"
            "督办《重庆市南川区人民政府关于加快推进绿色发展的实施意见》（南川府发〔2022〕34号）"
            "34项重点任务的分工、报送、预警和考评。").format(version=__version__))

    # -- closing, smoke run ---------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        prefs.set_value("window/geometry", self.saveGeometry())
        prefs.set_value("window/state", self.saveState())
        self.hide()  # the tables remember their columns as they are hidden
        prefs.settings().sync()
        workers.wait_idle(30_000)
        self.backend.close()
        super().closeEvent(event)

    def _first_view_painted(self, view: View) -> None:
        if self.announce_first_view and view.key == "overview":
            # The moment a clerk sees the 总览 figures (the cards, the lists): the start-up
            # benchmark times this line. 与上期相比 and the line per document come after it.
            self.announce_first_view = False
            print(SMOKE_FIRST_VIEW_SHOWN, file=sys.stderr, flush=True)

    def smoke(self, screenshots: Path | None = None) -> int:
        """Wait for the data, show every view once (saving a PNG of each when asked); 0 when all
        views show what the data says."""
        workers.wait_idle(60_000)
        if not self.backend.ready:
            print(f"gui --smoke: 无法打开数据库：{self.backend.error or '超时'}", file=sys.stderr)
            return 1
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            self.setMinimumSize(MINIMUM_SIZE)
            self.resize(SCREENSHOT_SIZE)  # the same pictures whatever the screen of the run
        failures: list[str] = []
        for i, view in enumerate(self.views):
            self.switch_to(i)
            QApplication.processEvents()
            if i == 0 and self.announce_first_view:  # it was opened on another view
                view.repaint()
                self._first_view_painted(view)
            workers.wait_idle(10_000)
            try:
                problem = view.smoke_check()
            except Exception as exc:  # noqa: BLE001 - reported, and the run fails
                problem = f"{exc.__class__.__name__}: {exc}"
            if problem:
                failures.append(f"{view.key}: {problem}")
            if screenshots is not None:
                self.grab().save(str(screenshots / f"{i + 1:02d}_{view.key}.png"))
        self.switch_to(0)
        for failure in failures:
            print(f"gui --smoke: {failure}", file=sys.stderr)
        return 1 if failures else 0
