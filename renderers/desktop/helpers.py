"""Small Qt helpers the widget handlers share; this module imports no handler, so handlers never import each
other for them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from factory.core.layout import Node
from renderers.desktop.builder import Builder


def recolor(w, role: QPalette.ColorRole, color: str) -> None:
    pal = w.palette()
    pal.setColor(role, QColor(color))
    w.setPalette(pal)


def bind_scrollbars(b: Builder, n: Node, area, bars) -> None:
    """Scroll-bar children of a scrolling node are that area's own scroll bars, shown and positioned."""
    for bar in bars:
        horizontal = bar.props.get("orientation") == "horizontal"
        sb = area.horizontalScrollBar() if horizontal else area.verticalScrollBar()
        (area.setHorizontalScrollBarPolicy if horizontal else area.setVerticalScrollBarPolicy)(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        b.bind(bar, sb)
        value = int(bar.props.get("value", 0))
        b.later(lambda sb=sb, value=value: sb.setValue(round(sb.maximum() * value / 100)))
