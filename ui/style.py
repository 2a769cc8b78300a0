"""The look: a light palette that prints well, a CJK UI font, and the colours of the lights."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "PingFang SC", "SimSun"]

ACCENT = "#2E7D5B"  # the green of the plan's title, for the navigation and headings
INK = "#1F2D3D"
MUTED = "#66788A"

# Row tints: pale enough to read black text on, and to survive a monochrome printer.
LIGHT_TINTS = {"红": "#FCE4E2", "黄": "#FFF4D1", "绿": "#F4FAF3"}
# Solid colours for dots, bars and legends.
LIGHT_COLOURS = {"红": "#D9534F", "黄": "#E8A317", "绿": "#4E9F50"}
UNRECOGNISED = "#B45309"  # a deadline the program could not read

# Style sheets only where the palette cannot say it: an application-wide style sheet makes Qt
# polish every widget through it, which doubles the time to build the window.
NAV_STYLE = f"""
QListWidget {{
    background: #EEF2F5; border: none; border-right: 1px solid #D5DCE3; outline: 0; padding-top: 6px;
}}
QListWidget::item {{ padding: 9px 8px 9px 10px; margin: 1px 6px; border-radius: 4px; color: {INK}; }}
QListWidget::item:hover {{ background: #E1E8EE; }}
QListWidget::item:selected {{
    background: #D7EBE0; color: {ACCENT}; font-weight: bold; border-left: 3px solid {ACCENT};
}}
"""
NOTE_STYLE = "background: #FFF8E1; border: 1px solid #F0DFA8; border-radius: 4px; padding: 6px 8px; color: #5D4A10;"
PRIMARY_STYLE = f"""
QPushButton {{ background: {ACCENT}; color: white; border: 1px solid #256B4C; border-radius: 4px;
    padding: 5px 14px; }}
QPushButton:hover {{ background: #276B4E; }}
QPushButton:disabled {{ background: #A9C8B9; border-color: #A9C8B9; }}
"""
LINK_STYLE = ("QPushButton { color: #1F5E99; padding: 2px 6px; border: none; text-align: left; }"
              "QPushButton:hover { text-decoration: underline; }")


def ui_font(point_size: float = 10) -> QFont:
    font = QFont()
    families = UI_FONTS if sys.platform == "win32" else UI_FONTS[2:] + UI_FONTS[:2]
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    return font


def palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#F4F6F8",
        QPalette.ColorRole.WindowText: INK,
        QPalette.ColorRole.Base: "#FFFFFF",
        QPalette.ColorRole.AlternateBase: "#F7F9FB",
        QPalette.ColorRole.Text: INK,
        QPalette.ColorRole.Button: "#F4F6F8",
        QPalette.ColorRole.ButtonText: INK,
        QPalette.ColorRole.Highlight: "#CCE0F5",
        QPalette.ColorRole.HighlightedText: INK,
        QPalette.ColorRole.ToolTipBase: "#FFFFF0",
        QPalette.ColorRole.ToolTipText: INK,
        QPalette.ColorRole.PlaceholderText: "#8A99A8",
        QPalette.ColorRole.Link: "#1F5E99",
        QPalette.ColorRole.BrightText: "#FFFFFF",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9AA7B4"))
    return p


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setFont(ui_font())


def title_font(base: QFont | None = None, point_size: float = 15) -> QFont:
    font = QFont(base) if base is not None else ui_font()
    font.setPointSizeF(point_size)
    font.setBold(True)
    return font


def muted_palette(widget) -> None:
    p = widget.palette()
    p.setColor(QPalette.ColorRole.WindowText, QColor(MUTED))
    widget.setPalette(p)


def tint(light: str) -> QColor | None:
    colour = LIGHT_TINTS.get(light)
    return QColor(colour) if colour else None


def colour(light: str) -> QColor:
    return QColor(LIGHT_COLOURS.get(light, "#999999"))


def bold(widget, point_size: float | None = None) -> None:
    font = widget.font()
    font.setBold(True)
    if point_size:
        font.setPointSizeF(point_size)
    widget.setFont(font)


def set_colour(widget, colour: str) -> None:
    p = widget.palette()
    p.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(p)
