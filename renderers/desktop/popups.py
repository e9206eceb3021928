"""Popups: a column anchored below another node (intent anchor="below", target=<node id>) in an undimmed
overlay, drawn open under its opener once layouts have run and overlays fill their windows
(factory.grammars.open_states, factory.core.actions):

  menu items      a QMenu (a combo box's list, a tool button's menu, an autocomplete list)   renderers.desktop.menus
  a month         a QCalendarWidget, as a QDateEdit pops it up                              renderers.desktop.calendars
  anything else   the column as built (a tooltip label, a popover's card) on a filled panel

Each is a direct child of the overlay, so the measurer counts what it covers as occluded (measure.Measurer).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QMenu, QVBoxLayout, QWidget

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.builder import Builder
from renderers.desktop.helpers import recolor

GAP = 2  # px between the opener and its popup


def popup_below(b: Builder, n: Node, layer: QWidget) -> QWidget:
    """The popup `n` as a widget (bound to `n`) in `layer` (an undimmed overlay filling the window), placed under
    its target, or above it where there is no room below; always inside the window."""
    from renderers.desktop import calendars, menus

    if n.children and all(c.role == "menu_item" for c in n.children):
        w, align, stretch = b.bind(n, menus.popup_menu(b, n, layer)), "start", True
    elif calendars.is_month(n):
        w, align, stretch = calendars.month_popup(b, n), "start", False
    else:
        w, align, stretch = _panel(b, n), ("center" if n.props.get("kind") == "tip" else "auto"), False
    w.setParent(layer, Qt.WindowType.Widget)
    target = n.intent.get("target")
    b.after_floats(lambda: _place(b, w, target, layer.parentWidget(), align, stretch))
    return w


def _panel(b: Builder, n: Node) -> QWidget:
    """A popup built as its layout says: a tooltip column as it is (the tooltip paints its own frame), anything
    else in a framed panel of the window colour, which hides what it covers."""
    w = b.build(n)
    if n.props.get("kind") == "tip":
        return w
    panel = QFrame()
    panel.setFrameShape(QFrame.Shape.Box)
    panel.setAutoFillBackground(True)
    recolor(panel, QPalette.ColorRole.Window, b.t.colors["window"])
    lay = QVBoxLayout(panel)
    lay.setContentsMargins(1, 1, 1, 1)
    lay.addWidget(w)
    if n.props.get("kind") == "popover":
        panel.setFixedWidth(round(b.t.font_px * 22))
    return panel


def _place(b: Builder, w: QWidget, target: str, window: QWidget, align: str, stretch: bool) -> None:
    """Under the opener (the layer fills `window`: its coordinates are the layer's). `align`: start (left edges
    together), center, or auto (the right edges together for an opener in the window's right half)."""
    opener = target_rect(b, target, window)
    hint = w.sizeHint()
    w.resize(max(hint.width(), opener.width()) if stretch else hint.width(), hint.height())
    y = opener.bottom() + GAP
    if y + w.height() > window.height() and opener.top() - GAP - w.height() >= 0:
        y = opener.top() - GAP - w.height()
    if align == "center":
        x = opener.center().x() - w.width() // 2
    elif align == "auto" and opener.center().x() > window.width() // 2:
        x = opener.right() + 1 - w.width()
    else:
        x = opener.left()
    w.move(min(max(0, x), max(0, window.width() - w.width())), max(0, y))
    w.show()
    w.raise_()
    if isinstance(w, QMenu) and w.activeAction() is not None:
        w.setActiveAction(w.activeAction())


def target_rect(b: Builder, nid: str, window: QWidget) -> QRect:
    """Where node `nid` is drawn, in `window`'s coordinates."""
    from renderers.desktop import parts

    if nid in b.scene.widgets:
        w = b.scene.widgets[nid]
        return QRect(w.mapTo(window, QPoint(0, 0)), w.size())
    if nid in b.scene.parts:
        ref, r = parts.geometry(b.scene.parts[nid])
        return r.translated(ref.mapTo(window, QPoint(0, 0)))
    raise RendererError(f"desktop renderer: popup target {nid!r} is not drawn")
