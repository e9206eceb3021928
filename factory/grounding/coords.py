"""Coordinate conventions of the answers in conversations.jsonl.

- pixels: integer pixels of the image; a point is the pixel holding the centre of the visible box,
  (x + w // 2, y + h // 2); a box is its corners (x, y), (x + w, y + h), the second exclusive.
- norm1000: integers 0..1000, round(v * 1000 / size), as Qwen2-VL writes them: 0 -> 0, the image's width -> 1000.
- florence: Florence-2's location tokens <loc_0>..<loc_999>: floor(v * 1000 / size) clamped to 999 (the bin
  that holds v; Florence-2's processor quantizes so), so 0 -> 0 and the image's width -> 999.

The answer is the click point "(x, y)" / "<loc_x><loc_y>", or with --target box the box
"(x1, y1), (x2, y2)" / "<loc_x1><loc_y1><loc_x2><loc_y2>".
"""

from __future__ import annotations

import math

COORDS = ("pixels", "norm1000", "florence")
TARGETS = ("point", "box")


def norm1000(v: float, size: int) -> int:
    return min(1000, max(0, math.floor(v * 1000 / size + 0.5)))


def florence(v: float, size: int) -> int:
    return min(999, max(0, math.floor(v * 1000 / size)))


def point(bbox: list[int]) -> tuple[int, int]:
    """The click point in pixels: the pixel holding the centre of the visible box (inside it for any size)."""
    x, y, w, h = bbox
    return x + w // 2, y + h // 2


def answer(bbox: list[int], width: int, height: int, coords: str, target: str) -> str:
    """The assistant's answer for an element with visible box `bbox` in a width x height image."""
    x, y, w, h = bbox
    if target == "point":
        if coords == "pixels":
            return "({}, {})".format(*point(bbox))
        cx, cy = x + w / 2, y + h / 2  # the exact centre, quantized once
        if coords == "norm1000":
            return f"({norm1000(cx, width)}, {norm1000(cy, height)})"
        return f"<loc_{florence(cx, width)}><loc_{florence(cy, height)}>"
    x2, y2 = x + w, y + h
    if coords == "pixels":
        return f"({x}, {y}), ({x2}, {y2})"
    if coords == "norm1000":
        return f"({norm1000(x, width)}, {norm1000(y, height)}), ({norm1000(x2, width)}, {norm1000(y2, height)})"
    return "".join(f"<loc_{florence(v, size)}>" for v, size in ((x, width), (y, height), (x2, width), (y2, height)))
