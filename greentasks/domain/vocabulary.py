"""The office's fixed words that are stored in the database, in one plain module (no imports),
so that the models, the rules and the desktop app's first window all take them from here."""

from __future__ import annotations

from typing import Final

RED: Final = "红"
YELLOW: Final = "黄"
GREEN: Final = "绿"
LIGHTS: Final = (RED, YELLOW, GREEN)

ROLE_LEAD: Final = "牵头"
ROLE_COOPERATE: Final = "配合"
ROLES: Final = (ROLE_LEAD, ROLE_COOPERATE)

# Unit categories; 集合 is a collective name (各乡镇（街道）) that cannot report by itself.
CATEGORIES: Final = ("区级部门", "乡镇街道", "企事业单位", "集合")
