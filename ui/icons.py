"""The program's one icon set: simple monochrome line icons (resources/icons/*.svg)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon


@cache
def icon(name: str) -> QIcon:
    from greentasks.resources import resource_path

    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
