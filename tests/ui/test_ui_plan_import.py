"""导入分工表 through the desktop app on a fresh database: the preview lists every row and the unit
the directory does not know; the 对应单位 dialog maps it to a known unit (saved as its alias) or
creates it; 放弃 and 取消 write nothing; the import is in 报送's history and can be undone. And a
return whose 填报单位 is unknown imports once that name is mapped."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from greentasks.models import Assignment, Department, ProgressEntry
from tests.factories import table_dump

TODAY = date(2023, 4, 10)
UNKNOWN = "区绿化办"  # not in the built-in directory; closest known: 区政府办公室, …
HEADER = ["序号", "重点任务", "具体工作", "牵头单位", "配合单位", "完成时限", "备注"]
M_SOLAR = "推进光伏发电项目建设"
M_GAS = "加快天然气管网建设"
M_AIR = "开展大气污染综合治理"


def write_plan(path: Path, unknown: str = UNKNOWN, air_lead: str = "区生态环境局",
               title: str = "南川区加快推进绿色发展重点任务分工表") -> Path:
    """The office's table: a merged title, the header, 序号 and 重点任务 merged over task 18's two
    rows; ``unknown`` cooperates on task 18 (row 3) and leads nothing but cooperates on task 12 (row 5)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工表"
    ws.append([title])
    ws.merge_cells("A1:G1")
    ws.append(HEADER)
    ws.append([18, "推动能源体系绿色低碳转型", M_SOLAR, "区发展改革委", f"区经济信息委、{unknown}", "2023年6月底前", "重点项目"])
    ws.append([None, None, M_GAS, "区发展改革委", "区住房城乡建委", "2024年6月底前", None])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.append([12, "深入打好污染防治攻坚战", M_AIR, air_lead, unknown, "2023年12月底前", None])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def _fresh_template(tmp_path_factory) -> Path:
    from greentasks.db import Database
    from greentasks.services.bootstrap import initialize

    folder = tmp_path_factory.mktemp("fresh")
    db = Database(folder / "x.db")
    initialize(db)
    db.dispose()
    return folder / "x.db"


@pytest.fixture
def window(qtbot, tmp_path, _fresh_template):
    """The main window on a fresh database: Database(tmp_path/"x.db") + initialize(db)."""
    from ui import workers
    from ui.main_window import MainWindow

    target = tmp_path / "x.db"
    shutil.copyfile(_fresh_template, target)
    w = MainWindow(db_target=str(target), today=TODAY)
    qtbot.addWidget(w)
    w.show()
    w.start()
    assert workers.wait_idle(30_000)
    assert w.backend.ready, w.backend.error
    yield w
    workers.wait_idle(30_000)


@pytest.fixture
def db(window):
    return window.backend.db


def unit_id(window, name: str) -> int:
    return next(u.id for u in window.backend.snapshot.units if u.name == name)


def assignments(db) -> set[tuple[int, str, str, str]]:
    with db.reading() as session:
        return {(a.task.no, a.department.name, a.role, a.measure) for a in session.scalars(select(Assignment))}


def aliases(db, name: str) -> list[str]:
    with db.reading() as session:
        dep = session.scalar(select(Department).where(Department.name == name))
        return [a.alias for a in dep.aliases]


def closed(dialog) -> bool:
    from shiboken6 import isValid

    return not isValid(dialog) or not dialog.isVisible()


def open_preview(window, idle, path: Path):
    dialog = window.import_plan(path)
    idle()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_preview_shows_the_rows_and_the_unknown_unit_and_mapping_it_imports_with_the_alias(
        window, db, idle, tmp_path, messages):
    path = write_plan(tmp_path / "分工表.xlsx")
    before = table_dump(db)
    dialog = open_preview(window, idle, path)

    # The first check: refused, the unknown unit named where it stands, and the mapping dialog open.
    outcome = dialog.outcome
    assert outcome.outcome == "refused" and outcome.rows == 3
    assert set(outcome.unknown_units) == {UNKNOWN}
    problems = dialog.problem_model.rows
    assert {(p.sheet, p.row, p.column) for p in problems} == {("分工表", 3, "E"), ("分工表", 5, "E")}
    assert all(UNKNOWN in p.message and "命令行" not in p.message for p in problems)
    assert dialog.units_bar.isVisibleTo(dialog) and UNKNOWN in dialog.units_text.text()
    assert not dialog.commit_button.isEnabled()
    mapping = dialog.mapping
    assert mapping is not None and mapping.isVisible()
    combo = mapping.combos[UNKNOWN]
    suggested = [combo.itemText(i) for i in range(1, 1 + len(outcome.unknown_units[UNKNOWN]))]
    assert suggested == outcome.unknown_units[UNKNOWN]  # the closest known units come first
    assert combo.findData("create") > 0 and combo.count() > 80  # then 新建, then every unit
    assert "第3、5行" in dialog.places[UNKNOWN]
    assert not mapping.ok.isEnabled()
    assert table_dump(db) == before

    # Typing a unit's name chooses it; the second dry run shows the final rows.
    forestry = unit_id(window, "区林业局")
    combo.setEditText("区林业局")
    assert mapping.choices() == {UNKNOWN: forestry} and mapping.ok.isEnabled()
    assert "简称" in mapping.notes[UNKNOWN].text()
    mapping.accept()
    idle()
    outcome = dialog.outcome
    assert outcome.outcome == "dry-run", [str(p) for p in outcome.errors]
    rows = {(c.row, c.action, c.task_no, c.department, c.measure) for c in dialog.change_model.rows}
    assert rows == {
        (3, "新增", 18, "区发展改革委", M_SOLAR), (3, "新增", 18, "区经济信息委", M_SOLAR),
        (3, "新增", 18, "区林业局", M_SOLAR), (4, "新增", 18, "区发展改革委", M_GAS),
        (4, "新增", 18, "区住房城乡建委", M_GAS), (5, "新增", 12, "区生态环境局", M_AIR),
        (5, "新增", 12, "区林业局", M_AIR),
    }
    solar = next(c for c in dialog.change_model.rows if c.department == "区林业局" and c.task_no == 18)
    assert ("完成时限", "", "2023年6月底前") in solar.fields and ("责任类型", "", "配合") in solar.fields
    assert "区林业局" in dialog.units_text.text() and "7" in dialog.commit_button.text()
    assert dialog.commit_button.isEnabled()
    assert table_dump(db) == before  # still nothing written

    dialog.commit()
    idle()
    assert closed(dialog)
    assert {(t, u, r) for t, u, r, _m in assignments(db)} == {
        (18, "区发展改革委", "牵头"), (18, "区经济信息委", "配合"), (18, "区林业局", "配合"),
        (18, "区住房城乡建委", "配合"), (12, "区生态环境局", "牵头"), (12, "区林业局", "配合")}
    assert UNKNOWN in aliases(db, "区林业局")
    assert any(title == "导入完成" and "保存简称" in text for title, text in messages)
    # The views refreshed from the changes, and the import is in 报送's history, undoable.
    assert window.view("assignments").model.rowCount() == 7
    assert next(u for u in window.backend.snapshot.units if u.name == "区林业局").cooperate == 2
    returns = window.view("returns")
    batch = window.backend.snapshot.batches[0]
    assert (batch.file_name, batch.kind_label, batch.can_undo) == ("分工表.xlsx", "分工表", True)
    assert returns.batch_table.select_key(batch.id) and returns.undo_button.isEnabled()

    # The next import of a table using that name needs no mapping.
    again = open_preview(window, idle, write_plan(tmp_path / "第二版.xlsx", title="重点任务分工表（第二版）"))
    assert again.outcome.outcome == "dry-run" and again.mapping is None
    assert not again.outcome.changes and not again.commit_button.isEnabled()
    again.reject()

    returns.undo_selected(confirm=False)
    idle()
    assert assignments(db) == set() and UNKNOWN not in aliases(db, "区林业局")


def test_mapping_to_new_creates_the_unit(window, db, idle, tmp_path, messages, monkeypatch):
    # Started from the 分工 view's button (the 导入 menu has the same command).
    from ui.dialogs import common
    from ui.dialogs.plan_import import PlanImportDialog

    path = write_plan(tmp_path / "分工表.xlsx")
    monkeypatch.setattr(common, "ask_spreadsheets", lambda *_a, **_k: [str(path)])
    assert window.act_import_plan in window.menuBar().actions()[1].menu().actions()
    window.view("assignments").import_button.click()
    idle()
    [dialog] = window.findChildren(PlanImportDialog)
    assert dialog.isVisible() and dialog.path == path
    assert dialog.mapping.set_choice(UNKNOWN, "create")
    assert "新建" in dialog.mapping.notes[UNKNOWN].text()
    dialog.mapping.accept()
    idle()
    assert dialog.outcome.outcome == "dry-run" and dialog.outcome.created_units == [UNKNOWN]
    assert any("将新建" in p.message for p in dialog.problem_model.rows)
    assert UNKNOWN in dialog.summary.text()
    dialog.commit()
    idle()
    with db.reading() as session:
        created = session.scalar(select(Department).where(Department.name == UNKNOWN))
        assert created is not None and created.category == "区级部门"
    assert {(t, r) for t, u, r, _m in assignments(db) if u == UNKNOWN} == {(18, "配合"), (12, "配合")}
    assert any(u.name == UNKNOWN for u in window.backend.snapshot.units)
    assert any(title == "导入完成" and UNKNOWN in text for title, text in messages)


def test_discarding_or_cancelling_writes_nothing(window, db, idle, tmp_path, monkeypatch, qtbot):
    path = write_plan(tmp_path / "分工表.xlsx")
    before = table_dump(db)
    batches = len(window.backend.snapshot.batches)

    # 放弃 after mapping and previewing.
    dialog = open_preview(window, idle, path)
    dialog.mapping.set_choice(UNKNOWN, unit_id(window, "区林业局"))
    dialog.mapping.accept()
    idle()
    assert dialog.commit_button.isEnabled()
    dialog.discard_button.click()
    idle()
    assert closed(dialog)
    assert table_dump(db) == before

    # 取消 in the progress dialog of 确认导入.
    from greentasks.services import plan_import

    dialog = open_preview(window, idle, path)
    dialog.mapping.set_choice(UNKNOWN, "create")
    dialog.mapping.accept()
    idle()
    real = plan_import.import_plan

    def waits_for_the_cancel_button(database, p, **kw):
        deadline = time.monotonic() + 10
        while not kw["cancelled"]() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(database, p, **kw)

    monkeypatch.setattr(plan_import, "import_plan", waits_for_the_cancel_button)
    op = dialog.commit()
    qtbot.waitUntil(lambda: op.progress_dialog is not None and op.progress_dialog.isVisible())
    from PySide6.QtWidgets import QPushButton

    [cancel] = op.progress_dialog.findChildren(QPushButton)
    cancel.click()
    idle()
    assert op.cancel_requested and dialog.isVisible()
    assert "已取消" in dialog.summary.text()
    assert table_dump(db) == before
    assert len(window.backend.snapshot.batches) == batches
    dialog.reject()


def test_a_return_with_an_unknown_filler_imports_after_mapping(window, db, idle, tmp_path):
    from greentasks.services.plan_import import import_plan

    assert import_plan(db, write_plan(tmp_path / "分工表.xlsx"), unit_choices={UNKNOWN: "create"}).outcome == "imported"
    window.refresh()
    idle()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["重点任务推进情况表"])
    ws.append(["填报单位：区发改局（盖章）", None, None, "报送期：2023年第一季度"])
    ws.append(["填报人：张三", None, "联系电话：023-71422160", None, "填报日期：", "2023年4月6日"])
    ws.append(["序号", "任务编号", "具体工作", "完成状态", "进展情况", "存在问题", "下步计划", "备注"])
    ws.append([1, 18, M_SOLAR, "推进中", "已完成项目选址", "无", "开工建设"])
    ws.append([2, 18, M_GAS, "推进中", "管网铺设过半", "无", "继续推进"])
    path = tmp_path / "进展情况表.xlsx"
    wb.save(path)

    view = window.view("returns")
    view.preview([path])
    idle()
    [f] = view.file_model.rows
    assert f.outcome == "refused" and list(f.unknown_units) == ["区发改局（盖章）"]
    assert view.units_bar.isVisibleTo(view) and "区发改局（盖章）" in view.units_text.text()
    mapping = view.ask_units()
    assert mapping is not None and mapping.isVisible()
    ndrc = unit_id(window, "区发展改革委")
    assert mapping.set_choice("区发改局（盖章）", ndrc)
    assert "“区发改局”将保存为“区发展改革委”的简称" in mapping.notes["区发改局（盖章）"].text()
    mapping.accept()
    idle()
    assert "区发改局" in aliases(db, "区发展改革委")  # saved without its note, by hand
    [f] = view.file_model.rows
    assert f.outcome == "dry-run" and f.department == "区发展改革委" and len(f.changes) == 2
    assert not view.units_bar.isVisibleTo(view)
    view.commit()
    idle()
    assert [f.outcome for f in view.file_model.rows] == ["imported"]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(ProgressEntry)) == 2
        from greentasks.models import ChangeLog

        log = session.scalar(select(ChangeLog).where(ChangeLog.entity == "department_aliases",
                                                     ChangeLog.new == "区发展改革委=区发改局"))
        assert log.source == "手工" and log.batch_id is None and "区发改局（盖章）" in log.note


def test_a_name_mapped_to_a_unit_already_holding_its_work_only_saves_the_alias(window, db, idle, tmp_path, messages):
    """The table's only news is a new name for a unit that already has the work: the preview says
    nothing changes but the alias, and 确认导入 saves just that."""
    from greentasks.services.plan_import import import_plan

    assert import_plan(db, write_plan(tmp_path / "分工表.xlsx"), unit_choices={UNKNOWN: "create"}).outcome == "imported"
    window.refresh()
    idle()
    before = assignments(db)
    dialog = open_preview(window, idle, write_plan(tmp_path / "新版.xlsx", air_lead="区环保分局"))
    assert set(dialog.outcome.unknown_units) == {"区环保分局"}
    dialog.mapping.set_choice("区环保分局", unit_id(window, "区生态环境局"))
    dialog.mapping.accept()
    idle()
    assert dialog.outcome.outcome == "dry-run" and not dialog.outcome.changes
    assert "简称" in dialog.summary.text() and dialog.commit_button.isEnabled()
    dialog.commit()
    idle()
    assert assignments(db) == before and "区环保分局" in aliases(db, "区生态环境局")
    assert any(title == "导入完成" and "区环保分局" in text for title, text in messages)
