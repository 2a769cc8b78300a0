"""总览 over every document (services.dashboard.document_lines): each active document's line,
read for all documents in one query of counting rows, says what that document's own overview
says — whether or not an overview already loaded is handed in."""

from __future__ import annotations

from greentasks.domain.statuses import DONE
from greentasks.services import dashboard
from tests.test_plan_argument import OTHER, TODAY, add_second_plan


def test_each_line_counts_as_the_documents_own_overview(example_db):
    add_second_plan(example_db)
    with example_db.reading() as s:
        lines = dashboard.document_lines(s, TODAY)
        known = dashboard.load_overview(s, TODAY)
        with_known = dashboard.document_lines(s, TODAY, known=known)
        overviews = {None: known, OTHER: dashboard.load_overview(s, TODAY, plan=OTHER)}
    assert [line.doc_no for line in lines][1:] == [OTHER]  # the built-in plan first
    assert lines == with_known
    for line, overview in zip(lines, overviews.values(), strict=True):
        summary = overview.summary
        assert (line.tasks, line.assignments, line.done, line.overdue, line.due_soon, line.pending_closure,
                line.missing_units) == (summary.tasks, summary.assignments, summary.by_status[DONE], summary.overdue,
                                        summary.due_soon, summary.pending_closure, len(summary.missing_returns))
    assert lines[0].assignments > 100 and lines[1].assignments == 1
