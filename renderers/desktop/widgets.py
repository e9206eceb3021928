"""Custom-painted widgets for what Qt has no class for (switch, badge, pager dots, pictures) and for the
window furniture around a sample (dimming scrim, desktop wallpaper, dialog panel, title bar).

They paint with the sample's Theme colours so every style gets them right without QSS.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QAbstractButton, QDialog, QFrame, QLabel, QSizePolicy, QWidget

from renderers.desktop.pictures import aspect_ratio, picture_pixmap
from renderers.desktop.theme import Theme

KIND = "gfKind"  # dynamic property naming what a QLabel/QFrame/QListWidget is, like an ARIA role


def set_kind(w: QWidget, kind: str) -> QWidget:
    w.setProperty(KIND, kind)
    return w


def paint_shadow(p: QPainter, rect: QRectF, radius: float, dark: bool) -> None:
    """A soft drop shadow: a few widening translucent rounded rects (cheap, deterministic)."""
    p.setPen(Qt.PenStyle.NoPen)
    for i in range(6, 0, -1):
        p.setBrush(QColor(0, 0, 0, (14 if dark else 9) + (6 - i) * 2))
        p.drawRoundedRect(rect.adjusted(-i, -i + 2, i, i + 3), radius + i, radius + i)


class SwitchButton(QAbstractButton):
    """An on/off toggle: a checkable button painted as a track with a knob (plus an optional label)."""

    def __init__(self, text: str, theme: Theme):
        super().__init__()
        self._t = theme
        self.setCheckable(True)
        self.setText(text)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _track(self) -> QRectF:
        h = max(14.0, self.fontMetrics().height() * 1.05)
        return QRectF(1, (self.height() - h) / 2, round(h * 1.85), h)

    def track_rect(self) -> QRect:
        """Where the track is drawn, in the widget's coordinates (the switch's box)."""
        return self._track().toAlignedRect()

    def words_rect(self) -> QRect:
        """Where the words are drawn, in the widget's coordinates (empty without words)."""
        if not self.text():
            return QRect()
        fm, x = self.fontMetrics(), round(self._track().right() + self._t.gap(1.5))
        return QRect(x, (self.height() - fm.height()) // 2, min(fm.horizontalAdvance(self.text()), self.width() - x),
                     fm.height())

    def sizeHint(self) -> QSize:
        h = max(14.0, self.fontMetrics().height() * 1.05)
        w = round(h * 1.85) + 2
        if self.text():
            w += self._t.gap(1.5) + self.fontMetrics().horizontalAdvance(self.text())
        return QSize(w, round(h) + 6)

    def paintEvent(self, _event) -> None:
        t, look = self._t, self._t.look.switch
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, look != "classic")
        if not self.isEnabled():
            p.setOpacity(0.45)
        tr, on = self._track(), self.isChecked()
        knob_d = tr.height() - (4 if look != "mac" else 2)
        if look == "classic":
            p.fillRect(tr, t.color("accent") if on else t.color("base"))
            p.setPen(QPen(t.color("dark"), 1))
            p.drawLine(tr.topLeft(), tr.topRight())
            p.drawLine(tr.topLeft(), tr.bottomLeft())
            p.setPen(QPen(t.color("light"), 1))
            p.drawLine(tr.bottomLeft(), tr.bottomRight())
            p.drawLine(tr.topRight(), tr.bottomRight())
            k = QRectF(tr.right() - knob_d - 2 if on else tr.left() + 2, tr.top() + 2, knob_d, knob_d)
            p.fillRect(k, t.color("button"))
            p.setPen(QPen(t.color("light"), 1))
            p.drawLine(k.topLeft(), k.topRight())
            p.drawLine(k.topLeft(), k.bottomLeft())
            p.setPen(QPen(t.color("dark"), 1))
            p.drawLine(k.bottomLeft(), k.bottomRight())
            p.drawLine(k.topRight(), k.bottomRight())
        else:
            r = tr.height() / 2
            if on:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(t.color("accent"))
            elif look == "mac":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(t.colors["border"]))
            else:
                p.setPen(QPen(t.color("muted"), 1.2))
                p.setBrush(t.color("base"))
            p.drawRoundedRect(tr.adjusted(0.5, 0.5, -0.5, -0.5), r, r)
            d = knob_d if look == "mac" or on else knob_d - 4
            cx = tr.right() - r if on else tr.left() + r
            p.setPen(QPen(QColor(0, 0, 0, 40), 0.8) if look == "mac" else Qt.PenStyle.NoPen)
            p.setBrush(QColor("#ffffff") if (on or look == "mac") else t.color("muted"))
            p.drawEllipse(QPointF(cx, tr.center().y()), d / 2, d / 2)
        if self.hasFocus():
            p.setPen(QPen(t.color("focus"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(tr.adjusted(-2, -2, 2, 2), tr.height() / 2 + 2, tr.height() / 2 + 2)
        if self.text():
            p.setPen(self.palette().color(self.palette().ColorRole.WindowText))
            x = tr.right() + self._t.gap(1.5)
            p.drawText(QRectF(x, 0, self.width() - x, self.height()), Qt.AlignmentFlag.AlignVCenter, self.text())
        p.end()


class Badge(QLabel):
    """A small pill with a status word or a count, in one of four tones."""

    def __init__(self, text: str, tone: str, theme: Theme):
        super().__init__(text)
        set_kind(self, "badge")
        self._t, self._tone = theme, tone if tone in ("success", "warning", "info", "neutral") else "neutral"
        self.setFont(theme.font(0.85, 600))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self.text()) + self._t.gap(2.4), fm.height() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._t.color(f"{self._tone}_bg"))
        r = min(self._t.look.radius, self.height() / 2)
        p.drawRoundedRect(QRectF(self.rect()), r, r)
        p.setPen(self._t.color(self._tone))
        p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.text())
        p.end()


class PageIndicator(QWidget):
    """Pager dots: `count` dots, the `current` one filled with the accent."""

    def __init__(self, count: int, current: int, theme: Theme):
        super().__init__()
        self.count, self.current, self._t = max(1, count), current, theme
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.count * 16 + 4, 16)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        for i in range(self.count):
            on = i == self.current
            p.setBrush(self._t.color("accent") if on else self._t.color("border"))
            p.drawEllipse(QPointF(10 + i * 16, 8), 4.5 if on else 3.5, 4.5 if on else 3.5)
        p.end()


class Picture(QLabel):
    """A procedural picture that keeps its aspect ratio (height follows width); avatars have a fixed size."""

    def __init__(self, kind: str, pattern: int, aspect: str, theme: Theme, initials: str = "", size: int = 0):
        super().__init__()
        set_kind(self, "image")
        self._kind, self._pattern, self._t, self._initials = kind, pattern, theme, initials
        self._ratio = aspect_ratio(aspect) if not size else 1.0
        if size:
            self.setFixedSize(size, size)
        else:
            pol = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            pol.setHeightForWidth(True)
            self.setSizePolicy(pol)

    def hasHeightForWidth(self) -> bool:
        return self.sizePolicy().hasHeightForWidth()

    def heightForWidth(self, w: int) -> int:
        return round(w * self._ratio)

    def sizeHint(self) -> QSize:
        return QSize(280, round(280 * self._ratio)) if self.hasHeightForWidth() else self.size()

    def minimumSizeHint(self) -> QSize:
        return QSize(48, round(48 * self._ratio)) if self.hasHeightForWidth() else self.size()

    def paintEvent(self, _event) -> None:
        pm = picture_pixmap(self._kind, self._pattern, self.width(), self.height(), self._t.dpr,
                            self._t.colors["muted"], self._initials, self._t.family)
        p = QPainter(self)
        p.drawPixmap(0, 0, pm)
        p.end()


class Scrim(QWidget):
    """An overlay over a whole window: dims what is behind (unless `dim` is off) and shadows its dialog."""

    def __init__(self, theme: Theme, dim: bool = True):
        super().__init__()
        self._t, self.dim = theme, dim

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.dim:
            p.fillRect(self.rect(), QColor(0, 0, 0, 115))
        for child in self.findChildren(QDialog, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if self._t.look.shadow:
                paint_shadow(p, QRectF(child.geometry()), self._t.look.radius, self._t.dark)
        p.end()


class Desktop(QWidget):
    """A desktop wallpaper behind a free-standing dialog window."""

    def __init__(self, theme: Theme):
        super().__init__()
        self._t = theme

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        g = QLinearGradient(0, 0, self.width() * 0.4, self.height())
        g.setColorAt(0, self._t.color("wallpaper_top"))
        g.setColorAt(1, self._t.color("wallpaper_bottom"))
        p.fillRect(self.rect(), g)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(255, 255, 255, 22))
        p.drawEllipse(QPointF(self.width() * 0.8, self.height() * 0.15), self.height() * 0.45, self.height() * 0.45)
        for child in self.findChildren(QDialog, options=Qt.FindChildOption.FindDirectChildrenOnly):
            paint_shadow(p, QRectF(child.geometry()), self._t.look.radius, True)
        p.end()


class DialogPanel(QDialog):
    """A dialog drawn inside our window (Qt.Widget flags): window-coloured panel with a thin border."""

    def __init__(self, theme: Theme):
        super().__init__(None, Qt.WindowType.Widget)
        self._t = theme

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        r = self._t.look.radius
        p.setRenderHint(QPainter.RenderHint.Antialiasing, r > 0)
        p.setPen(QPen(self._t.color("border"), 1))
        p.setBrush(self._t.color("window"))
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), r, r)
        p.end()


class TitleBar(QFrame):
    """A window title bar (the window manager's decoration, which offscreen Qt does not draw)."""

    def __init__(self, theme: Theme):
        super().__init__()
        set_kind(self, "titlebar")
        self._t = theme
        self.setFixedHeight(round(theme.font_px * 2.4))

    def paintEvent(self, _event) -> None:
        t, p = self._t, QPainter(self)
        if t.look.titlebar == "win95":  # the active caption: a gradient of the accent (navy in Windows 95)
            p.fillRect(self.rect(), t.color("window"))
            g = QLinearGradient(0, 0, self.width(), 0)
            g.setColorAt(0, t.color("accent"))
            g.setColorAt(1, QColor(t.colors["accent"]).lighter(185))
            p.fillRect(self.rect().adjusted(3, 3, -3, -1), g)
        else:
            p.fillRect(self.rect(), t.color("titlebar"))
            p.setPen(QPen(t.color("border"), 1))
            p.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        p.end()
