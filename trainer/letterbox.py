"""Aspect-preserving resize into a fixed canvas (letterbox), and the same map for boxes, both ways.

Screenshots are wide and full of small text: squashing them into a square destroys the text, so the
image is scaled by one factor to fit the canvas and padded at the right and bottom. Placing it at the
top-left corner makes the inverse map a single division: x_in = x_canvas / scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from factory.core.errors import DataError
from factory.core.guards import MAX_IMAGE_SIDE, image_size
from factory.core.pixels import imdecode_rgb
from trainer.faults import BadImage

# OpenCV's own thread pool is not fork-safe: a DataLoader worker forked after the pool started hangs in
# its first cv2 call. One 512x320 resize needs no threads, and decoding parallelism comes from workers.
cv2.setNumThreads(0)


@dataclass(frozen=True)
class Letterbox:
    """The map from an input image (in_w x in_h) into a canvas (out_w x out_h)."""

    in_w: int
    in_h: int
    out_w: int
    out_h: int

    @property
    def scale(self) -> float:
        return min(self.out_w / self.in_w, self.out_h / self.in_h)

    @property
    def size(self) -> tuple[int, int]:
        """(w, h) of the resized image inside the canvas; the rest is padding."""
        s = self.scale
        return max(1, min(self.out_w, round(self.in_w * s))), max(1, min(self.out_h, round(self.in_h * s)))

    def image(self, rgb: np.ndarray, fill: int = 0) -> np.ndarray:
        """(in_h, in_w, 3) uint8 -> (out_h, out_w, 3) uint8, image at the top-left, `fill` elsewhere."""
        if rgb.shape[:2] != (self.in_h, self.in_w):
            raise ValueError(f"image is {rgb.shape[1]}x{rgb.shape[0]}, letterbox expects {self.in_w}x{self.in_h}")
        w, h = self.size
        # INTER_AREA averages the source pixels: thin text strokes survive a 2.5x reduction. Reducing by a
        # whole factor first takes OpenCV's fast integer path: the same averages (mean difference 0.25 of
        # 255 on screenshots), 30% less time.
        k = int(1 / self.scale) if self.scale < 0.5 else 1
        if k > 1:  # (at least one pixel a side: a 20000 x 1 image is reduced to 512 x 1, not to 512 x 0)
            rgb = cv2.resize(rgb, (max(1, self.in_w // k), max(1, self.in_h // k)), interpolation=cv2.INTER_AREA)
        small = cv2.resize(rgb, (w, h), interpolation=cv2.INTER_AREA if self.scale < 1 else cv2.INTER_LINEAR)
        canvas = np.full((self.out_h, self.out_w, 3), fill, dtype=np.uint8)
        canvas[:h, :w] = small
        return canvas

    @property
    def factors(self) -> np.ndarray:
        """Per-axis scale [sx, sy, sx, sy] of the resized image: its size is rounded to whole pixels, so
        sx = w / in_w and sy = h / in_h differ from `scale` by up to half a pixel over the image."""
        w, h = self.size
        return np.array([w / self.in_w, h / self.in_h, w / self.in_w, h / self.in_h], dtype=np.float64)

    def boxes(self, xywh: np.ndarray) -> np.ndarray:
        """(N, 4) [x, y, w, h] in input pixels -> the same boxes in canvas pixels (float32)."""
        return (np.asarray(xywh, dtype=np.float64).reshape(-1, 4) * self.factors).astype(np.float32)

    def unboxes(self, xywh: np.ndarray) -> np.ndarray:
        """(N, 4) [x, y, w, h] in canvas pixels -> input pixels, clipped to the input image."""
        b = (np.asarray(xywh, dtype=np.float64).reshape(-1, 4) / self.factors).astype(np.float32)
        x0 = np.clip(b[:, 0], 0, self.in_w)
        y0 = np.clip(b[:, 1], 0, self.in_h)
        x1 = np.clip(b[:, 0] + b[:, 2], 0, self.in_w)
        y1 = np.clip(b[:, 1] + b[:, 3], 0, self.in_h)
        return np.stack([x0, y0, x1 - x0, y1 - y0], axis=1)


def decode_rgb(data: bytes, where: str = "", max_side: int = MAX_IMAGE_SIDE) -> np.ndarray:
    """PNG/JPEG/WebP bytes -> (H, W, 3) uint8 RGB. OpenCV's decoder: same pixels as PIL's, less overhead.

    The header is read first (factory.core.guards.image_size): empty data and images over the decoder's pixel cap
    (a decompression bomb: 30000 x 30000 would need 2.7 GB) raise BadImage before a pixel is decoded."""
    prefix = f"{where}: " if where else ""
    try:
        image_size(data, where, max_side)
    except DataError as e:
        raise BadImage(str(e)) from None
    try:
        arr = imdecode_rgb(data)
    except cv2.error as e:
        reason = (str(e).strip().splitlines() or ["?"])[-1][:200]  # OpenCV's last line says what went wrong
        raise BadImage(f"{prefix}undecodable image ({reason})") from None
    if arr is None:
        raise BadImage(f"{prefix}undecodable image bytes")
    return arr
