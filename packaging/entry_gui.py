"""Entry of the frozen windowed program 绿色发展督查台账.exe (no console window on Windows)."""

import os
import sys

from greentasks.collector import hold_collector

hold_collector()  # until 总览 is painted (greentasks.collector)

from greentasks.cli import gui_main  # noqa: E402


def _report_language() -> None:
    """For tools/frozen_check.sh (GREENTASKS_REPORT_LANGUAGE=1): once the translations are
    installed, print the language in force, the window title and a button of Qt's own dialogs in
    it, so a build that lost a translation file shows it."""
    from PySide6.QtCore import QCoreApplication

    from ui import i18n

    install = i18n.install

    def reporting_install(lang: str) -> str:
        in_force = install(lang)
        from ui.main_window import app_name

        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        print(f"界面语言：{in_force}；标题：{app_name()}；Qt 按钮：{cancel}", file=sys.stderr, flush=True)
        return in_force

    i18n.install = reporting_install


if __name__ == "__main__":
    if os.environ.get("GREENTASKS_REPORT_LANGUAGE") == "1":
        _report_language()
    sys.exit(gui_main())
