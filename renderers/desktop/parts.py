"""Sub-elements read back from Qt: where each is drawn (in a reference widget's coordinates), its text
and its state. Rects come from the views themselves (tabRect, visualItemRect, actionGeometry...)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (QAbstractButton, QCheckBox, QRadioButton, QStyle, QStyleOptionButton,
                               QStyleOptionDockWidget, QStyleOptionGroupBox, QWidget)

from renderers.desktop.builder import Part
from renderers.desktop.widgets import SwitchButton

CALENDAR_CELLS = ("calendar_weekday", "calendar_day", "calendar_blank")  # cells of a QCalendarWidget's view


def _unescape(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def geometry(p: Part) -> tuple[QWidget, QRect]:
    """(reference widget, rect in its coordinates); an empty rect when Qt does not draw the part."""
    o, k, ref = p.owner, p.kind, p.ref
    if k == "tab":
        return o, o.tabRect(ref) if o.isTabVisible(ref) else QRect()
    if k in ("menubar", "menu"):
        return o, o.actionGeometry(ref) if ref.isVisible() else QRect()
    if k == "item":
        return o.viewport(), o.visualItemRect(ref) if not ref.isHidden() else QRect()
    if k == "tree":
        return o.viewport(), o.visualItemRect(ref)
    if k == "row":
        model = o.model()
        first, last = o.visualRect(model.index(ref, 0)), o.visualRect(model.index(ref, model.columnCount() - 1))
        return o.viewport(), first.united(last) if first.isValid() else QRect()
    if k == "cell" or k in CALENDAR_CELLS:
        return o.viewport(), o.visualRect(o.model().index(*ref))
    if k == "calendar_title":  # the month and year buttons side by side, in the navigation bar
        return o, ref[0].geometry().united(ref[1].geometry())
    if k == "section":
        if o.isSectionHidden(ref):
            return o.viewport(), QRect()
        return o.viewport(), QRect(o.sectionViewportPosition(ref), 0, o.sectionSize(ref), o.viewport().height())
    if k == "groupbox_title":
        opt = QStyleOptionGroupBox()
        o.initStyleOption(opt)
        return o, o.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, opt,
                                           QStyle.SubControl.SC_GroupBoxLabel, o)
    if k == "dock_title":
        opt = QStyleOptionDockWidget()
        o.initStyleOption(opt)
        return o, o.style().subElementRect(QStyle.SubElement.SE_DockWidgetTitleBarText, opt, o)
    if k == "check_label":
        return o, check_words(o)
    raise ValueError(f"unknown part kind {k!r}")


def _check_option(w: QAbstractButton) -> tuple[QStyleOptionButton, QStyle.SubElement, QStyle.SubElement]:
    opt = QStyleOptionButton()
    w.initStyleOption(opt)
    E = QStyle.SubElement
    if isinstance(w, QRadioButton):
        return opt, E.SE_RadioButtonIndicator, E.SE_RadioButtonContents
    return opt, E.SE_CheckBoxIndicator, E.SE_CheckBoxContents


def check_control(w: QWidget) -> QRect | None:
    """The box of what draws a checkbox, radio button or switch, in its coordinates: the indicator (the style's
    square or circle, style sheets included) or the track, as real pages are labelled (factory.core.check_labels);
    None for any other widget."""
    if isinstance(w, SwitchButton):
        return w.track_rect()
    if isinstance(w, (QCheckBox, QRadioButton)):
        opt, indicator, _ = _check_option(w)
        return w.style().subElementRect(indicator, opt, w)
    return None


def check_words(w: QAbstractButton) -> QRect:
    """Where a checkbox's, radio button's or switch's words are drawn, in its coordinates: the text rectangle the
    style lays the label out in (aligned left, centred vertically, in the contents beside the indicator)."""
    if isinstance(w, SwitchButton):
        return w.words_rect()
    if not w.text():
        return QRect()
    opt, _, contents = _check_option(w)
    st = w.style()
    align = QStyle.visualAlignment(w.layoutDirection(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    flags = align.value | Qt.TextFlag.TextShowMnemonic.value
    r = st.itemTextRect(w.fontMetrics(), st.subElementRect(contents, opt, w), flags, w.isEnabled(), w.text())
    return r.intersected(w.rect())


def text(p: Part) -> str:
    o, k, ref = p.owner, p.kind, p.ref
    if k == "tab":
        return _unescape(o.tabText(ref))
    if k in ("menubar", "menu"):
        return _unescape(ref.text())
    if k == "item":
        return ref.text()
    if k == "tree":
        return ref.text(0)
    if k == "cell":
        item = o.item(*ref)
        return item.text() if item is not None else ""
    if k == "section":
        return str(o.model().headerData(ref, o.orientation()) or "")
    if k in ("calendar_weekday", "calendar_day"):
        return str(o.model().data(o.model().index(*ref)))
    if k == "calendar_title":
        return f"{_unescape(ref[0].text())} {_unescape(ref[1].text())}"
    if k == "groupbox_title":
        return o.title()
    if k == "dock_title":
        return o.windowTitle()
    if k == "check_label":
        return _unescape(o.text())
    return ""


def state(p: Part) -> dict:
    from PySide6.QtCore import Qt

    o, k, ref = p.owner, p.kind, p.ref
    s = {"enabled": o.isEnabled(), "checked": None, "selected": None, "focused": False, "expanded": None,
         "invalid": None, "filled": None}
    if k == "tab":
        s.update(enabled=o.isTabEnabled(ref), selected=o.currentIndex() == ref)
    elif k in ("menubar", "menu"):
        menu = ref.menu()
        s.update(enabled=ref.isEnabled(), checked=ref.isChecked() if ref.isCheckable() else None,
                 selected=(getattr(o, "open_action", None) is ref) if k == "menubar" else o.activeAction() is ref,
                 expanded=menu.isVisible() if menu is not None and menu.actions() else None)
    elif k in ("item", "tree"):
        s.update(enabled=bool(ref.flags() & Qt.ItemFlag.ItemIsEnabled) and o.isEnabled(), selected=ref.isSelected())
        if k == "tree" and (ref.childCount() or ref.childIndicatorPolicy() == ref.ChildIndicatorPolicy.ShowIndicator):
            s["expanded"] = ref.isExpanded()
    elif k == "row":
        s["selected"] = o.selectionModel().isRowSelected(ref)
    elif k == "calendar_day":
        s["selected"] = o.selectionModel().isSelected(o.model().index(*ref))
    return s
