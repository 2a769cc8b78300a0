"""The 分工 view's model and filter over a grown office: median time per keystroke of the search
box (the same measurement the UI tests make, in tests/ui/filter_speed.py)."""

from __future__ import annotations

import os
import statistics


def filter_ms(rows) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from tests.ui.filter_speed import keystroke_times

    times, _left = keystroke_times(rows)
    return statistics.median(times) * 1000
