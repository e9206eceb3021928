"""Containers whose children Qt draws as sub-elements: tab bars and tab widgets (tabs), navigation lists
(menu entries), list views (list items, with their content as item widgets) and tree views."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QTabBar, QTabWidget,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from factory.core.layout import Node
from renderers.base import RendererError
from renderers.desktop.builder import Builder, mnemonic_safe
from renderers.desktop.helpers import bind_scrollbars, recolor
from renderers.desktop.icons import icon_size, qicon
from renderers.desktop.widgets import set_kind


def special_container(b: Builder, n: Node) -> QWidget | None:
    """The widget for a row/column that Qt draws as one view, or None for a plain box."""
    kind = n.props.get("kind")
    roles = {c.role for c in n.children}
    if kind == "tabs" or (n.children and roles == {"tab"}):
        return tab_bar(b, n)
    if kind == "tabwidget":
        return tab_widget(b, n)
    if kind == "tree":
        return tree(b, n)
    if kind == "list":
        return list_view(b, n)
    if n.children and roles == {"menu_item"}:
        if n.role == "row":
            from renderers.desktop.menus import menubar
            return menubar(b, n)
        return nav_list(b, n)
    return None


def _fill_tabs(b: Builder, bar: QTabBar, tabs: list[Node], add) -> None:
    size = icon_size(b.t.font_px * 1.2)
    selected = 0
    for i, tab in enumerate(tabs):
        if tab.role != "tab":
            raise RendererError(f"desktop renderer: a tab bar holds tabs only, got {tab.role!r} (node {tab.id})")
        add(i, tab)
        if tab.props.get("icon"):
            bar.setTabIcon(i, qicon(tab.props["icon"], b.t.colors["text"], size, b.t.dpr))
        bar.setTabEnabled(i, not tab.state.get("disabled"))
        if tab.state.get("selected"):
            selected = i
        b.bind_part(tab, bar, "tab", i)
    bar.setCurrentIndex(selected)


def tab_bar(b: Builder, n: Node) -> QTabBar:
    bar = QTabBar()
    bar.setUsesScrollButtons(False)  # scroll arrows would be clickable parts without a node: elide instead
    bar.setElideMode(Qt.TextElideMode.ElideRight)
    bar.setExpanding(False)
    bar.setDrawBase(True)
    bar.setDocumentMode(b.t.look.tab_document_mode)
    bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    _fill_tabs(b, bar, list(n.children), lambda i, tab: bar.addTab(mnemonic_safe(tab.text)))
    return b.bind(n, bar)


def tab_widget(b: Builder, n: Node) -> QTabWidget:
    """kind=tabwidget: first child a row of tabs, second the page of the selected tab (others stay empty)."""
    if not n.children or n.children[0].role != "row":
        raise RendererError(f"desktop renderer: tabwidget node {n.id} must start with a row of tabs")
    tw = QTabWidget()
    tw.setUsesScrollButtons(False)
    tw.setElideMode(Qt.TextElideMode.ElideRight)
    tw.setDocumentMode(bool(n.props.get("document", b.t.look.tab_document_mode)))
    tw.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tabs = list(n.children[0].children)
    page_nodes = list(n.children[1:])
    chosen = next((i for i, t in enumerate(tabs) if t.state.get("selected")), 0)

    def add(i: int, tab: Node) -> None:
        page = b.build(page_nodes.pop(0)) if i == chosen and page_nodes else QWidget()
        tw.addTab(page, mnemonic_safe(tab.text))

    bar = tw.tabBar()
    b.bind(n.children[0], bar)
    _fill_tabs(b, bar, tabs, add)
    if page_nodes:
        raise RendererError(f"desktop renderer: tabwidget node {n.id} has more pages than its selected tab shows")
    return b.bind(n, tw)


def _view_common(b: Builder, view: QAbstractItemView, framed: bool) -> None:
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if not framed:
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.viewport().setAutoFillBackground(False)


def nav_list(b: Builder, n: Node) -> QListWidget:
    """A column of menu entries: a navigation list with icons, the selected entry highlighted."""
    lw = set_kind(QListWidget(), "nav")
    _view_common(b, lw, framed=False)
    size = icon_size(b.t.font_px * 1.3)
    lw.setIconSize(QSize(size, size))
    lw.setSpacing(max(1, b.t.gap(0.4)))
    row_h = round(b.t.font_px * 2.2 * max(0.85, b.t.space / 5))
    for c in n.children:
        item = QListWidgetItem(c.text, lw)
        if c.props.get("icon"):
            item.setIcon(qicon(c.props["icon"], b.t.colors["text"], size, b.t.dpr))
        item.setSizeHint(QSize(0, row_h))
        if c.state.get("disabled"):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        item.setSelected(bool(c.state.get("selected")))
        b.bind_part(c, lw, "item", item)
    recolor(lw, QPalette.ColorRole.Highlight, b.t.colors["soft_selection"])
    recolor(lw, QPalette.ColorRole.HighlightedText, b.t.colors["text"])
    lw.setMinimumWidth(round(b.t.font_px * 13))
    return b.bind(n, lw)


def _fit_height(b: Builder, lw: QListWidget, items: list[QListWidgetItem]) -> None:
    """As tall as the items (item widgets re-measured once style sheets are applied)."""
    for it in items:
        content = lw.itemWidget(it)
        if content is not None:
            it.setSizeHint(QSize(0, content.sizeHint().height() + b.t.gap(1.6)))
    lw.setFixedHeight(sum(it.sizeHint().height() + 2 * lw.spacing() for it in items) + 2 * lw.frameWidth())


def fill_list(b: Builder, lw: QListWidget, nodes: list[Node]) -> list[QListWidgetItem]:
    """List items as view items: text items show their text; others show their children as an item widget."""
    items = []
    for c in nodes:
        item = QListWidgetItem(lw)
        part = b.bind_part(c, lw, "item", item)
        if c.children:
            content = b.build(c.children[0]) if len(c.children) == 1 else _stack(b, c.children)
            content.setAutoFillBackground(False)
            lw.setItemWidget(item, content)
            b.host(content, part)
            item.setSizeHint(QSize(0, content.sizeHint().height() + b.t.gap(1.6)))
        else:
            item.setText(c.text)
            if c.props.get("icon"):
                size = icon_size(b.t.font_px * 1.3)
                item.setIcon(qicon(c.props["icon"], b.t.colors["text"], size, b.t.dpr))
        if c.state.get("disabled"):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        item.setSelected(bool(c.state.get("selected")))
        items.append(item)
    return items


def _stack(b: Builder, nodes) -> QWidget:
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    for c in nodes:
        lay.addWidget(b.build(c))
    return w


def list_run(b: Builder, nodes: list[Node]) -> QListWidget:
    """Consecutive list items inside a box: one frameless list view, as tall as its content."""
    lw = set_kind(QListWidget(), "list")
    _view_common(b, lw, framed=False)
    lw.setSpacing(0)
    items = fill_list(b, lw, nodes)
    recolor(lw, QPalette.ColorRole.Highlight, b.t.colors["soft_selection"])
    recolor(lw, QPalette.ColorRole.HighlightedText, b.t.colors["text"])
    _fit_height(b, lw, items)
    b.later(lambda: _fit_height(b, lw, items))
    return lw


def list_view(b: Builder, n: Node) -> QListWidget:
    """kind=list: a framed list view filling its place; scroll-bar children are its own scroll bar."""
    lw = set_kind(QListWidget(), "list")
    _view_common(b, lw, framed=True)
    lw.setAlternatingRowColors(bool(n.props.get("alternate")))
    fill_list(b, lw, [c for c in n.children if c.role == "list_item"])
    bind_scrollbars(b, n, lw, [c for c in n.children if c.role == "scrollbar"])
    return b.bind(n, lw)


def tree(b: Builder, n: Node) -> QTreeWidget:
    """kind=tree: list items as tree rows; their `level` prop nests them under the nearest shallower row."""
    tw = QTreeWidget()
    _view_common(b, tw, framed=not n.props.get("frameless"))
    tw.setHeaderHidden(True)
    tw.setColumnCount(1)
    tw.setIndentation(round(b.t.font_px * 1.3))
    size = icon_size(b.t.font_px * 1.25)
    tw.setIconSize(QSize(size, size))
    tw.setAlternatingRowColors(bool(n.props.get("alternate")))
    parents: list[QTreeWidgetItem] = []  # the last item seen at each level
    expand: list[QTreeWidgetItem] = []
    for c in n.children:
        if c.role == "scrollbar":
            continue
        if c.role != "list_item" or c.children:
            raise RendererError(f"desktop renderer: a tree holds flat list items, got {c.role!r} (node {c.id})")
        level = min(int(c.props.get("level", 0)), len(parents))
        item = QTreeWidgetItem(parents[level - 1] if level else tw, [c.text])
        del parents[level:]
        parents.append(item)
        if c.props.get("icon"):
            item.setIcon(0, qicon(c.props["icon"], b.t.colors["text"], size, b.t.dpr))
        if c.props.get("folder"):
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        if c.state.get("disabled"):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        if c.state.get("expanded"):
            expand.append(item)
        if c.state.get("selected"):
            item.setSelected(True)
        b.bind_part(c, tw, "tree", item)
    for item in expand:
        item.setExpanded(True)
    bind_scrollbars(b, n, tw, [c for c in n.children if c.role == "scrollbar"])
    return b.bind(n, tw)
