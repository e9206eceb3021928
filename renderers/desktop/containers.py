"""Structural roles -> QWidgets with box and grid layouts from the layout intent (direction, gap, weight,
align, justify, columns, padding, scroll), plus cards, dialogs and overlays.

Qt box layouts hand spare room to every widget that may grow; the web gives it to weighted items only.
So a box with no weighted child ends in a stretch, and children are aligned on the cross axis as asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QBoxLayout, QFrame, QGridLayout, QGroupBox, QScrollArea, QSizePolicy, QSplitter,
                               QVBoxLayout, QWidget)

from factory.core.layout import Node
from renderers.desktop.builder import Builder, handles
from renderers.desktop import views
from renderers.desktop.helpers import bind_scrollbars, recolor
from renderers.desktop.widgets import DialogPanel, Scrim, set_kind

A = Qt.AlignmentFlag
CROSS = {"row": {"center": A.AlignVCenter, "start": A.AlignTop, "end": A.AlignBottom},
         "column": {"center": A.AlignHCenter, "start": A.AlignLeft, "end": A.AlignRight}}
WIDTHS = {"form": 30, "list": 23, "sm": 30, "md": 40, "lg": 52, "xl": 64}  # in units of the font size


def direction(n: Node) -> str:
    if n.role in ("row", "column"):
        return n.role
    return n.intent.get("direction", "column")


def fill_box(b: Builder, box: QBoxLayout, children, dirn: str, intent) -> None:
    """Add built children to `box`: weights become stretch factors, runs of list items one list view."""
    align = CROSS[dirn].get(intent.get("align", ""), A(0))
    justify = intent.get("justify")
    weighted = any(c.intent.get("weight") for c in children)
    if justify in ("center", "end"):
        box.addStretch(1)
    i = 0
    while i < len(children):
        c = children[i]
        if c.role == "list_item":
            j = i
            while j < len(children) and children[j].role == "list_item":
                j += 1
            box.addWidget(views.list_run(b, children[i:j]))
            i = j
            continue
        w = b.build(c)
        if c.role == "overlay":  # floats over the box instead of taking a place in it
            w.setParent(box.parentWidget())
            i += 1
            continue
        weight = int(c.intent.get("weight", 0) or 0)
        if c.role == "spacer":
            w.setSizePolicy(*((QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum) if dirn == "row"
                              else (QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)))
        box.addWidget(w, weight, align)  # cross-axis only: weighted children still grow along the box
        if justify == "between" and i < len(children) - 1:
            box.addStretch(1)
        i += 1
    if justify == "center" or (not weighted and justify not in ("end", "between")):
        box.addStretch(1)


def boxed(b: Builder, n: Node, w: QWidget, dirn: str, children=None, margin: float | None = None) -> QWidget:
    """Give `w` a box layout holding the node's children."""
    box = QBoxLayout(QBoxLayout.Direction.LeftToRight if dirn == "row" else QBoxLayout.Direction.TopToBottom, w)
    pad = b.t.gap(3) if n.intent.get("padding") else 0
    pad = pad if margin is None else round(margin)
    box.setContentsMargins(pad, pad, pad, pad)
    box.setSpacing(b.t.gap(n.intent.get("gap", 0)))
    fill_box(b, box, list(n.children if children is None else children), dirn, n.intent)
    width = n.intent.get("width") or n.props.get("width")
    if width in WIDTHS:
        w.setFixedWidth(round(b.t.font_px * WIDTHS[width]))
    return w


def scrolled(b: Builder, n: Node, content: QWidget) -> QWidget:
    """A frameless scroll area around `content`; its scroll bars are drawn only where a node asks for them."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.viewport().setAutoFillBackground(False)
    area.setWidget(content)
    content.setAutoFillBackground(False)  # setWidget turned it on: the window shows through, as on the web
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


@handles("row", "column")
def box(b: Builder, n: Node):
    special = views.special_container(b, n)
    if special is not None:
        return special
    if n.props.get("kind") == "splitter":
        split = QSplitter(Qt.Orientation.Horizontal if n.role == "row" else Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        for c in n.children:
            split.addWidget(b.build(c))
        split.setSizes([int(c.intent.get("weight", 0) or 0) * 1000 + 300 for c in n.children])
        return b.bind(n, split)
    bars = [c for c in n.children if c.role == "scrollbar"] if n.intent.get("scroll") else []
    children = [c for c in n.children if c not in bars]
    if not n.intent.get("scroll"):
        return b.bind(n, boxed(b, n, QWidget(), direction(n), children))
    area = scrolled(b, n, boxed(b, n, QWidget(), direction(n), children))
    b.bind(n, area)
    bind_scrollbars(b, n, area, bars)
    if not bars and n.intent.get("scroll_y"):  # the scroll position, percent of the range (a bar child sets it)
        sb, value = area.verticalScrollBar(), float(n.intent["scroll_y"])
        b.later(lambda: sb.setValue(round(sb.maximum() * value / 100)))
    return area


@handles("grid")
def grid(b: Builder, n: Node):
    w = QWidget()
    g = QGridLayout(w)
    g.setContentsMargins(0, 0, 0, 0)
    g.setSpacing(b.t.gap(n.intent.get("gap", 2)))
    cols = max(1, int(n.intent.get("columns", 2)))
    for i, c in enumerate(n.children):
        cell = b.build(c)
        # Equal columns whatever the content, as CSS minmax(0, 1fr): content that cannot shrink is clipped.
        cell.setSizePolicy(QSizePolicy.Policy.Ignored, cell.sizePolicy().verticalPolicy())
        g.addWidget(cell, i // cols, i % cols, A.AlignTop)
    for col in range(cols):
        g.setColumnStretch(col, 1)
    return b.bind(n, w)


@handles("spacer")
def spacer(b: Builder, n: Node):
    w = QWidget()
    w.setMinimumSize(0, 0)
    return b.bind(n, w)


@handles("card")
def card(b: Builder, n: Node):
    """A card is a QGroupBox when it starts with a heading (the heading is its title), else a panel QFrame."""
    if n.props.get("kind") == "dock":
        from renderers.desktop.windows import dock
        return dock(b, n)
    kids = list(n.children)
    if kids and kids[0].role == "heading" and int(kids[0].props.get("level", 2)) >= 4:
        w = QGroupBox(kids[0].text)  # Fusion draws the title bold
        b.bind_part(kids[0], w, "groupbox_title")
        kids = kids[1:]
        margin = b.t.gap(2)
    else:
        w = set_kind(QFrame(), "card")
        w.setFrameShape(QFrame.Shape.StyledPanel)
        w.setAutoFillBackground(True)
        recolor(w, QPalette.ColorRole.Window, b.t.colors["panel"])
        margin = b.t.gap(2.5)
    boxed(b, n, w, direction(n), kids, margin=margin)
    return b.bind(n, w)


@handles("dialog")
def dialog(b: Builder, n: Node):
    w = DialogPanel(b.t)
    margin = 0 if n.children and n.children[0].props.get("kind") == "titlebar" else b.t.gap(3)
    boxed(b, n, w, "column", margin=margin)
    lay = w.layout()
    if margin == 0 and lay.count() > 1:  # a title bar spans the frame; the content keeps a margin
        inner = QVBoxLayout()
        inner.setContentsMargins(b.t.gap(3), b.t.gap(2), b.t.gap(3), b.t.gap(3))
        inner.setSpacing(lay.spacing())
        while lay.count() > 1:
            inner.addItem(lay.takeAt(1))
        lay.addLayout(inner, 1)
    width = n.props.get("width", "md")
    w.setFixedWidth(round(b.t.font_px * WIDTHS.get(width, 40)))
    return b.bind(n, w)


@handles("overlay")
def overlay(b: Builder, n: Node):
    """A layer over its whole parent window (dimmed unless dim=False) with its children centred."""
    w = Scrim(b.t, dim=n.props.get("dim", True))
    lay = QVBoxLayout(w)
    lay.setContentsMargins(b.t.gap(4), b.t.gap(4), b.t.gap(4), b.t.gap(4))
    for c in n.children:
        if c.intent.get("anchor") == "below":  # a popup under its opener, placed once layouts have run
            from renderers.desktop.popups import popup_below
            popup_below(b, c, w)  # binds the popup
            continue
        lay.addWidget(b.build(c), 0, A.AlignCenter)
    b.float(w, "fill")
    return b.bind(n, w)
