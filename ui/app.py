"""QApplication set-up and the ``gui`` entry (smoke test and screenshots included).

Start-up order keeps the first paint quick: Qt, the style and the translation, the window
(built from Qt widgets only), one round of events so it is painted, and only then the database
and the core (SQLAlchemy, the services) in a worker thread.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path


def _plain_imports() -> None:
    """Import modules without PySide's ``__feature__`` hook.

    PySide6 replaces ``builtins.__import__`` to support ``from __feature__ import snake_case``;
    as a side effect it reads the whole source of every module imported afterwards and searches
    it for "PySide6" (PYSIDE-2029), which makes loading SQLAlchemy and the core about 40 % slower.
    This program never selects a ``__feature__``, so it goes back to the import that PySide keeps
    as ``builtins.__orig_import__`` (PySide's own lazy loading of its modules stays in place).
    """
    import builtins

    original = getattr(builtins, "__orig_import__", None)
    if original is not None and getattr(builtins.__import__, "__name__", "") == "__feature_import__":
        builtins.__import__ = original


def run(db_target: str | None = None, today: date | None = None, smoke: bool = False,
        screenshots: str | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    _plain_imports()
    from greentasks.collector import release_collector

    from . import i18n, prefs, style

    owns_process = QApplication.instance() is None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("greentasks")
    app.setOrganizationName("greentasks")
    style.apply(app)
    i18n.install(prefs.language())
    from .main_window import MainWindow, app_name

    app.setApplicationDisplayName(app_name())

    window = MainWindow(db_target=db_target, today=today)
    window.announce_first_view = smoke and not screenshots
    window.show()
    app.processEvents()  # paint the frame before the core is loaded
    window.start()
    # The window releases the collector once the data is shown (greentasks.collector); should the
    # database take long to open (a server away), it runs again after a while all the same.
    QTimer.singleShot(30_000, release_collector)
    if smoke or screenshots:
        def finish() -> None:
            code = window.smoke(Path(screenshots) if screenshots else None)
            window.close()
            app.exit(code)

        QTimer.singleShot(0, finish)
    code = app.exec()
    if (smoke or screenshots) and owns_process:
        # A check run started from the command line: everything is saved and closed, so end
        # the process now instead of tearing down thousands of Qt and Python objects one by one.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
