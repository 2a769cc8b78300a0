"""The benchmark's helpers, at a small size: the mails it imports are real mails whose every
return is taken and written, and its statement counter counts what the engine sends."""

from __future__ import annotations

import email
import io
import zipfile
from email import policy

from sqlalchemy import select, text

from greentasks.db import Database
from greentasks.inbox.collect import collect
from greentasks.models import Department, ProgressEntry
from greentasks.services.directory import DirectoryIndex
from greentasks.services.returns_import import import_returns
from tests.benchmarks.mails import make_mails
from tests.benchmarks.statements import StatementLog, growth

UNITS = ["区水利局", "区财政局", "三泉镇"]


def test_the_mails_are_parseable_and_every_return_in_them_is_imported(example_db, tmp_path):
    batch = make_mails(example_db, tmp_path / "收件", mails=6, attachments=9, zips=2, units=UNITS)
    assert (batch.mails, batch.attachments, batch.zips) == (6, 9, 2)
    saved = sorted((tmp_path / "收件").iterdir())
    assert [p.suffix for p in saved] == [".eml"] * 6

    # what any mail program reads in them: the attachments, the zips among them, each zip's returns
    attachments = zips = members = 0
    raw = b""
    for path in saved:
        raw += path.read_bytes()
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in msg.iter_attachments():
            attachments += 1
            if part.get_filename().endswith(".zip"):
                zips += 1
                with zipfile.ZipFile(io.BytesIO(part.get_content())) as zf:
                    members += len(zf.infolist())
                    assert 1 <= len(zf.infolist()) <= 3
    assert (attachments, zips) == (9, 2)
    assert batch.returns == 9 - 2 + members
    # the names written the three ways mailers write them
    assert b"filename*" in raw and b'filename="=?UTF-8?B?' in raw and b'filename="=?gb2312?B?' in raw

    # the inbox decodes every name (GBK zip members, RFC 2047 and RFC 2231 names) and takes all
    inbox = collect([tmp_path / "收件"])
    assert inbox.refused == [] and inbox.passed == []
    assert sorted(item.name for item in inbox.items) == sorted(batch.names)
    with example_db.reading() as s:
        index = DirectoryIndex(s)
        from_units = {item.mail.source for item in inbox.items if index.by_email(item.mail.sender_address)}
    assert len(from_units) == batch.from_units > 0

    report = import_returns(example_db, [tmp_path / "收件"])
    assert sorted(f.name for f in report.files if f.outcome == "imported") == sorted(batch.names), [
        line for f in report.files for line in f.lines()]
    # each unit's last return is the one that stands (the earlier ones superseded)
    assert sum(batch.versions.values()) == batch.returns and set(batch.versions) == set(UNITS)
    with example_db.reading() as s:
        current = set(s.execute(
            select(Department.name, ProgressEntry.progress).join(ProgressEntry.assignment).join(Department)
            .where(ProgressEntry.period == "2023Q2", ProgressEntry.superseded.is_(False),
                   Department.name.in_(UNITS))))
    assert {(unit, p.split("：")[0]) for unit, p in current} == {
        (unit, f"第{v}次报送的进展") for unit, v in batch.versions.items()}


def test_the_statement_log_counts_what_the_engine_sends_and_where_from(tmp_path):
    db = Database(tmp_path / "count.db")
    with db.writing() as s:
        s.execute(text("CREATE TABLE departments (id INTEGER PRIMARY KEY, email TEXT)"))
        s.execute(text("INSERT INTO departments (id, email) VALUES (1, '')"))

    def selects(n: int) -> StatementLog:
        with StatementLog(db.engine) as log, db.reading() as s:
            for _ in range(n):
                s.execute(text("SELECT 1"))
        return log

    one, five = selects(1), selects(5)
    assert five.count - one.count == 4
    [line] = {s.where for s in five.statements if s.sql == "SELECT 1"}
    assert line.startswith("tests/benchmarks/test_bench_helpers.py:") and five.by_line()[line] == 5
    # the line whose statements follow the size is named, with its count and how many more
    assert growth(one, five).startswith(f"{line} ×5 (+4) SELECT 1")
    assert growth(five, one) == ""

    # writes go through the writers' engine (the same pool, its own options): counted too
    with StatementLog(db.engine) as log, db.writing() as s:
        s.execute(text("UPDATE departments SET email = 'a@b.cn' WHERE id = 1"))
    assert any(st.sql.startswith("UPDATE departments") for st in log.statements)
    # after the block, nothing is counted any more
    with db.reading() as s:
        s.execute(text("SELECT 1"))
    assert log.count == len(log.statements) and not any(st.sql == "SELECT 1" for st in log.statements)
    db.dispose()


def test_one_returns_import_takes_the_same_statements_for_2_rows_as_for_12(tmp_path):
    from tests.benchmarks.run import import_statements, rows_office

    made, files = rows_office(tmp_path, (2, 12))
    assert sorted(files) == [2, 12]
    first, superseding = zip(*(import_statements(made, files[n], tmp_path / f"run{n}.db") for n in (2, 12)),
                             strict=True)
    assert first[0] == first[1] > 0 and superseding[0] == superseding[1] > first[0]
    # Checking and writing one return: 18 statements, one more to supersede an earlier one (the
    # state and the live report in one query; the new reports' ids come back with their insert).
    assert (first[0], superseding[0]) == (18, 19)


def test_the_state_before_a_return_names_the_live_report_fields_in_order():
    from greentasks.services.progress import ENTRY_FIELDS, LiveEntry

    assert LiveEntry._fields == ("assignment_id", "id", *ENTRY_FIELDS)
