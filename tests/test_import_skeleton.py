"""The one import path (services.importing): refusal of unreadable files, the batch record, all
or nothing, and the duplicate check the database itself enforces."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from greentasks.db import Database
from greentasks.models import ImportBatch
from greentasks.models.audit import BATCH_DIRECTORY, BATCH_RETURNS
from greentasks.services.directory import add_alias
from greentasks.services.importing import BatchRecord, receive, write_file
from greentasks.services.outcomes import DRY_RUN, DUPLICATE, IMPORTED, REFUSED, FileOutcome


def _batches(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(ImportBatch))


def _some_unit(session):
    from greentasks.models import Department

    return session.scalar(select(Department).where(Department.name == "区发展改革委"))


def test_an_unreadable_file_is_refused_by_name(tmp_path):
    bad = tmp_path / "进展.xlsx"
    bad.write_bytes(b"not a spreadsheet at all")
    outcome = FileOutcome(path=bad)
    assert receive(bad, outcome) is None
    assert outcome.outcome == REFUSED and outcome.errors and outcome.errors[0].file == "进展.xlsx"


def test_a_missing_file_is_refused_not_raised(tmp_path):
    outcome = FileOutcome(path=tmp_path / "没有.xlsx")
    assert receive(tmp_path / "没有.xlsx", outcome) is None
    assert outcome.outcome == REFUSED and outcome.errors


def _alias_writer(alias: str):
    def apply(session, actor, _batch_id) -> bool:
        return add_alias(session, actor, _some_unit(session), alias)

    return apply


def test_a_written_file_keeps_one_batch_and_its_writes(db, tmp_path):
    outcome = FileOutcome(path=tmp_path / "通讯录.xlsx")
    changes = write_file(db, outcome, BatchRecord(BATCH_DIRECTORY, outcome.path, "a" * 64, rows=1),
                         _alias_writer("发改"))
    assert outcome.outcome == IMPORTED and outcome.batch_id is not None
    assert changes.directory and changes.batches
    with db.reading() as session:
        batch = session.get(ImportBatch, outcome.batch_id)
        assert (batch.kind, batch.file_name, batch.rows, batch.dedupe_key) == (BATCH_DIRECTORY, "通讯录.xlsx", 1, None)


@pytest.mark.parametrize("case", ["dry-run", "errors", "nothing"])
def test_dry_runs_errors_and_no_change_leave_no_trace(db, tmp_path, case):
    from greentasks.errors import Problem

    outcome = FileOutcome(path=tmp_path / "通讯录.xlsx")

    def apply(session, actor, batch_id) -> bool:
        add_alias(session, actor, _some_unit(session), "发改")
        if case == "errors":
            outcome.errors.append(Problem("这一行有错", file="通讯录.xlsx", row=3, column="B"))
        return case != "nothing"

    before = _batches(db)
    changes = write_file(db, outcome, BatchRecord(BATCH_DIRECTORY, outcome.path, "b" * 64), apply,
                         dry_run=case == "dry-run")
    assert _batches(db) == before and not changes.any() and outcome.batch_id is None
    assert outcome.outcome == {"dry-run": DRY_RUN, "errors": REFUSED, "nothing": IMPORTED}[case]
    with db.reading() as session:
        assert "发改" not in {a.alias for a in _some_unit(session).aliases}


def test_the_same_return_twice_is_a_duplicate_by_the_database(db, tmp_path):
    first, second = FileOutcome(path=tmp_path / "a.xlsx"), FileOutcome(path=tmp_path / "b.xlsx")
    write_file(db, first, BatchRecord(BATCH_RETURNS, first.path, "c" * 64), lambda s, a, b: True)
    write_file(db, second, BatchRecord(BATCH_RETURNS, second.path, "c" * 64), lambda s, a, b: True)
    assert first.outcome == IMPORTED and second.outcome == DUPLICATE and second.warnings
    assert _batches(db) == 1


def test_two_clerks_importing_one_file_at_once_record_one_batch(db, tmp_path):
    """Both pass every check before either writes; the unique key lets only one batch in."""
    barrier = threading.Barrier(2, timeout=30)
    outcomes = [FileOutcome(path=tmp_path / f"{i}.xlsx") for i in range(2)]
    databases = [Database(db.url) for _ in range(2)]

    def apply(session, actor, batch_id) -> bool:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=2)  # SQLite lets only one writer in: the other waits its turn
        return True

    threads = [threading.Thread(target=write_file, args=(d, o, BatchRecord(BATCH_RETURNS, o.path, "d" * 64), apply))
               for d, o in zip(databases, outcomes, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for d in databases:
        d.dispose()
    assert sorted(o.outcome for o in outcomes) == [DUPLICATE, IMPORTED]
    assert _batches(db) == 1


def test_undo_frees_the_file_for_another_import(example_db, tmp_path):
    from greentasks.services.undo import undo_batch

    first = FileOutcome(path=tmp_path / "a.xlsx")
    write_file(example_db, first, BatchRecord(BATCH_RETURNS, first.path, "e" * 64), lambda s, a, b: True)
    undo_batch(example_db, first.batch_id)
    again = FileOutcome(path=tmp_path / "a.xlsx")
    write_file(example_db, again, BatchRecord(BATCH_RETURNS, again.path, "e" * 64), lambda s, a, b: True)
    assert again.outcome == IMPORTED


def test_the_upgrade_keys_the_first_of_two_identical_live_batches(tmp_path: Path):
    from alembic import command
    from sqlalchemy import insert

    from greentasks.db import _alembic_config

    db = Database(tmp_path / "old.db")
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        table = ImportBatch.__table__
        row = {"kind": "returns", "file_name": "x.xlsx", "file_path": "", "sha256": "f" * 64, "user": "u",
               "outcome": "imported", "rows": 1, "summary": "", "created_at": func.now()}
        columns = [c for c in table.c if c.name != "dedupe_key"]
        for _ in range(2):
            conn.execute(insert(table).values({c.name: row[c.name] for c in columns if c.name in row}))
    db.migrate()
    with db.reading() as session:
        keys = list(session.scalars(select(ImportBatch.dedupe_key).order_by(ImportBatch.id)))
    db.dispose()
    assert keys == ["returns:" + "f" * 64, None]


def test_the_models_and_the_migrations_agree(db):
    """Every schema change is a migration: the newest revision makes exactly the models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from greentasks.models.base import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_clash_message_names_what_clashed():
    from sqlalchemy.exc import IntegrityError

    from greentasks.services.importing import write_failure

    exc = IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: assignments.measure_key"))
    assert "这个单位本期的报送" in write_failure(exc, BATCH_RETURNS)
    other = write_failure(exc, BATCH_DIRECTORY)
    assert "报送" not in other and "同一批记录" in other and "重新导入" in other
