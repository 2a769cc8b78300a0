"""延期 as use cases (services.extensions) and on the command line (greentasks extend): a request
approved, declined, undone; the rules refuse with a Chinese message and write nothing; every
write is in the assignment's history and names the assignment's task for the views."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from greentasks.cli import main
from greentasks.domain.extensions import ExtensionError
from greentasks.models import Assignment, DeadlineExtension, Department
from greentasks.services import actions
from greentasks.services.extensions import (
    decide_extension,
    extend,
    extensions_of,
    request_extension,
    undo_extension_decision,
)
from greentasks.services.history import assignment_history
from tests.factories import table_dump

DAY = date(2023, 4, 10)


def _add(db, deadline: str, measure: str = "编制能源发展规划", task_no: int = 18, role: str = "牵头") -> int:
    with db.reading() as session:
        unit = session.scalar(select(Department.id).where(Department.name == "区发展改革委"))
    return actions.add_assignment(db, task_no, unit, role, measure, deadline).value


def _extensions(db) -> list[DeadlineExtension]:
    with db.reading() as session:
        return list(session.scalars(select(DeadlineExtension).order_by(DeadlineExtension.id)))


def _history(db, aid: int) -> dict:
    with db.reading() as session:
        return assignment_history(session, aid)


def test_a_request_approved_declined_and_undone(db):
    aid = _add(db, "2023年6月底前")
    asked = request_extension(db, aid, "2023年9月底前", "设备到货延迟", "区发改委〔2023〕5号", on=date(2023, 6, 20))
    info = asked.value
    assert (info.state, info.requested_to, info.requested_on, info.in_force) == (
        "申请中", date(2023, 9, 30), date(2023, 6, 20), False)
    assert asked.changes.task_nos == {18} and asked.changes.select_id == aid
    assert info.text == "申请延期至2023年9月底前（2023年6月20日申请，待审核）"

    approved = decide_extension(db, info.id, True, "同意顺延一个季度", on=date(2023, 6, 25)).value
    assert (approved.state, approved.decided_on, approved.decision_note, approved.in_force) == (
        "已批准", date(2023, 6, 25), "同意顺延一个季度", True)
    assert approved.decided_by
    assert approved.text == "原定2023年6月底前，已批准延期至2023年9月底前（2023年6月25日批准）"
    with db.reading() as session:
        a = session.get(Assignment, aid)
        # the assignment's own deadline is never changed by an extension
        assert (a.deadline_text, a.deadline_due, a.deadline_kind) == ("2023年6月底前", date(2023, 6, 30), "date")
    with pytest.raises(ExtensionError, match="已于2023年6月25日批准，不能再次审批"):
        decide_extension(db, info.id, False)

    undone = undo_extension_decision(db, info.id)
    assert not undone.value.removed and "恢复为待审核" in undone.value.message
    assert undone.changes.task_nos == {18}
    (ext,) = _extensions(db)
    assert (ext.state, ext.decided_on, ext.decided_by, ext.decision_note) == ("申请中", None, None, "")

    declined = decide_extension(db, info.id, False, "理由不充分", on=date(2023, 6, 26)).value
    assert declined.state == "不予批准" and not declined.in_force
    assert declined.text == "申请延期至2023年9月底前，不予批准（2023年6月26日）"
    undo_extension_decision(db, info.id)
    withdrawn = undo_extension_decision(db, info.id).value  # pending and entered by hand: withdrawn
    assert withdrawn.removed and "已撤回延期申请" in withdrawn.message
    assert _extensions(db) == []

    # every step is in the history, in a clerk's words, also after the request was withdrawn
    lines = [(c["field_label"], c["old"], c["new"]) for c in _history(db, aid)["changes"]
             if c["entity"] == "deadline_extensions"]
    assert lines == [
        ("延期申请", None, "申请延期至2023年9月底前，理由：设备到货延迟"),
        ("延期审批", "申请中", "已批准"),
        ("审批意见", "", "同意顺延一个季度"),
        ("延期审批", "已批准", "申请中"),
        ("审批意见", "同意顺延一个季度", ""),
        ("延期审批", "申请中", "不予批准"),
        ("审批意见", "", "理由不充分"),
        ("延期审批", "不予批准", "申请中"),
        ("审批意见", "理由不充分", ""),
        ("删除延期申请", "申请延期至2023年9月底前，理由：设备到货延迟", None),
    ]
    approval = next(c for c in _history(db, aid)["changes"] if c["field_label"] == "延期审批")
    assert approval["note"] == "延期至2023年9月底前；同意顺延一个季度" and approval["source"] == "手工"


def test_extend_records_and_decides_in_one_step_and_decides_a_pending_request_for_that_date(db):
    aid = _add(db, "2023年6月底前")
    pending = request_extension(db, aid, date(2023, 9, 30), "资金未到位", on=date(2023, 6, 1)).value
    done = extend(db, aid, "2023-09-30", "", on=date(2023, 6, 5)).value
    assert done.id == pending.id and done.state == "已批准" and done.reason == "资金未到位"
    later = extend(db, aid, "2023年12月15日", "仍需时间", "来函2号", on=date(2023, 9, 1)).value
    assert later.id != pending.id and later.in_force and later.to_words == "2023年12月15日前"
    with db.reading() as session:
        infos = extensions_of(session, aid)
    assert [(i.state, i.in_force) for i in infos] == [("已批准", False), ("已批准", True)]
    # as of a day between the two approvals, the first is in force
    with db.reading() as session:
        assert [i.in_force for i in extensions_of(session, aid, date(2023, 8, 1))] == [True, False]
    refused = extend(db, aid, "2024年3月底前", "再延", declined=True, on=date(2023, 12, 1)).value
    assert refused.state == "不予批准"


def test_the_rules_refuse_in_chinese_and_write_nothing(db):
    ongoing = _add(db, "长期坚持", "常态化开展节能宣传")
    recurring = _add(db, "每季度末", "按季度报送能耗数据")
    dated = _add(db, "2023年6月底前")
    extend(db, dated, "2023年9月底前", "设备到货延迟", on=date(2023, 6, 20))
    before = table_dump(db)
    cases = [
        (ongoing, "2023年9月底前", "没有截止日期"),
        (recurring, "2023年9月底前", "周期性"),
        (dated, "2023年8月底前", "须晚于现在的时限：已批准延期至2023年9月底前"),
        (dated, "2023年9月底前", "须晚于"),
        (dated, "每季度末", "不是一个日期"),
        (9999, "2023年9月底前", "没有编号为 9999 的分工"),
    ]
    for aid, to, message in cases:
        with pytest.raises(ExtensionError, match=message):
            extend(db, aid, to, "理由")
        with pytest.raises(ExtensionError, match=message):
            request_extension(db, aid, to, "理由")
    with pytest.raises(ExtensionError, match="请填写延期理由"):
        request_extension(db, dated, "2023年12月底前", "  ")
    with pytest.raises(ExtensionError, match="没有编号为 777 的延期申请"):
        decide_extension(db, 777, True)
    with pytest.raises(ExtensionError, match="没有编号为 777 的延期申请"):
        undo_extension_decision(db, 777)
    assert table_dump(db) == before


def test_an_unread_deadline_can_be_given_a_date_but_not_one_before_the_plan(db):
    aid = _add(db, "尽快完成")
    with pytest.raises(ExtensionError, match="早于文件的成文日期"):
        extend(db, aid, "2022年1月底前", "补定时限")
    info = extend(db, aid, "2023年9月底前", "补定时限", on=DAY).value
    assert info.text == "原定尽快完成，已批准延期至2023年9月底前（2023年4月10日批准）"


def test_a_second_approval_must_be_later_than_the_one_in_force(db):
    aid = _add(db, "2023年6月底前")
    first = request_extension(db, aid, "2023年9月底前", "一").value
    second = request_extension(db, aid, "2023年8月底前", "二").value
    with pytest.raises(ExtensionError, match="已有一项延期至2023年9月底前的申请"):
        request_extension(db, aid, "2023年9月底前", "重复")
    decide_extension(db, first.id, True)
    with pytest.raises(ExtensionError, match="已批准延期至2023年9月底前"):
        decide_extension(db, second.id, True)
    assert decide_extension(db, second.id, False).value.state == "不予批准"  # declining is always possible


# -- the command line ------------------------------------------------------------------------------

def _run(capsys, db, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db.sqlite_path), "--today", "2023-04-10", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_extend_names_the_task_the_unit_and_both_dates(sqlite_db, capsys):
    aid = _add(sqlite_db, "2023年3月底前")
    code, out, err = _run(capsys, sqlite_db, "extend", str(aid), "--to", "2023年9月底前", "--reason", "设备到货延迟",
                          "--reference", "区发改委〔2023〕5号")
    assert code == 0, err
    assert f"任务18 区发展改革委（分工 #{aid}）原定2023年3月底前，已批准延期至2023年9月底前（2023年4月10日批准）" in err
    assert "理由：设备到货延迟；来函：区发改委〔2023〕5号" in err
    (ext,) = _extensions(sqlite_db)
    assert (ext.state, ext.decided_on, ext.reference) == ("已批准", DAY, "区发改委〔2023〕5号")

    code, out, err = _run(capsys, sqlite_db, "extend", str(aid), "--to", "2023-12-31", "--reason", "资金",
                          "--declined", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["state"], data["requested_to"], data["requested_to_text"]) == ("不予批准", "2023-12-31", "2023年12月底前")
    assert "不予批准" in err and "完成时限仍为“2023年3月底前”" in err

    code, out, err = _run(capsys, sqlite_db, "extend", "--undo", str(data["id"]))
    assert code == 0 and "恢复为待审核" in err
    code, out, err = _run(capsys, sqlite_db, "extend", "--undo", str(data["id"]))
    assert code == 0 and "已撤回延期申请" in err
    assert len(_extensions(sqlite_db)) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["9999", "--to", "2023年9月底前", "--reason", "x"], "没有编号为 9999 的分工"),
    (["{dated}", "--to", "2023年2月底前", "--reason", "x"], "须晚于现在的时限：现在的完成时限是2023年3月底前"),
    (["{ongoing}", "--to", "2023年9月底前", "--reason", "x"], "没有截止日期，不计逾期，不需要延期"),
    (["{dated}", "--to", "下个月", "--reason", "x"], "延期至“下个月”不是一个日期"),
    (["{dated}", "--to", "2023年9月底前"], "请填写延期理由"),
    (["{dated}", "--reason", "x"], "请用 --to 给出延期后的时限"),
    (["--to", "2023年9月底前", "--reason", "x"], "请给出分工编号"),
    (["{dated}", "--undo", "1"], "--undo 只需要延期编号"),
    (["--undo", "42"], "没有编号为 42 的延期申请"),
])
def test_cli_extend_refusals_exit_2_and_write_nothing(sqlite_db, capsys, args, message):
    ids = {"dated": _add(sqlite_db, "2023年3月底前"), "ongoing": _add(sqlite_db, "长期坚持", "常态化节能宣传")}
    before = table_dump(sqlite_db)
    code, out, err = _run(capsys, sqlite_db, "extend", *[a.format(**ids) for a in args])
    assert code == 2, err
    assert err.startswith("错误：") and message in err and "Traceback" not in err
    assert table_dump(sqlite_db) == before


def test_cli_history_shows_the_extension(sqlite_db, capsys):
    aid = _add(sqlite_db, "2023年3月底前")
    _run(capsys, sqlite_db, "extend", str(aid), "--to", "2023-09-30", "--reason", "设备到货延迟")
    code, out, err = _run(capsys, sqlite_db, "history", str(aid))
    assert code == 0
    assert "延期申请：— → 申请延期至2023年9月底前，理由：设备到货延迟" in out
    assert "延期审批：申请中 → 已批准" in out
    code, out, err = _run(capsys, sqlite_db, "history", str(aid), "--json")
    (ext,) = json.loads(out)["extensions"]
    assert ext["state"] == "已批准" and ext["in_force"]


def test_an_approved_extension_turns_a_red_light_green_and_both_dates_are_printed(sqlite_db, capsys):
    """The lights read the approved extension (services.queries, the as-of core). A cooperating
    unit owes no return of its own, so only the deadline decides its light."""
    aid = _add(sqlite_db, "2023年3月底前", role="配合")

    def row() -> dict:
        code, out, err = _run(capsys, sqlite_db, "list", "--json")
        assert code == 0, err
        return next(r for r in json.loads(out) if r["id"] == aid)

    assert row()["light"] == "红"
    _run(capsys, sqlite_db, "extend", str(aid), "--to", "2023年9月底前", "--reason", "设备到货延迟")
    after = row()
    assert after["light"] == "绿"
    assert after["deadline_text"] == "原定2023年3月底前，已批准延期至2023年9月底前"
    assert after["deadline"] == "2023-09-30"
