"""docs/data-safety.md guarantees: backups, audit and undo, migrations, conflicting edits, busy databases."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from greentasks.db import Database
from greentasks.errors import ConflictError, DatabaseError
from greentasks.models import Assignment, ChangeLog
from greentasks.services.assignments import AssignmentEdit, edit_assignment
from greentasks.services.audit import Actor
from greentasks.services.schema import upgrade
from tests.conftest import EXAMPLE_TODAY
from tests.factories import filled_returns, table_dump


def first_assignment(db) -> Assignment:
    with db.reading() as s:
        return s.scalars(select(Assignment).order_by(Assignment.id)).first()


# -- conflicting edits (optimistic locking) -------------------------------------------------------

def test_saving_over_someone_elses_change_is_refused_with_both_values(example_db):
    a = first_assignment(example_db)
    loaded = a.version
    with example_db.writing() as s:  # colleague A saves first
        edit_assignment(s, Actor.by_hand(), a.id, loaded, AssignmentEdit(deadline_text="2024年6月底前"))
    with pytest.raises(ConflictError) as err, example_db.writing() as s:  # B saves over it
        edit_assignment(s, Actor.by_hand(), a.id, loaded, AssignmentEdit(deadline_text="2025年底前"))
    text = str(err.value)
    assert "2024年6月底前" in text and "2025年底前" in text and "刷新" in text
    with example_db.reading() as s:
        assert s.get(Assignment, a.id).deadline_text == "2024年6月底前"


def test_a_hand_edit_is_logged_with_who_when_old_and_new(example_db):
    a = first_assignment(example_db)
    with example_db.writing() as s:
        edit_assignment(s, Actor(user="clerk1"), a.id, a.version, AssignmentEdit(measure="新的具体工作"))
    with example_db.reading() as s:
        log = s.scalars(select(ChangeLog).where(ChangeLog.entity == "assignments", ChangeLog.entity_id == a.id,
                                                ChangeLog.field == "measure")).one()
    assert (log.user, log.old, log.new, log.source) == ("clerk1", a.measure, "新的具体工作", "手工")
    assert log.at is not None


# -- backups ----------------------------------------------------------------------------------------

def test_each_import_batch_is_preceded_by_a_backup_and_20_are_kept(sqlite_db, tmp_path, _user_data_dir):
    from greentasks.services.backups import list_backups
    from greentasks.services.example_office import load_example
    from greentasks.services.returns_import import import_returns

    with sqlite_db.writing() as s:
        load_example(s, Actor(user="t"), EXAMPLE_TODAY)
    files = filled_returns(sqlite_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))
    for f in files[:22]:
        report = import_returns(sqlite_db, [f])
        assert report.files[0].outcome == "imported"
        assert report.backup is not None and report.backup.exists()
    backups = list_backups(sqlite_db)
    assert len(backups) == 20
    # Each backup is a consistent SQLite database
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_restore_refuses_a_database_of_a_newer_release(sqlite_db, tmp_path):
    from greentasks.services.backups import backup_to, restore_from

    copy = backup_to(sqlite_db, tmp_path / "copy.db")
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="更新版本"):
        restore_from(sqlite_db, copy)


# -- migrations ---------------------------------------------------------------------------------

def _fill_every_table(engine) -> dict[str, int]:
    """One row in every table of the schema as it stands, with values of each column's type."""
    from datetime import datetime

    from sqlalchemy import Boolean, Date, DateTime, Float, Integer, MetaData

    meta = MetaData()
    meta.reflect(engine)
    counts = {}
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            row = {}
            for col in table.columns:
                t = col.type
                if isinstance(t, Boolean):
                    row[col.name] = False
                elif isinstance(t, Integer):
                    row[col.name] = 1
                elif isinstance(t, Float):
                    row[col.name] = 1.5
                elif isinstance(t, DateTime):
                    row[col.name] = datetime(2023, 1, 2, 3, 4, 5)
                elif isinstance(t, Date):
                    row[col.name] = date(2023, 1, 2)
                else:
                    row[col.name] = f"{table.name}.{col.name}"[: getattr(t, "length", None) or 200]
            conn.execute(table.insert().values(**row))
            counts[table.name] = 1
    return counts


def test_upgrading_from_the_first_revision_keeps_every_row(tmp_path):
    from alembic import command
    from alembic.script import ScriptDirectory

    from greentasks.db import _alembic_config

    db = Database(tmp_path / "old.db")
    first = list(ScriptDirectory.from_config(_alembic_config()).walk_revisions())[-1].revision
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), first)
    counts = _fill_every_table(db.engine)
    before = table_dump(db, exclude=("alembic_version",))
    assert db.schema_state() in ("old", "current")
    upgrade(db)
    assert db.schema_state() == "current"
    after = table_dump(db, exclude=("alembic_version",))
    for table, rows in before.items():
        assert len(after[table]) == counts[table]
        # Every column that existed keeps its value.
        assert [r[: len(rows[0])] for r in after[table]] == rows


def test_a_database_from_a_newer_release_is_refused_and_untouched(sqlite_db):
    path = sqlite_db.sqlite_path
    sqlite_db.dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    db = Database(path)
    with pytest.raises(DatabaseError, match="更新版本"):
        upgrade(db)
    db.dispose()
    assert path.read_bytes() == before


def test_an_old_database_is_backed_up_before_its_upgrade(tmp_path, monkeypatch):
    from greentasks import db as dbmod
    from greentasks.services.backups import list_backups

    db = Database(tmp_path / "office.db")
    upgrade(db)
    monkeypatch.setattr(dbmod, "head_revision", lambda: "ffffffffffff")
    known = dbmod.known_revisions()
    monkeypatch.setattr(dbmod, "known_revisions", lambda: known | {"ffffffffffff"})
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: None)
    assert upgrade(db) == "old"
    assert any("升级前" in p.name for p in list_backups(db))


def test_the_database_layer_migrates_and_leaves_backups_to_the_service(tmp_path, monkeypatch):
    """Database.migrate() only migrates: the backup before an upgrade is services.schema's, and
    db.py imports nothing from services."""
    import ast
    from pathlib import Path

    from greentasks import db as dbmod
    from greentasks.services.backups import list_backups

    tree = ast.parse(Path(dbmod.__file__).read_text(encoding="utf-8"))
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any("services" in name for name in imported), imported
    db = Database(tmp_path / "office.db")
    assert db.migrate() == "empty" and db.schema_state() == "current"
    monkeypatch.setattr(dbmod, "head_revision", lambda: "ffffffffffff")
    known = dbmod.known_revisions()
    monkeypatch.setattr(dbmod, "known_revisions", lambda: known | {"ffffffffffff"})
    monkeypatch.setattr("alembic.command.upgrade", lambda cfg, rev: None)
    assert db.migrate() == "old"
    assert list_backups(db) == []
    db.dispose()


# -- audit and undo -------------------------------------------------------------------------------

def test_import_and_undo_are_logged_with_their_source(example_db, tmp_path):
    from greentasks.services.returns_import import import_returns
    from greentasks.services.undo import undo_batch

    before = table_dump(example_db, exclude=("change_log", "import_batches"))
    files = filled_returns(example_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))
    report = import_returns(example_db, files[:3])
    batch_ids = [f.batch_id for f in report.files]
    with example_db.reading() as s:
        logged = s.scalars(select(ChangeLog).where(ChangeLog.batch_id == batch_ids[0])).all()
    assert logged and {c.source for c in logged} == {"导入"}
    for batch_id in reversed(batch_ids):
        undo_batch(example_db, batch_id)
    after = table_dump(example_db, exclude=("change_log", "import_batches"))
    # Versions and update times move on; every other value is as before the imports.
    assert _without(after, ("version", "updated_at")) == _without(before, ("version", "updated_at"))
    with example_db.reading() as s:
        assert s.scalars(select(ChangeLog).where(ChangeLog.source == "撤销")).first() is not None


def _without(dump: dict, columns: tuple[str, ...]) -> dict:
    from greentasks.models import Base

    out = {}
    for table, rows in dump.items():
        names = [c.name for c in Base.metadata.tables[table].columns] if table in Base.metadata.tables else []
        keep = [i for i, n in enumerate(names) if n not in columns] or list(range(len(rows[0]) if rows else 0))
        out[table] = sorted((tuple(r[i] for i in keep) for r in rows), key=repr)
    return out


def test_history_of_an_assignment_names_the_file(example_db, tmp_path):
    from greentasks.services.history import assignment_history
    from greentasks.services.returns_import import import_returns

    files = filled_returns(example_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))
    report = import_returns(example_db, files[:1])
    change = report.files[0].changes[0]
    with example_db.reading() as s:
        history = assignment_history(s, change.assignment_id)
    assert any(e["source"] == files[0].name and e["period"] == "2023Q2" for e in history["entries"])
    assert any(c["file"] == files[0].name for c in history["changes"])


def test_busy_database_gives_a_clear_message_and_writes_nothing(sqlite_db, monkeypatch):
    from greentasks import db as dbmod

    monkeypatch.setattr(dbmod, "SQLITE_BUSY_TIMEOUT_MS", 200)
    path = sqlite_db.sqlite_path
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another clerk holds the write lock
    try:
        db = Database(path)
        db.engine.dispose()
        with pytest.raises(DatabaseError, match="数据库正忙"), db.writing() as s:
            s.get(Assignment, 1)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_server_password_comes_from_the_credential_store(monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1
        store: dict = {}

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def get_password(self, service, username):
            return self.store.get((service, username))

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())
    from greentasks.credentials import store_password, strip_password, with_stored_password

    url = "postgresql+psycopg://clerk@db.example:5432/greentasks"
    store_password(url, "s3cret")
    assert with_stored_password(url) == "postgresql+psycopg://clerk:s3cret@db.example:5432/greentasks"
    assert strip_password(with_stored_password(url)) == url
    assert with_stored_password("sqlite:///x.db") == "sqlite:///x.db"


def test_without_keyring_a_password_cannot_be_stored_and_says_why(monkeypatch):
    import sys

    from greentasks.credentials import store_password, with_stored_password

    monkeypatch.setitem(sys.modules, "keyring", None)  # as if not installed: import fails
    url = "postgresql+psycopg://clerk@db.example:5432/greentasks"
    with pytest.raises(DatabaseError, match="未安装 keyring"):
        store_password(url, "s3cret")
    assert with_stored_password(url) == url  # opening still tries, without a password


def test_two_databases_keep_their_own_20_backups(tmp_path):
    from greentasks.services.backups import auto_backup, list_backups
    from greentasks.services.bootstrap import initialize

    main = Database(tmp_path / "greentasks.db")
    practice = Database(tmp_path / "greentasks_练习.db")
    for db in (main, practice):
        initialize(db)
    first = auto_backup(main, reason="导入报送前")
    for _ in range(25):
        auto_backup(practice, reason="导入报送前")
    assert first.exists()  # never pruned by the other database's copies
    assert list_backups(main) == [first]
    assert len(list_backups(practice)) == 20


def test_a_long_read_never_blocks_a_colleagues_save(sqlite_db):
    path = sqlite_db.sqlite_path
    with sqlite_db.reading() as reading:
        reading.execute(select(Assignment.id)).first()  # a report or a refresh in progress
        other = sqlite3.connect(path, timeout=1, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # would raise "database is locked" if the reader held it
        other.execute("ROLLBACK")
    with sqlite_db.writing() as writing:
        writing.execute(select(Assignment.id)).first()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")  # writers queue: the first holds the lock
    other.close()


def test_a_template_of_another_period_renamed_for_this_one_is_refused(example_db, tmp_path):
    from greentasks.services.returns_import import import_returns

    (q2,) = filled_returns(example_db, tmp_path / "q2", "2023Q2", date(2023, 7, 5))[:1]
    reused = tmp_path / q2.name.replace("2023Q2", "2023Q3")
    q2.rename(reused)
    before = table_dump(example_db)
    (outcome,) = import_returns(example_db, [reused]).files
    assert outcome.outcome == "refused"
    assert "报送期不一致" in outcome.errors[0].message and "第三季度" in outcome.errors[0].message
    assert table_dump(example_db) == before


def test_a_value_too_long_for_the_server_refuses_only_its_file(example_db, tmp_path):
    import openpyxl

    from greentasks.services.returns_import import import_returns

    files = filled_returns(example_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))[:2]
    wb = openpyxl.load_workbook(files[0])
    wb["进展情况"]["C3"] = "填报人" * 200  # longer than any name column ever held
    wb.save(files[0])
    report = import_returns(example_db, files)
    assert [f.outcome for f in report.files] == ["imported", "imported"]


def test_a_file_that_fails_to_write_is_refused_and_the_others_import(example_db, tmp_path, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from greentasks.services import returns_import

    files = filled_returns(example_db, tmp_path / "out", "2023Q2", date(2023, 7, 5))[:3]
    real = returns_import._commit
    calls = []

    def flaky(db, checked, plan):
        calls.append(checked.outcome.path.name)
        if len(calls) == 2:
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: progress_entries"))
        return real(db, checked, plan)

    monkeypatch.setattr(returns_import, "_commit", flaky)
    report = returns_import.import_returns(example_db, files)
    outcomes = {f.path.name: f for f in report.files}
    assert outcomes[calls[1]].outcome == "refused" and "同时导入" in outcomes[calls[1]].errors[0].message
    assert [outcomes[n].outcome for n in (calls[0], calls[2])] == ["imported", "imported"]
    assert report.exit_code == 1


def test_a_settings_change_is_logged(sqlite_db):
    from greentasks.services.settings import WARN_DAYS, set_setting, warn_days

    with sqlite_db.writing() as s:
        set_setting(s, WARN_DAYS, "15", Actor(user="clerk2"))
    with sqlite_db.reading() as s:
        assert warn_days(s) == 15
        log = s.scalars(select(ChangeLog).where(ChangeLog.entity == "settings")).one()
    assert (log.field, log.old, log.new, log.user) == ("warn_days", "30", "15", "clerk2")


@pytest.mark.parametrize("address", ["postgresql+nosuch://clerk:secret@server/db", "nosuch://server/db"])
def test_an_address_that_is_no_database_gets_a_message_not_a_traceback(address, tmp_path):
    """A typing slip in --db (or in 设置) names the address, hides its password and says what a
    database address looks like; nothing is written anywhere."""
    from greentasks.db import Database
    from greentasks.errors import DatabaseError

    with pytest.raises(DatabaseError) as caught:
        Database(address)
    message = str(caught.value)
    assert "不是可用的数据库地址" in message and "secret" not in message
    assert "postgresql://用户名@服务器:5432/数据库名" in message
