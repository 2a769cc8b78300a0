"""销号 and 退回 (docs/statuses.md#closure): completions reported by units wait for the office's check."""

from __future__ import annotations

from sqlalchemy import select

from greentasks.models import Assignment
from greentasks.services.actions import confirm_completions, send_back
from greentasks.services.audit import Actor
from greentasks.services.history import assignment_history


def pending_ids(db) -> list[int]:
    with db.reading() as s:
        return list(s.scalars(select(Assignment.id).where(Assignment.closure == "待销号").order_by(Assignment.id)))


def test_confirm_and_send_back_in_bulk(example_db):
    pending = pending_ids(example_db)
    assert len(pending) >= 4
    assert confirm_completions(example_db, pending[:2] + [999_999], Actor(user="clerk")).value == 2
    assert send_back(example_db, pending[2:4], "佐证材料不全", Actor(user="clerk")).value == 2
    # A second 销号 of the same rows changes nothing.
    assert confirm_completions(example_db, pending[:2], Actor(user="clerk")).value == 0
    with example_db.reading() as s:
        confirmed = s.get(Assignment, pending[0])
        returned = s.get(Assignment, pending[2])
        assert (confirmed.status, confirmed.closure, confirmed.closure_by) == ("已完成", "已销号", "clerk")
        assert (returned.status, returned.closure, returned.status_source) == ("推进中", None, "hand")
        history = assignment_history(s, pending[2])
    assert any("佐证材料不全" in (c["note"] or "") for c in history["changes"])
    assert pending_ids(example_db) == pending[4:]
