"""PNG encoding of a finished frame: RGB pixels -> 'Up' row filter (numpy) -> deflate -> PNG chunks.

Deflate is ISA-L's (the `isal` package, 4x faster than zlib at a similar size on busy game pictures)
when installed, else zlib's; `deflate_version()` names the one in use, and the renderer's version records
it because the bytes depend on it. Both are deterministic: the same pixels always give the same bytes.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

try:  # ISA-L's deflate; the game extra installs it
    from isal import isal_zlib as _deflate

    _NAME = "isal"
except ImportError:  # pragma: no cover - exercised only where isal is missing
    _deflate = zlib
    _NAME = "zlib"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def deflate_version() -> str:
    if _NAME == "isal":
        import isal

        return f"isal {isal.__version__}"
    return f"zlib {zlib.ZLIB_RUNTIME_VERSION}"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def surface_pixels(pygame, surface) -> np.ndarray:
    """The surface as a (height, width, 3) uint8 RGB array (read-only, no copy beyond pygame's)."""
    w, h = surface.get_size()
    return np.frombuffer(pygame.image.tobytes(surface, "RGB"), np.uint8).reshape(h, w, 3)


def png_bytes(pixels: np.ndarray, level: int = 2) -> bytes:
    """A (h, w, 3) uint8 array as an 8-bit RGB PNG; every row uses the 'Up' filter (difference to the
    row above), which suits pictures with vertical coherence and costs one numpy subtraction."""
    h, w, _ = pixels.shape
    rows = np.empty((h, 1 + 3 * w), np.uint8)
    rows[:, 0] = 2  # filter type Up
    flat = pixels.reshape(h, 3 * w)
    rows[0, 1:] = flat[0]
    np.subtract(flat[1:], flat[:-1], out=rows[1:, 1:])  # uint8 arithmetic wraps modulo 256, as PNG wants
    data = _deflate.compress(memoryview(rows).cast("B"), level if _NAME == "zlib" else min(level, 3))
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit truecolour, no interlace
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def png_bytes_pillow(pixels: np.ndarray, level: int = 6) -> bytes:
    """Pillow's PNG writer (adaptive filters, zlib), for comparison in the benchmark."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", compress_level=level)
    return buf.getvalue()
