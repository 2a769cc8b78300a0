"""A return's 申请延期至 column (docs/excel.md#returns, docs/deadlines.md#extensions): each filled
cell becomes a request (申请中) for the office to decide — never an approval — named in the import
report and its dry run; an unreadable or impossible one is a located warning and the row is
imported all the same; undoing the batch removes the requests."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from greentasks.models import Assignment, DeadlineExtension
from greentasks.services.extensions import decide_extension
from greentasks.services.history import assignment_history
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import undo_batch

from ._books import M_GAS, M_SOLAR, RETURN_HEADER, free_return, write_xlsx
from ._util import assignment_id, dump, run, run_json, table_rows

NDRC = "区发展改革委"
HEADER = [*RETURN_HEADER, "申请延期至"]


def content(db) -> dict[str, list[tuple]]:
    """Every table but the audit trail, without the bookkeeping an undo moves on (as test_undo)."""
    return table_rows(db, skip_tables=("change_log", "import_batches"), skip_columns={"version", "updated_at"})


def make(tmp_path, rows, *, header=HEADER, name="区发展改革委_2023Q1_进展情况.xlsx"):
    grid, merges = free_return(rows, header=header)
    return write_xlsx(tmp_path / name, grid, merges=merges)


def extensions(db) -> list[DeadlineExtension]:
    with db.reading() as session:
        return list(session.scalars(select(DeadlineExtension).order_by(DeadlineExtension.id)))


def test_a_request_in_a_return_is_recorded_for_the_office_to_decide(planned, tmp_path, capsys):
    path = make(tmp_path, [
        [1, 18, M_SOLAR, "滞后", "光伏项目用地报批中。", "用地指标未落实", "加快报批", None, "2023年9月底前"],
        [2, 18, M_GAS, "推进中", "管网改造过半。", "无", None, "另函报送", dt.datetime(2024, 9, 30)],
    ])
    code, data, err = run_json(capsys, "--db", planned.sqlite_path, "--today", "2023-04-10", "import-returns", path,
                               "--json")
    assert code == 0, err
    (f,) = data["files"]
    assert f["outcome"] == "imported" and f["extension_requests"] == 2 and f["warnings"] == []
    assert "申请延期2项，待审核" in err
    solar, gas = extensions(planned)
    assert (solar.assignment_id, solar.requested_to, solar.state) == (
        assignment_id(planned, 18, NDRC, M_SOLAR), dt.date(2023, 9, 30), "申请中")
    assert solar.reason == "用地指标未落实" and solar.decided_on is None
    assert solar.reference == f"报送文件“{path.name}”（2023年第一季度）"
    assert solar.requested_on == dt.date(2023, 4, 6)  # the return's 填报日期
    assert gas.reason == "另函报送"  # 存在问题 says 无: the reason is in 备注
    assert solar.batch_id is not None and solar.batch_id == gas.batch_id
    with planned.reading() as session:
        # the assignment's own deadline is untouched, and its history says what came in
        a = session.get(Assignment, solar.assignment_id)
        assert (a.deadline_text, a.deadline_due) == ("2023年6月底前", dt.date(2023, 6, 30))
        history = assignment_history(session, solar.assignment_id)
    line = next(c for c in history["changes"] if c["entity"] == "deadline_extensions")
    assert (line["field_label"], line["new"], line["source"], line["file"]) == (
        "延期申请", "申请延期至2023年9月底前，理由：用地指标未落实", "导入", path.name)
    assert [e["state"] for e in history["extensions"]] == ["申请中"]


def test_the_dry_run_counts_the_requests_and_writes_nothing(planned, tmp_path, capsys):
    path = make(tmp_path, [[1, 18, M_SOLAR, "滞后", "用地报批中。", "用地指标未落实", None, None, "2023-09-30"]])
    before = dump(planned)
    code, out, err = run(capsys, "--db", planned.sqlite_path, "import-returns", path, "--dry-run")
    assert code == 0, err
    assert "将新增报送1条" in err and "申请延期1项，待审核" in err
    assert dump(planned) == before
    (f,) = import_returns(planned, [path], dry_run=True).files
    assert [(c.row, c.action, c.fields) for c in f.changes if c.action.startswith("申请延期")] == [
        (5, "申请延期（待审核）", [("申请延期至", "2023年6月底前", "2023年9月底前")])]


@pytest.mark.parametrize(("header", "value"), [
    ("延期至", "2023年9月底前"), ("申请延期时间", "2023-09-30"), ("拟延期至", "2023年第三季度"),
    ("申请延期至（日期）", "2023/9/30"),
])
def test_the_column_has_other_names(planned, tmp_path, header, value):
    path = make(tmp_path, [[1, 18, M_SOLAR, "滞后", "用地报批中。", "用地", None, None, value]],
                header=[*RETURN_HEADER, header])
    (f,) = import_returns(planned, [path]).files
    assert f.outcome == "imported" and f.effect.extension_requests == 1, [str(p) for p in f.warnings]
    assert [e.requested_to for e in extensions(planned)] == [dt.date(2023, 9, 30)]


def test_an_unreadable_or_impossible_request_is_a_located_warning_and_the_row_is_imported(planned, tmp_path):
    path = make(tmp_path, [
        [1, 18, M_SOLAR, "滞后", "用地报批中。", "用地", None, None, "尽快"],
        [2, 18, M_GAS, "推进中", "管网改造过半。", None, None, None, "2024年3月底前"],  # before its 2024年6月底前
        [3, 12, None, "推进中", "配合执法检查。", None, None, None, "每季度末"],
    ])
    (f,) = import_returns(planned, [path]).files
    assert f.outcome == "imported" and f.rows == 3 and f.effect.extension_requests == 0
    assert extensions(planned) == []
    unreadable, earlier, recurring = sorted(f.warnings, key=lambda p: p.row)
    assert (unreadable.file, unreadable.sheet, unreadable.row, unreadable.column) == (path.name, "Sheet1", 5, "I")
    assert "申请延期至“尽快”无法识别" in unreadable.message and "照常导入" in unreadable.message
    assert earlier.row == 6 and "须晚于现在的时限：现在的完成时限是2024年6月底前" in earlier.message
    assert recurring.row == 7 and "无法识别" in recurring.message
    assert "第5行" in str(unreadable) and "I列" in str(unreadable)


def test_work_with_nothing_to_extend_is_a_warning(planned, tmp_path):
    from greentasks.services.actions import add_assignment

    with planned.reading() as session:
        dep = session.scalar(select(Assignment.department_id).where(
            Assignment.id == assignment_id(planned, 18, NDRC, M_SOLAR)))
    add_assignment(planned, 25, dep, "牵头", "推广装配式建筑", "长期坚持")
    path = make(tmp_path, [[1, 25, None, "推进中", "持续推广。", "无", None, None, "2023年9月底前"]])
    (f,) = import_returns(planned, [path]).files
    assert f.outcome == "imported" and f.effect.extension_requests == 0
    (warning,) = f.warnings
    assert "长期坚持" in warning.message and "不需要延期" in warning.message and warning.column == "I"


def test_the_same_request_again_is_not_recorded_twice(planned, tmp_path):
    row = [1, 18, M_SOLAR, "滞后", "用地报批中。", "用地", None, None, "2023年9月底前"]
    first = make(tmp_path, [row])
    import_returns(planned, [first])
    again = make(tmp_path, [[*row[:4], "用地报批仍在进行。", *row[5:]]], name="区发展改革委_2023Q1_进展情况（更正）.xlsx")
    (f,) = import_returns(planned, [again]).files
    assert f.outcome == "imported" and f.effect.extension_requests == 0
    assert any("已有同样的延期申请在等待审核" in p.message and p.row == 5 for p in f.warnings)
    assert len(extensions(planned)) == 1


def test_undoing_the_batch_removes_the_requests(planned, tmp_path):
    path = make(tmp_path, [[1, 18, M_SOLAR, "滞后", "用地报批中。", "用地", None, None, "2023年9月底前"]])
    before = content(planned)
    (f,) = import_returns(planned, [path]).files
    assert len(extensions(planned)) == 1
    result = undo_batch(planned, f.batch_id)
    assert extensions(planned) == []
    assert result.changes.task_nos == {18}
    assert content(planned) == before


def test_a_request_decided_since_keeps_the_batch_from_being_undone(planned, tmp_path):
    from greentasks.errors import GreentasksError

    path = make(tmp_path, [[1, 18, M_SOLAR, "滞后", "用地报批中。", "用地", None, None, "2023年9月底前"]])
    (f,) = import_returns(planned, [path]).files
    (request,) = extensions(planned)
    decide_extension(planned, request.id, True, on=dt.date(2023, 4, 12))
    with pytest.raises(GreentasksError, match="手工修改"):
        undo_batch(planned, f.batch_id)
    (still,) = extensions(planned)
    assert still.state == "已批准"
