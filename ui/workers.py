"""Running core services off the UI thread, after Anki's ``CollectionOp`` / ``QueryOp``.

An op is a plain function of an :class:`OpContext` (the database, a progress callback and a
"cancelled?" question). It runs on a QThreadPool thread, opens its own sessions
(``Database.writing()`` and ``reading()``) and never touches a widget. Its result comes back to the UI thread
through a queued signal:

* :class:`QueryOp` reads; its result goes to ``success``.
* :class:`CollectionOp` writes; it also returns a :class:`Changes` (or a result that has a
  ``changes`` attribute), which the main window's backend turns into a refresh of exactly the
  data that changed, before ``success`` runs. Views refresh from the ``Changes``; none polls.

A progress dialog appears when an op takes longer than a moment; a cancellable op's dialog has a
取消 button, and the op sees ``ctx.cancelled()`` become true (the services then write nothing).
The dialog is made only when that moment has passed and the op is still running, and it is gone
for good before the op's result (often a message box) is shown: QProgressDialog's own
show-after-a-delay timer would otherwise put a "请稍候" box over the result of a quick job.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from greentasks.domain.changes import Changes, Done

translate = QCoreApplication.translate


# What an operation changed and what it returns are the core's own types: the services compute
# them from the session, and the views only map them to refreshes. ``OpResult`` is the older name.
OpResult = Done


class OpContext:
    def __init__(self, db, signals: _Signals, cancel: threading.Event):
        self.db = db
        self._signals = signals
        self._cancel = cancel

    def progress(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), str(text))

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[OpContext], Any], ctx: OpContext, signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._ctx, self._signals = fn, ctx, signals

    def run(self) -> None:
        try:
            result = self._fn(self._ctx)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI thread
            self._signals.failed.emit(exc, traceback.format_exc())
        else:
            self._signals.finished.emit(result)


class _Tracker(QObject):
    """Counts running ops, so tests, the smoke run and closing the window can wait for them."""

    idle = Signal()

    def __init__(self):
        super().__init__()
        self.running: set[_Op] = set()

    def add(self, op: _Op) -> None:
        self.running.add(op)

    def remove(self, op: _Op) -> None:
        self.running.discard(op)
        if not self.running:
            self.idle.emit()


tracker: _Tracker | None = None


def _tracker() -> _Tracker:
    global tracker
    if tracker is None:
        tracker = _Tracker()
    return tracker


def busy() -> bool:
    return bool(_tracker().running)


def wait_idle(timeout_ms: int = 30_000) -> bool:
    """Process events until no op is running (for the smoke run and tests)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    app = QCoreApplication.instance()
    while busy() and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThreadPool.globalInstance().waitForDone(5)
    app.processEvents()
    return not busy()


def show_error(parent: QWidget | None, exc: BaseException, details: str = "", title: str | None = None) -> None:
    """A failure in plain words: the core's own Chinese message, or a note that nothing changed."""
    from greentasks.errors import ConflictError, GreentasksError

    box = QMessageBox(parent)
    if isinstance(exc, ConflictError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title or translate("Workers", "保存冲突"))
        box.setText(str(exc))
    elif isinstance(exc, GreentasksError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(title or translate("Workers", "无法完成"))
        box.setText(str(exc))
    else:
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(title or translate("Workers", "程序内部错误"))
        box.setText(translate("Workers", "操作没有完成，数据库未作改动。请把“显示详细信息”中的内容发给维护人员。")
                    + "\n\n" + (str(exc) or exc.__class__.__name__))
        if details:
            box.setDetailedText(details)
    box.exec()


def wait_box(parent: QWidget | None, label: str, cancellable: bool = False) -> QProgressDialog:
    """A window-modal "请稍候" box, not shown yet: it appears only when the caller shows it.

    A QProgressDialog starts a timer when it is made that shows it after its minimum duration (4 s
    by default, and setMinimumDuration does not restart that timer); a box closed before then
    would come back over whatever is shown next. That timer is stopped here, and again on closing.
    """
    dialog = QProgressDialog(label, translate("Workers", "取消") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(translate("Workers", "请稍候"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.reset()  # stops the delayed show
    return dialog


def close_wait_box(dialog: QProgressDialog) -> None:
    """Close a wait box for good, before the result of its work is shown."""
    dialog.reset()  # setValue may have started the delayed show again
    dialog.hide()
    dialog.deleteLater()


class _Op(QObject):
    """The common part of QueryOp and CollectionOp."""

    def __init__(self, parent: QWidget | None, op: Callable[[OpContext], Any], *,
                 success: Callable[[Any], None] | None = None,
                 failure: Callable[[BaseException], None] | None = None):
        super().__init__(None)
        self._parent = parent
        self._fn = op
        self._success = success
        self._failure = failure
        self._label: str | None = None
        self._cancellable = False
        self._dialog: QProgressDialog | None = None
        self._show_timer: QTimer | None = None
        self._done = False
        self._progress: tuple[int, int, str] | None = None  # the latest report, for a dialog made later
        self._cancel = threading.Event()
        self._db = None
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    # -- fluent set-up, as in Anki ------------------------------------------------------------
    def with_progress(self, label: str, cancellable: bool = False) -> _Op:
        self._label = label
        self._cancellable = cancellable
        return self

    def on_success(self, fn: Callable[[Any], None]) -> _Op:
        self._success = fn
        return self

    def on_failure(self, fn: Callable[[BaseException], None]) -> _Op:
        self._failure = fn
        return self

    def using(self, db) -> _Op:
        self._db = db
        return self

    # -- running ----------------------------------------------------------------------------
    SHOW_AFTER_MS = 400  # a quicker op shows no dialog at all

    def run_in_background(self) -> _Op:
        _tracker().add(self)
        if self._label is not None:
            self._show_timer = QTimer(self)
            self._show_timer.setSingleShot(True)
            self._show_timer.timeout.connect(self._show_dialog)
            self._show_timer.start(self.SHOW_AFTER_MS)
        ctx = OpContext(self._db, self._signals, self._cancel)
        QThreadPool.globalInstance().start(_Runnable(self._fn, ctx, self._signals))
        return self

    @Slot()
    def _show_dialog(self) -> None:
        if self._done or self._dialog is not None or self._label is None:
            return
        dialog = wait_box(self._parent, self._label, self._cancellable)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        if self._progress is not None:
            self._apply_progress(*self._progress)
        dialog.show()

    @Slot()
    def cancel(self) -> None:
        self._cancel.set()
        if self._dialog is not None and not self._done:
            self._dialog.setLabelText(translate("Workers", "正在取消，请稍候……"))

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        """The dialog while it is shown (None before the first moment has passed, and after)."""
        return self._dialog

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self._done or self._cancel.is_set():
            return
        self._progress = (done, total, text)
        self._apply_progress(done, total, text)

    def _apply_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        if dialog is None:
            return
        if text:
            dialog.setLabelText(f"{self._label}\n{text}")
        dialog.setMaximum(max(total, 0))
        # Last: a shown modal QProgressDialog processes events in setValue, where this op may finish.
        dialog.setValue(min(done, total) if total else 0)

    def _close_dialog(self) -> None:
        """Called once the op has finished or failed, before its result is shown."""
        self._done = True
        if self._show_timer is not None:
            self._show_timer.stop()
            self._show_timer = None
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)
            close_wait_box(dialog)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._close_dialog()
        try:
            self._finished(result)
        finally:
            _tracker().remove(self)

    @Slot(object, str)
    def _on_failed(self, exc: BaseException, details: str) -> None:
        self._close_dialog()
        try:
            if self._failure is not None:
                self._failure(exc)
            else:
                show_error(self._parent, exc, details)
        finally:
            _tracker().remove(self)

    def _finished(self, result: Any) -> None:
        if self._success is not None:
            self._success(result)


class QueryOp(_Op):
    """A read-only query off the UI thread."""


class CollectionOp(_Op):
    """A change to the database off the UI thread; ``after_change`` (the backend) refreshes the
    data that the returned :class:`Changes` names before ``success`` runs."""

    after_change: Callable[[Changes], None] | None = None  # set once by the backend

    def _finished(self, result: Any) -> None:
        changes = result if isinstance(result, Changes) else getattr(result, "changes", None)
        if isinstance(changes, Changes) and changes.any() and CollectionOp.after_change is not None:
            CollectionOp.after_change(changes)
        super()._finished(result)
