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

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QBoxLayout, QCheckBox, QComboBox,
                               QDateEdit, QDockWidget, QDoubleSpinBox, QFrame, QGridLayout, QGroupBox, QHeaderView,
                               QLabel, QLayout, QLineEdit, QListWidget, QMainWindow, QMenu, QMenuBar, QPlainTextEdit,
                               QProgressBar, QPushButton, QRadioButton, QScrollArea, QScrollBar, QSlider, QSpinBox,
                               QSplitter, QStackedWidget, QStatusBar, QTableWidget, QTabBar, QTabWidget, QToolBar,
                               QToolButton, QTreeWidget, QTreeWidgetItem, QWidget)

from renderers.desktop.builder import Scene
from renderers.desktop.widgets import KIND, DialogPanel, PageIndicator, Scrim, SwitchButton

# Qt classes QUiLoader cannot make, or makes as something else, -> the stock class written instead.
STAND_INS = {"QAbstractButton": "QCheckBox",  # our switch: a checkable button with a label
             "QTabBar": "QTabWidget",  # QUiLoader has no QTabBar: a tab widget with empty pages, as tall as the bar
             "QDialog": "QFrame"}  # a dialog drawn inside the window (a QDialog child would open its own window)
# Our painted widgets without a gfKind of their own -> the role they draw.
KINDS = {SwitchButton: "switch", PageIndicator: "page_indicator", Scrim: "scrim", DialogPanel: "dialog"}
CONTAINERS = ("QWidget", "QFrame", "QGroupBox")  # classes whose layout and children are ours (more handled above)
MAX_SIZE = 16777215  # QWIDGETSIZE_MAX
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def ui_class(w: QWidget) -> str:
    """The class the .ui names for `w`: its nearest public Qt class (Qt's private ones, such as a tool bar's
    separator, are not in QtWidgets), or the stand-in for one QUiLoader cannot make."""
    import PySide6.QtWidgets as qw

    meta = w.metaObject()
    while meta.superClass() is not None and not hasattr(qw, meta.className()):
        meta = meta.superClass()
    return STAND_INS.get(meta.className(), meta.className())


def ui_file(scene: Scene) -> bytes:
    """The .ui document (UTF-8 XML) of the drawn tree under `scene.root`."""
    return UiWriter(scene).document()


def _enum(value) -> str:
    """'QFrame::StyledPanel' for a PySide6 enum member (the spelling Designer writes and QUiLoader reads)."""
    scope = type(value).__qualname__.split(".")[0]
    return f"{scope}::{value.name}"


def _flags(value, members) -> str:
    return "|".join(_enum(m) for m in members if value & m) or _enum(members[0])


@lru_cache(maxsize=None)
def _default_policy(cls: str):
    """The size policy a fresh widget of stock class `cls` has (only a different one is written)."""
    import PySide6.QtWidgets as qw

    w = getattr(qw, cls)()
    policy = w.sizePolicy()
    shiboken6.delete(w)
    return policy.horizontalPolicy(), policy.verticalPolicy()


class UiWriter:
    def __init__(self, scene: Scene):
        self.scene = scene
        self.counts: dict[str, int] = {}
        self.actions: list[ET.Element] = []  # <action> elements, declared on the root widget as Designer does

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

    def _nid(self, ref) -> str | None:
        for nid, part in self.scene.parts.items():
            if part.ref is ref:
                return nid
        return None

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
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(ui, encoding="utf-8", xml_declaration=False) \
            + b"\n"

    def widget(self, w: QWidget, placed: bool, at: QWidget | None = None) -> ET.Element:
        """<widget> for `w`; `placed`: a layout or its container places it (no geometry written); else its
        geometry, relative to `at` (default: its parent)."""
        cls = ui_class(w)
        el = ET.Element("widget", {"class": cls, "name": self.name_of(w, cls)})
        if not placed:
            pos = w.pos() if at is None else w.mapTo(at, QPoint(0, 0))
            _prop(el, "geometry", "rect", (pos.x(), pos.y(), w.width(), w.height()))
        self.common(el, w, cls)
        self.specific(el, w, cls)
        self.children(el, w)
        return el

    # --- properties -----------------------------------------------------------------------------------
    def common(self, el: ET.Element, w: QWidget, cls: str) -> None:
        if w.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled):
            _prop(el, "enabled", "bool", False)
        lo, hi = w.minimumSize(), w.maximumSize()
        if isinstance(w, (QToolBar, QStatusBar)):  # their widgets are children at their geometry (Designer bars
            lo = w.size()  # hold actions only): keep the drawn size
        if isinstance(w, QTabBar):  # as a QTabWidget: no taller than the bar
            hi = w.size()
        if (lo.width(), lo.height()) != (0, 0):
            _prop(el, "minimumSize", "size", (lo.width(), lo.height()))
        if (hi.width(), hi.height()) != (MAX_SIZE, MAX_SIZE):
            _prop(el, "maximumSize", "size", (hi.width(), hi.height()))
        policy = w.sizePolicy()
        h, v = policy.horizontalPolicy(), policy.verticalPolicy()
        if (h, v) != _default_policy(cls) or policy.horizontalStretch() or policy.verticalStretch():
            sp = ET.SubElement(ET.SubElement(el, "property", name="sizePolicy"), "sizepolicy",
                               hsizetype=h.name, vsizetype=v.name)
            ET.SubElement(sp, "horstretch").text = str(policy.horizontalStretch())
            ET.SubElement(sp, "verstretch").text = str(policy.verticalStretch())
        if w.toolTip():
            _prop(el, "toolTip", "string", w.toolTip())
        if w.accessibleName():
            _prop(el, "accessibleName", "string", w.accessibleName())
        kind = w.property(KIND) or KINDS.get(type(w))
        if kind:
            _prop(el, KIND, "string", str(kind), stdset=False)

    def specific(self, el: ET.Element, w: QWidget, cls: str) -> None:
        """The properties that make this class look and read as drawn."""
        if isinstance(w, QLabel):
            if w.text():
                _prop(el, "text", "string", w.text())
                _prop(el, "textFormat", "enum", _enum(w.textFormat()))
            if w.wordWrap():
                _prop(el, "wordWrap", "bool", True)
            if w.margin():
                _prop(el, "margin", "number", w.margin())
        elif isinstance(w, QAbstractButton):
            self.button(el, w)
        elif isinstance(w, QLineEdit):
            _texts(el, text=w.text(), placeholderText=w.placeholderText())
            if w.echoMode() != QLineEdit.EchoMode.Normal:
                _prop(el, "echoMode", "enum", _enum(w.echoMode()))
        elif isinstance(w, QPlainTextEdit):
            _texts(el, plainText=w.toPlainText(), placeholderText=w.placeholderText())
            if w.lineWrapMode() != QPlainTextEdit.LineWrapMode.WidgetWidth:
                _prop(el, "lineWrapMode", "enum", _enum(w.lineWrapMode()))
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                _prop(ET.SubElement(el, "item"), "text", "string", w.itemText(i))
            _prop(el, "currentIndex", "number", w.currentIndex())
            _prop(el, "sizeAdjustPolicy", "enum", _enum(w.sizeAdjustPolicy()))
        elif isinstance(w, (QSpinBox, QDoubleSpinBox, QDateEdit)):
            self.spin(el, w)
        elif isinstance(w, (QSlider, QScrollBar)):
            _prop(el, "orientation", "enum", _enum(w.orientation()))
            for name in ("minimum", "maximum", "pageStep", "value"):
                _prop(el, name, "number", getattr(w, name)())
        elif isinstance(w, QProgressBar):
            for name in ("minimum", "maximum", "value"):
                _prop(el, name, "number", getattr(w, name)())
            _prop(el, "textVisible", "bool", w.isTextVisible())
        elif isinstance(w, QGroupBox):
            _prop(el, "title", "string", w.title())
        elif isinstance(w, QTabWidget | QTabBar):
            _prop(el, "currentIndex", "number", w.currentIndex())
            _prop(el, "documentMode", "bool", True if isinstance(w, QTabBar) else w.documentMode())
        elif isinstance(w, QSplitter):
            _prop(el, "orientation", "enum", _enum(w.orientation()))
            _prop(el, "childrenCollapsible", "bool", w.childrenCollapsible())
        elif isinstance(w, QScrollArea):
            _prop(el, "widgetResizable", "bool", w.widgetResizable())
        elif isinstance(w, QToolBar):
            _prop(el, "orientation", "enum", _enum(w.orientation()))
            _prop(el, "movable", "bool", w.isMovable())
            _prop(el, "floatable", "bool", w.isFloatable())
        elif isinstance(w, QStatusBar):
            _prop(el, "sizeGripEnabled", "bool", w.isSizeGripEnabled())
        elif isinstance(w, QDockWidget):
            _prop(el, "windowTitle", "string", w.windowTitle())
            _prop(el, "features", "set", _flags(w.features(), [QDockWidget.DockWidgetFeature.NoDockWidgetFeatures,
                                                               *QDockWidget.DockWidgetFeature]))
        elif isinstance(w, QMainWindow):
            _prop(el, "dockNestingEnabled", "bool", w.isDockNestingEnabled())
        if isinstance(w, QAbstractItemView):
            self.view(el, w)
        if isinstance(w, QFrame) and not isinstance(w, QLabel) and w.frameShape() != _default_frame(ui_class(w)):
            _prop(el, "frameShape", "enum", _enum(w.frameShape()))
        if isinstance(w, (QScrollArea, QAbstractItemView)):
            for name in ("horizontalScrollBarPolicy", "verticalScrollBarPolicy"):
                _prop(el, name, "enum", _enum(getattr(w, name)()))

    def button(self, el: ET.Element, w: QAbstractButton) -> None:
        if w.text():
            _prop(el, "text", "string", w.text())
        if isinstance(w, (QCheckBox, QRadioButton, SwitchButton)):
            _prop(el, "checked", "bool", w.isChecked())
        elif w.isCheckable():
            _prop(el, "checkable", "bool", True)
            _prop(el, "checked", "bool", w.isChecked())
        if isinstance(w, QPushButton):
            _prop(el, "autoDefault", "bool", w.autoDefault())
            if w.isDefault():
                _prop(el, "default", "bool", True)
            if w.isFlat():
                _prop(el, "flat", "bool", True)
        if isinstance(w, QToolButton):
            _prop(el, "toolButtonStyle", "enum", _enum(w.toolButtonStyle()))
            _prop(el, "autoRaise", "bool", w.autoRaise())

    def spin(self, el: ET.Element, w) -> None:
        loc = w.locale()
        ET.SubElement(ET.SubElement(el, "property", name="locale"), "locale", language=loc.language().name,
                      country=loc.territory().name)
        if isinstance(w, QDateEdit):
            d = w.date()
            date = ET.SubElement(ET.SubElement(el, "property", name="date"), "date")
            for tag, v in (("year", d.year()), ("month", d.month()), ("day", d.day())):
                ET.SubElement(date, tag).text = str(v)
            _prop(el, "displayFormat", "string", w.displayFormat())
            _prop(el, "calendarPopup", "bool", w.calendarPopup())
            return
        kind = "double" if isinstance(w, QDoubleSpinBox) else "number"
        if kind == "double":
            _prop(el, "decimals", "number", w.decimals())
        for name in ("minimum", "maximum", "value"):
            _prop(el, name, kind, getattr(w, name)())
        if w.suffix():
            _prop(el, "suffix", "string", w.suffix())

    def view(self, el: ET.Element, w: QAbstractItemView) -> None:
        _prop(el, "selectionMode", "enum", _enum(w.selectionMode()))
        if w.alternatingRowColors():
            _prop(el, "alternatingRowColors", "bool", True)
        if isinstance(w, QListWidget):
            if w.spacing():
                _prop(el, "spacing", "number", w.spacing())
            for i in range(w.count()):
                _prop(ET.SubElement(el, "item"), "text", "string", w.item(i).text())
        elif isinstance(w, QTreeWidget):
            _attr(el, "headerVisible", "bool", not w.isHeaderHidden())
            for c in range(w.columnCount()):
                head = w.headerItem().text(c)
                _prop(ET.SubElement(el, "column"), "text", "string", head or str(c + 1))
            root = w.invisibleRootItem()
            for i in range(root.childCount()):
                _tree_item(el, root.child(i), w.columnCount())
        elif isinstance(w, QTableWidget):
            _attr(el, "horizontalHeaderVisible", "bool", not w.horizontalHeader().isHidden())
            _attr(el, "verticalHeaderVisible", "bool", not w.verticalHeader().isHidden())
            _prop(el, "showGrid", "bool", w.showGrid())
            for r in range(w.rowCount()):
                _prop(ET.SubElement(el, "row"), "text", "string", str(r + 1))
            for c in range(w.columnCount()):
                head = w.horizontalHeaderItem(c)
                _prop(ET.SubElement(el, "column"), "text", "string", head.text() if head else "")
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    item = w.item(r, c)
                    if item is not None and item.text():
                        _prop(ET.SubElement(el, "item", row=str(r), column=str(c)), "text", "string", item.text())

    # --- children -------------------------------------------------------------------------------------
    def children(self, el: ET.Element, w: QWidget) -> None:
        if isinstance(w, QMainWindow):
            return self.main_window(el, w)
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                page = self.widget(w.widget(i), placed=True)
                _attr(page, "title", "string", w.tabText(i))
                el.append(page)
            return
        if isinstance(w, QTabBar):  # as a QTabWidget: one empty page per tab
            for i in range(w.count()):
                page = ET.SubElement(el, "widget", {"class": "QWidget", "name": self._name("tab")})
                _attr(page, "title", "string", w.tabText(i))
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
                    ET.SubElement(el, "addaction", name=self._menu_names[id(a.menu())])
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
        return not isinstance(c, QMenu) and not c.isHidden() and (c in self.scene.node_of or c in self.scene.hosts)

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
            _attr(t, "toolBarArea", "enum", w.toolBarArea(tb).name)
            _attr(t, "toolBarBreak", "bool", w.toolBarBreak(tb))
            el.append(t)
            shown.append(tb)
        for dw in w.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            d = self.widget(dw, placed=True)
            _attr(d, "dockWidgetArea", "number", w.dockWidgetArea(dw).value)
            el.append(d)
            shown.append(dw)
        sb = w.findChild(QStatusBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if sb is not None:
            el.append(self.widget(sb, placed=True))
            shown.append(sb)
        if bar is not None and not isinstance(bar, QMenuBar):  # Designer's menu widget can only be a menu bar
            shown.append(bar)
            el.append(self.widget(bar, placed=False))
            _prop(el, "gfMenuWidget", "string", el[-1].get("name"), stdset=False)
        self.free(el, w, [c for c in _direct_children(w) if c not in shown and self._ours(c)])

    @property
    def _menu_names(self) -> dict[int, str]:
        if not hasattr(self, "_menus"):
            self._menus: dict[int, str] = {}
        return self._menus

    def menu(self, m: QMenu) -> ET.Element:
        name = self._name("menu", self._nid(m.menuAction()))
        self._menu_names[id(m)] = name
        el = ET.Element("widget", {"class": "QMenu", "name": name})
        _prop(el, "title", "string", m.title())
        if not m.menuAction().isEnabled():
            _prop(el, "enabled", "bool", False)
        for a in m.actions():
            if a.isSeparator():
                ET.SubElement(el, "addaction", name="separator")
            elif a.menu() is not None:
                el.append(self.menu(a.menu()))
                ET.SubElement(el, "addaction", name=self._menu_names[id(a.menu())])
            else:
                ET.SubElement(el, "addaction", name=self.action(a))
        return el

    def action(self, a) -> str:
        name = self._name("action", self._nid(a))
        el = ET.Element("action", name=name)
        _prop(el, "text", "string", a.text())
        if a.isCheckable():
            _prop(el, "checkable", "bool", True)
            _prop(el, "checked", "bool", a.isChecked())
        if not a.isEnabled():
            _prop(el, "enabled", "bool", False)
        if not a.shortcut().isEmpty():
            _prop(el, "shortcut", "string", a.shortcut().toString())
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
            for attr, n, fn in (("rowstretch", lay.rowCount(), lay.rowStretch),
                                ("columnstretch", lay.columnCount(), lay.columnStretch)):
                if any(fn(i) for i in range(n)):
                    el.set(attr, ",".join(str(fn(i)) for i in range(n)))
        _prop(el, "spacing", "number", lay.spacing())
        m = lay.contentsMargins()
        for side, v in (("left", m.left()), ("top", m.top()), ("right", m.right()), ("bottom", m.bottom())):
            _prop(el, f"{side}Margin", "number", v)
        for i in range(lay.count()):
            item = lay.itemAt(i)
            attrs = {}
            if isinstance(lay, QGridLayout):
                r, c, rs, cs = lay.getItemPosition(i)
                attrs = {"row": str(r), "column": str(c)}
                if rs != 1 or cs != 1:
                    attrs.update(rowspan=str(rs), colspan=str(cs))
            if int(item.alignment().value):
                attrs["alignment"] = _flags(item.alignment(), ALIGNMENTS)
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
        _prop(el, "orientation", "enum", "Qt::Horizontal" if horizontal else "Qt::Vertical")
        size_type = policy.horizontalPolicy() if horizontal else policy.verticalPolicy()
        _prop(el, "sizeType", "enum", _enum(size_type))
        hint = s.sizeHint()
        _prop(el, "sizeHint", "size", (hint.width(), hint.height()), stdset=False)
        return el


ALIGNMENTS = [Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignHCenter,
              Qt.AlignmentFlag.AlignJustify, Qt.AlignmentFlag.AlignTop, Qt.AlignmentFlag.AlignBottom,
              Qt.AlignmentFlag.AlignVCenter]


@lru_cache(maxsize=None)
def _default_frame(cls: str):
    import PySide6.QtWidgets as qw

    w = getattr(qw, cls)()
    shape = w.frameShape() if isinstance(w, QFrame) else None
    shiboken6.delete(w)
    return shape


def _direct_children(w: QWidget) -> list[QWidget]:
    return w.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)


def _tree_item(parent: ET.Element, item: QTreeWidgetItem, columns: int) -> None:
    el = ET.SubElement(parent, "item")
    for c in range(columns):
        _prop(el, "text", "string", item.text(c))
    for i in range(item.childCount()):
        _tree_item(el, item.child(i), columns)


def _texts(el: ET.Element, **texts: str) -> None:
    for name, value in texts.items():
        if value:
            _prop(el, name, "string", value)


def _attr(el: ET.Element, name: str, kind: str, value) -> None:
    _value(ET.SubElement(el, "attribute", name=name), kind, value)


def _prop(el: ET.Element, name: str, kind: str, value, stdset: bool = True) -> None:
    p = ET.SubElement(el, "property", name=name)
    if not stdset:
        p.set("stdset", "0")
    _value(p, kind, value)


def _value(p: ET.Element, kind: str, value) -> None:
    if kind in ("rect", "size"):
        v = ET.SubElement(p, kind)
        for tag, n in zip(("x", "y", "width", "height") if kind == "rect" else ("width", "height"), value):
            ET.SubElement(v, tag).text = str(int(n))
        return
    if kind == "bool":
        text = "true" if value else "false"
    elif kind == "double":
        text = repr(float(value))
    elif kind == "string":
        text = _BAD_XML.sub("", str(value))
    else:
        text = str(value)
    ET.SubElement(p, kind).text = text
