"""The office's own commands of docs/cli.md#commands: init, tasks, indicators, status, list, history."""

from __future__ import annotations

from .common import (
    EXIT_OK,
    App,
    Handler,
    add_plan_option,
    check_task_no,
    chosen_plan,
    emit_json,
    period_arg,
    resolve_department,
    say,
)
from .parser import AddCommand, number_arg


def register(cmd: AddCommand) -> None:
    p = cmd("init", "创建或升级数据库，载入内置文件、任务和单位通讯录")
    p.add_argument("--example", action="store_true", help="同时载入示例分工和示例报送（标记为“示例”）")

    p = cmd("tasks", "列出文件的章节和重点任务（内置文件为34项）")
    add_plan_option(p)
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("indicators", "列出文件附件中的指标（内置文件为18项）")
    add_plan_option(p)
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("status", "全局统计：按状态、按预警、逾期和未报送")
    add_plan_option(p)
    p.add_argument("--period", metavar="报送期", help="按该报送期查看当时的情况，如 2023Q1、2023年第一季度、2023-03（默认：最新情况，未报送按最近一个已结束的报送期）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("list", "列出分工")
    add_plan_option(p)
    p.add_argument("--department", metavar="单位", help="单位名称或简称")
    p.add_argument("--status", metavar="状态", help="完成状态：未启动、推进中、滞后、已完成、长期坚持")
    p.add_argument("--light", choices=["红", "黄", "绿"], metavar="红|黄|绿", help="预警")
    p.add_argument("--task", type=number_arg, metavar="编号", help="任务编号，如 18")
    p.add_argument("--leader", metavar="姓名", help="责任领导：只列该领导负责的任务的分工；写“未填写”列出未填写责任领导的任务")
    p.add_argument("--period", metavar="报送期", help="按该报送期查看当时的情况，如 2023Q1、2023年第一季度、2023-03（默认：最新情况，未报送按最近一个已结束的报送期）")
    p.add_argument("--json", action="store_true", help="输出 JSON")

    p = cmd("history", "一条分工的全部记录：报送进展和修改记录")
    p.add_argument("assignment", type=number_arg, metavar="分工编号", help="分工编号（list 命令输出中 # 后的数字）")
    p.add_argument("--json", action="store_true", help="输出 JSON")


def cmd_init(app: App) -> int:
    from ..services.bootstrap import initialize

    result = initialize(app.db, example=app.args.example, today=app.today)
    if result.schema == "empty":
        say(f"已创建数据库：{app.db.describe()}")
    elif result.schema == "old":
        say(f"已升级数据库：{app.db.describe()}（升级前已自动备份）")
    added = {k: v for k, v in result.added.items() if v}
    if added:
        labels = {"plan": "内置文件", "documents": "文件登记", "departments": "单位",
                  "example_assignments": "示例分工", "example_entries": "示例报送",
                  "shares": "集合分工的成员分项", "example_shares": "示例集合分工的成员分项",
                  "example_indicator_values": "示例指标数值"}
        say("已载入：" + "，".join(f"{labels.get(k, k)} {v} 条" for k, v in added.items()))
    else:
        say("数据库已是最新，无需改动。")
    return EXIT_OK


def cmd_tasks(app: App) -> int:
    from ..services.catalog import task_list

    plan = chosen_plan(app)
    with app.ready_db().reading() as session:
        tasks = task_list(session, plan=plan)
    if app.args.json:
        emit_json(tasks)
    else:
        last: list[str] = []
        for t in tasks:
            for depth, heading in enumerate(t["section"]):
                if len(last) <= depth or last[depth] != heading:
                    print(("  " * depth) + heading)
            last = t["section"]
            print(("  " * len(t["section"])) + f"{t['no']}. {t['title']}")
    return EXIT_OK


def cmd_indicators(app: App) -> int:
    from ..services.catalog import indicator_list

    plan = chosen_plan(app)
    with app.ready_db().reading() as session:
        items = indicator_list(session, plan=plan)
    if app.args.json:
        emit_json(items)
    else:
        for i in items:
            target = i["target_text"] or i["target_2025"]
            print(f"{i['no']:>2}. [{i['category']}] {i['name']}（{i['unit'] or '—'}）2025年目标：{target}")
    return EXIT_OK


def cmd_status(app: App) -> int:
    from ..services.queries import Context, status_summary

    period = period_arg(app.args.period)
    plan = chosen_plan(app)
    with app.ready_db().reading() as session:
        ctx = Context.load(session, app.today, period, plan)
        summary = status_summary(session, ctx)
    if app.args.json:
        emit_json(summary.to_json())
    else:
        print(f"{summary.plan}  统计截至：{summary.today}  报送期：{summary.period_label}")
        if ctx.plan.repealed:
            from ..services.plan_register import repealed_message

            print(f"{repealed_message(ctx.plan)}，不再预警、催报。")
        print(f"重点任务 {summary.tasks} 项，分工 {summary.assignments} 条")
        print("按状态：" + "，".join(f"{k} {v}" for k, v in summary.by_status.items()))
        print("按预警：" + "，".join(f"{k} {v}" for k, v in summary.by_light.items()))
        print(f"逾期 {summary.overdue} 条，{summary.due_soon} 条即将到期，待销号 {summary.pending_closure} 条")
        print("未报送单位：" + ("、".join(summary.missing_returns) or "无"))
    return EXIT_OK


def _status_arg(text: str | None) -> str | None:
    if not text:
        return None
    from ..domain.statuses import ACCEPTED_STATUS_TEXT, normalize_status
    from ..errors import UsageError

    status = normalize_status(text)
    if status is None:
        raise UsageError(f"完成状态“{text}”无法识别。{ACCEPTED_STATUS_TEXT}")
    return status


def cmd_list(app: App) -> int:
    from ..services.queries import Context, Filters, assignment_rows

    status = _status_arg(app.args.status)
    period = period_arg(app.args.period)
    plan = chosen_plan(app)
    with app.ready_db().reading() as session:
        dep = resolve_department(session, app.args.department)
        if app.args.task is not None:
            check_task_no(session, app.args.task, plan)
        ctx = Context.load(session, app.today, period, plan)
        rows = assignment_rows(session, ctx, Filters(
            department=dep.name if dep else None, status=status, light=app.args.light, task_no=app.args.task,
            leader=app.args.leader))
    if dep is None:
        # The members' shares of a collective's work are listed under each member (--department);
        # the plan's list shows the collective's own line, which rolls them up.
        rows = [r for r in rows if r.parent_id is None]
    if app.args.json:
        emit_json([r.to_json() for r in rows])
    else:
        # A repealed document's rows carry no warning: they say so instead of showing a light.
        mark = "已废止" if ctx.plan.repealed else None
        for r in rows:
            due = r.due.isoformat() if r.due else r.deadline_text or "—"
            print(f"[{mark or r.light}] #{r.id} 任务{r.task_no} {r.department}（{r.role}）{r.status}  {due}  {r.measure[:40]}")
        say(f"共 {len(rows)} 条分工。")
    return EXIT_OK


def cmd_history(app: App) -> int:
    from ..errors import UsageError
    from ..services.history import assignment_history

    with app.ready_db().reading() as session:
        history = assignment_history(session, app.args.assignment)
    if history is None:
        raise UsageError(f"没有编号为 {app.args.assignment} 的分工。用 greentasks list 查看编号。")
    if app.args.json:
        emit_json(history)
    else:
        a = history["assignment"]
        print(f"分工 #{a['id']}：任务{a['task_no']} {a['task_title']} — {a['department']}（{a['role']}）")
        print(f"具体工作：{a['measure']}")
        print(f"完成时限：{a['deadline_text']}  当前状态：{a['status']}")
        print("报送进展：")
        for e in history["entries"]:
            mark = "（已被新报送替代）" if e["superseded"] else ""
            print(f"  {e['period']} {e['status']}{mark} 来自：{e['source'] or '手工'}  {e['progress'][:60]}")
        print("修改记录：")
        for c in history["changes"]:
            print(f"  {c['at']} {c['user']} [{c['source']}] {c['field_label']}：{c['old'] or '—'} → {c['new'] or '—'}"
                  + (f"（{c['file']}）" if c.get("file") else ""))
    return EXIT_OK


COMMANDS: dict[str, Handler] = {
    "init": cmd_init,
    "tasks": cmd_tasks,
    "indicators": cmd_indicators,
    "status": cmd_status,
    "list": cmd_list,
    "history": cmd_history,
}
