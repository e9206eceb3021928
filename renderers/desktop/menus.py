"""Menus: menu entries of a menu bar are QMenuBar items; an expanded entry's children are the items of its
QMenu, drawn open below it (shortcuts, check marks, separators, the hovered item highlighted). A popup (a
column of menu items anchored below another node: a combo box's list, a tool button's menu) is a QMenu drawn
open there (renderers.desktop.popups places it)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QWidget

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.builder import Builder, Part, mnemonic_safe
from renderers.desktop.icons import icon_size, qicon


class MenuBar(QMenuBar):
    """A QMenuBar that draws the entry whose menu is open as pressed, as a real menu bar does while open.

    QMenuBar only marks an entry open when it pops up a real popup window; our menu is drawn inside the
    window instead, so we set the same style flags in the (virtual) initStyleOption.
    """

    def __init__(self):
        super().__init__()
        self.open_action = None

    def initStyleOption(self, option, action) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, action)
        if action is not None and action is self.open_action:
            option.state |= QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Sunken


def _fill_menu(b: Builder, menu: QMenu, items: list[Node], window_parent: QWidget | None) -> None:
    size = icon_size(b.t.font_px * 1.2)
    for c in items:
        if c.role != "menu_item":
            raise RendererError(f"desktop renderer: a menu holds menu items only, got {c.role!r} (node {c.id})")
        if c.props.get("separator_before"):
            menu.addSeparator()
        if c.children:
            sub = menu.addMenu(mnemonic_safe(c.text))
            action = sub.menuAction()
            _fill_menu(b, sub, list(c.children), None)  # closed submenu: its items exist but are not shown
        else:
            action = menu.addAction(mnemonic_safe(c.text))
        if c.props.get("icon"):
            action.setIcon(qicon(c.props["icon"], b.t.colors["text"], size, b.t.dpr))
        if c.props.get("shortcut"):
            action.setShortcut(QKeySequence(c.props["shortcut"]))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # never live: nothing receives keys
        if c.props.get("checkable"):
            action.setCheckable(True)
            action.setChecked(bool(c.state.get("checked")))
        action.setEnabled(not c.state.get("disabled"))
        b.bind_part(c, menu, "menu", action)
        if c.state.get("selected"):
            menu.setActiveAction(action)


def menubar(b: Builder, n: Node) -> QMenuBar:
    """A row of menu entries (or a toolbar of kind menubar) as a QMenuBar; at most one entry open."""
    mb = MenuBar()
    entries = [c for c in n.children] if n.role != "toolbar" else [
        c for child in n.children for c in (child.children if child.role == "row" else [child])]
    for c in entries:
        if c.role != "menu_item":
            raise RendererError(f"desktop renderer: a menu bar holds menu items only, got {c.role!r} (node {c.id})")
        menu = mb.addMenu(mnemonic_safe(c.text))
        action = menu.menuAction()
        action.setEnabled(not c.state.get("disabled"))
        part = b.bind_part(c, mb, "menubar", action)
        if c.children:
            _fill_menu(b, menu, list(c.children), None)
            if c.state.get("expanded") and mb.open_action is None:
                mb.open_action = action
                _open_below(b, mb, menu, part)
    return mb


def _open_below(b: Builder, mb: MenuBar, menu: QMenu, part: Part) -> None:
    """Show `menu` inside the window, under its menu-bar entry (placed once layouts have run)."""
    b.host(menu, part)
    b.float(menu, "menu", part)

    def place() -> None:
        window = b.scene.root
        menu.setParent(window, Qt.WindowType.Widget)
        geo = mb.actionGeometry(part.ref)
        pos = mb.mapTo(window, QPoint(geo.left(), geo.bottom() + 1))
        menu.resize(menu.sizeHint())
        x = min(pos.x(), max(0, window.width() - menu.width()))
        menu.move(x, pos.y())
        menu.show()
        menu.raise_()
        if menu.activeAction() is not None:
            menu.setActiveAction(menu.activeAction())
    b.later(place)


def popup_menu(b: Builder, n: Node, layer: QWidget) -> QMenu:
    """A popup column of menu items (a combo box's list, a tool button's menu) as a QMenu in `layer`; placed by
    renderers.desktop.popups."""
    menu = QMenu()
    menu.setParent(layer, Qt.WindowType.Widget)
    _fill_menu(b, menu, list(n.children), None)
    return menu
