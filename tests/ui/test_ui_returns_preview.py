"""报送's preview shows every problem's 位置 and 说明 whole (issue 11): the cells wrap and the rows
grow to fit, and the tooltip holds the full text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from tests.excel._books import M_SOLAR, free_return, write_xlsx


def test_preview_shows_where_and_why_whole(window, idle, tmp_path):
    grid, merges = free_return([[1, 18, M_SOLAR, "差不多", "进展", None, None, None]])
    path = write_xlsx(tmp_path / "区发展改革委_2023Q1_一个很长很长的文件名用来看位置能否完整显示_进展情况.xlsx",
                      grid, merges=merges)
    view = window.view("returns")
    view.preview([path])
    idle()
    table, model = view.problem_table, view.problem_model
    assert model.rowCount() == 1
    problem = model.rows[0]
    assert "完成状态应为：未启动、推进中、滞后、已完成、长期坚持之一" in problem.message
    where = model.index(0, model.column_index("where"))
    message = model.index(0, model.column_index("message"))
    assert model.data(where, Qt.ItemDataRole.ToolTipRole) == problem.where()
    assert model.data(message, Qt.ItemDataRole.ToolTipRole) == problem.message
    assert table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideNone
    assert table.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents
    table.resize(900, 300)
    table.resizeRowsToContents()
    # the long 位置 (file, sheet, row, column) wraps onto several lines instead of being cut off
    assert table.rowHeight(0) >= 3 * table.fontMetrics().height()


def test_an_unknown_unit_is_mapped_in_the_dialog_and_the_files_previewed_again(window, idle, tmp_path):
    """A return from a unit the directory does not know: 对应单位 opens over 报送, names the file,
    and the unit chosen is saved as an alias; the preview then reads the file as that unit's."""
    grid, merges = free_return([[1, 18, M_SOLAR, "推进中", "进展", None, None, None]], unit="区发改")
    path = write_xlsx(tmp_path / "进展情况.xlsx", grid, merges=merges)
    view = window.view("returns")
    view.preview([path])
    idle()
    assert "区发改" in view.unknown_units()
    dialog = view.ask_units()
    assert view.mapping is dialog and view._files_naming("区发改") == ["进展情况.xlsx"]
    known = next(u.id for u in window.backend.snapshot.units if u.name == "区发展改革委")
    assert dialog.set_choice("区发改", known)
    dialog.accept()
    idle()
    assert view.mapping is None
    assert "区发改" not in view.unknown_units()
    assert any(f.department == "区发展改革委" for f in view.file_model.rows)
