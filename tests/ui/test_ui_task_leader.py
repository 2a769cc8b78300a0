"""任务 shows a task's 责任领导 under its heading (and in the tree's tooltip) once a 分工表 names it,
no line for a task that names none, and none again after the import is undone (issue 16, part 4)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.test_leaders import led_table
from tests.ui.test_leader_filter import import_leaders


def tooltip(view, no: int) -> str:
    return view.model.data(view.model.index_of_task(no), Qt.ItemDataRole.ToolTipRole)


def test_the_task_view_shows_the_leader_of_the_task_that_names_one(window, idle, tmp_path):
    view = window.view("tasks")
    window.switch_to(window.views.index(view))
    # The example office names no leaders: no line under any task's heading.
    assert all(t["leader"] == "" for t in window.backend.snapshot.tasks)
    view.show_task(18)
    assert view.heading.text().startswith("18. ") and view.leader_label.isHidden()
    assert "责任领导" not in tooltip(view, 18)

    import_leaders(window, idle, led_table(tmp_path / "分工表.xlsx"))
    assert view.task_no == 18  # the tree was rebuilt with the tasks' new leaders, on the same task
    assert not view.leader_label.isHidden() and view.leader_label.text() == "责任领导：张三"
    assert tooltip(view, 18).endswith("\n责任领导：张三")
    view.show_task(25)
    assert view.leader_label.text() == "责任领导：李四、王五" and view.leader_label.isVisibleTo(view)
    view.show_task(12)  # names none: no empty label
    assert view.leader_label.isHidden() and view.leader_label.text() == ""
    assert "责任领导" not in tooltip(view, 12)

    view.show_task(25)
    returns = window.view("returns")
    batch = window.backend.snapshot.batches[0]
    assert returns.batch_table.select_key(batch.id)
    returns.undo_selected(confirm=False)
    idle()
    assert view.task_no == 25 and view.leader_label.isHidden()
    assert all(t["leader"] == "" for t in window.backend.snapshot.tasks)
