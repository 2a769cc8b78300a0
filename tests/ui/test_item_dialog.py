"""登记领导批示或会议议定事项 (the item dialog): filled in as a clerk does, saved through the core, a
refusal shown in the dialog, which stays open until it is put right."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from greentasks.db import Database
from greentasks.models import Assignment, Plan, Task
from ui.dialogs.item_dialog import CLASSES, DECISION, INSTRUCTION, KINDS, ItemDialog

TODAY = date(2023, 4, 10)  # the example office's day (tests/ui/conftest.py)


def wait() -> None:
    from ui import workers

    assert workers.wait_idle(30_000), "a background operation did not finish"


@pytest.fixture
def database(office):
    db = Database(office)
    yield db
    wait()
    db.dispose()


def _names(db) -> list[str]:
    from greentasks.services.directory import DirectoryIndex

    with db.reading() as s:
        return DirectoryIndex(s).names


def test_the_dialogs_words_are_the_cores():
    from greentasks.models.plan import INSTRUCTION_CLASSES, KIND_DECISION, KIND_INSTRUCTION

    assert KINDS == (KIND_INSTRUCTION, KIND_DECISION) and CLASSES == INSTRUCTION_CLASSES


def test_an_instruction_filled_in_and_saved(qtbot, database):
    dialog = ItemDialog(None, database, unit_names=_names(database), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.source_label.text() == "批示领导" and not dialog.decisions_box.isVisibleTo(dialog)
    assert dialog.on.date().toPython() == TODAY
    assert not dialog.save_button.isEnabled()  # nothing filled in yet
    dialog.source.setText("张区长")
    dialog.on.setDate(date(2023, 5, 6))
    dialog.text.setPlainText("请区生态环境局牵头，会同区水利局，于6月底前拿出凤嘴江水质改善方案。")
    dialog.subject.setText("凤嘴江水质改善")
    dialog.lead.setText("区生态环境局")
    # the name being typed completes from the directory, after the ones already there
    dialog.support.setText("区财政局、水利")  # (QTest types ASCII only: the typing is signalled as Qt would)
    dialog.support.textEdited.emit(dialog.support.text())
    assert dialog.support.typing()[1] == "水利" and dialog.support.completer_.completionCount() >= 1
    dialog.support.take("区水利局")
    assert dialog.support.text() == "区财政局、区水利局"
    dialog.deadline.setText("2023年6月底前")
    assert "2023-06-30" in dialog.deadline_hint.text()
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait()
    assert dialog.result() == ItemDialog.DialogCode.Accepted, dialog.problems.text()
    outcome = dialog.outcome
    assert outcome.doc_no == "领导批示〔2023〕第1号" and outcome.title == "张区长关于凤嘴江水质改善的批示"
    with database.reading() as s:
        plan = s.get(Plan, outcome.plan_id)
        assert (plan.kind, plan.item_class, plan.issued_on) == (INSTRUCTION, "批办性", date(2023, 5, 6))
        units = {(a.department.name, a.role) for a in s.scalars(
            select(Assignment).join(Task).where(Task.plan_id == plan.id))}
    assert units == {("区生态环境局", "牵头"), ("区财政局", "配合"), ("区水利局", "配合")}


def test_a_reading_instruction_takes_no_units(qtbot, database):
    dialog = ItemDialog(None, database, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.lead.setText("区财政局")
    dialog.item_class.setCurrentIndex(dialog.item_class.findData("参阅性"))
    assert not dialog.lead.isEnabled() and not dialog.deadline.isEnabled()
    assert dialog.reading_hint.isVisibleTo(dialog)
    values = dialog.values()
    assert values["units_lead"] == "" and values["item_class"] == "参阅性"


def test_a_meeting_with_two_decisions_refused_then_put_right(qtbot, database):
    dialog = ItemDialog(None, database, unit_names=_names(database), today=TODAY, kind=DECISION)
    qtbot.addWidget(dialog)
    assert dialog.source_label.text() == "会议名称" and dialog.decisions_box.isVisibleTo(dialog)
    assert not dialog.item_class.isVisibleTo(dialog)
    dialog.source.setText("区政府第12次常务会议")
    dialog.doc_no.setText("会议纪要〔2023〕12号")
    dialog.text.setPlainText("原则同意城区污水管网改造方案。")
    dialog.lead.setText("区水利局")
    dialog.leader.setText("陈副区长")
    dialog.add_decision()
    assert dialog.list.count() == 2 and dialog.text.toPlainText() == ""
    dialog.text.setPlainText("建设凤嘴江湿地公园。")
    assert dialog.list.item(1).text() == "2. 建设凤嘴江湿地公园。"  # named in the list as it is typed
    dialog.lead.setText("区林业所")  # not in the directory
    dialog.deadline.setText("2024年6月底前")
    dialog.list.setCurrentRow(0)  # back to the first: what was typed is kept
    assert dialog.lead.text() == "区水利局" and dialog.leader.text() == "陈副区长"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait()
    assert dialog.result() != ItemDialog.DialogCode.Accepted and dialog.outcome is None
    assert dialog.problems.isVisibleTo(dialog) and "区林业局" in dialog.problems.text()
    dialog.create_units.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait()
    assert dialog.result() == ItemDialog.DialogCode.Accepted, dialog.problems.text()
    with database.reading() as s:
        plan = s.scalar(select(Plan).where(Plan.doc_no == "会议纪要〔2023〕12号"))
        assert plan.title == "区政府第12次常务会议议定事项"
        assert [(t.no, t.leader) for t in plan.tasks] == [(1, "陈副区长"), (2, "")]


def test_saved_through_the_windows_backend_the_register_shows_it(qtbot, window):
    names = [u.name for u in window.backend.snapshot.units]
    dialog = ItemDialog(window, backend=window.backend, unit_names=names)
    qtbot.addWidget(dialog)
    dialog.source.setText("李副区长")
    dialog.text.setPlainText("请区发展改革委研究落实。")
    dialog.lead.setText("区发展改革委")
    dialog.save()
    wait()
    assert dialog.result() == ItemDialog.DialogCode.Accepted, dialog.problems.text()
    wait()
    assert dialog.outcome.doc_no in {d.doc_no for d in window.backend.snapshot.documents}


def test_the_documents_view_opens_the_item_dialog(window):
    from ui.dialogs.item_dialog import ItemDialog

    view = window.view("documents")
    assert view.item_button.isEnabled()
    dialog = view.add_item(show=False)
    assert isinstance(dialog, ItemDialog)
    dialog.deleteLater()


def test_the_import_menu_offers_both_registrations(window):
    titles = [a.text() for top in window.menuBar().actions() if top.menu() is not None
              for a in top.menu().actions()]
    assert "登记新文件…" in titles and "登记批示或议定事项…" in titles
