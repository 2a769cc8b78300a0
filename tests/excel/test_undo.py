"""Undoing a whole import batch (services.undo.undo_batch): the database content returns to what it
was before the batch, and undo is refused while a later batch builds on it."""

from __future__ import annotations

import pytest

from greentasks.errors import GreentasksError
from greentasks.services.plan_import import import_plan
from greentasks.services.returns_import import import_returns
from greentasks.services.undo import batch_history, undo_batch

from ._books import M_SOLAR, free_return, plan_table, write_xlsx
from ._util import assignment_id, entries, table_rows

AUDIT = ("change_log", "import_batches")
# Bookkeeping an undo must move on, not back: the optimistic-locking counter (an editor who loaded
# the record before the undo must not overwrite it) and the time of the last write.
BOOKKEEPING = {"version", "updated_at"}


def content(db) -> dict[str, list[tuple]]:
    """Every table's rows except the audit trail, which records the undo itself."""
    return table_rows(db, skip_tables=AUDIT, skip_columns=BOOKKEEPING)


def history(db):
    with db.reading() as s:
        return batch_history(s)


def _return(tmp_path, name, rows, **kw):
    grid, merges = free_return(rows, **kw)
    return write_xlsx(tmp_path / name, grid, merges=merges)


def _imported(db, path):
    (f,) = import_returns(db, [path]).files
    assert f.outcome == "imported", [str(p) for p in f.errors]
    return f.batch_id


def test_undo_a_return_restores_every_table(planned, tmp_path):
    before = content(planned)
    batch = _imported(planned, _return(tmp_path, "发改委.xlsx", [
        [1, 18, "光伏", "已完成", "全部并网。", None, None, None],
        [2, 18, "天然气", "滞后", "资金未到位。", "缺资金", None, None]]))
    assert content(planned) != before
    result = undo_batch(planned, batch)
    assert "已撤销" in result.message and "发改委.xlsx" in result.message
    assert content(planned) == before
    (info,) = [b for b in history(planned) if b.id == batch]
    assert info.outcome == "undone" and not info.can_undo
    with pytest.raises(GreentasksError, match="已经撤销过了"):
        undo_batch(planned, batch)


def test_undo_a_newer_return_brings_back_the_older(planned, tmp_path):
    _imported(planned, _return(tmp_path, "一稿.xlsx", [[1, 18, "光伏", "推进中", "一稿", None, None, None]],
                               reported_on="2023年4月3日"))
    before = content(planned)
    second = _imported(planned, _return(tmp_path, "二稿.xlsx", [[1, 18, "光伏", "已完成", "二稿", None, None, None]],
                                        reported_on="2023年4月8日"))
    solar = assignment_id(planned, 18, "区发展改革委", M_SOLAR)
    assert [(e["progress"], e["superseded"]) for e in entries(planned)] == [("一稿", True), ("二稿", False)]
    undo_batch(planned, second)
    assert content(planned) == before
    assert [(e["assignment_id"], e["progress"], e["superseded"]) for e in entries(planned)] == [(solar, "一稿", False)]


def test_undo_is_blocked_by_a_later_batch_on_the_same_assignments(planned, tmp_path):
    first = _imported(planned, _return(tmp_path, "发改委一季度.xlsx",
                                       [[1, 18, "光伏", "推进中", "一季度", None, None, None]]))
    second = _imported(planned, _return(tmp_path, "发改委二季度.xlsx",
                                        [[1, 18, "光伏", "滞后", "二季度", None, None, None]], period="2023年第二季度"))
    with pytest.raises(GreentasksError) as exc:
        undo_batch(planned, first)
    message = str(exc.value)
    assert "不能撤销“发改委一季度.xlsx”" in message and "发改委二季度.xlsx" in message and "请先撤销后来的导入" in message
    (info,) = [b for b in history(planned) if b.id == first]
    assert not info.can_undo and "发改委二季度.xlsx" in info.undo_blocked_reason
    # an unrelated later batch does not block
    _imported(planned, _return(tmp_path, "住建委.xlsx", [[1, 25, None, "推进中", "绿色建筑", None, None, None]],
                               unit="区住建委"))
    # undoing the later one first, then the earlier, is allowed
    undo_batch(planned, second)
    undo_batch(planned, first)
    assert [e["progress"] for e in entries(planned)] == ["绿色建筑"]


def test_undo_a_plan_import(office, tmp_path):
    before = content(office)
    grid, merges = plan_table()
    outcome = import_plan(office, write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges),
                          create_departments=True)
    assert outcome.outcome == "imported" and outcome.batch_id
    undo_batch(office, outcome.batch_id)
    assert content(office) == before


def test_undo_a_plan_import_that_created_a_unit(office, tmp_path):
    before = content(office)
    grid, merges = plan_table([[18, None, "推进光伏", "区发改委", "区绿色发展促进中心", "2025年", None]])
    outcome = import_plan(office, write_xlsx(tmp_path / "分工表.xlsx", grid, merges=merges), create_departments=True)
    assert outcome.created_units == ["区绿色发展促进中心"]
    undo_batch(office, outcome.batch_id)
    assert content(office) == before


def test_undo_directory_and_indicator_imports(office, tmp_path):
    from greentasks.services.directory_io import import_directory_file
    from greentasks.services.indicators_import import import_indicators

    before = content(office)
    directory = write_xlsx(tmp_path / "通讯录.xlsx", [["单位名称", "简称/别名", "联系人"], ["区发展改革委", "发改局", "王五"],
                                                       ["区新中心", "新中心", "李四"]])
    d = import_directory_file(office, directory)
    values = write_xlsx(tmp_path / "指标.xlsx", [["序号", "指标", "2022年"], [1, None, 30]])
    i = import_indicators(office, values)
    assert d.outcome == i.outcome == "imported"
    undo_batch(office, i.batch_id)
    undo_batch(office, d.batch_id)
    assert content(office) == before


def test_undo_unknown_batch(office):
    with pytest.raises(GreentasksError, match="没有编号为 999 的导入记录"):
        undo_batch(office, 999)
