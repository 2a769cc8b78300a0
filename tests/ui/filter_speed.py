"""How long the 分工 table takes to filter per keystroke: the search box's words typed one
character at a time into a table of ``rows`` (queries.AssignmentRow), proxy and view included.

Used by tests/ui/test_ui_app.py and by the benchmark (tests/benchmarks), which has no window.
"""

from __future__ import annotations

import statistics
import time

TYPED = "发改委 页岩气"


def keystroke_times(rows: list, typed: str = TYPED, repeat: int = 3) -> tuple[list[float], int]:
    """Seconds per keystroke (the best of ``repeat`` tries each) and the rows left at the end."""
    from PySide6.QtWidgets import QApplication

    from ui.models.assignments import AssignmentFilter, AssignmentProxy, AssignmentTableModel
    from ui.widgets import RowTable

    app = QApplication.instance() or QApplication([])
    model = AssignmentTableModel()
    model.aliases = {r.department_id: "发改委 区发改委" for r in rows if r.department == "区发展改革委"}
    proxy = AssignmentProxy()
    proxy.setSourceModel(model)
    table = RowTable("filter_speed")
    table.setModel(proxy)
    table.resize(1200, 700)
    table.show()
    model.set_rows(rows)
    app.processEvents()
    times = []
    text = ""
    for ch in typed:
        text += ch
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            proxy.apply(AssignmentFilter(text=text))
            app.processEvents()
            best = min(best, time.perf_counter() - start)
            proxy.apply(AssignmentFilter(text=text[:-1]))
            app.processEvents()
        times.append(best)
    proxy.apply(AssignmentFilter(text=text))
    left = proxy.rowCount()
    table.close()
    table.deleteLater()
    return times, left


def filter_ms(rows: list) -> float:
    """The slowest keystroke, in milliseconds (the benchmark's office_filter_ms)."""
    times, _left = keystroke_times(rows)
    return max(times) * 1000


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000
