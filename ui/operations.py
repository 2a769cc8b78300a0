"""The changes a clerk makes by hand, each one core service call in a worker (CollectionOp),
returning the :class:`Changes` the views refresh from. Used from several views (分工, 总览, 任务)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from greentasks.domain.rules import can_confirm, can_send_back

from .workers import OpResult

if TYPE_CHECKING:
    from .backend import Backend

translate = QCoreApplication.translate


def confirm_completions(parent: QWidget, backend: Backend, rows: list, done: Callable[[int], None] | None = None):
    """销号: confirm the completions the units reported (rows that are 待销号)."""
    rows = [r for r in rows if can_confirm(r.status, r.closure)]
    if not rows:
        QMessageBox.information(parent, translate("Operations", "销号"),
                                translate("Operations", "所选分工中没有待销号的事项。"))
        return None
    ids = [r.id for r in rows]

    def op(ctx) -> OpResult:
        from greentasks.services.actions import confirm_completions

        return confirm_completions(ctx.db, ids)

    def success(result: OpResult) -> None:
        if done is not None:
            done(result.value)

    return backend.collection(parent, op, success).with_progress(
        translate("Operations", "正在销号……")).run_in_background()


def send_back(parent: QWidget, backend: Backend, rows: list, reason: str | None = None,
              done: Callable[[int], None] | None = None):
    """退回: the completion is not accepted; the status returns to 推进中 with the reason logged."""
    rows = [r for r in rows if can_send_back(r.status)]
    if not rows:
        QMessageBox.information(parent, translate("Operations", "退回"),
                                translate("Operations", "只有“已完成”的分工才能退回。"))
        return None
    if reason is None:
        from .dialogs.common import ask_reason

        reason = ask_reason(parent, len(rows))
        if reason is None:
            return None
    ids = [r.id for r in rows]

    def op(ctx) -> OpResult:
        from greentasks.services.actions import send_back

        return send_back(ctx.db, ids, reason)

    def success(result: OpResult) -> None:
        if done is not None:
            done(result.value)

    return backend.collection(parent, op, success).with_progress(
        translate("Operations", "正在退回……")).run_in_background()


def save_assignment(parent: QWidget, backend: Backend, row, version: int, edit: dict[str, Any],
                    done: Callable[[], None] | None = None, failed: Callable[[BaseException], None] | None = None):
    """Save the side panel's edit with optimistic locking (a ConflictError is shown as is)."""
    aid = row.id

    def op(ctx) -> OpResult:
        from greentasks.services.actions import edit_assignment

        return edit_assignment(ctx.db, aid, version, **edit)

    op_ = backend.collection(parent, op, lambda _c: done() if done else None)
    if failed is not None:
        def on_failure(exc: BaseException) -> None:
            from .workers import show_error

            show_error(parent, exc)
            failed(exc)

        op_.on_failure(on_failure)
    return op_.run_in_background()


def create_assignment(parent: QWidget, backend: Backend, task_no: int, department_id: int, role: str,
                      measure: str, deadline: str, done: Callable[[int], None] | None = None):
    plan = backend.plan  # task numbers count within the document the window shows

    def op(ctx) -> OpResult:
        from greentasks.services.actions import add_assignment

        return add_assignment(ctx.db, task_no, department_id, role, measure, deadline, plan=plan)

    def success(result: OpResult) -> None:
        if done is not None:
            done(result.value or 0)

    return backend.collection(parent, op, success).with_progress(
        translate("Operations", "正在添加分工……")).run_in_background()


def remove_assignments(parent: QWidget, backend: Backend, rows: list, confirm: bool = True,
                       done: Callable[[], None] | None = None):
    if not rows:
        return None
    if confirm:
        text = translate("Operations", "确定删除所选的 {n} 条分工吗？它们的报送记录也会一并删除（修改记录中保留）。").format(
            n=len(rows))
        if QMessageBox.question(parent, translate("Operations", "删除分工"), text) != QMessageBox.StandardButton.Yes:
            return None
    items = [(r.id, r.version) for r in rows]

    def op(ctx) -> OpResult:
        from greentasks.services.actions import remove_assignments

        return remove_assignments(ctx.db, items)

    return backend.collection(parent, op, lambda _c: done() if done else None).with_progress(
        translate("Operations", "正在删除……")).run_in_background()
