"""单位 › 集合成员: a collective's members ticked in the side panel, saved, and back to the
default; a town shows the collectives it belongs to (real widgets, pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from greentasks.models import Assignment, Department
from greentasks.services.collectives import KEPT_NOTE, members_of


def _select(view, name: str) -> None:
    unit = next(u for u in view.model.rows if u.name == name)
    assert view.table.select_key(unit.id)


def _items(editor) -> dict[str, object]:
    return {editor.list.item(i).text().split("（")[0]: editor.list.item(i) for i in range(editor.list.count())}


def test_the_members_editor_saves_the_ticked_towns_and_goes_back_to_the_default(window, db, idle):
    window.switch_to(window.views.index(window.view("units")))
    view = window.view("units")
    _select(view, "大观镇")
    editor = view.members
    assert not editor.isVisible()  # a town has no members …
    assert view.member_of.text() == "各乡镇（街道）、有关乡镇（街道）"  # … it belongs to two collectives

    _select(view, "各乡镇（街道）")
    assert editor.isVisible() and "按集合名称默认确定，共 34 个单位" in editor.state.text()
    items = _items(editor)
    assert sum(i.checkState() == Qt.CheckState.Checked for i in items.values()) == 34
    assert not editor.save_button.isEnabled() and not editor.reset_button.isEnabled()
    editor.search.setText("城街道")
    assert not items["东城街道"].isHidden() and items["大观镇"].isHidden()
    editor.search.clear()
    # take two towns off (a share with returns is kept, saying why)
    for name in ("大观镇", "鸣玉镇"):
        items[name].setCheckState(Qt.CheckState.Unchecked)
    assert editor.save_button.isEnabled() and editor.count.text() == "已选 32 个"
    editor.save_button.click()
    idle()
    with db.reading() as s:
        collective = s.scalar(select(Department).where(Department.name == "各乡镇（街道）"))
        members = members_of(s, collective.id)
        assert collective.members_explicit and len(members) == 32
        shares = s.execute(
            select(Department.name, Assignment.note).join(Department, Department.id == Assignment.department_id)
            .where(Assignment.parent_id.in_(select(Assignment.id).where(Assignment.department_id == collective.id))))
        notes = [(name, note) for name, note in shares]
    # the two towns' shares are gone, or kept for their returns and saying so; the others' stay
    assert all(note == KEPT_NOTE for name, note in notes if name in ("大观镇", "鸣玉镇"))
    assert any(name == "大观镇" for name, _ in notes)  # the example's 大观镇 has reported
    assert all(note != KEPT_NOTE for name, note in notes if name not in ("大观镇", "鸣玉镇"))
    # the view shows what was saved
    _select(view, "各乡镇（街道）")
    assert "成员由本办指定，共 32 个单位" in editor.state.text() and editor.reset_button.isEnabled()
    assert _items(editor)["大观镇"].checkState() == Qt.CheckState.Unchecked
    row = next(u for u in view.model.rows if u.name == "各乡镇（街道）")
    cell = view.model.index(view.model.rows.index(row), view.model.column_index("members"))
    assert str(view.model.data(cell)) == "32"

    editor.reset_button.click()
    idle()
    _select(view, "各乡镇（街道）")
    assert "按集合名称默认确定，共 34 个单位" in editor.state.text()
    with db.reading() as s:
        assert len(members_of(s, collective.id)) == 34
