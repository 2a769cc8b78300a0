"""Bringing a database's schema up to date (docs/data-safety.md#backups): an old database is
backed up first, then migrated; an empty one is created; one from a newer release is refused
and never touched. The database layer only migrates; the backup is this use case's."""

from __future__ import annotations

from ..db import SCHEMA_OLD, Database
from .backups import auto_backup


def upgrade(db: Database) -> str:
    """Creates or upgrades the schema; returns the state it was found in (empty/old/current).
    An upgraded database gets what the new schema adds: the members' shares of the work given
    to collectives (services.collectives), logged as 初始化."""
    state = db.schema_state()
    if state == SCHEMA_OLD:
        auto_backup(db, reason="升级前")
    found = db.migrate(state)
    if state == SCHEMA_OLD:
        _after_upgrade(db)
    return found


def _after_upgrade(db: Database) -> None:
    from ..models.audit import SOURCE_INIT
    from ..paths import current_user
    from .audit import Actor
    from .collectives import sync_shares

    with db.writing() as session:
        sync_shares(session, Actor(user=current_user(), source=SOURCE_INIT, note="升级：集合分工分解到各成员单位"))
