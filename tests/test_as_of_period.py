"""The state as of a period (docs/periods.md#as-of): once later returns are in, every sheet that
names an earlier period still shows that period's texts, statuses, 销号 and lights.

The office is the example one (returns up to 2023Q1, as of 2023-04-10); the test then sends the
2023Q2 and 2023Q3 returns the way units do (templates exported by the program, filled in), and
checks each period against what the office saw when that period was the newest one."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import select, update

from greentasks.cli import main
from greentasks.domain.asof import AsOf, report_day
from greentasks.domain.periods import Period
from greentasks.models import Assignment, ChangeLog
from greentasks.services import actions
from greentasks.services.asof import states_as_of
from greentasks.services.queries import Context, assignment_rows, missing_units, status_summary
from greentasks.services.returns_import import import_returns
from greentasks.services.settings import ALLOWANCE, set_setting
from tests.factories import filled_returns

Q1, Q2, Q3 = (Period.quarter(2023, i) for i in (1, 2, 3))
AUTUMN = date(2023, 10, 10)  # 2023Q3 has ended: Q1 and Q2 are closed periods, Q3 is open
FIELDS = ("status", "closure", "light", "due", "latest_period", "latest_progress", "latest_problems",
          "latest_next_steps", "reported", "owes")


def state(db, period: Period | None, today: date = AUTUMN) -> dict[int, tuple]:
    with db.reading() as session:
        return {r.id: tuple(getattr(r, f) for f in FIELDS)
                for r in assignment_rows(session, Context.load(session, today, period))}


def send(db, tmp_path, period: str, day: date, text: str, cycle, *, skip: set[str] = frozenset()) -> None:
    files = filled_returns(db, tmp_path / period, period, day, progress=text, reported_on=day, status_cycle=cycle)
    files = [f for f in files if not any(name in f.name for name in skip)]
    report = import_returns(db, files)
    assert not report.refused and report.files and len(report.files) == len(files), [f.errors for f in report.refused]


def test_the_history_rebuilds_the_stored_state(example_db):
    """Read back with every logged change counted, the history gives the stored columns: the
    example office's returns, 销号 and 退回 over four periods."""
    with example_db.reading() as session:
        plan_id = Context.load(session, date(2023, 4, 10)).plan.id
        seen = states_as_of(session, plan_id, AsOf(Q1, date(2023, 4, 10), cutoff=date(2030, 1, 1)))
        stored = session.execute(select(Assignment.id, Assignment.status, Assignment.closure,
                                        Assignment.latest_entry_id)).all()
    assert len(seen) == len(stored) > 100
    assert {(a, s, c, e) for a, s, c, e in stored} == {
        (a, st.status, st.closure, st.entry.id if st.entry else None) for a, st in seen.items()}
    assert {st.closure for st in seen.values()} >= {"已销号", "待销号"}


def test_each_period_shows_its_own_returns_after_later_ones(example_db, tmp_path):
    q1_then = state(example_db, Q1)
    send(example_db, tmp_path, "2023Q2", date(2023, 7, 4), "第二季度进展", ("推进中", "滞后", "已完成"))
    q2_then = state(example_db, Q2)
    send(example_db, tmp_path, "2023Q3", date(2023, 10, 5), "第三季度进展", ("已完成", "推进中"))
    newest = state(example_db, None)

    assert state(example_db, Q1) == q1_then
    assert state(example_db, Q2) == q2_then
    # The open period (Q3 on 2023-10-10) is the newest state.
    assert state(example_db, Q3) == newest
    texts = {p: {v[5] for v in s.values() if v[5]} for p, s in (("Q1", q1_then), ("Q2", q2_then))}
    assert not any("第二季度进展" in t or "第三季度进展" in t for t in texts["Q1"])
    assert any(t.startswith("第二季度进展") for t in texts["Q2"])
    assert not any("第三季度进展" in t for t in texts["Q2"])
    assert {v[4] for v in q2_then.values()} >= {"2023Q2"} and "2023Q3" not in {v[4] for v in q2_then.values()}
    # Statuses moved between the periods, and each period keeps its own.
    assert sum(q1_then[a][0] != q2_then[a][0] for a in q1_then) > 10
    assert sum(q2_then[a][0] != newest[a][0] for a in q2_then) > 10


def test_lights_of_a_closed_period_are_those_of_its_reporting_day(example_db):
    with example_db.reading() as session:
        ctx = Context.load(session, AUTUMN, Q1)
        assert ctx.as_of is not None and not ctx.as_of.open
        assert ctx.today == report_day(Q1) == date(2023, 4, 5)
        rows = assignment_rows(session, ctx)
        later = {r.id: r for r in assignment_rows(session, Context.load(session, AUTUMN))}
    # Work due between the reporting day and October is not yet late in the Q1 sheet.
    due_between = [r for r in rows if r.deadline_kind == "date" and r.due and date(2023, 4, 5) <= r.due < AUTUMN
                   and r.status != "已完成"]
    assert due_between
    for r in due_between:
        assert r.light != "红" or any("逾期" not in x for x in r.reasons)
        assert later[r.id].light == "红"
    assert all(not r.reasons or "已逾期" not in r.reasons[0] or r.due < date(2023, 4, 5) for r in rows)


def test_the_reporting_allowance_is_the_offices_setting(example_db):
    with example_db.writing() as session:
        set_setting(session, ALLOWANCE, "12")
    with example_db.reading() as session:
        assert Context.load(session, AUTUMN, Q1).today == date(2023, 4, 12)
        # An open period is seen from today whatever the allowance.
        assert Context.load(session, AUTUMN, Q3).today == AUTUMN
        assert Context.load(session, AUTUMN).as_of is None


def _backdate(db, assignment_id: int, day: date) -> None:
    """Make the hand changes just logged for one assignment look as if made on ``day``."""
    at = datetime.combine(day, datetime.min.time()) + timedelta(hours=10)
    with db.writing() as session:
        newest = session.scalar(select(ChangeLog.at).where(ChangeLog.entity == "assignments",
                                                           ChangeLog.entity_id == assignment_id)
                                .order_by(ChangeLog.id.desc()))
        session.execute(update(ChangeLog).where(ChangeLog.entity == "assignments",
                                                ChangeLog.entity_id == assignment_id, ChangeLog.at == newest)
                        .values(at=at))


def test_hand_changes_and_closures_count_from_their_day(example_db, tmp_path):
    with example_db.reading() as session:
        rows = assignment_rows(session, Context.load(session, date(2023, 4, 10), Q1))
    pending = next(r for r in rows if r.closure == "待销号")
    moving = next(r for r in rows if r.status == "推进中" and r.role == "牵头" and r.department != pending.department)
    actions.confirm_completions(example_db, [pending.id])
    _backdate(example_db, pending.id, date(2023, 4, 20))
    actions.edit_assignment(example_db, moving.id, moving.version, status="滞后")
    _backdate(example_db, moving.id, date(2023, 5, 10))
    # The unit of the hand-changed work sends nothing for Q2; every other unit does.
    send(example_db, tmp_path, "2023Q2", date(2023, 7, 4), "第二季度进展", ("推进中",),
         skip={moving.department, pending.department})
    q1 = {r.id: r for r in _rows(example_db, Q1)}
    q2 = {r.id: r for r in _rows(example_db, Q2)}
    assert (q1[pending.id].status, q1[pending.id].closure) == ("已完成", "待销号")  # confirmed on 4-20
    assert (q2[pending.id].status, q2[pending.id].closure) == ("已完成", "已销号")
    assert q1[moving.id].status == "推进中" and q2[moving.id].status == "滞后"
    # Q2's own return for the same unit would have decided instead: the return is the newer record.
    assert q2[moving.id].latest_period == "2023Q1"


def _rows(db, period):
    with db.reading() as session:
        return assignment_rows(session, Context.load(session, AUTUMN, period))


def test_counts_and_missing_units_are_those_of_the_period(example_db, tmp_path):
    with example_db.reading() as session:
        ctx = Context.load(session, AUTUMN, Q1)
        before = status_summary(session, ctx).to_json()
        missing_before = [m.name for m in missing_units(session, ctx)]
    send(example_db, tmp_path, "2023Q2", date(2023, 7, 4), "第二季度进展", ("已完成",))
    with example_db.reading() as session:
        ctx = Context.load(session, AUTUMN, Q1)
        assert status_summary(session, ctx).to_json() == before
        assert [m.name for m in missing_units(session, ctx)] == missing_before
        q2 = status_summary(session, Context.load(session, AUTUMN, Q2))
    assert q2.by_status["已完成"] > before["by_status"]["已完成"]
    assert q2.missing_returns == []


@pytest.fixture
def office(tmp_path):
    """An office file made by the command line, with the Q2 returns in after the Q1 ones."""
    from greentasks.db import Database

    path = tmp_path / "office.db"
    assert main(["--db", str(path), "--today", "2023-04-10", "init", "--example"]) == 0
    db = Database(path)
    send(db, tmp_path, "2023Q2", date(2023, 7, 4), "第二季度进展", ("滞后", "已完成"))
    db.dispose()
    return path


def run(capsys, path, *args) -> str:
    capsys.readouterr()
    assert main(["--db", str(path), "--today", "2023-10-10", *args]) == 0
    return capsys.readouterr().out


def test_every_period_command_reads_the_period(office, tmp_path, capsys):
    q1_list = json.loads(run(capsys, office, "list", "--period", "2023Q1", "--json"))
    q2_list = json.loads(run(capsys, office, "list", "--period", "2023Q2", "--json"))
    assert q1_list and all(not (r["latest_progress"] or "").startswith("第二季度进展") for r in q1_list)
    assert {r["latest_period"] for r in q1_list} <= {"2023Q1", "2022Q4", "2022Q3", None}
    assert any((r["latest_progress"] or "").startswith("第二季度进展") for r in q2_list)
    q1_status = json.loads(run(capsys, office, "status", "--period", "2023Q1", "--json"))
    assert q1_status["today"] == "2023-04-05" and q1_status["period"] == "2023Q1"
    assert q1_status["by_status"] == {s: sum(r["status"] == s for r in q1_list) for s in q1_status["by_status"]}
    assert "2023年第一季度" in run(capsys, office, "status", "--period", "2023Q1")

    # The ledger of Q1 holds exactly the Q1 texts and lights.
    ledger = tmp_path / "总台账.xlsx"
    run(capsys, office, "export-ledger", str(ledger), "--period", "2023Q1")
    ws = openpyxl.load_workbook(ledger, read_only=True)["总台账"]
    cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c]
    assert not any("第二季度进展" in c for c in cells)
    assert any("2023年第一季度" in c for c in cells)

    # The PDF status sheet of Q1 too.
    from pypdf import PdfReader

    pdf = tmp_path / "推进情况表.pdf"
    run(capsys, office, "report", str(pdf), "--period", "2023Q1")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "第二季度进展" not in text and "2023年4月5日" in text

    # Templates for Q3 are pre-filled with the state as of Q2; those for Q2 with Q1's.
    from greentasks.db import Database

    db = Database(office)
    for period, before in (("2023Q3", Q2), ("2023Q2", Q1)):
        out = tmp_path / f"下发{period}"
        run(capsys, office, "export-templates", str(out), "--period", period)
        by_id = {r.id: r.status for r in _rows(db, before)}
        seen = 0
        for book in out.glob("*.xlsx"):
            sheet = openpyxl.load_workbook(book)["进展情况"]
            for row in sheet.iter_rows(min_row=5, values_only=True):
                if row[11] is None:
                    continue
                seen += 1
                assert row[6] == by_id[int(row[11])]
        assert seen > 50
    db.dispose()
