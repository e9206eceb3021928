"""PNG encoding of a finished frame: RGB pixels -> 'Up' row filter (numpy) -> libdeflate (renderers.png).

Game pictures are busy (gradients, textures, particles): the Up filter (difference to the row above) finds their
vertical coherence at the cost of one numpy subtraction, where PNG's adaptive filters cost far more.
"""

from __future__ import annotations

import numpy as np

from renderers.png import FILTER_UP, deflate_version, png_from_scanlines

__all__ = ["deflate_version", "png_bytes", "png_bytes_pillow", "surface_pixels", "up_scanlines"]


def surface_pixels(pygame, surface) -> np.ndarray:
    """The surface as a (height, width, 3) uint8 RGB array (read-only, no copy beyond pygame's)."""
    w, h = surface.get_size()
    return np.frombuffer(pygame.image.tobytes(surface, "RGB"), np.uint8).reshape(h, w, 3)


def up_scanlines(pixels: np.ndarray) -> np.ndarray:
    """A (h, w, 3) uint8 array as PNG scanlines, every row 'Up'-filtered: an (h, 1 + 3w) uint8 array."""
    h, w, _ = pixels.shape
    rows = np.empty((h, 1 + 3 * w), np.uint8)
    rows[:, 0] = FILTER_UP
    flat = pixels.reshape(h, 3 * w)
    rows[0, 1:] = flat[0]
    np.subtract(flat[1:], flat[:-1], out=rows[1:, 1:])  # uint8 arithmetic wraps modulo 256, as PNG wants
    return rows


def png_bytes(pixels: np.ndarray, level: int = 1) -> bytes:
    """A (h, w, 3) uint8 array as an 8-bit RGB PNG, every row 'Up'-filtered, deflated at libdeflate `level`."""
    return png_from_scanlines(up_scanlines(pixels), level)


def png_bytes_pillow(pixels: np.ndarray, level: int = 6) -> bytes:
    """Pillow's PNG writer (adaptive filters, zlib), for comparison in the benchmark."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG", compress_level=level)
    return buf.getvalue()
