"""报送: preview before anything is written, import exactly what was previewed, undo a batch,
and a cancelled import writes nothing. Also the exports of 导出."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select

from greentasks.models import Assignment, ProgressEntry

TODAY = date(2023, 4, 10)
UNITS = ["区发展改革委", "区经济信息委"]


def returns_files(db, folder):
    from greentasks.domain.periods import parse_period
    from greentasks.services.exports import export_templates
    from tests.factories import fill_template

    paths = export_templates(db, folder, parse_period("2023Q1"), UNITS, today=TODAY)
    return [fill_template(p, progress="四月新报", reported_on=date(2023, 4, 8)) for p in paths]


def state(db) -> tuple[int, dict[int, tuple[str, int | None]]]:
    with db.reading() as session:
        entries = session.scalar(select(func.count()).select_from(ProgressEntry))
        assignments = {a.id: (a.status, a.latest_entry_id) for a in session.scalars(select(Assignment))}
    return entries, assignments


def test_preview_writes_nothing_then_commit_imports_exactly_that_and_undo_restores(window, db, idle, tmp_path):
    files = returns_files(db, tmp_path / "returns")
    view = window.view("returns")
    before = state(db)
    view.preview(files)
    idle()
    outcomes = {f.path.name: f.outcome for f in view.file_model.rows}
    assert set(outcomes.values()) == {"dry-run"}, [f.errors for f in view.file_model.rows]
    planned = {f.path.name: len(f.changes) for f in view.file_model.rows}
    assert sum(planned.values()) > 0
    assert state(db) == before  # nothing written by the preview
    assert view.commit_button.isEnabled() and "2" in view.commit_button.text()
    view.file_table.selectRow(0)
    assert view.change_model.rowCount() == len(view.file_table.current_row().changes)

    view.commit()
    idle()
    done = {f.path.name: f for f in view.file_model.rows}
    assert {f.outcome for f in done.values()} == {"imported"}
    assert {name: f.rows for name, f in done.items()} == {f.path.name: f.rows for f in done.values()}
    after = state(db)
    assert after[0] == before[0] + sum(f.rows for f in done.values())
    latest = [r for r in window.backend.overview.rows if r.department in UNITS and r.latest_progress]
    assert any("四月新报" in r.latest_progress for r in latest)
    batches = window.backend.snapshot.batches
    assert {b.file_name for b in batches[:2]} == set(done)
    assert view.batch_model.rowCount() == len(batches)

    # undo both batches, newest first, from the history table
    for batch in list(batches[:2]):
        assert view.batch_table.select_key(batch.id)
        assert view.undo_button.isEnabled()
        view.undo_selected(confirm=False)
        idle()
    assert state(db) == before
    assert not any("四月新报" in (r.latest_progress or "") for r in window.backend.overview.rows)
    undone = [b for b in window.backend.snapshot.batches if b.file_name in done]
    assert all(b.outcome == "undone" and not b.can_undo for b in undone)


def test_a_refused_file_is_listed_with_where_and_why(window, db, idle, tmp_path):
    bad = tmp_path / "区发展改革委_2023Q1_进展情况表.xlsx"
    bad.write_text("这不是表格", encoding="utf-8")
    view = window.view("returns")
    view.preview([bad])
    idle()
    [f] = view.file_model.rows
    assert f.outcome == "refused"
    assert view.problem_model.rowCount() == len(f.errors) > 0
    assert not view.commit_button.isEnabled()
    assert "不能导入 1 个" in view.summary.text()


def test_cancelling_an_import_writes_nothing(window, db, idle, tmp_path, monkeypatch, qtbot):
    files = returns_files(db, tmp_path / "returns")
    from greentasks.services import returns_import

    view = window.view("returns")
    view.preview(files)
    idle()
    before = state(db)
    batches = len(window.backend.snapshot.batches)
    real = returns_import.import_returns

    def waits_for_the_cancel_button(database, paths, **kw):
        deadline = time.monotonic() + 10
        while not kw["cancelled"]() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(database, paths, **kw)

    monkeypatch.setattr(returns_import, "import_returns", waits_for_the_cancel_button)
    op = view.commit()
    qtbot.waitUntil(lambda: op.progress_dialog is not None and op.progress_dialog.isVisible())
    from PySide6.QtWidgets import QPushButton

    [cancel] = op.progress_dialog.findChildren(QPushButton)
    assert cancel.text() == "取消"
    cancel.click()
    idle()
    assert op.cancel_requested
    assert {f.outcome for f in view.file_model.rows} == {"cancelled"}
    assert "已取消" in view.summary.text()
    assert state(db) == before
    assert len(window.backend.snapshot.batches) == batches


def test_exports_write_their_files(window, db, idle, tmp_path, messages):
    from ui.dialogs import export_dialog

    (tmp_path / "t").mkdir()
    export_dialog.export_templates(window, window.backend, folder=str(tmp_path / "t"), period="2023Q1",
                                   departments=UNITS)
    idle()
    assert sorted(p.name for p in (tmp_path / "t").iterdir()) == sorted(
        f"2023Q1_{u}_进展情况表.xlsx" for u in UNITS)
    for name, fn in (("ledger.xlsx", export_dialog.export_ledger), ("ind.xlsx", export_dialog.export_indicators),
                     ("units.xlsx", export_dialog.export_directory)):
        fn(window, window.backend, path=str(tmp_path / name))
        idle()
        assert (tmp_path / name).stat().st_size > 0
    export_dialog.export_scores(window, window.backend, "period", path=str(tmp_path / "scores.xlsx"))
    idle()
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "scores.xlsx").active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("考评" in t for t in texts) and "名次" in texts
    assert any(title == "导出完成" for title, _text in messages)
    from ui import prefs

    assert prefs.value("folders/ledger") == str(tmp_path)


def test_scores_tab_ranks_the_units(window, db, idle):
    from greentasks.services.queries import Context
    from greentasks.services.scores import unit_scores

    overview = window.view("overview")
    overview.tabs.setCurrentIndex(4)
    idle()
    with db.reading() as session:
        expected = unit_scores(session, Context.load(session, TODAY))
    rows = overview.score_model.rows
    assert [(s.department, s.rank, s.score) for s in rows] == [(s.department, s.rank, s.score) for s in expected]
    assert overview.score_rules.text()
    overview.score_scope.setCurrentIndex(1)
    idle()
    assert overview.score_model.rowCount() == len(expected)
