"""Leaf roles -> real Qt widgets: labels, buttons, inputs, checks, sliders, combo and spin boxes, date edits,
progress and scroll bars, icons, pictures, badges, pager dots."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDoubleSpinBox, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QRadioButton, QScrollBar, QSizePolicy, QSlider, QSpinBox,
                               QToolButton, QWidget)

from factory.core.layout import Node
from renderers.desktop.builder import Builder, handles, mnemonic_safe
from renderers.desktop.helpers import recolor
from renderers.desktop.icons import icon_pixmap, icon_size, qicon
from renderers.desktop.widgets import Badge, PageIndicator, Picture, SwitchButton, set_kind

HEADING_SCALE = {1: 1.75, 2: 1.45, 3: 1.22, 4: 1.06, 5: 1.0, 6: 0.92}
# text variant -> (font scale, weight, colour role or None)
VARIANTS = {"body": (1.0, None, None), "label": (1.0, 500, None), "muted": (0.93, None, "muted"),
            "caption": (0.86, None, "muted"), "header": (0.9, 600, "muted"), "error": (0.9, None, "danger"),
            "value": (1.6, 700, None), "mono": (1.0, None, None)}
WRAP_AT = 8  # characters: longer labels may wrap (at spaces, or anywhere in CJK text) when squeezed


def _label(b: Builder, n: Node, kind: str, scale: float = 1.0, weight: int | None = None) -> QLabel:
    w = QLabel(n.text)
    w.setTextFormat(Qt.TextFormat.PlainText)  # generated text is never markup
    set_kind(w, kind)
    if scale != 1.0 or weight is not None:
        w.setFont(b.t.font(scale, weight))
    if len(n.text) > WRAP_AT:
        w.setWordWrap(True)
    return w


@handles("heading")
def heading(b: Builder, n: Node):
    return b.bind(n, _label(b, n, "heading", HEADING_SCALE.get(int(n.props.get("level", 2)), 1.0), 600))


@handles("text")
def text(b: Builder, n: Node):
    scale, weight, color = VARIANTS.get(n.props.get("variant", "body"), VARIANTS["body"])
    w = _label(b, n, "text", scale, weight)
    if n.props.get("variant") == "mono":
        from renderers.desktop.fonts import MONO, ui_font
        w.setFont(ui_font(MONO, b.t.font_px * 0.95, b.t.locale))
    if color:
        recolor(w, QPalette.ColorRole.WindowText, b.t.colors[color])
    return b.bind(n, w)


@handles("link")
def link(b: Builder, n: Node):
    import html

    w = QLabel(f'<a href="#" style="text-decoration: none">{html.escape(n.text)}</a>')
    w.setTextFormat(Qt.TextFormat.RichText)
    set_kind(w, "link")
    w.setFont(b.t.font(1.0, 500))
    return b.bind(n, w)


@handles("button")
def button(b: Builder, n: Node):
    t, variant = b.t, n.props.get("variant", "secondary")
    w = QPushButton(mnemonic_safe(n.text))
    w.setAutoDefault(False)
    w.setProperty("variant", variant)
    fg = {"primary": "accent_text", "danger": "accent_text", "text": "link"}.get(variant, "button_text")
    if variant in ("primary", "danger"):
        w.setDefault(variant == "primary")
        recolor(w, QPalette.ColorRole.Button, t.colors["accent" if variant == "primary" else "danger"])
        recolor(w, QPalette.ColorRole.ButtonText, "#ffffff" if variant == "danger" else t.colors["accent_text"])
    elif variant == "text":
        w.setFlat(True)
        recolor(w, QPalette.ColorRole.ButtonText, t.colors["link"])
    if n.props.get("icon"):
        size = icon_size(t.font_px * 1.25)
        w.setIcon(qicon(n.props["icon"], "#ffffff" if variant == "danger" else t.colors[fg], size, t.dpr))
        w.setIconSize(QSize(size, size))
    w.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    if n.text.isdigit() and len(n.text) <= 3:  # page numbers: Qt's 80 px minimum button width looks wrong
        w.setFixedWidth(max(round(b.t.font_px * 2.8), w.fontMetrics().horizontalAdvance(n.text) + 40))
    return b.bind(n, w)


@handles("icon_button")
def icon_button(b: Builder, n: Node):
    size = icon_size(b.t.font_px * 1.35)
    w = QToolButton()
    w.setIcon(qicon(n.props.get("icon", "more"), b.t.colors["text"], size, b.t.dpr))
    w.setIconSize(QSize(size, size))
    w.setAutoRaise(not n.props.get("raised", False))
    w.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    w.setToolTip(n.props.get("label", ""))
    w.setAccessibleName(n.props.get("label", ""))
    w.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return b.bind(n, w)


@handles("icon")
def icon(b: Builder, n: Node):
    size = int(n.props.get("size", icon_size(b.t.font_px * 1.35)))
    w = QLabel()
    set_kind(w, "icon")
    color = b.t.colors["accent" if n.props.get("accent") else "muted"]
    w.setPixmap(icon_pixmap(n.props.get("icon", "star"), color, size, b.t.dpr))
    w.setFixedSize(size, size)
    return b.bind(n, w)


@handles("image")
def image(b: Builder, n: Node):
    p = n.props
    if p.get("kind") == "avatar":
        size = int(p.get("size", round(b.t.font_px * 2.5)))
        w = Picture("avatar", int(p.get("pattern", 0)), "1:1", b.t, p.get("initials", ""), size=size)
    else:
        w = Picture(p.get("kind", "photo"), int(p.get("pattern", 0)), p.get("aspect", "16:9"), b.t)
        if p.get("width"):
            w.setFixedWidth(int(p["width"]))
    return b.bind(n, w)


@handles("text_input")
def text_input(b: Builder, n: Node):
    p, state = n.props, n.state
    value = p.get("value") or ""
    if p.get("input_type") == "multiline":
        w = QPlainTextEdit(value)
        w.setPlaceholderText(p.get("placeholder", ""))
        if p.get("mono"):
            from renderers.desktop.fonts import MONO, ui_font
            w.setFont(ui_font(MONO, b.t.font_px * 0.95, b.t.locale))
            w.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        if not n.intent.get("weight") and not p.get("editor"):
            w.setFixedHeight(round(b.t.font_px * 5))
    else:
        w = QLineEdit(value)
        w.setPlaceholderText(p.get("placeholder", ""))
        if p.get("input_type") == "password":
            w.setEchoMode(QLineEdit.EchoMode.Password)
        if p.get("input_type") == "search":
            w.addAction(qicon("search", b.t.colors["muted"], 16, b.t.dpr), QLineEdit.ActionPosition.LeadingPosition)
        w.setMinimumWidth(round(b.t.font_px * 13))
    w.setProperty("invalid", bool(state.get("invalid")))
    if state.get("invalid"):
        recolor(w, QPalette.ColorRole.Base, b.t.colors["invalid_base"])
    return b.bind(n, w)


def _words(b: Builder, n: Node, w: QWidget) -> None:
    """The node of a checkbox's, radio's or switch's words (factory.core.check_labels) is the text `w` draws."""
    if n.props.get("label"):
        b.bind_part(Node(n.props["label"], "text"), w, "check_label")


@handles("checkbox", "radio")
def check(b: Builder, n: Node):
    w = (QCheckBox if n.role == "checkbox" else QRadioButton)(mnemonic_safe(n.text))
    w.setChecked(bool(n.state.get("checked")))
    _words(b, n, w)
    return b.bind(n, w)


@handles("switch")
def switch(b: Builder, n: Node):
    w = SwitchButton(n.text, b.t)
    w.setChecked(bool(n.state.get("checked")))
    _words(b, n, w)
    return b.bind(n, w)


@handles("slider")
def slider(b: Builder, n: Node):
    w = QSlider(Qt.Orientation.Horizontal)
    w.setRange(0, 100)
    w.setValue(int(n.props.get("value", 50)))
    w.setMinimumWidth(round(b.t.font_px * 12))
    return b.bind(n, w)


@handles("dropdown")
def dropdown(b: Builder, n: Node):
    w = QComboBox()
    w.addItem(n.text)
    for extra in n.props.get("options", ()):
        w.addItem(extra)
    w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    w.setMinimumWidth(round(b.t.font_px * 8))
    w.setProperty("expanded", bool(n.state.get("expanded")))  # its list is a popup node of the layout
    return b.bind(n, w)


@handles("spinbox")
def spinbox(b: Builder, n: Node):
    p = n.props
    decimals = int(p.get("decimals", 0))
    w = QDoubleSpinBox() if decimals else QSpinBox()
    if decimals:
        w.setDecimals(decimals)
    w.setLocale(QLocale(b.t.locale))
    value = p.get("value", 0)
    w.setRange(0, max(999, value * 10))
    w.setValue(value)
    if p.get("suffix"):
        w.setSuffix(p["suffix"])
    w.setMinimumWidth(round(b.t.font_px * 6))
    return b.bind(n, w)


@handles("date_picker")
def date_picker(b: Builder, n: Node):
    date = QDate.fromString(str(n.props.get("value", "2000-01-01")), "yyyy-MM-dd")
    if not date.isValid():
        date = QDate(2000, 1, 1)  # never today: output must not depend on the clock
    w = QDateEdit(date)
    locale = QLocale(b.t.locale)
    w.setLocale(locale)
    w.setDisplayFormat(locale.dateFormat(QLocale.FormatType.ShortFormat))
    w.setCalendarPopup(True)
    w.setProperty("expanded", bool(n.state.get("expanded")))  # its calendar is a popup node of the layout
    return b.bind(n, w)


@handles("progress_bar")
def progress_bar(b: Builder, n: Node):
    w = QProgressBar()
    w.setRange(0, 100)
    w.setValue(int(n.props.get("value", 0)))
    w.setTextVisible(bool(n.props.get("show_text", False)))
    w.setMinimumWidth(round(b.t.font_px * 7))
    if not n.props.get("show_text"):
        w.setFixedHeight(max(6, round(b.t.font_px * 0.6)))
    return b.bind(n, w)


@handles("scrollbar")
def scrollbar(b: Builder, n: Node):
    p = n.props
    horizontal = p.get("orientation") == "horizontal"
    w = QScrollBar(Qt.Orientation.Horizontal if horizontal else Qt.Orientation.Vertical)
    size = int(p.get("size", 30))
    w.setRange(0, 100 - size)
    w.setPageStep(size)
    w.setValue(round(int(p.get("value", 0)) * (100 - size) / 100))
    return b.bind(n, w)


@handles("badge")
def badge(b: Builder, n: Node):
    return b.bind(n, Badge(n.text, n.props.get("tone", "neutral"), b.t))


@handles("page_indicator")
def page_indicator(b: Builder, n: Node):
    return b.bind(n, PageIndicator(int(n.props.get("count", 3)), int(n.props.get("current", 0)), b.t))


@handles("tooltip")
def tooltip(b: Builder, n: Node):
    w = QLabel(n.text)
    w.setTextFormat(Qt.TextFormat.PlainText)
    set_kind(w, "tooltip")
    w.setAutoFillBackground(True)
    recolor(w, QPalette.ColorRole.Window, b.t.colors["tooltip"])
    recolor(w, QPalette.ColorRole.WindowText, b.t.colors["tooltip_text"])
    w.setFrameShape(QLabel.Shape.Box)
    w.setMargin(3)
    return b.bind(n, w)
