"""Qt source type -> canonical class: the desktop renderer's half of the taxonomy mapping.

The class is read from the drawn object (its Qt class, the Qt base class of our subclasses, and the
gfKind property where Qt has one class for several roles, as the web reads tags and ARIA roles), never
copied from the layout; tests check that both agree for every role the grammars produce.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QCheckBox, QComboBox, QCommandLinkButton,
                               QDateTimeEdit, QDialog, QDockWidget, QFrame, QGroupBox, QLabel, QLineEdit,
                               QMenuBar, QPlainTextEdit, QProgressBar, QPushButton, QRadioButton, QScrollBar,
                               QSlider, QStatusBar, QTableWidget, QTextEdit, QToolBar, QToolButton, QWidget)

from renderers.desktop.widgets import KIND, Badge, PageIndicator, SwitchButton

LABEL_KINDS = {"heading": "heading", "link": "link", "icon": "icon", "image": "image", "badge": "badge",
               "tooltip": "tooltip", "text": "text"}
# Sub-elements: (owner Qt class, part kind) -> (source type, class). Cells and list items depend on the view.
PART_CLASSES = {
    "tab": ("QTabBar::tab", "tab"), "menubar": ("QMenuBar::item", "menu_item"), "menu": ("QMenu::item", "menu_item"),
    "tree": ("QTreeWidgetItem", "list_item"), "row": ("QTableWidget::row", "list_item"),
    "section": ("QHeaderView::section", "text"), "cell": ("QTableWidgetItem", "text"),
    "groupbox_title": ("QGroupBox::title", "heading"), "dock_title": ("QDockWidget::title", "heading"),
    "calendar_title": ("QCalendarWidget::title", "text"), "calendar_weekday": ("QCalendarWidget::weekday", "text"),
    "calendar_day": ("QCalendarWidget::day", "button"), "calendar_blank": ("QCalendarWidget::blank", None),
    "check_label": ("QAbstractButton::label", "text"),  # a checkbox's, radio's or switch's words
}


_TYPE_NAMES: dict[type, str] = {}


def qt_class(w: QWidget) -> str:
    """The nearest Qt (C++) class of a widget: our Python subclasses report their Qt base."""
    meta = w.metaObject()
    while meta is not None and not meta.className().startswith("Q"):
        meta = meta.superClass()
    return meta.className() if meta is not None else type(w).__name__


def source_type(w: QWidget) -> str:
    """A readable source type: Qt class, our class if we subclassed it, and the kind, e.g. 'QLabel[heading]'."""
    name = _TYPE_NAMES.get(type(w))
    if name is None:  # the Qt class behind a Python type never changes: look it up once per type
        base, own = qt_class(w), type(w).__name__
        name = _TYPE_NAMES[type(w)] = base if own == base or own.startswith("Q") else f"{own}({base})"
    kind = w.property(KIND)
    return f"{name}[{kind}]" if kind else name


def widget_class(w: QWidget, is_window: bool = False) -> str | None:
    """Canonical class of a drawn widget, or None for structure (containers, views, the window itself)."""
    if is_window:
        return None
    kind = w.property(KIND)
    if isinstance(w, SwitchButton):
        return "switch"
    if isinstance(w, Badge):
        return "badge"
    if isinstance(w, PageIndicator):
        return "page_indicator"
    if isinstance(w, QCommandLinkButton):
        return "link"
    if isinstance(w, QPushButton):
        return "button" if w.text() else "icon_button"
    if isinstance(w, QToolButton):
        iconic = w.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly or not w.text()
        return "icon_button" if iconic else "button"
    if isinstance(w, QCheckBox):
        return "checkbox"
    if isinstance(w, QRadioButton):
        return "radio"
    if isinstance(w, QAbstractButton):
        return "button"
    if isinstance(w, QSlider):
        return "slider"
    if isinstance(w, QScrollBar):
        return "scrollbar"
    if isinstance(w, QProgressBar):
        return "progress_bar"
    if isinstance(w, QComboBox):
        return "dropdown"
    if isinstance(w, QDateTimeEdit):
        return "date_picker"
    if isinstance(w, QAbstractSpinBox):
        return "spinbox"
    if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return "text_input"
    if isinstance(w, QLabel):
        return LABEL_KINDS.get(kind or "text")
    if isinstance(w, QTableWidget):
        return "table"
    if isinstance(w, (QToolBar, QMenuBar, QStatusBar)):
        return "toolbar"
    if isinstance(w, (QGroupBox, QDockWidget)):
        return "card"
    if isinstance(w, QDialog):
        return "dialog"
    if isinstance(w, QFrame) and kind in ("card", "titlebar"):
        return "card" if kind == "card" else "toolbar"
    return None


def part_class(part_kind: str, owner_kind: str | None) -> tuple[str, str | None]:
    """(source type, class) of a sub-element; list items are menu entries in a navigation list."""
    if part_kind == "item":
        return ("QListWidgetItem[nav]", "menu_item") if owner_kind == "nav" else ("QListWidgetItem", "list_item")
    return PART_CLASSES[part_kind]
