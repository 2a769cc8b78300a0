"""QApplication set-up and the ``gui`` entry (smoke test and screenshots included)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path


def run(db_target: str | None = None, today: date | None = None, smoke: bool = False,
        screenshots: str | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("greentasks")
    app.setOrganizationName("greentasks")
    app.setApplicationDisplayName("绿色发展重点任务督查督办台账")
    font = QFont()
    font.setFamilies(["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
                      "WenQuanYi Zen Hei", "PingFang SC", "SimSun"])
    font.setPointSize(10)
    app.setFont(font)

    from .main_window import MainWindow

    window = MainWindow(db_target=db_target, today=today)
    window.show()
    if smoke or screenshots:
        def finish() -> None:
            code = window.smoke(Path(screenshots) if screenshots else None)
            app.exit(code)

        QTimer.singleShot(0, finish)
    return app.exec()
