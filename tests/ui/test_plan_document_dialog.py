"""登记新文件 in 文件 (pytest-qt, offscreen, on the example office): a .docx is read in the
background and previewed — head fields, the level of the tasks, the tasks with their units —, an
unknown unit is mapped, the missing 文号 filled, and 确认登记 writes the plan, which the 文件 view
then lists and selects. Pasted text works the same; 放弃 and a refused file write nothing."""

from __future__ import annotations

import pypdf
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from greentasks.models import Assignment, Department, Plan, Task
from tests.factories import table_dump
from tests.plantext._documents import BODY, FOOT, HEAD, write_docx
from tests.test_add_plan import DOC_NO as PASTED_NO
from tests.test_add_plan import TEXT as PASTED

UNKNOWN = "区绿化管理所"
DOC_NO = "南川府办发〔2023〕12号"
TITLE = "重庆市南川区人民政府办公室关于印发南川区绿色低碳发展2023年工作方案的通知"


def plan_without_a_number(tmp_path):
    """The 实施方案 of tests/plantext without its 文号 line, 区邮政管理局 written as a name the
    directory does not know (task 4 names it)."""
    head = [line for line in HEAD if line != HEAD[1]]
    body = [line.replace("区邮政管理局", UNKNOWN) for line in BODY]
    return write_docx(tmp_path / "绿色低碳发展工作方案.docx", head + body + FOOT)


def open_dialog(window, idle, path=None):
    view = window.view("documents")
    dialog = view.add_document(path)
    idle()
    assert dialog is not None and dialog.isVisible()
    return dialog


def shown(dialog, column: str) -> list[str]:
    model = dialog.task_model
    c = model.column_index(column)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def builtin_state(db) -> tuple:
    with db.reading() as s:
        builtin = s.scalar(select(Plan).where(Plan.is_builtin))
        tasks = s.scalar(select(func.count(Task.id)).where(Task.plan_id == builtin.id))
        assignments = s.scalar(select(func.count(Assignment.id)).join(Task).where(Task.plan_id == builtin.id))
        return tasks, assignments


def test_a_docx_is_previewed_mapped_given_its_number_and_registered(window, db, idle, tmp_path, messages):
    before = builtin_state(db)
    dialog = open_dialog(window, idle, plan_without_a_number(tmp_path))

    # The head, as read: no 文号 (the clerk must give one), the rest filled in.
    assert dialog.no_edit.text() == "" and dialog.no_note.isVisibleTo(dialog) and "文号" in dialog.no_note.text()
    assert dialog.title_edit.text() == TITLE
    assert dialog.issuer_edit.text() == "重庆市南川区人民政府办公室"
    assert dialog.date_edit.date().toString("yyyy-MM-dd") == "2023-03-15"
    assert "绿色低碳发展工作方案.docx" in dialog.source_label.text()

    # The tasks, at the proposed level, with their units.
    levels = [dialog.level_combo.itemText(i) for i in range(dialog.level_combo.count())]
    assert levels == ["一、级（1项）", "（一）级（2项）", "1.级（8项）"]
    assert dialog.level_combo.currentText() == "1.级（8项）"
    assert shown(dialog, "no") == [str(n) for n in range(1, 9)]
    assert shown(dialog, "title")[:2] == ["推动传统产业绿色化改造", "加强生态保护修复"]
    assert shown(dialog, "section")[0] == "二、（一）" and shown(dialog, "section")[3] == "二、（二）"
    assert shown(dialog, "lead")[:4] == ["区发展改革委", "区生态环境局", "区交通局", "区商务委"]
    assert shown(dialog, "support")[3] == f"区交通局、{UNKNOWN}"
    assert shown(dialog, "leader")[3] == "张明" and shown(dialog, "deadline")[1] == "2023年底前完成"
    assert dialog.tabs.tabText(0) == "任务（8）"
    # The selected task in full, as the document prints it.
    assert dialog.task_table.current_row().no == 1
    assert dialog.task_text.toPlainText() == f"第1项　二、重点任务 › （一）推进产业结构优化升级\n{BODY[5]}"

    # The unknown unit: red in the table, named in the bar and in 问题和提示; nothing can be registered.
    support = dialog.task_model.index(3, dialog.task_model.column_index("support"))
    assert support.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert UNKNOWN in support.data(Qt.ItemDataRole.ToolTipRole)
    lead = dialog.task_model.index(3, dialog.task_model.column_index("lead"))
    assert lead.data(Qt.ItemDataRole.ForegroundRole) is None  # 区商务委 is known
    assert dialog.units_bar.isVisibleTo(dialog) and UNKNOWN in dialog.units_text.text()
    assert any(UNKNOWN in n.message and n.severity == "error" for n in dialog.note_model.rows)
    assert not dialog.commit_button.isEnabled()

    # Another level: the text is parsed again with the tasks at （一）.
    dialog.level_combo.setCurrentIndex(1)
    idle()
    assert shown(dialog, "title") == ["推进产业结构优化升级", "构建绿色低碳循环发展的流通体系"]
    assert dialog.draft.task_level == 2 and dialog.tabs.tabText(0) == "任务（2）"
    dialog.level_combo.setCurrentIndex(2)
    idle()
    assert len(shown(dialog, "no")) == 8

    # Map the unknown name to a known unit: a new dry run gives the figures.
    mapping = dialog.ask_units()
    assert mapping is not None and set(mapping.combos) == {UNKNOWN} and "第4项任务" in dialog.places()[UNKNOWN]
    city_id = next(u.id for u in window.backend.snapshot.units if u.name == "区城市管理局")
    assert mapping.set_choice(UNKNOWN, city_id)
    mapping.accept()
    idle()
    assert dialog.outcome.outcome == "dry-run" and not dialog.outcome.unknown_units
    figures = dialog.outcome.assignments
    assert figures > 8 and f"将登记分工 {figures} 条" in dialog.summary.text()
    assert not dialog.units_bar.text.text().startswith("文件中有")  # now it lists the choice made
    assert not dialog.commit_button.isEnabled()  # the 文号 is still missing

    # The clerk gives the 文号 and corrects the issuer; 确认登记 writes the plan.
    dialog.no_edit.setText(DOC_NO)
    assert not dialog.no_note.isVisibleTo(dialog) and dialog.commit_button.isEnabled()
    dialog.issuer_edit.setText("南川区人民政府办公室")
    dialog.commit()
    idle()
    assert dialog.added is not None and dialog.added.outcome == "imported"
    with db.reading() as s:
        plan = s.scalar(select(Plan).where(Plan.doc_no == DOC_NO))
        assert plan is not None and plan.title == TITLE and plan.issuer == "南川区人民政府办公室"
        assert plan.issued_on.isoformat() == "2023-03-15" and not plan.is_builtin
        assert [t.no for t in plan.tasks] == list(range(1, 9))
        count = s.scalar(select(func.count(Assignment.id)).join(Task).where(  # members' shares aside
            Task.plan_id == plan.id, Assignment.parent_id.is_(None)))
        assert count == figures
        city = s.scalar(select(Department).where(Department.id == city_id))
        assert UNKNOWN in [a.alias for a in city.aliases]  # the mapping was saved as an alias
        plan_id = plan.id
    assert builtin_state(db) == before

    # The 文件 view lists the new document and shows it.
    view = window.view("documents")
    assert window.current_view() is view
    assert DOC_NO in [d.doc_no for d in view.model.rows]
    assert view.table.current_row() is not None and view.table.current_row().id == plan_id
    assert "含重点任务 8 项" in view.detail.text()
    assert any(title == "登记完成" and DOC_NO in text for title, text in messages)


def test_pasted_text_is_registered_and_the_same_number_again_is_refused(window, db, idle, qtbot):
    dialog = open_dialog(window, idle)
    assert dialog.tabs.currentIndex() == 2 and not dialog.commit_button.isEnabled()
    dialog.paste_edit.setPlainText(PASTED)
    dialog.read_pasted()
    idle()
    assert dialog.no_edit.text() == PASTED_NO and not dialog.no_note.isVisibleTo(dialog)
    assert shown(dialog, "lead") == ["区生态环境局", "区水利局", "区发展改革委"]
    assert shown(dialog, "deadline")[2] == "2023年12月底前完成"
    assert dialog.source_label.text() == "粘贴的文字"
    assert dialog.commit_button.isEnabled()
    dialog.commit()
    idle()
    with db.reading() as s:
        assert s.scalar(select(Plan).where(Plan.doc_no == PASTED_NO)) is not None

    again = open_dialog(window, idle)
    again.paste_edit.setPlainText(PASTED)
    again.read_pasted()
    idle()
    # The dry run already says it: the 文号 is registered.
    assert "已经登记" in " ".join(n.message for n in again.note_model.rows)
    assert not again.commit_button.isEnabled()
    again.no_edit.setText("南川府办发〔2023〕99号")  # another number: checked again, then it may be registered
    qtbot.waitUntil(lambda: again.commit_button.isEnabled(), timeout=10_000)
    assert not any("已经登记" in n.message for n in again.note_model.rows)
    idle()
    again.reject()


def test_discarding_and_a_refused_file_write_nothing(window, db, idle, tmp_path, messages):
    before = table_dump(db)
    dialog = open_dialog(window, idle, plan_without_a_number(tmp_path))
    assert dialog.draft is not None
    dialog.reject()
    idle()
    assert table_dump(db) == before

    scanned = tmp_path / "扫描件.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scanned.open("wb") as fh:
        writer.write(fh)
    dialog = open_dialog(window, idle, scanned)
    assert any("没有文字层" in text for _title, text in messages)  # the reader's own words, no traceback
    assert dialog.draft is None and not dialog.commit_button.isEnabled() and dialog.choose_button.isEnabled()
    dialog.reject()
    assert table_dump(db) == before
