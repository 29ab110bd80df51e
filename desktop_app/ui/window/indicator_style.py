"""The light and dark themes' style: Fusion, with check boxes outlined in a colour that can
be seen (≥ 3:1, WCAG 1.4.11). Imported only when a light or dark theme is applied."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

# The outline of an unticked check box: ≥ 3:1 against the field (Base) and the window.
_INDICATOR_OUTLINE = {"light": ("#767676", "#b0b0b0"), "dark": ("#8c8c8c", "#5a5a5a")}


class IndicatorOutlineStyle(QProxyStyle):
    """Fusion, with check boxes (QCheckBox and item views' check boxes alike) outlined in a
    colour that can be seen; everything else is Fusion's own."""

    def __init__(self, theme: str) -> None:
        super().__init__("Fusion")
        enabled, disabled = _INDICATOR_OUTLINE[theme]
        self.outline, self.disabled_outline = QColor(enabled), QColor(disabled)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element != QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return  # item views' check boxes come here too: Fusion draws them as this one
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(QColor(0, 0, 0, 0))
        painter.setPen(QPen(self.outline if enabled else self.disabled_outline, 1))
        painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 1.5, 1.5)
        painter.restore()
