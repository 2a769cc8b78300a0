"""A grown office for the benchmark: 5,000 assignments and 250,000 progress entries, written
with bulk inserts (the services would take minutes to log every row's history)."""

from __future__ import annotations

import random
from datetime import date, datetime

from sqlalchemy import bindparam, insert, select

from greentasks.db import Database
from greentasks.domain.deadlines import parse_deadline
from greentasks.domain.periods import Period
from greentasks.domain.statuses import STATUSES
from greentasks.models import Assignment, Department, ProgressEntry, Task
from greentasks.models.base import text_key
from greentasks.services.bootstrap import initialize

DEADLINES = ("2023年6月底前", "2024年12月底前", "2025年底前", "“十四五”期间", "长期坚持", "每年12月底前", "每季度末",
             "2026年12月底前", "2027年6月底前", "2023年第三季度")


def build_office(path, assignments: int = 5000, entries: int = 250_000, seed: int = 7) -> Database:
    rnd = random.Random(seed)
    db = Database(path)
    initialize(db)
    with db.writing() as s:
        tasks = list(s.scalars(select(Task.id)))
        deps = list(s.scalars(select(Department.id).where(Department.category != "集合")))
        rows = []
        for i in range(assignments):
            measure = f"第{i}项具体工作：推进绿色发展重点任务的落实措施，完善工作机制，强化督促检查"
            deadline = parse_deadline(rnd.choice(DEADLINES))
            rows.append({
                "task_id": tasks[i % len(tasks)], "department_id": rnd.choice(deps),
                "role": "牵头" if i % 3 else "配合", "measure": measure, "measure_key": text_key(measure),
                "position": i, "deadline_text": deadline.text, "deadline_due": deadline.due,
                "deadline_kind": deadline.kind, "deadline_rule": deadline.rule, "status": "未启动",
                "status_source": "default", "note": "", "is_example": False, "version": 1,
                "created_at": datetime(2023, 1, 1), "updated_at": datetime(2023, 1, 1),
            })
        s.execute(insert(Assignment), rows)
        ids = list(s.scalars(select(Assignment.id).order_by(Assignment.id)))
        periods = []
        p = Period(2019, "M", 1)
        for _ in range(entries // assignments):
            periods.append(p.code)
            p = p.next()
        batch = []
        created = datetime(2023, 1, 1)
        for aid in ids:
            for code in periods:
                batch.append({
                    "assignment_id": aid, "period": code, "status": rnd.choice(STATUSES),
                    "progress": f"{code}期间，按计划推进各项工作，完成年度目标任务的{rnd.randint(10, 99)}%。",
                    "problems": "", "next_steps": "继续推进", "remarks": "", "reporter": "张三", "phone": "023-71400000",
                    "reported_on": date(2023, 1, 5), "superseded": False, "is_example": False, "created_at": created,
                })
            if len(batch) >= 20_000:
                s.execute(insert(ProgressEntry), batch)
                batch = []
        if batch:
            s.execute(insert(ProgressEntry), batch)
        # The newest entry of each assignment is its latest (as services.progress keeps it).
        latest = dict(s.execute(
            select(ProgressEntry.assignment_id, ProgressEntry.id).where(ProgressEntry.period == periods[-1])).all())
        status = dict(s.execute(
            select(ProgressEntry.id, ProgressEntry.status).where(ProgressEntry.period == periods[-1])).all())
        table = Assignment.__table__
        s.connection().execute(
            table.update().where(table.c.id == bindparam("aid"))
            .values(latest_entry_id=bindparam("eid"), status=bindparam("st"), status_source="return"),
            [{"aid": aid, "eid": eid, "st": status[eid]} for aid, eid in latest.items()],
        )
    return db
