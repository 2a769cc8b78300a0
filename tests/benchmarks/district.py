"""A district office for the benchmark (issue: speed at the next scale): 20 documents (the
built-in plan and 19 others), 20,000 assignments and 1,000,000 progress entries over 20
quarters, written with bulk inserts (the services would take hours to log every row).

Each assignment has a live return for every quarter and, for most quarters, one or two earlier
returns it replaced (superseded), as units that resend a corrected sheet leave them. The
documents differ in size, as real ones do: the largest holds 3,000 assignments."""

from __future__ import annotations

import random
from datetime import date, datetime

from sqlalchemy import insert, select

from greentasks.db import Database
from greentasks.domain.deadlines import parse_deadline
from greentasks.domain.periods import Period
from greentasks.models import Department, Plan, Section, Task
from greentasks.models.base import text_key
from greentasks.services.bootstrap import initialize

TODAY = date(2026, 1, 10)  # the latest ended quarter is 2025Q4
FIRST_PERIOD = Period(2021, "Q", 1)
PERIODS = 20
LARGEST = "南川府办发〔2021〕1号"  # the largest document: its ledger and 通报 are measured
DEADLINES = ("2023年6月底前", "2024年12月底前", "2025年底前", "“十四五”期间", "长期坚持", "每年12月底前", "每季度末",
             "2026年12月底前", "2027年6月底前", "2025年第三季度")
STATUSES = ("推进中", "推进中", "推进中", "已完成", "滞后", "长期坚持")


def document_sizes(documents: int, assignments: int) -> list[int]:
    """How many assignments each document holds: the largest 3,000 (at 20,000 in all), the
    built-in plan its own share, the rest falling off as real registers do."""
    largest = max(1, assignments * 3 // 20)
    rest = assignments - largest
    weights = [1 / (k + 1) ** 0.5 for k in range(documents - 1)]
    total = sum(weights)
    sizes = [max(1, int(rest * w / total)) for w in weights]
    sizes[0] += rest - sum(sizes)
    return [largest, *sizes]


def build_district(path, documents: int = 20, assignments: int = 20_000, entries: int = 1_000_000,
                   seed: int = 11) -> Database:
    rnd = random.Random(seed)
    db = Database(path)
    initialize(db)
    periods = [FIRST_PERIOD]
    while len(periods) < PERIODS:
        periods.append(periods[-1].next())
    codes = [p.code for p in periods]
    per_cell = entries / (assignments * PERIODS)  # entries per assignment and period, live one included
    with db.writing() as s:
        builtin = s.scalar(select(Plan).where(Plan.is_builtin, Plan.doc_no.like("%34号")))
        plans = []
        for k in range(1, documents):
            plan = Plan(doc_no=f"南川府办发〔2021〕{k}号", title=f"南川区第{k}个重点工作实施方案（基准测试）",
                        issuer="重庆市南川区人民政府办公室", issued_on=date(2021, 1, 1))
            section = Section(plan=plan, path="一", code="一", title="一、重点任务", position=0)
            s.add_all([plan, section])
            s.flush()
            s.execute(insert(Task), [
                {"plan_id": plan.id, "section_id": section.id, "no": n, "title": f"第{k}个文件的第{n}项重点任务",
                 "text": f"第{k}个文件的第{n}项重点任务的全文。", "leader": "张副区长" if n % 3 else "李副区长"}
                for n in range(1, 41)])
            plans.append(plan.id)
        builtin_tasks = list(s.scalars(select(Task.id).where(Task.plan_id == builtin.id)))
        deps = list(s.scalars(select(Department.id).where(Department.category != "集合")))
        by_plan = {pid: list(s.scalars(select(Task.id).where(Task.plan_id == pid))) for pid in plans}
        sizes = document_sizes(documents, assignments)
        # The largest document is LARGEST (the first generated one); the built-in plan takes the second size.
        homes = [(plans[0], by_plan[plans[0]], sizes[0]), (builtin.id, builtin_tasks, sizes[1])]
        homes += [(pid, by_plan[pid], size) for pid, size in zip(plans[1:], sizes[2:], strict=True)]
        created = datetime(2021, 1, 1)
        conn = s.connection()
        rows = []
        position = 0
        for _pid, tasks, size in homes:
            for i in range(size):
                measure = f"第{position}项具体工作：推进重点任务的落实措施，完善工作机制，强化督促检查"
                deadline = parse_deadline(rnd.choice(DEADLINES))
                rows.append((tasks[i % len(tasks)], rnd.choice(deps), "牵头" if i % 3 else "配合", measure,
                             text_key(measure), position, deadline.text, deadline.due, deadline.kind, deadline.rule,
                             "未启动", "default", "", False, 1, created, created))
                position += 1
        conn.exec_driver_sql(
            "INSERT INTO assignments (task_id, department_id, role, measure, measure_key, position, deadline_text, "
            "deadline_due, deadline_kind, deadline_rule, status, status_source, note, is_example, version, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM assignments ORDER BY id")]
        sql = ("INSERT INTO progress_entries (assignment_id, period, status, progress, problems, next_steps, remarks, "
               "reporter, phone, reported_on, superseded, is_example, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        batch = []
        written = 0
        for aid in ids:
            for code in codes:
                extra = int(per_cell - 1) + (1 if rnd.random() < (per_cell - 1) % 1 else 0)
                for n in range(extra + 1):
                    live = n == extra  # the last one sent is the live one
                    batch.append((aid, code, rnd.choice(STATUSES),
                                  f"{code}期间，按计划推进各项工作，完成年度目标任务的{rnd.randint(10, 99)}%。",
                                  "", "继续推进", "", "张三", "023-71400000", "2021-01-05", not live, False, created))
            if len(batch) >= 50_000:
                conn.exec_driver_sql(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            conn.exec_driver_sql(sql, batch)
            written += len(batch)
        # The newest live entry of each assignment is its latest (as services.progress keeps it).
        conn.exec_driver_sql(
            "UPDATE assignments SET latest_entry_id = (SELECT e.id FROM progress_entries e "
            "WHERE e.assignment_id = assignments.id AND e.period = ? AND e.superseded = 0), "
            "status_source = 'return'", (codes[-1],))
        conn.exec_driver_sql(
            "UPDATE assignments SET status = (SELECT e.status FROM progress_entries e "
            "WHERE e.id = assignments.latest_entry_id)")
    db.entries_written = written  # type: ignore[attr-defined]
    return db


PROBE = """
import json, resource, statistics, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, {root!r})
from greentasks.db import Database
from greentasks.domain.changes import Changes
from greentasks.domain.periods import latest_ended
from greentasks.services.queries import Context, assignment_rows
from greentasks.services.snapshot import load_lines, load_snapshot
from greentasks.services.exports import export_ledger
from greentasks.services.bulletin import write_bulletin
db = Database({db!r})
today = date.fromisoformat({today!r})
out = {{}}
first, lines = [], []
for _ in range(5):
    t = time.perf_counter()
    snap = load_snapshot(db, today, Changes.everything(), None)
    first.append(time.perf_counter() - t)
    t = time.perf_counter()
    load_lines(db, today, None, snap.shown)
    lines.append(time.perf_counter() - t)
out["district_dashboard_first_ms"] = statistics.median(first) * 1000
out["district_lines_ms"] = statistics.median(lines) * 1000
out["district_dashboard_ms"] = (statistics.median(first) + statistics.median(lines)) * 1000
with db.reading() as s:
    rows = assignment_rows(s, Context.load(s, today, plan={largest!r}))
out["district_largest_rows"] = len(rows)
t = time.perf_counter()
export_ledger(db, Path({ledger!r}), today=today, plan={largest!r})
out["district_ledger_s"] = time.perf_counter() - t
t = time.perf_counter()
write_bulletin(db, Path({bulletin!r}), latest_ended(today, "quarter"), today=today, plan={largest!r})
out["district_bulletin_s"] = time.perf_counter() - t
try:
    from tests.benchmarks.filter_probe import filter_ms
    out["district_filter_ms"] = filter_ms(rows)
except ImportError as exc:
    out["district_filter_ms"] = None
out["district_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def measure_district(folder, results: dict, quick: bool, env: dict, until_marker, root) -> None:
    """The district_* figures: the office built, then a probe process (its peak memory is the
    office's) and the start-up of the desktop app on it until 总览 is painted."""
    import json
    import subprocess
    import sys
    import time

    from ui.main_window import SMOKE_FIRST_VIEW_SHOWN

    db_path = folder / "district.db"
    t = time.perf_counter()
    scale = 10 if quick else 1
    build_district(db_path, assignments=20_000 // scale, entries=1_000_000 // scale).dispose()
    results["district_build_s"] = time.perf_counter() - t
    probe = PROBE.format(root=str(root), db=str(db_path), today=TODAY.isoformat(), largest=LARGEST,
                         ledger=str(folder / "district_ledger.xlsx"), bulletin=str(folder / "district_通报.docx"))
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    results.update(json.loads(out.stdout.strip().splitlines()[-1]))
    smoke = [sys.executable, "-m", "greentasks", "--db", str(db_path), "--today", TODAY.isoformat(), "gui", "--smoke"]
    results["district_startup_s"] = until_marker(smoke, env, SMOKE_FIRST_VIEW_SHOWN, runs=3)
