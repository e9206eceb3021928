"""Screens and window furniture: a screen is a QMainWindow (menu bar, tool bars, docks, status bar, central
widget, overlays) or a desktop with free-standing dialogs; toolbars by kind are QToolBar, QMenuBar,
QStatusBar or a drawn title bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QMainWindow, QMenuBar, QSizePolicy, QStatusBar,
                               QToolBar, QVBoxLayout, QWidget)

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.builder import Builder, handles
from renderers.desktop.containers import boxed, direction
from renderers.desktop.helpers import recolor
from renderers.desktop.icons import qicon
from renderers.desktop.widgets import Desktop, TitleBar

AREAS = {"left": Qt.DockWidgetArea.LeftDockWidgetArea, "right": Qt.DockWidgetArea.RightDockWidgetArea,
         "bottom": Qt.DockWidgetArea.BottomDockWidgetArea, "top": Qt.DockWidgetArea.TopDockWidgetArea}
WINDOW_GLYPHS = {"win95": {}, "mac": {"window-close": "mac-close", "window-min": "mac-min", "window-max": "mac-max"}}


def _kind(n: Node) -> str | None:
    return n.props.get("kind") if n.role in ("toolbar", "card") else None


@handles("screen")
def screen(b: Builder, n: Node):
    if n.props.get("window") == "desktop":
        w = b.style_root(Desktop(b.t))
        lay = QVBoxLayout(w)
        lay.setContentsMargins(*(b.t.gap(4),) * 4)
        for c in n.children:
            if c.role == "overlay":  # floats over the desktop (a popup's layer) instead of taking a place
                b.build(c).setParent(w)
                continue
            lay.addWidget(b.build(c), 0, Qt.AlignmentFlag.AlignCenter)
        return b.bind(n, w)
    mw = b.style_root(QMainWindow(None, Qt.WindowType.Widget))
    mw.setDockNestingEnabled(True)
    top: list[QWidget] = []
    central: list[Node] = []
    for c in n.children:
        kind = _kind(c)
        if kind == "titlebar":
            top.append(b.build(c))
        elif kind == "menubar":
            from renderers.desktop.menus import menubar
            top.append(b.bind(c, menubar(b, c)))
        elif kind == "statusbar":
            mw.setStatusBar(b.build(c))
        elif c.role == "toolbar" and kind not in ("sidebar",):
            mw.addToolBar(Qt.ToolBarArea.BottomToolBarArea if kind == "bottom" else Qt.ToolBarArea.TopToolBarArea,
                          b.build(c))
        elif c.role == "card" and kind == "dock":
            mw.addDockWidget(AREAS[c.props.get("area", "left")], b.build(c))
        elif c.role == "overlay":
            b.build(c).setParent(mw)
        else:
            central.append(c)
    if len(top) == 1 and isinstance(top[0], QMenuBar):
        mw.setMenuBar(top[0])
    elif top:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        for w in top:
            lay.addWidget(w)
        mw.setMenuWidget(holder)
    if central:
        holder = boxed(b, n, QWidget(), direction(n), central)
        holder.setObjectName("central")
        mw.setCentralWidget(holder)
    return b.bind(n, mw)


def one_line(w: QWidget) -> QWidget:
    """Bars keep their labels on one line (wrapped text there looks broken)."""
    for label in [w, *w.findChildren(QLabel)]:
        if isinstance(label, QLabel):
            label.setWordWrap(False)
    return w


def _add_tool(b: Builder, tb: QToolBar, c: Node) -> None:
    if c.props.get("separator_before"):
        tb.addSeparator()
    w = one_line(b.build(c))
    if c.role == "spacer" or c.intent.get("weight"):
        w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    elif c.role in ("row", "column") and len(tb.actions()) == 0:
        if w.layout() is not None:
            w.layout().setContentsMargins(b.t.gap(1.5), b.t.gap(0.6), b.t.gap(1.5), b.t.gap(0.6))
        w.setSizePolicy(QSizePolicy.Policy.Expanding if tb.orientation() == Qt.Orientation.Horizontal
                        else QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding
                        if tb.orientation() == Qt.Orientation.Vertical else QSizePolicy.Policy.Preferred)
    tb.addWidget(w)


@handles("toolbar")
def toolbar(b: Builder, n: Node):
    kind = n.props.get("kind", "toolbar")
    if kind == "menubar":
        from renderers.desktop.menus import menubar
        return b.bind(n, menubar(b, n))
    if kind == "statusbar":
        return status_bar(b, n)
    if kind == "titlebar":
        return title_bar(b, n)
    tb = QToolBar()
    tb.setMovable(False)
    tb.setFloatable(False)
    tb.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    size = round(b.t.font_px * 1.35)
    tb.setIconSize(QSize(size, size))
    if kind == "sidebar":
        tb.setOrientation(Qt.Orientation.Vertical)
        tb.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    if kind in ("navbar", "sidebar"):
        tb.setAutoFillBackground(True)
        recolor(tb, QPalette.ColorRole.Window, b.t.colors["panel"])
    for c in n.children:
        _add_tool(b, tb, c)
    return b.bind(n, tb)


def status_bar(b: Builder, n: Node) -> QStatusBar:
    sb = QStatusBar()
    sb.setSizeGripEnabled(False)
    for c in n.children:
        w = one_line(b.build(c))
        if c.props.get("permanent"):
            sb.addPermanentWidget(w)
        else:
            sb.addWidget(w, 1 if c.role == "spacer" else 0)
    return b.bind(n, sb)


def title_bar(b: Builder, n: Node) -> TitleBar:
    """The window manager's title bar: title, window buttons in the style's glyphs and placement."""
    bar = TitleBar(b.t)
    look = b.t.look.titlebar
    lay = QHBoxLayout(bar)
    lay.setContentsMargins(b.t.gap(2), 0, b.t.gap(1), 0)
    lay.setSpacing(b.t.gap(1))
    buttons, rest = [], []
    for c in n.children:
        target = buttons if c.role == "icon_button" and c.props.get("icon", "").startswith("window-") else rest
        target.append(c)
    if look == "mac":  # close, minimise, zoom: the traffic lights' order
        buttons.sort(key=lambda c: ("window-close", "window-min", "window-max").index(c.props["icon"])
                     if c.props["icon"] in ("window-close", "window-min", "window-max") else 3)
    glyphs = WINDOW_GLYPHS.get(look, {})
    made = []
    for c in buttons:
        w = b.build(c)
        glyph = glyphs.get(c.props["icon"], c.props["icon"])
        size = 13 if glyph.startswith("mac-") else 14
        w.setIcon(qicon(glyph, b.t.colors["text" if look == "win95" else "titlebar_text"], size, b.t.dpr))
        w.setIconSize(QSize(size, size))
        w.setProperty("titlebutton", True)
        made.append(w)
    content = []
    for c in rest:
        w = one_line(b.build(c))
        recolor(w, QPalette.ColorRole.WindowText, b.t.colors["titlebar_text"])
        content.append((c, w))
    if look == "mac":  # traffic lights on the left, title centred between two stretches
        for w in made:
            lay.addWidget(w)
        lay.addStretch(1)
        for c, w in content:
            lay.addWidget(w, 1 if c.role == "spacer" else 0)
        lay.addSpacing(sum(w.sizeHint().width() + lay.spacing() for w in made))
    else:
        for c, w in content:
            lay.addWidget(w, 1 if c.role == "spacer" else 0)
        for w in made:
            lay.addWidget(w)
    return b.bind(n, bar)


def dock(b: Builder, n: Node) -> QDockWidget:
    """kind=dock: a QDockWidget whose first heading child is its title; the rest is its content."""
    kids = list(n.children)
    title = kids.pop(0) if kids and kids[0].role == "heading" else None
    dw = QDockWidget(title.text if title else "")
    dw.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)  # no float/close buttons we'd not annotate
    if title is not None:
        b.bind_part(title, dw, "dock_title")
    else:
        dw.setTitleBarWidget(QWidget())
    if not kids:
        raise RendererError(f"desktop renderer: dock {n.id} has no content")
    content = b.build(kids[0]) if len(kids) == 1 else boxed(b, n, QWidget(), "column", kids)
    dw.setWidget(content)
    return b.bind(n, dw)
