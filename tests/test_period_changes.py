"""环比 (docs/periods.md#changes): what changed in a period since the period before.

The example office (returns up to 2023Q1) gets three more periods of returns in sequence, made as
the office makes them: the templates the program exports, filled in by each unit (most keep the
pre-filled status, a few change it), some units sending nothing. The expected change table is
computed here from what the test itself wrote into the returns and the stored 完成时限, with the
rules of docs/lights.md spelled out again — never from ``compare`` — and checked list by list
against ``compare``, ``changes --json``, the plain output and the ledger's 环比 sheet. The
starting point, the office as of 2023Q1, is read with ``assignment_rows`` like any sheet of 2023Q1.
"""

from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from greentasks.cli import main
from greentasks.db import Database
from greentasks.domain.deadlines import Deadline, due_on
from greentasks.domain.periods import Period
from greentasks.errors import UsageError
from greentasks.models import Assignment, Department, Plan, Task
from greentasks.services.actions import confirm_completions
from greentasks.services.exports import export_ledger, export_templates
from greentasks.services.period_changes import changes_for, compare
from greentasks.services.queries import Context, assignment_rows
from greentasks.services.returns_import import import_returns
from greentasks.services.settings import plan_horizon, warn_days

Q1, A, B, C = (Period.quarter(2023, n) for n in (1, 2, 3, 4))
TODAY = date(2024, 1, 10)  # 2023Q4 is the latest ended period (still open); the earlier ones are closed
# The day each period is seen from: its end plus the 5-day reporting allowance; today for the open one.
DAYS = {Q1: date(2023, 4, 5), A: date(2023, 7, 5), B: date(2023, 10, 5), C: TODAY}
SENT_ON = {A: date(2023, 7, 3), B: date(2023, 10, 3), C: date(2024, 1, 3)}
NEVER = {"区统计局", "区金融办"}  # missed 2023Q1 already (both reported for 2022Q4)
SKIP = {A: NEVER, B: NEVER | {"区大数据发展局"}, C: NEVER | {"区大数据发展局"}}
DONE, BEHIND = "已完成", "滞后"
ORDER = {"滞后": 0, "未启动": 1, "推进中": 2, "长期坚持": 3, "已完成": 4}
WORST = {"红": 0, "黄": 1, "绿": 2}


@dataclass
class Row:
    """An assignment as stored: what the expectation is computed from."""

    id: int
    unit: str
    category: str
    role: str
    parent_id: int | None
    deadline: Deadline
    task_no: int
    measure: str


@dataclass(frozen=True)
class St:
    status: str
    closure: str | None
    light: str
    overdue: bool
    text: str | None  # the 进展 of the row's own return for the period (None: no return)


@dataclass
class Office:
    path: Path
    rows: dict[int, Row]
    baseline: dict[int, St]  # as of 2023Q1
    issued_on: date
    horizon: date
    warn: int
    written: dict[Period, dict[int, tuple[str, str]]] = field(default_factory=dict)  # status, progress
    picks: dict[str, list[int]] = field(default_factory=dict)
    confirmed: set[int] = field(default_factory=set)  # 销号 by hand after the 2023Q4 returns

    def db(self) -> Database:
        return Database(self.path)


# -- the returns -----------------------------------------------------------------------------------

def _send(db: Database, folder: Path, period: Period, statuses: dict[int, str], texts: dict[int, str]) -> dict:
    """Every unit but the skipped ones fills in its exported template and sends it back."""
    written: dict[int, tuple[str, str]] = {}
    keep = []
    for path in export_templates(db, folder / period.code, period, today=SENT_ON[period]):
        wb = openpyxl.load_workbook(path)
        ws = wb["进展情况"]
        unit = str(ws["F2"].value).split("：", 1)[1]
        if unit in SKIP[period]:
            continue
        ws["C3"], ws["H3"], ws["J3"] = "张三", "023-71400000", SENT_ON[period]
        for cells in ws.iter_rows(min_row=5):
            aid = cells[11].value
            if aid is None:
                continue
            if aid in statuses:
                cells[6].value = statuses[aid]
            cells[7].value = texts.get(aid, f"{period.label}进展：第{aid}条，按计划推进")
            cells[8].value, cells[9].value = "无", "继续推进"
            written[aid] = (cells[6].value, cells[7].value)
        wb.save(path)
        keep.append(path)
    report = import_returns(db, keep)
    assert [f.outcome for f in report.files] == ["imported"] * len(keep)
    return written


def _pick(office: Office, n: int, taken: set[int], status: str = "推进中") -> list[int]:
    """Lead rows of units that always report, with a dated deadline well after the periods."""
    found = []
    for r in sorted(office.rows.values(), key=lambda r: r.id):
        if (r.id in taken or r.role != "牵头" or r.parent_id is not None or r.category == "集合"
                or r.unit in SKIP[C] or office.baseline[r.id].status != status or r.deadline.kind != "date"
                or r.deadline.due is None or r.deadline.due < date(2024, 6, 30)):
            continue
        found.append(r.id)
        if len(found) == n:
            break
    assert len(found) == n, "the example office has fewer rows to pick than the test needs"
    taken.update(found)
    return found


def _shares(office: Office, parent: int) -> list[int]:
    return [r.id for r in office.rows.values() if r.parent_id == parent]


@pytest.fixture(scope="module")
def office(tmp_path_factory, _example_template) -> Office:
    folder = tmp_path_factory.mktemp("changes")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GREENTASKS_DATA_DIR", str(folder / "data"))  # the imports' backups
        return _build(folder, _example_template)


def _build(folder: Path, template: Path) -> Office:
    path = folder / "office.db"
    shutil.copyfile(template, path)
    db = Database(path)
    with db.reading() as s:
        stored = s.execute(select(Assignment, Department, Task.no)
                           .join(Department, Department.id == Assignment.department_id)
                           .join(Task, Task.id == Assignment.task_id))
        rows = {a.id: Row(a.id, d.name, d.category, a.role, a.parent_id,
                          Deadline(a.deadline_text, a.deadline_kind, a.deadline_due, a.deadline_rule), no, a.measure)
                for a, d, no in stored}
        issued_on = s.scalar(select(Plan.issued_on).where(Plan.doc_no == "南川府发〔2022〕34号"))
        horizon, warn = plan_horizon(s), warn_days(s)
        baseline = {}
        for r in assignment_rows(s, Context.load(s, TODAY, Q1)):
            own = r.latest_progress if r.reported and r.latest_period == Q1.code and not r.shares else None
            baseline[r.id] = St(r.status, r.closure, r.light, r.status != DONE and r.due is not None
                                and r.due < DAYS[Q1], own)
    office = Office(path=path, rows=rows, baseline=baseline, issued_on=issued_on, horizon=horizon, warn=warn)
    # The units that never report have no work done, so they owe a return every period.
    assert all(baseline[r.id].status != DONE for r in rows.values() if r.unit in SKIP[C])

    taken: set[int] = set()
    picks = office.picks
    picks["done_A"] = _pick(office, 1, taken)
    picks["behind_A"] = _pick(office, 1, taken)
    picks["done_B"] = _pick(office, 2, taken)
    picks["behind_B"] = _pick(office, 1, taken)
    picks["same_AB"] = _pick(office, 2, taken)
    picks["same_Q1"] = [next(i for i, st in sorted(baseline.items()) if st.text and i not in taken
                             and rows[i].unit not in SKIP[C] and rows[i].parent_id is None)]
    picks["same_skipped"] = [next(r.id for r in rows.values() if r.unit == "区大数据发展局")]
    # A collective's line whose members all finish in 2023Q3 (the smallest such collective).
    collectives = [r.id for r in rows.values() if r.category == "集合" and _shares(office, r.id)
                   and baseline[r.id].status != DONE and all(rows[s].unit not in SKIP[C] for s in _shares(office, r.id))]
    picks["collective"] = [min(collectives, key=lambda c: len(_shares(office, c)))]
    taken.update(picks["same_Q1"])

    same = {picks["same_AB"][0]: ("本期推进顺利，按计划实施", "本期推进顺利， 按计划实施\n"),
            picks["same_AB"][1]: ("已完成初稿", "已完成　初稿")}
    texts_a = {i: a for i, (a, _) in same.items()}
    texts_a[picks["same_Q1"][0]] = "  " + baseline[picks["same_Q1"][0]].text.replace("，", "， ") + " "
    texts_a[picks["same_skipped"][0]] = "数据中心建设推进中"
    office.written[A] = _send(db, folder, A, {picks["done_A"][0]: DONE, picks["behind_A"][0]: BEHIND}, texts_a)
    statuses_b = {picks["behind_A"][0]: "推进中", picks["behind_B"][0]: BEHIND,
                  **{i: DONE for i in picks["done_B"] + _shares(office, picks["collective"][0])}}
    texts_b = {i: b for i, (_, b) in same.items()}
    office.written[B] = _send(db, folder, B, statuses_b, texts_b)
    office.written[C] = _send(db, folder, C, {}, {})
    office.confirmed = {picks["done_B"][0]}
    assert confirm_completions(db, sorted(office.confirmed)).value == 1
    db.dispose()
    return office


# -- the expectation -------------------------------------------------------------------------------

def _light(status: str, due: date | None, day: date, warn: int, missing: bool) -> str:
    """docs/lights.md: 已完成 is green; overdue is red; due within the warning days, 滞后 or a
    missing return is yellow."""
    if status == DONE:
        return "绿"
    if due is not None and due < day:
        return "红"
    if (due is not None and due <= day + timedelta(days=warn)) or status == BEHIND or missing:
        return "黄"
    return "绿"


def state(office: Office, period: Period) -> dict[int, St]:
    """Each assignment as of ``period``, from what was written into the returns."""
    if period == Q1:
        return office.baseline
    day = DAYS[period]
    earlier = [p for p in (A, B, C) if p.sort_key < period.sort_key]
    prior = state(office, earlier[-1] if earlier else Q1)
    out: dict[int, St] = {}
    for r in office.rows.values():
        if r.category == "集合":
            continue
        due = due_on(r.deadline, day, office.horizon)
        sent = office.written[period].get(r.id)
        if sent is not None:
            status, text, reported, done_in = sent[0], sent[1], True, period
        else:
            before = next((office.written[p][r.id] for p in reversed(earlier) if r.id in office.written[p]), None)
            status = before[0] if before else office.baseline[r.id].status
            text, reported, done_in = None, False, None
        owes = (r.role == "牵头" or r.parent_id is not None) and (status != DONE or done_in == period)
        closure = None
        if status == DONE:
            # 销号 stays while the unit reports the work done again; new work done waits for it.
            closure = "已销号" if prior[r.id].status == DONE and prior[r.id].closure == "已销号" else "待销号"
            if period == C and r.id in office.confirmed:
                closure = "已销号"
        out[r.id] = St(status, closure, _light(status, due, day, office.warn, owes and not reported),
                       status != DONE and due is not None and due < day, text)
    for r in office.rows.values():
        if r.category != "集合":
            continue
        shares = [out[s] for s in _shares(office, r.id)]
        due = due_on(r.deadline, day, office.horizon)
        if not shares:
            status = office.baseline[r.id].status
            out[r.id] = St(status, None, _light(status, due, day, office.warn, False),
                           status != DONE and due is not None and due < day, None)
            continue
        status = min((s.status for s in shares), key=ORDER.__getitem__)
        closure = None
        if status == DONE:
            closure = "待销号" if any(s.closure == "待销号" for s in shares) else "已销号"
        out[r.id] = St(status, closure, min((s.light for s in shares), key=WORST.__getitem__),
                       status != DONE and due is not None and due < day, None)
    return out


def expected(office: Office, period: Period, since: Period) -> dict:
    now, then = state(office, period), state(office, since)

    def ids(test) -> set[int]:
        return {i for i in now if test(now[i], then[i])}

    def same_text(p: St, q: St) -> bool:
        return bool(p.text and q.text and "".join(p.text.split()) == "".join(q.text.split()))

    top = [i for i, r in office.rows.items() if r.parent_id is None]
    dated = [i for i in top if office.rows[i].deadline.kind == "date"]
    end = period.end
    due = [i for i in dated if office.rows[i].deadline.due <= end]

    def share(start: date, stop: date) -> float:
        """The elapsed share of the days from ``start`` to ``stop`` by the period's end (a window
        that closed before it opened, a deadline before the plan was issued, is all elapsed)."""
        if stop < start:
            return 1.0
        return min(1.0, max(0.0, ((end - start).days + 1) / ((stop - start).days + 1)))

    return {
        "period": period.code, "since": since.code,
        "newly_completed": ids(lambda p, q: p.status == DONE and q.status != DONE),
        "newly_overdue": ids(lambda p, q: p.overdue and not q.overdue),
        "newly_behind": ids(lambda p, q: p.status == BEHIND and q.status != BEHIND),
        "light_changes": {(i, then[i].light, now[i].light) for i in now if now[i].light != then[i].light},
        "unchanged_text": ids(same_text),
        "completed_share": round(sum(now[i].status == DONE for i in top) / len(top), 4),
        "time_share": round(share(office.issued_on, office.horizon), 4),
        "newly_closed": ids(lambda p, q: p.closure == "已销号" and q.closure != "已销号"),
        "due_by_period": len(due),
        "due_done": sum(now[i].status == DONE for i in due),
        "window_share": round(sum(share(office.issued_on, office.rows[i].deadline.due) for i in dated) / len(dated), 4),
        "as_of": {"period": DAYS[period].isoformat(), "since": DAYS[since].isoformat()},
    }


# Counted by hand: 区统计局 and 区金融办 reported for 2022Q4 and for nothing since; 区大数据发展局
# reported for 2022Q4 and 2023Q2 only.
STREAKS = {
    A: [{"department": "区统计局", "periods": 2}, {"department": "区金融办", "periods": 2}],
    B: [{"department": "区统计局", "periods": 3}, {"department": "区金融办", "periods": 3}],
    C: [{"department": "区统计局", "periods": 4}, {"department": "区金融办", "periods": 4},
        {"department": "区大数据发展局", "periods": 2}],
}


def as_sets(data: dict) -> dict:
    """A changes document with its id lists as sets (their order is the ledger's, checked apart)."""
    out = dict(data)
    for key in ("newly_completed", "newly_overdue", "newly_behind", "unchanged_text", "newly_closed"):
        out[key] = set(data[key])
    out["light_changes"] = {(c["id"], c["from"], c["to"]) for c in data["light_changes"]}
    return out


def run(capsys, office: Office, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(office.path), "--today", TODAY.isoformat(), *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- the tests -------------------------------------------------------------------------------------

def test_the_scenario_moves_the_rows_it_says(office):
    """The hand model agrees with what was sent: the picks changed as the test wrote them."""
    a, b = state(office, A), state(office, B)
    assert a[office.picks["done_A"][0]].status == DONE and a[office.picks["behind_A"][0]].status == BEHIND
    assert b[office.picks["behind_A"][0]].status == "推进中"
    assert b[office.picks["collective"][0]].status == DONE
    assert state(office, C)[office.picks["done_B"][0]].closure == "已销号"


@pytest.mark.parametrize(("period", "since"), [(A, Q1), (B, A), (C, B), (C, A)], ids=str)
def test_every_assignment_that_changed_and_nothing_else(office, capsys, period, since):
    args = ["changes", "--period", period.code, "--json"] + (["--since", since.code] if since != period.previous() else [])
    code, out, err = run(capsys, office, *args)
    assert code == 0, err
    data = json.loads(out)
    want = expected(office, period, since)
    assert set(data) == set(want) | {"not_reported_streak"}
    got = as_sets(data)
    for key, value in want.items():
        assert got[key] == value, key
    assert data["not_reported_streak"] == STREAKS[period]
    # Every list is in the ledger's order (task by task).
    for key in ("newly_completed", "newly_overdue", "newly_behind", "unchanged_text", "newly_closed"):
        numbers = [office.rows[i].task_no for i in data[key]]
        assert numbers == sorted(numbers), key


def test_the_change_table_item_by_item(office):
    """2023Q3 against 2023Q2: each list holds exactly the rows the returns moved or time moved."""
    picks = office.picks
    with office.db().reading() as s:
        changes = compare(s, B, today=TODAY)
    want = expected(office, B, A)
    collective = picks["collective"][0]
    members = {i for i in _shares(office, collective) if state(office, A)[i].status != DONE}
    assert {i.id for i in changes.newly_completed} == set(picks["done_B"]) | members | {collective} \
        == want["newly_completed"]
    assert {i.id for i in changes.newly_behind} == set(picks["behind_B"]) == want["newly_behind"]
    assert {i.id for i in changes.unchanged_text} == set(picks["same_AB"]) == want["unchanged_text"]
    assert picks["same_skipped"][0] not in {i.id for i in changes.unchanged_text}  # no 2023Q3 return
    assert changes.newly_closed == [] == sorted(want["newly_closed"])
    assert {(i.id, i.before, i.after) for i in changes.light_changes} == want["light_changes"]
    assert {i.id for i in changes.newly_overdue} == want["newly_overdue"]
    # Time alone turns some work red: deadlines that passed between 2023-07-05 and 2023-10-05.
    assert want["newly_overdue"] and all(
        DAYS[A] <= office.rows[i].deadline.due < DAYS[B] for i in want["newly_overdue"]
        if office.rows[i].deadline.kind == "date")
    # What a clerk's line needs is in each item.
    done = next(i for i in changes.newly_completed if i.id == picks["done_B"][0])
    row = office.rows[done.id]
    assert (done.task_no, done.department, done.measure, done.change) == (row.task_no, row.unit, row.measure,
                                                                          "推进中→已完成")
    assert done.label.startswith(f"任务{row.task_no} {row.unit}：")
    back = next(i for i in changes.light_changes if i.id == picks["behind_A"][0])
    assert (back.before, back.after, back.note) == ("黄", "绿", "已恢复正常")
    assert [u.department for u in changes.not_reported_streak] == ["区统计局", "区金融办"]
    assert changes.not_reported_streak[0].first == Q1 and changes.not_reported_streak[0].owed == 1
    assert changes.changed_ids() == (want["newly_completed"] | want["newly_overdue"] | want["newly_behind"]
                                     | {i for i, _, _ in want["light_changes"]})


def test_a_single_missed_period_is_listed_only_when_asked(office):
    with office.db().reading() as s:
        default = compare(s, B, today=TODAY)
        one = compare(s, B, today=TODAY, min_streak=1)
    assert "区大数据发展局" not in {u.department for u in default.not_reported_streak}
    assert [(u.department, u.periods) for u in one.not_reported_streak] == [
        ("区统计局", 3), ("区金融办", 3), ("区大数据发展局", 1)]


def test_a_since_that_is_not_earlier_is_a_usage_error(office, capsys):
    for since in ("2023Q3", "2023Q4", "2023年第三季度"):
        code, out, err = run(capsys, office, "changes", "--period", "2023Q3", "--since", since)
        assert code == 2 and out == ""
        assert "应早于本期（2023年第三季度）" in err and "Traceback" not in err
    code, _, err = run(capsys, office, "changes", "--period", "2023Q3", "--since", "上季度")
    assert code == 2 and "报送期“上季度”无法识别" in err
    with pytest.raises(UsageError, match="成文日期"), office.db().reading() as s:
        compare(s, Period.quarter(2021, 2), today=TODAY)


def test_without_a_period_the_latest_ended_one_is_compared(office, capsys):
    code, out, _ = run(capsys, office, "changes", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["period"], data["since"]) == ("2023Q4", "2023Q3")
    assert set(data["newly_closed"]) == office.confirmed
    assert changes_for(office.db(), C, today=TODAY).to_json() == data


def test_a_completion_closed_before_stays_closed_when_reported_again(office):
    """Work confirmed (销号) in 2023Q1 and reported 已完成 again in each later return stays 已销号 as
    of every period, so 2023Q4 against 2023Q3 names only the completion confirmed since."""
    with office.db().reading() as s:
        changes = compare(s, C, today=TODAY)
    assert {i.id for i in changes.newly_closed} == office.confirmed == expected(office, C, B)["newly_closed"]


def test_the_plain_output_speaks_a_clerks_words(office, capsys):
    code, out, _ = run(capsys, office, "changes", "--period", "2023年第三季度")
    assert code == 0
    want = expected(office, B, A)
    lines = out.splitlines()
    def own(key: str) -> int:  # the plan's own rows; the members' shares are counted after them
        return sum(office.rows[i[0] if isinstance(i, tuple) else i].parent_id is None for i in want[key])

    def shared(key: str) -> int:
        return len(want[key]) - own(key)

    shares = "，".join(f"{word}{shared(key)}项" for key, word in (
        ("newly_completed", "新完成"), ("newly_behind", "新滞后"), ("newly_overdue", "新逾期"),
        ("light_changes", "预警变化")) if shared(key))
    assert shares, "the example's towns report their shares of the collectives' work"
    assert lines[0] == (f"2023年第三季度与2023年第二季度相比：新完成{own('newly_completed')}项，新销号0项，"
                        f"新滞后{own('newly_behind')}项，新逾期{own('newly_overdue')}项，"
                        f"预警变化{own('light_changes')}项，连续2期及以上未报送的单位2个，进展与上期相同2项。"
                        f"各乡镇（街道）等集合的成员单位分项另有：{shares}。")
    assert lines[1] == "（本期按2023年10月5日、上期按2023年7月5日的情况比较。）"
    assert lines[2].startswith("截至2023年第三季度累计完成") and "序时进度" in lines[2]
    for i in office.picks["done_B"]:
        r = office.rows[i]
        assert any(line.startswith(f"  #{i} 任务{r.task_no} {r.unit}：") and line.endswith("推进中→已完成")
                   for line in lines), i
    assert "新销号：无" in lines
    assert "  区统计局  连续3期未报送（2023年第一季度至2023年第三季度），应报分工1项" in lines
    same = [line for line in lines if "进展与上期相同" in line and line.startswith("  #")]
    assert sorted(int(line.split()[0][1:]) for line in same) == sorted(office.picks["same_AB"])
    assert "2023Q" not in out  # codes only in JSON


def _sheet_sections(ws) -> dict[str, list[tuple]]:
    sections: dict[str, list[tuple]] = {}
    current = None
    for row in ws.iter_rows(min_row=1, values_only=True):
        first = row[0]
        if isinstance(first, str) and row[1] is None and "（" in first and first.split("（")[0] in (
                "新完成", "新销号", "新滞后", "新逾期", "预警变化", "连续未报送", "进展与上期相同"):
            current = first.split("（")[0]
            sections[current] = []
        elif current and isinstance(first, int):
            sections[current].append(row)
    return sections


def test_the_ledger_has_a_changes_sheet(office, tmp_path):
    out = export_ledger(office.db(), tmp_path / "总台账.xlsx", B, TODAY)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "环比"
    ws = wb["环比"]
    want = expected(office, B, A)
    assert ws["A2"].value == "2023年第三季度与2023年第二季度相比（本期按2023年10月5日、上期按2023年7月5日的情况比较）"
    assert ws["A3"].value.startswith("2023年第三季度与2023年第二季度相比：新完成")
    assert "序时进度" in ws["A4"].value and f"完成率{want['completed_share'] * 100:.1f}%" in ws["A4"].value
    sections = _sheet_sections(ws)
    assert list(sections) == ["新完成", "新销号", "新滞后", "新逾期", "预警变化", "连续未报送", "进展与上期相同"]

    def lines(ids: set[int], change) -> set[tuple]:
        return {(office.rows[i].unit, office.rows[i].task_no, office.rows[i].measure, change(i)) for i in ids}

    got = {name: {(r[1], r[2], r[3], r[4]) for r in rows} for name, rows in sections.items()}
    then = state(office, A)
    assert got["新完成"] == lines(want["newly_completed"], lambda i: f"{then[i].status}→已完成")
    assert got["新滞后"] == lines(want["newly_behind"], lambda i: f"{then[i].status}→滞后")
    assert got["新销号"] == set()
    late = {i: (DAYS[B] - due_on(office.rows[i].deadline, DAYS[B], office.horizon)).days for i in want["newly_overdue"]}
    assert got["新逾期"] == lines(want["newly_overdue"], lambda i: f"未逾期→已逾期{late[i]}天")
    assert got["预警变化"] == {(office.rows[i].unit, office.rows[i].task_no, office.rows[i].measure, f"{f}→{t}")
                               for i, f, t in want["light_changes"]}
    assert got["进展与上期相同"] == lines(want["unchanged_text"], lambda i: "与上期相同")
    assert [(r[1], r[2], r[3]) for r in sections["连续未报送"]] == [
        ("区统计局", 1, "连续3期未报送（2023年第一季度至2023年第三季度）"),
        ("区金融办", 2, "连续3期未报送（2023年第一季度至2023年第三季度）")]
    # Each data row is tall enough for its wrapped 具体工作 (46 wide, a Chinese character 2 units).
    for row in ws.iter_rows(min_row=1):
        if isinstance(row[0].value, int) and row[3].value:
            need = math.ceil(2 * len(str(row[3].value)) / 46) * 13
            assert (ws.row_dimensions[row[0].row].height or 0) >= need, row[0].row
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4


def test_the_ledger_without_a_period_compares_the_latest_ended_one(office, tmp_path):
    """The ledger's own rows (the newest state) stand for the open period they equal."""
    ws = openpyxl.load_workbook(export_ledger(office.db(), tmp_path / "总台账.xlsx", None, TODAY))["环比"]
    changes = changes_for(office.db(), C, today=TODAY)
    assert ws["A3"].value == changes.headline()
    assert ws["A3"].value.startswith("2023年第四季度与2023年第三季度相比：")


def test_rows_of_another_state_handed_to_compare_are_not_used(office):
    with office.db().reading() as s:
        other = Context.load(s, TODAY, A)
        wrong = (other, assignment_rows(s, other))
        assert compare(s, B, today=TODAY, loaded=wrong).to_json() == compare(s, B, today=TODAY).to_json()
        newest = Context.load(s, TODAY)  # the newest state, seen on a later day than the period's
        later = Context.load(s, TODAY + timedelta(days=40))
        assert compare(s, C, today=TODAY, loaded=(later, assignment_rows(s, later))).to_json() \
            == compare(s, C, today=TODAY, loaded=(newest, assignment_rows(s, newest))).to_json() \
            == compare(s, C, today=TODAY).to_json()
