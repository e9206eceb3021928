"""Quality checks on one measured element against the saved image. Each failure has a drop reason."""

from __future__ import annotations

import math

import numpy as np

MIN_VISIBLE_FRACTION = 0.3  # less than this is mostly hidden behind something or clipped away
MIN_SIDE_PX = 2


def pixel_box(b: tuple[float, float, float, float], width: int, height: int) -> tuple[int, int, int, int] | None:
    """Float [x, y, w, h] -> integer box covering it, clipped to the image; None when nothing is left."""
    x0, y0 = max(0, math.floor(b[0] + 1e-6)), max(0, math.floor(b[1] + 1e-6))
    x1, y1 = min(width, math.ceil(b[0] + b[2] - 1e-6)), min(height, math.ceil(b[1] + b[3] - 1e-6))
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1 - x0, y1 - y0


def full_box(b: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    x0, y0 = math.floor(b[0] + 1e-6), math.floor(b[1] + 1e-6)
    return x0, y0, math.ceil(b[0] + b[2] - 1e-6) - x0, math.ceil(b[1] + b[3] - 1e-6) - y0


def is_flat(pixels: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """True when every pixel inside the box has the same colour: nothing of the element is drawn there."""
    x, y, w, h = box
    region = pixels[y:y + h, x:x + w]
    first = region[0, 0]
    # Most boxes differ somewhere on their first row or column: answer those without scanning the area.
    if (region[0] != first).any() or (region[:, 0] != first).any():
        return False
    return bool((region == first).all())


def check(box: tuple[int, int, int, int] | None, visible_fraction: float, pixels: np.ndarray) -> str | None:
    """Drop reason for an element (None when it passes): invisible, occluded, tiny, flat."""
    if box is None:
        return "invisible"
    if visible_fraction < MIN_VISIBLE_FRACTION:
        return "occluded"
    if box[2] < MIN_SIDE_PX or box[3] < MIN_SIDE_PX:
        return "tiny"
    if is_flat(pixels, box):
        return "flat"
    return None
