"""Charts painted with QPainter (PySide6-Essentials has no QtCharts): stacked red/yellow/green
bars by section or unit, and an indicator's yearly values against its 2025 target."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import style
from ..vocab import LIGHTS, show

translate = QCoreApplication.translate

ROW_HEIGHT = 24
BAR_HEIGHT = 15
RIGHT_MARGIN = 14
YEAR_SLOTS = (2021, 2022, 2023, 2024, 2025)  # the annex's years, before an indicator is chosen


class StackedBarChart(QWidget):
    """One horizontal bar per item, split into 红/黄/绿; clicking a part emits (label, light)."""

    clicked = Signal(str, str)  # label, light ("" for the whole bar)

    def __init__(self, parent: QWidget | None = None, label_width: int = 170):
        super().__init__(parent)
        self.items: list[tuple[str, dict[str, int]]] = []
        self.label_width = label_width
        self._hover: tuple[int, str] | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: list[tuple[str, dict[str, int]]]) -> None:
        self.items = items
        self.setFixedHeight(max(1, len(items)) * ROW_HEIGHT + 30)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, max(1, len(self.items)) * ROW_HEIGHT + 30)

    def _geometry(self) -> tuple[float, float, int]:
        left = float(self.label_width)
        right = float(self.width() - 44)
        most = max((sum(c.get(x, 0) for x in LIGHTS) for _l, c in self.items), default=0)
        return left, max(right - left, 10.0), max(most, 1)

    def _segments(self, i: int) -> list[tuple[str, QRectF, int]]:
        left, width, most = self._geometry()
        counts = self.items[i][1]
        y = 4 + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        x = left
        out = []
        for light in LIGHTS:
            n = counts.get(light, 0)
            if n:
                w = width * n / most
                out.append((light, QRectF(x, y, w, BAR_HEIGHT), n))
                x += w
        return out

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        left, width, _most = self._geometry()
        if not self.items:
            p.setPen(QColor(style.MUTED))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, translate("Charts", "暂无数据"))
            return
        for i, (label, _counts) in enumerate(self.items):
            y = 4 + i * ROW_HEIGHT
            p.setPen(QColor(style.INK))
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, self.label_width - 10)
            p.drawText(QRectF(0, y, self.label_width - 8, ROW_HEIGHT),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            total = 0
            end = left
            for light, rect, n in self._segments(i):
                colour = style.colour(light)
                if self._hover == (i, light):
                    colour = colour.darker(115)
                p.fillRect(rect, colour)
                if rect.width() >= fm.horizontalAdvance(str(n)) + 6:
                    p.setPen(QColor("white") if light != "黄" else QColor(style.INK))
                    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(n))
                total += n
                end = rect.right()
            p.setPen(QColor(style.MUTED))
            p.drawText(QRectF(end + 6, y, 60, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, str(total))
        # legend
        y = 4 + len(self.items) * ROW_HEIGHT + 6
        x = left
        for light in LIGHTS:
            p.fillRect(QRectF(x, y + 4, 12, 12), style.colour(light))
            p.setPen(QColor(style.INK))
            name = show(light)
            p.drawText(QPointF(x + 16, y + 14), name)
            x += 16 + fm.horizontalAdvance(name) + 18
        p.end()

    def _hit(self, pos: QPointF) -> tuple[int, str] | None:
        i = int((pos.y() - 4) // ROW_HEIGHT)
        if not 0 <= i < len(self.items):
            return None
        for light, rect, _n in self._segments(i):
            if rect.adjusted(0, -4, 0, 4).contains(pos):
                return i, light
        if pos.x() < self.label_width:
            return i, ""
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self._hit(event.position())
        if hit != self._hover:
            self._hover = hit
            self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
            if hit:
                label, counts = self.items[hit[0]]
                parts = "，".join(f"{show(x)} {counts.get(x, 0)}" for x in LIGHTS)
                self.setToolTip(f"{label}：{parts}")
            self.update()

    def leaveEvent(self, _event) -> None:  # noqa: N802
        self._hover = None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self._hit(event.position())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.items[hit[0]][0], hit[1])


class IndicatorChart(QWidget):
    """The yearly values of one indicator as columns, the 2025 target as a dashed line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.years: list[int] = []
        self.values: dict[int, float | None] = {}
        self.target: float | None = None
        self.unit = ""
        self.setMinimumHeight(180)

    def set_indicator(self, years: list[int], values: dict[int, float | None], target: float | None,
                      unit: str) -> None:
        self.years, self.values, self.target, self.unit = years, values, target, unit
        self.updateGeometry()  # the labels decide how narrow it may be
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(max(360, self.minimumSizeHint().width()), 200)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Wide enough for every year under its column and every value above its bar."""
        return QSize(int(self._left_margin() + RIGHT_MARGIN + max(1, len(self.years or YEAR_SLOTS)) * self._slot_min()),
                     180)

    def _target_text(self) -> str:
        return translate("Charts", "目标 {value}").format(value=f"{self.target:g}") if self.target is not None else ""

    def _left_margin(self) -> float:
        fm = QFontMetrics(self.font())
        return max(24.0, fm.horizontalAdvance(self._target_text()) + 10.0)

    def _slot_min(self) -> float:
        fm = QFontMetrics(self.font())
        labels = [str(y) for y in (self.years or YEAR_SLOTS)] + [f"{v:g}" for v in self.values.values() if v is not None]
        return max(fm.horizontalAdvance(t) for t in labels) + 10.0

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        margin = self._left_margin()
        rect = QRectF(self.rect()).adjusted(margin, 14 + fm.height(), -RIGHT_MARGIN, -(fm.height() + 10))
        numbers = [v for v in self.values.values() if v is not None]
        top = max([*numbers, self.target or 0, 1e-9]) * 1.15
        p.setPen(QPen(QColor("#C9D2DB"), 1))
        p.drawLine(rect.bottomLeft(), rect.bottomRight())
        if not self.years:
            p.end()
            return
        if not numbers:
            p.setPen(QColor(style.MUTED))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, translate("Charts", "尚未填写数值"))
        slot = rect.width() / len(self.years)
        for k, year in enumerate(self.years):
            x = rect.left() + k * slot
            value = self.values.get(year)
            p.setPen(QColor(style.MUTED))
            p.drawText(QRectF(x, rect.bottom() + 4, slot, fm.height() + 2), Qt.AlignmentFlag.AlignCenter, str(year))
            if value is None:
                p.drawText(QRectF(x, rect.bottom() - fm.height() - 2, slot, fm.height()), Qt.AlignmentFlag.AlignCenter,
                           "—")
                continue
            h = rect.height() * max(value, 0) / top
            bar = QRectF(x + slot * 0.25, rect.bottom() - h, slot * 0.5, h)
            reached = self.target is not None and value >= self.target
            p.fillRect(bar, QColor(style.LIGHT_COLOURS["绿"] if reached else "#6C9BC9"))
            p.setPen(QColor(style.INK))
            label = f"{value:g}"
            p.drawText(QRectF(x, bar.top() - fm.height() - 2, slot, fm.height()), Qt.AlignmentFlag.AlignCenter, label)
        if self.target is not None:
            y = rect.bottom() - rect.height() * self.target / top
            pen = QPen(QColor(style.LIGHT_COLOURS["红"]), 1.5, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            p.drawText(QRectF(0, y - fm.height() / 2, margin - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._target_text())
        p.end()
