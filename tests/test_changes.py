"""The core says what a write changed (services.changes): each kind of object a use case writes
shows up in the Changes it returns, and nothing it did not touch does."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from greentasks.models import Assignment, Department, ImportBatch, Task
from greentasks.services.assignments import add_assignment
from greentasks.services.audit import Actor
from greentasks.services.changes import Changes, unit_of_work
from greentasks.services.directory import add_alias
from greentasks.services.progress import EntryData, record_entry
from greentasks.services.settings import set_setting


def _dep(session, name: str = "区发展改革委") -> Department:
    return session.scalar(select(Department).where(Department.name == name))


def test_adding_an_assignment_names_its_task_and_the_directory(db):
    with unit_of_work(db) as uow:
        dep = _dep(uow.session)
        add_assignment(uow.session, Actor.by_hand(), 18, dep.id, "牵头", "编制能源规划", "2025年底前")
    assert uow.changes.assignments and uow.changes.task_nos == {18}
    assert uow.changes.directory  # the unit's count of assignments changed
    assert not (uow.changes.settings or uow.changes.indicators or uow.changes.batches or uow.changes.documents)
    assert not uow.changes.rows_all


def test_a_progress_entry_names_the_task_of_its_assignment(db):
    with db.writing() as session:
        dep = _dep(session)
        aid = add_assignment(session, Actor.by_hand(), 7, dep.id, "牵头", "某项工作", "2025年底前").id
    with unit_of_work(db) as uow:
        assignment = uow.session.get(Assignment, aid)
        record_entry(uow.session, Actor.by_hand(), assignment, "2023Q1", EntryData(status="推进中", progress="已开展"))
    assert uow.changes.task_nos == {7}
    assert not uow.changes.directory


def test_removing_an_assignment_reports_its_id(db):
    with db.writing() as session:
        aid = add_assignment(session, Actor.by_hand(), 3, _dep(session).id, "牵头", "某项工作", "2025年底前").id
    with unit_of_work(db) as uow:
        uow.session.delete(uow.session.get(Assignment, aid))
    assert uow.changes.removed_ids == {aid} and uow.changes.task_nos == {3}


def test_an_alias_is_a_directory_change_only(db):
    with unit_of_work(db) as uow:
        add_alias(uow.session, Actor.by_hand(), _dep(uow.session), "发改")
    assert uow.changes.directory and not uow.changes.assignments


def test_a_category_change_refreshes_every_row(db):
    with unit_of_work(db) as uow:
        _dep(uow.session).category = "企事业单位"
    assert uow.changes.directory and uow.changes.assignments and uow.changes.rows_all


def test_a_setting_refreshes_every_row(db):
    with unit_of_work(db) as uow:
        set_setting(uow.session, "warn_days", "15", Actor.by_hand())
    assert uow.changes.settings and uow.changes.rows_all


def test_a_bulk_statement_counts_for_its_kind(db):
    with unit_of_work(db) as uow:
        uow.session.execute(update(ImportBatch).where(ImportBatch.id == -1).values(rows=0))
    assert uow.changes.batches and not uow.changes.assignments


def test_reading_inside_a_unit_of_work_changes_nothing(db):
    with unit_of_work(db) as uow:
        assert uow.session.scalar(select(Task).where(Task.no == 1)) is not None
    assert not uow.changes.any()


def test_a_failed_unit_of_work_reports_nothing_and_writes_nothing(db):
    with pytest.raises(RuntimeError), unit_of_work(db) as uow:
        add_alias(uow.session, Actor.by_hand(), _dep(uow.session), "发改")
        raise RuntimeError("boom")
    assert not uow.changes.any()
    with db.reading() as session:
        names = {a.alias for a in _dep(session).aliases}
    assert "发改" not in names


def test_merge_keeps_every_task_when_either_side_means_all():
    some = Changes(assignments=True, task_nos={1})
    every = Changes(assignments=True)
    assert some.merge(every).rows_all and some.merge(Changes(assignments=True, task_nos={2})).task_nos == {1, 2}


def test_undoing_a_batch_says_what_it_touched(example_db):
    from greentasks.models import ImportBatch
    from greentasks.services.undo import undo_batch

    with example_db.reading() as session:
        batch_id = session.scalar(select(ImportBatch.id).where(ImportBatch.kind == "example",
                                                               ImportBatch.period.is_not(None))
                                  .order_by(ImportBatch.id.desc()))
    result = undo_batch(example_db, batch_id)
    assert result.changes.batches and result.changes.assignments and result.changes.task_nos
