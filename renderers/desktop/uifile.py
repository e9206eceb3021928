"""A drawn desktop screen as a Qt Designer `.ui` file (`factory render --keep-source`): the widget tree a Qt
developer would write to get that window, loadable with QUiLoader (PySide6.QtUiTools) or compiled with uic.

It is read from the live widgets once layouts have run, so it says what was drawn: stock Qt classes (our
painted subclasses as the stock class standing in for them, their role in the dynamic `gfKind` property),
object names `<class>_nN` for the widget that draws layout node nN (annotation element id N), texts, checked
and enabled states, values and ranges, locales, items of list, tree, table and combo boxes, menus and their
actions, box and grid layouts with margins, spacing, stretch factors and spacers, size constraints and size
policies. Widgets that Designer cannot put where they are (tool-bar and status-bar widgets, item and cell
widgets of views, header widgets, a menu widget that is not a menu bar) are children of their bar, view or
window at their drawn geometry, which QUiLoader honours.

Not in it: the theme (palette, style sheet, fonts, icons and pictures come from the renderer's style, and the
style sheet names per-user cache files), which menu is drawn open, tab and item enabled/selected states.
The bytes depend only on the widget tree: sample i gives the same file in any worker.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QAbstractItemView, QBoxLayout, QDockWidget, QGridLayout, QHeaderView, QLayout,
                               QMainWindow, QMenu, QMenuBar, QScrollArea, QSplitter, QStackedWidget, QStatusBar,
                               QTabBar, QTabWidget, QToolBar, QWidget)

from renderers.desktop.builder import Scene
from renderers.desktop.uiprops import attr, common, enum, flags, prop, specific, ui_class

CONTAINERS = ("QWidget", "QFrame", "QGroupBox")  # classes whose layout and children are ours (more handled below)
ALIGNMENTS = [Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignHCenter,
              Qt.AlignmentFlag.AlignJustify, Qt.AlignmentFlag.AlignTop, Qt.AlignmentFlag.AlignBottom,
              Qt.AlignmentFlag.AlignVCenter]


def ui_file(scene: Scene) -> bytes:
    """The .ui document (UTF-8 XML) of the drawn tree under `scene.root`."""
    return UiWriter(scene).document()


class UiWriter:
    def __init__(self, scene: Scene):
        self.scene = scene
        self.counts: dict[str, int] = {}
        self.actions: list[ET.Element] = []  # <action> elements, declared on the root widget as Designer does
        self.menus: dict[int, str] = {}  # id(QMenu) -> its name
        # Menu entries are bound to nodes by their QAction: their names carry the node id too.
        self.action_nid = {id(p.ref): nid for nid, p in scene.parts.items() if p.kind in ("menu", "menubar")}

    # --- names ----------------------------------------------------------------------------------------
    def _name(self, stem: str, nid: str | None = None) -> str:
        if nid is not None:
            return f"{stem}_{nid}"
        self.counts[stem] = self.counts.get(stem, 0) + 1
        return f"{stem}_{self.counts[stem]}"

    def name_of(self, w: QWidget, cls: str) -> str:
        nid = self.scene.node_of.get(w)
        if nid is None and w.objectName().isidentifier() and w.objectName() not in self.counts:
            self.counts[w.objectName()] = 0  # a name the builder gave (the main window's "central")
            return w.objectName()
        return self._name(cls[1].lower() + cls[2:], nid)

    # --- the document ---------------------------------------------------------------------------------
    def document(self) -> bytes:
        root = self.scene.root
        ui = ET.Element("ui", version="4.0")
        cls_el = ET.SubElement(ui, "class")
        top = self.widget(root, placed=False)
        cls_el.text = top.get("name")
        top.extend(self.actions)
        ui.append(top)
        ET.indent(ui, " ")
        # Serialized to str, then encoded: ElementTree's own UTF-8 writer is several times slower.
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(ui, encoding="unicode") + "\n").encode()

    def widget(self, w: QWidget, placed: bool, at: QWidget | None = None) -> ET.Element:
        """<widget> for `w`; `placed`: a layout or its container places it (no geometry written); else its
        geometry, relative to `at` (default: its parent)."""
        cls = ui_class(w)
        if isinstance(w, QMenu):  # a popup drawn open in an overlay (a combo box's list, a tool button's menu)
            el = self.menu(w, self.name_of(w, "QMenu"))
            pos = w.pos() if at is None else w.mapTo(at, QPoint(0, 0))
            prop(el, "geometry", "rect", (pos.x(), pos.y(), w.width(), w.height()))
            return el
        el = ET.Element("widget", {"class": cls, "name": self.name_of(w, cls)})
        if not placed:
            pos = w.pos() if at is None else w.mapTo(at, QPoint(0, 0))
            prop(el, "geometry", "rect", (pos.x(), pos.y(), w.width(), w.height()))
        common(el, w, cls)
        specific(el, w)
        self.children(el, w)
        return el

    # --- children -------------------------------------------------------------------------------------
    def children(self, el: ET.Element, w: QWidget) -> None:
        if isinstance(w, QMainWindow):
            return self.main_window(el, w)
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                page = self.widget(w.widget(i), placed=True)
                attr(page, "title", "string", w.tabText(i))
                el.append(page)
            return
        if isinstance(w, QTabBar):  # as a QTabWidget: one empty page per tab
            for i in range(w.count()):
                page = ET.SubElement(el, "widget", {"class": "QWidget", "name": self._name("tab")})
                attr(page, "title", "string", w.tabText(i))
            return
        if isinstance(w, (QScrollArea, QDockWidget)):
            if w.widget() is not None:
                el.append(self.widget(w.widget(), placed=True))
            return
        if isinstance(w, (QSplitter, QStackedWidget)):
            for i in range(w.count()):
                el.append(self.widget(w.widget(i), placed=True))
            return
        if isinstance(w, QMenuBar):
            for a in w.actions():
                if a.menu() is not None:
                    el.append(self.menu(a.menu()))
                    ET.SubElement(el, "addaction", name=self.menus[id(a.menu())])
            return
        if isinstance(w, QStatusBar):  # its layout is Qt's: our widgets at their geometry, as in a tool bar
            return self.free(el, w, [c for c in _direct_children(w) if self._ours(c)])
        if isinstance(w, QToolBar):
            drawn = [w.widgetForAction(a) for a in w.actions()]  # in bar order; separators are Qt's
            return self.free(el, w, [c for c in drawn if c is not None and self._ours(c)])
        if isinstance(w, QAbstractItemView):  # item, cell and header widgets at their place in the view
            holders = (w.viewport(), *w.findChildren(QHeaderView))
            return self.free(el, w, [c for c in w.findChildren(QWidget) if c.parentWidget() in holders
                                     and (c in self.scene.hosts or c in self.scene.node_of)])
        if ui_class(w) not in CONTAINERS:
            return  # a leaf: its own parts (a spin box's line edit, a combo box's popup) are Qt's, not written
        # A container: its layout, then widgets of ours placed by hand (overlays).
        placed: list[QWidget] = []
        if w.layout() is not None:
            el.append(self.layout(w.layout(), placed))
        self.free(el, w, [c for c in _direct_children(w) if c not in placed and self._ours(c)])

    def _ours(self, c: QWidget) -> bool:
        if isinstance(c, QMenu) and c not in self.scene.node_of:  # a menu bar's menu: written with its bar
            return False
        return not c.isHidden() and (c in self.scene.node_of or c in self.scene.hosts)

    def free(self, el: ET.Element, parent: QWidget, kids: list[QWidget]) -> None:
        for c in kids:
            el.append(self.widget(c, placed=False, at=parent))

    def main_window(self, el: ET.Element, w: QMainWindow) -> None:
        """Central widget first (QUiLoader makes the first plain child central), then bars, docks, overlays."""
        shown = [w.centralWidget()] if w.centralWidget() is not None else []
        for c in shown:
            el.append(self.widget(c, placed=True))
        bar = w.menuWidget()
        if isinstance(bar, QMenuBar):
            el.append(self.widget(bar, placed=True))
            shown.append(bar)
        for tb in w.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            t = self.widget(tb, placed=True)
            attr(t, "toolBarArea", "enum", w.toolBarArea(tb).name)
            attr(t, "toolBarBreak", "bool", w.toolBarBreak(tb))
            el.append(t)
            shown.append(tb)
        for dw in w.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            d = self.widget(dw, placed=True)
            attr(d, "dockWidgetArea", "number", w.dockWidgetArea(dw).value)
            el.append(d)
            shown.append(dw)
        sb = w.findChild(QStatusBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if sb is not None:
            el.append(self.widget(sb, placed=True))
            shown.append(sb)
        if bar is not None and not isinstance(bar, QMenuBar):  # Designer's menu widget can only be a menu bar
            shown.append(bar)
            el.append(self.widget(bar, placed=False))
            prop(el, "gfMenuWidget", "string", el[-1].get("name"), stdset=False)
        self.free(el, w, [c for c in _direct_children(w) if c not in shown and self._ours(c)])

    def menu(self, m: QMenu, name: str | None = None) -> ET.Element:
        name = name or self._name("menu", self.action_nid.get(id(m.menuAction())))
        self.menus[id(m)] = name
        el = ET.Element("widget", {"class": "QMenu", "name": name})
        prop(el, "title", "string", m.title())
        if not m.menuAction().isEnabled():
            prop(el, "enabled", "bool", False)
        for a in m.actions():
            if a.isSeparator():
                ET.SubElement(el, "addaction", name="separator")
            elif a.menu() is not None:
                el.append(self.menu(a.menu()))
                ET.SubElement(el, "addaction", name=self.menus[id(a.menu())])
            else:
                ET.SubElement(el, "addaction", name=self.action(a))
        return el

    def action(self, a) -> str:
        name = self._name("action", self.action_nid.get(id(a)))
        el = ET.Element("action", name=name)
        prop(el, "text", "string", a.text())
        if a.isCheckable():
            prop(el, "checkable", "bool", True)
            prop(el, "checked", "bool", a.isChecked())
        if not a.isEnabled():
            prop(el, "enabled", "bool", False)
        if not a.shortcut().isEmpty():
            prop(el, "shortcut", "string", a.shortcut().toString())
        self.actions.append(el)
        return name

    # --- layouts --------------------------------------------------------------------------------------
    def layout(self, lay: QLayout, placed: list[QWidget]) -> ET.Element:
        if isinstance(lay, QGridLayout):
            cls = "QGridLayout"
        elif isinstance(lay, QBoxLayout):
            horizontal = lay.direction() in (QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft)
            cls = "QHBoxLayout" if horizontal else "QVBoxLayout"
        else:
            cls = "QVBoxLayout"  # no other layout class is built; a reader still gets the items in order
        el = ET.Element("layout", {"class": cls, "name": self._name({"QGridLayout": "gridLayout", "QHBoxLayout":
                                                                     "horizontalLayout"}.get(cls, "verticalLayout"))})
        if isinstance(lay, QBoxLayout) and any(lay.stretch(i) for i in range(lay.count())):
            el.set("stretch", ",".join(str(lay.stretch(i)) for i in range(lay.count())))
        if isinstance(lay, QGridLayout):
            for key, n, fn in (("rowstretch", lay.rowCount(), lay.rowStretch),
                               ("columnstretch", lay.columnCount(), lay.columnStretch)):
                if any(fn(i) for i in range(n)):
                    el.set(key, ",".join(str(fn(i)) for i in range(n)))
        prop(el, "spacing", "number", lay.spacing())
        m = lay.contentsMargins()
        for side, v in (("left", m.left()), ("top", m.top()), ("right", m.right()), ("bottom", m.bottom())):
            prop(el, f"{side}Margin", "number", v)
        for i in range(lay.count()):
            item = lay.itemAt(i)
            attrs = {}
            if isinstance(lay, QGridLayout):
                r, c, rs, cs = lay.getItemPosition(i)
                attrs = {"row": str(r), "column": str(c)}
                if rs != 1 or cs != 1:
                    attrs.update(rowspan=str(rs), colspan=str(cs))
            if int(item.alignment().value):
                attrs["alignment"] = flags(item.alignment(), ALIGNMENTS)
            slot = ET.SubElement(el, "item", attrs)
            if item.widget() is not None:
                placed.append(item.widget())
                slot.append(self.widget(item.widget(), placed=True))
            elif item.layout() is not None:
                slot.append(self.layout(item.layout(), placed))
            elif item.spacerItem() is not None:
                slot.append(self.spacer(item.spacerItem(), cls == "QHBoxLayout"))
        return el

    def spacer(self, s, horizontal: bool) -> ET.Element:
        el = ET.Element("spacer", name=self._name("spacer"))
        policy = s.sizePolicy()
        prop(el, "orientation", "enum", "Qt::Horizontal" if horizontal else "Qt::Vertical")
        size_type = policy.horizontalPolicy() if horizontal else policy.verticalPolicy()
        prop(el, "sizeType", "enum", enum(size_type))
        hint = s.sizeHint()
        prop(el, "sizeHint", "size", (hint.width(), hint.height()), stdset=False)
        return el


def _direct_children(w: QWidget) -> list[QWidget]:
    return w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
