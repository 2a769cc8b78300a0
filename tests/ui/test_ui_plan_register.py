"""The register of 文件 in the desktop app (issue 16 part 3; docs/documents.md#register): 修改…, 废止…
and 恢复有效… act on the selected document through services.plan_register, the window refreshes
from what the core says changed (a repeal turns off every warning of the document), a refusal is
shown in plain words with nothing written, and the dialog itself refuses an empty 废止文号 or 标题.

The example office of tests/ui/conftest.py, with a second, registered document (OTHER) added."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import func, select

from greentasks.db import Database
from greentasks.domain import lights
from greentasks.models import ChangeLog, Plan
from greentasks.models.audit import SOURCE_HAND
from tests.test_plans_everywhere import BUILT_IN, OTHER, OTHER_TITLE, add_other_plan
from ui.dialogs.plan_register_dialog import PlanEditDialog, RepealDialog

GAZETTE = "南川府发〔2022〕33号"
REPEALED = "南川府办发〔2016〕72号"  # repealed by the gazette's 33号 on 2022-09-27
BY = "南川府发〔2023〕8号"  # a repealing document the register does not hold


@pytest.fixture
def office(office):
    """The example office with OTHER: a document registered by the office (not one the program brings)."""
    db = Database(office)
    add_other_plan(db)
    db.dispose()
    return office


def documents(window):
    view = window.view("documents")
    window.switch_to(window.views.index(view))
    return view


def entry(view, doc_no: str):
    return next(d for d in view.model.rows if d.doc_no == doc_no)


def select_doc(view, doc_no: str):
    assert view.table.select_key(entry(view, doc_no).id)
    return view.table.current_row()


def buttons(view) -> tuple[bool, bool, bool]:
    return view.edit_button.isEnabled(), view.repeal_button.isEnabled(), view.restore_button.isEnabled()


def register_log(db, doc_no: str) -> list[tuple[str, str | None, str | None, str]]:
    with db.reading() as s:
        plan_id = s.scalar(select(Plan.id).where(Plan.doc_no == doc_no))
        return [(r.field, r.old, r.new, r.source) for r in s.scalars(
            select(ChangeLog).where(ChangeLog.entity == "plans", ChangeLog.entity_id == plan_id)
            .order_by(ChangeLog.id))]


def log_size(db) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count(ChangeLog.id)))


def refused(messages) -> list[str]:
    """The texts of the refusals shown (show_error's box for the core's, warning for the dialog's)."""
    assert not any(title == "程序内部错误" for title, _ in messages), messages
    return [text for title, text in messages if title in ("无法完成", "修改文件登记", "废止文件")]


def test_the_buttons_follow_the_selected_document(window, qtbot):
    view = documents(window)
    assert view.table.current_row() is None and buttons(view) == (False, False, False)
    assert view.edit_document(show=False) is None and view.repeal_document(show=False) is None
    select_doc(view, OTHER)
    assert buttons(view) == (True, True, False)
    assert view.restore_document() is None  # in force: nothing to restore
    select_doc(view, REPEALED)
    assert buttons(view) == (True, False, True)
    assert view.repeal_document(show=False) is None  # repealed already
    assert "2022年9月27日" in view.detail.text() and GAZETTE in view.detail.text()


def test_a_double_click_opens_the_edit_dialog(window, idle, monkeypatch):
    view = documents(window)
    opened: list[str] = []
    monkeypatch.setattr(PlanEditDialog, "exec", lambda self: opened.append(self.entry.doc_no) or 0)
    row = view.model.row_of_key(entry(view, OTHER).id)
    view.table.doubleClicked.emit(view.model.index(row, 1))  # (QTest's double click reaches no Qt 6 view)
    idle()
    assert opened == [OTHER]


def test_editing_a_registered_documents_title(window, db, idle):
    view = documents(window)
    select_doc(view, OTHER)
    dialog = view.edit_document(show=False)
    assert isinstance(dialog, PlanEditDialog)
    assert dialog.doc_no.isEnabled() and not dialog.doc_no.isReadOnly() and dialog.title_edit.isEnabled()
    assert dialog.title_edit.text() == OTHER_TITLE and dialog.issued_on.date().toPython() == date(2023, 1, 20)
    new_title = OTHER_TITLE + "（修订）"
    dialog.title_edit.setText(new_title)
    dialog.save()
    idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.change.changed == [("标题", OTHER_TITLE, new_title)]

    # The register shows it, still selected, and the change log (by hand) has it.
    assert entry(view, OTHER).title == new_title
    assert view.table.current_row().doc_no == OTHER and new_title in view.detail.text()
    assert ("title", OTHER_TITLE, new_title, SOURCE_HAND) in register_log(db, OTHER)
    assert view.history.isVisible() and "标题" in view.history.text() and "（修订）" in view.history.text()
    assert "已修改" in window.statusBar().currentMessage()


def test_the_window_follows_a_corrected_number_of_the_document_it_shows(window, db, idle):
    window.backend.set_plan(OTHER)
    idle()
    assert window.backend.snapshot.plan == OTHER
    view = documents(window)
    select_doc(view, OTHER)
    dialog = view.edit_document(show=False)
    dialog.doc_no.setText("南川府办发〔2023〕13号")
    dialog.save()
    idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.backend.plan == window.backend.snapshot.plan == "南川府办发〔2023〕13号"
    assert ("doc_no", OTHER, "南川府办发〔2023〕13号", SOURCE_HAND) in register_log(db, "南川府办发〔2023〕13号")
    assert view.table.current_row().doc_no == "南川府办发〔2023〕13号"


def test_the_built_in_plans_number_and_title_are_read_only(window, db, idle):
    view = documents(window)
    select_doc(view, BUILT_IN)
    dialog = view.edit_document(show=False)
    for line in (dialog.doc_no, dialog.title_edit):
        assert line.isReadOnly() and not line.isEnabled()
        assert "程序自带" in line.toolTip()
    assert "程序自带" in dialog.builtin_note.text()
    assert dialog.values()["doc_no"] is None and dialog.values()["title"] is None
    # 发文机关 may be corrected.
    dialog.issuer.setText("重庆市南川区人民政府（督查）")
    dialog.save()
    idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert entry(view, BUILT_IN).issuer == "重庆市南川区人民政府（督查）"
    assert entry(view, BUILT_IN).doc_no == BUILT_IN
    # A registered document's fields are not greyed.
    select_doc(view, OTHER)
    assert view.edit_document(show=False).doc_no.isEnabled()


def test_an_empty_title_is_refused_in_the_dialog(window, db, idle, messages):
    view = documents(window)
    select_doc(view, OTHER)
    before = log_size(db)
    dialog = view.edit_document(show=False)
    dialog.title_edit.setText("   ")
    assert dialog.save() is None
    idle()
    assert refused(messages) == ["标题不能为空。"]
    assert dialog.result() != QDialog.DialogCode.Accepted and log_size(db) == before


def test_repealing_and_restoring_a_document(window, db, idle, messages):
    view = documents(window)
    select_doc(view, OTHER)
    dialog = view.repeal_document(show=False)
    assert isinstance(dialog, RepealDialog)
    assert OTHER in dialog.head.text() and OTHER_TITLE in dialog.head.text()  # the document is named
    assert dialog.on.date().toPython() == window.backend.today  # today by default
    dialog.by.setText(BY)
    dialog.on.setDate(date(2023, 4, 1))
    dialog.save()
    idle()
    assert dialog.result() == QDialog.DialogCode.Accepted

    repealed = entry(view, OTHER)
    assert (repealed.status, repealed.repealed_by, repealed.repealed_on) == ("废止", BY, "2023-04-01")
    assert view.table.current_row().id == repealed.id and buttons(view) == (True, False, True)
    assert "已于 2023年4月1日 由 南川府发〔2023〕8号 废止" in view.detail.text()
    assert any(title == "废止文件" and "已登记废止" in text for title, text in messages)
    assert ("status", "有效", "废止", SOURCE_HAND) in register_log(db, OTHER)
    assert "废止文件" in view.history.text() and "2023年4月1日" in view.history.text()

    # 恢复有效: the clerk is asked, with the document and its repeal named.
    messages.clear()
    op = view.restore_document()
    assert op is not None
    idle()
    question = messages[0]
    assert question[0] == "恢复有效" and OTHER_TITLE in question[1]
    assert f"文件{OTHER}已于2023年4月1日由{BY}废止" in question[1]
    restored = entry(view, OTHER)
    assert (restored.status, restored.repealed_by, restored.repealed_on) == ("有效", None, None)
    assert buttons(view) == (True, True, False) and "现行有效" in view.detail.text()
    assert any("已恢复" in text for _title, text in messages)


def test_restoring_is_asked_first(window, db, idle, monkeypatch):
    view = documents(window)
    select_doc(view, REPEALED)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.No))
    before = log_size(db)
    assert view.restore_document() is None
    idle()
    assert entry(view, REPEALED).status == "废止" and log_size(db) == before


def test_a_repeal_turns_off_the_warnings_in_every_view(window, db, idle):
    """The built-in plan repealed: its rows in 分工 show no warning, and come back when restored."""
    assignments = window.view("assignments")

    def shown_lights() -> set[str]:
        model = assignments.model
        return {model.row_at(i).light for i in range(model.rowCount())}

    assert lights.RED in shown_lights()
    view = documents(window)
    select_doc(view, BUILT_IN)
    dialog = view.repeal_document(show=False)
    dialog.by.setText(BY)
    dialog.save()
    idle()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert shown_lights() == {lights.GREEN}
    assert all(r.reasons and r.reasons[0].startswith("已废止") for r in assignments.model.rows)
    view.restore_document()
    idle()
    assert lights.RED in shown_lights()


def test_an_empty_repealing_number_is_refused_in_the_dialog(window, db, idle, messages):
    view = documents(window)
    select_doc(view, OTHER)
    before = log_size(db)
    dialog = view.repeal_document(show=False)
    dialog.by.setText("  ")
    assert dialog.save() is None
    idle()
    assert len(refused(messages)) == 1 and "废止文号" in refused(messages)[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert entry(view, OTHER).status == "有效" and log_size(db) == before


@pytest.mark.parametrize("by, on, words", [
    (BY, date(2023, 1, 1), "早于文件的成文日期"),  # OTHER was issued on 2023-01-20
    (OTHER, date(2023, 4, 1), "不能废止它自己"),
])
def test_a_refusal_of_the_core_is_shown_and_nothing_written(window, db, idle, messages, by, on, words):
    view = documents(window)
    select_doc(view, OTHER)
    before = log_size(db)
    dialog = view.repeal_document(show=False)
    dialog.by.setText(by)
    dialog.on.setDate(on)
    dialog.save()
    idle()
    shown = refused(messages)
    assert len(shown) == 1 and words in shown[0] and "Traceback" not in shown[0]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.save_button.isEnabled()  # open, to correct
    assert entry(view, OTHER).status == "有效" and log_size(db) == before


def test_a_number_another_document_has_is_refused_on_edit(window, db, idle, messages):
    view = documents(window)
    select_doc(view, OTHER)
    before = log_size(db)
    dialog = view.edit_document(show=False)
    dialog.doc_no.setText(GAZETTE)
    dialog.save()
    idle()
    shown = refused(messages)
    assert len(shown) == 1 and "已经登记" in shown[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert entry(view, OTHER).doc_no == OTHER and log_size(db) == before
