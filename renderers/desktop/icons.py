"""A desktop icon set drawn with QPainter: stroke pictograms on a 24x24 grid, a few filled ones (folders,
files, message-box symbols) and window-frame glyphs. Pixmaps are made at the sample's DPR and cached."""

from __future__ import annotations

import re
from functools import lru_cache

TOKENS = re.compile(r"[MLCZ]|-?\d+(?:\.\d+)?")

# Each icon: a list of ops on a 24x24 grid. "p": path ("M x y L x y C x1 y1 x2 y2 x y Z", absolute only),
# "c": circle (cx, cy, r), "r": rect (x, y, w, h, radius), "d": filled dot (cx, cy, r), "f": filled path
# in the icon's fill colour, "t": text (x, y, w, h, string).
STROKES = {
    "home": [("p", "M3 11 L12 3 L21 11 L21 21 L15 21 L15 15 L9 15 L9 21 L3 21 Z")],
    "search": [("c", 10, 10, 6), ("p", "M15 15 L21 21")],
    "settings": [("c", 12, 12, 3.5), ("p", "M12 2 L12 6 M12 18 L12 22 M2 12 L6 12 M18 12 L22 12 M5 5 L7.8 7.8 "
                                           "M16.2 16.2 L19 19 M5 19 L7.8 16.2 M16.2 7.8 L19 5")],
    "bell": [("p", "M6 16 L6 11 C6 7 9 5 12 5 C15 5 18 7 18 11 L18 16 L20 18 L4 18 Z"), ("p", "M10 20 L14 20")],
    "user": [("c", 12, 8, 4), ("p", "M4 21 C4 15 8 13 12 13 C16 13 20 15 20 21")],
    "chart": [("p", "M4 20 L4 10 M10 20 L10 4 M16 20 L16 13 M22 20 L2 20")],
    "menu": [("p", "M3 6 L21 6 M3 12 L21 12 M3 18 L21 18")],
    "close": [("p", "M5 5 L19 19 M19 5 L5 19")],
    "chevron": [("p", "M9 6 L15 12 L9 18")],
    "chevron-down": [("p", "M6 9 L12 15 L18 9")],
    "heart": [("p", "M12 20 C5 15 3 12 3 8.5 C3 5 7 3 12 7.5 C17 3 21 5 21 8.5 C21 12 19 15 12 20 Z")],
    "star": [("p", "M12 3 L14.8 8.8 L21 9.7 L16.5 14.1 L17.5 20.3 L12 17.3 L6.5 20.3 L7.5 14.1 L3 9.7 L9.2 8.8 Z")],
    "trash": [("p", "M4 7 L20 7 M9 7 L9 4 L15 4 L15 7 M6 7 L7 20 L17 20 L18 7")],
    "edit": [("p", "M4 20 L8 20 L19 9 L15 5 L4 16 Z M14 6 L18 10")],
    "download": [("p", "M12 3 L12 15 M7 10 L12 15 L17 10 M4 20 L20 20")],
    "plus": [("p", "M12 5 L12 19 M5 12 L19 12")],
    "mail": [("r", 3, 6, 18, 12, 1), ("p", "M3 6 L12 13 L21 6")],
    "calendar": [("r", 4, 6, 16, 14, 1), ("p", "M4 10 L20 10 M8 3 L8 7 M16 3 L16 7")],
    "filter": [("p", "M3 5 L21 5 L14 13 L14 19 L10 21 L10 13 Z")],
    "more": [("d", 5, 12, 1.6), ("d", 12, 12, 1.6), ("d", 19, 12, 1.6)],
    "check": [("p", "M5 12 L10 17 L19 7")],
    "back": [("p", "M20 12 L4 12 M10 6 L4 12 L10 18")],
    "forward": [("p", "M4 12 L20 12 M14 6 L20 12 L14 18")],
    "up": [("p", "M12 20 L12 4 M6 10 L12 4 L18 10")],
    "refresh": [("p", "M20 12 C20 17 16 20 12 20 C7 20 4 16.5 4 12 C4 7.5 7.5 4 12 4 C15 4 17.5 5.5 19 8 "
                      "M19 3 L19 8 L14 8")],
    "undo": [("p", "M9 14 L4 9 L9 4 M4 9 L15 9 C18 9 20 11.5 20 14.5 C20 17.5 18 20 15 20 L11 20")],
    "redo": [("p", "M15 14 L20 9 L15 4 M20 9 L9 9 C6 9 4 11.5 4 14.5 C4 17.5 6 20 9 20 L13 20")],
    "cut": [("c", 6, 17, 3), ("c", 18, 17, 3), ("p", "M8 15 L18 3 M16 15 L6 3")],
    "copy": [("r", 8, 8, 12, 13, 1.5), ("p", "M16 8 L16 4 C16 3.5 15.5 3 15 3 L5 3 C4.5 3 4 3.5 4 4 L4 16 C4 16.5 "
                                              "4.5 17 5 17 L8 17")],
    "paste": [("r", 5, 5, 14, 16, 1.5), ("r", 9, 3, 6, 4, 1)],
    "save": [("p", "M4 4 L17 4 L20 7 L20 20 L4 20 Z"), ("r", 8, 4, 8, 5, 0), ("r", 7, 13, 10, 7, 0)],
    "open": [("p", "M3 19 L3 5 L9 5 L11 7 L19 7 L19 10 M3 19 L6 11 L22 11 L19 19 Z")],
    "new": [("p", "M6 3 L14 3 L19 8 L19 21 L6 21 Z M14 3 L14 8 L19 8 M12.5 11 L12.5 18 M9 14.5 L16 14.5")],
    "print": [("p", "M7 9 L7 3 L17 3 L17 9 M7 17 L4 17 L4 9 L20 9 L20 17 L17 17"), ("r", 7, 14, 10, 7, 0)],
    "play": [("p", "M7 4 L19 12 L7 20 Z")],
    "stop": [("r", 6, 6, 12, 12, 1)],
    "terminal": [("r", 3, 4, 18, 16, 2), ("p", "M7 9 L10 12 L7 15 M12 15 L17 15")],
    "code": [("p", "M8 7 L3 12 L8 17 M16 7 L21 12 L16 17 M14 4 L10 20")],
    "list": [("p", "M9 6 L21 6 M9 12 L21 12 M9 18 L21 18"), ("d", 4.5, 6, 1.3), ("d", 4.5, 12, 1.3),
             ("d", 4.5, 18, 1.3)],
    "grid": [("r", 3, 3, 7, 7, 1), ("r", 14, 3, 7, 7, 1), ("r", 3, 14, 7, 7, 1), ("r", 14, 14, 7, 7, 1)],
    "lock": [("r", 5, 11, 14, 10, 1.5), ("p", "M8 11 L8 7 C8 4.5 10 3 12 3 C14 3 16 4.5 16 7 L16 11")],
    "link": [("p", "M10 14 L14 10 M9 7 L11 5 C13 3 16 3 18 5 C20 7 20 10 18 12 L16 14 M8 10 L6 12 C4 14 4 17 6 19 "
                   "C8 21 11 21 13 19 L15 17")],
    "zoom-in": [("c", 10, 10, 6), ("p", "M15 15 L21 21 M10 7 L10 13 M7 10 L13 10")],
    "zoom-out": [("c", 10, 10, 6), ("p", "M15 15 L21 21 M7 10 L13 10")],
    "bold": [("t", 3, 2, 18, 20, "B")],
    "italic": [("p", "M10 4 L18 4 M6 20 L14 20 M14 4 L10 20")],
    "image": [("r", 3, 4, 18, 16, 1.5), ("c", 9, 9.5, 2), ("p", "M3 17 L9 12 L13 15.5 L16 13 L21 17")],
    "bug": [("r", 8, 7, 8, 13, 4), ("p", "M12 7 L12 20 M8 11 L4 9 M16 11 L20 9 M8 15 L3 15 M16 15 L21 15 "
                                         "M9 7 L7 4 M15 7 L17 4")],
    "build": [("p", "M14 4 C17 3 20 6 19 9 L21 11 L18 14 L16 12 C13 13 10 10 11 7 L4 14 L4 17 L7 20 L10 20 L17 13")],
    "git": [("c", 6, 5, 2), ("c", 6, 19, 2), ("c", 18, 8, 2), ("p", "M6 7 L6 17 M18 10 C18 14 12 13 6.5 17")],
    "window-min": [("p", "M6 12 L18 12")],
    "window-max": [("r", 6, 6, 12, 12, 0)],
    "window-restore": [("r", 6, 9, 9, 9, 0), ("p", "M9 9 L9 6 L18 6 L18 15 L15 15")],
    "window-close": [("p", "M6.5 6.5 L17.5 17.5 M17.5 6.5 L6.5 17.5")],
}
# Filled icons: (fill colour, ops in the icon's stroke colour on top).
FILLED = {
    "folder": ("#e8b64c", [("f", "M2 6 L2 20 L22 20 L22 8 L11 8 L9 5 L3 5 Z"), ("p", "M2 10 L22 10")]),
    "folder-open": ("#f0c35a", [("f", "M2 20 L2 5 L9 5 L11 7 L19 7 L19 10 L6 10 Z"),
                                ("f", "M2 20 L6 10 L23 10 L19 20 Z")]),
    "file": ("#ffffff", [("f", "M5 2 L14 2 L19 7 L19 22 L5 22 Z"), ("p", "M14 2 L14 7 L19 7")]),
    "file-code": ("#eef4ff", [("f", "M5 2 L14 2 L19 7 L19 22 L5 22 Z"), ("p", "M14 2 L14 7 L19 7 M10 11 L8 14 "
                                                                             "L10 17 M14 11 L16 14 L14 17")]),
    "file-image": ("#f2fbf2", [("f", "M5 2 L14 2 L19 7 L19 22 L5 22 Z"), ("p", "M14 2 L14 7 L19 7 M7 19 L10 14 "
                                                                              "L13 17 L15 15 L17 19 Z")]),
    "file-text": ("#ffffff", [("f", "M5 2 L14 2 L19 7 L19 22 L5 22 Z"), ("p", "M14 2 L14 7 L19 7 M8 12 L16 12 "
                                                                             "M8 15 L16 15 M8 18 L13 18")]),
    "drive": ("#c9d1d9", [("f", "M2 8 L22 8 L22 17 L2 17 Z"), ("d", 18, 12.5, 1.3)]),
    "computer": ("#9ec5f0", [("f", "M3 4 L21 4 L21 16 L3 16 Z"), ("p", "M9 20 L15 20 M12 16 L12 20")]),
    "msg-info": ("#2f7de1", [("f", "M12 2 C17.5 2 22 6.5 22 12 C22 17.5 17.5 22 12 22 C6.5 22 2 17.5 2 12 C2 6.5 "
                                   "6.5 2 12 2 Z"), ("t", 4, 3, 16, 18, "i")]),
    "msg-question": ("#2f7de1", [("f", "M12 2 C17.5 2 22 6.5 22 12 C22 17.5 17.5 22 12 22 C6.5 22 2 17.5 2 12 C2 "
                                       "6.5 6.5 2 12 2 Z"), ("t", 4, 3, 16, 18, "?")]),
    "msg-warning": ("#f2b01e", [("f", "M12 2 L23 21 L1 21 Z"), ("t", 4, 5, 16, 16, "!")]),
    "msg-error": ("#d93025", [("f", "M12 2 C17.5 2 22 6.5 22 12 C22 17.5 17.5 22 12 22 C6.5 22 2 17.5 2 12 C2 6.5 "
                                    "6.5 2 12 2 Z"), ("p", "M8 8 L16 16 M16 8 L8 16")]),
}
CIRCLE = "M12 3 C17 3 21 7 21 12 C21 17 17 21 12 21 C7 21 3 17 3 12 C3 7 7 3 12 3 Z"
FILLED.update({"mac-close": ("#ff5f57", [("f", CIRCLE)]), "mac-min": ("#febc2e", [("f", CIRCLE)]),
               "mac-max": ("#28c840", [("f", CIRCLE)])})
ON_FILL = {"msg-info": "#ffffff", "msg-question": "#ffffff", "msg-error": "#ffffff", "msg-warning": "#222222"}
KNOWN = frozenset(STROKES) | frozenset(FILLED)


def _path(spec: str):
    from PySide6.QtGui import QPainterPath

    tokens = TOKENS.findall(spec)
    path, i = QPainterPath(), 0
    while i < len(tokens):
        op = tokens[i]
        n = {"M": 2, "L": 2, "C": 6, "Z": 0}[op]
        v = [float(t) for t in tokens[i + 1:i + 1 + n]]
        if op == "M":
            path.moveTo(*v)
        elif op == "L":
            path.lineTo(*v)
        elif op == "C":
            path.cubicTo(*v)
        else:
            path.closeSubpath()
        i += 1 + n
    return path


def paint_icon(painter, name: str, color: str, x: float, y: float, size: float) -> None:
    """Draw icon `name` into the square (x, y, size) with an active painter."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPen

    if name not in KNOWN:
        raise ValueError(f"unknown desktop icon {name!r}; known: {sorted(KNOWN)}")
    fill, ops = FILLED.get(name, (None, STROKES.get(name)))
    stroke = ON_FILL.get(name, color if fill is None else "#5f6b7a")
    painter.save()
    painter.translate(x, y)
    painter.scale(size / 24, size / 24)
    painter.setRenderHint(painter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(stroke), 2.0 if fill is None else 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    for op in ops:
        kind = op[0]
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if kind == "p":
            painter.drawPath(_path(op[1]))
        elif kind == "f":
            painter.setBrush(QColor(fill))
            painter.setPen(QPen(QColor(fill).darker(135), 1.2))
            painter.drawPath(_path(op[1]))
        elif kind == "c":
            painter.drawEllipse(QRectF(op[1] - op[3], op[2] - op[3], 2 * op[3], 2 * op[3]))
        elif kind == "d":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(stroke))
            painter.drawEllipse(QRectF(op[1] - op[3], op[2] - op[3], 2 * op[3], 2 * op[3]))
        elif kind == "r":
            painter.drawRoundedRect(QRectF(op[1], op[2], op[3], op[4]), op[5], op[5])
        elif kind == "t":
            font = QFont("DejaVu Sans")
            font.setPixelSize(int(op[4] * 0.85))
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(op[1], op[2], op[3], op[4]), Qt.AlignmentFlag.AlignCenter, op[5])
    painter.restore()


@lru_cache(maxsize=512)
def icon_pixmap(name: str, color: str, size: int, dpr: float):
    """A transparent pixmap of `size` logical px at `dpr` device pixels per px."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter, QPixmap

    pm = QPixmap(round(size * dpr), round(size * dpr))
    pm.setDevicePixelRatio(dpr)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    try:
        paint_icon(p, name, color, 0, 0, size)
    finally:
        p.end()
    return pm


def icon_size(px: float) -> int:
    """Icon sizes snap to even pixels: icons look like a toolkit's fixed sizes and their pixmaps are reused."""
    return max(12, 2 * round(px / 2))


@lru_cache(maxsize=512)
def qicon(name: str, color: str, size: int, dpr: float):
    """A QIcon holding the icon at the sample's DPR (and at 1x for styles that ask for small sizes)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    icon.addPixmap(icon_pixmap(name, color, size, dpr))
    if dpr != 1.0:
        icon.addPixmap(icon_pixmap(name, color, size, 1.0))
    return icon
