"""QImage -> PNG bytes (and the same pixels as an array), written here: rows unfiltered, deflated by libdeflate.

UI screenshots are long runs of flat colour, which deflate finds without PNG's per-row filters; Qt converts
straight into the PNG scanline buffer and libdeflate (renderers.png) compresses it in one call. The bytes depend
only on the pixels and the libdeflate build (part of the renderer version). See benchmarks/render_desktop.py.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPainter

from renderers.png import png_from_scanlines

DEFLATE_LEVEL = 2  # libdeflate: faster and smaller than its level 1 on UI screens (benchmarks/README.md)

def encode_png(image: QImage) -> tuple[bytes, np.ndarray]:
    """An 8-bit RGB PNG of `image` (no alpha, no ancillary chunks) and its pixels as an (h, w, 3) array."""
    h, w = image.height(), image.width()
    raw = np.zeros((h, w * 3 + 1), np.uint8)  # PNG's scanlines: a filter byte (0: None), then RGB
    # Qt converts straight into the scanlines: an RGB888 image over raw's bytes, one row stride apart.
    rows = QImage(memoryview(raw).cast("B")[1:], w, h, w * 3 + 1, QImage.Format.Format_RGB888)
    rows.setDevicePixelRatio(image.devicePixelRatio())  # same DPR: a pixel-for-pixel copy, no scaling
    painter = QPainter(rows)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    painter.drawImage(0, 0, image)
    painter.end()
    del rows
    return png_from_scanlines(raw, DEFLATE_LEVEL), raw[:, 1:].reshape(h, w, 3)
