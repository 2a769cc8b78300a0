"""Per-user folders (platformdirs): the default database and the automatic backups live here,
never beside the program (which on Windows may sit under Program Files)."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

APP_NAME = "greentasks"


def user_data_dir() -> Path:
    override = os.environ.get("GREENTASKS_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False, roaming=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return user_data_dir() / "greentasks.db"


def backups_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def current_user() -> str:
    """The OS user, recorded as 'who' in the change log and the import history."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (service account): still record something
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"
