"""Office-wide settings kept in the database, so every clerk on it sees the same lights."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import Setting

WARN_DAYS = "warn_days"
CYCLE = "cycle"
DEFAULTS = {WARN_DAYS: "30", CYCLE: "quarter"}
CYCLES = {"month": "按月", "quarter": "按季度", "half": "按半年", "year": "按年"}


def get_setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULTS[key]


def set_setting(session: Session, key: str, value: str, actor=None) -> None:
    """Change an office-wide setting; the change is logged like any other (who, when, old → new)."""
    from . import audit
    from .audit import Actor

    old = get_setting(session, key)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    if old != value:
        audit.log(session, actor or Actor.by_hand(), "settings", 0, key, old, value)


def warn_days(session: Session) -> int:
    try:
        return max(0, int(get_setting(session, WARN_DAYS)))
    except ValueError:
        return int(DEFAULTS[WARN_DAYS])


def reporting_cycle(session: Session) -> str:
    value = get_setting(session, CYCLE)
    return value if value in CYCLES else DEFAULTS[CYCLE]
