"""Checks on every value that comes from data and is about to become a path or a decoded image.

Datasets are input like any other: a sample key becomes a file name in exports, a manifest entry becomes a
path to open, an image header declares a size to allocate. Each is checked here, once, before use.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from factory.core.errors import DataError

# WebDataset keys: the part before the first dot; ours are `<prefix>_<index>`. No dots, no separators.
KEY_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Images the factory writes are at most a few thousand pixels a side; a declared size past this is refused
# before any pixel is decoded (a 30000 x 30000 PNG would need 2.7 GB of RAM).
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 16_384


def check_key(key: object, where: str = "") -> str:
    """`key` if it is a safe WebDataset key (1-64 of A-Z a-z 0-9 _ -), else DataError naming `where`."""
    if not isinstance(key, str) or not KEY_RE.fullmatch(key):
        raise DataError(f"{where + ': ' if where else ''}unsafe sample key {str(key)[:80]!r}: keys are 1-64 characters "
                        f"of A-Z, a-z, 0-9, '_' and '-'; the dataset was not written by this factory or was edited")
    return key


def inside(root: Path, rel: object, where: str = "") -> Path:
    """root / rel, if `rel` is a relative path string that stays inside `root` (symlinks resolved)."""
    prefix = f"{where}: " if where else ""
    if not isinstance(rel, str) or not rel or "\x00" in rel:
        raise DataError(f"{prefix}path entry {str(rel)[:80]!r} is not a relative path")
    p = Path(rel)
    if p.is_absolute() or ".." in p.parts:
        raise DataError(f"{prefix}path entry {rel!r} leaves the dataset directory {root}; "
                        f"paths in a manifest must be relative and inside it")
    base = Path(os.path.realpath(root))
    target = Path(os.path.realpath(base / p))
    if target != base and base not in target.parents:
        raise DataError(f"{prefix}path entry {rel!r} resolves outside the dataset directory {root} (a symlink?)")
    return root / p


def image_size(data: bytes, where: str = "", max_side: int = MAX_IMAGE_SIDE) -> tuple[int, int]:
    """(width, height) read from the image header, refusing empty data and sizes past the pixel cap.

    Only the header is parsed (Pillow opens lazily), so a decompression bomb is refused before it is decoded.
    `max_side`: the cap on either side (`factory predict` lifts it to the pixel cap: a full-page screenshot
    may be 1280 x 20000)."""
    from PIL import Image, UnidentifiedImageError

    prefix = f"{where}: " if where else ""
    if not data:
        raise DataError(f"{prefix}empty image (0 bytes)")
    try:
        with Image.open(io.BytesIO(data)) as img:
            w, h = img.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise DataError(f"{prefix}not a readable image ({e})") from None
    check_size(w, h, where, max_side)
    return w, h


def check_size(w: int, h: int, where: str = "", max_side: int = MAX_IMAGE_SIDE) -> None:
    prefix = f"{where}: " if where else ""
    if w < 1 or h < 1:
        raise DataError(f"{prefix}image has no pixels ({w}x{h})")
    if w * h > MAX_IMAGE_PIXELS or max(w, h) > max_side:
        raise DataError(f"{prefix}image of {w}x{h} pixels is over the decoder's cap ({MAX_IMAGE_PIXELS:,} pixels, "
                        f"{max_side} a side); refused before decoding")
