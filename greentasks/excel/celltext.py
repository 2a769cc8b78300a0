"""Text as a worksheet can hold it.

Text pasted from Word or a web page carries control characters (a manual line break in Word is
U+000B) that the .xlsx format cannot store: openpyxl refuses the whole cell, so one such
character in one unit's progress text would stop every ledger and template export. Imports
store text through :func:`printable`, and exports write through it again for text that reached
the database another way.
"""

from __future__ import annotations

import re

# What .xlsx cannot hold (as openpyxl's ILLEGAL_CHARACTERS_RE): C0 controls but tab, LF and CR.
_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f]")


def printable(value: object) -> object:
    """``value`` with line-break controls as ``\\n`` and other control characters removed;
    anything but text is returned as it is."""
    if not isinstance(value, str):
        return value
    if _BREAKS.search(value):
        value = _BREAKS.sub("\n", value)
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    return value
