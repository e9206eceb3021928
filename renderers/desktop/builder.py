"""Layout -> a real Qt widget tree. One handler per role (in controls, containers, views, windows) builds
the widget for a node and binds the node to what draws it: a whole widget, or a sub-element of one
(a tab of a QTabBar, an item of a view, a menu entry, a header section, a group-box title).

The Scene records those bindings, the widgets that sit inside item views (cell and item widgets, popup
menus), the widgets we float above others, and the work that must wait until layouts have run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.theme import Theme

Handler = Callable[["Builder", Node], QWidget]
HANDLERS: dict[str, Handler] = {}


def handles(*roles: str):
    """Register a builder function for layout roles."""
    def deco(fn: Handler) -> Handler:
        for r in roles:
            HANDLERS[r] = fn
        return fn
    return deco


def mnemonic_safe(text: str) -> str:
    """Buttons, tabs and menus read '&' as a shortcut marker; '&&' draws one ampersand."""
    return text.replace("&", "&&")


@dataclass(frozen=True)
class Part:
    """A sub-element drawn by `owner`: kind is tab | menubar | menu | item | tree | row | cell | section |
    groupbox_title | dock_title | calendar_title | calendar_weekday | calendar_day | calendar_blank; ref
    identifies it (an index, a QAction, an item, a (row, column) pair, a month button and a year button)."""

    owner: QWidget
    kind: str
    ref: Any = None


@dataclass
class Float:
    """A widget placed by us rather than by a layout, stacked above its siblings: an overlay filling its
    parent ('fill'), or a popup menu under a menu-bar entry ('menu')."""

    widget: QWidget
    mode: str
    anchor: Part | None = None


@dataclass
class Scene:
    root: QWidget | None = None
    widgets: dict[str, QWidget] = field(default_factory=dict)  # node id -> widget drawing the whole node
    parts: dict[str, Part] = field(default_factory=dict)  # node id -> sub-element drawing the node
    node_of: dict[QWidget, str] = field(default_factory=dict)
    hosts: dict[QWidget, Part] = field(default_factory=dict)  # widget -> the view item/row/menu entry holding it
    floats: list[Float] = field(default_factory=list)  # in stacking order
    focus: QWidget | None = None
    after_layout: list[Callable[[], None]] = field(default_factory=list)
    after_floats: list[Callable[[], None]] = field(default_factory=list)  # once overlays fill their windows
    keep: list[Any] = field(default_factory=list)  # Python objects Qt must not outlive (items, validators)


class Builder:
    """Builds one sample's widget tree; `scene` holds the result."""

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        self.t = theme
        self.parent = parent  # where the window goes (the renderer's stage); None: a top-level window
        self.scene = Scene()

    def build(self, node: Node) -> QWidget:
        handler = HANDLERS.get(node.role)
        if handler is None:
            raise RendererError(f"desktop renderer cannot draw role {node.role!r} (node {node.id})")
        return handler(self, node)

    # --- bindings -------------------------------------------------------------------------------------
    def bind(self, node: Node, w: QWidget) -> QWidget:
        """`w` draws `node`; its layout state (disabled, focused) is applied to the widget."""
        if node.id in self.scene.widgets or node.id in self.scene.parts:
            raise RendererError(f"desktop renderer bound node {node.id} twice")
        if w in self.scene.node_of:
            raise RendererError(f"desktop renderer: nodes {self.scene.node_of[w]} and {node.id} share one widget")
        self.scene.widgets[node.id] = w
        self.scene.node_of[w] = node.id
        state = node.state
        if state.get("disabled"):
            w.setEnabled(False)
        if state.get("focused") and self.scene.focus is None and w.focusPolicy() != Qt.FocusPolicy.NoFocus:
            self.scene.focus = w  # the first focused node in document order, as a browser does
        return w

    def bind_part(self, node: Node, owner: QWidget, kind: str, ref: Any = None) -> Part:
        if node.id in self.scene.widgets or node.id in self.scene.parts:
            raise RendererError(f"desktop renderer bound node {node.id} twice")
        part = Part(owner, kind, ref)
        self.scene.parts[node.id] = part
        return part

    def host(self, w: QWidget, part: Part) -> None:
        """`w` sits inside `part` (a cell widget in a table row, an item widget, a popup under a menu entry)."""
        self.scene.hosts[w] = part

    def style_root(self, w: QWidget) -> QWidget:
        """Palette, font and style sheet go on the window before its children exist, so they inherit them
        once instead of being re-polished. The window joins its parent now too: reparenting a finished tree
        under a style sheet re-polishes every widget in it."""
        if self.parent is not None:
            w.setParent(self.parent, Qt.WindowType.Widget)
        w.setPalette(self.t.palette())
        w.setFont(self.t.font())
        w.setAutoFillBackground(True)
        if self.t.qss:
            w.setStyleSheet(self.t.qss)
        return w

    def float(self, w: QWidget, mode: str, anchor: Part | None = None) -> None:
        self.scene.floats.append(Float(w, mode, anchor))

    def later(self, fn: Callable[[], None]) -> None:
        self.scene.after_layout.append(fn)

    def after_floats(self, fn: Callable[[], None]) -> None:
        """Run `fn` once layouts have run and overlays fill their windows (a popup placed under an opener that
        sits in a dialog, itself centred in an overlay)."""
        self.scene.after_floats.append(fn)


def build_scene(theme: Theme, root: Node, parent: QWidget | None = None) -> Scene:
    """Build the widget tree for `root` (a screen node) under `parent`; handlers register themselves on import."""
    from renderers.desktop import containers, controls, tables, windows  # noqa: F401 - registration

    b = Builder(theme, parent)
    b.scene.root = b.build(root)
    return b.scene
