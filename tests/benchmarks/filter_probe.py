"""The 分工 view's model and filter over a grown office: time per keystroke of the search box."""

from __future__ import annotations

import os
import statistics
import time


def filter_ms(rows) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from ui.models.assignments import AssignmentFilter, AssignmentProxy, AssignmentTableModel

    app = QApplication.instance() or QApplication([])
    model = AssignmentTableModel()
    model.set_rows(rows)
    proxy = AssignmentProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    times = []
    for query in ("区发展改革委 推进", "第12项", "绿色 2025"):
        for i in range(1, len(query) + 1):
            t = time.perf_counter()
            proxy.apply(AssignmentFilter(text=query[:i]))
            app.processEvents()
            times.append(time.perf_counter() - t)
        proxy.apply(AssignmentFilter())
        app.processEvents()
    view.close()
    return statistics.median(times) * 1000
