"""The window's document selector (issue: many documents at once): 总览 over every active document
with a line each, then every per-document view — 总览, 任务, 分工, the ledger, reports, a new
assignment — on the document picked. Task 3 of the second document is not task 3 of the built-in
plan anywhere."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from tests.ui.conftest import TODAY, wait

OTHER = "南川府办发〔2023〕99号"


def add_second_plan(db_path) -> None:
    from greentasks.db import Database
    from greentasks.models import Plan, Section, Task
    from greentasks.services.assignments import create_assignment
    from greentasks.services.audit import Actor
    from greentasks.services.directory import DirectoryIndex

    db = Database(db_path)
    with db.writing() as s:
        plan = Plan(doc_no=OTHER, title="测试用的第二个文件", issuer="区政府办公室", issued_on=date(2022, 1, 1))
        section = Section(plan=plan, path="一", code="一", title="一、第二个文件的章节", position=0)
        tasks = [Task(plan=plan, no=n, title=f"第二个文件的任务{n}", section=section) for n in (1, 2, 3)]
        s.add_all([plan, section, *tasks])
        s.flush()
        unit = DirectoryIndex(s).resolve("区发展改革委")
        create_assignment(s, Actor(user="测试"), tasks[2], unit, "牵头", "第二个文件第3项任务的工作", "2023年3月31日")
    db.dispose()


@pytest.fixture
def two_documents(qtbot, office):
    from ui.main_window import MainWindow

    add_second_plan(office)
    w = MainWindow(db_target=str(office), today=TODAY)
    qtbot.addWidget(w)
    w.show()
    w.start()
    wait()
    assert w.backend.ready, w.backend.error
    yield w
    wait()


def test_one_document_shows_no_selector_and_no_document_lines(window):
    assert not window.plan_selector_action.isVisible()
    assert not window.view("overview").documents_box.isVisibleTo(window)
    assert window.backend.plan is None


def test_the_overview_has_a_line_per_document_and_the_selector_lists_both(two_documents):
    w = two_documents
    assert w.plan_selector_action.isVisible()
    combo = w.plan_selector.combo
    assert combo.count() == 2
    assert combo.itemText(0).startswith("南川府发〔2022〕34号")  # the built-in plan first
    assert combo.itemText(1).startswith(OTHER)
    dashboard = w.view("overview")
    assert dashboard.documents_box.isVisibleTo(w)
    lines = {d.doc_no: d for d in dashboard.documents_model.rows}
    assert set(lines) == {"南川府发〔2022〕34号", OTHER}
    assert lines[OTHER].tasks == 3 and lines[OTHER].assignments == 1
    builtin = w.backend.shown.summary
    assert lines["南川府发〔2022〕34号"].assignments == builtin.assignments
    assert "全部文件合计" in dashboard.documents_summary.text()
    assert str(builtin.assignments + 1) in dashboard.documents_summary.text()


def test_picking_a_document_shows_it_in_every_view(two_documents):
    w = two_documents
    builtin_total = w.backend.shown.summary.assignments
    assert w.choose_plan(OTHER)
    wait()
    assert w.backend.plan == OTHER
    assert OTHER in w.windowTitle()
    assert w.view("overview").cards["total"].number.text() == "1"
    assert [t["no"] for t in w.backend.snapshot.tasks] == [1, 2, 3]
    assert len(w.view("tasks").model.by_no) == 3
    rows = w.view("assignments").model.rows
    assert [(r.task_no, r.measure) for r in rows] == [(3, "第二个文件第3项任务的工作")]
    # The document lines stay, the one shown tinted; double-clicking the built-in plan goes back.
    dashboard = w.view("overview")
    builtin_line = next(d for d in dashboard.documents_model.rows if d.doc_no == "南川府发〔2022〕34号")
    assert dashboard.documents_model.shown_id != builtin_line.plan_id
    dashboard.choose_document(builtin_line)
    wait()
    assert w.backend.plan is None
    assert len(w.backend.snapshot.tasks) == 34
    assert w.view("overview").cards["total"].number.text() == str(builtin_total)


def test_the_ledger_and_a_new_assignment_are_of_the_document_shown(two_documents, tmp_path):
    from sqlalchemy import select

    from greentasks.models import Assignment, Plan, Task
    from ui import operations
    from ui.dialogs.export_dialog import export_ledger

    w = two_documents
    w.choose_plan(OTHER)
    wait()
    out = tmp_path / "ledger.xlsx"
    export_ledger(w, w.backend, path=str(out), period="2023Q1")
    wait()
    ws = openpyxl.load_workbook(out).worksheets[0]
    cells = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    assert "第二个文件第3项任务的工作" in cells
    assert "第二个文件的任务3" in cells
    unit = next(u for u in w.backend.snapshot.units if u.name == "区财政局")
    operations.create_assignment(w, w.backend, 1, unit.id, "牵头", "加到第二个文件第1项", "2023年12月31日")
    wait()
    with w.backend.db.reading() as s:
        plan_no = s.scalar(select(Plan.doc_no).join(Task, Task.plan_id == Plan.id)
                           .join(Assignment, Assignment.task_id == Task.id)
                           .where(Assignment.measure == "加到第二个文件第1项"))
    assert plan_no == OTHER
    assert any(r.measure == "加到第二个文件第1项" for r in w.view("assignments").model.rows)


def test_a_report_is_of_the_document_shown(two_documents):
    from ui.dialogs.report_dialog import ReportDialog, build_requested

    w = two_documents
    w.choose_plan(OTHER)
    wait()
    dialog = ReportDialog(w, w.backend.db, TODAY, "preview", w.backend.plan)
    dialog.kind.setCurrentIndex(dialog.kind.findData("full"))  # (the dialog starts on the kind last built)
    request = dialog.request()
    assert request.plan == OTHER
    report = build_requested(w.backend.db, TODAY, request)
    text = " ".join(str(x) for x in _texts(report))
    assert "第二个文件第3项任务的工作" in text
    assert OTHER in text
    dialog.reject()


def _texts(report):
    """Every string a report holds (its title lines and table cells), however it nests them."""
    seen = []

    def walk(x):
        if isinstance(x, str):
            seen.append(x)
        elif isinstance(x, (list, tuple)):
            for y in x:
                walk(y)
        elif hasattr(x, "__dict__"):
            for y in vars(x).values():
                walk(y)

    walk(report)
    return seen
