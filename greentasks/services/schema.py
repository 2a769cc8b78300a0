"""Bringing a database's schema up to date (docs/data-safety.md#backups): an old database is
backed up first, then migrated; an empty one is created; one from a newer release is refused
and never touched. The database layer only migrates; the backup is this use case's."""

from __future__ import annotations

from ..db import SCHEMA_OLD, Database
from .backups import auto_backup


def upgrade(db: Database) -> str:
    """Creates or upgrades the schema; returns the state it was found in (empty/old/current)."""
    state = db.schema_state()
    if state == SCHEMA_OLD:
        auto_backup(db, reason="升级前")
    return db.migrate(state)
