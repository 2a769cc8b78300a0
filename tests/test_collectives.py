"""Collective units that report (docs/vocabulary.md#collectives): work given to 各乡镇（街道） fans
out to its 34 towns, each town reports its own share in its own return, the collective's line
rolls them up, and the members are edited in the core and from a 单位通讯录 with 所属集合."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from greentasks.domain.periods import parse_period
from greentasks.errors import GreentasksError
from greentasks.models import Assignment, ChangeLog, CollectiveMember, Department
from greentasks.models.audit import SOURCE_INIT
from greentasks.resources import load_json
from greentasks.services import actions
from greentasks.services.collectives import (
    KEPT_NOTE,
    default_member_category,
    members_of,
    reset_members,
    set_members,
    share_key,
)
from greentasks.services.directory_io import export_directory_file, import_directory_file
from greentasks.services.exports import export_ledger, export_templates
from greentasks.services.plan_import import import_plan
from greentasks.services.queries import Context, assignment_rows, missing_units
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import undo_batch
from tests.excel._books import free_return, plan_table, write_xlsx
from tests.factories import fill_template

TOWNS = [u["name"] for u in load_json("directory.json") if u["category"] == "乡镇街道"]
COLLECTIVE = "各乡镇（街道）"
M_WASTE = "深入推进生活垃圾分类工作，提高生活垃圾减量化、资源化、无害化水平"
M_AIR = "开展大气污染综合治理，改善空气质量"
# 各乡镇（街道） leads the waste work (due 2023-06-30); 区生态环境局 leads the air work.
PLAN = [
    [16, "推进生活垃圾分类", M_WASTE, COLLECTIVE, None, "2023年6月底前", None],
    [12, "深入打好污染防治攻坚战", M_AIR, "区生态环境局", "区发展改革委", "2023年12月底前", None],
]
AFTER_Q2 = date(2023, 7, 10)


def _plan_file(tmp_path: Path, rows=PLAN, name: str = "分工表.xlsx") -> Path:
    grid, merges = plan_table(rows)
    return write_xlsx(tmp_path / name, grid, merges=merges)


@pytest.fixture
def office(db, tmp_path):
    assert import_plan(db, _plan_file(tmp_path)).outcome == "imported"
    return db


def _ids(db) -> dict[str, int]:
    with db.reading() as s:
        return {name: i for name, i in s.execute(select(Department.name, Department.id))}


def _parent(db, measure: str = M_WASTE) -> Assignment:
    with db.reading() as s:
        return s.scalar(select(Assignment).where(Assignment.measure == measure, Assignment.parent_id.is_(None),
                                                 Assignment.department_id == _ids(db)[COLLECTIVE]))


def _shares(db, parent_id: int) -> dict[str, Assignment]:
    with db.reading() as s:
        rows = s.execute(select(Department.name, Assignment).join(Department, Department.id == Assignment.department_id)
                         .where(Assignment.parent_id == parent_id))
        return {name: share for name, share in rows}


def _rows(db, today: date = AFTER_Q2, period: str = "2023Q2"):
    with db.reading() as s:
        ctx = Context.load(s, today, parse_period(period), as_of=False)
        rows = assignment_rows(s, ctx)
        return ctx, rows, missing_units(s, ctx, rows)


def _town_return(tmp_path: Path, town: str, status: str, text: str = "") -> Path:
    """A town's own return sheet (openpyxl): its one row, on the waste work of task 16."""
    grid, merges = free_return([[1, 16, "生活垃圾分类", status, text or f"{town}{status}。", None, "继续推进", None]],
                               unit=town, period="2023年第二季度", reported_on="2023年7月3日")
    return write_xlsx(tmp_path / f"{town}_2023Q2.xlsx", grid, merges=merges)


# ---- the default members ---------------------------------------------------------------------------

def test_a_collective_name_gives_its_default_members():
    assert default_member_category("各乡镇（街道）") == default_member_category("有关乡镇（街道）") == "乡镇街道"
    assert default_member_category("区级有关部门") == default_member_category("区级各部门") == "区级部门"
    assert default_member_category("有关单位") is None


def test_the_built_in_collectives_have_their_members(db):
    ids = _ids(db)
    with db.reading() as s:
        assert len(members_of(s, ids[COLLECTIVE])) == 34 == len(members_of(s, ids["有关乡镇（街道）"]))
        assert len(members_of(s, ids["区级有关部门"])) == 41 == len(members_of(s, ids["区级各部门"]))
        assert members_of(s, ids["区发展改革委"]) == []  # not a collective


# ---- the fan-out -------------------------------------------------------------------------------------

def test_the_table_fans_the_collectives_work_out_to_its_34_towns(office):
    parent = _parent(office)
    shares = _shares(office, parent.id)
    assert sorted(shares) == sorted(TOWNS)
    for share in shares.values():
        assert (share.task_id, share.role, share.measure, share.position) == (
            parent.task_id, parent.role, parent.measure, parent.position)
        assert (share.deadline_text, share.deadline_due, share.deadline_kind) == (
            "2023年6月底前", date(2023, 6, 30), "date")
        assert share.measure_key == share_key(parent) != parent.measure_key
    # the air work went to no collective: no shares
    with office.reading() as s:
        assert s.scalar(select(func.count()).select_from(Assignment).where(Assignment.parent_id.is_not(None))) == 34


def test_five_of_34_towns_report_and_the_collectives_line_rolls_them_up(office, tmp_path):
    reporting = {"东城街道": "已完成", "南城街道": "已完成", "西城街道": "滞后", "南平镇": "推进中", "神童镇": "推进中"}
    report = import_returns(office, [_town_return(tmp_path, t, s) for t, s in reporting.items()])
    assert [f.outcome for f in report.files] == ["imported"] * 5, [str(p) for f in report.files for p in f.errors]
    ctx, rows, missing = _rows(office)
    parent = next(r for r in rows if r.department == COLLECTIVE)
    shares = {r.department: r for r in rows if r.parent_id == parent.id}
    assert len(shares) == 34 and parent.shares == 34
    # each town's share holds its own report
    assert {t: shares[t].status for t in reporting} == reporting
    assert all(shares[t].reported for t in reporting) and sum(r.reported for r in shares.values()) == 5
    assert all(r.owes for r in shares.values() if r.status != "已完成")
    # the collective's line: the worst status, the worst light, "已报送 5/34，已完成 2，滞后 1"
    assert parent.rollup == "已报送 5/34，已完成 2，滞后 1"
    assert parent.status == "滞后" and parent.light == "红"  # due 2023-06-30: the towns not done are late
    assert not parent.owes
    # 未报送 lists the 29 towns that owe and sent nothing, and the collective itself never
    names = {m.name for m in missing}
    assert names >= set(TOWNS) - set(reporting) and not names & set(reporting)
    assert COLLECTIVE not in names and len(names & set(TOWNS)) == 29
    # the ledger: the collective's roll-up on its line, the shares on a sheet of its own
    book = openpyxl.load_workbook(export_ledger(office, tmp_path / "台账.xlsx", parse_period("2023Q2"), AFTER_Q2))
    ledger = book["总台账"]
    waste = next(r for r in range(4, ledger.max_row + 1) if ledger.cell(r, 5).value == M_WASTE)
    assert ledger.cell(waste, 6).value == COLLECTIVE and ledger.cell(waste, 10).value == "滞后"
    assert "已报送 5/34，已完成 2，滞后 1" in ledger.cell(waste, 13).value
    sheet = book["各乡镇（街道）分项"]
    lines = {sheet.cell(r, 4).value: (sheet.cell(r, 6).value, sheet.cell(r, 8).value)
             for r in range(4, sheet.max_row + 1)}
    assert len(lines) == 34 and lines["西城街道"] == ("滞后", "已报送") and lines["大观镇"] == ("未启动", "未报送")
    assert lines["东城街道"] == ("已完成（待销号）", "已报送")


def test_done_only_when_every_town_is_done(office, tmp_path):
    papers = export_templates(office, tmp_path / "out", parse_period("2023Q2"), TOWNS, today=date(2023, 7, 1))
    assert len(papers) == 34
    # the towns' templates hold the collective's work, marked as such, matched back by hidden id
    sheet = openpyxl.load_workbook(papers[0])["进展情况"]
    assert sheet["D5"].value == f"{M_WASTE}（各乡镇（街道）共同任务）"
    done = [fill_template(p, reported_on=date(2023, 7, 3), status_cycle=("已完成",)) for p in papers[:-1]]
    assert all(f.outcome == "imported" for f in import_returns(office, done).files)
    _ctx, rows, _missing = _rows(office)
    parent = next(r for r in rows if r.department == COLLECTIVE)
    assert parent.status == "未启动"  # the worst: the one town that has not reported
    assert parent.rollup == "已报送 33/34，已完成 33，滞后 0"
    last = fill_template(papers[-1], reported_on=date(2023, 7, 3), status_cycle=("已完成",))
    assert import_returns(office, [last]).files[0].outcome == "imported"
    _ctx, rows, _missing = _rows(office)
    parent = next(r for r in rows if r.department == COLLECTIVE)
    assert (parent.status, parent.closure, parent.light) == ("已完成", "待销号", "绿")
    # 销号 on the collective's line closes every town's share
    assert actions.confirm_completions(office, [parent.id]).value == 34
    _ctx, rows, _missing = _rows(office)
    assert next(r for r in rows if r.department == COLLECTIVE).closure == "已销号"


def test_a_collective_cannot_send_a_return_itself(office, tmp_path):
    grid, merges = free_return([[1, 16, None, "推进中", "各乡镇汇总。", None, None, None]], unit=COLLECTIVE,
                               period="2023年第二季度")
    (f,) = import_returns(office, [write_xlsx(tmp_path / "各乡镇.xlsx", grid, merges=merges)]).files
    assert f.outcome == "refused" and "集合名称" in f.errors[0].message


def test_notices_scores_and_unit_sheets_go_to_the_towns(office, tmp_path):
    from greentasks.reports.notices import notices_report
    from greentasks.reports.status import unit_report
    from greentasks.services.scores import unit_scores

    import_returns(office, [_town_return(tmp_path, "东城街道", "推进中")])
    with office.reading() as s:
        ctx = Context.load(s, AFTER_Q2, parse_period("2023Q2"), as_of=False)
        notices = notices_report(s, ctx)
        scores = {x.department: x for x in unit_scores(s, ctx)}
        sheet = unit_report(s, ctx, "大观镇")
    keys = {p.key for p in notices.parts}
    assert COLLECTIVE not in keys and set(TOWNS) <= keys  # every town is late on the waste work
    town = next(p for p in notices.parts if p.key == "大观镇")
    assert town.tint == "红" and "你单位承担的" in town.paragraphs[0]
    assert COLLECTIVE not in scores and scores["大观镇"].lead == scores["大观镇"].shared == 1
    assert scores["大观镇"].missing == 1 and scores["东城街道"].missing == 0
    captions = [t.caption for t in sheet.parts[0].tables]
    assert captions[-1] == "三、本单位承担的共同任务（各乡镇（街道），1项）"


# ---- the fan-out follows every change ----------------------------------------------------------------

def test_adding_editing_and_removing_the_collectives_work(db):
    ids = _ids(db)
    added = actions.add_assignment(db, 19, ids[COLLECTIVE], "配合", "完善垃圾清运体系", "2024年底前")
    shares = _shares(db, added.value)
    assert len(shares) == 34 and {s.role for s in shares.values()} == {"配合"}
    with db.reading() as s:
        version = s.get(Assignment, added.value).version
    actions.edit_assignment(db, added.value, version, deadline_text="2025年6月底前", measure="完善清运体系",
                            role="牵头")
    shares = _shares(db, added.value)
    parent = _parent(db, "完善清运体系")
    assert {(s.deadline_text, s.deadline_due, s.measure, s.role, s.measure_key) for s in shares.values()} == {
        ("2025年6月底前", date(2025, 6, 30), "完善清运体系", "牵头", share_key(parent))}
    # a share follows its collective's work: it cannot be changed or removed on its own …
    town = shares["大观镇"]
    with pytest.raises(GreentasksError, match="随“各乡镇（街道）”的分工一起修改"):
        actions.edit_assignment(db, town.id, town.version, deadline_text="2026年底前")
    with pytest.raises(GreentasksError, match="不能单独删除"):
        actions.remove_assignments(db, [(town.id, town.version)])
    # … but its status is the town's own
    actions.edit_assignment(db, town.id, town.version, status="推进中")
    assert _shares(db, added.value)["大观镇"].status == "推进中"
    # the collective's status set by hand is every town's
    parent = _parent(db, "完善清运体系")
    actions.edit_assignment(db, parent.id, parent.version, status="已完成")
    assert {s.status for s in _shares(db, added.value).values()} == {"已完成"}
    # removed with its shares, each removal in the change log
    parent = _parent(db, "完善清运体系")
    removed = actions.remove_assignments(db, [(parent.id, parent.version)])
    assert removed.value == 1
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Assignment)) == 0
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.field == "-")) == 35


def test_moving_the_work_off_the_collective_removes_its_shares(db):
    ids = _ids(db)
    added = actions.add_assignment(db, 19, ids[COLLECTIVE], "牵头", "完善垃圾清运体系", "2024年底前")
    with db.reading() as s:
        version = s.get(Assignment, added.value).version
    actions.edit_assignment(db, added.value, version, department_id=ids["区城市管理局"])
    assert _shares(db, added.value) == {}


def test_the_tables_fan_out_is_undone_with_it_and_follows_a_new_deadline(db, tmp_path):
    first = import_plan(db, _plan_file(tmp_path))
    assert first.outcome == "imported"
    assert any("集合成员分项：已新增34条" in w.message for w in first.warnings)
    later = [[16, "推进生活垃圾分类", M_WASTE, COLLECTIVE, None, "2023年9月底前", None]]
    second = import_plan(db, _plan_file(tmp_path, later, "分工表（调整）.xlsx"))
    assert second.outcome == "imported"
    parent = _parent(db)
    assert {s.deadline_text for s in _shares(db, parent.id).values()} == {"2023年9月底前"}
    undo_batch(db, second.batch_id)
    assert {s.deadline_text for s in _shares(db, parent.id).values()} == {"2023年6月底前"}
    undo_batch(db, first.batch_id)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Assignment)) == 0


def test_a_dry_run_writes_no_share(db, tmp_path):
    outcome = import_plan(db, _plan_file(tmp_path), dry_run=True)
    assert outcome.outcome == "dry-run" and any("将新增34条" in w.message for w in outcome.warnings)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Assignment)) == 0


# ---- the members -------------------------------------------------------------------------------------

def test_members_set_in_the_core_and_back_to_the_default(office, tmp_path):
    ids = _ids(office)
    parent = _parent(office)
    assert import_returns(office, [_town_return(tmp_path, "大观镇", "推进中")]).files[0].outcome == "imported"
    five = [ids[t] for t in ("东城街道", "南城街道", "西城街道", "南平镇", "神童镇")]
    done = set_members(office, ids[COLLECTIVE], five)
    assert done.changes.directory and done.changes.assignments
    assert (done.value.created, done.value.removed, done.value.kept) == (0, 28, 1)
    shares = _shares(office, parent.id)
    # 大观镇 left, but its share has a return: kept, and its 备注 says why
    assert sorted(shares) == sorted(["东城街道", "南城街道", "西城街道", "南平镇", "神童镇", "大观镇"])
    assert shares["大观镇"].note == KEPT_NOTE and shares["东城街道"].note == ""
    with office.reading() as s:
        assert s.get(Department, ids[COLLECTIVE]).members_explicit
        assert set(members_of(s, ids[COLLECTIVE])) == set(five)
        log = s.scalars(select(ChangeLog).where(ChangeLog.entity == "departments", ChangeLog.field == "members")).one()
        assert json.loads(log.new) == sorted(five) and "东城街道" in log.note
    # a member's share cannot be removed on its own
    with pytest.raises(GreentasksError):
        actions.remove_assignments(office, [(shares["东城街道"].id, shares["东城街道"].version)])
    back = reset_members(office, ids[COLLECTIVE])
    assert (back.value.created, back.value.removed) == (28, 0)
    shares = _shares(office, parent.id)
    assert sorted(shares) == sorted(TOWNS) and shares["大观镇"].note == ""
    with office.reading() as s:
        assert not s.get(Department, ids[COLLECTIVE]).members_explicit
        assert s.scalar(select(func.count()).select_from(CollectiveMember)) == 0
    with pytest.raises(GreentasksError, match="不是集合"):
        set_members(office, ids["区发展改革委"], five)
    with pytest.raises(GreentasksError, match="本身是集合"):
        set_members(office, ids[COLLECTIVE], [ids["有关乡镇（街道）"]])


def test_a_new_town_joins_the_default_members(office):
    actions.add_unit(office, "新城镇", "乡镇街道")
    assert "新城镇" in _shares(office, _parent(office).id)
    ids = _ids(office)
    actions.save_unit(office, ids["新城镇"], category="企事业单位")
    assert "新城镇" not in _shares(office, _parent(office).id)


def test_members_from_a_directory_with_its_column_and_undone(office, tmp_path):
    parent = _parent(office)
    path = write_xlsx(tmp_path / "通讯录.xlsx", [
        ["单位名称", "简称/别名", "类别", "联系人", "联系电话", "所属集合"],
        ["大观镇", None, None, None, None, "各乡镇（街道）、有关乡镇（街道）"],
        ["东城街道", None, None, None, None, "各乡镇（街道）"],
        ["南城街道", None, None, "周八", None, "各乡镇街道，有关乡镇(街道)"],  # an alias and another comma
        ["区发展改革委", None, None, None, None, None],
    ])
    outcome = import_directory_file(office, path)
    assert outcome.outcome == "imported", [str(p) for p in outcome.errors]
    assert sorted(_shares(office, parent.id)) == ["东城街道", "南城街道", "大观镇"]
    ids = _ids(office)
    with office.reading() as s:
        assert sorted(members_of(s, ids["有关乡镇（街道）"])) == sorted([ids["大观镇"], ids["南城街道"]])
        assert len(members_of(s, ids["区级有关部门"])) == 41  # not named in the column: unchanged
    changed = {c.department: c.fields for c in outcome.changes if c.fields}
    assert changed[COLLECTIVE] == [("成员单位", "34个", "3个")]
    # the export names them back, and importing the export changes nothing
    out = export_directory_file(office, tmp_path / "导出.xlsx")
    sheet = openpyxl.load_workbook(out)["单位"]
    header = [c.value for c in sheet[1]]
    assert header[6] == "所属集合"
    column = {sheet.cell(r, 1).value: sheet.cell(r, 7).value for r in range(2, sheet.max_row + 1)}
    assert column["大观镇"] == "各乡镇（街道）、有关乡镇（街道）" and column["鸣玉镇"] in (None, "")
    assert import_directory_file(office, out).batch_id is None
    # undone with its batch: the default members and the 34 shares again
    undo_batch(office, outcome.batch_id)
    assert sorted(_shares(office, parent.id)) == sorted(TOWNS)
    with office.reading() as s:
        assert not s.get(Department, ids[COLLECTIVE]).members_explicit
        assert len(members_of(s, ids["有关乡镇（街道）"])) == 34


def test_a_directorys_collective_column_with_mistakes_is_refused(office, tmp_path):
    path = write_xlsx(tmp_path / "通讯录.xlsx", [
        ["单位名称", "所属集合"],
        ["大观镇", "各乡镇（街道）、沿江各镇"],
        ["东城街道", "区发展改革委"],
        ["有关乡镇（街道）", "各乡镇（街道）"],
    ])
    outcome = import_directory_file(office, path)
    assert outcome.outcome == "refused"
    messages = [(p.row, p.column, p.message) for p in outcome.errors]
    assert [(row, column) for row, column, _ in messages] == [(2, "B"), (3, "B"), (4, "B")]
    assert "沿江各镇" in messages[0][2] and "不是集合" in messages[1][2] and "本身是集合" in messages[2][2]
    assert len(_shares(office, _parent(office).id)) == 34


def test_merging_two_towns_keeps_one_share(office, tmp_path):
    ids = _ids(office)
    import_returns(office, [_town_return(tmp_path, "东城街道", "推进中")])
    actions.merge_units(office, ids["南城街道"], ids["东城街道"])  # 东城街道 into 南城街道
    shares = _shares(office, _parent(office).id)
    assert len(shares) == 33 and "东城街道" not in shares
    with office.reading() as s:
        assert s.get(Assignment, shares["南城街道"].id).latest_entry_id is not None  # the share with the return


# ---- an older database ---------------------------------------------------------------------------------

def test_an_upgraded_database_gets_its_shares_once(db, monkeypatch):
    """A database from before the shares: its collective work fans out when it is upgraded,
    logged as 初始化; a second upgrade finds nothing to do."""
    from sqlalchemy import insert

    from greentasks import db as dbmod
    from greentasks.models import Task
    from greentasks.services.schema import upgrade

    ids = _ids(db)
    with db.writing() as s:
        task = s.scalar(select(Task.id).where(Task.no == 16))
        s.execute(insert(Assignment).values(task_id=task, department_id=ids[COLLECTIVE], role="牵头", measure=M_WASTE,
                                            measure_key="k", deadline_text="2023年6月底前", deadline_kind="date",
                                            deadline_due=date(2023, 6, 30)))
    known = dbmod.known_revisions()
    monkeypatch.setattr(dbmod, "head_revision", lambda: "ffffffffffff")
    monkeypatch.setattr(dbmod, "known_revisions", lambda: known | {"ffffffffffff"})
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: None)
    assert upgrade(db) == "old"
    shares = _shares(db, _parent(db).id)
    assert len(shares) == 34
    with db.reading() as s:
        sources = set(s.scalars(select(ChangeLog.source).where(
            ChangeLog.entity == "assignments", ChangeLog.entity_id.in_([a.id for a in shares.values()]))))
        assert sources == {SOURCE_INIT}
        logged = s.scalar(select(func.count()).select_from(ChangeLog))
    assert upgrade(db) == "old"
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLog)) == logged


# ---- the example office ----------------------------------------------------------------------------------

def test_the_example_offices_towns_report_their_shares(example_db):
    with example_db.reading() as s:
        ctx = Context.load(s, date(2023, 4, 10))
        rows = assignment_rows(s, ctx)
        missing = missing_units(s, ctx, rows)
    collective = [r for r in rows if r.shares]
    assert collective and all(r.shares == 34 for r in collective)
    sent = [int(r.rollup.split("/")[0].split()[-1]) for r in collective if r.status != "已完成"]
    assert sent and all(10 < n < 34 for n in sent)  # most towns report, not every one on every row
    assert any("已完成 0" not in r.rollup for r in collective) and any("滞后 0" not in r.rollup for r in collective)
    assert not {m.name for m in missing} & set(TOWNS)  # every town sent its return
