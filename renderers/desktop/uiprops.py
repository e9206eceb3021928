"""What a .ui file says about one widget (renderers.desktop.uifile): the stock class it names, and the
properties that make that class look and read as drawn (texts, states, values, ranges, locales, items of
views and combo boxes, size constraints and policies, the role in `gfKind`), as Designer's XML values."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QCalendarWidget, QCheckBox, QComboBox, QDateEdit,
                               QDockWidget, QDoubleSpinBox, QFrame, QGroupBox, QLabel, QLineEdit, QListWidget,
                               QMainWindow, QPlainTextEdit, QProgressBar, QPushButton, QRadioButton, QScrollArea,
                               QScrollBar, QSlider, QSpinBox, QSplitter, QStatusBar, QTableWidget, QTabBar, QTabWidget,
                               QToolBar, QToolButton, QTreeWidget, QTreeWidgetItem, QWidget)

from renderers.desktop.widgets import KIND, DialogPanel, PageIndicator, Scrim, SwitchButton

# Qt classes QUiLoader cannot make, or makes as something else, -> the stock class written instead.
STAND_INS = {"QAbstractButton": "QCheckBox",  # our switch: a checkable button with a label
             "QTabBar": "QTabWidget",  # QUiLoader has no QTabBar: a tab widget with empty pages, as tall as the bar
             "QDialog": "QFrame"}  # a dialog drawn inside the window (a QDialog child would open its own window)
# Our painted widgets without a gfKind of their own -> the role they draw.
KINDS = {SwitchButton: "switch", PageIndicator: "page_indicator", Scrim: "scrim", DialogPanel: "dialog"}
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


def enum(value) -> str:
    """'QFrame::StyledPanel' for a PySide6 enum member (the spelling Designer writes and QUiLoader reads)."""
    scope = type(value).__qualname__.split(".")[0]
    return f"{scope}::{value.name}"


def flags(value, members) -> str:
    """'Qt::AlignLeft|Qt::AlignTop' for the `members` set in flags `value` (the first member when none is)."""
    return "|".join(enum(m) for m in members if value & m) or enum(members[0])


@lru_cache(maxsize=None)
def _default_policy(cls: str):
    """The size policy a fresh widget of stock class `cls` has (only a different one is written)."""
    import PySide6.QtWidgets as qw

    try:
        w = getattr(qw, cls)()
    except TypeError:  # a class that needs arguments: its policy is always written
        return None
    policy = w.sizePolicy()
    shiboken6.delete(w)
    return policy.horizontalPolicy(), policy.verticalPolicy()


def common(el: ET.Element, w: QWidget, cls: str) -> None:
    """What every widget may say: disabled, size constraints and policy, tool tip, accessible name, gfKind."""
    if w.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled):
        prop(el, "enabled", "bool", False)
    lo, hi = w.minimumSize(), w.maximumSize()
    if isinstance(w, (QToolBar, QStatusBar)):  # their widgets are children at their geometry (Designer bars
        lo = w.size()  # hold actions only): keep the drawn size
    if isinstance(w, QTabBar):  # as a QTabWidget: no taller than the bar
        hi = w.size()
    if (lo.width(), lo.height()) != (0, 0):
        prop(el, "minimumSize", "size", (lo.width(), lo.height()))
    if (hi.width(), hi.height()) != (MAX_SIZE, MAX_SIZE):
        prop(el, "maximumSize", "size", (hi.width(), hi.height()))
    policy = w.sizePolicy()
    h, v = policy.horizontalPolicy(), policy.verticalPolicy()
    if (h, v) != _default_policy(cls) or policy.horizontalStretch() or policy.verticalStretch():
        sp = ET.SubElement(ET.SubElement(el, "property", name="sizePolicy"), "sizepolicy",
                           hsizetype=h.name, vsizetype=v.name)
        ET.SubElement(sp, "horstretch").text = str(policy.horizontalStretch())
        ET.SubElement(sp, "verstretch").text = str(policy.verticalStretch())
    if w.toolTip():
        prop(el, "toolTip", "string", w.toolTip())
    if w.accessibleName():
        prop(el, "accessibleName", "string", w.accessibleName())
    kind = w.property(KIND) or KINDS.get(type(w))
    if kind:
        prop(el, KIND, "string", str(kind), stdset=False)


def specific(el: ET.Element, w: QWidget) -> None:
    """The properties that make this class look and read as drawn."""
    if isinstance(w, QLabel):
        if w.text():
            prop(el, "text", "string", w.text())
            prop(el, "textFormat", "enum", enum(w.textFormat()))
        if w.wordWrap():
            prop(el, "wordWrap", "bool", True)
        if w.margin():
            prop(el, "margin", "number", w.margin())
    elif isinstance(w, QAbstractButton):
        button(el, w)
    elif isinstance(w, QLineEdit):
        _texts(el, text=w.text(), placeholderText=w.placeholderText())
        if w.echoMode() != QLineEdit.EchoMode.Normal:
            prop(el, "echoMode", "enum", enum(w.echoMode()))
    elif isinstance(w, QPlainTextEdit):
        _texts(el, plainText=w.toPlainText(), placeholderText=w.placeholderText())
        if w.lineWrapMode() != QPlainTextEdit.LineWrapMode.WidgetWidth:
            prop(el, "lineWrapMode", "enum", enum(w.lineWrapMode()))
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            prop(ET.SubElement(el, "item"), "text", "string", w.itemText(i))
        prop(el, "currentIndex", "number", w.currentIndex())
        prop(el, "sizeAdjustPolicy", "enum", enum(w.sizeAdjustPolicy()))
    elif isinstance(w, (QSpinBox, QDoubleSpinBox, QDateEdit)):
        spin(el, w)
    elif isinstance(w, QCalendarWidget):  # a date picker's month drawn open: its navigation and view are Qt's
        _date(el, "selectedDate", w.selectedDate())
        prop(el, "firstDayOfWeek", "enum", enum(w.firstDayOfWeek()))
        prop(el, "verticalHeaderFormat", "enum", enum(w.verticalHeaderFormat()))
        prop(el, "gridVisible", "bool", w.isGridVisible())
    elif isinstance(w, (QSlider, QScrollBar)):
        prop(el, "orientation", "enum", enum(w.orientation()))
        for name in ("minimum", "maximum", "pageStep", "value"):
            prop(el, name, "number", getattr(w, name)())
    elif isinstance(w, QProgressBar):
        for name in ("minimum", "maximum", "value"):
            prop(el, name, "number", getattr(w, name)())
        prop(el, "textVisible", "bool", w.isTextVisible())
    elif isinstance(w, QGroupBox):
        prop(el, "title", "string", w.title())
    elif isinstance(w, QTabWidget | QTabBar):
        prop(el, "currentIndex", "number", w.currentIndex())
        prop(el, "documentMode", "bool", True if isinstance(w, QTabBar) else w.documentMode())
    elif isinstance(w, QSplitter):
        prop(el, "orientation", "enum", enum(w.orientation()))
        prop(el, "childrenCollapsible", "bool", w.childrenCollapsible())
    elif isinstance(w, QScrollArea):
        prop(el, "widgetResizable", "bool", w.widgetResizable())
    elif isinstance(w, QToolBar):
        prop(el, "orientation", "enum", enum(w.orientation()))
        prop(el, "movable", "bool", w.isMovable())
        prop(el, "floatable", "bool", w.isFloatable())
    elif isinstance(w, QStatusBar):
        prop(el, "sizeGripEnabled", "bool", w.isSizeGripEnabled())
    elif isinstance(w, QDockWidget):
        prop(el, "windowTitle", "string", w.windowTitle())
        prop(el, "features", "set", flags(w.features(), [QDockWidget.DockWidgetFeature.NoDockWidgetFeatures,
                                                           *QDockWidget.DockWidgetFeature]))
    elif isinstance(w, QMainWindow):
        prop(el, "dockNestingEnabled", "bool", w.isDockNestingEnabled())
    if isinstance(w, QAbstractItemView):
        view(el, w)
    if isinstance(w, QFrame) and not isinstance(w, QLabel) and w.frameShape() != _default_frame(ui_class(w)):
        prop(el, "frameShape", "enum", enum(w.frameShape()))
    if isinstance(w, (QScrollArea, QAbstractItemView)):
        for name in ("horizontalScrollBarPolicy", "verticalScrollBarPolicy"):
            prop(el, name, "enum", enum(getattr(w, name)()))


def button(el: ET.Element, w: QAbstractButton) -> None:
    if w.text():
        prop(el, "text", "string", w.text())
    if isinstance(w, (QCheckBox, QRadioButton, SwitchButton)):
        prop(el, "checked", "bool", w.isChecked())
    elif w.isCheckable():
        prop(el, "checkable", "bool", True)
        prop(el, "checked", "bool", w.isChecked())
    if isinstance(w, QPushButton):
        prop(el, "autoDefault", "bool", w.autoDefault())
        if w.isDefault():
            prop(el, "default", "bool", True)
        if w.isFlat():
            prop(el, "flat", "bool", True)
    if isinstance(w, QToolButton):
        prop(el, "toolButtonStyle", "enum", enum(w.toolButtonStyle()))
        prop(el, "autoRaise", "bool", w.autoRaise())


def _date(el: ET.Element, name: str, d) -> None:
    date = ET.SubElement(ET.SubElement(el, "property", name=name), "date")
    for tag, v in (("year", d.year()), ("month", d.month()), ("day", d.day())):
        ET.SubElement(date, tag).text = str(v)


def spin(el: ET.Element, w) -> None:
    loc = w.locale()
    ET.SubElement(ET.SubElement(el, "property", name="locale"), "locale", language=loc.language().name,
                  country=loc.territory().name)
    if isinstance(w, QDateEdit):
        _date(el, "date", w.date())
        prop(el, "displayFormat", "string", w.displayFormat())
        prop(el, "calendarPopup", "bool", w.calendarPopup())
        return
    kind = "double" if isinstance(w, QDoubleSpinBox) else "number"
    if kind == "double":
        prop(el, "decimals", "number", w.decimals())
    for name in ("minimum", "maximum", "value"):
        prop(el, name, kind, getattr(w, name)())
    if w.suffix():
        prop(el, "suffix", "string", w.suffix())


def view(el: ET.Element, w: QAbstractItemView) -> None:
    prop(el, "selectionMode", "enum", enum(w.selectionMode()))
    if w.alternatingRowColors():
        prop(el, "alternatingRowColors", "bool", True)
    if isinstance(w, QListWidget):
        if w.spacing():
            prop(el, "spacing", "number", w.spacing())
        for i in range(w.count()):
            prop(ET.SubElement(el, "item"), "text", "string", w.item(i).text())
    elif isinstance(w, QTreeWidget):
        attr(el, "headerVisible", "bool", not w.isHeaderHidden())
        for c in range(w.columnCount()):
            head = w.headerItem().text(c)
            prop(ET.SubElement(el, "column"), "text", "string", head or str(c + 1))
        root = w.invisibleRootItem()
        for i in range(root.childCount()):
            _tree_item(el, root.child(i), w.columnCount())
    elif isinstance(w, QTableWidget):
        attr(el, "horizontalHeaderVisible", "bool", not w.horizontalHeader().isHidden())
        attr(el, "verticalHeaderVisible", "bool", not w.verticalHeader().isHidden())
        prop(el, "showGrid", "bool", w.showGrid())
        for r in range(w.rowCount()):
            prop(ET.SubElement(el, "row"), "text", "string", str(r + 1))
        for c in range(w.columnCount()):
            head = w.horizontalHeaderItem(c)
            prop(ET.SubElement(el, "column"), "text", "string", head.text() if head else "")
        for r in range(w.rowCount()):
            for c in range(w.columnCount()):
                item = w.item(r, c)
                if item is not None and item.text():
                    prop(ET.SubElement(el, "item", row=str(r), column=str(c)), "text", "string", item.text())


@lru_cache(maxsize=None)
def _default_frame(cls: str):
    import PySide6.QtWidgets as qw

    try:
        w = getattr(qw, cls)()
    except TypeError:
        return None
    shape = w.frameShape() if isinstance(w, QFrame) else None
    shiboken6.delete(w)
    return shape


def _tree_item(parent: ET.Element, item: QTreeWidgetItem, columns: int) -> None:
    el = ET.SubElement(parent, "item")
    for c in range(columns):
        prop(el, "text", "string", item.text(c))
    for i in range(item.childCount()):
        _tree_item(el, item.child(i), columns)


def _texts(el: ET.Element, **texts: str) -> None:
    for name, value in texts.items():
        if value:
            prop(el, name, "string", value)


def attr(el: ET.Element, name: str, kind: str, value) -> None:
    _value(ET.SubElement(el, "attribute", name=name), kind, value)


def prop(el: ET.Element, name: str, kind: str, value, stdset: bool = True) -> None:
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
