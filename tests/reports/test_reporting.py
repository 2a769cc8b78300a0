"""services.reporting: the report a clerk asks for (kind, 报送期, a unit by name or alias, the
scores' scope) and the 打印 dialog's choices, on the example office; the ``report`` command and
the dialog both build their report through it."""

from __future__ import annotations

import pytest

from greentasks.domain.rules import category_sort_key
from greentasks.errors import UsageError
from greentasks.services.reporting import report_choices, report_for

from .conftest import LATER, Q1, TODAY


def test_an_unknown_unit_is_a_usage_error_naming_the_closest(office):
    with pytest.raises(UsageError, match="单位“区发改局”不在单位通讯录中。最接近的已知单位：.*区发展改革委"):
        report_for(office, TODAY, "unit", None, "区发改局")


def test_a_unit_by_its_alias_and_the_period_asked_for_or_the_latest_ended(office):
    report = report_for(office, TODAY, "unit", Q1, "发改委")
    assert report.parts[0].key == "区发展改革委" and report.period == "2023Q1" and report.as_of == TODAY
    assert report_for(office, LATER, "full").period == "2023Q2"  # the latest ended on 2023-07-10
    assert report_for(office, LATER, "full", Q1).period == "2023Q1"


def test_the_scores_of_the_period_or_of_the_plan_so_far(office):
    period = report_for(office, LATER, "scores", Q1, scope="period")
    plan = report_for(office, LATER, "scores", Q1, scope="plan")
    assert "（本期）" in period.plain_text() and "（累计）" in plan.plain_text()
    assert report_for(office, LATER, "scores", Q1).plain_text() == period.plain_text()  # the period by default


def test_the_dialog_offers_recent_periods_and_the_units_with_work_by_category(office):
    from greentasks.services.units import unit_rows

    choices = report_choices(office, TODAY)
    assert choices.default_period == Q1
    assert choices.periods[0].code == "2023Q2" and Q1 in choices.periods  # newest first
    assert [p.sort_key for p in choices.periods] == sorted((p.sort_key for p in choices.periods), reverse=True)
    with office.reading() as session:
        rows = {u.name: u for u in unit_rows(session)}
    assert choices.units and all(rows[name].assignments for name in choices.units)
    assert set(choices.units) == {name for name, u in rows.items() if u.assignments}
    ranks = [category_sort_key(rows[name].category)[0] for name in choices.units]
    assert ranks == sorted(ranks)
    assert "区发展改革委" in choices.units


def test_the_command_and_the_dialog_build_through_report_for(office, tmp_path, monkeypatch, qapp):
    """One way to ask for a report: the command line's ``report`` and the dialog's worker both
    call services.reporting.report_for, with the period parsed at their edge."""
    from greentasks.cli import main
    from greentasks.services import reporting
    from ui.dialogs.report_dialog import ReportRequest, build_requested

    calls: list[tuple] = []

    def recorded(db, today, kind, period=None, department=None, scope="period", *, plan=None):
        calls.append((today, kind, period, department, scope))
        raise UsageError("记下了")

    monkeypatch.setattr(reporting, "report_for", recorded)
    assert office.sqlite_path is not None
    code = main(["--db", str(office.sqlite_path), "--today", "2023-04-10", "report", str(tmp_path / "x.pdf"),
                 "--kind", "unit", "--department", "发改委", "--period", "2023年第一季度"])
    assert code == 2
    with pytest.raises(UsageError, match="记下了"):
        build_requested(office, TODAY, ReportRequest("scores", "2023Q1", None, "plan"))
    assert calls == [(TODAY, "unit", Q1, "发改委", "period"), (TODAY, "scores", Q1, None, "plan")]
