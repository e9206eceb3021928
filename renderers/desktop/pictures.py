"""Procedural pictures drawn with QPainter (photos, charts, avatars, wizard watermarks), deterministic from a
pattern number, at the size and DPR they are shown at."""

from __future__ import annotations

import random
from functools import lru_cache

PALETTES = (
    ("#1e3a8a", "#60a5fa", "#fbbf24"), ("#14532d", "#86efac", "#f97316"), ("#7c2d12", "#fdba74", "#0ea5e9"),
    ("#581c87", "#d8b4fe", "#facc15"), ("#0f172a", "#38bdf8", "#f472b6"), ("#134e4a", "#5eead4", "#ef4444"),
)


def aspect_ratio(aspect: str) -> float:
    """'16:9' -> height / width."""
    w, h = (float(x) for x in aspect.split(":"))
    return h / w


def _photo(p, r: random.Random, w: float, h: float) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QLinearGradient, QPolygonF

    a, b, c = r.choice(PALETTES)
    g = QLinearGradient(0, 0, 0, h)
    g.setColorAt(0, QColor(b))
    g.setColorAt(1, QColor(a))
    p.fillRect(QRectF(0, 0, w, h), g)
    p.setBrush(QColor(c))
    rad = r.uniform(0.05, 0.12) * min(w, h) * 2
    p.drawEllipse(QPointF(r.uniform(0.1, 0.9) * w, r.uniform(0.1, 0.4) * h), rad, rad)
    for layer in range(r.randint(1, 3)):
        pts = [QPointF(0, h)]
        x = 0.0
        while x <= w + 40:
            pts.append(QPointF(x, r.uniform(0.35, 0.95) * h))
            x += r.uniform(0.1, 0.22) * w
        pts.append(QPointF(w, h))
        p.setBrush(QColor(0, 0, 0, (50, 85, 120)[layer]))
        p.drawPolygon(QPolygonF(pts))


def _bars(p, r: random.Random, w: float, h: float, fg: str) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QPen

    _, b, c = r.choice(PALETTES)
    n = r.randint(5, 12)
    left, bottom = 0.1 * w, 0.9 * h
    p.setPen(QPen(QColor(fg), 1))
    p.drawLine(QPointF(left, 0.05 * h), QPointF(left, bottom))
    p.drawLine(QPointF(left, bottom), QPointF(w - 4, bottom))
    p.setPen(QColor(0, 0, 0, 0))
    bw = (w - left - 8) / n
    for i in range(n):
        bh = r.uniform(0.1, 0.8) * h
        p.setBrush(QColor(b if i % 3 else c))
        p.drawRect(QRectF(left + 4 + i * bw, bottom - bh, bw * 0.7, bh))


def _line(p, r: random.Random, w: float, h: float, fg: str) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QPen

    _, b, c = r.choice(PALETTES)
    grid = QColor(fg)
    grid.setAlpha(60)
    p.setPen(QPen(grid, 1))
    for i in range(1, 6):
        p.drawLine(QPointF(0.08 * w, i * h / 6), QPointF(w - 4, i * h / 6))
    for color in (b, c)[: r.randint(1, 2)]:
        p.setPen(QPen(QColor(color), max(2.0, h / 90)))
        pts = [QPointF(0.08 * w + i * (0.9 * w) / 11, r.uniform(0.1, 0.85) * h) for i in range(12)]
        p.drawPolyline(pts)


def _pie(p, r: random.Random, w: float, h: float) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    cols = r.choice(PALETTES) + ("#94a3b8",)
    rad = min(w, h) / 2 - 6
    rect = QRectF(w / 2 - rad, h / 2 - rad, 2 * rad, 2 * rad)
    cuts = [0.0] + sorted(r.random() for _ in range(3)) + [1.0]
    for i in range(4):
        p.setBrush(QColor(cols[i]))
        p.drawPie(rect, round(90 * 16 - cuts[i] * 5760), round(-(cuts[i + 1] - cuts[i]) * 5760))


def _avatar(p, r: random.Random, w: float, h: float, initials: str, family: str) -> None:
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont

    a, b, _ = r.choice(PALETTES)
    p.setBrush(QColor(a))
    p.drawEllipse(QRectF(0, 0, w, h))
    font = QFont()
    font.setFamilies([family, "Noto Sans CJK JP"])
    font.setPixelSize(max(6, round(h * 0.42)))
    p.setFont(font)
    p.setPen(QColor(b))
    p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter, initials)


def _watermark(p, r: random.Random, w: float, h: float) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QLinearGradient

    a, b, c = r.choice(PALETTES)
    g = QLinearGradient(0, 0, w * 0.3, h)
    g.setColorAt(0, QColor(a))
    g.setColorAt(1, QColor(b))
    p.fillRect(QRectF(0, 0, w, h), g)
    for _ in range(r.randint(3, 6)):
        col = QColor(c if r.random() < 0.4 else "#ffffff")
        col.setAlpha(r.randint(40, 110))
        p.setBrush(col)
        rad = r.uniform(0.15, 0.5) * w
        p.drawEllipse(QPointF(r.uniform(0, w), r.uniform(0, h)), rad, rad)


@lru_cache(maxsize=4)  # a picture is painted once per sample; big pixmaps must not pile up
def picture_pixmap(kind: str, pattern: int, w: int, h: int, dpr: float, fg: str = "#888888", initials: str = "",
                   family: str = "Noto Sans"):
    """A pixmap of w x h logical px at `dpr` showing picture `kind` number `pattern`."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter, QPixmap

    pm = QPixmap(max(1, round(w * dpr)), max(1, round(h * dpr)))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setPen(Qt.PenStyle.NoPen)
    r = random.Random(pattern)
    try:
        _draw(p, kind, r, w, h, fg, initials, family)
    finally:
        p.end()
    return pm


def _draw(p, kind: str, r: random.Random, w: int, h: int, fg: str, initials: str, family: str) -> None:
    if kind == "photo":
        _photo(p, r, w, h)
    elif kind == "chart-bar":
        _bars(p, r, w, h, fg)
    elif kind == "chart-line":
        _line(p, r, w, h, fg)
    elif kind == "chart-pie":
        _pie(p, r, w, h)
    elif kind == "avatar":
        _avatar(p, r, w, h, initials, family)
    elif kind == "watermark":
        _watermark(p, r, w, h)
    else:
        raise ValueError(f"unknown picture kind {kind!r}")


__all__ = ["aspect_ratio", "picture_pixmap"]
