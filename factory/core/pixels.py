"""Encoded image bytes -> RGB pixels with OpenCV's decoder (PNG, JPEG, WebP): the one decode the render pipeline and
the trainer's loader share. Same pixels as Pillow's `convert("RGB")` (alpha dropped), in under half the time."""

from __future__ import annotations

import cv2
import numpy as np

_IMREAD_RGB = getattr(cv2, "IMREAD_COLOR_RGB", None)  # OpenCV >= 4.10 decodes straight to RGB


def imdecode_rgb(data: bytes) -> np.ndarray | None:
    """(H, W, 3) uint8 RGB, or None when OpenCV cannot decode the bytes (cv2.error may also be raised)."""
    arr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), _IMREAD_RGB or cv2.IMREAD_COLOR)
    if arr is None or _IMREAD_RGB:
        return arr
    return cv2.cvtColor(arr, cv2.COLOR_BGR2RGB)
