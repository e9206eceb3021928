"""QImage -> PNG bytes (and the same pixels as an array), written here: rows unfiltered, deflated by ISA-L.

UI screenshots are long runs of flat colour, which deflate finds without PNG's per-row filters, and ISA-L's
deflate (level 1) is about 8x faster than zlib's fastest level at 10-15% more bytes. Together that makes
encoding ~10x faster than Qt's own PNG writer. The bytes depend only on the pixels and the ISA-L version
(part of the renderer version). See benchmarks/render_desktop.py.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from PySide6.QtGui import QImage, QPainter

from renderers.base import RendererError

try:
    from isal import isal_zlib
except ImportError as e:  # pragma: no cover - exercised only without the extra
    raise RendererError("the desktop renderer needs ISA-L's deflate: pip install 'gui-factory[desktop]' "
                        "(package isal)") from e

DEFLATE_LEVEL = 1
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


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
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit truecolour, no interlace
    png = SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", isal_zlib.compress(raw, DEFLATE_LEVEL)) \
        + _chunk(b"IEND", b"")
    return png, raw[:, 1:].reshape(h, w, 3)
