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

    def reduction(self) -> int:
        """The largest JPEG decode reduction (DCT scaling: 2, 4 or 8; 1 for none) whose image is still at least
        `size` in both dimensions: a 1280x800 screen into 512x320 is decoded at 640x400, not at full size."""
        w, h = self.size
        for k in (8, 4, 2):
            if reduced_size(self.in_w, k) >= w and reduced_size(self.in_h, k) >= h:
                return k
        return 1

    def image(self, rgb: np.ndarray, fill: int = 0, reduced: int = 1) -> np.ndarray:
        """(in_h, in_w, 3) uint8 -> (out_h, out_w, 3) uint8, image at the top-left, `fill` elsewhere.

        `reduced` k: `rgb` was decoded at 1/k scale (`decode_reduced`; its sides rounded up, as libjpeg does).
        It is resized to the same `size`, so `boxes`, `factors` and `scale` (all from the full input size)
        map exactly as for a full decode."""
        ih, iw = reduced_size(self.in_h, reduced), reduced_size(self.in_w, reduced)
        if rgb.shape[:2] != (ih, iw):
            at = f" at 1/{reduced} scale" if reduced > 1 else ""
            raise ValueError(f"image is {rgb.shape[1]}x{rgb.shape[0]}, letterbox expects {iw}x{ih}{at}")
        w, h = self.size
        scale = self.scale * reduced  # of what is left to do (self.scale itself for a full decode)
        # INTER_AREA averages the source pixels: thin text strokes survive a 2.5x reduction. Reducing by a
        # whole factor first takes OpenCV's fast integer path: the same averages (mean difference 0.25 of
        # 255 on screenshots), 30% less time.
        k = int(1 / scale) if scale < 0.5 else 1
        if k > 1:  # (at least one pixel a side: a 20000 x 1 image is reduced to 512 x 1, not to 512 x 0)
            rgb = cv2.resize(rgb, (max(1, iw // k), max(1, ih // k)), interpolation=cv2.INTER_AREA)
        small = cv2.resize(rgb, (w, h), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
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


def reduced_size(side: int, k: int) -> int:
    """A side of an image decoded at 1/k scale: rounded up (libjpeg's DCT scaling, hence OpenCV's and Pillow's)."""
    return -(-side // k)


def is_jpeg(data: bytes) -> bool:
    return data[:3] == b"\xff\xd8\xff"


def letterboxed(data: bytes, width: int, height: int, where: str = "", jpeg_draft: bool = True
                ) -> tuple[np.ndarray, Letterbox]:
    """Encoded image -> ((height, width, 3) uint8 canvas, its Letterbox), as the trainer's loader reads a sample.

    A JPEG going to at most half its size (a 1280x800 screen into 512x320 or 640x384) is decoded at 1/2, 1/4 or
    1/8 scale inside the decoder (`Letterbox.reduction`; DCT scaling, as Pillow's `draft`): less work than
    decoding every pixel and then averaging them away. The Letterbox is the full image's, so boxes map exactly as
    for a full decode. `jpeg_draft=False` decodes a JPEG in full; PNG and WebP always are."""
    in_w, in_h = _checked_size(data, where, MAX_IMAGE_SIDE)
    lb = Letterbox(in_w, in_h, width, height)
    k = lb.reduction() if jpeg_draft and is_jpeg(data) else 1
    rgb = _decode(data, where, k)
    if rgb.shape[:2] != (reduced_size(in_h, k), reduced_size(in_w, k)):  # a header that disagrees with the pixels
        at = f" at 1/{k} scale" if k > 1 else ""
        raise BadImage(f"{where + ': ' if where else ''}image decodes to {rgb.shape[1]}x{rgb.shape[0]}{at}; its "
                       f"header says {in_w}x{in_h}")
    return lb.image(rgb, reduced=k), lb


def decode_rgb(data: bytes, where: str = "", max_side: int = MAX_IMAGE_SIDE) -> np.ndarray:
    """PNG/JPEG/WebP bytes -> (H, W, 3) uint8 RGB. OpenCV's decoder: same pixels as PIL's, less overhead.

    The header is read first (factory.core.guards.image_size): empty data and images over the decoder's pixel cap
    (a decompression bomb: 30000 x 30000 would need 2.7 GB) raise BadImage before a pixel is decoded."""
    _checked_size(data, where, max_side)
    return _decode(data, where, 1)


def _checked_size(data: bytes, where: str, max_side: int) -> tuple[int, int]:
    try:
        return image_size(data, where, max_side)
    except DataError as e:
        raise BadImage(str(e)) from None


# OpenCV's reduced reads: libjpeg's DCT scaling for a JPEG (sides rounded up); any other format would be decoded in
# full and then resized, so `letterboxed` asks for them only for JPEG.
_REDUCED = {2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4, 8: cv2.IMREAD_REDUCED_COLOR_8}


def _decode(data: bytes, where: str, k: int) -> np.ndarray:
    """Bytes whose size was checked -> (H, W, 3) uint8 RGB, a JPEG at 1/k scale when k > 1."""
    prefix = f"{where}: " if where else ""
    try:
        if k == 1:
            arr = imdecode_rgb(data)
        else:  # (the reduced flags decode to BGR only)
            arr = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), _REDUCED[k])
            arr = None if arr is None else cv2.cvtColor(arr, cv2.COLOR_BGR2RGB)
    except cv2.error as e:
        reason = (str(e).strip().splitlines() or ["?"])[-1][:200]  # OpenCV's last line says what went wrong
        raise BadImage(f"{prefix}undecodable image ({reason})") from None
    if arr is None:
        raise BadImage(f"{prefix}undecodable image bytes")
    return arr
