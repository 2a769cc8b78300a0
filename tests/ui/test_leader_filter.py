"""分工's 责任领导 filter (issue 16, part 4): the combo lists 全部, each leader the tasks name and
（未填写）; it follows an import that names leaders and the undo that takes them back."""

from __future__ import annotations

from greentasks.domain.leaders import NO_LEADER
from tests.test_leaders import led_table
from ui.models.assignments import AssignmentFilter


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def import_leaders(window, idle, path) -> None:
    dialog = window.import_plan(path)
    idle()
    assert dialog.outcome.outcome == "dry-run", [str(p) for p in dialog.outcome.errors]
    assert any(c.fields[0][0] == "责任领导" for c in dialog.outcome.changes)
    dialog.commit()
    idle()


def test_the_leader_combo_filters_the_rows_and_follows_the_import_and_its_undo(window, idle, tmp_path):
    view = window.view("assignments")
    window.switch_to(window.views.index(view))
    # The example office names no leaders: only 全部 and （未填写）, and every row has none.
    assert combo_texts(view.leader) == ["全部", "（未填写）"]
    view.leader.setCurrentIndex(view.leader.findData(NO_LEADER))
    assert view.proxy.rowCount() == sum(r.parent_id is None for r in view.model.rows)
    view.clear_button.click()

    import_leaders(window, idle, led_table(tmp_path / "分工表.xlsx"))
    rows = [r for r in window.backend.overview.rows if r.parent_id is None]
    assert combo_texts(view.leader) == ["全部", "张三", "李四", "王五", "（未填写）"]
    leader_column = view.model.column_index("leader")
    assert view.table.isColumnHidden(leader_column)  # shown from the column chooser

    view.leader.setCurrentIndex(view.leader.findData("张三"))
    shown = view.proxy.rows()
    assert shown and {r.task_no for r in shown} == {18}
    assert len(shown) == sum(r.task_no == 18 for r in rows)
    assert view.count.text() == f"显示 {len(shown)} / {len(rows)} 条"
    assert view.model.data(view.model.index(view.model.rows.index(shown[0]), leader_column)) == "张三"

    view.leader.setCurrentIndex(view.leader.findData(NO_LEADER))
    unnamed = view.proxy.rows()
    assert len(unnamed) == sum(not r.leader for r in rows) and not any(r.task_no in (18, 25) for r in unnamed)

    # From the overview's click-through (or any caller): the combo shows the leader asked for.
    view.set_filter(AssignmentFilter(leader="王五", role="牵头"))
    assert view.leader.currentText() == "王五"
    assert {(r.task_no, r.role) for r in view.proxy.rows()} == {(25, "牵头")}
    view.search.setText("王五")  # the free text finds a leader too
    assert view.proxy.rowCount() == sum(r.task_no == 25 and r.role == "牵头" for r in rows)
    view.search.clear()

    # Undone: the leaders are gone, and so is the choice of 王五 (all rows again, not none).
    returns = window.view("returns")
    batch = window.backend.snapshot.batches[0]
    assert batch.kind_label == "分工表" and returns.batch_table.select_key(batch.id)
    returns.undo_selected(confirm=False)
    idle()
    assert combo_texts(view.leader) == ["全部", "（未填写）"] and view.leader.currentIndex() == 0
    assert view.proxy.filter.leader is None
    remaining = [r for r in window.backend.overview.rows if r.parent_id is None]
    assert view.proxy.rowCount() == sum(r.role == "牵头" for r in remaining)
