"""Opening the database without loading Alembic when nothing needs doing.

Loading Alembic (and with it the migration scripts) costs about a tenth of a second, and most
starts find the schema current and the plan loaded. :func:`is_ready` checks that with two plain
queries; ``bootstrap.ensure_ready`` asks it first, and on anything unexpected — no version table,
another revision, several heads among the revision files, no built-in plan — creates, upgrades
(after a backup) or refuses the database as before.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from ..db import Database
from ..resources import migrations_dir

_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(.+)$", re.M)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


@cache
def newest_revision() -> str | None:
    """The single head among the revision files, or None when that is not plain to see."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in Path(migrations_dir(), "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down is not None:
            parents.update(_QUOTED.findall(down.group(1)))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def is_ready(db: Database) -> bool:
    """True when the schema is at the newest revision and the built-in plan is loaded."""
    from ..models import Plan
    from .bootstrap import builtin_plan_no

    head = newest_revision()
    if head is None:
        return False
    try:
        with db.engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if revision != head:
                return False
            return conn.execute(select(Plan.id).where(Plan.doc_no == builtin_plan_no())).first() is not None
    except SQLAlchemyError:
        return False


def open_database(target: str | Path | None) -> Database:
    """A Database ready for use (``bootstrap.ensure_ready``, which asks :func:`is_ready` first);
    on any failure the engine is closed again before the error is raised."""
    from .bootstrap import ensure_ready

    db = Database(target)
    try:
        ensure_ready(db)
    except BaseException:
        db.dispose()
        raise
    return db
