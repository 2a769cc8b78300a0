"""What every view of the main window has: a name, an icon, a refresh from Changes, a search
box to focus (Ctrl+F), and a self-check for the smoke run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..workers import Changes

if TYPE_CHECKING:
    from ..backend import Backend
    from ..main_window import MainWindow


class View(QWidget):
    key = ""
    icon_name = ""

    def __init__(self, window: MainWindow):
        super().__init__()
        self.window_ = window
        self.backend: Backend = window.backend
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(14, 10, 14, 10)
        self.layout_.setSpacing(8)

    def title(self) -> str:
        raise NotImplementedError

    def on_changed(self, changes: Changes) -> None:
        """Refresh from the backend's snapshot what ``changes`` concerns."""

    def focus_search(self) -> bool:
        """Put the cursor in this view's search box; False when it has none."""
        return False

    def smoke_check(self) -> str | None:
        """None when the view shows what the data says; else what is wrong (for gui --smoke)."""
        return None
